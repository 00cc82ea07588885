/// Where a claim is in its journey (DOMAIN.md "The claim": registration → screening → … → service → after).
public enum Stage: String, Codable, Sendable, CaseIterable {
    case registration
    case screening
    case inadmissibilityConsideration = "inadmissibility-consideration"
    case workInProgress = "work-in-progress"
    case interview
    case decision
    case qualityAssurance = "quality-assurance"
    case served
    case closed
    case reopened

    /// The stage as staff say it.
    public var title: String {
        switch self {
        case .registration: "Registration"
        case .screening: "Screening"
        case .inadmissibilityConsideration: "Inadmissibility consideration"
        case .workInProgress: "Work in progress"
        case .interview: "Interview"
        case .decision: "Decision"
        case .qualityAssurance: "Quality assurance"
        case .served: "Decision served"
        case .closed: "Closed"
        case .reopened: "Reopened"
        }
    }

    /// Stages a claim may be moved to directly, by a caseworker, from this one. Outcomes move claims too: see `StageMachine`.
    public var nextStages: [Stage] {
        switch self {
        case .registration: [.screening]
        case .screening: [.inadmissibilityConsideration, .workInProgress]
        case .inadmissibilityConsideration: [.workInProgress]
        case .workInProgress: [.interview, .decision]
        case .interview: [.decision, .workInProgress]
        case .decision: [.qualityAssurance, .workInProgress]
        case .qualityAssurance: [.decision]
        case .served: [.closed]
        case .closed: []
        case .reopened: [.workInProgress]
        }
    }

    /// True while the claim is still being worked (no served or closing outcome).
    public var isOpen: Bool { self != .served && self != .closed }
}

/// How a claim ended, or the decision served on it (fig 16, 22, 23).
public enum Outcome: String, Codable, Sendable, CaseIterable {
    case grantAsylum = "grant-asylum"
    case grantHumanitarianProtection = "grant-humanitarian-protection"
    case grantOtherLeave = "grant-other-leave"
    case refusal
    /// A third-country (inadmissibility) decision, served by the Third Country Unit.
    case inadmissible
    case withdrawnExplicitly = "withdrawn-explicitly"
    /// Non-compliance or absconding.
    case withdrawnImplicitly = "withdrawn-implicitly"
    /// Recorded twice or wrongly.
    case void
    case otherDeceased = "other-deceased"
    case otherDuplicate = "other-duplicate"
    case otherRejection = "other-rejection"

    /// The outcome as staff say it.
    public var title: String {
        switch self {
        case .grantAsylum: "Grant of asylum (refugee status)"
        case .grantHumanitarianProtection: "Grant of humanitarian protection"
        case .grantOtherLeave: "Grant of other leave"
        case .refusal: "Refusal"
        case .inadmissible: "Inadmissible (safe third country)"
        case .withdrawnExplicitly: "Withdrawn by the claimant"
        case .withdrawnImplicitly: "Treated as withdrawn (non-compliance or absconding)"
        case .void: "Void (recorded twice or in error)"
        case .otherDeceased: "Other: claimant deceased"
        case .otherDuplicate: "Other: duplicate"
        case .otherRejection: "Other: rejection"
        }
    }

    /// A decision that is served on the claimant (and may be appealed), as opposed to a closure.
    public var isServedDecision: Bool {
        switch self {
        case .grantAsylum, .grantHumanitarianProtection, .grantOtherLeave, .refusal, .inadmissible: true
        default: false
        }
    }

    /// The stage a claim must be in for this outcome to be recorded.
    public var allowedFrom: Set<Stage> {
        switch self {
        case .grantAsylum, .grantHumanitarianProtection, .grantOtherLeave, .refusal: [.decision, .qualityAssurance]
        case .inadmissible: [.inadmissibilityConsideration]
        default: Set(Stage.allCases.filter(\.isOpen))
        }
    }

    /// The stage the claim is in once this outcome is recorded.
    public var resultingStage: Stage { isServedDecision ? .served : .closed }
}

/// Why a claim cannot make the change asked of it. Each case reads as a sentence for the user.
public enum ClaimRuleViolation: Error, Hashable, Sendable, CustomStringConvertible {
    case illegalTransition(from: Stage, to: Stage)
    case outcomeNotAllowed(Outcome, stage: Stage)
    case nothingToWithdraw(stage: Stage)
    case reasonRequired(String)
    case alreadyHeld(by: StaffID)
    case notHeld
    case notOpen(stage: Stage)
    case noCommitment
    case priorityAlreadyGranted(by: StaffID)
    case alreadyInUnit(UnitID)
    case alreadyDroppedOut(operation: String)
    case decisionServedThroughGates(Outcome)

    public var description: String {
        switch self {
        case let .illegalTransition(from, to):
            let allowed = from.nextStages.map(\.title).joined(separator: ", ")
            return "A claim cannot move from \(from.title) to \(to.title). From \(from.title) it can move to: \(allowed.isEmpty ? "no other stage" : allowed)."
        case let .outcomeNotAllowed(outcome, stage):
            let stages = Stage.allCases.filter { outcome.allowedFrom.contains($0) }.map(\.title).joined(separator: ", ")
            return "\(outcome.title) cannot be recorded while the claim is at \(stage.title). It can be recorded at: \(stages)."
        case let .nothingToWithdraw(stage):
            return "Only a served decision can be withdrawn; this claim is at \(stage.title)."
        case let .reasonRequired(what):
            return "Give a reason for \(what)."
        case let .alreadyHeld(holder):
            return "The claim is held by \(holder.rawValue). Only a team leader can reassign it, with a reason."
        case .notHeld:
            return "Nobody holds this claim, so there is nothing to release."
        case let .notOpen(stage):
            return "The claim is \(stage.title.lowercased()), so it cannot be allocated or prioritised."
        case .noCommitment:
            return "No commitment to decide by a date stands on this claim, so there is nothing to withdraw."
        case let .priorityAlreadyGranted(by):
            return "Priority on request was already granted by \(by.rawValue); it is granted once and stays on the record."
        case let .alreadyInUnit(unit):
            return "The claim is already in \(unit.rawValue)."
        case let .alreadyDroppedOut(operation):
            return "The claim has already dropped out of \(operation)."
        case let .decisionServedThroughGates(outcome):
            return "\(outcome.title) is served from the claim's decision: draft it, complete it, and serve it once every gate is open (Operating Mandate checks, any quality check, barriers, holds)."
        }
    }

    /// The input field the violation is about, for field-level messages.
    public var field: String {
        switch self {
        case .illegalTransition: "to"
        case .outcomeNotAllowed: "outcome"
        case .nothingToWithdraw: "stage"
        case .reasonRequired: "reason"
        case .alreadyHeld, .notHeld, .notOpen: "holder"
        case .noCommitment: "commitment"
        case .priorityAlreadyGranted: "priorityOnRequest"
        case .alreadyInUnit: "unit"
        case .alreadyDroppedOut: "operation"
        case .decisionServedThroughGates: "outcome"
        }
    }
}
