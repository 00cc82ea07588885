import CaseworkDomain
import Crypto
import Foundation
import HummingbirdBcrypt

/// A unit: a decision-making unit, an intake unit or a national team.
public struct CaseworkUnit: Sendable, Hashable, Codable {
    public var code: UnitID
    public var name: String
    /// "dmu", "intake", "national" or "hub".
    public var kind: String

    /// Creates a unit.
    public init(code: UnitID, name: String, kind: String) {
        self.code = code
        self.name = name
        self.kind = kind
    }
}

/// A member of staff.
public struct StaffMember: Sendable, Hashable, Codable {
    public var username: StaffID
    public var displayName: String
    public var role: Role
    public var unit: UnitID
    public var active: Bool

    /// Creates a staff record.
    public init(username: StaffID, displayName: String, role: Role, unit: UnitID, active: Bool = true) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.unit = unit
        self.active = active
    }

    /// The member acting in their role and unit.
    public var actor: Actor { Actor(staff: username, role: role, unit: unit) }
}

/// A signed-in session: who, and the token every form must carry back (CSRF).
public struct StaffSession: Sendable, Hashable {
    public var staff: StaffMember
    public var csrfToken: String
    public var expiresAt: Instant
}

/// Password hashing with bcrypt. The cost is a setting: high in production, low in tests.
public struct PasswordHasher: Sendable {
    /// bcrypt's cost (log2 rounds).
    public let cost: UInt8

    /// Creates a hasher.
    public init(cost: UInt8 = 12) { self.cost = cost }

    /// A salted hash of `password`.
    public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    /// Whether `password` matches `hash`.
    public func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}

/// Secrets: random tokens and their hashes (only hashes are stored).
public enum Secrets {
    /// A random token of 32 bytes as hex.
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// SHA-256 of a token, as hex.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// An entry of the audit trail.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var at: Instant
    public var actor: StaffID
    public var role: Role
    public var action: String
    public var claim: ClaimReference?
    public var detail: String?
}

extension CaseworkStore {
    // MARK: Units and staff

    /// Adds a unit, or renames it if it exists.
    public func saveUnit(_ unit: CaseworkUnit) async throws {
        try await database.transaction { connection in
            try await connection.execute(
                "INSERT INTO units (code, name, kind) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind",
                [.text(unit.code.rawValue), .text(unit.name), .text(unit.kind)]
            )
        }
    }

    /// Every unit, by code.
    public func units() async throws -> [CaseworkUnit] {
        try await database.read { connection in
            try await connection.query("SELECT code, name, kind FROM units ORDER BY code").map {
                CaseworkUnit(code: UnitID($0["code"].string ?? ""), name: $0["name"].string ?? "", kind: $0["kind"].string ?? "")
            }
        }
    }

    /// Adds a member of staff with a password hash. Refuses an existing username or an unknown unit.
    public func addStaff(_ member: StaffMember, passwordHash: String) async throws {
        try await database.transaction { connection in
            guard try await connection.queryFirst("SELECT code FROM units WHERE code = ?", [.text(member.unit.rawValue)]) != nil else {
                throw ValidationFailure([FieldError(field: "unit", message: "No unit has the code \(member.unit.rawValue)")])
            }
            do {
                try await connection.execute(
                    "INSERT INTO staff (username, display_name, role, unit, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [.text(member.username.rawValue), .text(member.displayName), .text(member.role.rawValue), .text(member.unit.rawValue),
                     .text(passwordHash), .bool(member.active), .integer(self.clock.now().millisecondsSinceEpoch)]
                )
            } catch let error as SQLError where error.isUniqueViolation {
                throw ValidationFailure([FieldError(field: "username", message: "The username \(member.username.rawValue) is taken")])
            }
            try await self.audit(
                actor: .system, action: "staff.add", claim: nil, detail: "\(member.username.rawValue) as \(member.role.rawValue) in \(member.unit.rawValue)",
                at: self.clock.now(), connection
            )
        }
    }

    /// A member of staff by username.
    public func staff(_ username: StaffID) async throws -> StaffMember? {
        try await database.read { connection in
            try await connection.queryFirst(
                "SELECT username, display_name, role, unit, active FROM staff WHERE username = ?", [.text(username.rawValue)]
            ).map(Self.staffMember)
        }
    }

    /// Every member of staff, optionally of one unit.
    public func allStaff(unit: UnitID? = nil) async throws -> [StaffMember] {
        try await database.read { connection in
            try await connection.query(
                "SELECT username, display_name, role, unit, active FROM staff" + (unit == nil ? "" : " WHERE unit = ?") + " ORDER BY username",
                unit.map { [.text($0.rawValue)] } ?? []
            ).map(Self.staffMember)
        }
    }

    static func staffMember(_ row: SQLRow) -> StaffMember {
        StaffMember(
            username: StaffID(row["username"].string ?? ""), displayName: row["display_name"].string ?? "",
            role: Role(rawValue: row["role"].string ?? "") ?? .administrativeOfficer, unit: UnitID(row["unit"].string ?? ""),
            active: row["active"].bool
        )
    }

    // MARK: Sign-in

    /// Checks a username and password. Returns the member on success. Failures are counted per username so the caller
    /// can slow down repeated attempts (see `signInDelay`); a success clears the count. Both are in the audit trail.
    public func authenticate(username: String, password: String, hasher: PasswordHasher) async throws -> StaffMember? {
        let now = clock.now()
        let row = try await database.read { connection in
            try await connection.queryFirst(
                "SELECT username, display_name, role, unit, active, password_hash FROM staff WHERE username = ?", [.text(username)]
            )
        }
        // Verify against a fixed hash when the user is unknown, so the response time does not reveal which usernames exist.
        let hash = row?["password_hash"].string ?? "$2b$04$abcdefghijklmnopqrstuu5uBVYcFkHFHTVbmj8iWDV1mVJGxMpM6"
        let matches = hasher.verify(password, hash: hash) && row != nil
        let member = row.map(Self.staffMember)
        try await database.transaction { connection in
            if let member, matches, member.active {
                try await connection.execute("DELETE FROM sign_in_failures WHERE username = ?", [.text(username)])
                try await self.audit(actor: member.actor, action: "sign-in", claim: nil, detail: nil, at: now, connection)
            } else {
                try await connection.execute(
                    "INSERT INTO sign_in_failures (username, failures, last_failure_at) VALUES (?, 1, ?) ON CONFLICT (username) DO UPDATE SET failures = sign_in_failures.failures + 1, last_failure_at = excluded.last_failure_at",
                    [.text(username), .integer(now.millisecondsSinceEpoch)]
                )
                let actor = Actor(staff: StaffID(String(username.prefix(100))), role: member?.role ?? .administrativeOfficer, unit: member?.unit ?? "UNKNOWN")
                try await self.audit(actor: actor, action: "sign-in-failed", claim: nil, detail: nil, at: now, connection)
            }
        }
        guard let member, matches, member.active else { return nil }
        return member
    }

    /// How long the next sign-in attempt for `username` must wait after repeated failures: nothing for the first three,
    /// then doubling from one second up to five minutes. Failures older than an hour are forgotten.
    public func signInDelay(username: String) async throws -> Duration {
        let row = try await database.read { connection in
            try await connection.queryFirst("SELECT failures, last_failure_at FROM sign_in_failures WHERE username = ?", [.text(username)])
        }
        guard let row, let failures = row["failures"].int, let last = row["last_failure_at"].int64 else { return .zero }
        let now = clock.now().millisecondsSinceEpoch
        guard now - last < 3_600_000, failures > 3 else { return .zero }
        let delay = min(300_000, 1000 << min(failures - 4, 20))
        let remaining = Int64(delay) - (now - last)
        return remaining > 0 ? .milliseconds(remaining) : .zero
    }

    /// Starts a session for a member; returns the cookie token (only its hash is stored).
    public func createSession(for member: StaffMember, lasting hours: Int = 8) async throws -> (token: String, session: StaffSession) {
        let token = Secrets.token()
        let csrf = Secrets.token()
        let now = clock.now()
        let expires = now.adding(milliseconds: Int64(hours) * 3_600_000)
        try await database.transaction { connection in
            try await connection.execute(
                "INSERT INTO sessions (token_hash, username, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                [.text(Secrets.hash(token)), .text(member.username.rawValue), .text(csrf), .integer(now.millisecondsSinceEpoch), .integer(expires.millisecondsSinceEpoch)]
            )
        }
        return (token, StaffSession(staff: member, csrfToken: csrf, expiresAt: expires))
    }

    /// The live session for a cookie token, if any.
    public func session(token: String) async throws -> StaffSession? {
        let now = clock.now().millisecondsSinceEpoch
        let row = try await database.read { connection in
            try await connection.queryFirst(
                "SELECT s.csrf_token, s.expires_at, u.username, u.display_name, u.role, u.unit, u.active FROM sessions s JOIN staff u ON u.username = s.username WHERE s.token_hash = ? AND s.expires_at > ?",
                [.text(Secrets.hash(token)), .integer(now)]
            )
        }
        guard let row else { return nil }
        let member = Self.staffMember(row)
        guard member.active else { return nil }
        return StaffSession(staff: member, csrfToken: row["csrf_token"].string ?? "", expiresAt: Instant(millisecondsSinceEpoch: row["expires_at"].int64 ?? 0))
    }

    /// Ends a session.
    public func endSession(token: String) async throws {
        try await database.transaction { try await $0.execute("DELETE FROM sessions WHERE token_hash = ?", [.text(Secrets.hash(token))]) }
    }

    // MARK: API tokens

    /// Creates a bearer token for the JSON API acting as `username`; returns the token, shown once.
    public func createAPIToken(name: String, for username: StaffID) async throws -> String {
        guard try await staff(username) != nil else {
            throw ValidationFailure([FieldError(field: "username", message: "No member of staff has the username \(username.rawValue)")])
        }
        let token = Secrets.token()
        try await database.transaction { connection in
            try await connection.execute(
                "INSERT INTO api_tokens (token_hash, name, username, created_at) VALUES (?, ?, ?, ?)",
                [.text(Secrets.hash(token)), .text(name), .text(username.rawValue), .integer(self.clock.now().millisecondsSinceEpoch)]
            )
            try await self.audit(actor: .system, action: "api-token.create", claim: nil, detail: "'\(name)' for \(username.rawValue)", at: self.clock.now(), connection)
        }
        return token
    }

    /// The member a bearer token acts as, if the token is live.
    public func staff(forAPIToken token: String) async throws -> StaffMember? {
        try await database.read { connection in
            try await connection.queryFirst(
                "SELECT u.username, u.display_name, u.role, u.unit, u.active FROM api_tokens t JOIN staff u ON u.username = t.username WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active = 1",
                [.text(Secrets.hash(token))]
            ).map(Self.staffMember)
        }
    }

    // MARK: Audit trail

    /// The audit trail of a claim (or of everything when nil), newest first.
    public func auditTrail(claim: ClaimReference?, limit: Int = 200) async throws -> [AuditEntry] {
        try await database.read { connection in
            try await connection.query(
                "SELECT at, actor, role, action, claim_reference, detail FROM audit_log" + (claim == nil ? "" : " WHERE claim_reference = ?") + " ORDER BY id DESC LIMIT ?",
                (claim.map { [.text($0.rawValue)] } ?? []) + [.int(limit)]
            ).map { row in
                AuditEntry(
                    at: Instant(millisecondsSinceEpoch: row["at"].int64 ?? 0), actor: StaffID(row["actor"].string ?? ""),
                    role: Role(rawValue: row["role"].string ?? "") ?? .administrator, action: row["action"].string ?? "",
                    claim: row["claim_reference"].string.map { ClaimReference($0) }, detail: row["detail"].string
                )
            }
        }
    }

    /// Records a read or action that is not a claim event (e.g. viewing a restricted page) in the audit trail.
    public func recordAudit(actor: Actor, action: String, claim: ClaimReference?, detail: String? = nil) async throws {
        let now = clock.now()
        try await database.transaction { try await self.audit(actor: actor, action: action, claim: claim, detail: detail, at: now, $0) }
    }
}
