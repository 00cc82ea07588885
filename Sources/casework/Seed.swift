import ArgumentParser
import CaseworkDomain
import CaseworkSimulation
import CaseworkStore
import Foundation

/// The WIP snapshot date the inspection's headline figures describe (27 October 2023, DOMAIN.md "Headline figures").
let inspectionSnapshotDate = LocalDate(year: 2023, month: 10, day: 27)!

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate realistic synthetic claims, units and staff (deterministic for a seed).")
    @Option(help: "How many claims.") var claims: Int = 20_000
    @Option(help: "Random seed: the same seed gives the same data.") var seed: UInt64 = 2023
    @Option(name: .customLong("reference-date"), help: "'Today' for the data, YYYY-MM-DD.") var referenceDate: String = inspectionSnapshotDate.iso
    @Option(help: "Password for every generated member of staff.") var password: String = "casework-demo"
    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        guard (1...5_000_000).contains(claims) else { throw ValidationError("--claims must be from 1 to 5,000,000") }
        guard LocalDate(iso: referenceDate) != nil else { throw ValidationError("--reference-date must be a real date, YYYY-MM-DD") }
    }

    func run() async throws {
        let summary = try await seedDatabase(options: options, claims: claims, seed: seed, referenceDate: LocalDate(iso: referenceDate)!, password: password)
        print(summary)
    }
}

/// Seeds a database and returns a printable summary with throughput and peak memory.
func seedDatabase(options: DatabaseOptions, claims: Int, seed: UInt64, referenceDate: LocalDate, password: String) async throws -> String {
    try await withStore(options, logger: commandLogger()) { store in
        try await store.migrate()
        let seeder = Seeder(store: store, passwordHash: PasswordHasher(cost: 10).hash(password), batchSize: 5_000)
        let reporter = ProgressReporter(total: claims)
        let summary = try await seeder.seed(claims: claims, referenceDate: referenceDate, seed: seed) { done, total, events in
            reporter.report(done: done, events: events)
        }
        let seconds = Double(summary.elapsed.components.seconds) + Double(summary.elapsed.components.attoseconds) / 1e18
        return String(
            format: "Seeded %@: %d units, %d staff, %d claims, %d events in %.2f s (%.0f events/s, %.0f claims/s); peak memory %.0f MB.",
            options.description, summary.units, summary.staff, summary.claims, summary.events, seconds,
            Double(summary.events) / max(seconds, 0.001), Double(summary.claims) / max(seconds, 0.001), peakResidentMegabytes()
        )
    }
}

/// Prints progress to standard error about once a second.
final class ProgressReporter: @unchecked Sendable {
    private let total: Int
    private let started = ContinuousClock.now
    private var last = ContinuousClock.now
    private let lock = NSLock()

    init(total: Int) { self.total = total }

    func report(done: Int, events: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        guard now - last >= .seconds(1) || done == total else { return }
        last = now
        let elapsed = now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        printError(String(format: "  %d of %d claims (%.0f%%), %d events, %.0f events/s", done, total, 100 * Double(done) / Double(max(total, 1)), events, Double(events) / max(seconds, 0.001)))
    }
}

/// The process's peak resident memory, in megabytes.
func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

struct Demo: AsyncParsableCommand {
    /// Puts the demo team leader and decision maker in the first synthetic team of their unit, so "Your team" shows a
    /// real team's figures; the decision maker is trained for both, signed off and full time.
    static func joinDemoTeam(_ store: CaseworkStore) async throws {
        let records = try await store.staffRecords(unit: "DMU-GLA", for: .system)
        guard let team = records.compactMap({ $0.member.role == .teamLeader ? $0.profile.team : nil }).sorted().first else { return }
        let trainedFrom = inspectionSnapshotDate.adding(days: -400).iso
        _ = try await store.updateStaffProfile(
            "demo.tl", to: StaffProfileInput(team: team, fte: "1"), by: .system, reason: "Demo: leads \(team)"
        )
        _ = try await store.updateStaffProfile(
            "demo.dm", to: StaffProfileInput(team: team, trainedFor: "both", childrensCasework: false, startDate: trainedFrom, signedOff: true, fte: "1"),
            by: .system, reason: "Demo: a signed-off decision maker in \(team)"
        )
        _ = try await store.updateStaffProfile(
            "demo.newdm",
            to: StaffProfileInput(team: team, trainedFor: "both", childrensCasework: false, startDate: store.clock.now().date.adding(days: -70).iso, signedOff: false, fte: "1"),
            by: .system, reason: "Demo: a new decision maker in \(team), on 100% checks until signed off (10.8, 10.12)"
        )
    }

    static let configuration = CommandConfiguration(abstract: "Create a fresh demo database with about 20,000 claims and demo users, and serve it.")
    @Option(help: "Demo database file (replaced).") var database: String = "casework-demo.sqlite"
    @Option(help: "How many claims.") var claims: Int = 20_000
    @Option(help: "Port to serve on.") var port: Int = 8080
    @Flag(name: .customLong("no-serve"), help: "Create the database and stop.") var noServe = false

    static let demoPassword = "demo-password"

    /// One demo account per role; unit roles sit in a decision-making unit with claims.
    static let demoUsers: [(username: String, role: Role, unit: UnitID)] = [
        ("demo.ao", .administrativeOfficer, "DMU-GLA"), ("demo.dm", .decisionMaker, "DMU-GLA"), ("demo.newdm", .decisionMaker, "DMU-GLA"),
        ("demo.tl", .teamLeader, "DMU-GLA"),
        ("demo.techspec", .technicalSpecialist, "DMU-GLA"), ("demo.scw", .seniorCaseworker, "DMU-GLA"),
        ("demo.opsmanager", .operationsManager, "DMU-GLA"), ("demo.planner", .workflowPlanner, "NWF"),
        ("demo.safeguarding", .safeguardingHub, "SAFEGUARDING-HUB"), ("demo.tcu", .thirdCountryUnit, "TCU"),
        ("demo.assurance", .assurance, "PAIR"), ("demo.mi", .miAnalyst, "MI"), ("demo.admin", .administrator, "PLATFORM"),
    ]

    func run() async throws {
        if database == "casework.sqlite" { throw ValidationError("The demo replaces its database; choose a file other than casework.sqlite") }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let options = try DatabaseOptions.parse(["--database", database])
        printError("Creating \(database) with \(claims) synthetic claims…")
        printError(try await seedDatabase(options: options, claims: claims, seed: 2023, referenceDate: inspectionSnapshotDate, password: Self.demoPassword))
        try await withStore(options, logger: commandLogger()) { store in
            let hash = PasswordHasher(cost: 10).hash(Self.demoPassword)
            let units = Set(try await store.units().map(\.code))
            for user in Self.demoUsers {
                if !units.contains(user.unit) { try await store.saveUnit(CaseworkUnit(code: user.unit, name: user.unit.rawValue, kind: "dmu")) }
                let member = StaffMember(username: StaffID(user.username), displayName: user.username == "demo.newdm" ? "Demo new decision maker" : "Demo \(user.role.title.lowercased())", role: user.role, unit: user.unit)
                try await store.addStaff(member, passwordHash: hash)
            }
            try await Self.joinDemoTeam(store)
            try await DemoOperations.define(in: store, by: Actor(staff: "demo.planner", role: .workflowPlanner, unit: "NWF"))
            printError(try await DemoInterviewResources.seed(in: store, by: Actor(staff: "demo.planner", role: .workflowPlanner, unit: "NWF"), today: store.clock.now().date).description)
            printError(try await DemoInterviews.seed(in: store, today: store.clock.now().date).description)
            printError(try await DemoDecisions.seed(in: store, today: store.clock.now().date).description)
        }
        let banner = """

            Casework demo: http://127.0.0.1:\(port)
            Sign in with password '\(Self.demoPassword)' as any of:
            \(Self.demoUsers.map { "  \($0.username.padding(toLength: 18, withPad: " ", startingAt: 0)) \($0.role.title), \($0.unit.rawValue)" }.joined(separator: "\n"))
            Press Ctrl-C to stop.
            """
        if noServe {
            print(banner)
            return
        }
        // Plain HTTP on loopback: the session cookie cannot carry the Secure flag here.
        try await serve(options: options, host: "127.0.0.1", port: port, secureCookies: false, banner: banner)
    }
}
