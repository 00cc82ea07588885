import CaseworkDomain

/// A version of the priority policy as adopted: the policy, who adopted it, when and why, and what the recompute that
/// came with it did. Version 1, the platform's starting policy (fig 21), has no adopter until a row is written for it.
public struct AdoptedPriorityPolicy: Sendable, Hashable {
    /// The policy.
    public var policy: PriorityPolicy
    /// Who adopted it; nil for the platform's starting policy.
    public var adoptedBy: StaffID?
    /// When; nil for the platform's starting policy.
    public var adoptedAt: Instant?
    /// Why it was adopted.
    public var reason: String
    /// What the recompute at adoption did; nil for the starting policy.
    public var recompute: PriorityRecompute?

    /// Creates a record of an adoption.
    public init(policy: PriorityPolicy, adoptedBy: StaffID?, adoptedAt: Instant?, reason: String, recompute: PriorityRecompute?) {
        self.policy = policy
        self.adoptedBy = adoptedBy
        self.adoptedAt = adoptedAt
        self.reason = reason
        self.recompute = recompute
    }

    /// True for the platform's starting policy, which nobody adopted.
    public var isStartingPolicy: Bool { adoptedAt == nil }

    /// The starting policy, as history shows it until someone adopts another.
    static let starting = AdoptedPriorityPolicy(
        policy: .current, adoptedBy: nil, adoptedAt: nil,
        reason: "The platform's starting policy: Asylum Operations' tasking priorities of July 2023 (fig 21, 8.15–8.20)", recompute: nil
    )
}

/// What recomputing every claim's priority did.
public struct PriorityRecompute: Sendable, Hashable, Codable {
    /// The policy version every claim is now placed by.
    public var policyVersion: Int
    /// Claims whose priority was recomputed.
    public var claims: Int
    /// Claims whose tier changed.
    public var tierChanges: Int
    /// Claims whose place in the work order (sort key) changed, tier changes included.
    public var orderChanges: Int
    /// How long the recompute took, in milliseconds.
    public var milliseconds: Int

    /// Creates a result.
    public init(policyVersion: Int, claims: Int, tierChanges: Int, orderChanges: Int, milliseconds: Int) {
        self.policyVersion = policyVersion
        self.claims = claims
        self.tierChanges = tierChanges
        self.orderChanges = orderChanges
        self.milliseconds = milliseconds
    }
}

/// Placements waiting to be written, as three parallel columns.
private struct PendingPlacements {
    var references: [String] = []
    var keys: [Int64] = []
    var tiers: [Int] = []

    var count: Int { references.count }

    mutating func append(reference: String, key: Int64, tier: Int) {
        references.append(reference)
        keys.append(key)
        tiers.append(tier)
    }

    mutating func removeAll() {
        references.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        tiers.removeAll(keepingCapacity: true)
    }

    /// A PostgreSQL array literal of `values`, each element double-quoted and escaped.
    func arrayLiteral<T>(_ values: [T]) -> String {
        var text = "{"
        text.reserveCapacity(values.count * 14 + 2)
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            text += "\""
            for character in String(describing: value) {
                if character == "\"" || character == "\\" { text += "\\" }
                text.append(character)
            }
            text += "\""
        }
        return text + "}"
    }
}

extension CaseworkStore {
    /// Adopts `policy` as the policy in force and recomputes every claim's priority (sort key, tier and policy version)
    /// in the same transaction, so the queues never mix two policies. Only workflow planners and operations managers
    /// may (`AccessPolicy.workPlanners`); the version must be the one in force plus one, and a reason is required
    /// (field-named `ValidationFailure`s otherwise).
    ///
    /// On PostgreSQL the claims table is locked against writers (not readers) for the length of the recompute, so no
    /// change to a claim's facts can slip between reading and rewriting its priority; a claim written meanwhile with the
    /// policy read before the lock is caught up straight after.
    public func adoptPriorityPolicy(_ policy: PriorityPolicy, by actor: Actor, reason: String?) async throws -> (adopted: AdoptedPriorityPolicy, recompute: PriorityRecompute) {
        guard AccessPolicy.workPlanners.contains(actor.role) else {
            throw AccessDenied("Only workflow planners and operations managers can adopt a priority policy (fig 21).")
        }
        var check = Validator()
        let given = check.requiredText(reason, "reason", label: "why the policy changes", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        let reason = given ?? ""
        let now = clock.now()
        let started = ContinuousClock.now
        var result = try await withCheckpointsOffTheWriter { try await self.database.transaction { connection -> PriorityRecompute in
            try await self.lockClaimsAgainstWriters(connection)
            try await self.bumpPlanningRevision(connection)
            let inForce = try await connection.queryFirst("SELECT MAX(version) AS version FROM priority_policies")?["version"].int ?? PriorityPolicy.current.version
            guard policy.version == inForce + 1 else {
                throw ValidationFailure([FieldError(
                    field: "version",
                    message: "The new policy must be version \(inForce + 1): version \(inForce) is in force, and versions follow each other without gaps (\(policy.version) given)"
                )])
            }
            try await connection.execute(
                "INSERT INTO priority_policies (version, policy, adopted_at, adopted_by, reason) VALUES (?, ?, ?, ?, ?)",
                [.int(policy.version), .text(try EventCoding.encodeJSON(policy)), .integer(now.millisecondsSinceEpoch), .text(actor.staff.rawValue), .text(reason)]
            )
            let counts = try await self.recompute(with: policy, onlyOtherVersions: false, connection)
            let recompute = PriorityRecompute(
                policyVersion: policy.version, claims: counts.claims, tierChanges: counts.tierChanges, orderChanges: counts.orderChanges,
                milliseconds: Self.milliseconds(since: started)
            )
            try await self.recordFigures(recompute, connection)
            try await self.audit(
                actor: actor, action: "priority-policy.adopt", claim: nil,
                detail: "version \(policy.version): \(counts.claims) claims recomputed, \(counts.tierChanges) changed tier", at: now, connection
            )
            return recompute
        } }
        if database.dialect == .postgres {
            let late = try await catchUp(to: policy)
            if late.claims > 0 {
                result.claims += late.claims
                result.tierChanges += late.tierChanges
                result.orderChanges += late.orderChanges
                result.milliseconds = Self.milliseconds(since: started)
                try await database.transaction { try await self.recordFigures(result, $0) }
            }
        }
        let adopted = AdoptedPriorityPolicy(policy: policy, adoptedBy: actor.staff, adoptedAt: now, reason: reason, recompute: result)
        return (adopted, result)
    }

    /// Recomputes every claim's priority under the policy in force: for after a bulk import, or to check that nothing
    /// drifted (a healthy store reports no changes).
    public func recomputePriorities() async throws -> PriorityRecompute {
        let started = ContinuousClock.now
        return try await withCheckpointsOffTheWriter { try await self.database.transaction { connection in
            try await self.lockClaimsAgainstWriters(connection)
            let policy = try await self.planning(connection).priorityPolicy
            let counts = try await self.recompute(with: policy, onlyOtherVersions: false, connection)
            return PriorityRecompute(
                policyVersion: policy.version, claims: counts.claims, tierChanges: counts.tierChanges, orderChanges: counts.orderChanges,
                milliseconds: Self.milliseconds(since: started)
            )
        } }
    }

    /// Every version of the priority policy, newest first, ending with the starting policy.
    public func priorityPolicyHistory() async throws -> [AdoptedPriorityPolicy] {
        let rows = try await database.read { connection in
            try await connection.query(
                "SELECT version, policy, adopted_at, adopted_by, reason, claims_recomputed, tier_changes, order_changes, recompute_milliseconds FROM priority_policies ORDER BY version DESC"
            )
        }
        var history = try rows.map { row in
            let policy = try EventCoding.decodeJSON(PriorityPolicy.self, row["policy"].string ?? "{}")
            return AdoptedPriorityPolicy(
                policy: policy, adoptedBy: row["adopted_by"].string.map { StaffID($0) },
                adoptedAt: row["adopted_at"].int64.map { Instant(millisecondsSinceEpoch: $0) }, reason: row["reason"].string ?? "",
                recompute: PriorityRecompute(
                    policyVersion: policy.version, claims: row["claims_recomputed"].int ?? 0, tierChanges: row["tier_changes"].int ?? 0,
                    orderChanges: row["order_changes"].int ?? 0, milliseconds: row["recompute_milliseconds"].int ?? 0
                )
            )
        }
        if !history.contains(where: { $0.policy.version == PriorityPolicy.current.version }) { history.append(.starting) }
        return history
    }

    /// The policy in force, with who adopted it and why.
    public func priorityPolicyInForce() async throws -> AdoptedPriorityPolicy {
        try await priorityPolicyHistory().first ?? .starting
    }

    // MARK: The recompute

    /// The columns a claim's priority is computed from (what `PriorityFacts(claim:)` reads), and its stored priority.
    /// Read by position in `recompute`.
    private static let priorityColumns = """
        c.reference, c.detained, c.nrm, c.vulnerabilities, c.asylum_support, c.regime, c.unaccompanied_child, c.date_of_claim, c.work, \
        q.priority_key, q.priority_tier, q.priority_policy
        """

    /// Claims read per query: keeps memory flat however large the WIP.
    private static let readBatch = 25_000

    /// Rows rewritten per statement: on SQLite an `UPDATE ... FROM (VALUES ...)` of three binds a row; on PostgreSQL
    /// one `UPDATE ... FROM unnest(...)` of three array binds, which it joins by hash in one pass over the table.
    private var writeBatch: Int { database.dialect == .sqlite ? 2_000 : 250_000 }

    /// Places every claim (or, with `onlyOtherVersions`, every claim placed by another policy version) by `policy` and
    /// writes back the sort key, tier and policy version of those that differ. Only the columns the placement needs are
    /// read, and `work` is decoded only where something was recorded; rows already placed by this version in the same
    /// place are not written.
    func recompute(with policy: PriorityPolicy, onlyOtherVersions: Bool, _ connection: any SQLConnection) async throws -> (claims: Int, tierChanges: Int, orderChanges: Int) {
        var claims = 0
        var tierChanges = 0
        var orderChanges = 0
        var pending = PendingPlacements()
        let batch = writeBatch
        var after = ""
        let version = Int64(policy.version)
        let filter = onlyOtherVersions ? " AND q.priority_policy <> ?" : ""
        while true {
            var binds: [SQLValue] = [.text(after)]
            if onlyOtherVersions { binds.append(.integer(version)) }
            binds.append(.int(Self.readBatch))
            let rows = try await connection.query(
                "SELECT \(Self.priorityColumns) FROM claims c JOIN claim_queue q ON q.reference = c.reference WHERE c.reference > ?\(filter) ORDER BY c.reference LIMIT ?",
                binds
            )
            guard let last = rows.last else { break }
            after = last[0].string ?? ""
            for row in rows {
                let placement = policy.placement(of: try Self.priorityFacts(row))
                claims += 1
                let oldTier = row[10].int64 ?? 0
                let oldKey = row[9].int64 ?? 0
                let moved = placement.sortKey != oldKey || Int64(placement.tier) != oldTier
                if moved { orderChanges += 1 }
                if Int64(placement.tier) != oldTier { tierChanges += 1 }
                // A claim that keeps its place is still stamped with the version that placed it, in the same pass: each
                // row is rewritten once, in key order, which is what makes 150,000 rows fast on both stores.
                guard moved || row[11].int64 != version else { continue }
                pending.append(reference: row[0].string ?? "", key: placement.sortKey, tier: placement.tier)
                if pending.count == batch {
                    try await writePlacements(pending, version: version, connection)
                    pending.removeAll()
                }
            }
            if rows.count < Self.readBatch { break }
        }
        if pending.count > 0 { try await writePlacements(pending, version: version, connection) }
        return (claims, tierChanges, orderChanges)
    }

    /// Writes `pending` placements and stamps them with `version`.
    private func writePlacements(_ pending: PendingPlacements, version: Int64, _ connection: any SQLConnection) async throws {
        switch database.dialect {
        case .postgres:
            try await connection.execute(
                """
                UPDATE claim_queue SET priority_key = v.key, priority_tier = v.tier, priority_policy = ? \
                FROM unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS INTEGER[])) AS v(reference, key, tier) \
                WHERE claim_queue.reference = v.reference
                """,
                [.integer(version), .text(pending.arrayLiteral(pending.references)), .text(pending.arrayLiteral(pending.keys)), .text(pending.arrayLiteral(pending.tiers))]
            )
        case .sqlite:
            // SQLite 3.33 or later for `UPDATE ... FROM`; the casts are what PostgreSQL would need, and SQLite accepts them.
            var sql = "UPDATE claim_queue SET priority_key = v.column2, priority_tier = v.column3, priority_policy = ? FROM (VALUES (CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT))"
            sql.reserveCapacity(sql.count + pending.count * 11 + 60)
            for _ in 1..<pending.count { sql += ", (?, ?, ?)" }
            sql += ") AS v WHERE claim_queue.reference = v.column1"
            var binds: [SQLValue] = [.integer(version)]
            binds.reserveCapacity(1 + pending.count * 3)
            for index in 0..<pending.count {
                binds.append(.text(pending.references[index]))
                binds.append(.integer(pending.keys[index]))
                binds.append(.int(pending.tiers[index]))
            }
            try await connection.execute(sql, binds)
        }
    }

    /// The facts placement reads, from a row of `priorityColumns`.
    private static func priorityFacts(_ row: SQLRow) throws -> PriorityFacts {
        let markers = row[3].string.map { text in
            text.isEmpty ? [] : text.split(separator: ",").compactMap { VulnerabilityMarker(rawValue: String($0)) }
        } ?? []
        let work = try row[8].string.map { try EventCoding.decodeJSON(ClaimWork.self, $0) }
        return PriorityFacts(
            detained: row[1].bool, safeguarding: work?.safeguarding, nationalReferralMechanism: row[2].bool, vulnerabilities: markers,
            commitment: work?.commitment, asylumSupport: row[4].bool, regime: Regime(rawValue: row[5].string ?? "") ?? .legacy,
            unaccompaniedChild: row[6].bool, dateOfClaim: LocalDate(iso: row[7].string ?? "") ?? ValidationPolicy.earliestDateOfClaim,
            priorityOnRequest: work?.priorityOnRequest
        )
    }

    /// After an adoption on PostgreSQL: claims written by transactions that read the planning state before the adoption
    /// committed still carry the old version; place them by the new one.
    private func catchUp(to policy: PriorityPolicy) async throws -> (claims: Int, tierChanges: Int, orderChanges: Int) {
        try await database.transaction { connection in
            try await self.lockClaimsAgainstWriters(connection)
            guard try await self.planning(connection).priorityPolicy.version == policy.version else { return (0, 0, 0) }
            return try await self.recompute(with: policy, onlyOtherVersions: true, connection)
        }
    }

    /// Runs `body` (one transaction that rewrites most of the claims table) with SQLite's automatic checkpoint off on
    /// the writer connection: the log of a whole-table rewrite is far past the backstop threshold, and the checkpoint
    /// would otherwise run inside the commit. The store's checkpoint thread copies it back instead, as it does for every
    /// other write (see `WALCheckpointer`); the threshold is restored afterwards whatever happens.
    private func withCheckpointsOffTheWriter<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard database.dialect == .sqlite else { return try await body() }
        try await database.transaction { try await $0.execute("PRAGMA wal_autocheckpoint = 0") }
        do {
            let result = try await body()
            try await database.transaction { try await $0.execute("PRAGMA wal_autocheckpoint = \(WALCheckpointer.backstopPages)") }
            return result
        } catch {
            try? await database.transaction { try await $0.execute("PRAGMA wal_autocheckpoint = \(WALCheckpointer.backstopPages)") }
            throw error
        }
    }

    /// Keeps writers (not readers) off the claims table until the transaction ends (PostgreSQL; SQLite has one writer).
    private func lockClaimsAgainstWriters(_ connection: any SQLConnection) async throws {
        // Claims first, then the queue: the order every writer takes them in (`Projection.write`), so none can deadlock with this.
        if database.dialect == .postgres { try await connection.execute("LOCK TABLE claims, claim_queue IN EXCLUSIVE MODE") }
    }

    /// Stores what the recompute for the policy's adoption did.
    private func recordFigures(_ recompute: PriorityRecompute, _ connection: any SQLConnection) async throws {
        try await connection.execute(
            "UPDATE priority_policies SET claims_recomputed = ?, tier_changes = ?, order_changes = ?, recompute_milliseconds = ? WHERE version = ?",
            [.int(recompute.claims), .int(recompute.tierChanges), .int(recompute.orderChanges), .int(recompute.milliseconds), .int(recompute.policyVersion)]
        )
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
