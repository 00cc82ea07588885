import CaseworkDomain
import Metrics

/// Stages a claim can be taken from its unit's queue in: the work in progress and the steps a decision maker works.
public enum AllocationPolicy {
    /// Claims in these stages, held by nobody, are in their unit's queue.
    public static let queueStages: [Stage] = [.workInProgress, .reopened, .interview, .decision]

    /// The SQL condition for "waiting in a queue": held by nobody, workable (no open barrier blocks the interview or the
    /// decision, 8.83) and in a queue stage, on `claim_queue`. Written with literal stages so both databases use the
    /// partial index `claims_queue` (the latest migration that builds it must use the same condition; a test checks they agree).
    static let queueCondition = "holder IS NULL AND workable = 1 AND stage IN (" + queueStages.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// `NextClaimEligibility` as extra conditions on the queue query (each starting " AND "), with their binds. They are
    /// added after `queueCondition`, which stays word for word so both databases still walk the partial index in work
    /// order and check these on the rows it gives: the stages the caseworker's training covers, no unaccompanied
    /// children's claims without the children's training, and only the cohort of their operation.
    static func conditions(for eligibility: NextClaimEligibility) -> (sql: String, binds: [SQLValue]) {
        var sql = ""
        var binds: [SQLValue] = []
        let stages = eligibility.stages(among: queueStages)
        if stages.count < queueStages.count {
            sql += stages.isEmpty ? " AND 1 = 0" : " AND stage IN (" + stages.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
        }
        if !eligibility.takesChildrensClaims { sql += " AND unaccompanied_child = 0" }
        if let operation = eligibility.operation {
            sql += " AND EXISTS (SELECT 1 FROM claim_cohorts WHERE claim_cohorts.claim_reference = claim_queue.reference AND claim_cohorts.operation = ?)"
            binds.append(.text(operation))
        }
        return (sql, binds)
    }
}

extension CaseworkStore {
    /// Gives the caller the next claim in their unit's queue that their training and operation allow
    /// (`NextClaimEligibility`), at once and to them alone, or nil when there is none.
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
            if self.database.dialect == .postgres {
                // Tables in the order every writer takes them (claims, then claim_queue), so a priority policy's recompute,
                // which locks both, cannot deadlock with a caller holding a queue row (see `Projection.write`).
                try await connection.execute("LOCK TABLE claims IN ROW SHARE MODE")
            }
            let eligibility = try await self.eligibility(of: actor.staff, connection)
            let (conditions, binds) = AllocationPolicy.conditions(for: eligibility)
            guard let row = try await connection.queryFirst(
                "SELECT reference FROM claim_queue WHERE owning_unit = ? AND \(AllocationPolicy.queueCondition)\(conditions) ORDER BY priority_key, date_of_claim, reference LIMIT 1"
                    + self.database.dialect.forUpdateSkipLocked,
                [.text(actor.unit.rawValue)] + binds
            ), let reference = row["reference"].string.map({ ClaimReference($0) }) else { return nil }
            guard var claim = try await Projection.load(reference, lock: nil, connection) else { return nil }
            let event = try ClaimRules.decide(.allocate(to: actor.staff, reassigning: false), on: claim, reason: nil)
            try await self.commit(event, to: &claim, by: actor, at: now, reason: "Next claim from the queue", connection)
            return claim
        }
        if claim != nil { Counter(label: "casework_events_written_total", dimensions: [("type", "claim-allocated")]).increment() }
        return claim
    }

    /// What `staff`'s record lets them be given: unrestricted when they have no staff record (primary-key reads). An
    /// operation that has closed (or no longer exists) no longer restricts them: its cohort is not kept any more
    /// (`PlanningState`), so they are back on the general WIP rather than given nothing.
    func eligibility(of staff: StaffID, _ connection: any SQLConnection) async throws -> NextClaimEligibility {
        guard let row = try await connection.queryFirst(
            "SELECT s.trained_for, s.childrens_casework, CASE WHEN o.code IS NOT NULL AND o.closed_at IS NULL THEN s.cohort END AS cohort "
                + "FROM staff s LEFT JOIN operations o ON o.code = s.cohort WHERE s.username = ?",
            [.text(staff.rawValue)]
        ) else { return .unrestricted }
        return NextClaimEligibility(
            trainedFor: row["trained_for"].string.flatMap(CaseworkTraining.init(rawValue:)), childrensCasework: row["childrens_casework"].bool,
            operation: row["cohort"].string
        )
    }

    /// A claim given by a team leader (or reassigned) goes only to an active caseworker of the claim's unit whose training
    /// covers the work it needs next (`NextClaimEligibility.refusalToReceive`).
    func checkRecipient(of claim: Claim, _ staff: StaffID, _ connection: any SQLConnection) async throws {
        guard let row = try await connection.queryFirst(
            "SELECT role, unit, active FROM staff WHERE username = ?", [.text(staff.rawValue)]
        ), row["active"].bool else {
            throw ValidationFailure([FieldError(field: "to", message: "No active member of staff has the username \(staff.rawValue)")])
        }
        guard let role = Role(rawValue: row["role"].string ?? ""), AccessPolicy.caseworkers.contains(role) else {
            throw ValidationFailure([FieldError(field: "to", message: "\(staff.rawValue) is not a caseworker: claims are given to decision makers, technical specialists and senior caseworkers")])
        }
        guard row["unit"].string == claim.owningUnit.rawValue else {
            throw ValidationFailure([FieldError(field: "to", message: "\(staff.rawValue) works in \(row["unit"].string ?? "another unit"), not in \(claim.owningUnit.rawValue), which owns the claim")])
        }
        let eligibility = try await eligibility(of: staff, connection)
        if let refusal = eligibility.refusalToReceive(stage: claim.stage, unaccompaniedChild: claim.facts.unaccompaniedChild, username: staff.rawValue) {
            throw ValidationFailure([FieldError(field: "to", message: refusal)])
        }
    }

    /// What is stopping `actor` from being given a claim beyond an empty queue, in plain words: their training and
    /// operation (nil when nothing restricts them). Pages say it when "next claim" finds nothing.
    public func nextClaimRestriction(for actor: Actor) async throws -> String? {
        try await database.read { try await self.eligibility(of: actor.staff, $0) }.restrictionText
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
