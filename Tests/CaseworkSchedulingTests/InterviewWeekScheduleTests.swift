import CaseworkDomain
import CaseworkScheduling
import Testing

/// A week as the store reads it, built by hand: Monday 6 to Friday 10 November 2023, scheduled on Friday 27 October
/// (so the earliest date, five working days on, is Friday 3 November, before the week), Glasgow and Croydon open every
/// working day, and whatever rooms, people, bookings and claims a test adds.
struct WeekInputs {
    static let monday = LocalDate(year: 2023, month: 11, day: 6)!
    static let today = LocalDate(year: 2023, month: 10, day: 27)!
    static let glasgowHome = GeoPoint(latitude: 55.87, longitude: -4.28)!
    static let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

    var inputs = InterviewWeekInputs(
        monday: monday, unit: "DMU-GLA", operation: nil, today: today, days: (0..<5).map { monday.adding(days: $0) }, bankHolidays: [],
        earliest: LocalDate(year: 2023, month: 11, day: 3)!,
        locations: [
            InterviewLocation(code: "GLASGOW", name: "Glasgow", address: "1 Brand Street", point: GeoPoint(latitude: 55.86, longitude: -4.30)!, openDays: weekdays),
            InterviewLocation(code: "CROYDON", name: "Croydon", address: "Lunar House", point: GeoPoint(latitude: 51.37, longitude: -0.10)!, openDays: weekdays),
        ],
        rooms: [], interpreters: [], availability: [], decisionMakers: [], booked: [], claims: []
    )

    static func day(_ n: Int) -> LocalDate { monday.adding(days: n) }

    /// A room with two slots every working day: 09:30 and 13:30, each 135 minutes unless said.
    mutating func room(_ code: String, at location: String = "GLASGOW", childSuitable: Bool = false, minutes: Int = 135) {
        let slots = Self.weekdays.flatMap { [RoomSlot(weekday: $0, start: 570, minutes: minutes), RoomSlot(weekday: $0, start: 810, minutes: minutes)] }
        inputs.rooms.append(InterviewRoom(code: code, location: location, name: "Room \(code)", childSuitable: childSuitable, stepFree: true, weeklySlots: slots))
    }

    mutating func decisionMaker(
        _ name: String, unit: UnitID = "DMU-GLA", operation: String? = nil, trainedFor: CaseworkTraining? = .both, children: Bool = false,
        days: [Int] = [0], at location: String = "GLASGOW", dailyMaximum: Int = 2
    ) {
        inputs.decisionMakers.append(BookingSearch.DecisionMaker(
            staff: StaffID(name), name: name.uppercased(), unit: unit,
            eligibility: NextClaimEligibility(trainedFor: trainedFor, childrensCasework: children, operation: operation)
        ))
        for day in days { inputs.availability.append(DeclaredAvailability(staff: StaffID(name), date: Self.day(day), location: location, dailyMaximum: dailyMaximum)) }
    }

    mutating func interpreter(_ code: String, _ language: String, dialect: String? = nil, at locations: [String] = ["GLASGOW"], remote: Bool = false, days: [Weekday] = weekdays, dailyMaximum: Int = 2) {
        inputs.interpreters.append(Interpreter(
            code: code, name: "Interpreter \(code)", languages: [InterpreterLanguage(language: language, dialect: dialect)], locations: locations, remote: remote,
            days: days, dailyMaximum: dailyMaximum
        ))
    }

    mutating func claim(
        _ n: Int, unit: UnitID = "DMU-GLA", cohorts: [String] = [], language: InterpreterLanguage? = nil, kind: InterviewKind = .substantive, child: Bool = false,
        responsibleAdult: Bool = false, notBefore: LocalDate? = nil
    ) {
        inputs.claims.append(ClaimAwaitingInterview(
            reference: ClaimReference.numbered(n), version: 3, unit: unit, rank: inputs.claims.count + 1, tier: 5,
            needs: InterviewNeeds(home: Self.glasgowHome, maximumTravelKm: 40, language: language, kind: kind, responsibleAdultArranged: responsibleAdult),
            child: child, cohorts: cohorts, notBefore: notBefore, holder: nil
        ))
    }

    mutating func booked(_ day: Int, _ start: Int, minutes: Int = 120, room: String = "GLA-1", interpreter: String? = nil, decisionMaker: String, location: String = "GLASGOW") {
        inputs.booked.append(BookingSearch.Booked(
            date: Self.day(day), start: start, minutes: minutes, location: location, room: room, interpreter: interpreter, decisionMaker: StaffID(decisionMaker)
        ))
    }
}

@Suite("A week from the database as the scheduler's instance, and its bookings back as choices the store books")
struct InterviewWeekScheduleTests {
    @Test("Slots are each open room's weekly slots on the week's working days, minus the time already booked")
    func slotsMinusBookedTime() throws {
        var week = WeekInputs()
        week.room("GLA-1")
        week.inputs.rooms.append(InterviewRoom(code: "GLA-OLD", location: "GLASGOW", name: "Closed room", childSuitable: false, stepFree: false, weeklySlots: [RoomSlot(weekday: .monday, start: 570, minutes: 135)], active: false))
        week.booked(1, 570, decisionMaker: "dm.other")  // Tuesday 09:30–11:30 already taken in GLA-1
        let instance = InterviewWeekSchedule(week.inputs).instance
        #expect(instance.week == week.inputs.days && instance.earliestDate == week.inputs.earliest)
        #expect(instance.rooms.map(\.id) == ["GLA-1"])
        // Ten weekly slots; Tuesday's morning keeps only its last quarter of an hour.
        #expect(instance.slots.count == 10)
        let tuesday = instance.slots.filter { $0.date == WeekInputs.day(1) }.map { "\($0.start) \($0.minutes)" }
        #expect(tuesday == ["11:30 15", "13:30 135"])
        #expect(try instance.validated() == instance)
    }

    @Test("A week with bank holidays has only its working days, and the location's open days follow them")
    func bankHolidays() throws {
        let christmas = LocalDate(year: 2023, month: 12, day: 25)!
        let (days, holidays) = try InterviewWeekInputs.workingDays(of: christmas)
        #expect(days == [27, 28, 29].map { LocalDate(year: 2023, month: 12, day: $0)! })
        #expect(holidays.map(\.name) == ["Christmas Day", "Boxing Day"])
        var week = WeekInputs()
        week.inputs.days = days
        week.inputs.locations[0].openDays = [.monday, .wednesday]
        week.room("GLA-1")
        let instance = InterviewWeekSchedule(week.inputs).instance
        #expect(instance.locations[0].openDays == [LocalDate(year: 2023, month: 12, day: 27)!])
        #expect(Set(instance.slots.map(\.date)) == Set(days))
    }

    @Test("The week is a Monday, refused by field otherwise; a week over before the earliest date is refused")
    func weekField() throws {
        let today = WeekInputs.today
        #expect(try InterviewWeekInputs.monday(from: "2023-11-06", today: today) == WeekInputs.monday)
        for (text, words) in [("", "Enter the Monday"), ("2023-11-07", "is a Tuesday; its Monday is 2023-11-06"), ("2023-02-30", "real date"),
                              ("2023-10-23", "the earliest date is Friday 3 November 2023"), ("2024-06-03", "within 120 days"), ("2031-01-06", "2031")] {
            do {
                _ = try InterviewWeekInputs.monday(from: text, today: today)
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.errors.map(\.field) == ["week"])
                #expect(error.errors.first?.message.contains(words) == true, "\(text): \(error.errors)")
            }
        }
        #expect(InterviewWeekInputs.nextMonday(after: today) == LocalDate(year: 2023, month: 10, day: 30)!)
    }

    @Test("A decision maker lists exactly the cohorts NextClaimEligibility allows them; a claim in no cohort needs general")
    func cohortsFollowEligibility() throws {
        var week = WeekInputs()
        week.room("GLA-1")
        week.decisionMaker("anyone")
        week.decisionMaker("amesa", operation: "AMESA")
        week.decisionMaker("bridora", operation: "BRIDORA", children: true)
        week.decisionMaker("unrecorded", trainedFor: nil)
        week.decisionMaker("decisions", trainedFor: .decisions)
        let memberships: [[String]] = [[], ["AMESA"], ["BRIDORA", "AMESA"], ["MAKHU"]]
        for (n, cohorts) in memberships.enumerated() { week.claim(n + 1, cohorts: cohorts) }
        let instance = InterviewWeekSchedule(week.inputs).instance
        #expect(instance.claims.map(\.cohort) == [nil, "AMESA", "AMESA+BRIDORA", "MAKHU"])
        #expect(instance.claims.map(\.priority) == [1, 2, 3, 4])
        // Not trained to interview: not in the instance at all (the format lists interview-trained decision makers only).
        #expect(instance.decisionMakers.map(\.id).sorted() == ["amesa", "anyone", "bridora", "unrecorded"])
        let byId = Dictionary(uniqueKeysWithValues: instance.decisionMakers.map { ($0.id, $0) })
        #expect(byId["anyone"]?.cohorts == ["general", "AMESA", "AMESA+BRIDORA", "MAKHU"])
        #expect(byId["amesa"]?.cohorts == ["AMESA", "AMESA+BRIDORA"])
        #expect(byId["bridora"]?.cohorts == ["AMESA+BRIDORA"])
        // Children: trained, or nothing recorded (NextClaimEligibility.takesChildrensClaims).
        #expect(byId["anyone"]?.childrenTrained == false && byId["bridora"]?.childrenTrained == true && byId["unrecorded"]?.childrenTrained == true)
        for dm in week.inputs.decisionMakers where dm.eligibility.mayWork(.interview) {
            for claim in week.inputs.claims {
                let scheduled = try #require(instance.claims.first { $0.reference == claim.reference.rawValue })
                let allowed = dm.eligibility.allows(stage: .interview, unaccompaniedChild: false, cohorts: Set(claim.cohorts))
                #expect(byId[dm.staff.rawValue]!.cohorts.contains(scheduled.cohortNeeded) == allowed, "\(dm.staff) and \(claim.cohorts)")
            }
        }
    }

    @Test("With more than one unit, cohorts are named with their unit, so only the claim's own unit interviews it")
    func unitsQualifyCohorts() throws {
        var week = WeekInputs()
        week.inputs.unit = nil
        week.room("GLA-1")
        week.decisionMaker("dm.gla")
        week.decisionMaker("dm.lee", unit: "DMU-LEE", operation: "AMESA", at: "CROYDON")
        week.claim(1)
        week.claim(2, unit: "DMU-LEE", cohorts: ["AMESA"])
        week.claim(3, unit: "DMU-LEE")
        let instance = InterviewWeekSchedule(week.inputs).instance
        #expect(instance.claims.map(\.cohort) == ["general (DMU-GLA)", "AMESA (DMU-LEE)", "general (DMU-LEE)"])
        let byId = Dictionary(uniqueKeysWithValues: instance.decisionMakers.map { ($0.id, $0.cohorts) })
        #expect(byId["dm.gla"] == ["general (DMU-GLA)"])
        #expect(byId["dm.lee"] == ["AMESA (DMU-LEE)"])
        let result = try WeekScheduler(timeLimit: .seconds(2)).schedule(instance)
        #expect(result.bookings.map(\.claim) == ["CW-0000001"])
        let explained = Dictionary(uniqueKeysWithValues: result.unbooked.map { ($0.claim, $0) })
        #expect(explained["CW-0000002"]?.constraint == .decisionMakerAvailable)
        #expect(explained["CW-0000003"]?.constraint == .decisionMakerTrained)
    }

    @Test("Decision makers: one entry per declared location and maximum; a day already booked keeps what remains")
    func decisionMakerEntries() throws {
        var week = WeekInputs()
        week.room("GLA-1")
        week.room("GLA-2")
        week.room("CRO-1", at: "CROYDON")
        week.decisionMaker("dm.gla", days: [0, 1, 2], dailyMaximum: 2)
        week.inputs.availability.append(DeclaredAvailability(staff: "dm.gla", date: WeekInputs.day(3), location: "CROYDON", dailyMaximum: 1))
        week.inputs.availability.append(DeclaredAvailability(staff: "dm.gla", date: WeekInputs.day(4), location: "GLASGOW", dailyMaximum: 1))
        week.booked(1, 570, decisionMaker: "dm.gla")  // Tuesday: one of two taken
        week.booked(4, 570, decisionMaker: "dm.gla")  // Friday: its only one taken
        let entries = InterviewWeekSchedule(week.inputs).instance.decisionMakers
        #expect(entries.map(\.id) == ["dm.gla", "dm.gla#2", "dm.gla#3"])
        #expect(entries.map(\.days) == [[WeekInputs.day(0), WeekInputs.day(2)], [WeekInputs.day(1)], [WeekInputs.day(3)]])
        #expect(entries.map(\.dailyMaximum) == [2, 1, 1])
        #expect(entries.map(\.location) == ["GLASGOW", "GLASGOW", "CROYDON"])
    }

    @Test("Interpreters: weekdays become the week's dates; a day already booked keeps its remaining maximum and, in person, its one location")
    func interpreterEntries() throws {
        var week = WeekInputs()
        week.room("GLA-1")
        week.room("CRO-1", at: "CROYDON")
        week.interpreter("INT-KUR", "kurdish", dialect: "sorani", at: ["GLASGOW", "CROYDON", "CLOSED-PLACE"], days: [.monday, .tuesday, .wednesday])
        week.interpreter("INT-VID", "Tigrinya", at: ["GLASGOW"], remote: true, days: [.monday])
        week.booked(1, 570, room: "CRO-1", interpreter: "INT-KUR", decisionMaker: "dm.cro", location: "CROYDON")
        week.booked(2, 570, interpreter: "INT-KUR", decisionMaker: "dm.gla")
        week.booked(2, 810, interpreter: "INT-KUR", decisionMaker: "dm.gla")
        week.booked(0, 570, interpreter: "INT-VID", decisionMaker: "dm.gla")
        let instance = InterviewWeekSchedule(week.inputs).instance
        let byId = Dictionary(uniqueKeysWithValues: instance.interpreters.map { ($0.id, $0) })
        #expect(Set(byId.keys) == ["INT-KUR", "INT-KUR#2023-11-07", "INT-VID#2023-11-06"])
        #expect(byId["INT-KUR"]?.days == [WeekInputs.day(0)] && byId["INT-KUR"]?.locations == ["GLASGOW", "CROYDON"])
        #expect(byId["INT-KUR"]?.languages == [ScheduleLanguage("Kurdish", dialect: "Sorani")])
        #expect(byId["INT-KUR#2023-11-07"]?.locations == ["CROYDON"] && byId["INT-KUR#2023-11-07"]?.dailyMaximum == 1)
        // By video, the location they are already at does not bind them.
        #expect(byId["INT-VID#2023-11-06"]?.locations == ["GLASGOW"] && byId["INT-VID#2023-11-06"]?.remote == true)
        #expect(byId["INT-VID#2023-11-06"]?.languages == [ScheduleLanguage("Tigrinya")])
        #expect(try instance.validated() == instance)
    }

    @Test("Claims carry their rank, needs, child flag and postponement; a booking maps back to a choice the booking checks accept")
    func bookingsMapBack() throws {
        var week = WeekInputs()
        week.room("GLA-1", childSuitable: true, minutes: 180)
        week.decisionMaker("dm.gla", children: true, days: [0, 1, 2, 3, 4])
        week.interpreter("INT-TIG", "tigrinya")
        week.claim(1, language: InterpreterLanguage(language: "tigrinya"), child: true, responsibleAdult: true)
        week.claim(2, kind: .targetedNationality, notBefore: WeekInputs.day(3))
        week.claim(3, language: InterpreterLanguage(language: "kurdish", dialect: "badini"))
        let schedule = InterviewWeekSchedule(week.inputs)
        let claims = schedule.instance.claims
        #expect(claims[0].child && claims[0].responsibleAdult && claims[0].language == ScheduleLanguage("Tigrinya"))
        #expect(claims[1].kind == .targetedNationality && claims[1].notBefore == WeekInputs.day(3) && claims[1].language == nil)
        #expect(claims[2].language == ScheduleLanguage("Kurdish", dialect: "Badini"))
        #expect(claims.map(\.latitude) == [55.87, 55.87, 55.87] && claims.map(\.maximumTravelKm) == [40, 40, 40])

        let plan = try schedule.schedule(with: WeekScheduler(timeLimit: .seconds(2)))
        #expect(plan.refused.isEmpty)
        let choices = Dictionary(uniqueKeysWithValues: plan.choices.map { ($0.claim.rawValue, $0) })
        let child = try #require(choices["CW-0000001"])
        // The child's slot: 120 minutes and a 15-minute break for each started hour (InterviewPolicy).
        #expect(child.slot.minutes == 150 && child.slot.interpreter == "INT-TIG" && child.slot.decisionMaker == "dm.gla" && child.version == 3)
        #expect(child.slot.location == "GLASGOW" && child.slot.room == "GLA-1" && [570, 810].contains(child.slot.start))
        let nationality = try #require(choices["CW-0000002"])
        #expect(nationality.slot.minutes == 45 && nationality.slot.date >= WeekInputs.day(3) && nationality.slot.interpreter == nil)
        #expect(plan.unbooked.map(\.claim) == ["CW-0000003"] && plan.unbooked.first?.constraint == .interpreterLanguage)
        #expect(plan.unbooked.first?.explanation.contains("Kurdish (Badini)") == true)
        #expect(week.inputs.problems(with: plan.choices).allSatisfy { $0.isEmpty })
        #expect(schedule.choice(for: ScheduleBooking(claim: "CW-0000001", slot: "NO-SUCH-SLOT", interpreter: nil, decisionMaker: "dm.gla")) == nil)
        #expect(plan.bookings.map(\.locationName) == ["Glasgow", "Glasgow"])
        #expect(plan.bookings.first { $0.choice.claim == .numbered(1) }?.interpreterName == "Interpreter INT-TIG")
        #expect(plan.bookings.map(\.choice.slot.date) == plan.bookings.map(\.choice.slot.date).sorted())
    }

    @Test("Time already booked on a decision maker that the format cannot express is caught by the booking checks, not booked")
    func clashesAreRefused() throws {
        var week = WeekInputs()
        week.room("GLA-1")
        week.room("GLA-2")
        // dm.gla declared two on Monday and already interviews 09:30–11:30 in GLA-1; GLA-2's 09:30 is the only free
        // slot left that day once GLA-1's afternoon is taken too.
        week.decisionMaker("dm.gla", days: [0], dailyMaximum: 3)
        week.booked(0, 570, room: "GLA-1", decisionMaker: "dm.gla")
        week.booked(0, 810, room: "GLA-1", decisionMaker: "dm.other")
        week.booked(0, 810, room: "GLA-2", decisionMaker: "dm.other")
        week.claim(1)
        let plan = try InterviewWeekSchedule(week.inputs).schedule(with: WeekScheduler(timeLimit: .seconds(2)))
        #expect(plan.result.bookings.map(\.slot) == ["GLA-2 2023-11-06 09:30"])
        #expect(plan.bookings.isEmpty)
        #expect(plan.refused.map(\.claim) == ["CW-0000001"])
        #expect(plan.refused.first?.problems.contains { $0.contains("already interviewing at that time") } == true)
    }

    @Test("The proposal check takes choices in order: a second choice of the same time is refused, the first kept")
    func proposalCheckInOrder() throws {
        var week = WeekInputs()
        week.room("GLA-1")
        week.decisionMaker("dm.gla", days: [0], dailyMaximum: 2)
        week.claim(1)
        week.claim(2)
        let slot = InterviewSlotChoice(date: WeekInputs.day(0), start: 570, minutes: 120, location: "GLASGOW", room: "GLA-1", interpreter: nil, decisionMaker: "dm.gla")
        let problems = week.inputs.problems(with: [
            InterviewWeekChoice(claim: .numbered(1), version: 3, slot: slot), InterviewWeekChoice(claim: .numbered(2), version: 3, slot: slot),
            InterviewWeekChoice(claim: .numbered(9), version: 3, slot: slot),
        ])
        #expect(problems[0].isEmpty)
        #expect(Set(problems[1].map(\.field)) == ["room", "decisionMaker"])
        #expect(problems[2].map(\.field) == ["claim"])
    }
}
