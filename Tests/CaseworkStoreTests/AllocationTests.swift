@testable import CaseworkStore
import CaseworkDomain
import CaseworkTestSupport
import Testing

/// Claims in the WIP of `unit`, written as histories (registration → screening → work in progress).
func wipClaims(_ count: Int, unit: UnitID, dates: (Int) -> LocalDate = { _ in LocalDate(year: 2021, month: 1, day: 1)! }) throws -> [ClaimHistory] {
    try (0..<count).map { index in
        var claimFacts = try facts(index)
        claimFacts.dateOfClaim = dates(index)
        let at = Instant(startOf: claimFacts.dateOfClaim)
        return ClaimHistory(
            facts: claimFacts, owningUnit: unit, registeredBy: Staff.registrar, registeredAt: at,
            later: [
                (.stageChanged(from: .registration, to: .screening), Staff.registrar, at.adding(milliseconds: 1), nil),
                (.stageChanged(from: .screening, to: .workInProgress), Staff.registrar, at.adding(milliseconds: 2), nil),
            ]
        )
    }
}

@Suite("Exclusive allocation, on both stores")
struct AllocationTests {
    @Test("Next claim gives the oldest claim in the caller's unit, to them alone", arguments: TestDatabases.kinds)
    func nextClaim(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            _ = try await store.importHistories(try wipClaims(3, unit: "DMU-GLA") { LocalDate(year: 2021, month: 3 - $0, day: 1)! })
            _ = try await store.importHistories(try wipClaims(1, unit: "DMU-LEE"))
            let first = try #require(try await store.nextClaim(for: Staff.decisionMaker))
            #expect(first.reference == .numbered(3) && first.holder == Staff.decisionMaker.staff)
            let other = Actor(staff: "dm.gla.2", role: .decisionMaker, unit: "DMU-GLA")
            #expect(try await store.nextClaim(for: other)?.reference == .numbered(2))
            #expect(try await store.nextClaim(for: other)?.reference == .numbered(1))
            #expect(try await store.nextClaim(for: other) == nil)
            #expect(Set(try await store.claimsHeld(by: other.staff).map(\.summary.reference)) == [.numbered(2), .numbered(1)])
            await #expect(throws: AccessDenied.self) { try await store.nextClaim(for: Staff.registrar) }
        }
    }

    @Test("The queue is worked in tasking-priority order: detained before supported before legacy, oldest first within a tier", arguments: TestDatabases.kinds)
    func priorityOrder(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            var histories = try wipClaims(4, unit: "DMU-GLA") { [LocalDate(year: 2019, month: 1, day: 1)!, LocalDate(year: 2021, month: 1, day: 1)!, LocalDate(year: 2020, month: 1, day: 1)!, LocalDate(year: 2022, month: 9, day: 1)!][$0] }
            histories[1].facts.detained = true
            histories[2].facts.asylumSupport = true
            _ = try await store.importHistories(histories)
            var order: [ClaimReference] = []
            while let claim = try await store.nextClaim(for: Staff.decisionMaker) { order.append(claim.reference) }
            // 2: detained (tier 1); 3: asylum support (tier 4); 4: flow (tier 5); 1: legacy (tier 6).
            #expect(order == [.numbered(2), .numbered(3), .numbered(4), .numbered(1)])
        }
    }

    @Test("A barrier that blocks the interview takes the claim out of the queue until it is cleared; one that informs does not", arguments: TestDatabases.kinds)
    func blockingBarriers(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            _ = try await store.importHistories(try wipClaims(1, unit: "DMU-GLA"))
            let review = storeToday.adding(days: 20).iso
            let scw = Actor(staff: "scw.gla", role: .seniorCaseworker, unit: "DMU-GLA")
            _ = try await store.changeBarrier(.raise(RaiseBarrierInput(type: "further-representations", reviewDate: review)), on: .numbered(1), expectedVersion: 3, by: scw)
            _ = try await store.changeBarrier(.raise(RaiseBarrierInput(type: "absconder", reviewDate: review)), on: .numbered(1), expectedVersion: 4, by: scw)
            #expect(try await store.nextClaim(for: Staff.decisionMaker) == nil)
            let snapshot = try await store.projectionSnapshot()
            try await store.rebuildProjections()
            #expect(try await store.projectionSnapshot() == snapshot)
            _ = try await store.changeBarrier(.clear(id: 2, reason: "Claimant reported at the reporting centre"), on: .numbered(1), expectedVersion: 5, by: scw)
            #expect(try await store.nextClaim(for: Staff.decisionMaker)?.reference == .numbered(1))
        }
    }

    @Test("Concurrent callers never get the same claim, and every claim is handed out once", arguments: TestDatabases.kinds)
    func concurrency(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            let total = 120
            _ = try await store.importHistories(try wipClaims(total, unit: "DMU-GLA"))
            let taken = try await withThrowingTaskGroup(of: [ClaimReference].self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let actor = Actor(staff: StaffID("dm.\(index)"), role: .decisionMaker, unit: "DMU-GLA")
                        var mine: [ClaimReference] = []
                        while let claim = try await store.nextClaim(for: actor) { mine.append(claim.reference) }
                        return mine
                    }
                }
                return try await group.reduce(into: [ClaimReference]()) { $0 += $1 }
            }
            #expect(taken.count == total)
            #expect(Set(taken).count == total)
            var allocations = 0
            for reference in Set(taken) {
                let events = try await store.events(of: reference, for: Staff.safeguarding)
                allocations += events.filter { $0.event.type == "claim-allocated" }.count
            }
            #expect(allocations == total)
        }
    }

    @Test("Holding is exclusive: taking a held claim is refused, a team leader reassigns with a reason, the holder releases", arguments: TestDatabases.kinds)
    func reassignAndRelease(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            _ = try await store.importHistories(try wipClaims(1, unit: "DMU-GLA"))
            let held = try #require(try await store.nextClaim(for: Staff.decisionMaker))
            let other = Actor(staff: "dm.gla.2", role: .decisionMaker, unit: "DMU-GLA")
            try await store.saveUnit(CaseworkUnit(code: "DMU-GLA", name: "Glasgow", kind: "dmu"))
            try await store.addStaff(StaffMember(username: other.staff, displayName: "Second DM", role: .decisionMaker, unit: "DMU-GLA"), passwordHash: "x")
            await #expect(throws: ValidationFailure.self) {  // a team leader can give it only to a caseworker on the staff
                try await store.perform(.allocate(to: "nobody", reassigning: true), on: held.reference, expectedVersion: held.version, by: Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA"), reason: "Leave")
            }
            await #expect(throws: AccessDenied.self) {
                try await store.perform(.allocate(to: other.staff, reassigning: true), on: held.reference, expectedVersion: held.version, by: other, reason: "mine")
            }
            await #expect(throws: ClaimRuleViolation.alreadyHeld(by: Staff.decisionMaker.staff)) {
                try await store.perform(.allocate(to: other.staff, reassigning: false), on: held.reference, expectedVersion: held.version, by: other, reason: nil)
            }
            let leader = Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA")
            await #expect(throws: ClaimRuleViolation.reasonRequired("reassigning the claim")) {
                try await store.perform(.allocate(to: other.staff, reassigning: true), on: held.reference, expectedVersion: held.version, by: leader, reason: nil)
            }
            let moved = try await store.perform(.allocate(to: other.staff, reassigning: true), on: held.reference, expectedVersion: held.version, by: leader, reason: "Leave")
            #expect(moved.holder == other.staff)
            let released = try await store.perform(.release, on: held.reference, expectedVersion: moved.version, by: other, reason: "Needs an Arabic-speaking colleague")
            #expect(released.holder == nil)
            #expect(try await store.nextClaim(for: Staff.decisionMaker)?.reference == held.reference)
            let snapshot = try await store.projectionSnapshot()
            try await store.rebuildProjections()
            #expect(try await store.projectionSnapshot() == snapshot)
        }
    }
}

@Suite("The queue's partial index")
struct QueueIndexTests {
    @Test("The migration's partial index lists exactly the queue stages the query uses")
    func indexMatchesPolicy() throws {
        let migration = try #require(Migrations.all.last { $0.sql.contains("CREATE INDEX claims_queue") })
        #expect(migration.sql.contains(AllocationPolicy.queueCondition))
    }
}
