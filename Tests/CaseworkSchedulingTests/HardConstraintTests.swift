import CaseworkDomain
import CaseworkScheduling
import Testing

/// One test per hard constraint of docs/schedule-format.md: a small week where breaking the rule would book more, or
/// book sooner, and the scheduler does not. Every result is also checked against all the rules (`TestWeek.schedule`).
@Suite("Week scheduler: hard constraints")
struct HardConstraintTests {
    @Test("double-booking: one slot holds one interview, however many claims want it")
    func oneInterviewPerSlot() throws {
        var week = TestWeek()
        week.room("R1")
        week.slot("S1", room: "R1")
        week.decisionMaker("DM1", dailyMaximum: 5)
        week.decisionMaker("DM2", dailyMaximum: 5)
        week.claim("C1", priority: 1)
        week.claim("C2", priority: 2)
        let result = try week.schedule()
        #expect(result.bookings.map(\.claim) == ["C1"])
        #expect(result.unbookedEntry("C2")?.constraint == .capacity)
    }

    @Test("slot-length: a complex claim never takes a short slot, and a short interview leaves the long slot to it")
    func slotLength() throws {
        var week = TestWeek()
        week.room("R1")
        week.slot("SHORT", room: "R1", start: "09:00", minutes: 135)
        week.slot("LONG", room: "R1", start: "11:30", minutes: 255)
        week.decisionMaker("DM1")
        week.decisionMaker("DM2")
        week.claim("SUBSTANTIVE", priority: 1)
        week.claim("COMPLEX", priority: 2, kind: .complexSubstantive)
        week.claim("COMPLEX-2", priority: 3, kind: .complexSubstantive)
        let result = try week.schedule()
        #expect(result.booking("SUBSTANTIVE")?.slot == "SHORT")
        #expect(result.booking("COMPLEX")?.slot == "LONG")
        #expect(result.booking("COMPLEX-2") == nil)
    }

    @Test("slot-length: a child's interview is longer by a break for every started hour")
    func childBreaks() throws {
        var week = TestWeek()
        week.room("R1", childSuitable: true)
        week.slot("S135", room: "R1", start: "09:00", minutes: 135)
        week.slot("S150", room: "R1", start: "13:00", minutes: 150)
        week.decisionMaker("DM1", childrenTrained: true)
        week.claim("CHILD", child: true, responsibleAdult: true)
        let result = try week.schedule()
        #expect(result.booking("CHILD")?.slot == "S150")
    }

    @Test("travel-distance: a free slot beyond the claimant's reach is not used")
    func travelDistance() throws {
        var week = TestWeek()
        week.location("LOC2", name: "Glasgow", at: TestWeek.glasgow)
        week.room("R1")
        week.room("R2", at: "LOC2")
        week.slot("NEAR", room: "R1")
        week.slot("FAR", room: "R2")
        week.decisionMaker("DM1")
        week.decisionMaker("DM2", location: "LOC2")
        week.claim("C1", priority: 1)
        week.claim("C2", priority: 2, maximumTravelKm: 80)
        let result = try week.schedule()
        #expect(result.booking("C1")?.slot == "NEAR")
        #expect(result.booking("C2") == nil)
        #expect(result.unbookedEntry("C2")?.constraint == .capacity)
    }

    @Test("travel-distance: of two slots in reach, the nearer is booked")
    func shorterTravel() throws {
        var week = TestWeek()
        week.location("LOC2", name: "Hounslow", at: (51.468, -0.361))
        week.room("R1")
        week.room("R2", at: "LOC2")
        week.slot("HOUNSLOW", room: "R2")
        week.slot("CROYDON", room: "R1")
        week.decisionMaker("DM1")
        week.decisionMaker("DM2", location: "LOC2")
        week.claim("C1", at: (51.36, -0.11), maximumTravelKm: 60)
        let result = try week.schedule()
        #expect(result.booking("C1")?.slot == "CROYDON")
    }

    @Test("notice: nothing before the earliest date or the claim's not-before date, even when earlier slots are free")
    func notice() throws {
        var week = TestWeek()
        week.instance.earliestDate = TestWeek.days[1]
        week.room("R1")
        week.slot("MON", room: "R1", day: 0)
        week.slot("TUE", room: "R1", day: 1)
        week.slot("WED", room: "R1", day: 2)
        week.decisionMaker("DM1")
        week.claim("C1", priority: 1)
        week.claim("LATER", priority: 1, notBefore: 2)
        week.claim("C3", priority: 2)
        let result = try week.schedule()
        #expect(result.booking("C1")?.slot == "TUE")
        #expect(result.booking("LATER")?.slot == "WED")
        #expect(result.booking("C3") == nil)
    }

    @Test("notice: a slot on a day outside the week is never booked")
    func outsideWeek() throws {
        var week = TestWeek()
        week.instance.week = Array(TestWeek.days.prefix(2))
        week.room("R1")
        week.slot("FRI", room: "R1", day: 4)
        week.decisionMaker("DM1")
        week.claim("C1")
        let result = try week.schedule()
        #expect(result.bookings.isEmpty)
        #expect(result.unbookedEntry("C1")?.constraint == .notice)
    }

    @Test("location-closed: a slot on a day its location is closed is not used")
    func locationClosed() throws {
        var week = TestWeek()
        week.instance.locations[0].openDays = [TestWeek.days[1]]
        week.room("R1")
        week.slot("MON", room: "R1", day: 0)
        week.slot("TUE", room: "R1", day: 1)
        week.decisionMaker("DM1")
        week.claim("C1", priority: 1)
        week.claim("C2", priority: 2)
        let result = try week.schedule()
        #expect(result.booking("C1")?.slot == "TUE")
        #expect(result.booking("C2") == nil)
    }

    @Test("room-access: step-free and child-suitable rooms only, even when an ordinary room is free earlier")
    func roomAccess() throws {
        var week = TestWeek()
        week.room("PLAIN")
        week.room("STEP-FREE", stepFree: true)
        week.room("CHILDREN", childSuitable: true)
        week.slot("S-PLAIN", room: "PLAIN", day: 0, minutes: 165)
        week.slot("S-STEP", room: "STEP-FREE", day: 1, minutes: 165)
        week.slot("S-CHILD", room: "CHILDREN", day: 2, minutes: 165)
        week.decisionMaker("DM1", childrenTrained: true, dailyMaximum: 3)
        week.claim("WHEELCHAIR", priority: 1, needsStepFree: true)
        week.claim("CHILD", priority: 2, child: true, responsibleAdult: true)
        week.claim("WHEELCHAIR-2", priority: 3, needsStepFree: true)
        let result = try week.schedule()
        #expect(result.booking("WHEELCHAIR")?.slot == "S-STEP")
        #expect(result.booking("CHILD")?.slot == "S-CHILD")
        #expect(result.booking("WHEELCHAIR-2") == nil)
    }

    @Test("responsible-adult: a child with no responsible adult is not booked, even with a free slot")
    func responsibleAdult() throws {
        var week = TestWeek()
        week.room("R1", childSuitable: true)
        week.slot("S1", room: "R1", minutes: 165)
        week.decisionMaker("DM1", childrenTrained: true)
        week.claim("ALONE", child: true, responsibleAdult: false)
        let result = try week.schedule()
        #expect(result.bookings.isEmpty)
        #expect(result.unbookedEntry("ALONE")?.constraint == .responsibleAdult)
    }

    @Test("interpreter-language: a named dialect needs that dialect; no dialect takes any; no language takes no interpreter")
    func interpreterLanguage() throws {
        var week = TestWeek()
        week.room("R1")
        for day in 0..<3 { week.slot("S\(day)", room: "R1", day: day) }
        week.interpreter("SORANI", [.sorani], dailyMaximum: 5)
        week.interpreter("KURDISH", [.kurdish], dailyMaximum: 5)
        week.decisionMaker("DM1", dailyMaximum: 5)
        week.claim("BADINI", priority: 1, language: .badini)
        week.claim("ANY-KURDISH", priority: 2, language: .kurdish)
        week.claim("WANTS-SORANI", priority: 3, language: .sorani)
        week.claim("ENGLISH", priority: 4)
        let result = try week.schedule()
        #expect(result.booking("BADINI") == nil)
        #expect(result.unbookedEntry("BADINI")?.constraint == .interpreterLanguage)
        #expect(result.booking("WANTS-SORANI")?.interpreter == "SORANI")
        #expect(result.booking("ANY-KURDISH")?.interpreter != nil)
        #expect(result.booking("ENGLISH")?.interpreter == nil)
        #expect(result.booking("ENGLISH") != nil)
    }

    @Test("interpreter-available: only on the interpreter's days, and in person only where they attend")
    func interpreterAvailable() throws {
        var week = TestWeek()
        week.location("LOC2", name: "Wembley", at: (51.556, -0.280))
        week.room("R1")
        week.room("R2", at: "LOC2")
        week.slot("MON", room: "R1", day: 0)
        week.slot("TUE", room: "R1", day: 1)
        week.slot("WEMBLEY-MON", room: "R2", day: 0)
        week.interpreter("INT1", [.vietnamese], locations: ["LOC1"], days: [1])
        week.decisionMaker("DM1")
        week.decisionMaker("DM2", location: "LOC2")
        week.claim("C1", language: .vietnamese, maximumTravelKm: 100)
        week.claim("C2", priority: 4, language: .vietnamese, maximumTravelKm: 100)
        let result = try week.schedule()
        #expect(result.booking("C1")?.slot == "TUE")
        #expect(result.booking("C2") == nil)
    }

    @Test("interpreter-available: a remote interpreter can take a location they do not attend")
    func remoteInterpreter() throws {
        var week = TestWeek()
        week.location("LOC2", name: "Wembley", at: (51.556, -0.280))
        week.room("R2", at: "LOC2")
        week.slot("WEMBLEY", room: "R2")
        week.interpreter("VIDEO", [.vietnamese], locations: ["LOC1"], remote: true)
        week.decisionMaker("DM2", location: "LOC2")
        week.claim("C1", language: .vietnamese, maximumTravelKm: 100)
        let result = try week.schedule()
        #expect(result.booking("C1")?.interpreter == "VIDEO")
    }

    @Test("interpreter-capacity: within the daily maximum, no overlaps, and in person at one location a day")
    func interpreterCapacity() throws {
        var week = TestWeek()
        week.location("LOC2", name: "Wembley", at: (51.556, -0.280))
        week.room("R1")
        week.room("R2")
        week.room("R3", at: "LOC2")
        week.slot("A-0900", room: "R1", start: "09:00")
        week.slot("B-0900", room: "R2", start: "09:00")
        week.slot("A-1130", room: "R1", start: "11:30")
        week.slot("A-1400", room: "R1", start: "14:00")
        week.slot("WEMBLEY-1400", room: "R3", start: "14:00")
        week.interpreter("INT1", [.vietnamese], locations: ["LOC1", "LOC2"], dailyMaximum: 2)
        week.decisionMaker("DM1", dailyMaximum: 5)
        week.decisionMaker("DM2", dailyMaximum: 5)
        week.decisionMaker("DM3", location: "LOC2", dailyMaximum: 5)
        for index in 1...4 { week.claim("C\(index)", priority: index, language: .vietnamese, maximumTravelKm: 100) }
        let result = try week.schedule()
        #expect(result.bookings.count == 2)
        let slots = Set(result.bookings.map(\.slot))
        #expect(!(slots.contains("A-0900") && slots.contains("B-0900")))
        #expect(!slots.contains("WEMBLEY-1400"))
    }

    @Test("interpreter-capacity: an interpreter in person at one location a day, though two claimants each need them")
    func interpreterOneLocation() throws {
        var week = TestWeek()
        week.location("LOC2", name: "Wembley", at: (51.556, -0.280))
        week.room("R1")
        week.room("R3", at: "LOC2")
        week.slot("CROYDON", room: "R1", start: "09:00")
        week.slot("WEMBLEY", room: "R3", start: "14:00")
        week.interpreter("INT1", [.vietnamese], locations: ["LOC1", "LOC2"], days: [0], dailyMaximum: 2)
        week.decisionMaker("DM1")
        week.decisionMaker("DM3", location: "LOC2")
        week.claim("C1", language: .vietnamese, at: TestWeek.croydon, maximumTravelKm: 10)
        week.claim("C2", language: .vietnamese, at: (51.556, -0.280), maximumTravelKm: 10)
        let result = try week.schedule()
        #expect(result.bookings.count == 1)
        #expect(result.unbooked.map(\.constraint) == [.capacity])
    }

    @Test("interpreter-capacity: a remote interpreter may work two locations in a day")
    func remoteTwoLocations() throws {
        var week = TestWeek()
        week.location("LOC2", name: "Wembley", at: (51.556, -0.280))
        week.room("R1")
        week.room("R3", at: "LOC2")
        week.slot("CROYDON", room: "R1", start: "09:00")
        week.slot("WEMBLEY", room: "R3", start: "14:00")
        week.interpreter("VIDEO", [.vietnamese], remote: true, days: [0], dailyMaximum: 2)
        week.decisionMaker("DM1")
        week.decisionMaker("DM3", location: "LOC2")
        week.claim("C1", language: .vietnamese, at: TestWeek.croydon, maximumTravelKm: 10)
        week.claim("C2", language: .vietnamese, at: (51.556, -0.280), maximumTravelKm: 10)
        let result = try week.schedule()
        #expect(result.bookings.count == 2)
    }

    @Test("interpreter-capacity: an interpreter of a scarce language is kept for it when a common-language one can serve")
    func scarceInterpreterKept() throws {
        var week = TestWeek()
        week.room("R1")
        week.room("R2")
        week.slot("S1", room: "R1", start: "09:00")
        week.slot("S2", room: "R2", start: "09:00")
        week.interpreter("BOTH", [.badini, .arabic], days: [0], dailyMaximum: 1)
        week.interpreter("ARABIC", [.arabic], days: [0], dailyMaximum: 1)
        week.decisionMaker("DM1")
        week.decisionMaker("DM2")
        week.claim("ARABIC-CLAIM", priority: 1, language: .arabic)
        week.claim("BADINI-CLAIM", priority: 2, language: .badini)
        let result = try week.schedule()
        #expect(result.booking("ARABIC-CLAIM")?.interpreter == "ARABIC")
        #expect(result.booking("BADINI-CLAIM")?.interpreter == "BOTH")
    }

    @Test("decision-maker-trained: the claim's cohort, or general when it has none; children need children-trained")
    func decisionMakerTrained() throws {
        var week = TestWeek()
        week.room("R1", childSuitable: true)
        for day in 0..<4 { week.slot("S\(day)", room: "R1", day: day, minutes: 165) }
        week.decisionMaker("GENERAL", cohorts: ["general"], dailyMaximum: 5)
        week.decisionMaker("AMESA", cohorts: ["AMESA"], dailyMaximum: 5)
        week.claim("AMESA-CLAIM", priority: 1, cohort: "AMESA")
        week.claim("GENERAL-CLAIM", priority: 2)
        week.claim("MAKHU-CLAIM", priority: 3, cohort: "MAKHU")
        week.claim("CHILD", priority: 4, child: true, responsibleAdult: true)
        let result = try week.schedule()
        #expect(result.booking("AMESA-CLAIM")?.decisionMaker == "AMESA")
        #expect(result.booking("GENERAL-CLAIM")?.decisionMaker == "GENERAL")
        #expect(result.unbookedEntry("MAKHU-CLAIM")?.constraint == .decisionMakerTrained)
        #expect(result.unbookedEntry("CHILD")?.constraint == .decisionMakerTrained)
    }

    @Test("decision-maker-available: only on their days and at their own location")
    func decisionMakerAvailable() throws {
        var week = TestWeek()
        week.location("LOC2", name: "Wembley", at: (51.556, -0.280))
        week.room("R1")
        week.room("R2", at: "LOC2")
        week.slot("CROYDON-MON", room: "R1", day: 0)
        week.slot("CROYDON-TUE", room: "R1", day: 1)
        week.slot("WEMBLEY-MON", room: "R2", day: 0)
        week.decisionMaker("DM1", location: "LOC1", days: [1])
        week.claim("C1", priority: 1, maximumTravelKm: 100)
        week.claim("C2", priority: 2, maximumTravelKm: 100)
        let result = try week.schedule()
        #expect(result.booking("C1")?.slot == "CROYDON-TUE")
        #expect(result.booking("C2") == nil)
    }

    @Test("decision-maker-capacity: within the daily maximum and never two at once")
    func decisionMakerCapacity() throws {
        var week = TestWeek()
        week.room("R1")
        week.room("R2")
        week.slot("A-0900", room: "R1", start: "09:00")
        week.slot("B-0900", room: "R2", start: "09:00")
        week.slot("A-1130", room: "R1", start: "11:30")
        week.slot("A-1400", room: "R1", start: "14:00")
        week.decisionMaker("DM1", days: [0], dailyMaximum: 2)
        for index in 1...4 { week.claim("C\(index)", priority: index) }
        let result = try week.schedule()
        #expect(result.bookings.count == 2)
        let slots = Set(result.bookings.map(\.slot))
        #expect(!(slots.contains("A-0900") && slots.contains("B-0900")))
    }

    @Test("reserve: at most one a slot, within the manifest share, matching the slot's interpreter and decision maker")
    func reserves() throws {
        var week = TestWeek()
        week.instance.manifestShare = 0.5
        week.room("R1")
        week.slot("S1", room: "R1", start: "09:00")
        week.slot("S2", room: "R1", start: "11:30")
        week.slot("S3", room: "R1", start: "14:00")
        week.interpreter("VIET", [.vietnamese], dailyMaximum: 3)
        week.decisionMaker("DM1", days: [0], dailyMaximum: 3)
        week.claim("B1", priority: 1, language: .vietnamese)
        week.claim("B2", priority: 1, language: .vietnamese)
        week.claim("B3", priority: 1, language: .vietnamese)
        week.claim("R-SORANI", priority: 2, language: .sorani)
        week.claim("R-AMESA", priority: 2, cohort: "AMESA", language: .vietnamese)
        week.claim("R1", priority: 3, language: .vietnamese)
        week.claim("R2", priority: 4, language: .vietnamese)
        week.claim("R3", priority: 5, language: .vietnamese)
        let result = try week.schedule()
        #expect(result.bookings.count == 3)
        // ceil(0.5 × 3) = 2 reserves, the most urgent who fit: not the Sorani claim (no interpreter) nor AMESA (no DM).
        #expect(Set(result.reserves.map(\.claim)) == ["R1", "R2"])
        #expect(Set(result.reserves.map(\.slot)).count == 2)
        #expect(result.unbookedEntry("R3")?.constraint == .capacity)
    }
}
