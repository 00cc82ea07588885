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

/// `casework bench team-page`: the team leader's live team page for a team of about 15 DMs, rendered through the real
/// router in process (as `bench read` does for claim pages), against a seeded WIP in which the team holds claims,
/// has barriers and completed steps this week. Reports p50 and p99 for the page and for `GET /api/v1/team`.
struct TeamPageBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team-page", abstract: "Render the team leader's live team page (and its API) for a 15-person team: p50, p99."
    )
    @Option(help: "Claims to seed first (skipped when the database already has claims).") var claims: Int = 150_000
    @Option(name: .customLong("decision-makers"), help: "Decision makers in the seeded workforce.") var decisionMakers: Int = 2_500
    @Option(help: "Renders of each kind to time.") var samples: Int = 2_000
    @Option(help: "Claims each team member takes before timing.") var hold: Int = 5
    @Option(help: "Database file (default: a fresh temporary file; DATABASE_URL selects PostgreSQL).") var database: String?

    func run() async throws {
        let (options, cleanup) = try benchOptions(database)
        defer { cleanup() }
        let logger = commandLogger(level: .warning)
        // The week of the inspection snapshot: Monday 23 October 2023, 09:00; the team works through to Friday.
        let clock = FixedClock(Instant(startOf: inspectionSnapshotDate.adding(days: -4)).adding(milliseconds: 9 * 3_600_000))
        let store = try options.openStore(logger: logger, clock: clock)
        try await store.migrate()
        let planner = Actor(staff: "bench.planner", role: .workflowPlanner, unit: "NWF")
        if try await store.search(ClaimQuery(pageSize: 1), for: planner).total == 0 {
            printError("Seeding \(claims) claims with \(decisionMakers) decision makers…")
            let reporter = ProgressReporter(total: claims)
            let summary = try await Seeder(store: store, passwordHash: PasswordHasher(cost: 4).hash("bench-password"), batchSize: 5_000)
                .seed(claims: claims, referenceDate: inspectionSnapshotDate, seed: 7, decisionMakers: decisionMakers) { done, _, events in
                    reporter.report(done: done, events: events)
                }
            printError("Seeded \(summary.claims) claims, \(summary.events) events, \(summary.staff) staff.")
        }

        // The largest team of the largest DMU: about 15 decision makers and their leader.
        let unit: UnitID = "DMU-GLA"
        var chosen: (team: String, records: [StaffRecord])?
        for team in try await store.teams(of: unit) {
            let records = try await store.staffRecords(unit: unit, team: team, for: planner).filter(\.member.active)
            if records.filter({ $0.member.role == .decisionMaker }).count > (chosen?.records.filter { $0.member.role == .decisionMaker }.count ?? 0) {
                chosen = (team, records)
            }
        }
        guard let chosen, let leader = chosen.records.first(where: { $0.member.role == .teamLeader })?.member else {
            throw ValidationError("\(unit.rawValue) has no team with a team leader; seed a fresh database")
        }
        let members = chosen.records.filter { $0.member.role == .decisionMaker }.map(\.member.actor)
        let scw = try await store.allStaff(unit: unit).first { $0.role == .seniorCaseworker }?.actor
        printError("Team \(chosen.team) of \(unit.rawValue): \(members.count) decision makers led by \(leader.username.rawValue); each takes \(hold) claims…")
        let (taken, steps, barriers) = try await workTheWeek(store: store, clock: clock, members: members, seniorCaseworker: scw)
        printError("This run: \(taken) claims taken, \(steps) steps completed, \(barriers) barriers raised.")
        let view = try await store.teamView(for: leader.actor)

        let (sessionToken, _) = try await store.createSession(for: leader)
        let token = try await store.createAPIToken(name: "bench", for: leader.username)
        let router = try await buildRouter(store: store, configuration: WebConfiguration(secureCookies: false))
        let app = Application(router: router, logger: logger)
        print(
            "\(options.description): \(claims) claims; team \(chosen.team) of \(unit.rawValue), \(view.members.count) DMs holding \(view.claimsHeld) claims "
                + "with \(view.barriers.values.reduce(0, +)) open barriers, \(view.stepsThisWeek.total) steps this week; timing \(samples) renders of each kind"
        )
        try await app.test(.router) { client in
            let kinds: [(String, String, HTTPFields)] = [
                ("Team page  GET /team        ", "/team", [.cookie: "casework_session=\(sessionToken)"]),
                ("Team API   GET /api/v1/team ", "/api/v1/team", [.authorization: "Bearer \(token)"]),
            ]
            for (name, path, headers) in kinds {
                var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
                for index in 0..<(samples + 100) {
                    let start = ContinuousClock.now
                    let response = try await client.execute(uri: path, method: .get, headers: headers)
                    let elapsed = ContinuousClock.now - start
                    guard response.status == .ok else { throw ValidationError("\(path) answered \(response.status): \(String(buffer: response.body).prefix(300))") }
                    if index >= 100 { _ = histogram.record(UInt64(elapsed.components.attoseconds / 1_000_000_000_000 + elapsed.components.seconds * 1_000_000)) }
                }
                print(String(format: "%@  p50 %.3f ms  p99 %.3f ms  max %.3f ms", name, Double(histogram.valueAtPercentile(50)) / 1000, Double(histogram.valueAtPercentile(99)) / 1000, Double(histogram.max) / 1000))
            }
        }
        try await store.close()
    }

    /// A working week for the team, Monday to Friday: each member takes claims from the queue (as far as their
    /// training allows), interviews or decides some of them, and the senior caseworker raises barriers on a few.
    /// Returns the claims taken, the steps completed and the barriers raised.
    private func workTheWeek(store: CaseworkStore, clock: FixedClock, members: [Actor], seniorCaseworker: Actor?) async throws -> (Int, Int, Int) {
        var taken = 0, steps = 0, barriers = 0
        let types = ["further-representations", "awaiting-biometrics", "national-referral-mechanism", "criminal-casework", "potential-withdrawal"]
        for day in 0..<5 {
            for (index, member) in members.enumerated() {
                for _ in 0..<(hold / 5 + (day < hold % 5 ? 1 : 0)) {
                    clock.advance(milliseconds: 60_000)
                    guard var claim = try await store.nextClaim(for: member) else { continue }
                    taken += 1
                    if (index + day) % 3 == 0 {
                        // A step: an interview completed (to decision), or a decision completed.
                        if claim.stage == .workInProgress {
                            claim = try await store.perform(.moveStage(to: .interview), on: claim.reference, expectedVersion: claim.version, by: member, reason: nil)
                        }
                        if claim.stage == .interview {
                            _ = try await store.perform(.moveStage(to: .decision), on: claim.reference, expectedVersion: claim.version, by: member, reason: nil)
                            steps += 1
                        } else if claim.stage == .decision, let input = CompleteDraft.input(for: claim) {
                            // A decision completed through its rules (a grant or refusal is served only through its gates).
                            let draft = try await store.saveDecisionDraft(input, on: claim.reference, expectedVersion: claim.version, by: member)
                            _ = try await store.completeDecision(draft: draft.number, on: claim.reference, expectedVersion: claim.version + 1, by: member)
                            steps += 1
                        }
                    } else if let seniorCaseworker, (index + day) % 3 == 1 {
                        let review = clock.now().date.adding(days: 28).iso
                        let input = RaiseBarrierInput(type: types[(index + day) % types.count], reviewDate: review)
                        _ = try await store.changeBarrier(.raise(input), on: claim.reference, expectedVersion: claim.version, by: seniorCaseworker)
                        barriers += 1
                    }
                }
            }
            if day < 4 { clock.advance(milliseconds: 24 * 3_600_000 - Int64(members.count * (hold / 5 + 1)) * 60_000) }
        }
        return (taken, steps, barriers)
    }
}
