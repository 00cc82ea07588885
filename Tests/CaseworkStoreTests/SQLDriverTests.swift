import CaseworkTestSupport
import CaseworkStore
import Foundation
import Logging
import Testing

/// The two drivers through the `SQLDatabase` protocol, each test on SQLite and (when configured) PostgreSQL.
@Suite("SQL drivers")
struct SQLDriverTests {
    private struct Boom: Error {}

    @Test(arguments: TestDatabases.kinds)
    func roundTripsEveryValueType(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { db in
            try await db.transaction { connection in
                try await connection.execute(
                    "CREATE TABLE t (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, s TEXT)")
            }
            let long = String(repeating: "héllo wörld ✓ 🚀 日本語 'quoted' \"double\" ?;\n", count: 2_500)
            #expect(long.count >= 100_000)
            let cases: [(Int64, SQLValue, SQLValue, SQLValue)] = [
                (1, .integer(0), .real(0), .text("")),
                (2, .integer(-1), .real(-0.5), .text("plain")),
                (3, .integer(Int64.max), .real(1e300), .text(long)),
                (4, .integer(Int64.min), .real(0.1 + 0.2), .text("Ünïcödé ✓ 🚀 日本語 عربى")),
                (5, .integer(9_007_199_254_740_993), .real(-123_456.789), .text("it's a ? and a ; and \\")),
                (6, .null, .null, .null),
            ]
            try await db.transaction { connection in
                for (id, i, r, s) in cases {
                    try await connection.execute("INSERT INTO t (id, i, r, s) VALUES (?, ?, ?, ?)", [.integer(id), i, r, s])
                }
            }
            let rows = try await db.read { try await $0.query("SELECT id, i, r, s FROM t ORDER BY id", []) }
            #expect(rows.count == cases.count)
            for (row, expected) in zip(rows, cases) {
                #expect(row.columns == ["id", "i", "r", "s"])
                #expect(row["id"] == .integer(expected.0))
                #expect(row["i"] == expected.1)
                #expect(row["r"] == expected.2)
                #expect(row["s"] == expected.3)
                #expect(row[3] == expected.3)
            }

            // Binds straight back, without a table; a ? inside a literal is not a placeholder.
            let echoed = try await db.read {
                try await $0.queryFirst("SELECT ? AS a, ? AS b, ? AS c, '?' AS q", [.integer(-42), .real(2.5), .text(long)])
            }
            #expect(echoed?["a"] == .integer(-42))
            #expect(echoed?["b"] == .real(2.5))
            #expect(echoed?["c"] == .text(long))
            #expect(echoed?["q"] == .text("?"))
            #expect(echoed?["missing"] == .null)

            let none = try await db.read { try await $0.queryFirst("SELECT id FROM t WHERE id = ?", [.integer(999)]) }
            #expect(none == nil)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aThrowingTransactionRollsBack(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { db in
            try await db.transaction { try await $0.execute("CREATE TABLE t (n BIGINT NOT NULL)") }
            try await db.transaction { try await $0.execute("INSERT INTO t (n) VALUES (?)", [1]) }

            await #expect(throws: Boom.self) {
                try await db.transaction { connection in
                    try await connection.execute("INSERT INTO t (n) VALUES (?)", [2])
                    try await connection.execute("UPDATE t SET n = n + 100", [])
                    throw Boom()
                }
            }
            // A failing statement rolls back the whole transaction too.
            await #expect(throws: SQLError.self) {
                try await db.transaction { connection in
                    try await connection.execute("INSERT INTO t (n) VALUES (?)", [3])
                    try await connection.execute("INSERT INTO t (n) VALUES (?)", [.null])
                }
            }
            // Cancellation, seen by the body, rolls back as well.
            let (inserted, insertedContinuation) = AsyncStream<Void>.makeStream()
            let task = Task {
                try await db.transaction { connection in
                    try await connection.execute("INSERT INTO t (n) VALUES (?)", [4])
                    insertedContinuation.yield()
                    try await Task.sleep(for: .seconds(30))
                }
            }
            for await _ in inserted { break }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }

            // The writer is free again and only the first row is there.
            try await db.transaction { try await $0.execute("INSERT INTO t (n) VALUES (?)", [5]) }
            let rows = try await db.read { try await $0.query("SELECT n FROM t ORDER BY n", []) }
            #expect(rows.map { $0["n"] } == [.integer(1), .integer(5)])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func uniqueViolationsAreReported(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { db in
            try await db.transaction {
                try await $0.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, email TEXT NOT NULL UNIQUE)")
            }
            try await db.transaction { try await $0.execute("INSERT INTO t (id, email) VALUES (?, ?)", [1, "a@example.org"]) }

            for binds: [SQLValue] in [[1, "b@example.org"], [2, "a@example.org"]] {
                let error = await #expect(throws: SQLError.self) {
                    try await db.transaction { try await $0.execute("INSERT INTO t (id, email) VALUES (?, ?)", binds) }
                }
                #expect(error?.isUniqueViolation == true, "\(String(describing: error))")
                #expect(error?.message.isEmpty == false)
                #expect(error?.sql.contains("INSERT INTO t") == true)
            }

            // Other failures are not unique violations, and carry the database's message.
            let notNull = await #expect(throws: SQLError.self) {
                try await db.transaction { try await $0.execute("INSERT INTO t (id, email) VALUES (?, ?)", [3, .null]) }
            }
            #expect(notNull?.isUniqueViolation == false)
            let syntax = await #expect(throws: SQLError.self) {
                try await db.read { try await $0.query("SELEKT 1", []) }
            }
            #expect(syntax?.isUniqueViolation == false)
            #expect(syntax?.message.lowercased().contains("syntax") == true, "\(String(describing: syntax))")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func concurrentTransactionsLoseNoUpdate(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { db in
            try await db.transaction { connection in
                try await connection.execute("CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)")
                try await connection.execute("INSERT INTO counter (id, n) VALUES (1, 0)")
            }
            // Read, then write what was read plus one. SQLite has one writer at a time; PostgreSQL (READ COMMITTED)
            // needs the row locked for that.
            let lock = db.dialect == .postgres ? " FOR UPDATE" : ""
            let tasks = 8
            let increments = 50
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<tasks {
                    group.addTask {
                        for _ in 0..<increments {
                            try await db.transaction { connection in
                                let n = try await connection.queryFirst("SELECT n FROM counter WHERE id = 1" + lock)?["n"].int64 ?? -1
                                try await connection.execute("UPDATE counter SET n = ? WHERE id = 1", [.integer(n + 1)])
                            }
                        }
                    }
                    // Readers at the same time see a consistent, never-decreasing count.
                    group.addTask {
                        var last: Int64 = 0
                        for _ in 0..<increments {
                            let n = try await db.read { try await $0.queryFirst("SELECT n FROM counter WHERE id = 1")?["n"].int64 } ?? -1
                            #expect(n >= last)
                            last = n
                        }
                    }
                }
                try await group.waitForAll()
            }
            let total = try await db.read { try await $0.queryFirst("SELECT n FROM counter WHERE id = 1")?["n"] }
            #expect(total == .integer(Int64(tasks * increments)))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func returningWorks(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { db in
            try await db.transaction { connection in
                try await connection.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT NOT NULL, n BIGINT NOT NULL)")
            }
            let inserted = try await db.transaction { connection in
                try await connection.query("INSERT INTO t (id, name, n) VALUES (?, ?, ?), (?, ?, ?) RETURNING id, name",
                                           [1, "one", 10, 2, "two", 20])
            }
            #expect(inserted.map { $0["id"] } == [.integer(1), .integer(2)])
            #expect(inserted.map { $0["name"] } == [.text("one"), .text("two")])

            let updated = try await db.transaction { connection in
                try await connection.queryFirst("UPDATE t SET n = n + ? WHERE id = ? RETURNING n", [5, 2])
            }
            #expect(updated?["n"] == .integer(25))

            let deleted = try await db.transaction { try await $0.query("DELETE FROM t WHERE id = ? RETURNING name", [1]) }
            #expect(deleted.map { $0["name"] } == [.text("one")])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func executeRunsAScriptOfStatements(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { db in
            try await db.transaction { connection in
                try await connection.execute("""
                    -- a migration; semicolons inside literals and comments do not split it
                    CREATE TABLE a (id BIGINT PRIMARY KEY, note TEXT);
                    /* a block comment; with a semicolon */
                    CREATE TABLE b (id BIGINT PRIMARY KEY, a_id BIGINT REFERENCES a (id));
                    INSERT INTO a (id, note) VALUES (1, 'x; y ''quoted''; ?');
                    INSERT INTO b (id, a_id) VALUES (10, 1);
                    """)
            }
            let row = try await db.read { try await $0.queryFirst("SELECT a.note AS note, b.id AS b FROM a JOIN b ON b.a_id = a.id") }
            #expect(row?["note"] == .text("x; y 'quoted'; ?"))
            #expect(row?["b"] == .integer(10))

            // Foreign keys are enforced on both.
            await #expect(throws: SQLError.self) {
                try await db.transaction { try await $0.execute("INSERT INTO b (id, a_id) VALUES (?, ?)", [11, 99]) }
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aggregatesAndExpressionsRead(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { db in
            try await db.transaction { connection in
                // Booleans are stored as integers on both stores.
                try await connection.execute("CREATE TABLE t (n BIGINT NOT NULL, flag INTEGER NOT NULL)")
                for n in 1...4 {
                    try await connection.execute("INSERT INTO t (n, flag) VALUES (?, ?)", [.integer(Int64(n)), .bool(n % 2 == 0)])
                }
            }
            let row = try await db.read { connection in
                try await connection.queryFirst("SELECT COUNT(*) AS c, SUM(n) AS s, MAX(n) AS m, AVG(n) AS a FROM t")
            }
            #expect(row?["c"] == .integer(4))
            #expect(row?["s"].int == 10)  // SUM(bigint) is numeric on PostgreSQL, read as a real
            #expect(row?["m"] == .integer(4))
            #expect(row?["a"].double == 2.5)
            let flags = try await db.read { try await $0.query("SELECT flag, (n > 2) AS big FROM t ORDER BY n", []) }
            #expect(flags.map { $0["flag"].bool } == [false, true, false, true])
            // A boolean expression reads as 0 or 1 on both (bool on PostgreSQL, integer on SQLite).
            #expect(flags.map { $0["big"] } == [.integer(0), .integer(0), .integer(1), .integer(1)])
        }
    }

    @Test(.enabled(if: TestDatabases.postgresURL != nil, "needs CASEWORK_TEST_POSTGRES_URL"))
    func postgresTypesReadAsSQLValues() async throws {
        try await TestDatabases.with(.postgres) { db in
            let row = try await db.read { connection in
                try await connection.queryFirst("""
                    SELECT 42::int2 AS i2, 42::int4 AS i4, 26::oid AS o, 1.5::float4 AS f4, 1.25::numeric AS num,
                           true AS yes, false AS no, 'x'::varchar AS vc, 'ab'::char(3) AS bp, 'nm'::name AS nm,
                           '{"a": 1}'::json AS js, '{"a": 1}'::jsonb AS jb,
                           DATE '2024-02-29' AS d, DATE '1999-12-31' AS d0,
                           TIMESTAMP '2024-02-29 13:45:01.5' AS ts, TIMESTAMPTZ '2024-02-29 13:45:01+02' AS tz,
                           'e3a1c6f0-0000-4000-8000-000000000001'::uuid AS u, NULL::int8 AS nothing,
                           E'it\\'s; ?' AS esc, $tag$dollar; ?$tag$ AS dollar, ? AS bound
                    """, [.text("ok")])
            }
            let expected: [String: SQLValue] = [
                "i2": .integer(42), "i4": .integer(42), "o": .integer(26), "f4": .real(1.5), "num": .real(1.25),
                "yes": .integer(1), "no": .integer(0), "vc": .text("x"), "bp": .text("ab "), "nm": .text("nm"),
                "js": .text("{\"a\": 1}"), "jb": .text("{\"a\": 1}"),
                "d": .text("2024-02-29"), "d0": .text("1999-12-31"),
                "ts": .text("2024-02-29T13:45:01.500000"), "tz": .text("2024-02-29T11:45:01Z"),
                "u": .text("e3a1c6f0-0000-4000-8000-000000000001"), "nothing": .null,
                "esc": .text("it's; ?"), "dollar": .text("dollar; ?"), "bound": .text("ok"),
            ]
            for (column, value) in expected {
                #expect(row?[column] == value, "\(column)")
            }
        }
    }

    /// A text run again is prepared on the connection and then only bound and executed; its binds' types are part of
    /// the statement, so the same text with a NULL, then text, then an integer still reads each right.
    @Test(.enabled(if: TestDatabases.postgresURL != nil, "needs CASEWORK_TEST_POSTGRES_URL"))
    func postgresPreparesTextsRunAgain() async throws {
        try await TestDatabases.with(.postgres) { db in
            try await db.transaction { try await $0.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, s TEXT)") }
            let (prepared, values) = try await db.read { connection in
                var values: [SQLValue] = []
                for (id, value) in [(1, SQLValue.text("a")), (2, .null), (3, .text("c")), (4, .text("d"))] {
                    try await connection.execute("INSERT INTO t (id, s) VALUES (?, ?)", [.integer(Int64(id)), value])
                }
                for bind in [SQLValue.text("x"), .null, .integer(7), .text("y")] {
                    values.append(try await connection.queryFirst("SELECT ? AS echoed", [bind])?["echoed"] ?? .null)
                }
                let prepared = try await connection.query(
                    "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'cw%' ORDER BY statement", []
                ).map { $0["statement"] }
                return (prepared, values)
            }
            #expect(values == [.text("x"), .null, .integer(7), .text("y")])
            // The first run of each text is unnamed; the later ones are prepared once per bind-type signature.
            #expect(prepared == [
                .text("INSERT INTO t (id, s) VALUES ($1, $2)"), .text("INSERT INTO t (id, s) VALUES ($1, $2)"),
                .text("SELECT $1 AS echoed"), .text("SELECT $1 AS echoed"), .text("SELECT $1 AS echoed"),
            ])
            let rows = try await db.read { try await $0.query("SELECT id, s FROM t ORDER BY id", []) }
            #expect(rows.map { $0["s"] } == [.text("a"), .null, .text("c"), .text("d")])
        }
    }

    /// postgres-nio remembers a failed preparation for the connection's life; a text first prepared inside an aborted
    /// transaction must still run once the transaction is over.
    @Test(.enabled(if: TestDatabases.postgresURL != nil, "needs CASEWORK_TEST_POSTGRES_URL"))
    func postgresPreparationInAnAbortedTransactionDoesNotStick() async throws {
        let url = try #require(TestDatabases.postgresURL)
        let db = try PostgresDatabase(url: url, logger: .init(label: "t"), maximumConnections: 1)
        let probe = "SELECT ? + 1 AS n"
        let first = try await db.read { try await $0.queryFirst(probe, [.integer(1)])?["n"] }
        #expect(first == .integer(2))
        await #expect(throws: SQLError.self) {
            try await db.transaction { connection in
                _ = try? await connection.query("SELECT * FROM no_such_table", [])
                // The transaction is aborted: this, the text's first prepared run, fails.
                _ = try await connection.query(probe, [.integer(2)])
            }
        }
        let after = try await db.read { try await $0.queryFirst(probe, [.integer(3)])?["n"] }
        #expect(after == .integer(4))
        try await db.close()
    }

    @Test func sqliteInMemoryWorks() async throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try await db.transaction { try await $0.execute("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (7);") }
        let n = try await db.read { try await $0.queryFirst("SELECT n FROM t")?["n"] }
        #expect(n == .integer(7))
        try await db.close()
        await #expect(throws: SQLError.self) { try await db.read { try await $0.query("SELECT 1", []) } }
    }

    @Test func sqliteReadsCannotWrite() async throws {
        try await TestDatabases.with(.sqlite) { db in
            try await db.transaction { try await $0.execute("CREATE TABLE t (n INTEGER)") }
            await #expect(throws: SQLError.self) {
                try await db.read { try await $0.execute("INSERT INTO t VALUES (1)") }
            }
        }
    }

    @Test func postgresURLsAreChecked() throws {
        #expect(throws: SQLError.self) { try PostgresDatabase(url: "mysql://x@localhost/db", logger: .init(label: "t")) }
        #expect(throws: SQLError.self) { try PostgresDatabase(url: "postgres://", logger: .init(label: "t")) }
        #expect(throws: SQLError.self) { try PostgresDatabase(url: "postgres://u@h/db?sslmode=bogus", logger: .init(label: "t")) }
    }
}
