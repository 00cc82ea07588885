import ArgumentParser
import CaseworkDomain
import CaseworkScheduling
import CaseworkStore
import Foundation
import Histogram
import Logging

/// `casework bench booking`: booking one interview from a claim page (the ranked options, then the booking) against a
/// national estate (the scheduler's generated week as locations, rooms, interpreters and declared availability, repeated
/// over six weeks), with concurrent bookers; then a check that no room, interpreter or decision maker is double booked.
struct BookingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "booking", abstract: "Concurrent bookers: options and booking latency on a national estate, and no double booking."
    )
    @Option(help: "Claims waiting, with interview needs.") var claims: Int = 5_000
    @Option(help: "Bookings to make in all.") var bookings: Int = 1_000
    @Option(help: "Concurrent bookers.") var callers: Int = 4
    @Option(help: "Database file (default: a fresh temporary file; DATABASE_URL selects PostgreSQL, which must be empty).") var database: String?
    @Option(help: "Seed for the generated estate.") var seed: UInt64 = 11

    /// Monday 23 November 2026: five working days before the generated week, so its days are the first bookable.
    static let today = LocalDate(year: 2026, month: 11, day: 23)!
    static let unit: UnitID = "DMU-BENCH"

    func run() async throws {
        let (options, cleanup) = try benchOptions(database)
        defer { cleanup() }
        let clock = FixedClock(Instant(startOf: Self.today).adding(milliseconds: 9 * 3_600_000))
        let store = try options.openStore(logger: commandLogger(level: .warning), clock: clock)
        try await store.migrate()
        var generator = ScheduleInstanceGenerator(seed: seed)
        generator.claims = claims
        let instance = generator.generate()
        let seeding = ContinuousClock.now
        let references = try await Self.seed(instance, into: store)
        print("\(options.description): estate of \(instance.locations.count) locations, \(instance.rooms.count) rooms, \(instance.interpreters.count) interpreters, \(instance.decisionMakers.count) decision makers; \(references.count) claims with needs (seeded in \(Self.seconds(ContinuousClock.now - seeding)) s)")

        let booker = Actor(staff: "bench.ao", role: .administrativeOfficer, unit: Self.unit)
        let queue = Array(references.prefix(bookings))
        let started = ContinuousClock.now
        let results = try await withThrowingTaskGroup(of: [(options: UInt64, book: UInt64, booked: Bool)].self) { group in
            for caller in 0..<callers {
                group.addTask {
                    var measured: [(options: UInt64, book: UInt64, booked: Bool)] = []
                    for index in stride(from: caller, to: queue.count, by: callers) {
                        let reference = queue[index]
                        let t0 = ContinuousClock.now
                        let found = try await store.interviewOptions(for: reference, by: booker)
                        let t1 = ContinuousClock.now
                        var booked = false
                        let claim = try await store.claim(reference, for: booker)
                        for option in found.options {
                            let input = BookInterviewInput(
                                date: option.slot.date.iso, start: InterviewResourceRules.clockTime(option.slot.start), room: option.slot.room,
                                interpreter: option.slot.interpreter, decisionMaker: option.slot.decisionMaker.rawValue, method: "post"
                            )
                            do {
                                _ = try await store.bookInterview(input, on: reference, expectedVersion: claim.version, by: booker)
                                booked = true
                                break
                            } catch is ValidationFailure {
                                continue  // another booker took it between the options and the click: the next option
                            }
                        }
                        let t2 = ContinuousClock.now
                        measured.append((Self.microseconds(t1 - t0), Self.microseconds(t2 - t1), booked))
                    }
                    return measured
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let elapsed = Self.seconds(ContinuousClock.now - started)
        var optionsHistogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        var bookHistogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        var totalHistogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        for result in results {
            _ = optionsHistogram.record(result.options)
            _ = bookHistogram.record(result.book)
            _ = totalHistogram.record(result.options + result.book)
        }
        func line(_ name: String, _ histogram: Histogram<UInt64>) -> String {
            String(format: "%@: p50 %.1f ms, p99 %.1f ms, max %.1f ms", name, Double(histogram.valueAtPercentile(50)) / 1000,
                   Double(histogram.valueAtPercentile(99)) / 1000, Double(histogram.max) / 1000)
        }
        let booked = results.filter(\.booked).count
        print("\(results.count) claims by \(callers) concurrent bookers in \(elapsed) s: \(booked) booked, \(results.count - booked) with no option left")
        print(line("ranked options", optionsHistogram))
        print(line("booking (click to invitation)", bookHistogram))
        print(line("options + booking", totalHistogram))
        // The check: no two booked interviews overlap on a room, an interpreter or a decision maker.
        let rows = try await store.database.read { try await $0.query("SELECT date, start_minute, minutes, room, interpreter, decision_maker FROM interviews WHERE status = 'booked'") }
        var spans: [String: [(Int, Int)]] = [:]
        for row in rows {
            let date = row["date"].string ?? ""
            let span = (row["start_minute"].int ?? 0, (row["start_minute"].int ?? 0) + (row["minutes"].int ?? 0))
            for resource in ["room:" + (row["room"].string ?? ""), "dm:" + (row["decision_maker"].string ?? "")] + (row["interpreter"].string.map { ["int:" + $0] } ?? []) {
                spans[resource + "|" + date, default: []].append(span)
            }
        }
        var overlaps = 0
        for (_, list) in spans {
            let sorted = list.sorted { $0.0 < $1.0 }
            for index in sorted.indices.dropFirst() where sorted[index].0 < sorted[index - 1].1 { overlaps += 1 }
        }
        print("interviews booked: \(rows.count); overlapping bookings of one room, interpreter or decision maker: \(overlaps)")
        try await store.close()
        if overlaps > 0 || rows.count != booked { throw ExitCode.failure }
    }

    static func microseconds(_ duration: Duration) -> UInt64 {
        UInt64(duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000)
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }

    /// A language as the platform codes it ("Kurdish", "Sorani" → kurdish/sorani), or nil when the register lacks it.
    static func code(_ language: ScheduleLanguage) -> InterpreterLanguage? {
        let code = language.language.lowercased().replacingOccurrences(of: " ", with: "-")
        let dialect = language.dialect?.lowercased().replacingOccurrences(of: " ", with: "-")
        return Languages.isValid(language: code, dialect: dialect) ? InterpreterLanguage(language: code, dialect: dialect) : nil
    }

    /// Writes the generated week as the estate (its weekdays repeated over six weeks of declarations) and registers
    /// the claims with their needs recorded as events.
    static func seed(_ instance: ScheduleInstance, into store: CaseworkStore) async throws -> [ClaimReference] {
        try await store.saveUnit(CaseworkUnit(code: unit, name: "National bench unit", kind: "dmu"))
        let weeks = (0..<6).map { $0 * 7 }
        let slotsByRoom = Dictionary(grouping: instance.slots, by: \.room)
        try await store.database.transaction { c in
            for location in instance.locations {
                let days = InterviewResourceRowsForBench.weekdays(location.openDays)
                try await c.execute(
                    "INSERT INTO interview_locations (code, name, address, latitude, longitude, open_days, active) VALUES (?, ?, ?, ?, ?, ?, 1)",
                    [.text(location.id), .text(location.name), .text("\(location.name) interview centre"), .real(location.latitude), .real(location.longitude), .text(days)]
                )
            }
            for room in instance.rooms {
                let slots = Set((slotsByRoom[room.id] ?? []).map { RoomSlot(weekday: $0.date.weekday, start: $0.start.minuteOfDay, minutes: $0.minutes) }).sorted()
                try await c.execute(
                    "INSERT INTO interview_rooms (code, location, name, child_suitable, step_free, weekly_slots, active) VALUES (?, ?, ?, ?, ?, ?, 1)",
                    [.text(room.id), .text(room.location), .text(room.id), .bool(room.childSuitable), .bool(room.stepFree), .text(try encode(slots))]
                )
            }
            for source in instance.interpreters {
                let languages = source.languages.compactMap(code)
                guard !languages.isEmpty else { continue }
                let interpreter = Interpreter(
                    code: source.id, name: "Interpreter \(source.id)", languages: languages, locations: source.locations, remote: source.remote,
                    days: Array(Set(source.days.map(\.weekday))).sorted(), dailyMaximum: source.dailyMaximum
                )
                try await c.execute(
                    "INSERT INTO interpreters (code, name, data, remote, daily_maximum, active) VALUES (?, ?, ?, ?, ?, 1)",
                    [.text(interpreter.code), .text(interpreter.name), .text(try encode(interpreter)), .bool(interpreter.remote), .int(interpreter.dailyMaximum)]
                )
                for language in Set(languages) {
                    try await c.execute(
                        "INSERT INTO interpreter_languages (interpreter, language, dialect) VALUES (?, ?, ?)",
                        [.text(interpreter.code), .text(language.language), .text(language.dialect ?? "")]
                    )
                }
            }
            for dm in instance.decisionMakers {
                try await c.execute(
                    "INSERT INTO staff (username, display_name, role, unit, password_hash, active, created_at, trained_for, childrens_casework) VALUES (?, ?, 'decision-maker', ?, 'x', 1, 0, 'both', ?)",
                    [.text(dm.id), .text("DM \(dm.id)"), .text(unit.rawValue), .bool(dm.childrenTrained)]
                )
                for offset in weeks {
                    for day in dm.days {
                        try await c.execute(
                            "INSERT INTO interview_availability (username, date, location, daily_maximum, declared_at) VALUES (?, ?, ?, ?, 0)",
                            [.text(dm.id), .text(day.adding(days: offset).iso), .text(dm.location), .int(dm.dailyMaximum)]
                        )
                    }
                }
            }
        }
        let registrar = Actor(staff: "bench.ao", role: .administrativeOfficer, unit: unit)
        var references: [ClaimReference] = []
        for (index, source) in instance.claims.sorted(by: { $0.priority < $1.priority }).enumerated() {
            let born = source.child ? LocalDate(year: 2010, month: 3, day: 1)! : LocalDate(year: 1990, month: 1, day: 1)!.adding(days: index)
            let facts = ClaimFacts(
                mainApplicant: Person(givenNames: "Bench", familyName: Self.letters(index), dateOfBirth: born, sex: .female, nationality: Nationality(claimed: "ERI")),
                dateOfClaim: LocalDate(year: 2023, month: 1, day: 2)!, unaccompaniedChild: source.child, languages: [SpokenLanguage(language: "tigrinya")]
            )
            let claim = try await store.register(facts, resolution: nil, by: registrar)
            let language = source.language.flatMap(code)
            let needs = InterviewNeedsInput(
                latitude: source.latitude, longitude: source.longitude, maximumTravelKm: Int(source.maximumTravelKm), language: language?.language,
                dialect: language?.dialect, kind: source.kind.rawValue, responsibleAdultArranged: source.child && source.responsibleAdult,
                needsStepFreeAccess: source.needsStepFree
            )
            _ = try await store.recordInterviewNeeds(needs, on: claim.reference, expectedVersion: claim.version, by: registrar)
            references.append(claim.reference)
        }
        return references
    }

    /// "Baa", "Bab", …: distinct names, since the duplicate check ignores digits.
    static func letters(_ number: Int) -> String {
        var n = number, text = ""
        repeat {
            text = String(UnicodeScalar(UInt8(97 + n % 26))) + text
            n /= 26
        } while n > 0
        return "B" + text
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}

/// The weekdays column, as the store writes it ("1,2,3").
enum InterviewResourceRowsForBench {
    static func weekdays(_ dates: [LocalDate]) -> String { Set(dates.map(\.weekday.rawValue)).sorted().map(String.init).joined(separator: ",") }
}
