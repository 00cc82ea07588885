@testable import CaseworkStore
import CaseworkDomain
import CaseworkSimulation
import CaseworkTestSupport
import Testing

/// People keeping the estate and declaring availability in the resource store tests. Today is Friday 27 October 2023.
private enum Keepers {
    static let planner = Actor(staff: "wp.nwf", role: .workflowPlanner, unit: "NWF")
    static let admin = Actor(staff: "admin.one", role: .administrator, unit: "PLATFORM")
    static let leader = Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA")
    static let otherLeader = Actor(staff: "tl.lee", role: .teamLeader, unit: "DMU-LEE")
    static let officer = Actor(staff: "ao.gla", role: .administrativeOfficer, unit: "DMU-GLA")
    static let safeguarding = Actor(staff: "sg.hub", role: .safeguardingHub, unit: "SAFEGUARDING-HUB")
    /// Trained for both: may declare.
    static let dm = Actor(staff: "dm.gla.1", role: .decisionMaker, unit: "DMU-GLA")
    /// Trained for decisions only: may not.
    static let decider = Actor(staff: "dm.gla.2", role: .decisionMaker, unit: "DMU-GLA")
    /// No training recorded: may, as for next claim.
    static let unrecorded = Actor(staff: "dm.gla.3", role: .decisionMaker, unit: "DMU-GLA")
    static let leedsDM = Actor(staff: "dm.lee.1", role: .decisionMaker, unit: "DMU-LEE")
}

/// A store with units, staff (training recorded as above) and an absence for the decision maker on 6 November 2023.
private func resourceStore(_ database: any SQLDatabase) async throws -> CaseworkStore {
    let store = try await makeStore(database)
    for code in ["DMU-GLA", "DMU-LEE", "NWF", "PLATFORM", "SAFEGUARDING-HUB"] { try await store.saveUnit(CaseworkUnit(code: UnitID(code), name: code, kind: "dmu")) }
    let people = [Keepers.planner, Keepers.admin, Keepers.leader, Keepers.otherLeader, Keepers.officer, Keepers.safeguarding, Keepers.dm, Keepers.decider, Keepers.unrecorded, Keepers.leedsDM]
    for actor in people {
        try await store.addStaff(StaffMember(username: actor.staff, displayName: "Name of \(actor.staff.rawValue)", role: actor.role, unit: actor.unit), passwordHash: "x")
    }
    for (actor, training) in [(Keepers.dm, "both"), (Keepers.decider, "decisions"), (Keepers.leedsDM, "interviews")] {
        try await store.updateStaffProfile(actor.staff, to: StaffProfileInput(trainedFor: training, startDate: "2022-01-10", fte: "1"), by: Keepers.planner, reason: nil)
    }
    try await store.addStaffAbsence(Keepers.dm.staff, StaffAbsenceInput(firstDay: "2023-11-06", lastDay: "2023-11-06", kind: "annual-leave"), by: Keepers.leader, reason: nil)
    return store
}

/// Glasgow (Monday to Thursday) and Leeds (Monday to Friday), with a room in Glasgow.
private func estate(_ store: CaseworkStore) async throws {
    try await store.createInterviewLocation(glasgow, by: Keepers.planner, reason: "New centre")
    try await store.createInterviewLocation(
        InterviewLocationInput(code: "LEEDS", name: "Leeds", address: "Waterside, Leeds", latitude: "53.7930", longitude: "-1.5380", openDays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        by: Keepers.planner, reason: nil
    )
    try await store.createInterviewRoom(
        InterviewRoomInput(code: "GLA-1", location: "GLASGOW", name: "Room 1", childSuitable: true, stepFree: true, weeklySlots: RoomSlotInput.lines("Monday 09:30 135\nMonday 13:15 135\nTuesday 09:30 270")),
        by: Keepers.planner, reason: nil
    )
}

private let glasgow = InterviewLocationInput(
    code: "glasgow", name: "Festival Court, Glasgow", address: "200 Brand Street\nGlasgow G51 1DH", latitude: "55.8555", longitude: "-4.3000",
    openDays: ["Monday", "tuesday", "Wed", "4"]
)

private func fields(_ body: () async throws -> Void) async -> [String] {
    do {
        try await body()
        return []
    } catch let failure as ValidationFailure {
        return failure.errors.map(\.field)
    } catch {
        return ["unexpected: \(error)"]
    }
}

private func messages(_ body: () async throws -> Void) async -> [String] {
    do {
        try await body()
        return []
    } catch let failure as ValidationFailure {
        return failure.errors.map(\.message)
    } catch {
        return ["unexpected: \(error)"]
    }
}

private func count(_ store: CaseworkStore, _ sql: String) async throws -> Int {
    try await store.database.read { try await $0.queryFirst(sql)?["n"].int ?? -1 }
}

@Suite("Interview estate and declared availability, on both stores")
struct InterviewResourceStoreTests {
    @Test("Locations: every field checked by name; codes unique and upper-cased; nothing written when refused", arguments: TestDatabases.kinds)
    func locations(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await resourceStore(database)
            let created = try await store.createInterviewLocation(glasgow, by: Keepers.planner, reason: "New centre")
            #expect(created.code == "GLASGOW" && created.openDays == [.monday, .tuesday, .wednesday, .thursday] && created.active)
            #expect(created.point == GeoPoint(latitude: 55.8555, longitude: -4.3))
            #expect(try await store.interviewLocations() == [created])

            var input = glasgow
            #expect(await fields { try await store.createInterviewLocation(input, by: Keepers.planner, reason: nil) } == ["code"])
            input.code = "GLASGOW 2"
            input.name = " "
            input.address = String(repeating: "a", count: 301)
            input.latitude = "-4.3"
            input.longitude = "55.86"
            input.openDays = ["Saturday", "Funday"]
            #expect(await fields { try await store.createInterviewLocation(input, by: Keepers.planner, reason: nil) } == ["code", "name", "address", "latitude", "longitude", "openDays[0]", "openDays[1]"])
            input = glasgow
            input.code = "G2"
            input.latitude = "north"
            input.longitude = nil
            input.openDays = []
            let refused = await messages { try await store.createInterviewLocation(input, by: Keepers.planner, reason: nil) }
            #expect(refused.count == 3 && refused[0].contains("decimal degrees") && refused[1].contains("Enter the longitude") && refused[2].contains("at least one day"))
            #expect(await fields { try await store.createInterviewLocation(glasgow, by: Keepers.planner, reason: String(repeating: "r", count: 2_001)) } == ["reason"])
            // A swapped pair is named for what it probably is.
            input = glasgow
            input.code = "SWAPPED"
            (input.latitude, input.longitude) = ("-0.0958", "51.3759")
            #expect(await messages { try await store.createInterviewLocation(input, by: Keepers.planner, reason: nil) }.allSatisfy { $0.contains("not swapped") })
            #expect(try await store.interviewLocations(includeInactive: true).map(\.code) == ["GLASGOW"])
            #expect(try await count(store, "SELECT COUNT(*) AS n FROM resource_changes") == 1)
        }
    }

    @Test("Rooms: known open location, slots on its open days, on the grid, inside the day and not overlapping", arguments: TestDatabases.kinds)
    func rooms(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await resourceStore(database)
            try await estate(store)
            let room = try await store.interviewRoom("gla-1", for: Keepers.officer)
            #expect(room.weeklySlots == [RoomSlot(weekday: .monday, start: 570, minutes: 135), RoomSlot(weekday: .monday, start: 795, minutes: 135), RoomSlot(weekday: .tuesday, start: 570, minutes: 270)])
            #expect(room.childSuitable && room.stepFree && room.location == "GLASGOW")

            func attempt(_ slots: String, code: String = "GLA-2", location: String = "GLASGOW") async -> [String] {
                await fields {
                    try await store.createInterviewRoom(InterviewRoomInput(code: code, location: location, name: "Room 2", weeklySlots: RoomSlotInput.lines(slots)), by: Keepers.planner, reason: nil)
                }
            }
            #expect(await attempt("Monday 09:30 135", code: "GLA-1") == ["code"])
            #expect(await attempt("Monday 09:30 135", location: "NOWHERE") == ["location"])
            #expect(await attempt("") == ["weeklySlots"])
            #expect(await attempt("Funday 09:30 135\nMonday 9.30 135\nTuesday 10:00 two") == ["weeklySlots[0].weekday", "weeklySlots[1].start", "weeklySlots[2].minutes"])
            // Overlap, off the five-minute grid, too short, too late, at a weekend: each by the domain's slot rules.
            #expect(await attempt("Monday 09:30 135\nMonday 11:00 60") == ["weeklySlots"])
            #expect(await attempt("Monday 09:32 135") == ["weeklySlots"])
            #expect(await attempt("Monday 09:30 20") == ["weeklySlots"])
            #expect(await attempt("Monday 17:30 120") == ["weeklySlots"])
            #expect(await attempt("Saturday 09:30 135").contains("weeklySlots"))
            // Glasgow is closed on Fridays.
            let closedDay = await messages {
                try await store.createInterviewRoom(InterviewRoomInput(code: "GLA-2", location: "GLASGOW", name: "Room 2", weeklySlots: RoomSlotInput.lines("Friday 09:30 135")), by: Keepers.planner, reason: nil)
            }
            #expect(closedDay == ["Friday 09:30: Festival Court, Glasgow is not open on Fridays (it is open Monday to Thursday)"])
            #expect(try await store.interviewRooms().map(\.code) == ["GLA-1"])
        }
    }

    @Test("Interpreters: languages and dialects from the list, stored by code with their index rows; locations known; a daily maximum from 1 to 6", arguments: TestDatabases.kinds)
    func interpreters(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await resourceStore(database)
            try await estate(store)
            let input = InterpreterInput(
                code: "int-0001", name: "Shilan Ahmed", languages: InterpreterLanguageInput.lines("Kurdish (Sorani)\nkurdish kurmanji\nArabic: Iraqi"), locations: ["glasgow"],
                remote: false, days: ["Monday", "Tuesday"], dailyMaximum: "2"
            )
            let interpreter = try await store.createInterpreter(input, by: Keepers.admin, reason: nil)
            #expect(interpreter.languages == [
                InterpreterLanguage(language: "arabic", dialect: "iraqi"), InterpreterLanguage(language: "kurdish", dialect: "kurmanji"), InterpreterLanguage(language: "kurdish", dialect: "sorani"),
            ])
            #expect(interpreter.canServe(InterpreterLanguage(language: "kurdish", dialect: "sorani"), at: "GLASGOW", on: .monday))
            #expect(!interpreter.canServe(InterpreterLanguage(language: "kurdish", dialect: "badini"), at: "GLASGOW", on: .monday))
            #expect(try await store.interpreters() == [interpreter])
            #expect(try await count(store, "SELECT COUNT(*) AS n FROM interpreter_languages WHERE interpreter = 'INT-0001'") == 3)

            // A change rewrites the language rows and keeps the whole record in `data`.
            var change = InterpreterInput(interpreter)
            change.languages = [InterpreterLanguageInput(language: "Tigrinya")]
            change.remote = true
            change.locations = []
            let changed = try await store.updateInterpreter("INT-0001", to: change, by: Keepers.admin, reason: "Retrained")
            #expect(changed.languages == [InterpreterLanguage(language: "tigrinya")] && changed.remote && changed.locations.isEmpty)
            #expect(try await store.database.read { try await $0.query("SELECT language, dialect FROM interpreter_languages WHERE interpreter = 'INT-0001'") }.map { $0["language"].string } == ["tigrinya"])
            #expect(try await store.interpreter("INT-0001", for: Keepers.dm) == changed)

            func attempt(_ change: (inout InterpreterInput) -> Void) async -> [String] {
                var bad = input
                bad.code = "INT-0002"
                change(&bad)
                return await fields { try await store.createInterpreter(bad, by: Keepers.admin, reason: nil) }
            }
            #expect(await attempt { $0.code = "INT-0001" } == ["code"])
            #expect(await attempt { $0.code = "0002" } == ["code"])
            #expect(await attempt { $0.languages = [] } == ["languages"])
            #expect(await attempt { $0.languages = [InterpreterLanguageInput(language: "Klingon"), InterpreterLanguageInput(language: "Kurdish", dialect: "Scouse")] } == ["languages[0].language", "languages[1].dialect"])
            #expect(await attempt { $0.languages = [InterpreterLanguageInput(language: "Tigrinya", dialect: "Asmara")] } == ["languages[0].dialect"])
            #expect(await attempt { $0.languages = InterpreterLanguageInput.lines("Farsi\nfarsi") } == ["languages[1].language"])
            #expect(await attempt { $0.locations = ["NOWHERE"] } == ["locations[0]"])
            #expect(await attempt { $0.locations = [] } == ["locations"])
            #expect(await attempt { $0.days = ["Sunday"] } == ["days[0]"])
            #expect(await attempt { $0.dailyMaximum = "0" } == ["dailyMaximum"])
            #expect(await attempt { $0.dailyMaximum = "7" } == ["dailyMaximum"])
            #expect(await attempt { $0.dailyMaximum = "two" } == ["dailyMaximum"])
            #expect(await attempt { $0.name = nil; $0.dailyMaximum = nil } == ["name", "dailyMaximum"])
            #expect(try await store.interpreters(includeInactive: true).count == 1)
        }
    }

    @Test("Only planners, operations managers and administrators keep the estate; those who see interviews read it", arguments: TestDatabases.kinds)
    func access(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await resourceStore(database)
            try await estate(store)
            for actor in [Keepers.leader, Keepers.dm, Keepers.officer, Keepers.safeguarding] {
                await #expect(throws: AccessDenied.self) { try await store.createInterviewLocation(glasgow, by: actor, reason: nil) }
                await #expect(throws: AccessDenied.self) { try await store.updateInterviewLocation("GLASGOW", to: glasgow, by: actor, reason: nil) }
                await #expect(throws: AccessDenied.self) { try await store.createInterviewRoom(InterviewRoomInput(code: "X-1"), by: actor, reason: nil) }
                await #expect(throws: AccessDenied.self) { try await store.updateInterviewRoom("GLA-1", to: InterviewRoomInput(), by: actor, reason: nil) }
                await #expect(throws: AccessDenied.self) { try await store.createInterpreter(InterpreterInput(), by: actor, reason: nil) }
                await #expect(throws: AccessDenied.self) { try await store.updateInterpreter("INT-1", to: InterpreterInput(), by: actor, reason: nil) }
            }
            let operationsManager = Actor(staff: "om.any", role: .operationsManager, unit: "NWF")
            #expect(try await store.updateInterviewLocation("GLASGOW", to: glasgow, by: operationsManager, reason: nil).name == "Festival Court, Glasgow")
            await #expect(throws: AccessDenied.self) { try await store.interviewEstate(for: Keepers.safeguarding) }
            await #expect(throws: AccessDenied.self) { try await store.interviewResourceHistory(.location, code: "GLASGOW", for: Keepers.safeguarding) }
            #expect(try await store.interviewEstate(for: Keepers.officer).rooms(at: "GLASGOW").count == 1)
            await #expect(throws: InterviewResourceNotFound.self) { try await store.interviewLocation("NOWHERE", for: Keepers.officer) }
            await #expect(throws: InterviewResourceNotFound.self) { try await store.updateInterviewRoom("NOPE-1", to: InterviewRoomInput(), by: Keepers.planner, reason: nil) }
        }
    }

    @Test("Every change is an append-only history row and an audit entry; an unchanged record writes nothing; codes cannot change", arguments: TestDatabases.kinds)
    func history(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await resourceStore(database)
            try await estate(store)
            var input = glasgow
            input.name = "Glasgow interview centre"
            input.openDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
            try await store.updateInterviewLocation("GLASGOW", to: input, by: Keepers.admin, reason: "Open on Fridays from November")
            try await store.updateInterviewLocation("GLASGOW", to: input, by: Keepers.admin, reason: nil)
            input.code = "GLASGOW-2"
            #expect(await fields { try await store.updateInterviewLocation("GLASGOW", to: input, by: Keepers.admin, reason: nil) } == ["code"])

            let history = try await store.interviewResourceHistory(.location, code: "glasgow", for: Keepers.leader)
            #expect(history.map(\.type) == ["updated", "created"])
            #expect(history[0].lines == ["Name: Festival Court, Glasgow → Glasgow interview centre", "Open: Monday to Thursday → Monday to Friday"])
            #expect(history[0].actor == Keepers.admin.staff && history[0].actorRole == .administrator && history[0].reason == "Open on Fridays from November")
            #expect(history[0].at == store.clock.now())
            #expect(history[1].lines.first == "Created" && history[1].lines.contains("Address: 200 Brand Street, Glasgow G51 1DH") && history[1].reason == "New centre")
            let roomHistory = try await store.interviewResourceHistory(.room, code: "GLA-1", for: Keepers.leader)
            #expect(roomHistory.count == 1 && roomHistory[0].lines.contains("Weekly slots: Mon 09:30 135, Mon 13:15 135, Tue 09:30 270"))

            // The rows themselves: kind, code, type, payload with before and after, actor, role, time.
            let rows = try await store.database.read {
                try await $0.query("SELECT kind, code, type, payload, actor, actor_role FROM resource_changes WHERE kind = 'location' AND code = 'GLASGOW' ORDER BY id")
            }
            #expect(rows.map { $0["type"].string } == ["created", "updated"])
            let payload = try EventCoding.decodeJSON(ResourceChangePayload<InterviewLocation>.self, rows[1]["payload"].string ?? "")
            #expect(payload.before?.name == "Festival Court, Glasgow" && payload.after?.name == "Glasgow interview centre")
            #expect(rows[1]["actor_role"].string == "administrator")
            let audit = try await store.auditTrail(claim: nil).map(\.action)
            #expect(audit.prefix(2) == ["interview-location.updated", "interview-room.created"])
        }
    }

    @Test("Closing: closed locations, rooms and interpreters keep their history and leave the booking reads; an open day still used is not closed", arguments: TestDatabases.kinds)
    func closing(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await resourceStore(database)
            try await estate(store)
            // GLA-1 has Monday and Tuesday slots: Glasgow cannot close on Mondays.
            var input = glasgow
            input.openDays = ["Tuesday", "Wednesday", "Thursday"]
            let refused = await messages { try await store.updateInterviewLocation("GLASGOW", to: input, by: Keepers.planner, reason: nil) }
            #expect(refused == ["Rooms GLA-1 have slots on Mondays; change their slots before closing the location on Mondays"])

            input = glasgow
            input.active = false
            let closed = try await store.updateInterviewLocation("GLASGOW", to: input, by: Keepers.planner, reason: "Lease ended")
            #expect(!closed.active)
            #expect(try await store.interviewLocations().map(\.code) == ["LEEDS"])
            #expect(try await store.interviewLocations(includeInactive: true).map(\.code).sorted() == ["GLASGOW", "LEEDS"])
            // Its room is still in use on paper, but a closed location's rooms take no interviews.
            #expect(try await store.interviewRooms().isEmpty)
            #expect(try await store.interviewRooms(includeInactive: true).count == 1)
            // A room cannot be added there, and a room update that keeps it in use is refused.
            #expect(await fields {
                try await store.createInterviewRoom(InterviewRoomInput(code: "GLA-2", location: "GLASGOW", name: "Room 2", weeklySlots: RoomSlotInput.lines("Monday 09:30 135")), by: Keepers.planner, reason: nil)
            } == ["location"])
            var room = InterviewRoomInput(try await store.interviewRoom("GLA-1", for: Keepers.planner))
            room.active = false
            #expect(try await store.updateInterviewRoom("GLA-1", to: room, by: Keepers.planner, reason: "Centre closed").active == false)
            input.active = nil
            #expect(try await store.updateInterviewLocation("GLASGOW", to: input, by: Keepers.planner, reason: nil).active == false, "active left out keeps it closed")
            input.active = true
            try await store.updateInterviewLocation("GLASGOW", to: input, by: Keepers.planner, reason: "Reopened")
            #expect(try await store.interviewResourceHistory(.location, code: "GLASGOW", for: Keepers.planner).map(\.type) == ["reopened", "closed", "created"])
            #expect(try await store.interviewResourceHistory(.room, code: "GLA-1", for: Keepers.planner).first?.lines == ["Status: in use → out of use"])
        }
    }

    @Test("A decision maker declares their own days: working days, not past, within 120 days, not away, the location open; all or none", arguments: TestDatabases.kinds)
    func declarations(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await resourceStore(database)
            try await estate(store)
            // Monday 30 and Tuesday 31 October 2023 in Glasgow, up to two a day.
            let declared = try await store.declareAvailability(AvailabilityInput(dates: ["2023-10-30", "2023-10-31"], location: "glasgow", dailyMaximum: "2"), by: Keepers.dm, reason: nil)
            #expect(declared == [
                DeclaredAvailability(staff: Keepers.dm.staff, date: LocalDate(year: 2023, month: 10, day: 30)!, location: "GLASGOW", dailyMaximum: 2),
                DeclaredAvailability(staff: Keepers.dm.staff, date: LocalDate(year: 2023, month: 10, day: 31)!, location: "GLASGOW", dailyMaximum: 2),
            ])
            #expect(try await store.declaredAvailability(from: storeToday, to: storeToday.adding(days: 10)) == declared)

            func attempt(_ dates: [String], location: String? = "GLASGOW", maximum: String? = "2", by actor: Actor = Keepers.dm) async -> [String] {
                await messages { try await store.declareAvailability(AvailabilityInput(dates: dates, location: location, dailyMaximum: maximum), by: actor, reason: nil) }
            }
            #expect(await attempt(["2023-10-26"]) == ["Thursday 26 October 2023 is in the past: declare today or a later day"])
            #expect(await attempt(["2023-10-28"]) == ["Saturday 28 October 2023 is not a working day: declare Monday to Friday"])
            #expect(await attempt(["2023-12-25"]) == ["Monday 25 December 2023 is a bank holiday (Christmas Day): declare working days only"])
            #expect(await attempt(["2024-02-26"]) == ["Monday 26 February 2024 is too far ahead: declare days up to 24 February 2024 (120 days)"])
            #expect(await attempt(["2023-11-06"]).first?.hasPrefix("You are recorded as away on Monday 6 November 2023 (annual leave") == true)
            #expect(await attempt(["2023-11-03"]) == ["Festival Court, Glasgow is not open on Fridays (it is open Monday to Thursday)"])
            #expect(await attempt(["2023-31-10"]).first?.contains("not a real date") == true)
            #expect(await attempt([]) == ["Select at least one day you can interview"])
            #expect(await attempt(["2023-11-01"], location: "NOWHERE").first == "No interview location has the code NOWHERE")
            #expect(await attempt(["2023-11-01"], maximum: "7").first?.contains("from 1 to 6") == true)
            // One good day and one bad: neither is written.
            #expect(await fields {
                try await store.declareAvailability(AvailabilityInput(dates: ["2023-11-01", "2023-11-04"], location: "GLASGOW", dailyMaximum: "1"), by: Keepers.dm, reason: nil)
            } == ["dates[1]"])
            #expect(try await store.ownAvailability(from: storeToday, to: storeToday.adding(days: 30), for: Keepers.dm).count == 2)
            // Today itself may be declared (it is a working day).
            #expect(await attempt(["2023-10-27"], location: "LEEDS").isEmpty)

            // Declaring a day again changes it; its history keeps both.
            try await store.declareAvailability(AvailabilityInput(dates: ["2023-10-30"], location: "LEEDS", dailyMaximum: "1"), by: Keepers.dm, reason: "Leeds needs cover")
            let history = try await store.availabilityHistory(of: Keepers.dm.staff, for: Keepers.dm)
            #expect(history.map(\.type) == ["changed", "declared", "declared", "declared"])
            #expect(history[0].lines == ["Changed Monday 30 October 2023 at GLASGOW, up to 2 interviews → Monday 30 October 2023 at LEEDS, up to 1 interview"])
            #expect(history[0].reason == "Leeds needs cover")
            #expect(try await store.auditTrail(claim: nil).first?.action == "interview-availability.changed")
        }
    }

    @Test("Who declares: decision makers trained to interview (or with no training recorded), for themselves; who reads a unit's days", arguments: TestDatabases.kinds)
    func declarers(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await resourceStore(database)
            try await estate(store)
            let input = AvailabilityInput(dates: ["2023-10-30"], location: "GLASGOW", dailyMaximum: "1")
            await #expect(throws: AccessDenied.self) { try await store.declareAvailability(input, by: Keepers.leader, reason: nil) }
            await #expect(throws: AccessDenied.self) { try await store.declareAvailability(input, by: Keepers.planner, reason: nil) }
            do {
                try await store.declareAvailability(input, by: Keepers.decider, reason: nil)
                Issue.record("a decision maker trained for decisions only declared interview availability")
            } catch let denied as AccessDenied {
                #expect(denied.message.contains("trained for decisions only"))
            }
            try await store.declareAvailability(input, by: Keepers.unrecorded, reason: nil)
            try await store.declareAvailability(input, by: Keepers.dm, reason: nil)
            try await store.declareAvailability(AvailabilityInput(dates: ["2023-10-30"], location: "LEEDS", dailyMaximum: "3"), by: Keepers.leedsDM, reason: nil)

            let unit = try await store.unitAvailability("DMU-GLA", from: storeToday, to: storeToday.adding(days: 7), for: Keepers.leader)
            #expect(unit.map(\.declaration.staff) == [Keepers.dm.staff, Keepers.unrecorded.staff] && unit.allSatisfy { $0.unit == "DMU-GLA" })
            #expect(unit.first?.displayName == "Name of dm.gla.1")
            await #expect(throws: AccessDenied.self) { try await store.unitAvailability("DMU-GLA", from: storeToday, to: storeToday, for: Keepers.otherLeader) }
            await #expect(throws: AccessDenied.self) { try await store.unitAvailability("DMU-GLA", from: storeToday, to: storeToday, for: Keepers.safeguarding) }
            await #expect(throws: AccessDenied.self) { try await store.ownAvailability(from: storeToday, to: storeToday, for: Keepers.leader) }
            await #expect(throws: AccessDenied.self) { try await store.availabilityHistory(of: Keepers.dm.staff, for: Keepers.otherLeader) }
            #expect(try await store.unitAvailability("DMU-LEE", from: storeToday, to: storeToday.adding(days: 7), for: Keepers.planner).map(\.declaration.dailyMaximum) == [3])
            #expect(try await store.ownAvailability(from: storeToday, to: storeToday.adding(days: 7), for: Keepers.leedsDM).map(\.declaration.location) == ["LEEDS"])
            #expect(try await store.declaredAvailability(from: storeToday, to: storeToday.adding(days: 7)).count == 3)
        }
    }

    @Test("Withdrawing: one's own future day only, never one with an interview booked; a closed location's days leave the booking read", arguments: TestDatabases.kinds)
    func withdrawals(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await resourceStore(database)
            try await estate(store)
            try await store.declareAvailability(AvailabilityInput(dates: ["2023-10-27", "2023-10-30", "2023-10-31", "2023-11-01"], location: "LEEDS", dailyMaximum: "2"), by: Keepers.dm, reason: nil)
            let monday = LocalDate(year: 2023, month: 10, day: 30)!
            let withdrawn = try await store.withdrawAvailability(on: monday, by: Keepers.dm, reason: "Training course")
            #expect(withdrawn.date == monday && withdrawn.location == "LEEDS")
            #expect(await fields { try await store.withdrawAvailability(on: storeToday, by: Keepers.dm, reason: nil) } == ["date"])
            await #expect(throws: InterviewResourceNotFound.self) { try await store.withdrawAvailability(on: monday, by: Keepers.dm, reason: nil) }
            await #expect(throws: AccessDenied.self) { try await store.withdrawAvailability(on: monday, by: Keepers.leader, reason: nil) }
            await #expect(throws: InterviewResourceNotFound.self) { try await store.withdrawAvailability(on: monday, by: Keepers.unrecorded, reason: nil) }

            // An interview booked with them on Tuesday: the day stays, and its location cannot change under it.
            try await store.database.transaction { connection in
                try await connection.execute(
                    "INSERT INTO interviews (claim_reference, number, owning_unit, kind, date, start_minute, minutes, location, room, decision_maker, status, booked_at, booked_by, invitation_date) VALUES ('CW-0000001', 1, 'DMU-GLA', 'substantive', '2023-10-31', 570, 120, 'LEEDS', 'LEE-1', 'dm.gla.1', 'booked', 0, 'ao.gla', '2023-10-27')"
                )
            }
            let tuesday = monday.adding(days: 1)
            #expect(await messages { try await store.withdrawAvailability(on: tuesday, by: Keepers.dm, reason: nil) } == ["You have an interview booked on 31 October 2023; ask for it to be rebooked before withdrawing the day"])
            #expect(await fields {
                try await store.declareAvailability(AvailabilityInput(dates: ["2023-10-31"], location: "GLASGOW", dailyMaximum: "2"), by: Keepers.dm, reason: nil)
            } == ["dates[0]"])
            // Nor can Leeds close while the interview is booked there.
            var leeds = InterviewLocationInput(try await store.interviewLocation("LEEDS", for: Keepers.planner))
            leeds.active = false
            #expect(await fields { try await store.updateInterviewLocation("LEEDS", to: leeds, by: Keepers.planner, reason: nil) } == ["active"])
            // Nor close on Wednesdays while a decision maker has declared one there.
            leeds.active = true
            leeds.openDays = ["Monday", "Tuesday", "Thursday", "Friday"]
            #expect(await messages { try await store.updateInterviewLocation("LEEDS", to: leeds, by: Keepers.planner, reason: nil) }.first?.contains("first 1 November 2023") == true)

            let history = try await store.availabilityHistory(of: Keepers.dm.staff, for: Keepers.leader)
            #expect(history.first?.type == "withdrawn" && history.first?.lines == ["Withdrawn Monday 30 October 2023 at LEEDS, up to 2 interviews"] && history.first?.reason == "Training course")
            #expect(try await store.declaredAvailability(from: storeToday, to: storeToday.adding(days: 7)).map(\.date.iso) == ["2023-10-27", "2023-10-31", "2023-11-01"])
        }
    }
}

@Suite("The demo's interview estate, on both stores")
struct DemoInterviewResourcesTests {
    @Test("The demo estate is written through the store with its history; short-supply languages are short; decision makers declare their own days", arguments: TestDatabases.kinds)
    func demo(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            for code in ["DMU-GLA", "DMU-BEL", "NWF"] { try await store.saveUnit(CaseworkUnit(code: UnitID(code), name: code, kind: "dmu")) }
            let planner = Actor(staff: "demo.planner", role: .workflowPlanner, unit: "NWF")
            let people: [(Actor, String?)] = [
                (planner, nil), (Actor(staff: "demo.dm", role: .decisionMaker, unit: "DMU-GLA"), "both"),
                (Actor(staff: "dm.bel", role: .decisionMaker, unit: "DMU-BEL"), "interviews"), (Actor(staff: "dm.decides", role: .decisionMaker, unit: "DMU-GLA"), "decisions"),
                (Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA"), "both"),
            ]
            for (actor, training) in people {
                try await store.addStaff(StaffMember(username: actor.staff, displayName: actor.staff.rawValue, role: actor.role, unit: actor.unit), passwordHash: "x")
                if let training { try await store.updateStaffProfile(actor.staff, to: StaffProfileInput(trainedFor: training, startDate: "2022-01-10", fte: "1"), by: planner, reason: nil) }
            }
            // The demo decision maker is away on Wednesday 1 November 2023.
            try await store.addStaffAbsence("demo.dm", StaffAbsenceInput(firstDay: "2023-11-01", lastDay: "2023-11-01", kind: "sickness"), by: planner, reason: nil)

            let summary = try await DemoInterviewResources.seed(in: store, by: planner, today: storeToday)
            #expect(summary.locations == DemoInterviewResources.centres.count && summary.locations >= 10)
            #expect(summary.rooms == DemoInterviewResources.centres.reduce(0) { $0 + $1.rooms.count })
            let rooms = try await store.interviewRooms()
            #expect(rooms.count == summary.rooms && rooms.reduce(0) { $0 + $1.weeklySlots.count } == summary.slotsPerWeek)
            // The four room patterns are all there.
            let lengths = Set(rooms.flatMap { $0.weeklySlots.map(\.minutes) })
            #expect(lengths == [60, 135, 165, 270] && rooms.contains { $0.childSuitable } && rooms.contains { !$0.stepFree })
            let locations = try await store.interviewLocations()
            let croydon = try #require(locations.first { $0.code == "CROYDON" })
            #expect(abs(croydon.point.latitude - 51.376) < 0.01 && abs(croydon.point.longitude + 0.096) < 0.01)
            #expect(croydon.point.kilometres(to: try #require(locations.first { $0.code == "GLASGOW" }).point) > 500)

            // Short supply is short; the common languages are several deep.
            let estate = try await store.interviewEstate(for: planner)
            let supply = Dictionary(uniqueKeysWithValues: estate.interpreterSupply.map { ($0.language, $0.interpreters) })
            #expect(summary.interpreters == estate.interpreters.count && estate.interpreters.count >= 40)
            for language in InterviewEstatePolicy.shortSupply {
                #expect((1...2).contains(supply[language] ?? 0), "\(language) should be held by one or two interpreters")
            }
            for common in [InterpreterLanguage(language: "farsi"), InterpreterLanguage(language: "tigrinya"), InterpreterLanguage(language: "arabic", dialect: "sudanese"), InterpreterLanguage(language: "albanian")] {
                #expect((supply[common] ?? 0) >= 4, "\(common) should be several deep")
            }

            // Declarations: the demo decision maker all ten working days but the day away; Belfast's only Tuesday to
            // Thursday; none for the decision maker trained for decisions only, nor for the team leader.
            let declared = try await store.declaredAvailability(from: storeToday, to: storeToday.adding(days: 30))
            let demoDays = declared.filter { $0.staff == "demo.dm" }
            #expect(demoDays.count == 9 && demoDays.allSatisfy { $0.location == "GLASGOW" && $0.dailyMaximum == 2 })
            #expect(demoDays.first?.date.iso == "2023-10-30" && demoDays.last?.date.iso == "2023-11-10" && !demoDays.contains { $0.date.iso == "2023-11-01" })
            #expect(declared.filter { $0.staff == "dm.bel" }.allSatisfy { $0.location == "BELFAST" && [.tuesday, .wednesday, .thursday].contains($0.date.weekday) })
            #expect(!declared.contains { $0.staff == "dm.decides" || $0.staff == "tl.gla" })
            #expect(summary.declaredDays == declared.count)

            // Every record has its history row; seeding again writes nothing new.
            let changes = try await store.database.read { try await $0.queryFirst("SELECT COUNT(*) AS n FROM resource_changes")?["n"].int ?? 0 }
            #expect(changes == summary.locations + summary.rooms + summary.interpreters + summary.declaredDays)
            let again = try await DemoInterviewResources.seed(in: store, by: planner, today: storeToday)
            #expect(again.locations == 0 && again.rooms == 0 && again.interpreters == 0)
            #expect(try await store.database.read { try await $0.queryFirst("SELECT COUNT(*) AS n FROM resource_changes")?["n"].int ?? 0 } == changes)
        }
    }
}
