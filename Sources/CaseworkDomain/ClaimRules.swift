/// A change a user asks of an existing claim.
public enum ClaimCommand: Sendable, Hashable {
    case moveStage(to: Stage)
    case recordOutcome(Outcome)
    case withdrawOutcome
    case addNote(NoteText)
    case linkClaim(ClaimReference)
    /// Give the claim to `to`. `reassigning` allows taking it from its current holder (a team leader's reassignment, with a reason).
    case allocate(to: StaffID, reassigning: Bool)
    /// Put the claim back in its unit's queue.
    case release
}

/// The state machine: decides which event a command produces, and how each event changes the claim.
public enum ClaimRules {
    /// The event `command` produces on `claim`, or the rule it breaks. Pure: no I/O, no clock.
    public static func decide(_ command: ClaimCommand, on claim: Claim, reason: String?) throws(ClaimRuleViolation) -> ClaimEvent {
        switch command {
        case let .moveStage(target):
            guard claim.stage.nextStages.contains(target) else {
                throw .illegalTransition(from: claim.stage, to: target)
            }
            return .stageChanged(from: claim.stage, to: target)
        case let .recordOutcome(outcome):
            guard outcome.allowedFrom.contains(claim.stage) else { throw .outcomeNotAllowed(outcome, stage: claim.stage) }
            if !outcome.isServedDecision, reason?.isEmpty ?? true { throw .reasonRequired("closing the claim as \(outcome.title.lowercased())") }
            return .outcomeRecorded(outcome, from: claim.stage)
        case .withdrawOutcome:
            guard claim.stage == .served, let outcome = claim.outcome else { throw .nothingToWithdraw(stage: claim.stage) }
            guard let reason, !reason.isEmpty else { throw .reasonRequired("withdrawing the outcome") }
            return .outcomeWithdrawn(outcome)
        case let .addNote(note):
            return .noteAdded(note)
        case let .linkClaim(reference):
            return .claimLinked(reference)
        case let .allocate(staff, reassigning):
            guard claim.stage.isOpen else { throw .notOpen(stage: claim.stage) }
            if let holder = claim.holder {
                guard holder != staff else { throw .alreadyHeld(by: holder) }
                guard reassigning else { throw .alreadyHeld(by: holder) }
                guard let reason, !reason.isEmpty else { throw .reasonRequired("reassigning the claim") }
            }
            return .allocated(to: staff, from: claim.holder)
        case .release:
            guard let holder = claim.holder else { throw .notHeld }
            guard let reason, !reason.isEmpty else { throw .reasonRequired("releasing the claim") }
            return .released(from: holder)
        }
    }

    /// The claim a `registered` event creates.
    public static func start(
        reference: ClaimReference, facts: ClaimFacts, owningUnit: UnitID, actor: Actor, at instant: Instant,
        policy: RegimePolicy = .current
    ) -> Claim {
        Claim(
            reference: reference, version: 1, facts: facts, regime: policy.regime(forClaimDated: facts.dateOfClaim),
            stage: .registration, outcome: nil, owningUnit: owningUnit, registeredAt: instant, registeredBy: actor.staff,
            updatedAt: instant, noteCount: 0
        )
    }

    /// `claim` after `event`. The projection tables and `rebuild-projections` both use this, so they cannot disagree.
    public static func apply(_ event: ClaimEvent, to claim: inout Claim, at instant: Instant) {
        claim.version += 1
        claim.updatedAt = instant
        switch event {
        case .registered:
            break
        case let .stageChanged(_, to):
            claim.stage = to
        case let .outcomeRecorded(outcome, _):
            claim.outcome = outcome
            claim.stage = outcome.resultingStage
            claim.holder = nil
            claim.heldSince = nil
        case .outcomeWithdrawn:
            claim.outcome = nil
            claim.stage = .reopened
        case .noteAdded:
            claim.noteCount += 1
        case let .claimLinked(reference):
            if !claim.facts.linkedClaims.contains(reference) { claim.facts.linkedClaims.append(reference) }
        case let .allocated(to, _):
            claim.holder = to
            claim.heldSince = instant
        case .released:
            claim.holder = nil
            claim.heldSince = nil
        case .barrierRaised, .barrierReviewed, .barrierCleared:
            break  // Barriers have their own projection; see `BarrierRules`.
        }
    }

    /// Replays a claim's whole history. Nil when the first event is not a registration.
    public static func replay(_ events: [RecordedEvent], policy: RegimePolicy = .current) -> Claim? {
        guard let first = events.first, case let .registered(facts, unit, _) = first.event else { return nil }
        var claim = start(reference: first.claim, facts: facts, owningUnit: unit, actor: first.actor, at: first.occurredAt, policy: policy)
        for recorded in events.dropFirst() { apply(recorded.event, to: &claim, at: recorded.occurredAt) }
        return claim
    }
}

/// Commands as typed into a form or sent to the API, before they are checked. Pages and the API both read them here,
/// so a field is named and checked the same way wherever it comes from.
public enum ClaimCommandInput {
    /// "Move the claim to `to`", with an optional reason.
    public static func moveStage(to: String?, reason: String?) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let target: Stage? = check.choice(to, "to", label: "the stage to move the claim to")
        let reason = check.optionalText(reason, "reason", label: "the reason", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return (.moveStage(to: target!), reason)
    }

    /// "Record `outcome`", with a reason (required for closures by `ClaimRules`).
    public static func recordOutcome(_ outcome: String?, reason: String?) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let outcome: Outcome? = check.choice(outcome, "outcome", label: "the outcome")
        let reason = check.optionalText(reason, "reason", label: "the reason", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return (.recordOutcome(outcome!), reason)
    }

    /// "Link claim `claim` to this one", with an optional reason.
    public static func linkClaim(_ claim: String?, reason: String?) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let other = check.requiredText(claim, "claim", label: "the reference of the claim to link")?.uppercased()
        let reason = check.optionalText(reason, "reason", label: "the reason", maximum: ValidationPolicy.maximumReasonLength)
        if let other, !ClaimReference.isWellFormed(other) {
            check.fail("claim", "The claim to link must be a claim reference such as CW-0001234")
        }
        try check.finish()
        return (.linkClaim(ClaimReference(other!)), reason)
    }

    /// "Give the claim to `to`" (reassigning it when someone holds it), with a reason.
    public static func allocate(to: String?, reason: String?) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let staff = check.requiredText(to, "to", label: "the username to give the claim to", maximum: 100)
        let reason = check.optionalText(reason, "reason", label: "the reason", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return (.allocate(to: StaffID(staff!), reassigning: true), reason)
    }

    /// "Release the claim back to the unit's queue", with the required reason.
    public static func release(reason: String?) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let reason = check.requiredText(reason, "reason", label: "the reason for releasing the claim", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return (.release, reason)
    }

    /// "Withdraw the served outcome", with the required reason.
    public static func withdrawOutcome(reason: String?) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let reason = check.requiredText(reason, "reason", label: "the reason for withdrawing the outcome", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return (.withdrawOutcome, reason)
    }
}
