import CaseworkDomain
import Metrics

/// Stages a claim can be taken from its unit's queue in: the work in progress and the steps a decision maker works.
public enum AllocationPolicy {
    /// Claims in these stages, held by nobody, are in their unit's queue.
    public static let queueStages: [Stage] = [.workInProgress, .reopened, .interview, .decision]

    /// The SQL condition for "waiting in a queue": held by nobody, workable (no open barrier blocks the interview or the
    /// decision, 8.83) and in a queue stage. Written with literal stages so both databases use the partial index
    /// `claims_queue` (the latest migration that builds it must use the same condition; a test checks they agree).
    static let queueCondition = "holder IS NULL AND workable = 1 AND stage IN (" + queueStages.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
}

extension CaseworkStore {
    /// Gives the caller the next claim in their unit's queue, at once and to them alone, or nil when the queue is empty.
    ///
    /// The claim is chosen and allocated in one transaction. On PostgreSQL the row is locked with `FOR UPDATE SKIP LOCKED`,
    /// so concurrent callers each get a different claim without waiting for each other; on SQLite transactions are serialised.
    /// Either way the per-claim sequence number is unique, so a claim can never be handed out twice (8.38).
    public func nextClaim(for actor: Actor) async throws -> Claim? {
        guard AccessPolicy.caseworkers.contains(actor.role) else {
            throw AccessDenied("Only decision makers, technical specialists and senior caseworkers take claims from the queue.")
        }
        let now = clock.now()
        let claim = try await database.transaction { connection -> Claim? in
            guard let row = try await connection.queryFirst(
                "SELECT reference FROM claims WHERE owning_unit = ? AND \(AllocationPolicy.queueCondition) ORDER BY priority_key, date_of_claim, reference LIMIT 1"
                    + self.database.dialect.forUpdateSkipLocked,
                [.text(actor.unit.rawValue)]
            ), let reference = row["reference"].string.map({ ClaimReference($0) }) else { return nil }
            guard var claim = try await Projection.load(reference, lock: nil, connection) else { return nil }
            let event = try ClaimRules.decide(.allocate(to: actor.staff, reassigning: false), on: claim, reason: nil)
            try await self.commit(event, to: &claim, by: actor, at: now, reason: "Next claim from the queue", connection)
            return claim
        }
        if claim != nil { Counter(label: "casework_events_written_total", dimensions: [("type", "claim-allocated")]).increment() }
        return claim
    }

    /// The claims `staff` holds, longest held first.
    public func claimsHeld(by staff: StaffID) async throws -> [HeldClaim] {
        let rows = try await database.read { connection in
            try await connection.query(
                "SELECT \(Projection.summaryColumns), held_since FROM claims WHERE holder = ? ORDER BY held_since, reference", [.text(staff.rawValue)]
            )
        }
        return rows.map { HeldClaim(summary: Projection.summary($0), heldSince: Instant(millisecondsSinceEpoch: $0["held_since"].int64 ?? 0)) }
    }
}

/// A claim someone holds, and since when.
public struct HeldClaim: Sendable, Hashable {
    public var summary: ClaimSummary
    public var heldSince: Instant

    /// Whole days held by `today`.
    public func daysHeld(on today: LocalDate) -> Int { max(0, heldSince.date.days(until: today)) }
}
