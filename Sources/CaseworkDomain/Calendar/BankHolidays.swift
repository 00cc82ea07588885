/// The three bank-holiday calendars of the United Kingdom. A working day in Glasgow or Belfast is not always one in
/// London (Easter Monday, 2 January, St Andrew's Day, St Patrick's Day, the Battle of the Boyne, and the summer bank
/// holiday's date all differ), so every working-day question names one.
///
/// The raw values are GOV.UK's division names in https://www.gov.uk/bank-holidays.json.
public enum UKJurisdiction: String, Codable, Sendable, CaseIterable {
    /// England and Wales: one calendar.
    case englandAndWales = "england-and-wales"
    /// Scotland.
    case scotland
    /// Northern Ireland.
    case northernIreland = "northern-ireland"

    /// The name as a person reads it: "England and Wales".
    public var title: String {
        switch self {
        case .englandAndWales: "England and Wales"
        case .scotland: "Scotland"
        case .northernIreland: "Northern Ireland"
        }
    }
}

/// One bank holiday: the day offices close, with its name as GOV.UK gives it ("Easter Monday", "Christmas Day
/// (substitute day)"). A substitute day is the weekday a holiday moves to when its own date is a weekend or is taken.
public struct BankHoliday: Codable, Sendable, Hashable {
    /// The day the holiday is kept (for a substitute, the substitute day, not the nominal date).
    public let date: LocalDate
    /// Its name, with " (substitute day)" when it is kept on another day.
    public let name: String

    /// Creates a holiday.
    public init(date: LocalDate, name: String) {
        self.date = date
        self.name = name
    }

    /// An entry of the tables below, written as ISO text so it reads like the GOV.UK feed; the tests check every
    /// entry is a real weekday inside the covered years.
    init(_ iso: String, _ name: String) {
        guard let date = LocalDate(iso: iso) else { preconditionFailure("Bank holiday table has an impossible date \(iso)") }
        self.init(date: date, name: name)
    }
}

/// A working-day question needed a year the bank-holiday tables do not cover. Refused rather than answered as if the
/// year had no bank holidays, which would put a deadline on Christmas Day without a word.
public struct CalendarNotCovered: Error, Sendable, Hashable {
    /// The year asked about.
    public let year: Int
    /// The calendar asked.
    public let jurisdiction: UKJurisdiction
    /// The years the tables cover.
    public let coveredYears: ClosedRange<Int>

    /// Creates the error.
    public init(year: Int, jurisdiction: UKJurisdiction, coveredYears: ClosedRange<Int> = BankHolidays.coveredYears) {
        self.year = year
        self.jurisdiction = jurisdiction
        self.coveredYears = coveredYears
    }

    /// The problem in plain words.
    public var message: String {
        "Bank holidays for \(jurisdiction.title) are known for \(coveredYears.lowerBound) to \(coveredYears.upperBound) only, "
            + "so working days in \(year) cannot be counted. Add that year's bank holidays to the calendar."
    }
}

/// The bank holidays of England and Wales, Scotland and Northern Ireland, 2018 to 2028, as data.
///
/// Source: GOV.UK, "UK bank holidays" (https://www.gov.uk/bank-holidays) and its JSON feed
/// (https://www.gov.uk/bank-holidays.json), which the Cabinet Office keeps; names follow the feed's titles (with
/// straight apostrophes, and "Battle of the Boyne" for its "Battle of the Boyne (Orangemen's Day)"). The law behind
/// them: the Banking and Financial Dealings Act 1971 (Schedule 1: the standing bank holidays of each part of the UK),
/// the St Andrew's Day Bank Holiday (Scotland) Act 2007, and royal proclamations under section 1 of the 1971 Act, which
/// appoint New Year's Day, the early May bank holiday, the Battle of the Boyne in Northern Ireland, weekend substitute
/// days and the one-off changes (Christmas Day and Good Friday are common-law holidays outside Scotland). The one-offs:
/// - 2020: the early May bank holiday moved from Monday 4 May to Friday 8 May, the 75th anniversary of VE Day;
/// - 2022: the spring bank holiday moved from Monday 30 May to Thursday 2 June, with an extra holiday on Friday 3 June
///   for the Platinum Jubilee; Monday 19 September for the State Funeral of Queen Elizabeth II;
/// - 2023: Monday 8 May for the coronation of King Charles III.
///
/// Every date is listed, not computed, so a later one-off change is one line here and a reader can check a year
/// against the GOV.UK page by eye. The lists were checked against the GOV.UK feed for 2019 to 2027 and against the
/// rules (Easter by the Gregorian computus; first and last Mondays; substitutes on the next free weekday) for every
/// year; 2018 and 2028 against the rules only. A future year can still change by proclamation (as 2020, 2022 and 2023
/// did at a few months' notice), so the far end of the table should be re-read against the feed each year.
///
/// Rules visible in the data: Good Friday is a holiday everywhere, Easter Monday not in Scotland; Scotland's summer bank
/// holiday is the first Monday of August, elsewhere the last; when Christmas Day or Boxing Day is a weekend the
/// holiday moves to the next weekday not already a holiday (so Christmas on a Sunday is kept on Tuesday 27th, Boxing
/// Day keeping Monday 26th); in Scotland New Year's Day's substitute takes the Monday first and 2 January follows it.
public enum BankHolidays {
    /// The years the tables cover, in every jurisdiction. Asking about another year throws `CalendarNotCovered`.
    public static let coveredYears: ClosedRange<Int> = 2018...2028

    /// Every bank holiday in `jurisdiction` over the covered years, in date order.
    public static func all(in jurisdiction: UKJurisdiction) -> [BankHoliday] {
        switch jurisdiction {
        case .englandAndWales: englandAndWales
        case .scotland: scotland
        case .northernIreland: northernIreland
        }
    }

    /// The bank holidays of `year` in `jurisdiction`, in date order; throws when the year is not covered.
    public static func holidays(in year: Int, for jurisdiction: UKJurisdiction) throws(CalendarNotCovered) -> [BankHoliday] {
        try checkCovered(year, jurisdiction)
        return all(in: jurisdiction).filter { $0.date.year == year }
    }

    /// The bank holiday kept on `date` in `jurisdiction`, or nil on an ordinary day; throws when the year is not
    /// covered.
    public static func holiday(on date: LocalDate, in jurisdiction: UKJurisdiction) throws(CalendarNotCovered) -> BankHoliday? {
        try checkCovered(date.year, jurisdiction)
        return byDay[jurisdiction]?[date.dayNumber]
    }

    static func checkCovered(_ year: Int, _ jurisdiction: UKJurisdiction) throws(CalendarNotCovered) {
        guard coveredYears.contains(year) else { throw CalendarNotCovered(year: year, jurisdiction: jurisdiction) }
    }

    /// The tables keyed by day number, built once.
    private static let byDay: [UKJurisdiction: [Int: BankHoliday]] = Dictionary(
        uniqueKeysWithValues: UKJurisdiction.allCases.map { jurisdiction in
            (jurisdiction, Dictionary(all(in: jurisdiction).map { ($0.date.dayNumber, $0) }, uniquingKeysWith: { first, _ in first }))
        }
    )

    /// England and Wales, 2018 to 2028.
    static let englandAndWales: [BankHoliday] = [
        // 2018
        BankHoliday("2018-01-01", "New Year's Day"),  // Mon
        BankHoliday("2018-03-30", "Good Friday"),  // Fri
        BankHoliday("2018-04-02", "Easter Monday"),  // Mon
        BankHoliday("2018-05-07", "Early May bank holiday"),  // Mon
        BankHoliday("2018-05-28", "Spring bank holiday"),  // Mon
        BankHoliday("2018-08-27", "Summer bank holiday"),  // Mon
        BankHoliday("2018-12-25", "Christmas Day"),  // Tue
        BankHoliday("2018-12-26", "Boxing Day"),  // Wed
        // 2019
        BankHoliday("2019-01-01", "New Year's Day"),  // Tue
        BankHoliday("2019-04-19", "Good Friday"),  // Fri
        BankHoliday("2019-04-22", "Easter Monday"),  // Mon
        BankHoliday("2019-05-06", "Early May bank holiday"),  // Mon
        BankHoliday("2019-05-27", "Spring bank holiday"),  // Mon
        BankHoliday("2019-08-26", "Summer bank holiday"),  // Mon
        BankHoliday("2019-12-25", "Christmas Day"),  // Wed
        BankHoliday("2019-12-26", "Boxing Day"),  // Thu
        // 2020
        BankHoliday("2020-01-01", "New Year's Day"),  // Wed
        BankHoliday("2020-04-10", "Good Friday"),  // Fri
        BankHoliday("2020-04-13", "Easter Monday"),  // Mon
        BankHoliday("2020-05-08", "Early May bank holiday (VE Day)"),  // Fri
        BankHoliday("2020-05-25", "Spring bank holiday"),  // Mon
        BankHoliday("2020-08-31", "Summer bank holiday"),  // Mon
        BankHoliday("2020-12-25", "Christmas Day"),  // Fri
        BankHoliday("2020-12-28", "Boxing Day (substitute day)"),  // Mon
        // 2021
        BankHoliday("2021-01-01", "New Year's Day"),  // Fri
        BankHoliday("2021-04-02", "Good Friday"),  // Fri
        BankHoliday("2021-04-05", "Easter Monday"),  // Mon
        BankHoliday("2021-05-03", "Early May bank holiday"),  // Mon
        BankHoliday("2021-05-31", "Spring bank holiday"),  // Mon
        BankHoliday("2021-08-30", "Summer bank holiday"),  // Mon
        BankHoliday("2021-12-27", "Christmas Day (substitute day)"),  // Mon
        BankHoliday("2021-12-28", "Boxing Day (substitute day)"),  // Tue
        // 2022
        BankHoliday("2022-01-03", "New Year's Day (substitute day)"),  // Mon
        BankHoliday("2022-04-15", "Good Friday"),  // Fri
        BankHoliday("2022-04-18", "Easter Monday"),  // Mon
        BankHoliday("2022-05-02", "Early May bank holiday"),  // Mon
        BankHoliday("2022-06-02", "Spring bank holiday"),  // Thu
        BankHoliday("2022-06-03", "Platinum Jubilee bank holiday"),  // Fri
        BankHoliday("2022-08-29", "Summer bank holiday"),  // Mon
        BankHoliday("2022-09-19", "Bank holiday for the State Funeral of Queen Elizabeth II"),  // Mon
        BankHoliday("2022-12-26", "Boxing Day"),  // Mon
        BankHoliday("2022-12-27", "Christmas Day (substitute day)"),  // Tue
        // 2023
        BankHoliday("2023-01-02", "New Year's Day (substitute day)"),  // Mon
        BankHoliday("2023-04-07", "Good Friday"),  // Fri
        BankHoliday("2023-04-10", "Easter Monday"),  // Mon
        BankHoliday("2023-05-01", "Early May bank holiday"),  // Mon
        BankHoliday("2023-05-08", "Bank holiday for the coronation of King Charles III"),  // Mon
        BankHoliday("2023-05-29", "Spring bank holiday"),  // Mon
        BankHoliday("2023-08-28", "Summer bank holiday"),  // Mon
        BankHoliday("2023-12-25", "Christmas Day"),  // Mon
        BankHoliday("2023-12-26", "Boxing Day"),  // Tue
        // 2024
        BankHoliday("2024-01-01", "New Year's Day"),  // Mon
        BankHoliday("2024-03-29", "Good Friday"),  // Fri
        BankHoliday("2024-04-01", "Easter Monday"),  // Mon
        BankHoliday("2024-05-06", "Early May bank holiday"),  // Mon
        BankHoliday("2024-05-27", "Spring bank holiday"),  // Mon
        BankHoliday("2024-08-26", "Summer bank holiday"),  // Mon
        BankHoliday("2024-12-25", "Christmas Day"),  // Wed
        BankHoliday("2024-12-26", "Boxing Day"),  // Thu
        // 2025
        BankHoliday("2025-01-01", "New Year's Day"),  // Wed
        BankHoliday("2025-04-18", "Good Friday"),  // Fri
        BankHoliday("2025-04-21", "Easter Monday"),  // Mon
        BankHoliday("2025-05-05", "Early May bank holiday"),  // Mon
        BankHoliday("2025-05-26", "Spring bank holiday"),  // Mon
        BankHoliday("2025-08-25", "Summer bank holiday"),  // Mon
        BankHoliday("2025-12-25", "Christmas Day"),  // Thu
        BankHoliday("2025-12-26", "Boxing Day"),  // Fri
        // 2026
        BankHoliday("2026-01-01", "New Year's Day"),  // Thu
        BankHoliday("2026-04-03", "Good Friday"),  // Fri
        BankHoliday("2026-04-06", "Easter Monday"),  // Mon
        BankHoliday("2026-05-04", "Early May bank holiday"),  // Mon
        BankHoliday("2026-05-25", "Spring bank holiday"),  // Mon
        BankHoliday("2026-08-31", "Summer bank holiday"),  // Mon
        BankHoliday("2026-12-25", "Christmas Day"),  // Fri
        BankHoliday("2026-12-28", "Boxing Day (substitute day)"),  // Mon
        // 2027
        BankHoliday("2027-01-01", "New Year's Day"),  // Fri
        BankHoliday("2027-03-26", "Good Friday"),  // Fri
        BankHoliday("2027-03-29", "Easter Monday"),  // Mon
        BankHoliday("2027-05-03", "Early May bank holiday"),  // Mon
        BankHoliday("2027-05-31", "Spring bank holiday"),  // Mon
        BankHoliday("2027-08-30", "Summer bank holiday"),  // Mon
        BankHoliday("2027-12-27", "Christmas Day (substitute day)"),  // Mon
        BankHoliday("2027-12-28", "Boxing Day (substitute day)"),  // Tue
        // 2028
        BankHoliday("2028-01-03", "New Year's Day (substitute day)"),  // Mon
        BankHoliday("2028-04-14", "Good Friday"),  // Fri
        BankHoliday("2028-04-17", "Easter Monday"),  // Mon
        BankHoliday("2028-05-01", "Early May bank holiday"),  // Mon
        BankHoliday("2028-05-29", "Spring bank holiday"),  // Mon
        BankHoliday("2028-08-28", "Summer bank holiday"),  // Mon
        BankHoliday("2028-12-25", "Christmas Day"),  // Mon
        BankHoliday("2028-12-26", "Boxing Day"),  // Tue
    ]

    /// Scotland, 2018 to 2028.
    static let scotland: [BankHoliday] = [
        // 2018
        BankHoliday("2018-01-01", "New Year's Day"),  // Mon
        BankHoliday("2018-01-02", "2nd January"),  // Tue
        BankHoliday("2018-03-30", "Good Friday"),  // Fri
        BankHoliday("2018-05-07", "Early May bank holiday"),  // Mon
        BankHoliday("2018-05-28", "Spring bank holiday"),  // Mon
        BankHoliday("2018-08-06", "Summer bank holiday"),  // Mon
        BankHoliday("2018-11-30", "St Andrew's Day"),  // Fri
        BankHoliday("2018-12-25", "Christmas Day"),  // Tue
        BankHoliday("2018-12-26", "Boxing Day"),  // Wed
        // 2019
        BankHoliday("2019-01-01", "New Year's Day"),  // Tue
        BankHoliday("2019-01-02", "2nd January"),  // Wed
        BankHoliday("2019-04-19", "Good Friday"),  // Fri
        BankHoliday("2019-05-06", "Early May bank holiday"),  // Mon
        BankHoliday("2019-05-27", "Spring bank holiday"),  // Mon
        BankHoliday("2019-08-05", "Summer bank holiday"),  // Mon
        BankHoliday("2019-12-02", "St Andrew's Day (substitute day)"),  // Mon
        BankHoliday("2019-12-25", "Christmas Day"),  // Wed
        BankHoliday("2019-12-26", "Boxing Day"),  // Thu
        // 2020
        BankHoliday("2020-01-01", "New Year's Day"),  // Wed
        BankHoliday("2020-01-02", "2nd January"),  // Thu
        BankHoliday("2020-04-10", "Good Friday"),  // Fri
        BankHoliday("2020-05-08", "Early May bank holiday (VE Day)"),  // Fri
        BankHoliday("2020-05-25", "Spring bank holiday"),  // Mon
        BankHoliday("2020-08-03", "Summer bank holiday"),  // Mon
        BankHoliday("2020-11-30", "St Andrew's Day"),  // Mon
        BankHoliday("2020-12-25", "Christmas Day"),  // Fri
        BankHoliday("2020-12-28", "Boxing Day (substitute day)"),  // Mon
        // 2021
        BankHoliday("2021-01-01", "New Year's Day"),  // Fri
        BankHoliday("2021-01-04", "2nd January (substitute day)"),  // Mon
        BankHoliday("2021-04-02", "Good Friday"),  // Fri
        BankHoliday("2021-05-03", "Early May bank holiday"),  // Mon
        BankHoliday("2021-05-31", "Spring bank holiday"),  // Mon
        BankHoliday("2021-08-02", "Summer bank holiday"),  // Mon
        BankHoliday("2021-11-30", "St Andrew's Day"),  // Tue
        BankHoliday("2021-12-27", "Christmas Day (substitute day)"),  // Mon
        BankHoliday("2021-12-28", "Boxing Day (substitute day)"),  // Tue
        // 2022
        BankHoliday("2022-01-03", "New Year's Day (substitute day)"),  // Mon
        BankHoliday("2022-01-04", "2nd January (substitute day)"),  // Tue
        BankHoliday("2022-04-15", "Good Friday"),  // Fri
        BankHoliday("2022-05-02", "Early May bank holiday"),  // Mon
        BankHoliday("2022-06-02", "Spring bank holiday"),  // Thu
        BankHoliday("2022-06-03", "Platinum Jubilee bank holiday"),  // Fri
        BankHoliday("2022-08-01", "Summer bank holiday"),  // Mon
        BankHoliday("2022-09-19", "Bank holiday for the State Funeral of Queen Elizabeth II"),  // Mon
        BankHoliday("2022-11-30", "St Andrew's Day"),  // Wed
        BankHoliday("2022-12-26", "Boxing Day"),  // Mon
        BankHoliday("2022-12-27", "Christmas Day (substitute day)"),  // Tue
        // 2023
        BankHoliday("2023-01-02", "New Year's Day (substitute day)"),  // Mon
        BankHoliday("2023-01-03", "2nd January (substitute day)"),  // Tue
        BankHoliday("2023-04-07", "Good Friday"),  // Fri
        BankHoliday("2023-05-01", "Early May bank holiday"),  // Mon
        BankHoliday("2023-05-08", "Bank holiday for the coronation of King Charles III"),  // Mon
        BankHoliday("2023-05-29", "Spring bank holiday"),  // Mon
        BankHoliday("2023-08-07", "Summer bank holiday"),  // Mon
        BankHoliday("2023-11-30", "St Andrew's Day"),  // Thu
        BankHoliday("2023-12-25", "Christmas Day"),  // Mon
        BankHoliday("2023-12-26", "Boxing Day"),  // Tue
        // 2024
        BankHoliday("2024-01-01", "New Year's Day"),  // Mon
        BankHoliday("2024-01-02", "2nd January"),  // Tue
        BankHoliday("2024-03-29", "Good Friday"),  // Fri
        BankHoliday("2024-05-06", "Early May bank holiday"),  // Mon
        BankHoliday("2024-05-27", "Spring bank holiday"),  // Mon
        BankHoliday("2024-08-05", "Summer bank holiday"),  // Mon
        BankHoliday("2024-12-02", "St Andrew's Day (substitute day)"),  // Mon
        BankHoliday("2024-12-25", "Christmas Day"),  // Wed
        BankHoliday("2024-12-26", "Boxing Day"),  // Thu
        // 2025
        BankHoliday("2025-01-01", "New Year's Day"),  // Wed
        BankHoliday("2025-01-02", "2nd January"),  // Thu
        BankHoliday("2025-04-18", "Good Friday"),  // Fri
        BankHoliday("2025-05-05", "Early May bank holiday"),  // Mon
        BankHoliday("2025-05-26", "Spring bank holiday"),  // Mon
        BankHoliday("2025-08-04", "Summer bank holiday"),  // Mon
        BankHoliday("2025-12-01", "St Andrew's Day (substitute day)"),  // Mon
        BankHoliday("2025-12-25", "Christmas Day"),  // Thu
        BankHoliday("2025-12-26", "Boxing Day"),  // Fri
        // 2026
        BankHoliday("2026-01-01", "New Year's Day"),  // Thu
        BankHoliday("2026-01-02", "2nd January"),  // Fri
        BankHoliday("2026-04-03", "Good Friday"),  // Fri
        BankHoliday("2026-05-04", "Early May bank holiday"),  // Mon
        BankHoliday("2026-05-25", "Spring bank holiday"),  // Mon
        BankHoliday("2026-08-03", "Summer bank holiday"),  // Mon
        BankHoliday("2026-11-30", "St Andrew's Day"),  // Mon
        BankHoliday("2026-12-25", "Christmas Day"),  // Fri
        BankHoliday("2026-12-28", "Boxing Day (substitute day)"),  // Mon
        // 2027
        BankHoliday("2027-01-01", "New Year's Day"),  // Fri
        BankHoliday("2027-01-04", "2nd January (substitute day)"),  // Mon
        BankHoliday("2027-03-26", "Good Friday"),  // Fri
        BankHoliday("2027-05-03", "Early May bank holiday"),  // Mon
        BankHoliday("2027-05-31", "Spring bank holiday"),  // Mon
        BankHoliday("2027-08-02", "Summer bank holiday"),  // Mon
        BankHoliday("2027-11-30", "St Andrew's Day"),  // Tue
        BankHoliday("2027-12-27", "Christmas Day (substitute day)"),  // Mon
        BankHoliday("2027-12-28", "Boxing Day (substitute day)"),  // Tue
        // 2028
        BankHoliday("2028-01-03", "New Year's Day (substitute day)"),  // Mon
        BankHoliday("2028-01-04", "2nd January (substitute day)"),  // Tue
        BankHoliday("2028-04-14", "Good Friday"),  // Fri
        BankHoliday("2028-05-01", "Early May bank holiday"),  // Mon
        BankHoliday("2028-05-29", "Spring bank holiday"),  // Mon
        BankHoliday("2028-08-07", "Summer bank holiday"),  // Mon
        BankHoliday("2028-11-30", "St Andrew's Day"),  // Thu
        BankHoliday("2028-12-25", "Christmas Day"),  // Mon
        BankHoliday("2028-12-26", "Boxing Day"),  // Tue
    ]

    /// Northern Ireland, 2018 to 2028.
    static let northernIreland: [BankHoliday] = [
        // 2018
        BankHoliday("2018-01-01", "New Year's Day"),  // Mon
        BankHoliday("2018-03-19", "St Patrick's Day (substitute day)"),  // Mon
        BankHoliday("2018-03-30", "Good Friday"),  // Fri
        BankHoliday("2018-04-02", "Easter Monday"),  // Mon
        BankHoliday("2018-05-07", "Early May bank holiday"),  // Mon
        BankHoliday("2018-05-28", "Spring bank holiday"),  // Mon
        BankHoliday("2018-07-12", "Battle of the Boyne"),  // Thu
        BankHoliday("2018-08-27", "Summer bank holiday"),  // Mon
        BankHoliday("2018-12-25", "Christmas Day"),  // Tue
        BankHoliday("2018-12-26", "Boxing Day"),  // Wed
        // 2019
        BankHoliday("2019-01-01", "New Year's Day"),  // Tue
        BankHoliday("2019-03-18", "St Patrick's Day (substitute day)"),  // Mon
        BankHoliday("2019-04-19", "Good Friday"),  // Fri
        BankHoliday("2019-04-22", "Easter Monday"),  // Mon
        BankHoliday("2019-05-06", "Early May bank holiday"),  // Mon
        BankHoliday("2019-05-27", "Spring bank holiday"),  // Mon
        BankHoliday("2019-07-12", "Battle of the Boyne"),  // Fri
        BankHoliday("2019-08-26", "Summer bank holiday"),  // Mon
        BankHoliday("2019-12-25", "Christmas Day"),  // Wed
        BankHoliday("2019-12-26", "Boxing Day"),  // Thu
        // 2020
        BankHoliday("2020-01-01", "New Year's Day"),  // Wed
        BankHoliday("2020-03-17", "St Patrick's Day"),  // Tue
        BankHoliday("2020-04-10", "Good Friday"),  // Fri
        BankHoliday("2020-04-13", "Easter Monday"),  // Mon
        BankHoliday("2020-05-08", "Early May bank holiday (VE Day)"),  // Fri
        BankHoliday("2020-05-25", "Spring bank holiday"),  // Mon
        BankHoliday("2020-07-13", "Battle of the Boyne (substitute day)"),  // Mon
        BankHoliday("2020-08-31", "Summer bank holiday"),  // Mon
        BankHoliday("2020-12-25", "Christmas Day"),  // Fri
        BankHoliday("2020-12-28", "Boxing Day (substitute day)"),  // Mon
        // 2021
        BankHoliday("2021-01-01", "New Year's Day"),  // Fri
        BankHoliday("2021-03-17", "St Patrick's Day"),  // Wed
        BankHoliday("2021-04-02", "Good Friday"),  // Fri
        BankHoliday("2021-04-05", "Easter Monday"),  // Mon
        BankHoliday("2021-05-03", "Early May bank holiday"),  // Mon
        BankHoliday("2021-05-31", "Spring bank holiday"),  // Mon
        BankHoliday("2021-07-12", "Battle of the Boyne"),  // Mon
        BankHoliday("2021-08-30", "Summer bank holiday"),  // Mon
        BankHoliday("2021-12-27", "Christmas Day (substitute day)"),  // Mon
        BankHoliday("2021-12-28", "Boxing Day (substitute day)"),  // Tue
        // 2022
        BankHoliday("2022-01-03", "New Year's Day (substitute day)"),  // Mon
        BankHoliday("2022-03-17", "St Patrick's Day"),  // Thu
        BankHoliday("2022-04-15", "Good Friday"),  // Fri
        BankHoliday("2022-04-18", "Easter Monday"),  // Mon
        BankHoliday("2022-05-02", "Early May bank holiday"),  // Mon
        BankHoliday("2022-06-02", "Spring bank holiday"),  // Thu
        BankHoliday("2022-06-03", "Platinum Jubilee bank holiday"),  // Fri
        BankHoliday("2022-07-12", "Battle of the Boyne"),  // Tue
        BankHoliday("2022-08-29", "Summer bank holiday"),  // Mon
        BankHoliday("2022-09-19", "Bank holiday for the State Funeral of Queen Elizabeth II"),  // Mon
        BankHoliday("2022-12-26", "Boxing Day"),  // Mon
        BankHoliday("2022-12-27", "Christmas Day (substitute day)"),  // Tue
        // 2023
        BankHoliday("2023-01-02", "New Year's Day (substitute day)"),  // Mon
        BankHoliday("2023-03-17", "St Patrick's Day"),  // Fri
        BankHoliday("2023-04-07", "Good Friday"),  // Fri
        BankHoliday("2023-04-10", "Easter Monday"),  // Mon
        BankHoliday("2023-05-01", "Early May bank holiday"),  // Mon
        BankHoliday("2023-05-08", "Bank holiday for the coronation of King Charles III"),  // Mon
        BankHoliday("2023-05-29", "Spring bank holiday"),  // Mon
        BankHoliday("2023-07-12", "Battle of the Boyne"),  // Wed
        BankHoliday("2023-08-28", "Summer bank holiday"),  // Mon
        BankHoliday("2023-12-25", "Christmas Day"),  // Mon
        BankHoliday("2023-12-26", "Boxing Day"),  // Tue
        // 2024
        BankHoliday("2024-01-01", "New Year's Day"),  // Mon
        BankHoliday("2024-03-18", "St Patrick's Day (substitute day)"),  // Mon
        BankHoliday("2024-03-29", "Good Friday"),  // Fri
        BankHoliday("2024-04-01", "Easter Monday"),  // Mon
        BankHoliday("2024-05-06", "Early May bank holiday"),  // Mon
        BankHoliday("2024-05-27", "Spring bank holiday"),  // Mon
        BankHoliday("2024-07-12", "Battle of the Boyne"),  // Fri
        BankHoliday("2024-08-26", "Summer bank holiday"),  // Mon
        BankHoliday("2024-12-25", "Christmas Day"),  // Wed
        BankHoliday("2024-12-26", "Boxing Day"),  // Thu
        // 2025
        BankHoliday("2025-01-01", "New Year's Day"),  // Wed
        BankHoliday("2025-03-17", "St Patrick's Day"),  // Mon
        BankHoliday("2025-04-18", "Good Friday"),  // Fri
        BankHoliday("2025-04-21", "Easter Monday"),  // Mon
        BankHoliday("2025-05-05", "Early May bank holiday"),  // Mon
        BankHoliday("2025-05-26", "Spring bank holiday"),  // Mon
        BankHoliday("2025-07-14", "Battle of the Boyne (substitute day)"),  // Mon
        BankHoliday("2025-08-25", "Summer bank holiday"),  // Mon
        BankHoliday("2025-12-25", "Christmas Day"),  // Thu
        BankHoliday("2025-12-26", "Boxing Day"),  // Fri
        // 2026
        BankHoliday("2026-01-01", "New Year's Day"),  // Thu
        BankHoliday("2026-03-17", "St Patrick's Day"),  // Tue
        BankHoliday("2026-04-03", "Good Friday"),  // Fri
        BankHoliday("2026-04-06", "Easter Monday"),  // Mon
        BankHoliday("2026-05-04", "Early May bank holiday"),  // Mon
        BankHoliday("2026-05-25", "Spring bank holiday"),  // Mon
        BankHoliday("2026-07-13", "Battle of the Boyne (substitute day)"),  // Mon
        BankHoliday("2026-08-31", "Summer bank holiday"),  // Mon
        BankHoliday("2026-12-25", "Christmas Day"),  // Fri
        BankHoliday("2026-12-28", "Boxing Day (substitute day)"),  // Mon
        // 2027
        BankHoliday("2027-01-01", "New Year's Day"),  // Fri
        BankHoliday("2027-03-17", "St Patrick's Day"),  // Wed
        BankHoliday("2027-03-26", "Good Friday"),  // Fri
        BankHoliday("2027-03-29", "Easter Monday"),  // Mon
        BankHoliday("2027-05-03", "Early May bank holiday"),  // Mon
        BankHoliday("2027-05-31", "Spring bank holiday"),  // Mon
        BankHoliday("2027-07-12", "Battle of the Boyne"),  // Mon
        BankHoliday("2027-08-30", "Summer bank holiday"),  // Mon
        BankHoliday("2027-12-27", "Christmas Day (substitute day)"),  // Mon
        BankHoliday("2027-12-28", "Boxing Day (substitute day)"),  // Tue
        // 2028
        BankHoliday("2028-01-03", "New Year's Day (substitute day)"),  // Mon
        BankHoliday("2028-03-17", "St Patrick's Day"),  // Fri
        BankHoliday("2028-04-14", "Good Friday"),  // Fri
        BankHoliday("2028-04-17", "Easter Monday"),  // Mon
        BankHoliday("2028-05-01", "Early May bank holiday"),  // Mon
        BankHoliday("2028-05-29", "Spring bank holiday"),  // Mon
        BankHoliday("2028-07-12", "Battle of the Boyne"),  // Wed
        BankHoliday("2028-08-28", "Summer bank holiday"),  // Mon
        BankHoliday("2028-12-25", "Christmas Day"),  // Mon
        BankHoliday("2028-12-26", "Boxing Day"),  // Tue
    ]
}
