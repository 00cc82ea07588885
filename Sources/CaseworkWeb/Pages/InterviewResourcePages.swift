import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for the interview estate and decision makers' declared availability (8.66–8.81, 8.80).
///
/// - `GET  /interviews/estate` — locations with their rooms and weekly slots, interpreters by language (`AccessPolicy.interviewViewers`)
/// - `GET  /interviews/estate/locations/new`, `POST /interviews/estate/locations` — add a location (`AccessPolicy.interviewResourceKeepers`)
/// - `GET  /interviews/estate/locations/:code`, `POST` — a location, its rooms and history; change it
/// - `GET  /interviews/estate/rooms/new?location=`, `POST /interviews/estate/rooms` — add a room; weekly slots as lines "Monday 09:30 135"
/// - `GET  /interviews/estate/rooms/:code`, `POST` — a room; change it
/// - `GET  /interviews/estate/interpreters/new`, `POST /interviews/estate/interpreters`, `GET`/`POST /interviews/estate/interpreters/:code`
/// - `GET  /interviews/availability?unit=` — one's own declared days and the form to declare more; a unit's declarations
/// - `POST /interviews/availability` — declare days; `POST /interviews/availability/withdraw` — withdraw one
extension PagesController {
    func addInterviewResourceRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.get("interviews/estate", use: estatePage)
        group.get("interviews/estate/locations/new", use: newLocationPage)
        group.post("interviews/estate/locations", use: createLocation)
        group.get("interviews/estate/locations/:code", use: locationPage)
        group.post("interviews/estate/locations/:code", use: changeLocation)
        group.get("interviews/estate/rooms/new", use: newRoomPage)
        group.post("interviews/estate/rooms", use: createRoom)
        group.get("interviews/estate/rooms/:code", use: roomPage)
        group.post("interviews/estate/rooms/:code", use: changeRoom)
        group.get("interviews/estate/interpreters/new", use: newInterpreterPage)
        group.post("interviews/estate/interpreters", use: createInterpreter)
        group.get("interviews/estate/interpreters/:code", use: interpreterPage)
        group.post("interviews/estate/interpreters/:code", use: changeInterpreter)
        group.get("interviews/availability", use: availabilityPage)
        group.post("interviews/availability", use: declareAvailability)
        group.post("interviews/availability/withdraw", use: withdrawAvailability)
    }

    // MARK: The estate

    /// `GET /interviews/estate`: every location with its rooms' weekly slots, and the interpreter register by language.
    @Sendable func estatePage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let estate = try await store.interviewEstate(for: identity.actor)
        let model = EstatePageModel(
            estate, canKeep: AccessPolicy.interviewResourceKeepers.contains(identity.actor.role),
            availabilityLink: AccessPolicy.availabilityDeclarers.contains(identity.actor.role) ? "Declare the days you can interview" : "Decision makers' declared availability"
        )
        return renderer.response("interview-resources", title: "Interview estate", chrome: .signedIn(identity, current: "interview-resources"), model: model)
    }

    // MARK: Locations

    @Sendable func newLocationPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requireKeeper(identity)
        return try await locationResponse(identity: identity, code: nil, values: FormData(body: "openDays=1&openDays=2&openDays=3&openDays=4&openDays=5"), errors: FieldErrors(), status: .ok)
    }

    @Sendable func createLocation(_ request: Request, context: Context) async throws -> Response {
        try await saveEstateForm(context, path: "locations", fields: Self.locationFields, code: nil) { form, actor in
            try await store.createInterviewLocation(Self.locationInput(form, code: form["code"]), by: actor, reason: form["reason"]).code
        } render: { identity, values, errors in
            try await locationResponse(identity: identity, code: nil, values: values, errors: errors, status: .unprocessableContent)
        }
    }

    @Sendable func locationPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        return try await locationResponse(identity: identity, code: try Self.estateCode(context), values: nil, errors: FieldErrors(), status: .ok)
    }

    @Sendable func changeLocation(_ request: Request, context: Context) async throws -> Response {
        let code = try Self.estateCode(context)
        return try await saveEstateForm(context, path: "locations", fields: Self.locationFields, code: code) { form, actor in
            try await store.updateInterviewLocation(code, to: Self.locationInput(form, code: nil), by: actor, reason: form["reason"]).code
        } render: { identity, values, errors in
            try await locationResponse(identity: identity, code: code, values: values, errors: errors, status: .unprocessableContent)
        }
    }

    func locationResponse(identity: Identity, code: String?, values: FormData?, errors: FieldErrors, status: HTTPResponse.Status) async throws -> Response {
        let actor = identity.actor
        var location: InterviewLocation?
        var rooms: [InterviewRoom] = []
        var history: [InterviewResourceChange] = []
        if let code {
            location = try await Self.estateNotFound { try await store.interviewLocation(code, for: actor) }
            rooms = try await store.interviewEstate(for: actor).rooms(at: code)
            history = try await store.interviewResourceHistory(.location, code: code, for: actor)
        } else {
            try Self.requireKeeper(identity)
        }
        let model = LocationPageModel(
            location: location, rooms: rooms, history: history, canKeep: AccessPolicy.interviewResourceKeepers.contains(actor.role),
            csrfToken: identity.csrfToken ?? "", values: values ?? location.map(Self.formValues) ?? FormData(body: ""), errors: errors
        )
        let title = (errors.isEmpty ? "" : "Error: ") + (location.map { "\($0.name) (\($0.code))" } ?? "Add an interview location")
        return renderer.response("interview-resources-location", title: title, chrome: .signedIn(identity, current: "interview-resources"), model: model, status: status)
    }

    static let locationFields = ["code", "name", "address", "latitude", "longitude", "openDays", "active", "reason"]

    static func locationInput(_ form: FormData, code: String?) -> InterviewLocationInput {
        InterviewLocationInput(
            code: code, name: form["name"], address: form["address"], latitude: form["latitude"], longitude: form["longitude"],
            openDays: form.all("openDays"), active: form["active"].map { $0 != "no" }
        )
    }

    static func formValues(_ location: InterviewLocation) -> FormData {
        var fields: [(String, String)] = [
            ("code", location.code), ("name", location.name), ("address", location.address), ("latitude", String(location.point.latitude)),
            ("longitude", String(location.point.longitude)), ("active", location.active ? "yes" : "no"),
        ]
        fields += location.openDays.map { ("openDays", String($0.rawValue)) }
        return FormData(body: fields.map { "\($0.0)=\(queryEncode($0.1))" }.joined(separator: "&"))
    }

    // MARK: Rooms

    @Sendable func newRoomPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requireKeeper(identity)
        let query = FormData(body: request.uri.query ?? "")
        let values = FormData(body: "location=\(queryEncode((query["location"] ?? "").uppercased()))")
        return try await roomResponse(identity: identity, code: nil, values: values, errors: FieldErrors(), status: .ok)
    }

    @Sendable func createRoom(_ request: Request, context: Context) async throws -> Response {
        try await saveEstateForm(context, path: "rooms", fields: Self.roomFields, code: nil) { form, actor in
            try await store.createInterviewRoom(Self.roomInput(form, code: form["code"]), by: actor, reason: form["reason"]).code
        } render: { identity, values, errors in
            try await roomResponse(identity: identity, code: nil, values: values, errors: errors, status: .unprocessableContent)
        }
    }

    @Sendable func roomPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        return try await roomResponse(identity: identity, code: try Self.estateCode(context), values: nil, errors: FieldErrors(), status: .ok)
    }

    @Sendable func changeRoom(_ request: Request, context: Context) async throws -> Response {
        let code = try Self.estateCode(context)
        return try await saveEstateForm(context, path: "rooms", fields: Self.roomFields, code: code) { form, actor in
            try await store.updateInterviewRoom(code, to: Self.roomInput(form, code: nil), by: actor, reason: form["reason"]).code
        } render: { identity, values, errors in
            try await roomResponse(identity: identity, code: code, values: values, errors: errors, status: .unprocessableContent)
        }
    }

    func roomResponse(identity: Identity, code: String?, values: FormData?, errors: FieldErrors, status: HTTPResponse.Status) async throws -> Response {
        let actor = identity.actor
        var room: InterviewRoom?
        var history: [InterviewResourceChange] = []
        if let code {
            room = try await Self.estateNotFound { try await store.interviewRoom(code, for: actor) }
            history = try await store.interviewResourceHistory(.room, code: code, for: actor)
        } else {
            try Self.requireKeeper(identity)
        }
        let locations = try await store.interviewLocations(includeInactive: true)
        let model = RoomPageModel(
            room: room, locations: locations, history: history, canKeep: AccessPolicy.interviewResourceKeepers.contains(actor.role), csrfToken: identity.csrfToken ?? "",
            values: values ?? room.map(Self.formValues) ?? FormData(body: ""), errors: errors
        )
        let title = (errors.isEmpty ? "" : "Error: ") + (room.map { "\($0.name) (\($0.code))" } ?? "Add an interview room")
        return renderer.response("interview-resources-room", title: title, chrome: .signedIn(identity, current: "interview-resources"), model: model, status: status)
    }

    static let roomFields = ["code", "location", "name", "facilities", "weeklySlots", "active", "reason"]

    static func roomInput(_ form: FormData, code: String?) -> InterviewRoomInput {
        InterviewRoomInput(
            code: code, location: form["location"], name: form["name"], childSuitable: form.isChecked("childSuitable"), stepFree: form.isChecked("stepFree"),
            weeklySlots: RoomSlotInput.lines(form["weeklySlots"] ?? ""), active: form["active"].map { $0 != "no" }
        )
    }

    static func formValues(_ room: InterviewRoom) -> FormData {
        var fields: [(String, String)] = [
            ("code", room.code), ("location", room.location), ("name", room.name), ("weeklySlots", RoomSlotInput.text(room.weeklySlots)),
            ("active", room.active ? "yes" : "no"),
        ]
        if room.childSuitable { fields.append(("childSuitable", "yes")) }
        if room.stepFree { fields.append(("stepFree", "yes")) }
        return FormData(body: fields.map { "\($0.0)=\(queryEncode($0.1))" }.joined(separator: "&"))
    }

    // MARK: Interpreters

    @Sendable func newInterpreterPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requireKeeper(identity)
        let values = FormData(body: "days=1&days=2&days=3&days=4&days=5&dailyMaximum=2")
        return try await interpreterResponse(identity: identity, code: nil, values: values, errors: FieldErrors(), status: .ok)
    }

    @Sendable func createInterpreter(_ request: Request, context: Context) async throws -> Response {
        try await saveEstateForm(context, path: "interpreters", fields: Self.interpreterFields, code: nil) { form, actor in
            try await store.createInterpreter(Self.interpreterInput(form, code: form["code"]), by: actor, reason: form["reason"]).code
        } render: { identity, values, errors in
            try await interpreterResponse(identity: identity, code: nil, values: values, errors: errors, status: .unprocessableContent)
        }
    }

    @Sendable func interpreterPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        return try await interpreterResponse(identity: identity, code: try Self.estateCode(context), values: nil, errors: FieldErrors(), status: .ok)
    }

    @Sendable func changeInterpreter(_ request: Request, context: Context) async throws -> Response {
        let code = try Self.estateCode(context)
        return try await saveEstateForm(context, path: "interpreters", fields: Self.interpreterFields, code: code) { form, actor in
            try await store.updateInterpreter(code, to: Self.interpreterInput(form, code: nil), by: actor, reason: form["reason"]).code
        } render: { identity, values, errors in
            try await interpreterResponse(identity: identity, code: code, values: values, errors: errors, status: .unprocessableContent)
        }
    }

    func interpreterResponse(identity: Identity, code: String?, values: FormData?, errors: FieldErrors, status: HTTPResponse.Status) async throws -> Response {
        let actor = identity.actor
        var interpreter: Interpreter?
        var history: [InterviewResourceChange] = []
        if let code {
            interpreter = try await Self.estateNotFound { try await store.interpreter(code, for: actor) }
            history = try await store.interviewResourceHistory(.interpreter, code: code, for: actor)
        } else {
            try Self.requireKeeper(identity)
        }
        let locations = try await store.interviewLocations(includeInactive: true)
        let model = InterpreterPageModel(
            interpreter: interpreter, locations: locations, history: history, canKeep: AccessPolicy.interviewResourceKeepers.contains(actor.role),
            csrfToken: identity.csrfToken ?? "", values: values ?? interpreter.map(Self.formValues) ?? FormData(body: ""), errors: errors
        )
        let title = (errors.isEmpty ? "" : "Error: ") + (interpreter.map { "\($0.name) (\($0.code))" } ?? "Add an interpreter")
        return renderer.response("interview-resources-interpreter", title: title, chrome: .signedIn(identity, current: "interview-resources"), model: model, status: status)
    }

    static let interpreterFields = ["code", "name", "languages", "locations", "remote", "days", "dailyMaximum", "active", "reason"]

    static func interpreterInput(_ form: FormData, code: String?) -> InterpreterInput {
        InterpreterInput(
            code: code, name: form["name"], languages: InterpreterLanguageInput.lines(form["languages"] ?? ""), locations: form.all("locations"),
            remote: form.isChecked("remote"), days: form.all("days"), dailyMaximum: form["dailyMaximum"], active: form["active"].map { $0 != "no" }
        )
    }

    static func formValues(_ interpreter: Interpreter) -> FormData {
        var fields: [(String, String)] = [
            ("code", interpreter.code), ("name", interpreter.name), ("languages", InterpreterLanguageInput.text(interpreter.languages)),
            ("dailyMaximum", String(interpreter.dailyMaximum)), ("active", interpreter.active ? "yes" : "no"),
        ]
        if interpreter.remote { fields.append(("remote", "yes")) }
        fields += interpreter.locations.map { ("locations", $0) } + interpreter.days.map { ("days", String($0.rawValue)) }
        return FormData(body: fields.map { "\($0.0)=\(queryEncode($0.1))" }.joined(separator: "&"))
    }

    // MARK: Declared availability

    /// `GET /interviews/availability`: a decision maker's own days and the form to declare more; a unit's declarations
    /// for the next two weeks for those who oversee it.
    @Sendable func availabilityPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let query = FormData(body: request.uri.query ?? "")
        return try await availabilityResponse(identity: identity, askedUnit: query["unit"], values: nil, errors: FieldErrors(), notice: query["declared"].map { "Declared \($0 == "1" ? "1 day" : "\($0) days")." }, status: .ok)
    }

    /// `POST /interviews/availability`: declares the days ticked, all or none.
    @Sendable func declareAvailability(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = context.form ?? FormData(body: "")
        let input = AvailabilityInput(dates: form.all("dates"), location: form["location"], dailyMaximum: form["dailyMaximum"])
        do {
            let declared = try await store.declareAvailability(input, by: identity.actor, reason: nil)
            return seeOther("/interviews/availability?declared=\(declared.count)#declared")
        } catch let failure as ValidationFailure {
            return try await availabilityResponse(
                identity: identity, askedUnit: nil, values: form, errors: Self.fieldErrors(failure, order: ["dates", "location", "dailyMaximum"]), notice: nil,
                status: .unprocessableContent
            )
        }
    }

    /// `POST /interviews/availability/withdraw`: withdraws the day the form names.
    @Sendable func withdrawAvailability(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = context.form ?? FormData(body: "")
        guard let date = LocalDate(iso: (form["date"] ?? "").trimmingWhitespace) else { throw HTTPError(.badRequest, message: "The form did not say which day to withdraw.") }
        var errors = FieldErrors()
        do {
            _ = try await store.withdrawAvailability(on: date, by: identity.actor, reason: "Withdrawn on the availability page")
            return seeOther("/interviews/availability#declared")
        } catch let failure as ValidationFailure {
            for error in failure.errors { errors.add(error.message, key: "withdraw", anchor: "declared") }
        } catch let missing as InterviewResourceNotFound {
            errors.add(missing.message, key: "withdraw", anchor: "declared")
        }
        return try await availabilityResponse(identity: identity, askedUnit: nil, values: nil, errors: errors, notice: nil, status: .unprocessableContent)
    }

    func availabilityResponse(identity: Identity, askedUnit: String?, values: FormData?, errors: FieldErrors, notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let actor = identity.actor
        let declares = AccessPolicy.availabilityDeclarers.contains(actor.role)
        let oversees = AccessPolicy.interviewViewers.contains(actor.role) && actor.role != .decisionMaker
        guard declares || oversees else { throw AccessDenied("\(actor.role.title)s do not declare or oversee interview availability.") }
        let today = store.clock.now().date
        let calendar = WorkingDayCalendar.platformDefault
        var errors = errors

        // The decision maker's own days and the form.
        var own: OwnAvailabilityModel?
        if declares {
            let latest = today.adding(days: InterviewResourceRules.declarationHorizonDays)
            let declared = try await store.ownAvailability(from: today, to: latest, for: actor)
            let record = try await store.staffRecord(actor.staff, for: actor)
            let locations = try await store.interviewLocations()
            var offered: [LocalDate] = []
            var day = today
            while offered.count < 20, day <= latest, (try? calendar.isWorkingDay(day)) != nil {
                if (try? calendar.isWorkingDay(day)) == true { offered.append(day) }
                day = day.adding(days: 1)
            }
            own = OwnAvailabilityModel(
                declared: declared, offered: offered, record: record, locations: locations, today: today, csrfToken: identity.csrfToken ?? "",
                values: values ?? FormData(body: "dailyMaximum=\(declared.last?.declaration.dailyMaximum ?? 2)&location=\(queryEncode(declared.last?.declaration.location ?? ""))"),
                errors: errors, mayInterview: CaseworkStore.mayInterview(record.profile)
            )
        }

        // The unit's declarations, for those who oversee it.
        var unitModel: UnitAvailabilityModel?
        if oversees {
            let national = AccessPolicy.nationalRoles.contains(actor.role)
            let units = try await store.units().filter { $0.kind == "dmu" || $0.code == actor.unit }
            var unit = actor.unit
            if let asked = askedUnit?.trimmingWhitespace, !asked.isEmpty, asked != actor.unit.rawValue {
                if !national {
                    throw AccessDenied("\(actor.role.title)s see the declared availability of their own unit only.")
                } else if units.contains(where: { $0.code.rawValue == asked }) {
                    unit = UnitID(asked)
                } else {
                    errors.add("Select a unit from the list", key: "unit", anchor: "unit")
                }
            }
            var days: [LocalDate] = []
            var day = today
            while days.count < 5 * InterviewEstatePolicy.availabilityWeeksShown, (try? calendar.isWorkingDay(day)) != nil {
                if (try? calendar.isWorkingDay(day)) == true { days.append(day) }
                day = day.adding(days: 1)
            }
            let entries = days.isEmpty ? [] : try await store.unitAvailability(unit, from: days.first!, to: days.last!, for: actor)
            // Those who could declare: active, in a role that declares, trained to interview (the rest cannot, 8.80).
            let staff = try await store.staffRecords(unit: unit, for: .system).filter {
                $0.member.active && AccessPolicy.availabilityDeclarers.contains($0.member.role) && CaseworkStore.mayInterview($0.profile)
            }
            unitModel = UnitAvailabilityModel(
                unit: unit, units: units, canPickUnit: national, days: days, entries: entries, staff: staff, errors: errors
            )
        }
        let model = AvailabilityPageModel(
            hasErrors: !errors.isEmpty, errors: errors.summary, hasNotice: notice != nil, notice: notice ?? "", declares: declares, own: own, oversees: oversees,
            unit: unitModel, horizonDays: InterviewResourceRules.declarationHorizonDays
        )
        let title = (errors.isEmpty ? "" : "Error: ") + "Interview availability"
        return renderer.response("availability", title: title, chrome: .signedIn(identity, current: "availability"), model: model, status: status)
    }

    // MARK: Helpers

    static func requireKeeper(_ identity: Identity) throws {
        guard AccessPolicy.interviewResourceKeepers.contains(identity.actor.role) else {
            throw AccessDenied("Only workflow planners, operations managers and administrators keep the interview estate and the interpreter register.")
        }
    }

    static func estateCode(_ context: Context) throws -> String {
        let code = (context.parameters.get("code") ?? "").uppercased()
        guard InterviewEstatePolicy.isWellFormedCode(code) else { throw HTTPError(.notFound) }
        return code
    }

    /// Runs `body`, turning an unknown location, room or interpreter into the page-not-found page.
    /// Saves an estate form (adds the resource when `code` is nil, else changes it), then shows the resource's page; when
    /// refused, the form again with every problem by field and what was typed kept.
    func saveEstateForm(
        _ context: Context, path: String, fields: [String], code: String?,
        save: (FormData, Actor) async throws -> String,
        render: (Identity, FormData, FieldErrors) async throws -> Response
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        if code == nil { try Self.requireKeeper(identity) }
        let form = context.form ?? FormData(body: "")
        do {
            let saved = code == nil ? try await save(form, identity.actor) : try await Self.estateNotFound { try await save(form, identity.actor) }
            return seeOther("/interviews/estate/\(path)/\(saved)")
        } catch let failure as ValidationFailure {
            return try await render(identity, form, Self.fieldErrors(failure, order: fields))
        }
    }

    static func estateNotFound<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch is InterviewResourceNotFound { throw HTTPError(.notFound) }
    }

    /// The store's field errors as the form's: "weeklySlots[2].start" belongs to the `weeklySlots` field; the summary
    /// follows the order of the form.
    static func fieldErrors(_ failure: ValidationFailure, order: [String]) -> FieldErrors {
        var errors = FieldErrors()
        for error in failure.errors {
            var key = String(error.field.prefix { $0 != "[" && $0 != "." })
            if !order.contains(key) { key = order.first ?? key }
            errors.add(error.message, key: key, anchor: key)
        }
        errors.order(byAnchors: order)
        return errors
    }
}

// MARK: View models

/// "Slots: 09:30 for 135 minutes, Monday to Friday; 13:15 for 135 minutes, Monday to Friday".
func slotPatternLines(_ slots: [RoomSlot]) -> [String] {
    var groups: [(start: Int, minutes: Int, days: [Weekday])] = []
    for slot in slots.sorted(by: { ($0.start, $0.minutes, $0.weekday) < ($1.start, $1.minutes, $1.weekday) }) {
        if let index = groups.firstIndex(where: { $0.start == slot.start && $0.minutes == slot.minutes }) {
            groups[index].days.append(slot.weekday)
        } else {
            groups.append((slot.start, slot.minutes, [slot.weekday]))
        }
    }
    return groups.map { "\(InterviewResourceRules.clockTime($0.start)) to \(InterviewResourceRules.clockTime($0.start + $0.minutes)) (\($0.minutes) minutes), \(InterviewEstatePolicy.daysText($0.days))" }
}

private func countText(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    count == 1 ? "1 \(singular)" : "\(count) \(plural ?? singular + "s")"
}

private func hoursText(_ minutes: Int) -> String {
    let hours = Double(minutes) / 60
    return hours == hours.rounded() ? String(Int(hours)) : String(format: "%.1f", hours)
}

struct EstateLocationRowModel {
    let code: String
    let href: String
    let name: String
    let address: String
    let openDays: String
    let rooms: Int
    let childRooms: Int
    let slots: Int
    let hours: String
    let statusText: String
    let statusClass: String
}

struct LanguageSupplyRowModel {
    let language: String
    let interpreters: Int
    let remote: Int
    let shortSupply: Bool
}

struct InterpreterRowModel {
    let code: String
    let href: String
    let name: String
    let languages: String
    let hasShortSupply: Bool
    let whereText: String
    let days: String
    let dailyMaximum: Int
    let statusText: String
    let statusClass: String

    init(_ interpreter: Interpreter) {
        code = interpreter.code
        href = "/interviews/estate/interpreters/\(interpreter.code)"
        name = interpreter.name
        languages = interpreter.languages.map(InterviewEstatePolicy.languageText).joined(separator: ", ")
        hasShortSupply = interpreter.languages.contains(where: InterviewEstatePolicy.isShortSupply)
        whereText = (interpreter.locations + (interpreter.remote ? ["remote (video)"] : [])).joined(separator: ", ")
        days = InterviewEstatePolicy.daysText(interpreter.days)
        dailyMaximum = interpreter.dailyMaximum
        statusText = interpreter.active ? "Bookable" : "Not bookable"
        statusClass = interpreter.active ? "govuk-tag--green" : "govuk-tag--grey"
    }
}

struct EstatePageModel {
    let canKeep: Bool
    let availabilityLink: String
    let summary: String
    let hasLocations: Bool
    let locations: [EstateLocationRowModel]
    let hasSupply: Bool
    let supply: [LanguageSupplyRowModel]
    let hasInterpreters: Bool
    let interpreters: [InterpreterRowModel]
    let interpreterCount: String

    init(_ estate: InterviewEstateSnapshot, canKeep: Bool, availabilityLink: String) {
        self.canKeep = canKeep
        self.availabilityLink = availabilityLink
        let openCodes = Set(estate.locations.filter(\.active).map(\.code))
        let rooms = estate.rooms.filter { $0.active && openCodes.contains($0.location) }
        let slots = rooms.reduce(0) { $0 + $1.weeklySlots.count }
        let minutes = rooms.reduce(0) { $0 + $1.weeklySlots.reduce(0) { $0 + $1.minutes } }
        let interpreters = estate.interpreters.filter(\.active)
        let supply = estate.interpreterSupply
        summary = "\(countText(openCodes.count, "location")) open, \(countText(rooms.count, "room")) in use with \(countText(slots, "slot")) a week (\(hoursText(minutes)) hours); "
            + "\(countText(interpreters.count, "interpreter")) bookable in \(countText(supply.count, "language")) and dialects."
        locations = estate.locations.map { location in
            let inUse = estate.rooms(at: location.code).filter(\.active)
            return EstateLocationRowModel(
                code: location.code, href: "/interviews/estate/locations/\(location.code)", name: location.name,
                address: location.address.split(whereSeparator: \.isNewline).joined(separator: ", "), openDays: InterviewEstatePolicy.daysText(location.openDays),
                rooms: inUse.count, childRooms: inUse.filter(\.childSuitable).count, slots: inUse.reduce(0) { $0 + $1.weeklySlots.count },
                hours: hoursText(inUse.reduce(0) { $0 + $1.weeklySlots.reduce(0) { $0 + $1.minutes } }),
                statusText: location.active ? "Open" : "Closed", statusClass: location.active ? "govuk-tag--green" : "govuk-tag--grey"
            )
        }
        hasLocations = !locations.isEmpty
        self.supply = supply.map {
            LanguageSupplyRowModel(language: InterviewEstatePolicy.languageText($0.language), interpreters: $0.interpreters, remote: $0.remote, shortSupply: InterviewEstatePolicy.isShortSupply($0.language))
        }
        hasSupply = !supply.isEmpty
        self.interpreters = estate.interpreters.map(InterpreterRowModel.init)
        hasInterpreters = !estate.interpreters.isEmpty
        interpreterCount = countText(estate.interpreters.count, "interpreter")
    }
}

struct ResourceHistoryModel {
    let when: String
    let who: String
    let lines: [String]
    let hasReason: Bool
    let reason: String

    init(_ change: InterviewResourceChange) {
        when = change.at.longForm
        who = "\(change.actor.rawValue) (\(change.actorRole.title))"
        lines = change.lines
        hasReason = !(change.reason ?? "").isEmpty
        reason = change.reason ?? ""
    }
}

/// The form's "open or closed" radios, shown only for a record that exists.
private func activeRadios(_ legend: String, yes: String, no: String, values: FormData, errors: FieldErrors) -> ChoicesModel {
    ChoicesModel.radios("active", legend: legend, choices: [("yes", yes), ("no", no)], selected: values["active"] ?? "yes", errors: errors, inline: true)
}

private func dayCheckboxes(_ name: String, legend: String, hint: String, values: FormData, errors: FieldErrors) -> ChoicesModel {
    let checked = Set(values.all(name).compactMap { InterviewEstatePolicy.weekday(named: $0).map { String($0.rawValue) } })
    return ChoicesModel.checkboxes(
        name, legend: legend, hint: hint, choices: Weekday.allCases.filter { !$0.isWeekend }.map { (String($0.rawValue), $0.name) }, checked: checked, errors: errors
    )
}

struct RoomRowModel {
    let code: String
    let href: String
    let name: String
    let facilities: String
    let slots: Int
    let pattern: [String]
    let statusText: String
    let statusClass: String

    init(_ room: InterviewRoom) {
        code = room.code
        href = "/interviews/estate/rooms/\(room.code)"
        name = room.name
        var facilities: [String] = []
        if room.childSuitable { facilities.append("Suitable for children") }
        if room.stepFree { facilities.append("Step-free") }
        self.facilities = facilities.isEmpty ? "None recorded" : facilities.joined(separator: ", ")
        slots = room.weeklySlots.count
        pattern = slotPatternLines(room.weeklySlots)
        statusText = room.active ? "In use" : "Out of use"
        statusClass = room.active ? "govuk-tag--green" : "govuk-tag--grey"
    }
}

struct LocationPageModel {
    let isNew: Bool
    let code: String
    let heading: String
    let action: String
    let csrfToken: String
    let canKeep: Bool
    let hasErrors: Bool
    let errors: [ErrorItem]
    let summary: [SummaryRowModel]
    let hasRooms: Bool
    let rooms: [RoomRowModel]
    let newRoomHref: String
    let codeInput: TextInputModel
    let name: TextInputModel
    let address: TextareaModel
    let latitude: TextInputModel
    let longitude: TextInputModel
    let openDays: ChoicesModel
    let active: ChoicesModel
    let reason: TextareaModel
    let hasHistory: Bool
    let history: [ResourceHistoryModel]

    init(location: InterviewLocation?, rooms: [InterviewRoom], history: [InterviewResourceChange], canKeep: Bool, csrfToken: String, values: FormData, errors: FieldErrors) {
        isNew = location == nil
        code = location?.code ?? ""
        heading = location?.name ?? "Add an interview location"
        action = location.map { "/interviews/estate/locations/\($0.code)" } ?? "/interviews/estate/locations"
        self.csrfToken = csrfToken
        self.canKeep = canKeep
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        if let location {
            let inUse = rooms.filter(\.active)
            summary = [
                SummaryRowModel("Code", location.code), SummaryRowModel("Address", location.address.split(whereSeparator: \.isNewline).map(String.init)),
                SummaryRowModel("Coordinates", "\(location.point.latitude), \(location.point.longitude)"),
                SummaryRowModel("Open", InterviewEstatePolicy.daysText(location.openDays)),
                SummaryRowModel("Rooms in use", "\(inUse.count), with \(countText(inUse.reduce(0) { $0 + $1.weeklySlots.count }, "slot")) a week"),
                SummaryRowModel("Status", [], tags: [location.active ? TagModel(text: "Open", tagClass: "govuk-tag--green") : TagModel(text: "Closed", tagClass: "govuk-tag--grey")]),
            ]
        } else {
            summary = []
        }
        hasRooms = !rooms.isEmpty
        self.rooms = rooms.map(RoomRowModel.init)
        newRoomHref = "/interviews/estate/rooms/new?location=\(queryEncode(location?.code ?? ""))"
        codeInput = TextInputModel("code", label: "Code", hint: "Capital letters, digits and hyphens, for example CROYDON. It cannot be changed later.", values: values, errors: errors, width: "10", labelClass: "govuk-label--s")
        name = TextInputModel("name", label: "Name", hint: "For example Lunar House, Croydon", values: values, errors: errors, labelClass: "govuk-label--s")
        address = TextareaModel("address", name: "address", label: "Address", value: values["address"] ?? "", errors: errors, rows: 3)
        latitude = TextInputModel("latitude", label: "Latitude", hint: "Decimal degrees, for example 51.3759", values: values, errors: errors, width: "10", labelClass: "govuk-label--s")
        longitude = TextInputModel("longitude", label: "Longitude", hint: "Decimal degrees, west of Greenwich negative, for example -0.0958", values: values, errors: errors, width: "10", labelClass: "govuk-label--s")
        openDays = dayCheckboxes("openDays", legend: "Days open for interviews", hint: "Interviews are held on working days; bank holidays are closed whatever is ticked.", values: values, errors: errors)
        active = activeRadios("Status", yes: "Open: takes bookings", no: "Closed: keeps its history, takes no bookings", values: values, errors: errors)
        reason = TextareaModel("reason", name: "reason", label: "Reason for the change (optional)", value: values["reason"] ?? "", errors: errors, rows: 2)
        hasHistory = !history.isEmpty
        self.history = history.map(ResourceHistoryModel.init)
    }
}

struct RoomPageModel {
    let isNew: Bool
    let code: String
    let heading: String
    let caption: String
    let locationHref: String
    let action: String
    let csrfToken: String
    let canKeep: Bool
    let hasErrors: Bool
    let errors: [ErrorItem]
    let summary: [SummaryRowModel]
    let codeInput: TextInputModel
    let location: SelectModel
    let name: TextInputModel
    let facilities: ChoicesModel
    let weeklySlots: TextareaModel
    let active: ChoicesModel
    let reason: TextareaModel
    let hasHistory: Bool
    let history: [ResourceHistoryModel]

    init(room: InterviewRoom?, locations: [InterviewLocation], history: [InterviewResourceChange], canKeep: Bool, csrfToken: String, values: FormData, errors: FieldErrors) {
        isNew = room == nil
        code = room?.code ?? ""
        heading = room?.name ?? "Add an interview room"
        let place = room.flatMap { room in locations.first { $0.code == room.location } }
        caption = place?.name ?? "Interview estate"
        locationHref = place.map { "/interviews/estate/locations/\($0.code)" } ?? "/interviews/estate"
        action = room.map { "/interviews/estate/rooms/\($0.code)" } ?? "/interviews/estate/rooms"
        self.csrfToken = csrfToken
        self.canKeep = canKeep
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        if let room {
            summary = [
                SummaryRowModel("Code", room.code), SummaryRowModel("Location", place.map { "\($0.name) (\($0.code))" } ?? room.location),
                SummaryRowModel.yesNo("Suitable for children", room.childSuitable), SummaryRowModel.yesNo("Step-free", room.stepFree),
                SummaryRowModel("Weekly slots", [countText(room.weeklySlots.count, "slot") + ", \(hoursText(room.weeklySlots.reduce(0) { $0 + $1.minutes })) hours"] + slotPatternLines(room.weeklySlots)),
                SummaryRowModel("Status", [], tags: [room.active ? TagModel(text: "In use", tagClass: "govuk-tag--green") : TagModel(text: "Out of use", tagClass: "govuk-tag--grey")]),
            ]
        } else {
            summary = []
        }
        codeInput = TextInputModel("code", label: "Code", hint: "For example CROYDON-3. It cannot be changed later.", values: values, errors: errors, width: "10", labelClass: "govuk-label--s")
        location = SelectModel(
            "location", label: "Location", options: [("", "Select a location")] + locations.map { ($0.code, "\($0.name) (\($0.code))\($0.active ? "" : ", closed")") },
            selected: (values["location"] ?? "").uppercased(), errors: errors, labelClass: "govuk-label--s"
        )
        name = TextInputModel("name", label: "Name", hint: "For example Interview room 3", values: values, errors: errors, labelClass: "govuk-label--s")
        facilities = ChoicesModel.flags(
            "facilities", legend: "Facilities",
            flags: [
                ("childSuitable", "Suitable for children", "Space for the responsible adult, and breaks: children's interviews are booked only here."),
                ("stepFree", "Step-free access", ""),
            ],
            values: values, errors: errors
        )
        weeklySlots = TextareaModel(
            "weeklySlots", name: "weeklySlots", label: "Weekly slots",
            hint: "One slot a line: the day, the start time and the length in minutes, for example Monday 09:30 135. Slots fall between \(InterviewResourceRules.clockTime(InterviewResourceRules.earliestStart)) and \(InterviewResourceRules.clockTime(InterviewResourceRules.latestEnd)), on days the location is open, and do not overlap.",
            value: values["weeklySlots"] ?? "", errors: errors, rows: 10
        )
        active = activeRadios("Status", yes: "In use: takes bookings", no: "Out of use: keeps its history, takes no bookings", values: values, errors: errors)
        reason = TextareaModel("reason", name: "reason", label: "Reason for the change (optional)", value: values["reason"] ?? "", errors: errors, rows: 2)
        hasHistory = !history.isEmpty
        self.history = history.map(ResourceHistoryModel.init)
    }
}

struct InterpreterPageModel {
    let isNew: Bool
    let code: String
    let heading: String
    let action: String
    let csrfToken: String
    let canKeep: Bool
    let hasErrors: Bool
    let errors: [ErrorItem]
    let summary: [SummaryRowModel]
    let codeInput: TextInputModel
    let name: TextInputModel
    let languages: TextareaModel
    let locations: ChoicesModel
    let remote: ChoicesModel
    let days: ChoicesModel
    let dailyMaximum: TextInputModel
    let active: ChoicesModel
    let reason: TextareaModel
    let hasHistory: Bool
    let history: [ResourceHistoryModel]

    init(interpreter: Interpreter?, locations: [InterviewLocation], history: [InterviewResourceChange], canKeep: Bool, csrfToken: String, values: FormData, errors: FieldErrors) {
        isNew = interpreter == nil
        code = interpreter?.code ?? ""
        heading = interpreter?.name ?? "Add an interpreter"
        action = interpreter.map { "/interviews/estate/interpreters/\($0.code)" } ?? "/interviews/estate/interpreters"
        self.csrfToken = csrfToken
        self.canKeep = canKeep
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        if let interpreter {
            let names = Dictionary(locations.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
            summary = [
                SummaryRowModel("Code", interpreter.code),
                SummaryRowModel(
                    "Languages", interpreter.languages.map(InterviewEstatePolicy.languageText),
                    tags: interpreter.languages.contains(where: InterviewEstatePolicy.isShortSupply) ? [TagModel(text: "Short supply", tagClass: "govuk-tag--orange")] : []
                ),
                SummaryRowModel("Attends", interpreter.locations.isEmpty ? ["No location in person"] : interpreter.locations.map { "\(names[$0] ?? $0) (\($0))" }),
                SummaryRowModel.yesNo("Interprets remotely by video", interpreter.remote),
                SummaryRowModel("Days", InterviewEstatePolicy.daysText(interpreter.days)),
                SummaryRowModel("Most interviews a day", String(interpreter.dailyMaximum)),
                SummaryRowModel("Status", [], tags: [interpreter.active ? TagModel(text: "Bookable", tagClass: "govuk-tag--green") : TagModel(text: "Not bookable", tagClass: "govuk-tag--grey")]),
            ]
        } else {
            summary = []
        }
        codeInput = TextInputModel("code", label: "Code", hint: "For example INT-0042. It cannot be changed later.", values: values, errors: errors, width: "10", labelClass: "govuk-label--s")
        name = TextInputModel("name", label: "Name", values: values, errors: errors, labelClass: "govuk-label--s")
        languages = TextareaModel(
            "languages", name: "languages", label: "Languages and dialects",
            hint: "One a line, from the language list, with the dialect in brackets when it matters: for example Kurdish (Sorani), Arabic (Moroccan), Tigrinya.",
            value: values["languages"] ?? "", errors: errors, rows: 4
        )
        self.locations = ChoicesModel.checkboxes(
            "locations", legend: "Locations they attend in person", choices: locations.map { ($0.code, "\($0.name) (\($0.code))\($0.active ? "" : ", closed")") },
            checked: Set(values.all("locations").map { $0.uppercased() }), errors: errors
        )
        remote = ChoicesModel.flags(
            "remote-options", legend: "Remote interpreting", flags: [("remote", "Interprets remotely by video at any location", "")], values: values, errors: errors
        )
        days = dayCheckboxes("days", legend: "Days they work", hint: "", values: values, errors: errors)
        dailyMaximum = TextInputModel(
            "dailyMaximum", label: "Most interviews a day", hint: "A whole number from 1 to \(InterviewResourceRules.dailyMaximumLimit)", values: values, errors: errors, width: "2",
            labelClass: "govuk-label--s"
        )
        active = activeRadios("Status", yes: "Bookable", no: "Not bookable: keeps their history", values: values, errors: errors)
        reason = TextareaModel("reason", name: "reason", label: "Reason for the change (optional)", value: values["reason"] ?? "", errors: errors, rows: 2)
        hasHistory = !history.isEmpty
        self.history = history.map(ResourceHistoryModel.init)
    }
}

struct DeclaredDayRowModel {
    let date: String
    let dateText: String
    let location: String
    let dailyMaximum: Int
    let canWithdraw: Bool
}

struct OwnAvailabilityModel {
    let csrfToken: String
    let mayInterview: Bool
    let trainingText: String
    let hasDeclared: Bool
    let declared: [DeclaredDayRowModel]
    let hasLocations: Bool
    let dates: ChoicesModel
    let location: SelectModel
    let dailyMaximum: TextInputModel

    init(
        declared: [AvailabilityEntry], offered: [LocalDate], record: StaffRecord, locations: [InterviewLocation], today: LocalDate, csrfToken: String, values: FormData,
        errors: FieldErrors, mayInterview: Bool
    ) {
        self.csrfToken = csrfToken
        self.mayInterview = mayInterview
        trainingText = record.profile.trainingTitle.lowercased()
        let names = Dictionary(locations.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        hasDeclared = !declared.isEmpty
        self.declared = declared.map { entry in
            let declaration = entry.declaration
            return DeclaredDayRowModel(
                date: declaration.date.iso, dateText: "\(declaration.date.weekday.name) \(declaration.date.longForm)",
                location: names[declaration.location].map { "\($0) (\(declaration.location))" } ?? declaration.location, dailyMaximum: declaration.dailyMaximum,
                canWithdraw: declaration.date > today
            )
        }
        hasLocations = !locations.isEmpty
        let byDate = Dictionary(declared.map { ($0.declaration.date, $0.declaration) }, uniquingKeysWith: { first, _ in first })
        let checked = Set(values.all("dates"))
        let items = offered.enumerated().map { index, date -> ChoiceItem in
            var hint = ""
            if let existing = byDate[date] {
                hint = "Declared: \(names[existing.location] ?? existing.location), up to \(countText(existing.dailyMaximum, "interview")). Tick to change it."
            } else if let absence = record.absence(on: date) {
                hint = "You are recorded as away (\(absence.kind.title.lowercased()))."
            }
            return ChoiceItem(
                id: index == 0 ? "dates" : "dates-\(index + 1)", name: "dates", value: date.iso, text: "\(date.weekday.name) \(date.longForm)", hint: hint,
                hasHint: !hint.isEmpty, checked: checked.contains(date.iso)
            )
        }
        let error = errors["dates"]
        dates = ChoicesModel(
            id: "dates", legend: "Days you can interview", legendClass: "govuk-fieldset__legend--s",
            hint: "The next four weeks' working days. Bank holidays and weekends are left out.", hasHint: true, error: error, hasError: !error.isEmpty,
            inline: false, small: true, items: items
        )
        location = SelectModel(
            "location", label: "Where you can interview", options: [("", "Select a location")] + locations.map { ($0.code, "\($0.name) (\($0.code))") },
            selected: (values["location"] ?? "").uppercased(), errors: errors, labelClass: "govuk-label--s"
        )
        dailyMaximum = TextInputModel(
            "dailyMaximum", label: "Most interviews a day", hint: "A whole number from 1 to \(InterviewResourceRules.dailyMaximumLimit)", values: values, errors: errors, width: "2",
            labelClass: "govuk-label--s"
        )
    }
}

struct AvailabilityCellModel {
    let text: String
    let declared: Bool
}

struct AvailabilityPersonRowModel {
    let name: String
    let username: String
    let cells: [AvailabilityCellModel]
    let days: Int
}

struct AvailabilityDayHeaderModel {
    let weekday: String
    let date: String
    let total: Int
}

struct UnitAvailabilityModel {
    let unit: String
    let canPickUnit: Bool
    let unitSelect: SelectModel
    let rangeText: String
    let hasDays: Bool
    let days: [AvailabilityDayHeaderModel]
    let hasPeople: Bool
    let people: [AvailabilityPersonRowModel]
    let summary: String

    init(unit: UnitID, units: [CaseworkUnit], canPickUnit: Bool, days: [LocalDate], entries: [AvailabilityEntry], staff: [StaffRecord], errors: FieldErrors) {
        self.unit = unit.rawValue
        self.canPickUnit = canPickUnit
        unitSelect = SelectModel(
            "unit", label: "Unit", options: units.map { ($0.code.rawValue, "\($0.name) (\($0.code.rawValue))") }, selected: unit.rawValue, errors: errors,
            labelClass: "govuk-label--s"
        )
        rangeText = days.isEmpty ? "" : "\(days.first!.longForm) to \(days.last!.longForm)"
        hasDays = !days.isEmpty
        var byPerson: [StaffID: [LocalDate: DeclaredAvailability]] = [:]
        for entry in entries { byPerson[entry.declaration.staff, default: [:]][entry.declaration.date] = entry.declaration }
        self.days = days.map { day in
            AvailabilityDayHeaderModel(
                weekday: String(day.weekday.name.prefix(3)), date: "\(day.day)/\(day.month)",
                total: entries.filter { $0.declaration.date == day }.reduce(0) { $0 + $1.declaration.dailyMaximum }
            )
        }
        var names = Dictionary(staff.map { ($0.member.username, $0.member.displayName) }, uniquingKeysWith: { first, _ in first })
        for entry in entries where names[entry.declaration.staff] == nil { names[entry.declaration.staff] = entry.displayName }
        let records = Dictionary(staff.map { ($0.member.username, $0) }, uniquingKeysWith: { first, _ in first })
        let people = names.keys.sorted { (names[$0] ?? "", $0.rawValue) < (names[$1] ?? "", $1.rawValue) }
        self.people = people.map { username in
            let declared = byPerson[username] ?? [:]
            return AvailabilityPersonRowModel(
                name: names[username] ?? username.rawValue, username: username.rawValue,
                cells: days.map { day in
                    if let declaration = declared[day] { return AvailabilityCellModel(text: "\(declaration.location) ×\(declaration.dailyMaximum)", declared: true) }
                    if records[username]?.absence(on: day) != nil { return AvailabilityCellModel(text: "Away", declared: false) }
                    return AvailabilityCellModel(text: "–", declared: false)
                },
                days: declared.count
            )
        }
        hasPeople = !people.isEmpty
        let declaring = byPerson.count
        summary = "\(countText(declaring, "person has", "people have")) declared \(countText(entries.count, "day")), up to \(countText(entries.reduce(0) { $0 + $1.declaration.dailyMaximum }, "interview"))."
    }
}

struct AvailabilityPageModel {
    let hasErrors: Bool
    let errors: [ErrorItem]
    let hasNotice: Bool
    let notice: String
    let declares: Bool
    let own: OwnAvailabilityModel?
    let oversees: Bool
    let unit: UnitAvailabilityModel?
    let horizonDays: Int
}
