import CaseworkDomain

/// What applying an allocation run did.
public struct AllocationRunResult: Sendable, Hashable {
    /// Claims moved, each by one `transferred` event.
    public var moved: Int
    /// Moves not made, with why (the claim changed since the plan was made, or is no longer waiting).
    public var skipped: [SkippedTransfer]
}

/// A planned move that was not made, and why.
public struct SkippedTransfer: Sendable, Hashable, Codable {
    public var claim: ClaimReference
    public var why: String
}

/// The churn figure: reallocations per claim (8.23: frequent reallocation confused units and lost evidence).
public struct ChurnFigure: Sendable, Hashable {
    /// One unit's figure (claims it owns now).
    public struct UnitChurn: Sendable, Hashable {
        public var unit: UnitID
        public var claims: Int
        public var reallocations: Int
        /// Reallocations per claim.
        public var perClaim: Double { claims == 0 ? 0 : Double(reallocations) / Double(claims) }
    }

    /// Claims counted.
    public var claims: Int
    /// Reallocations over those claims (reassignments and transfers; not first allocations).
    public var reallocations: Int
    /// By owning unit.
    public var units: [UnitChurn]

    /// Reallocations per claim.
    public var perClaim: Double { claims == 0 ? 0 : Double(reallocations) / Double(claims) }
}

/// How the allocation run reads and writes: inputs in one read, moves in batches.
public enum AllocationRunPolicy {
    /// Moves applied per transaction.
    public static let batchSize = 200
    /// A decision maker whose staff record has no start date is taken as fully effective (an established member of
    /// staff whose record predates the ramp), and one with no training recorded as trained for both.
    public static let assumedWeeksInRoleWithoutStartDate = 52 * 10
}

extension CaseworkStore {
    /// Everything the planners' allocation run reads, on `date` (today when nil): each unit's effective capacity (the
    /// sum over its active decision makers of `CapacityPolicy.current.effectiveFTE`, absences included) and the part of
    /// it from children-trained decision makers, the operations it works; and every waiting claim (open,
    /// held by nobody, in a queue stage) with its unit, cohorts, tier, priority key and UASC flag.
    ///
    /// A decision maker with no start date recorded counts as fully effective, and one with no training recorded as
    /// trained for both (`AllocationRunPolicy`). Planners only.
    public func allocationInputs(on date: LocalDate? = nil, for actor: Actor) async throws -> AllocationInputs {
        guard AccessPolicy.workPlanners.contains(actor.role) else {
            throw AccessDenied("Only workflow planners and operations managers run the allocation across units.")
        }
        let day = date ?? clock.now().date
        return try await database.read { connection in
            let plan = try await self.planOperations(connection)
            let units = try await self.unitCapacities(on: day, plan: plan, connection)
            let stages = AllocationPolicy.queueStages.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let rows = try await connection.query(
                "SELECT c.reference, c.version, c.owning_unit, q.priority_tier, q.priority_key, c.unaccompanied_child, cc.operation "
                    + "FROM claims c JOIN claim_queue q ON q.reference = c.reference LEFT JOIN claim_cohorts cc ON cc.claim_reference = c.reference "
                    + "WHERE c.holder IS NULL AND c.stage IN (\(stages)) ORDER BY c.reference"
            )
            var claims: [WaitingClaim] = []
            claims.reserveCapacity(rows.count)
            var index = 0
            while index < rows.count {
                let row = rows[index]
                let reference = row[0].string ?? ""
                var cohorts: [String] = []
                while index < rows.count, rows[index][0].string == reference {
                    if let operation = rows[index][6].string { cohorts.append(operation) }
                    index += 1
                }
                claims.append(WaitingClaim(
                    reference: ClaimReference(reference), version: row[1].int ?? 0, unit: UnitID(row[2].string ?? ""), cohorts: cohorts,
                    tier: row[3].int ?? 6, priorityKey: row[4].int64 ?? 0, child: row[5].bool
                ))
            }
            return AllocationInputs(date: day, units: units, claims: claims)
        }
    }

    /// Each unit's capacity on `day`, read from the staff columns directly.
    func unitCapacities(on day: LocalDate, plan: [UnitID: [String]], _ connection: any SQLConnection) async throws -> [UnitCapacity] {
        let absent = Set(try await connection.query(
            "SELECT username FROM staff_absences WHERE first_day <= ? AND last_day >= ?", [.text(day.iso), .text(day.iso)]
        ).compactMap { $0["username"].string })
        var fte: [UnitID: Double] = [:]
        var people: [UnitID: Int] = [:]
        var children: [UnitID: Double] = [:]
        let assumedStart = day.adding(days: -7 * AllocationRunPolicy.assumedWeeksInRoleWithoutStartDate)
        for row in try await connection.query(
            "SELECT username, unit, fte, role_start_date, trained_for, childrens_casework FROM staff WHERE role = ? AND active = 1 ORDER BY username",
            [.text(Role.decisionMaker.rawValue)]
        ) {
            let unit = UnitID(row[1].string ?? "")
            people[unit, default: 0] += 1
            let absences = absent.contains(row[0].string ?? "") ? [AbsencePeriod(from: day, through: day)] : []
            guard let profile = try? TrainingProfile(
                trainedFor: row[4].string.flatMap(CaseworkTraining.init(rawValue:)) ?? .both, childrensCasework: row[5].bool,
                startDate: row[3].string.flatMap(LocalDate.init(iso:)) ?? assumedStart, fte: row[2].double ?? 1, absences: absences
            ) else { continue }
            let effective = CapacityPolicy.current.effectiveFTE(profile, on: day)
            fte[unit, default: 0] += effective
            if profile.childrensCasework { children[unit, default: 0] += effective }
        }
        let codes = Set(fte.keys).union(people.keys).union(plan.keys)
        return codes.sorted().map { unit in
            UnitCapacity(
                unit: unit, effectiveFTE: fte[unit] ?? 0, childrenFTE: children[unit] ?? 0, decisionMakers: people[unit] ?? 0,
                operations: Set(plan[unit] ?? [])
            )
        }
    }

    /// Applies planned moves: one `transferred` event per claim, through the event log, `batchSize` claims per
    /// transaction. Each claim is read (locked on PostgreSQL) and moved only if it is still at the version the plan
    /// read, still in the unit it leaves, waiting and held by nobody; otherwise the move is skipped and said why.
    /// The event's reason is the planner's reason and the move's own. Planners only; a reason is required.
    public func applyAllocation(_ transfers: [PlannedTransfer], reason: String?, by actor: Actor, batchSize: Int = AllocationRunPolicy.batchSize) async throws -> AllocationRunResult {
        guard AccessPolicy.workPlanners.contains(actor.role), AccessPolicy.transferrers.contains(actor.role) else {
            throw AccessDenied("Only workflow planners and operations managers run the allocation across units.")
        }
        var check = Validator()
        let reason = check.requiredText(reason, "reason", label: "the reason for the allocation run", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        let units = Set(try await self.units().map(\.code))
        let unknown = Set(transfers.map(\.to)).subtracting(units)
        if !unknown.isEmpty {
            throw ValidationFailure([FieldError(field: "to", message: "No unit has the code \(unknown.sorted().map(\.rawValue).joined(separator: ", "))")])
        }
        let now = clock.now()
        var result = AllocationRunResult(moved: 0, skipped: [])
        let queueStages = Set(AllocationPolicy.queueStages)
        for start in stride(from: 0, to: transfers.count, by: max(1, batchSize)) {
            let batch = transfers[start..<min(start + max(1, batchSize), transfers.count)]
            let outcome = try await database.transaction { connection -> (moved: Int, skipped: [SkippedTransfer]) in
                var moved = 0
                var skipped: [SkippedTransfer] = []
                for transfer in batch {
                    guard var claim = try await Projection.load(transfer.claim, lock: self.database.dialect, connection) else {
                        skipped.append(SkippedTransfer(claim: transfer.claim, why: "No such claim"))
                        continue
                    }
                    guard claim.version == transfer.version else {
                        skipped.append(SkippedTransfer(claim: transfer.claim, why: "Changed since the plan was made (version \(transfer.version), now \(claim.version))"))
                        continue
                    }
                    guard claim.owningUnit == transfer.from, claim.holder == nil, queueStages.contains(claim.stage) else {
                        skipped.append(SkippedTransfer(claim: transfer.claim, why: "No longer waiting in \(transfer.from.rawValue)"))
                        continue
                    }
                    let command = ClaimCommand.transfer(to: transfer.to)
                    if let refusal = AccessPolicy.refusal(of: command, on: claim, by: actor) { throw AccessDenied(refusal) }
                    let why = "Allocation run: \(reason!) (\(transfer.why))"
                    let event = try ClaimRules.decide(command, on: claim, reason: why)
                    try await self.commit(event, to: &claim, by: actor, at: now, reason: why, connection)
                    moved += 1
                }
                return (moved, skipped)
            }
            result.moved += outcome.moved
            result.skipped += outcome.skipped
        }
        try await recordAudit(actor: actor, action: "planning.allocation-run", claim: nil, detail: "\(result.moved) claims moved, \(result.skipped.count) skipped: \(reason!)")
        return result
    }

    /// The churn figure over every claim, overall and by owning unit. Roles that see the WIP may read it; a unit's
    /// managers see their own unit's line and the overall figure.
    public func churn(for actor: Actor) async throws -> ChurnFigure {
        try Self.requireWIPViewer(actor)
        let rows = try await database.read { connection in
            try await connection.query("SELECT owning_unit, COUNT(*) AS claims, SUM(reallocations) AS reallocations FROM claims GROUP BY owning_unit ORDER BY owning_unit")
        }
        let national = AccessPolicy.nationalRoles.contains(actor.role)
        var figure = ChurnFigure(claims: 0, reallocations: 0, units: [])
        for row in rows {
            let line = ChurnFigure.UnitChurn(unit: UnitID(row["owning_unit"].string ?? ""), claims: row["claims"].int ?? 0, reallocations: row["reallocations"].int ?? 0)
            figure.claims += line.claims
            figure.reallocations += line.reallocations
            if national || line.unit == actor.unit { figure.units.append(line) }
        }
        return figure
    }
}
