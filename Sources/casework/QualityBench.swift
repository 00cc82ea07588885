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

/// `casework bench quality`: a year of national decision-making (about 150,000 decisions served from 320,000 claims,
/// with their samples, checks and appeals, `SyntheticProfile.nationalDecisionYear`), then
/// - the sampling decision as completing a decision takes it (`previewDecisionSample` runs the same reads and rules as
///   `completeDecision`, without writing), and the service-gate check as serving takes it (`serviceGates`), p50 and p99;
/// - a unit's month of quality figures (`unitQuality`), and the quality page rendered through the real router, for
///   every decision-making unit and each of the twelve months, p50 and p95.
struct QualityBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality", abstract: "Sampling and service gates (p99) and a unit's quality view over a national year (p95)."
    )
    @Option(help: "Claims to seed first (skipped when the database already has claims).") var claims: Int = 320_000
    @Option(help: "Sampling decisions and gate checks to time, of each.") var samples: Int = 2_000
    @Option(help: "Rounds over every unit and month of the quality view.") var rounds: Int = 2
    @Option(help: "Database file (default: a fresh temporary file; DATABASE_URL selects PostgreSQL — use an empty database).") var database: String?

    func run() async throws {
        let (options, cleanup) = try benchOptions(database)
        defer { cleanup() }
        let logger = commandLogger(level: .warning)
        let today = inspectionSnapshotDate
        let clock = FixedClock(Instant(startOf: today).adding(milliseconds: 17 * 3_600_000))
        let store = try options.openStore(logger: logger, clock: clock)
        try await store.migrate()
        let reader = Actor(staff: "bench.assurance", role: .assurance, unit: "PAIR")
        if try await store.search(ClaimQuery(pageSize: 1), for: reader).total == 0 {
            printError("Seeding a national decision year: \(claims) claims…")
            let reporter = ProgressReporter(total: claims)
            let summary = try await Seeder(store: store, passwordHash: PasswordHasher(cost: 4).hash("bench-password"), batchSize: 5_000)
                .seed(claims: claims, referenceDate: today, seed: 7, profile: .nationalDecisionYear) { done, _, events in reporter.report(done: done, events: events) }
            let seconds = Double(summary.elapsed.components.seconds) + Double(summary.elapsed.components.attoseconds) / 1e18
            print(String(format: "Seeded %d claims, %d events in %.1f s (%.0f events/s); peak memory %.0f MB", summary.claims, summary.events, seconds, Double(summary.events) / seconds, peakResidentMegabytes()))
        }
        if try await store.staff(reader.staff) == nil {
            try await store.saveUnit(CaseworkUnit(code: reader.unit, name: "Performance Assurance and Improvement", kind: "national"))
            try await store.addStaff(StaffMember(username: reader.staff, displayName: "Bench assurance", role: reader.role, unit: reader.unit), passwordHash: PasswordHasher(cost: 4).hash("bench-password"))
        }

        func count(_ sql: String, _ binds: [SQLValue] = []) async throws -> Int { try await store.database.read { try await $0.queryFirst(sql, binds)?["n"].int } ?? 0 }
        let yearAgo = today.adding(days: -365).iso
        let served = try await count("SELECT COUNT(*) AS n FROM decision_drafts WHERE status IN ('served', 'withdrawn') AND served_on > ?", [.text(yearAgo)])
        let assessments = try await count("SELECT COUNT(*) AS n FROM quality_assessments WHERE assessed_on > ?", [.text(yearAgo)])
        let sampled = try await count("SELECT COUNT(*) AS n FROM quality_samples")
        let appeals = try await count("SELECT COUNT(*) AS n FROM appeals")
        let events = try await count("SELECT COUNT(*) AS n FROM claim_events")
        print("\(options.description): \(served) decisions served and \(assessments) checks in the year to \(today.iso); \(sampled) pieces of work sampled, \(appeals) appeals, \(events) events")

        // The sampling decision, on drafts not yet completed; the gates, on claims with a decision.
        let drafts = try await store.database.read { connection in
            try await connection.query("SELECT claim_reference, number FROM decision_drafts WHERE status IN ('draft', 'returned') ORDER BY claim_reference LIMIT ?", [.int(samples)])
                .map { (ClaimReference($0["claim_reference"].string ?? ""), $0["number"].int ?? 1) }
        }
        let decided = try await store.database.read { connection in
            try await connection.query("SELECT DISTINCT claim_reference FROM decision_drafts ORDER BY claim_reference LIMIT ?", [.int(samples)])
                .map { ClaimReference($0["claim_reference"].string ?? "") }
        }
        guard !drafts.isEmpty, !decided.isEmpty else { throw ValidationError("The database has no decision drafts: seed a fresh one") }
        // Completing and serving read the claim for the change they make anyway; what the sampling decision and the
        // gates add is timed on the claim already read, and the whole read-and-decide beside it.
        var loadedDrafts: [(Claim, Int)] = []
        for (reference, number) in drafts { loadedDrafts.append((try await store.claim(reference, for: reader), number)) }
        var loadedClaims: [Claim] = []
        for reference in decided { loadedClaims.append(try await store.claim(reference, for: reader)) }
        // Completing and serving run these on the connection their transaction holds: timed so first, then each with a
        // read of its own (a connection leased from the pool as well), then with the claim read first.
        let (sampling, selected) = try await store.database.read { connection in
            var selected = 0
            let histogram = try await Self.timed(loadedDrafts, warmUp: 100) { draft in
                if try await store.previewDecisionSample(of: draft.0, draft: draft.1, on: connection).decision.selected { selected += 1 }
            }
            return (histogram, selected)
        }
        Self.report("Sampling decision, added to completing (drafts read + sampling, \(drafts.count) drafts)", sampling, percentile: 99)
        let samplingOwnRead = try await Self.timed(loadedDrafts, warmUp: 100) { draft in _ = try await store.previewDecisionSample(of: draft.0, draft: draft.1) }
        Self.report("  the same in a read of its own (connection leased from the pool)                 ", samplingOwnRead, percentile: 99)
        let samplingWhole = try await Self.timed(drafts, warmUp: 100) { draft in _ = try await store.previewDecisionSample(of: draft.0, draft: draft.1, for: reader) }
        Self.report("  the same with the claim read first (previewDecisionSample by reference)        ", samplingWhole, percentile: 99)
        let (gates, closed) = try await store.database.read { connection in
            var closed = 0
            let histogram = try await Self.timed(loadedClaims, warmUp: 100) { claim in
                closed += try await store.serviceGates(of: claim, on: connection).filter { !$0.open }.count
            }
            return (histogram, closed)
        }
        Self.report("Service-gate check, added to serving (one read of the gates' evidence, \(decided.count) claims)", gates, percentile: 99)
        let gatesOwnRead = try await Self.timed(loadedClaims, warmUp: 100) { claim in _ = try await store.serviceGates(of: claim) }
        Self.report("  the same in a read of its own (connection leased from the pool)                   ", gatesOwnRead, percentile: 99)
        let gatesWhole = try await Self.timed(decided, warmUp: 100) { reference in _ = try await store.serviceGates(of: reference, for: reader) }
        Self.report("  the same with the claim read first (serviceGates by reference)                  ", gatesWhole, percentile: 99)
        print("  (\(selected) of \(drafts.count + min(100, drafts.count)) sampling decisions run selected the work; \(closed) gates closed across the claims checked, warm-up included)")

        // A unit's month of quality figures, for every DMU and each of the twelve months to the reference month.
        let units = try await store.units().filter { $0.kind == "dmu" }.map(\.code)
        let last = ReportMonth(containing: today)
        let months = (0..<12).map { last.adding(months: -$0) }
        let views = (0..<rounds).flatMap { _ in units.flatMap { unit in months.map { (unit, $0) } } }
        var largest = (decisions: 0, checks: 0)
        let store95 = try await Self.timed(views, warmUp: min(24, views.count)) { view in
            let report = try await store.unitQuality(unit: view.0, month: view.1, for: reader)
            let decisions = report.sampling.first { $0.work == .decision }?.completed ?? 0
            if decisions > largest.decisions { largest = (decisions, report.score("calculated").total) }
        }
        Self.report("Unit quality view  (unitQuality, \(units.count) units × 12 months × \(rounds))  ", store95, percentile: 95)
        print("  (the busiest unit-month: \(largest.decisions) decisions completed, \(largest.checks) checked)")

        let member = try await store.staff(reader.staff)!
        let (session, _) = try await store.createSession(for: member)
        let router = try await buildRouter(store: store, configuration: WebConfiguration(secureCookies: false))
        let app = Application(router: router, logger: logger)
        try await app.test(.router) { client in
            let page = try await Self.timed(views, warmUp: min(24, views.count)) { view in
                let response = try await client.execute(uri: "/quality?unit=\(view.0.rawValue)&month=\(view.1.iso)", method: .get, headers: [.cookie: "casework_session=\(session)"])
                guard response.status == .ok else { throw ValidationError("/quality answered \(response.status)") }
            }
            Self.report("Quality page       (GET /quality?unit=&month=, rendered)       ", page, percentile: 95)
        }
        try await store.close()
    }

    /// Runs `body` on each item (after `warmUp` untimed runs on the first items), recording microseconds.
    static func timed<T>(_ items: [T], warmUp: Int, _ body: (T) async throws -> Void) async throws -> Histogram<UInt64> {
        for item in items.prefix(warmUp) { try await body(item) }
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        for item in items {
            let start = ContinuousClock.now
            try await body(item)
            let elapsed = ContinuousClock.now - start
            _ = histogram.record(UInt64(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000))
        }
        return histogram
    }

    static func report(_ name: String, _ histogram: Histogram<UInt64>, percentile: Double) {
        print(String(
            format: "%@  p50 %.3f ms  p%.0f %.3f ms  max %.3f ms  (%d timed)", name, Double(histogram.valueAtPercentile(50)) / 1000, percentile,
            Double(histogram.valueAtPercentile(percentile)) / 1000, Double(histogram.max) / 1000, Int(histogram.totalCount)
        ))
    }
}
