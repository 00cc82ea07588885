@testable import CaseworkStore
import CaseworkDomain
import CaseworkTestSupport
import Testing

/// People planning the work in these tests.
enum OpsActors {
    static let planner = Actor(staff: "planner.nwf", role: .workflowPlanner, unit: "NWF")
    static let leaderGLA = Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA")
    static let scwGLA = Actor(staff: "scw.gla", role: .seniorCaseworker, unit: "DMU-GLA")
}

/// A claim's history for the operations tests: who, from where, claimed when, and how far it got.
struct OpsClaim {
    var nationality = "ERI"
    var claimed = "2019-05-01"
    var unit: UnitID = "DMU-GLA"
    var child = false
    var detained = false
    var supported = false
    var born = "1994-03-12"
    /// Where it ends: the WIP, the decision stage, or served with a grant or refusal.
    var end: End = .wip

    enum End { case wip, decision, granted, refused }
}

/// Histories for `claims`, numbered from `first` (so the people differ).
func opsHistories(_ claims: [OpsClaim], first: Int = 0) throws -> [ClaimHistory] {
    try claims.enumerated().map { index, spec in
        var claimFacts = try facts(first + index)
        claimFacts.mainApplicant.nationality = Nationality(claimed: spec.nationality)
        claimFacts.mainApplicant.dateOfBirth = LocalDate(iso: spec.born)!
        claimFacts.dateOfClaim = LocalDate(iso: spec.claimed)!
        claimFacts.unaccompaniedChild = spec.child
        claimFacts.detained = spec.detained
        claimFacts.asylumSupport = spec.supported
        let at = Instant(startOf: claimFacts.dateOfClaim)
        var later: [(event: ClaimEvent, actor: Actor, at: Instant, reason: String?)] = [
            (.stageChanged(from: .registration, to: .screening), Staff.registrar, at.adding(milliseconds: 1), nil),
            (.stageChanged(from: .screening, to: .workInProgress), Staff.registrar, at.adding(milliseconds: 2), nil),
        ]
        if spec.end != .wip { later.append((.stageChanged(from: .workInProgress, to: .decision), Staff.decisionMaker, at.adding(milliseconds: 3), nil)) }
        if spec.end == .granted { later.append((.outcomeRecorded(.grantAsylum, from: .decision), Staff.decisionMaker, at.adding(milliseconds: 4), nil)) }
        if spec.end == .refused { later.append((.outcomeRecorded(.refusal, from: .decision), Staff.decisionMaker, at.adding(milliseconds: 4), nil)) }
        return ClaimHistory(facts: claimFacts, owningUnit: spec.unit, registeredBy: Staff.registrar, registeredAt: at, later: later)
    }
}

/// A migrated store with the units the tests use.
func opsStore(_ database: any SQLDatabase) async throws -> CaseworkStore {
    let store = try await makeStore(database)
    for unit in ["DMU-GLA", "DMU-LEE", "DMU-MAN", "NWF"] {
        try await store.saveUnit(CaseworkUnit(code: UnitID(unit), name: unit, kind: unit == "NWF" ? "national" : "dmu"))
    }
    return store
}

/// Eritrean legacy adults, not UASC.
let eritreanLegacy = OperationDefinitionInput(
    code: "ERI-LEGACY", name: "Eritrean legacy claims", nationalities: ["ERI"], excludeUASC: true, regimes: ["legacy"],
    startDate: "2023-10-01", source: "test"
)

/// Eritrean and Albanian legacy adults whose nationality's grant rate is over 95%: the shape of Operation AMESA.
let eritreanLegacyByGrantRate: OperationDefinitionInput = {
    var input = eritreanLegacy
    input.nationalities = ["ERI", "ALB"]
    input.grantRateMinimum = 95
    input.grantRateMinimumExclusive = true
    return input
}()

func cohortRows(_ store: CaseworkStore, _ operation: String) async throws -> [String] {
    try await store.database.read { connection in
        try await connection.query("SELECT claim_reference FROM claim_cohorts WHERE operation = ? ORDER BY claim_reference", [.text(operation)])
            .compactMap { $0["claim_reference"].string }
    }
}

@Suite("Operations and their cohorts, on both stores")
struct OperationStoreTests {
    @Test("Defining an operation writes every member, snapshots grant rates and the open members as the starting figure; later registrations join", arguments: TestDatabases.kinds)
    func define(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await opsStore(database)
            _ = try await store.importHistories(try opsHistories([
                OpsClaim(),  // 1: member, open
                OpsClaim(claimed: "2020-02-02"),  // 2: member, open
                OpsClaim(end: .decision),  // 3: member, open
                OpsClaim(end: .granted),  // 4: member, decided (an ERI grant)
                OpsClaim(claimed: "2022-09-01"),  // 5: flow: not a member
                OpsClaim(child: true),  // 6: UASC: not a member
                OpsClaim(nationality: "ALB", end: .granted),  // 7: ALB grant
                OpsClaim(nationality: "ALB", end: .refused),  // 8: ALB refusal
                OpsClaim(nationality: "ALB"),  // 9: not a member
            ]))
            await #expect(throws: AccessDenied.self) { try await store.defineOperation(eritreanLegacyByGrantRate, by: Staff.decisionMaker) }
            let status = try await store.defineOperation(eritreanLegacyByGrantRate, by: OpsActors.planner)
            // Grant rates from the outcomes: ERI 1 of 1 granted; ALB 1 of 2, so the band (over 95%) leaves ALB out.
            #expect(status.stored.grantRates.rates == ["ERI": 1.0, "ALB": 0.5])
            #expect(status.operation.startingFigure == 3)
            #expect(status.members == 4 && status.remaining == 3)
            #expect(try await cohortRows(store, "ERI-LEGACY") == ["CW-0000001", "CW-0000002", "CW-0000003", "CW-0000004"])
            #expect(try await store.planningState().operations.map(\.operation.code) == ["ERI-LEGACY"])

            // A claim registered afterwards joins at once; one that does not fit does not.
            let later = try await store.register(try facts(20), resolution: nil, by: Staff.registrar)
            var albanian = try facts(21)
            albanian.mainApplicant.nationality = Nationality(claimed: "ALB")
            _ = try await store.register(albanian, resolution: nil, by: Staff.registrar)
            #expect(later.regime == .flow)
            var legacy = try facts(22)
            legacy.dateOfClaim = LocalDate(year: 2018, month: 1, day: 9)!
            let joined = try await store.register(legacy, resolution: nil, by: Staff.registrar)
            #expect(try await cohortRows(store, "ERI-LEGACY").last == joined.reference.rawValue)
            #expect(try await store.cohortMemberships(of: joined.reference, for: Staff.decisionMaker).memberships.map(\.operation) == ["ERI-LEGACY"])

            // The same membership comes back when the projections are rebuilt from the log.
            let snapshot = try await store.projectionSnapshot()
            try await store.rebuildProjections()
            #expect(try await store.projectionSnapshot() == snapshot)

            // A code is used once.
            await #expect(throws: ValidationFailure.self) { try await store.defineOperation(eritreanLegacy, by: OpsActors.planner) }
            var bad = eritreanLegacy
            bad.code = "NEW"
            bad.nationalities = ["ERI", "QQQ"]
            do {
                _ = try await store.defineOperation(bad, by: OpsActors.planner)
                Issue.record("An unknown nationality was accepted")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["nationalities"])
            }
        }
    }

    @Test("A drop-out goes back to the general WIP with its reason, is counted by reason, and is not added again", arguments: TestDatabases.kinds)
    func dropOuts(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await opsStore(database)
            _ = try await store.importHistories(try opsHistories([OpsClaim(), OpsClaim(), OpsClaim(end: .granted)]))
            _ = try await store.defineOperation(eritreanLegacy, by: OpsActors.planner)
            let claim = try await store.perform(
                .dropOutOfCohort(operation: "ERI-LEGACY", reason: .nationalityDispute), on: .numbered(1), expectedVersion: 3, by: Staff.decisionMaker,
                reason: "Language analysis suggests Ethiopian"
            )
            #expect(claim.work.cohortDropOuts == ["ERI-LEGACY": .nationalityDispute])
            #expect(try await cohortRows(store, "ERI-LEGACY") == ["CW-0000002", "CW-0000003"])
            let cohorts = try await store.cohortMemberships(of: .numbered(1), for: Staff.decisionMaker)
            #expect(cohorts.memberships.isEmpty && cohorts.dropOuts == [ClaimDropOut(operation: "ERI-LEGACY", reason: .nationalityDispute)])

            // A second drop-out is refused: the claim is not in the cohort.
            await #expect(throws: ValidationFailure.self) {
                try await store.perform(.dropOutOfCohort(operation: "ERI-LEGACY", reason: .minor), on: .numbered(1), expectedVersion: 4, by: Staff.decisionMaker, reason: nil)
            }
            // It does not rejoin on a rebuild, nor on any later change.
            try await store.rebuildProjections()
            _ = try await store.perform(.addNote(try NoteRules.validated(text: "Checked", isAction: false)), on: .numbered(1), expectedVersion: 4, by: Staff.decisionMaker, reason: nil)
            #expect(try await cohortRows(store, "ERI-LEGACY") == ["CW-0000002", "CW-0000003"])

            let detail = try await store.operationDetail("ERI-LEGACY", for: OpsActors.planner)
            #expect(detail.dropOuts == 1)
            #expect(detail.dropOutsByReason.first { $0.reason == .nationalityDispute }?.count == 1)
            #expect(detail.recentDropOuts.map(\.claim) == [.numbered(1)] && detail.recentDropOuts[0].note == "Language analysis suggests Ethiopian")
            // The drop-out lowered the remaining figure: 2 open at definition, 1 now; milestone 20 (figure 1) reached by it.
            #expect(detail.status.remaining == 1 && detail.history.baseCount == 2)
            #expect(detail.history.milestones.filter(\.isReached).last?.milestone == 20)
            #expect(detail.history.milestones[19].claim == .numbered(1) && detail.history.milestones[19].eventType == "cohort-dropped-out")
        }
    }

    @Test("Closing an operation removes its membership and its place in the plan, keeps its figures, and no claim joins it after", arguments: TestDatabases.kinds)
    func close(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await opsStore(database)
            _ = try await store.importHistories(try opsHistories([OpsClaim(), OpsClaim(), OpsClaim(end: .granted)]))
            _ = try await store.defineOperation(eritreanLegacy, by: OpsActors.planner)
            try await store.setOperations(ofUnit: "DMU-GLA", to: ["eri-legacy"], by: OpsActors.planner)
            #expect(try await store.operations(ofUnit: "DMU-GLA", for: OpsActors.planner) == ["ERI-LEGACY"])
            await #expect(throws: ValidationFailure.self) { try await store.closeOperation("ERI-LEGACY", reason: " ", by: OpsActors.planner) }
            await #expect(throws: AccessDenied.self) { try await store.closeOperation("ERI-LEGACY", reason: "Done", by: OpsActors.leaderGLA) }
            await #expect(throws: OperationNotFound.self) { try await store.closeOperation("NOPE", reason: "Done", by: OpsActors.planner) }

            let closed = try await store.closeOperation("ERI-LEGACY", reason: "Cohort moved to streamlined processing", by: OpsActors.planner)
            #expect(!closed.isOpen && closed.closingReason == "Cohort moved to streamlined processing" && closed.closedBy == OpsActors.planner.staff)
            #expect(closed.members == 3 && closed.remaining == 2 && closed.operation.startingFigure == 2)
            #expect(try await cohortRows(store, "ERI-LEGACY").isEmpty)
            #expect(try await store.operations(ofUnit: "DMU-GLA", for: OpsActors.planner).isEmpty)
            #expect(try await store.planningState().operations.isEmpty)
            var legacy = try facts(30)
            legacy.dateOfClaim = LocalDate(year: 2018, month: 1, day: 9)!
            let joined = try await store.register(legacy, resolution: nil, by: Staff.registrar)
            #expect(try await store.cohortMemberships(of: joined.reference, for: Staff.decisionMaker).memberships.isEmpty)
            // Its page still shows its last figures; it cannot be closed twice, put in a plan, or its code reused.
            let detail = try await store.operationDetail("ERI-LEGACY", for: OpsActors.planner)
            #expect(detail.status.remaining == 2 && detail.history.milestones.count == 40)
            await #expect(throws: ValidationFailure.self) { try await store.closeOperation("ERI-LEGACY", reason: "Again", by: OpsActors.planner) }
            await #expect(throws: ValidationFailure.self) { try await store.setOperations(ofUnit: "DMU-LEE", to: ["ERI-LEGACY"], by: OpsActors.planner) }
            await #expect(throws: ValidationFailure.self) { try await store.defineOperation(eritreanLegacy, by: OpsActors.planner) }
            #expect(try await store.operations(for: OpsActors.planner).map(\.isOpen) == [false])
        }
    }

    @Test("Burn-down figures and milestone dates from the log, each traced to its event", arguments: TestDatabases.kinds)
    func burnDown(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await opsStore(database)
            let clock = try #require(store.clock as? FixedClock)
            _ = try await store.importHistories(try opsHistories(Array(repeating: OpsClaim(end: .decision), count: 10) + [OpsClaim(end: .granted)]))
            _ = try await store.defineOperation(eritreanLegacy, by: OpsActors.planner)
            // 10 open members. Milestone k's figure is ⌊10 × (40 − k) / 40⌋: 9 for k = 1–4, 8 for k = 5–8, 7 for k = 9–12.
            clock.advance(milliseconds: 86_400_000)
            let served = try await DecisionPath.serve(store, .numbered(3), author: Staff.decisionMaker)
            clock.advance(milliseconds: 86_400_000)
            _ = try await DecisionPath.serve(store, .numbered(5), outcome: .grantHumanitarianProtection, author: Staff.decisionMaker)
            _ = try await store.perform(.withdrawOutcome, on: .numbered(3), expectedVersion: served.version, by: Staff.decisionMaker, reason: "Served in error")
            clock.advance(milliseconds: 86_400_000)
            _ = try await store.perform(.recordOutcome(.withdrawnImplicitly), on: .numbered(7), expectedVersion: 4, by: Staff.decisionMaker, reason: "Absconded")

            let detail = try await store.operationDetail("ERI-LEGACY", for: OpsActors.planner)
            #expect(detail.status.operation.startingFigure == 10 && detail.history.baseCount == 10)
            #expect(detail.status.remaining == 8 && detail.history.currentCount == 8)
            #expect(detail.status.burnDown.milestonesReached == 8 && detail.status.burnDown.nextMilestoneFigure == 7)
            let reached = detail.history.milestones.filter(\.isReached)
            #expect(reached.map(\.milestone) == Array(1...8))
            // 10 → 9 on day 1 (claim 3 granted); 9 → 8 on day 2 (claim 5 granted protection); claim 3 reopened (9), claim 7 closed on day 3 (8).
            #expect(reached.prefix(4).allSatisfy { $0.reachedAt?.date == storeToday.adding(days: 1) && $0.claim == .numbered(3) && $0.sequence == served.version && $0.eventType == "decision-served" })
            #expect(reached.suffix(4).allSatisfy { $0.reachedAt?.date == storeToday.adding(days: 2) && $0.claim == .numbered(5) })
            // Every date points at a real event in the claim's log.
            for milestone in reached {
                let events = try await store.events(of: milestone.claim!, for: OpsActors.planner)
                #expect(events.first { $0.sequence == milestone.sequence }?.occurredAt == milestone.reachedAt)
            }
        }
    }

    @Test("The single-owner rule: the holder cannot hand back a low-intake or 70-plus claim; a team leader can release it", arguments: TestDatabases.kinds)
    func singleOwner(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await opsStore(database)
            _ = try await store.importHistories(try opsHistories([
                OpsClaim(),  // 1: in a cohort of 2 claims (low-intake)
                OpsClaim(),  // 2: likewise
                OpsClaim(claimed: "2022-09-01", born: "1950-01-01"),  // 3: claimant aged 73, no cohort
                OpsClaim(claimed: "2022-09-01"),  // 4: neither
            ]))
            _ = try await store.defineOperation(eritreanLegacy, by: OpsActors.planner)
            for number in 1...4 {
                _ = try await store.perform(.allocate(to: Staff.decisionMaker.staff, reassigning: false), on: .numbered(number), expectedVersion: 3, by: Staff.decisionMaker, reason: nil)
            }
            do {
                _ = try await store.perform(.release, on: .numbered(1), expectedVersion: 4, by: Staff.decisionMaker, reason: "Going on leave")
                Issue.record("A low-intake claim was handed back by its holder")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["holder"])
                #expect(failure.errors[0].message.contains("8.91") && failure.errors[0].message.contains("Low-intake cohort: 2 claims, fewer than 200"))
            }
            do {
                _ = try await store.perform(.release, on: .numbered(3), expectedVersion: 4, by: Staff.decisionMaker, reason: "Going on leave")
                Issue.record("A 70-plus claimant's claim was handed back by its holder")
            } catch let failure as ValidationFailure {
                #expect(failure.errors[0].message.contains("Claimant aged 73, 70 or over"))
            }
            #expect(try await store.cohortMemberships(of: .numbered(3), for: Staff.decisionMaker).singleOwnerReasons == ["Claimant aged 73, 70 or over"])
            // The team leader can release it, with a reason; the holder can hand back an ordinary claim.
            let released = try await store.perform(.release, on: .numbered(1), expectedVersion: 4, by: OpsActors.leaderGLA, reason: "Decision maker on long-term sick leave")
            #expect(released.holder == nil)
            #expect(try await store.perform(.release, on: .numbered(4), expectedVersion: 4, by: Staff.decisionMaker, reason: "Needs an interpreter I cannot book").holder == nil)
        }
    }
}
