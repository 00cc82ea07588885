import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API for the interview estate (locations, rooms and their weekly slots, the interpreter register) and
/// decision makers' own declared availability (8.66–8.81, 8.80).
///
/// - `GET  /api/v1/interview-locations?includeClosed=` — every location, with its rooms' weekly capacity
/// - `POST /api/v1/interview-locations` — add one (`AccessPolicy.interviewResourceKeepers`)
/// - `GET  /api/v1/interview-locations/{code}`, `PUT` — one location with its rooms and history; replace it (or close it)
/// - `GET  /api/v1/interview-rooms?location=&includeClosed=`, `POST`, `GET`/`PUT /api/v1/interview-rooms/{code}` — rooms
/// - `GET  /api/v1/interpreters?language=&dialect=&location=&includeClosed=`, `POST`, `GET`/`PUT /api/v1/interpreters/{code}`
/// - `GET  /api/v1/interview-availability?from=&to=&unit=` — the caller's own declarations, or a unit's
/// - `POST /api/v1/interview-availability` — declare days (for oneself only)
/// - `DELETE /api/v1/interview-availability/{date}?reason=` — withdraw a future day
struct InterviewResourcesAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// Every operation, once: registered by `addRoutes`, compared with the OpenAPI document by a test.
    static let endpoints: [APIEndpoint<Self>] = [
        .get("/api/v1/interview-locations") { $0.listLocations },
        .post("/api/v1/interview-locations") { $0.createLocation },
        .get("/api/v1/interview-locations/{code}") { $0.location },
        .put("/api/v1/interview-locations/{code}") { $0.updateLocation },
        .get("/api/v1/interview-rooms") { $0.listRooms },
        .post("/api/v1/interview-rooms") { $0.createRoom },
        .get("/api/v1/interview-rooms/{code}") { $0.room },
        .put("/api/v1/interview-rooms/{code}") { $0.updateRoom },
        .get("/api/v1/interpreters") { $0.listInterpreters },
        .post("/api/v1/interpreters") { $0.createInterpreter },
        .get("/api/v1/interpreters/{code}") { $0.interpreter },
        .put("/api/v1/interpreters/{code}") { $0.updateInterpreter },
        .get("/api/v1/interview-availability") { $0.listAvailability },
        .post("/api/v1/interview-availability") { $0.declare },
        .delete("/api/v1/interview-availability/{date}") { $0.withdraw },
    ]

    /// The routes, in OpenAPI form.
    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    // MARK: Locations

    @Sendable func listLocations(_ request: Request, context: Context) async throws -> Response {
        let estate = try await store.interviewEstate(for: try context.requireIdentity().actor)
        let includeClosed = try Self.flag(request, "includeClosed")
        return try json(estate.locations.filter { includeClosed || $0.active }.map { InterviewLocationDTO($0, rooms: estate.rooms(at: $0.code), history: nil) })
    }

    @Sendable func createLocation(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let data = try await APIRequestBody.data(request, context: context)
        let input = try APIRequestBody.decode(InterviewLocationInput.self, from: data)
        let location = try await store.createInterviewLocation(input, by: actor, reason: try Self.reason(data))
        return try await locationResponse(location.code, actor: actor, status: .created)
    }

    @Sendable func location(_ request: Request, context: Context) async throws -> Response {
        try await locationResponse(try Self.code(context), actor: try context.requireIdentity().actor, status: .ok)
    }

    @Sendable func updateLocation(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let code = try Self.code(context)
        let data = try await APIRequestBody.data(request, context: context)
        let input = try APIRequestBody.decode(InterviewLocationInput.self, from: data)
        let reason = try Self.reason(data)
        return try await found {
            let location = try await store.updateInterviewLocation(code, to: input, by: actor, reason: reason)
            return try await locationResponse(location.code, actor: actor, status: .ok)
        }
    }

    private func locationResponse(_ code: String, actor: Actor, status: HTTPResponse.Status) async throws -> Response {
        try await found {
            let location = try await store.interviewLocation(code, for: actor)
            let rooms = try await store.interviewEstate(for: actor).rooms(at: location.code)
            let history = try await store.interviewResourceHistory(.location, code: location.code, for: actor)
            return try json(InterviewLocationDTO(location, rooms: rooms, history: history), status: status)
        }
    }

    // MARK: Rooms

    @Sendable func listRooms(_ request: Request, context: Context) async throws -> Response {
        let estate = try await store.interviewEstate(for: try context.requireIdentity().actor)
        let includeClosed = try Self.flag(request, "includeClosed")
        let location = request.uri.queryParameters["location"].map { String($0).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        if let location, !estate.locations.contains(where: { $0.code == location }) {
            throw APIError.badRequest(field: "location", message: "No interview location has the code \(location.prefix(40))")
        }
        let rooms = estate.rooms.filter { (includeClosed || $0.active) && (location == nil || $0.location == location) }
        return try json(rooms.map { InterviewRoomDTO($0, history: nil) })
    }

    @Sendable func createRoom(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let data = try await APIRequestBody.data(request, context: context)
        let input = try APIRequestBody.decode(InterviewRoomInput.self, from: data)
        let room = try await store.createInterviewRoom(input, by: actor, reason: try Self.reason(data))
        return try await roomResponse(room.code, actor: actor, status: .created)
    }

    @Sendable func room(_ request: Request, context: Context) async throws -> Response {
        try await roomResponse(try Self.code(context), actor: try context.requireIdentity().actor, status: .ok)
    }

    @Sendable func updateRoom(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let code = try Self.code(context)
        let data = try await APIRequestBody.data(request, context: context)
        let input = try APIRequestBody.decode(InterviewRoomInput.self, from: data)
        let reason = try Self.reason(data)
        return try await found {
            let room = try await store.updateInterviewRoom(code, to: input, by: actor, reason: reason)
            return try await roomResponse(room.code, actor: actor, status: .ok)
        }
    }

    private func roomResponse(_ code: String, actor: Actor, status: HTTPResponse.Status) async throws -> Response {
        try await found {
            let room = try await store.interviewRoom(code, for: actor)
            let history = try await store.interviewResourceHistory(.room, code: room.code, for: actor)
            return try json(InterviewRoomDTO(room, history: history), status: status)
        }
    }

    // MARK: Interpreters

    @Sendable func listInterpreters(_ request: Request, context: Context) async throws -> Response {
        let estate = try await store.interviewEstate(for: try context.requireIdentity().actor)
        let parameters = request.uri.queryParameters
        let includeClosed = try Self.flag(request, "includeClosed")
        var wanted: InterpreterLanguage?
        if let text = parameters["language"].map(String.init), !text.isEmpty {
            let dialect = parameters["dialect"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            guard let language = InterviewEstatePolicy.language(text, dialect: dialect) else {
                throw APIError.badRequest(field: dialect == nil ? "language" : "dialect", message: "'\(text.prefix(40))\(dialect.map { " (\($0.prefix(40)))" } ?? "")' is not a language and dialect on the language list")
            }
            wanted = language
        }
        let location = parameters["location"].map { String($0).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        let interpreters = estate.interpreters.filter { interpreter in
            (includeClosed || interpreter.active)
                && (wanted.map { need in interpreter.languages.contains { $0.serves(need) } } ?? true)
                && (location.map { interpreter.remote || interpreter.locations.contains($0) } ?? true)
        }
        return try json(interpreters.map { InterpreterDTO($0, history: nil) })
    }

    @Sendable func createInterpreter(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let data = try await APIRequestBody.data(request, context: context)
        let input = try APIRequestBody.decode(InterpreterInput.self, from: data)
        let interpreter = try await store.createInterpreter(input, by: actor, reason: try Self.reason(data))
        return try await interpreterResponse(interpreter.code, actor: actor, status: .created)
    }

    @Sendable func interpreter(_ request: Request, context: Context) async throws -> Response {
        try await interpreterResponse(try Self.code(context), actor: try context.requireIdentity().actor, status: .ok)
    }

    @Sendable func updateInterpreter(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let code = try Self.code(context)
        let data = try await APIRequestBody.data(request, context: context)
        let input = try APIRequestBody.decode(InterpreterInput.self, from: data)
        let reason = try Self.reason(data)
        return try await found {
            let interpreter = try await store.updateInterpreter(code, to: input, by: actor, reason: reason)
            return try await interpreterResponse(interpreter.code, actor: actor, status: .ok)
        }
    }

    private func interpreterResponse(_ code: String, actor: Actor, status: HTTPResponse.Status) async throws -> Response {
        try await found {
            let interpreter = try await store.interpreter(code, for: actor)
            let history = try await store.interviewResourceHistory(.interpreter, code: interpreter.code, for: actor)
            return try json(InterpreterDTO(interpreter, history: history), status: status)
        }
    }

    // MARK: Declared availability

    @Sendable func listAvailability(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let parameters = request.uri.queryParameters
        let today = store.clock.now().date
        func day(_ name: String, default value: LocalDate) throws -> LocalDate {
            guard let text = parameters[Substring(name)].map(String.init), !text.isEmpty else { return value }
            guard let date = LocalDate(iso: text) else { throw APIError.badRequest(field: name, message: "\(name) must be a real date, YYYY-MM-DD") }
            return date
        }
        let from = try day("from", default: today)
        let to = try day("to", default: from.adding(days: 7 * InterviewEstatePolicy.availabilityWeeksShown - 1))
        guard from <= to else { throw APIError.badRequest(field: "to", message: "to must be the same as or after from (\(from.iso))") }
        guard from.days(until: to) <= 366 else { throw APIError.badRequest(field: "to", message: "Ask for at most 366 days at a time") }
        let entries: [AvailabilityEntry]
        if let unit = parameters["unit"].map(String.init), !unit.isEmpty {
            guard try await store.units().contains(where: { $0.code.rawValue == unit }) else { throw APIError.notFound("No unit has the code \(unit.prefix(40)).") }
            entries = try await store.unitAvailability(UnitID(unit), from: from, to: to, for: actor)
        } else if AccessPolicy.availabilityDeclarers.contains(actor.role) {
            entries = try await store.ownAvailability(from: from, to: to, for: actor)
        } else {
            entries = try await store.unitAvailability(actor.unit, from: from, to: to, for: actor)
        }
        return try json(entries.map(AvailabilityDTO.init))
    }

    @Sendable func declare(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let data = try await APIRequestBody.data(request, context: context)
        let input = try APIRequestBody.decode(AvailabilityInput.self, from: data)
        let declared = try await store.declareAvailability(input, by: identity.actor, reason: try Self.reason(data))
        let entries = try await store.ownAvailability(from: declared.map(\.date).min() ?? store.clock.now().date, to: declared.map(\.date).max() ?? store.clock.now().date, for: identity.actor)
        let dates = Set(declared.map(\.date))
        return try json(entries.filter { dates.contains($0.declaration.date) }.map(AvailabilityDTO.init), status: .created)
    }

    @Sendable func withdraw(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        guard let date = context.parameters.get("date").flatMap(LocalDate.init(iso:)) else {
            throw APIError.notFound("A declared day is named by its date, YYYY-MM-DD.")
        }
        let reason = request.uri.queryParameters["reason"].map(String.init)
        return try await found {
            let withdrawn = try await store.withdrawAvailability(on: date, by: actor, reason: reason)
            return try json(WithdrawnAvailabilityDTO(withdrawn))
        }
    }

    // MARK: Helpers

    /// Runs `body`, answering 404 when the location, room, interpreter or declaration does not exist.
    private func found(_ body: () async throws -> Response) async throws -> Response {
        do { return try await body() } catch let missing as InterviewResourceNotFound { throw APIError.notFound(missing.message) }
    }

    private static func code(_ context: Context) throws -> String {
        let text = (context.parameters.get("code") ?? "").uppercased()
        guard InterviewEstatePolicy.isWellFormedCode(text) else { throw APIError.notFound("'\(text.prefix(40))' is not a code of the interview estate.") }
        return text
    }

    private static func flag(_ request: Request, _ name: String) throws -> Bool {
        guard let text = request.uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else { return false }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.badRequest(field: name, message: "\(name) must be true or false")
        }
    }

    private static func reason(_ data: Data) throws -> String? { try APIRequestBody.decode(ReasonBody.self, from: data).reason }

    private struct ReasonBody: Decodable { let reason: String? }
}

// MARK: Wire types

/// A weekday on the wire: "monday".
private func weekdayName(_ day: Weekday) -> String { day.name.lowercased() }

extension RecordChangeDTO {
    /// One entry of an interview resource's history.
    init(_ change: InterviewResourceChange) {
        self.init(type: change.type, at: change.at, actor: change.actor, actorRole: change.actorRole, changes: change.lines, reason: change.reason)
    }
}

/// A room's slot on the wire.
struct RoomSlotDTO: Encodable {
    let weekday: String
    let start: String
    let end: String
    let minutes: Int

    init(_ slot: RoomSlot) {
        weekday = weekdayName(slot.weekday)
        start = InterviewResourceRules.clockTime(slot.start)
        end = InterviewResourceRules.clockTime(slot.end)
        minutes = slot.minutes
    }
}

/// A room as the API shows it.
struct InterviewRoomDTO: Encodable {
    let code: String
    let location: String
    let name: String
    let childSuitable: Bool
    let stepFree: Bool
    let weeklySlots: [RoomSlotDTO]
    let slotsPerWeek: Int
    let minutesPerWeek: Int
    let active: Bool
    let history: [RecordChangeDTO]?

    init(_ room: InterviewRoom, history: [InterviewResourceChange]?) {
        code = room.code
        location = room.location
        name = room.name
        childSuitable = room.childSuitable
        stepFree = room.stepFree
        weeklySlots = room.weeklySlots.map(RoomSlotDTO.init)
        slotsPerWeek = room.weeklySlots.count
        minutesPerWeek = room.weeklySlots.reduce(0) { $0 + $1.minutes }
        active = room.active
        self.history = history?.map(RecordChangeDTO.init)
    }
}

/// A location as the API shows it, with its rooms' weekly capacity (rooms in use only).
struct InterviewLocationDTO: Encodable {
    let code: String
    let name: String
    let address: String
    let latitude: Double
    let longitude: Double
    let openDays: [String]
    let active: Bool
    let roomsInUse: Int
    let slotsPerWeek: Int
    let rooms: [InterviewRoomDTO]?
    let history: [RecordChangeDTO]?

    /// `rooms` are the location's; they are listed only with `history` (a single location).
    init(_ location: InterviewLocation, rooms: [InterviewRoom], history: [InterviewResourceChange]?) {
        code = location.code
        name = location.name
        address = location.address
        latitude = location.point.latitude
        longitude = location.point.longitude
        openDays = location.openDays.map(weekdayName)
        active = location.active
        let inUse = rooms.filter(\.active)
        roomsInUse = inUse.count
        slotsPerWeek = inUse.reduce(0) { $0 + $1.weeklySlots.count }
        self.rooms = history == nil ? nil : rooms.map { InterviewRoomDTO($0, history: nil) }
        self.history = history?.map(RecordChangeDTO.init)
    }
}

/// An interpreter as the API shows them.
struct InterpreterDTO: Encodable {
    struct LanguageDTO: Encodable {
        let language: String
        let dialect: String?
        let name: String
        let shortSupply: Bool
    }

    let code: String
    let name: String
    let languages: [LanguageDTO]
    let locations: [String]
    let remote: Bool
    let days: [String]
    let dailyMaximum: Int
    let active: Bool
    let history: [RecordChangeDTO]?

    init(_ interpreter: Interpreter, history: [InterviewResourceChange]?) {
        code = interpreter.code
        name = interpreter.name
        languages = interpreter.languages.map {
            LanguageDTO(language: $0.language, dialect: $0.dialect, name: InterviewEstatePolicy.languageText($0), shortSupply: InterviewEstatePolicy.isShortSupply($0))
        }
        locations = interpreter.locations
        remote = interpreter.remote
        days = interpreter.days.map(weekdayName)
        dailyMaximum = interpreter.dailyMaximum
        active = interpreter.active
        self.history = history?.map(RecordChangeDTO.init)
    }
}

/// A declared day as the API shows it.
struct AvailabilityDTO: Encodable {
    let username: String
    let displayName: String
    let unit: String
    let date: String
    let weekday: String
    let location: String
    let dailyMaximum: Int
    let declaredAt: String

    init(_ entry: AvailabilityEntry) {
        username = entry.declaration.staff.rawValue
        displayName = entry.displayName
        unit = entry.unit.rawValue
        date = entry.declaration.date.iso
        weekday = weekdayName(entry.declaration.date.weekday)
        location = entry.declaration.location
        dailyMaximum = entry.declaration.dailyMaximum
        declaredAt = entry.declaredAt.iso
    }
}

/// The day withdrawn.
struct WithdrawnAvailabilityDTO: Encodable {
    let username: String
    let date: String
    let location: String
    let dailyMaximum: Int
    let withdrawn: Bool

    init(_ declaration: DeclaredAvailability) {
        username = declaration.staff.rawValue
        date = declaration.date.iso
        location = declaration.location
        dailyMaximum = declaration.dailyMaximum
        withdrawn = true
    }
}
