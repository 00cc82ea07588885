@testable import CaseworkStore
import CaseworkDomain
import CaseworkPlanning
import CaseworkTestSupport
import Testing

/// Adds decision makers: `count` in `unit`, named `dm.<unit>.<n>`.
func addDecisionMakers(_ store: CaseworkStore, _ counts: [(unit: UnitID, count: Int)]) async throws {
    for (unit, count) in counts {
        for n in 1...count {
            let member = StaffMember(username: StaffID("dm.\(unit.rawValue.lowercased()).\(n)"), displayName: "DM \(n)", role: .decisionMaker, unit: unit)
            try await store.addStaff(member, passwordHash: "x")
        }
    }
}

@Suite("The planners' allocation run, read from and applied to the store, on both stores")
struct AllocationRunTests {
    @Test("Capacity comes from each unit's decision makers on the day: FTE, the ramp, absences and children's training", arguments: TestDatabases.kinds)
    func capacity(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await opsStore(database)
            try await addDecisionMakers(store, [("DMU-GLA", 2), ("DMU-LEE", 1), ("DMU-MAN", 2)])
            try await store.database.transaction { connection in
                // GLA 1: part time (0.5). GLA 2: four weeks in role (20%, 9.22). LEE 1: no record (fully effective, both).
                // MAN 1: away today. MAN 2: children's casework trained.
                try await connection.execute("UPDATE staff SET fte = 0.5 WHERE username = 'dm.dmu-gla.1'")
                try await connection.execute("UPDATE staff SET role_start_date = ?, trained_for = 'decisions' WHERE username = 'dm.dmu-gla.2'", [.text(storeToday.adding(days: -28).iso)])
                try await connection.execute("INSERT INTO staff_absences (username, first_day, last_day, kind) VALUES ('dm.dmu-man.1', ?, ?, 'annual-leave')", [.text(storeToday.adding(days: -1).iso), .text(storeToday.adding(days: 2).iso)])
                try await connection.execute("UPDATE staff SET childrens_casework = 1 WHERE username = 'dm.dmu-man.2'")
            }
            await #expect(throws: AccessDenied.self) { try await store.allocationInputs(for: OpsActors.leaderGLA) }
            let inputs = try await store.allocationInputs(for: OpsActors.planner)
            let units = Dictionary(uniqueKeysWithValues: inputs.units.map { ($0.unit, $0) })
            #expect(abs(units["DMU-GLA"]!.effectiveFTE - 0.7) < 1e-9)
            #expect(units["DMU-LEE"]!.effectiveFTE == 1)
            #expect(units["DMU-MAN"]!.effectiveFTE == 1 && units["DMU-MAN"]!.childrenFTE == 1 && units["DMU-MAN"]!.childrenTrained)
            #expect(units["DMU-GLA"]!.decisionMakers == 2 && !units["DMU-GLA"]!.childrenTrained)
            // The day after the absence ends, MAN has both.
            #expect(try await store.allocationInputs(on: storeToday.adding(days: 3), for: OpsActors.planner).units.first { $0.unit == "DMU-MAN" }?.effectiveFTE == 2)
        }
    }

    @Test("Applying a plan writes one transferred event per move, skips a claim changed since, and the churn figure is reallocations over claims", arguments: TestDatabases.kinds)
    func apply(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await opsStore(database)
            try await addDecisionMakers(store, [("DMU-GLA", 1), ("DMU-LEE", 1), ("DMU-MAN", 2)])
            _ = try await store.importHistories(try opsHistories(Array(repeating: OpsClaim(claimed: "2022-09-01"), count: 9)))
            // Claim 9 is held: it is not waiting, so it is neither counted nor moved.
            _ = try await store.perform(.allocate(to: "dm.dmu-gla.1", reassigning: false), on: .numbered(9), expectedVersion: 3, by: Actor(staff: "dm.dmu-gla.1", role: .decisionMaker, unit: "DMU-GLA"), reason: nil)
            let inputs = try await store.allocationInputs(for: OpsActors.planner)
            #expect(inputs.claims.map(\.reference) == (1...8).map { ClaimReference.numbered($0) })
            let plan = AllocationPlanner.plan(inputs)
            // Capacity 1 : 1 : 2 over 8 waiting claims: GLA 2, LEE 2, MAN 4, so 6 moves out of GLA.
            #expect(plan.units.filter { $0.waiting > 0 || $0.target > 0 }.map { "\($0.unit.rawValue) \($0.target)" } == ["DMU-GLA 2", "DMU-LEE 2", "DMU-MAN 4"])
            #expect(plan.moves == 6)

            // Someone changes one of the claims to move before the plan is applied.
            let changed = plan.transfers[0].claim
            _ = try await store.perform(.addNote(try NoteRules.validated(text: "New evidence", isAction: false)), on: changed, expectedVersion: 3, by: Staff.decisionMaker, reason: nil)
            await #expect(throws: ValidationFailure.self) { try await store.applyAllocation(plan.transfers, reason: "", by: OpsActors.planner) }
            await #expect(throws: AccessDenied.self) { try await store.applyAllocation(plan.transfers, reason: "Rebalance", by: OpsActors.leaderGLA) }
            let result = try await store.applyAllocation(plan.transfers, reason: "Weekly rebalancing", by: OpsActors.planner, batchSize: 4)
            #expect(result.moved == 5)
            #expect(result.skipped.map(\.claim) == [changed] && result.skipped[0].why.contains("version 3, now 4"))

            for transfer in plan.transfers where transfer.claim != changed {
                let events = try await store.events(of: transfer.claim, for: OpsActors.planner)
                #expect(events.last?.event == .transferred(to: transfer.to, from: "DMU-GLA"))
                #expect(events.last?.actor == OpsActors.planner)
                #expect(events.last?.reason?.hasPrefix("Allocation run: Weekly rebalancing (") == true)
                #expect(try await store.claim(transfer.claim, for: OpsActors.planner).owningUnit == transfer.to)
            }
            let transferred = try await store.database.read { try await $0.queryFirst("SELECT COUNT(*) AS n FROM claim_events WHERE type = 'claim-transferred'")?["n"].int }
            #expect(transferred == 5)

            // Churn: 5 reallocations over 9 claims, and by the unit that owns them now.
            let churn = try await store.churn(for: OpsActors.planner)
            #expect(churn.claims == 9 && churn.reallocations == 5)
            #expect(abs(churn.perClaim - 5.0 / 9.0) < 1e-12)
            let sum = try await store.database.read { try await $0.queryFirst("SELECT SUM(reallocations) AS r, COUNT(*) AS n FROM claims") }
            #expect(sum?["r"].int == churn.reallocations && sum?["n"].int == churn.claims)
            #expect(churn.units.map(\.claims).reduce(0, +) == 9)
            #expect(try await store.churn(for: OpsActors.leaderGLA).units.map(\.unit) == ["DMU-GLA"])

            // Run again: only the claim that was skipped still needs to move.
            let again = AllocationPlanner.plan(try await store.allocationInputs(for: OpsActors.planner))
            #expect(again.moves == 1 && again.transfers[0].claim == changed)
            _ = try await store.applyAllocation(again.transfers, reason: "Finish the rebalancing", by: OpsActors.planner)
            #expect(AllocationPlanner.plan(try await store.allocationInputs(for: OpsActors.planner)).moves == 0)
            #expect(try await store.churn(for: OpsActors.planner).reallocations == 6)
        }
    }

    @Test("The operations plan decides where a cohort's claims may go", arguments: TestDatabases.kinds)
    func operationsPlan(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await opsStore(database)
            try await addDecisionMakers(store, [("DMU-GLA", 1), ("DMU-LEE", 1), ("DMU-MAN", 1)])
            _ = try await store.importHistories(try opsHistories(
                Array(repeating: OpsClaim(unit: "DMU-GLA"), count: 4) + Array(repeating: OpsClaim(claimed: "2022-09-01", unit: "DMU-GLA"), count: 4)
            ))
            _ = try await store.defineOperation(eritreanLegacy, by: OpsActors.planner)
            try await store.setOperations(ofUnit: "DMU-LEE", to: ["ERI-LEGACY"], by: OpsActors.planner)
            await #expect(throws: AccessDenied.self) { try await store.setOperations(ofUnit: "DMU-MAN", to: [], by: OpsActors.leaderGLA) }
            await #expect(throws: UnitNotFound.self) { try await store.setOperations(ofUnit: "DMU-XXX", to: [], by: OpsActors.planner) }
            let plan = AllocationPlanner.plan(try await store.allocationInputs(for: OpsActors.planner))
            // The 4 legacy Eritrean claims (the cohort) all go to LEE, the only unit that works it; the 4 flow claims
            // (general WIP) are shared by GLA and MAN, which work no operation: 2 each.
            let moves = Dictionary(grouping: plan.transfers, by: \.to).mapValues { $0.map(\.claim) }
            #expect(moves["DMU-LEE"].map(Set.init) == Set((1...4).map { ClaimReference.numbered($0) }))
            #expect(moves["DMU-MAN"]?.count == 2 && moves["DMU-MAN"]!.allSatisfy { $0 > .numbered(4) })
            #expect(plan.moves == 6)
        }
    }
}
