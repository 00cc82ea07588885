import CaseworkDomain

/// Upper bounds on how many interviews an instance can book, so a schedule's count can be judged without another
/// solver: no schedule, CP-SAT's included, books more than `bookingsAtMost`.
///
/// Each bound drops some rules and solves what is left exactly as a bipartite matching:
/// - slots: every claim needs its own slot meeting its claim-level rules (interpreters and decision makers ignored);
/// - interpreters: every claim needing a language needs one of an interpreter's daily places on a day and at a location
///   where one of its slots could be, and claims needing none still need a slot each.
public enum ScheduleBounds {
    /// The bounds and the smaller of them.
    public struct Figures: Sendable, Hashable {
        /// Claims matched to slots meeting their claim-level rules.
        public let slots: Int
        /// Claims needing an interpreter matched to interpreters' daily places, plus the others matched to slots.
        public let interpreters: Int
        /// The tighter of the two.
        public var bookingsAtMost: Int { min(slots, interpreters) }
    }

    /// Computes the bounds for a valid instance.
    public static func figures(_ instance: ScheduleInstance) throws(ValidationFailure) -> Figures {
        let problem = ScheduleProblem(try instance.validated())
        let feasible = (0..<problem.claimCount).map { problem.feasibleSlots($0) }

        let slotBound = maximumMatching(left: problem.claimCount, right: problem.slotCount) { feasible[$0].map { Int($0) } }

        // An interpreter's day holds `dailyMaximum` places; place p of interpreter i on day d is one right-hand vertex.
        var firstPlace = [Int](repeating: 0, count: problem.interpreterCount * problem.dayCount + 1)
        for index in 0..<(problem.interpreterCount * problem.dayCount) {
            firstPlace[index + 1] = firstPlace[index] + Int(max(0, problem.interpreterDailyMaximum[index / problem.dayCount]))
        }
        let interpreterBound = maximumMatching(left: problem.claimCount, right: firstPlace.last! + problem.slotCount) { claim in
            let key = Int(problem.claimKey[claim])
            guard key >= 0 else { return feasible[claim].map { firstPlace.last! + Int($0) } }
            var days = Set<Int>()
            var places: [Int] = []
            for slot32 in feasible[claim] {
                let slot = Int(slot32)
                let day = Int(problem.slotDay[slot]), location = Int(problem.slotLocation[slot])
                for interpreter in problem.interpreters(key: key, location: location, day: day) {
                    let dayIndex = Int(interpreter) * problem.dayCount + day
                    if days.insert(dayIndex).inserted { places += Array(firstPlace[dayIndex]..<firstPlace[dayIndex + 1]) }
                }
            }
            return places
        }
        return Figures(slots: slotBound, interpreters: interpreterBound)
    }

    /// Hopcroft–Karp: the size of a maximum matching between `left` and `right` vertices.
    static func maximumMatching(left: Int, right: Int, edges: (Int) -> [Int]) -> Int {
        let adjacency = (0..<left).map(edges)
        var matchLeft = [Int](repeating: -1, count: left)
        var matchRight = [Int](repeating: -1, count: right)
        var distance = [Int](repeating: 0, count: left)
        var size = 0
        while true {
            // Breadth-first layers from the free left vertices.
            var queue: [Int] = []
            for vertex in 0..<left {
                if matchLeft[vertex] < 0 {
                    distance[vertex] = 0
                    queue.append(vertex)
                } else {
                    distance[vertex] = Int.max
                }
            }
            var head = 0, found = false
            while head < queue.count {
                let vertex = queue[head]
                head += 1
                for other in adjacency[vertex] {
                    let mate = matchRight[other]
                    if mate < 0 {
                        found = true
                    } else if distance[mate] == Int.max {
                        distance[mate] = distance[vertex] + 1
                        queue.append(mate)
                    }
                }
            }
            if !found { return size }
            // Depth-first augmenting paths along the layers, iteratively.
            var next = [Int](repeating: 0, count: left)
            for root in 0..<left where matchLeft[root] < 0 {
                var stack = [root]
                while let vertex = stack.last {
                    if next[vertex] == adjacency[vertex].count {
                        distance[vertex] = Int.max
                        stack.removeLast()
                        continue
                    }
                    let other = adjacency[vertex][next[vertex]]
                    next[vertex] += 1
                    let mate = matchRight[other]
                    if mate < 0 {
                        // Flip the path.
                        var target = other
                        for index in stride(from: stack.count - 1, through: 0, by: -1) {
                            let onPath = stack[index]
                            let previous = matchLeft[onPath]
                            matchLeft[onPath] = target
                            matchRight[target] = onPath
                            target = previous
                        }
                        size += 1
                        break
                    }
                    if distance[mate] == distance[vertex] + 1 { stack.append(mate) }
                }
            }
        }
    }
}
