import ArgumentParser
import CaseworkDomain
import CaseworkSimulation
import CaseworkStore
import CaseworkWeb
import Foundation
import Histogram
import Hummingbird
import HummingbirdTesting
import Logging

/// Benchmarks, run on a release build. Each prints its figures; targets are in the issue that set them.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks (use a release build: swift run -c release casework bench ...).",
        subcommands: [
            SeedBench.self, ReadBench.self, AllocationBench.self, AllocationRunBench.self, PriorityBench.self, TeamPageBench.self, BookingBench.self, ScheduleBench.self, QualityBench.self,
        ]
    )
}

/// Opens the named store, or a fresh temporary SQLite file when no database is named and DATABASE_URL is unset.
func benchOptions(_ database: String?) throws -> (DatabaseOptions, cleanup: () -> Void) {
    if let database { return (try DatabaseOptions.parse(["--database", database]), {}) }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("casework-bench-\(UUID().uuidString).sqlite").path
    return (try DatabaseOptions.parse(["--database", path]), {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    })
}

struct SeedBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Seed N claims into a fresh database: events per second and peak memory.")
    @Option(help: "How many claims.") var claims: Int = 200_000
    @Option(help: "Database file (default: a fresh temporary file; DATABASE_URL selects PostgreSQL — use an empty database).") var database: String?

    func run() async throws {
        let (options, cleanup) = try benchOptions(database)
        defer { cleanup() }
        print(try await seedDatabase(options: options, claims: claims, seed: 7, referenceDate: inspectionSnapshotDate, password: "bench-password"))
    }
}

struct ReadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read", abstract: "Read claim pages and API records in-process (the real router, no network): p50, p99."
    )
    @Option(help: "Claims to seed first (skipped when the database already has claims).") var claims: Int = 200_000
    @Option(help: "Reads of each kind to time.") var samples: Int = 5_000
    @Option(help: "Database file (default: a fresh temporary file; DATABASE_URL selects PostgreSQL).") var database: String?

    func run() async throws {
        let (options, cleanup) = try benchOptions(database)
        defer { cleanup() }
        let logger = commandLogger(level: .warning)
        let store = try options.openStore(logger: logger)
        try await store.migrate()
        let reader = Actor(staff: "bench.reader", role: .workflowPlanner, unit: "NWF")
        var existing = try await store.search(ClaimQuery(pageSize: 1), for: reader).total
        if existing == 0 {
            printError("Seeding \(claims) claims…")
            printError(try await seedDatabase(options: options, claims: claims, seed: 7, referenceDate: inspectionSnapshotDate, password: "bench-password"))
            existing = try await store.search(ClaimQuery(pageSize: 1), for: reader).total
        }
        if try await store.staff(reader.staff) == nil {
            try await store.saveUnit(CaseworkUnit(code: reader.unit, name: "National workflow", kind: "national"))
            try await store.addStaff(StaffMember(username: reader.staff, displayName: "Bench reader", role: reader.role, unit: reader.unit), passwordHash: PasswordHasher(cost: 4).hash("bench-password"))
        }
        let token = try await store.createAPIToken(name: "bench", for: reader.staff)
        let member = try await store.staff(reader.staff)!
        let (sessionToken, _) = try await store.createSession(for: member)
        let router = try await buildRouter(store: store, configuration: WebConfiguration(secureCookies: false))
        let app = Application(router: router, logger: logger)
        let total = existing
        print("\(options.description): \(total) claims; timing \(samples) reads of each kind")
        try await app.test(.router) { client in
            var random = SeededRandom(seed: 42)
            let kinds: [(String, String, HTTPFields)] = [
                ("API record  GET /api/v1/claims/{ref}", "/api/v1/claims/", [.authorization: "Bearer \(token)"]),
                ("Claim page  GET /claims/{ref}       ", "/claims/", [.cookie: "casework_session=\(sessionToken)"]),
            ]
            for (name, path, headers) in kinds {
                var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
                for index in 0..<(samples + 200) {
                    let reference = ClaimReference.numbered(Int.random(in: 1...total, using: &random))
                    let start = ContinuousClock.now
                    let response = try await client.execute(uri: path + reference.rawValue, method: .get, headers: headers)
                    let elapsed = ContinuousClock.now - start
                    guard response.status == .ok else { throw ValidationError("\(path)\(reference) answered \(response.status)") }
                    if index >= 200 { _ = histogram.record(UInt64(elapsed.components.attoseconds / 1_000_000_000_000 + elapsed.components.seconds * 1_000_000)) }
                }
                print(String(format: "%@  p50 %.3f ms  p99 %.3f ms  max %.3f ms", name, Double(histogram.valueAtPercentile(50)) / 1000, Double(histogram.valueAtPercentile(99)) / 1000, Double(histogram.max) / 1000))
            }
        }
        try await store.close()
    }
}
