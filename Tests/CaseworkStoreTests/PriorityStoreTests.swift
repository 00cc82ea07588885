@testable import CaseworkStore
import CaseworkDomain
import CaseworkTestSupport
import Testing

private let leader = Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA")
private let planner = Actor(staff: "wp.nwf", role: .workflowPlanner, unit: "NWF")
private let seniorCaseworker = Actor(staff: "scw.gla", role: .seniorCaseworker, unit: "DMU-GLA")

/// The stored priority of every claim: reference → (sort key, tier, policy version).
private func storedPriorities(_ store: CaseworkStore) async throws -> [String: [Int64]] {
    let rows = try await store.database.read { try await $0.query("SELECT reference, priority_key, priority_tier, priority_policy FROM claim_queue") }
    return Dictionary(uniqueKeysWithValues: rows.map { ($0["reference"].string ?? "", [$0["priority_key"].int64 ?? 0, $0["priority_tier"].int64 ?? 0, $0["priority_policy"].int64 ?? 0]) })
}

@Suite("Priority facts, policy versions and the views of work, on both stores")
struct PriorityStoreTests {
    @Test("A referral, a commitment or a grant of priority moves the claim up the queue at once, and the claim says why", arguments: TestDatabases.kinds)
    func recordingChangesTheQueue(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            let dates = ["2019-01-01", "2020-01-01", "2021-01-01", "2021-06-01"].map { LocalDate(iso: $0)! }
            _ = try await store.importHistories(try wipClaims(4, unit: "DMU-GLA") { dates[$0] })
            // Untouched, all four are legacy claims: oldest first would be 1, 2, 3, 4.
            let referral = try await store.perform(
                .recordSafeguardingReferral(SafeguardingReferral(level: .sshl2, raised: LocalDate(iso: "2023-05-03")!)),
                on: .numbered(3), expectedVersion: 3, by: Staff.decisionMaker, reason: nil
            )
            let explained = PriorityPolicy.current.assess(PriorityFacts(claim: referral), today: storeToday)
            #expect(explained.explanation == "Tier 2: safeguarding referral SSHL2 raised 3 May 2023; waiting \(dates[2].days(until: storeToday)) days")
            #expect(try await store.nextClaim(for: Staff.decisionMaker)?.reference == .numbered(3))

            _ = try await store.perform(
                .recordCommitment(DecisionCommitment(kind: .judicialReview, decideBy: storeToday.adding(days: 20))), on: .numbered(4), expectedVersion: 3,
                by: Staff.registrar, reason: "JR lodged"
            )
            _ = try await store.perform(
                .grantPriority(PriorityOnRequest(grantedBy: leader.staff, at: Instant(startOf: storeToday), reason: "Medico-legal report of torture")),
                on: .numbered(2), expectedVersion: 3, by: leader, reason: "Medico-legal report of torture"
            )
            // Claim 2 (tier 2, severity 95) before claim 4 (tier 3, committed date) before claim 1 (legacy).
            #expect(try await store.nextClaim(for: Staff.decisionMaker)?.reference == .numbered(2))
            let withdrawn = try await store.perform(.withdrawCommitment, on: .numbered(4), expectedVersion: 4, by: Staff.registrar, reason: "JR withdrawn")
            #expect(withdrawn.work.commitment == nil)
            // Without its commitment claim 4 is a legacy claim again, younger than claim 1.
            #expect(try await store.nextClaim(for: Staff.decisionMaker)?.reference == .numbered(1))
            #expect(try await store.nextClaim(for: Staff.decisionMaker)?.reference == .numbered(4))
            let snapshot = try await store.projectionSnapshot()
            try await store.rebuildProjections()
            #expect(try await store.projectionSnapshot() == snapshot)
        }
    }

    @Test("Adopting a policy recomputes every claim in the same transaction; an out-of-sequence version or a missing reason is refused", arguments: TestDatabases.kinds)
    func adoptingRecomputesEveryClaim(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            // 1 and 2 legacy, 3 and 4 flow, 5 flow with asylum support, 6 legacy and detained.
            var histories = try wipClaims(6, unit: "DMU-GLA") { ["2019-01-01", "2020-01-01", "2022-08-01", "2022-09-01", "2022-10-01", "2018-01-01"].map { LocalDate(iso: $0)! }[$0] }
            histories[4].facts.asylumSupport = true
            histories[5].facts.detained = true
            _ = try await store.importHistories(histories)
            let before = try await storedPriorities(store)
            #expect(before.values.allSatisfy { $0[2] == 1 })
            #expect(try await store.recomputePriorities().orderChanges == 0)

            var order = PriorityPolicy.figure21TierOrder
            order.swapAt(4, 5)
            let swapped = { (version: Int) in try PriorityPolicy(version: version, name: "Legacy before flow", tierOrder: order) }
            await #expect(throws: AccessDenied.self) { try await store.adoptPriorityPolicy(try swapped(2), by: Staff.decisionMaker, reason: "No") }
            do {
                _ = try await store.adoptPriorityPolicy(try swapped(3), by: planner, reason: "Skips a version")
                Issue.record("Version 3 was adopted while version 1 is in force")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["version"] && failure.errors[0].message.contains("must be version 2"))
            }
            do {
                _ = try await store.adoptPriorityPolicy(try swapped(2), by: planner, reason: "  ")
                Issue.record("A policy was adopted without a reason")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["reason"])
            }
            #expect(try await storedPriorities(store) == before)

            let (adopted, recompute) = try await store.adoptPriorityPolicy(try swapped(2), by: planner, reason: "Legacy claims first, to clear the backlog")
            // Legacy 1 and 2 go from tier 6 to 5, flow 3 and 4 from 5 to 6; the supported and detained claims keep their tiers.
            #expect(recompute.claims == 6 && recompute.tierChanges == 4 && recompute.orderChanges == 4 && recompute.policyVersion == 2)
            #expect(adopted.adoptedBy == planner.staff && adopted.reason == "Legacy claims first, to clear the backlog")
            let after = try await storedPriorities(store)
            #expect(after.values.allSatisfy { $0[2] == 2 })
            #expect(after[ClaimReference.numbered(1).rawValue]?[1] == 5 && after[ClaimReference.numbered(3).rawValue]?[1] == 6)
            #expect(after[ClaimReference.numbered(5).rawValue]?[1] == 4 && after[ClaimReference.numbered(6).rawValue]?[1] == 1)
            // What a rebuild from the log writes under the new policy is exactly what the recompute wrote.
            let snapshot = try await store.projectionSnapshot()
            try await store.rebuildProjections()
            #expect(try await store.projectionSnapshot() == snapshot)
            #expect(try await store.recomputePriorities().orderChanges == 0)
            // A row left placed by the old policy (a writer that read the planning state before the adoption) is put right.
            try await store.database.transaction {
                try await $0.execute("UPDATE claim_queue SET priority_key = 1, priority_tier = 6, priority_policy = 1 WHERE reference = ?", [.text(ClaimReference.numbered(2).rawValue)])
            }
            let repaired = try await store.recomputePriorities()
            #expect(repaired.orderChanges == 1 && repaired.tierChanges == 1 && repaired.claims == 6)
            #expect(try await store.projectionSnapshot() == snapshot)

            var taken: [ClaimReference] = []
            while let claim = try await store.nextClaim(for: Staff.decisionMaker) { taken.append(claim.reference) }
            #expect(taken == [6, 5, 1, 2, 3, 4].map { ClaimReference.numbered($0) })

            let history = try await store.priorityPolicyHistory()
            #expect(history.map(\.policy.version) == [2, 1] && history[1].isStartingPolicy)
            #expect(history[0].recompute?.claims == 6 && history[0].recompute?.tierChanges == 4)
            #expect(try await store.priorityPolicyInForce().policy == (try swapped(2)))
            do {
                _ = try await store.adoptPriorityPolicy(try swapped(2), by: planner, reason: "Again")
                Issue.record("Version 2 was adopted twice")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["version"] && failure.errors[0].message.contains("must be version 3"))
            }
        }
    }

    @Test("My work and the barrier review queue, against a hand-computed fixture", arguments: TestDatabases.kinds)
    func workViews(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            let clock = try #require(store.clock as? FixedClock)
            _ = try await store.importHistories(try wipClaims(3, unit: "DMU-GLA") { LocalDate(year: 2021, month: 1, day: 1 + $0)! })
            _ = try await store.importHistories(try wipClaims(1, unit: "DMU-LEE"))
            for _ in 0..<3 { _ = try await store.nextClaim(for: Staff.decisionMaker) }
            // Claim 1: a barrier to review in 5 days, two actions and a note. Claim 2: a barrier in 12 days, four actions.
            // Claim 3: a decision committed in 14 days. Claim 4 (another unit): a barrier due in 5 days.
            _ = try await store.changeBarrier(.raise(RaiseBarrierInput(type: "further-representations", reviewDate: storeToday.adding(days: 5).iso)), on: .numbered(1), expectedVersion: 4, by: seniorCaseworker)
            _ = try await store.changeBarrier(.raise(RaiseBarrierInput(type: "awaiting-second-pair-of-eyes", rating: "red", reviewDate: storeToday.adding(days: 12).iso)), on: .numbered(2), expectedVersion: 4, by: seniorCaseworker)
            let leeSCW = Actor(staff: "scw.lee", role: .seniorCaseworker, unit: "DMU-LEE")
            _ = try await store.changeBarrier(.raise(RaiseBarrierInput(type: "further-representations", reviewDate: storeToday.adding(days: 5).iso)), on: .numbered(4), expectedVersion: 3, by: leeSCW)
            var version = 5
            for (text, action) in [("Request the GP letter", true), ("Chase the interpreter", true), ("Called the representative", false)] {
                _ = try await store.perform(.addNote(NoteText(text: text, isAction: action)), on: .numbered(1), expectedVersion: version, by: Staff.decisionMaker, reason: nil)
                version += 1
            }
            for index in 1...4 {
                _ = try await store.perform(.addNote(NoteText(text: "Action \(index)", isAction: true)), on: .numbered(2), expectedVersion: 4 + index, by: Staff.decisionMaker, reason: nil)
            }
            _ = try await store.perform(.recordCommitment(DecisionCommitment(kind: .mpCase, decideBy: storeToday.adding(days: 14))), on: .numbered(3), expectedVersion: 4, by: Staff.registrar, reason: nil)

            clock.advance(milliseconds: 10 * 86_400_000)
            let today = storeToday.adding(days: 10)
            let work = try await store.myWork(for: Staff.decisionMaker)
            #expect(work.today == today)
            // 1: a review 5 days overdue; 2: a review due in 2 days; 3: a decision due in 4 days.
            #expect(work.items.map(\.claim.reference) == [.numbered(1), .numbered(2), .numbered(3)])
            #expect(work.items.map(\.daysHeld) == [10, 10, 10])
            #expect(work.items[0].dueDates.map { $0.status(on: today) } == ["Overdue by 5 days"])
            #expect(work.items[2].dueDates.map(\.kind) == [.decisionCommitted] && work.items[2].priority.tier == 3)
            #expect(work.items[0].latestActions.map(\.text) == ["Chase the interpreter", "Request the GP letter"] && work.items[0].actionCount == 2)
            #expect(work.items[1].latestActions.map(\.text) == ["Action 4", "Action 3", "Action 2"] && work.items[1].actionCount == 4)
            #expect(work.claimsWithOverdue == 1 && work.overdueDates == 1 && work.dueSoonDates == 2)
            #expect(work.openBarriers == 2 && work.barrierReviewsOverdue == 1 && work.longestHeldDays == 10)
            #expect(work.claimsByTier == [6: 2, 3: 1])
            #expect(try await store.myWork(for: Staff.otherUnitDM).items.isEmpty)

            let queue = try await store.barrierReviewQueue(unit: "DMU-GLA", on: today, for: Staff.decisionMaker)
            #expect(queue.entries.map(\.claim) == [.numbered(1)] && queue.entries[0].daysOverdue == 5 && queue.entries[0].holder == Staff.decisionMaker.staff)
            #expect(queue.dueCount == 1 && queue.overdueCount == 1 && queue.dueNextWeek == 1)
            let later = try await store.barrierReviewQueue(unit: "DMU-GLA", on: today.adding(days: 2), for: planner)
            #expect(later.entries.map(\.claim) == [.numbered(1), .numbered(2)] && later.entries.map(\.daysOverdue) == [7, 0])
            #expect(later.dueCount == 2 && later.overdueCount == 1 && later.dueNextWeek == 0)
            await #expect(throws: AccessDenied.self) { try await store.barrierReviewQueue(unit: "DMU-LEE", on: today, for: Staff.decisionMaker) }
        }
    }
}
