/// The roles of the people who use the platform (DOMAIN.md "People and roles"; Annex B, 8.11, 10.57, 8.131).
public enum Role: String, CaseIterable, Codable, Sendable {
    case administrativeOfficer = "administrative-officer"
    case decisionMaker = "decision-maker"
    case teamLeader = "team-leader"
    case technicalSpecialist = "technical-specialist"
    case seniorCaseworker = "senior-caseworker"
    case operationsManager = "operations-manager"
    case workflowPlanner = "workflow-planner"
    case safeguardingHub = "safeguarding-hub"
    case thirdCountryUnit = "third-country-unit"
    case assurance = "assurance"
    case miAnalyst = "mi-analyst"
    case administrator = "administrator"

    /// The role's name as staff say it.
    public var title: String {
        switch self {
        case .administrativeOfficer: "Administrative officer"
        case .decisionMaker: "Decision maker"
        case .teamLeader: "Team leader"
        case .technicalSpecialist: "Technical specialist"
        case .seniorCaseworker: "Senior caseworker"
        case .operationsManager: "Operations manager"
        case .workflowPlanner: "National Workflow planner"
        case .safeguardingHub: "Safeguarding hub"
        case .thirdCountryUnit: "Third Country Unit caseworker"
        case .assurance: "Assurance (PAIR)"
        case .miAnalyst: "MI analyst"
        case .administrator: "Administrator"
        }
    }
}

/// Someone acting on the platform: who, in which role, in which unit. Every event carries one.
public struct Actor: Hashable, Sendable, Codable {
    /// The member of staff.
    public let staff: StaffID
    /// The role they acted in.
    public let role: Role
    /// The unit they belong to.
    public let unit: UnitID

    /// Creates an actor.
    public init(staff: StaffID, role: Role, unit: UnitID) {
        self.staff = staff
        self.role = role
        self.unit = unit
    }

    /// The platform itself, for work it does on its own (seeding, projections rebuild).
    public static let system = Actor(staff: "system", role: .administrator, unit: "PLATFORM")
}

/// Need-to-know: which role may see and do what. One place, so the authorisation matrix is read and tested here.
public enum AccessPolicy {
    /// Roles whose work is national, so they may see claims of any unit.
    public static let nationalRoles: Set<Role> = [
        .operationsManager, .workflowPlanner, .safeguardingHub, .thirdCountryUnit, .assurance, .miAnalyst, .administrator,
    ]

    /// Roles that may see a claimant's voluntary protected characteristics: the safeguarding hub (risk),
    /// assurance (equality monitoring, 2023 rec 5a) and senior caseworkers (quality of a unit's casework).
    /// Decision makers do not: the data is voluntary monitoring data, not evidence in the claim.
    public static let protectedCharacteristicReaders: Set<Role> = [.safeguardingHub, .assurance, .seniorCaseworker]

    /// Roles that may register a claim (intake and workflow).
    public static let registrars: Set<Role> = [
        .administrativeOfficer, .teamLeader, .seniorCaseworker, .workflowPlanner, .administrator,
    ]

    /// Roles that only read: MI analysts work with figures, not with a claim's record.
    public static let readOnlyRoles: Set<Role> = [.miAnalyst]

    /// Whether `actor` may see the claim owned by `unit`.
    public static func canRead(claimOwnedBy unit: UnitID, actor: Actor) -> Bool {
        nationalRoles.contains(actor.role) || actor.unit == unit
    }

    /// Whether `actor` may change the claim owned by `unit` (add notes, move it on).
    public static func canWrite(claimOwnedBy unit: UnitID, actor: Actor) -> Bool {
        canRead(claimOwnedBy: unit, actor: actor) && !readOnlyRoles.contains(actor.role)
    }

    /// Whether `actor` may register new claims.
    public static func canRegister(_ actor: Actor) -> Bool { registrars.contains(actor.role) }

    /// Whether `actor` may see protected characteristics.
    public static func canReadProtectedCharacteristics(_ actor: Actor) -> Bool {
        protectedCharacteristicReaders.contains(actor.role)
    }

    /// Roles that may move a claim between stages, record an outcome or withdraw one.
    public static let stageMovers: Set<Role> = [
        .administrativeOfficer, .decisionMaker, .teamLeader, .technicalSpecialist, .seniorCaseworker,
        .workflowPlanner, .thirdCountryUnit, .administrator,
    ]

    /// Whether `actor` may move the claim owned by `unit` to another stage.
    public static func canMoveStage(claimOwnedBy unit: UnitID, actor: Actor) -> Bool {
        canWrite(claimOwnedBy: unit, actor: actor) && stageMovers.contains(actor.role)
    }

    /// Roles that take work from their unit's queue ("next claim").
    public static let caseworkers: Set<Role> = [.decisionMaker, .technicalSpecialist, .seniorCaseworker]

    /// Roles that allocate, reassign and release other people's claims (team leaders' hand-back and reassignment, 9.37–9.41).
    public static let allocationManagers: Set<Role> = [.teamLeader, .seniorCaseworker, .operationsManager, .workflowPlanner]

    /// Why `actor` may not make `command` on `claim`, or nil when they may. One place for every claim change.
    public static func refusal(of command: ClaimCommand, on claim: Claim, by actor: Actor) -> String? {
        guard canWrite(claimOwnedBy: claim.owningUnit, actor: actor) else { return "\(actor.role.title)s cannot change claims." }
        switch command {
        case .addNote, .linkClaim:
            return nil
        case .moveStage, .recordOutcome, .withdrawOutcome:
            return stageMovers.contains(actor.role) ? nil : "\(actor.role.title)s cannot move claims between stages or record outcomes."
        case let .allocate(to, reassigning):
            if to == actor.staff, !reassigning, caseworkers.contains(actor.role) { return nil }
            return allocationManagers.contains(actor.role) ? nil : "Only team leaders, senior caseworkers, operations managers and planners can give a claim to someone else or reassign it."
        case .release:
            if claim.holder == actor.staff { return nil }
            return allocationManagers.contains(actor.role) ? nil : "Only the holder or a team leader can release this claim."
        }
    }

    /// Whether `actor` may manage staff accounts and API tokens.
    public static func canAdminister(_ actor: Actor) -> Bool { actor.role == .administrator }
}
