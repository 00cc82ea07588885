import CaseworkDomain
import CaseworkScheduling
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A week to schedule: the Glasgow estate (one room with two slots a day, a Tigrinya interpreter, dm.gla and dm.gla2
/// declaring every day of the week of Monday 6 November 2023), four Tigrinya speakers and one Kurdish (Badini) speaker
/// waiting for an interview, and a workflow planner who may sign in and use the API.
struct WeekFixture {
    static let monday = LocalDate(year: 2023, month: 11, day: 6)!
    static let registrar = Actor(staff: "ao.gla", role: .administrativeOfficer, unit: "DMU-GLA")
    static let planner = Actor(staff: "planner", role: .workflowPlanner, unit: "NWF")

    let api: APIFixture
    let claims: [Claim]
    let plannerToken: String

    var store: CaseworkStore { api.store }

    static func make(_ database: any SQLDatabase) async throws -> WeekFixture {
        let api = try await APIFixture.make(database)
        let store = api.store
        try await store.saveUnit(CaseworkUnit(code: "NWF", name: "National Workflow", kind: "national"))
        try await store.addStaff(
            StaffMember(username: "planner", displayName: "Priya Planner", role: .workflowPlanner, unit: "NWF"),
            passwordHash: PasswordHasher(cost: 4).hash("correct horse battery")
        )
        let token = try await store.createAPIToken(name: "test", for: "planner")
        try await InterviewEstate.write(store, addStaff: false, decisionMakers: ["dm.gla", "dm.gla2"], declaredDays: (0..<5).map { monday.adding(days: $0) })
        var claims: [Claim] = []
        let today = store.clock.now().date
        for (n, name) in ["Selam", "Ruth", "Senait", "Helen", "Rojin"].enumerated() {
            var input = RegistrationInput()
            input.mainApplicant = PersonInput(givenNames: name, familyName: "Tekle", dateOfBirth: "1990-0\(n + 1)-15", sex: "female", nationality: "ERI")
            input.dateOfClaim = "2022-09-14"
            input.languages = [LanguageInput(language: "tigrinya")]
            let claim = try await store.register(try input.validated(today: today).facts, resolution: nil, by: registrar)
            _ = try await store.perform(.moveStage(to: .screening), on: claim.reference, expectedVersion: 1, by: registrar, reason: nil)
            _ = try await store.perform(.moveStage(to: .workInProgress), on: claim.reference, expectedVersion: 2, by: registrar, reason: nil)
            let kurdish = n == 4
            claims.append(try await store.recordInterviewNeeds(
                InterviewNeedsInput(homeArea: "Glasgow", maximumTravelKm: 40, language: kurdish ? "kurdish" : "tigrinya", dialect: kurdish ? "badini" : nil),
                on: claim.reference, expectedVersion: 3, by: registrar
            ))
        }
        return WeekFixture(api: api, claims: claims, plannerToken: token)
    }

    var plannerHeaders: HTTPFields { [.authorization: "Bearer \(plannerToken)", .contentType: "application/json"] }
}

/// The subset of the API's answer the tests read.
struct ScheduleBody: Decodable {
    struct Booking: Decodable {
        let claim: String
        let date: String
        let start: String
        let room: String
        let interpreter: String?
        let decisionMaker: String
    }
    struct Unbooked: Decodable {
        let claim: String
        let constraint: String
        let explanation: String
    }
    struct Booked: Decodable {
        struct Entry: Decodable { let claim: String; let number: Int }
        struct Skipped: Decodable { let claim: String; let why: String }
        let booked: [Entry]
        let skipped: [Skipped]
    }
    let week: String
    let unit: String?
    let days: [String]
    let earliest: String
    let claimsWaiting: Int
    let bookings: [Booking]
    let unbooked: [Unbooked]
    let booking: Booked?
}

@Suite("A week of interviews scheduled from the database and booked: store and scheduler, the planner's page, the API")
struct InterviewSchedulePageTests {
    @Test("Read, scheduled and booked: every booking passes the store's own checks, a claim changed meanwhile is skipped", arguments: TestDatabases.kinds)
    func scheduleAndBook(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await WeekFixture.make(database)
            let store = fixture.store
            let inputs = try await store.interviewWeekInputs(week: WeekFixture.monday, unit: nil, operation: nil, for: WeekFixture.planner)
            #expect(inputs.claims.count == 5)
            let plan = try InterviewWeekSchedule(inputs).schedule(with: WeekScheduler(timeLimit: .seconds(2)))
            #expect(plan.refused.isEmpty)
            #expect(Set(plan.choices.map(\.claim)) == Set(fixture.claims.prefix(4).map(\.reference)))
            #expect(plan.unbooked.map(\.claim) == [fixture.claims[4].reference.rawValue] && plan.unbooked.first?.constraint == .interpreterLanguage)
            #expect(plan.unbooked.first?.explanation == "No interpreter in Kurdish (Badini) is on the list for the week")
            // The same checks every single booking passes, taken in order as if each were booked.
            #expect(inputs.problems(with: plan.choices).allSatisfy { $0.isEmpty })
            for choice in plan.choices {
                #expect(inputs.days.contains(choice.slot.date) && choice.slot.minutes == 120 && choice.slot.interpreter == "INT-TIG")
                #expect(choice.version == 4)
            }

            // Meanwhile someone adds a note to one of the claims.
            let changed = plan.choices[1].claim
            _ = try await store.perform(.addNote(NoteText(text: "Claimant moved to Paisley")), on: changed, expectedVersion: 4, by: WeekFixture.registrar, reason: nil)

            let result = try await store.bookWeek(plan.choices, reason: "Weekly Glasgow booking", by: WeekFixture.planner)
            #expect(result.booked.count == 3 && result.skipped.map(\.claim) == [changed])
            #expect(result.skipped.first?.why.contains("Changed since the schedule was made (version 4, now 5)") == true)
            let booked = Set(result.booked.map(\.claim))
            for choice in plan.choices where booked.contains(choice.claim) {
                let interviews = try await store.interviews(of: choice.claim, for: WeekFixture.planner)
                #expect(interviews.interviews.map(\.slot) == [choice.slot] && interviews.interviews.first?.status == "booked")
                #expect(interviews.letters.first?.letter.dated == LocalDate(year: 2023, month: 10, day: 27)!)
            }
            #expect(try await store.interviews(of: changed, for: WeekFixture.planner).interviews.isEmpty)
            // Run again: only the changed claim and the Kurdish speaker are still waiting, and nothing booked is offered twice.
            let again = try InterviewWeekSchedule(try await store.interviewWeekInputs(week: WeekFixture.monday, unit: nil, operation: nil, for: WeekFixture.planner))
                .schedule(with: WeekScheduler(timeLimit: .seconds(2)))
            #expect(again.inputs.booked.count == 3 && again.inputs.claims.map(\.reference) == [changed, fixture.claims[4].reference].sorted())
            #expect(again.choices.map(\.claim) == [changed] && again.refused.isEmpty)
            let second = try await store.bookWeek(again.choices, reason: "Weekly Glasgow booking, the rest", by: WeekFixture.planner)
            #expect(second.booked.count == 1 && second.skipped.isEmpty)
        }
    }

    @Test("The planner's page shows the week by day and location and why each claim is not booked; booking needs a reason", arguments: TestDatabases.kinds)
    func plannersPage(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await WeekFixture.make(database)
            try await fixture.api.app().test(.router) { client in
                let planner = try await signIn(client, username: "planner")
                let headers: HTTPFields = [.cookie: planner.cookie, .contentType: "application/x-www-form-urlencoded"]
                let page = try await client.execute(uri: "/planning/interviews", method: .get, headers: headers)
                let html = String(buffer: page.body)
                #expect(page.status == .ok)
                // The first whole week after the earliest date, chosen for them.
                #expect(html.contains(#"value="2023-11-06""#) && html.contains("The week of Monday 6 November 2023"))
                #expect(html.contains("Friday 3 November 2023 (minimum notice)"))
                #expect(html.contains("<strong>4</strong>"))
                #expect(html.contains("Glasgow</caption>"))
                for claim in fixture.claims.prefix(4) { #expect(html.contains(">\(claim.reference.rawValue)</a>")) }
                #expect(html.contains("interpreter-language (1)") && html.contains("No interpreter in Kurdish (Badini) is on the list for the week"))
                #expect(html.contains("Book 4 interviews"))

                let wrongDay = try await client.execute(uri: "/planning/interviews?week=2023-11-07", method: .get, headers: headers)
                let wrongText = String(buffer: wrongDay.body)
                #expect(wrongDay.status == .unprocessableContent && wrongText.contains("govuk-error-summary") && wrongText.contains(##"href="#week""##))
                #expect(wrongText.contains("its Monday is 2023-11-06"))

                let noReason = try await client.execute(uri: "/planning/interviews", method: .post, headers: headers, body: form([
                    ("week", "2023-11-06"), ("unit", ""), ("operation", ""), ("reason", ""), ("csrfToken", planner.csrf),
                ]))
                #expect(noReason.status == .unprocessableContent)
                #expect(String(buffer: noReason.body).contains(##"href="#schedule-reason""##))
                #expect(try await fixture.store.interviews(of: fixture.claims[0].reference, for: WeekFixture.planner).interviews.isEmpty)

                let booked = try await client.execute(uri: "/planning/interviews", method: .post, headers: headers, body: form([
                    ("week", "2023-11-06"), ("unit", "DMU-GLA"), ("operation", ""), ("reason", "Weekly Glasgow booking"), ("csrfToken", planner.csrf),
                ]))
                #expect(booked.status == .seeOther)
                let location = booked.headers[.location] ?? ""
                #expect(location == "/planning/interviews?week=2023-11-06&unit=DMU-GLA&booked=4&skipped=0#result")
                let after = String(buffer: try await client.execute(uri: String(location.prefix { $0 != "#" }), method: .get, headers: headers).body)
                #expect(after.contains("Booked 4 interviews, each with its invitation."))
                // Nothing left to book but the Kurdish speaker, who is still explained.
                #expect(after.contains("No interview can be booked this week") && after.contains("Kurdish (Badini)"))

                // A team leader sees their own unit only; a decision maker may not schedule.
                let leader = try await signIn(client, username: "tl.gla")
                let leaderPage = String(buffer: try await client.execute(uri: "/planning/interviews?week=2023-11-06", method: .get, headers: [.cookie: leader.cookie]).body)
                #expect(leaderPage.contains("DMU-GLA (your unit)") && !leaderPage.contains(#"<select class="govuk-select" id="unit""#))
                let dm = try await signIn(client, username: "dm.gla")
                #expect(try await client.execute(uri: "/planning/interviews", method: .get, headers: [.cookie: dm.cookie]).status == .forbidden)
            }
        }
    }

    @Test("The API: a dry run by default, book: true books with a reason; refusals name the field or the role", arguments: TestDatabases.kinds)
    func api(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await WeekFixture.make(database)
            try await fixture.api.app().test(.router) { client in
                let dry = try await client.execute(
                    uri: "/api/v1/interview-schedule", method: .post, headers: fixture.plannerHeaders, body: ByteBuffer(string: #"{"week":"2023-11-06"}"#)
                )
                #expect(dry.status == .ok)
                let plan = try decode(ScheduleBody.self, dry.body)
                #expect(plan.week == "2023-11-06" && plan.unit == nil && plan.days.count == 5 && plan.earliest == "2023-11-03" && plan.claimsWaiting == 5)
                #expect(plan.bookings.count == 4 && plan.booking == nil)
                #expect(plan.bookings.allSatisfy { $0.room == "GLA-1" && $0.interpreter == "INT-TIG" && ["dm.gla", "dm.gla2"].contains($0.decisionMaker) })
                #expect(plan.unbooked.map(\.constraint) == ["interpreter-language"])
                #expect(try await fixture.store.interviews(of: fixture.claims[0].reference, for: WeekFixture.planner).interviews.isEmpty)

                let noReason = try await client.execute(
                    uri: "/api/v1/interview-schedule", method: .post, headers: fixture.plannerHeaders, body: ByteBuffer(string: #"{"week":"2023-11-06","book":true}"#)
                )
                #expect(noReason.status == .unprocessableContent)
                #expect(try decode(Problem.self, noReason.body).errors.map(\.field) == ["reason"])
                let badWeek = try await client.execute(
                    uri: "/api/v1/interview-schedule", method: .post, headers: fixture.plannerHeaders, body: ByteBuffer(string: #"{"week":"6 November"}"#)
                )
                #expect(badWeek.status == .unprocessableContent)
                #expect(try decode(Problem.self, badWeek.body).errors.map(\.field) == ["week"])
                let otherUnit = try await client.execute(
                    uri: "/api/v1/interview-schedule", method: .post, headers: fixture.api.headers("tl.gla"), body: ByteBuffer(string: #"{"week":"2023-11-06","unit":"DMU-LEE"}"#)
                )
                #expect(otherUnit.status == .forbidden)
                let dm = try await client.execute(
                    uri: "/api/v1/interview-schedule", method: .post, headers: fixture.api.headers("dm.gla"), body: ByteBuffer(string: #"{"week":"2023-11-06"}"#)
                )
                #expect(dm.status == .forbidden)

                let book = try await client.execute(
                    uri: "/api/v1/interview-schedule", method: .post, headers: fixture.api.headers("tl.gla"),
                    body: ByteBuffer(string: #"{"week":"2023-11-06","book":true,"reason":"Team's week"}"#)
                )
                #expect(book.status == .ok)
                let done = try decode(ScheduleBody.self, book.body)
                #expect(done.unit == "DMU-GLA" && done.booking?.booked.count == 4 && done.booking?.skipped.isEmpty == true)
                #expect(Set(done.booking?.booked.map(\.claim) ?? []) == Set(fixture.claims.prefix(4).map(\.reference.rawValue)))
            }
        }
    }
}
