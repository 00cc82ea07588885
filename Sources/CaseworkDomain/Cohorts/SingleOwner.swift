/// A cohort a claim belongs to, with its size: what the single-owner rule reads (8.91).
public struct CohortSize: Sendable, Hashable, Codable {
    /// The operation's code.
    public let operation: String
    /// Claims in the cohort now (open and decided members).
    public let members: Int
    /// Below this many members the cohort is low-intake.
    public let lowIntakeThreshold: Int

    /// Creates a size.
    public init(operation: String, members: Int, lowIntakeThreshold: Int) {
        self.operation = operation
        self.members = members
        self.lowIntakeThreshold = lowIntakeThreshold
    }

    /// Whether the cohort is low-intake.
    public var isLowIntake: Bool { members < lowIntakeThreshold }
}

extension SingleOwnerRule {
    /// Every reason `claim` keeps one owner on `date`, given the cohorts it is in (each judged by its own operation's
    /// threshold) and the claimant's age (judged by this rule's `minimumAge`). Empty when the rule does not apply.
    public func reasons(for claim: Claim, cohorts: [CohortSize], on date: LocalDate) -> [SingleOwnerReason] {
        var reasons = cohorts.filter(\.isLowIntake).map { SingleOwnerReason.lowIntakeCohort(members: $0.members, threshold: $0.lowIntakeThreshold) }
        let age = claim.facts.mainApplicant.dateOfBirth.age(on: date)
        if age >= minimumAge { reasons.append(.olderClaimant(age: age, threshold: minimumAge)) }
        return reasons
    }

    /// Why `actor` may not make `command` on `claim` under the single-owner rule, or nil when they may.
    ///
    /// A claim that keeps one owner (8.91: low-intake cohort, claimant 70 or over) stays with the decision maker who
    /// holds it from triage to service, so the holder cannot hand it back to the queue themselves. A team leader, senior
    /// caseworker, operations manager or planner (`AccessPolicy.allocationManagers`) can still release or reassign it,
    /// with a reason, when the owner cannot carry on (leave, sickness, leaving the unit).
    public static func handBackRefusal(of command: ClaimCommand, on claim: Claim, by actor: Actor, reasons: [SingleOwnerReason]) -> String? {
        guard case .release = command, let holder = claim.holder, holder == actor.staff,
            !AccessPolicy.allocationManagers.contains(actor.role), !reasons.isEmpty
        else { return nil }
        let why = reasons.map(\.description).joined(separator: "; ")
        return "This claim keeps one owner from triage to service (8.91, single-owner rule: \(why)), so you cannot hand it back to the queue. "
            + "Ask your team leader: they can release or reassign it with a reason."
    }

    /// Whether `command` could be refused by `handBackRefusal` for some reasons: only the holder's own release can be,
    /// so the store looks up cohort sizes only then.
    public static func mayRefuse(_ command: ClaimCommand, on claim: Claim, by actor: Actor) -> Bool {
        guard case .release = command else { return false }
        return claim.holder == actor.staff && !AccessPolicy.allocationManagers.contains(actor.role)
    }
}
