import CSQLite
import Synchronization

/// SQLite through its C API: one writer connection behind a FIFO async lock, and a small pool of reader
/// connections that read beside the writer (WAL).
///
/// The connections' `async` methods do the SQLite work synchronously on the calling task, with no hop to another
/// thread: statements are short and cached, and a hop would cost more than most of them.
public final class SQLiteDatabase: SQLDatabase {
    public let dialect: SQLDialect = .sqlite
    /// The file this database lives in, or `:memory:`.
    public let path: String

    /// The one connection that writes. Used only while `writerLock` is held.
    private let writer: SQLiteConnection
    private let writerLock = AsyncSemaphore(permits: 1)
    /// One permit per reader connection that may be open at once.
    private let readerSlots: AsyncSemaphore
    private let readerLimit: Int
    /// True for `:memory:`: there is one connection, the writer, lent for reads too (under the writer lock).
    private let inMemory: Bool
    private let state = Mutex(State())
    private let checkpointer: WALCheckpointer?

    private struct State {
        var closed = false
        /// Reader connections open and not lent.
        var idleReaders: [SQLiteConnection] = []
    }

    /// Opens (creating if missing) the database at `path`; `":memory:"` makes a private in-memory database.
    ///
    /// - Parameters:
    ///   - path: A file path, or `":memory:"`.
    ///   - readers: How many reader connections may be open at once; they are opened when first needed.
    public init(path: String, readers: Int = 4) throws {
        self.path = path
        self.inMemory = path == ":memory:"
        self.readerLimit = max(1, readers)
        self.readerSlots = AsyncSemaphore(permits: max(1, readers))
        self.writer = try SQLiteConnection(
            path: path,
            flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
            pragmas: [
                "PRAGMA journal_mode = WAL",
                "PRAGMA synchronous = NORMAL",
                "PRAGMA foreign_keys = ON",
                "PRAGMA busy_timeout = 10000",
                "PRAGMA cache_size = -32000",  // 32 MiB
                "PRAGMA temp_store = MEMORY",
                "PRAGMA wal_autocheckpoint = \(WALCheckpointer.backstopPages)",
            ]
        )
        self.checkpointer = inMemory ? nil : try WALCheckpointer(path: path)
    }

    public func read<T: Sendable>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        if inMemory {
            try await writerLock.acquire()
            defer { writerLock.release() }
            try checkOpen()
            return try await body(writer)
        }
        try await readerSlots.acquire()
        let connection: SQLiteConnection
        do {
            connection = try takeReader()
        } catch {
            readerSlots.release()
            throw error
        }
        defer {
            // A body that left a transaction open must not hand it to the next reader.
            connection.rollbackIfInTransaction()
            state.withLock { $0.idleReaders.append(connection) }
            readerSlots.release()
        }
        return try await body(connection)
    }

    public func transaction<T: Sendable>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await writerLock.acquire()
        defer { writerLock.release() }
        try checkOpen()
        try writer.run("BEGIN IMMEDIATE", [])
        do {
            let value = try await body(writer)
            try writer.run("COMMIT", [])
            return value
        } catch {
            // Also on cancellation, and when COMMIT itself failed (say, SQLITE_BUSY): undo whatever is still open.
            writer.rollbackIfInTransaction()
            throw error
        }
    }

    public func close() async throws {
        try await writerLock.acquire()
        defer { writerLock.release() }
        let alreadyClosed = state.withLock { state in
            let was = state.closed
            state.closed = true
            return was
        }
        if alreadyClosed { return }
        checkpointer?.stop()
        // Wait until no reader is lent: take every slot, then close what is idle (which is then everything).
        if !inMemory {
            for _ in 0..<readerLimit { try await readerSlots.acquire() }
            let readers = state.withLock { state in
                let readers = state.idleReaders
                state.idleReaders = []
                return readers
            }
            for reader in readers { reader.close() }
            // Waiters behind us wake and find the database closed.
            for _ in 0..<readerLimit { readerSlots.release() }
        }
        writer.close()
    }

    private func checkOpen() throws {
        if state.withLock({ $0.closed }) {
            throw SQLError(message: "the database is closed", sql: "")
        }
    }

    /// An idle reader, or a new one. Called holding a reader slot, so at most `readerLimit` are ever open.
    private func takeReader() throws -> SQLiteConnection {
        let idle: SQLiteConnection?? = state.withLock { state in
            if state.closed { return .none }
            return .some(state.idleReaders.popLast())
        }
        guard let idle else { throw SQLError(message: "the database is closed", sql: "") }
        if let idle { return idle }
        return try SQLiteConnection(
            path: path,
            flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
            pragmas: [
                "PRAGMA busy_timeout = 10000",
                "PRAGMA foreign_keys = ON",
                "PRAGMA cache_size = -16000",  // 16 MiB
                "PRAGMA temp_store = MEMORY",
                "PRAGMA query_only = ON",  // reads only: a write through `read` is an error, not a surprise
            ]
        )
    }
}

// MARK: - Connection

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the bind call returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
/// Extended result codes (macros Swift does not import).
private let sqliteConstraintPrimaryKey: Int32 = 1555  // SQLITE_CONSTRAINT | (6 << 8)
private let sqliteConstraintUnique: Int32 = 2067  // SQLITE_CONSTRAINT | (8 << 8)

/// One SQLite connection and its cache of prepared statements.
///
/// `@unchecked Sendable` is safe because a connection is only ever used by one task at a time: the writer only while
/// `SQLiteDatabase`'s writer lock is held, a reader only between taking it from and giving it back to the idle list
/// (under a reader slot). Nothing else touches `handle` or `statements`. SQLite is opened with `NOMUTEX` for the
/// same reason.
final class SQLiteConnection: SQLConnection, @unchecked Sendable {
    private let handle: OpaquePointer
    /// Prepared statements by SQL text, reset and cleared after each use.
    private var statements: [String: OpaquePointer] = [:]
    private var isOpen = true
    private static let statementCacheLimit = 512

    init(path: String, flags: Int32, pragmas: [String]) throws {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(db)
            throw SQLError(message: "cannot open SQLite database at \(path): \(message)", sql: "")
        }
        self.handle = db
        sqlite3_extended_result_codes(db, 1)
        do {
            for pragma in pragmas { try exec(pragma) }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    func close() {
        guard isOpen else { return }
        isOpen = false
        for statement in statements.values { sqlite3_finalize(statement) }
        statements = [:]
        sqlite3_close_v2(handle)
    }

    // MARK: SQLConnection

    func execute(_ sql: String, _ binds: [SQLValue]) async throws {
        try run(sql, binds)
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try run(sql, binds, collectRows: true)
    }

    // MARK: Work

    /// Runs one statement (or, with no binds, a script of several) and returns its rows when asked to.
    @discardableResult
    func run(_ sql: String, _ binds: [SQLValue], collectRows: Bool = false) throws -> [SQLRow] {
        guard isOpen else { throw SQLError(message: "the connection is closed", sql: sql) }
        switch try prepare(sql) {
        case .statement(let statement):
            return try step(statement, sql: sql, binds: binds, collectRows: collectRows)
        case .empty:
            return []
        case .script:
            guard binds.isEmpty, !collectRows else {
                throw SQLError(message: "several statements in one string can only be executed, without binds", sql: sql)
            }
            try exec(sql)
            return []
        }
    }

    /// Rolls back an open transaction, if any (after a failure or a body that left one open).
    func rollbackIfInTransaction() {
        guard isOpen, sqlite3_get_autocommit(handle) == 0 else { return }
        _ = try? run("ROLLBACK", [])
    }

    private enum Prepared {
        case statement(OpaquePointer)
        /// Only whitespace or comments.
        case empty
        /// More than one statement.
        case script
    }

    private func prepare(_ sql: String) throws -> Prepared {
        if let cached = statements[sql] { return .statement(cached) }
        var statement: OpaquePointer?
        var hasMore = false
        let rc = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            if rc == SQLITE_OK, let tail, tail.pointee != 0 {
                hasMore = Self.tailHasStatement(tail, handle: handle)
            }
            return rc
        }
        guard rc == SQLITE_OK else { throw error(sql: sql) }
        guard let statement else { return .empty }
        if hasMore {
            sqlite3_finalize(statement)
            return .script
        }
        if statements.count >= Self.statementCacheLimit {
            for cached in statements.values { sqlite3_finalize(cached) }
            statements.removeAll(keepingCapacity: true)
        }
        statements[sql] = statement
        return .statement(statement)
    }

    /// Whether the text after the first statement holds another statement (not just `;`, spaces or comments).
    private static func tailHasStatement(_ tail: UnsafePointer<CChar>, handle: OpaquePointer) -> Bool {
        var cursor = tail
        while cursor.pointee != 0 {
            switch UInt8(bitPattern: cursor.pointee) {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ";"):
                cursor += 1
            default:
                // Something is left: let SQLite say whether it is a statement or only comments.
                var next: OpaquePointer?
                var nextTail: UnsafePointer<CChar>?
                let rc = sqlite3_prepare_v2(handle, cursor, -1, &next, &nextTail)
                if let next {
                    sqlite3_finalize(next)
                    return true
                }
                // A syntax error in a later statement: run it as a script so the error is reported from there.
                if rc != SQLITE_OK { return true }
                guard let nextTail, nextTail != cursor else { return false }
                cursor = nextTail
            }
        }
        return false
    }

    private func step(_ statement: OpaquePointer, sql: String, binds: [SQLValue], collectRows: Bool) throws -> [SQLRow] {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        let parameterCount = Int(sqlite3_bind_parameter_count(statement))
        guard parameterCount == binds.count else {
            throw SQLError(message: "the statement takes \(parameterCount) binds, but \(binds.count) were given", sql: sql)
        }
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(statement, index)
            case .integer(let integer):
                rc = sqlite3_bind_int64(statement, index, integer)
            case .real(let real):
                rc = sqlite3_bind_double(statement, index, real)
            case .text(let text):
                var text = text
                rc = text.withUTF8 { bytes -> Int32 in
                    guard let base = bytes.baseAddress, !bytes.isEmpty else {
                        // An empty string must bind as '' (a nil pointer would bind NULL).
                        return sqlite3_bind_text(statement, index, "", 0, sqliteTransient)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text64(statement, index, $0, sqlite3_uint64(bytes.count), sqliteTransient, UInt8(SQLITE_UTF8))
                    }
                }
            }
            guard rc == SQLITE_OK else { throw error(sql: sql) }
        }

        var rows: [SQLRow] = []
        var columns: [String] = []
        let columnCount = sqlite3_column_count(statement)
        if collectRows {
            columns.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                columns.append(sqlite3_column_name(statement, column).map { String(cString: $0) } ?? "")
            }
        }
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(sql: sql) }
            guard collectRows else { continue }
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                values.append(Self.value(statement, column))
            }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    private static func value(_ statement: OpaquePointer, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(statement, column))
        case SQLITE_NULL:
            return .null
        case SQLITE_BLOB:
            // No blobs in this schema; read one as UTF-8 text.
            let bytes = sqlite3_column_blob(statement, column)
            let count = Int(sqlite3_column_bytes(statement, column))
            guard let bytes, count > 0 else { return .text("") }
            return .text(String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self))
        default:  // SQLITE_TEXT
            // Text first, then its length in bytes (the order SQLite documents).
            let text = sqlite3_column_text(statement, column)
            let count = Int(sqlite3_column_bytes(statement, column))
            guard let text, count > 0 else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        }
    }

    /// Runs SQL text of one or more statements with no binds (migrations, pragmas).
    private func exec(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc != SQLITE_OK else { return }
        let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
        sqlite3_free(message)
        throw SQLError(message: text, sql: sql, isUniqueViolation: Self.isUniqueViolation(sqlite3_extended_errcode(handle)))
    }

    private func error(sql: String) -> SQLError {
        let code = sqlite3_extended_errcode(handle)
        return SQLError(message: String(cString: sqlite3_errmsg(handle)), sql: sql, isUniqueViolation: Self.isUniqueViolation(code))
    }

    private static func isUniqueViolation(_ code: Int32) -> Bool {
        code == sqliteConstraintUnique || code == sqliteConstraintPrimaryKey
    }
}

// MARK: - FIFO async semaphore

/// A counting semaphore for tasks: `acquire` suspends (no spinning) until a permit is free, and permits go to waiters
/// in the order they arrived. A task cancelled while waiting stops waiting and gets `CancellationError`.
final class AsyncSemaphore: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var permits: Int
        /// FIFO from `head`; a cancelled waiter leaves a nil behind.
        var waiters: [Waiter?] = []
        var head = 0
        var nextID: UInt64 = 0
    }

    private enum Outcome {
        case acquired, queued, cancelled
    }

    private let state: Mutex<State>

    init(permits: Int) {
        state = Mutex(State(permits: permits))
    }

    func acquire() async throws {
        // Fast path: a free permit (there are then no waiters, since release hands permits to waiters first).
        let id: UInt64? = state.withLock { state in
            if state.permits > 0 {
                state.permits -= 1
                return nil
            }
            state.nextID &+= 1
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Outcome = state.withLock { state in
                    // Checked under the lock, so either this sees the cancellation or `onCancel` sees the waiter.
                    if Task.isCancelled { return .cancelled }
                    if state.permits > 0 {
                        state.permits -= 1
                        return .acquired
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return .queued
                }
                switch outcome {
                case .acquired: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: break
                }
            }
        } onCancel: {
            let continuation: CheckedContinuation<Void, any Error>? = state.withLock { state in
                for index in state.head..<state.waiters.count where state.waiters[index]?.id == id {
                    let waiter = state.waiters[index]
                    state.waiters[index] = nil
                    return waiter?.continuation
                }
                return nil  // already granted a permit: the caller owns it and will release it
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    func release() {
        let next: CheckedContinuation<Void, any Error>? = state.withLock { state in
            while state.head < state.waiters.count {
                let waiter = state.waiters[state.head]
                state.waiters[state.head] = nil
                state.head += 1
                if state.head > 256 && state.head * 2 > state.waiters.count {
                    state.waiters.removeFirst(state.head)
                    state.head = 0
                }
                if let waiter { return waiter.continuation }
            }
            state.waiters.removeAll(keepingCapacity: true)
            state.head = 0
            state.permits += 1
            return nil
        }
        next?.resume()
    }
}
