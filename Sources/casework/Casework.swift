import ArgumentParser
import CaseworkDomain
import CaseworkStore
import CaseworkWeb
import Foundation
import Logging

/// The `casework` command: one executable for serving, migrating, managing staff and tokens, seeding and benchmarks.
@main
struct Casework: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casework",
        abstract: "The asylum casework platform.",
        subcommands: [
            Serve.self, Demo.self, Migrate.self, Users.self, Tokens.self, Seed.self, RebuildProjections.self, Bench.self, OpenAPI.self, Priorities.self,
            Schedule.self, ScheduleWeek.self,
        ]
    )
}

/// Where the data lives: `--database PATH` (SQLite, the default) unless `DATABASE_URL` names a PostgreSQL server.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (ignored when DATABASE_URL=postgres://... is set).")
    var database: String = "casework.sqlite"

    func openStore(logger: Logger, clock: any CaseworkClock = SystemClock()) throws -> CaseworkStore {
        try StoreFactory.open(databasePath: database, environment: ProcessInfo.processInfo.environment, clock: clock, logger: logger)
    }

    var description: String { StoreFactory.describe(databasePath: database, environment: ProcessInfo.processInfo.environment) }
}

/// A logger for the commands.
func commandLogger(_ label: String = "casework", level: Logger.Level = .info) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = level
    return logger
}

/// Runs `body` with a store, closing it afterwards whatever happens.
func withStore<T>(_ options: DatabaseOptions, logger: Logger, clock: any CaseworkClock = SystemClock(), _ body: (CaseworkStore) async throws -> T) async throws -> T {
    let store = try options.openStore(logger: logger, clock: clock)
    do {
        let result = try await body(store)
        try await store.close()
        return result
    } catch {
        try? await store.close()
        throw error
    }
}

/// Prints to standard error (progress and messages that are not the command's output).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or bring up to date the database schema.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let applied = try await withStore(options, logger: commandLogger()) { try await $0.migrate() }
        print(applied.isEmpty ? "\(options.description) is up to date." : "Applied to \(options.description):\n" + applied.map { "  \($0)" }.joined(separator: "\n"))
    }
}

struct RebuildProjections: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rebuild-projections", abstract: "Rebuild every current-state table from the event log.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let start = ContinuousClock.now
        let count = try await withStore(options, logger: commandLogger()) { store in
            try await store.migrate()
            return try await store.rebuildProjections { done, total in
                if done % 10_000 < 500 || done == total { printError("  \(done) of \(total) claims") }
            }
        }
        print("Rebuilt \(count) claims from the event log in \(ContinuousClock.now - start).")
    }
}

struct OpenAPI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "openapi", abstract: "Print the OpenAPI document the server publishes at /openapi.yaml.")

    func run() async throws { print(OpenAPIDocument.text, terminator: "") }
}
