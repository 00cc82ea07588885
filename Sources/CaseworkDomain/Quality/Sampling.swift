/// The kinds of completed work quality assurance samples (10.8–10.11: decisions, and interviews, screening interviews
/// and withdrawn claims too; the inspectors found withdrawals checked once in ten months).
public enum SampledWork: String, Codable, Sendable, CaseIterable {
    case decision
    case interview
    case screeningInterview = "screening-interview"
    case withdrawal

    public var title: String {
        switch self {
        case .decision: "Decision"
        case .interview: "Substantive interview"
        case .screeningInterview: "Screening interview"
        case .withdrawal: "Withdrawal"
        }
    }
}

/// How deep a check goes.
public enum CheckDepth: String, Codable, Sendable, Comparable, CaseIterable {
    /// Interview record read and a light-touch check of the decision (LGBTQI+ and religious claims, 10.11).
    case lightTouch = "light-touch"
    /// A full assessment of the work.
    case full

    public static func < (lhs: CheckDepth, rhs: CheckDepth) -> Bool { lhs == .lightTouch && rhs == .full }
}

/// A claim characteristic a mandatory check is listed for.
public enum SamplingTrigger: String, Codable, Sendable, CaseIterable {
    /// A medico-legal report is on file.
    case medicoLegalReport = "medico-legal-report"
    /// An unaccompanied asylum-seeking child.
    case unaccompaniedChild = "unaccompanied-child"
    /// The claim is based on sexual orientation or gender identity.
    case lgbtqi
    /// The claim is based on religion (including conversion).
    case religion
}

/// One listed mandatory check: work of this kind with this outcome and characteristic is always checked.
public struct MandatoryCheck: Codable, Sendable, Hashable {
    public var code: String
    public var title: String
    public var work: SampledWork
    /// Only when the decision is a refusal (false: whatever the outcome).
    public var refusalOnly: Bool
    public var trigger: SamplingTrigger
    public var depth: CheckDepth
    /// The report paragraph it comes from.
    public var source: String

    public init(code: String, title: String, work: SampledWork, refusalOnly: Bool, trigger: SamplingTrigger, depth: CheckDepth, source: String) {
        self.code = code
        self.title = title
        self.work = work
        self.refusalOnly = refusalOnly
        self.trigger = trigger
        self.depth = depth
        self.source = source
    }
}

/// The sampling rules as data, versioned like the priority policy (10.8, 10.11–10.12; DOMAIN.md "Quality assurance").
public struct SamplingPolicy: Codable, Sendable, Hashable {
    public var version: Int
    /// The random share of each kind of work checked: 3.5% of decisions (10.8), and of interviews and withdrawn claims
    /// too, as the inspection recommends (recommendation (a): "including withdrawn claims", to meet the 3.5% target).
    public var randomRate: [SampledWork: Double]
    /// At least one check of each worker in this many days (10.8: "at least one check per DM every two months").
    public var minimumCheckIntervalDays: Int
    /// Work by someone not yet signed off is checked in full (10.8, 10.12: 100% checks until sign-off; "their interviews
    /// and decisions" were then sampled instead). Sign-off is a decision maker's, so screening and withdrawals are not listed.
    public var checkAllBeforeSignOff: Set<SampledWork>
    public var mandatory: [MandatoryCheck]
    /// Mixed into the random draw, so a sample is reproducible and auditable, and a new policy draws afresh.
    public var seed: UInt64

    public init(version: Int, randomRate: [SampledWork: Double], minimumCheckIntervalDays: Int, checkAllBeforeSignOff: Set<SampledWork>, mandatory: [MandatoryCheck], seed: UInt64) {
        self.version = version
        self.randomRate = randomRate
        self.minimumCheckIntervalDays = minimumCheckIntervalDays
        self.checkAllBeforeSignOff = checkAllBeforeSignOff
        self.mandatory = mandatory
        self.seed = seed
    }

    /// The policy in force.
    public static let current = SamplingPolicy(
        version: 1,
        randomRate: [.decision: 0.035, .interview: 0.035, .screeningInterview: 0.035, .withdrawal: 0.035],
        minimumCheckIntervalDays: 61,
        checkAllBeforeSignOff: [.decision, .interview],
        mandatory: [
            MandatoryCheck(code: "refusal-medico-legal-report", title: "Refusal with a medico-legal report", work: .decision, refusalOnly: true, trigger: .medicoLegalReport, depth: .full, source: "10.11"),
            MandatoryCheck(code: "refusal-uasc", title: "Refusal of an unaccompanied child's claim", work: .decision, refusalOnly: true, trigger: .unaccompaniedChild, depth: .full, source: "10.11"),
            MandatoryCheck(code: "lgbtqi-claim", title: "LGBTQI+ claim: interview read and light-touch check", work: .decision, refusalOnly: false, trigger: .lgbtqi, depth: .lightTouch, source: "10.11"),
            MandatoryCheck(code: "religious-claim", title: "Religious claim: interview read and light-touch check", work: .decision, refusalOnly: false, trigger: .religion, depth: .lightTouch, source: "10.11"),
        ],
        seed: 0x5A3D_1E5E_ED01
    )
}

/// A piece of work at the moment it is completed.
public struct CompletedWork: Sendable, Hashable {
    /// A stable identifier (claim reference and the event's sequence, say): the random draw is a function of it.
    public var id: String
    public var work: SampledWork
    public var refusal: Bool
    public var triggers: Set<SamplingTrigger>
    public var completedOn: LocalDate
    /// Whether the worker has been signed off.
    public var workerSignedOff: Bool
    /// When the worker's work of this kind was last selected for a check; nil when never.
    public var workerLastChecked: LocalDate?
    /// The work comes back after a check found it could not be served: it is checked again.
    public var resubmission: Bool

    public init(
        id: String, work: SampledWork, refusal: Bool, triggers: Set<SamplingTrigger>, completedOn: LocalDate, workerSignedOff: Bool, workerLastChecked: LocalDate?,
        resubmission: Bool = false
    ) {
        self.resubmission = resubmission
        self.id = id
        self.work = work
        self.refusal = refusal
        self.triggers = triggers
        self.completedOn = completedOn
        self.workerSignedOff = workerSignedOff
        self.workerLastChecked = workerLastChecked
    }
}

/// Why a piece of work is checked.
public struct SamplingReason: Codable, Sendable, Hashable {
    /// "before-sign-off", "mandatory:CODE", "minimum-per-worker" or "random".
    public var code: String
    public var text: String
    public var source: String

    public init(code: String, text: String, source: String) {
        self.code = code
        self.text = text
        self.source = source
    }
}

/// Whether a piece of work is checked, how deeply and why: every reason that applies, so the sample can be audited.
public struct SamplingDecision: Codable, Sendable, Hashable {
    public var selected: Bool
    public var depth: CheckDepth?
    public var reasons: [SamplingReason]
    /// The random draw in [0, 1), kept so anyone can recompute it.
    public var draw: Double
    public var policyVersion: Int

    public init(selected: Bool, depth: CheckDepth?, reasons: [SamplingReason], draw: Double, policyVersion: Int) {
        self.selected = selected
        self.depth = depth
        self.reasons = reasons
        self.draw = draw
        self.policyVersion = policyVersion
    }

    /// Whether one of the reasons is the random draw (the 3.5% that 10.27 measured).
    public var random: Bool { reasons.contains { $0.code == "random" } }
}

/// What the log keeps when work is completed: the work, whose it is, and the sampling decision with every reason, so the
/// sample can be recomputed and audited (10.23: 100% checks were "recorded offline").
public struct WorkSample: Codable, Sendable, Hashable {
    /// The claim and the sequence of the event that completed the work ("CW-0000001@12"): the random draw's input.
    public var id: String
    public var work: SampledWork
    /// The decision draft or interview number; nil for screening and withdrawals.
    public var subject: Int?
    public var worker: StaffID
    public var completedOn: LocalDate
    public var refusal: Bool
    public var triggers: [SamplingTrigger]
    public var decision: SamplingDecision

    public init(id: String, work: SampledWork, subject: Int?, worker: StaffID, completedOn: LocalDate, refusal: Bool, triggers: [SamplingTrigger], decision: SamplingDecision) {
        self.id = id
        self.work = work
        self.subject = subject
        self.worker = worker
        self.completedOn = completedOn
        self.refusal = refusal
        self.triggers = triggers
        self.decision = decision
    }

    /// The sample for `work` by `worker`, decided now.
    public static func decide(_ work: CompletedWork, subject: Int?, worker: StaffID, policy: SamplingPolicy = .current) -> WorkSample {
        WorkSample(
            id: work.id, work: work.work, subject: subject, worker: worker, completedOn: work.completedOn, refusal: work.refusal,
            triggers: SamplingTrigger.allCases.filter(work.triggers.contains), decision: SamplingRules.decide(work, policy: policy)
        )
    }
}

/// The sampling engine: decides at the moment work is completed (10.8–10.11). No clock, no randomness source: the
/// draw is a hash of the policy's seed and the work's identifier, so the same work always gets the same answer.
public enum SamplingRules {
    public static func decide(_ work: CompletedWork, policy: SamplingPolicy = .current) -> SamplingDecision {
        var reasons: [SamplingReason] = []
        var depth: CheckDepth?
        func add(_ code: String, _ text: String, _ source: String, _ level: CheckDepth) {
            reasons.append(SamplingReason(code: code, text: text, source: source))
            depth = max(depth ?? level, level)
        }
        if policy.checkAllBeforeSignOff.contains(work.work), !work.workerSignedOff {
            add("before-sign-off", "The worker is not yet signed off: all their work is checked", "10.8", .full)
        }
        if work.resubmission {
            add("resubmission", "Returned by a check as not yet servable: checked again before service", "10.9", .full)
        }
        for check in policy.mandatory where check.work == work.work && work.triggers.contains(check.trigger) && (!check.refusalOnly || work.refusal) {
            add("mandatory:\(check.code)", check.title, check.source, check.depth)
        }
        let overdue = work.workerLastChecked.map { $0.days(until: work.completedOn) >= policy.minimumCheckIntervalDays } ?? true
        if overdue {
            let since = work.workerLastChecked.map { "since \($0.longForm)" } ?? "ever"
            add("minimum-per-worker", "No check of this worker's work \(since): at least one every \(policy.minimumCheckIntervalDays) days", "10.8", .full)
        }
        let draw = uniformDraw(seed: policy.seed, id: work.id)
        let rate = policy.randomRate[work.work] ?? 0
        if draw < rate {
            add("random", "Drawn in the random \(percent(rate)) sample", "10.8", .full)
        }
        return SamplingDecision(selected: !reasons.isEmpty, depth: depth, reasons: reasons, draw: draw, policyVersion: policy.version)
    }

    /// A number in [0, 1) from the seed and the identifier: FNV-1a over the identifier's bytes, then SplitMix64's
    /// finaliser, so nearby identifiers draw independently.
    public static func uniformDraw(seed: UInt64, id: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        var z = hash &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }

    static func percent(_ rate: Double) -> String {
        let tenths = Int((rate * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }
}
