import ArgumentParser
import CaseworkDomain
import CaseworkScheduling
import Foundation

/// `casework schedule`: books a week of interviews from an instance file (`docs/schedule-format.md`), or with
/// `--generate` writes a generated instance for trying it.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Book a week of interviews: reads a casework-schedule-instance/1 file, writes a casework-schedule-result/1 file.",
        discussion: """
            The format is docs/schedule-format.md. A summary (bookings, reserves, unbooked claims by constraint, seconds) \
            goes to standard error. With --generate, writes a generated national-size instance instead (--seed and the \
            size options choose it).
            """
    )

    @Option(help: "The instance (JSON), or - for standard input.") var input: String?
    @Option(help: "Where to write the result (JSON), or - for standard output.") var output: String = "-"
    @Option(help: "Seconds the scheduler may take; improvements stop then.") var timeLimit: Double = 8
    @Flag(help: "Write a generated instance to --output instead of scheduling.") var generate = false
    @Option(help: "With --generate: the seed.") var seed: UInt64 = 1
    @Option(help: "With --generate: claims waiting.") var claims: Int = 5_000
    @Option(help: "With --generate: interview locations (at most 44).") var locations: Int = 40
    @Option(help: "With --generate: slots in the week, roughly.") var slots: Int = 3_400
    @Option(help: "With --generate: interpreters.") var interpreters: Int = 600
    @Option(help: "With --generate: decision makers.") var decisionMakers: Int = 2_500

    func validate() throws {
        if !generate && input == nil { throw ValidationError("Give --input FILE (or - for standard input), or --generate.") }
        if !(timeLimit > 0 && timeLimit <= 3_600) { throw ValidationError("--time-limit must be from 0 to 3600 seconds.") }
        for (name, value) in [("claims", claims), ("locations", locations), ("slots", slots), ("interpreters", interpreters), ("decision-makers", decisionMakers)]
        where value < 1 {
            throw ValidationError("--\(name) must be at least 1.")
        }
    }

    func run() throws {
        if generate {
            let generator = ScheduleInstanceGenerator(
                seed: seed, claims: claims, locations: locations, slots: slots, interpreters: interpreters, decisionMakers: decisionMakers
            )
            try write(scheduleJSON(generator.generate()), to: output)
            return
        }
        let data = try read(input ?? "-")
        let result: ScheduleResult
        do {
            let instance = try ScheduleInstance.decode(from: data)
            result = try WeekScheduler(timeLimit: .milliseconds(Int64(timeLimit * 1000))).schedule(instance)
        } catch {
            printError("The instance was refused:")
            for problem in error.errors.prefix(50) { printError("  \(problem.field.isEmpty ? "" : problem.field + ": ")\(problem.message)") }
            if error.errors.count > 50 { printError("  …and \(error.errors.count - 50) more") }
            throw ExitCode.validationFailure
        }
        try write(scheduleJSON(result), to: output)
        printError(Schedule.summary(result))
    }

    /// One paragraph: what was booked, the reserves, and why the rest were not.
    static func summary(_ result: ScheduleResult) -> String {
        let total = result.bookings.count + result.reserves.count + result.unbooked.count
        var text = "Booked \(result.bookings.count) of \(total) claims, with \(result.reserves.count) reserves invited"
        if result.unbooked.isEmpty {
            text += "; every other claim is booked or a reserve"
        } else {
            text += "; \(result.unbooked.count) unbooked (" + result.unbookedByConstraint.map { "\($0.constraint.rawValue) \($0.claims)" }.joined(separator: ", ") + ")"
        }
        return text + ", in \(String(format: "%.2f", result.seconds)) s."
    }

    private func read(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("Cannot read \(path).") }
        return data
    }

    private func write(_ data: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            do { try data.write(to: URL(fileURLWithPath: path)) } catch { throw ValidationError("Cannot write \(path): \(error.localizedDescription)") }
        }
    }
}

/// JSON for people and diffs: pretty-printed, keys sorted so the same result is always the same text.
func scheduleJSON<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
}

/// `casework bench schedule`: generates a national-size week, books it and reports the figures against upper bounds.
struct ScheduleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Book a generated national week: bookings, reserves, seconds, and the upper bounds no schedule can beat."
    )
    @Option(help: "Seeds to generate, comma-separated.") var seeds: String = "1"
    @Option(help: "Claims waiting.") var claims: Int = 5_000
    @Option(help: "Seconds the scheduler may take.") var timeLimit: Double = 8
    @Option(help: "Also write each instance to this folder (instance-SEED.json and result-SEED.json).") var keep: String?

    func run() throws {
        let seedList = seeds.split(separator: ",").compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        guard !seedList.isEmpty else { throw ValidationError("--seeds must list whole numbers, e.g. 1,2,3.") }
        for seed in seedList {
            var generator = ScheduleInstanceGenerator(seed: seed)
            generator.claims = claims
            let instance = generator.generate()
            let result = try WeekScheduler(timeLimit: .milliseconds(Int64(timeLimit * 1000))).schedule(instance)
            let bounds = try ScheduleBounds.figures(instance)
            let share = Double(result.bookings.count) / Double(max(1, bounds.bookingsAtMost)) * 100
            print(
                "seed \(seed): \(instance.slots.count) slots, \(instance.locations.count) locations, \(instance.interpreters.count) interpreters, "
                    + "\(instance.decisionMakers.count) decision makers, \(instance.claims.count) claims"
            )
            print("  " + Schedule.summary(result))
            print(
                "  upper bounds: \(bounds.slots) (slots only), \(bounds.interpreters) (interpreters' daily places); "
                    + "booked \(String(format: "%.1f", share))% of the tighter"
            )
            if let keep {
                try scheduleJSON(instance).write(to: URL(fileURLWithPath: keep).appendingPathComponent("instance-\(seed).json"))
                try scheduleJSON(result).write(to: URL(fileURLWithPath: keep).appendingPathComponent("result-\(seed).json"))
            }
        }
    }
}
