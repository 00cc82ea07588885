import CaseworkDomain
import Testing

private func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

@Suite("Priority placement, new policy versions and due dates")
struct PriorityPlacementTests {
    @Test("The words-free placement gives the same tier, severity and sort key as the explained assessment, under two policies")
    func placementAgreesWithAssessment() throws {
        var random = SeededRandom(seed: 11)
        let swapped = try PriorityPolicy(version: 2, name: "Swapped", tierOrder: [.legacy, .flow, .asylumSupport, .demandLed, .vulnerableHighHarm, .detained])
        for _ in 0..<2_000 {
            let facts = PriorityFacts(
                detained: Bool.random(using: &random) && Bool.random(using: &random),
                safeguarding: Bool.random(using: &random) ? SafeguardingReferral(level: SafeguardingLevel.allCases.randomElement(using: &random)!, raised: day("2023-05-03")) : nil,
                nationalReferralMechanism: Int.random(in: 0..<5, using: &random) == 0,
                vulnerabilities: Array(VulnerabilityMarker.allCases.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))),
                commitment: Bool.random(using: &random) ? DecisionCommitment(kind: .judicialReview, decideBy: day("2023-11-01").adding(days: Int.random(in: 0...90, using: &random))) : nil,
                asylumSupport: Bool.random(using: &random), regime: [Regime.legacy, .flow, .illegalMigrationAct].randomElement(using: &random)!,
                unaccompaniedChild: Int.random(in: 0..<6, using: &random) == 0, dateOfClaim: day("2019-01-01").adding(days: Int.random(in: 0...1_700, using: &random)),
                priorityOnRequest: Int.random(in: 0..<8, using: &random) == 0 ? PriorityOnRequest(grantedBy: "tl.gla", at: Instant(startOf: day("2023-10-01")), reason: "GP letter") : nil
            )
            for policy in [PriorityPolicy.current, swapped] {
                let placement = policy.placement(of: facts)
                let priority = policy.assess(facts, today: day("2023-10-27"))
                #expect(placement.tier == priority.tier && placement.category == priority.category)
                #expect(placement.severity == priority.severity && placement.sortKey == priority.sortKey)
            }
        }
    }

    @Test("A new version from input: what is left out keeps the policy in force; what is given is checked field by field")
    func policyInput() throws {
        let base = PriorityPolicy.current
        let swapped = try PriorityPolicyInput(version: 2, name: "Flow before legacy, July 2024", tierOrder: ["detained", "vulnerable-high-harm", "demand-led", "asylum-support", "legacy", "flow"])
            .policy(basedOn: base)
        #expect(swapped.version == 2 && swapped.tierOrder.suffix(2) == [.legacy, .flow])
        #expect(swapped.markerSeverity == base.markerSeverity && swapped.priorityOnRequestSeverity == base.priorityOnRequestSeverity)
        #expect(try PriorityPolicyInput(swapped).policy(basedOn: base) == swapped)

        let bad = PriorityPolicyInput(
            name: " ", tierOrder: ["detained", "flow", "flow", "asylum-support", "legacy", "nonsense"], unaccompaniedChildCategory: "children",
            safeguardingSeverity: ["sshl9": 10], markerSeverity: ["elderly": 120], priorityOnRequestSeverity: -1
        )
        do {
            _ = try bad.policy(basedOn: base)
            Issue.record("A broken policy was accepted")
        } catch {
            let fields = error.errors.map(\.field)
            #expect(fields == ["version", "name", "tierOrder[5]", "unaccompaniedChildCategory", "safeguardingSeverity.sshl9", "markerSeverity.elderly", "priorityOnRequestSeverity"])
        }
        do {
            _ = try PriorityPolicyInput(version: 2, tierOrder: ["detained", "flow", "flow", "asylum-support", "legacy", "demand-led"]).policy(basedOn: base)
            Issue.record("A tier order with a category twice was accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["tierOrder"])
            #expect(error.errors[0].message.contains("'Flow claims' is listed more than once") && error.errors[0].message.contains("'Vulnerable and high-harm claimants' is missing"))
        }
    }

    @Test("Due dates: overdue first (most overdue first), then due within a week, then the rest; in words")
    func urgency() throws {
        let today = day("2023-11-06")
        let barrier = Barrier(
            id: 2, typeCode: "further-representations", rating: .amber, raisedBy: .system, raisedAt: Instant(startOf: day("2023-10-27")),
            agreement: nil, reviewDate: day("2023-11-01"), note: nil
        )
        let dues = DueDate.of(commitment: DecisionCommitment(kind: .judicialReview, decideBy: day("2023-11-10")), barriers: [barrier])
        #expect(dues.map(\.kind) == [.barrierReview, .decisionCommitted])
        #expect(dues.map { $0.status(on: today) } == ["Overdue by 5 days", "Due in 4 days"])
        #expect(dues[1].what == "Decision committed by (judicial review)")
        let overdueLong = WorkUrgency(dues: [DueDate(kind: .barrierReview, date: day("2023-10-01"), what: "")], today: today)
        let overdueShort = WorkUrgency(dues: dues, today: today)
        let soon = WorkUrgency(dues: [DueDate(kind: .decisionCommitted, date: today, what: "")], today: today)
        let later = WorkUrgency(dues: [DueDate(kind: .decisionCommitted, date: day("2023-12-25"), what: "")], today: today)
        let none = WorkUrgency(dues: [], today: today)
        #expect([none, later, soon, overdueShort, overdueLong].sorted() == [overdueLong, overdueShort, soon, later, none])
        #expect(!(later < none) && !(none < later))
        #expect(DueDate(kind: .decisionCommitted, date: day("2023-12-25"), what: "").status(on: today) == "Due 25 December 2023")
    }
}
