/// The search that books the week: claims placed most urgent first, each by a breadth-first search for a chain of moves
/// that makes room for it without unbooking anyone, then improvements while time remains.
///
/// Booking most urgent first and never unbooking to make room is the greedy algorithm on a matroid: when slots are the
/// only limit, it books as many claims as any schedule can, and the most urgent among them (issue 4's first two
/// objectives). Interpreters and decision makers make the problem harder than that, so a move may also take an
/// interpreter or decision maker from one booking, which then moves in turn.
struct ScheduleSearch {
    let problem: ScheduleProblem
    private(set) var state: BookingState
    let deadline: ContinuousClock.Instant
    /// Slots meeting each claim's claim-level rules, best first.
    let feasible: [[Int32]]

    private var mark: [Int32]
    private var stamp: Int32 = 0
    /// Claims whose bookings a failed search showed cannot move to make room; skipped until the marks are cleared.
    private var settled: [Bool]

    /// Claims with the same feasible slots and the same needs (language, cohort, child) are interchangeable: when one
    /// fails and nothing has changed since, the others would fail the same way, so they are not searched again.
    private let claimClass: [Int32]
    /// Counts changes to the bookings, so a failure can be known to be still current.
    private var version = 0
    private var classFailedAt: [Int]
    private var classFailedBudget: [Int]
    private var classDropFailedAt: [Int]
    private var classDropFailedPriority: [Int]

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
        settled = [Bool](repeating: false, count: problem.claimCount)
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
        classFailedBudget = [Int](repeating: 0, count: classes.count)
        classDropFailedAt = [Int](repeating: -1, count: classes.count)
        classDropFailedPriority = [Int](repeating: Int.max, count: classes.count)
    }

    /// Books as much of the week as the time allows. Whatever time the first placement leaves is shared: most of it to
    /// searching again for claims still unbooked, then to less urgent claims giving way, then to shorter journeys.
    mutating func run() {
        // Most urgent first; among equals, the claim with fewer possible slots first.
        let priority = problem.claimPriority, feasible = self.feasible
        let order = problem.claimsByPriority.filter { !feasible[Int($0)].isEmpty }.sorted {
            (priority[Int($0)], feasible[Int($0)].count, $0) < (priority[Int($1)], feasible[Int($1)].count, $1)
        }
        for claim in order {
            insert(Int(claim), budget: ContinuousClock.now >= deadline ? 0 : SearchLimits.firstPassEvaluations)
        }
        let afterFirst = ContinuousClock.now
        let remaining = deadline > afterFirst ? deadline - afterFirst : .zero
        let searchUntil = afterFirst + remaining * 0.6
        let priorityUntil = afterFirst + remaining * 0.9

        // Again without the marks, with a larger budget, while anything improves.
        var improved = true
        while improved, ContinuousClock.now < searchUntil {
            improved = false
            settled = [Bool](repeating: false, count: problem.claimCount)
            for claim in order where !state.isBooked(Int(claim)) {
                if ContinuousClock.now >= searchUntil { break }
                if insert(Int(claim), budget: SearchLimits.laterPassEvaluations) != nil { improved = true }
            }
        }
        // The same number booked, more urgent claims in: a chain may end by unbooking a less urgent claim, which is
        // then given its own search.
        settled = [Bool](repeating: false, count: problem.claimCount)
        for claim in order where !state.isBooked(Int(claim)) {
            if ContinuousClock.now >= priorityUntil { break }
            if let dropped = insert(Int(claim), budget: SearchLimits.laterPassEvaluations, dropLessUrgent: true), dropped >= 0 {
                insert(dropped, budget: SearchLimits.laterPassEvaluations)
            }
        }
        shortenJourneys(order)
    }

    /// Tries to book `claim`. Returns nil when it stays unbooked; otherwise the claim unbooked to make room (only when
    /// `dropLessUrgent`, and only one less urgent than `claim`) or -1.
    @discardableResult
    mutating func insert(_ claim: Int, budget: Int, dropLessUrgent: Bool = false) -> Int? {
        let needs = Int(claimClass[claim])
        if dropLessUrgent {
            if classDropFailedAt[needs] == version, problem.claimPriority[claim] >= classDropFailedPriority[needs] { return nil }
        } else if classFailedAt[needs] == version, budget <= classFailedBudget[needs] {
            return nil
        }
        for slot in feasible[claim] {
            if let option = state.option(for: claim, slot: Int(slot), allowDisplacing: false) {
                state.book(claim, option)
                version += 1
                return -1
            }
        }
        let outcome = budget > 0 ? search(claim, budget: budget, dropLessUrgent: dropLessUrgent) : nil
        if outcome != nil {
            version += 1
        } else if dropLessUrgent {
            classDropFailedAt[needs] = version
            classDropFailedPriority[needs] = problem.claimPriority[claim]
        } else {
            classFailedAt[needs] = version
            classFailedBudget[needs] = budget
        }
        return outcome
    }

    /// The breadth-first search for a chain of moves that books `claim`: each node is a booked claim that would have
    /// to move, each edge a slot it could move to displacing at most one other booking.
    private mutating func search(_ claim: Int, budget: Int, dropLessUrgent: Bool) -> Int? {
        stamp &+= 1
        nodeClaim.removeAll(keepingCapacity: true)
        nodeParent.removeAll(keepingCapacity: true)
        nodeOption.removeAll(keepingCapacity: true)
        nodeClaim.append(Int32(claim))
        nodeParent.append(-1)
        nodeOption.append(BookingOption(slot: -1, interpreter: -1, decisionMaker: -1, displaced: -1))
        mark[claim] = stamp
        var evaluations = 0
        var head = 0
        var cut = false
        search: while head < nodeClaim.count {
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
                if occupant >= 0 && occupant != moving && (mark[occupant] == stamp || settled[occupant]) { continue }
                evaluations += 1
                if evaluations > budget {
                    cut = true
                    break search
                }
                let avoiding = problem.slotDay[slot] == beforeDay ? (before.interpreter, before.decisionMaker) : (Int32(-1), Int32(-1))
                guard let option = state.option(for: moving, slot: slot, allowDisplacing: true, best: false, avoiding: avoiding) else { continue }
                if option.displaced < 0 {
                    if apply(leaf: head, option: option, dropping: -1) { return -1 }
                    continue
                }
                let displaced = Int(option.displaced)
                if mark[displaced] == stamp || settled[displaced] { continue }
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
        if !cut {
            for node in nodeClaim.dropFirst() { settled[Int(node)] = true }
        }
        return nil
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

/// How much searching each claim gets. The first pass gives each claim a modest budget so the whole week is placed
/// quickly; later passes, which only run while time remains, give more.
enum SearchLimits {
    /// Slot evaluations for a claim's search in the first pass.
    static let firstPassEvaluations = 4_000
    /// Slot evaluations for a claim's search in later passes.
    static let laterPassEvaluations = 40_000
}

