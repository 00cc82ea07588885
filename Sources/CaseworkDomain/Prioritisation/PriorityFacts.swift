/// The level of a safeguarding referral, least to most serious (DOMAIN.md "Safeguarding"; 10.57–10.69).
///
/// Ordered: `vulnerable < sshl1 < sshl2 < sshl3`, where SSHL is the suicide and self-harm level.
public enum SafeguardingLevel: String, Codable, Sendable, CaseIterable, Comparable {
    /// A vulnerable claimant, below the suicide and self-harm levels.
    case vulnerable
    /// Suicide and self-harm level 1.
    case sshl1
    /// Suicide and self-harm level 2.
    case sshl2
    /// Suicide and self-harm level 3, the most serious.
    case sshl3

    /// The level as staff write it: "vulnerable", "SSHL1", "SSHL2", "SSHL3".
    public var title: String {
        switch self {
        case .vulnerable: "vulnerable"
        case .sshl1: "SSHL1"
        case .sshl2: "SSHL2"
        case .sshl3: "SSHL3"
        }
    }

    /// Orders levels by seriousness (declaration order).
    public static func < (lhs: SafeguardingLevel, rhs: SafeguardingLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A safeguarding referral raised for the claimant: its level and the date it was raised.
public struct SafeguardingReferral: Codable, Sendable, Hashable {
    /// The referral's level.
    public var level: SafeguardingLevel
    /// The date the referral was raised.
    public var raised: LocalDate

    /// Creates a referral.
    public init(level: SafeguardingLevel, raised: LocalDate) {
        self.level = level
        self.raised = raised
    }
}

/// Why the Home Office is obliged or committed to decide by a date: the demand-led categories of fig 21.
public enum CommitmentKind: String, Codable, Sendable, CaseIterable {
    /// A judicial review.
    case judicialReview = "judicial-review"
    /// A pre-action protocol letter.
    case preActionProtocol = "pre-action-protocol"
    /// An MP's case.
    case mpCase = "mp-case"
    /// Another commitment to decide by a date.
    case other

    /// As written in an explanation: "judicial review".
    public var title: String {
        switch self {
        case .judicialReview: "judicial review"
        case .preActionProtocol: "pre-action protocol"
        case .mpCase: "MP case"
        case .other: "other commitment"
        }
    }
}

/// A decision the Home Office is obliged or has committed to make by a date (fig 21 "Demand led").
public struct DecisionCommitment: Codable, Sendable, Hashable {
    /// What the commitment comes from.
    public var kind: CommitmentKind
    /// The date by which the decision is due.
    public var decideBy: LocalDate

    /// Creates a commitment.
    public init(kind: CommitmentKind, decideBy: LocalDate) {
        self.kind = kind
        self.decideBy = decideBy
    }
}

/// Priority granted at the request of the claimant or their representative for severe vulnerability with medical
/// evidence, e.g. suicidal ideation or torture (8.20). Who granted it, when and why is always recorded.
public struct PriorityOnRequest: Codable, Sendable, Hashable {
    /// The member of staff who granted it.
    public var grantedBy: StaffID
    /// When it was granted.
    public var at: Instant
    /// Why, in plain words (the evidence seen).
    public var reason: String

    /// Creates a grant of priority on request.
    public init(grantedBy: StaffID, at: Instant, reason: String) {
        self.grantedBy = grantedBy
        self.at = at
        self.reason = reason
    }
}

/// Everything `PriorityPolicy` reads to place a claim in the work order (fig 21, 8.15–8.20).
public struct PriorityFacts: Codable, Sendable, Hashable {
    /// The claimant is held in immigration detention.
    public var detained: Bool
    /// The current safeguarding referral, if one has been raised.
    public var safeguarding: SafeguardingReferral?
    /// A National Referral Mechanism referral: a potential victim of trafficking.
    public var nationalReferralMechanism: Bool
    /// Vulnerability markers recorded on the claim.
    public var vulnerabilities: [VulnerabilityMarker]
    /// A decision committed by a date, if there is one.
    public var commitment: DecisionCommitment?
    /// The claimant receives asylum support.
    public var asylumSupport: Bool
    /// The regime the claim falls under (legacy, flow, IMA).
    public var regime: Regime
    /// An unaccompanied asylum-seeking child.
    public var unaccompaniedChild: Bool
    /// The date the claim was made.
    public var dateOfClaim: LocalDate
    /// Priority granted on request (8.20), if any.
    public var priorityOnRequest: PriorityOnRequest?

    /// Creates facts from their parts.
    public init(
        detained: Bool = false, safeguarding: SafeguardingReferral? = nil, nationalReferralMechanism: Bool = false,
        vulnerabilities: [VulnerabilityMarker] = [], commitment: DecisionCommitment? = nil, asylumSupport: Bool = false,
        regime: Regime, unaccompaniedChild: Bool = false, dateOfClaim: LocalDate, priorityOnRequest: PriorityOnRequest? = nil
    ) {
        self.detained = detained
        self.safeguarding = safeguarding
        self.nationalReferralMechanism = nationalReferralMechanism
        self.vulnerabilities = vulnerabilities
        self.commitment = commitment
        self.asylumSupport = asylumSupport
        self.regime = regime
        self.unaccompaniedChild = unaccompaniedChild
        self.dateOfClaim = dateOfClaim
        self.priorityOnRequest = priorityOnRequest
    }

    /// Facts for `claim`: detention, NRM referral, vulnerability markers, asylum support, UASC, date of claim and
    /// regime from its registered facts; safeguarding referral, committed date and priority on request from what the
    /// work in progress recorded (`Claim.work`). An argument given here replaces the claim's own.
    public init(
        claim: Claim, safeguarding: SafeguardingReferral? = nil, commitment: DecisionCommitment? = nil,
        priorityOnRequest: PriorityOnRequest? = nil
    ) {
        let facts = claim.facts
        self.init(
            detained: facts.detained, safeguarding: safeguarding ?? claim.work.safeguarding,
            nationalReferralMechanism: facts.nationalReferralMechanism, vulnerabilities: facts.vulnerabilities,
            commitment: commitment ?? claim.work.commitment, asylumSupport: facts.asylumSupport, regime: claim.regime,
            unaccompaniedChild: facts.unaccompaniedChild, dateOfClaim: facts.dateOfClaim,
            priorityOnRequest: priorityOnRequest ?? claim.work.priorityOnRequest
        )
    }
}
