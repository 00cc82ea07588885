/// A day of the week, numbered as ISO 8601 numbers them (Monday 1 to Sunday 7).
public enum Weekday: Int, Codable, Sendable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Saturday or Sunday: never a working day in any UK jurisdiction.
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// The name as a person reads it: "Monday".
    public var name: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension LocalDate {
    /// The day of the week. Day number 0 (1 January 1970) was a Thursday, so Monday is `(dayNumber + 3) mod 7 = 0`.
    public var weekday: Weekday {
        // rawValue is always 1...7, so the unwrap cannot fail.
        Weekday(rawValue: ((dayNumber + 3) % 7 + 7) % 7 + 1)!
    }
}
