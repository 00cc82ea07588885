import CaseworkDomain
import Testing

/// Every hard rule of a single booking, each with the tempting choice that breaks it.
@Suite("Booking one interview: options and the rules every booking passes")
struct BookingSearchTests {
    static let monday = LocalDate(year: 2026, month: 11, day: 30)!
    static let glasgow = GeoPoint(latitude: 55.864, longitude: -4.252)!
    static let edinburgh = GeoPoint(latitude: 55.953, longitude: -3.189)!
    static let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

    static func room(_ code: String, at location: String, child: Bool = false, stepFree: Bool = false, minutes: Int = 135) -> InterviewRoom {
        InterviewRoom(code: code, location: location, name: code, childSuitable: child, stepFree: stepFree,
                      weeklySlots: weekdays.map { RoomSlot(weekday: $0, start: 570, minutes: minutes) })
    }

    static func search(
        rooms: [InterviewRoom]? = nil, interpreters: [Interpreter]? = nil, availability: [DeclaredAvailability]? = nil,
        decisionMakers: [BookingSearch.DecisionMaker]? = nil, booked: [BookingSearch.Booked] = [], glasgowDays: [Weekday] = weekdays
    ) -> BookingSearch {
        BookingSearch(
            locations: [
                InterviewLocation(code: "GLA", name: "Glasgow", address: "Brand Street", point: glasgow, openDays: glasgowDays),
                InterviewLocation(code: "EDI", name: "Edinburgh", address: "Leith", point: edinburgh, openDays: weekdays),
            ],
            rooms: rooms ?? [room("GLA-1", at: "GLA"), room("EDI-1", at: "EDI")],
            interpreters: interpreters ?? [
                Interpreter(code: "SOR", name: "Sorani speaker", languages: [InterpreterLanguage(language: "kurdish", dialect: "sorani")], locations: ["GLA", "EDI"], remote: false, days: weekdays, dailyMaximum: 2),
            ],
            availability: availability ?? [
                DeclaredAvailability(staff: "dm.a", date: monday, location: "GLA", dailyMaximum: 1),
                DeclaredAvailability(staff: "dm.b", date: monday, location: "EDI", dailyMaximum: 1),
            ],
            decisionMakers: decisionMakers ?? [
                .init(staff: "dm.a", name: "A", unit: "DMU", eligibility: NextClaimEligibility(trainedFor: .both, childrensCasework: true, operation: nil)),
                .init(staff: "dm.b", name: "B", unit: "DMU", eligibility: NextClaimEligibility(trainedFor: .both, childrensCasework: false, operation: nil)),
            ],
            booked: booked
        )
    }

    static func claim(
        home: GeoPoint = glasgow, travel: Int = 100, language: InterpreterLanguage? = InterpreterLanguage(language: "kurdish", dialect: "sorani"),
        kind: InterviewKind = .substantive, child: Bool = false, stepFree: Bool = false, cohorts: Set<String> = [], holder: StaffID? = nil
    ) -> BookingSearch.ClaimToBook {
        BookingSearch.ClaimToBook(
            needs: InterviewNeeds(home: home, maximumTravelKm: travel, language: language, kind: kind, responsibleAdultArranged: child, needsStepFreeAccess: stepFree),
            child: child, unit: "DMU", cohorts: cohorts, holder: holder
        )
    }

    static func choice(room: String = "GLA-1", location: String = "GLA", interpreter: String? = "SOR", dm: StaffID = "dm.a", minutes: Int = 120, date: LocalDate = monday, start: Int = 570) -> InterviewSlotChoice {
        InterviewSlotChoice(date: date, start: start, minutes: minutes, location: location, room: room, interpreter: interpreter, decisionMaker: dm)
    }

    func fields(_ search: BookingSearch, _ claim: BookingSearch.ClaimToBook, _ choice: InterviewSlotChoice) -> Set<String> {
        Set(search.problems(with: choice, for: claim, earliest: Self.monday).map(\.field))
    }

    @Test("The nearest location comes first; the option says why")
    func nearestFirst() throws {
        let options = Self.search().options(for: Self.claim(), on: [Self.monday], limit: 5)
        #expect(options.map(\.slot.location) == ["GLA", "EDI"])
        #expect(options[0].reasons[1] == "Glasgow is the nearest location, 0 km from the claimant")
        #expect(options[1].reasons[1].hasPrefix("Edinburgh is 67 km from the claimant"))
        #expect(Self.search().problems(with: options[0].slot, for: Self.claim(), earliest: Self.monday).isEmpty)
    }

    @Test("travel-distance: a location beyond the claimant's limit is never offered nor bookable")
    func travel() {
        let claim = Self.claim(travel: 30)
        #expect(Self.search().options(for: claim, on: [Self.monday], limit: 5).map(\.slot.location) == ["GLA"])
        #expect(fields(Self.search(), claim, Self.choice(room: "EDI-1", location: "EDI", dm: "dm.b")) == ["location"])
    }

    @Test("notice: not before the earliest date")
    func notice() {
        let problems = Self.search().problems(with: Self.choice(), for: Self.claim(), earliest: Self.monday.adding(days: 1))
        #expect(problems.map(\.field) == ["date"])
    }

    @Test("location-closed: not on a day the location is shut")
    func closed() {
        let search = Self.search(glasgowDays: [.tuesday])
        #expect(search.options(for: Self.claim(), on: [Self.monday], limit: 5).map(\.slot.location) == ["EDI"])
        #expect(fields(search, Self.claim(), Self.choice()).contains("date"))
    }

    @Test("slot-length: a complex claim's double slot does not fit a 135-minute slot; a child's breaks are added")
    func slotLength() {
        #expect(Self.search().options(for: Self.claim(kind: .complexSubstantive), on: [Self.monday], limit: 5).isEmpty)
        let long = Self.search(rooms: [Self.room("GLA-1", at: "GLA", minutes: 255)])
        #expect(long.options(for: Self.claim(kind: .complexSubstantive), on: [Self.monday], limit: 5).first?.slot.minutes == 240)
        #expect(fields(Self.search(), Self.claim(kind: .complexSubstantive), Self.choice(minutes: 240)) == ["start"])
        #expect(Self.search().requiredMinutes(for: Self.claim(child: true)) == 150)
    }

    @Test("room-access: a child needs a child-suitable room, a wheelchair user a step-free one")
    func roomAccess() {
        let rooms = [Self.room("GLA-1", at: "GLA"), Self.room("GLA-2", at: "GLA", child: true, stepFree: true, minutes: 165)]
        let search = Self.search(rooms: rooms)
        #expect(search.options(for: Self.claim(child: true), on: [Self.monday], limit: 5).first?.slot.room == "GLA-2")
        #expect(search.options(for: Self.claim(stepFree: true), on: [Self.monday], limit: 5).first?.slot.room == "GLA-2")
        #expect(fields(search, Self.claim(stepFree: true), Self.choice()) == ["room"])
        // An adult is offered the ordinary room first, so the children's room stays free for children.
        let childRoomFirst = Self.search(rooms: [Self.room("GLA-2", at: "GLA", child: true, minutes: 165), Self.room("GLA-1", at: "GLA")])
        #expect(childRoomFirst.options(for: Self.claim(), on: [Self.monday], limit: 5).first?.slot.room == "GLA-1")
    }

    @Test("interpreter-language: the dialect must match when the claimant names one; none when none is needed")
    func language() {
        let badini = Self.claim(language: InterpreterLanguage(language: "kurdish", dialect: "badini"))
        #expect(Self.search().options(for: badini, on: [Self.monday], limit: 5).isEmpty)
        #expect(fields(Self.search(), badini, Self.choice()) == ["interpreter"])
        let anyKurdish = Self.claim(language: InterpreterLanguage(language: "kurdish"))
        #expect(!Self.search().options(for: anyKurdish, on: [Self.monday], limit: 5).isEmpty)
        #expect(fields(Self.search(), Self.claim(language: nil), Self.choice()) == ["interpreter"])
        #expect(Self.search().options(for: Self.claim(language: nil), on: [Self.monday], limit: 5).first?.slot.interpreter == nil)
    }

    @Test("interpreter-available and -capacity: their days, their locations or video, daily maximum, no overlap, one location a day")
    func interpreterRules() {
        func interpreter(days: [Weekday] = Self.weekdays, locations: [String] = ["GLA"], remote: Bool = false, max: Int = 2) -> Interpreter {
            Interpreter(code: "SOR", name: "Sorani speaker", languages: [InterpreterLanguage(language: "kurdish", dialect: "sorani")], locations: locations, remote: remote, days: days, dailyMaximum: max)
        }
        #expect(fields(Self.search(interpreters: [interpreter(days: [.tuesday])]), Self.claim(), Self.choice()) == ["interpreter"])
        #expect(fields(Self.search(interpreters: [interpreter(locations: ["EDI"])]), Self.claim(), Self.choice()) == ["interpreter"])
        #expect(fields(Self.search(interpreters: [interpreter(locations: ["EDI"], remote: true)]), Self.claim(), Self.choice()).isEmpty)
        let elsewhere = BookingSearch.Booked(date: Self.monday, start: 900, minutes: 120, location: "EDI", room: "EDI-1", interpreter: "SOR", decisionMaker: "dm.b")
        #expect(fields(Self.search(interpreters: [interpreter(locations: ["GLA", "EDI"])], booked: [elsewhere]), Self.claim(), Self.choice()) == ["interpreter"])
        let sameTime = BookingSearch.Booked(date: Self.monday, start: 600, minutes: 120, location: "GLA", room: "GLA-9", interpreter: "SOR", decisionMaker: "dm.x")
        #expect(fields(Self.search(booked: [sameTime]), Self.claim(), Self.choice()) == ["interpreter"])
        let morning = BookingSearch.Booked(date: Self.monday, start: 480, minutes: 60, location: "GLA", room: "GLA-9", interpreter: "SOR", decisionMaker: "dm.x")
        #expect(fields(Self.search(interpreters: [interpreter(max: 1)], booked: [morning]), Self.claim(), Self.choice()) == ["interpreter"])
    }

    @Test("decision-maker rules: declared that day there, trained to interview, the claim's cohort, children's training, unit, capacity")
    func decisionMakerRules() {
        func dm(_ eligibility: NextClaimEligibility, unit: UnitID = "DMU") -> [BookingSearch.DecisionMaker] {
            [.init(staff: "dm.a", name: "A", unit: unit, eligibility: eligibility)]
        }
        #expect(fields(Self.search(decisionMakers: dm(NextClaimEligibility(trainedFor: .decisions, childrensCasework: true, operation: nil))), Self.claim(), Self.choice()) == ["decisionMaker"])
        #expect(fields(Self.search(decisionMakers: dm(NextClaimEligibility(trainedFor: .both, childrensCasework: true, operation: "AMESA"))), Self.claim(cohorts: ["MAKHU"]), Self.choice()) == ["decisionMaker"])
        #expect(fields(Self.search(decisionMakers: dm(NextClaimEligibility(trainedFor: .both, childrensCasework: true, operation: "AMESA"))), Self.claim(cohorts: ["AMESA"]), Self.choice()).isEmpty)
        let childRooms = [Self.room("GLA-1", at: "GLA", child: true, minutes: 165)]
        #expect(fields(Self.search(rooms: childRooms, decisionMakers: dm(NextClaimEligibility(trainedFor: .both, childrensCasework: false, operation: nil))), Self.claim(child: true), Self.choice(minutes: 150)) == ["decisionMaker"])
        #expect(fields(Self.search(decisionMakers: dm(.init(trainedFor: .both, childrensCasework: true, operation: nil), unit: "OTHER")), Self.claim(), Self.choice()) == ["decisionMaker"])
        #expect(fields(Self.search(), Self.claim(), Self.choice(dm: "dm.b")) == ["decisionMaker"])  // declared Edinburgh, not Glasgow
        #expect(fields(Self.search(), Self.claim(), Self.choice(date: Self.monday.adding(days: 1))) == ["decisionMaker"])  // not declared Tuesday
        let full = BookingSearch.Booked(date: Self.monday, start: 840, minutes: 60, location: "GLA", room: "GLA-9", interpreter: nil, decisionMaker: "dm.a")
        #expect(fields(Self.search(booked: [full]), Self.claim(), Self.choice()) == ["decisionMaker"])
    }

    @Test("double-booking: a room already booked at that time is refused and not offered")
    func roomTaken() {
        let taken = BookingSearch.Booked(date: Self.monday, start: 570, minutes: 120, location: "GLA", room: "GLA-1", interpreter: nil, decisionMaker: "dm.x")
        #expect(fields(Self.search(booked: [taken]), Self.claim(), Self.choice()) == ["room"])
        #expect(Self.search(booked: [taken]).options(for: Self.claim(), on: [Self.monday], limit: 5).map(\.slot.location) == ["EDI"])
    }

    @Test("The caseworker who holds the claim is offered first when free")
    func holderFirst() {
        let availability = [
            DeclaredAvailability(staff: "dm.a", date: Self.monday, location: "GLA", dailyMaximum: 1),
            DeclaredAvailability(staff: "dm.b", date: Self.monday, location: "GLA", dailyMaximum: 1),
        ]
        let search = Self.search(availability: availability)
        #expect(search.options(for: Self.claim(holder: "dm.b"), on: [Self.monday], limit: 1).first?.slot.decisionMaker == "dm.b")
        #expect(search.options(for: Self.claim(holder: "dm.b"), on: [Self.monday], limit: 1).first?.reasons.contains("B holds the claim and is free to interview") == true)
        #expect(search.options(for: Self.claim(), on: [Self.monday], limit: 1).first?.slot.decisionMaker == "dm.a")
    }

    @Test("A no-show recorded late is dated the day it is produced, never back-dated; on the day, the next working day")
    func lateLetter() throws {
        let rule = FailureToAttendRule.current
        let friday = LocalDate(year: 2026, month: 11, day: 27)!
        #expect(try rule.letterDate(afterInterviewOn: friday, recordedOn: friday) == Self.monday)
        #expect(try rule.letterDate(afterInterviewOn: friday, recordedOn: friday.adding(days: 1)) == Self.monday)
        #expect(try rule.letterDate(afterInterviewOn: friday, recordedOn: Self.monday.adding(days: 2)) == Self.monday.adding(days: 2))
        #expect(try rule.letterDate(afterInterviewOn: LocalDate(year: 2026, month: 12, day: 23)!, recordedOn: LocalDate(year: 2026, month: 12, day: 26)!) == LocalDate(year: 2026, month: 12, day: 29)!)
    }
}
