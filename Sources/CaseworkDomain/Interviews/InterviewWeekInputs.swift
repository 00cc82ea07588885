/// Everything the week's interview scheduler reads about one week, as plain values (issue 4, "Scheduling a week";
/// 8.66–8.81: the planners' "complex jigsaw puzzle").
///
/// The store reads it in one go (`CaseworkStore.interviewWeekInputs`); `CaseworkScheduling` turns it into a
/// `casework-schedule-instance/1` and maps the bookings back to `InterviewWeekChoice`s, which the store books one by
/// one through the same checks as a single booking. Nothing here depends on the solver, so the same values can be
/// checked against `BookingSearch`, the rules every single booking passes again inside its transaction.
public struct InterviewWeekInputs: Sendable, Hashable {
    /// The Monday the week starts on.
    public var monday: LocalDate
    /// The unit whose claims are scheduled, or nil for every unit (planners).
    public var unit: UnitID?
    /// The operation whose cohort is scheduled, or nil for every claim.
    public var operation: String?
    /// The day the schedule is made: the invitations are dated today.
    public var today: LocalDate
    /// The week's working days, in order: Monday to Friday without bank holidays (`WorkingDayCalendar.platformDefault`).
    public var days: [LocalDate]
    /// The bank holidays that fall Monday to Friday of the week, skipped.
    public var bankHolidays: [BankHoliday]
    /// No interview before this date: `BookingPolicy.minimumNoticeWorkingDays` working days after today.
    public var earliest: LocalDate
    /// Open interview locations.
    public var locations: [InterviewLocation]
    /// Open rooms at those locations, with their weekly slots.
    public var rooms: [InterviewRoom]
    /// Interpreters on the register.
    public var interpreters: [Interpreter]
    /// Decision makers' own declarations for the week's working days (8.80), of the decision makers listed.
    public var availability: [DeclaredAvailability]
    /// The decision makers who declared availability, with what their staff records allow (`NextClaimEligibility`).
    public var decisionMakers: [BookingSearch.DecisionMaker]
    /// Time already booked in the week, on every room, interpreter and decision maker (whatever the unit).
    public var booked: [BookingSearch.Booked]
    /// The claims waiting for an interview, most urgent first (`rank` 1, 2, 3…).
    public var claims: [ClaimAwaitingInterview]

    /// Creates the inputs.
    public init(
        monday: LocalDate, unit: UnitID?, operation: String?, today: LocalDate, days: [LocalDate], bankHolidays: [BankHoliday], earliest: LocalDate,
        locations: [InterviewLocation], rooms: [InterviewRoom], interpreters: [Interpreter], availability: [DeclaredAvailability],
        decisionMakers: [BookingSearch.DecisionMaker], booked: [BookingSearch.Booked], claims: [ClaimAwaitingInterview]
    ) {
        self.monday = monday
        self.unit = unit
        self.operation = operation
        self.today = today
        self.days = days
        self.bankHolidays = bankHolidays
        self.earliest = earliest
        self.locations = locations
        self.rooms = rooms
        self.interpreters = interpreters
        self.availability = availability
        self.decisionMakers = decisionMakers
        self.booked = booked
        self.claims = claims
    }

    /// "the week of Monday 6 November 2023".
    public var title: String { "the week of Monday \(monday.longForm)" }

    // MARK: The week

    /// The week's working days and the bank holidays skipped, by the platform's calendar.
    public static func workingDays(of monday: LocalDate, calendar: WorkingDayCalendar = .platformDefault) throws(CalendarNotCovered) -> (days: [LocalDate], bankHolidays: [BankHoliday]) {
        var days: [LocalDate] = []
        var holidays: [BankHoliday] = []
        for offset in 0..<5 {
            let day = monday.adding(days: offset)
            if let holiday = try calendar.bankHoliday(on: day) { holidays.append(holiday) } else { days.append(day) }
        }
        return (days, holidays)
    }

    /// The earliest interview date for a schedule made on `today`: the minimum notice in working days (10.42: the
    /// invitation is never dated the interview's day).
    public static func earliestDate(today: LocalDate, calendar: WorkingDayCalendar = .platformDefault) throws(CalendarNotCovered) -> LocalDate {
        try calendar.addingWorkingDays(BookingPolicy.minimumNoticeWorkingDays, to: today)
    }

    /// The Monday `text` names, checked: an ISO date that is a Monday, in the calendar's years, not over before the
    /// earliest date an interview can be booked, and not beyond the furthest ahead decision makers may declare
    /// availability (`InterviewResourceRules.declarationHorizonDays`). Each problem names the field `week`.
    public static func monday(from text: String?, today: LocalDate, calendar: WorkingDayCalendar = .platformDefault) throws(ValidationFailure) -> LocalDate {
        let trimmed = text?.trimmingWhitespace ?? ""
        guard !trimmed.isEmpty else {
            throw ValidationFailure([FieldError(field: "week", message: "Enter the Monday the week starts on, for example \(nextMonday(after: today).iso)")])
        }
        guard let date = LocalDate(iso: trimmed) else {
            throw ValidationFailure([FieldError(field: "week", message: "The week must be a real date in the form YYYY-MM-DD, for example \(nextMonday(after: today).iso)")])
        }
        guard date.weekday == .monday else {
            let monday = date.adding(days: 1 - date.weekday.rawValue)
            throw ValidationFailure([FieldError(field: "week", message: "The week must start on a Monday: \(date.longForm) is a \(date.weekday.name); its Monday is \(monday.iso)")])
        }
        let earliest: LocalDate
        do {
            _ = try workingDays(of: date, calendar: calendar)
            earliest = try earliestDate(today: today, calendar: calendar)
        } catch {
            throw ValidationFailure([FieldError(field: "week", message: error.message)])
        }
        if date.adding(days: 4) < earliest {
            throw ValidationFailure([FieldError(
                field: "week",
                message: "No interview can be booked in the week of Monday \(date.longForm): the earliest date is \(earliest.weekday.name) \(earliest.longForm) (\(BookingPolicy.minimumNoticeWorkingDays) working days' notice)"
            )])
        }
        if today.days(until: date) > InterviewResourceRules.declarationHorizonDays {
            throw ValidationFailure([FieldError(
                field: "week",
                message: "The week must start within \(InterviewResourceRules.declarationHorizonDays) days of today, as far ahead as decision makers declare availability"
            )])
        }
        return date
    }

    /// The first Monday after `date`.
    public static func nextMonday(after date: LocalDate) -> LocalDate {
        date.adding(days: 8 - date.weekday.rawValue)
    }

    // MARK: Checking a proposed week

    /// Every rule each choice breaks, by the same checks a single booking passes (`BookingSearch.problems`), taken in
    /// order as if each choice before it were already booked: an empty list means the choice can be booked.
    ///
    /// The schedule format cannot say that a decision maker or interpreter already has an interview at 10:00 on a day
    /// (only how many more they may take), so a proposed week is checked here before it is shown or booked.
    public func problems(with choices: [InterviewWeekChoice], policy: InterviewPolicy = .current) -> [[FieldError]] {
        let claimsByReference = Dictionary(claims.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        let decisionMakersByStaff = Dictionary(decisionMakers.map { ($0.staff, $0) }, uniquingKeysWith: { first, _ in first })
        var declared: [String: [DeclaredAvailability]] = [:]
        for declaration in availability { declared["\(declaration.staff.rawValue)|\(declaration.date.iso)", default: []].append(declaration) }
        var held: [String: [BookingSearch.Booked]] = [:]
        func hold(_ item: BookingSearch.Booked) {
            held["room:\(item.room)|\(item.date.iso)", default: []].append(item)
            held["dm:\(item.decisionMaker.rawValue)|\(item.date.iso)", default: []].append(item)
            if let interpreter = item.interpreter { held["interpreter:\(interpreter)|\(item.date.iso)", default: []].append(item) }
        }
        booked.forEach(hold)

        return choices.map { choice in
            guard let claim = claimsByReference[choice.claim] else {
                return [FieldError(field: "claim", message: "Claim \(choice.claim.rawValue) is not waiting for an interview in \(title)")]
            }
            let slot = choice.slot
            let date = slot.date.iso
            var nearby: [BookingSearch.Booked] = []
            var seen = Set<BookingSearch.Booked>()
            var keys = ["room:\(slot.room)|\(date)", "dm:\(slot.decisionMaker.rawValue)|\(date)"]
            if let interpreter = slot.interpreter { keys.append("interpreter:\(interpreter)|\(date)") }
            for key in keys { for item in held[key] ?? [] where seen.insert(item).inserted { nearby.append(item) } }
            // Only what this choice touches, so checking a national week stays linear.
            let search = BookingSearch(
                locations: locations, rooms: rooms.filter { $0.code == slot.room }, interpreters: interpreters.filter { $0.code == slot.interpreter },
                availability: declared["\(slot.decisionMaker.rawValue)|\(date)"] ?? [], decisionMakers: decisionMakersByStaff[slot.decisionMaker].map { [$0] } ?? [],
                booked: nearby, policy: policy
            )
            let problems = search.problems(with: slot, for: claim.toBook, earliest: claim.earliest(from: earliest))
            if problems.isEmpty {
                hold(BookingSearch.Booked(
                    date: slot.date, start: slot.start, minutes: slot.minutes, location: slot.location, room: slot.room, interpreter: slot.interpreter,
                    decisionMaker: slot.decisionMaker
                ))
            }
            return problems
        }
    }
}

/// A claim waiting for an interview: open, at work in progress or interview, its needs recorded, no interview booked,
/// no failure-to-attend follow-up open and no interview completed (`CaseworkStore.interviewWeekInputs`).
public struct ClaimAwaitingInterview: Codable, Sendable, Hashable {
    /// The claim.
    public var reference: ClaimReference
    /// The version read: a booking is made only if the claim has not changed since.
    public var version: Int
    /// The unit that owns it; only its decision makers interview it.
    public var unit: UnitID
    /// 1 for the most urgent claim of the week's list, in the work order (`claim_queue`'s priority key, then date of
    /// claim, then reference).
    public var rank: Int
    /// The tasking tier (1 most urgent).
    public var tier: Int
    /// What the claimant needs to attend.
    public var needs: InterviewNeeds
    /// Under 18 or unaccompanied on the day the schedule is made (`InterviewRules.isChild`).
    public var child: Bool
    /// Operations whose cohort the claim is in, by code, sorted.
    public var cohorts: [String]
    /// No interview before this date (a postponement was granted), or nil.
    public var notBefore: LocalDate?
    /// The caseworker who holds it, if anyone.
    public var holder: StaffID?

    /// Creates the claim.
    public init(
        reference: ClaimReference, version: Int, unit: UnitID, rank: Int, tier: Int, needs: InterviewNeeds, child: Bool, cohorts: [String],
        notBefore: LocalDate?, holder: StaffID?
    ) {
        self.reference = reference
        self.version = version
        self.unit = unit
        self.rank = rank
        self.tier = tier
        self.needs = needs
        self.child = child
        self.cohorts = cohorts.sorted()
        self.notBefore = notBefore
        self.holder = holder
    }

    /// The claim as a single booking's checks see it.
    public var toBook: BookingSearch.ClaimToBook {
        BookingSearch.ClaimToBook(needs: needs, child: child, unit: unit, cohorts: Set(cohorts), holder: holder)
    }

    /// The earliest date it can be interviewed, given the week's `earliest`: later when a postponement says so.
    public func earliest(from earliest: LocalDate) -> LocalDate {
        guard let notBefore, notBefore > earliest else { return earliest }
        return notBefore
    }
}

/// One interview of a scheduled week to book: the claim, the version the schedule read, and where, when and with whom.
public struct InterviewWeekChoice: Codable, Sendable, Hashable {
    /// The claim.
    public var claim: ClaimReference
    /// The version the schedule read; a claim changed since is skipped, not booked.
    public var version: Int
    /// The room, time, interpreter and decision maker.
    public var slot: InterviewSlotChoice

    /// Creates a choice.
    public init(claim: ClaimReference, version: Int, slot: InterviewSlotChoice) {
        self.claim = claim
        self.version = version
        self.slot = slot
    }
}

extension AccessPolicy {
    /// Roles that schedule and book a week of interviews: the national planners for any unit or every unit, and a
    /// unit's team leaders for their own unit only (they run its diary; 8.80 has them agree the decision makers'
    /// interview days). Each booking is then checked like any other (`interviewBookers`, the claim's unit).
    public static let weekSchedulers: Set<Role> = workPlanners.union([.teamLeader])

    /// The unit `actor` schedules when they ask for `unit`: planners get what they ask (nil for every unit); a team
    /// leader gets their own unit, asked for or not. Throws `AccessDenied` for other roles and other units.
    public static func weekSchedulingScope(unit: UnitID?, actor: Actor) throws(AccessDenied) -> UnitID? {
        if workPlanners.contains(actor.role) { return unit }
        guard weekSchedulers.contains(actor.role) else {
            throw AccessDenied("\(actor.role.title)s cannot schedule a week of interviews: workflow planners, operations managers and team leaders (for their own unit) can.")
        }
        if let unit, unit != actor.unit {
            throw AccessDenied("Team leaders schedule their own unit's interviews (\(actor.unit.rawValue)), not \(unit.rawValue)'s.")
        }
        return actor.unit
    }
}

extension Actor {
    /// Who books a week run from the command line without naming a planner: the platform itself, in the workflow
    /// planner's role so its bookings pass exactly the checks a planner's would, recorded as "system" so nobody is
    /// taken to have chosen them.
    public static let weekScheduler = Actor(staff: "system", role: .workflowPlanner, unit: "PLATFORM")
}
