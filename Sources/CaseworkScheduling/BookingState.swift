/// One way to book a claim: a slot with an interpreter (or -1 when none is needed) and a decision maker, and the one
/// booked claim that would have to move for it (or -1 when nothing stands in the way).
struct BookingOption {
    var slot: Int32
    var interpreter: Int32
    var decisionMaker: Int32
    var displaced: Int32
}

/// The week's bookings while the scheduler works: who is in each slot and what each interpreter and decision maker has
/// on each day, so a possible booking can be checked against the capacity rules in a few steps.
///
/// `option(for:slot:allowDisplacing:)` answers the question every move asks: can this claim go in this slot, with which
/// interpreter and decision maker, and which single booking (if any) would have to move out of the way?
struct BookingState {
    let problem: ScheduleProblem
    private(set) var slotClaim: [Int32]
    private(set) var claimSlot: [Int32]
    private(set) var claimInterpreter: [Int32]
    private(set) var claimDecisionMaker: [Int32]
    /// Claims booked with each interpreter on each day (interpreter * dayCount + day).
    private(set) var interpreterDay: DayBookings
    /// Claims booked with each decision maker on each day.
    private(set) var decisionMakerDay: DayBookings
    private(set) var bookedCount = 0
    private let interpreterLocationCount: [Int]

    init(_ problem: ScheduleProblem) {
        self.problem = problem
        slotClaim = [Int32](repeating: -1, count: problem.slotCount)
        claimSlot = [Int32](repeating: -1, count: problem.claimCount)
        claimInterpreter = [Int32](repeating: -1, count: problem.claimCount)
        claimDecisionMaker = [Int32](repeating: -1, count: problem.claimCount)
        // Nobody can have more bookings in a day than their daily maximum or the slots they could attend that day.
        var slotsOnDay = [Int](repeating: 0, count: problem.dayCount)
        var slotsAtOnDay = [Int](repeating: 0, count: problem.locationCount * problem.dayCount)
        for slot in 0..<problem.slotCount where problem.slotDay[slot] >= 0 {
            slotsOnDay[Int(problem.slotDay[slot])] += 1
            slotsAtOnDay[Int(problem.slotLocation[slot]) * problem.dayCount + Int(problem.slotDay[slot])] += 1
        }
        interpreterDay = DayBookings(
            capacities: (0..<(problem.interpreterCount * problem.dayCount)).map { index in
                problem.interpreterWorks[index] ? min(Int(problem.interpreterDailyMaximum[index / problem.dayCount]), slotsOnDay[index % problem.dayCount]) : 0
            }
        )
        decisionMakerDay = DayBookings(
            capacities: (0..<(problem.decisionMakerCount * problem.dayCount)).map { index in
                let decisionMaker = index / problem.dayCount, day = index % problem.dayCount
                return problem.decisionMakerWorks[index]
                    ? min(Int(problem.decisionMakerDailyMaximum[decisionMaker]), slotsAtOnDay[Int(problem.decisionMakerLocation[decisionMaker]) * problem.dayCount + day]) : 0
            }
        )
        interpreterLocationCount = (0..<problem.interpreterCount).map { interpreter in
            (0..<problem.locationCount).filter { problem.interpreterAttends[interpreter * problem.locationCount + $0] }.count
        }
    }

    @inline(__always) func isBooked(_ claim: Int) -> Bool { claimSlot[claim] >= 0 }

    /// The claim's booking as an option, to put it back after a failed move.
    func currentOption(_ claim: Int) -> BookingOption {
        BookingOption(slot: claimSlot[claim], interpreter: claimInterpreter[claim], decisionMaker: claimDecisionMaker[claim], displaced: -1)
    }

    /// Books the claim. The caller has checked the option against the current bookings.
    mutating func book(_ claim: Int, _ option: BookingOption) {
        let slot = Int(option.slot)
        precondition(slotClaim[slot] < 0 && claimSlot[claim] < 0, "booking over an existing booking")
        let day = Int(problem.slotDay[slot])
        slotClaim[slot] = Int32(claim)
        claimSlot[claim] = option.slot
        claimInterpreter[claim] = option.interpreter
        claimDecisionMaker[claim] = option.decisionMaker
        if option.interpreter >= 0 { interpreterDay.add(Int32(claim), at: Int(option.interpreter) * problem.dayCount + day) }
        decisionMakerDay.add(Int32(claim), at: Int(option.decisionMaker) * problem.dayCount + day)
        bookedCount += 1
    }

    /// Removes the claim's booking.
    mutating func unbook(_ claim: Int) {
        let slot = Int(claimSlot[claim])
        guard slot >= 0 else { return }
        let day = Int(problem.slotDay[slot])
        let interpreter = Int(claimInterpreter[claim])
        if interpreter >= 0 { interpreterDay.remove(Int32(claim), at: interpreter * problem.dayCount + day) }
        decisionMakerDay.remove(Int32(claim), at: Int(claimDecisionMaker[claim]) * problem.dayCount + day)
        slotClaim[slot] = -1
        claimSlot[claim] = -1
        claimInterpreter[claim] = -1
        claimDecisionMaker[claim] = -1
        bookedCount -= 1
    }

    /// The bookings that stand between `interpreter` and `slot`, leaving out claims `a` and `b` (the claim being placed
    /// and one already moving out): overlapping ones, in-person ones at another location, and one more when the day
    /// is full. Returns how many and, when exactly one, which.
    func interpreterConflicts(_ interpreter: Int, slot: Int, ignoring a: Int, _ b: Int) -> (count: Int, claim: Int) {
        let maximum = Int(problem.interpreterDailyMaximum[interpreter])
        guard maximum > 0 else { return (Int.max, -1) }
        let location = problem.slotLocation[slot]
        let remote = problem.interpreterRemote[interpreter]
        var count = 0, victim = -1, kept = 0, keptWorst = -1
        for position in interpreterDay.positions(interpreter * problem.dayCount + Int(problem.slotDay[slot])) {
            let other = Int(interpreterDay.claims[position])
            if other == a || other == b { continue }
            let otherSlot = Int(claimSlot[other])
            if problem.overlap(otherSlot, slot) || (!remote && problem.slotLocation[otherSlot] != location) {
                count += 1
                victim = other
            } else {
                kept += 1
                if keptWorst < 0 || problem.claimPriority[other] >= problem.claimPriority[keptWorst] { keptWorst = other }
            }
        }
        if kept + 1 > maximum {
            if count == 0 { victim = keptWorst }
            count += kept + 1 - maximum
        }
        return (count, count == 1 ? victim : -1)
    }

    /// The bookings that stand between `decisionMaker` and `slot`, as `interpreterConflicts` (no location rule: a
    /// decision maker only ever works at their own).
    func decisionMakerConflicts(_ decisionMaker: Int, slot: Int, ignoring a: Int, _ b: Int) -> (count: Int, claim: Int) {
        let maximum = Int(problem.decisionMakerDailyMaximum[decisionMaker])
        guard maximum > 0 else { return (Int.max, -1) }
        var count = 0, victim = -1, kept = 0, keptWorst = -1
        for position in decisionMakerDay.positions(decisionMaker * problem.dayCount + Int(problem.slotDay[slot])) {
            let other = Int(decisionMakerDay.claims[position])
            if other == a || other == b { continue }
            if problem.overlap(Int(claimSlot[other]), slot) {
                count += 1
                victim = other
            } else {
                kept += 1
                if keptWorst < 0 || problem.claimPriority[other] >= problem.claimPriority[keptWorst] { keptWorst = other }
            }
        }
        if kept + 1 > maximum {
            if count == 0 { victim = keptWorst }
            count += kept + 1 - maximum
        }
        return (count, count == 1 ? victim : -1)
    }

    /// How to book `claim` in `slot` (a slot meeting its claim-level rules), or nil. Without `allowDisplacing` only an
    /// option that moves no one is returned; with it, one booked claim may stand in the way (the slot's occupant, or a
    /// booking of the interpreter or decision maker chosen), named as `displaced`. The claim's own booking, if any, is
    /// treated as already gone.
    ///
    /// With `best`, among interpreters who are free, the one chosen is the one whose other languages are least needed
    /// (objective 4), preferring one already at this location that day and in-person before video; without it (a search
    /// asking only whether the move is possible), the first free one in that order. Among decision makers, the least
    /// versatile free one.
    ///
    /// `avoiding` names an interpreter and a decision maker (or -1) not to be used: a move in a chain must not take
    /// what the move before it is about to take.
    func option(
        for claim: Int, slot: Int, allowDisplacing: Bool, best: Bool = true, avoiding: (interpreter: Int32, decisionMaker: Int32) = (-1, -1)
    ) -> BookingOption? {
        var occupant = Int(slotClaim[slot])
        if occupant == claim { occupant = -1 }
        if occupant >= 0 && !allowDisplacing { return nil }
        var displaced = occupant
        let day = Int(problem.slotDay[slot]), location = Int(problem.slotLocation[slot])
        var interpreter: Int32 = -1
        let key = Int(problem.claimKey[claim])
        if key >= 0 {
            var bestFree: Int32 = -1, bestFreeScore = Double.infinity
            var bestBlocked: Int32 = -1, bestBlockedVictim = -1, bestBlockedScore = Double.infinity
            for candidate32 in problem.interpreters(key: key, location: location, day: day) where candidate32 != avoiding.interpreter {
                let candidate = Int(candidate32)
                let conflicts = interpreterConflicts(candidate, slot: slot, ignoring: claim, displaced)
                if conflicts.count == 0 {
                    guard best else {
                        bestFree = candidate32
                        break
                    }
                    let score = interpreterScore(candidate, key: key, slot: slot, ignoring: claim, displaced)
                    if score < bestFreeScore {
                        bestFreeScore = score
                        bestFree = candidate32
                    }
                } else if conflicts.count == 1, allowDisplacing, displaced < 0, bestFree < 0 {
                    let score = interpreterScore(candidate, key: key, slot: slot, ignoring: claim, displaced)
                    if score < bestBlockedScore {
                        bestBlockedScore = score
                        bestBlocked = candidate32
                        bestBlockedVictim = conflicts.claim
                    }
                }
            }
            if bestFree >= 0 {
                interpreter = bestFree
            } else if bestBlocked >= 0 {
                interpreter = bestBlocked
                displaced = bestBlockedVictim
            } else {
                return nil
            }
        }
        var decisionMaker: Int32 = -1, blockedDecisionMaker: Int32 = -1, blockedVictim = -1
        for candidate32 in problem.decisionMakers(for: claim, location: location, day: day) where candidate32 != avoiding.decisionMaker {
            let conflicts = decisionMakerConflicts(Int(candidate32), slot: slot, ignoring: claim, displaced)
            if conflicts.count == 0 {
                decisionMaker = candidate32
                break
            }
            if conflicts.count == 1, allowDisplacing, displaced < 0, blockedDecisionMaker < 0 {
                blockedDecisionMaker = candidate32
                blockedVictim = conflicts.claim
            }
        }
        if decisionMaker < 0 {
            guard blockedDecisionMaker >= 0 else { return nil }
            decisionMaker = blockedDecisionMaker
            displaced = blockedVictim
        }
        return BookingOption(slot: Int32(slot), interpreter: interpreter, decisionMaker: decisionMaker, displaced: Int32(displaced))
    }

    /// Lower is better: the scarcity of the interpreter's other languages first, then in person already here that day,
    /// in person elsewhere free, by video; the fewer locations an in-person interpreter can reach, the sooner used.
    private func interpreterScore(_ interpreter: Int, key: Int, slot: Int, ignoring a: Int, _ b: Int) -> Double {
        var score = problem.otherLanguageScarcity(interpreter: interpreter, serving: key) * 10
        if problem.interpreterRemote[interpreter] {
            score += 2
        } else {
            let location = problem.slotLocation[slot]
            let here = interpreterDay.positions(interpreter * problem.dayCount + Int(problem.slotDay[slot])).contains { position in
                let other = Int(interpreterDay.claims[position])
                return other != a && other != b && problem.slotLocation[Int(claimSlot[other])] == location
            }
            score += here ? 0 : 1 + 0.05 * Double(interpreterLocationCount[interpreter])
        }
        return score
    }
}

/// Bookings per person per day in one flat array, each person-day with room for as many as it can hold, so checking a
/// person's day reads a few neighbouring numbers.
struct DayBookings {
    /// Where each person-day's room starts; the last entry is the end of the array.
    private let start: [Int32]
    private var count: [Int32]
    private(set) var claims: [Int32]

    init(capacities: [Int]) {
        var start = [Int32](repeating: 0, count: capacities.count + 1)
        for (index, capacity) in capacities.enumerated() { start[index + 1] = start[index] + Int32(max(0, capacity)) }
        self.start = start
        count = [Int32](repeating: 0, count: capacities.count)
        claims = [Int32](repeating: -1, count: Int(start[capacities.count]))
    }

    /// Positions in `claims` of the person-day's bookings.
    @inline(__always) func positions(_ index: Int) -> Range<Int> { Int(start[index])..<Int(start[index] + count[index]) }

    mutating func add(_ claim: Int32, at index: Int) {
        precondition(start[index] + count[index] < start[index + 1], "more bookings in a day than the person can hold")
        claims[Int(start[index] + count[index])] = claim
        count[index] += 1
    }

    mutating func remove(_ claim: Int32, at index: Int) {
        let range = positions(index)
        guard let position = range.first(where: { claims[$0] == claim }) else { return }
        claims[position] = claims[range.upperBound - 1]
        count[index] -= 1
    }
}
