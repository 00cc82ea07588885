import ArgumentParser
import CaseworkDomain
import CaseworkStore
import Foundation
import Logging

/// `casework priorities`: the priority policy from the command line (the same store calls as the pages and the API).
struct Priorities: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show, adopt and recompute the priority policy (tasking priorities, fig 21).",
        subcommands: [ShowPriorityPolicy.self, AdoptPriorityPolicy.self, RecomputePriorities.self]
    )
}

/// `casework priorities show`: the policy in force as JSON, a starting point for `adopt --file`.
struct ShowPriorityPolicy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the policy in force as JSON (edit it, raise the version, and adopt it).")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let input = try await withStore(options, logger: commandLogger(level: .warning)) { store in
            try await store.migrate()
            return PriorityPolicyInput(try await store.planningState().priorityPolicy)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(input), as: UTF8.self))
    }
}

/// `casework priorities adopt --file policy.json --reason ... --by USERNAME`.
struct AdoptPriorityPolicy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Adopt the next version of the priority policy from a JSON file and recompute every claim's priority.",
        discussion: "The file has the fields `priorities show` prints; fields left out keep the values in force. The version must be the one in force plus one."
    )
    @Option(help: "The policy, as JSON.") var file: String
    @Option(help: "Why the policy changes (recorded with the version).") var reason: String
    @Option(help: "Username of the workflow planner or operations manager adopting it.") var by: String
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let input: PriorityPolicyInput
        do {
            input = try JSONDecoder().decode(PriorityPolicyInput.self, from: data)
        } catch {
            throw ValidationError("\(file) is not a priority policy: \(error)")
        }
        let outcome = try await withStore(options, logger: commandLogger(level: .warning)) { store -> Result<PriorityRecompute, ValidationFailure> in
            try await store.migrate()
            guard let member = try await store.staff(StaffID(by)), member.active else {
                return .failure(ValidationFailure([FieldError(field: "by", message: "No active member of staff has the username \(by)")]))
            }
            do {
                let policy = try input.policy(basedOn: try await store.planningState().priorityPolicy)
                return .success(try await store.adoptPriorityPolicy(policy, by: member.actor, reason: reason).recompute)
            } catch let failure as ValidationFailure {
                return .failure(failure)
            }
        }
        switch outcome {
        case .success(let recompute):
            print("Version \(recompute.policyVersion) is in force. \(Self.describe(recompute))")
        case .failure(let failure):
            for error in failure.errors { printError("\(error.field): \(error.message)") }
            throw ExitCode.validationFailure
        }
    }

    static func describe(_ recompute: PriorityRecompute) -> String {
        "Recomputed \(recompute.claims) claims in \(recompute.milliseconds) ms: \(recompute.tierChanges) changed tier, \(recompute.orderChanges) changed place in the work order."
    }
}

/// `casework priorities recompute`: every claim placed again by the policy in force.
struct RecomputePriorities: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recompute", abstract: "Recompute every claim's priority under the policy in force (a healthy store reports no changes)."
    )
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let recompute = try await withStore(options, logger: commandLogger(level: .warning)) { store in
            try await store.migrate()
            return try await store.recomputePriorities()
        }
        print("Policy version \(recompute.policyVersion). \(AdoptPriorityPolicy.describe(recompute))")
    }
}
