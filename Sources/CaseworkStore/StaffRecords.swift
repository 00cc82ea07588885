import CaseworkDomain

/// A member of staff with what their record says about their casework: team, training, competence, working pattern,
/// operation, and absences (first day first).
public struct StaffRecord: Sendable, Hashable {
    /// Who: username, name, role, unit.
    public var member: StaffMember
    /// Team, training, start date, sign-off, FTE and operation.
    public var profile: StaffProfile
    /// Recorded absences, earliest first.
    public var absences: [StaffAbsence]

    /// Creates a record.
    public init(member: StaffMember, profile: StaffProfile, absences: [StaffAbsence]) {
        self.member = member
        self.profile = profile
        self.absences = absences
    }

    /// The absence covering `date`, if any.
    public func absence(on date: LocalDate) -> StaffAbsence? { absences.first { $0.period.contains(date) } }

    /// Effective FTE on `date` under `policy`.
    public func effectiveFTE(on date: LocalDate, policy: CapacityPolicy = .current) -> Double {
        policy.effectiveFTE(profile, absences: absences, on: date)
    }
}

/// One entry of a staff record's history: who changed what, when and why. Append-only, so every capacity figure can
/// be traced to the changes behind it.
public struct StaffChangeEntry: Sendable, Hashable {
    /// "profile-updated", "absence-added", "absence-removed" or "profile-imported".
    public var type: String
    public var at: Instant
    public var actor: StaffID
    public var actorRole: Role
    /// What changed, one plain line each.
    public var lines: [String]
    public var reason: String?
}

/// No member of staff, or no absence of theirs, matches what was asked for.
public struct StaffRecordNotFound: Error, Sendable, Hashable {
    /// What was not found, in plain words.
    public let message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
}

/// The JSON payloads of `staff_changes` rows.
enum StaffChangePayload {
    struct ProfileUpdate: Codable {
        var before: StaffProfile
        var after: StaffProfile
        var changes: [String]
    }

    struct Import: Codable {
        var profile: StaffProfile
        var absences: [StaffAbsence]
    }
}

extension CaseworkStore {
    // MARK: Reading records

    static let staffRecordColumns = "username, display_name, role, unit, active, team, trained_for, childrens_casework, role_start_date, signed_off, fte, cohort"

    /// The staff record of `username`, if `actor` may read it (themself, or whoever keeps their unit's records).
    public func staffRecord(_ username: StaffID, for actor: Actor) async throws -> StaffRecord {
        let record = try await database.read { connection in try await self.loadStaffRecord(username, lock: false, connection) }
        guard let record else { throw StaffRecordNotFound("No member of staff has the username \(username.rawValue)") }
        guard StaffAccess.canRead(recordOf: username, in: record.member.unit, actor: actor) else {
            throw AccessDenied("Staff records of \(record.member.unit.rawValue) are kept by its team leaders, senior caseworkers and the national roles.")
        }
        return record
    }

    /// The records of `unit`'s staff (of one team when `team` is given), by team, role and name, for those who may see
    /// the unit's capacity.
    public func staffRecords(unit: UnitID, team: String? = nil, for actor: Actor) async throws -> [StaffRecord] {
        guard StaffAccess.canSeeCapacity(of: unit, actor: actor) else {
            throw AccessDenied("\(actor.role.title)s cannot see the staff records of \(unit.rawValue).")
        }
        return try await database.read { connection in
            try await self.loadStaffRecords(unit: unit, team: team, connection)
        }
    }

    /// The history of a staff record, newest first.
    public func staffChanges(of username: StaffID, for actor: Actor, limit: Int = 200) async throws -> [StaffChangeEntry] {
        _ = try await staffRecord(username, for: actor)
        let rows = try await database.read { connection in
            try await connection.query(
                "SELECT type, payload, actor, actor_role, at, reason FROM staff_changes WHERE username = ? ORDER BY id DESC LIMIT ?",
                [.text(username.rawValue), .int(limit)]
            )
        }
        return rows.map { row in
            let type = row["type"].string ?? ""
            return StaffChangeEntry(
                type: type, at: Instant(millisecondsSinceEpoch: row["at"].int64 ?? 0), actor: StaffID(row["actor"].string ?? ""),
                actorRole: Role(rawValue: row["actor_role"].string ?? "") ?? .administrator,
                lines: Self.changeLines(type: type, payload: row["payload"].string ?? "{}"), reason: row["reason"].string
            )
        }
    }

    /// Open operations a caseworker may be assigned to, by code: code and name.
    public func operationChoices() async throws -> [(code: String, name: String)] {
        try await database.read { connection in
            try await connection.query("SELECT code, name FROM operations WHERE closed_at IS NULL ORDER BY code").map {
                ($0["code"].string ?? "", $0["name"].string ?? "")
            }
        }
    }

    // MARK: Changing records

    /// Replaces the profile of `username`'s record with `input`, checked field by field, if `actor` keeps that unit's
    /// records. The change, its history row and its audit entry are written in one transaction; an unchanged profile
    /// writes nothing.
    @discardableResult
    public func updateStaffProfile(_ username: StaffID, to input: StaffProfileInput, by actor: Actor, reason: String?) async throws -> StaffRecord {
        let now = clock.now()
        let reason = try Self.checkedReason(reason)
        return try await database.transaction { connection in
            var record = try await self.recordToChange(username, by: actor, connection)
            let profile = try input.validated(today: now.date)
            if profile.signedOff, !record.profile.signedOff, record.profile != .unrecorded {
                // Sign-off is earned, not typed in (10.12): see `signOff`. A record kept for the first time may carry a
                // sign-off given before the platform (an experienced decision maker's record being set up).
                throw ValidationFailure([FieldError(
                    field: "signedOff",
                    message: "Sign-off is recorded by a technical specialist from the decision maker's quality page, once \(QualityPolicy.current.signOffDecisions) of their decisions are checked at DQ1 or DQ2 (10.12)"
                )])
            }
            if let operation = profile.operation, operation != record.profile.operation {
                guard try await connection.queryFirst("SELECT code FROM operations WHERE code = ? AND closed_at IS NULL", [.text(operation)]) != nil else {
                    throw ValidationFailure([FieldError(field: "operation", message: "No open operation has the code \(operation)")])
                }
            }
            let changes = profile.changes(from: record.profile)
            guard !changes.isEmpty else { return record }
            try await connection.execute(
                "UPDATE staff SET team = ?, trained_for = ?, childrens_casework = ?, role_start_date = ?, signed_off = ?, fte = ?, cohort = ? WHERE username = ?",
                Self.profileBinds(profile) + [.text(username.rawValue)]
            )
            let payload = StaffChangePayload.ProfileUpdate(before: record.profile, after: profile, changes: changes)
            try await self.appendStaffChange(username, type: "profile-updated", payload: try EventCoding.encodeJSON(payload), by: actor, at: now, reason: reason, connection)
            try await self.audit(
                actor: actor, action: "staff.profile-update", claim: nil, detail: "\(username.rawValue): " + changes.joined(separator: "; "), at: now, connection
            )
            record.profile = profile
            return record
        }
    }

    /// Records an absence of `username`, refused when it overlaps one already recorded.
    @discardableResult
    public func addStaffAbsence(_ username: StaffID, _ input: StaffAbsenceInput, by actor: Actor, reason: String?) async throws -> StaffRecord {
        let now = clock.now()
        let reason = try Self.checkedReason(reason)
        return try await database.transaction { connection in
            var record = try await self.recordToChange(username, by: actor, connection)
            let absence = try input.validated(today: now.date)
            if let clash = record.absences.first(where: { $0.overlaps(absence) }) {
                throw ValidationFailure([FieldError(
                    field: "firstDay",
                    message: "\(username.rawValue) is already recorded as away from \(clash.firstDay.longForm) to \(clash.lastDay.longForm) (\(clash.kind.title.lowercased())); change or remove that absence first"
                )])
            }
            try await connection.execute(
                "INSERT INTO staff_absences (username, first_day, last_day, kind) VALUES (?, ?, ?, ?)",
                [.text(username.rawValue), .text(absence.firstDay.iso), .text(absence.lastDay.iso), .text(absence.kind.rawValue)]
            )
            try await self.appendStaffChange(username, type: "absence-added", payload: try EventCoding.encodeJSON(absence), by: actor, at: now, reason: reason, connection)
            try await self.audit(actor: actor, action: "staff.absence-add", claim: nil, detail: "\(username.rawValue): \(Self.absenceText(absence))", at: now, connection)
            record.absences.append(absence)
            record.absences.sort { $0.firstDay < $1.firstDay }
            return record
        }
    }

    /// Removes the absence of `username` that starts on `firstDay` (recorded in error, or cancelled leave).
    @discardableResult
    public func removeStaffAbsence(_ username: StaffID, firstDay: LocalDate, by actor: Actor, reason: String?) async throws -> StaffRecord {
        let now = clock.now()
        let reason = try Self.checkedReason(reason)
        return try await database.transaction { connection in
            var record = try await self.recordToChange(username, by: actor, connection)
            guard let absence = record.absences.first(where: { $0.firstDay == firstDay }) else {
                throw StaffRecordNotFound("\(username.rawValue) has no absence starting on \(firstDay.longForm)")
            }
            try await connection.execute("DELETE FROM staff_absences WHERE username = ? AND first_day = ?", [.text(username.rawValue), .text(firstDay.iso)])
            try await self.appendStaffChange(username, type: "absence-removed", payload: try EventCoding.encodeJSON(absence), by: actor, at: now, reason: reason, connection)
            try await self.audit(actor: actor, action: "staff.absence-remove", claim: nil, detail: "\(username.rawValue): \(Self.absenceText(absence))", at: now, connection)
            record.absences.removeAll { $0.firstDay == firstDay }
            return record
        }
    }

    /// Writes profiles and absences for many members at once, with a history row each: for seeding a workforce, where
    /// thousands of single changes would take minutes. Members not in the store are skipped; returns how many were written.
    @discardableResult
    public func importStaffProfiles(_ entries: [(username: StaffID, profile: StaffProfile, absences: [StaffAbsence])], by actor: Actor = .system, reason: String) async throws -> Int {
        let now = clock.now()
        return try await database.transaction { connection in
            var written = 0
            for entry in entries {
                guard try await connection.queryFirst("SELECT username FROM staff WHERE username = ?", [.text(entry.username.rawValue)]) != nil else { continue }
                try await connection.execute(
                    "UPDATE staff SET team = ?, trained_for = ?, childrens_casework = ?, role_start_date = ?, signed_off = ?, fte = ?, cohort = ? WHERE username = ?",
                    Self.profileBinds(entry.profile) + [.text(entry.username.rawValue)]
                )
                try await connection.execute("DELETE FROM staff_absences WHERE username = ?", [.text(entry.username.rawValue)])
                for absence in entry.absences {
                    try await connection.execute(
                        "INSERT INTO staff_absences (username, first_day, last_day, kind) VALUES (?, ?, ?, ?)",
                        [.text(entry.username.rawValue), .text(absence.firstDay.iso), .text(absence.lastDay.iso), .text(absence.kind.rawValue)]
                    )
                }
                let payload = StaffChangePayload.Import(profile: entry.profile, absences: entry.absences)
                try await self.appendStaffChange(entry.username, type: "profile-imported", payload: try EventCoding.encodeJSON(payload), by: actor, at: now, reason: reason, connection)
                written += 1
            }
            try await self.audit(actor: actor, action: "staff.profile-import", claim: nil, detail: "\(written) staff records: \(reason)", at: now, connection)
            return written
        }
    }

    // MARK: Capacity

    /// The effective capacity of `unit` (or one of its teams) on `date`: each caseworker's FTE, effective FTE and
    /// absence, and the totals (9.22's adjusted FTE). Only active staff in roles that take claims count.
    public func capacity(of unit: UnitID, team: String? = nil, on date: LocalDate, for actor: Actor, policy: CapacityPolicy = .current) async throws -> StaffCapacity {
        let records = try await staffRecords(unit: unit, team: team, for: actor)
            .filter { $0.member.active && StaffAccess.capacityRoles.contains($0.member.role) }
        return StaffCapacity(unit: unit, team: team, date: date, records: records, policy: policy)
    }

    // MARK: Internals

    func loadStaffRecord(_ username: StaffID, lock: Bool, _ connection: any SQLConnection) async throws -> StaffRecord? {
        guard let row = try await connection.queryFirst(
            "SELECT \(Self.staffRecordColumns) FROM staff WHERE username = ?" + (lock ? database.dialect.forUpdate : ""), [.text(username.rawValue)]
        ) else { return nil }
        let absences = try await connection.query(
            "SELECT first_day, last_day, kind FROM staff_absences WHERE username = ? ORDER BY first_day", [.text(username.rawValue)]
        ).compactMap(Self.absence)
        return StaffRecord(member: Self.staffMember(row), profile: Self.profile(row), absences: absences)
    }

    func loadStaffRecords(unit: UnitID, team: String?, _ connection: any SQLConnection) async throws -> [StaffRecord] {
        let teamCondition = team == nil ? "" : " AND team = ?"
        let binds: [SQLValue] = [.text(unit.rawValue)] + (team.map { [.text($0)] } ?? [])
        let rows = try await connection.query(
            "SELECT \(Self.staffRecordColumns) FROM staff WHERE unit = ?\(teamCondition) ORDER BY COALESCE(team, ''), role, display_name, username", binds
        )
        var absences: [String: [StaffAbsence]] = [:]
        for row in try await connection.query(
            "SELECT a.username, a.first_day, a.last_day, a.kind FROM staff_absences a JOIN staff s ON s.username = a.username WHERE s.unit = ?\(team == nil ? "" : " AND s.team = ?") ORDER BY a.username, a.first_day",
            binds
        ) {
            if let absence = Self.absence(row) { absences[row["username"].string ?? "", default: []].append(absence) }
        }
        return rows.map { row in
            StaffRecord(member: Self.staffMember(row), profile: Self.profile(row), absences: absences[row["username"].string ?? ""] ?? [])
        }
    }

    /// The record to change, locked on PostgreSQL, after checking `actor` keeps its unit's records.
    private func recordToChange(_ username: StaffID, by actor: Actor, _ connection: any SQLConnection) async throws -> StaffRecord {
        guard let record = try await loadStaffRecord(username, lock: true, connection) else {
            throw StaffRecordNotFound("No member of staff has the username \(username.rawValue)")
        }
        guard AccessPolicy.canKeepStaffRecord(in: record.member.unit, actor: actor) else {
            throw AccessDenied("\(actor.role.title)s cannot change staff records in \(record.member.unit.rawValue).")
        }
        return record
    }

    private func appendStaffChange(_ username: StaffID, type: String, payload: String, by actor: Actor, at now: Instant, reason: String?, _ connection: any SQLConnection) async throws {
        try await connection.execute(
            "INSERT INTO staff_changes (username, type, payload, actor, actor_role, at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(username.rawValue), .text(type), .text(payload), .text(actor.staff.rawValue), .text(actor.role.rawValue), .integer(now.millisecondsSinceEpoch), .text(reason)]
        )
    }

    private static func checkedReason(_ reason: String?) throws(ValidationFailure) -> String? {
        var check = Validator()
        let text = check.optionalText(reason, "reason", label: "the reason", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return text
    }

    static func profileBinds(_ profile: StaffProfile) -> [SQLValue] {
        [
            .text(profile.team), .text(profile.trainedFor?.rawValue), .bool(profile.childrensCasework), .text(profile.startDate?.iso),
            .bool(profile.signedOff), .real(profile.fte), .text(profile.operation),
        ]
    }

    static func profile(_ row: SQLRow) -> StaffProfile {
        StaffProfile(
            team: row["team"].string, trainedFor: row["trained_for"].string.flatMap(CaseworkTraining.init(rawValue:)),
            childrensCasework: row["childrens_casework"].bool, startDate: row["role_start_date"].string.flatMap(LocalDate.init(iso:)),
            signedOff: row["signed_off"].bool, fte: row["fte"].double ?? 1, operation: row["cohort"].string
        )
    }

    static func absence(_ row: SQLRow) -> StaffAbsence? {
        guard let first = row["first_day"].string.flatMap(LocalDate.init(iso:)), let last = row["last_day"].string.flatMap(LocalDate.init(iso:)),
            let kind = row["kind"].string.flatMap(AbsenceKind.init(rawValue:))
        else { return nil }
        return StaffAbsence(period: AbsencePeriod(from: first, through: last), kind: kind)
    }

    static func absenceText(_ absence: StaffAbsence) -> String {
        let days = absence.days == 1 ? "1 day" : "\(absence.days) days"
        return absence.firstDay == absence.lastDay
            ? "\(absence.kind.title) on \(absence.firstDay.longForm)"
            : "\(absence.kind.title) from \(absence.firstDay.longForm) to \(absence.lastDay.longForm) (\(days))"
    }

    static func changeLines(type: String, payload: String) -> [String] {
        switch type {
        case "profile-updated", "signed-off":
            return (try? EventCoding.decodeJSON(StaffChangePayload.ProfileUpdate.self, payload))?.changes ?? ["Profile changed"]
        case "absence-added":
            return (try? EventCoding.decodeJSON(StaffAbsence.self, payload)).map { ["Absence recorded: " + absenceText($0)] } ?? ["Absence recorded"]
        case "absence-removed":
            return (try? EventCoding.decodeJSON(StaffAbsence.self, payload)).map { ["Absence removed: " + absenceText($0)] } ?? ["Absence removed"]
        case "profile-imported":
            guard let imported = try? EventCoding.decodeJSON(StaffChangePayload.Import.self, payload) else { return ["Record imported"] }
            return ["Record imported"] + imported.profile.changes(from: .unrecorded) + imported.absences.map { "Absence recorded: " + absenceText($0) }
        default:
            return [type]
        }
    }
}

/// A member's capacity on a day, as planners and team leaders see it.
public struct MemberCapacity: Sendable, Hashable {
    public var username: StaffID
    public var displayName: String
    public var role: Role
    public var team: String?
    /// Contracted FTE.
    public var fte: Double
    /// Effective FTE on the day: ramp, part-time and absence applied.
    public var effectiveFTE: Double
    /// The absence covering the day, if any.
    public var absence: StaffAbsence?
    /// Signed off as competent (else on 100% checks).
    public var signedOff: Bool
}

/// A unit's (or a team's) capacity on a day: each caseworker's, and the totals.
public struct StaffCapacity: Sendable, Hashable {
    public var unit: UnitID
    /// The team, when the figures are for one team.
    public var team: String?
    public var date: LocalDate
    public var members: [MemberCapacity]
    public var totals: CapacityFigures

    /// The capacity of `records` on `date` under `policy`.
    public init(unit: UnitID, team: String?, date: LocalDate, records: [StaffRecord], policy: CapacityPolicy) {
        self.unit = unit
        self.team = team
        self.date = date
        members = records.map { record in
            MemberCapacity(
                username: record.member.username, displayName: record.member.displayName, role: record.member.role, team: record.profile.team,
                fte: record.profile.fte, effectiveFTE: record.effectiveFTE(on: date, policy: policy), absence: record.absence(on: date),
                signedOff: record.profile.signedOff
            )
        }
        totals = policy.figures(of: records.map { ($0.profile, $0.absences) }, on: date)
    }
}
