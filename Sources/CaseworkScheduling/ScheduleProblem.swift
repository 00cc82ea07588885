import CaseworkDomain
import Foundation

/// Great-circle distance, as `docs/schedule-format.md` fixes it: haversine with an Earth radius of 6,371.0 km.
public enum ScheduleGeography {
    /// The Earth's radius the format names.
    public static let earthRadiusKm = 6_371.0

    /// Kilometres between two points given in degrees. The steps follow the usual textbook order (each latitude to
    /// radians, then their difference), so a checker written the same way gets the same bits at the travel limit.
    public static func kilometres(latitude: Double, longitude: Double, toLatitude: Double, longitude toLongitude: Double) -> Double {
        let radians = Double.pi / 180
        let from = latitude * radians, to = toLatitude * radians
        let halfLatitude = sin((to - from) / 2), halfLongitude = sin((toLongitude - longitude) * radians / 2)
        let a = halfLatitude * halfLatitude + cos(from) * cos(to) * halfLongitude * halfLongitude
        return 2 * earthRadiusKm * asin(min(1, a.squareRoot()))
    }
}

/// An instance compiled to indices for the scheduler: every id resolved once, times in minutes, days as positions in
/// the week, languages as keys an interpreter's list can be searched by, and each claim's distance to each location.
///
/// It also answers the claim-level rules of the format one at a time (`meets`), so the scheduler's feasible slots and
/// the explanation of an unbooked claim are decided by the same code.
final class ScheduleProblem {
    let instance: ScheduleInstance
    let dayCount: Int
    let locationCount: Int

    // Locations.
    let locationOpen: [Bool]  // location * dayCount + day

    // Slots.
    let slotLocation: [Int32]
    let slotDay: [Int32]  // -1 when the date is not in the week
    let slotStart: [Int32]
    let slotEnd: [Int32]
    let slotMinutes: [Int32]
    let slotDayNumber: [Int]
    let slotStepFree: [Bool]
    let slotChildSuitable: [Bool]
    /// Slot indices at each location, by day and start.
    let slotsByLocation: [[Int32]]

    // Languages: a key per (language, dialect) a claim can ask for; "any dialect" is a key of its own.
    let languageKeyCount: Int
    let interpretersByKey: [[Int32]]
    /// How short supply is for each key: claims needing it over interpreter-days × daily maximum that can serve it.
    let keyScarcity: [Double]

    // Interpreters.
    let interpreterKeys: [[Int32]]
    let interpreterRemote: [Bool]
    let interpreterAttends: [Bool]  // interpreter * locationCount + location
    let interpreterWorks: [Bool]  // interpreter * dayCount + day
    let interpreterDailyMaximum: [Int32]

    // Decision makers.
    let decisionMakerLocation: [Int32]
    let decisionMakerCohorts: [[Int32]]
    let decisionMakerChildrenTrained: [Bool]
    let decisionMakerWorks: [Bool]  // decision maker * dayCount + day
    let decisionMakerDailyMaximum: [Int32]
    let cohortCount: Int

    // Claims.
    let claimPriority: [Int]
    let claimCohort: [Int32]  // -1 when no decision maker lists the cohort
    let claimChild: [Bool]
    let claimResponsibleAdult: [Bool]
    let claimKey: [Int32]  // -1 when no interpreter is needed
    let claimRequiredMinutes: [Int32]
    let claimStepFree: [Bool]
    let claimMaximumKm: [Double]
    let claimFirstDayNumber: [Int]  // the later of the earliest date and notBefore
    let claimDistance: [Double]  // claim * locationCount + location
    /// Claim indices, most urgent first (priority, then the instance's order).
    let claimsByPriority: [Int32]
    /// The distinct priorities, most urgent first, and each claim's position among them.
    let priorityLevels: [Int]
    let claimPriorityLevel: [Int]
    /// For each location, the others, nearest first.
    let nearestLocations: [[Int32]]

    /// Interpreters who could attend, by (key * locationCount + location) * dayCount + day; see `interpreters`.
    private let interpreterCandidates: [[Int32]]
    /// Decision makers who could attend, by ((cohort * locationCount + location) * dayCount + day) * 2 + child.
    private let decisionMakerCandidates: [[Int32]]

    init(_ instance: ScheduleInstance) {
        self.instance = instance
        let week = instance.week
        dayCount = week.count
        locationCount = instance.locations.count
        var dayOfNumber: [Int: Int32] = [:]
        for (index, date) in week.enumerated() { dayOfNumber[date.dayNumber] = Int32(index) }

        var locationIndex: [String: Int] = [:]
        for (index, location) in instance.locations.enumerated() { locationIndex[location.id] = index }
        var open = [Bool](repeating: false, count: locationCount * dayCount)
        for (index, location) in instance.locations.enumerated() {
            for date in location.openDays { if let day = dayOfNumber[date.dayNumber] { open[index * dayCount + Int(day)] = true } }
        }
        locationOpen = open

        var roomIndex: [String: Int] = [:]
        for (index, room) in instance.rooms.enumerated() { roomIndex[room.id] = index }
        let slots = instance.slots
        slotLocation = slots.map { Int32(locationIndex[instance.rooms[roomIndex[$0.room]!].location]!) }
        slotDay = slots.map { dayOfNumber[$0.date.dayNumber] ?? -1 }
        slotStart = slots.map { Int32($0.start.minuteOfDay) }
        slotEnd = slots.map { Int32($0.start.minuteOfDay + $0.minutes) }
        slotMinutes = slots.map { Int32($0.minutes) }
        slotDayNumber = slots.map { $0.date.dayNumber }
        slotStepFree = slots.map { instance.rooms[roomIndex[$0.room]!].stepFree }
        slotChildSuitable = slots.map { instance.rooms[roomIndex[$0.room]!].childSuitable }
        var byLocation = [[Int32]](repeating: [], count: locationCount)
        for index in slots.indices { byLocation[Int(slotLocation[index])].append(Int32(index)) }
        let dayNumbers = slotDayNumber, starts = slotStart
        slotsByLocation = byLocation.map { $0.sorted { (dayNumbers[Int($0)], starts[Int($0)], $0) < (dayNumbers[Int($1)], starts[Int($1)], $1) } }

        // Language keys: a claim naming a dialect needs that dialect; one naming none takes any interpreter of the
        // language. An interpreter's (language, dialect) serves both keys; (language, null) serves only "any". Names
        // are compared exactly as written, as the format says.
        var keyIndex: [String: Int32] = [:]
        func key(_ language: String, _ dialect: String?) -> Int32 {
            let name = language + "\u{1F}" + (dialect.map { "=" + $0 } ?? "*")
            if let existing = keyIndex[name] { return existing }
            let next = Int32(keyIndex.count)
            keyIndex[name] = next
            return next
        }
        claimKey = instance.claims.map { claim in claim.language.map { key($0.language, $0.dialect) } ?? -1 }
        interpreterKeys = instance.interpreters.map { interpreter in
            var keys: [Int32] = []
            for language in interpreter.languages {
                keys.append(key(language.language, nil))
                if let dialect = language.dialect { keys.append(key(language.language, dialect)) }
            }
            return Array(Set(keys)).sorted()
        }
        languageKeyCount = keyIndex.count
        var byKey = [[Int32]](repeating: [], count: languageKeyCount)
        for (index, keys) in interpreterKeys.enumerated() { for key in keys { byKey[Int(key)].append(Int32(index)) } }
        interpretersByKey = byKey

        interpreterRemote = instance.interpreters.map(\.remote)
        var attends = [Bool](repeating: false, count: instance.interpreters.count * locationCount)
        var works = [Bool](repeating: false, count: instance.interpreters.count * dayCount)
        for (index, interpreter) in instance.interpreters.enumerated() {
            for location in interpreter.locations { attends[index * locationCount + locationIndex[location]!] = true }
            for date in interpreter.days { if let day = dayOfNumber[date.dayNumber] { works[index * dayCount + Int(day)] = true } }
        }
        interpreterAttends = attends
        interpreterWorks = works
        interpreterDailyMaximum = instance.interpreters.map { Int32(clamping: $0.dailyMaximum) }

        var demand = [Double](repeating: 0, count: languageKeyCount)
        for key in claimKey where key >= 0 { demand[Int(key)] += 1 }
        var supply = [Double](repeating: 0, count: languageKeyCount)
        let weekLength = week.count
        for (index, keys) in interpreterKeys.enumerated() {
            let days = (0..<weekLength).filter { works[index * weekLength + $0] }.count
            for key in keys { supply[Int(key)] += Double(days * max(0, instance.interpreters[index].dailyMaximum)) }
        }
        keyScarcity = (0..<languageKeyCount).map { demand[$0] / max(supply[$0], 1) }

        var cohortIndex: [String: Int32] = [:]
        decisionMakerCohorts = instance.decisionMakers.map { decisionMaker in
            Array(Set(decisionMaker.cohorts.map { cohort -> Int32 in
                if let existing = cohortIndex[cohort] { return existing }
                let next = Int32(cohortIndex.count)
                cohortIndex[cohort] = next
                return next
            })).sorted()
        }
        cohortCount = cohortIndex.count
        decisionMakerLocation = instance.decisionMakers.map { Int32(locationIndex[$0.location]!) }
        decisionMakerChildrenTrained = instance.decisionMakers.map(\.childrenTrained)
        var dmWorks = [Bool](repeating: false, count: instance.decisionMakers.count * dayCount)
        for (index, decisionMaker) in instance.decisionMakers.enumerated() {
            for date in decisionMaker.days { if let day = dayOfNumber[date.dayNumber] { dmWorks[index * dayCount + Int(day)] = true } }
        }
        decisionMakerWorks = dmWorks
        decisionMakerDailyMaximum = instance.decisionMakers.map { Int32(clamping: $0.dailyMaximum) }

        let claims = instance.claims
        claimPriority = claims.map(\.priority)
        claimCohort = claims.map { cohortIndex[$0.cohortNeeded] ?? -1 }
        claimChild = claims.map(\.child)
        claimResponsibleAdult = claims.map(\.responsibleAdult)
        claimRequiredMinutes = claims.map { Int32(clamping: instance.policy.requiredMinutes($0.kind, child: $0.child) ?? Int(Int32.max)) }
        claimStepFree = claims.map(\.needsStepFree)
        claimMaximumKm = claims.map(\.maximumTravelKm)
        claimFirstDayNumber = claims.map { max(instance.earliestDate.dayNumber, $0.notBefore?.dayNumber ?? Int.min) }
        var distance = [Double](repeating: 0, count: claims.count * locationCount)
        for (claimIndex, claim) in claims.enumerated() {
            for (index, location) in instance.locations.enumerated() {
                distance[claimIndex * locationCount + index] = ScheduleGeography.kilometres(
                    latitude: claim.latitude, longitude: claim.longitude, toLatitude: location.latitude, longitude: location.longitude
                )
            }
        }
        claimDistance = distance
        let priorities = claimPriority
        claimsByPriority = claims.indices.map { Int32($0) }.sorted { (priorities[Int($0)], $0) < (priorities[Int($1)], $1) }
        let levels = Array(Set(priorities)).sorted()
        let levelOf = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($0.element, $0.offset) })
        priorityLevels = levels
        claimPriorityLevel = priorities.map { levelOf[$0]! }
        let places = instance.locations
        nearestLocations = places.indices.map { location in
            let distances = places.indices.map {
                ScheduleGeography.kilometres(
                    latitude: places[location].latitude, longitude: places[location].longitude, toLatitude: places[$0].latitude, longitude: places[$0].longitude
                )
            }
            return places.indices.filter { $0 != location }.sorted { (distances[$0], $0) < (distances[$1], $1) }.map { Int32($0) }
        }

        // Who could attend each place and day, worked out once: in-person interpreters first, then by how little their
        // other languages are needed; the least versatile decision makers first.
        var interpreterLists = [[Int32]](repeating: [], count: languageKeyCount * locationCount * dayCount)
        for key in 0..<languageKeyCount {
            for interpreter in byKey[key] {
                let index = Int(interpreter)
                for day in 0..<dayCount where works[index * dayCount + day] {
                    for location in 0..<locationCount where interpreterRemote[index] || attends[index * locationCount + location] {
                        interpreterLists[(key * locationCount + location) * dayCount + day].append(interpreter)
                    }
                }
            }
        }
        let remote = interpreterRemote, keysOf = interpreterKeys, scarcity = keyScarcity
        func cost(_ interpreter: Int32, _ key: Int) -> Double {
            keysOf[Int(interpreter)].reduce(0.0) { Int($1) == key ? $0 : max($0, scarcity[Int($1)]) }
        }
        for list in interpreterLists.indices where interpreterLists[list].count > 1 {
            let key = list / (locationCount * dayCount)
            interpreterLists[list].sort { (remote[Int($0)] ? 1 : 0, cost($0, key), $0) < (remote[Int($1)] ? 1 : 0, cost($1, key), $1) }
        }
        interpreterCandidates = interpreterLists
        var decisionMakerLists = [[Int32]](repeating: [], count: max(1, cohortCount) * locationCount * dayCount * 2)
        for index in 0..<instance.decisionMakers.count {
            let location = Int(decisionMakerLocation[index])
            for cohort in decisionMakerCohorts[index] {
                for day in 0..<dayCount where dmWorks[index * dayCount + day] {
                    let base = ((Int(cohort) * locationCount + location) * dayCount + day) * 2
                    decisionMakerLists[base].append(Int32(index))
                    if decisionMakerChildrenTrained[index] { decisionMakerLists[base + 1].append(Int32(index)) }
                }
            }
        }
        let trained = decisionMakerChildrenTrained, cohortsOf = decisionMakerCohorts
        for list in decisionMakerLists.indices where decisionMakerLists[list].count > 1 {
            decisionMakerLists[list].sort {
                (trained[Int($0)] ? 1 : 0, cohortsOf[Int($0)].count, $0) < (trained[Int($1)] ? 1 : 0, cohortsOf[Int($1)].count, $1)
            }
        }
        decisionMakerCandidates = decisionMakerLists
    }

    var claimCount: Int { claimPriority.count }
    var slotCount: Int { slotLocation.count }
    var interpreterCount: Int { interpreterRemote.count }
    var decisionMakerCount: Int { decisionMakerLocation.count }

    @inline(__always) func distance(claim: Int, location: Int) -> Double { claimDistance[claim * locationCount + location] }
    @inline(__always) func distance(claim: Int, slot: Int) -> Double { distance(claim: claim, location: Int(slotLocation[slot])) }

    /// Whether the location is within the claimant's maximum travel distance.
    @inline(__always) func withinReach(claim: Int, location: Int) -> Bool { distance(claim: claim, location: location) <= claimMaximumKm[claim] }

    /// Whether two slots' times intersect on the same date.
    @inline(__always) func overlap(_ a: Int, _ b: Int) -> Bool {
        slotDayNumber[a] == slotDayNumber[b] && slotStart[a] < slotEnd[b] && slotStart[b] < slotEnd[a]
    }

    // MARK: Claim-level rules, one at a time

    /// Whether the claim may be booked at all: a child's claim needs a responsible adult.
    func hasResponsibleAdult(_ claim: Int) -> Bool { !claimChild[claim] || claimResponsibleAdult[claim] }

    /// Whether `slot` meets `rule` for `claim`. Every rule but the capacities, which depend on the other bookings.
    func meets(_ rule: ScheduleConstraint, claim: Int, slot: Int) -> Bool {
        switch rule {
        case .responsibleAdult: return hasResponsibleAdult(claim)
        case .travelDistance: return withinReach(claim: claim, location: Int(slotLocation[slot]))
        case .notice: return slotDay[slot] >= 0 && slotDayNumber[slot] >= claimFirstDayNumber[claim]
        case .locationClosed: return slotDay[slot] >= 0 && locationOpen[Int(slotLocation[slot]) * dayCount + Int(slotDay[slot])]
        case .slotLength: return slotMinutes[slot] >= claimRequiredMinutes[claim]
        case .roomAccess: return (!claimStepFree[claim] || slotStepFree[slot]) && (!claimChild[claim] || slotChildSuitable[slot])
        case .interpreterLanguage: return claimKey[claim] < 0 || !interpretersByKey[Int(claimKey[claim])].isEmpty
        case .interpreterAvailable:
            return claimKey[claim] < 0 || (slotDay[slot] >= 0 && !interpreters(key: Int(claimKey[claim]), location: Int(slotLocation[slot]), day: Int(slotDay[slot])).isEmpty)
        case .decisionMakerTrained: return hasTrainedDecisionMaker(claim)
        case .decisionMakerAvailable:
            return slotDay[slot] >= 0 && !decisionMakers(for: claim, location: Int(slotLocation[slot]), day: Int(slotDay[slot])).isEmpty
        default: return true
        }
    }

    /// Whether some decision maker anywhere works the claim's cohort (and is trained for children when needed).
    func hasTrainedDecisionMaker(_ claim: Int) -> Bool {
        let cohort = claimCohort[claim]
        guard cohort >= 0 else { return false }
        let child = claimChild[claim]
        return decisionMakerCohorts.indices.contains { decisionMakerCohorts[$0].contains(cohort) && (!child || decisionMakerChildrenTrained[$0]) }
    }

    /// Slots meeting every claim-level rule for the claim, best first for a first booking: the closest fit in length
    /// (so longer slots stay free for longer interviews), then the shortest journey, then the earliest.
    func feasibleSlots(_ claim: Int) -> [Int32] {
        guard hasResponsibleAdult(claim), hasTrainedDecisionMaker(claim) else { return [] }
        let key = claimKey[claim]
        if key >= 0, interpretersByKey[Int(key)].isEmpty { return [] }
        var result: [Int64] = []
        var dayUsable = [Bool](repeating: false, count: dayCount)
        for location in 0..<locationCount where withinReach(claim: claim, location: location) {
            let km = distance(claim: claim, location: location)
            // Who can attend depends only on the day here, so it is asked once a day, not once a slot.
            for day in 0..<dayCount {
                dayUsable[day] = locationOpen[location * dayCount + day]
                    && (key < 0 || !interpreters(key: Int(key), location: location, day: day).isEmpty)
                    && !decisionMakers(for: claim, location: location, day: day).isEmpty
            }
            for slot32 in slotsByLocation[location] {
                let slot = Int(slot32)
                let day = Int(slotDay[slot])
                guard day >= 0, dayUsable[day], slotDayNumber[slot] >= claimFirstDayNumber[claim],
                    slotMinutes[slot] >= claimRequiredMinutes[claim], meets(.roomAccess, claim: claim, slot: slot)
                else { continue }
                // Sorted as one integer: the score in hundredths above the slot's index.
                let waste = Double(slotMinutes[slot] - claimRequiredMinutes[claim])
                let score = Int64(((waste * SchedulingWeights.minuteOfSlotWasted + km) * 100).rounded()) + Int64(day)
                result.append(score << 32 | Int64(slot32))
            }
        }
        result.sort()
        return result.map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
    }

    // MARK: Who could attend

    /// Interpreters serving `key` who work on `day` and can attend `location` (in person or by video): in-person ones
    /// first, then by how little their other languages are needed, so scarce-language interpreters are spent last.
    @inline(__always) func interpreters(key: Int, location: Int, day: Int) -> [Int32] {
        interpreterCandidates[(key * locationCount + location) * dayCount + day]
    }

    /// How much the interpreter's other languages are needed: the scarcest of them. Spending an interpreter on `key`
    /// costs the claims of those languages.
    func otherLanguageScarcity(interpreter: Int, serving key: Int) -> Double {
        var cost = 0.0
        for other in interpreterKeys[interpreter] where Int(other) != key { cost = max(cost, keyScarcity[Int(other)]) }
        return cost
    }

    /// Decision makers at `location` on `day` who work the claim's cohort and, for a child, are trained for children:
    /// the least versatile first, so those who can take more kinds of claim stay free.
    @inline(__always) func decisionMakers(for claim: Int, location: Int, day: Int) -> [Int32] {
        let cohort = Int(claimCohort[claim])
        guard cohort >= 0 else { return [] }
        return decisionMakerCandidates[((cohort * locationCount + location) * dayCount + day) * 2 + (claimChild[claim] ? 1 : 0)]
    }
}

/// How the scheduler weighs its choices when the format's objectives leave it free. Travel is counted in kilometres.
enum SchedulingWeights {
    /// A minute of slot left unused by a booking counts like this many kilometres of travel: a 240-minute slot taken
    /// by a 120-minute interview is avoided unless the alternative is much further away, so double slots stay free for
    /// complex claims.
    static let minuteOfSlotWasted = 1.0
}
