import CaseworkDomain
import Logging
import Metrics

/// The platform's one store: the claim event log, its projections, staff, sessions and the audit trail,
/// over either SQLite or PostgreSQL. Every change to a claim appends an event and updates the projections in one transaction.
public final class CaseworkStore: Sendable {
    /// The database underneath.
    public let database: any SQLDatabase
    /// Where the time comes from.
    public let clock: any CaseworkClock
    /// Which regime a date of claim falls under.
    public let policy: RegimePolicy
    /// The priority policy and operations, as last read.
    let planningCache = PlanningCache()

    /// Creates a store over a database.
    public init(database: any SQLDatabase, clock: any CaseworkClock = SystemClock(), policy: RegimePolicy = .current) {
        self.database = database
        self.clock = clock
        self.policy = policy
    }

    /// Brings the schema up to date; returns the migrations applied.
    @discardableResult
    public func migrate() async throws -> [String] {
        let applied = try await Migrations.run(on: database, at: clock.now().millisecondsSinceEpoch)
        if applied.contains(where: { Migrations.rebuildAfter.contains($0.version) }),
            try await database.read({ try await $0.queryFirst("SELECT reference FROM claims LIMIT 1") }) != nil
        {
            // New projected columns: fill them from the log, the one source of truth.
            try await rebuildProjections()
        }
        return applied.map(\.description)
    }

    /// Closes the database.
    public func close() async throws { try await database.close() }

    // MARK: Registration

    /// Registers a claim. Throws `DuplicateSuspected` when the claimant matches an existing record and the user has not
    /// said how to resolve it, `ValidationFailure` when a linked claim does not exist, and `AccessDenied` for roles that
    /// cannot register. Nothing is written unless everything succeeds.
    public func register(_ facts: ClaimFacts, resolution: DuplicateResolutionInput?, by actor: Actor, reason: String? = nil) async throws -> Claim {
        guard AccessPolicy.canRegister(actor) else {
            throw AccessDenied("\(actor.role.title)s cannot register claims.")
        }
        let now = clock.now()
        let claim = try await database.transaction { connection -> Claim in
            // Taking the next reference locks the counter, so concurrent registrations of one person are checked in turn.
            let number = try await self.nextReferenceNumber(connection)
            var facts = facts
            let matches = try await self.duplicateMatches(for: facts, connection)
            var decision: DuplicateDecision?
            if !matches.isEmpty {
                let seen = Set((resolution?.matches ?? []).map { $0.trimmingWhitespace.uppercased() })
                guard let choiceText = resolution?.choice, let choice = DuplicateDecision.Choice(rawValue: choiceText),
                    matches.allSatisfy({ seen.contains($0.reference.rawValue) })
                else { throw DuplicateSuspected(matches: matches) }
                decision = DuplicateDecision(choice: choice, matches: matches.map(\.reference))
                if choice == .linked {
                    for match in matches where !facts.linkedClaims.contains(match.reference) { facts.linkedClaims.append(match.reference) }
                }
            }
            var missing: [FieldError] = []
            for (index, linked) in facts.linkedClaims.enumerated() {
                if try await connection.queryFirst("SELECT reference FROM claims WHERE reference = ?", [.text(linked.rawValue)]) == nil {
                    missing.append(FieldError(field: "linkedClaims[\(index)]", message: "No claim has the reference \(linked.rawValue)"))
                }
            }
            if !missing.isEmpty { throw ValidationFailure(missing) }
            let reference = ClaimReference.numbered(number)
            let event = ClaimEvent.registered(facts, owningUnit: actor.unit, duplicateDecision: decision)
            let claim = ClaimRules.start(reference: reference, facts: facts, owningUnit: actor.unit, actor: actor, at: now, policy: self.policy)
            let factsJSON = try Projection.factsJSON(facts)
            try await self.appendEvent(
                event, sequence: 1, claim: reference, actor: actor, at: now, reason: reason,
                factsJSON: factsJSON, connection
            )
            let planning = try await self.planning(connection)
            try await Projection.write(claim, factsJSON: factsJSON, policy: planning.priorityPolicy, connection)
            try await Projection.writeCohorts(of: claim, planning, connection)
            try await Projection.writeProtectedCharacteristics(of: facts, claim: reference, connection)
            try await self.audit(actor: actor, action: "claim.register", claim: reference, detail: decision?.summary, at: now, connection)
            return claim
        }
        Counter(label: "casework_events_written_total", dimensions: [("type", "claim-registered")]).increment()
        return claim
    }

    /// Claims that match `facts` by name, date of birth and nationality, or by biometric or port reference.
    public func possibleDuplicates(of facts: ClaimFacts) async throws -> [DuplicateSuspected.Match] {
        try await database.read { try await self.duplicateMatches(for: facts, $0) }
    }

    // MARK: Changes to a claim

    /// Applies a command to a claim the user read at `expectedVersion`. A stale version is refused with `VersionConflict`
    /// naming the newer change; a broken rule with `ClaimRuleViolation`; nothing is written in either case.
    public func perform(_ command: ClaimCommand, on reference: ClaimReference, expectedVersion: Int, by actor: Actor, reason: String?) async throws -> Claim {
        try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: reason) { claim in
            if let refusal = AccessPolicy.refusal(of: command, on: claim, by: actor) { throw AccessDenied(refusal) }
        } decide: { claim, connection in
            switch command {
            case let .linkClaim(other):
                guard other != reference else { throw ValidationFailure([FieldError(field: "claim", message: "A claim cannot be linked to itself")]) }
                guard try await connection.queryFirst("SELECT reference FROM claims WHERE reference = ?", [.text(other.rawValue)]) != nil else {
                    throw ValidationFailure([FieldError(field: "claim", message: "No claim has the reference \(other.rawValue)")])
                }
            case let .transfer(unit):
                guard try await connection.queryFirst("SELECT code FROM units WHERE code = ?", [.text(unit.rawValue)]) != nil else {
                    throw ValidationFailure([FieldError(field: "unit", message: "No unit has the code \(unit.rawValue)")])
                }
            case let .dropOutOfCohort(operation, _):
                guard try await connection.queryFirst(
                    "SELECT operation FROM claim_cohorts WHERE claim_reference = ? AND operation = ?", [.text(reference.rawValue), .text(operation)]
                ) != nil else {
                    throw ValidationFailure([FieldError(field: "operation", message: "Claim \(reference.rawValue) is not in the cohort of \(operation)")])
                }
            case .release: try await self.refuseSingleOwnerHandBack(command, on: claim, by: actor, connection)
            default:
                break
            }
            let event = try ClaimRules.decide(command, on: claim, reason: reason)
            if case let .allocate(staff, _) = command, staff != actor.staff {
                // Given by someone else: only to an active caseworker of the unit trained for the work (taking one oneself
                // is "next claim", which checks the caller's training in its query).
                try await self.checkRecipient(of: claim, staff, connection)
            }
            return event
        }.claim
    }

    /// Every change to an existing claim goes through here, in one transaction: the claim's row is read (locked on
    /// PostgreSQL), hidden from those who may not see it, refused by `authorise` when the role may not make the change,
    /// checked against the version the user read; then `decide` gives the event and `commit` appends and projects it.
    func record(
        on reference: ClaimReference, expectedVersion: Int, by actor: Actor, reason: String?,
        authorise: (Claim) throws -> Void,
        decide: (Claim, any SQLConnection) async throws -> ClaimEvent
    ) async throws -> (claim: Claim, event: ClaimEvent) {
        let now = clock.now()
        let result = try await database.transaction { connection -> (claim: Claim, event: ClaimEvent) in
            guard var claim = try await Projection.load(reference, lock: self.database.dialect, connection),
                AccessPolicy.canRead(claimOwnedBy: claim.owningUnit, actor: actor)
            else { throw ClaimNotFound(reference) }
            try authorise(claim)
            guard claim.version == expectedVersion else {
                let newer = try await self.event(of: reference, sequence: expectedVersion + 1, connection)
                throw VersionConflict(reference: reference, expectedVersion: expectedVersion, currentVersion: claim.version, newerChange: newer)
            }
            let event = try await decide(claim, connection)
            try await self.commit(event, to: &claim, by: actor, at: now, reason: reason, connection)
            return (claim, event)
        }
        Counter(label: "casework_events_written_total", dimensions: [("type", result.event.type)]).increment()
        return result
    }

    /// Appends `event` as the claim's next event, applies it, writes every projection it touches and the audit entry.
    func commit(_ event: ClaimEvent, to claim: inout Claim, by actor: Actor, at now: Instant, reason: String?, _ connection: any SQLConnection) async throws {
        let sequence = claim.version + 1
        let payload = try await appendEvent(event, sequence: sequence, claim: claim.reference, actor: actor, at: now, reason: reason, connection)
        let reference = claim.reference
        func recorded() -> RecordedEvent {
            RecordedEvent(globalPosition: 0, claim: reference, sequence: sequence, event: event, actor: actor, occurredAt: now, reason: reason)
        }
        ClaimRules.apply(event, to: &claim, at: now)
        switch event {
        case .allocated, .released:
            try await Projection.writeHolder(claim, connection)
        default:
            try await Projection.write(claim, policy: try await planning(connection).priorityPolicy, connection)
        }
        switch event {
        case let .noteAdded(note):
            try await Projection.writeNote(note, claim: claim.reference, sequence: sequence, actor: actor, at: now, connection)
        case .barrierRaised, .barrierReviewed, .barrierCleared:
            try await Projection.writeBarrier(after: event, claim: claim.reference, unit: claim.owningUnit, connection)
            try await Projection.refreshWorkable(claim.reference, connection)
        case .transferred:
            try await Projection.moveBarriers(of: claim.reference, to: claim.owningUnit, connection)
            try await InterviewProjection.write(recorded(), payload: payload, unit: claim.owningUnit, connection)
        case .interviewBooked, .interviewOutcomeRecorded, .postponementRequested, .postponementAnswered, .failureToAttendFollowedUp:
            try await InterviewProjection.write(recorded(), payload: payload, unit: claim.owningUnit, connection)
        case .droppedOutOfCohort:
            try await Projection.writeCohorts(of: claim, try await planning(connection), connection)
        default:
            break
        }
        try await DecisionProjection.write(recorded(), payload: payload, unit: claim.owningUnit, connection)
        try await audit(actor: actor, action: "claim.\(event.type)", claim: claim.reference, detail: nil, at: now, connection)
        if case let .outcomeRecorded(outcome, _) = event, outcome == .withdrawnExplicitly || outcome == .withdrawnImplicitly {
            // A withdrawal is work done and sampled like any other (10.44); the platform records the draw.
            let sample = try await withdrawalSample(claim, sequence: sequence + 1, by: actor, connection)
            try await commit(.workSampled(sample), to: &claim, by: .system, at: now, reason: "Sampling of withdrawn claims (10.44)", connection)
        }
    }

    // MARK: Reading claims

    /// The claim as it stands, if `actor` may see it. Protected characteristics are never included: see `protectedCharacteristics`.
    public func claim(_ reference: ClaimReference, for actor: Actor) async throws -> Claim {
        let claim = try await database.read { try await Projection.load(reference, lock: nil, $0) }
        guard let claim, AccessPolicy.canRead(claimOwnedBy: claim.owningUnit, actor: actor) else { throw ClaimNotFound(reference) }
        return claim
    }

    /// The claimant's protected characteristics, for roles that may see them. Every read is written to the audit trail.
    public func protectedCharacteristics(of reference: ClaimReference, for actor: Actor) async throws -> ProtectedCharacteristics? {
        _ = try await claim(reference, for: actor)
        guard AccessPolicy.canReadProtectedCharacteristics(actor) else {
            throw AccessDenied("Protected characteristics are visible only to \(AccessPolicy.protectedCharacteristicReaders.map(\.title).sorted().joined(separator: ", ")).")
        }
        let now = clock.now()
        return try await database.transaction { connection in
            try await self.audit(actor: actor, action: "claim.read-protected-characteristics", claim: reference, detail: nil, at: now, connection)
            guard let row = try await connection.queryFirst(
                "SELECT data FROM claim_protected_characteristics WHERE claim_reference = ?", [.text(reference.rawValue)]
            ) else { return nil }
            return try EventCoding.decodeJSON(ProtectedCharacteristics.self, row["data"].string ?? "{}")
        }
    }

    /// Every event of a claim, oldest first. Protected characteristics in the registration are removed unless `actor` may see them.
    public func events(of reference: ClaimReference, for actor: Actor) async throws -> [RecordedEvent] {
        try await claimFile(reference, for: actor).events
    }

    /// Every note on a claim, whole, oldest first.
    public func notes(of reference: ClaimReference, for actor: Actor) async throws -> [ClaimNote] {
        try await claimFile(reference, for: actor).notes
    }

    /// The claim with its events and notes, read together on one connection: what a claim page shows.
    public func claimFile(_ reference: ClaimReference, for actor: Actor) async throws -> ClaimFile {
        let file = try await database.read { connection -> ClaimFile? in
            guard let claim = try await Projection.load(reference, lock: nil, connection),
                AccessPolicy.canRead(claimOwnedBy: claim.owningUnit, actor: actor)
            else { return nil }
            let rows = try await connection.query(
                "SELECT sequence, text, is_action, author, author_role, created_at FROM claim_notes WHERE claim_reference = ? ORDER BY sequence",
                [.text(reference.rawValue)]
            )
            let notes = rows.map { row in
                ClaimNote(
                    sequence: row["sequence"].int ?? 0, text: row["text"].string ?? "", isAction: row["is_action"].bool,
                    author: StaffID(row["author"].string ?? ""), authorRole: Role(rawValue: row["author_role"].string ?? "") ?? .administrator,
                    createdAt: Instant(millisecondsSinceEpoch: row["created_at"].int64 ?? 0)
                )
            }
            return ClaimFile(
                claim: claim, events: try await self.loadEvents(of: reference, connection), notes: notes,
                barriers: try await self.loadBarriers(of: reference, connection)
            )
        }
        guard var file else { throw ClaimNotFound(reference) }
        if !AccessPolicy.canReadProtectedCharacteristics(actor) {
            file.events = file.events.map { recorded in
                guard case .registered(var facts, let unit, let decision) = recorded.event, facts.protectedCharacteristics != nil else { return recorded }
                facts.protectedCharacteristics = nil
                var redacted = recorded
                redacted.event = .registered(facts, owningUnit: unit, duplicateDecision: decision)
                return redacted
            }
        }
        return file
    }

    /// Searches the claims `actor` may see.
    public func search(_ query: ClaimQuery, for actor: Actor) async throws -> ClaimSearchResult {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if !AccessPolicy.nationalRoles.contains(actor.role) {
            conditions.append("owning_unit = ?")
            binds.append(.text(actor.unit.rawValue))
        }
        if let text = query.text?.trimmingWhitespace, !text.isEmpty {
            let upper = text.uppercased()
            if ClaimReference.isWellFormed(upper) {
                conditions.append("reference = ?")
                binds.append(.text(upper))
            } else if let date = LocalDate(iso: text) {
                conditions.append("date_of_birth = ?")
                binds.append(.text(date.iso))
            } else {
                for token in DuplicateMatching.normalise(text).split(separator: " ").prefix(5) {
                    conditions.append("search_name LIKE ?")
                    binds.append(.text("% \(token)%"))
                }
            }
        }
        if let nationality = query.nationality?.trimmingWhitespace.uppercased(), !nationality.isEmpty {
            conditions.append("nationality = ?")
            binds.append(.text(nationality))
        }
        if let stage = query.stage {
            conditions.append("stage = ?")
            binds.append(.text(stage.rawValue))
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try await database.read { connection in
            let total = try await connection.queryFirst("SELECT COUNT(*) AS n FROM claims" + whereClause, binds)?["n"].int ?? 0
            let rows = try await connection.query(
                "SELECT \(Projection.summaryColumns) FROM claims" + whereClause + " ORDER BY updated_at DESC, reference LIMIT ? OFFSET ?",
                binds + [.int(query.pageSize), .int((query.page - 1) * query.pageSize)]
            )
            return ClaimSearchResult(claims: rows.map(Projection.summary), total: total, page: query.page, pageSize: query.pageSize)
        }
    }

    /// Claims registered by, or recently changed in, the actor's unit: the home page's "your work" until allocation exists.
    public func recentWork(for actor: Actor, limit: Int = 10) async throws -> [ClaimSummary] {
        let rows = try await database.read { connection in
            try await connection.query(
                "SELECT \(Projection.summaryColumns) FROM claims WHERE reference IN (SELECT DISTINCT claim_reference FROM audit_log WHERE actor = ? AND claim_reference IS NOT NULL ORDER BY claim_reference DESC LIMIT 200) ORDER BY updated_at DESC LIMIT ?",
                [.text(actor.staff.rawValue), .int(limit)]
            )
        }
        return rows.map(Projection.summary)
    }

    /// Counts of the actor's visible claims by stage.
    public func stageCounts(for actor: Actor) async throws -> [(stage: Stage, count: Int)] {
        let national = AccessPolicy.nationalRoles.contains(actor.role)
        let rows = try await database.read { connection in
            try await connection.query(
                "SELECT stage, COUNT(*) AS n FROM claims" + (national ? "" : " WHERE owning_unit = ?") + " GROUP BY stage",
                national ? [] : [.text(actor.unit.rawValue)]
            )
        }
        let counts = Dictionary(uniqueKeysWithValues: rows.compactMap { row in Stage(rawValue: row["stage"].string ?? "").map { ($0, row["n"].int ?? 0) } })
        return Stage.allCases.map { ($0, counts[$0] ?? 0) }
    }

    // MARK: Internals shared by the operations above

    func nextReferenceNumber(_ connection: any SQLConnection) async throws -> Int {
        guard let row = try await connection.queryFirst("UPDATE counters SET value = value + 1 WHERE name = 'claim-reference' RETURNING value"),
            let value = row["value"].int
        else { throw SQLError(message: "The claim reference counter is missing; run `casework migrate`", sql: "") }
        return value
    }

    /// Returns the payload as written, for projections that keep the same value (so it is encoded once).
    @discardableResult
    func appendEvent(_ event: ClaimEvent, sequence: Int, claim: ClaimReference, actor: Actor, at instant: Instant, reason: String?, factsJSON: String? = nil, _ connection: any SQLConnection) async throws -> String {
        let payload = try EventCoding.encode(event, factsJSON: factsJSON)
        do {
            try await connection.execute(
                "INSERT INTO claim_events (claim_reference, sequence, type, payload, actor, actor_role, actor_unit, occurred_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(claim.rawValue), .int(sequence), .text(event.type), .text(payload),
                    .text(actor.staff.rawValue), .text(actor.role.rawValue), .text(actor.unit.rawValue),
                    .integer(instant.millisecondsSinceEpoch), .text(reason),
                ]
            )
        } catch let error as SQLError where error.isUniqueViolation {
            // Another writer took this sequence number first: their change wins, ours is refused, nothing is lost.
            throw VersionConflict(reference: claim, expectedVersion: sequence - 1, currentVersion: sequence, newerChange: nil)
        }
        return payload
    }

    func audit(actor: Actor, action: String, claim: ClaimReference?, detail: String?, at instant: Instant, _ connection: any SQLConnection) async throws {
        try await connection.execute(
            "INSERT INTO audit_log (at, actor, role, action, claim_reference, detail) VALUES (?, ?, ?, ?, ?, ?)",
            [.integer(instant.millisecondsSinceEpoch), .text(actor.staff.rawValue), .text(actor.role.rawValue), .text(action), .text(claim?.rawValue), .text(detail)]
        )
    }

    func duplicateMatches(for facts: ClaimFacts, _ connection: any SQLConnection) async throws -> [DuplicateSuspected.Match] {
        let key = DuplicateMatching.personKey(facts.mainApplicant)
        let biometric = DuplicateMatching.normaliseReference(facts.biometricReference)
        let port = DuplicateMatching.normaliseReference(facts.portReference)
        let rows = try await connection.query(
            "SELECT reference, given_names, family_name, date_of_birth, nationality, stage, person_key, biometric_reference, port_reference FROM claims WHERE person_key = ? OR biometric_reference = ? OR port_reference = ? ORDER BY reference LIMIT 20",
            [.text(key), .text(biometric), .text(port)]
        )
        return rows.map { row in
            var matchedOn: [String] = []
            if row["person_key"].string == key { matchedOn.append("name, date of birth and nationality") }
            if let biometric, row["biometric_reference"].string == biometric { matchedOn.append("biometric reference") }
            if let port, row["port_reference"].string == port { matchedOn.append("port reference") }
            return DuplicateSuspected.Match(
                reference: ClaimReference(row["reference"].string ?? ""),
                name: "\(row["given_names"].string ?? "") \((row["family_name"].string ?? "").uppercased())",
                dateOfBirth: LocalDate(iso: row["date_of_birth"].string ?? "") ?? ValidationPolicy.earliestDateOfBirth,
                nationality: row["nationality"].string ?? "", stage: Stage(rawValue: row["stage"].string ?? "") ?? .registration,
                matchedOn: matchedOn
            )
        }
    }

    func event(of reference: ClaimReference, sequence: Int, _ connection: any SQLConnection) async throws -> RecordedEvent? {
        let rows = try await connection.query(
            "SELECT \(Self.eventColumns) FROM claim_events WHERE claim_reference = ? AND sequence = ?", [.text(reference.rawValue), .int(sequence)]
        )
        return try rows.first.map(Self.recordedEvent)
    }

    func loadEvents(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [RecordedEvent] {
        let rows = try await connection.query(
            "SELECT \(Self.eventColumns) FROM claim_events WHERE claim_reference = ? ORDER BY sequence", [.text(reference.rawValue)]
        )
        return try rows.map(Self.recordedEvent)
    }

    static let eventColumns = "position, claim_reference, sequence, type, payload, actor, actor_role, actor_unit, occurred_at, reason"

    static func recordedEvent(_ row: SQLRow) throws -> RecordedEvent {
        RecordedEvent(
            globalPosition: row["position"].int64 ?? 0, claim: ClaimReference(row["claim_reference"].string ?? ""),
            sequence: row["sequence"].int ?? 0,
            event: try EventCoding.decode(type: row["type"].string ?? "", payload: row["payload"].string ?? "{}"),
            actor: Actor(
                staff: StaffID(row["actor"].string ?? ""), role: Role(rawValue: row["actor_role"].string ?? "") ?? .administrator,
                unit: UnitID(row["actor_unit"].string ?? "")
            ),
            occurredAt: Instant(millisecondsSinceEpoch: row["occurred_at"].int64 ?? 0), reason: row["reason"].string
        )
    }
}
