import ArgumentParser
import CaseworkDomain
import CaseworkPlanning
import CaseworkSimulation
import CaseworkStore
import Foundation
import Logging

/// `casework bench allocation-run`: the planners' allocation run at scale. Seeds the WIP (150,000 claims, 2,500 decision
/// makers in 16 units) when the database is empty, times defining the report's operations over every claim, sets an
/// operations plan, then times the full run for all units (read the inputs and compute the plan; target under 2 s)
/// several times, and separately applying it (moves and time).
struct AllocationRunBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocation-run", abstract: "The planners' allocation run across units: defining operations, planning and applying, timed."
    )
    @Option(help: "Claims to seed first (skipped when the database already has claims).") var claims: Int = 150_000
    @Option(name: .customLong("decision-makers"), help: "Decision makers to seed with the claims.") var decisionMakers: Int = 2_500
    @Option(help: "Times to run the plan (read and compute) for the figures.") var runs: Int = 5
    @Flag(name: .customLong("no-apply"), help: "Time the plan only; do not apply it.") var noApply = false
    @Option(help: "Database file (default: a fresh temporary file; DATABASE_URL selects PostgreSQL — use an empty database).") var database: String?

    func run() async throws {
        let (options, cleanup) = try benchOptions(database)
        defer { cleanup() }
        let store = try options.openStore(logger: commandLogger(level: .warning))
        try await store.migrate()
        let planner = Actor(staff: "bench.planner", role: .workflowPlanner, unit: "NWF")
        if try await store.search(ClaimQuery(pageSize: 1), for: planner).total == 0 {
            printError("Seeding \(claims) claims with \(decisionMakers) decision makers…")
            let seeder = Seeder(store: store, passwordHash: PasswordHasher(cost: 4).hash("bench-password"), batchSize: 5_000)
            let summary = try await seeder.seed(claims: claims, referenceDate: inspectionSnapshotDate, seed: 7, decisionMakers: decisionMakers)
            printError("Seeded \(summary.claims) claims, \(summary.staff) staff in \(summary.units) units (\(seconds(summary.elapsed)) s).")
        }
        let total = try await store.search(ClaimQuery(pageSize: 1), for: planner).total
        print("\(options.description): \(total) claims")

        // Defining the report's operations, each over every claim.
        let existing = Set(try await store.operations(for: planner).map(\.operation.code))
        for operation in DemoOperations.operations where !existing.contains(operation.code) {
            let started = ContinuousClock.now
            let status = try await store.defineOperation(OperationDefinitionInput(operation), by: planner)
            print(String(
                format: "define %@: %.3f s over %d claims (%d members, starting figure %d)",
                operation.code, seconds(ContinuousClock.now - started), total, status.members, status.operation.startingFigure
            ))
        }
        for (unit, codes) in DemoOperations.plan { try await store.setOperations(ofUnit: unit, to: codes, by: planner, reason: "Benchmark plan") }

        // The full run for all units: read the inputs, compute the plan.
        var timings: [Double] = []
        var plan: AllocationPlan?
        for _ in 0..<max(1, runs) {
            let started = ContinuousClock.now
            let inputs = try await store.allocationInputs(on: inspectionSnapshotDate, for: planner)
            let read = ContinuousClock.now
            plan = AllocationPlanner.plan(inputs)
            let done = ContinuousClock.now
            timings.append(seconds(done - started))
            print(String(
                format: "allocation run: %.3f s (read %d waiting claims and %d units %.3f s, plan %.3f s): %d moves",
                seconds(done - started), inputs.claims.count, inputs.units.count, seconds(read - started), seconds(done - read), plan!.moves
            ))
        }
        let sorted = timings.sorted()
        print(String(format: "allocation run over %d runs: median %.3f s, worst %.3f s (target under 2 s)", sorted.count, sorted[sorted.count / 2], sorted.last!))
        guard let plan, !noApply else { return try await store.close() }

        let started = ContinuousClock.now
        let result = try await store.applyAllocation(plan.transfers, reason: "Benchmark allocation run", by: planner)
        let elapsed = seconds(ContinuousClock.now - started)
        print(String(format: "apply: %d moves in %.3f s (%.0f moves/s), %d skipped", result.moved, elapsed, Double(result.moved) / max(elapsed, 0.001), result.skipped.count))
        let churn = try await store.churn(for: planner)
        print(String(format: "churn: %d reallocations over %d claims = %.4f per claim", churn.reallocations, churn.claims, churn.perClaim))
        let again = AllocationPlanner.plan(try await store.allocationInputs(on: inspectionSnapshotDate, for: planner))
        print("run again after applying: \(again.moves) moves")
        try await store.close()
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
