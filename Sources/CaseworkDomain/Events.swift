/// What happened to a claim. Every change is one of these, appended to the log and never changed.
public enum ClaimEvent: Codable, Sendable, Hashable {
    /// The claim was registered with these facts in this unit. `duplicateDecision` records how a possible match was resolved.
    case registered(ClaimFacts, owningUnit: UnitID, duplicateDecision: DuplicateDecision?)
    /// The claim moved from one stage to another.
    case stageChanged(from: Stage, to: Stage)
    /// An outcome was recorded; the claim is served or closed.
    case outcomeRecorded(Outcome, from: Stage)
    /// A served decision was withdrawn to correct an error; the claim is back in the work in progress (fig 23).
    case outcomeWithdrawn(Outcome)
    /// A note or case action was added, stored whole.
    case noteAdded(NoteText)
    /// Another claim was linked to this one.
    case claimLinked(ClaimReference)
    /// The claim was allocated to a member of staff (taken as "next claim", or given by a team leader); `from` is the
    /// previous holder when it was reassigned.
    case allocated(to: StaffID, from: StaffID?)
    /// The holder gave the claim back to the unit's queue (released by a team leader, or handed back).
    case released(from: StaffID)
    /// A barrier was raised on the claim (8.82–8.97); the payload is the barrier as raised, with its agreement.
    case barrierRaised(Barrier)
    /// A barrier's review date (and perhaps rating) changed; the payload is the barrier after the review.
    case barrierReviewed(Barrier)
    /// A barrier was cleared; the payload is the barrier with its clearance.
    case barrierCleared(Barrier)
    /// A safeguarding referral was raised for the claimant (10.57); it replaces any earlier one for prioritisation.
    case safeguardingReferralRecorded(SafeguardingReferral)
    /// The Home Office is obliged or committed to decide by a date (JR, PAP, MP case; fig 21 "Demand led").
    case commitmentRecorded(DecisionCommitment)
    /// The commitment no longer stands (the JR was withdrawn, the date was met by another route).
    case commitmentWithdrawn(DecisionCommitment)
    /// Priority granted on request for severe vulnerability with medical evidence (8.20), with who granted it and why.
    case priorityGranted(PriorityOnRequest)
    /// A planner moved the claim to another unit; whoever held it no longer does.
    case transferred(to: UnitID, from: UnitID)
    /// The claim left an operation's cohort for the general WIP (7.16–7.17).
    case droppedOutOfCohort(operation: String, reason: DropOutReason)
    /// What the claimant needs to attend an interview was recorded or changed.
    case interviewNeedsRecorded(InterviewNeeds)
    /// An interview was booked (perhaps replacing an earlier one), with its invitation letter.
    case interviewBooked(InterviewBooking)
    /// An outcome was recorded for a booked interview; a no-show carries its failure-to-attend letter and deadline.
    case interviewOutcomeRecorded(InterviewOutcomeRecord)
    /// The claimant or representative asked to move an interview.
    case postponementRequested(PostponementRequest)
    /// A postponement request was answered.
    case postponementAnswered(PostponementAnswer)
    /// A decision maker decided what follows a failure to attend, once the response period ended.
    case failureToAttendFollowedUp(FailureToAttendFollowUp)
    /// A decision was drafted or its draft changed; the payload is the whole draft as saved (8.111–8.113).
    case decisionDrafted(DecisionDraft)
    /// The author completed the draft: the moment the work is done, and sampling decides.
    case decisionCompleted(DecisionCompletion)
    /// Sampling decided whether a withdrawal is checked, and why (10.44: withdrawals were checked once in ten months).
    /// Other work carries its sample in the event that completes it.
    case workSampled(WorkSample)
    /// A screening interview was conducted, with its sample.
    case screeningInterviewRecorded(ScreeningInterview)
    /// A quality check of work on the claim was recorded (10.4, 10.9, 10.14, 10.30).
    case qualityAssessed(QualityAssessment)
    /// An Operating Mandate check was carried out (8.119 note 131).
    case operatingMandateCheckRecorded(OperatingMandateCheck)
    /// No decision may be served until this hold is lifted (10.60).
    case serviceHoldPlaced(ServiceHold)
    case serviceHoldLifted(ServiceHoldLift)
    /// The decision was served on the claimant, with its letter.
    case decisionServed(DecisionService)
    /// An appeal against the served refusal was lodged, heard, determined.
    case appealLodged(AppealLodged)
    case appealHeard(AppealHearing)
    case appealDetermined(AppealDetermination)

    /// The event's type as stored in the log.
    public var type: String {
        switch self {
        case .registered: "claim-registered"
        case .stageChanged: "stage-changed"
        case .outcomeRecorded: "outcome-recorded"
        case .outcomeWithdrawn: "outcome-withdrawn"
        case .noteAdded: "note-added"
        case .claimLinked: "claim-linked"
        case .allocated: "claim-allocated"
        case .released: "claim-released"
        case .barrierRaised: "barrier-raised"
        case .barrierReviewed: "barrier-reviewed"
        case .barrierCleared: "barrier-cleared"
        case .safeguardingReferralRecorded: "safeguarding-referral-recorded"
        case .commitmentRecorded: "commitment-recorded"
        case .commitmentWithdrawn: "commitment-withdrawn"
        case .priorityGranted: "priority-granted"
        case .transferred: "claim-transferred"
        case .droppedOutOfCohort: "cohort-dropped-out"
        case .interviewNeedsRecorded: "interview-needs-recorded"
        case .interviewBooked: "interview-booked"
        case .interviewOutcomeRecorded: "interview-outcome-recorded"
        case .postponementRequested: "postponement-requested"
        case .postponementAnswered: "postponement-answered"
        case .failureToAttendFollowedUp: "failure-to-attend-followed-up"
        case .decisionDrafted: "decision-drafted"
        case .decisionCompleted: "decision-completed"
        case .workSampled: "work-sampled"
        case .screeningInterviewRecorded: "screening-interview-recorded"
        case .qualityAssessed: "quality-assessed"
        case .operatingMandateCheckRecorded: "operating-mandate-check-recorded"
        case .serviceHoldPlaced: "service-hold-placed"
        case .serviceHoldLifted: "service-hold-lifted"
        case .decisionServed: "decision-served"
        case .appealLodged: "appeal-lodged"
        case .appealHeard: "appeal-heard"
        case .appealDetermined: "appeal-determined"
        }
    }

    /// A one-line summary for the claim's timeline.
    public var summary: String {
        switch self {
        case let .registered(facts, unit, decision):
            var text = "Claim registered for \(facts.mainApplicant.fullName) in \(unit.rawValue)"
            if let decision { text += "; \(decision.summary)" }
            return text
        case let .stageChanged(from, to): return "Moved from \(from.title) to \(to.title)"
        case let .outcomeRecorded(outcome, _): return "Outcome recorded: \(outcome.title)"
        case let .outcomeWithdrawn(outcome): return "Outcome withdrawn (\(outcome.title)); claim reopened"
        case .noteAdded(let note): return "Note added (\(note.text.count) characters)"
        case let .claimLinked(reference): return "Linked to claim \(reference.rawValue)"
        case let .allocated(to, from):
            return from.map { "Reassigned from \($0.rawValue) to \(to.rawValue)" } ?? "Allocated to \(to.rawValue)"
        case let .released(from): return "Released from \(from.rawValue); back in the unit's queue"
        case let .barrierRaised(barrier):
            return "Barrier \(barrier.id) raised: \(barrier.type?.title ?? barrier.typeCode) (\(barrier.rating.title)), review by \(barrier.reviewDate.longForm)"
        case let .barrierReviewed(barrier):
            return "Barrier \(barrier.id) reviewed: next review \(barrier.reviewDate.longForm), \(barrier.rating.title)"
        case let .barrierCleared(barrier): return "Barrier \(barrier.id) cleared: \(barrier.type?.title ?? barrier.typeCode)"
        case let .safeguardingReferralRecorded(referral):
            return "Safeguarding referral recorded: \(referral.level.title), raised \(referral.raised.longForm)"
        case let .commitmentRecorded(commitment):
            return "Decision committed by \(commitment.decideBy.longForm) (\(commitment.kind.title))"
        case let .commitmentWithdrawn(commitment):
            return "Commitment to decide by \(commitment.decideBy.longForm) (\(commitment.kind.title)) withdrawn"
        case let .priorityGranted(grant):
            return "Priority on request granted by \(grant.grantedBy.rawValue): \(grant.reason)"
        case let .transferred(to, from): return "Transferred from \(from.rawValue) to \(to.rawValue)"
        case let .droppedOutOfCohort(operation, reason): return "Dropped out of \(operation) to the general WIP: \(reason.title)"
        case let .interviewNeedsRecorded(needs):
            return "Interview needs recorded: \(needs.kind.title), \(needs.language.map { "interpreter in \($0)" } ?? "no interpreter"), up to \(needs.maximumTravelKm) km"
        case let .interviewBooked(booking):
            let rebooking = booking.replaces.map { " (rebooking interview \($0))" } ?? ""
            return "Interview \(booking.number) booked\(rebooking): \(booking.slot.when) at \(booking.slot.location); invitation dated \(booking.invitation.dated.longForm)"
        case let .interviewOutcomeRecorded(record):
            switch record.outcome {
            case let .completed(minutes, agreement):
                return "Interview \(record.interview) completed in \(minutes) minutes" + (agreement.map { ", longer agreed by \($0.rawValue)" } ?? "")
                    + (record.sample.map { "; " + $0.summary } ?? "")
            case let .cancelled(reason, by, _): return "Interview \(record.interview) cancelled by \(by.title.lowercased()): \(reason.title)"
            case let .noShow(letter, respondBy):
                return "Claimant did not attend interview \(record.interview); failure-to-attend letter dated \(letter.dated.longForm), response by \(respondBy.longForm)"
            case let .suspended(reason): return "Interview \(record.interview) suspended: \(reason)"
            case let .continuationNeeded(agreement, _): return "Interview \(record.interview) needs a continuation, agreed by \(agreement.rawValue)"
            case .withdrawn: return "Interview \(record.interview) withdrawn"
            }
        case let .postponementRequested(request):
            return "Postponement requested by the \(request.requestedBy.title.lowercased()), received \(request.received.longForm)"
                + (request.medicalEvidence == nil ? "" : ", with medical evidence")
        case let .postponementAnswered(answer):
            return "Postponement request \(answer.request) " + (answer.granted ? "granted" + (answer.notBefore.map { ": no interview before \($0.longForm)" } ?? "") : "refused")
        case let .failureToAttendFollowedUp(followUp):
            return "Failure to attend interview \(followUp.interview) followed up: \(followUp.action.title)"
        case let .decisionDrafted(draft):
            return "Decision \(draft.number) drafted by \(draft.author.rawValue): \(draft.outcome.title.lowercased()), template \(draft.template) version \(draft.templateVersion)"
        case let .decisionCompleted(completion):
            return "Decision \(completion.draft) completed by \(completion.author.rawValue)" + (completion.resubmission ? " after amendment" : "") + ": \(completion.outcome.title.lowercased()); "
                + completion.sample.summary
        case let .workSampled(sample):
            return sample.summary
        case let .screeningInterviewRecorded(screening):
            return "Screening interview conducted by \(screening.conductedBy.rawValue) on \(screening.conductedOn.longForm); " + screening.sample.summary
        case let .qualityAssessed(assessment):
            let what = assessment.subject.map { "\(assessment.work.title) \($0)" } ?? assessment.work.title
            return "\(what) checked by \(assessment.assessor.rawValue)" + (assessment.mode == .verbal ? " (verbal, agreed with \(assessment.agreedWith?.rawValue ?? ""))" : "")
                + ": calculated \(assessment.scores.calculated.title), outcome \(assessment.outcomeCorrect ? "correct" : "not correct")" + (assessment.preService ? "" : ", after service")
        case let .operatingMandateCheckRecorded(check):
            return "Operating Mandate check recorded: \(OperatingMandate.check(check.code)?.title ?? check.code), \(check.result.title.lowercased())"
        case let .serviceHoldPlaced(hold): return "Hold \(hold.number) on service placed: \(hold.kind.title)"
        case let .serviceHoldLifted(lift): return "Hold \(lift.number) on service lifted by \(lift.liftedBy.rawValue)"
        case let .decisionServed(service):
            return "Decision \(service.draft) served on \(service.servedOn.longForm) by \(service.method.title.lowercased()): \(service.outcome.title)"
        case let .appealLodged(appeal): return "Appeal \(appeal.number) lodged on \(appeal.lodgedOn.longForm) against decision \(appeal.decision)"
        case let .appealHeard(hearing): return "Appeal \(hearing.number) heard on \(hearing.heardOn.longForm)"
        case let .appealDetermined(determination):
            return "Appeal \(determination.number) \(determination.outcome.rawValue) on \(determination.determinedOn.longForm)"
        }
    }
}

/// How a possible duplicate was resolved at registration: the user saw the match and chose.
public struct DuplicateDecision: Codable, Sendable, Hashable {
    /// What the user chose.
    public enum Choice: String, Codable, Sendable, CaseIterable {
        /// The claimants are different people.
        case confirmedDistinct = "confirmed-distinct"
        /// A related claim (e.g. a family member's): register and link.
        case linked
    }
    public var choice: Choice
    /// The claims that matched.
    public var matches: [ClaimReference]

    /// Creates a decision.
    public init(choice: Choice, matches: [ClaimReference]) {
        self.choice = choice
        self.matches = matches
    }

    /// As shown on the timeline.
    public var summary: String {
        let list = matches.map(\.rawValue).joined(separator: ", ")
        return choice == .linked ? "linked to possible match \(list)" : "confirmed as a different person from \(list)"
    }
}

/// The text of a note: any length up to `ValidationPolicy.maximumNoteLength`, never truncated.
public struct NoteText: Codable, Sendable, Hashable {
    /// The note, whole.
    public let text: String
    /// Whether it is a follow-up action rather than a note (8.41).
    public let isAction: Bool

    /// Creates a note.
    public init(text: String, isAction: Bool = false) {
        self.text = text
        self.isAction = isAction
    }
}

/// An event as stored: the change plus who, in which role, when and why.
public struct RecordedEvent: Sendable, Hashable {
    /// Position in the whole log.
    public var globalPosition: Int64
    public var claim: ClaimReference
    /// Per-claim sequence number, from 1.
    public var sequence: Int
    public var event: ClaimEvent
    public var actor: Actor
    public var occurredAt: Instant
    public var reason: String?

    /// Creates a stored event.
    public init(globalPosition: Int64, claim: ClaimReference, sequence: Int, event: ClaimEvent, actor: Actor, occurredAt: Instant, reason: String?) {
        self.globalPosition = globalPosition
        self.claim = claim
        self.sequence = sequence
        self.event = event
        self.actor = actor
        self.occurredAt = occurredAt
        self.reason = reason
    }
}

extension ClaimEvent {
    /// The sample an event carries: work completed and the decision whether it is checked.
    public var sample: WorkSample? {
        switch self {
        case let .decisionCompleted(completion): completion.sample
        case let .workSampled(sample): sample
        case let .screeningInterviewRecorded(screening): screening.sample
        case let .interviewOutcomeRecorded(record): record.sample
        default: nil
        }
    }
}

extension WorkSample {
    /// "Selected for a full check: The worker is not yet signed off", or "not selected for a check".
    public var summary: String {
        decision.selected
            ? "selected for a \(decision.depth?.rawValue ?? "full") check: " + decision.reasons.map(\.text).joined(separator: "; ")
            : "not selected for a check"
    }
}
