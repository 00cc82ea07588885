import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `InterviewEstate` (Glasgow with one room of two slots a day, a Tigrinya interpreter; Croydon with no room), the API
/// fixture's two Glasgow decision makers declaring Friday 3 November 2023, and two interviews that day, booked through
/// the store: the first cancelled for an interpreter problem, the second still booked.
enum InterviewViewsWebFixture {
    static let friday = LocalDate(year: 2023, month: 11, day: 3)!
    static let booker = Actor(staff: "ao.gla", role: .administrativeOfficer, unit: "DMU-GLA")

    /// The claims booked, first and second.
    static func make(_ fixture: APIFixture) async throws -> [ClaimReference] {
        let store = fixture.store
        try await InterviewEstate.write(store, addStaff: false, decisionMakers: ["dm.gla", "dm.gla2"], declaredDays: [friday])
        var references: [ClaimReference] = []
        for (given, family) in [("Selam", "Tesfay"), ("Yonas", "Haile")] {
            var input = RegistrationInput()
            input.mainApplicant = PersonInput(givenNames: given, familyName: family, dateOfBirth: "1990-01-01", sex: "female", nationality: "ERI")
            input.dateOfClaim = "2022-09-14"
            input.languages = [LanguageInput(language: "tigrinya")]
            let registered = try await store.register(try input.validated(today: LocalDate(year: 2023, month: 10, day: 27)!).facts, resolution: nil, by: booker)
            let claim = try await store.recordInterviewNeeds(
                InterviewNeedsInput(homeArea: "Glasgow", language: "tigrinya"), on: registered.reference, expectedVersion: registered.version, by: booker
            )
            let option = try #require(try await store.interviewOptions(for: claim.reference, by: booker).options.first)
            _ = try await store.bookInterview(
                BookInterviewInput(
                    date: option.slot.date.iso, start: InterviewResourceRules.clockTime(option.slot.start), room: option.slot.room,
                    interpreter: option.slot.interpreter, decisionMaker: option.slot.decisionMaker.rawValue, method: "post"
                ),
                on: claim.reference, expectedVersion: claim.version, by: booker
            )
            references.append(claim.reference)
        }
        _ = try await store.recordInterviewOutcome(
            InterviewOutcomeInput(outcome: "cancelled", cancellationReason: "interpreter-wrong-language", cancelledBy: "interpreter-supplier"), interview: 1,
            on: references[0], expectedVersion: 3, by: booker
        )
        return references
    }
}

@Suite("The interview views' API, through the real router on both stores")
struct InterviewViewsAPITests {
    struct Diary: Decodable {
        struct Day: Decodable {
            struct Entry: Decodable {
                let claim: String
                let claimantName: String
                let start: String
                let end: String
                let locationName: String
                let roomName: String
                let interpreterName: String?
                let languageName: String?
                let status: String
                let statusTitle: String
            }
            let date: String
            let interviews: [Entry]
        }
        let unit: String
        let from: String
        let to: String
        let total: Int
        let days: [Day]
    }

    struct Capacity: Decodable {
        struct Location: Decodable {
            let code: String
            let slotsOffered: Int
            let slotsBooked: Int
            let slotsReleased: Int
            let slotsFree: Int
        }
        struct Language: Decodable {
            let language: String
            let name: String
            let interviewSupply: Int
            let bookedThisWeek: Int
            let shortfall: Int
        }
        let week: String
        let workingDays: [String]
        let locations: [Location]
        let languages: [Language]
        let declaredMaximum: Int
    }

    struct Outcomes: Decodable {
        struct Tally: Decodable {
            struct Status: Decodable {
                let status: String
                let count: Int
                let percentOfAll: Double
                let percentOfOutcomes: Double?
            }
            let total: Int
            let withOutcome: Int
            let statuses: [Status]
        }
        struct Reference: Decodable {
            struct Line: Decodable {
                let label: String
                let reportPercent: Double
                let count: Int
                let percent: Double
            }
            let reportTotal: Int
            let lines: [Line]
        }
        struct Week: Decodable {
            let week: String
            let monday: String
        }
        struct Cancellations: Decodable {
            let total: Int
            let interpreterProblems: Int
            let interpreterShare: Double
            let reportedInterpreterShare: Double
        }
        let overall: Tally
        let reference: Reference
        let byWeek: [Week]
        let cancellations: Cancellations
    }

    @Test("Diary, capacity and outcome rates as JSON, with the figures the store gives", arguments: TestDatabases.kinds)
    func views(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            let claims = try await InterviewViewsWebFixture.make(fixture)
            try await fixture.app().test(.router) { client in
                let diaryResponse = try await client.execute(
                    uri: "/api/v1/units/DMU-GLA/interview-diary?from=2023-11-03&to=2023-11-03", method: .get, headers: fixture.headers("ao.gla")
                )
                #expect(diaryResponse.status == .ok)
                let diary = try decode(Diary.self, diaryResponse.body)
                #expect(diary.unit == "DMU-GLA" && diary.from == "2023-11-03" && diary.to == "2023-11-03" && diary.total == 2)
                let entries = try #require(diary.days.first?.interviews)
                #expect(entries.map(\.claim) == claims.map(\.rawValue) && entries.map(\.start) == ["09:30", "13:30"] && entries.map(\.end) == ["11:30", "15:30"])
                #expect(entries.map(\.status) == ["cancelled", "booked"] && entries.map(\.statusTitle) == ["Cancelled", "Booked"])
                #expect(entries[0].claimantName == "Selam Tesfay" && entries[0].locationName == "Glasgow" && entries[0].roomName == "Room 1")
                #expect(entries[0].interpreterName == "Tesfay" && entries[0].languageName == "Tigrinya")
                // The default is this week, Monday to Friday (the fixture's clock says Friday 27 October 2023).
                let thisWeek = try decode(Diary.self, try await client.execute(uri: "/api/v1/units/DMU-GLA/interview-diary", method: .get, headers: fixture.headers("dm.gla")).body)
                #expect(thisWeek.from == "2023-10-23" && thisWeek.to == "2023-10-27" && thisWeek.days.count == 5 && thisWeek.total == 0)

                let capacity = try decode(Capacity.self, try await client.execute(uri: "/api/v1/interview-capacity?week=2023-10-30", method: .get, headers: fixture.headers("mi.one")).body)
                #expect(capacity.week == "2023-10-30" && capacity.workingDays.count == 5 && capacity.declaredMaximum == 2)
                #expect(capacity.locations.map(\.code) == ["CROYDON", "GLASGOW"])
                let glasgow = try #require(capacity.locations.last)
                #expect(glasgow.code == "GLASGOW" && glasgow.slotsOffered == 10 && glasgow.slotsBooked == 1 && glasgow.slotsReleased == 1 && glasgow.slotsFree == 9)
                #expect(capacity.languages.map(\.language) == ["tigrinya"] && capacity.languages[0].name == "Tigrinya")
                #expect(capacity.languages[0].interviewSupply == 10 && capacity.languages[0].bookedThisWeek == 1 && capacity.languages[0].shortfall == 0)

                let outcomes = try decode(Outcomes.self, try await client.execute(
                    uri: "/api/v1/interview-outcomes?from=2023-11-01&to=2023-11-30", method: .get, headers: fixture.headers("tl.gla")
                ).body)
                #expect(outcomes.overall.total == 2 && outcomes.overall.withOutcome == 1)
                let cancelled = try #require(outcomes.overall.statuses.first { $0.status == "cancelled" })
                let booked = try #require(outcomes.overall.statuses.first { $0.status == "booked" })
                #expect(cancelled.count == 1 && cancelled.percentOfOutcomes == 100 && cancelled.percentOfAll == 50)
                #expect(booked.count == 1 && booked.percentOfOutcomes == nil && booked.percentOfAll == 50)
                #expect(outcomes.reference.reportTotal == 70_010 && outcomes.reference.lines.map(\.reportPercent) == [62.75, 15.63, 18.50, 2.83, 0.25, 0.04])
                #expect(outcomes.reference.lines.map(\.count) == [0, 1, 0, 0, 0, 0] && outcomes.reference.lines[1].percent == 100)
                #expect(outcomes.byWeek.map(\.week) == ["2023-W44"] && outcomes.byWeek.map(\.monday) == ["2023-10-30"])
                #expect(outcomes.cancellations.total == 1 && outcomes.cancellations.interpreterProblems == 1 && outcomes.cancellations.interpreterShare == 100)
                #expect(outcomes.cancellations.reportedInterpreterShare == 40)
            }
        }
    }

    @Test("Bad dates and weeks are problem documents naming the field; other units and other roles get 403", arguments: TestDatabases.kinds)
    func refusals(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                func get(_ uri: String, _ user: String) async throws -> TestResponse {
                    try await client.execute(uri: uri, method: .get, headers: fixture.headers(user))
                }
                let invalid: [(String, String, String)] = [
                    ("/api/v1/units/DMU-GLA/interview-diary?from=2023-13-01", "from", "real date"),
                    ("/api/v1/units/DMU-GLA/interview-diary?from=2023-11-10&to=2023-11-03", "to", "on or after"),
                    ("/api/v1/units/DMU-GLA/interview-diary?from=2023-11-01&to=2023-12-15", "to", "at most 31 days"),
                    ("/api/v1/interview-capacity?week=2023-11-01", "week", "Wednesday"),
                    ("/api/v1/interview-capacity?week=nope", "week", "YYYY-MM-DD"),
                    ("/api/v1/interview-capacity?week=2031-01-06", "week", "2018 to 2028"),
                    ("/api/v1/interview-outcomes?from=2022-01-01&to=2023-11-30", "to", "at most 366 days"),
                    ("/api/v1/interview-outcomes?unit=DMU%20GLA", "unit", "unit code"),
                ]
                for (uri, field, words) in invalid {
                    let response = try await get(uri, "ao.gla")
                    #expect(response.status == .unprocessableContent, "\(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let problem = try decode(Problem.self, response.body)
                    #expect(problem.errors.map(\.field) == [field] && problem.errors[0].message.contains(words), "\(uri): \(problem.errors)")
                }
                let forbidden: [(String, String)] = [
                    ("/api/v1/units/DMU-GLA/interview-diary", "dm.lee"),
                    ("/api/v1/units/DMU-GLA/interview-diary", "sg.hub"),
                    ("/api/v1/interview-capacity?unit=DMU-GLA", "dm.lee"),
                    ("/api/v1/interview-capacity", "sg.hub"),
                    ("/api/v1/interview-outcomes?unit=DMU-LEE", "ao.gla"),
                    ("/api/v1/interview-outcomes", "sg.hub"),
                ]
                for (uri, user) in forbidden {
                    let response = try await get(uri, user)
                    #expect(response.status == .forbidden, "\(uri) as \(user)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
                #expect(try await client.execute(uri: "/api/v1/interview-outcomes", method: .get).status == .unauthorized)
                #expect(try await get("/api/v1/units/DMU-LEE/interview-diary", "mi.one").status == .ok)
            }
        }
    }
}
