/// The Operating Mandate: "minimum mandatory identity and security checks that should be carried out on all claimants.
/// The given identity and aliases (declared or revealed from the biometric checks) must be checked against relevant Home
/// Office systems and police criminality databases" (8.119 note 131; 6.39). They "must be completed before an asylum
/// decision can be served" (10.30). The checks are data.
public typealias OperatingMandateCheckType = PolicyEntry

public enum OperatingMandate {
    public static let checks: [OperatingMandateCheckType] = [
        OperatingMandateCheckType(code: "biometrics", title: "Biometrics taken and matched; aliases revealed recorded", source: "8.119 note 131"),
        OperatingMandateCheckType(code: "home-office-systems", title: "Identity and aliases checked against Home Office systems (CID, Atlas)", source: "6.39, 8.119 note 131"),
        OperatingMandateCheckType(code: "police-databases", title: "Identity and aliases checked against police criminality databases", source: "6.39, 8.119 note 131"),
        OperatingMandateCheckType(code: "security", title: "Security checks (watchlist; Special Cases Unit referral where needed)", source: "6.39, 10.39"),
    ]

    public static func check(_ code: String) -> OperatingMandateCheckType? { checks.first { $0.code == code } }

    /// Roles that carry out and record the checks: workflow officers and the caseworkers (8.36).
    public static let recorders: Set<Role> = [.administrativeOfficer, .decisionMaker, .technicalSpecialist, .seniorCaseworker, .teamLeader]
}

public enum OperatingMandateResult: String, Codable, Sendable, CaseIterable {
    /// Nothing found.
    case clear
    /// Something found and dealt with; the note says what and how.
    case issueResolved = "issue-resolved"

    public var title: String { self == .clear ? "Clear" : "Issue found and resolved" }
}

/// One check as recorded. A later record of the same check replaces it for the gate; all are kept in the log.
public struct OperatingMandateCheck: Codable, Sendable, Hashable {
    public var code: String
    public var result: OperatingMandateResult
    public var note: String?
    public var checkedOn: LocalDate
    public var checkedBy: StaffID

    public init(code: String, result: OperatingMandateResult, note: String?, checkedOn: LocalDate, checkedBy: StaffID) {
        self.code = code
        self.result = result
        self.note = note
        self.checkedOn = checkedOn
        self.checkedBy = checkedBy
    }
}

public struct OperatingMandateCheckInput: Codable, Sendable, Hashable {
    public var check: String?
    public var result: String?
    public var note: String?
    public var checkedOn: String?

    public init(check: String?, result: String?, note: String? = nil, checkedOn: String? = nil) {
        self.check = check
        self.result = result
        self.note = note
        self.checkedOn = checkedOn
    }
}

extension OperatingMandate {
    /// The check as typed, checked: a known check, a result, a note when an issue was found, a date not in the future.
    public static func validate(_ input: OperatingMandateCheckInput, by actor: Actor, today: LocalDate, claimRegistered: LocalDate) throws(ValidationFailure) -> OperatingMandateCheck {
        var check = Validator()
        let code = check.requiredText(input.check, "check", label: "the check", maximum: 60)
        if let code, Self.check(code) == nil {
            check.fail("check", "'\(code)' is not an Operating Mandate check. The checks: \(checks.map(\.code).joined(separator: ", "))")
        }
        let result: OperatingMandateResult? = check.choice(input.result, "result", label: "the result of the check")
        let note = check.optionalText(input.note, "note", label: "the note", maximum: ValidationPolicy.maximumReasonLength)
        if result == .issueResolved, note == nil { check.fail("note", "Say what the check found and how it was resolved") }
        let on = (input.checkedOn?.trimmingWhitespace).flatMap { $0.isEmpty ? nil : $0 } == nil
            ? today
            : check.date(input.checkedOn, "checkedOn", label: "the date of the check", earliest: claimRegistered, latest: today)
        try check.finish()
        return OperatingMandateCheck(code: code!, result: result!, note: note, checkedOn: on!, checkedBy: actor.staff)
    }

    /// The checks still to do, given the latest record of each.
    public static func outstanding(_ done: [OperatingMandateCheck]) -> [OperatingMandateCheckType] {
        let recorded = Set(done.map(\.code))
        return checks.filter { !recorded.contains($0.code) }
    }
}

/// A hold on service: the claim may be worked, but no decision can be served until it is lifted. Safeguarding's red
/// light (10.60 fig 37: "refer and wait for the hub's clearance before serving a decision") is the first kind; later
/// safeguarding work raises holds through this same record.
public enum ServiceHoldKind: String, Codable, Sendable, CaseIterable {
    case safeguarding

    public var title: String { "Safeguarding: awaiting the hub's clearance" }

    /// Who may place a hold of this kind: whoever meets the risk, and the hub.
    public var placers: Set<Role> { [.decisionMaker, .technicalSpecialist, .seniorCaseworker, .teamLeader, .safeguardingHub] }
    /// Who may lift it: for safeguarding, only the hub clears (10.60).
    public var lifters: Set<Role> { [.safeguardingHub] }
}

public struct ServiceHold: Codable, Sendable, Hashable {
    public var number: Int
    public var kind: ServiceHoldKind
    public var reason: String
    public var placedBy: StaffID
    public var placedOn: LocalDate

    public init(number: Int, kind: ServiceHoldKind, reason: String, placedBy: StaffID, placedOn: LocalDate) {
        self.number = number
        self.kind = kind
        self.reason = reason
        self.placedBy = placedBy
        self.placedOn = placedOn
    }
}

public struct ServiceHoldLift: Codable, Sendable, Hashable {
    public var number: Int
    public var kind: ServiceHoldKind
    public var liftedBy: StaffID
    public var liftedOn: LocalDate
    public var reason: String

    public init(number: Int, kind: ServiceHoldKind, liftedBy: StaffID, liftedOn: LocalDate, reason: String) {
        self.number = number
        self.kind = kind
        self.liftedBy = liftedBy
        self.liftedOn = liftedOn
        self.reason = reason
    }
}
