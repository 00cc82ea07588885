import PostgresNIO

/// Which SQL texts are run as named prepared statements on PostgreSQL, and under what names.
///
/// An unnamed statement is parsed and planned on every run; for the short statements of completing and serving a
/// decision, planning costs more than executing (issue 5: the gate check's plan took 0.16–0.23 ms against 0.06–0.10 ms
/// to run). So a text run a second time is prepared, once per pooled connection (postgres-nio keeps the
/// per-connection record), and from then on only bound and executed.
///
/// A name covers one SQL text *and* one set of bind types, since a statement is prepared with the types of the binds it
/// is first run with, as an unnamed statement is each time (a NULL bind is untyped and the server infers its type;
/// the same text with that bind as text is a different statement). Texts that are not worth keeping (a batch insert
/// with a new row count, say) stop being prepared once `preparedLimit` names are in use, so that what each connection
/// holds on the server stays bounded.
struct PostgresStatements: Sendable {
    struct Plan: Sendable {
        /// The SQL with `$n` placeholders.
        var sql: String
        /// The prepared statement's name, or nil to run it unnamed.
        var preparedName: String?
    }

    /// Names in use at most, across texts and bind types.
    static let preparedLimit = 2_000
    /// Texts remembered at most (their `$n` form and use count); the cache starts afresh beyond it.
    static let textLimit = 8_192
    /// Times a text may be prepared afresh after failing (see `forget`) before it is only run unnamed.
    static let generationLimit = 4

    private struct Entry {
        var sql: String
        var number: Int
        var uses = 0
        var generation = 0
        /// Bind-type signature → its number within this text and generation.
        var signatures: [String: Int] = [:]
    }

    private var entries: [String: Entry] = [:]
    private var nextNumber = 0
    private var preparedCount = 0

    mutating func plan(_ sql: String, _ binds: [SQLValue]) -> Plan {
        // Every statement comes through here: the text is hashed once, and its entry changed where it lies.
        let position: Dictionary<String, Entry>.Index
        if let found = entries.index(forKey: sql) {
            position = found
        } else {
            if entries.count >= Self.textLimit {
                entries.removeAll(keepingCapacity: true)  // names already prepared stay valid: numbers are never reused
            }
            nextNumber += 1
            entries[sql] = Entry(sql: PostgresSQLText.numberingPlaceholders(sql), number: nextNumber)
            position = entries.index(forKey: sql)!
        }
        return Self.plan(&entries.values[position], binds, preparedCount: &preparedCount)
    }

    private static func plan(_ entry: inout Entry, _ binds: [SQLValue], preparedCount: inout Int) -> Plan {
        entry.uses += 1
        guard entry.uses >= 2, entry.generation < generationLimit else { return Plan(sql: entry.sql) }

        let signature = signature(binds)
        let index: Int
        if let known = entry.signatures[signature] {
            index = known
        } else {
            guard preparedCount < preparedLimit else { return Plan(sql: entry.sql) }
            preparedCount += 1
            index = entry.signatures.count
            entry.signatures[signature] = index
        }
        // Short enough never to be truncated at PostgreSQL's 63-byte identifier limit.
        return Plan(sql: entry.sql, preparedName: "cw\(entry.number)g\(entry.generation)s\(index)")
    }

    /// postgres-nio remembers a failed preparation against its name for the connection's life, and a statement
    /// prepared before a schema change may no longer run; in either case the text moves to a new generation of
    /// names, to be prepared afresh where it runs next.
    mutating func forget(_ sql: String) {
        guard var entry = entries[sql] else { return }
        entry.generation += 1
        entry.signatures.removeAll()
        entries[sql] = entry
    }

    /// Whether `error` may come from preparing a statement (rather than from running it, as a unique violation
    /// does): a syntax or undefined-object error (class 42), a statement in a transaction already aborted (25P02),
    /// a plan made stale by a schema change (0A000), or an unknown statement name (26000).
    static func mayHaveFailedPreparation(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("42") || state == "25P02" || state == "0A000" || state == "26000"
    }

    private static func signature(_ binds: [SQLValue]) -> String {
        var signature = ""
        signature.reserveCapacity(binds.count)
        for bind in binds {
            switch bind {
            case .null: signature.append("n")
            case .integer: signature.append("i")
            case .real: signature.append("r")
            case .text: signature.append("t")
            }
        }
        return signature
    }
}

/// A prepared statement whose SQL is known only at run time.
///
/// postgres-nio's `PostgresPreparedStatement` takes its name and SQL from static members (it expects one type per
/// statement); these read them from a task-local value, bound around each execution, which is when postgres-nio reads
/// them.
struct RuntimePreparedStatement: PostgresPreparedStatement {
    struct Text: Sendable {
        var name: String
        var sql: String
    }

    @TaskLocal static var text = Text(name: "", sql: "")

    static var name: String { text.name }
    static var sql: String { text.sql }

    typealias Row = PostgresRow

    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}
