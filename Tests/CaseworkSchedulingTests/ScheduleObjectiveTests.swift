import CaseworkDomain
import CaseworkScheduling
import Testing

/// The scheduler's aims in order: as many interviews as possible, then the most urgent claims, on a generated week
/// every booking checked against every rule, and the same answer every time.
@Suite("Week scheduler: what it aims for")
struct ScheduleObjectiveTests {
    @Test("When slots are short, the most urgent claims are booked")
    func priorityWhenShort() throws {
        var week = TestWeek()
        week.room("R1")
        week.slot("S1", room: "R1", start: "09:00")
        week.slot("S2", room: "R1", start: "11:30")
        week.decisionMaker("DM1", dailyMaximum: 3)
        week.claim("LOW", priority: 5)
        week.claim("HIGH", priority: 1)
        week.claim("MIDDLE", priority: 3)
        let result = try week.schedule()
        #expect(Set(result.bookings.map(\.claim)) == ["HIGH", "MIDDLE"])
        #expect(result.unbookedEntry("LOW")?.constraint == .capacity)
    }

    @Test("More interviews before more urgent ones: an urgent claim moves to the slot only it can reach")
    func countBeforePriority() throws {
        // URGENT can use either slot; NEAR-ONLY only the Croydon one. Booking URGENT in Croydon first would leave
        // NEAR-ONLY out: the scheduler moves URGENT to Hounslow to book both.
        var week = TestWeek()
        week.location("LOC2", name: "Hounslow", at: (51.468, -0.361))
        week.room("R1")
        week.room("R2", at: "LOC2")
        week.slot("CROYDON", room: "R1")
        week.slot("HOUNSLOW", room: "R2")
        week.decisionMaker("DM1")
        week.decisionMaker("DM2", location: "LOC2")
        week.claim("URGENT", priority: 1, at: TestWeek.croydon, maximumTravelKm: 40)
        week.claim("NEAR-ONLY", priority: 2, at: TestWeek.croydon, maximumTravelKm: 5)
        let result = try week.schedule()
        #expect(result.booking("URGENT")?.slot == "HOUNSLOW")
        #expect(result.booking("NEAR-ONLY")?.slot == "CROYDON")
    }

    @Test("A booked claim moves to make room: the only slot a claim's decision maker can take is given up to it")
    func chainOfMoves() throws {
        // A is placed first (most urgent), on Monday, the earliest. B's only decision maker works Mondays, so A moves
        // to Tuesday, taking the Badini interpreter's Tuesday place, and B gets Monday's.
        var week = TestWeek()
        week.room("R1")
        week.slot("MON", room: "R1", day: 0)
        week.slot("TUE", room: "R1", day: 1)
        week.interpreter("BADINI", [.badini], days: [0, 1], dailyMaximum: 1)
        week.decisionMaker("DM1", cohorts: ["general"], days: [0, 1])
        week.decisionMaker("DM-AMESA", cohorts: ["AMESA"], days: [0])
        week.claim("A", priority: 1, language: .badini)
        week.claim("B", priority: 2, cohort: "AMESA", language: .kurdish)
        let result = try week.schedule()
        #expect(result.booking("A")?.slot == "TUE")
        #expect(result.booking("B")?.slot == "MON")
        #expect(result.booking("B")?.decisionMaker == "DM-AMESA")
    }

    @Test("A generated medium week: every booking and reserve keeps every rule, every claim is accounted for once")
    func generatedWeek() throws {
        let instance = ScheduleInstanceGenerator(seed: 11, claims: 800, locations: 8, slots: 520, interpreters: 100, decisionMakers: 400).generate()
        let result = try WeekScheduler(timeLimit: .seconds(60)).schedule(instance)
        let broken = ScheduleChecker(instance: instance).violations(result)
        #expect(broken.isEmpty, "\(broken.prefix(10))")
        #expect(result.bookings.count + result.reserves.count + result.unbooked.count == instance.claims.count)
        #expect(result.reserves.count == WeekScheduler.reserveLimit(share: instance.manifestShare, bookings: result.bookings.count))
        // Every unbooked claim has a reason in words.
        #expect(result.unbooked.allSatisfy { !$0.explanation.isEmpty })
        // No schedule can book more than the bounds; this one comes close to them.
        let bounds = try ScheduleBounds.figures(instance)
        #expect(result.bookings.count <= bounds.bookingsAtMost)
        #expect(Double(result.bookings.count) >= 0.95 * Double(bounds.bookingsAtMost), "booked \(result.bookings.count) of at most \(bounds.bookingsAtMost)")
        // The most urgent are booked: no unbooked claim is more urgent than a booked claim it could have replaced
        // one for one in the same slot with the same interpreter and decision maker.
        let urgent = instance.claims.filter { $0.priority == 1 }.map(\.reference)
        let bookedUrgent = urgent.filter { result.booking($0) != nil }.count
        let capacityUrgent = urgent.filter { result.unbookedEntry($0)?.constraint == .capacity }.count
        #expect(capacityUrgent * 10 <= bookedUrgent, "\(capacityUrgent) urgent claims lost to capacity, \(bookedUrgent) booked")
    }

    @Test("The same instance gives the same schedule")
    func deterministic() throws {
        let instance = ScheduleInstanceGenerator(seed: 5, claims: 500, locations: 6, slots: 320, interpreters: 70, decisionMakers: 250).generate()
        let first = try WeekScheduler(timeLimit: .seconds(60)).schedule(instance)
        let second = try WeekScheduler(timeLimit: .seconds(60)).schedule(instance)
        #expect(first.withoutTiming == second.withoutTiming)
        #expect(ScheduleInstanceGenerator(seed: 5, claims: 500, locations: 6, slots: 320, interpreters: 70, decisionMakers: 250).generate() == instance)
    }

    @Test("The reserve limit is ceil(share × bookings), never one more through rounding")
    func reserveLimit() {
        #expect(WeekScheduler.reserveLimit(share: 0.065, bookings: 3_400) == 221)
        #expect(WeekScheduler.reserveLimit(share: 0.065, bookings: 3_401) == 222)
        #expect(WeekScheduler.reserveLimit(share: 0.5, bookings: 3) == 2)
        #expect(WeekScheduler.reserveLimit(share: 0, bookings: 100) == 0)
    }
}
