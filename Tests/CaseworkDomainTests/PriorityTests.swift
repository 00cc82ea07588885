import CaseworkDomain
import Testing

private func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

private let assessedOn = date("2023-10-27")
private let legacyDate = date("2021-03-01")
private let flowDate = date("2023-01-10")

private func legacy(_ change: (inout PriorityFacts) -> Void = { _ in }) -> PriorityFacts {
    var facts = PriorityFacts(regime: .legacy, dateOfClaim: legacyDate)
    change(&facts)
    return facts
}

private func flow(_ change: (inout PriorityFacts) -> Void = { _ in }) -> PriorityFacts {
    var facts = PriorityFacts(regime: .flow, dateOfClaim: flowDate)
    change(&facts)
    return facts
}

private let grant = PriorityOnRequest(
    grantedBy: "tspec1", at: Instant(startOf: date("2023-10-02")), reason: "medico-legal report of torture"
)

/// The claims in work order under `policy`, by label.
private func workOrder(_ claims: [(String, PriorityFacts)], policy: PriorityPolicy = .current) -> [String] {
    claims.map { ($0.0, policy.assess($0.1, today: assessedOn)) }.sorted { $0.1.sortKey < $1.1.sortKey }.map(\.0)
}

@Suite("Tasking priorities")
struct PriorityTests {
    @Test("Each claim falls in the tier fig 21 gives it")
    func tiers() {
        let table: [(String, PriorityFacts, Int)] = [
            ("detained legacy", legacy { $0.detained = true }, 1),
            ("detained with SSHL3 and support", legacy { $0.detained = true; $0.safeguarding = .init(level: .sshl3, raised: flowDate); $0.asylumSupport = true }, 1),
            ("safeguarding: vulnerable", flow { $0.safeguarding = .init(level: .vulnerable, raised: flowDate) }, 2),
            ("safeguarding: SSHL1, supported", legacy { $0.safeguarding = .init(level: .sshl1, raised: flowDate); $0.asylumSupport = true }, 2),
            ("NRM referral", legacy { $0.nationalReferralMechanism = true }, 2),
            ("judicial review", legacy { $0.commitment = .init(kind: .judicialReview, decideBy: date("2023-12-01")) }, 3),
            ("MP case, supported", flow { $0.commitment = .init(kind: .mpCase, decideBy: date("2023-12-01")); $0.asylumSupport = true }, 3),
            ("supported legacy", legacy { $0.asylumSupport = true }, 4),
            ("supported flow", flow { $0.asylumSupport = true }, 4),
            ("flow", flow(), 5),
            ("IMA", PriorityFacts(regime: .illegalMigrationAct, dateOfClaim: date("2023-08-01")), 5),
            ("legacy", legacy(), 6),
            ("legacy with markers only", legacy { $0.vulnerabilities = [.suicidalIdeation, .tortureSurvivor] }, 6),
            ("UASC legacy", legacy { $0.unaccompaniedChild = true }, 2),
            ("UASC detained", flow { $0.unaccompaniedChild = true; $0.detained = true }, 1),
            ("priority on request, legacy", legacy { $0.priorityOnRequest = grant }, 2),
            ("priority on request, detained", legacy { $0.priorityOnRequest = grant; $0.detained = true }, 1),
        ]
        for (label, facts, tier) in table {
            let priority = PriorityPolicy.current.assess(facts, today: assessedOn)
            #expect(priority.tier == tier, "\(label)")
            #expect(priority.tierTitle == PriorityPolicy.current.tierOrder[tier - 1].title, "\(label)")
            #expect(priority.policyVersion == 1)
        }
        #expect(PriorityPolicy.current.tierOrder.map(\.title) == [
            "Detained cases", "Vulnerable and high-harm claimants", "Demand-led cases", "Supported cases", "Flow claims", "Legacy claims",
        ])
    }

    @Test("Within a tier: vulnerability first, then the committed date, then the oldest claim")
    func withinTier() {
        let older = legacy { $0.dateOfClaim = date("2019-05-01") }
        let newer = legacy { $0.dateOfClaim = date("2021-05-01") }
        let newerVulnerable = legacy { $0.dateOfClaim = date("2021-06-01"); $0.vulnerabilities = [.mentalHealth] }
        let newestMoreVulnerable = legacy { $0.dateOfClaim = date("2022-01-01"); $0.vulnerabilities = [.pregnancy, .tortureSurvivor] }
        #expect(workOrder([("newer", newer), ("older", older), ("mental health", newerVulnerable), ("torture", newestMoreVulnerable)])
            == ["torture", "mental health", "older", "newer"])

        let judicialReview = legacy { $0.commitment = .init(kind: .judicialReview, decideBy: date("2023-11-30")) }
        let mpEarlier = legacy { $0.dateOfClaim = date("2021-12-01"); $0.commitment = .init(kind: .mpCase, decideBy: date("2023-11-15")) }
        let protocolVulnerable = legacy {
            $0.dateOfClaim = date("2022-02-01")
            $0.commitment = .init(kind: .preActionProtocol, decideBy: date("2024-01-31"))
            $0.vulnerabilities = [.disability]
        }
        #expect(workOrder([("JR", judicialReview), ("MP", mpEarlier), ("PAP", protocolVulnerable)]) == ["PAP", "MP", "JR"])

        // In tier 2, the higher safeguarding level goes first whatever the dates.
        let sshl1 = flow { $0.safeguarding = .init(level: .sshl1, raised: date("2023-02-01")); $0.dateOfClaim = date("2022-07-01") }
        let sshl3 = flow { $0.safeguarding = .init(level: .sshl3, raised: date("2023-09-01")) }
        #expect(workOrder([("SSHL1", sshl1), ("SSHL3", sshl3)]) == ["SSHL3", "SSHL1"])
    }

    @Test("An unaccompanied child is placed no lower than tier 2, ahead of lesser concerns within it")
    func unaccompaniedChildren() {
        let child = legacy { $0.unaccompaniedChild = true; $0.dateOfClaim = date("2022-05-01") }
        let supportedAdult = legacy { $0.asylumSupport = true; $0.dateOfClaim = date("2018-01-01") }
        let detainedAdult = flow { $0.detained = true }
        let vulnerableAdult = legacy { $0.safeguarding = .init(level: .vulnerable, raised: flowDate); $0.dateOfClaim = date("2019-01-01") }
        let sshl3Adult = flow { $0.safeguarding = .init(level: .sshl3, raised: flowDate) }
        #expect(workOrder([("supported", supportedAdult), ("child", child), ("detained", detainedAdult), ("vulnerable", vulnerableAdult), ("SSHL3", sshl3Adult)])
            == ["detained", "SSHL3", "child", "vulnerable", "supported"])
        #expect(PriorityPolicy.current.assess(child, today: assessedOn).tier == 2)
    }

    @Test("Priority on request lifts a claim to tier 2 and first within it")
    func priorityOnRequest() {
        let requested = legacy { $0.priorityOnRequest = grant; $0.dateOfClaim = date("2022-06-01") }
        let sshl3 = legacy { $0.safeguarding = .init(level: .sshl3, raised: flowDate); $0.dateOfClaim = date("2017-01-01") }
        let child = legacy { $0.unaccompaniedChild = true; $0.dateOfClaim = date("2016-01-01") }
        let detained = flow { $0.detained = true }
        #expect(workOrder([("SSHL3", sshl3), ("child", child), ("requested", requested), ("detained", detained)])
            == ["detained", "requested", "SSHL3", "child"])
        let withoutGrant = PriorityPolicy.current.assess(legacy { $0.dateOfClaim = date("2022-06-01") }, today: assessedOn)
        let withGrant = PriorityPolicy.current.assess(requested, today: assessedOn)
        #expect(withoutGrant.tier == 6)
        #expect(withGrant.tier == 2)
        #expect(withGrant.severity == 95)
        // A detained claim keeps tier 1 and rises within it.
        let detainedRequested = PriorityPolicy.current.assess(flow { $0.detained = true; $0.priorityOnRequest = grant }, today: assessedOn)
        #expect(detainedRequested.tier == 1)
        #expect(detainedRequested.sortKey < PriorityPolicy.current.assess(detained, today: assessedOn).sortKey)
    }

    @Test("The explanation says why, in plain words")
    func explanations() {
        let policy = PriorityPolicy.current
        let referral = flow { $0.safeguarding = .init(level: .sshl2, raised: date("2023-05-03")); $0.dateOfClaim = assessedOn.adding(days: -412) }
        #expect(policy.assess(referral, today: assessedOn).explanation == "Tier 2: safeguarding referral SSHL2 raised 3 May 2023; waiting 412 days")

        let old = legacy { $0.dateOfClaim = assessedOn.adding(days: -648) }
        #expect(policy.assess(old, today: assessedOn).explanation == "Tier 6: legacy claim; waiting 648 days")
        #expect(policy.assess(old, today: assessedOn).reasons == ["legacy claim", "waiting 648 days"])

        let detainedChild = PriorityFacts(detained: true, regime: .illegalMigrationAct, unaccompaniedChild: true, dateOfClaim: assessedOn.adding(days: -12))
        #expect(policy.assess(detainedChild, today: assessedOn).explanation == "Tier 1: detained; unaccompanied child; waiting 12 days")

        let overdue = legacy {
            $0.commitment = .init(kind: .judicialReview, decideBy: date("2023-10-20"))
            $0.dateOfClaim = date("2022-06-27")
        }
        #expect(policy.assess(overdue, today: assessedOn).explanation
            == "Tier 3: decision committed by 20 October 2023 (judicial review), overdue by 7 days; waiting 487 days")

        let supported = flow { $0.asylumSupport = true; $0.vulnerabilities = [.lgbtqi, .tortureSurvivor]; $0.dateOfClaim = assessedOn.adding(days: -1) }
        #expect(policy.assess(supported, today: assessedOn).explanation
            == "Tier 4: in receipt of asylum support; vulnerability: survivor of torture, LGBTQI+; waiting 1 day")

        let requested = legacy { $0.priorityOnRequest = grant; $0.nationalReferralMechanism = true; $0.dateOfClaim = date("2021-10-27") }
        #expect(policy.assess(requested, today: assessedOn).explanation
            == "Tier 2: potential victim of trafficking (NRM referral); priority on request granted by tspec1 on 2 October 2023: medico-legal report of torture; waiting 730 days")

        let vulnerable = flow { $0.safeguarding = .init(level: .vulnerable, raised: date("2023-06-01")); $0.dateOfClaim = assessedOn }
        #expect(policy.assess(vulnerable, today: assessedOn).explanation == "Tier 2: safeguarding referral (vulnerable) raised 1 June 2023; waiting 0 days")
    }

    @Test("A changed policy gives a different order, recorded by its version")
    func changedPolicy() throws {
        let legacyFirst = try PriorityPolicy(
            version: 2, name: "Legacy backlog first",
            tierOrder: [.detained, .vulnerableHighHarm, .demandLed, .asylumSupport, .legacy, .flow]
        )
        let claims = [("flow", flow()), ("legacy", legacy())]
        #expect(workOrder(claims) == ["flow", "legacy"])
        #expect(workOrder(claims, policy: legacyFirst) == ["legacy", "flow"])
        let recomputed = legacyFirst.assess(legacy(), today: assessedOn)
        #expect(recomputed.policyVersion == 2)
        #expect(recomputed.tier == 5)
        #expect(recomputed.sortKey != PriorityPolicy.current.assess(legacy(), today: assessedOn).sortKey)

        // Weights are policy too: put NRM above SSHL3.
        let traffickingFirst = try PriorityPolicy(version: 3, name: "NRM first", nationalReferralMechanismSeverity: 92)
        let nrm = flow { $0.nationalReferralMechanism = true }
        let sshl3 = legacy { $0.safeguarding = .init(level: .sshl3, raised: flowDate) }
        #expect(workOrder([("NRM", nrm), ("SSHL3", sshl3)]) == ["SSHL3", "NRM"])
        #expect(workOrder([("NRM", nrm), ("SSHL3", sshl3)], policy: traffickingFirst) == ["NRM", "SSHL3"])
    }

    @Test("A policy that cannot place every claim is refused")
    func invalidPolicies() throws {
        #expect(throws: ValidationFailure.self) { try PriorityPolicy(version: 2, name: "dup", tierOrder: [.detained, .detained, .demandLed, .asylumSupport, .flow, .legacy]) }
        #expect(throws: ValidationFailure.self) { try PriorityPolicy(version: 2, name: "short", tierOrder: [.detained, .flow, .legacy]) }
        #expect(throws: ValidationFailure.self) { try PriorityPolicy(version: 0, name: "zero") }
        #expect(throws: ValidationFailure.self) { try PriorityPolicy(version: 2, name: " ") }
        do {
            _ = try PriorityPolicy(version: 2, name: "heavy", markerSeverity: [.pregnancy: 120])
            Issue.record("expected a failure")
        } catch {
            #expect(error.errors.map(\.field) == ["markerSeverity.pregnancy"])
        }
    }

    @Test("Sorting by sortKey is the documented comparison, for many random claims")
    func sortKeyMatchesComparison() {
        var random = SeededRandom(seed: 20_231_027)
        let pool = (0..<12).map { _ in LocalDate(dayNumber: Int.random(in: 17_000...19_700, using: &random)) }
        func someDate() -> LocalDate {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: LocalDate(dayNumber: Int.random(in: -719_162...2_932_896, using: &random))  // any LocalDate at all
            case 1...5: pool[Int.random(in: 0..<pool.count, using: &random)]  // ties
            default: LocalDate(dayNumber: Int.random(in: 7_300...20_000, using: &random))
            }
        }
        var priorities: [Priority] = []
        for _ in 0..<600 {
            let claimed = someDate()
            let facts = PriorityFacts(
                detained: Int.random(in: 0..<8, using: &random) == 0,
                safeguarding: Bool.random(using: &random)
                    ? nil : SafeguardingReferral(level: SafeguardingLevel.allCases.randomElement(using: &random)!, raised: someDate()),
                nationalReferralMechanism: Int.random(in: 0..<6, using: &random) == 0,
                vulnerabilities: (0..<Int.random(in: 0...3, using: &random)).map { _ in VulnerabilityMarker.allCases.randomElement(using: &random)! },
                commitment: Bool.random(using: &random)
                    ? nil : DecisionCommitment(kind: CommitmentKind.allCases.randomElement(using: &random)!, decideBy: someDate()),
                asylumSupport: Bool.random(using: &random),
                regime: Regime.allCases.randomElement(using: &random)!,
                unaccompaniedChild: Int.random(in: 0..<6, using: &random) == 0,
                dateOfClaim: claimed,
                priorityOnRequest: Int.random(in: 0..<10, using: &random) == 0 ? grant : nil
            )
            priorities.append(PriorityPolicy.current.assess(facts, today: assessedOn))
        }
        var disagreements = 0
        var ties = 0
        for left in priorities {
            for right in priorities {
                if (left.sortKey < right.sortKey) != Priority.inWorkOrder(left, right) { disagreements += 1 }
                if (left.sortKey == right.sortKey) != (!Priority.inWorkOrder(left, right) && !Priority.inWorkOrder(right, left)) {
                    disagreements += 1
                }
                if left.sortKey == right.sortKey { ties += 1 }
            }
        }
        #expect(disagreements == 0)
        #expect(ties > priorities.count)  // the pool of dates makes real ties, so equal keys are tested too
        let byKey = priorities.sorted { $0.sortKey < $1.sortKey }
        let byComparison = priorities.sorted(by: Priority.inWorkOrder)
        #expect(byKey.map(\.sortKey) == byComparison.map(\.sortKey))
        #expect(Set(priorities.map(\.tier)) == Set(1...6))
    }

    @Test("The sort key's encoding, field by field")
    func sortKeyEncoding() {
        let key = Priority.sortKey(tier: 2, severity: 75, committedBy: nil, dateOfClaim: date("1970-01-01"))
        #expect(key == 2_24_9999999_0719162)
        #expect(Priority.sortKey(tier: 6, severity: 0, committedBy: date("0001-01-01"), dateOfClaim: date("9999-12-31")) == 6_99_0000000_3652058)
        #expect(Priority.sortKey(tier: 1, severity: 99, committedBy: date("9999-12-31"), dateOfClaim: date("0001-01-01")) == 1_00_3652058_0000000)
    }

    @Test("Facts are read from the claim, the rest passed in")
    func factsFromClaim() throws {
        var claim = try sampleClaim()
        claim.facts.detained = true
        claim.facts.nationalReferralMechanism = true
        claim.facts.vulnerabilities = [.pregnancy]
        claim.facts.asylumSupport = true
        claim.facts.unaccompaniedChild = true
        let commitment = DecisionCommitment(kind: .mpCase, decideBy: date("2023-12-01"))
        let facts = PriorityFacts(claim: claim, commitment: commitment, priorityOnRequest: grant)
        #expect(facts == PriorityFacts(
            detained: true, nationalReferralMechanism: true, vulnerabilities: [.pregnancy], commitment: commitment,
            asylumSupport: true, regime: claim.regime, unaccompaniedChild: true, dateOfClaim: claim.facts.dateOfClaim,
            priorityOnRequest: grant
        ))
        #expect(claim.regime == .flow)
    }

    @Test("Safeguarding levels are ordered")
    func safeguardingOrder() {
        #expect(SafeguardingLevel.allCases.sorted() == [.vulnerable, .sshl1, .sshl2, .sshl3])
        #expect(SafeguardingLevel.vulnerable < .sshl3)
    }
}
