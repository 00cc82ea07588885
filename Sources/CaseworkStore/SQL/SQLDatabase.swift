import Logging

/// A value bound to or read from SQL. Both stores use the same few types, so the same SQL runs on both:
/// integers (also booleans and instants in milliseconds), reals, text (also dates and JSON) and NULL.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The value as an integer, when it is one.
    public var int64: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(value)
        case .text(let text): Int64(text)
        case .null: nil
        }
    }

    /// The value as an `Int`, when it is an integer.
    public var int: Int? { int64.map { Int($0) } }

    /// The value as text, when it is text.
    public var string: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The value as a real number.
    public var double: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    /// The value as a boolean (stored as 0 or 1).
    public var bool: Bool { int64.map { $0 != 0 } ?? false }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue {
    /// Text, or NULL when nil.
    public static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    /// An integer from an `Int`.
    public static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    /// An integer, or NULL when nil.
    public static func int(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
    /// A boolean as 0 or 1.
    public static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}

/// One row of a result, read by column name or position.
public struct SQLRow: Sendable {
    /// Column names, in order.
    public let columns: [String]
    /// Values, in column order.
    public let values: [SQLValue]

    /// Creates a row.
    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of the named column, or NULL when there is no such column.
    public subscript(_ name: String) -> SQLValue {
        guard let index = columns.firstIndex(of: name) else { return .null }
        return values[index]
    }

    /// The value at a position.
    public subscript(_ index: Int) -> SQLValue { values[index] }
}

/// The SQL flavours the platform speaks. Everything is written once with `?` placeholders; the few differences are here.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// Locks the rows a `SELECT` returns against other writers, skipping rows already locked (PostgreSQL only;
    /// SQLite has one writer at a time, so the clause is not needed there).
    public var forUpdateSkipLocked: String { self == .postgres ? " FOR UPDATE SKIP LOCKED" : "" }

    /// Locks the rows a `SELECT` returns until the transaction ends (PostgreSQL only, for the same reason).
    public var forUpdate: String { self == .postgres ? " FOR UPDATE" : "" }
}

/// A connection lent for the length of a read or a transaction. It must not escape the closure it is lent to.
public protocol SQLConnection {
    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ binds: [SQLValue]) async throws
    /// Runs a query and returns every row.
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
}

extension SQLConnection {
    /// Runs a statement with no binds.
    public func execute(_ sql: String) async throws { try await execute(sql, []) }
    /// Runs a query with no binds.
    public func query(_ sql: String) async throws -> [SQLRow] { try await query(sql, []) }
    /// The first row of a query, if any.
    public func queryFirst(_ sql: String, _ binds: [SQLValue] = []) async throws -> SQLRow? { try await query(sql, binds).first }
}

/// A database: SQLite (a file, the embedded default) or PostgreSQL (production, chosen by `DATABASE_URL`).
public protocol SQLDatabase: Sendable {
    /// Which SQL flavour it speaks.
    var dialect: SQLDialect { get }
    /// Lends a connection for reads. On SQLite reads run beside the writer (WAL).
    func read<T: Sendable>(_ body: (any SQLConnection) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: all of its writes happen, or none do.
    func transaction<T: Sendable>(_ body: (any SQLConnection) async throws -> T) async throws -> T
    /// Closes every connection.
    func close() async throws
}

/// Errors from the drivers, with the database's own message.
public struct SQLError: Error, CustomStringConvertible, Sendable {
    /// What failed, as the database said it.
    public let message: String
    /// The statement that failed.
    public let sql: String
    /// True when a uniqueness constraint refused the write.
    public let isUniqueViolation: Bool

    /// Creates an error.
    public init(message: String, sql: String, isUniqueViolation: Bool = false) {
        self.message = message
        self.sql = sql
        self.isUniqueViolation = isUniqueViolation
    }

    public var description: String { "\(message) (in: \(sql.prefix(200)))" }
}
