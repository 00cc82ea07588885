/// What a claimant needs to attend an interview (8.66–8.81): where they live and how far they can travel, an interpreter
/// in their language and dialect, and the arrangements a child, a parent or a disabled claimant needs. Recorded on the
/// claim as an event, so a booker works from the latest needs and every change is kept.
public struct InterviewNeeds: Codable, Sendable, Hashable {
    /// Where the claimant lives (accommodation), to find the nearest location.
    public var home: GeoPoint
    /// How far they can travel to an interview, in kilometres.
    public var maximumTravelKm: Int
    /// nil when no interpreter is needed.
    public var language: InterpreterLanguage?
    /// The kind of interview the claim needs; a known complex claim needs a double slot.
    public var kind: InterviewKind
    /// A child's interview needs a responsible adult; a child's claim is not booked until one is arranged.
    public var responsibleAdultArranged: Bool
    public var needsStepFreeAccess: Bool
    public var needsTransport: Bool
    public var needsChildcare: Bool
    /// Detained claimants have 24 hours to explain a failure to attend (10.43).
    public var detained: Bool
    /// Anything else the booker should know.
    public var notes: String?

    public init(
        home: GeoPoint, maximumTravelKm: Int, language: InterpreterLanguage?, kind: InterviewKind, responsibleAdultArranged: Bool = false,
        needsStepFreeAccess: Bool = false, needsTransport: Bool = false, needsChildcare: Bool = false, detained: Bool = false, notes: String? = nil
    ) {
        self.home = home
        self.maximumTravelKm = maximumTravelKm
        self.language = language
        self.kind = kind
        self.responsibleAdultArranged = responsibleAdultArranged
        self.needsStepFreeAccess = needsStepFreeAccess
        self.needsTransport = needsTransport
        self.needsChildcare = needsChildcare
        self.detained = detained
        self.notes = notes
    }

    /// The arrangements in words, for the booker and the invitation.
    public var arrangements: [String] {
        var lines: [String] = []
        if needsTransport { lines.append("Transport to be arranged") }
        if needsChildcare { lines.append("Childcare to be arranged") }
        if needsStepFreeAccess { lines.append("Step-free access") }
        if responsibleAdultArranged { lines.append("Responsible adult attending") }
        if detained { lines.append("Detained") }
        return lines
    }
}

/// Where and when an interview is, and who is in the room. The same time on the same resource can never be held twice:
/// the store holds every five minutes of it under a unique key.
public struct InterviewSlotChoice: Codable, Sendable, Hashable {
    public var date: LocalDate
    /// Minutes after midnight.
    public var start: Int
    /// Minutes booked (the policy's slot length for the kind, with a child's breaks).
    public var minutes: Int
    public var location: String
    public var room: String
    /// nil when no interpreter is needed.
    public var interpreter: String?
    public var decisionMaker: StaffID

    public init(date: LocalDate, start: Int, minutes: Int, location: String, room: String, interpreter: String?, decisionMaker: StaffID) {
        self.date = date
        self.start = start
        self.minutes = minutes
        self.location = location
        self.room = room
        self.interpreter = interpreter
        self.decisionMaker = decisionMaker
    }

    /// "Tuesday 1 December 2026, 09:30 to 11:30".
    public var when: String {
        "\(date.weekday.name) \(date.longForm), \(InterviewResourceRules.clockTime(start)) to \(InterviewResourceRules.clockTime(start + minutes))"
    }
}

/// How a letter reaches its recipients.
public enum LetterMethod: String, Codable, Sendable, CaseIterable {
    case post
    case email
    /// Handed to the claimant in person (for example in detention).
    case inPerson = "in-person"

    public var title: String {
        switch self {
        case .post: "Post"
        case .email: "Email"
        case .inPerson: "In person"
        }
    }
}

/// The letters interview logistics produces.
public enum LetterKind: String, Codable, Sendable, CaseIterable {
    case interviewInvitation = "interview-invitation"
    case failureToAttend = "failure-to-attend"
    /// The decision served on a grant (8.111) or a refusal (8.112).
    case decisionGrant = "decision-grant"
    case decisionRefusal = "decision-refusal"

    public var title: String {
        switch self {
        case .interviewInvitation: "Interview invitation"
        case .failureToAttend: "Failure to attend"
        case .decisionGrant: "Decision: grant"
        case .decisionRefusal: "Decision: refusal"
        }
    }
}

/// A letter as produced and recorded: what, to whom, dated when, sent how, by whom (issue 4: "the invitation letter is
/// produced and recorded").
public struct Letter: Codable, Sendable, Hashable {
    public var kind: LetterKind
    /// The date the letter carries (and is sent on).
    public var dated: LocalDate
    /// "The claimant", and the representative when there is one.
    public var recipients: [String]
    public var method: LetterMethod
    public var producedBy: StaffID
    /// The text as sent.
    public var body: String

    public init(kind: LetterKind, dated: LocalDate, recipients: [String], method: LetterMethod, producedBy: StaffID, body: String) {
        self.kind = kind
        self.dated = dated
        self.recipients = recipients
        self.method = method
        self.producedBy = producedBy
        self.body = body
    }
}

/// An interview booked for a claim, with its invitation.
public struct InterviewBooking: Codable, Sendable, Hashable {
    /// Numbered from 1 within the claim.
    public var number: Int
    public var kind: InterviewKind
    public var slot: InterviewSlotChoice
    /// The interpreter's language for this interview; nil when none is needed.
    public var language: InterpreterLanguage?
    /// The interview this one replaces (a rebooking), with its date, so rebooking dates are never lost (fig 24).
    public var replaces: Int?
    /// Why this option was chosen, as the booker saw it.
    public var reason: String
    public var invitation: Letter

    public init(number: Int, kind: InterviewKind, slot: InterviewSlotChoice, language: InterpreterLanguage?, replaces: Int?, reason: String, invitation: Letter) {
        self.number = number
        self.kind = kind
        self.slot = slot
        self.language = language
        self.replaces = replaces
        self.reason = reason
        self.invitation = invitation
    }
}

/// Why an interview was cancelled (fig 24: reasons were never recorded; interpreter issues were said to be 40%).
public enum CancellationReason: String, Codable, Sendable, CaseIterable {
    case interpreterUnavailable = "interpreter-unavailable"
    case interpreterWrongLanguage = "interpreter-wrong-language"
    case interpreterConflict = "interpreter-conflict"
    case decisionMakerUnavailable = "decision-maker-unavailable"
    case claimantIll = "claimant-ill"
    case claimantRequest = "claimant-request"
    case representativeUnavailable = "representative-unavailable"
    case roomOrSiteUnavailable = "room-or-site-unavailable"
    case technicalFailure = "technical-failure"
    case claimantMoved = "claimant-moved"
    case other

    public var title: String {
        switch self {
        case .interpreterUnavailable: "Interpreter unavailable"
        case .interpreterWrongLanguage: "Interpreter in the wrong language or dialect"
        case .interpreterConflict: "Interpreter conflict of interest"
        case .decisionMakerUnavailable: "Decision maker unavailable"
        case .claimantIll: "Claimant ill"
        case .claimantRequest: "Claimant asked to postpone"
        case .representativeUnavailable: "Representative unavailable"
        case .roomOrSiteUnavailable: "Room or site unavailable"
        case .technicalFailure: "Technical failure (video link, systems)"
        case .claimantMoved: "Claimant moved accommodation"
        case .other: "Other"
        }
    }

    /// Whether the interpreter was the cause, so the interpreter share can be measured rather than guessed.
    public var isInterpreterProblem: Bool { [.interpreterUnavailable, .interpreterWrongLanguage, .interpreterConflict].contains(self) }
}

/// Who called off an interview.
public enum CancelledBy: String, Codable, Sendable, CaseIterable {
    case homeOffice = "home-office"
    case claimant
    case representative
    case interpreterSupplier = "interpreter-supplier"

    public var title: String {
        switch self {
        case .homeOffice: "Home Office"
        case .claimant: "Claimant"
        case .representative: "Representative"
        case .interpreterSupplier: "Interpreter supplier"
        }
    }
}

/// What happened at (or to) a booked interview, as fig 24 counts outcomes.
public enum InterviewOutcome: Codable, Sendable, Hashable {
    /// Held and finished. Over two hours needs a senior caseworker's agreement (9.30), recorded by name.
    case completed(actualMinutes: Int, seniorCaseworkerAgreement: StaffID?)
    case cancelled(reason: CancellationReason, by: CancelledBy, note: String?)
    /// The claimant did not come: the failure-to-attend letter and the response deadline go with it (10.42–10.43).
    case noShow(letter: Letter, respondBy: Instant)
    /// Started and stopped (the claimant became unwell, a safeguarding concern arose).
    case suspended(reason: String)
    /// More is needed: a continuation interview, agreed by a technical specialist (9.30).
    case continuationNeeded(technicalSpecialistAgreement: StaffID, note: String?)
    /// The claim was withdrawn before the interview.
    case withdrawn

    /// The outcome's code, as fig 24 and the API name it.
    public var code: String {
        switch self {
        case .completed: "completed"
        case .cancelled: "cancelled"
        case .noShow: "no-show"
        case .suspended: "suspended"
        case .continuationNeeded: "continuation-needed"
        case .withdrawn: "withdrawn"
        }
    }

    public var title: String {
        switch self {
        case .completed: "Completed"
        case .cancelled: "Cancelled"
        case .noShow: "Did not attend"
        case .suspended: "Suspended"
        case .continuationNeeded: "Continuation needed"
        case .withdrawn: "Withdrawn"
        }
    }

    /// Every outcome's code, in fig 24's order.
    public static let codes = ["completed", "cancelled", "no-show", "suspended", "continuation-needed", "withdrawn"]
}

extension InterviewOutcome {
    private enum CodingKeys: String, CodingKey {
        case code, actualMinutes, seniorCaseworkerAgreement, reason, cancelledBy, note, letter, respondBy, technicalSpecialistAgreement
    }

    /// Flat, with the code first, as people and other tools read it: `{"code": "no-show", "letter": …, "respondBy": …}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .code) {
        case "completed":
            self = .completed(
                actualMinutes: try container.decode(Int.self, forKey: .actualMinutes),
                seniorCaseworkerAgreement: try container.decodeIfPresent(StaffID.self, forKey: .seniorCaseworkerAgreement)
            )
        case "cancelled":
            self = .cancelled(
                reason: try container.decode(CancellationReason.self, forKey: .reason), by: try container.decode(CancelledBy.self, forKey: .cancelledBy),
                note: try container.decodeIfPresent(String.self, forKey: .note)
            )
        case "no-show":
            self = .noShow(letter: try container.decode(Letter.self, forKey: .letter), respondBy: try container.decode(Instant.self, forKey: .respondBy))
        case "suspended": self = .suspended(reason: try container.decode(String.self, forKey: .reason))
        case "continuation-needed":
            self = .continuationNeeded(
                technicalSpecialistAgreement: try container.decode(StaffID.self, forKey: .technicalSpecialistAgreement),
                note: try container.decodeIfPresent(String.self, forKey: .note)
            )
        case "withdrawn": self = .withdrawn
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .code, in: container, debugDescription: "Unknown interview outcome '\(other)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        switch self {
        case let .completed(minutes, agreement):
            try container.encode(minutes, forKey: .actualMinutes)
            try container.encodeIfPresent(agreement, forKey: .seniorCaseworkerAgreement)
        case let .cancelled(reason, by, note):
            try container.encode(reason, forKey: .reason)
            try container.encode(by, forKey: .cancelledBy)
            try container.encodeIfPresent(note, forKey: .note)
        case let .noShow(letter, respondBy):
            try container.encode(letter, forKey: .letter)
            try container.encode(respondBy, forKey: .respondBy)
        case let .suspended(reason): try container.encode(reason, forKey: .reason)
        case let .continuationNeeded(agreement, note):
            try container.encode(agreement, forKey: .technicalSpecialistAgreement)
            try container.encodeIfPresent(note, forKey: .note)
        case .withdrawn: break
        }
    }
}

/// An outcome recorded against one of the claim's interviews.
public struct InterviewOutcomeRecord: Codable, Sendable, Hashable {
    public var interview: Int
    public var outcome: InterviewOutcome
    /// For a completed interview, whether it is checked and why (interviews are sampled too, 10.28–10.29); nil for
    /// other outcomes and for interviews recorded before sampling.
    public var sample: WorkSample?

    public init(interview: Int, outcome: InterviewOutcome, sample: WorkSample? = nil) {
        self.interview = interview
        self.outcome = outcome
        self.sample = sample
    }
}

/// A request to move an interview, from the claimant or their representative, perhaps with medical evidence. Recorded
/// at once and answered, never lost.
public struct PostponementRequest: Codable, Sendable, Hashable {
    /// Numbered from 1 within the claim.
    public var number: Int
    /// The interview it asks to move, if one is booked.
    public var interview: Int?
    public var requestedBy: CancelledBy
    public var received: LocalDate
    public var reason: String
    /// A description of the medical evidence supplied, if any.
    public var medicalEvidence: String?

    public init(number: Int, interview: Int?, requestedBy: CancelledBy, received: LocalDate, reason: String, medicalEvidence: String?) {
        self.number = number
        self.interview = interview
        self.requestedBy = requestedBy
        self.received = received
        self.reason = reason
        self.medicalEvidence = medicalEvidence
    }
}

/// The answer to a postponement request.
public struct PostponementAnswer: Codable, Sendable, Hashable {
    public var request: Int
    public var granted: Bool
    /// When granted: no interview before this date.
    public var notBefore: LocalDate?
    public var reason: String
    public var answeredBy: StaffID

    public init(request: Int, granted: Bool, notBefore: LocalDate?, reason: String, answeredBy: StaffID) {
        self.request = request
        self.granted = granted
        self.notBefore = notBefore
        self.reason = reason
        self.answeredBy = answeredBy
    }
}

/// What a decision maker decided once a failure to attend's response period ended (10.43). Nothing is withdrawn
/// automatically: proposing withdrawal is a recorded decision by a person.
public enum FailureToAttendAction: String, Codable, Sendable, CaseIterable {
    /// The claimant gave a good reason: book again.
    case rebook
    /// No reply or no good reason: propose treating the claim as withdrawn.
    case proposeWithdrawal = "propose-withdrawal"

    public var title: String {
        switch self {
        case .rebook: "Rebook the interview"
        case .proposeWithdrawal: "Propose treating the claim as withdrawn"
        }
    }
}

/// The follow-up decision on a no-show.
public struct FailureToAttendFollowUp: Codable, Sendable, Hashable {
    public var interview: Int
    public var action: FailureToAttendAction
    /// Whether the claimant or representative responded, and what they said.
    public var response: String?

    public init(interview: Int, action: FailureToAttendAction, response: String?) {
        self.interview = interview
        self.action = action
        self.response = response
    }
}
