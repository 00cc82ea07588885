/// An answer to a template's tick-box question.
public enum ChecklistResponse: String, Codable, Sendable, CaseIterable {
    case yes
    case no
    case notApplicable = "not-applicable"

    public var title: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .notApplicable: "Not applicable"
        }
    }
}

public struct ChecklistAnswer: Codable, Sendable, Hashable {
    public var item: String
    public var response: ChecklistResponse
    public var note: String?

    public init(item: String, response: ChecklistResponse, note: String? = nil) {
        self.item = item
        self.response = response
        self.note = note
    }
}

/// A reason for refusal as given, with the decision maker's explanation of it.
public struct StatedRefusalReason: Codable, Sendable, Hashable {
    public var code: String
    public var explanation: String

    public init(code: String, explanation: String) {
        self.code = code
        self.explanation = explanation
    }
}

/// One finding of the two-stage test.
public struct TwoStageFinding: Codable, Sendable, Hashable {
    public var met: Bool
    public var reasons: String

    public init(met: Bool, reasons: String) {
        self.met = met
        self.reasons = reasons
    }
}

/// The Nationality and Borders Act two-stage test for flow claims (3.20–3.22; section 32 of the Act). Stage one, on the
/// balance of probabilities: does the claimant have the characteristic that could cause them to fear persecution for
/// a Convention reason, and do they in fact fear it? Stage two, a reasonable likelihood: would they be persecuted on
/// return? Stage two is reached only when stage one is met.
public struct TwoStageRecord: Codable, Sendable, Hashable {
    /// Stage one (a): the characteristic, on the balance of probabilities.
    public var characteristic: TwoStageFinding
    /// Stage one (b): the fear, on the balance of probabilities.
    public var fear: TwoStageFinding
    /// Stage two: a reasonable likelihood of persecution on return, taking account of protection and relocation.
    public var persecutionOnReturn: TwoStageFinding?

    public init(characteristic: TwoStageFinding, fear: TwoStageFinding, persecutionOnReturn: TwoStageFinding?) {
        self.characteristic = characteristic
        self.fear = fear
        self.persecutionOnReturn = persecutionOnReturn
    }

    public var stageOneMet: Bool { characteristic.met && fear.met }
    /// The refugee test is met at both stages.
    public var met: Bool { stageOneMet && persecutionOnReturn?.met == true }
}

/// Where a draft is in its life.
public enum DraftStatus: String, Codable, Sendable, CaseIterable {
    /// Being written.
    case draft
    /// Completed by its author; waiting for a check or for service.
    case completed
    /// A pre-service check found it could not be served; back with its author.
    case returned
    /// Served on the claimant.
    case served
    /// Served, then withdrawn to correct an error (fig 23: "outcome withdrawn").
    case withdrawn
    /// Replaced by a later draft before it was served.
    case superseded

    public var title: String {
        switch self {
        case .draft: "Draft"
        case .completed: "Completed"
        case .returned: "Returned for amendment"
        case .served: "Served"
        case .withdrawn: "Withdrawn after service"
        case .superseded: "Superseded"
        }
    }

    /// The author may still change it.
    public var isEditable: Bool { self == .draft || self == .returned }
}

/// A decision as drafted: the template it uses (with its version), the answers, the basis of claim and evidence that
/// sampling reads, the structured refusal reasons and, for flow claims, the two-stage record. Each save is an event
/// carrying the whole draft, so every version of the reasoning is kept.
public struct DecisionDraft: Codable, Sendable, Hashable {
    /// Numbered from 1 within the claim.
    public var number: Int
    public var author: StaffID
    public var outcome: Outcome
    public var template: String
    public var templateVersion: Int
    public var answers: [ChecklistAnswer]
    /// The Convention reasons the claim engages.
    public var basis: [ConventionReason]
    /// A medico-legal report is on file (refusals with one are always checked, 10.11).
    public var medicoLegalReport: Bool
    public var refusalReasons: [StatedRefusalReason]
    public var twoStage: TwoStageRecord?
    /// The minute or the letter's reasoning, whole (notes were cut at 999 characters, 8.107).
    public var reasoning: String

    public init(
        number: Int, author: StaffID, outcome: Outcome, template: String, templateVersion: Int, answers: [ChecklistAnswer], basis: [ConventionReason],
        medicoLegalReport: Bool, refusalReasons: [StatedRefusalReason], twoStage: TwoStageRecord?, reasoning: String
    ) {
        self.number = number
        self.author = author
        self.outcome = outcome
        self.template = template
        self.templateVersion = templateVersion
        self.answers = answers
        self.basis = basis
        self.medicoLegalReport = medicoLegalReport
        self.refusalReasons = refusalReasons
        self.twoStage = twoStage
        self.reasoning = reasoning
    }

    public func answer(_ item: String) -> ChecklistAnswer? { answers.first { $0.item == item } }
}

/// A draft completed by its author: the moment the work is done and sampling decides whether it is checked.
public struct DecisionCompletion: Codable, Sendable, Hashable {
    public var draft: Int
    public var outcome: Outcome
    public var author: StaffID
    public var completedOn: LocalDate
    /// Completed again after a check returned it.
    public var resubmission: Bool
    /// Whether it is checked before service, and why: decided at this moment (10.8–10.11).
    public var sample: WorkSample

    public init(draft: Int, outcome: Outcome, author: StaffID, completedOn: LocalDate, resubmission: Bool, sample: WorkSample) {
        self.sample = sample
        self.draft = draft
        self.outcome = outcome
        self.author = author
        self.completedOn = completedOn
        self.resubmission = resubmission
    }
}

/// A decision served: when, how, on whom, and the letter as sent.
public struct DecisionService: Codable, Sendable, Hashable {
    public var draft: Int
    public var outcome: Outcome
    public var author: StaffID
    public var servedOn: LocalDate
    public var method: LetterMethod
    public var recipients: [String]
    public var letter: Letter

    public init(draft: Int, outcome: Outcome, author: StaffID, servedOn: LocalDate, method: LetterMethod, recipients: [String], letter: Letter) {
        self.draft = draft
        self.outcome = outcome
        self.author = author
        self.servedOn = servedOn
        self.method = method
        self.recipients = recipients
        self.letter = letter
    }
}

/// A draft as typed into the decision page or sent to the API, before it is checked.
public struct DecisionDraftInput: Codable, Sendable, Hashable {
    public var outcome: String?
    public var template: String?
    public var answers: [ChecklistAnswerInput]?
    public var basis: [String]?
    public var medicoLegalReport: Bool?
    public var refusalReasons: [RefusalReasonInput]?
    public var twoStage: TwoStageInput?
    public var reasoning: String?

    public init(
        outcome: String?, template: String?, answers: [ChecklistAnswerInput]? = nil, basis: [String]? = nil, medicoLegalReport: Bool? = nil,
        refusalReasons: [RefusalReasonInput]? = nil, twoStage: TwoStageInput? = nil, reasoning: String? = nil
    ) {
        self.outcome = outcome
        self.template = template
        self.answers = answers
        self.basis = basis
        self.medicoLegalReport = medicoLegalReport
        self.refusalReasons = refusalReasons
        self.twoStage = twoStage
        self.reasoning = reasoning
    }
}

public struct ChecklistAnswerInput: Codable, Sendable, Hashable {
    public var item: String?
    /// yes, no or not-applicable; empty for unanswered.
    public var response: String?
    public var note: String?

    public init(item: String?, response: String?, note: String? = nil) {
        self.item = item
        self.response = response
        self.note = note
    }
}

public struct RefusalReasonInput: Codable, Sendable, Hashable {
    public var code: String?
    public var explanation: String?

    public init(code: String?, explanation: String?) {
        self.code = code
        self.explanation = explanation
    }
}

public struct TwoStageInput: Codable, Sendable, Hashable {
    public var characteristicMet: Bool?
    public var characteristicReasons: String?
    public var fearMet: Bool?
    public var fearReasons: String?
    public var persecutionOnReturnMet: Bool?
    public var persecutionOnReturnReasons: String?

    public init(
        characteristicMet: Bool?, characteristicReasons: String?, fearMet: Bool?, fearReasons: String?, persecutionOnReturnMet: Bool? = nil,
        persecutionOnReturnReasons: String? = nil
    ) {
        self.characteristicMet = characteristicMet
        self.characteristicReasons = characteristicReasons
        self.fearMet = fearMet
        self.fearReasons = fearReasons
        self.persecutionOnReturnMet = persecutionOnReturnMet
        self.persecutionOnReturnReasons = persecutionOnReturnReasons
    }

    /// Nothing was entered.
    public var isEmpty: Bool {
        characteristicMet == nil && fearMet == nil && persecutionOnReturnMet == nil
            && [characteristicReasons, fearReasons, persecutionOnReturnReasons].allSatisfy { ($0?.trimmingWhitespace ?? "").isEmpty }
    }
}

/// Service as typed.
public struct DecisionServiceInput: Codable, Sendable, Hashable {
    /// YYYY-MM-DD; today when empty.
    public var servedOn: String?
    public var method: String?

    public init(servedOn: String? = nil, method: String? = nil) {
        self.servedOn = servedOn
        self.method = method
    }
}

/// A screening interview as recorded (8.119: screening, biometrics and the Operating Mandate checks come first): who
/// conducted it and when, and the sample taken of it, since screening interviews are sampled too (10.28–10.29).
public struct ScreeningInterview: Codable, Sendable, Hashable {
    public var conductedBy: StaffID
    public var conductedOn: LocalDate
    public var sample: WorkSample

    public init(conductedBy: StaffID, conductedOn: LocalDate, sample: WorkSample) {
        self.conductedBy = conductedBy
        self.conductedOn = conductedOn
        self.sample = sample
    }
}

public struct ScreeningInterviewInput: Codable, Sendable, Hashable {
    /// The member of staff who conducted it; the person recording it when empty.
    public var conductedBy: String?
    /// YYYY-MM-DD; today when empty.
    public var conductedOn: String?

    public init(conductedBy: String? = nil, conductedOn: String? = nil) {
        self.conductedBy = conductedBy
        self.conductedOn = conductedOn
    }
}
