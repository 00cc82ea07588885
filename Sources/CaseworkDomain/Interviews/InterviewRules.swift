/// What a booker types about a claimant's interview needs, before it is checked.
public struct InterviewNeedsInput: Codable, Sendable, Hashable {
    /// A town from `UKPlaces`; or give `latitude` and `longitude`.
    public var homeArea: String?
    public var latitude: Double?
    public var longitude: Double?
    public var maximumTravelKm: Int?
    /// A language code from `Languages`; empty or absent when no interpreter is needed.
    public var language: String?
    public var dialect: String?
    /// "substantive", "complex-substantive", "targeted-nationality" or "concise".
    public var kind: String?
    public var responsibleAdultArranged: Bool?
    public var needsStepFreeAccess: Bool?
    public var needsTransport: Bool?
    public var needsChildcare: Bool?
    public var notes: String?

    public init(
        homeArea: String? = nil, latitude: Double? = nil, longitude: Double? = nil, maximumTravelKm: Int? = nil, language: String? = nil,
        dialect: String? = nil, kind: String? = nil, responsibleAdultArranged: Bool? = nil, needsStepFreeAccess: Bool? = nil,
        needsTransport: Bool? = nil, needsChildcare: Bool? = nil, notes: String? = nil
    ) {
        self.homeArea = homeArea
        self.latitude = latitude
        self.longitude = longitude
        self.maximumTravelKm = maximumTravelKm
        self.language = language
        self.dialect = dialect
        self.kind = kind
        self.responsibleAdultArranged = responsibleAdultArranged
        self.needsStepFreeAccess = needsStepFreeAccess
        self.needsTransport = needsTransport
        self.needsChildcare = needsChildcare
        self.notes = notes
    }
}

/// What a recorder types about an interview's outcome, before it is checked.
public struct InterviewOutcomeInput: Codable, Sendable, Hashable {
    /// One of `InterviewOutcome.codes`.
    public var outcome: String?
    /// Completed: how long it took.
    public var actualMinutes: Int?
    /// Completed over two hours: the senior caseworker who agreed (9.30).
    public var seniorCaseworkerAgreement: String?
    /// Cancelled: why and by whom.
    public var cancellationReason: String?
    public var cancelledBy: String?
    /// Continuation needed: the technical specialist who agreed (9.30).
    public var technicalSpecialistAgreement: String?
    /// Suspended: why (required); otherwise any note.
    public var note: String?
    /// No-show: how the failure-to-attend letter goes.
    public var letterMethod: String?

    public init(
        outcome: String?, actualMinutes: Int? = nil, seniorCaseworkerAgreement: String? = nil, cancellationReason: String? = nil,
        cancelledBy: String? = nil, technicalSpecialistAgreement: String? = nil, note: String? = nil, letterMethod: String? = nil
    ) {
        self.outcome = outcome
        self.actualMinutes = actualMinutes
        self.seniorCaseworkerAgreement = seniorCaseworkerAgreement
        self.cancellationReason = cancellationReason
        self.cancelledBy = cancelledBy
        self.technicalSpecialistAgreement = technicalSpecialistAgreement
        self.note = note
        self.letterMethod = letterMethod
    }
}

/// The rules of interview logistics that need no database: reading needs, producing letters, checking outcomes.
public enum InterviewRules {
    /// The longest an interview can have taken, in minutes (a whole working day).
    public static let longestInterviewMinutes = 600

    /// Whether the claimant is a child on `date`: unaccompanied, or under 18.
    public static func isChild(_ facts: ClaimFacts, on date: LocalDate) -> Bool {
        facts.unaccompaniedChild || facts.mainApplicant.dateOfBirth.age(on: date) < 18
    }

    /// The needs `input` describes, or every problem with it, each naming its field.
    public static func needs(from input: InterviewNeedsInput, claim: Claim, today: LocalDate) throws(ValidationFailure) -> InterviewNeeds {
        var validator = Validator()
        var home: GeoPoint?
        if let area = input.homeArea?.trimmingWhitespace, !area.isEmpty {
            if let place = UKPlaces.place(named: area) { home = place.point } else {
                validator.fail("homeArea", "Home area must be one of the listed towns and cities; '\(area.prefix(40))' is not one")
            }
        } else if let latitude = input.latitude, let longitude = input.longitude {
            home = GeoPoint(latitude: latitude, longitude: longitude)
            if home == nil { validator.fail("latitude", "Latitude must be between -90 and 90 and longitude between -180 and 180") }
        } else {
            validator.fail("homeArea", "Select the town or city where the claimant lives")
        }
        let travel = input.maximumTravelKm ?? BookingPolicy.defaultMaximumTravelKm
        if !(1...BookingPolicy.maximumTravelLimitKm).contains(travel) {
            validator.fail("maximumTravelKm", "Maximum travel must be between 1 and \(BookingPolicy.maximumTravelLimitKm) km")
        }
        var language: InterpreterLanguage?
        if let code = input.language?.trimmingWhitespace, !code.isEmpty {
            let dialect = input.dialect?.trimmingWhitespace.isEmpty == false ? input.dialect?.trimmingWhitespace : nil
            if Languages.isValid(language: code, dialect: dialect) {
                language = InterpreterLanguage(language: code, dialect: dialect)
            } else if Languages.language(code: code) == nil {
                validator.fail("language", "Language must be one from the list; '\(code.prefix(30))' is not one")
            } else {
                validator.fail("dialect", "\(Languages.displayName(language: code, dialect: nil)) has no dialect '\(dialect ?? "")'")
            }
        }
        let kind: InterviewKind? = validator.choice(input.kind, "kind", label: "the kind of interview", default: .substantive)
        let child = isChild(claim.facts, on: today)
        if !child, input.responsibleAdultArranged == true {
            validator.fail("responsibleAdultArranged", "A responsible adult is arranged only for a child's interview; the claimant is an adult")
        }
        let notes = validator.optionalText(input.notes, "notes", label: "notes", maximum: ValidationPolicy.maximumShortTextLength)
        try validator.finish()
        return InterviewNeeds(
            home: home!, maximumTravelKm: travel, language: language, kind: kind ?? .substantive,
            responsibleAdultArranged: input.responsibleAdultArranged ?? false, needsStepFreeAccess: input.needsStepFreeAccess ?? false,
            needsTransport: input.needsTransport ?? false, needsChildcare: input.needsChildcare ?? false, detained: claim.facts.detained, notes: notes
        )
    }

    /// Who a letter about `claim` goes to: the claimant, and the representative when there is one (10.43).
    public static func recipients(of claim: Claim) -> [String] {
        var recipients = ["\(claim.facts.mainApplicant.fullName) (claimant)"]
        if let representative = claim.facts.legalRepresentative {
            recipients.append("\(representative.name)\(representative.firm.map { ", \($0)" } ?? "") (legal representative)")
        }
        return recipients
    }

    /// The invitation to an interview, dated `today`: where, when, with whom, and what to do if the claimant cannot come.
    public static func invitation(
        claim: Claim, kind: InterviewKind, slot: InterviewSlotChoice, locationName: String, address: String, language: InterpreterLanguage?,
        needs: InterviewNeeds, method: LetterMethod, by staff: StaffID, today: LocalDate
    ) -> Letter {
        var body = """
            Dear \(claim.facts.mainApplicant.fullName),

            Your asylum claim \(claim.reference.rawValue): invitation to an interview

            You are invited to a \(kind.title.lowercased()) on \(slot.when), at \(locationName), \(address).
            """
        if let language { body += "\nAn interpreter in \(Languages.displayName(language: language.language, dialect: language.dialect)) will be there." }
        if needs.responsibleAdultArranged { body += "\nYour responsible adult should come with you. There will be breaks." }
        if needs.needsTransport { body += "\nWe will arrange your transport and tell you the details." }
        if needs.needsChildcare { body += "\nChildcare will be arranged for the time of the interview." }
        body += """


            Please bring this letter and any documents that support your claim.
            If you cannot attend, tell us before the day and say why. If you are unwell, send medical evidence.
            """
        return Letter(kind: .interviewInvitation, dated: today, recipients: recipients(of: claim), method: method, producedBy: staff, body: body)
    }

    /// The failure-to-attend letter for a no-show at the interview on `interviewDay`, dated the next working day and
    /// giving the deadline to respond (10.42–10.43).
    public static func failureToAttendLetter(
        claim: Claim, interviewDay: LocalDate, recordedOn: LocalDate, detained: Bool, method: LetterMethod, by staff: StaffID,
        rule: FailureToAttendRule = .current
    ) throws(CalendarNotCovered) -> (letter: Letter, respondBy: Instant) {
        let dated = try rule.letterDate(afterInterviewOn: interviewDay, recordedOn: recordedOn)
        let respondBy = try rule.responseDeadline(letterSent: Instant(startOf: dated), detained: detained)
        let period = detained ? "\(rule.detainedResponseHours) hours" : "\(rule.responseWorkingDays) working days"
        let body = """
            Dear \(claim.facts.mainApplicant.fullName),

            Your asylum claim \(claim.reference.rawValue): you did not attend your interview

            You did not attend your asylum interview on \(interviewDay.longForm).
            You have \(period) from the date of this letter to tell us why, by \(respondBy.longForm).
            If you do not reply, or your reason is not accepted, your claim may be treated as withdrawn.
            A decision maker will consider any reply before anything else happens to your claim.
            """
        return (Letter(kind: .failureToAttend, dated: dated, recipients: recipients(of: claim), method: method, producedBy: staff, body: body), respondBy)
    }
}
