/// Appeals against served refusals, and what their outcomes teach: "developing feedback loops for decisions made by PARU
/// and asylum appeal hearings where the quality of the initial decision is an issue" (2026 rec 3b; 2021 rec 8). Each
/// appeal is linked to the decision it is against and to that decision's author, so the finding reaches them.
public enum AppealOutcome: String, Codable, Sendable, CaseIterable {
    case allowed
    case dismissed
    case withdrawn

    public var title: String {
        switch self {
        case .allowed: "Allowed (the decision overturned)"
        case .dismissed: "Dismissed (the decision upheld)"
        case .withdrawn: "Withdrawn"
        }
    }
}

public struct AppealLodged: Codable, Sendable, Hashable {
    /// Numbered from 1 within the claim.
    public var number: Int
    /// The decision draft appealed against.
    public var decision: Int
    /// The decision's author, who gets the feedback.
    public var author: StaffID
    public var lodgedOn: LocalDate
    /// The tribunal's or the appeals team's reference.
    public var appealReference: String?

    public init(number: Int, decision: Int, author: StaffID, lodgedOn: LocalDate, appealReference: String?) {
        self.number = number
        self.decision = decision
        self.author = author
        self.lodgedOn = lodgedOn
        self.appealReference = appealReference
    }
}

public struct AppealHearing: Codable, Sendable, Hashable {
    public var number: Int
    public var heardOn: LocalDate

    public init(number: Int, heardOn: LocalDate) {
        self.number = number
        self.heardOn = heardOn
    }
}

public struct AppealDetermination: Codable, Sendable, Hashable {
    public var number: Int
    public var decision: Int
    public var author: StaffID
    public var outcome: AppealOutcome
    public var determinedOn: LocalDate
    /// Why, as feedback themes (`FeedbackThemes`), and in words.
    public var themes: [String]
    public var findings: String?

    public init(number: Int, decision: Int, author: StaffID, outcome: AppealOutcome, determinedOn: LocalDate, themes: [String], findings: String?) {
        self.number = number
        self.decision = decision
        self.author = author
        self.outcome = outcome
        self.determinedOn = determinedOn
        self.themes = themes
        self.findings = findings
    }
}

public struct AppealInput: Codable, Sendable, Hashable {
    public var lodgedOn: String?
    public var appealReference: String?
    public var heardOn: String?
    public var outcome: String?
    public var determinedOn: String?
    public var themes: [String]?
    public var findings: String?

    public init(
        lodgedOn: String? = nil, appealReference: String? = nil, heardOn: String? = nil, outcome: String? = nil, determinedOn: String? = nil,
        themes: [String]? = nil, findings: String? = nil
    ) {
        self.lodgedOn = lodgedOn
        self.appealReference = appealReference
        self.heardOn = heardOn
        self.outcome = outcome
        self.determinedOn = determinedOn
        self.themes = themes
        self.findings = findings
    }
}

/// An appeal as the claim's record holds it: lodged, perhaps heard, perhaps determined.
public struct AppealState: Codable, Sendable, Hashable {
    public var lodged: AppealLodged
    public var heardOn: LocalDate?
    public var determination: AppealDetermination?

    public init(lodged: AppealLodged, heardOn: LocalDate? = nil, determination: AppealDetermination? = nil) {
        self.lodged = lodged
        self.heardOn = heardOn
        self.determination = determination
    }
}

public enum AppealRules {
    /// Roles that record appeals as they progress: the unit's case progression and its managers, and assurance.
    public static let recorders: Set<Role> = [.administrativeOfficer, .teamLeader, .technicalSpecialist, .seniorCaseworker, .operationsManager, .assurance]

    /// An appeal lodged against the served refusal `decision`, on `lodgedOn` (not before service, not after today).
    public static func lodge(_ input: AppealInput, number: Int, decision: DecisionService?, existing: [AppealState], today: LocalDate) throws(ValidationFailure) -> AppealLodged {
        var check = Validator()
        guard let decision else {
            throw ValidationFailure([FieldError(field: "decision", message: "Only a served decision can be appealed, and this claim has none in force")])
        }
        if decision.outcome != .refusal {
            check.fail("decision", "Only a refusal carries a right of appeal here; the decision in force is \(decision.outcome.title.lowercased())")
        }
        if existing.contains(where: { $0.lodged.decision == decision.draft && $0.determination == nil }) {
            check.fail("decision", "An appeal against this decision is already open: record its outcome first")
        }
        let lodged = check.date(input.lodgedOn, "lodgedOn", label: "the date the appeal was lodged", earliest: decision.servedOn, latest: today)
        let reference = check.optionalText(input.appealReference, "appealReference", label: "the appeal reference", maximum: 60)
        try check.finish()
        return AppealLodged(number: number, decision: decision.draft, author: decision.author, lodgedOn: lodged!, appealReference: reference)
    }

    public static func hear(_ input: AppealInput, appeal: AppealState, today: LocalDate) throws(ValidationFailure) -> AppealHearing {
        var check = Validator()
        if appeal.determination != nil { check.fail("heardOn", "Appeal \(appeal.lodged.number) has already been determined") }
        let heard = check.date(input.heardOn, "heardOn", label: "the date of the hearing", earliest: appeal.lodged.lodgedOn, latest: today)
        try check.finish()
        return AppealHearing(number: appeal.lodged.number, heardOn: heard!)
    }

    /// The outcome: allowed appeals need the reasons, as themes and in words, so the author and the unit can learn.
    public static func determine(_ input: AppealInput, appeal: AppealState, today: LocalDate) throws(ValidationFailure) -> AppealDetermination {
        var check = Validator()
        if appeal.determination != nil { check.fail("outcome", "Appeal \(appeal.lodged.number) has already been determined") }
        let outcome: AppealOutcome? = check.choice(input.outcome, "outcome", label: "the appeal's outcome")
        let determined = check.date(input.determinedOn, "determinedOn", label: "the date of the determination", earliest: appeal.heardOn ?? appeal.lodged.lodgedOn, latest: today)
        let themes = FeedbackThemes.parse(input.themes ?? [], field: "themes", into: &check)
        let findings = check.optionalText(input.findings, "findings", label: "the findings", maximum: ValidationPolicy.maximumNoteLength)
        if outcome == .allowed {
            if themes.isEmpty { check.fail("themes", "Choose at least one theme for why the appeal was allowed, so the finding reaches the decision maker and the unit") }
            if findings == nil { check.fail("findings", "Summarise the tribunal's findings on the decision") }
        }
        try check.finish()
        return AppealDetermination(
            number: appeal.lodged.number, decision: appeal.lodged.decision, author: appeal.lodged.author, outcome: outcome!, determinedOn: determined!,
            themes: themes, findings: findings
        )
    }
}
