/// Policy values that decide which rules a claim falls under. Held as data, with the report paragraph each comes from,
/// so a change of policy is a change here and nowhere else.
public struct RegimePolicy: Sendable, Codable, Hashable {
    /// Claims made on or after this date are 'flow' claims under the Nationality and Borders Act (3.20–3.22).
    public var nationalityAndBordersActCommencement: LocalDate
    /// Claims made on or after this date fall under the Illegal Migration Act and are held separately (8.117).
    public var illegalMigrationActCutoff: LocalDate

    /// Creates a policy.
    public init(nationalityAndBordersActCommencement: LocalDate, illegalMigrationActCutoff: LocalDate) {
        self.nationalityAndBordersActCommencement = nationalityAndBordersActCommencement
        self.illegalMigrationActCutoff = illegalMigrationActCutoff
    }

    /// The policy in force: NABA from 28 June 2022 (3.20), IMA from 20 July 2023 (8.117).
    public static let current = RegimePolicy(
        nationalityAndBordersActCommencement: LocalDate(year: 2022, month: 6, day: 28)!,
        illegalMigrationActCutoff: LocalDate(year: 2023, month: 7, day: 20)!
    )

    /// The regime a claim made on `dateOfClaim` falls under.
    public func regime(forClaimDated dateOfClaim: LocalDate) -> Regime {
        if dateOfClaim >= illegalMigrationActCutoff { return .illegalMigrationAct }
        if dateOfClaim >= nationalityAndBordersActCommencement { return .flow }
        return .legacy
    }
}

/// The rules a claim is decided under, fixed by its date of claim.
public enum Regime: String, Codable, Sendable, CaseIterable {
    /// Before 28 June 2022: pre-NABA rules.
    case legacy
    /// On or after 28 June 2022: the NABA two-stage test.
    case flow
    /// On or after 20 July 2023: held separately under the Illegal Migration Act.
    case illegalMigrationAct = "ima"

    /// The regime's name as staff say it.
    public var title: String {
        switch self {
        case .legacy: "Legacy"
        case .flow: "Flow"
        case .illegalMigrationAct: "Illegal Migration Act"
        }
    }
}

/// Validation limits, in one place so the rules the inspectors asked for are read here.
public enum ValidationPolicy {
    /// No claim date before this: earlier dates are data-entry errors, like the '00/01/1900' review dates (8.95).
    public static let earliestDateOfClaim = LocalDate(year: 1990, month: 1, day: 1)!
    /// No one is born before this date.
    public static let earliestDateOfBirth = LocalDate(year: 1900, month: 1, day: 2)!
    /// Notes and case actions are stored whole up to this length (Atlas cut them at 999, 8.107).
    public static let maximumNoteLength = 100_000
    /// Names, addresses and other short text.
    public static let maximumShortTextLength = 200
    /// A reason given for a change.
    public static let maximumReasonLength = 2_000
    /// Dependants on one claim.
    public static let maximumDependants = 30
    /// Age below which a claimant is a child (UASC, 1.19).
    public static let adulthoodAge = 18
}
