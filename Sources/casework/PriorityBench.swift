import ArgumentParser
import CaseworkDomain
import CaseworkStore
import Foundation
import Logging

/// `casework bench priorities`: adopting a new priority policy recomputes every claim's priority in the adopting
/// transaction; this times it at the 150,000 claims (target: under 3 s on each store).
///
/// Each round adopts the next version with two tiers swapped (flow and legacy by default, which moves nearly every
/// claim), so every round rewrites most rows; the last line checks the store afterwards with a full recompute, which
/// must find nothing to change.
struct PriorityBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "priorities", abstract: "Adopt new priority policy versions at 150,000 claims: seconds to recompute every claim's priority."
    )
    @Option(help: "Claims to seed first (skipped when the database already has claims).") var claims: Int = 150_000
    @Option(help: "Policy versions to adopt, one after another.") var rounds: Int = 3
    @Option(help: "The two tasking categories to swap each round.") var swap: String = "flow,legacy"
    @Option(help: "Database file (default: a fresh temporary file; DATABASE_URL selects PostgreSQL).") var database: String?

    func run() async throws {
        let pair = swap.split(separator: ",").compactMap { TaskingCategory(rawValue: String($0)) }
        guard pair.count == 2, pair[0] != pair[1] else { throw ValidationError("--swap must name two different categories, e.g. flow,legacy") }
        let (options, cleanup) = try benchOptions(database)
        defer { cleanup() }
        let store = try options.openStore(logger: commandLogger(level: .warning))
        try await store.migrate()
        let planner = Actor(staff: "bench.planner", role: .workflowPlanner, unit: "NWF")
        var total = try await store.search(ClaimQuery(pageSize: 1), for: planner).total
        if total == 0 {
            printError("Seeding \(claims) claims…")
            printError(try await seedDatabase(options: options, claims: claims, seed: 7, referenceDate: inspectionSnapshotDate, password: "bench-password"))
            total = try await store.search(ClaimQuery(pageSize: 1), for: planner).total
        }
        print("\(options.description): \(total) claims; \(rounds) policy adoptions, each swapping \(pair[0].rawValue) and \(pair[1].rawValue)")
        var worst = 0.0
        for _ in 0..<rounds {
            let inForce = try await store.planningState().priorityPolicy
            var order = inForce.tierOrder
            let (first, second) = (order.firstIndex(of: pair[0])!, order.firstIndex(of: pair[1])!)
            order.swapAt(first, second)
            let next = try PriorityPolicy(
                version: inForce.version + 1, name: "Benchmark: \(inForce.tierOrder[first].title) and \(inForce.tierOrder[second].title) swapped",
                tierOrder: order, unaccompaniedChildCategory: inForce.unaccompaniedChildCategory, priorityOnRequestCategory: inForce.priorityOnRequestCategory,
                safeguardingSeverity: inForce.safeguardingSeverity, markerSeverity: inForce.markerSeverity,
                nationalReferralMechanismSeverity: inForce.nationalReferralMechanismSeverity, unaccompaniedChildSeverity: inForce.unaccompaniedChildSeverity,
                priorityOnRequestSeverity: inForce.priorityOnRequestSeverity
            )
            let start = ContinuousClock.now
            let (_, recompute) = try await store.adoptPriorityPolicy(next, by: planner, reason: "casework bench priorities")
            let seconds = Self.seconds(ContinuousClock.now - start)
            worst = max(worst, seconds)
            print(String(
                format: "version %d adopted: %d claims recomputed, %d changed tier, %d changed place; %.3f s (target < 3 s)",
                recompute.policyVersion, recompute.claims, recompute.tierChanges, recompute.orderChanges, seconds
            ))
        }
        let start = ContinuousClock.now
        let check = try await store.recomputePriorities()
        print(String(
            format: "slowest adoption %.3f s; a full recompute afterwards found %d changes in %.3f s",
            worst, check.orderChanges, Self.seconds(ContinuousClock.now - start)
        ))
        try await store.close()
        if check.orderChanges > 0 { throw ExitCode.failure }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
