import Foundation
import CaseworkDomain
import Logging

/// Opens the store the configuration names: PostgreSQL when `DATABASE_URL` is a postgres URL, otherwise a SQLite file.
public enum StoreFactory {
    /// Describes where the data lives, for logs and messages (passwords removed).
    public static func describe(databasePath: String, environment: [String: String]) -> String {
        if let url = postgresURL(environment) {
            return "PostgreSQL at " + url.replacingOccurrences(of: #"//([^:/@]+):[^@]*@"#, with: "//$1:***@", options: .regularExpression)
        }
        return "SQLite file \(databasePath)"
    }

    /// Opens the database (measured for `/metrics`) and wraps it in a store.
    public static func open(databasePath: String, environment: [String: String], clock: any CaseworkClock = SystemClock(), logger: Logger) throws -> CaseworkStore {
        let database: any SQLDatabase
        if let url = postgresURL(environment) {
            database = try PostgresDatabase(url: url, logger: logger)
        } else {
            database = try SQLiteDatabase(path: databasePath)
        }
        return CaseworkStore(database: MeasuredDatabase(database), clock: clock)
    }

    static func postgresURL(_ environment: [String: String]) -> String? {
        guard let url = environment["DATABASE_URL"], url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else { return nil }
        return url
    }
}
