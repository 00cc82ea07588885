import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import Testing

extension InterviewEstate {
    /// Monday 6 November 2023: the first whole week after the earliest date (Friday 3 November) for a schedule made on
    /// Friday 27 October.
    static let weekMonday = LocalDate(year: 2023, month: 11, day: 6)!
    static let weekDays = (0..<5).map { weekMonday.adding(days: $0) }

    /// A claim waiting for an interview: a Tigrinya speaker in Glasgow, needs recorded, moved to work in progress.
    static func waitingClaim(_ store: CaseworkStore, _ n: Int) async throws -> Claim {
        let claim = try await claimWithNeeds(store, n)
        _ = try await store.perform(.moveStage(to: .screening), on: claim.reference, expectedVersion: claim.version, by: Staff.registrar, reason: nil)
        return try await store.perform(.moveStage(to: .workInProgress), on: claim.reference, expectedVersion: claim.version + 1, by: Staff.registrar, reason: nil)
    }

    static func slot(day: Int, start: Int, dm: String, room: String = "GLA-1", interpreter: String? = "INT-TIG") -> InterviewSlotChoice {
        InterviewSlotChoice(date: weekDays[day], start: start, minutes: 120, location: "GLASGOW", room: room, interpreter: interpreter, decisionMaker: StaffID(dm))
    }
}

enum WeekPlanners {
    static let planner = Actor(staff: "planner", role: .workflowPlanner, unit: "NATIONAL")
    static let teamLeader = Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA")
    static let otherTeamLeader = Actor(staff: "tl.lee", role: .teamLeader, unit: "DMU-LEE")
}

@Suite("A week of interviews read from the store and booked through the single-booking checks, on both stores")
struct InterviewWeekStoreTests {
    func store(_ database: any SQLDatabase) async throws -> CaseworkStore {
        try await makeStore(database)
    }

    @Test("The week's inputs: working days, notice, resources, declarations, time booked, and only the claims waiting, ranked", arguments: TestDatabases.kinds)
    func inputs(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await store(database)
            try await InterviewEstate.write(store, dmDailyMaximum: 2, declaredDays: InterviewEstate.weekDays)
            var waiting: [Claim] = []
            for n in 0..<3 { waiting.append(try await InterviewEstate.waitingClaim(store, n)) }
            // Not waiting: needs recorded but still at registration; at work in progress with no needs; already booked.
            _ = try await InterviewEstate.claimWithNeeds(store, 3)
            let noNeeds = try await store.register(try facts(4), resolution: nil, by: Staff.registrar)
            _ = try await store.perform(.moveStage(to: .screening), on: noNeeds.reference, expectedVersion: 1, by: Staff.registrar, reason: nil)
            let booked = try await InterviewEstate.waitingClaim(store, 5)
            let input = BookInterviewInput(date: "2023-11-06", start: "09:30", room: "GLA-1", interpreter: "INT-TIG", decisionMaker: "dm.gla", method: "post")
            _ = try await store.bookInterview(input, on: booked.reference, expectedVersion: booked.version, by: Staff.registrar)

            let inputs = try await store.interviewWeekInputs(week: InterviewEstate.weekMonday, unit: nil, operation: nil, for: WeekPlanners.planner)
            #expect(inputs.days == InterviewEstate.weekDays && inputs.bankHolidays.isEmpty)
            #expect(inputs.earliest == InterviewEstate.firstDay && inputs.today == storeToday)
            #expect(inputs.locations.map(\.code).sorted() == ["CROYDON", "GLASGOW"] && inputs.rooms.map(\.code) == ["GLA-1"])
            #expect(inputs.interpreters.map(\.code) == ["INT-TIG"])
            #expect(inputs.availability.count == 10 && Set(inputs.decisionMakers.map(\.staff)) == ["dm.gla", "dm2.gla"])
            #expect(inputs.booked.map(\.room) == ["GLA-1"] && inputs.booked.first?.start == 570 && inputs.booked.first?.decisionMaker == "dm.gla")
            #expect(inputs.claims.map(\.reference) == waiting.map(\.reference))
            #expect(inputs.claims.map(\.rank) == [1, 2, 3])
            #expect(inputs.claims.map(\.version) == waiting.map(\.version))
            let first = try #require(inputs.claims.first)
            #expect(first.needs.language == InterpreterLanguage(language: "tigrinya") && first.unit == InterviewEstate.unit && !first.child && first.cohorts.isEmpty)
            #expect(inputs.problems(with: []).isEmpty)

            // A team leader reads their own unit, asked for or not; another unit's team leader and other roles are refused.
            let own = try await store.interviewWeekInputs(week: InterviewEstate.weekMonday, unit: nil, operation: nil, for: WeekPlanners.teamLeader)
            #expect(own.unit == InterviewEstate.unit && own.claims.count == 3)
            await #expect(throws: AccessDenied.self) {
                _ = try await store.interviewWeekInputs(week: InterviewEstate.weekMonday, unit: InterviewEstate.unit, operation: nil, for: WeekPlanners.otherTeamLeader)
            }
            await #expect(throws: AccessDenied.self) {
                _ = try await store.interviewWeekInputs(week: InterviewEstate.weekMonday, unit: nil, operation: nil, for: Staff.decisionMaker)
            }
            // Another unit has none of these claims or decision makers.
            try await store.saveUnit(CaseworkUnit(code: "DMU-LEE", name: "Leeds", kind: "dmu"))
            let leeds = try await store.interviewWeekInputs(week: InterviewEstate.weekMonday, unit: "DMU-LEE", operation: nil, for: WeekPlanners.planner)
            #expect(leeds.claims.isEmpty && leeds.decisionMakers.isEmpty && leeds.availability.isEmpty && leeds.booked.count == 1)
            do {
                _ = try await store.interviewWeekInputs(week: InterviewEstate.weekMonday, unit: "DMU-NOPE", operation: "NOPE", for: WeekPlanners.planner)
                Issue.record("An unknown unit and operation were accepted")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["unit", "operation"])
            }
            do {
                _ = try await store.interviewWeekInputs(week: LocalDate(year: 2023, month: 11, day: 7)!, unit: nil, operation: nil, for: WeekPlanners.planner)
                Issue.record("A Tuesday was accepted as a week")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["week"])
            }
        }
    }

    @Test("A claim with a no-show awaiting its follow-up, or a completed interview, is not waiting; an operation narrows the list", arguments: TestDatabases.kinds)
    func whoIsWaiting(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let clock = FixedClock(Instant(startOf: storeToday).adding(milliseconds: 9 * 3_600_000))
            let store = CaseworkStore(database: database, clock: clock)
            try await store.migrate()
            try await InterviewEstate.write(store, dmDailyMaximum: 2, declaredDays: [InterviewEstate.firstDay] + InterviewEstate.weekDays)
            let noShow = try await InterviewEstate.waitingClaim(store, 0)
            let completed = try await InterviewEstate.waitingClaim(store, 1)
            let still = try await InterviewEstate.waitingClaim(store, 2)
            for (claim, start) in [(noShow, "09:30"), (completed, "13:30")] {
                let input = BookInterviewInput(date: "2023-11-03", start: start, room: "GLA-1", interpreter: "INT-TIG", decisionMaker: claim == noShow ? "dm.gla" : "dm2.gla", method: "post")
                _ = try await store.bookInterview(input, on: claim.reference, expectedVersion: claim.version, by: Staff.registrar)
            }
            // Friday 3 November, after the interviews.
            clock.advance(milliseconds: 7 * 86_400_000 + 8 * 3_600_000)
            _ = try await store.recordInterviewOutcome(InterviewOutcomeInput(outcome: "no-show"), interview: 1, on: noShow.reference, expectedVersion: noShow.version + 1, by: Staff.decisionMaker)
            _ = try await store.recordInterviewOutcome(InterviewOutcomeInput(outcome: "completed", actualMinutes: 110), interview: 1, on: completed.reference, expectedVersion: completed.version + 1, by: Staff.decisionMaker)
            let monday = LocalDate(year: 2023, month: 11, day: 13)!
            let inputs = try await store.interviewWeekInputs(week: monday, unit: nil, operation: nil, for: WeekPlanners.planner)
            #expect(inputs.claims.map(\.reference) == [still.reference])
            #expect(inputs.earliest == LocalDate(year: 2023, month: 11, day: 10)!)

            #expect(try await store.interviewWeekInputs(week: monday, unit: nil, operation: "", for: WeekPlanners.planner).claims.count == 1)
            for (code, nationality) in [("ERI-ALL", "ERI"), ("AFG-ALL", "AFG")] {
                _ = try await store.defineOperation(OperationDefinitionInput(code: code, name: code, nationalities: [nationality], startDate: "2023-10-01"), by: OpsActors.planner)
            }
            let eritrean = try await store.interviewWeekInputs(week: monday, unit: nil, operation: "eri-all", for: WeekPlanners.planner)
            #expect(eritrean.operation == "ERI-ALL" && eritrean.claims.map(\.reference) == [still.reference] && eritrean.claims.first?.cohorts == ["ERI-ALL"])
            #expect(try await store.interviewWeekInputs(week: monday, unit: nil, operation: "AFG-ALL", for: WeekPlanners.planner).claims.isEmpty)
        }
    }

    @Test("Booking a week: each choice through the single booking's checks; a claim changed meanwhile and a time taken are skipped, with why", arguments: TestDatabases.kinds)
    func bookWeek(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await store(database)
            try await InterviewEstate.write(store, interpreterDailyMaximum: 4, dmDailyMaximum: 2, declaredDays: InterviewEstate.weekDays)
            var claims: [Claim] = []
            for n in 0..<4 { claims.append(try await InterviewEstate.waitingClaim(store, n)) }
            let inputs = try await store.interviewWeekInputs(week: InterviewEstate.weekMonday, unit: nil, operation: nil, for: WeekPlanners.planner)
            let version = Dictionary(uniqueKeysWithValues: inputs.claims.map { ($0.reference, $0.version) })
            let choices = [
                InterviewWeekChoice(claim: claims[0].reference, version: version[claims[0].reference]!, slot: InterviewEstate.slot(day: 0, start: 570, dm: "dm.gla")),
                InterviewWeekChoice(claim: claims[1].reference, version: version[claims[1].reference]!, slot: InterviewEstate.slot(day: 0, start: 810, dm: "dm2.gla")),
                InterviewWeekChoice(claim: claims[2].reference, version: version[claims[2].reference]!, slot: InterviewEstate.slot(day: 1, start: 570, dm: "dm.gla")),
                InterviewWeekChoice(claim: claims[3].reference, version: version[claims[3].reference]!, slot: InterviewEstate.slot(day: 2, start: 570, dm: "dm2.gla")),
            ]
            // The store's own checks, as the planner's page runs them before booking: all four pass.
            #expect(inputs.problems(with: choices).allSatisfy { $0.isEmpty })

            // Meanwhile: claim 1 gets a note, and someone books claim 3's time for another claim from its page.
            _ = try await store.perform(.addNote(NoteText(text: "Called the representative")), on: claims[1].reference, expectedVersion: claims[1].version, by: Staff.registrar, reason: nil)
            let other = try await InterviewEstate.waitingClaim(store, 7)
            let taken = BookInterviewInput(date: "2023-11-08", start: "09:30", room: "GLA-1", interpreter: "INT-TIG", decisionMaker: "dm.gla", method: "post")
            _ = try await store.bookInterview(taken, on: other.reference, expectedVersion: other.version, by: Staff.registrar)

            do {
                _ = try await store.bookWeek(choices, reason: "  ", by: WeekPlanners.planner)
                Issue.record("A week was booked without a reason")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["reason"])
            }
            await #expect(throws: AccessDenied.self) { _ = try await store.bookWeek(choices, reason: "Weekly booking", by: Staff.decisionMaker) }
            #expect(try await database.read { try await $0.query("SELECT claim_reference FROM interviews WHERE claim_reference <> ?", [.text(other.reference.rawValue)]) }.isEmpty)

            let result = try await store.bookWeek(choices, reason: "Weekly booking for Glasgow", by: WeekPlanners.planner)
            #expect(result.booked.map(\.claim) == [claims[0].reference, claims[2].reference])
            #expect(result.booked.allSatisfy { $0.number == 1 } && result.booked.map(\.slot) == [choices[0].slot, choices[2].slot])
            #expect(result.skipped.map(\.claim) == [claims[1].reference, claims[3].reference])
            #expect(result.skipped[0].why.hasPrefix("Changed since the schedule was made (version \(version[claims[1].reference]!), now \(version[claims[1].reference]! + 1))"))
            #expect(result.skipped[1].why.contains("already booked at that time"))

            // Booked exactly as a single booking is: the interview, its invitation, the reason on the event; nothing for the skipped.
            for claim in [claims[0], claims[2]] {
                let recorded = try await store.interviews(of: claim.reference, for: Staff.decisionMaker)
                #expect(recorded.interviews.map(\.status) == ["booked"] && recorded.letters.map(\.letter.kind) == [.interviewInvitation])
                let events = try await store.events(of: claim.reference, for: Staff.decisionMaker)
                #expect(events.last?.reason == "Week's interview schedule: Weekly booking for Glasgow" && events.last?.actor == WeekPlanners.planner)
            }
            for claim in [claims[1], claims[3]] {
                #expect(try await store.interviews(of: claim.reference, for: Staff.decisionMaker).interviews.isEmpty)
            }
            let audit = try await database.read { try await $0.query("SELECT detail FROM audit_log WHERE action = 'interviews.week-booked'") }
            #expect(audit.map { $0["detail"].string ?? "" } == ["2 interviews booked, 2 skipped: Weekly booking for Glasgow"])

            // Booked claims no longer wait; the skipped ones still do, at their new versions.
            let after = try await store.interviewWeekInputs(week: InterviewEstate.weekMonday, unit: nil, operation: nil, for: WeekPlanners.planner)
            #expect(after.claims.map(\.reference) == [claims[1].reference, claims[3].reference])
            #expect(after.booked.count == 3)
            let snapshot = try await store.projectionSnapshot()
            try await store.rebuildProjections()
            #expect(try await store.projectionSnapshot() == snapshot)
        }
    }
}
