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
    @Option(help: "Claims each caller holds before handing its oldest back to the queue (keeps queues from running dry).") var hold: Int = 3

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
        // Only this run's events are checked, so the benchmark can be run again on the same database.
        let firstPosition = try await store.database.read { try await $0.queryFirst("SELECT MAX(position) AS p FROM claim_events")?["p"].int64 ?? 0 }
        let started = ContinuousClock.now
        let deadline = started + .seconds(seconds)
        let results = try await withThrowingTaskGroup(of: ([ClaimReference], [UInt64], Int).self) { group in
            for caller in callers {
                group.addTask {
                    var taken: [ClaimReference] = []
                    var latencies: [UInt64] = []
                    var empty = 0
                    var held: [Claim] = []
                    while ContinuousClock.now < deadline {
                        let start = ContinuousClock.now
                        let claim = try await store.nextClaim(for: caller)
                        let elapsed = ContinuousClock.now - start
                        latencies.append(UInt64(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000))
                        if let claim {
                            taken.append(claim.reference)
                            held.append(claim)
                        } else {
                            empty += 1
                            if empty > 3 { break }
                        }
                        if held.count > hold {
                            let oldest = held.removeFirst()
                            do {
                                _ = try await store.perform(.release, on: oldest.reference, expectedVersion: oldest.version, by: caller, reason: "Handed back (benchmark)")
                            } catch let refusal as ValidationFailure where refusal.errors.contains(where: { $0.field == "holder" }) {
                                // The single-owner rule (8.91): the holder may not hand it back; their team leader releases it.
                                let teamLeader = Actor(staff: "bench.tl", role: .teamLeader, unit: caller.unit)
                                _ = try await store.perform(.release, on: oldest.reference, expectedVersion: oldest.version, by: teamLeader, reason: "Released by the team leader (benchmark)")
                            }
                        }
                    }
                    return (taken, latencies, empty)
                }
            }
            return try await group.reduce(into: [([ClaimReference], [UInt64], Int)]()) { $0.append($1) }
        }
        let elapsed = ContinuousClock.now - started
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        var handedOut: [ClaimReference] = []
        for (taken, latencies, _) in results {
            handedOut += taken
            for latency in latencies { _ = histogram.record(latency) }
        }
        print(String(format: "next claim: %d calls in %.1f s, %d claims handed out (%.0f/s); p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                     Int(histogram.totalCount), elapsedSeconds, handedOut.count, Double(handedOut.count) / elapsedSeconds,
                     Double(histogram.valueAtPercentile(50)) / 1000, Double(histogram.valueAtPercentile(99)) / 1000, Double(histogram.max) / 1000))
        // The check, against the event log: replaying each claim's allocations and releases, no claim is ever allocated
        // while someone holds it, and the log's queue allocations are exactly the hand-outs the callers saw.
        let rows = try await store.database.read { connection in
            try await connection.query(
                "SELECT claim_reference, type, reason FROM claim_events WHERE position > ? AND type IN ('claim-allocated', 'claim-released') ORDER BY claim_reference, sequence",
                [.integer(firstPosition)]
            )
        }
        var heldNow: [String: Bool] = [:]
        var doubleHolds = 0
        var loggedHandOuts: [String: Int] = [:]
        for row in rows {
            let reference = row["claim_reference"].string ?? ""
            if row["type"].string == "claim-allocated" {
                if heldNow[reference] == true { doubleHolds += 1 }
                heldNow[reference] = true
                if row["reason"].string == "Next claim from the queue" { loggedHandOuts[reference, default: 0] += 1 }
            } else {
                heldNow[reference] = false
            }
        }
        let seenHandOuts = Dictionary(handedOut.map { ($0.rawValue, 1) }, uniquingKeysWith: +)
        let mismatched = Set(seenHandOuts.keys).union(loggedHandOuts.keys).filter { seenHandOuts[$0] != loggedHandOuts[$0] }.count
        print("distinct claims handed out: \(Set(handedOut).count); allocation events in the log: \(loggedHandOuts.values.reduce(0, +)); allocated while already held: \(doubleHolds); claims whose hand-outs differ from the log: \(mismatched)")
        try await store.close()
        if doubleHolds > 0 || mismatched > 0 { throw ExitCode.failure }
    }
}
