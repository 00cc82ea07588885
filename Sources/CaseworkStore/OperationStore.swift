import CaseworkDomain

/// No operation has the code asked for.
public struct OperationNotFound: Error, Sendable, Hashable {
    /// The code asked for.
    public let code: String
    public init(_ code: String) { self.code = code }
    /// In words.
    public var message: String { "No operation has the code \(code.prefix(40))." }
}

/// No unit has the code asked for.
public struct UnitNotFound: Error, Sendable, Hashable {
    /// The code asked for.
    public let unit: String
    public init(_ unit: String) { self.unit = unit }
    /// In words.
    public var message: String { "No unit has the code \(unit.prefix(40))." }
}

/// An operation with its figures now: what the operations list and page show (3.39–3.40).
public struct OperationStatus: Sendable, Hashable {
    /// The definition, its grant-rate snapshot and when it closed.
    public var stored: StoredOperation
    /// When and by whom it was defined.
    public var createdAt: Instant
    public var createdBy: StaffID
    /// Who closed it and why, once closed.
    public var closedBy: StaffID?
    public var closingReason: String?
    /// Claims in the cohort (open and decided); for a closed operation, when it closed.
    public var members: Int
    /// Open claims in the cohort: the burn-down's remaining figure.
    public var remaining: Int
    /// The units whose plan includes it.
    public var units: [UnitID]
    /// The last event in the log when it was defined: the burn-down counts events after it.
    public var logPosition: Int64

    /// The operation.
    public var operation: CaseworkDomain.Operation { stored.operation }
    /// Whether it is still worked.
    public var isOpen: Bool { stored.closedAt == nil }
    /// The '39 steps' view now (3.40).
    public var burnDown: BurnDown { operation.burnDown(remaining: remaining) }
    /// Whether the cohort is low-intake: fewer members than its threshold (8.91).
    public var isLowIntake: Bool { operation.isLowIntake(memberCount: members) }
}

/// A claim leaving a cohort, as the log records it.
public struct CohortDropOut: Sendable, Hashable, Codable {
    public var claim: ClaimReference
    public var sequence: Int
    public var reason: DropOutReason
    public var at: Instant
    public var by: StaffID
    /// The note given with it.
    public var note: String?
}

/// An operation's page: its figures, the burn-down replayed from the log, and its drop-outs.
public struct OperationDetail: Sendable, Hashable {
    public var status: OperationStatus
    /// When each of the 40 milestones was first reached, and by which event.
    public var history: CohortBurnDownHistory
    /// Drop-outs by reason, every reason listed.
    public var dropOutsByReason: [DropOutCount]
    /// The latest drop-outs, newest first (at most `OperationStore.recentDropOutLimit`).
    public var recentDropOuts: [CohortDropOut]
    /// Grant rates the criteria were judged by, for the nationalities that matter to them.
    public var grantRates: [NationalityGrantRate]

    /// Every drop-out, counted.
    public var dropOuts: Int { dropOutsByReason.reduce(0) { $0 + $1.count } }
}

/// How many claims left a cohort for one reason.
public struct DropOutCount: Sendable, Hashable, Codable {
    public var reason: DropOutReason
    public var count: Int
}

/// A nationality's grant rate in an operation's snapshot, and whether it is in the operation's band.
public struct NationalityGrantRate: Sendable, Hashable, Codable {
    public var nationality: String
    public var rate: Double
    public var inBand: Bool
}

/// The cohorts a claim is in, what it left, and whether it must keep one owner (8.91).
public struct ClaimCohorts: Sendable, Hashable {
    /// The claim.
    public var claim: ClaimReference
    /// Each cohort it is in, with the cohort's size.
    public var memberships: [CohortSize]
    /// The operations it dropped out of, with the reason.
    public var dropOuts: [ClaimDropOut]
    /// Why it keeps one owner, in words; empty when the rule does not apply.
    public var singleOwnerReasons: [String]
}

/// An operation a claim dropped out of, and why.
public struct ClaimDropOut: Sendable, Hashable, Codable {
    public var operation: String
    public var reason: DropOutReason
}

/// The figures kept when an operation closes, since its membership rows are removed then.
struct OperationClosingSummary: Codable, Sendable {
    var members: Int
    var remaining: Int
    var baseCount: Int
    var currentCount: Int
    var milestones: [MilestoneReached]
}

/// Operations: defining and closing them, their cohorts' membership, burn-down and drop-outs, the operations plan
/// (which units work which operations), and the single-owner rule.
public enum OperationStore {
    /// How many of the latest drop-outs an operation's page lists.
    public static let recentDropOutLimit = 50
    /// Membership rows written per statement when an operation is defined.
    static let membershipBatch = 500
    /// Event types that change whether a claim is open.
    static let openingEventTypes = ["claim-registered", "outcome-recorded", "decision-served", "outcome-withdrawn"]
}

extension CaseworkStore {
    // MARK: Defining and closing

    /// Defines an operation from a planner's input (8.37; 3.39). Grant rates are taken from past outcomes in the claims
    /// table and kept with the definition; every existing claim's membership is written in the same transaction, and
    /// the starting figure is the number of open members at that moment. Later registrations and drop-outs keep the
    /// membership current (the planning revision moves, so every writer reloads the operations).
    public func defineOperation(_ input: OperationDefinitionInput, by actor: Actor) async throws -> OperationStatus {
        guard AccessPolicy.workPlanners.contains(actor.role) else {
            throw AccessDenied("Only workflow planners and operations managers can define operations.")
        }
        let now = clock.now()
        let definition = try input.validated(today: now.date)
        try await database.transaction { connection in
            // Registrations and imports take the claim-reference counter first. Holding it here makes them wait, so
            // every claim is either in the scan below or written after the planning revision moves (and joins then).
            try await connection.execute("UPDATE counters SET value = value WHERE name = 'claim-reference'")
            if let existing = try await connection.queryFirst("SELECT closed_at FROM operations WHERE code = ?", [.text(definition.code)]) {
                let message = existing["closed_at"] == .null
                    ? "An operation with the code \(definition.code) already exists"
                    : "Operation \(definition.code) was defined before and has closed; codes are not reused, so choose another"
                throw ValidationFailure([FieldError(field: "code", message: message)])
            }
            var stored = StoredOperation(operation: definition.operation(startingFigure: 0), grantRates: try await self.pastGrantRates(connection))
            let (members, open) = try await self.scanMembers(of: stored, connection)
            stored.operation.startingFigure = open
            for start in stride(from: 0, to: members.count, by: OperationStore.membershipBatch) {
                let batch = members[start..<min(start + OperationStore.membershipBatch, members.count)]
                try await connection.execute(
                    "INSERT INTO claim_cohorts (claim_reference, operation) VALUES " + Array(repeating: "(?, ?)", count: batch.count).joined(separator: ", "),
                    batch.flatMap { [SQLValue.text($0), .text(definition.code)] }
                )
            }
            let position = try await connection.queryFirst("SELECT MAX(position) AS p FROM claim_events")?["p"].int64 ?? 0
            try await connection.execute(
                "INSERT INTO operations (code, name, definition, start_date, starting_figure, created_at, created_by, log_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(definition.code), .text(definition.name), .text(try EventCoding.encodeJSON(stored)), .text(definition.startDate.iso),
                    .int(open), .integer(now.millisecondsSinceEpoch), .text(actor.staff.rawValue), .integer(position),
                ]
            )
            try await self.bumpPlanningRevision(connection)
            try await self.audit(
                actor: actor, action: "operation.define", claim: nil,
                detail: "\(definition.code): \(members.count) members, starting figure \(open) open claims", at: now, connection
            )
        }
        return try await operationStatus(definition.code, for: actor)
    }

    /// Closes an operation: its cohort is no longer kept (the membership rows go, and no unit works it any more); its
    /// last figures and burn-down are kept with it. Planners only; a reason is required.
    public func closeOperation(_ code: String, reason: String?, by actor: Actor) async throws -> OperationStatus {
        guard AccessPolicy.workPlanners.contains(actor.role) else {
            throw AccessDenied("Only workflow planners and operations managers can close operations.")
        }
        var check = Validator()
        let reason = check.requiredText(reason, "reason", label: "why the operation closes", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        let code = code.uppercased()
        let now = clock.now()
        try await database.transaction { connection in
            guard let row = try await connection.queryFirst("SELECT * FROM operations WHERE code = ?" + self.database.dialect.forUpdate, [.text(code)]) else {
                throw OperationNotFound(code)
            }
            var status = try Self.operationStatus(row, counts: [:], units: [:])
            guard status.isOpen else {
                throw ValidationFailure([FieldError(field: "code", message: "Operation \(code) closed on \(status.stored.closedAt!.date.longForm)")])
            }
            let counts = try await self.memberCounts(of: code, connection)
            status.members = counts.members
            status.remaining = counts.remaining
            let history = try await self.burnDownHistory(of: status, connection)
            let summary = OperationClosingSummary(
                members: counts.members, remaining: counts.remaining, baseCount: history.baseCount, currentCount: history.currentCount,
                milestones: history.milestones
            )
            status.stored.closedAt = now
            try await connection.execute(
                "UPDATE operations SET closed_at = ?, closed_by = ?, closing_reason = ?, closing_summary = ?, definition = ? WHERE code = ?",
                [
                    .integer(now.millisecondsSinceEpoch), .text(actor.staff.rawValue), .text(reason), .text(try EventCoding.encodeJSON(summary)),
                    .text(try EventCoding.encodeJSON(status.stored)), .text(code),
                ]
            )
            try await connection.execute("DELETE FROM claim_cohorts WHERE operation = ?", [.text(code)])
            try await connection.execute("DELETE FROM unit_operations WHERE operation = ?", [.text(code)])
            try await self.bumpPlanningRevision(connection)
            try await self.audit(actor: actor, action: "operation.close", claim: nil, detail: "\(code): \(reason!)", at: now, connection)
        }
        return try await operationStatus(code, for: actor)
    }

    // MARK: Reading operations

    /// Every operation, open ones first, each by start date: the operations list. Roles that see the WIP may see them.
    public func operations(for actor: Actor) async throws -> [OperationStatus] {
        try Self.requireWIPViewer(actor)
        return try await database.read { connection in
            var counts: [String: (members: Int, remaining: Int)] = [:]
            for row in try await connection.query(
                "SELECT cc.operation AS operation, COUNT(*) AS members, SUM(CASE WHEN c.stage IN ('served', 'closed') THEN 0 ELSE 1 END) AS remaining "
                    + "FROM claim_cohorts cc JOIN claims c ON c.reference = cc.claim_reference GROUP BY cc.operation"
            ) {
                counts[row["operation"].string ?? ""] = (row["members"].int ?? 0, row["remaining"].int ?? 0)
            }
            let units = try await self.planUnits(connection)
            let rows = try await connection.query("SELECT * FROM operations ORDER BY start_date, code")
            return try rows.map { try Self.operationStatus($0, counts: counts, units: units) }
                .sorted { ($0.isOpen ? 0 : 1, $0.operation.startDate, $0.operation.code) < ($1.isOpen ? 0 : 1, $1.operation.startDate, $1.operation.code) }
        }
    }

    /// One operation with its figures now.
    public func operationStatus(_ code: String, for actor: Actor) async throws -> OperationStatus {
        try Self.requireWIPViewer(actor)
        return try await database.read { try await self.loadStatus(code.uppercased(), $0) }
    }

    /// One operation's page: figures, the burn-down with the date each milestone was reached, and drop-outs by reason.
    public func operationDetail(_ code: String, for actor: Actor) async throws -> OperationDetail {
        try Self.requireWIPViewer(actor)
        let code = code.uppercased()
        return try await database.read { connection in
            let status = try await self.loadStatus(code, connection)
            let history: CohortBurnDownHistory
            if status.isOpen {
                history = try await self.burnDownHistory(of: status, connection)
            } else {
                let row = try await connection.queryFirst("SELECT closing_summary FROM operations WHERE code = ?", [.text(code)])
                let summary = try EventCoding.decodeJSON(OperationClosingSummary.self, row?["closing_summary"].string ?? "{}")
                history = CohortBurnDownHistory(closed: summary)
            }
            let dropOuts = try await self.dropOuts(of: code, connection)
            let byReason = DropOutReason.allCases.map { reason in DropOutCount(reason: reason, count: dropOuts.filter { $0.reason == reason }.count) }
            let recent = Array(dropOuts.sorted { ($0.at, $0.claim) > ($1.at, $1.claim) }.prefix(OperationStore.recentDropOutLimit))
            return OperationDetail(status: status, history: history, dropOutsByReason: byReason, recentDropOuts: recent, grantRates: Self.relevantRates(status.stored))
        }
    }

    // MARK: The operations plan

    /// Which operations each unit works (the operations plan, 8.37), for every unit; a unit with none works the general WIP.
    public func operationsPlan(for actor: Actor) async throws -> [(unit: CaseworkUnit, operations: [String])] {
        try Self.requireWIPViewer(actor)
        let units = try await self.units()
        let plan = try await database.read { try await self.planOperations($0) }
        return units.map { ($0, plan[$0.code] ?? []) }
    }

    /// The operations one unit works.
    public func operations(ofUnit unit: UnitID, for actor: Actor) async throws -> [String] {
        try Self.requireWIPViewer(actor)
        return try await database.read { connection in
            guard try await connection.queryFirst("SELECT code FROM units WHERE code = ?", [.text(unit.rawValue)]) != nil else { throw UnitNotFound(unit.rawValue) }
            return try await connection.query("SELECT operation FROM unit_operations WHERE unit = ? ORDER BY operation", [.text(unit.rawValue)])
                .compactMap { $0["operation"].string }
        }
    }

    /// Sets the operations a unit works (planners only). Each must be an open operation; an empty list puts the unit
    /// on the general WIP. Returns the unit's operations after the change.
    @discardableResult
    public func setOperations(ofUnit unit: UnitID, to codes: [String], by actor: Actor, reason: String? = nil) async throws -> [String] {
        guard AccessPolicy.workPlanners.contains(actor.role) else {
            throw AccessDenied("Only workflow planners and operations managers can change the operations plan.")
        }
        let wanted = Set(codes.map { $0.trimmingWhitespace.uppercased() }.filter { !$0.isEmpty }).sorted()
        let now = clock.now()
        try await database.transaction { connection in
            guard try await connection.queryFirst("SELECT code FROM units WHERE code = ?", [.text(unit.rawValue)]) != nil else { throw UnitNotFound(unit.rawValue) }
            let open = Set(try await connection.query("SELECT code FROM operations WHERE closed_at IS NULL").compactMap { $0["code"].string })
            let unknown = wanted.filter { !open.contains($0) }
            if !unknown.isEmpty {
                throw ValidationFailure([FieldError(field: "operations", message: "Each operation must be an open operation; \(unknown.map { String($0.prefix(40)) }.joined(separator: ", ")) is not")])
            }
            try await connection.execute("DELETE FROM unit_operations WHERE unit = ?", [.text(unit.rawValue)])
            for code in wanted {
                try await connection.execute("INSERT INTO unit_operations (unit, operation) VALUES (?, ?)", [.text(unit.rawValue), .text(code)])
            }
            let detail = "\(unit.rawValue) works " + (wanted.isEmpty ? "the general WIP" : wanted.joined(separator: ", ")) + (reason.map { ": \($0)" } ?? "")
            try await self.audit(actor: actor, action: "operations-plan.set", claim: nil, detail: detail, at: now, connection)
        }
        return wanted
    }

    // MARK: A claim's cohorts and the single-owner rule

    /// The cohorts a claim is in (with their sizes), the operations it dropped out of, and why it keeps one owner.
    public func cohortMemberships(of reference: ClaimReference, for actor: Actor) async throws -> ClaimCohorts {
        let claim = try await claim(reference, for: actor)
        let sizes = try await database.read { try await self.cohortSizes(of: reference, $0) }
        let reasons = SingleOwnerRule.current.reasons(for: claim, cohorts: sizes, on: clock.now().date)
        return ClaimCohorts(
            claim: reference, memberships: sizes,
            dropOuts: claim.work.cohortDropOuts.sorted { $0.key < $1.key }.map { ClaimDropOut(operation: $0.key, reason: $0.value) },
            singleOwnerReasons: reasons.map(\.description)
        )
    }

    /// The single-owner rule (8.91) where releases are authorised: `perform` calls this for a release. A claim that
    /// keeps one owner cannot be handed back by its holder; a team leader can still release or reassign it.
    func refuseSingleOwnerHandBack(_ command: ClaimCommand, on claim: Claim, by actor: Actor, _ connection: any SQLConnection) async throws {
        guard SingleOwnerRule.mayRefuse(command, on: claim, by: actor) else { return }
        let reasons = SingleOwnerRule.current.reasons(for: claim, cohorts: try await cohortSizes(of: claim.reference, connection), on: clock.now().date)
        if let refusal = SingleOwnerRule.handBackRefusal(of: command, on: claim, by: actor, reasons: reasons) {
            throw ValidationFailure([FieldError(field: "holder", message: refusal)])
        }
    }

    /// The cohorts a claim is in, each with its size and its operation's low-intake threshold.
    func cohortSizes(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [CohortSize] {
        let planning = try await planning(connection)
        let thresholds = Dictionary(planning.operations.map { ($0.operation.code, $0.operation.lowIntakeThreshold) }, uniquingKeysWith: { first, _ in first })
        return try await connection.query(
            "SELECT cc.operation AS operation, (SELECT COUNT(*) FROM claim_cohorts m WHERE m.operation = cc.operation) AS members "
                + "FROM claim_cohorts cc WHERE cc.claim_reference = ? ORDER BY cc.operation",
            [.text(reference.rawValue)]
        ).map { row in
            let code = row["operation"].string ?? ""
            return CohortSize(operation: code, members: row["members"].int ?? 0, lowIntakeThreshold: thresholds[code] ?? SingleOwnerRule.current.lowIntakeThreshold)
        }
    }

    // MARK: Internals

    static func requireWIPViewer(_ actor: Actor) throws {
        guard AccessPolicy.wipViewers.contains(actor.role) else {
            throw AccessDenied("\(actor.role.title)s do not see the work in progress or its operations.")
        }
    }

    /// Grant rates by nationality from every outcome recorded on a claim (the claims table's latest outcomes).
    func pastGrantRates(_ connection: any SQLConnection) async throws -> GrantRates {
        var outcomes: [(nationality: String, outcome: Outcome)] = []
        for row in try await connection.query("SELECT nationality, outcome, COUNT(*) AS n FROM claims WHERE outcome IS NOT NULL GROUP BY nationality, outcome") {
            guard let nationality = row["nationality"].string, let outcome = row["outcome"].string.flatMap(Outcome.init(rawValue:)) else { continue }
            for _ in 0..<max(0, row["n"].int ?? 0) { outcomes.append((nationality: nationality, outcome: outcome)) }
        }
        return GrantRates(outcomes: outcomes)
    }

    /// Every claim in the cohort of `stored`, and how many are open. Only the columns the criteria read are read, into
    /// light `Claim` values (a new code has no drop-outs, so the claim's work is not read).
    func scanMembers(of stored: StoredOperation, _ connection: any SQLConnection) async throws -> (members: [String], open: Int) {
        let rows = try await connection.query(
            "SELECT reference, nationality, sex, date_of_claim, claim_type, unaccompanied_child, regime, stage FROM claims ORDER BY reference"
        )
        var members: [String] = []
        var open = 0
        let born = ValidationPolicy.earliestDateOfBirth
        let epoch = Instant(millisecondsSinceEpoch: 0)
        for row in rows {
            guard let reference = row[0].string, let dateOfClaim = row[3].string.flatMap(LocalDate.init(iso:)) else { continue }
            let stage = Stage(rawValue: row[7].string ?? "") ?? .registration
            let facts = ClaimFacts(
                mainApplicant: Person(
                    givenNames: "", familyName: "", dateOfBirth: born, sex: Sex(rawValue: row[2].string ?? "") ?? .unknown,
                    nationality: Nationality(claimed: row[1].string ?? "")
                ),
                dateOfClaim: dateOfClaim, unaccompaniedChild: row[5].bool, languages: [],
                claimType: ClaimType(rawValue: row[4].string ?? "") ?? .straightforward
            )
            let claim = Claim(
                reference: ClaimReference(reference), version: 0, facts: facts, regime: Regime(rawValue: row[6].string ?? "") ?? .legacy,
                stage: stage, outcome: nil, owningUnit: "", registeredAt: epoch, registeredBy: "", updatedAt: epoch, noteCount: 0
            )
            guard stored.includes(claim) else { continue }
            members.append(reference)
            if stage.isOpen { open += 1 }
        }
        return (members, open)
    }

    func memberCounts(of code: String, _ connection: any SQLConnection) async throws -> (members: Int, remaining: Int) {
        let row = try await connection.queryFirst(
            "SELECT COUNT(*) AS members, SUM(CASE WHEN c.stage IN ('served', 'closed') THEN 0 ELSE 1 END) AS remaining "
                + "FROM claim_cohorts cc JOIN claims c ON c.reference = cc.claim_reference WHERE cc.operation = ?",
            [.text(code)]
        )
        return (row?["members"].int ?? 0, row?["remaining"].int ?? 0)
    }

    func loadStatus(_ code: String, _ connection: any SQLConnection) async throws -> OperationStatus {
        guard let row = try await connection.queryFirst("SELECT * FROM operations WHERE code = ?", [.text(code)]) else { throw OperationNotFound(code) }
        var status = try Self.operationStatus(row, counts: [:], units: try await planUnits(connection))
        if status.isOpen {
            let counts = try await memberCounts(of: code, connection)
            status.members = counts.members
            status.remaining = counts.remaining
        }
        return status
    }

    /// A status from an `operations` row; an open operation's counts come from `counts`, a closed one's from its summary.
    static func operationStatus(_ row: SQLRow, counts: [String: (members: Int, remaining: Int)], units: [String: [UnitID]]) throws -> OperationStatus {
        let stored = try EventCoding.decodeJSON(StoredOperation.self, row["definition"].string ?? "{}")
        let code = stored.operation.code
        var members = counts[code]?.members ?? 0
        var remaining = counts[code]?.remaining ?? 0
        if stored.closedAt != nil, let text = row["closing_summary"].string {
            let summary = try EventCoding.decodeJSON(OperationClosingSummary.self, text)
            members = summary.members
            remaining = summary.remaining
        }
        return OperationStatus(
            stored: stored, createdAt: Instant(millisecondsSinceEpoch: row["created_at"].int64 ?? 0), createdBy: StaffID(row["created_by"].string ?? ""),
            closedBy: row["closed_by"].string.map { StaffID($0) }, closingReason: row["closing_reason"].string, members: members,
            remaining: remaining, units: units[code] ?? [], logPosition: row["log_position"].int64 ?? 0
        )
    }

    /// The operations plan by unit.
    func planOperations(_ connection: any SQLConnection) async throws -> [UnitID: [String]] {
        var plan: [UnitID: [String]] = [:]
        for row in try await connection.query("SELECT unit, operation FROM unit_operations ORDER BY unit, operation") {
            plan[UnitID(row["unit"].string ?? ""), default: []].append(row["operation"].string ?? "")
        }
        return plan
    }

    /// The operations plan by operation.
    func planUnits(_ connection: any SQLConnection) async throws -> [String: [UnitID]] {
        var units: [String: [UnitID]] = [:]
        for row in try await connection.query("SELECT unit, operation FROM unit_operations ORDER BY operation, unit") {
            units[row["operation"].string ?? "", default: []].append(UnitID(row["unit"].string ?? ""))
        }
        return units
    }

    /// The burn-down replayed from the log: every member's registration, outcomes and withdrawn outcomes, and the
    /// drop-outs, against the starting figure from the moment the operation was defined.
    func burnDownHistory(of status: OperationStatus, _ connection: any SQLConnection) async throws -> CohortBurnDownHistory {
        let code = status.operation.code
        let types = OperationStore.openingEventTypes.map { "'\($0)'" }.joined(separator: ", ")
        var events: [CohortHistoryEvent] = []
        func read(_ row: SQLRow) {
            let type = row[3].string ?? ""
            let effect: CohortHistoryEvent.Effect = type == "claim-registered" ? .registered : type == "outcome-recorded" || type == "decision-served" ? .outcomeRecorded : .outcomeWithdrawn
            events.append(CohortHistoryEvent(
                position: row[0].int64 ?? 0, claim: ClaimReference(row[1].string ?? ""), sequence: row[2].int ?? 0,
                occurredAt: Instant(millisecondsSinceEpoch: row[4].int64 ?? 0), effect: effect, eventType: type
            ))
        }
        for row in try await connection.query(
            "SELECT e.position, e.claim_reference, e.sequence, e.type, e.occurred_at FROM claim_cohorts cc "
                + "JOIN claim_events e ON e.claim_reference = cc.claim_reference WHERE cc.operation = ? AND e.type IN (\(types))",
            [.text(code)]
        ) { read(row) }
        let dropOuts = try await dropOutEvents(of: code, connection)
        let leavers = Array(Set(dropOuts.map(\.claim.rawValue))).sorted()
        for start in stride(from: 0, to: leavers.count, by: OperationStore.membershipBatch) {
            let batch = leavers[start..<min(start + OperationStore.membershipBatch, leavers.count)]
            for row in try await connection.query(
                "SELECT position, claim_reference, sequence, type, occurred_at FROM claim_events WHERE type IN (\(types)) AND claim_reference IN ("
                    + Array(repeating: "?", count: batch.count).joined(separator: ", ") + ")",
                batch.map { .text($0) }
            ) { read(row) }
        }
        for dropOut in dropOuts {
            events.append(CohortHistoryEvent(
                position: dropOut.position, claim: dropOut.claim, sequence: dropOut.sequence, occurredAt: dropOut.at, effect: .droppedOut,
                eventType: "cohort-dropped-out"
            ))
        }
        return CohortBurnDownHistory(
            startingFigure: status.operation.startingFigure, definedAtPosition: status.logPosition, definedAt: status.createdAt, events: events
        )
    }

    /// Every drop-out from the operation's cohort, from the log.
    func dropOuts(of code: String, _ connection: any SQLConnection) async throws -> [CohortDropOut] {
        try await dropOutEvents(of: code, connection).map(\.dropOut)
    }

    /// The drop-out events of one operation. Claims that dropped out are found by their `work` column (which records
    /// every drop-out and is NULL for most claims), then their `cohort-dropped-out` events are read from the log.
    func dropOutEvents(of code: String, _ connection: any SQLConnection) async throws -> [(position: Int64, claim: ClaimReference, sequence: Int, at: Instant, dropOut: CohortDropOut)] {
        let candidates = try await connection.query(
            "SELECT reference, work FROM claims WHERE work IS NOT NULL AND work LIKE ? ORDER BY reference", [.text("%\"\(code)\"%")]
        ).compactMap { row -> String? in
            guard let text = row["work"].string, let work = try? EventCoding.decodeJSON(ClaimWork.self, text), work.cohortDropOuts[code] != nil else { return nil }
            return row["reference"].string
        }
        var found: [(position: Int64, claim: ClaimReference, sequence: Int, at: Instant, dropOut: CohortDropOut)] = []
        for start in stride(from: 0, to: candidates.count, by: OperationStore.membershipBatch) {
            let batch = candidates[start..<min(start + OperationStore.membershipBatch, candidates.count)]
            let rows = try await connection.query(
                "SELECT \(Self.eventColumns) FROM claim_events WHERE type = 'cohort-dropped-out' AND claim_reference IN ("
                    + Array(repeating: "?", count: batch.count).joined(separator: ", ") + ") ORDER BY position",
                batch.map { .text($0) }
            )
            for row in rows {
                let recorded = try Self.recordedEvent(row)
                guard case let .droppedOutOfCohort(operation, reason) = recorded.event, operation == code else { continue }
                found.append((
                    recorded.globalPosition, recorded.claim, recorded.sequence, recorded.occurredAt,
                    CohortDropOut(claim: recorded.claim, sequence: recorded.sequence, reason: reason, at: recorded.occurredAt, by: recorded.actor.staff, note: recorded.reason)
                ))
            }
        }
        return found
    }

    /// The grant rates worth showing with a definition: the included nationalities' (when there is a list), or every
    /// known rate when the band alone chooses them.
    static func relevantRates(_ stored: StoredOperation) -> [NationalityGrantRate] {
        let criteria = stored.operation.criteria
        let nationalities: [String]
        if let included = criteria.nationalities {
            nationalities = included.sorted()
        } else if criteria.grantRate != nil {
            nationalities = stored.grantRates.rates.keys.filter { !criteria.excludedNationalities.contains($0) }.sorted()
        } else {
            nationalities = []
        }
        return nationalities.compactMap { nationality in
            guard let rate = stored.grantRates.rate(for: nationality) else { return nil }
            return NationalityGrantRate(nationality: nationality, rate: rate, inBand: criteria.grantRate?.contains(rate) ?? true)
        }
    }
}

extension CohortBurnDownHistory {
    /// The history kept when an operation closed.
    init(closed summary: OperationClosingSummary) {
        self.init(baseCount: summary.baseCount, currentCount: summary.currentCount, milestones: summary.milestones)
    }
}
