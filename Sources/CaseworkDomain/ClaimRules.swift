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
    /// Record a safeguarding referral raised for the claimant.
    case recordSafeguardingReferral(SafeguardingReferral)
    /// Record a date the decision is committed by.
    case recordCommitment(DecisionCommitment)
    /// The standing commitment no longer applies.
    case withdrawCommitment
    /// Grant priority on request (8.20).
    case grantPriority(PriorityOnRequest)
    /// Move the claim to another unit (a planner's reallocation).
    case transfer(to: UnitID)
    /// Take the claim out of an operation's cohort, back to the general WIP.
    case dropOutOfCohort(operation: String, reason: DropOutReason)
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
            // A grant or refusal is served through its gates (`ServiceGates`), never recorded bare.
            if DecisionRules.decisionOutcomes.contains(outcome) { throw .decisionServedThroughGates(outcome) }
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
        case let .recordSafeguardingReferral(referral):
            return .safeguardingReferralRecorded(referral)
        case let .recordCommitment(commitment):
            guard claim.stage.isOpen else { throw .notOpen(stage: claim.stage) }
            return .commitmentRecorded(commitment)
        case .withdrawCommitment:
            guard let commitment = claim.work.commitment else { throw .noCommitment }
            guard let reason, !reason.isEmpty else { throw .reasonRequired("withdrawing the commitment") }
            return .commitmentWithdrawn(commitment)
        case let .grantPriority(grant):
            guard claim.stage.isOpen else { throw .notOpen(stage: claim.stage) }
            if let earlier = claim.work.priorityOnRequest { throw .priorityAlreadyGranted(by: earlier.grantedBy) }
            return .priorityGranted(grant)
        case let .transfer(unit):
            guard claim.stage.isOpen else { throw .notOpen(stage: claim.stage) }
            guard unit != claim.owningUnit else { throw .alreadyInUnit(unit) }
            guard let reason, !reason.isEmpty else { throw .reasonRequired("moving the claim to another unit") }
            return .transferred(to: unit, from: claim.owningUnit)
        case let .dropOutOfCohort(operation, dropOut):
            if claim.work.cohortDropOuts[operation] != nil { throw .alreadyDroppedOut(operation: operation) }
            return .droppedOutOfCohort(operation: operation, reason: dropOut)
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
        case let .allocated(to, from):
            claim.holder = to
            claim.heldSince = instant
            if from != nil { claim.work.reallocations += 1 }
        case .released:
            claim.holder = nil
            claim.heldSince = nil
        case .barrierRaised, .barrierReviewed, .barrierCleared:
            break  // Barriers have their own projection; see `BarrierRules`.
        case let .safeguardingReferralRecorded(referral):
            claim.work.safeguarding = referral
        case let .commitmentRecorded(commitment):
            claim.work.commitment = commitment
        case .commitmentWithdrawn:
            claim.work.commitment = nil
        case let .priorityGranted(grant):
            claim.work.priorityOnRequest = grant
        case let .transferred(to, _):
            claim.owningUnit = to
            claim.holder = nil
            claim.heldSince = nil
            claim.work.reallocations += 1
        case let .droppedOutOfCohort(operation, reason):
            claim.work.cohortDropOuts[operation] = reason
        case let .interviewNeedsRecorded(needs):
            claim.work.interviewNeeds = needs
        case let .postponementAnswered(answer):
            if answer.granted, let notBefore = answer.notBefore { claim.work.interviewNotBefore = notBefore }
        case .interviewBooked, .interviewOutcomeRecorded, .postponementRequested, .failureToAttendFollowedUp:
            break  // Interviews have their own projection; see `InterviewStore`.
        case let .decisionCompleted(completion):
            // A decision selected for a check waits for it before service (10.34: checks before service, not after).
            if completion.sample.decision.selected, claim.stage == .decision { claim.stage = .qualityAssurance }
        case let .qualityAssessed(assessment):
            // A check that finds a decision cannot be served sends it back to its author.
            if assessment.work == .decision, assessment.preService, !assessment.passes, claim.stage == .qualityAssurance { claim.stage = .decision }
        case let .decisionServed(service):
            claim.outcome = service.outcome
            claim.stage = .served
            claim.holder = nil
            claim.heldSince = nil
        case .decisionDrafted, .workSampled, .screeningInterviewRecorded, .operatingMandateCheckRecorded, .serviceHoldPlaced, .serviceHoldLifted, .appealLodged, .appealHeard,
            .appealDetermined:
            break  // Decisions and quality have their own projection; see `DecisionProjection`.
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

extension ClaimCommandInput {
    /// "A safeguarding referral at `level` was raised on `raised`" (YYYY-MM-DD, not after `today`), with an optional reason.
    public static func safeguardingReferral(level: String?, raised: String?, reason: String?, today: LocalDate) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let level: SafeguardingLevel? = check.choice(level, "level", label: "the referral's level")
        let raised = check.date(raised, "raised", label: "the date the referral was raised", earliest: ValidationPolicy.earliestDateOfClaim, latest: today)
        let reason = check.optionalText(reason, "reason", label: "the reason", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return (.recordSafeguardingReferral(SafeguardingReferral(level: level!, raised: raised!)), reason)
    }

    /// "The decision is committed by `decideBy`" because of `kind`; the date must not be before `today`.
    public static func commitment(kind: String?, decideBy: String?, reason: String?, today: LocalDate) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let kind: CommitmentKind? = check.choice(kind, "kind", label: "what the commitment comes from")
        var date: LocalDate?
        if let text = decideBy?.trimmingWhitespace, !text.isEmpty {
            if let parsed = LocalDate(iso: text) {
                if parsed < today {
                    check.fail("decideBy", "The date to decide by must be today or later (\(today.longForm)): a commitment cannot start already missed")
                } else {
                    date = parsed
                }
            } else {
                check.fail("decideBy", "The date to decide by must be a real date in the form YYYY-MM-DD, for example \(today.adding(days: 28).iso)")
            }
        } else {
            check.fail("decideBy", "Enter the date the decision is committed by")
        }
        let reason = check.optionalText(reason, "reason", label: "the reason", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return (.recordCommitment(DecisionCommitment(kind: kind!, decideBy: date!)), reason)
    }

    /// "The commitment no longer stands", with the required reason.
    public static func withdrawCommitment(reason: String?) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let reason = check.requiredText(reason, "reason", label: "why the commitment no longer stands", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return (.withdrawCommitment, reason)
    }

    /// "Grant priority on request", by `actor` at `instant`, with the evidence seen as the required reason (8.20).
    public static func grantPriority(reason: String?, by actor: Actor, at instant: Instant) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let reason = check.requiredText(reason, "reason", label: "why priority is granted (the vulnerability and the medical evidence seen)", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return (.grantPriority(PriorityOnRequest(grantedBy: actor.staff, at: instant, reason: reason!)), reason)
    }

    /// "Move the claim to unit `unit`", with the required reason.
    public static func transfer(unit: String?, reason: String?) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let unit = check.requiredText(unit, "unit", label: "the unit to move the claim to", maximum: 100)?.uppercased()
        let reason = check.requiredText(reason, "reason", label: "the reason for moving the claim", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return (.transfer(to: UnitID(unit!)), reason)
    }

    /// "The claim drops out of `operation` for `reason`", with an optional note.
    public static func dropOut(operation: String?, dropOutReason: String?, note: String?) throws(ValidationFailure) -> (command: ClaimCommand, reason: String?) {
        var check = Validator()
        let operation = check.requiredText(operation, "operation", label: "the operation the claim leaves", maximum: 40)?.uppercased()
        let why: DropOutReason? = check.choice(dropOutReason, "dropOutReason", label: "why the claim leaves the cohort")
        let note = check.optionalText(note, "reason", label: "the note", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return (.dropOutOfCohort(operation: operation!, reason: why!), note ?? why!.title)
    }
}
