import CaseworkDomain
import Synchronization

/// An operation as the store keeps it: the definition, the grant rates its criteria are judged by (a snapshot taken
/// when it was defined, so membership does not drift as new outcomes arrive), and when it closed.
public struct StoredOperation: Codable, Sendable, Hashable {
    /// The operation: code, name, criteria, start date and starting figure.
    public var operation: CaseworkDomain.Operation
    /// Grant rates by nationality when the operation was defined (used by a grant-rate criterion).
    public var grantRates: GrantRates
    /// When the operation closed; its cohort is no longer kept after that.
    public var closedAt: Instant?

    /// Creates a stored operation.
    public init(operation: CaseworkDomain.Operation, grantRates: GrantRates, closedAt: Instant? = nil) {
        self.operation = operation
        self.grantRates = grantRates
        self.closedAt = closedAt
    }

    /// Whether `claim` belongs to the cohort now: it fits the criteria and has not dropped out.
    public func includes(_ claim: Claim) -> Bool {
        closedAt == nil && claim.work.cohortDropOuts[operation.code] == nil && operation.matches(claim, grantRates: grantRates)
    }
}

/// The policy the projections are written with: the priority policy in force and the open operations whose cohorts
/// are kept current. Changing either bumps the `planning-revision` counter, so every process reloads it.
public struct PlanningState: Sendable {
    /// The value of the `planning-revision` counter this state was read at.
    public var revision: Int64
    /// The priority policy in force: the latest adopted, or `PriorityPolicy.current` when none has been adopted.
    public var priorityPolicy: PriorityPolicy
    /// Open operations, oldest start first.
    public var operations: [StoredOperation]

    /// The operations whose cohort `claim` belongs to.
    public func cohorts(of claim: Claim) -> [String] {
        operations.filter { $0.includes(claim) }.map(\.operation.code)
    }
}

/// The last `PlanningState` read, shared by every transaction of a store.
final class PlanningCache: Sendable {
    let state = Mutex<PlanningState?>(nil)
}

extension CaseworkStore {
    /// The planning state, reloaded only when the `planning-revision` counter has moved (one primary-key read).
    func planning(_ connection: any SQLConnection) async throws -> PlanningState {
        let revision = try await connection.queryFirst("SELECT value FROM counters WHERE name = 'planning-revision'")?["value"].int64 ?? 0
        if let cached = planningCache.state.withLock({ $0 }), cached.revision == revision { return cached }
        var policy = PriorityPolicy.current
        if let row = try await connection.queryFirst("SELECT policy FROM priority_policies ORDER BY version DESC LIMIT 1") {
            policy = try EventCoding.decodeJSON(PriorityPolicy.self, row["policy"].string ?? "{}")
        }
        let operations = try await connection.query("SELECT definition FROM operations WHERE closed_at IS NULL ORDER BY start_date, code")
            .map { try EventCoding.decodeJSON(StoredOperation.self, $0["definition"].string ?? "{}") }
        let state = PlanningState(revision: revision, priorityPolicy: policy, operations: operations)
        planningCache.state.withLock { $0 = state }
        return state
    }

    /// The planning state now.
    public func planningState() async throws -> PlanningState {
        try await database.read { try await self.planning($0) }
    }

    /// Marks the planning state changed, inside the transaction that changed it.
    func bumpPlanningRevision(_ connection: any SQLConnection) async throws {
        try await connection.execute("UPDATE counters SET value = value + 1 WHERE name = 'planning-revision'")
    }
}

extension CaseworkStore {
    /// The operations whose cohort the claim is in now, by code (the claim must be visible to `actor`).
    public func cohorts(of reference: ClaimReference, for actor: Actor) async throws -> [String] {
        _ = try await claim(reference, for: actor)
        return try await database.read { connection in
            try await connection.query(
                "SELECT operation FROM claim_cohorts WHERE claim_reference = ? ORDER BY operation", [.text(reference.rawValue)]
            ).compactMap { $0["operation"].string }
        }
    }
}
