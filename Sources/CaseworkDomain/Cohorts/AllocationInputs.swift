/// A decision-making unit as the planners' allocation run sees it on one day: how much casework it can do, which
/// operations it works, and whether it can take children's claims (8.11–8.13, 8.37).
public struct UnitCapacity: Sendable, Hashable, Codable {
    /// The unit.
    public let unit: UnitID
    /// Its adjusted FTE on the day: the sum of its decision makers' effective FTE (ramp, working pattern, absences; 9.22).
    public let effectiveFTE: Double
    /// The part of it from decision makers with the children's casework training: the capacity children's claims are
    /// shared by.
    public let childrenFTE: Double
    /// Active decision makers.
    public let decisionMakers: Int
    /// The operations the unit works, by code (the operations plan); empty when it works the general WIP.
    public let operations: Set<String>

    /// Creates a unit's capacity.
    public init(unit: UnitID, effectiveFTE: Double, childrenFTE: Double, decisionMakers: Int, operations: Set<String>) {
        self.unit = unit
        self.effectiveFTE = effectiveFTE
        self.childrenFTE = childrenFTE
        self.decisionMakers = decisionMakers
        self.operations = operations
    }

    /// Whether a decision maker working that day has the children's casework training, so it may take children's claims.
    public var childrenTrained: Bool { childrenFTE > 0 }
}

/// A claim waiting in a unit's WIP: what the allocation run needs to know to place it.
public struct WaitingClaim: Sendable, Hashable {
    /// The claim.
    public let reference: ClaimReference
    /// The version read, so applying a move can check nothing changed since.
    public let version: Int
    /// The unit that owns it now.
    public let unit: UnitID
    /// The operations whose cohorts it is in (empty: the general WIP).
    public let cohorts: [String]
    /// Its tasking tier, 1 first.
    public let tier: Int
    /// Its place in the work order (ascending: worked first).
    public let priorityKey: Int64
    /// An unaccompanied child's claim: only a unit with children-trained decision makers may work it.
    public let child: Bool
    /// Someone holds it: it is never moved.
    public let held: Bool

    /// Creates a waiting claim.
    public init(reference: ClaimReference, version: Int, unit: UnitID, cohorts: [String], tier: Int, priorityKey: Int64, child: Bool, held: Bool = false) {
        self.reference = reference
        self.version = version
        self.unit = unit
        self.cohorts = cohorts
        self.tier = tier
        self.priorityKey = priorityKey
        self.child = child
        self.held = held
    }
}

/// Everything a planners' allocation run reads, on one day.
public struct AllocationInputs: Sendable, Hashable {
    /// The day capacity was judged on.
    public let date: LocalDate
    /// Every unit that has capacity or owns waiting claims.
    public let units: [UnitCapacity]
    /// The claims to place.
    public let claims: [WaitingClaim]

    /// Creates the inputs.
    public init(date: LocalDate, units: [UnitCapacity], claims: [WaitingClaim]) {
        self.date = date
        self.units = units
        self.claims = claims
    }
}

/// One move of a claim from one unit to another, and why: a `transferred` event when applied.
public struct PlannedTransfer: Sendable, Hashable, Codable {
    /// The claim.
    public let claim: ClaimReference
    /// The version it was read at; the move is skipped if it has changed since.
    public let version: Int
    /// The unit it leaves.
    public let from: UnitID
    /// The unit it goes to.
    public let to: UnitID
    /// Its tier, for the planners' summary.
    public let tier: Int
    /// Why it moves, in words.
    public let why: String

    /// Creates a move.
    public init(claim: ClaimReference, version: Int, from: UnitID, to: UnitID, tier: Int, why: String) {
        self.claim = claim
        self.version = version
        self.from = from
        self.to = to
        self.tier = tier
        self.why = why
    }
}
