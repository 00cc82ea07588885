import ArgumentParser
import CaseworkDomain
import CaseworkStore
import Foundation
import Histogram
import Logging

/// `casework bench allocate`: concurrent "next claim" callers against a seeded WIP, then a check against the event log
/// that no claim was handed out twice and none was lost.
struct AllocationBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "allocate", abstract: "Concurrent 'next claim' callers: latency, and exclusivity checked against the event log.")
    @Option(help: "Claims to seed first (skipped when the database already has claims).") var claims: Int = 150_000
    @Option(help: "Concurrent callers, each a different decision maker.") var clients: Int = 4
    @Option(help: "How long to run, in seconds.") var seconds: Int = 60
    @Option(help: "Database file (default: a fresh temporary file; DATABASE_URL selects PostgreSQL).") var database: String?

    func run() async throws {
        let (options, cleanup) = try benchOptions(database)
        defer { cleanup() }
        let store = try options.openStore(logger: commandLogger(level: .warning))
        try await store.migrate()
        let planner = Actor(staff: "bench.planner", role: .workflowPlanner, unit: "NWF")
        if try await store.search(ClaimQuery(pageSize: 1), for: planner).total == 0 {
            printError("Seeding \(claims) claims…")
            printError(try await seedDatabase(options: options, claims: claims, seed: 7, referenceDate: inspectionSnapshotDate, password: "bench-password"))
        }
        // Callers: decision makers spread over the units, round robin, so every unit's queue is worked at once.
        let deciders = try await store.allStaff().filter { $0.role == .decisionMaker && $0.active }
        let byUnit = Dictionary(grouping: deciders, by: \.unit).values.map { $0.sorted { $0.username < $1.username } }.sorted { $0[0].unit < $1[0].unit }
        var callers: [Actor] = []
        var round = 0
        while callers.count < clients, round < 10_000 {
            for unit in byUnit where round < unit.count && callers.count < clients { callers.append(unit[round].actor) }
            round += 1
        }
        guard callers.count == clients else { throw ValidationError("Only \(callers.count) decision makers to act as callers") }
        print("\(options.description): \(clients) concurrent callers for \(seconds) s")
        let deadline = ContinuousClock.now + .seconds(seconds)
        let results = try await withThrowingTaskGroup(of: ([ClaimReference], [UInt64], Int).self) { group in
            for caller in callers {
                group.addTask {
                    var taken: [ClaimReference] = []
                    var latencies: [UInt64] = []
                    var empty = 0
                    while ContinuousClock.now < deadline {
                        let start = ContinuousClock.now
                        let claim = try await store.nextClaim(for: caller)
                        let elapsed = ContinuousClock.now - start
                        latencies.append(UInt64(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000))
                        if let claim { taken.append(claim.reference) } else { empty += 1; if empty > 3 { break } }
                    }
                    return (taken, latencies, empty)
                }
            }
            return try await group.reduce(into: [([ClaimReference], [UInt64], Int)]()) { $0.append($1) }
        }
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        var handedOut: [ClaimReference] = []
        for (taken, latencies, _) in results {
            handedOut += taken
            for latency in latencies { _ = histogram.record(latency) }
        }
        print(String(format: "next claim: %d calls, %d claims handed out (%.0f/s); p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                     Int(histogram.totalCount), handedOut.count, Double(handedOut.count) / Double(seconds),
                     Double(histogram.valueAtPercentile(50)) / 1000, Double(histogram.valueAtPercentile(99)) / 1000, Double(histogram.max) / 1000))
        // The check: every claim handed out exactly once, and the log holds exactly one queue allocation for each.
        let unique = Set(handedOut)
        let logged = try await store.database.read { connection in
            try await connection.query(
                "SELECT claim_reference, COUNT(*) AS n FROM claim_events WHERE type = 'claim-allocated' AND reason = 'Next claim from the queue' GROUP BY claim_reference"
            )
        }
        let loggedReferences = Set(logged.compactMap { $0["claim_reference"].string.map { ClaimReference($0) } })
        let twiceInLog = logged.filter { ($0["n"].int ?? 0) > 1 }.count
        print("handed out twice: \(handedOut.count - unique.count); allocations in the log: \(logged.count); claims with two queue allocations in the log: \(twiceInLog); handed out but not in the log: \(unique.subtracting(loggedReferences).count); in the log but not handed out: \(loggedReferences.subtracting(unique).count)")
        try await store.close()
        if handedOut.count != unique.count || twiceInLog > 0 || unique != loggedReferences { throw ExitCode.failure }
    }
}
