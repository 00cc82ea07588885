import CaseworkDomain
import CaseworkScheduling
import Testing

/// Every unbooked claim names the first claim-level rule that left it no slot, in the format's order, with a sentence
/// a planner can act on; when some slot met every rule, it names `capacity` and says where the slots went.
@Suite("Week scheduler: why a claim is unbooked")
struct ExplanationTests {
    /// A week with one room, a slot each day and a general decision maker every day, so a claim is stopped only by
    /// what a test changes.
    func openWeek() -> TestWeek {
        var week = TestWeek()
        week.room("R1", childSuitable: true, stepFree: true)
        for day in 0..<5 { week.slot("S\(day)", room: "R1", day: day, minutes: 165) }
        week.decisionMaker("DM1", cohorts: ["general", "AMESA"], childrenTrained: true, dailyMaximum: 1)
        week.interpreter("SORANI", [.sorani], dailyMaximum: 1)
        return week
    }

    func reason(_ week: TestWeek, _ claim: String) throws -> ScheduleUnbooked {
        let result = try week.schedule()
        return try #require(result.unbookedEntry(claim))
    }

    @Test("responsible-adult: a child with no responsible adult")
    func responsibleAdult() throws {
        var week = openWeek()
        week.claim("C1", child: true, responsibleAdult: false, at: TestWeek.glasgow)
        let entry = try reason(week, "C1")
        #expect(entry.constraint == .responsibleAdult)
        #expect(entry.explanation.contains("responsible adult"))
    }

    @Test("travel-distance: names the nearest location and how far it is")
    func travelDistance() throws {
        var week = openWeek()
        week.claim("C1", at: TestWeek.glasgow, maximumTravelKm: 100)
        let entry = try reason(week, "C1")
        #expect(entry.constraint == .travelDistance)
        #expect(entry.explanation.hasPrefix("No interview location with slots this week is within 100 km of the claimant; the nearest with slots, Croydon, is"))
    }

    @Test("notice: every slot in reach is before the claim's not-before date")
    func notice() throws {
        var week = openWeek()
        week.instance.week = Array(TestWeek.days.prefix(3))
        week.claim("C1", notBefore: 4)
        let entry = try reason(week, "C1")
        #expect(entry.constraint == .notice)
        #expect(entry.explanation == "No slot at a location within 50 km is in the week on or after 4 December 2026 (the date the claim is not to be interviewed before)")
    }

    @Test("location-closed: the only location in reach is closed on the days left")
    func locationClosed() throws {
        var week = openWeek()
        week.instance.locations[0].openDays = [TestWeek.days[0]]
        week.claim("C1", notBefore: 1)
        let entry = try reason(week, "C1")
        #expect(entry.constraint == .locationClosed)
        #expect(entry.explanation == "Every location within 50 km is closed on the days this claim could be interviewed")
    }

    @Test("slot-length: says how long the interview is and the longest slot")
    func slotLength() throws {
        var week = openWeek()
        week.claim("C1", kind: .complexSubstantive)
        let entry = try reason(week, "C1")
        #expect(entry.constraint == .slotLength)
        #expect(entry.explanation == "No slot within 50 km on an open day is long enough: a substantive interview (complex claim) needs 240 minutes and the longest is 165")
    }

    @Test("room-access: no room with step-free access among the long enough slots")
    func roomAccess() throws {
        var week = TestWeek()
        week.room("R1")
        week.slot("S1", room: "R1")
        week.decisionMaker("DM1")
        week.claim("C1", needsStepFree: true)
        let entry = try reason(week, "C1")
        #expect(entry.constraint == .roomAccess)
        #expect(entry.explanation == "No room with a long enough slot within 50 km has step-free access")
    }

    @Test("interpreter-language: no interpreter in the week speaks the language and dialect")
    func interpreterLanguage() throws {
        var week = openWeek()
        week.claim("C1", language: .badini)
        let entry = try reason(week, "C1")
        #expect(entry.constraint == .interpreterLanguage)
        #expect(entry.explanation == "No interpreter in Kurdish (Badini) is on the list for the week")
    }

    @Test("interpreter-available: the language's interpreters are all elsewhere")
    func interpreterAvailable() throws {
        var week = openWeek()
        week.location("LOC2", name: "Glasgow", at: TestWeek.glasgow)
        week.interpreter("BADINI", [.badini], locations: ["LOC2"])
        week.claim("C1", language: .badini, maximumTravelKm: 40)
        let entry = try reason(week, "C1")
        #expect(entry.constraint == .interpreterAvailable)
        #expect(entry.explanation == "No interpreter in Kurdish (Badini) is available at a location within 40 km in the week")
    }

    @Test("decision-maker-trained: no decision maker works the cohort, or none is trained for children")
    func decisionMakerTrained() throws {
        var week = openWeek()
        week.claim("MAKHU", cohort: "MAKHU")
        let entry = try reason(week, "MAKHU")
        #expect(entry.constraint == .decisionMakerTrained)
        #expect(entry.explanation == "No interview-trained decision maker works the MAKHU cohort")

        var children = TestWeek()
        children.room("R1", childSuitable: true)
        children.slot("S1", room: "R1", minutes: 165)
        children.decisionMaker("DM1")
        children.claim("CHILD", child: true, responsibleAdult: true)
        let child = try reason(children, "CHILD")
        #expect(child.constraint == .decisionMakerTrained)
        #expect(child.explanation == "No decision maker who works the general work in progress is trained to interview children")
    }

    @Test("decision-maker-available: the trained decision maker is not there on any day with a slot")
    func decisionMakerAvailable() throws {
        var week = openWeek()
        week.decisionMaker("BRIDORA", cohorts: ["BRIDORA"], days: [])
        week.claim("C1", cohort: "BRIDORA")
        let entry = try reason(week, "C1")
        #expect(entry.constraint == .decisionMakerAvailable)
        #expect(entry.explanation == "No decision maker for the BRIDORA cohort is available at a location within 50 km on a day with a suitable slot")
    }

    @Test("capacity: every slot that would do went to more urgent claims, or its interpreter was booked")
    func capacity() throws {
        var week = openWeek()
        for index in 0..<5 { week.claim("URGENT-\(index)", priority: 1) }
        week.claim("C1", priority: 2)
        let entry = try reason(week, "C1")
        #expect(entry.constraint == .capacity)
        #expect(entry.explanation == "All 5 slots that meet this claim's rules, at Croydon, were taken: 5 were booked for other claims, all more urgent")

        var interpreters = TestWeek()
        interpreters.room("R1")
        interpreters.room("R2")
        interpreters.slot("S1", room: "R1")
        interpreters.slot("S2", room: "R2")
        interpreters.interpreter("SORANI", [.sorani], days: [0], dailyMaximum: 1)
        interpreters.decisionMaker("DM1")
        interpreters.decisionMaker("DM2")
        interpreters.claim("URGENT", priority: 1, language: .sorani)
        interpreters.claim("C1", priority: 2, language: .sorani)
        let short = try reason(interpreters, "C1")
        #expect(short.constraint == .capacity)
        #expect(short.explanation == "All 2 slots that meet this claim's rules, at Croydon, were taken: 1 was booked for other claims, all more urgent; at 1 every interpreter in Kurdish (Sorani) who could attend was already booked")
    }

    @Test("The rules are tested in order, each on the slots the earlier ones left")
    func cumulativeOrder() throws {
        // A slot in reach on a closed day and an open slot out of reach: neither rule alone leaves no slot, but
        // after travel-distance, location-closed does.
        var week = TestWeek()
        week.instance.locations[0].openDays = [TestWeek.days[1]]
        week.location("LOC2", name: "Glasgow", at: TestWeek.glasgow)
        week.room("R1")
        week.room("R2", at: "LOC2")
        week.slot("CROYDON-MON", room: "R1", day: 0)
        week.slot("GLASGOW-MON", room: "R2", day: 0)
        week.decisionMaker("DM1")
        week.decisionMaker("DM2", location: "LOC2")
        week.claim("C1")
        let entry = try reason(week, "C1")
        #expect(entry.constraint == .locationClosed)
    }
}
