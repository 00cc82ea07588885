import Foundation

/// A point on the map, for the distance a claimant travels to an interview location (8.66–8.81: "the nearest interview
/// location").
public struct GeoPoint: Codable, Sendable, Hashable {
    public let latitude: Double
    public let longitude: Double

    /// Creates a point; nil outside the valid ranges.
    public init?(latitude: Double, longitude: Double) {
        guard (-90.0...90.0).contains(latitude), (-180.0...180.0).contains(longitude) else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Kilometres along the great circle (haversine, Earth radius 6,371.0 km, as docs/schedule-format.md fixes it).
    public func kilometres(to other: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLat = (other.latitude - latitude) * radians
        let dLon = (other.longitude - longitude) * radians
        let a = pow(sin(dLat / 2), 2) + cos(latitude * radians) * cos(other.latitude * radians) * pow(sin(dLon / 2), 2)
        return 2 * 6_371.0 * asin(min(1, a.squareRoot()))
    }
}

/// A place where interviews are held, with the days it is open.
public struct InterviewLocation: Codable, Sendable, Hashable {
    /// Short code, for example "CROYDON".
    public var code: String
    public var name: String
    public var address: String
    public var point: GeoPoint
    /// The days of the week it is open for interviews.
    public var openDays: [Weekday]
    /// Closed locations keep their history but take no bookings.
    public var active: Bool

    public init(code: String, name: String, address: String, point: GeoPoint, openDays: [Weekday], active: Bool = true) {
        self.code = code
        self.name = name
        self.address = address
        self.point = point
        self.openDays = openDays
        self.active = active
    }
}

/// One bookable slot in a room's week: a weekday, a start time and a length.
public struct RoomSlot: Codable, Sendable, Hashable, Comparable {
    public var weekday: Weekday
    /// Minutes after midnight, a multiple of `InterviewResourceRules.minuteGranularity`.
    public var start: Int
    public var minutes: Int

    public init(weekday: Weekday, start: Int, minutes: Int) {
        self.weekday = weekday
        self.start = start
        self.minutes = minutes
    }

    /// The minute the slot ends.
    public var end: Int { start + minutes }

    public static func < (lhs: RoomSlot, rhs: RoomSlot) -> Bool { (lhs.weekday, lhs.start) < (rhs.weekday, rhs.start) }
}

/// An interview room and its weekly availability.
public struct InterviewRoom: Codable, Sendable, Hashable {
    /// Unique code, for example "CROYDON-3".
    public var code: String
    public var location: String
    public var name: String
    /// Suitable for a child's interview (space for the responsible adult, breaks).
    public var childSuitable: Bool
    public var stepFree: Bool
    /// The slots it offers each week.
    public var weeklySlots: [RoomSlot]
    public var active: Bool

    public init(code: String, location: String, name: String, childSuitable: Bool, stepFree: Bool, weeklySlots: [RoomSlot], active: Bool = true) {
        self.code = code
        self.location = location
        self.name = name
        self.childSuitable = childSuitable
        self.stepFree = stepFree
        self.weeklySlots = weeklySlots.sorted()
        self.active = active
    }
}

/// A language, with a dialect when it matters (10.50–10.51: Kurdish dialects, Sylheti, Moroccan Arabic).
public struct InterpreterLanguage: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var language: String
    /// nil: the language without a named dialect.
    public var dialect: String?

    public init(language: String, dialect: String? = nil) {
        self.language = language
        self.dialect = dialect
    }

    /// Whether an interpreter with this language can interpret for a claimant who needs `need`: the same language, and
    /// the same dialect when the claimant names one.
    public func serves(_ need: InterpreterLanguage) -> Bool {
        language.lowercased() == need.language.lowercased()
            && (need.dialect == nil || dialect?.lowercased() == need.dialect?.lowercased())
    }

    /// "Kurdish (Sorani)".
    public var description: String { dialect.map { "\(language) (\($0))" } ?? language }

    public static func < (lhs: InterpreterLanguage, rhs: InterpreterLanguage) -> Bool {
        (lhs.language, lhs.dialect ?? "") < (rhs.language, rhs.dialect ?? "")
    }
}

/// An interpreter the service can book.
public struct Interpreter: Codable, Sendable, Hashable {
    /// Unique code, for example "INT-0042".
    public var code: String
    public var name: String
    public var languages: [InterpreterLanguage]
    /// Locations they attend in person.
    public var locations: [String]
    /// Can interpret by video at any location.
    public var remote: Bool
    /// Days of the week they work.
    public var days: [Weekday]
    /// Most interviews in a day.
    public var dailyMaximum: Int
    public var active: Bool

    public init(code: String, name: String, languages: [InterpreterLanguage], locations: [String], remote: Bool, days: [Weekday], dailyMaximum: Int, active: Bool = true) {
        self.code = code
        self.name = name
        self.languages = languages
        self.locations = locations
        self.remote = remote
        self.days = days
        self.dailyMaximum = dailyMaximum
        self.active = active
    }

    /// Whether they can interpret `need` at `location` on `weekday`.
    public func canServe(_ need: InterpreterLanguage, at location: String, on weekday: Weekday) -> Bool {
        active && days.contains(weekday) && (remote || locations.contains(location)) && languages.contains { $0.serves(need) }
    }
}

/// A decision maker's own declaration that they can interview on a day, and where (8.80: DMs declare their availability).
public struct DeclaredAvailability: Codable, Sendable, Hashable {
    public var staff: StaffID
    public var date: LocalDate
    public var location: String
    /// Most interviews they will take that day.
    public var dailyMaximum: Int

    public init(staff: StaffID, date: LocalDate, location: String, dailyMaximum: Int) {
        self.staff = staff
        self.date = date
        self.location = location
        self.dailyMaximum = dailyMaximum
    }
}

/// Checks on interview resources, each failure naming its field.
public enum InterviewResourceRules {
    /// Start times and lengths are whole multiples of five minutes, the unit bookings are held in.
    public static let minuteGranularity = 5
    /// The earliest start and latest end of an interview slot (a working day).
    public static let earliestStart = 8 * 60
    public static let latestEnd = 19 * 60
    /// The most interviews anyone is booked for in a day.
    public static let dailyMaximumLimit = 6
    /// How far ahead a decision maker may declare availability.
    public static let declarationHorizonDays = 120

    /// Problems with a room's weekly slots: times off the five-minute grid, outside the working day, or overlapping.
    public static func slotProblems(_ slots: [RoomSlot], field: String = "weeklySlots") -> [FieldError] {
        var errors: [FieldError] = []
        let sorted = slots.sorted()
        for (index, slot) in sorted.enumerated() {
            let name = "\(slot.weekday.name) \(clockTime(slot.start))"
            if slot.weekday.isWeekend {
                errors.append(FieldError(field: field, message: "\(name): interviews are held on working days, not at weekends"))
            }
            if slot.start % minuteGranularity != 0 || slot.minutes % minuteGranularity != 0 {
                errors.append(FieldError(field: field, message: "\(name): start and length must be whole multiples of \(minuteGranularity) minutes"))
            }
            if slot.minutes < 30 || slot.minutes > 330 {
                errors.append(FieldError(field: field, message: "\(name): a slot must last between 30 and 330 minutes (it has \(slot.minutes))"))
            }
            if slot.start < earliestStart || slot.end > latestEnd {
                errors.append(FieldError(field: field, message: "\(name): slots must fall between \(clockTime(earliestStart)) and \(clockTime(latestEnd))"))
            }
            if index > 0, sorted[index - 1].weekday == slot.weekday, sorted[index - 1].end > slot.start {
                errors.append(FieldError(field: field, message: "\(name) overlaps the slot at \(clockTime(sorted[index - 1].start)): a room holds one interview at a time"))
            }
        }
        return errors
    }

    /// "09:30".
    public static func clockTime(_ minute: Int) -> String {
        let hours = minute / 60, minutes = minute % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    /// Minutes after midnight from "HH:MM", or nil.
    public static func minute(of text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0..<24).contains(hours), (0..<60).contains(minutes)
        else { return nil }
        return hours * 60 + minutes
    }
}
