/// Working days in one UK jurisdiction: Monday to Friday, except that jurisdiction's bank holidays (`BankHolidays`).
/// Every later deadline ("respond within 5 working days", "invite at least N working days before the interview") is
/// reckoned with one of these.
///
/// Counting, in one rule for all three functions that count: a count starts from an anchor date and never includes
/// the anchor itself; it includes the date it ends on. So "N working days after" a date is reached by counting
/// working days from the next day: 5 working days after Friday 1 November 2024 is Friday 8 November 2024 (Monday 4 is
/// the first, Friday 8 the fifth). Whether the anchor is itself a working day does not matter: 1 working day after
/// Friday, after Saturday and after Sunday is, each time, the Monday (when Monday is not a bank holiday).
///
/// Coverage: a question about a date whose year is outside `BankHolidays.coveredYears`, or that needs to look at
/// such a date, throws `CalendarNotCovered`, never answers as if that year had no bank holidays.
public struct WorkingDayCalendar: Codable, Sendable, Hashable {
    /// Whose bank holidays close the office.
    public let jurisdiction: UKJurisdiction

    /// The calendar of `jurisdiction`; England and Wales unless told otherwise (see `platformDefault`).
    public init(_ jurisdiction: UKJurisdiction = .englandAndWales) { self.jurisdiction = jurisdiction }

    /// The calendar the platform counts deadlines in unless a rule names another: England and Wales. A platform
    /// decision, made here in one place: one calendar for every claim keeps a claim's deadline the same wherever it is
    /// worked; a rule that depends on a local office being open (an interview in Glasgow or Belfast) names
    /// `.scotland` or `.northernIreland` instead.
    public static let platformDefault = WorkingDayCalendar(.englandAndWales)

    /// The years this calendar can answer for.
    public var coveredYears: ClosedRange<Int> { BankHolidays.coveredYears }

    /// Whether `date` is a working day: Monday to Friday and not a bank holiday here. Throws when the year is not
    /// covered, weekends included, so one rule holds for every date.
    public func isWorkingDay(_ date: LocalDate) throws(CalendarNotCovered) -> Bool {
        let holiday = try BankHolidays.holiday(on: date, in: jurisdiction)
        return !date.weekday.isWeekend && holiday == nil
    }

    /// The bank holiday kept on `date` here, or nil; throws when the year is not covered.
    public func bankHoliday(on date: LocalDate) throws(CalendarNotCovered) -> BankHoliday? {
        try BankHolidays.holiday(on: date, in: jurisdiction)
    }

    /// The date `n` working days after `date`: the `n`th working day counting from the day after `date` (which itself
    /// never counts, working day or not). The result is always a working day when `n` is not 0.
    ///
    /// - `n = 0` gives `date` itself, unchanged even on a weekend or bank holiday ("no working days after" is the
    ///   day itself); for "today, or the next working day if today is not one" use `nextWorkingDay(onOrAfter:)`.
    /// - `n < 0` counts backwards the same way: the `|n|`th working day before `date`, counting from the day before.
    ///
    /// For every `n`, `workingDays(from: date, to: addingWorkingDays(n, to: date)) == n`. Throws when `date`, or a day
    /// the count passes, is in a year not covered.
    public func addingWorkingDays(_ n: Int, to date: LocalDate) throws(CalendarNotCovered) -> LocalDate {
        try BankHolidays.checkCovered(date.year, jurisdiction)
        let step = n < 0 ? -1 : 1
        var remaining = abs(n)
        var day = date
        while remaining > 0 {
            day = day.adding(days: step)
            if try isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// The number of working days counted from `from` to reach `to`: when `to` is later, the working days after `from`
    /// up to and including `to`; when `to` is earlier, minus the working days on or after `to` and before `from`
    /// (again the anchor `from` is left out and the end `to` counted); 0 when they are the same day. So Friday to the
    /// following Monday is 1, and Monday back to the Friday before is -1. Throws when either date's year is not
    /// covered.
    public func workingDays(from: LocalDate, to: LocalDate) throws(CalendarNotCovered) -> Int {
        try BankHolidays.checkCovered(from.year, jurisdiction)
        try BankHolidays.checkCovered(to.year, jurisdiction)
        let (first, last, sign) = from <= to ? (from.adding(days: 1), to, 1) : (to, from.adding(days: -1), -1)
        var count = 0
        var day = first
        while day <= last {
            if try isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return sign * count
    }

    /// `date` when it is a working day, else the first working day after it. Throws when `date`, or a day looked at,
    /// is in a year not covered.
    public func nextWorkingDay(onOrAfter date: LocalDate) throws(CalendarNotCovered) -> LocalDate {
        var day = date
        while !(try isWorkingDay(day)) { day = day.adding(days: 1) }
        return day
    }
}
