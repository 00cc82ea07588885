import CaseworkDomain

/// The planners' allocation run across units (8.11–8.13, 8.23, 8.37): which waiting claims to move between units so
/// each unit's share of the work it may do follows its effective capacity, moving as few claims as possible.
///
/// ## The algorithm
///
/// 1. **Pools.** A claim's *worked cohorts* are its cohorts that at least one unit works. Claims with the same worked
///    cohorts and the same child flag form a pool; a pool with no worked cohort is the general WIP. A unit *may work*
///    a pool when it works one of the pool's operations (or, for the general WIP, works no operation at all) and has
///    capacity for it: effective capacity for adults' claims, and for children's claims the capacity of its decision
///    makers trained in children's casework (so the children's hubs take most of them).
/// 2. **Targets.** Each pool's `n` claims are shared among the units that may work it in proportion to that capacity,
///    counted in thousandths of an FTE (`capacityResolution`) so the arithmetic is exact: unit `u` gets
///    `⌊n·wᵤ/W⌋`, and the `r` claims left by rounding down go one each to units with a fractional share — first to
///    those already holding more than their rounded-down share (so rounding never causes a move), then by the larger
///    remainder, then by unit code. Every target is therefore within one claim of the exact share, and targets add up
///    to `n`. A unit that may not work the pool has a target of 0 in it. A pool no unit may work stays where it is.
/// 3. **Moves.** A unit over its target in a pool gives up exactly its surplus, lowest priority first (highest
///    priority key, then newest reference), so its own top-priority work stays; held claims never move. The claims
///    given up are handed out, highest priority first, each to the unit with the largest remaining deficit in the
///    pool (ties by unit code). Each claim moves at most once, only to a unit that may work it, and the number of
///    moves is the total surplus: no plan that reaches targets within rounding of capacity moves fewer claims.
///
/// The plan is a pure function of its inputs (units and claims are put in a fixed order first), so the same inputs
/// always give the same plan, and a plan applied and run again gives no moves.
public enum AllocationPlanner {
    /// Capacity is counted in thousandths of an FTE, so shares are computed in whole numbers.
    public static let capacityResolution = 1_000.0

    /// The plan for `inputs`.
    public static func plan(_ inputs: AllocationInputs) -> AllocationPlan {
        // Units in code order; a unit that owns claims but is not listed has no capacity.
        var unitList: [UnitCapacity] = []
        var seen: Set<UnitID> = []
        for unit in inputs.units.sorted(by: { $0.unit < $1.unit }) where seen.insert(unit.unit).inserted { unitList.append(unit) }
        for claim in inputs.claims where !seen.contains(claim.unit) {
            seen.insert(claim.unit)
            unitList.append(UnitCapacity(unit: claim.unit, effectiveFTE: 0, childrenFTE: 0, decisionMakers: 0, operations: []))
        }
        unitList.sort { $0.unit < $1.unit }
        let unitIndex = Dictionary(uniqueKeysWithValues: unitList.enumerated().map { ($1.unit, $0) })
        let adultWeights = unitList.map { weight($0.effectiveFTE) }
        let childWeights = unitList.map { weight($0.childrenFTE) }
        let worked = unitList.reduce(into: Set<String>()) { $0.formUnion($1.operations) }

        // Pools, by worked cohorts and child flag.
        var workedCohorts: [[String]: [String]] = [:]
        var poolOf: [PoolKey: Int] = [:]
        var poolKeys: [PoolKey] = []
        var poolClaims: [[Int]] = []
        for (index, claim) in inputs.claims.enumerated() {
            let cohorts: [String]
            if let known = workedCohorts[claim.cohorts] {
                cohorts = known
            } else {
                cohorts = Array(Set(claim.cohorts.filter(worked.contains))).sorted()
                workedCohorts[claim.cohorts] = cohorts
            }
            let key = PoolKey(cohorts: cohorts, child: claim.child)
            if let pool = poolOf[key] {
                poolClaims[pool].append(index)
            } else {
                poolOf[key] = poolKeys.count
                poolKeys.append(key)
                poolClaims.append([index])
            }
        }
        let poolOrder = poolKeys.indices.sorted { poolKeys[$0] < poolKeys[$1] }

        var transfers: [PlannedTransfer] = []
        var pools: [AllocationPool] = []
        var targetTotals = Array(repeating: 0, count: unitList.count)
        var haveTotals = Array(repeating: 0, count: unitList.count)
        var movesOut = Array(repeating: 0, count: unitList.count)
        var movesIn = Array(repeating: 0, count: unitList.count)

        for pool in poolOrder {
            let key = poolKeys[pool]
            let members = poolClaims[pool]
            let name = key.name
            var have = Array(repeating: 0, count: unitList.count)
            var movable = Array(repeating: [Int](), count: unitList.count)
            for index in members {
                let claim = inputs.claims[index]
                let unit = unitIndex[claim.unit]!
                have[unit] += 1
                if !claim.held { movable[unit].append(index) }
            }
            for unit in unitList.indices { haveTotals[unit] += have[unit] }
            let weights = key.child ? childWeights : adultWeights
            let eligible = unitList.indices.filter { weights[$0] > 0 && key.mayBeWorked(by: unitList[$0]) }
            let total = eligible.reduce(Int64(0)) { $0 + weights[$1] }
            guard total > 0 else {
                for unit in unitList.indices { targetTotals[unit] += have[unit] }
                pools.append(AllocationPool(
                    name: name, cohorts: key.cohorts, children: key.child, claims: members.count, eligibleUnits: [],
                    targets: [:], moves: 0, unplaceable: members.count
                ))
                continue
            }

            // Targets: the capacity share, rounded so rounding never forces a move.
            let n = Int64(members.count)
            var target = Array(repeating: 0, count: unitList.count)
            var remainder = Array(repeating: Int64(0), count: unitList.count)
            var assigned = 0
            for unit in eligible {
                target[unit] = Int(n * weights[unit] / total)
                remainder[unit] = n * weights[unit] % total
                assigned += target[unit]
            }
            let roundedUp = eligible.filter { remainder[$0] > 0 }.sorted { lhs, rhs in
                let (left, right) = (have[lhs] > target[lhs], have[rhs] > target[rhs])
                if left != right { return left }
                if remainder[lhs] != remainder[rhs] { return remainder[lhs] > remainder[rhs] }
                return unitList[lhs].unit < unitList[rhs].unit
            }
            for unit in roundedUp.prefix(members.count - assigned) { target[unit] += 1 }
            for unit in unitList.indices { targetTotals[unit] += target[unit] }

            // Moves: each unit's surplus, lowest priority first; never a held claim.
            var deficit = Array(repeating: 0, count: unitList.count)
            for unit in eligible where target[unit] > have[unit] { deficit[unit] = target[unit] - have[unit] }
            var leaving: [(index: Int, why: String)] = []
            for unit in unitList.indices where have[unit] > target[unit] {
                let why = surplusReason(unitList[unit], key: key, have: have[unit], target: target[unit], weight: weights[unit], total: total, claims: members.count, date: inputs.date)
                let candidates = movable[unit].sorted { lhs, rhs in
                    let (left, right) = (inputs.claims[lhs], inputs.claims[rhs])
                    return left.priorityKey != right.priorityKey ? left.priorityKey > right.priorityKey : left.reference > right.reference
                }
                for index in candidates.prefix(have[unit] - target[unit]) { leaving.append((index, why)) }
            }
            leaving.sort { lhs, rhs in
                let (left, right) = (inputs.claims[lhs.index], inputs.claims[rhs.index])
                return left.priorityKey != right.priorityKey ? left.priorityKey < right.priorityKey : left.reference < right.reference
            }
            let startingDeficit = deficit
            var poolMoves = 0
            for (index, why) in leaving {
                var best: Int?
                for unit in eligible where deficit[unit] > 0 {
                    if let current = best, deficit[current] >= deficit[unit] { continue }
                    best = unit
                }
                guard let destination = best else { break }
                let claim = inputs.claims[index]
                let source = unitIndex[claim.unit]!
                deficit[destination] -= 1
                movesOut[source] += 1
                movesIn[destination] += 1
                poolMoves += 1
                let to = unitList[destination].unit
                transfers.append(PlannedTransfer(
                    claim: claim.reference, version: claim.version, from: claim.unit, to: to, tier: claim.tier,
                    why: "\(why); \(to) holds \(grouped(have[destination])) against its share of \(grouped(target[destination])) (\(grouped(startingDeficit[destination])) under)"
                ))
            }
            var targets: [UnitID: Int] = [:]
            for unit in unitList.indices where target[unit] > 0 || have[unit] > 0 { targets[unitList[unit].unit] = target[unit] }
            pools.append(AllocationPool(
                name: name, cohorts: key.cohorts, children: key.child, claims: members.count,
                eligibleUnits: eligible.map { unitList[$0].unit }, targets: targets, moves: poolMoves, unplaceable: 0
            ))
        }

        let units = unitList.indices.map { index in
            let unit = unitList[index]
            return UnitAllocation(
                unit: unit.unit, effectiveFTE: unit.effectiveFTE, decisionMakers: unit.decisionMakers, childrenFTE: unit.childrenFTE,
                operations: unit.operations.sorted(), waiting: haveTotals[index], target: targetTotals[index],
                movesOut: movesOut[index], movesIn: movesIn[index]
            )
        }
        return AllocationPlan(date: inputs.date, units: units, pools: pools, transfers: transfers)
    }

    /// A capacity in whole thousandths of an FTE.
    static func weight(_ fte: Double) -> Int64 { max(0, Int64((fte * capacityResolution).rounded())) }

    /// Why a unit gives up claims of a pool.
    static func surplusReason(_ unit: UnitCapacity, key: PoolKey, have: Int, target: Int, weight: Int64, total: Int64, claims: Int, date: LocalDate) -> String {
        let code = unit.unit.rawValue
        if key.child, Self.weight(unit.childrenFTE) == 0, Self.weight(unit.effectiveFTE) > 0 {
            return "\(code) has no decision makers trained for children's claims working on \(date.longForm)"
        }
        if weight == 0 { return "\(code) has no decision-making capacity on \(date.longForm)" }
        if key.cohorts.isEmpty, !unit.operations.isEmpty {
            return "\(code) works its operations (\(unit.operations.sorted().joined(separator: ", "))), not the general WIP"
        }
        if !key.cohorts.isEmpty, unit.operations.isDisjoint(with: key.cohorts) {
            return "\(code) does not work \(key.cohorts.joined(separator: " or "))"
        }
        let share = Double(weight) / capacityResolution
        let whole = Double(total) / capacityResolution
        let capacity = key.child ? "children-trained capacity" : "effective capacity"
        return "\(key.name): \(code) holds \(grouped(have)) of \(grouped(claims)) against its share of \(grouped(target)) by \(capacity) (\(fte(share)) of \(fte(whole)) FTE)"
    }
}

/// Claims with the same worked cohorts and the same child flag: the units that may work them are the same.
struct PoolKey: Hashable, Comparable {
    let cohorts: [String]
    let child: Bool

    /// "AMESA", "AMESA or MAKHU", "General WIP", with "(children)" for children's claims.
    var name: String {
        (cohorts.isEmpty ? "General WIP" : cohorts.joined(separator: " or ")) + (child ? " (children)" : "")
    }

    /// Whether `unit` works this pool (capacity aside: a unit with no children-trained capacity has none for a
    /// children's pool).
    func mayBeWorked(by unit: UnitCapacity) -> Bool {
        cohorts.isEmpty ? unit.operations.isEmpty : !unit.operations.isDisjoint(with: cohorts)
    }

    static func < (lhs: PoolKey, rhs: PoolKey) -> Bool {
        lhs.cohorts != rhs.cohorts ? lhs.cohorts.lexicographicallyPrecedes(rhs.cohorts) : (!lhs.child && rhs.child)
    }
}

/// What the run does to one unit.
public struct UnitAllocation: Sendable, Hashable {
    /// The unit.
    public let unit: UnitID
    /// Its adjusted FTE on the day.
    public let effectiveFTE: Double
    /// Active decision makers.
    public let decisionMakers: Int
    /// Its children-trained decision makers' part of that: the capacity children's claims are shared by.
    public let childrenFTE: Double
    /// The operations it works (empty: the general WIP).
    public let operations: [String]
    /// Waiting claims it owns now.
    public let waiting: Int
    /// Waiting claims it should own: the sum of its capacity shares of the pools it may work (plus any claims no unit
    /// may work, which stay).
    public let target: Int
    /// Claims the plan moves out.
    public let movesOut: Int
    /// Claims the plan moves in.
    public let movesIn: Int

    /// Waiting claims it owns after the plan.
    public var after: Int { waiting - movesOut + movesIn }
    /// Whether it can take children's claims.
    public var childrenTrained: Bool { childrenFTE > 0 }
}

/// A pool of waiting claims the same units may work, and how it is shared.
public struct AllocationPool: Sendable, Hashable {
    /// In words: "AMESA", "General WIP (children)".
    public let name: String
    /// The worked operations its claims are in (empty: the general WIP).
    public let cohorts: [String]
    /// Children's claims.
    public let children: Bool
    /// Claims in the pool.
    public let claims: Int
    /// Units that may work it, by code.
    public let eligibleUnits: [UnitID]
    /// Each unit's target in the pool (units holding or due some).
    public let targets: [UnitID: Int]
    /// Claims the plan moves.
    public let moves: Int
    /// Claims no unit may work (they stay where they are): the plan needs a unit for them.
    public let unplaceable: Int
}

/// The plan of one allocation run: what it does to each unit and pool, and the moves.
public struct AllocationPlan: Sendable, Hashable {
    /// The day capacity was judged on.
    public let date: LocalDate
    /// Every unit, by code.
    public let units: [UnitAllocation]
    /// Every pool, in a fixed order.
    public let pools: [AllocationPool]
    /// The moves, pool by pool.
    public let transfers: [PlannedTransfer]

    /// How many claims move.
    public var moves: Int { transfers.count }
    /// Waiting claims considered.
    public var claims: Int { units.reduce(0) { $0 + $1.waiting } }
    /// Claims no unit may work.
    public var unplaceable: Int { pools.reduce(0) { $0 + $1.unplaceable } }
}

/// 12345 → "12,345".
func grouped(_ value: Int) -> String {
    let digits = String(abs(value))
    var result = ""
    for (offset, character) in digits.enumerated() {
        if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return (value < 0 ? "-" : "") + result
}

/// 12.3456 → "12.3".
func fte(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
}
