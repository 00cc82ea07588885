@testable import CaseworkStore
import CaseworkDomain
import CaseworkTestSupport
import Testing

/// People keeping and having staff records in the store tests.
private enum People {
    static let leader = Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA")
    static let otherLeader = Actor(staff: "tl.lee", role: .teamLeader, unit: "DMU-LEE")
    static let planner = Actor(staff: "wp.nwf", role: .workflowPlanner, unit: "NWF")
    static let member = Actor(staff: "dm.gla.1", role: .decisionMaker, unit: "DMU-GLA")
}

/// A store with units and a few staff, with the clock on `storeToday`.
private func staffStore(_ database: any SQLDatabase, extra: [Actor] = []) async throws -> CaseworkStore {
    let store = try await makeStore(database)
    for code in ["DMU-GLA", "DMU-LEE", "NWF"] { try await store.saveUnit(CaseworkUnit(code: UnitID(code), name: code, kind: "dmu")) }
    for actor in [People.leader, People.otherLeader, People.planner, People.member] + extra {
        try await store.addStaff(StaffMember(username: actor.staff, displayName: actor.staff.rawValue, role: actor.role, unit: actor.unit), passwordHash: "x")
    }
    return store
}

private func failedFields(_ body: () async throws -> Void) async -> Set<String> {
    do {
        try await body()
        return []
    } catch let failure as ValidationFailure {
        return Set(failure.errors.map(\.field))
    } catch {
        return ["unexpected: \(error)"]
    }
}

@Suite("Staff records, on both stores")
struct StaffStoreTests {
    @Test("A profile change is checked field by field, and a refused one writes nothing", arguments: TestDatabases.kinds)
    func validation(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await staffStore(database)
            let fields = await failedFields {
                try await store.updateStaffProfile(People.member.staff, to: StaffProfileInput(trainedFor: "both", fte: "1.2"), by: People.leader, reason: nil)
            }
            #expect(fields == ["startDate", "fte"])
            #expect(await failedFields {
                try await store.updateStaffProfile(People.member.staff, to: StaffProfileInput(fte: "1", operation: "NOSUCH"), by: People.leader, reason: nil)
            } == ["operation"])
            #expect(await failedFields {
                try await store.updateStaffProfile(People.member.staff, to: StaffProfileInput(fte: "1"), by: People.leader, reason: String(repeating: "r", count: 2_001))
            } == ["reason"])
            let record = try await store.staffRecord(People.member.staff, for: People.leader)
            #expect(record.profile == .unrecorded)
            #expect(try await store.staffChanges(of: People.member.staff, for: People.leader).isEmpty)
        }
    }

    @Test("Only those who keep the unit's records change them; members read their own", arguments: TestDatabases.kinds)
    func authorisation(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await staffStore(database)
            let input = StaffProfileInput(team: "Team 1", fte: "1")
            await #expect(throws: AccessDenied.self) { try await store.updateStaffProfile(People.member.staff, to: input, by: People.member, reason: nil) }
            await #expect(throws: AccessDenied.self) { try await store.updateStaffProfile(People.member.staff, to: input, by: People.otherLeader, reason: nil) }
            await #expect(throws: AccessDenied.self) {
                try await store.addStaffAbsence(People.member.staff, StaffAbsenceInput(firstDay: "2023-10-30", lastDay: "2023-10-30", kind: "sickness"), by: People.otherLeader, reason: nil)
            }
            await #expect(throws: AccessDenied.self) { try await store.staffRecord(People.member.staff, for: People.otherLeader) }
            await #expect(throws: AccessDenied.self) { try await store.staffRecords(unit: "DMU-GLA", for: People.member) }
            await #expect(throws: StaffRecordNotFound.self) { try await store.updateStaffProfile("nobody", to: input, by: People.planner, reason: nil) }
            // The national planner keeps any unit's records; the member reads their own.
            try await store.updateStaffProfile(People.member.staff, to: input, by: People.planner, reason: "Moved team")
            #expect(try await store.staffRecord(People.member.staff, for: People.member).profile.team == "Team 1")
        }
    }

    @Test("Every change is in the record's history and the audit trail, with who, when and why", arguments: TestDatabases.kinds)
    func history(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await staffStore(database)
            let first = StaffProfileInput(team: "Team 2", trainedFor: "interviews", startDate: "2023-09-04", fte: "1")
            try await store.updateStaffProfile(People.member.staff, to: first, by: People.leader, reason: "New starter")
            // The same profile again changes nothing and records nothing.
            try await store.updateStaffProfile(People.member.staff, to: first, by: People.leader, reason: nil)
            // Sign-off is earned through checks (10.12), never typed into a kept record: refused, and nothing written.
            let signedOff = StaffProfileInput(team: "Team 2", trainedFor: "both", startDate: "2023-09-04", signedOff: true, fte: "0.8")
            await #expect(throws: ValidationFailure([FieldError(field: "signedOff", message: "Sign-off is recorded by a technical specialist from the decision maker's quality page, once 3 of their decisions are checked at DQ1 or DQ2 (10.12)")])) {
                try await store.updateStaffProfile(People.member.staff, to: signedOff, by: People.leader, reason: "Signed off")
            }
            let second = StaffProfileInput(team: "Team 2", trainedFor: "both", startDate: "2023-09-04", signedOff: false, fte: "0.8")
            let record = try await store.updateStaffProfile(People.member.staff, to: second, by: People.leader, reason: "Decision course done")
            #expect(record.profile == StaffProfile(team: "Team 2", trainedFor: .both, startDate: LocalDate(year: 2023, month: 9, day: 4)!, signedOff: false, fte: 0.8))
            try await store.addStaffAbsence(People.member.staff, StaffAbsenceInput(firstDay: "2023-10-30", lastDay: "2023-11-01", kind: "annual-leave"), by: People.leader, reason: "Half term")
            try await store.removeStaffAbsence(People.member.staff, firstDay: LocalDate(year: 2023, month: 10, day: 30)!, by: People.leader, reason: "Cancelled")

            let history = try await store.staffChanges(of: People.member.staff, for: People.leader)
            #expect(history.map(\.type) == ["absence-removed", "absence-added", "profile-updated", "profile-updated"])
            #expect(history.allSatisfy { $0.actor == People.leader.staff && $0.actorRole == .teamLeader && $0.at == store.clock.now() })
            #expect(history[0].lines == ["Absence removed: Annual leave from 30 October 2023 to 1 November 2023 (3 days)"] && history[0].reason == "Cancelled")
            #expect(history[2].lines == ["Trained for: interviews only → interviews and decisions", "FTE: 1 → 0.8"])
            #expect(history[3].lines.contains("Team: none → Team 2") && history[3].reason == "New starter")
            let audit = try await store.auditTrail(claim: nil).map(\.action)
            #expect(audit.filter { $0.hasPrefix("staff.") }.prefix(4) == ["staff.absence-remove", "staff.absence-add", "staff.profile-update", "staff.profile-update"])
        }
    }

    @Test("Absences: an overlap is refused naming the one recorded; removing needs an absence that exists", arguments: TestDatabases.kinds)
    func absences(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await staffStore(database)
            let username = People.member.staff
            try await store.addStaffAbsence(username, StaffAbsenceInput(firstDay: "2023-10-25", lastDay: "2023-10-31", kind: "sickness"), by: People.leader, reason: nil)
            do {
                try await store.addStaffAbsence(username, StaffAbsenceInput(firstDay: "2023-10-31", lastDay: "2023-11-02", kind: "annual-leave"), by: People.leader, reason: nil)
                Issue.record("an overlapping absence was recorded")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["firstDay"] && failure.errors[0].message.contains("25 October 2023 to 31 October 2023"))
            }
            #expect(await failedFields {
                try await store.addStaffAbsence(username, StaffAbsenceInput(firstDay: "2023-11-05", lastDay: "2023-11-01", kind: "sickness"), by: People.leader, reason: nil)
            } == ["lastDay"])
            let record = try await store.addStaffAbsence(username, StaffAbsenceInput(firstDay: "2023-11-01", lastDay: "2023-11-01", kind: "other-duties"), by: People.leader, reason: nil)
            #expect(record.absences.map(\.firstDay.iso) == ["2023-10-25", "2023-11-01"])
            // Today (27 October) they are away: effective FTE 0.
            #expect(record.absence(on: storeToday)?.kind == .sickness && record.effectiveFTE(on: storeToday) == 0)
            await #expect(throws: StaffRecordNotFound.self) {
                try await store.removeStaffAbsence(username, firstDay: LocalDate(year: 2023, month: 10, day: 26)!, by: People.leader, reason: nil)
            }
            let after = try await store.removeStaffAbsence(username, firstDay: LocalDate(year: 2023, month: 10, day: 25)!, by: People.leader, reason: nil)
            #expect(after.absences.map(\.firstDay.iso) == ["2023-11-01"])
            #expect(try await store.staffRecord(username, for: People.leader) == after)
        }
    }

    @Test("A unit's and a team's capacity on a day, from the records", arguments: TestDatabases.kinds)
    func capacity(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let second = Actor(staff: "dm.gla.2", role: .decisionMaker, unit: "DMU-GLA")
            let third = Actor(staff: "dm.gla.3", role: .decisionMaker, unit: "DMU-GLA")
            let store = try await staffStore(database, extra: [second, third])
            // dm.gla.1: 28 days in role on 27 October, 0.2. dm.gla.2: fully effective at 0.6 FTE, away on 27 October.
            // dm.gla.3: nothing recorded, so fully effective at 1. The team leader is not a decision maker: not counted.
            try await store.updateStaffProfile(People.member.staff, to: StaffProfileInput(team: "Team 1", trainedFor: "both", startDate: "2023-09-29", fte: "1"), by: People.leader, reason: nil)
            try await store.updateStaffProfile(second.staff, to: StaffProfileInput(team: "Team 1", trainedFor: "both", startDate: "2019-01-07", signedOff: true, fte: "0.6"), by: People.leader, reason: nil)
            try await store.addStaffAbsence(second.staff, StaffAbsenceInput(firstDay: "2023-10-27", lastDay: "2023-10-27", kind: "sickness"), by: People.leader, reason: nil)
            let unit = try await store.capacity(of: "DMU-GLA", on: storeToday, for: People.planner)
            #expect(unit.members.map(\.username) == ["dm.gla.3", "dm.gla.1", "dm.gla.2"])
            #expect(unit.totals.headcount == 3 && abs(unit.totals.fte - 2.6) < 1e-9 && abs(unit.totals.effectiveFTE - 1.2) < 1e-9)
            #expect(unit.totals.absent == 1 && unit.totals.signedOff == 1)
            let team = try await store.capacity(of: "DMU-GLA", team: "Team 1", on: storeToday, for: People.leader)
            #expect(team.totals.headcount == 2 && abs(team.totals.effectiveFTE - 0.2) < 1e-9)
            // The next day dm.gla.2 is back: 0.2 + 1/7/26 × 0.8 for dm.gla.1 (29 days), 0.6 and 1.
            let tomorrow = try await store.capacity(of: "DMU-GLA", on: storeToday.adding(days: 1), for: People.planner)
            #expect(abs(tomorrow.totals.effectiveFTE - (0.2 + (29.0 / 7 - 4) / 26 * 0.8 + 0.6 + 1)) < 1e-9 && tomorrow.totals.absent == 0)
            await #expect(throws: AccessDenied.self) { try await store.capacity(of: "DMU-GLA", on: storeToday, for: People.otherLeader) }
        }
    }
}

// MARK: Next claim by training and cohort

/// A claim in `unit`'s queue at `stage` (work in progress, interview or decision), for a child or not, of `nationality`.
private func queued(_ index: Int, stage: Stage, child: Bool = false, nationality: String = "ERI", unit: UnitID = "DMU-GLA") throws -> ClaimHistory {
    var history = try wipClaims(1, unit: unit)[0]
    history.facts = try facts(index)
    history.facts.dateOfClaim = LocalDate(year: 2021, month: 1, day: 1)!.adding(days: index)
    history.facts.unaccompaniedChild = child
    history.facts.mainApplicant.nationality = Nationality(claimed: nationality)
    let at = history.later.last!.at
    if stage != .workInProgress { history.later.append((.stageChanged(from: .workInProgress, to: stage), Staff.registrar, at.adding(milliseconds: 1), nil)) }
    return history
}

/// Defines an open operation whose cohort is claims of `nationalities`, as the planners' store records it.
private func defineOperation(_ code: String, nationalities: Set<String>, on store: CaseworkStore) async throws {
    let operation = CaseworkDomain.Operation(code: code, name: "Operation \(code)", criteria: CohortCriteria(nationalities: nationalities), startDate: storeToday, startingFigure: 0)
    let stored = StoredOperation(operation: operation, grantRates: GrantRates([:]))
    try await store.database.transaction { connection in
        try await connection.execute(
            "INSERT INTO operations (code, name, definition, start_date, starting_figure, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(code), .text(operation.name), .text(try EventCoding.encodeJSON(stored)), .text(storeToday.iso), .int(0), .integer(0), .text("wp.nwf")]
        )
        try await store.bumpPlanningRevision(connection)
    }
}

@Suite("Next claim by training and cohort, on both stores")
struct NextClaimEligibilityStoreTests {
    /// Everything `actor` is given, one claim after another, until nothing is left for them.
    private func drain(_ store: CaseworkStore, _ actor: Actor) async throws -> Set<Int> {
        var taken: Set<Int> = []
        while let claim = try await store.nextClaim(for: actor) { taken.insert(Int(claim.reference.rawValue.dropFirst(3))!) }
        return taken
    }

    @Test("Interview-only, decision-only and children's training each filter the queue as the domain rule says", arguments: TestDatabases.kinds)
    func training(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let interviews = Actor(staff: "dm.int", role: .decisionMaker, unit: "DMU-GLA")
            let decisions = Actor(staff: "dm.dec", role: .decisionMaker, unit: "DMU-GLA")
            let children = Actor(staff: "dm.kids", role: .decisionMaker, unit: "DMU-GLA")
            let store = try await staffStore(database, extra: [interviews, decisions, children])
            try await store.updateStaffProfile(interviews.staff, to: StaffProfileInput(trainedFor: "interviews", startDate: "2023-06-05", fte: "1"), by: People.leader, reason: nil)
            try await store.updateStaffProfile(decisions.staff, to: StaffProfileInput(trainedFor: "decisions", startDate: "2023-06-05", fte: "1"), by: People.leader, reason: nil)
            try await store.updateStaffProfile(children.staff, to: StaffProfileInput(trainedFor: "decisions", childrensCasework: true, startDate: "2020-06-01", fte: "1"), by: People.leader, reason: nil)
            // 1 WIP, 2 decision, 3 WIP child, 4 interview, 5 decision child, 6 interview in another unit.
            _ = try await store.importHistories([
                try queued(1, stage: .workInProgress), try queued(2, stage: .decision), try queued(3, stage: .workInProgress, child: true),
                try queued(4, stage: .interview), try queued(5, stage: .decision, child: true), try queued(6, stage: .interview, unit: "DMU-LEE"),
            ])
            let expected = try await expectedByRule(store, [interviews, decisions, children])
            #expect(try await drain(store, interviews) == [1, 4])
            #expect(expected[interviews.staff] == [1, 4] && expected[decisions.staff] == [2] && expected[children.staff] == [2, 5])
            #expect(try await drain(store, decisions) == [2])
            // The children's claims wait for someone with the children's training: 3 is at WIP, which needs an
            // interview, so even they are not given it.
            #expect(try await drain(store, children) == [5])
            #expect(try await store.nextRestrictionText(interviews) == "interview work only, no children's claims")
            // Nobody's record: any claim, as before.
            #expect(try await drain(store, Staff.decisionMaker) == [3])
        }
    }

    @Test("A caseworker on an operation gets only its cohort's claims; the rest wait for others", arguments: TestDatabases.kinds)
    func cohorts(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let assigned = Actor(staff: "dm.op", role: .decisionMaker, unit: "DMU-GLA")
            let general = Actor(staff: "dm.gen", role: .decisionMaker, unit: "DMU-GLA")
            let store = try await staffStore(database, extra: [assigned, general])
            try await defineOperation("AMESA", nationalities: ["SYR", "AFG"], on: store)
            try await store.updateStaffProfile(assigned.staff, to: StaffProfileInput(trainedFor: "both", childrensCasework: true, startDate: "2020-06-01", fte: "1", operation: "AMESA"), by: People.leader, reason: nil)
            try await store.updateStaffProfile(general.staff, to: StaffProfileInput(trainedFor: "both", childrensCasework: true, startDate: "2020-06-01", fte: "1"), by: People.leader, reason: nil)
            _ = try await store.importHistories([
                try queued(1, stage: .workInProgress, nationality: "ERI"), try queued(2, stage: .decision, nationality: "SYR"),
                try queued(3, stage: .interview, nationality: "AFG"), try queued(4, stage: .decision, nationality: "ALB"),
            ])
            let expected = try await expectedByRule(store, [assigned])
            #expect(expected[assigned.staff] == [2, 3])
            #expect(try await drain(store, assigned) == [2, 3])
            #expect(try await drain(store, general) == [1, 4])
            // Once the operation closes, its cohort is no longer kept: the caseworker is back on the general WIP.
            _ = try await store.importHistories([try queued(5, stage: .decision, nationality: "ALB")])
            #expect(try await store.nextClaim(for: assigned) == nil)
            try await store.database.transaction { connection in
                try await connection.execute("UPDATE operations SET closed_at = 1 WHERE code = 'AMESA'")
                try await store.bumpPlanningRevision(connection)
            }
            #expect(try await drain(store, assigned) == [5])
        }
    }

    @Test("The filtered query still walks the queue's partial index (SQLite's plan)")
    func indexUsed() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let store = try await makeStore(database)
            let eligibility = NextClaimEligibility(trainedFor: .decisions, childrensCasework: false, operation: "AMESA")
            let (conditions, binds) = AllocationPolicy.conditions(for: eligibility)
            let plan = try await database.read { connection in
                try await connection.query(
                    "EXPLAIN QUERY PLAN SELECT reference FROM claim_queue WHERE owning_unit = ? AND \(AllocationPolicy.queueCondition)\(conditions) ORDER BY priority_key, date_of_claim, reference LIMIT 1",
                    [.text("DMU-GLA")] + binds
                )
            }.map { $0["detail"].string ?? "" }
            #expect(plan.contains { $0.contains("claims_queue") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort: \(plan)")
            _ = store
        }
    }

    /// Which waiting claims of DMU-GLA each actor may be given by `NextClaimEligibility.allows`, read back from the
    /// projections: the domain rule's answer, to compare with what the SQL hands out.
    private func expectedByRule(_ store: CaseworkStore, _ actors: [Actor]) async throws -> [StaffID: Set<Int>] {
        let rows = try await store.database.read { connection in
            try await connection.query("SELECT reference, stage, unaccompanied_child FROM claims WHERE owning_unit = 'DMU-GLA' AND holder IS NULL")
        }
        var result: [StaffID: Set<Int>] = [:]
        for actor in actors {
            let record = try await store.staffRecord(actor.staff, for: People.leader)
            let rule = NextClaimEligibility(record.profile)
            for row in rows {
                let reference = ClaimReference(row["reference"].string ?? "")
                let cohorts = Set(try await store.cohorts(of: reference, for: People.planner))
                if rule.allows(stage: Stage(rawValue: row["stage"].string ?? "") ?? .closed, unaccompaniedChild: row["unaccompanied_child"].bool, cohorts: cohorts) {
                    result[actor.staff, default: []].insert(Int(reference.rawValue.dropFirst(3))!)
                }
            }
        }
        return result
    }
}

extension CaseworkStore {
    /// The restriction text pages show when "next claim" finds nothing.
    fileprivate func nextRestrictionText(_ actor: Actor) async throws -> String? { try await nextClaimRestriction(for: actor) }
}
