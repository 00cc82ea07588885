/// How close a claim is to being interview or decision ready: the PRAG rating (8.84, 8.96, note 105).
///
/// Barriers are rated by the delay they are expected to add; purple is the longest. Green means barrier-free:
/// the claim is 'workable' (8.118). Cases are declared most severe first, the order pages and reports list them in.
public enum PRAGRating: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    /// A long-term barrier: the longest expected delay.
    case purple
    /// A serious delay is expected.
    case red
    /// Some delay is expected.
    case amber
    /// Barrier-free: the claim can be progressed now ('workable').
    case green

    /// The rating's name as staff say it.
    public var title: String {
        switch self {
        case .purple: "Purple"
        case .red: "Red"
        case .amber: "Amber"
        case .green: "Green"
        }
    }

    /// What the rating means, in plain English.
    public var meaning: String {
        switch self {
        case .purple: "Long-term barrier: the longest expected delay before an interview or decision"
        case .red: "Serious delay expected before an interview or decision"
        case .amber: "Some delay expected before an interview or decision"
        case .green: "Barrier-free: the claim is workable and can be progressed now"
        }
    }

    /// How severe the rating is: 3 for purple down to 0 for green. `max()` of ratings is the worst one.
    public var severity: Int {
        switch self {
        case .purple: 3
        case .red: 2
        case .amber: 1
        case .green: 0
        }
    }

    /// Ordered by severity: green < amber < red < purple.
    public static func < (lhs: PRAGRating, rhs: PRAGRating) -> Bool { lhs.severity < rhs.severity }
}

/// A step of the claim a barrier can hold back. A barrier informs, it does not lock (8.83): most types block none.
public enum BarrierBlock: String, Codable, Sendable, Hashable, CaseIterable {
    /// The substantive interview cannot take place.
    case interview
    /// The decision cannot be made.
    case decision
    /// A decision that has been made cannot be served.
    case service

    /// The step as staff say it.
    public var title: String {
        switch self {
        case .interview: "Interview"
        case .decision: "Decision"
        case .service: "Service of the decision"
        }
    }
}

/// One of the kinds of barrier a claim can have (8.84, 8.96: 32 types).
public struct BarrierType: Codable, Sendable, Hashable {
    /// Stable identifier, kebab-case, e.g. "further-representations". Stored on every barrier; never renamed.
    public let code: String
    /// The type's name as staff say it.
    public let title: String
    /// The steps this type holds back. Empty for most types: the claim stays workable (8.83).
    public let blocks: Set<BarrierBlock>
    /// The rating a barrier of this type gets unless the person raising it chooses another.
    public let defaultRating: PRAGRating
    /// A barrier of this type must say in a note what the barrier is (for "other", 8.97).
    public let requiresNote: Bool
    /// Where the type comes from in the 2023 inspection report (paragraphs and figures).
    public let source: String

    /// Creates a barrier type.
    public init(code: String, title: String, blocks: Set<BarrierBlock> = [], defaultRating: PRAGRating, requiresNote: Bool = false, source: String) {
        self.code = code
        self.title = title
        self.blocks = blocks
        self.defaultRating = defaultRating
        self.requiresNote = requiresNote
        self.source = source
    }
}

/// The barrier types, as data: one place to read and change them.
///
/// The first seventeen are named in the report (figures 26 and 27, 8.84, 8.119–8.121); their default rating is the
/// most common rating of that type in figures 26–27. The report gives 32 types without listing them all (8.84, 8.96);
/// the other fifteen are delays it describes elsewhere, and two common casework delays it does not mention (their
/// `source` says so). Only seven types block a step, each for a stated rule.
public enum BarrierCatalogue {
    /// The code of "Other (see notes)", which needs a note saying what the barrier is.
    public static let otherCode = "other"

    /// Every barrier type, in the order forms list them (the report's most common first, "other" last).
    public static let all: [BarrierType] = named + described

    /// The type with `code` (case-insensitive, surrounding spaces ignored), or nil when there is none.
    public static func type(code: String) -> BarrierType? {
        let wanted = code.trimmingWhitespace.lowercased()
        return all.first { $0.code == wanted }
    }

    /// Types named in the report.
    static let named: [BarrierType] = [
        // Figure 26 (1,908 adult claims) and figure 27 (842 children's claims), mostly amber; the example in 8.84.
        BarrierType(code: "further-representations", title: "Further representations", defaultRating: .amber, source: "8.84, fig 26, fig 27"),
        // Figure 26: 1,127 adult claims, mostly red. A refusal waits for the trafficking decision (7.78); a grant
        // need not, and the platform cannot tell which the decision will be, so the barrier informs.
        BarrierType(code: "national-referral-mechanism", title: "National Referral Mechanism", defaultRating: .red, source: "7.78, fig 26"),
        // Figure 26: 936, mostly amber; 8.84. A decision needing a second pair of eyes is not served before the check (10.8–10.11, 10.34).
        BarrierType(
            code: "awaiting-second-pair-of-eyes", title: "Awaiting second pair of eyes (SPoE)", blocks: [.service], defaultRating: .amber,
            source: "8.84, fig 26, 10.34"),
        // Figure 26: 717, mostly purple; figure 27: 24. No one can be interviewed who cannot be found (7.76, 8.68).
        BarrierType(code: "absconder", title: "Absconder", blocks: [.interview], defaultRating: .purple, source: "7.76, 8.68, fig 26, fig 27"),
        // Figure 26: 682, mostly amber.
        BarrierType(code: "awaiting-biometrics", title: "Awaiting biometrics", defaultRating: .amber, source: "fig 26"),
        // Figure 26: 379, mostly amber.
        BarrierType(code: "potential-withdrawal", title: "Potential withdrawal", defaultRating: .amber, source: "fig 26"),
        // Figure 26: 360, mostly red. While the Third Country Unit considers inadmissibility the claim is not in the
        // asylum process, so it is neither interviewed substantively nor decided (8.131–8.136).
        BarrierType(
            code: "third-country-case", title: "Third country case", blocks: [.interview, .decision], defaultRating: .red,
            source: "8.131–8.136, fig 26"),
        // Figure 26: 296, mostly amber. The further interview the decision depends on comes first (9.30).
        BarrierType(
            code: "supplemental-interview-required", title: "Supplemental interview required", blocks: [.decision], defaultRating: .amber,
            source: "9.30, fig 26"),
        // Figure 26: 223 (mostly amber); figure 27: 30.
        BarrierType(code: "criminal-casework", title: "Criminal casework", defaultRating: .amber, source: "fig 26, fig 27"),
        // Figure 27: 396, mostly amber.
        BarrierType(code: "minors", title: "Minors", defaultRating: .amber, source: "fig 27"),
        // Figure 27: 246, almost all purple. A missing child cannot be interviewed.
        BarrierType(code: "missing-child", title: "Missing child", blocks: [.interview], defaultRating: .purple, source: "fig 27"),
        // Figure 27: 104, mostly red; 7.78, 8.84. The 'barrier busters' (8.86) exist because this was over-applied: it informs.
        BarrierType(code: "impending-prosecution", title: "Impending prosecution", defaultRating: .red, source: "7.78, 8.84, 8.86, fig 27"),
        // Figure 27: 35, mostly red. Minimum identity and security checks, complete before a decision is served (8.119, note 131).
        BarrierType(
            code: "operating-mandate-checks", title: "Operating Mandate checks", blocks: [.service], defaultRating: .red,
            source: "8.119, note 131, fig 27"),
        // Figure 27 ("Referral – age assessment"): 18, mostly red; 8.121.
        BarrierType(code: "age-assessment-referral", title: "Age assessment referral", defaultRating: .red, source: "8.121, fig 27"),
        // Figure 27: 12, mostly amber.
        BarrierType(code: "linked-case", title: "Linked case", defaultRating: .amber, source: "fig 27"),
        // The biggest barrier in children's claims with disputed ages (8.121); 60 days to return, then a chaser (8.123).
        BarrierType(
            code: "statement-of-evidence-form-outstanding", title: "Statement of evidence form outstanding", defaultRating: .amber,
            source: "8.119, 8.121, 8.123–8.125"),
    ]

    /// Types the report describes as delays without naming them in its figures, then "other".
    static let described: [BarrierType] = [
        // Postponement requests with medical evidence (8.68); severe vulnerability with medical evidence (8.20).
        BarrierType(code: "medical-ill-health", title: "Medical or ill health", defaultRating: .amber, source: "8.20, 8.68"),
        // Refusals with a medico-legal report get a mandatory second pair of eyes (10.8–10.11).
        BarrierType(code: "awaiting-medico-legal-report", title: "Awaiting medico-legal report", defaultRating: .amber, source: "10.8–10.11"),
        // Evidence missing from a returned form (unsigned, no letter of authority, 8.125).
        BarrierType(code: "awaiting-documents", title: "Awaiting documents", defaultRating: .amber, source: "8.125"),
        // Handwritten or foreign-language evidence that cannot be read until translated (8.125).
        BarrierType(code: "awaiting-translation", title: "Awaiting translation", defaultRating: .amber, source: "8.125"),
        // Interpreter issues were said to cause 40% of cancellations; some languages are short (8.75, 10.50–10.51).
        BarrierType(
            code: "awaiting-interpreter", title: "Awaiting interpreter (language or dialect)", defaultRating: .amber, source: "8.75, 10.50–10.51"),
        // Delays in representatives returning forms and information (8.123, 8.125).
        BarrierType(
            code: "legal-representative-unavailable", title: "Legal representative unavailable", defaultRating: .amber, source: "8.123, 8.125"),
        // A challenge in the courts that affects the claim. A judicial review of delay raises priority instead (8.15–8.20).
        BarrierType(code: "judicial-review", title: "Judicial review pending", defaultRating: .red, source: "8.15–8.20"),
        // Detained claims are the first priority (fig 21); the barrier records a referral to or from detained casework.
        BarrierType(code: "detained-casework", title: "Detained casework", defaultRating: .amber, source: "fig 21, 8.15"),
        // Security checks beyond the Operating Mandate minimum (note 131).
        BarrierType(code: "security-checks", title: "Further security checks", defaultRating: .red, source: "note 131"),
        // A red safeguarding referral: the decision maker must wait for the hub's clearance before serving (fig 37).
        // Amber referrals need no barrier: the decision maker notes, refers and need not wait.
        BarrierType(
            code: "safeguarding-referral", title: "Safeguarding referral (awaiting hub clearance)", blocks: [.service], defaultRating: .red,
            source: "10.60, fig 37"),
        // Family relationships of dependants to be established. Not in the report: a common casework delay.
        BarrierType(code: "awaiting-dna", title: "Awaiting DNA evidence", defaultRating: .amber, source: "not in the report"),
        // A reason claims drop out of a nationality cohort (7.16).
        BarrierType(code: "nationality-dispute", title: "Nationality dispute", defaultRating: .amber, source: "7.16"),
        // Claims held awaiting a policy steer, e.g. the Illegal Migration Act 'separate pot' (8.117). The claim can be
        // worked up meanwhile, so it informs; purple because the wait is outside the unit's control.
        BarrierType(code: "awaiting-country-policy", title: "Awaiting country or policy guidance", defaultRating: .purple, source: "8.117"),
        // Exclusion from protection or serious criminality to be considered. Not in the report: a common casework delay.
        BarrierType(code: "exclusion-criminality", title: "Exclusion or serious criminality", defaultRating: .red, source: "not in the report"),
        // 30 working days to return it, then reminders and final intervention before withdrawal (7.12–7.25).
        BarrierType(code: "asylum-questionnaire-outstanding", title: "Asylum questionnaire outstanding", defaultRating: .amber, source: "7.12–7.25"),
        // Figure 26: the most common type, 4,713 adult claims (1,094 purple, 3,082 amber), with the reason only in
        // free notes, so managers could not see what the barriers were (8.97). A note is required.
        BarrierType(code: otherCode, title: "Other (see notes)", defaultRating: .amber, requiresNote: true, source: "8.97, fig 26, fig 27"),
    ]
}
