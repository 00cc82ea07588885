import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import Testing

/// The team page's figures against a hand computation (`TeamFixture` describes the team, its claims and events).
@Suite("The team leader's live team page, against a hand-computed fixture")
struct TeamViewTests {
    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    @Test("Every figure of Team 1 is the one worked out by hand", arguments: TestDatabases.kinds)
    func handComputed(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await TeamFixture.make(database, passwordHash: PasswordHasher(cost: 4).hash(TeamFixture.password))
            let view = try await store.teamView(for: TeamFixture.leader)

            // The calendar: Friday 27 October; week from Monday 23 October; period 16 October to 12 November.
            #expect(view.unit == "DMU-GLA" && view.team == "Team 1" && view.today == TeamFixture.today)
            #expect(view.weekStart == LocalDate(year: 2023, month: 10, day: 23)!)
            #expect(view.periodStart == LocalDate(year: 2023, month: 10, day: 16)! && view.periodEnd == LocalDate(year: 2023, month: 11, day: 12)!)
            #expect(view.leaders.map(\.username) == ["tl.gla"])
            // Members: the four decision makers of Team 1 by name; not the senior caseworker (not a DM), not Eve (Team 2).
            #expect(view.members.map(\.record.member.username) == ["dm.ada", "dm.ben", "dm.cat", "dm.dan"])
            let figures = Dictionary(uniqueKeysWithValues: view.members.map { ($0.record.member.username.rawValue, $0) })
            let ada = try #require(figures["dm.ada"]), ben = try #require(figures["dm.ben"])
            let cat = try #require(figures["dm.cat"]), dan = try #require(figures["dm.dan"])

            // Claims held, longest first. Ada: CW-3 since 1 September (56 days: 29 left in September + 27 in October),
            // CW-1 since 2 October (25 days). CW-2 and CW-8 ended with an outcome, which releases the claim.
            #expect(ada.claims.map(\.held.summary.reference) == [.numbered(3), .numbered(1)])
            #expect(ada.claims.map { $0.held.daysHeld(on: TeamFixture.today) } == [56, 25])
            // Ben: CW-4 and CW-7, both since 23 October (4 days). Cat: CW-10 since 26 October (1 day). Dan: CW-6 handed back.
            #expect(ben.claims.map(\.held.summary.reference) == [.numbered(4), .numbered(7)])
            #expect(ben.claims.map { $0.held.daysHeld(on: TeamFixture.today) } == [4, 4])
            #expect(cat.claims.map(\.held.summary.reference) == [.numbered(10)] && cat.claims[0].held.daysHeld(on: TeamFixture.today) == 1)
            #expect(dan.claims.isEmpty)
            #expect(view.claimsHeld == 5)

            // Open barriers on held claims, by rating. CW-3: NRM (red), further representations (amber); biometrics
            // was cleared. CW-1: potential withdrawal rated green. CW-4: absconder (purple). CW-10: criminal casework
            // (amber). The red barriers on CW-6 (nobody holds it) and CW-9 (Eve's) are not the team's.
            #expect(ada.claims[0].openBarriers == [.red: 1, .amber: 1] && ada.claims[0].worstRating == .red)
            #expect(ada.claims[1].openBarriers == [.green: 1])
            #expect(ada.barriers == [.red: 1, .amber: 1, .green: 1])
            #expect(ben.barriers == [.purple: 1] && ben.claims[1].openBarriers.isEmpty)
            #expect(cat.barriers == [.amber: 1])
            #expect(dan.barriers.isEmpty)
            #expect(view.barriers == [.purple: 1, .red: 1, .amber: 2, .green: 1])

            // Steps. Ada: interview on CW-1 (24 Oct) and grant on CW-2 (25 Oct), both this week and period; CW-3's
            // interview was 1 ms before the period; CW-8's withdrawal is a closure. Ben: moving CW-7 back to the WIP is
            // not an interview. Cat: interview on CW-5 (16 Oct, period only), refusal at 00:00 on 23 Oct (week and
            // period). Dan: interview on CW-6 (17 Oct, period only). Eve's interview is Team 2's.
            #expect(ada.stepsThisWeek == StepCounts(interviews: 1, decisions: 1) && ada.stepsThisPeriod == StepCounts(interviews: 1, decisions: 1))
            #expect(ben.stepsThisWeek == StepCounts() && ben.stepsThisPeriod == StepCounts())
            #expect(cat.stepsThisWeek == StepCounts(interviews: 0, decisions: 1) && cat.stepsThisPeriod == StepCounts(interviews: 1, decisions: 1))
            #expect(dan.stepsThisWeek == StepCounts() && dan.stepsThisPeriod == StepCounts(interviews: 1, decisions: 0))
            // Team: week 1 + 0 + 0 + 0 interviews, 1 + 0 + 1 + 0 decisions; period 1 + 0 + 1 + 1 and 1 + 0 + 1 + 0.
            #expect(view.stepsThisWeek == StepCounts(interviews: 1, decisions: 2) && view.stepsThisWeek.total == 3)
            #expect(view.stepsThisPeriod == StepCounts(interviews: 3, decisions: 2) && view.stepsThisPeriod.total == 5)

            // Capacity today: Ada 1 (fully effective); Ben 28 days in role = 4 weeks = 0.2; Cat 119 days = 17 weeks,
            // 0.2 + 13/26 × 0.8 = 0.6, at 0.5 FTE = 0.3; Dan on leave 26–30 October = 0 (Ada's sickness ended on
            // 3 October; Cat's leave starts on 6 November).
            #expect(close(ada.effectiveFTE, 1) && close(ben.effectiveFTE, 0.2) && close(cat.effectiveFTE, 0.3) && dan.effectiveFTE == 0)
            #expect(dan.absenceToday?.kind == .annualLeave && ada.absenceToday == nil && cat.absenceToday == nil)
            // Totals: 4 DMs, FTE 1 + 1 + 0.5 + 1 = 3.5, effective 1 + 0.2 + 0.3 + 0 = 1.5, 1 away, 3 signed off (Ben is on 100% checks).
            #expect(view.capacity.headcount == 4 && close(view.capacity.fte, 3.5) && close(view.capacity.effectiveFTE, 1.5))
            #expect(view.capacity.absent == 1 && view.capacity.signedOff == 3)
        }
    }

    @Test("Who sees which team: a team leader their own; a senior caseworker any of their unit; an operations manager any", arguments: TestDatabases.kinds)
    func access(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await TeamFixture.make(database, passwordHash: PasswordHasher(cost: 4).hash(TeamFixture.password))
            await #expect(throws: AccessDenied.self) { try await store.teamView(team: "Team 2", for: TeamFixture.leader) }
            await #expect(throws: AccessDenied.self) { try await store.teamView(for: TeamFixture.ada) }
            await #expect(throws: AccessDenied.self) { try await store.teamView(unit: "DMU-GLA", team: "Team 1", for: TeamFixture.otherUnitLeader) }
            let other = try await store.teamView(team: "Team 2", for: TeamFixture.seniorCaseworker)
            #expect(other.members.map(\.record.member.username) == ["dm.eve"])
            // Eve's interview on CW-9 (24 October) and her claim with its red barrier are Team 2's.
            #expect(other.stepsThisWeek == StepCounts(interviews: 1, decisions: 0) && other.claimsHeld == 1 && other.barriers == [.red: 1])
            let national = try await store.teamView(unit: "DMU-GLA", team: "Team 1", for: TeamFixture.operationsManager)
            #expect(national.members.count == 4)
            // A leader with no team on their record is told so, naming the field.
            await #expect(throws: ValidationFailure.self) { try await store.teamView(for: TeamFixture.otherUnitLeader) }
            #expect(try await store.teams(of: "DMU-GLA") == ["Team 1", "Team 2"])
        }
    }
}
