import CaseworkStore
import Foundation
import Logging

/// The stores tests run on, each test on a fresh, empty database of its own.
///
/// SQLite always (a new temporary file per database); PostgreSQL too when `CASEWORK_TEST_POSTGRES_URL` names a
/// server (`scripts/test` starts one and sets it): each database is then a new `casework_test_<random>` database
/// on that server, so tests running in parallel never see each other's rows.
///
/// Use it like this:
///
///     @Test(arguments: TestDatabases.kinds)
///     func something(_ kind: TestDatabases.Kind) async throws {
///         try await TestDatabases.with(kind) { db in
///             try await db.transaction { try await $0.execute("CREATE TABLE t (n BIGINT)") }
///             ...
///         }
///     }
///
/// `with` closes the database and deletes it afterwards, even when the body throws. `make` hands one over for you
/// to close (its file or PostgreSQL database is then left behind until the test run's server or temp folder goes).
public enum TestDatabases {
    /// A kind of store.
    public enum Kind: String, Sendable, CaseIterable, CustomStringConvertible {
        case sqlite
        case postgres

        public var description: String { rawValue }
    }

    /// The environment variable naming the PostgreSQL server to test on, e.g. `postgres://postgres@127.0.0.1:5432/postgres`.
    public static let postgresURLVariable = "CASEWORK_TEST_POSTGRES_URL"

    /// The server's URL, when PostgreSQL tests are on.
    public static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment[postgresURLVariable], !url.isEmpty else { return nil }
        return url
    }

    /// The kinds to run each test on: SQLite, and PostgreSQL when `CASEWORK_TEST_POSTGRES_URL` is set.
    public static var kinds: [Kind] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A fresh, empty database of the kind. Close it when done (or use `with`).
    public static func make(_ kind: Kind) async throws -> any SQLDatabase {
        try await makeWithCleanup(kind).database
    }

    /// Runs `body` with a fresh, empty database of the kind, then closes and deletes it.
    public static func with<T: Sendable>(_ kind: Kind, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let (database, cleanup) = try await makeWithCleanup(kind)
        do {
            let value = try await body(database)
            try? await database.close()
            await cleanup()
            return value
        } catch {
            try? await database.close()
            await cleanup()
            throw error
        }
    }

    // MARK: Making them

    private static let logger = Logger(label: "casework.tests.database")

    private static func makeWithCleanup(_ kind: Kind) async throws -> (database: any SQLDatabase, cleanup: @Sendable () async -> Void) {
        switch kind {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("casework-test-\(UUID().uuidString).sqlite").path
            let database = try SQLiteDatabase(path: path)
            return (database, {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            })
        case .postgres:
            guard let serverURL = postgresURL else {
                throw SQLError(message: "\(postgresURLVariable) is not set", sql: "")
            }
            let name = "casework_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let admin = try PostgresDatabase(url: serverURL, logger: logger, maximumConnections: 1)
            do {
                try await admin.read { try await $0.execute("CREATE DATABASE \(name)") }
            } catch {
                try? await admin.close()
                throw error
            }
            try? await admin.close()
            let database = try PostgresDatabase(url: try url(serverURL, database: name), logger: logger)
            return (database, {
                guard let admin = try? PostgresDatabase(url: serverURL, logger: logger, maximumConnections: 1) else { return }
                _ = try? await admin.read { try await $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
                try? await admin.close()
            })
        }
    }

    /// The server URL with its database name replaced.
    private static func url(_ serverURL: String, database: String) throws -> String {
        guard var components = URLComponents(string: serverURL) else {
            throw SQLError(message: "\(postgresURLVariable) is not a URL", sql: "")
        }
        components.path = "/" + database
        guard let url = components.string else {
            throw SQLError(message: "cannot build a URL for database \(database)", sql: "")
        }
        return url
    }
}
