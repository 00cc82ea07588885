/// The kinds of interview a claim may be booked for, each with its own slot length (`InterviewPolicy`).
public enum InterviewKind: String, Codable, Sendable, CaseIterable {
    /// A substantive asylum interview on a straightforward claim.
    case substantive
    /// A substantive interview on a claim known to be complex: a double slot.
    case complexSubstantive = "complex-substantive"
    /// A targeted nationality interview (streamlined processing, 7.21).
    case targetedNationality = "targeted-nationality"
    /// A concise interview (the shorter interview used for streamlined cohorts).
    case concise

    /// As staff say it.
    public var title: String {
        switch self {
        case .substantive: "Substantive interview"
        case .complexSubstantive: "Substantive interview (complex claim)"
        case .targetedNationality: "Targeted nationality interview"
        case .concise: "Concise interview"
        }
    }
}

/// Interview slot lengths as data, with their sources, so booking and scheduling read one place (issue 4; DOMAIN.md
/// "Interviews").
///
/// - Straightforward substantive interviews target two hours; longer needs a senior caseworker's agreement (9.8, 9.30).
/// - A claim known to be complex gets a double slot (8.66–8.81: "double slots for complex claims").
/// - Targeted nationality interviews take 30 to 45 minutes (7.21): the slot is the upper end, so an interview that runs
///   long does not push the next one.
/// - A concise interview takes about 48 minutes (the inspection's figure for concise interviews, as the issue gives it).
/// - Children need a responsible adult and breaks (8.66–8.81). DOMAIN.md gives no figure for the longer slot: a child's
///   slot is the kind's length plus `childBreakMinutes` for every started hour, so a two-hour interview has two breaks.
public struct InterviewPolicy: Codable, Sendable, Hashable {
    /// Minutes booked for each kind of interview, for an adult.
    public let slotMinutes: [InterviewKind: Int]
    /// Minutes of break added for every started hour of a child's interview.
    public let childBreakMinutes: Int
    /// Minutes beyond which a completed interview needed a senior caseworker's agreement (9.30).
    public let agreementNeededAfterMinutes: Int

    /// The policy in force.
    public static let current = InterviewPolicy(
        slotMinutes: [.substantive: 120, .complexSubstantive: 240, .targetedNationality: 45, .concise: 48],
        childBreakMinutes: 15, agreementNeededAfterMinutes: 120
    )

    /// Creates a policy.
    public init(slotMinutes: [InterviewKind: Int], childBreakMinutes: Int, agreementNeededAfterMinutes: Int) {
        self.slotMinutes = slotMinutes
        self.childBreakMinutes = childBreakMinutes
        self.agreementNeededAfterMinutes = agreementNeededAfterMinutes
    }

    /// Minutes to book for `kind`, with breaks added when the claimant is a child.
    public func slotLength(_ kind: InterviewKind, child: Bool) -> Int {
        let minutes = slotMinutes[kind] ?? slotMinutes[.substantive] ?? 120
        guard child else { return minutes }
        let startedHours = (minutes + 59) / 60
        return minutes + startedHours * childBreakMinutes
    }

    /// Whether an interview that took `minutes` needed a senior caseworker's agreement to run on (9.30).
    public func needsAgreement(actualMinutes minutes: Int) -> Bool { minutes > agreementNeededAfterMinutes }
}

/// How single bookings are offered. DOMAIN.md gives no figures for these; they are the platform's choices, kept here so
/// they can be changed in one place.
public enum BookingPolicy {
    /// Working days between the invitation and the earliest interview: the invitation is never on the interview's day
    /// (10.42), and the claimant has a working week to arrange travel, childcare and their representative.
    public static let minimumNoticeWorkingDays = 5
    /// How far ahead options are searched, in working days.
    public static let horizonWorkingDays = 30
    /// The first stretch searched: the whole horizon is read only when it holds too few options.
    public static let firstSearchWorkingDays = 10
    /// How many ranked options a booker is shown.
    public static let optionsShown = 5
    /// The claimant's travel limit when none is recorded.
    public static let defaultMaximumTravelKm = 80
    /// The furthest any claimant can be asked to travel.
    public static let maximumTravelLimitKm = 400
}
