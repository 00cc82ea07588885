import CaseworkDomain
import Testing

private func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

private let england = WorkingDayCalendar(.englandAndWales)
private let scotland = WorkingDayCalendar(.scotland)
private let northernIreland = WorkingDayCalendar(.northernIreland)

/// One row of the known-dates table: `n` working days after `start` in `jurisdiction` is `expected`.
struct WorkingDayCase: Sendable, CustomTestStringConvertible {
    let jurisdiction: UKJurisdiction
    let start: String
    let n: Int
    let expected: String
    let working: String

    init(_ jurisdiction: UKJurisdiction, _ start: String, plus n: Int, is expected: String, _ working: String) {
        self.jurisdiction = jurisdiction
        self.start = start
        self.n = n
        self.expected = expected
        self.working = working
    }

    var testDescription: String { "\(jurisdiction.title): \(n) after \(start) is \(expected)" }
}

/// Worked by hand, each against the GOV.UK list for its year; the comment is the working.
private let knownDates: [WorkingDayCase] = [
    // The brief's example: Mon 4 (1), Tue 5 (2), Wed 6 (3), Thu 7 (4), Fri 8 (5).
    .init(.englandAndWales, "2024-11-01", plus: 5, is: "2024-11-08", "no holidays; weekend skipped"),
    // Christmas 2023: Fri 22 (1), [Sat, Sun, Mon 25 Christmas, Tue 26 Boxing Day], Wed 27 (2), Thu 28 (3), Fri 29 (4),
    // [Sat 30, Sun 31, Mon 1 Jan New Year's Day], Tue 2 Jan (5).
    .init(.englandAndWales, "2023-12-21", plus: 5, is: "2024-01-02", "25, 26 Dec and 1 Jan closed"),
    .init(.northernIreland, "2023-12-21", plus: 5, is: "2024-01-02", "same as England and Wales"),
    // Scotland also closes Tue 2 Jan 2024 (2nd January), so the fifth is Wed 3 Jan.
    .init(.scotland, "2023-12-21", plus: 5, is: "2024-01-03", "2 January closed in Scotland"),
    // Easter 2024: Good Friday 29 Mar everywhere; Easter Monday 1 Apr not in Scotland.
    .init(.englandAndWales, "2024-03-28", plus: 1, is: "2024-04-02", "Good Friday and Easter Monday closed"),
    .init(.northernIreland, "2024-03-28", plus: 1, is: "2024-04-02", "Good Friday and Easter Monday closed"),
    .init(.scotland, "2024-03-28", plus: 1, is: "2024-04-01", "Easter Monday open in Scotland"),
    // Jubilee week 2022: Mon 30 May open (spring holiday moved), Mon 30 (1), Tue 31 (2), Wed 1 Jun (3), [Thu 2 spring
    // bank holiday, Fri 3 Platinum Jubilee], Mon 6 (4), Tue 7 (5). The same in all three.
    .init(.englandAndWales, "2022-05-27", plus: 5, is: "2022-06-07", "2 and 3 June closed, 30 May open"),
    .init(.scotland, "2022-05-27", plus: 5, is: "2022-06-07", "2 and 3 June closed, 30 May open"),
    .init(.northernIreland, "2022-05-27", plus: 5, is: "2022-06-07", "2 and 3 June closed, 30 May open"),
    // St Andrew's Day 2026 is Monday 30 Nov itself (no substitute); 2025's (a Sunday) is kept on Monday 1 Dec.
    .init(.scotland, "2026-11-27", plus: 1, is: "2026-12-01", "St Andrew's Day, Monday 30 Nov 2026"),
    .init(.englandAndWales, "2026-11-27", plus: 1, is: "2026-11-30", "St Andrew's Day open in England"),
    .init(.scotland, "2025-11-28", plus: 1, is: "2025-12-02", "St Andrew's Day substitute, Monday 1 Dec 2025"),
    // 12 July 2025 is a Saturday: Northern Ireland keeps the Battle of the Boyne on Monday 14 July.
    .init(.northernIreland, "2025-07-11", plus: 1, is: "2025-07-15", "Boyne substitute, Monday 14 July"),
    .init(.englandAndWales, "2025-07-11", plus: 1, is: "2025-07-14", "Boyne not a holiday in England"),
    // St Patrick's Day 2024 is a Sunday: Northern Ireland keeps it on Monday 18 March.
    .init(.northernIreland, "2024-03-15", plus: 1, is: "2024-03-19", "St Patrick's substitute, Monday 18 March"),
    .init(.englandAndWales, "2024-03-15", plus: 1, is: "2024-03-18", "St Patrick's not a holiday in England"),
    // Christmas 2021 (Sat) and Boxing Day (Sun) kept Mon 27 and Tue 28: Wed 29 (1), Thu 30 (2), Fri 31 (3),
    // [Sat 1, Sun 2, Mon 3 Jan New Year's substitute], Tue 4 (4); Scotland also closes Tue 4 (2nd January
    // substitute), so its fourth is Wed 5.
    .init(.englandAndWales, "2021-12-24", plus: 1, is: "2021-12-29", "27 and 28 Dec substitutes"),
    .init(.englandAndWales, "2021-12-24", plus: 3, is: "2021-12-31", "27 and 28 Dec substitutes"),
    .init(.englandAndWales, "2021-12-24", plus: 4, is: "2022-01-04", "3 Jan New Year substitute"),
    .init(.scotland, "2021-12-24", plus: 4, is: "2022-01-05", "3 and 4 Jan substitutes in Scotland"),
    // Christmas 2022 is a Sunday: Boxing Day keeps Mon 26, Christmas is kept Tue 27; Wed 28 is the first.
    .init(.englandAndWales, "2022-12-23", plus: 1, is: "2022-12-28", "26 Dec Boxing Day, 27 Dec Christmas substitute"),
    // New Year 2023 is a Sunday: kept Mon 2 Jan; in Scotland 2nd January moves on to Tue 3 Jan.
    .init(.englandAndWales, "2022-12-30", plus: 1, is: "2023-01-03", "2 Jan New Year substitute"),
    .init(.scotland, "2022-12-30", plus: 1, is: "2023-01-04", "2 and 3 Jan substitutes in Scotland"),
    // New Year 2021 (Fri) and 2 January (Sat, kept Mon 4 Jan in Scotland).
    .init(.englandAndWales, "2020-12-31", plus: 1, is: "2021-01-04", "1 Jan closed"),
    .init(.scotland, "2020-12-31", plus: 1, is: "2021-01-05", "1 Jan and 4 Jan closed in Scotland"),
    // VE Day 2020: early May bank holiday moved from Mon 4 to Fri 8 May. Mon 4 (1) … Thu 7 (4), [Fri 8], Mon 11 (5).
    .init(.englandAndWales, "2020-05-01", plus: 5, is: "2020-05-11", "4 May open, 8 May closed"),
    .init(.englandAndWales, "2020-05-01", plus: 1, is: "2020-05-04", "4 May open in 2020"),
    // The State Funeral (Mon 19 Sep 2022) and the coronation (Mon 8 May 2023).
    .init(.englandAndWales, "2022-09-16", plus: 1, is: "2022-09-20", "19 Sep 2022 closed"),
    .init(.northernIreland, "2023-05-05", plus: 1, is: "2023-05-09", "8 May 2023 closed"),
    // Summer bank holidays: Scotland first Monday of August, elsewhere last.
    .init(.scotland, "2024-08-02", plus: 1, is: "2024-08-06", "5 Aug closed in Scotland"),
    .init(.englandAndWales, "2024-08-02", plus: 1, is: "2024-08-05", "5 Aug open in England"),
    .init(.englandAndWales, "2024-08-23", plus: 1, is: "2024-08-27", "26 Aug closed in England"),
    .init(.scotland, "2024-08-23", plus: 1, is: "2024-08-26", "26 Aug open in Scotland"),
    // The start day never counts: 1 after Saturday 23 and after Sunday 24 Dec 2023 is Wednesday 27.
    .init(.englandAndWales, "2023-12-23", plus: 1, is: "2023-12-27", "start on a Saturday"),
    .init(.englandAndWales, "2023-12-24", plus: 1, is: "2023-12-27", "start on a Sunday"),
    .init(.englandAndWales, "2023-12-25", plus: 1, is: "2023-12-27", "start on a bank holiday"),
    // Zero is the day itself, even a holiday; backwards counts from the day before.
    .init(.englandAndWales, "2023-12-25", plus: 0, is: "2023-12-25", "n = 0"),
    .init(.englandAndWales, "2024-01-02", plus: -1, is: "2023-12-29", "1 Jan and the weekend skipped backwards"),
    .init(.scotland, "2024-01-03", plus: -1, is: "2023-12-29", "1 and 2 Jan skipped backwards in Scotland"),
]

@Suite("UK working-day calendar")
struct WorkingDayTests {
    @Test("Known dates, with their bank holidays, in each jurisdiction", arguments: knownDates)
    func knownDate(row: WorkingDayCase) throws {
        let calendar = WorkingDayCalendar(row.jurisdiction)
        let result = try calendar.addingWorkingDays(row.n, to: date(row.start))
        #expect(result == date(row.expected), "\(row.working)")
        #expect(try calendar.workingDays(from: date(row.start), to: result) == row.n)
    }

    @Test("Bank holidays close the day in their own jurisdiction only")
    func holidaysByJurisdiction() throws {
        // Easter Monday 2024.
        #expect(try england.isWorkingDay(date("2024-04-01")) == false)
        #expect(try northernIreland.isWorkingDay(date("2024-04-01")) == false)
        #expect(try scotland.isWorkingDay(date("2024-04-01")) == true)
        // Good Friday 2024, everywhere.
        for calendar in [england, scotland, northernIreland] {
            #expect(try calendar.isWorkingDay(date("2024-03-29")) == false)
        }
        // St Andrew's Day 2026 is a Monday, and itself the holiday.
        #expect(date("2026-11-30").weekday == .monday)
        #expect(try scotland.bankHoliday(on: date("2026-11-30"))?.name == "St Andrew's Day")
        #expect(try england.isWorkingDay(date("2026-11-30")) == true)
        // 12 July 2025 is a Saturday; the Boyne is kept on Monday 14 July in Northern Ireland only.
        #expect(date("2025-07-12").weekday == .saturday)
        #expect(try northernIreland.bankHoliday(on: date("2025-07-14"))?.name == "Battle of the Boyne (substitute day)")
        #expect(try northernIreland.isWorkingDay(date("2025-07-14")) == false)
        #expect(try scotland.isWorkingDay(date("2025-07-14")) == true)
        // 2 January 2024 in Scotland only.
        #expect(try scotland.isWorkingDay(date("2024-01-02")) == false)
        #expect(try england.isWorkingDay(date("2024-01-02")) == true)
    }

    @Test("Christmas and New Year substitutes take the next free weekday")
    func substitutes() throws {
        // 2021: Christmas Saturday, Boxing Day Sunday.
        #expect(try england.bankHoliday(on: date("2021-12-27"))?.name == "Christmas Day (substitute day)")
        #expect(try england.bankHoliday(on: date("2021-12-28"))?.name == "Boxing Day (substitute day)")
        #expect(try england.bankHoliday(on: date("2021-12-25")) == nil)
        // 2022: Christmas Sunday; Boxing Day keeps Monday 26th, Christmas is kept Tuesday 27th.
        #expect(try england.bankHoliday(on: date("2022-12-26"))?.name == "Boxing Day")
        #expect(try england.bankHoliday(on: date("2022-12-27"))?.name == "Christmas Day (substitute day)")
        // 2023: New Year's Day Sunday; in Scotland its substitute takes Monday 2nd and 2 January moves to Tuesday 3rd.
        #expect(try scotland.bankHoliday(on: date("2023-01-02"))?.name == "New Year's Day (substitute day)")
        #expect(try scotland.bankHoliday(on: date("2023-01-03"))?.name == "2nd January (substitute day)")
        #expect(try england.isWorkingDay(date("2023-01-03")) == true)
    }

    @Test("The one-off changes of 2020, 2022 and 2023")
    func oneOffs() throws {
        for calendar in [england, scotland, northernIreland] {
            // 2020: early May moved from Monday 4 to Friday 8 May (VE Day).
            #expect(try calendar.isWorkingDay(date("2020-05-04")) == true)
            #expect(try calendar.bankHoliday(on: date("2020-05-08"))?.name == "Early May bank holiday (VE Day)")
            // 2022: spring bank holiday moved from Monday 30 May to Thursday 2 June, Platinum Jubilee Friday 3 June.
            #expect(try calendar.isWorkingDay(date("2022-05-30")) == true)
            #expect(try calendar.bankHoliday(on: date("2022-06-02"))?.name == "Spring bank holiday")
            #expect(try calendar.bankHoliday(on: date("2022-06-03"))?.name == "Platinum Jubilee bank holiday")
            #expect(try calendar.workingDays(from: date("2022-05-27"), to: date("2022-06-06")) == 4)
            // The State Funeral of Queen Elizabeth II and the coronation of King Charles III.
            #expect(try calendar.isWorkingDay(date("2022-09-19")) == false)
            #expect(try calendar.isWorkingDay(date("2023-05-08")) == false)
        }
        // Friday 1 May 2020 to Friday 8 May 2020: Mon 4 to Thu 7 count, Fri 8 is the VE Day holiday.
        #expect(try england.workingDays(from: date("2020-05-01"), to: date("2020-05-08")) == 4)
    }

    @Test("Each year's table: weekdays only, in order, no repeats, the right number of holidays")
    func tables() throws {
        let usual: [UKJurisdiction: Int] = [.englandAndWales: 8, .scotland: 9, .northernIreland: 10]
        for jurisdiction in UKJurisdiction.allCases {
            let all = BankHolidays.all(in: jurisdiction)
            #expect(zip(all, all.dropFirst()).allSatisfy { $0.date < $1.date }, "\(jurisdiction.title) in date order, no repeats")
            #expect(all.allSatisfy { !$0.date.weekday.isWeekend }, "\(jurisdiction.title): every holiday kept on a weekday")
            for year in BankHolidays.coveredYears {
                // 2022 has the moved spring holiday plus the Jubilee and the State Funeral; 2023 the coronation.
                let extra = year == 2022 ? 2 : year == 2023 ? 1 : 0
                let holidays = try BankHolidays.holidays(in: year, for: jurisdiction)
                #expect(holidays.count == usual[jurisdiction]! + extra, "\(jurisdiction.title) \(year)")
                #expect(holidays.filter { $0.name.hasPrefix("Good Friday") }.count == 1)
                #expect(holidays.filter { $0.name.hasPrefix("Easter Monday") }.count == (jurisdiction == .scotland ? 0 : 1))
            }
        }
        #expect(BankHolidays.coveredYears == 2018...2028)
        #expect(UKJurisdiction.allCases.map(\.rawValue) == ["england-and-wales", "scotland", "northern-ireland"])
    }

    @Test("Working days in 2024: weekdays less each jurisdiction's holidays")
    func yearTotals() throws {
        // 2024 is a leap year starting on a Monday: 262 weekdays. Every 2024 holiday is on a weekday:
        // England and Wales 8, Scotland 9, Northern Ireland 10.
        #expect(try england.workingDays(from: date("2023-12-31"), to: date("2024-12-31")) == 254)
        #expect(try scotland.workingDays(from: date("2023-12-31"), to: date("2024-12-31")) == 253)
        #expect(try northernIreland.workingDays(from: date("2023-12-31"), to: date("2024-12-31")) == 252)
        // Backwards, the anchor is left out and the end counted: 1 Jan 2025 (closed) back to 1 Jan 2024 (closed).
        #expect(try england.workingDays(from: date("2025-01-01"), to: date("2024-01-01")) == -254)
    }

    @Test("Counting agrees with adding, and with a day-by-day count, over a whole year", arguments: UKJurisdiction.allCases)
    func countAgreesWithAdd(jurisdiction: UKJurisdiction) throws {
        let calendar = WorkingDayCalendar(jurisdiction)
        let first = date("2024-01-01")
        for offset in 0..<366 {
            let start = first.adding(days: offset)
            for n in -12...12 {
                let end = try calendar.addingWorkingDays(n, to: start)
                #expect(try calendar.workingDays(from: start, to: end) == n, "\(n) from \(start)")
                if n != 0 {
                    #expect(try calendar.isWorkingDay(end), "\(n) from \(start) lands on a working day")
                    // The first such day: one day nearer the start, the count is one short.
                    let nearer = end.adding(days: n > 0 ? -1 : 1)
                    #expect(try calendar.workingDays(from: start, to: nearer) == n - (n > 0 ? 1 : -1), "\(n) from \(start) is the first")
                }
            }
        }
        // The count from 31 Dec 2023 against a running total of isWorkingDay over the year.
        var running = 0
        for offset in 0..<366 {
            let day = first.adding(days: offset)
            if try calendar.isWorkingDay(day) { running += 1 }
            #expect(try calendar.workingDays(from: date("2023-12-31"), to: day) == running, "\(day)")
        }
    }

    @Test("The next working day on or after a date")
    func nextWorkingDay() throws {
        #expect(try england.nextWorkingDay(onOrAfter: date("2023-12-22")) == date("2023-12-22"))
        #expect(try england.nextWorkingDay(onOrAfter: date("2023-12-23")) == date("2023-12-27"))
        #expect(try scotland.nextWorkingDay(onOrAfter: date("2023-12-30")) == date("2024-01-03"))
        #expect(try england.nextWorkingDay(onOrAfter: date("2023-12-30")) == date("2024-01-02"))
        #expect(try northernIreland.nextWorkingDay(onOrAfter: date("2025-07-12")) == date("2025-07-15"))
    }

    @Test("Weekdays: 1 January 1970 was a Thursday")
    func weekdays() {
        #expect(date("1970-01-01").weekday == .thursday)
        #expect(date("2024-11-01").weekday == .friday)
        #expect(date("2024-11-03").weekday == .sunday)
        #expect(date("1969-12-29").weekday == .monday)
        #expect(Weekday.saturday.isWeekend && Weekday.sunday.isWeekend && !Weekday.friday.isWeekend)
    }

    @Test("The platform default is England and Wales")
    func platformDefault() {
        #expect(WorkingDayCalendar.platformDefault.jurisdiction == .englandAndWales)
        #expect(WorkingDayCalendar().jurisdiction == .englandAndWales)
    }

    @Test("Years outside the tables are refused, not answered as holiday-free")
    func outOfRange() throws {
        #expect(throws: CalendarNotCovered(year: 2017, jurisdiction: .englandAndWales)) {
            try england.isWorkingDay(date("2017-12-29"))
        }
        #expect(throws: CalendarNotCovered(year: 2029, jurisdiction: .scotland)) {
            try BankHolidays.holidays(in: 2029, for: .scotland)
        }
        // Friday 29 Dec 2028 + 1 needs Monday 1 Jan 2029.
        #expect(throws: CalendarNotCovered(year: 2029, jurisdiction: .englandAndWales)) {
            try england.addingWorkingDays(1, to: date("2028-12-29"))
        }
        #expect(try england.addingWorkingDays(1, to: date("2028-12-27")) == date("2028-12-28"))
        // Backwards from Monday 1 Jan 2018 needs 2017.
        #expect(throws: CalendarNotCovered(year: 2017, jurisdiction: .northernIreland)) {
            try northernIreland.addingWorkingDays(-1, to: date("2018-01-01"))
        }
        #expect(throws: CalendarNotCovered(year: 2029, jurisdiction: .englandAndWales)) {
            try england.workingDays(from: date("2028-12-01"), to: date("2029-01-05"))
        }
        #expect(throws: CalendarNotCovered(year: 2030, jurisdiction: .englandAndWales)) {
            try england.nextWorkingDay(onOrAfter: date("2030-06-03"))
        }
        #expect(throws: CalendarNotCovered(year: 2031, jurisdiction: .englandAndWales)) {
            try england.addingWorkingDays(0, to: date("2031-01-01"))
        }
        let error = CalendarNotCovered(year: 2029, jurisdiction: .scotland)
        #expect(error.message.contains("2018 to 2028") && error.message.contains("2029") && error.message.contains("Scotland"))
    }
}
