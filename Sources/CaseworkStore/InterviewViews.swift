import CaseworkDomain

/// How much the interview views read at once. DOMAIN.md gives no figures for these; they are the platform's choices.
public enum InterviewViewLimits {
    /// A diary covers at most a month, so one page stays readable (about 3,400 slots a week nationally, note 118).
    public static let diaryMaximumDays = 31
    /// Outcome rates cover at most a year: figure 24 covers ten months.
    public static let outcomeMaximumDays = 366
    /// Outcome rates, when no dates are given: the last twelve weeks, Monday to Sunday.
    public static let outcomeDefaultWeeks = 12
}

/// A range of interview dates, both ends included, read from query parameters with each fault named.
public struct InterviewDateRange: Sendable, Hashable {
    public let from: LocalDate
    public let to: LocalDate

    /// Days covered, both ends counted.
    public var days: Int { from.days(until: to) + 1 }

    /// Creates a range without checking it (`check` does).
    public init(from: LocalDate, to: LocalDate) {
        self.from = from
        self.to = to
    }

    /// Reads `from` and `to` (YYYY-MM-DD). A missing end is taken from `fallback`'s length counted from the other
    /// end; both missing give `fallback`. Refuses an unreal date, an end before the start and a range longer than
    /// `maximumDays`, naming the field.
    public static func parse(from: String?, to: String?, fallback: InterviewDateRange, maximumDays: Int) throws(ValidationFailure) -> InterviewDateRange {
        var check = Validator()
        func date(_ text: String?, _ field: String) -> LocalDate? {
            guard let text = text?.trimmingWhitespace, !text.isEmpty else { return nil }
            guard let date = LocalDate(iso: text), (1990...2100).contains(date.year) else {
                check.fail(field, "\(field) must be a real date in the form YYYY-MM-DD, for example \(fallback.from.iso)")
                return nil
            }
            return date
        }
        let first = date(from, "from"), last = date(to, "to")
        try check.finish()
        let span = fallback.days - 1
        let range: InterviewDateRange = switch (first, last) {
        case let (first?, last?): InterviewDateRange(from: first, to: last)
        case let (first?, nil): InterviewDateRange(from: first, to: first.adding(days: span))
        case let (nil, last?): InterviewDateRange(from: last.adding(days: -span), to: last)
        case (nil, nil): fallback
        }
        try range.check(maximumDays: maximumDays)
        return range
    }

    /// Refuses an end before the start, or more than `maximumDays`.
    public func check(maximumDays: Int) throws(ValidationFailure) {
        if to < from {
            throw ValidationFailure([FieldError(field: "to", message: "to (\(to.longForm)) must be on or after from (\(from.longForm))")])
        }
        if days > maximumDays {
            throw ValidationFailure([FieldError(
                field: "to",
                message: "A range covers at most \(maximumDays) days: from \(from.longForm), to can be \(from.adding(days: maximumDays - 1).longForm) at the latest"
            )])
        }
    }

    /// Monday to Friday of the week `date` falls in: the diary's default.
    public static func workingWeek(containing date: LocalDate) -> InterviewDateRange {
        InterviewDateRange(from: date.mondayOnOrBefore, to: date.mondayOnOrBefore.adding(days: 4))
    }
}

// MARK: The diary

/// Another interview of the same claim that a diary entry links to: the one it replaces, or its rebooking.
public struct InterviewLink: Sendable, Hashable {
    public var number: Int
    public var date: LocalDate
    /// booked, or an outcome code.
    public var status: String

    public init(number: Int, date: LocalDate, status: String) {
        self.number = number
        self.date = date
        self.status = status
    }
}

/// One interview in a unit's diary, with the names a reader needs beside the codes.
public struct InterviewDiaryEntry: Sendable, Hashable {
    public var interview: InterviewRecord
    public var claimantName: String
    public var locationName: String
    public var roomName: String
    /// nil when no interpreter is booked.
    public var interpreterName: String?
    public var decisionMakerName: String
    /// The interview this one rebooks, with its date (fig 24: rebooking dates were never recorded).
    public var replaces: InterviewLink?
    /// The interview that rebooked this one.
    public var replacedBy: InterviewLink?
}

/// One day of the diary: working days always, other days only when something was booked on them.
public struct InterviewDiaryDay: Sendable, Hashable {
    public var date: LocalDate
    /// The bank holiday kept that day (England and Wales), if any.
    public var bankHoliday: String?
    /// By start time, then location and room.
    public var entries: [InterviewDiaryEntry]
}

/// A unit's interviews over a range of dates, day by day (8.66–8.81: bookers worked from spreadsheets).
public struct InterviewDiary: Sendable, Hashable {
    public var unit: UnitID
    public var range: InterviewDateRange
    public var days: [InterviewDiaryDay]
    /// Interviews in the range.
    public var total: Int
    /// Interviews by status: booked or an outcome code.
    public var byStatus: [String: Int]
}

// MARK: Capacity

/// One location's week: rooms, slots offered on its open working days, and how many are taken.
public struct LocationCapacity: Sendable, Hashable {
    public var code: String
    public var name: String
    /// Active rooms.
    public var rooms: Int
    /// Slots the active rooms offer on the week's working days the location is open.
    public var slotsOffered: Int
    /// Interviews there that week booked or held (any outcome but cancelled or withdrawn, whose time is released).
    public var slotsBooked: Int
    /// Interviews there that week cancelled or withdrawn: their time was released for rebooking.
    public var slotsReleased: Int

    /// Offered less booked, never below zero.
    public var slotsFree: Int { max(0, slotsOffered - slotsBooked) }
}

/// A decision maker who declared availability that week (8.80).
public struct DeclaredInterviewer: Sendable, Hashable {
    public var staff: StaffID
    public var name: String
    public var unit: UnitID
    /// Working days declared.
    public var days: Int
    /// The declared daily maxima added up: the most interviews they offered that week.
    public var declaredMaximum: Int
    /// Interviews booked with them that week (not cancelled or withdrawn).
    public var booked: Int
}

/// Interpreter supply against demand for one language or dialect (10.50–10.52).
public struct LanguageCapacity: Sendable, Hashable {
    public var language: InterpreterLanguage
    /// Active interpreters who can interpret it (a dialect need is served only by that dialect).
    public var interpreters: Int
    /// Their working days that week.
    public var interpreterDays: Int
    /// Interviews they can take that week: each day capped by the interpreter's daily maximum.
    public var interviewSupply: Int
    /// Claims waiting for an interview, needs recorded, that need it.
    public var waiting: Int
    /// Interviews booked that week that need it.
    public var bookedThisWeek: Int

    /// Waiting claims and the week's bookings.
    public var demand: Int { waiting + bookedThisWeek }
    /// Demand beyond supply; 0 when supply covers it.
    public var shortfall: Int { max(0, demand - interviewSupply) }
    /// Whether the report names it as short (`InterpreterShortage`).
    public var reportedShort: Bool { InterpreterShortage.isShort(language) }
}

/// The planner's week: rooms and slots by location, decision makers' declared availability, interpreters by language
/// against the claims waiting (8.66–8.81: the "complex jigsaw puzzle"; 8.71, note 118: 3,400 slots a week).
public struct InterviewCapacity: Sendable, Hashable {
    /// The Monday.
    public var week: LocalDate
    /// The unit whose decision makers and demand are counted; nil for every unit. Rooms and interpreters are shared
    /// across units, so they are always counted whole.
    public var unit: UnitID?
    /// The week's working days (England and Wales).
    public var workingDays: [LocalDate]
    /// Bank holidays that close days of the week.
    public var bankHolidays: [BankHoliday]
    public var locations: [LocationCapacity]
    public var decisionMakers: [DeclaredInterviewer]
    /// Shortfalls first (largest first), then by name.
    public var languages: [LanguageCapacity]
    /// Claims waiting for an interview with needs recorded, and how many of them need no interpreter.
    public var waitingClaims: Int
    public var waitingWithoutInterpreter: Int

    public var slotsOffered: Int { locations.reduce(0) { $0 + $1.slotsOffered } }
    public var slotsBooked: Int { locations.reduce(0) { $0 + $1.slotsBooked } }
    public var slotsFree: Int { locations.reduce(0) { $0 + $1.slotsFree } }
    public var declaredMaximum: Int { decisionMakers.reduce(0) { $0 + $1.declaredMaximum } }
}

// MARK: Outcome rates

/// Interviews counted by status over some group (a unit, a week, or all).
public struct InterviewOutcomeTally: Sendable, Hashable {
    /// The unit code or "2023-W44"; "all" for the whole.
    public var key: String
    /// Counts by status: "booked" or an outcome code.
    public var counts: [String: Int]

    /// Every interview counted.
    public var total: Int { counts.values.reduce(0, +) }
    /// Those with an outcome recorded.
    public var withOutcome: Int { total - count("booked") }

    public func count(_ status: String) -> Int { counts[status] ?? 0 }
    /// Share of every interview counted.
    public func percentOfAll(_ status: String) -> Double { InterviewRates.percent(count(status), of: total) }
    /// Share of those with an outcome: the figure comparable with figure 24.
    public func percentOfOutcomes(_ status: String) -> Double { InterviewRates.percent(count(status), of: withOutcome) }
}

/// Outcome rates over a range of interview dates, comparable with figure 24 (`InterviewOutcomeReference`).
public struct InterviewOutcomeRates: Sendable, Hashable {
    /// The statuses counted, in figure 24's order, then "booked".
    public static let statuses = InterviewOutcome.codes + ["booked"]

    public var range: InterviewDateRange
    /// The unit counted; nil for every unit.
    public var unit: UnitID?
    public var overall: InterviewOutcomeTally
    public var byUnit: [InterviewOutcomeTally]
    /// By ISO week of the interview date, earliest first.
    public var byWeek: [InterviewWeekTally]
    /// Cancellations by reason, every reason listed, most first (ties in the list's order).
    public var cancellationReasons: [CancellationCount]
    /// Cancellations by who called them off.
    public var cancelledBy: [CancelledByCount]
    /// Interviews in the range that rebook an earlier one.
    public var rebookings: Int
    /// Of those, how many carry the date of the interview they replace (every one: the link and its date are part of
    /// the booking).
    public var rebookingsWithOriginalDate: Int
    /// Days from the replaced interview to its rebooking, on average; nil when there was no rebooking.
    public var averageDaysToRebooking: Double?
    /// Interviews not completed (cancelled, no-show, suspended, continuation needed) with no rebooking yet.
    public var notCompletedAwaitingRebooking: Int

    public var cancellations: Int { overall.count("cancelled") }
    public var interpreterCancellations: Int { cancellationReasons.filter(\.reason.isInterpreterProblem).reduce(0) { $0 + $1.count } }
    /// The interpreter share of cancellations, a percentage, beside the 40% staff gave (8.75).
    public var interpreterShare: Double { InterviewRates.percent(interpreterCancellations, of: cancellations) }
}

/// One ISO week's interviews by status.
public struct InterviewWeekTally: Sendable, Hashable {
    public var week: ISOWeek
    public var tally: InterviewOutcomeTally
}

/// Cancellations for one reason.
public struct CancellationCount: Sendable, Hashable {
    public var reason: CancellationReason
    public var count: Int
}

/// Cancellations by one party.
public struct CancelledByCount: Sendable, Hashable {
    public var by: CancelledBy
    public var count: Int
}

// MARK: Reading them

extension CaseworkStore {
    /// `unit`'s interviews from `from` to `to` (at most `InterviewViewLimits.diaryMaximumDays`), by date and time.
    /// Unit roles among `AccessPolicy.interviewViewers` see their own unit; national roles any.
    public func interviewDiary(unit: UnitID, from: LocalDate, to: LocalDate, for actor: Actor) async throws -> InterviewDiary {
        let unit = try Self.interviewViewScope(actor, asked: unit, what: "interview diary") ?? unit
        let range = InterviewDateRange(from: from, to: to)
        try range.check(maximumDays: InterviewViewLimits.diaryMaximumDays)
        return try await database.read { connection in
            let interviews = try await connection.query(
                "SELECT \(Self.interviewColumns) FROM interviews WHERE owning_unit = ? AND date >= ? AND date <= ? ORDER BY date, start_minute, location, room, claim_reference, number",
                [.text(unit.rawValue), .text(from.iso), .text(to.iso)]
            ).map(Self.interview)
            let claims = Set(interviews.map(\.claim.rawValue)).sorted()
            var names: [String: String] = [:]
            var others: [String: [Int: InterviewLink]] = [:]
            try await Self.inBatches(claims) { marks, binds in
                for row in try await connection.query("SELECT reference, given_names, family_name FROM claims WHERE reference IN (\(marks))", binds) {
                    names[row["reference"].string ?? ""] = [row["given_names"].string, row["family_name"].string].compactMap { $0 }.joined(separator: " ")
                }
                for row in try await connection.query("SELECT claim_reference, number, date, status FROM interviews WHERE claim_reference IN (\(marks))", binds) {
                    guard let date = LocalDate(iso: row["date"].string ?? "") else { continue }
                    let number = row["number"].int ?? 0
                    others[row["claim_reference"].string ?? "", default: [:]][number] = InterviewLink(number: number, date: date, status: row["status"].string ?? "")
                }
            }
            let locations = try await Self.codeNames("SELECT code, name FROM interview_locations", connection)
            let rooms = try await Self.codeNames("SELECT code, name FROM interview_rooms", connection)
            let interpreters = try await Self.codeNames("SELECT code, name FROM interpreters", connection)
            var people: [String: String] = [:]
            try await Self.inBatches(Set(interviews.map(\.slot.decisionMaker.rawValue)).sorted()) { marks, binds in
                for row in try await connection.query("SELECT username, display_name FROM staff WHERE username IN (\(marks))", binds) {
                    people[row["username"].string ?? ""] = row["display_name"].string
                }
            }
            let entries = interviews.map { record in
                let siblings = others[record.claim.rawValue] ?? [:]
                return InterviewDiaryEntry(
                    interview: record, claimantName: names[record.claim.rawValue] ?? "", locationName: locations[record.slot.location] ?? record.slot.location,
                    roomName: rooms[record.slot.room] ?? record.slot.room, interpreterName: record.slot.interpreter.map { interpreters[$0] ?? $0 },
                    decisionMakerName: people[record.slot.decisionMaker.rawValue].flatMap { $0.isEmpty ? nil : $0 } ?? record.slot.decisionMaker.rawValue,
                    replaces: record.replaces.flatMap { siblings[$0] }, replacedBy: record.replacedBy.flatMap { siblings[$0] }
                )
            }
            let byDate = Dictionary(grouping: entries, by: \.interview.slot.date)
            var days: [InterviewDiaryDay] = []
            var day = from
            while day <= to {
                let holiday = try? WorkingDayCalendar.platformDefault.bankHoliday(on: day)
                if !day.weekday.isWeekend || byDate[day] != nil {
                    days.append(InterviewDiaryDay(date: day, bankHoliday: holiday?.name, entries: byDate[day] ?? []))
                }
                day = day.adding(days: 1)
            }
            return InterviewDiary(
                unit: unit, range: range, days: days, total: entries.count,
                byStatus: Dictionary(grouping: interviews, by: \.status).mapValues(\.count)
            )
        }
    }

    /// The week beginning `week` (a Monday) for a planner: slots by location on its open working days, decision
    /// makers' declared availability, interpreter supply by language against the claims waiting and the week's
    /// bookings. `unit` narrows decision makers and demand; unit roles are held to their own unit.
    public func interviewCapacity(week: LocalDate, unit: UnitID? = nil, for actor: Actor) async throws -> InterviewCapacity {
        let unit = try Self.interviewViewScope(actor, asked: unit, what: "interview capacity")
        let (workingDays, holidays) = try Self.workingDays(ofWeek: week)
        let sunday = week.adding(days: 6)
        return try await database.read { connection in
            // Slots by location.
            let locations = try await InterviewResourceRows.loadLocations(activeOnly: true, connection)
            let rooms = try await InterviewResourceRows.loadRooms(activeOnly: true, connection)
            var booked: [String: Int] = [:], released: [String: Int] = [:]
            for row in try await connection.query(
                "SELECT location, CASE WHEN status IN \(Self.releasedStatuses) THEN 1 ELSE 0 END AS released, COUNT(*) AS n FROM interviews WHERE date >= ? AND date <= ? GROUP BY location, CASE WHEN status IN \(Self.releasedStatuses) THEN 1 ELSE 0 END",
                [.text(week.iso), .text(sunday.iso)]
            ) {
                let code = row["location"].string ?? ""
                if row["released"].int == 1 { released[code, default: 0] += row["n"].int ?? 0 } else { booked[code, default: 0] += row["n"].int ?? 0 }
            }
            let capacity = locations.map { location in
                let here = rooms.filter { $0.location == location.code }
                let openDays = workingDays.filter { location.openDays.contains($0.weekday) }.map(\.weekday)
                let offered = here.reduce(0) { total, room in total + room.weeklySlots.filter { openDays.contains($0.weekday) }.count }
                return LocationCapacity(
                    code: location.code, name: location.name, rooms: here.count, slotsOffered: offered, slotsBooked: booked[location.code] ?? 0,
                    slotsReleased: released[location.code] ?? 0
                )
            }

            // Decision makers' declarations on the working days, and what is booked with them.
            var declared: [String: DeclaredInterviewer] = [:]
            var sql = "SELECT a.username, a.date, a.daily_maximum, s.display_name, s.unit FROM interview_availability a JOIN staff s ON s.username = a.username WHERE a.date >= ? AND a.date <= ?"
            var binds: [SQLValue] = [.text(week.iso), .text(sunday.iso)]
            if let unit {
                sql += " AND s.unit = ?"
                binds.append(.text(unit.rawValue))
            }
            for row in try await connection.query(sql, binds) {
                guard let date = LocalDate(iso: row["date"].string ?? ""), workingDays.contains(date) else { continue }
                let username = row["username"].string ?? ""
                var person = declared[username] ?? DeclaredInterviewer(
                    staff: StaffID(username), name: row["display_name"].string ?? username, unit: UnitID(row["unit"].string ?? ""), days: 0, declaredMaximum: 0, booked: 0
                )
                person.days += 1
                person.declaredMaximum += row["daily_maximum"].int ?? 0
                declared[username] = person
            }
            try await Self.inBatches(declared.keys.sorted()) { marks, binds in
                for row in try await connection.query(
                    "SELECT decision_maker, COUNT(*) AS n FROM interviews WHERE date >= ? AND date <= ? AND status NOT IN \(Self.releasedStatuses) AND decision_maker IN (\(marks)) GROUP BY decision_maker",
                    [.text(week.iso), .text(sunday.iso)] + binds
                ) {
                    declared[row["decision_maker"].string ?? ""]?.booked = row["n"].int ?? 0
                }
            }

            // Demand: claims waiting for an interview with needs recorded, and the week's bookings, by language.
            var waiting: [InterpreterLanguage: Int] = [:]
            var waitingClaims = 0, withoutInterpreter = 0
            var waitingSQL = """
                SELECT c.work FROM claims c WHERE c.work LIKE '%"interviewNeeds"%' AND c.stage IN ('work-in-progress', 'interview') \
                AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.claim_reference = c.reference AND i.status IN ('booked', 'completed'))
                """
            var waitingBinds: [SQLValue] = []
            if let unit {
                waitingSQL += " AND c.owning_unit = ?"
                waitingBinds.append(.text(unit.rawValue))
            }
            for row in try await connection.query(waitingSQL, waitingBinds) {
                guard let text = row["work"].string, let needs = try EventCoding.decodeJSON(ClaimWork.self, text).interviewNeeds else { continue }
                waitingClaims += 1
                if let language = needs.language { waiting[Self.normalised(language), default: 0] += 1 } else { withoutInterpreter += 1 }
            }
            var bookedByLanguage: [InterpreterLanguage: Int] = [:]
            var bookedSQL = "SELECT language, COUNT(*) AS n FROM interviews WHERE date >= ? AND date <= ? AND language IS NOT NULL AND status NOT IN \(Self.releasedStatuses)"
            var bookedBinds: [SQLValue] = [.text(week.iso), .text(sunday.iso)]
            if let unit {
                bookedSQL += " AND owning_unit = ?"
                bookedBinds.append(.text(unit.rawValue))
            }
            for row in try await connection.query(bookedSQL + " GROUP BY language", bookedBinds) {
                guard let key = row["language"].string, let language = Self.language(fromKey: key) else { continue }
                bookedByLanguage[language, default: 0] += row["n"].int ?? 0
            }

            // Supply: each active interpreter's working days that week, capped by their daily maximum.
            let interpreters = try await InterviewResourceRows.loadInterpreters(activeOnly: true, connection)
            let languages = Set(waiting.keys).union(bookedByLanguage.keys).union(interpreters.flatMap { $0.languages.map(Self.normalised) })
            let rows = languages.map { language in
                let serving = interpreters.filter { $0.languages.contains { $0.serves(language) } }
                let days = serving.map { interpreter in workingDays.filter { interpreter.days.contains($0.weekday) }.count }
                return LanguageCapacity(
                    language: language, interpreters: serving.count, interpreterDays: days.reduce(0, +),
                    interviewSupply: zip(serving, days).reduce(0) { $0 + $1.1 * $1.0.dailyMaximum }, waiting: waiting[language] ?? 0,
                    bookedThisWeek: bookedByLanguage[language] ?? 0
                )
            }.sorted { lhs, rhs in
                if lhs.shortfall != rhs.shortfall { return lhs.shortfall > rhs.shortfall }
                if lhs.reportedShort != rhs.reportedShort { return lhs.reportedShort }
                return lhs.language < rhs.language
            }
            return InterviewCapacity(
                week: week, unit: unit, workingDays: workingDays, bankHolidays: holidays, locations: capacity,
                decisionMakers: declared.values.sorted { ($0.name, $0.staff.rawValue) < ($1.name, $1.staff.rawValue) }, languages: rows,
                waitingClaims: waitingClaims, waitingWithoutInterpreter: withoutInterpreter
            )
        }
    }

    /// Outcome rates of the interviews dated `from` to `to` (at most `InterviewViewLimits.outcomeMaximumDays`): by
    /// status overall, by unit and by ISO week; cancellations by reason with the interpreter share; rebookings and
    /// their dates. `unit` narrows to one unit; unit roles are held to their own.
    public func interviewOutcomeRates(from: LocalDate, to: LocalDate, unit: UnitID? = nil, for actor: Actor) async throws -> InterviewOutcomeRates {
        let unit = try Self.interviewViewScope(actor, asked: unit, what: "interview outcome rates")
        let range = InterviewDateRange(from: from, to: to)
        try range.check(maximumDays: InterviewViewLimits.outcomeMaximumDays)
        var sql = """
            SELECT i.owning_unit, i.date, i.status, CASE WHEN i.status = 'cancelled' THEN i.outcome END AS outcome, i.replaces, i.replaced_by, \
            o.date AS replaced_date FROM interviews i LEFT JOIN interviews o ON o.claim_reference = i.claim_reference AND o.number = i.replaces \
            WHERE i.date >= ? AND i.date <= ?
            """
        var binds: [SQLValue] = [.text(from.iso), .text(to.iso)]
        if let unit {
            sql += " AND i.owning_unit = ?"
            binds.append(.text(unit.rawValue))
        }
        let rows = try await database.read { try await $0.query(sql, binds) }
        var overall = InterviewOutcomeTally(key: "all", counts: [:])
        var units: [String: InterviewOutcomeTally] = [:]
        var weeks: [ISOWeek: InterviewOutcomeTally] = [:]
        var reasons: [CancellationReason: Int] = [:]
        var by: [CancelledBy: Int] = [:]
        var rebookings = 0, withDate = 0, awaiting = 0, rebookingDays = 0
        for row in rows {
            guard let date = LocalDate(iso: row["date"].string ?? "") else { continue }
            let status = row["status"].string ?? ""
            let unitCode = row["owning_unit"].string ?? ""
            let week = ISOWeek(containing: date)
            overall.counts[status, default: 0] += 1
            units[unitCode, default: InterviewOutcomeTally(key: unitCode, counts: [:])].counts[status, default: 0] += 1
            weeks[week, default: InterviewOutcomeTally(key: week.description, counts: [:])].counts[status, default: 0] += 1
            if let text = row["outcome"].string, case let .cancelled(reason, who, _) = try EventCoding.decodeJSON(InterviewOutcome.self, text) {
                reasons[reason, default: 0] += 1
                by[who, default: 0] += 1
            }
            if row["replaces"].int != nil {
                rebookings += 1
                if let original = LocalDate(iso: row["replaced_date"].string ?? "") {
                    withDate += 1
                    rebookingDays += original.days(until: date)
                }
            }
            if Self.rebookable.contains(status), row["replaced_by"].int == nil { awaiting += 1 }
        }
        return InterviewOutcomeRates(
            range: range, unit: unit, overall: overall, byUnit: units.values.sorted { $0.key < $1.key },
            byWeek: weeks.sorted { $0.key < $1.key }.map { InterviewWeekTally(week: $0.key, tally: $0.value) },
            cancellationReasons: CancellationReason.allCases.enumerated().sorted { ((reasons[$1.element] ?? 0), $0.offset) < ((reasons[$0.element] ?? 0), $1.offset) }
                .map { CancellationCount(reason: $0.element, count: reasons[$0.element] ?? 0) },
            cancelledBy: CancelledBy.allCases.map { CancelledByCount(by: $0, count: by[$0] ?? 0) },
            rebookings: rebookings, rebookingsWithOriginalDate: withDate,
            averageDaysToRebooking: withDate == 0 ? nil : Double(rebookingDays) / Double(withDate), notCompletedAwaitingRebooking: awaiting
        )
    }

    // MARK: Helpers

    /// Statuses whose time was given back: the holds are deleted and the slot can be booked again.
    static let releasedStatuses = "('cancelled', 'withdrawn')"
    /// Outcomes after which the interview still has to happen.
    static let rebookable: Set<String> = ["cancelled", "no-show", "suspended", "continuation-needed"]

    /// The unit `actor` may see interview views of: nil for every unit (national roles asking for none), else one.
    static func interviewViewScope(_ actor: Actor, asked: UnitID?, what: String) throws -> UnitID? {
        guard AccessPolicy.interviewViewers.contains(actor.role) else {
            throw AccessDenied("\(actor.role.title)s cannot see the \(what).")
        }
        if AccessPolicy.nationalRoles.contains(actor.role) { return asked }
        if let asked, asked != actor.unit {
            throw AccessDenied("\(actor.role.title)s see the \(what) of their own unit, \(actor.unit.rawValue), only.")
        }
        return actor.unit
    }

    /// The working days of the week starting `monday`, and the bank holidays that close any of its weekdays.
    static func workingDays(ofWeek monday: LocalDate) throws(ValidationFailure) -> ([LocalDate], [BankHoliday]) {
        guard monday.weekday == .monday else {
            throw ValidationFailure([FieldError(
                field: "week", message: "week must be a Monday, the first day of the week: \(monday.longForm) is a \(monday.weekday.name); its week starts on \(monday.mondayOnOrBefore.iso)"
            )])
        }
        let calendar = WorkingDayCalendar.platformDefault
        do {
            var days: [LocalDate] = [], holidays: [BankHoliday] = []
            for offset in 0..<7 {
                let day = monday.adding(days: offset)
                if try calendar.isWorkingDay(day) { days.append(day) } else if let holiday = try calendar.bankHoliday(on: day) { holidays.append(holiday) }
            }
            return (days, holidays)
        } catch {
            let years = calendar.coveredYears
            throw ValidationFailure([FieldError(
                field: "week", message: "The working-day calendar covers \(years.lowerBound) to \(years.upperBound): choose a week in those years"
            )])
        }
    }

    /// A language with its codes lower-cased, so "Kurdish/Sorani" and "kurdish/sorani" are one row.
    static func normalised(_ language: InterpreterLanguage) -> InterpreterLanguage {
        InterpreterLanguage(language: language.language.lowercased(), dialect: language.dialect.flatMap { $0.isEmpty ? nil : $0.lowercased() })
    }

    /// The `interviews.language` column ("code" or "code/dialect") as a language.
    static func language(fromKey key: String) -> InterpreterLanguage? {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        guard let code = parts.first, !code.isEmpty else { return nil }
        return normalised(InterpreterLanguage(language: code, dialect: parts.count > 1 ? parts[1] : nil))
    }

    /// Code to name for a small table.
    static func codeNames(_ sql: String, _ connection: any SQLConnection) async throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try await connection.query(sql) { names[row["code"].string ?? ""] = row["name"].string ?? "" }
        return names
    }

    /// Runs `body` over `values` 500 at a time, with the placeholders and binds of each batch.
    static func inBatches(_ values: [String], _ body: (String, [SQLValue]) async throws -> Void) async throws {
        for start in stride(from: 0, to: values.count, by: 500) {
            let slice = values[start..<min(start + 500, values.count)]
            try await body(Array(repeating: "?", count: slice.count).joined(separator: ", "), slice.map { .text($0) })
        }
    }
}
