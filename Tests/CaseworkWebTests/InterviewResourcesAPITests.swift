import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
@testable import CaseworkWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A store with the people of the interview-resource tests, behind the real router, with an API token and a password
/// for each. Today is Friday 27 October 2023, 09:00.
struct ResourceWebFixture {
    static let today = LocalDate(year: 2023, month: 10, day: 27)!
    static let password = "correct horse battery"
    static let planner = Actor(staff: "wp.nwf", role: .workflowPlanner, unit: "NWF")
    static let leader = Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA")
    static let otherLeader = Actor(staff: "tl.lee", role: .teamLeader, unit: "DMU-LEE")
    static let dm = Actor(staff: "dm.gla", role: .decisionMaker, unit: "DMU-GLA")
    static let decider = Actor(staff: "dm.dec", role: .decisionMaker, unit: "DMU-GLA")
    static let officer = Actor(staff: "ao.gla", role: .administrativeOfficer, unit: "DMU-GLA")
    static let safeguarding = Actor(staff: "sg.hub", role: .safeguardingHub, unit: "SAFEGUARDING-HUB")
    static let everyone = [planner, leader, otherLeader, dm, decider, officer, safeguarding]

    let store: CaseworkStore
    let tokens: [String: String]

    static func make(_ database: any SQLDatabase) async throws -> ResourceWebFixture {
        let store = CaseworkStore(database: database, clock: FixedClock(Instant(startOf: today).adding(milliseconds: 9 * 3_600_000)))
        try await store.migrate()
        for code in ["DMU-GLA", "DMU-LEE", "NWF", "SAFEGUARDING-HUB"] { try await store.saveUnit(CaseworkUnit(code: UnitID(code), name: "Unit \(code)", kind: "dmu")) }
        let hash = PasswordHasher(cost: 4).hash(password)
        var tokens: [String: String] = [:]
        for actor in everyone {
            try await store.addStaff(StaffMember(username: actor.staff, displayName: "Name of \(actor.staff.rawValue)", role: actor.role, unit: actor.unit), passwordHash: hash)
            tokens[actor.staff.rawValue] = try await store.createAPIToken(name: "test", for: actor.staff)
        }
        try await store.updateStaffProfile(dm.staff, to: StaffProfileInput(trainedFor: "both", startDate: "2022-01-10", fte: "1"), by: planner, reason: nil)
        try await store.updateStaffProfile(decider.staff, to: StaffProfileInput(trainedFor: "decisions", startDate: "2022-01-10", fte: "1"), by: planner, reason: nil)
        try await store.addStaffAbsence(dm.staff, StaffAbsenceInput(firstDay: "2023-11-01", lastDay: "2023-11-01", kind: "annual-leave"), by: leader, reason: nil)
        return ResourceWebFixture(store: store, tokens: tokens)
    }

    /// Glasgow (Monday to Thursday) with one room, through the store.
    func writeGlasgow() async throws {
        try await store.createInterviewLocation(
            InterviewLocationInput(code: "GLASGOW", name: "Festival Court, Glasgow", address: "200 Brand Street\nGlasgow G51 1DH", latitude: "55.8555", longitude: "-4.3003", openDays: ["Monday", "Tuesday", "Wednesday", "Thursday"]),
            by: Self.planner, reason: nil
        )
        try await store.createInterviewRoom(
            InterviewRoomInput(code: "GLASGOW-1", location: "GLASGOW", name: "Interview room 1", childSuitable: false, stepFree: true, weeklySlots: RoomSlotInput.lines("Monday 09:30 135\nMonday 13:15 135")),
            by: Self.planner, reason: nil
        )
    }

    func app() async throws -> some ApplicationProtocol {
        Application(router: try await buildRouter(store: store, configuration: WebConfiguration(secureCookies: false, passwordHasher: PasswordHasher(cost: 4))))
    }

    func headers(_ actor: Actor) -> HTTPFields {
        [.authorization: "Bearer \(tokens[actor.staff.rawValue]!)", .contentType: "application/json"]
    }
}

private func json(_ buffer: ByteBuffer) throws -> Any { try JSONSerialization.jsonObject(with: Data(String(buffer: buffer).utf8)) }
private func object(_ buffer: ByteBuffer) throws -> [String: Any] { try json(buffer) as? [String: Any] ?? [:] }
private func array(_ buffer: ByteBuffer) throws -> [[String: Any]] { try json(buffer) as? [[String: Any]] ?? [] }
private func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

/// The fields a problem document names, after checking it is one.
private func problemFields(_ response: TestResponse, status: HTTPResponse.Status = .unprocessableContent) throws -> [String] {
    #expect(response.status == status)
    #expect(response.headers[.contentType] == "application/problem+json")
    let problem = try object(response.body)
    #expect(problem["status"] as? Int == Int(status.code))
    return (problem["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
}

@Suite("The interview estate and declared availability through the JSON API")
struct InterviewResourcesAPITests {
    @Test("Every operation is in the OpenAPI document")
    func documented() {
        let routes = Set(InterviewResourcesAPIController.routes)
        #expect(routes.count == 15)
        #expect(routes.isSubset(of: OpenAPIDocument.operations))
        #expect(routes.isSubset(of: OpenAPIDocument.registeredRoutes))
        #expect(OpenAPIDocument.text.contains("    InterviewLocationInput:") && OpenAPIDocument.text.contains("    DeclaredAvailability:"))
    }

    @Test("Locations: added, read with rooms and history, closed and reopened; problems named by field as problem+json", arguments: TestDatabases.kinds)
    func locations(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await ResourceWebFixture.make(database)
            try await fixture.app().test(.router) { client in
                let planner = fixture.headers(ResourceWebFixture.planner)
                let created = try await client.execute(uri: "/api/v1/interview-locations", method: .post, headers: planner, body: body("""
                    {"code": "croydon", "name": "Lunar House, Croydon", "address": "40 Wellesley Road\\nCroydon CR9 2BY", "latitude": 51.3759, "longitude": "-0.0958",
                     "openDays": ["monday", "tuesday", "wednesday", "thursday", "friday"], "reason": "The main centre"}
                    """))
                #expect(created.status == .created)
                let location = try object(created.body)
                #expect(location["code"] as? String == "CROYDON" && location["latitude"] as? Double == 51.3759 && location["longitude"] as? Double == -0.0958)
                #expect(location["openDays"] as? [String] == ["monday", "tuesday", "wednesday", "thursday", "friday"])
                let history = location["history"] as? [[String: Any]] ?? []
                #expect(history.count == 1 && history.first?["type"] as? String == "created" && history.first?["reason"] as? String == "The main centre")
                #expect(history.first?["actor"] as? String == "wp.nwf" && history.first?["actorRole"] as? String == "workflow-planner")

                // Problems, each named by its field.
                let bad = try await client.execute(uri: "/api/v1/interview-locations", method: .post, headers: planner, body: body("""
                    {"code": "2BAD", "name": "", "address": "x", "latitude": "north", "longitude": -200, "openDays": ["Saturday", "Funday"]}
                    """))
                #expect(try problemFields(bad) == ["code", "name", "latitude", "longitude", "openDays[0]", "openDays[1]"])
                let duplicate = try await client.execute(uri: "/api/v1/interview-locations", method: .post, headers: planner, body: body("""
                    {"code": "CROYDON", "name": "Again", "address": "x", "latitude": 51.4, "longitude": -0.1, "openDays": ["Monday"]}
                    """))
                #expect(try problemFields(duplicate) == ["code"])
                let wrongType = try await client.execute(uri: "/api/v1/interview-locations", method: .post, headers: planner, body: body(#"{"code": "X1", "openDays": "Monday"}"#))
                #expect(try problemFields(wrongType) == ["openDays"])
                let notJSON = try await client.execute(uri: "/api/v1/interview-locations", method: .post, headers: planner, body: body("code=X1"))
                #expect(try problemFields(notJSON) == ["body"])

                // Who may.
                let refused = try await client.execute(uri: "/api/v1/interview-locations", method: .post, headers: fixture.headers(ResourceWebFixture.leader), body: body(#"{"code": "LEEDS"}"#))
                #expect(try problemFields(refused, status: .forbidden).isEmpty)
                #expect(try await client.execute(uri: "/api/v1/interview-locations", method: .get, headers: fixture.headers(ResourceWebFixture.safeguarding)).status == .forbidden)
                #expect(try await client.execute(uri: "/api/v1/interview-locations", method: .get).status == .unauthorized)
                #expect(try await client.execute(uri: "/api/v1/interview-locations/NOWHERE", method: .get, headers: planner).status == .notFound)
                #expect(try await client.execute(uri: "/api/v1/interview-locations/not%20a%20code", method: .get, headers: planner).status == .notFound)

                // Closed: kept, out of the default list.
                let closed = try await client.execute(uri: "/api/v1/interview-locations/croydon", method: .put, headers: planner, body: body("""
                    {"name": "Lunar House, Croydon", "address": "40 Wellesley Road\\nCroydon CR9 2BY", "latitude": 51.3759, "longitude": -0.0958,
                     "openDays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], "active": false, "reason": "Refurbishment"}
                    """))
                #expect(closed.status == .ok)
                let closedBody = try object(closed.body)
                #expect(closedBody["active"] as? Bool == false && (closedBody["history"] as? [[String: Any]])?.first?["type"] as? String == "closed")
                let reader = fixture.headers(ResourceWebFixture.officer)
                #expect(try array(try await client.execute(uri: "/api/v1/interview-locations", method: .get, headers: reader).body).isEmpty)
                #expect(try array(try await client.execute(uri: "/api/v1/interview-locations?includeClosed=true", method: .get, headers: reader).body).count == 1)
                #expect(try problemFields(try await client.execute(uri: "/api/v1/interview-locations?includeClosed=maybe", method: .get, headers: reader)) == ["includeClosed"])
                let renamed = try await client.execute(uri: "/api/v1/interview-locations/CROYDON", method: .put, headers: planner, body: body(#"{"code": "LUNAR"}"#))
                #expect(try problemFields(renamed).first == "code")
                #expect(try await client.execute(uri: "/api/v1/interview-locations/NOWHERE", method: .put, headers: planner, body: body(#"{"name": "x"}"#)).status == .notFound)
            }
        }
    }

    @Test("Rooms and interpreters: weekly slots and languages checked field by field; filters by location and language", arguments: TestDatabases.kinds)
    func roomsAndInterpreters(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await ResourceWebFixture.make(database)
            try await fixture.writeGlasgow()
            try await fixture.app().test(.router) { client in
                let planner = fixture.headers(ResourceWebFixture.planner)
                let overlapping = try await client.execute(uri: "/api/v1/interview-rooms", method: .post, headers: planner, body: body("""
                    {"code": "GLASGOW-2", "location": "GLASGOW", "name": "Room 2", "weeklySlots": [
                      {"weekday": "monday", "start": "09:30", "minutes": 135}, {"weekday": "monday", "start": "10:00", "minutes": 60},
                      {"weekday": "friday", "start": "9:30", "minutes": "long"}]}
                    """))
                #expect(try problemFields(overlapping) == ["weeklySlots[2].minutes", "weeklySlots"])
                let closedDay = try await client.execute(uri: "/api/v1/interview-rooms", method: .post, headers: planner, body: body("""
                    {"code": "GLASGOW-2", "location": "GLASGOW", "name": "Room 2", "weeklySlots": [{"weekday": "friday", "start": "09:30", "minutes": 135}]}
                    """))
                #expect(try problemFields(closedDay) == ["weeklySlots[0].weekday"])
                let room = try await client.execute(uri: "/api/v1/interview-rooms", method: .post, headers: planner, body: body("""
                    {"code": "GLASGOW-2", "location": "glasgow", "name": "Long room", "childSuitable": true, "stepFree": true,
                     "weeklySlots": [{"weekday": "tuesday", "start": "09:30", "minutes": 270}, {"weekday": "Wed", "start": "09:30", "minutes": "270"}]}
                    """))
                #expect(room.status == .created)
                let roomBody = try object(room.body)
                #expect(roomBody["slotsPerWeek"] as? Int == 2 && roomBody["minutesPerWeek"] as? Int == 540 && roomBody["childSuitable"] as? Bool == true)
                #expect((roomBody["weeklySlots"] as? [[String: Any]])?.first?["end"] as? String == "14:00")
                let rooms = try array(try await client.execute(uri: "/api/v1/interview-rooms?location=GLASGOW", method: .get, headers: fixture.headers(ResourceWebFixture.dm)).body)
                #expect(rooms.map { $0["code"] as? String } == ["GLASGOW-1", "GLASGOW-2"])
                #expect(try problemFields(try await client.execute(uri: "/api/v1/interview-rooms?location=NOWHERE", method: .get, headers: planner)) == ["location"])
                let location = try object(try await client.execute(uri: "/api/v1/interview-locations/GLASGOW", method: .get, headers: planner).body)
                #expect(location["roomsInUse"] as? Int == 2 && location["slotsPerWeek"] as? Int == 4 && (location["rooms"] as? [Any])?.count == 2)

                let interpreter = try await client.execute(uri: "/api/v1/interpreters", method: .post, headers: planner, body: body("""
                    {"code": "INT-0001", "name": "Shilan Ahmed", "languages": [{"language": "Kurdish", "dialect": "Sorani"}, {"language": "arabic", "dialect": "iraqi"}],
                     "locations": ["GLASGOW"], "remote": true, "days": ["Monday", "Tuesday"], "dailyMaximum": 2}
                    """))
                #expect(interpreter.status == .created)
                let languages = try object(interpreter.body)["languages"] as? [[String: Any]] ?? []
                #expect(languages.map { $0["language"] as? String } == ["arabic", "kurdish"] && languages.map { $0["dialect"] as? String } == ["iraqi", "sorani"])
                #expect(languages.map { $0["name"] as? String } == ["Arabic (Iraqi)", "Kurdish (Sorani)"] && languages.map { $0["shortSupply"] as? Bool } == [false, true])
                let bad = try await client.execute(uri: "/api/v1/interpreters", method: .post, headers: planner, body: body("""
                    {"code": "INT-0002", "name": "X", "languages": [{"language": "Kurdish", "dialect": "Scouse"}], "locations": ["NOWHERE"], "days": ["Monday"], "dailyMaximum": 9}
                    """))
                #expect(try problemFields(bad) == ["languages[0].dialect", "dailyMaximum"])
                let unknownPlace = try await client.execute(uri: "/api/v1/interpreters", method: .post, headers: planner, body: body("""
                    {"code": "INT-0002", "name": "X", "languages": [{"language": "Tigrinya"}], "locations": ["NOWHERE"], "days": ["Monday"], "dailyMaximum": 1}
                    """))
                #expect(try problemFields(unknownPlace) == ["locations[0]"])
                let reader = fixture.headers(ResourceWebFixture.officer)
                #expect(try array(try await client.execute(uri: "/api/v1/interpreters?language=kurdish", method: .get, headers: reader).body).count == 1)
                #expect(try array(try await client.execute(uri: "/api/v1/interpreters?language=Kurdish&dialect=Badini", method: .get, headers: reader).body).isEmpty)
                #expect(try problemFields(try await client.execute(uri: "/api/v1/interpreters?language=Klingon", method: .get, headers: reader)) == ["language"])
                let one = try object(try await client.execute(uri: "/api/v1/interpreters/int-0001", method: .get, headers: reader).body)
                #expect(one["remote"] as? Bool == true && one["days"] as? [String] == ["monday", "tuesday"] && (one["history"] as? [Any])?.count == 1)
                let stopped = try await client.execute(uri: "/api/v1/interpreters/INT-0001", method: .put, headers: planner, body: body("""
                    {"name": "Shilan Ahmed", "languages": [{"language": "Kurdish", "dialect": "Sorani"}], "locations": ["GLASGOW"], "remote": true, "days": ["Monday"], "dailyMaximum": 2, "active": false}
                    """))
                #expect(try object(stopped.body)["active"] as? Bool == false)
                #expect(try array(try await client.execute(uri: "/api/v1/interpreters", method: .get, headers: reader).body).isEmpty)
                #expect(try await client.execute(uri: "/api/v1/interview-rooms", method: .post, headers: fixture.headers(ResourceWebFixture.dm), body: body("{}")).status == .forbidden)
            }
        }
    }

    @Test("Declared availability: one's own days declared and withdrawn; a unit's read by its managers; every refusal named", arguments: TestDatabases.kinds)
    func availability(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await ResourceWebFixture.make(database)
            try await fixture.writeGlasgow()
            try await fixture.store.createInterviewLocation(
                InterviewLocationInput(code: "LEEDS", name: "Leeds", address: "Leeds LS1", latitude: "53.796", longitude: "-1.5479", openDays: ["1", "2", "3", "4", "5"]),
                by: ResourceWebFixture.planner, reason: nil
            )
            try await fixture.app().test(.router) { client in
                let dm = fixture.headers(ResourceWebFixture.dm)
                let declared = try await client.execute(uri: "/api/v1/interview-availability", method: .post, headers: dm, body: body("""
                    {"dates": ["2023-10-30", "2023-10-31"], "location": "GLASGOW", "dailyMaximum": 2}
                    """))
                #expect(declared.status == .created)
                let days = try array(declared.body)
                #expect(days.map { $0["date"] as? String } == ["2023-10-30", "2023-10-31"] && days.map { $0["weekday"] as? String } == ["monday", "tuesday"])
                #expect(days.first?["username"] as? String == "dm.gla" && days.first?["dailyMaximum"] as? Int == 2 && days.first?["unit"] as? String == "DMU-GLA")

                let refused = try await client.execute(uri: "/api/v1/interview-availability", method: .post, headers: dm, body: body("""
                    {"dates": ["2023-10-28", "2023-11-01", "2023-11-03", "yesterday"], "location": "GLASGOW", "dailyMaximum": "7"}
                    """))
                #expect(try problemFields(refused) == ["dailyMaximum", "dates[0]", "dates[1]", "dates[2]", "dates[3]"])
                let problem = try object(refused.body)
                let messages = (problem["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
                #expect(messages[2].hasPrefix("You are recorded as away on Wednesday 1 November 2023"))
                #expect(messages[3] == "Festival Court, Glasgow is not open on Fridays (it is open Monday to Thursday)")
                #expect(try await client.execute(uri: "/api/v1/interview-availability", method: .post, headers: fixture.headers(ResourceWebFixture.leader), body: body(#"{"dates": ["2023-10-30"], "location": "GLASGOW", "dailyMaximum": 1}"#)).status == .forbidden)
                #expect(try await client.execute(uri: "/api/v1/interview-availability", method: .post, headers: fixture.headers(ResourceWebFixture.decider), body: body(#"{"dates": ["2023-10-30"], "location": "GLASGOW", "dailyMaximum": 1}"#)).status == .forbidden)

                // Reading: one's own; the unit's for its team leader; not another unit's.
                let own = try array(try await client.execute(uri: "/api/v1/interview-availability?from=2023-10-27&to=2023-11-10", method: .get, headers: dm).body)
                #expect(own.count == 2)
                let leader = fixture.headers(ResourceWebFixture.leader)
                let unit = try array(try await client.execute(uri: "/api/v1/interview-availability", method: .get, headers: leader).body)
                #expect(unit.map { $0["displayName"] as? String } == ["Name of dm.gla", "Name of dm.gla"])
                #expect(try await client.execute(uri: "/api/v1/interview-availability?unit=DMU-LEE", method: .get, headers: leader).status == .forbidden)
                #expect(try await client.execute(uri: "/api/v1/interview-availability?unit=DMU-GLA", method: .get, headers: fixture.headers(ResourceWebFixture.otherLeader)).status == .forbidden)
                #expect(try await client.execute(uri: "/api/v1/interview-availability?unit=NOWHERE", method: .get, headers: leader).status == .notFound)
                #expect(try array(try await client.execute(uri: "/api/v1/interview-availability?unit=DMU-GLA", method: .get, headers: fixture.headers(ResourceWebFixture.planner)).body).count == 2)
                #expect(try problemFields(try await client.execute(uri: "/api/v1/interview-availability?from=27-10-2023", method: .get, headers: dm)) == ["from"])
                #expect(try problemFields(try await client.execute(uri: "/api/v1/interview-availability?from=2023-11-01&to=2023-10-01", method: .get, headers: dm)) == ["to"])

                // Withdrawing a future day; not today, not a day not declared.
                let withdrawn = try await client.execute(uri: "/api/v1/interview-availability/2023-10-31?reason=Course", method: .delete, headers: dm)
                #expect(withdrawn.status == .ok)
                #expect(try object(withdrawn.body)["withdrawn"] as? Bool == true)
                #expect(try await client.execute(uri: "/api/v1/interview-availability/2023-10-31", method: .delete, headers: dm).status == .notFound)
                #expect(try await client.execute(uri: "/api/v1/interview-availability/31-10-2023", method: .delete, headers: dm).status == .notFound)
                _ = try await client.execute(uri: "/api/v1/interview-availability", method: .post, headers: dm, body: body(#"{"dates": ["2023-10-27"], "location": "LEEDS", "dailyMaximum": 1}"#))
                #expect(try problemFields(try await client.execute(uri: "/api/v1/interview-availability/2023-10-27", method: .delete, headers: dm)) == ["date"])
                let history = try await fixture.store.availabilityHistory(of: ResourceWebFixture.dm.staff, for: ResourceWebFixture.leader)
                #expect(history.map(\.type) == ["declared", "withdrawn", "declared", "declared"] && history[1].reason == "Course")
            }
        }
    }
}
