import CaseworkDomain
import CaseworkScheduling
import Foundation
import Testing

/// A small week built by hand: Monday 30 November to Friday 4 December 2026, one location in Croydon open every day,
/// and whatever rooms, slots, people and claims a test adds. Days are given as 0 (Monday) to 4 (Friday).
struct TestWeek {
    static let monday = LocalDate(year: 2026, month: 11, day: 30)!
    static let days = (0..<5).map { monday.adding(days: $0) }
    /// Croydon, and a point 5 km north of it where claimants live by default.
    static let croydon = (latitude: 51.372, longitude: -0.099)
    static let home = (latitude: 51.417, longitude: -0.099)
    static let glasgow = (latitude: 55.864, longitude: -4.252)

    var instance = ScheduleInstance(
        week: TestWeek.days, earliestDate: TestWeek.monday,
        locations: [ScheduleLocation(id: "LOC1", name: "Croydon", latitude: croydon.latitude, longitude: croydon.longitude, openDays: TestWeek.days)],
        rooms: [], slots: [], interpreters: [], decisionMakers: [], claims: []
    )

    mutating func location(_ id: String, name: String, at point: (latitude: Double, longitude: Double), open days: [Int] = Array(0..<5)) {
        instance.locations.append(ScheduleLocation(id: id, name: name, latitude: point.latitude, longitude: point.longitude, openDays: days.map { TestWeek.days[$0] }))
    }

    mutating func room(_ id: String, at location: String = "LOC1", childSuitable: Bool = false, stepFree: Bool = false) {
        instance.rooms.append(ScheduleRoom(id: id, location: location, childSuitable: childSuitable, stepFree: stepFree))
    }

    mutating func slot(_ id: String, room: String, day: Int = 0, start: String = "09:00", minutes: Int = 135) {
        instance.slots.append(ScheduleSlot(id: id, room: room, date: TestWeek.days[day], start: ScheduleTime(text: start)!, minutes: minutes))
    }

    mutating func interpreter(
        _ id: String, _ languages: [ScheduleLanguage], locations: [String] = ["LOC1"], remote: Bool = false, days: [Int] = Array(0..<5), dailyMaximum: Int = 2
    ) {
        instance.interpreters.append(
            ScheduleInterpreter(id: id, languages: languages, locations: locations, remote: remote, days: days.map { TestWeek.days[$0] }, dailyMaximum: dailyMaximum)
        )
    }

    mutating func decisionMaker(
        _ id: String, location: String = "LOC1", cohorts: [String] = ["general"], childrenTrained: Bool = false, days: [Int] = Array(0..<5), dailyMaximum: Int = 2
    ) {
        instance.decisionMakers.append(
            ScheduleDecisionMaker(id: id, location: location, cohorts: cohorts, childrenTrained: childrenTrained, days: days.map { TestWeek.days[$0] }, dailyMaximum: dailyMaximum)
        )
    }

    mutating func claim(
        _ reference: String, priority: Int = 3, cohort: String? = nil, kind: InterviewKind = .substantive, child: Bool = false, responsibleAdult: Bool = false,
        language: ScheduleLanguage? = nil, at point: (latitude: Double, longitude: Double) = TestWeek.home, maximumTravelKm: Double = 50,
        needsStepFree: Bool = false, notBefore: Int? = nil
    ) {
        instance.claims.append(
            ScheduleClaim(
                reference: reference, priority: priority, cohort: cohort, kind: kind, child: child, responsibleAdult: responsibleAdult, language: language,
                latitude: point.latitude, longitude: point.longitude, maximumTravelKm: maximumTravelKm, needsStepFree: needsStepFree,
                notBefore: notBefore.map { TestWeek.days[$0] }
            )
        )
    }

    /// Schedules the week and checks the result against every hard constraint; a broken one fails the test.
    func schedule(sourceLocation: SourceLocation = #_sourceLocation) throws -> ScheduleResult {
        let result = try WeekScheduler(timeLimit: .seconds(30)).schedule(instance)
        let broken = ScheduleChecker(instance: instance).violations(result)
        #expect(broken.isEmpty, "hard constraints broken: \(broken.prefix(10))", sourceLocation: sourceLocation)
        return result
    }
}

extension ScheduleResult {
    /// The booking of a claim, if booked.
    func booking(_ claim: String) -> ScheduleBooking? { bookings.first { $0.claim == claim } }

    /// Why a claim is unbooked, if it is.
    func unbookedEntry(_ claim: String) -> ScheduleUnbooked? { unbooked.first { $0.claim == claim } }

    /// Everything but the seconds, to compare two runs.
    var withoutTiming: ScheduleResult {
        var copy = self
        copy.seconds = 0
        return copy
    }
}

extension ScheduleLanguage {
    static let badini = ScheduleLanguage("Kurdish", dialect: "Badini")
    static let sorani = ScheduleLanguage("Kurdish", dialect: "Sorani")
    static let kurdish = ScheduleLanguage("Kurdish")
    static let arabic = ScheduleLanguage("Arabic", dialect: "Sudanese")
    static let vietnamese = ScheduleLanguage("Vietnamese")
}
