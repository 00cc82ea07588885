import CaseworkDomain

/// Reading interview resources from their tables: locations, rooms, interpreters and declared availability. Booking,
/// scheduling and the resource pages all read through these, so a resource means the same thing everywhere.
enum InterviewResourceRows {
    static let locationColumns = "code, name, address, latitude, longitude, open_days, active"
    static let roomColumns = "code, location, name, child_suitable, step_free, weekly_slots, active"
    static let availabilityColumns = "username, date, location, daily_maximum"

    /// "1,2,3,4,5" for Monday to Friday.
    static func weekdaysColumn(_ days: [Weekday]) -> String { Set(days).sorted().map { String($0.rawValue) }.joined(separator: ",") }

    static func weekdays(_ text: String?) -> [Weekday] {
        (text ?? "").split(separator: ",").compactMap { Int($0).flatMap(Weekday.init(rawValue:)) }
    }

    static func location(_ row: SQLRow) throws -> InterviewLocation {
        guard let point = GeoPoint(latitude: row["latitude"].double ?? 999, longitude: row["longitude"].double ?? 999) else {
            throw SQLError(message: "Interview location \(row["code"].string ?? "?") has no valid coordinates", sql: "")
        }
        return InterviewLocation(
            code: row["code"].string ?? "", name: row["name"].string ?? "", address: row["address"].string ?? "", point: point,
            openDays: weekdays(row["open_days"].string), active: row["active"].bool
        )
    }

    static func room(_ row: SQLRow) throws -> InterviewRoom {
        InterviewRoom(
            code: row["code"].string ?? "", location: row["location"].string ?? "", name: row["name"].string ?? "",
            childSuitable: row["child_suitable"].bool, stepFree: row["step_free"].bool,
            weeklySlots: try EventCoding.decodeJSON([RoomSlot].self, row["weekly_slots"].string ?? "[]"), active: row["active"].bool
        )
    }

    static func interpreter(_ row: SQLRow) throws -> Interpreter {
        var interpreter = try EventCoding.decodeJSON(Interpreter.self, row["data"].string ?? "{}")
        interpreter.active = row["active"].bool
        return interpreter
    }

    static func availability(_ row: SQLRow) -> DeclaredAvailability? {
        guard let date = LocalDate(iso: row["date"].string ?? "") else { return nil }
        return DeclaredAvailability(
            staff: StaffID(row["username"].string ?? ""), date: date, location: row["location"].string ?? "", dailyMaximum: row["daily_maximum"].int ?? 0
        )
    }

    static func loadLocations(activeOnly: Bool, _ connection: any SQLConnection) async throws -> [InterviewLocation] {
        try await connection.query(
            "SELECT \(locationColumns) FROM interview_locations\(activeOnly ? " WHERE active = 1" : "") ORDER BY name, code"
        ).map(location)
    }

    static func loadRooms(activeOnly: Bool, _ connection: any SQLConnection) async throws -> [InterviewRoom] {
        try await connection.query("SELECT \(roomColumns) FROM interview_rooms\(activeOnly ? " WHERE active = 1" : "") ORDER BY location, code").map(room)
    }

    static func loadInterpreters(activeOnly: Bool, _ connection: any SQLConnection) async throws -> [Interpreter] {
        try await connection.query("SELECT code, data, active FROM interpreters\(activeOnly ? " WHERE active = 1" : "") ORDER BY code").map(interpreter)
    }

    /// Declared availability from `first` to `last`, inclusive.
    static func loadAvailability(from first: LocalDate, to last: LocalDate, _ connection: any SQLConnection) async throws -> [DeclaredAvailability] {
        try await connection.query(
            "SELECT \(availabilityColumns) FROM interview_availability WHERE date >= ? AND date <= ? ORDER BY date, username",
            [.text(first.iso), .text(last.iso)]
        ).compactMap(availability)
    }
}
