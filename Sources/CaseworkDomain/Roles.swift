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
        case .recordSafeguardingReferral:
            return safeguardingRecorders.contains(actor.role) ? nil : "\(actor.role.title)s cannot record safeguarding referrals."
        case .recordCommitment, .withdrawCommitment:
            return commitmentRecorders.contains(actor.role) ? nil : "\(actor.role.title)s cannot record commitments to decide by a date."
        case .grantPriority:
            return priorityGranters.contains(actor.role) ? nil : "Only team leaders, senior caseworkers and operations managers can grant priority on request."
        case .transfer:
            return transferrers.contains(actor.role) ? nil : "Only workflow planners and operations managers can move a claim to another unit."
        case .dropOutOfCohort:
            return dropOutRecorders.contains(actor.role) ? nil : "\(actor.role.title)s cannot take a claim out of a cohort."
        }
    }

    /// Roles that record a safeguarding referral: those who meet the risk in the claim, and the hub (10.57).
    public static let safeguardingRecorders: Set<Role> = [
        .decisionMaker, .teamLeader, .technicalSpecialist, .seniorCaseworker, .safeguardingHub, .administrativeOfficer,
    ]

    /// Roles that record and withdraw a commitment to decide by a date (litigation and correspondence reach intake and planners).
    public static let commitmentRecorders: Set<Role> = [
        .administrativeOfficer, .teamLeader, .seniorCaseworker, .operationsManager, .workflowPlanner,
    ]

    /// Roles that grant priority on request (8.20): a manager's decision, recorded with who and why.
    public static let priorityGranters: Set<Role> = [.teamLeader, .seniorCaseworker, .operationsManager]

    /// Roles that move claims between units (the planners' allocation, 8.37).
    public static let transferrers: Set<Role> = [.workflowPlanner, .operationsManager]

    /// Roles that take a claim out of a cohort: whoever finds it does not fit (7.16–7.17), and planners.
    public static let dropOutRecorders: Set<Role> = [
        .decisionMaker, .teamLeader, .technicalSpecialist, .seniorCaseworker, .workflowPlanner, .operationsManager,
    ]

    /// Roles that see a team's live page: each decision maker's claims, barriers, progress and capacity (9.37–9.41).
    public static let teamViewers: Set<Role> = [.teamLeader, .seniorCaseworker, .operationsManager]

    /// Roles that see the WIP broken down by unit, cohort, tier, PRAG and year, with drill-down. National roles see every
    /// unit; a unit's managers see their own.
    public static let wipViewers: Set<Role> = [
        .workflowPlanner, .operationsManager, .miAnalyst, .assurance, .administrator, .teamLeader, .seniorCaseworker,
    ]

    /// Roles that keep staff records: training, sign-off, working pattern, absences, team and cohort (their own unit's
    /// staff for team leaders and senior caseworkers; any unit's for the national roles among them).
    public static let staffRecordKeepers: Set<Role> = [.teamLeader, .seniorCaseworker, .operationsManager, .workflowPlanner, .administrator]

    /// Roles that plan the work nationally: define operations, set which units work them, run the allocation across
    /// units and adopt a new priority policy (8.37; fig 21).
    public static let workPlanners: Set<Role> = [.workflowPlanner, .operationsManager]

    /// Roles that keep the interview estate: locations, rooms and their weekly slots, and the interpreter register
    /// (8.66–8.81: the planners' "complex jigsaw puzzle").
    public static let interviewResourceKeepers: Set<Role> = [.workflowPlanner, .operationsManager, .administrator]

    /// Roles that declare their own interview availability (8.80: decision makers declare it themselves).
    public static let availabilityDeclarers: Set<Role> = [.decisionMaker, .technicalSpecialist, .seniorCaseworker]

    /// Roles that book, rebook and cancel interviews, record needs and postponement requests: the administrative
    /// officers who book, the caseworkers whose claims they are, their managers and the planners.
    public static let interviewBookers: Set<Role> = [
        .administrativeOfficer, .decisionMaker, .technicalSpecialist, .seniorCaseworker, .teamLeader, .workflowPlanner, .operationsManager,
    ]

    /// Roles that record what happened at an interview and follow up a failure to attend: the interviewing caseworkers
    /// and their managers.
    public static let interviewOutcomeRecorders: Set<Role> = [.decisionMaker, .technicalSpecialist, .seniorCaseworker, .teamLeader, .administrativeOfficer]

    /// Roles that see a unit's interview diary, the capacity view and the outcome rates.
    public static let interviewViewers: Set<Role> = [
        .administrativeOfficer, .decisionMaker, .technicalSpecialist, .seniorCaseworker, .teamLeader, .workflowPlanner, .operationsManager,
        .miAnalyst, .assurance, .administrator,
    ]

    /// Roles that see a unit's quality figures, the checks waiting and decision makers' feedback: the unit's
    /// managers and checkers, and nationally operations, assurance (PAIR) and MI (2021 rec 8: monthly quality packs).
    public static let qualityViewers: Set<Role> = [
        .teamLeader, .technicalSpecialist, .seniorCaseworker, .operationsManager, .assurance, .miAnalyst, .administrator, .workflowPlanner,
    ]

    /// Whether `actor` may see the quality figures of `unit` (nil: every unit together, for the national roles).
    public static func canReadQuality(of unit: UnitID?, actor: Actor) -> Bool {
        guard qualityViewers.contains(actor.role) else { return false }
        return nationalRoles.contains(actor.role) || unit == actor.unit
    }

    /// Whether `actor` may keep the staff record of someone in `unit`.
    public static func canKeepStaffRecord(in unit: UnitID, actor: Actor) -> Bool {
        staffRecordKeepers.contains(actor.role) && (nationalRoles.contains(actor.role) || actor.unit == unit)
    }

    /// Whether `actor` may manage staff accounts and API tokens.
    public static func canAdminister(_ actor: Actor) -> Bool { actor.role == .administrator }
}
