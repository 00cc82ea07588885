import ArgumentParser
import CaseworkDomain
import CaseworkStore
import Foundation

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage staff accounts.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a member of staff; the password is read from standard input.")
        @Argument(help: "Username, e.g. dm.glasgow.01") var name: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Unit code, e.g. DMU-GLA (created if it does not exist).") var unit: String
        @Option(name: .customLong("display-name"), help: "Name shown on pages.") var displayName: String?
        @Option(name: .customLong("bcrypt-cost"), help: "bcrypt cost.") var bcryptCost: UInt8 = 12
        @OptionGroup var options: DatabaseOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !name.trimmingWhitespace.isEmpty, name.count <= 100, !name.contains(" ") else {
                throw ValidationError("NAME must be 1 to 100 characters with no spaces")
            }
        }

        func run() async throws {
            guard let password = readLine(strippingNewline: true), password.count >= 8 else {
                throw ValidationError("Give a password of at least 8 characters on standard input, e.g. `echo 'secret-password' | casework users add ...`")
            }
            let member = StaffMember(username: StaffID(name), displayName: displayName ?? name, role: Role(rawValue: role)!, unit: UnitID(unit))
            let hash = PasswordHasher(cost: bcryptCost).hash(password)
            try await withStore(options, logger: commandLogger()) { store in
                try await store.migrate()
                if try await !store.units().contains(where: { $0.code.rawValue == unit }) {
                    try await store.saveUnit(CaseworkUnit(code: UnitID(unit), name: unit, kind: unit.hasPrefix("DMU") ? "dmu" : "national"))
                }
                do { try await store.addStaff(member, passwordHash: hash) } catch let failure as ValidationFailure {
                    throw ValidationError(failure.errors.map(\.message).joined(separator: "; "))
                }
            }
            print("Added \(name) (\(member.role.title), \(unit)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff accounts.")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let staff = try await withStore(options, logger: commandLogger()) { try await $0.allStaff() }
            for member in staff { print("\(member.username.rawValue)\t\(member.role.rawValue)\t\(member.unit.rawValue)\t\(member.displayName)") }
        }
    }
}

struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a bearer token for the JSON API and print it (shown once).")
        @Argument(help: "The username the token acts as.") var name: String
        @Option(help: "A label for the token.") var label: String = "cli"
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let token = try await withStore(options, logger: commandLogger()) { store in
                do { return try await store.createAPIToken(name: label, for: StaffID(name)) } catch let failure as ValidationFailure {
                    throw ValidationError(failure.errors.map(\.message).joined(separator: "; "))
                }
            }
            print(token)
        }
    }
}
