import CaseworkDomain
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// PostgreSQL through postgres-nio's `PostgresClient` (a connection pool).
///
/// SQL is written with `?` placeholders, as for SQLite; they become `$1, $2, ...` here. A consequence: PostgreSQL's
/// own `?`, `?|` and `?&` jsonb operators cannot be written outside string literals (use `jsonb_exists` and friends).
///
/// Binds are typed: integers as `bigint`, reals as `double precision`, text as `text`; NULL is untyped, so the server
/// infers it from where it stands (a bare `? IS NULL` on a NULL bind needs a cast, e.g. `CAST(? AS text) IS NULL`).
/// Read-then-write in a transaction runs at READ COMMITTED: lock what you read with `FOR UPDATE` (or update in one
/// statement) if another transaction may change it meanwhile.
public final class PostgresDatabase: SQLDatabase {
    public let dialect: SQLDialect = .postgres

    private let client: PostgresClient
    private let logger: Logger
    private let runTask: Task<Void, Never>
    /// What is known of each SQL text run: its `$n` form, how often it ran, and the names it is prepared under.
    private let statements = Mutex(PostgresStatements())

    /// Connects (lazily, as the pool needs) to the server a URL names:
    /// `postgres://user:password@host:port/database` or `postgresql://...`.
    ///
    /// Query parameters: `sslmode` (`disable`, `prefer`, `require`, `verify-full`; with no `sslmode` TLS is off, since
    /// the default target is a server on loopback or a test server, so set `sslmode=require` or stronger for a
    /// server across a network), `port`, and `host=/path/to/socketdir` to connect through the Unix socket
    /// `<dir>/.s.PGSQL.<port>` instead of TCP.
    public init(url: String, logger: Logger, maximumConnections: Int = 20) throws {
        var configuration = try Self.configuration(fromURL: url)
        configuration.options.maximumConnections = max(1, maximumConnections)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        // Started immediately, so that `client.run()` is already running when the first query leases a connection
        // (postgres-nio warns about leases before `run()`).
        if #available(macOS 26, *) {
            self.runTask = Task.immediate { await client.run() }
        } else {
            self.runTask = Task { await client.run() }
        }
    }

    public func read<T: Sendable>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        var leased = false
        do {
            return try await client.withConnection { connection in
                leased = true
                return try await body(PostgresSQLConnection(connection: connection, database: self))
            }
        } catch {
            throw leased ? Self.translate(error, sql: "") : Self.leaseFailure(error)
        }
    }

    public func transaction<T: Sendable>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        var leased = false
        do {
            return try await client.withTransaction(logger: logger) { connection in
                leased = true
                return try await body(PostgresSQLConnection(connection: connection, database: self))
            }
        } catch let error as PostgresTransactionError {
            // Give back the body's own error (already translated when it came from a query), else BEGIN's or COMMIT's.
            if let closureError = error.closureError { throw Self.translate(closureError, sql: "") }
            if let beginError = error.beginError { throw Self.translate(beginError, sql: "BEGIN") }
            if let commitError = error.commitError { throw Self.translate(commitError, sql: "COMMIT") }
            throw SQLError(message: String(reflecting: error), sql: "")
        } catch {
            throw leased ? Self.translate(error, sql: "") : Self.leaseFailure(error)
        }
    }

    /// Closes the pool: stops its run task and waits for it (and so for the connections) to end.
    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }

    // MARK: SQL text

    /// How to run `sql` with binds of these types: its `$n` text and, when it is worth preparing, a statement name.
    func plan(_ sql: String, _ binds: [SQLValue]) -> PostgresStatements.Plan {
        statements.withLock { $0.plan(sql, binds) }
    }

    /// A prepared statement failed in a way that may have been cached against its name on the connection (see
    /// `PostgresStatements.forget`): later runs prepare it afresh under a new name.
    func forget(_ sql: String, after error: any Error) {
        guard PostgresStatements.mayHaveFailedPreparation(error) else { return }
        statements.withLock { $0.forget(sql) }
    }

    // MARK: Errors

    /// No connection could be had (server unreachable, pool closed, ...): the pool's own error types are not public
    /// API, so say what happened as an `SQLError`.
    static func leaseFailure(_ error: any Error) -> any Error {
        if error is CancellationError || error is SQLError { return error }
        if Task.isCancelled { return CancellationError() }  // the pool gives up a cancelled lease with its own error
        if let error = error as? PSQLError, error.serverInfo != nil { return translate(error, sql: "") }
        return SQLError(message: "cannot get a PostgreSQL connection: \(String(reflecting: error))", sql: "")
    }

    /// A driver error as `SQLError`, with the server's message. `SQLError`s (and other errors of the caller's) pass
    /// through unchanged.
    static func translate(_ error: any Error, sql: String) -> any Error {
        switch error {
        case let error as PSQLError:
            let querySQL = error.query?.sql ?? sql
            if let info = error.serverInfo {
                var message = info[.message] ?? "PostgreSQL error"
                if let detail = info[.detail] { message += " (\(detail))" }
                if let state = info[.sqlState] { message += " [SQLSTATE \(state)]" }
                return SQLError(message: message, sql: querySQL, isUniqueViolation: info[.sqlState] == "23505")
            }
            // Not from the server (connection refused, pool closed, ...): the debug description has the details.
            return SQLError(message: "\(error.code): \(String(reflecting: error))", sql: querySQL)
        case let error as PostgresDecodingError:
            return SQLError(message: String(reflecting: error), sql: sql)
        default:
            return error
        }
    }

    // MARK: URL

    static func configuration(fromURL url: String) throws -> PostgresClient.Configuration {
        func malformed(_ reason: String) -> SQLError {
            SQLError(message: "malformed PostgreSQL URL: \(reason); expected postgres://user:password@host:port/database", sql: "")
        }
        guard let components = URLComponents(string: url) else { throw malformed("cannot parse it") }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw malformed("the scheme must be postgres:// or postgresql://")
        }
        let username = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        let password = components.password
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        if database.contains("/") { throw malformed("the path must be a single database name") }
        var port = components.port ?? 5432
        var sslmode: String?
        var socketDirectory: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode": sslmode = item.value?.lowercased()
            case "host": socketDirectory = item.value
            case "port":
                guard let value = item.value.flatMap({ Int($0) }) else { throw malformed("bad port") }
                port = value
            default: break  // other libpq parameters are not used here
            }
        }

        guard (1...65535).contains(port) else { throw malformed("bad port \(port)") }

        if let socketDirectory, !socketDirectory.isEmpty {
            guard socketDirectory.hasPrefix("/") else { throw malformed("host= must be a socket directory (an absolute path)") }
            let directory = socketDirectory.hasSuffix("/") ? String(socketDirectory.dropLast()) : socketDirectory
            return PostgresClient.Configuration(
                unixSocketPath: "\(directory)/.s.PGSQL.\(port)",
                username: username,
                password: password,
                database: database.isEmpty ? nil : database
            )
        }

        guard var host = components.host, !host.isEmpty else { throw malformed("no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }  // IPv6 literal

        // TLS is off unless asked for: the default target is a server on loopback or a throwaway test server.
        let tls: PostgresClient.Configuration.TLS
        switch sslmode {
        case nil, "disable":
            tls = .disable
        case "allow", "prefer":
            var unverified = TLSConfiguration.makeClientConfiguration()
            unverified.certificateVerification = .none
            tls = .prefer(unverified)
        case "require":
            // As libpq: encrypted, certificate not checked.
            var unverified = TLSConfiguration.makeClientConfiguration()
            unverified.certificateVerification = .none
            tls = .require(unverified)
        case "verify-ca":
            var noHostname = TLSConfiguration.makeClientConfiguration()
            noHostname.certificateVerification = .noHostnameVerification
            tls = .require(noHostname)
        case "verify-full":
            tls = .require(TLSConfiguration.makeClientConfiguration())
        case let other?:
            throw malformed("unknown sslmode \(other)")
        }
        return PostgresClient.Configuration(
            host: host,
            port: port,
            username: username,
            password: password,
            database: database.isEmpty ? nil : database,
            tls: tls
        )
    }
}

// MARK: - Connection

/// A pooled connection lent to one `read` or `transaction` body.
struct PostgresSQLConnection: SQLConnection {
    let connection: PostgresConnection
    let database: PostgresDatabase

    func execute(_ sql: String, _ binds: [SQLValue]) async throws {
        if binds.isEmpty {
            // Several statements (migrations): the extended protocol takes one at a time.
            let statements = PostgresSQLText.statements(sql)
            if statements.count > 1 {
                for statement in statements { _ = try await run(statement, [], collectRows: false) }
                return
            }
        }
        _ = try await run(sql, binds, collectRows: false)
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await run(sql, binds, collectRows: true)
    }

    private func run(_ sql: String, _ binds: [SQLValue], collectRows: Bool) async throws -> [SQLRow] {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .real(let real): bindings.append(real)
            case .text(let text): bindings.append(text)
            }
        }
        let plan = database.plan(sql, binds)
        do {
            guard let name = plan.preparedName else {
                let query = PostgresQuery(unsafeSQL: plan.sql, binds: bindings)
                return try await Self.rows(of: connection.query(query, logger: connection.logger), collect: collectRows)
            }
            return try await RuntimePreparedStatement.$text.withValue(.init(name: name, sql: plan.sql)) {
                let statement = RuntimePreparedStatement(bindings: bindings)
                return try await Self.rows(of: connection.execute(statement, logger: connection.logger), collect: collectRows)
            }
        } catch {
            if plan.preparedName != nil { database.forget(sql, after: error) }
            throw PostgresDatabase.translate(error, sql: sql)
        }
    }

    private static func rows<Rows: AsyncSequence>(of sequence: Rows, collect: Bool) async throws -> [SQLRow]
    where Rows.Element == PostgresRow {
        var rows: [SQLRow] = []
        var columns: [String]?
        for try await row in sequence {
            guard collect else { continue }
            let names = columns ?? row.map(\.columnName)
            columns = names
            var values: [SQLValue] = []
            values.reserveCapacity(names.count)
            for cell in row { values.append(try Self.value(of: cell)) }
            rows.append(SQLRow(columns: names, values: values))
        }
        return rows
    }

    /// A cell as an `SQLValue`, by its column's type. Results arrive in binary format.
    static func value(of cell: PostgresCell) throws -> SQLValue {
        guard var bytes = cell.bytes else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8:
            return .integer(try cell.decode(Int64.self))
        case .oid:
            guard bytes.readableBytes == 4, let oid = bytes.readInteger(as: UInt32.self) else {
                throw SQLError(message: "bad oid value in column \(cell.columnName)", sql: "")
            }
            return .integer(Int64(oid))
        case .float4, .float8:
            return .real(try cell.decode(Double.self))
        case .numeric:
            let decimal = try cell.decode(Decimal.self)
            guard let double = Double(decimal.description) else {
                throw SQLError(message: "cannot read numeric \(decimal) in column \(cell.columnName)", sql: "")
            }
            return .real(double)
        case .bool:
            return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .date:
            guard bytes.readableBytes == 4, let days = bytes.readInteger(as: Int32.self) else {
                throw SQLError(message: "bad date value in column \(cell.columnName)", sql: "")
            }
            return .text(PostgresSQLText.date(daysSince2000: Int64(days)))
        case .timestamp, .timestamptz:
            guard bytes.readableBytes == 8, let micros = bytes.readInteger(as: Int64.self) else {
                throw SQLError(message: "bad timestamp value in column \(cell.columnName)", sql: "")
            }
            return .text(PostgresSQLText.timestamp(microsecondsSince2000: micros, utc: cell.dataType == .timestamptz))
        case .uuid:
            return .text(try cell.decode(String.self).lowercased())  // as PostgreSQL writes it
        default:
            // text, varchar, bpchar, name, json, jsonb, uuid, and anything else readable as text.
            return .text(try cell.decode(String.self))
        }
    }
}

// MARK: - SQL text

/// Lexing just enough of PostgreSQL's SQL to find top-level `?` and `;`: string literals ('...', E'...'), quoted
/// identifiers ("..."), dollar quotes ($tag$...$tag$), and comments (-- and nested /* */) are skipped.
enum PostgresSQLText {
    /// `?` outside literals, identifiers and comments replaced by `$1, $2, ...` in order.
    static func numberingPlaceholders(_ sql: String) -> String {
        let bytes = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var copied = 0
        var number = 0
        forEachTopLevelByte(bytes) { index, byte in
            guard byte == UInt8(ascii: "?") else { return }
            output.append(contentsOf: bytes[copied..<index])
            number += 1
            output.append(UInt8(ascii: "$"))
            output.append(contentsOf: String(number).utf8)
            copied = index + 1
        }
        if number == 0 { return sql }
        output.append(contentsOf: bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    /// The statements of a script split on top-level `;`, each trimmed, empty ones dropped.
    static func statements(_ sql: String) -> [String] {
        let bytes = Array(sql.utf8)
        var statements: [String] = []
        var start = 0
        func add(_ range: Range<Int>) {
            let text = String(decoding: bytes[range], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty, !isOnlyComments(text) { statements.append(text) }
        }
        forEachTopLevelByte(bytes) { index, byte in
            guard byte == UInt8(ascii: ";") else { return }
            add(start..<index)
            start = index + 1
        }
        add(start..<bytes.count)
        return statements
    }

    private static func isOnlyComments(_ text: String) -> Bool {
        var onlyComments = true
        forEachTopLevelByte(Array(text.utf8)) { _, byte in
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): break
            default: onlyComments = false
            }
        }
        return onlyComments
    }

    /// Calls `body` for every byte that is not inside a literal, quoted identifier, dollar quote or comment.
    /// (Multi-byte UTF-8 sequences never contain ASCII bytes, so working on bytes is safe.)
    static func forEachTopLevelByte(_ bytes: [UInt8], _ body: (Int, UInt8) -> Void) {
        let count = bytes.count
        var index = 0
        func isIdentifierByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
        }
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"):
                // E'...' strings take backslash escapes; plain ones only '' .
                let escapes = index > 0 && (bytes[index - 1] == UInt8(ascii: "E") || bytes[index - 1] == UInt8(ascii: "e"))
                    && (index < 2 || !isIdentifierByte(bytes[index - 2]))
                index += 1
                while index < count {
                    if escapes && bytes[index] == UInt8(ascii: "\\") {
                        index += 2
                        continue
                    }
                    if bytes[index] == UInt8(ascii: "'") {
                        if index + 1 < count && bytes[index + 1] == UInt8(ascii: "'") {
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                index += 1
            case UInt8(ascii: "\""):
                index += 1
                while index < count {
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < count && bytes[index + 1] == UInt8(ascii: "\"") {
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                index += 1
            case UInt8(ascii: "-") where index + 1 < count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where index + 1 < count && bytes[index + 1] == UInt8(ascii: "*"):
                var depth = 1
                index += 2
                while index < count && depth > 0 {
                    if bytes[index] == UInt8(ascii: "/") && index + 1 < count && bytes[index + 1] == UInt8(ascii: "*") {
                        depth += 1
                        index += 2
                    } else if bytes[index] == UInt8(ascii: "*") && index + 1 < count && bytes[index + 1] == UInt8(ascii: "/") {
                        depth -= 1
                        index += 2
                    } else {
                        index += 1
                    }
                }
            case UInt8(ascii: "$") where index == 0 || !isIdentifierByte(bytes[index - 1]):
                // $tag$ ... $tag$ with tag empty or an identifier not starting with a digit ($1 is a parameter).
                var end = index + 1
                while end < count && isIdentifierByte(bytes[end]) && bytes[end] < 0x80 { end += 1 }
                let tagIsValid = end < count && bytes[end] == UInt8(ascii: "$")
                    && (end == index + 1 || !(bytes[index + 1] >= UInt8(ascii: "0") && bytes[index + 1] <= UInt8(ascii: "9")))
                guard tagIsValid else {
                    body(index, byte)
                    index += 1
                    continue
                }
                let tag = bytes[index...end]
                var search = end + 1
                var closed = false
                while search + tag.count <= count {
                    if bytes[search] == UInt8(ascii: "$") && bytes[search..<(search + tag.count)].elementsEqual(tag) {
                        closed = true
                        break
                    }
                    search += 1
                }
                index = closed ? search + tag.count : count
            default:
                body(index, byte)
                index += 1
            }
        }
    }

    // MARK: Dates

    /// `YYYY-MM-DD` for a PostgreSQL date (days since 2000-01-01).
    static func date(daysSince2000 days: Int64) -> String {
        if days == Int64(Int32.max) { return "infinity" }
        if days == Int64(Int32.min) { return "-infinity" }
        let (year, month, day) = civil(daysSince1970: days + 10957)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// ISO 8601 (`YYYY-MM-DDTHH:MM:SS[.ffffff]`, with `Z` for timestamptz, which the server sends in UTC).
    static func timestamp(microsecondsSince2000 micros: Int64, utc: Bool) -> String {
        if micros == Int64.max { return "infinity" }
        if micros == Int64.min { return "-infinity" }
        let perDay: Int64 = 86_400_000_000
        var days = micros / perDay
        var rest = micros % perDay
        if rest < 0 {
            rest += perDay
            days -= 1
        }
        let (year, month, day) = civil(daysSince1970: days + 10957)
        let seconds = rest / 1_000_000
        let fraction = rest % 1_000_000
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if fraction != 0 { text += ".\(pad(fraction, 6))" }
        if utc { text += "Z" }
        return text
    }

    /// Year, month, day from days since 1970-01-01, by the domain's calendar arithmetic.
    private static func civil(daysSince1970: Int64) -> (Int64, Int64, Int64) {
        let date = LocalDate(dayNumber: Int(daysSince1970))
        return (Int64(date.year), Int64(date.month), Int64(date.day))
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}
