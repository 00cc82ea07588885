import Foundation
import CaseworkDomain

/// The current-state tables, written from events. `write` is the only way a claim row changes, and `rebuildProjections`
/// replays the log through the same `ClaimRules.apply`, so the live tables and a rebuild cannot disagree.
enum Projection {
    static let claimColumns = """
        reference, version, given_names, family_name, search_name, date_of_birth, sex, nationality, nationality_status, person_key, \
        biometric_reference, port_reference, date_of_claim, regime, stage, outcome, owning_unit, unaccompanied_child, detained, \
        asylum_support, represented, dependant_count, claim_type, registered_at, registered_by, updated_at, note_count, facts, \
        holder, held_since, nrm, vulnerabilities, work, safeguarding_level, commitment_date, reallocations
        """

    static let summaryColumns = """
        reference, given_names, family_name, date_of_birth, nationality, date_of_claim, regime, stage, owning_unit, unaccompanied_child, detained, updated_at
        """

    private static let upsert = upsertSQL(table: "claims", columns: claimColumns)

    /// The columns of `claim_queue`: the work order, one narrow row per claim. The queue's partial index lives on it, and
    /// a new priority policy rewrites only these rows (a whole-table rewrite of the wide claims rows took seconds).
    static let queueColumns = """
        reference, owning_unit, stage, holder, workable, unaccompanied_child, date_of_claim, priority_key, priority_tier, priority_policy
        """

    private static let queueUpsert = upsertSQL(
        table: "claim_queue", columns: queueColumns,
        keep: ["workable"]  // written by `refreshWorkable` from the claim's barriers; a new row starts workable
    )

    private static func upsertSQL(table: String, columns: String, keep: Set<String> = []) -> String {
        let names = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        let updates = names.dropFirst().filter { !keep.contains($0) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns)) VALUES (\(placeholders)) ON CONFLICT (reference) DO UPDATE SET \(updates)"
    }

    /// Writes the claim's row (insert or replace), placed in the work order by `policy`. Protected characteristics are
    /// kept out of it: they live in their own table. `factsJSON`, when given, must be `factsJSON(claim.facts)`: callers
    /// that already encoded the facts pass it on.
    ///
    /// The claims row is written before the `claim_queue` row, as every writer does: a new priority policy locks the two
    /// tables in that order, so no writer can hold one while waiting for the other.
    static func write(_ claim: Claim, factsJSON: String? = nil, policy: PriorityPolicy, _ connection: any SQLConnection) async throws {
        try await connection.execute(upsert, try values(claim, factsJSON: factsJSON))
        let priority = policy.assess(PriorityFacts(claim: claim), today: claim.updatedAt.date)
        try await connection.execute(queueUpsert, [
            .text(claim.reference.rawValue), .text(claim.owningUnit.rawValue), .text(claim.stage.rawValue), .text(claim.holder?.rawValue), .int(1),
            .bool(claim.facts.unaccompaniedChild), .text(claim.facts.dateOfClaim.iso),
            // The queue order is the tasking priority's sort key (tier, severity, committed date, date of claim), which
            // does not depend on today, so it changes only when the claim's facts or the policy change.
            .integer(priority.sortKey), .int(priority.tier), .int(policy.version),
        ])
    }

    /// Writes who holds the claim. Allocation changes only that (and the churn count), so only those columns are written:
    /// a full row rewrite re-encodes every fact, and "next claim" must stay fast.
    static func writeHolder(_ claim: Claim, _ connection: any SQLConnection) async throws {
        try await connection.execute(
            "UPDATE claims SET version = ?, updated_at = ?, holder = ?, held_since = ?, reallocations = ?, work = ? WHERE reference = ?",
            [
                .int(claim.version), .integer(claim.updatedAt.millisecondsSinceEpoch), .text(claim.holder?.rawValue),
                claim.heldSince.map { .integer($0.millisecondsSinceEpoch) } ?? .null, .int(claim.work.reallocations),
                .text(try workJSON(claim.work)), .text(claim.reference.rawValue),
            ]
        )
        try await connection.execute(
            "UPDATE claim_queue SET holder = ? WHERE reference = ?", [.text(claim.holder?.rawValue), .text(claim.reference.rawValue)]
        )
    }

    /// The claim's `work` column: NULL while nothing has been recorded (most claims), so reading it costs nothing.
    static func workJSON(_ work: ClaimWork) throws -> String? {
        work.isEmpty ? nil : try EventCoding.encodeJSON(work)
    }

    /// Keeps the claim's barrier rows in the unit that owns it, so the unit's review queue shows them.
    static func moveBarriers(of claim: ClaimReference, to unit: UnitID, _ connection: any SQLConnection) async throws {
        try await connection.execute("UPDATE claim_barriers SET owning_unit = ? WHERE claim_reference = ?", [.text(unit.rawValue), .text(claim.rawValue)])
    }

    /// Rewrites the claim's cohort memberships: every open operation whose criteria it fits and which it has not left.
    static func writeCohorts(of claim: Claim, _ planning: PlanningState, _ connection: any SQLConnection) async throws {
        try await connection.execute("DELETE FROM claim_cohorts WHERE claim_reference = ?", [.text(claim.reference.rawValue)])
        for code in planning.cohorts(of: claim) {
            try await connection.execute(
                "INSERT INTO claim_cohorts (claim_reference, operation) VALUES (?, ?)", [.text(claim.reference.rawValue), .text(code)]
            )
        }
    }

    /// The facts as the projection stores them: without protected characteristics, which have their own table.
    static func factsJSON(_ facts: ClaimFacts) throws -> String {
        var facts = facts
        facts.protectedCharacteristics = nil
        return try EventCoding.encodeJSON(facts)
    }

    static func values(_ claim: Claim, factsJSON: String? = nil) throws -> [SQLValue] {
        let facts = claim.facts
        let person = facts.mainApplicant
        return [
            .text(claim.reference.rawValue), .int(claim.version), .text(person.givenNames), .text(person.familyName),
            .text(searchName(person)), .text(person.dateOfBirth.iso), .text(person.sex.rawValue), .text(person.nationality.effective),
            .text(person.nationality.status.rawValue), .text(DuplicateMatching.personKey(person)),
            .text(DuplicateMatching.normaliseReference(facts.biometricReference)), .text(DuplicateMatching.normaliseReference(facts.portReference)),
            .text(facts.dateOfClaim.iso), .text(claim.regime.rawValue), .text(claim.stage.rawValue), .text(claim.outcome?.rawValue),
            .text(claim.owningUnit.rawValue), .bool(facts.unaccompaniedChild), .bool(facts.detained), .bool(facts.asylumSupport),
            .bool(facts.legalRepresentative != nil), .int(facts.dependants.count), .text(facts.claimType.rawValue),
            .integer(claim.registeredAt.millisecondsSinceEpoch), .text(claim.registeredBy.rawValue),
            .integer(claim.updatedAt.millisecondsSinceEpoch), .int(claim.noteCount), .text(try factsJSON ?? Self.factsJSON(facts)),
            .text(claim.holder?.rawValue), claim.heldSince.map { .integer($0.millisecondsSinceEpoch) } ?? .null,
            .bool(facts.nationalReferralMechanism), .text(vulnerabilitiesColumn(facts.vulnerabilities)), .text(try workJSON(claim.work)),
            .text(claim.work.safeguarding?.level.rawValue), .text(claim.work.commitment?.decideBy.iso), .int(claim.work.reallocations),
        ]
    }

    /// Vulnerability markers as the `vulnerabilities` column holds them: raw values joined by commas.
    static func vulnerabilitiesColumn(_ markers: [VulnerabilityMarker]) -> String {
        markers.map(\.rawValue).joined(separator: ",")
    }

    /// " given names family " normalised, so a word-prefix search is a `LIKE '% word%'`.
    static func searchName(_ person: Person) -> String {
        " " + DuplicateMatching.normalise(person.givenNames + " " + person.familyName) + " "
    }

    /// Writes the claimant's protected characteristics to their own, restricted table (nothing when none were declared).
    static func writeProtectedCharacteristics(of facts: ClaimFacts, claim: ClaimReference, _ connection: any SQLConnection) async throws {
        guard let characteristics = facts.protectedCharacteristics else { return }
        try await connection.execute(
            "INSERT INTO claim_protected_characteristics (claim_reference, data) VALUES (?, ?)",
            [.text(claim.rawValue), .text(try EventCoding.encodeJSON(characteristics))]
        )
    }

    static func writeNote(_ note: NoteText, claim: ClaimReference, sequence: Int, actor: Actor, at instant: Instant, _ connection: any SQLConnection) async throws {
        try await connection.execute(
            "INSERT INTO claim_notes (claim_reference, sequence, text, is_action, author, author_role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(claim.rawValue), .int(sequence), .text(note.text), .bool(note.isAction), .text(actor.staff.rawValue), .text(actor.role.rawValue), .integer(instant.millisecondsSinceEpoch)]
        )
    }

    /// Reads a claim row; with `lock`, the row is locked for the rest of the transaction (PostgreSQL).
    static func load(_ reference: ClaimReference, lock: SQLDialect?, _ connection: any SQLConnection) async throws -> Claim? {
        guard let row = try await connection.queryFirst(
            "SELECT \(claimColumns) FROM claims WHERE reference = ?" + (lock?.forUpdate ?? ""), [.text(reference.rawValue)]
        ) else { return nil }
        return try claim(row)
    }

    static func claim(_ row: SQLRow) throws -> Claim {
        let facts = try EventCoding.decodeJSON(ClaimFacts.self, row["facts"].string ?? "{}")
        return Claim(
            reference: ClaimReference(row["reference"].string ?? ""), version: row["version"].int ?? 0, facts: facts,
            regime: Regime(rawValue: row["regime"].string ?? "") ?? .legacy, stage: Stage(rawValue: row["stage"].string ?? "") ?? .registration,
            outcome: row["outcome"].string.flatMap(Outcome.init(rawValue:)), owningUnit: UnitID(row["owning_unit"].string ?? ""),
            registeredAt: Instant(millisecondsSinceEpoch: row["registered_at"].int64 ?? 0), registeredBy: StaffID(row["registered_by"].string ?? ""),
            updatedAt: Instant(millisecondsSinceEpoch: row["updated_at"].int64 ?? 0), noteCount: row["note_count"].int ?? 0,
            holder: row["holder"].string.map { StaffID($0) }, heldSince: row["held_since"].int64.map { Instant(millisecondsSinceEpoch: $0) },
            work: try row["work"].string.map { try EventCoding.decodeJSON(ClaimWork.self, $0) } ?? ClaimWork()
        )
    }

    static func summary(_ row: SQLRow) -> ClaimSummary {
        ClaimSummary(
            reference: ClaimReference(row["reference"].string ?? ""),
            name: "\(row["given_names"].string ?? "") \((row["family_name"].string ?? "").uppercased())",
            dateOfBirth: LocalDate(iso: row["date_of_birth"].string ?? "") ?? ValidationPolicy.earliestDateOfBirth,
            nationality: row["nationality"].string ?? "",
            dateOfClaim: LocalDate(iso: row["date_of_claim"].string ?? "") ?? ValidationPolicy.earliestDateOfClaim,
            regime: Regime(rawValue: row["regime"].string ?? "") ?? .legacy, stage: Stage(rawValue: row["stage"].string ?? "") ?? .registration,
            owningUnit: UnitID(row["owning_unit"].string ?? ""), unaccompaniedChild: row["unaccompanied_child"].bool,
            detained: row["detained"].bool, updatedAt: Instant(millisecondsSinceEpoch: row["updated_at"].int64 ?? 0)
        )
    }
}

extension CaseworkStore {
    /// Writes whole claim histories, a batch per transaction: events and projections together, as for single changes.
    /// Returns the references given. Used by `casework seed`; no duplicate check is made, since the generator makes distinct people.
    public func importHistories(_ histories: [ClaimHistory]) async throws -> [ClaimReference] {
        try await database.transaction { connection in
            let planning = try await self.planning(connection)
            var references: [ClaimReference] = []
            references.reserveCapacity(histories.count)
            for history in histories {
                let reference = ClaimReference.numbered(try await self.nextReferenceNumber(connection))
                var claim = ClaimRules.start(
                    reference: reference, facts: history.facts, owningUnit: history.owningUnit, actor: history.registeredBy,
                    at: history.registeredAt, policy: self.policy
                )
                let factsJSON = try Projection.factsJSON(history.facts)
                try await self.appendEvent(
                    .registered(history.facts, owningUnit: history.owningUnit, duplicateDecision: nil), sequence: 1, claim: reference,
                    actor: history.registeredBy, at: history.registeredAt, reason: nil,
                    factsJSON: factsJSON, connection
                )
                for (index, step) in history.later.enumerated() {
                    let payload = try await self.appendEvent(step.event, sequence: index + 2, claim: reference, actor: step.actor, at: step.at, reason: step.reason, connection)
                    ClaimRules.apply(step.event, to: &claim, at: step.at)
                    if case let .noteAdded(note) = step.event {
                        try await Projection.writeNote(note, claim: reference, sequence: index + 2, actor: step.actor, at: step.at, connection)
                    }
                    let recorded = RecordedEvent(globalPosition: 0, claim: reference, sequence: index + 2, event: step.event, actor: step.actor, occurredAt: step.at, reason: step.reason)
                    try await DecisionProjection.write(recorded, payload: payload, unit: claim.owningUnit, connection)
                    try await InterviewProjection.write(recorded, payload: payload, unit: claim.owningUnit, connection)
                }
                try await Projection.write(claim, factsJSON: claim.facts == history.facts ? factsJSON : nil, policy: planning.priorityPolicy, connection)
                if !planning.operations.isEmpty { try await Projection.writeCohorts(of: claim, planning, connection) }
                try await Projection.writeProtectedCharacteristics(of: history.facts, claim: reference, connection)
                references.append(reference)
            }
            return references
        }
    }

    /// Rebuilds every projection table from the event log, in one transaction. Returns the number of claims rebuilt.
    @discardableResult
    public func rebuildProjections(batchSize: Int = 500, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> Int {
        try await database.transaction { connection in
            let references = try await connection.query("SELECT DISTINCT claim_reference FROM claim_events ORDER BY claim_reference")
                .compactMap { $0["claim_reference"].string }
            try await connection.execute("DELETE FROM claims")
            try await connection.execute("DELETE FROM claim_notes")
            try await connection.execute("DELETE FROM claim_protected_characteristics")
            try await connection.execute("DELETE FROM claim_barriers")
            try await connection.execute("DELETE FROM claim_cohorts")
            try await connection.execute("DELETE FROM claim_queue")
            for table in InterviewProjection.tables + DecisionProjection.tables { try await connection.execute("DELETE FROM \(table)") }
            let planning = try await self.planning(connection)
            var done = 0
            for start in stride(from: 0, to: references.count, by: batchSize) {
                let batch = Array(references[start..<min(start + batchSize, references.count)])
                let placeholders = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                let rows = try await connection.query(
                    "SELECT \(Self.eventColumns) FROM claim_events WHERE claim_reference IN (\(placeholders)) ORDER BY claim_reference, sequence",
                    batch.map { .text($0) }
                )
                var current: [RecordedEvent] = []
                func flush() async throws {
                    guard let claim = ClaimRules.replay(current, policy: self.policy) else { return }
                    try await Projection.write(claim, policy: planning.priorityPolicy, connection)
                    if !planning.operations.isEmpty { try await Projection.writeCohorts(of: claim, planning, connection) }
                    if case let .registered(facts, _, _) = current[0].event {
                        try await Projection.writeProtectedCharacteristics(of: facts, claim: claim.reference, connection)
                    }
                    var unit = claim.owningUnit
                    for recorded in current {
                        switch recorded.event {
                        case let .registered(_, owningUnit, _): unit = owningUnit
                        case let .transferred(to, _): unit = to
                        default: break
                        }
                        try await DecisionProjection.write(recorded, unit: unit, connection)
                        if case let .noteAdded(note) = recorded.event {
                            try await Projection.writeNote(note, claim: recorded.claim, sequence: recorded.sequence, actor: recorded.actor, at: recorded.occurredAt, connection)
                        }
                        try await Projection.writeBarrier(after: recorded.event, claim: recorded.claim, unit: claim.owningUnit, connection)
                        try await InterviewProjection.write(recorded, unit: claim.owningUnit, connection)
                    }
                    try await Projection.refreshWorkable(claim.reference, connection)
                }
                for row in rows {
                    let recorded = try Self.recordedEvent(row)
                    if let first = current.first, first.claim != recorded.claim {
                        try await flush()
                        current.removeAll(keepingCapacity: true)
                    }
                    current.append(recorded)
                }
                if !current.isEmpty { try await flush() }
                done += batch.count
                progress?(done, references.count)
            }
            return references.count
        }
    }

    /// Every projection row in a fixed order, as text: two stores or two moments agree exactly when these are equal.
    public func projectionSnapshot() async throws -> [String] {
        try await database.read { connection in
            var lines: [String] = []
            for (table, order) in [
                ("claims", "reference"), ("claim_notes", "claim_reference, sequence"), ("claim_protected_characteristics", "claim_reference"),
                ("claim_barriers", "claim_reference, id"), ("claim_cohorts", "claim_reference, operation"), ("claim_queue", "reference"),
                ("interviews", "claim_reference, number"), ("interview_holds", "resource, date, tick"), ("claim_letters", "claim_reference, sequence"),
                ("postponement_requests", "claim_reference, number"), ("claim_tasks", "claim_reference, kind, interview"),
                ("decision_drafts", "claim_reference, number"), ("quality_samples", "sample_id"), ("quality_assessments", "claim_reference, number"),
                ("quality_themes", "claim_reference, source, number, theme"), ("operating_mandate_checks", "claim_reference, check_code"),
                ("service_holds", "claim_reference, number"), ("appeals", "claim_reference, number"),
            ] {
                for row in try await connection.query("SELECT * FROM \(table) ORDER BY \(order)") {
                    lines.append(table + "|" + zip(row.columns, row.values).map { "\($0)=\($1)" }.joined(separator: "|"))
                }
            }
            return lines
        }
    }
}
