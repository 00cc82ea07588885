/// Which claims waiting in a unit's queue a caseworker may be given as their "next claim": the one place the rule is
/// written. The store turns it into conditions on its queue query (`CaseworkStore.nextClaim`), and a test checks the
/// two agree.
///
/// - Training (1.6): new DMs were trained for interviews only or decisions only. A claim's queue stage says which kind
///   of work it needs next (`activity(at:)`), and a DM is given only work their training covers.
/// - Children (8.115; DOMAIN.md "Staff, training and competence"): an unaccompanied child's claim goes only to someone
///   with the children's casework (safeguarding children) training.
/// - Cohorts (8.21–8.31): a caseworker assigned to an operation works that operation's cohort, and is given only claims
///   in it; someone with no operation works the general WIP and may be given any claim.
///
/// A caseworker whose training is not recorded (`trainedFor == nil`, as for everyone added before staff records were
/// kept) is given any claim, as before: refusing them all work until someone fills in their record would empty the
/// queue for whole units overnight, and giving them only some work would be a guess. Their children's-training flag is
/// not read either, since it defaults to "no" rather than "not recorded". An operation, once assigned, applies whatever
/// else is recorded (it can only have been set on purpose) until the operation closes, when its cohort is no longer
/// kept and the store treats the caseworker as on the general WIP.
public struct NextClaimEligibility: Sendable, Hashable {
    /// What the caseworker is trained for; nil when not recorded (any claim).
    public let trainedFor: CaseworkTraining?
    /// Has done the children's casework training.
    public let childrensCasework: Bool
    /// The operation whose cohort they work, by code; nil for the general WIP.
    public let operation: String?

    /// Creates the eligibility of a caseworker.
    public init(trainedFor: CaseworkTraining?, childrensCasework: Bool, operation: String?) {
        self.trainedFor = trainedFor
        self.childrensCasework = childrensCasework
        self.operation = operation
    }

    /// The eligibility a staff record gives.
    public init(_ profile: StaffProfile) {
        self.init(trainedFor: profile.trainedFor, childrensCasework: profile.childrensCasework, operation: profile.operation)
    }

    /// Anyone may be given any claim: a caseworker with no staff record.
    public static let unrestricted = NextClaimEligibility(trainedFor: nil, childrensCasework: false, operation: nil)

    /// The work a claim waiting at `stage` needs next.
    ///
    /// Work in progress and interview need an interview; decision and reopened need a decision (a reopened claim had
    /// its served decision withdrawn to correct an error, fig 23, so it needs a new decision, not another interview).
    /// Until interview records exist (issue 4) the stage is the only fact that tells whether the substantive interview
    /// has happened. Other stages are not worked from the queue: nil.
    public static func activity(at stage: Stage) -> CaseworkActivity? {
        switch stage {
        case .workInProgress, .interview: .interview
        case .decision, .reopened: .decision
        default: nil
        }
    }

    /// Whether the caseworker may be given claims at `stage`.
    public func mayWork(_ stage: Stage) -> Bool {
        guard let activity = Self.activity(at: stage) else { return false }
        guard let trainedFor else { return true }
        return trainedFor.covers(activity)
    }

    /// Whether the caseworker may be given an unaccompanied child's claim.
    public var takesChildrensClaims: Bool { trainedFor == nil || childrensCasework }

    /// Whether the caseworker may be given a claim waiting at `stage`, for an unaccompanied child or not, in the
    /// cohorts of the operations listed.
    public func allows(stage: Stage, unaccompaniedChild: Bool, cohorts: Set<String>) -> Bool {
        guard mayWork(stage) else { return false }
        if unaccompaniedChild, !takesChildrensClaims { return false }
        if let operation, !cohorts.contains(operation) { return false }
        return true
    }

    /// Of `stages`, those the caseworker may be given claims at, in the same order.
    public func stages(among stages: [Stage]) -> [Stage] { stages.filter(mayWork) }

    /// Why a caseworker got no claim although claims may be waiting, in plain words; nil when nothing restricts them.
    public var restrictionText: String? {
        var parts: [String] = []
        if let trainedFor, trainedFor != .both { parts.append(trainedFor == .interviews ? "interview work only" : "decision work only") }
        if trainedFor != nil, !childrensCasework { parts.append("no children's claims") }
        if let operation { parts.append("claims in the cohort of \(operation) only") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

extension NextClaimEligibility {
    /// Why a team leader may not give `username` a claim waiting at `stage`, or nil when they may: the same training
    /// and children's-casework rules as "next claim" (1.6, 8.115). The operation does not bind a team leader's choice:
    /// giving someone a claim outside their cohort is exactly what a manager may decide to do, and it is recorded.
    public func refusalToReceive(stage: Stage, unaccompaniedChild: Bool, username: String) -> String? {
        if let activity = Self.activity(at: stage), let trainedFor, !trainedFor.covers(activity) {
            return "\(username) is trained for \(trainedFor.rawValue) only, and this claim needs \(activity == .interview ? "an interview" : "a decision") next"
        }
        if unaccompaniedChild, !takesChildrensClaims {
            return "\(username) has not done the children's casework training, which an unaccompanied child's claim needs (8.115)"
        }
        return nil
    }
}
