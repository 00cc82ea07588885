/// Grant rates by nationality (ISO 3166-1 alpha-3 → share of decisions that were grants, 0…1), from past outcomes.
/// Cohorts were chosen by grant rate (3.39, 7.4, 8.46).
public struct GrantRates: Codable, Sendable, Hashable {
    /// The rate for each nationality.
    public var rates: [String: Double]

    /// Creates rates from a table.
    public init(_ rates: [String: Double]) { self.rates = rates }

    /// Rates from past outcomes: grants (asylum, humanitarian protection, other leave) over grants and refusals.
    /// Closures (withdrawals, voids, other) and inadmissibility decisions are not decisions on the merits and count
    /// for neither; a nationality with no grant or refusal has no rate.
    public init(outcomes: [(nationality: String, outcome: Outcome)]) {
        var grants: [String: Int] = [:]
        var decided: [String: Int] = [:]
        for (nationality, outcome) in outcomes {
            switch outcome {
            case .grantAsylum, .grantHumanitarianProtection, .grantOtherLeave:
                grants[nationality, default: 0] += 1
                decided[nationality, default: 0] += 1
            case .refusal:
                decided[nationality, default: 0] += 1
            default:
                break
            }
        }
        var rates: [String: Double] = [:]
        for (nationality, count) in decided { rates[nationality] = Double(grants[nationality, default: 0]) / Double(count) }
        self.rates = rates
    }

    /// The rate for `nationality`, or nil when none is known.
    public func rate(for nationality: String) -> Double? { rates[nationality] }
}

/// A band of grant rates, each end optional and either inclusive or strict.
public struct GrantRateBand: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The lowest rate, or nil for no lower bound.
    public var minimum: Double?
    /// Whether a rate equal to `minimum` is outside the band ("over 95%").
    public var minimumIsExclusive: Bool
    /// The highest rate (inclusive), or nil for no upper bound.
    public var maximum: Double?

    /// Creates a band.
    public init(minimum: Double?, minimumIsExclusive: Bool = false, maximum: Double?) {
        self.minimum = minimum
        self.minimumIsExclusive = minimumIsExclusive
        self.maximum = maximum
    }

    /// Rates strictly above `rate`, e.g. "over 95%" (7.4).
    public static func over(_ rate: Double) -> GrantRateBand { GrantRateBand(minimum: rate, minimumIsExclusive: true, maximum: nil) }

    /// Rates from `low` to `high`, both included, e.g. 50%–80% (8.46).
    public static func between(_ low: Double, _ high: Double) -> GrantRateBand { GrantRateBand(minimum: low, maximum: high) }

    /// Whether `rate` is in the band.
    public func contains(_ rate: Double) -> Bool {
        if let minimum, minimumIsExclusive ? rate <= minimum : rate < minimum { return false }
        if let maximum, rate > maximum { return false }
        return true
    }

    /// The band in words: "over 95%", "50%–80%", "at least 50%", "at most 80%", "any".
    public var description: String {
        switch (minimum, maximum) {
        case let (low?, high?): minimumIsExclusive ? "over \(percent(low)) and at most \(percent(high))" : "\(percent(low))–\(percent(high))"
        case let (low?, nil): minimumIsExclusive ? "over \(percent(low))" : "at least \(percent(low))"
        case let (nil, high?): "at most \(percent(high))"
        case (nil, nil): "any"
        }
    }
}

/// One of the criteria that defines a cohort, named when a claim fails it.
public enum CohortCriterion: String, Codable, Sendable, CaseIterable {
    /// The claimant's nationality (included or excluded).
    case nationality
    /// The date of claim.
    case claimDate = "claim-date"
    /// The claimant's sex.
    case sex
    /// Straightforward or non-straightforward.
    case claimType = "claim-type"
    /// Unaccompanied children excluded.
    case unaccompaniedChild = "unaccompanied-child"
    /// The regime (legacy, flow, IMA).
    case regime
    /// The grant rate of the claimant's nationality.
    case grantRate = "grant-rate"
}

/// Why a claim does not fit a cohort: the criterion it fails and the reason in words.
public struct CohortMismatch: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The criterion the claim fails.
    public let criterion: CohortCriterion
    /// What is wrong, e.g. "Nationality IRN is not one of AFG, ERI, LBY, SYR, YEM".
    public let message: String

    /// Creates a mismatch.
    public init(criterion: CohortCriterion, message: String) {
        self.criterion = criterion
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// What puts a claim in a cohort (3.39, fig 6; 8.46). A nil set or bound means "any". The claimant is the main
/// applicant, and nationality is the effective one (confirmed when there is one, else claimed).
public struct CohortCriteria: Codable, Sendable, Hashable {
    /// Nationalities included (ISO alpha-3), or nil for any.
    public var nationalities: Set<String>?
    /// Nationalities excluded ("all nationalities not covered by AMESA and BRIDORA").
    public var excludedNationalities: Set<String>
    /// Earliest date of claim (included), or nil.
    public var claimedFrom: LocalDate?
    /// Latest date of claim (included), or nil.
    public var claimedTo: LocalDate?
    /// Sexes included, or nil for any (e.g. "Pakistan (female only)", 8.47).
    public var sexes: Set<Sex>?
    /// Claim types included, or nil for any.
    public var claimTypes: Set<ClaimType>?
    /// Unaccompanied children excluded (every legacy operation excluded them, fig 6).
    public var excludeUASC: Bool
    /// Regimes included, or nil for any.
    public var regimes: Set<Regime>?
    /// The band the nationality's grant rate must be in, or nil for any.
    public var grantRate: GrantRateBand?

    /// Creates criteria; everything defaults to "any".
    public init(
        nationalities: Set<String>? = nil, excludedNationalities: Set<String> = [], claimedFrom: LocalDate? = nil,
        claimedTo: LocalDate? = nil, sexes: Set<Sex>? = nil, claimTypes: Set<ClaimType>? = nil, excludeUASC: Bool = false,
        regimes: Set<Regime>? = nil, grantRate: GrantRateBand? = nil
    ) {
        self.nationalities = nationalities
        self.excludedNationalities = excludedNationalities
        self.claimedFrom = claimedFrom
        self.claimedTo = claimedTo
        self.sexes = sexes
        self.claimTypes = claimTypes
        self.excludeUASC = excludeUASC
        self.regimes = regimes
        self.grantRate = grantRate
    }

    /// Every criterion `claim` fails, in the order of `CohortCriterion`; empty when it fits.
    public func mismatches(_ claim: Claim, grantRates: GrantRates) -> [CohortMismatch] {
        let facts = claim.facts
        let nationality = facts.mainApplicant.nationality.effective
        var found: [CohortMismatch] = []
        func fail(_ criterion: CohortCriterion, _ message: String) { found.append(CohortMismatch(criterion: criterion, message: message)) }

        if let nationalities, !nationalities.contains(nationality) {
            fail(.nationality, "Nationality \(nationality) is not one of \(nationalities.sorted().joined(separator: ", "))")
        } else if excludedNationalities.contains(nationality) {
            fail(.nationality, "Nationality \(nationality) is excluded")
        }
        if let claimedFrom, facts.dateOfClaim < claimedFrom {
            fail(.claimDate, "Claimed on \(facts.dateOfClaim.longForm), before \(claimedFrom.longForm)")
        } else if let claimedTo, facts.dateOfClaim > claimedTo {
            fail(.claimDate, "Claimed on \(facts.dateOfClaim.longForm), after \(claimedTo.longForm)")
        }
        if let sexes, !sexes.contains(facts.mainApplicant.sex) {
            let allowed = Sex.allCases.filter(sexes.contains).map(\.rawValue).joined(separator: ", ")
            fail(.sex, "Sex \(facts.mainApplicant.sex.rawValue) is not one of \(allowed)")
        }
        if let claimTypes, !claimTypes.contains(facts.claimType) {
            let allowed = ClaimType.allCases.filter(claimTypes.contains).map(\.title).joined(separator: ", ")
            fail(.claimType, "\(facts.claimType.title) claims are not included (only \(allowed))")
        }
        if excludeUASC, facts.unaccompaniedChild {
            fail(.unaccompaniedChild, "Unaccompanied children are excluded")
        }
        if let regimes, !regimes.contains(claim.regime) {
            let allowed = Regime.allCases.filter(regimes.contains).map(\.title).joined(separator: ", ")
            fail(.regime, "\(claim.regime.title) claims are not included (only \(allowed))")
        }
        if let band = grantRate {
            if let rate = grantRates.rate(for: nationality) {
                if !band.contains(rate) { fail(.grantRate, "Grant rate for \(nationality) is \(percent(rate)), not \(band)") }
            } else {
                fail(.grantRate, "No grant rate is known for \(nationality)")
            }
        }
        return found
    }

    /// Whether `claim` fits every criterion: the same test as `mismatches(_:grantRates:).isEmpty`, without building the
    /// messages, since membership is judged for every claim when an operation is defined and on every registration.
    public func matches(_ claim: Claim, grantRates: GrantRates) -> Bool {
        let facts = claim.facts
        let nationality = facts.mainApplicant.nationality.effective
        if let nationalities, !nationalities.contains(nationality) { return false }
        if excludedNationalities.contains(nationality) { return false }
        if let claimedFrom, facts.dateOfClaim < claimedFrom { return false }
        if let claimedTo, facts.dateOfClaim > claimedTo { return false }
        if let sexes, !sexes.contains(facts.mainApplicant.sex) { return false }
        if let claimTypes, !claimTypes.contains(facts.claimType) { return false }
        if excludeUASC, facts.unaccompaniedChild { return false }
        if let regimes, !regimes.contains(claim.regime) { return false }
        if let band = grantRate {
            guard let rate = grantRates.rate(for: nationality), band.contains(rate) else { return false }
        }
        return true
    }
}

/// Why a claim left a cohort for the general WIP: it does not fit the cohort's way of working (7.16–7.17).
public enum DropOutReason: String, Codable, Sendable, CaseIterable {
    /// The claimed nationality is disputed.
    case nationalityDispute = "nationality-dispute"
    /// An outright refusal is likely.
    case outrightRefusal = "outright-refusal"
    /// An established Convention reason needs a DM's consideration (Libya and some Yemen cases).
    case establishedConventionReason = "established-convention-reason"
    /// A minor's case.
    case minor

    /// As staff say it.
    public var title: String {
        switch self {
        case .nationalityDispute: "Nationality dispute"
        case .outrightRefusal: "Outright refusal"
        case .establishedConventionReason: "Established Convention reason"
        case .minor: "Minor's case"
        }
    }
}

/// Whether a claim belongs to an operation, and if not, why.
public enum CohortMembership: Hashable, Sendable {
    /// The claim is a member.
    case member
    /// The claim fails these criteria.
    case notMatching([CohortMismatch])
    /// The claim fits but dropped out, for this reason.
    case droppedOut(DropOutReason)

    /// True for `.member`.
    public var isMember: Bool { self == .member }
}

/// A named cohort of the WIP worked as one operation, with its start and starting figure (3.39, fig 6; 7.1).
public struct Operation: Codable, Sendable, Hashable, Identifiable {
    /// Short code, e.g. "AMESA".
    public var code: String
    /// Name, e.g. "Operation AMESA".
    public var name: String
    /// Who is in it.
    public var criteria: CohortCriteria
    /// The day the operation started.
    public var startDate: LocalDate
    /// The cohort's size on the start date (a snapshot; the burn-down counts from it).
    public var startingFigure: Int
    /// A cohort with fewer members than this is low-intake: one DM owns each claim from triage to service (8.91).
    public var lowIntakeThreshold: Int
    /// Where the definition comes from, e.g. "3.39, fig 6; 7.4".
    public var source: String

    /// Creates an operation.
    public init(
        code: String, name: String, criteria: CohortCriteria, startDate: LocalDate, startingFigure: Int,
        lowIntakeThreshold: Int = SingleOwnerRule.current.lowIntakeThreshold, source: String = ""
    ) {
        self.code = code
        self.name = name
        self.criteria = criteria
        self.startDate = startDate
        self.startingFigure = startingFigure
        self.lowIntakeThreshold = lowIntakeThreshold
        self.source = source
    }

    /// The code.
    public var id: String { code }

    /// Whether `claim` fits the operation's criteria (drop-outs aside: see `membership(of:grantRates:dropOut:)`).
    public func matches(_ claim: Claim, grantRates: GrantRates) -> Bool { criteria.matches(claim, grantRates: grantRates) }

    /// Every criterion `claim` fails; empty when it fits.
    public func mismatches(_ claim: Claim, grantRates: GrantRates) -> [CohortMismatch] {
        criteria.mismatches(claim, grantRates: grantRates)
    }

    /// Whether `claim` is a member: it must fit, and must not have dropped out. A claim that dropped out is not a
    /// member even if it fits (7.17: it returns to the general WIP).
    public func membership(of claim: Claim, grantRates: GrantRates, dropOut: DropOutReason? = nil) -> CohortMembership {
        let failures = mismatches(claim, grantRates: grantRates)
        if !failures.isEmpty { return .notMatching(failures) }
        if let dropOut { return .droppedOut(dropOut) }
        return .member
    }

    /// Whether a cohort of `memberCount` claims is low-intake (fewer than `lowIntakeThreshold`).
    public func isLowIntake(memberCount: Int) -> Bool { memberCount < lowIntakeThreshold }

    /// The single-owner rule with this operation's low-intake threshold.
    public var singleOwnerRule: SingleOwnerRule {
        SingleOwnerRule(lowIntakeThreshold: lowIntakeThreshold, minimumAge: SingleOwnerRule.current.minimumAge)
    }

    /// The number of milestones the starting figure is split into for the '39 steps' view: each is 2.5% of the
    /// starting figure, so 5% every two milestones (3.40).
    public static let burnDownMilestones = 40

    /// The '39 steps' view of `remaining` claims against `startingFigure` (3.40).
    public static func burnDown(startingFigure: Int, remaining: Int) -> BurnDown {
        BurnDown(startingFigure: startingFigure, remaining: remaining, milestoneCount: burnDownMilestones)
    }

    /// The '39 steps' view of `remaining` claims against this operation's starting figure.
    public func burnDown(remaining: Int) -> BurnDown { Operation.burnDown(startingFigure: startingFigure, remaining: remaining) }
}

/// Progress through a backlog in milestones (3.40, fig 7). Milestone `k` of `n` is the figure
/// `⌊startingFigure × (n − k) / n⌋`; it is reached once `remaining` is at or below that figure.
public struct BurnDown: Codable, Sendable, Hashable {
    /// The figure counted from.
    public let startingFigure: Int
    /// Claims still to clear (never below 0).
    public let remaining: Int
    /// How many milestones the figure is split into.
    public let milestoneCount: Int
    /// Milestones reached, 0…`milestoneCount`.
    public let milestonesReached: Int

    /// Creates the view; a negative `remaining` counts as 0, and `milestoneCount` below 1 as 1.
    public init(startingFigure: Int, remaining: Int, milestoneCount: Int) {
        self.startingFigure = max(0, startingFigure)
        self.remaining = max(0, remaining)
        self.milestoneCount = max(1, milestoneCount)
        var reached = 0
        while reached < self.milestoneCount,
            self.remaining <= BurnDown.figure(self.startingFigure, milestone: reached + 1, of: self.milestoneCount)
        {
            reached += 1
        }
        self.milestonesReached = reached
    }

    /// The figure at milestone `k` (0 is the starting figure, `milestoneCount` is 0).
    public func figure(atMilestone k: Int) -> Int { BurnDown.figure(startingFigure, milestone: k, of: milestoneCount) }

    /// Every milestone's figure, milestone 1 first.
    public var milestoneFigures: [Int] { (1...milestoneCount).map(figure(atMilestone:)) }

    /// The next milestone to reach, or nil when all are reached.
    public var nextMilestone: Int? { milestonesReached < milestoneCount ? milestonesReached + 1 : nil }

    /// The next milestone's figure, or nil when all are reached.
    public var nextMilestoneFigure: Int? { nextMilestone.map(figure(atMilestone:)) }

    /// Claims to clear to reach the next milestone, or nil when all are reached.
    public var toNextMilestone: Int? { nextMilestoneFigure.map { remaining - $0 } }

    /// Claims cleared since the start (0 when the figure has grown).
    public var cleared: Int { max(0, startingFigure - remaining) }

    /// Share of the starting figure cleared, 0…1 (1 when the starting figure is 0).
    public var fractionCleared: Double { startingFigure == 0 ? 1 : Double(cleared) / Double(startingFigure) }

    private static func figure(_ start: Int, milestone: Int, of count: Int) -> Int {
        let k = min(max(milestone, 0), count)
        return start * (count - k) / count
    }
}

/// Why one DM must own a claim from triage to service.
public enum SingleOwnerReason: Hashable, Sendable, CustomStringConvertible {
    /// The claim's cohort has fewer members than the threshold.
    case lowIntakeCohort(members: Int, threshold: Int)
    /// The claimant is at or over the age threshold.
    case olderClaimant(age: Int, threshold: Int)

    /// In words.
    public var description: String {
        switch self {
        case let .lowIntakeCohort(members, threshold): "Low-intake cohort: \(members) claims, fewer than \(threshold)"
        case let .olderClaimant(age, threshold): "Claimant aged \(age), \(threshold) or over"
        }
    }
}

/// The Low Intake Cohort Team's rule (8.91): a claim keeps one DM owner from pre-interview triage to decision service
/// when its cohort has fewer than `lowIntakeThreshold` claims, or the claimant (the main applicant) is over
/// `minimumAge` on the day, read as having reached their 70th birthday.
public struct SingleOwnerRule: Codable, Sendable, Hashable {
    /// A cohort with fewer claims than this is low-intake.
    public var lowIntakeThreshold: Int
    /// A claimant this age or older keeps one owner.
    public var minimumAge: Int

    /// 8.91: cohorts of fewer than 200 claims; claimants over 70.
    public static let current = SingleOwnerRule(lowIntakeThreshold: 200, minimumAge: 70)

    /// Creates a rule.
    public init(lowIntakeThreshold: Int, minimumAge: Int) {
        self.lowIntakeThreshold = lowIntakeThreshold
        self.minimumAge = minimumAge
    }

    /// Every reason `claim` must keep one owner on `date`; `cohortMemberCount` is its cohort's size, nil when it is
    /// in no cohort. Empty when the rule does not apply.
    public func reasons(for claim: Claim, cohortMemberCount: Int?, on date: LocalDate) -> [SingleOwnerReason] {
        var reasons: [SingleOwnerReason] = []
        if let members = cohortMemberCount, members < lowIntakeThreshold {
            reasons.append(.lowIntakeCohort(members: members, threshold: lowIntakeThreshold))
        }
        let age = claim.facts.mainApplicant.dateOfBirth.age(on: date)
        if age >= minimumAge { reasons.append(.olderClaimant(age: age, threshold: minimumAge)) }
        return reasons
    }

    /// Whether `claim` must keep one owner on `date`.
    public func applies(to claim: Claim, cohortMemberCount: Int?, on date: LocalDate) -> Bool {
        !reasons(for: claim, cohortMemberCount: cohortMemberCount, on: date).isEmpty
    }
}

extension Operation {
    /// The high-grant nationalities of Op AMESA: Afghanistan, Eritrea, Libya, Syria, Yemen (fig 6, 7.4).
    public static let amesaNationalities: Set<String> = ["AFG", "ERI", "LBY", "SYR", "YEM"]
    /// Op BRIDORA's nationality: Albania (fig 6, 7.59).
    public static let bridoraNationalities: Set<String> = ["ALB"]

    /// The overall legacy WIP: every claim made before 28 June 2022, adults and children; 98,307 on 28 June 2022
    /// (fig 6 and note 40; the '39 steps', 3.40).
    public static let legacyBacklog = Operation(
        code: "LEGACY", name: "Legacy backlog", criteria: CohortCriteria(regimes: [.legacy]),
        startDate: LocalDate(year: 2022, month: 6, day: 28)!, startingFigure: 98_307, source: "3.39–3.40, fig 6, note 40"
    )

    /// Op AMESA, streamlined asylum processing: legacy claims from Afghanistan, Eritrea, Libya, Syria and Yemen, whose
    /// grant rate was over 95% in 2022; UASC excluded; started October 2022 (the report gives the month: the 1st is
    /// used) with 14,563 claims (fig 6, 7.1, 7.4).
    public static let amesa = Operation(
        code: "AMESA", name: "Operation AMESA",
        criteria: CohortCriteria(nationalities: amesaNationalities, excludeUASC: true, regimes: [.legacy], grantRate: .over(0.95)),
        startDate: LocalDate(year: 2022, month: 10, day: 1)!, startingFigure: 14_563, source: "3.39, fig 6; 7.1, 7.4"
    )

    /// Op BRIDORA: legacy Albanian claims; UASC excluded; started December 2022 with 12,543 (fig 6, 7.59).
    public static let bridora = Operation(
        code: "BRIDORA", name: "Operation BRIDORA",
        criteria: CohortCriteria(nationalities: bridoraNationalities, excludeUASC: true, regimes: [.legacy]),
        startDate: LocalDate(year: 2022, month: 12, day: 1)!, startingFigure: 12_543, source: "3.39, fig 6; 7.59"
    )

    /// Op MAKHU: legacy claims of every nationality not in AMESA or BRIDORA; UASC excluded; started December 2022
    /// with 58,252 (fig 6, 8.21).
    public static let makhu = Operation(
        code: "MAKHU", name: "Operation MAKHU",
        criteria: CohortCriteria(excludedNationalities: amesaNationalities.union(bridoraNationalities), excludeUASC: true, regimes: [.legacy]),
        startDate: LocalDate(year: 2022, month: 12, day: 1)!, startingFigure: 58_252, source: "3.39, fig 6; 8.21"
    )

    /// The report's operations, in the order of fig 6.
    public static let reportExamples: [Operation] = [legacyBacklog, amesa, bridora, makhu]
}

/// A rate as a percentage with at most one decimal: 0.955 → "95.5%", 0.95 → "95%".
private func percent(_ rate: Double) -> String {
    let tenths = Int((rate * 1000).rounded())
    return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(abs(tenths % 10))%"
}

extension GrantRates {
    /// A rate as staff read it: 0.955 → "95.5%", 0.95 → "95%".
    public static func percentage(_ rate: Double) -> String { percent(rate) }
}
