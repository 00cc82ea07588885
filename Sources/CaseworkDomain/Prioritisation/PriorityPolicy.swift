/// The tasking categories of Asylum Operations, July 2023 (fig 21). A policy ranks them; a claim's tier is the rank of
/// the highest category it falls in.
public enum TaskingCategory: String, Codable, Sendable, CaseIterable {
    /// Held in immigration detention: detention must be for the shortest time possible.
    case detained
    /// Vulnerable and high-harm claimants: a safeguarding referral has been raised, or a potential victim of trafficking.
    case vulnerableHighHarm = "vulnerable-high-harm"
    /// Demand-led: a decision the Home Office is obliged or committed to make by a date (JR, PAP, MP cases).
    case demandLed = "demand-led"
    /// In receipt of asylum support, irrespective of claim date.
    case asylumSupport = "asylum-support"
    /// Flow: claims made on or after 28 June 2022 (including those held under the Illegal Migration Act).
    case flow
    /// Legacy: claims made before 28 June 2022.
    case legacy

    /// The category as a tier title, e.g. "Vulnerable and high-harm claimants".
    public var title: String {
        switch self {
        case .detained: "Detained cases"
        case .vulnerableHighHarm: "Vulnerable and high-harm claimants"
        case .demandLed: "Demand-led cases"
        case .asylumSupport: "Supported cases"
        case .flow: "Flow claims"
        case .legacy: "Legacy claims"
        }
    }

    /// What places a claim in the category, in plain words for the published criteria (8.19).
    public var grounds: String {
        switch self {
        case .detained: "Held in immigration detention"
        case .vulnerableHighHarm: "A safeguarding referral has been raised, or a National Referral Mechanism referral (a potential victim of trafficking)"
        case .demandLed: "A decision committed by a date: a judicial review, a pre-action protocol letter or an MP's case"
        case .asylumSupport: "In receipt of asylum support, whatever the date of claim"
        case .flow: "Claimed on or after 28 June 2022, including claims under the Illegal Migration Act"
        case .legacy: "Claimed before 28 June 2022"
        }
    }
}

/// Where a claim stands in the work order, and why, in words a claimant's representative can read (8.19).
public struct Priority: Codable, Sendable, Hashable {
    /// The tier, 1 (first) to 6 (last).
    public let tier: Int
    /// The tasking category that decided the tier.
    public let category: TaskingCategory
    /// The tier's title, e.g. "Detained cases".
    public let tierTitle: String
    /// Vulnerability severity, 0 (none recorded) to `PriorityPolicy.maximumSeverity`; higher is worked first within a tier.
    public let severity: Int
    /// The date a decision is committed by, if any; earlier is worked first within a tier and severity.
    public let committedBy: LocalDate?
    /// The date of claim; older is worked first when everything else is equal.
    public let dateOfClaim: LocalDate
    /// One number that sorts ascending into the work order; see `Priority.sortKey(tier:severity:committedBy:dateOfClaim:)`.
    public let sortKey: Int64
    /// The version of the policy that assessed the claim.
    public let policyVersion: Int
    /// The reasons, in plain words: the tier's grounds first, then what orders the claim within its tier, then the wait.
    public let reasons: [String]
    /// One line: "Tier 2: safeguarding referral SSHL2 raised 3 May 2023; waiting 412 days".
    public let explanation: String

    /// Creates a priority from its parts; `sortKey` and `explanation` are derived.
    public init(
        tier: Int, category: TaskingCategory, severity: Int, committedBy: LocalDate?, dateOfClaim: LocalDate,
        policyVersion: Int, reasons: [String]
    ) {
        self.tier = tier
        self.category = category
        self.tierTitle = category.title
        self.severity = severity
        self.committedBy = committedBy
        self.dateOfClaim = dateOfClaim
        self.policyVersion = policyVersion
        self.reasons = reasons
        self.sortKey = Priority.sortKey(tier: tier, severity: severity, committedBy: committedBy, dateOfClaim: dateOfClaim)
        self.explanation = "Tier \(tier): " + reasons.joined(separator: "; ")
    }

    /// The documented work order: lower tier first; then higher severity; then the earlier committed date (a claim
    /// with no commitment after any with one); then the older date of claim. `sortKey` sorts the same way.
    public static func inWorkOrder(_ lhs: Priority, _ rhs: Priority) -> Bool {
        let left = (lhs.tier, -lhs.severity, lhs.committedBy.map(\.dayNumber) ?? Int.max, lhs.dateOfClaim.dayNumber)
        let right = (rhs.tier, -rhs.severity, rhs.committedBy.map(\.dayNumber) ?? Int.max, rhs.dateOfClaim.dayNumber)
        return left < right
    }

    /// Value of the committed-date field in `sortKey` when there is no commitment: after every real date.
    public static let noCommitmentOrdinal: Int64 = 9_999_999

    /// The sort key, as decimal fields of one Int64 (17 digits, well inside Int64), read left to right:
    ///
    ///     T SS CCCCCCC DDDDDDD
    ///
    /// - `T`: the tier, 1–9;
    /// - `SS`: 99 − severity, so more severe sorts first;
    /// - `CCCCCCC`: the committed date as days since 0001-01-01 (0…3,652,058), or 9,999,999 when there is none;
    /// - `DDDDDDD`: the date of claim as days since 0001-01-01, so older sorts first.
    ///
    /// `key = T·10¹⁶ + SS·10¹⁴ + C·10⁷ + D`. It depends on no "today", so a stored key stays right until the facts
    /// or the policy change. Equal keys are equal in the work order; break ties by claim reference.
    public static func sortKey(tier: Int, severity: Int, committedBy: LocalDate?, dateOfClaim: LocalDate) -> Int64 {
        let tierField = Int64(min(max(tier, 1), 9))
        let severityField = Int64(PriorityPolicy.maximumSeverity - min(max(severity, 0), PriorityPolicy.maximumSeverity))
        let committedField = committedBy.map(ordinal) ?? noCommitmentOrdinal
        return tierField * 10_000_000_000_000_000 + severityField * 100_000_000_000_000 + committedField * 10_000_000
            + ordinal(dateOfClaim)
    }

    /// Days since 0001-01-01 (0 for that day); every `LocalDate` gives 0…3,652,058, seven decimal digits.
    static func ordinal(_ date: LocalDate) -> Int64 { Int64(date.dayNumber + 719_162) }
}

/// The tasking priorities as data, versioned, so a change of policy is a new version here and every claim's priority
/// can be recomputed and told apart by `Priority.policyVersion` (fig 21, 8.15–8.20; 2021 rec 2; 2023 rec 2).
///
/// A claim's tier is the position (1-based) in `tierOrder` of the highest-ranked category it falls in:
/// detained → `.detained`; a safeguarding referral or NRM referral → `.vulnerableHighHarm`; a committed date →
/// `.demandLed`; asylum support → `.asylumSupport`; claimed on or after 28 June 2022 (flow or IMA) → `.flow`;
/// otherwise `.legacy`. Every claim falls in `.flow` or `.legacy`, so every claim has a tier.
///
/// **Unaccompanied children (2021 rec 2).** A UASC claim falls in `unaccompaniedChildCategory` (vulnerable and high-harm
/// in the current policy): it is placed no lower than tier 2, and carries severity `unaccompaniedChildSeverity` within
/// its tier. The alternative, ranking first within its own tier, would leave a legacy UASC claim in tier 6 behind
/// every supported adult, which is not the priority the Immigration Rules require for children's claims; a child with
/// no carer is vulnerable by definition. Detained claims still come first, since detention must be as short as possible.
///
/// **Priority on request (8.20).** A grant falls in `priorityOnRequestCategory` (vulnerable and high-harm) and sets the
/// severity to `priorityOnRequestSeverity` (95 of 99, above every other weight): the claim rises to tier 2 if it was
/// lower, and works ahead of every claim in its tier that has no such grant. A detained claim stays in tier 1.
///
/// **Within a tier (8.16).** Vulnerability severity (the highest of the claim's safeguarding level, NRM referral, UASC,
/// priority on request and vulnerability markers, each weighted here), then the earliest committed date, then the
/// oldest date of claim. See `Priority.sortKey(tier:severity:committedBy:dateOfClaim:)`.
public struct PriorityPolicy: Sendable, Hashable, Codable {
    /// The policy's version; each change is a new version.
    public let version: Int
    /// The policy's name, e.g. "Asylum Operations tasking priorities, July 2023".
    public let name: String
    /// The categories, first tier first. Must hold each `TaskingCategory` exactly once.
    public let tierOrder: [TaskingCategory]
    /// The category an unaccompanied child's claim falls in, so it is placed no lower than that tier.
    public let unaccompaniedChildCategory: TaskingCategory
    /// The category a claim with priority on request falls in.
    public let priorityOnRequestCategory: TaskingCategory
    /// Severity of each safeguarding level.
    public let safeguardingSeverity: [SafeguardingLevel: Int]
    /// Severity of each vulnerability marker; a marker not listed counts 0.
    public let markerSeverity: [VulnerabilityMarker: Int]
    /// Severity of a National Referral Mechanism referral (potential victim of trafficking).
    public let nationalReferralMechanismSeverity: Int
    /// Severity of being an unaccompanied child.
    public let unaccompaniedChildSeverity: Int
    /// Severity given by priority on request.
    public let priorityOnRequestSeverity: Int

    /// The highest severity: it takes two digits of the sort key.
    public static let maximumSeverity = 99

    /// Fig 21, July 2023: detained; vulnerable and high harm; demand led; supported; flow; legacy.
    public static let figure21TierOrder: [TaskingCategory] = [.detained, .vulnerableHighHarm, .demandLed, .asylumSupport, .flow, .legacy]

    /// Safeguarding levels, scaled as the hub ranks them (vulnerable < SSHL1 < SSHL2 < SSHL3; 10.57).
    public static let defaultSafeguardingSeverity: [SafeguardingLevel: Int] = [.vulnerable: 40, .sshl1: 60, .sshl2: 75, .sshl3: 90]

    /// Vulnerability markers. Suicidal ideation and torture are the guidance's examples of severe vulnerability (8.20)
    /// and weigh most; the rest are graded by risk of harm from waiting. A marker alone orders a claim within its
    /// tier; it does not move the tier (that takes a referral or a grant of priority on request).
    public static let defaultMarkerSeverity: [VulnerabilityMarker: Int] = [
        .suicidalIdeation: 70, .tortureSurvivor: 70, .modernSlavery: 60, .childWithoutCarer: 50, .genderBasedViolence: 45,
        .domesticAbuse: 45, .mentalHealth: 40, .pregnancy: 40, .elderly: 35, .disability: 30, .physicalHealth: 30, .lgbtqi: 20,
    ]

    /// The policy in force: fig 21's order, UASC and priority on request in tier 2, the default severities.
    public static let current = PriorityPolicy(
        unchecked: 1, name: "Asylum Operations tasking priorities, July 2023 (fig 21)", tierOrder: figure21TierOrder,
        unaccompaniedChildCategory: .vulnerableHighHarm, priorityOnRequestCategory: .vulnerableHighHarm,
        safeguardingSeverity: defaultSafeguardingSeverity, markerSeverity: defaultMarkerSeverity,
        nationalReferralMechanismSeverity: 60, unaccompaniedChildSeverity: 50, priorityOnRequestSeverity: 95
    )

    /// Creates a policy, defaulting every value to the current one; throws when the tier order is not each category
    /// exactly once, a severity is outside 0…99, the version is below 1 or the name is empty.
    public init(
        version: Int, name: String, tierOrder: [TaskingCategory] = PriorityPolicy.figure21TierOrder,
        unaccompaniedChildCategory: TaskingCategory = .vulnerableHighHarm,
        priorityOnRequestCategory: TaskingCategory = .vulnerableHighHarm,
        safeguardingSeverity: [SafeguardingLevel: Int] = PriorityPolicy.defaultSafeguardingSeverity,
        markerSeverity: [VulnerabilityMarker: Int] = PriorityPolicy.defaultMarkerSeverity,
        nationalReferralMechanismSeverity: Int = 60, unaccompaniedChildSeverity: Int = 50, priorityOnRequestSeverity: Int = 95
    ) throws(ValidationFailure) {
        var errors: [FieldError] = []
        if version < 1 { errors.append(FieldError(field: "version", message: "Version must be 1 or more")) }
        if name.trimmingWhitespace.isEmpty { errors.append(FieldError(field: "name", message: "Enter the policy's name")) }
        if tierOrder.count != TaskingCategory.allCases.count || Set(tierOrder).count != TaskingCategory.allCases.count {
            let all = TaskingCategory.allCases.map(\.rawValue).joined(separator: ", ")
            errors.append(FieldError(field: "tierOrder", message: "Tier order must list each category exactly once: \(all)"))
        }
        let severities: [(String, Int)] =
            SafeguardingLevel.allCases.compactMap { level in safeguardingSeverity[level].map { ("safeguardingSeverity.\(level.rawValue)", $0) } }
            + VulnerabilityMarker.allCases.compactMap { marker in markerSeverity[marker].map { ("markerSeverity.\(marker.rawValue)", $0) } }
            + [
                ("nationalReferralMechanismSeverity", nationalReferralMechanismSeverity),
                ("unaccompaniedChildSeverity", unaccompaniedChildSeverity), ("priorityOnRequestSeverity", priorityOnRequestSeverity),
            ]
        for (field, value) in severities where !(0...PriorityPolicy.maximumSeverity).contains(value) {
            errors.append(FieldError(field: field, message: "Severity must be from 0 to \(PriorityPolicy.maximumSeverity) (it is \(value))"))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        self.init(
            unchecked: version, name: name, tierOrder: tierOrder, unaccompaniedChildCategory: unaccompaniedChildCategory,
            priorityOnRequestCategory: priorityOnRequestCategory, safeguardingSeverity: safeguardingSeverity,
            markerSeverity: markerSeverity, nationalReferralMechanismSeverity: nationalReferralMechanismSeverity,
            unaccompaniedChildSeverity: unaccompaniedChildSeverity, priorityOnRequestSeverity: priorityOnRequestSeverity
        )
    }

    private init(
        unchecked version: Int, name: String, tierOrder: [TaskingCategory], unaccompaniedChildCategory: TaskingCategory,
        priorityOnRequestCategory: TaskingCategory, safeguardingSeverity: [SafeguardingLevel: Int],
        markerSeverity: [VulnerabilityMarker: Int], nationalReferralMechanismSeverity: Int, unaccompaniedChildSeverity: Int,
        priorityOnRequestSeverity: Int
    ) {
        self.version = version
        self.name = name
        self.tierOrder = tierOrder
        self.unaccompaniedChildCategory = unaccompaniedChildCategory
        self.priorityOnRequestCategory = priorityOnRequestCategory
        self.safeguardingSeverity = safeguardingSeverity
        self.markerSeverity = markerSeverity
        self.nationalReferralMechanismSeverity = nationalReferralMechanismSeverity
        self.unaccompaniedChildSeverity = unaccompaniedChildSeverity
        self.priorityOnRequestSeverity = priorityOnRequestSeverity
    }

    private enum CodingKeys: String, CodingKey {
        case version, name, tierOrder, unaccompaniedChildCategory, priorityOnRequestCategory, safeguardingSeverity, markerSeverity
        case nationalReferralMechanismSeverity, unaccompaniedChildSeverity, priorityOnRequestSeverity
    }

    /// Decodes a policy, applying the same checks as `init(version:name:...)`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            version: c.decode(Int.self, forKey: .version), name: c.decode(String.self, forKey: .name),
            tierOrder: c.decode([TaskingCategory].self, forKey: .tierOrder),
            unaccompaniedChildCategory: c.decode(TaskingCategory.self, forKey: .unaccompaniedChildCategory),
            priorityOnRequestCategory: c.decode(TaskingCategory.self, forKey: .priorityOnRequestCategory),
            safeguardingSeverity: c.decode([SafeguardingLevel: Int].self, forKey: .safeguardingSeverity),
            markerSeverity: c.decode([VulnerabilityMarker: Int].self, forKey: .markerSeverity),
            nationalReferralMechanismSeverity: c.decode(Int.self, forKey: .nationalReferralMechanismSeverity),
            unaccompaniedChildSeverity: c.decode(Int.self, forKey: .unaccompaniedChildSeverity),
            priorityOnRequestSeverity: c.decode(Int.self, forKey: .priorityOnRequestSeverity)
        )
    }

    /// The tier (1-based) of `category` under this policy.
    public func tier(of category: TaskingCategory) -> Int { (tierOrder.firstIndex(of: category) ?? tierOrder.count) + 1 }

    /// The vulnerability severity of `facts`: the highest weight among what applies, 0 when nothing does.
    public func severity(of facts: PriorityFacts) -> Int {
        var weights = facts.vulnerabilities.map { markerSeverity[$0] ?? 0 }
        if let referral = facts.safeguarding { weights.append(safeguardingSeverity[referral.level] ?? 0) }
        if facts.nationalReferralMechanism { weights.append(nationalReferralMechanismSeverity) }
        if facts.unaccompaniedChild { weights.append(unaccompaniedChildSeverity) }
        if facts.priorityOnRequest != nil { weights.append(priorityOnRequestSeverity) }
        return weights.max() ?? 0
    }

    /// The category that places `facts`: the highest-ranked of the categories they fall in. `assess` and `placement`
    /// both use it, so the words and the stored sort key cannot disagree.
    public func category(of facts: PriorityFacts) -> TaskingCategory {
        var best: TaskingCategory = facts.regime == .legacy ? .legacy : .flow
        func consider(_ category: TaskingCategory) { if tier(of: category) < tier(of: best) { best = category } }
        if facts.detained { consider(.detained) }
        if facts.safeguarding != nil || facts.nationalReferralMechanism { consider(.vulnerableHighHarm) }
        if facts.unaccompaniedChild { consider(unaccompaniedChildCategory) }
        if facts.priorityOnRequest != nil { consider(priorityOnRequestCategory) }
        if facts.commitment != nil { consider(.demandLed) }
        if facts.asylumSupport { consider(.asylumSupport) }
        return best
    }

    /// Where `facts` stand in the work order, without the words: what a recompute of every claim writes (150,000
    /// claims in well under a second), and the same tier and sort key `assess` gives.
    public func placement(of facts: PriorityFacts) -> PriorityPlacement {
        let category = category(of: facts)
        let tier = tier(of: category)
        let severity = severity(of: facts)
        return PriorityPlacement(
            tier: tier, category: category, severity: severity,
            sortKey: Priority.sortKey(tier: tier, severity: severity, committedBy: facts.commitment?.decideBy, dateOfClaim: facts.dateOfClaim)
        )
    }

    /// Places a claim in the work order and says why. `today` is used only in the words (days waiting, overdue
    /// commitments); the tier and the sort key do not depend on it.
    public func assess(_ facts: PriorityFacts, today: LocalDate) -> Priority {
        // Every fact that places or orders the claim, in a fixed order of reading.
        var grounds: [(category: TaskingCategory?, reason: String, ordersWithinTier: Bool)] = []
        if facts.detained { grounds.append((.detained, "detained", false)) }
        if let referral = facts.safeguarding {
            let level = referral.level == .vulnerable ? "(vulnerable)" : referral.level.title
            grounds.append((.vulnerableHighHarm, "safeguarding referral \(level) raised \(referral.raised.longForm)", true))
        }
        if facts.nationalReferralMechanism {
            grounds.append((.vulnerableHighHarm, "potential victim of trafficking (NRM referral)", true))
        }
        if facts.unaccompaniedChild { grounds.append((unaccompaniedChildCategory, "unaccompanied child", true)) }
        if let grant = facts.priorityOnRequest {
            grounds.append(
                (priorityOnRequestCategory, "priority on request granted by \(grant.grantedBy) on \(grant.at.date.longForm): \(grant.reason)", true)
            )
        }
        if let commitment = facts.commitment {
            let late = commitment.decideBy.days(until: today)
            let overdue = late > 0 ? ", overdue by \(PriorityPolicy.days(late))" : ""
            grounds.append((.demandLed, "decision committed by \(commitment.decideBy.longForm) (\(commitment.kind.title))\(overdue)", true))
        }
        if facts.asylumSupport { grounds.append((.asylumSupport, "in receipt of asylum support", false)) }
        switch facts.regime {
        case .legacy: grounds.append((.legacy, "legacy claim", false))
        case .flow: grounds.append((.flow, "flow claim", false))
        case .illegalMigrationAct: grounds.append((.flow, "Illegal Migration Act claim", false))
        }
        let markers = Array(Set(facts.vulnerabilities)).sorted {
            let (left, right) = (markerSeverity[$0] ?? 0, markerSeverity[$1] ?? 0)
            return left != right ? left > right : VulnerabilityMarker.allCases.firstIndex(of: $0)! < VulnerabilityMarker.allCases.firstIndex(of: $1)!
        }
        if !markers.isEmpty {
            grounds.append((nil, "vulnerability: " + markers.map { $0.title.lowercasedFirstWord }.joined(separator: ", "), true))
        }

        let category = category(of: facts)
        let placed = grounds.filter { $0.category == category }
        let ordering = grounds.filter { $0.category != category && $0.ordersWithinTier }
        let waiting = max(0, facts.dateOfClaim.days(until: today))
        let reasons = placed.map(\.reason) + ordering.map(\.reason) + ["waiting \(PriorityPolicy.days(waiting))"]
        return Priority(
            tier: tier(of: category), category: category, severity: severity(of: facts), committedBy: facts.commitment?.decideBy,
            dateOfClaim: facts.dateOfClaim, policyVersion: version, reasons: reasons
        )
    }

    private static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }
}

/// A claim's place in the work order under one policy, without the words of `Priority`.
public struct PriorityPlacement: Sendable, Hashable {
    /// The tier, 1 (first) to 6 (last).
    public let tier: Int
    /// The tasking category that decided the tier.
    public let category: TaskingCategory
    /// Vulnerability severity, 0 to `PriorityPolicy.maximumSeverity`.
    public let severity: Int
    /// The work-order key; see `Priority.sortKey(tier:severity:committedBy:dateOfClaim:)`.
    public let sortKey: Int64
}

extension String {
    /// The text with its first letter in lower case, unless the first word is an initialism ("LGBTQI+", "MP").
    fileprivate var lowercasedFirstWord: String {
        let characters = Array(self)
        if characters.count > 1, characters[1].isUppercase { return self }
        return prefix(1).lowercased() + dropFirst()
    }
}
