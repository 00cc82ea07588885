import CaseworkDomain
import CaseworkStore

/// The operations a demo (or benchmark) database is planned with: the report's own, and an operations plan for the
/// synthetic workforce's units, so the operations, WIP and allocation pages show real figures.
public enum DemoOperations {
    /// The report's operations (fig 6): the legacy backlog, AMESA, BRIDORA and MAKHU.
    ///
    /// LEGACY is included although no unit works it: it is the report's '39 steps' burn-down (3.40), the progress view
    /// over the whole legacy backlog, and it overlaps the other three by design. Because it is in no unit's plan, the
    /// allocation run places claims by AMESA, BRIDORA and MAKHU, and legacy children's claims (which those exclude) fall
    /// to the general WIP, where the children's hubs take them.
    public static let operations: [CaseworkDomain.Operation] = CaseworkDomain.Operation.reportExamples

    /// The operations plan: a unit or two on each legacy operation, weighted to the legacy share of the WIP (about a
    /// quarter in October 2023); every other unit, the children's hubs among them, works the general WIP (flow claims
    /// and children's claims).
    public static let plan: [(unit: UnitID, operations: [String])] = [
        ("DMU-GLA", ["AMESA"]), ("DMU-CDF", ["BRIDORA"]), ("DMU-MAN", ["MAKHU"]), ("DMU-BTL", ["MAKHU"]),
    ]

    /// Defines each operation not yet defined and sets the plan, as `planner`. Returns the operations defined now.
    @discardableResult
    public static func define(in store: CaseworkStore, by planner: Actor) async throws -> [OperationStatus] {
        let existing = Set(try await store.operations(for: planner).map(\.operation.code))
        var defined: [OperationStatus] = []
        for operation in operations where !existing.contains(operation.code) {
            defined.append(try await store.defineOperation(OperationDefinitionInput(operation), by: planner))
        }
        let units = Set(try await store.units().map(\.code))
        for (unit, codes) in plan where units.contains(unit) {
            try await store.setOperations(ofUnit: unit, to: codes, by: planner, reason: "The demo's operations plan")
        }
        return defined
    }
}
