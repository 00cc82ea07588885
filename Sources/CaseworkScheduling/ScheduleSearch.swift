import CaseworkDomain

/// The search that books the week: every claim placed where it fits, most urgent first; then, for each claim left
/// over, a breadth-first search for a chain of moves that makes room for it without unbooking anyone; then
/// improvements while time remains.
///
/// When slots are the only limit, a claim left over with no chain of moves (no augmenting path) can be booked by no
/// schedule that keeps the others, so this books as many claims as any schedule can (issue 4's first objective).
/// Interpreters and decision makers make the problem harder than that: a move may also take an interpreter or decision
/// maker from one booking, which then moves in turn, and the result depends on the order of the moves. So the time
/// left is spent unbooking two neighbouring locations' week at a time and booking it again (`rebookAreas`), keeping
/// each change that leaves the week no worse; then less urgent claims give way to more urgent ones (the second
/// objective) and claimants move nearer home (the third).
struct ScheduleSearch {
    let problem: ScheduleProblem
    private(set) var state: BookingState
    let deadline: ContinuousClock.Instant
    /// Slots meeting each claim's claim-level rules, best first.
    let feasible: [[Int32]]

    private var mark: [Int32]
    private var stamp: Int32 = 0
    /// Counts changes to the bookings, so a failure can be known to be still current.
    private var version = 0
    /// The version at which a failed search last found the claim's booking unable to move to make room: until the
    /// bookings change, no other search tries to move it.
    private var settledAt: [Int]

    /// Claims with the same feasible slots and the same needs (language, cohort, child) are interchangeable: when one
    /// fails and nothing has changed since, the others would fail the same way, so they are not searched again.
    private let claimClass: [Int32]
    private var classFailedAt: [Int]
    private var classDropFailedAt: [Int]
    private var classDropFailedPriority: [Int]
    /// Claims with a feasible slot at each location.
    private let claimsAt: [[Int32]]

    // The search tree, reused between searches.
    private var nodeClaim: [Int32] = []
    private var nodeParent: [Int32] = []
    private var nodeOption: [BookingOption] = []

    init(_ problem: ScheduleProblem, deadline: ContinuousClock.Instant) {
        self.problem = problem
        self.state = BookingState(problem)
        self.deadline = deadline
        let feasible = (0..<problem.claimCount).map { problem.feasibleSlots($0) }
        self.feasible = feasible
        mark = [Int32](repeating: 0, count: problem.claimCount)
        settledAt = [Int](repeating: -1, count: problem.claimCount)
        struct Needs: Hashable {
            let slots: [Int32]
            let key: Int32
            let cohort: Int32
            let child: Bool
        }
        var classes: [Needs: Int32] = [:]
        claimClass = (0..<problem.claimCount).map { claim in
            let needs = Needs(slots: feasible[claim], key: problem.claimKey[claim], cohort: problem.claimCohort[claim], child: problem.claimChild[claim])
            if let known = classes[needs] { return known }
            let next = Int32(classes.count)
            classes[needs] = next
            return next
        }
        classFailedAt = [Int](repeating: -1, count: classes.count)
        classDropFailedAt = [Int](repeating: -1, count: classes.count)
        classDropFailedPriority = [Int](repeating: Int.max, count: classes.count)
        var at = [[Int32]](repeating: [], count: problem.locationCount)
        for claim in 0..<problem.claimCount {
            var seen = Set<Int32>()
            for slot in feasible[claim] where seen.insert(problem.slotLocation[Int(slot)]).inserted {
                at[Int(problem.slotLocation[Int(slot)])].append(Int32(claim))
            }
        }
        claimsAt = at
    }

    /// Books as much of the week as the time allows: every claim that fits as it comes, most urgent first; then a
    /// search for each claim left over; then, in the time left, areas rebooked, less urgent claims giving way to more
    /// urgent ones, and claimants moved nearer home.
    mutating func run() {
        let order = problem.claimsByPriority.filter { !feasible[Int($0)].isEmpty }.sorted(by: urgentFirst)
        for claim in order { placeDirectly(Int(claim)) }
        var improved = true
        while improved, ContinuousClock.now < deadline {
            improved = false
            for claim in order where !state.isBooked(Int(claim)) {
                if ContinuousClock.now >= deadline { break }
                if insert(Int(claim)) != nil { improved = true }
            }
        }
        let now = ContinuousClock.now
        let remaining = deadline > now ? deadline - now : .zero
        rebookAreas(until: now + remaining * SearchLimits.shareForAreas)
        // The same number booked, more urgent claims in: a chain may end by unbooking a less urgent claim, which is
        // then given its own search.
        let priorityUntil = now + remaining * (SearchLimits.shareForAreas + SearchLimits.shareForUrgency)
        for claim in order where !state.isBooked(Int(claim)) {
            if ContinuousClock.now >= priorityUntil { break }
            if let dropped = insert(Int(claim), dropLessUrgent: true), dropped >= 0 { insert(dropped) }
        }
        shortenJourneys(order)
    }

    /// Most urgent first; among equals, the claim with fewer possible slots first, then the instance's order.
    private func urgentFirst(_ a: Int32, _ b: Int32) -> Bool {
        (problem.claimPriority[Int(a)], feasible[Int(a)].count, a) < (problem.claimPriority[Int(b)], feasible[Int(b)].count, b)
    }

    /// Books the claim in its best slot that needs no one moved, if there is one.
    @discardableResult
    private mutating func placeDirectly(_ claim: Int) -> Bool {
        for slot in feasible[claim] {
            if let option = state.option(for: claim, slot: Int(slot), allowDisplacing: false) {
                state.book(claim, option)
                return true
            }
        }
        return false
    }

    /// Tries to book `claim`. Returns nil when it stays unbooked; otherwise the claim unbooked to make room (only when
    /// `dropLessUrgent`, and only one less urgent than `claim`) or -1.
    @discardableResult
    mutating func insert(_ claim: Int, dropLessUrgent: Bool = false) -> Int? {
        let needs = Int(claimClass[claim])
        if dropLessUrgent {
            if classDropFailedAt[needs] == version, problem.claimPriority[claim] >= classDropFailedPriority[needs] { return nil }
        } else if classFailedAt[needs] == version {
            return nil
        }
        if placeDirectly(claim) { return -1 }
        let outcome = search(claim, dropLessUrgent: dropLessUrgent)
        if let outcome {
            // Only a claim unbooked to make room frees anything: moves and new bookings never turn a failed search
            // into one that would succeed (once an augmenting path is missing it stays missing), so failures and
            // settled claims stay known until something is unbooked.
            if outcome >= 0 { version += 1 }
        } else if dropLessUrgent {
            classDropFailedAt[needs] = version
            classDropFailedPriority[needs] = problem.claimPriority[claim]
        } else {
            classFailedAt[needs] = version
        }
        return outcome
    }

    /// The breadth-first search for a chain of moves that books `claim`: each node is a booked claim that would have
    /// to move, each edge a slot it could move to displacing at most one other booking. When it fails, every claim it
    /// reached is settled until the bookings next change: when slots are the only limit, no chain through them can
    /// succeed for any claim (the slots they hold are a tight set), and with interpreters it is a good guess.
    private mutating func search(_ claim: Int, dropLessUrgent: Bool) -> Int? {
        stamp &+= 1
        nodeClaim.removeAll(keepingCapacity: true)
        nodeParent.removeAll(keepingCapacity: true)
        nodeOption.removeAll(keepingCapacity: true)
        nodeClaim.append(Int32(claim))
        nodeParent.append(-1)
        nodeOption.append(BookingOption(slot: -1, interpreter: -1, decisionMaker: -1, displaced: -1))
        mark[claim] = stamp
        var head = 0
        while head < nodeClaim.count {
            let moving = Int(nodeClaim[head])
            let current = state.claimSlot[moving]
            // What the move before this one takes: its interpreter and decision maker are not to be used on that day;
            // and when it takes only them, not the slot, this claim may stay in its slot with someone else.
            let before = nodeOption[head]
            let beforeDay = before.slot >= 0 ? problem.slotDay[Int(before.slot)] : -1
            let staying = before.slot >= 0 && before.slot != current
            for slot32 in feasible[moving] where slot32 != current || staying {
                let slot = Int(slot32)
                let occupant = Int(state.slotClaim[slot])
                if occupant >= 0 && occupant != moving && (mark[occupant] == stamp || settledAt[occupant] == version) { continue }
                let avoiding = problem.slotDay[slot] == beforeDay ? (before.interpreter, before.decisionMaker) : (Int32(-1), Int32(-1))
                guard let option = state.option(for: moving, slot: slot, allowDisplacing: true, best: false, avoiding: avoiding) else { continue }
                if option.displaced < 0 {
                    if apply(leaf: head, option: option, dropping: -1) { return -1 }
                    continue
                }
                let displaced = Int(option.displaced)
                if mark[displaced] == stamp || settledAt[displaced] == version { continue }
                if dropLessUrgent, problem.claimPriority[displaced] > problem.claimPriority[claim] {
                    if apply(leaf: head, option: option, dropping: displaced) { return displaced }
                    continue
                }
                mark[displaced] = stamp
                nodeClaim.append(Int32(displaced))
                nodeParent.append(Int32(head))
                nodeOption.append(option)
            }
            head += 1
        }
        for node in nodeClaim.dropFirst() { settledAt[Int(node)] = version }
        return nil
    }

    // MARK: Rebooking areas

    /// How good the week is, in the order of the format's objectives: interviews booked, then how many of each
    /// priority (most urgent first), then kilometres travelled (less is better).
    private func standing() -> (booked: Int, byPriority: [Int], kilometres: Double) {
        var byPriority = [Int](repeating: 0, count: problem.priorityLevels.count)
        var kilometres = 0.0
        for claim in 0..<problem.claimCount where state.isBooked(claim) {
            byPriority[problem.claimPriorityLevel[claim]] += 1
            kilometres += problem.distance(claim: claim, slot: Int(state.claimSlot[claim]))
        }
        return (state.bookedCount, byPriority, kilometres)
    }

    private static func isWorse(_ a: (booked: Int, byPriority: [Int], kilometres: Double), than b: (booked: Int, byPriority: [Int], kilometres: Double)) -> Bool {
        if a.booked != b.booked { return a.booked < b.booked }
        if a.byPriority != b.byPriority { return a.byPriority.lexicographicallyPrecedes(b.byPriority) }
        return a.kilometres > b.kilometres + 1e-6
    }

    /// Large neighbourhood search: unbooks every interview at a location and one of its nearest neighbours, then books
    /// those claims and every unbooked claim that could go there again, most urgent first with the same searches; the
    /// change is kept when the week is no worse by the objectives, undone otherwise. Locations are taken in a seeded
    /// order, so the same time gives the same week.
    private mutating func rebookAreas(until: ContinuousClock.Instant) {
        guard problem.locationCount > 0 else { return }
        var random = SeededRandom(seed: SearchLimits.areaSeed)
        var current = standing()
        var idle = 0
        while ContinuousClock.now < until, idle < max(SearchLimits.idleAreaRounds, SearchLimits.idleAreaRoundsPerLocation * problem.locationCount) {
            let location = Int(random.next() % UInt64(problem.locationCount))
            let nearest = problem.nearestLocations[location]
            let neighbour = nearest.isEmpty ? location : Int(nearest[Int(random.next() % UInt64(min(3, nearest.count)))])
            let saved = state
            var candidates = Set<Int32>()
            for area in location == neighbour ? [location] : [location, neighbour] {
                for slot in problem.slotsByLocation[area] where state.slotClaim[Int(slot)] >= 0 {
                    let claim = Int(state.slotClaim[Int(slot)])
                    candidates.insert(Int32(claim))
                    state.unbook(claim)
                }
                for claim in claimsAt[area] where !state.isBooked(Int(claim)) { candidates.insert(claim) }
            }
            version += 1
            let ordered = candidates.sorted(by: urgentFirst)
            for claim in ordered { placeDirectly(Int(claim)) }
            for claim in ordered where !state.isBooked(Int(claim)) {
                if ContinuousClock.now >= until { break }
                insert(Int(claim))
            }
            let next = standing()
            if ScheduleSearch.isWorse(next, than: current) {
                state = saved
                version += 1
                idle += 1
            } else {
                idle = ScheduleSearch.isWorse(current, than: next) ? 0 : idle + 1
                current = next
            }
        }
    }

    /// Carries out the chain from the root to node `leaf`, whose claim takes `option`; `dropping` (or -1) is unbooked
    /// rather than moved. Each move keeps the interpreter and decision maker the search chose when they are still free,
    /// or takes the best free ones; if a move no longer fits, everything is put back and false returned.
    private mutating func apply(leaf: Int, option: BookingOption, dropping: Int) -> Bool {
        var moves: [(claim: Int, planned: BookingOption)] = [(Int(nodeClaim[leaf]), option)]
        var node = leaf
        while node != 0 {
            let parent = Int(nodeParent[node])
            moves.append((Int(nodeClaim[parent]), nodeOption[node]))
            node = parent
        }
        var previous: [(claim: Int, option: BookingOption)] = []
        for move in moves where state.isBooked(move.claim) { previous.append((move.claim, state.currentOption(move.claim))) }
        if dropping >= 0 { previous.append((dropping, state.currentOption(dropping))) }
        for entry in previous { state.unbook(entry.claim) }
        var placed: [Int] = []
        for move in moves {
            let slot = Int(move.planned.slot)
            var chosen: BookingOption? = nil
            if state.slotClaim[slot] < 0, stillFree(move.claim, move.planned) {
                chosen = BookingOption(slot: move.planned.slot, interpreter: move.planned.interpreter, decisionMaker: move.planned.decisionMaker, displaced: -1)
            } else {
                chosen = state.option(for: move.claim, slot: slot, allowDisplacing: false)
            }
            guard let chosen else {
                for claim in placed { state.unbook(claim) }
                for entry in previous { state.book(entry.claim, entry.option) }
                return false
            }
            state.book(move.claim, chosen)
            placed.append(move.claim)
        }
        return true
    }

    /// Whether the option's interpreter and decision maker could take the claim now without moving anyone.
    private func stillFree(_ claim: Int, _ option: BookingOption) -> Bool {
        let slot = Int(option.slot)
        if option.interpreter >= 0, state.interpreterConflicts(Int(option.interpreter), slot: slot, ignoring: claim, -1).count != 0 { return false }
        return state.decisionMakerConflicts(Int(option.decisionMaker), slot: slot, ignoring: claim, -1).count == 0
    }

    /// Objective 3: moves each booked claim to the free slot nearest the claimant where an interpreter and a decision
    /// maker are free, when that is nearer than its booking.
    private mutating func shortenJourneys(_ order: [Int32]) {
        for claim32 in order {
            if ContinuousClock.now >= deadline { return }
            let claim = Int(claim32)
            guard state.isBooked(claim) else { continue }
            let booked = state.currentOption(claim)
            var best: BookingOption?
            var bestKm = problem.distance(claim: claim, slot: Int(booked.slot)) - 1e-9
            for slot32 in feasible[claim] where state.slotClaim[Int(slot32)] < 0 {
                let km = problem.distance(claim: claim, slot: Int(slot32))
                guard km < bestKm, let option = state.option(for: claim, slot: Int(slot32), allowDisplacing: false) else { continue }
                best = option
                bestKm = km
            }
            guard let best else { continue }
            state.unbook(claim)
            if let fresh = state.option(for: claim, slot: Int(best.slot), allowDisplacing: false) {
                state.book(claim, fresh)
            } else {
                state.book(claim, booked)
            }
        }
    }

    // MARK: Reserves

    /// Reserve claimants for booked slots (8.72, the "manifest"): at most one a slot and `limit` in all, the most urgent
    /// unbooked claims first, each meeting every claim-level rule with the slot, its interpreter and its decision maker.
    /// A later claim may move an earlier one to another slot, so as many are invited as the limit and the rules allow.
    func reserves(limit: Int) -> [(claim: Int, slot: Int)] {
        guard limit > 0 else { return [] }
        var reserveOf = [Int32](repeating: -1, count: problem.slotCount)
        var count = 0
        var visited = [Int32](repeating: 0, count: problem.slotCount)
        var round: Int32 = 0
        for claim32 in problem.claimsByPriority where count < limit {
            let claim = Int(claim32)
            guard !state.isBooked(claim), !feasible[claim].isEmpty else { continue }
            round += 1
            if assignReserve(claim, reserveOf: &reserveOf, visited: &visited, round: round) { count += 1 }
        }
        var result: [(claim: Int, slot: Int)] = []
        for slot in 0..<problem.slotCount where reserveOf[slot] >= 0 { result.append((Int(reserveOf[slot]), slot)) }
        return result
    }

    /// Kuhn's augmenting path for one reserve, iterative so a long chain cannot exhaust the stack.
    private func assignReserve(_ claim: Int, reserveOf: inout [Int32], visited: inout [Int32], round: Int32) -> Bool {
        // Each frame: the claim looking for a slot and how far through its slots it is.
        var stack: [(claim: Int, next: Int, via: Int)] = [(claim, 0, -1)]
        while let top = stack.last {
            let slots = feasible[top.claim]
            var index = top.next
            var descended = false
            while index < slots.count {
                let slot = Int(slots[index])
                index += 1
                guard visited[slot] != round, state.slotClaim[slot] >= 0, canReserve(top.claim, slot: slot) else { continue }
                visited[slot] = round
                stack[stack.count - 1].next = index
                let holder = Int(reserveOf[slot])
                if holder < 0 {
                    // Found a free slot: shift every reserve on the path along by one.
                    var target = slot
                    for frame in stack.reversed() {
                        let before = frame.via
                        reserveOf[target] = Int32(frame.claim)
                        target = before
                    }
                    return true
                }
                stack.append((holder, 0, slot))
                descended = true
                break
            }
            if !descended { stack.removeLast() }
        }
        return false
    }

    /// Whether `claim` may be the reserve for booked `slot`: the slot meets its claim-level rules (it is in its
    /// feasible list), the booked interpreter serves its language (a reserve who needs none may sit in on a slot booked
    /// with one), and the booked decision maker works its cohort and is trained for children when needed.
    func canReserve(_ claim: Int, slot: Int) -> Bool {
        let booked = Int(state.slotClaim[slot])
        guard booked >= 0, booked != claim else { return false }
        let interpreter = Int(state.claimInterpreter[booked])
        let key = problem.claimKey[claim]
        if key >= 0 {
            guard interpreter >= 0, problem.interpreterKeys[interpreter].contains(key) else { return false }
        }
        let decisionMaker = Int(state.claimDecisionMaker[booked])
        let cohort = problem.claimCohort[claim]
        return cohort >= 0 && problem.decisionMakerCohorts[decisionMaker].contains(cohort)
            && (!problem.claimChild[claim] || problem.decisionMakerChildrenTrained[decisionMaker])
    }
}

/// How the time left after the first placement is shared, and the seed of the area order.
enum SearchLimits {
    /// Share of the time left spent rebooking areas.
    static let shareForAreas = 0.8
    /// Share of the time left spent letting less urgent claims give way to more urgent ones.
    static let shareForUrgency = 0.15
    /// Rebooking stops early after this many areas in a row (or this many per location) have not improved the week.
    static let idleAreaRounds = 40
    static let idleAreaRoundsPerLocation = 20
    /// Seeds the order in which areas are rebooked.
    static let areaSeed: UInt64 = 0x0C0F_FEE5_EED5
}

