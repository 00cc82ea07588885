import CaseworkDomain
import CaseworkStore

/// One later event of a history, as `ClaimHistory.later` holds it.
typealias LaterEvent = (event: ClaimEvent, actor: Actor, at: Instant, reason: String?)

/// The clock of one claim's journey: each step is on a weekday, at a working hour, after the last, and never after
/// the reference date. A step that would fall after it does not happen: the claim has not got that far yet.
struct JourneyClock {
    let lastDay: Int
    private(set) var day: Int
    private(set) var instant: Instant

    init(start: Instant, lastDay: Int) {
        self.lastDay = lastDay
        self.instant = start
        self.day = start.date.dayNumber
    }

    /// An instant `days` later (drawn in the range, shortened to fit before the reference date), or nil when even the
    /// shortest wait would pass it.
    mutating func advance(_ days: ClosedRange<Int>, _ draw: inout Draw) -> Instant? {
        let earliest = day + days.lowerBound
        guard earliest <= lastDay else { return nil }
        var target = WorkingTime.weekdayOnOrAfter(earliest + draw.below(min(days.upperBound, lastDay - day) - days.lowerBound + 1))
        var floor = target == day ? instant.millisecondsSinceEpoch - Int64(day) * WorkingTime.dayMilliseconds : WorkingTime.start - 1
        if floor >= WorkingTime.end - 1 {
            target = WorkingTime.weekdayOnOrAfter(target + 1)
            floor = WorkingTime.start - 1
        }
        guard target <= lastDay, let next = WorkingTime.instant(day: target, after: floor, &draw) else { return nil }
        day = target
        instant = next
        return next
    }
}

extension ClaimModel {
    /// Notes are spread over the claim's life in proportion to time: each note still to place falls in the gap before
    /// an event with this many days' share of it (capped), the rest after the last event.
    static let noteSpreadDays = 240.0

    /// The claim's journey so far: screening (with its screening interview, sampled), the WIP, perhaps inadmissibility,
    /// an interview, a decision (the Operating Mandate checks, the draft, its completion and the sample taken, a check
    /// when selected, a return and resubmission when the check fails, service with its letter), an appeal against a
    /// refusal, or a closure (a withdrawal sampled too), and notes along the way. Every step is one the store's rules
    /// allow from the stage before, by someone whose role may make it, and `ClaimRules.apply` moves the stage as the
    /// store would (a selected decision to quality assurance, a failed check back to decision, service to served).
    ///
    /// Samples are decided by `SamplingRules` as the store decides them: the worker's sign-off from the workforce's
    /// staff records, when their work was last selected from `ledger`, and an identifier naming `reference` and the
    /// event's sequence. Notes are placed as the journey goes, so each event's sequence is known when it is made.
    func journey(_ claim: DrawnClaim, reference: ClaimReference, registeredAt: Instant, ledger: inout SamplingLedger, _ draw: inout Draw) -> [LaterEvent] {
        let crew = crews[claim.crew]
        let profile = self.profile
        var clock = JourneyClock(start: registeredAt, lastDay: referenceDay)
        var events: [LaterEvent] = []
        events.reserveCapacity(12)
        var stage = Stage.registration
        var interviewed = false
        var notesLeft = noteCounts.pick(&draw)
        var assessments = 0
        let cap = Int64(referenceDay) * WorkingTime.dayMilliseconds + WorkingTime.end

        // MARK: Notes

        /// A note at a working-hour instant strictly after `start` and before `end`, written at the current stage.
        func note(after start: Instant, before end: Int64) -> LaterEvent? {
            let firstDay = start.date.dayNumber
            let lastDay = Int(end / WorkingTime.dayMilliseconds)
            guard lastDay >= firstDay else { return nil }
            let day = WorkingTime.weekdayOnOrAfter(firstDay + draw.below(lastDay - firstDay + 1))
            let floor = day == firstDay ? start.millisecondsSinceEpoch - Int64(day) * WorkingTime.dayMilliseconds : WorkingTime.start - 1
            guard let at = WorkingTime.instant(day: day, after: floor, &draw), at.millisecondsSinceEpoch < end, at.millisecondsSinceEpoch <= cap else { return nil }
            let (text, role) = SyntheticNotes.note(at: stage, claim: claim, long: draw.chance(profile.longNoteShare), &draw)
            let actor: Actor = switch role {
            case .safeguardingHub: draw.pick(safeguarding)
            case .thirdCountryUnit: draw.pick(thirdCountry)
            case .workflowPlanner: draw.pick(planners)
            case .administrativeOfficer: draw.pick(crew.officers)
            case .technicalSpecialist: draw.pick(crew.technicalSpecialists)
            case .teamLeader: draw.pick(crew.teamLeaders)
            case .seniorCaseworker: draw.pick(crew.seniorCaseworkers)
            default: draw.pick(crew.decisionMakers)
            }
            return (.noteAdded(NoteText(text: text, isAction: draw.chance(profile.actionShare))), actor, at, nil)
        }
        /// Appends notes, in order; two notes at one instant keep the first.
        func appendNotes(_ placed: inout [LaterEvent]) {
            guard !placed.isEmpty else { return }
            placed.sort { $0.at < $1.at }
            for item in placed where item.at > (events.last?.at ?? registeredAt) { events.append(item) }
        }
        /// Notes written in the gap before an event at `end`.
        func notes(before end: Instant) {
            let start = events.last?.at ?? registeredAt
            let share = min(0.8, Double(end.date.dayNumber - start.date.dayNumber + 1) / Self.noteSpreadDays)
            var placed: [LaterEvent] = []
            for _ in 0..<notesLeft where draw.chance(share) {
                notesLeft -= 1
                if let item = note(after: start, before: end.millisecondsSinceEpoch) { placed.append(item) }
            }
            appendNotes(&placed)
        }
        /// The notes left, after the last event (up to 120 days after it), and the history.
        func finish() -> [LaterEvent] {
            guard notesLeft > 0 else { return events }
            let start = events.last?.at ?? registeredAt
            let end = min(cap, start.millisecondsSinceEpoch + 120 * WorkingTime.dayMilliseconds)
            var placed: [LaterEvent] = []
            for _ in 0..<notesLeft { if let item = note(after: start, before: end) { placed.append(item) } }
            notesLeft = 0
            appendNotes(&placed)
            return events
        }

        // MARK: Steps

        /// The instant of the next step, `days` on, with the notes before it written; nil once past the reference date.
        func next(_ days: ClosedRange<Int>) -> Instant? {
            guard let at = clock.advance(days, &draw) else { return nil }
            if notesLeft > 0 { notes(before: at) }
            return at
        }
        @discardableResult
        func move(_ to: Stage, _ actor: Actor, _ days: ClosedRange<Int>, reason: String? = nil) -> Bool {
            guard let at = next(days) else { return false }
            events.append((.stageChanged(from: stage, to: to), actor, at, reason))
            stage = to
            return true
        }
        func record(_ outcome: Outcome, _ actor: Actor, _ days: ClosedRange<Int>, reason: String?) -> Instant? {
            guard let at = next(days) else { return nil }
            events.append((.outcomeRecorded(outcome, from: stage), actor, at, reason))
            stage = outcome.resultingStage
            return at
        }
        /// The sample of work completed by the next event, as the store takes it (`CaseworkStore.sampleWork`).
        func sample(_ work: SampledWork, worker: StaffID, subject: Int?, refusal: Bool, triggers: Set<SamplingTrigger>, on day: LocalDate, signedOff: Bool, resubmission: Bool = false) -> WorkSample {
            let completed = CompletedWork(
                id: "\(reference.rawValue)@\(events.count + 2)", work: work, refusal: refusal, triggers: triggers, completedOn: day, workerSignedOff: signedOff,
                workerLastChecked: ledger.lastSelected(worker, work, onOrBefore: day.dayNumber).map { LocalDate(dayNumber: $0) }, resubmission: resubmission
            )
            let sample = WorkSample.decide(completed, subject: subject, worker: worker)
            if sample.decision.selected { ledger.record(worker, work, day: day.dayNumber) }
            return sample
        }
        /// A check by one of the unit's technical specialists, answering `sample` (nil for a dip check).
        func check(_ work: SampledWork, subject: Int?, sample: WorkSample?, worker: StaffID, _ days: ClosedRange<Int>, preService: Bool, mustPass: Bool = false) -> QualityAssessment? {
            let assessor = draw.pick(crew.technicalSpecialists)
            guard AssessmentRules.assessors.contains(assessor.role), assessor.staff != worker, let at = next(days) else { return nil }
            assessments += 1
            let result = assessment(
                number: assessments, work: work, subject: subject, sampleID: sample?.id, worker: worker, assessor: assessor, on: at.date,
                depth: sample?.decision.depth ?? .full, preService: preService, mustPass: mustPass, &draw
            )
            events.append((.qualityAssessed(result), assessor, at, nil))
            return result
        }

        // MARK: Deciding

        /// The decision, as far as the reference date allows: the Operating Mandate checks by the unit's workflow
        /// officers (8.36), the draft by a decision maker trained for decisions, and when `serve`, its completion (sampling
        /// decides), the check when selected (a failed one returns it; amended and completed again it is sampled again,
        /// and checked again), service with its letter, and after it perhaps a dip check, an appeal or a withdrawal.
        func decide(serve: Bool) {
            guard let author = decider(claim.crew, day: clock.day, &draw) else { return }
            let outcome = decisionOutcome(interviewed: interviewed, nationality: claim.nationality, &draw)
            guard var draft = draft(number: 1, outcome: outcome, author: author.actor.staff, claim: claim, &draw) else { return }
            for type in OperatingMandate.checks {
                let officer = draw.pick(crew.officers)
                guard OperatingMandate.recorders.contains(officer.role), let at = next(0...3) else { return }
                let issue = draw.chance(profile.operatingMandateIssueShare) ? draw.pick(SyntheticNotes.operatingMandateIssues) : nil
                let recorded = OperatingMandateCheck(code: type.code, result: issue == nil ? .clear : .issueResolved, note: issue, checkedOn: at.date, checkedBy: officer.staff)
                events.append((.operatingMandateCheckRecorded(recorded), officer, at, issue))
            }
            guard let drafted = next(1...20) else { return }
            events.append((.decisionDrafted(draft), author.actor, drafted, nil))
            guard serve else { return }

            let record = ClaimRules.start(reference: reference, facts: claim.facts, owningUnit: crew.unit, actor: author.actor, at: registeredAt, policy: policy)
            let triggers = DecisionRules.samplingTriggers(draft, claim: record)
            func complete(resubmission: Bool, _ days: ClosedRange<Int>) -> WorkSample? {
                guard let at = next(days) else { return nil }
                let taken = sample(
                    .decision, worker: author.actor.staff, subject: draft.number, refusal: outcome == .refusal, triggers: triggers, on: at.date,
                    signedOff: author.signedOff, resubmission: resubmission
                )
                let completion = DecisionCompletion(draft: draft.number, outcome: outcome, author: author.actor.staff, completedOn: at.date, resubmission: resubmission, sample: taken)
                events.append((.decisionCompleted(completion), author.actor, at, nil))
                if taken.decision.selected { stage = .qualityAssurance }
                return taken
            }
            guard var latest = complete(resubmission: false, 1...15) else { return }
            if latest.decision.selected {
                guard let first = check(.decision, subject: draft.number, sample: latest, worker: author.actor.staff, 2...15, preService: true) else { return }
                if !first.passes {
                    stage = .decision
                    guard let amended = next(1...10) else { return }
                    draft.reasoning += " Amended after the quality check: " + first.feedback
                    events.append((.decisionDrafted(draft), author.actor, amended, nil))
                    guard let again = complete(resubmission: true, 0...5) else { return }
                    latest = again
                    guard check(.decision, subject: draft.number, sample: latest, worker: author.actor.staff, 2...10, preService: true, mustPass: true) != nil else { return }
                }
            }
            let server = draw.chance(0.6) ? draw.pick(crew.officers) : author.actor
            guard DecisionRules.servers.contains(server.role), let servedAt = next(1...15) else { return }
            let method: LetterMethod = claim.facts.detained ? .inPerson : claim.facts.legalRepresentative?.email != nil && draw.chance(0.5) ? .email : .post
            let letter = DecisionRules.letter(draft, claim: record, servedOn: servedAt.date, method: method, by: server.staff)
            let service = DecisionService(
                draft: draft.number, outcome: outcome, author: author.actor.staff, servedOn: servedAt.date, method: method, recipients: letter.recipients, letter: letter
            )
            events.append((.decisionServed(service), server, servedAt, nil))
            stage = .served

            if !latest.decision.selected, draw.chance(profile.postServiceCheckShare) {
                guard check(.decision, subject: draft.number, sample: nil, worker: author.actor.staff, 5...60, preService: false) != nil else { return }
            }
            if outcome == .refusal, draw.chance(profile.refusalAppealedShare) {
                let recorder = draw.pick(crew.officers)
                guard AppealRules.recorders.contains(recorder.role), let lodged = next(profile.daysToAppealLodged) else { return }
                let appealReference = "PA/" + draw.below(100_000).padded(5) + "/" + String(lodged.date.year)
                events.append((.appealLodged(AppealLodged(number: 1, decision: draft.number, author: author.actor.staff, lodgedOn: lodged.date, appealReference: appealReference)), recorder, lodged, nil))
                guard let heard = next(profile.daysToAppealHearing) else { return }
                events.append((.appealHeard(AppealHearing(number: 1, heardOn: heard.date)), recorder, heard, nil))
                guard let determined = next(profile.daysToAppealDetermination) else { return }
                let (result, themes, findings) = appealOutcome(&draw)
                let determination = AppealDetermination(
                    number: 1, decision: draft.number, author: author.actor.staff, outcome: result, determinedOn: determined.date, themes: themes, findings: findings
                )
                events.append((.appealDetermined(determination), recorder, determined, findings))
            } else if draw.chance(profile.outcomeWithdrawnShare), let at = next(5...60) {
                events.append((.outcomeWithdrawn(outcome), draw.pick(crew.seniorCaseworkers), at, draw.pick(SyntheticNotes.outcomeWithdrawals)))
                stage = .reopened
                move(.workInProgress, draw.pick(crew.teamLeaders), 1...10)
            }
        }

        // MARK: The journey

        // Screening by National Workflow, with the screening interview (sampled, 10.28–10.29), then triage into the WIP
        // by the owning unit, or a referral to the TCU.
        guard move(.screening, draw.pick(planners), 0...3) else { return finish() }
        let screener = draw.pick(planners)
        if CaseworkStore.screeningRecorders.contains(screener.role), let at = next(0...2) {
            let taken = sample(.screeningInterview, worker: screener.staff, subject: nil, refusal: false, triggers: [], on: at.date, signedOff: true)
            events.append((.screeningInterviewRecorded(ScreeningInterview(conductedBy: screener.staff, conductedOn: at.date, sample: taken)), screener, at, nil))
            if taken.decision.selected, draw.chance(profile.otherWorkCheckedShare) {
                _ = check(.screeningInterview, subject: nil, sample: taken, worker: screener.staff, 1...20, preService: true)
            }
        }
        if claim.regime != .legacy, !claim.child, !claim.facts.detained, draw.chance(profile.inadmissibilityReferralShare) {
            move(.inadmissibilityConsideration, draw.pick(thirdCountry), 1...14, reason: "Referred for inadmissibility consideration: travelled through a safe third country")
            let roll = draw.unit()
            if roll < profile.inadmissibleShare {
                _ = record(.inadmissible, draw.pick(thirdCountry), 30...180, reason: nil)
            } else if roll < profile.inadmissibleShare + profile.inadmissibilityReadmittedShare {
                move(.workInProgress, draw.pick(thirdCountry), profile.inadmissibilityDaysToReadmission, reason: "No realistic prospect of removal to a safe third country; admitted to the asylum process")
            }
        } else {
            move(.workInProgress, draw.pick(crew.officers), 1...30)
        }

        if stage == .workInProgress {
            let interviewShare = switch (claim.regime, claim.child) {
            case (.legacy, false): profile.legacyAdultInterviewedShare
            case (.legacy, true): profile.legacyChildInterviewedShare
            case (.flow, false): profile.flowAdultInterviewedShare
            case (.flow, true): profile.flowChildInterviewedShare
            case (.illegalMigrationAct, _): profile.imaInterviewedShare
            }
            if draw.chance(interviewShare) {
                let wait = claim.regime == .legacy ? profile.legacyDaysToInterview : profile.flowDaysToInterview
                interviewed = move(.interview, draw.pick(crew.decisionMakers), wait)
                if interviewed {
                    let roll = draw.unit()
                    if roll < profile.interviewReturnedShare {
                        move(.workInProgress, draw.pick(crew.decisionMakers), 1...60, reason: "Further enquiries needed before a decision: documents to be verified")
                    } else if roll < profile.interviewReturnedShare + profile.interviewedToDecisionShare {
                        move(.decision, draw.pick(crew.decisionMakers), 1...45)
                    }
                }
            } else if claim.regime != .illegalMigrationAct, draw.chance(profile.papersDecisionShare) {
                move(.decision, draw.pick(crew.decisionMakers), 30...400, reason: "Suitable for a decision on the papers (streamlined asylum processing)")
            }
        }

        if stage == .decision {
            let serve = draw.chance(profile.servedShare)
            if serve || draw.chance(profile.draftInProgressShare) { decide(serve: serve) }
        }

        if stage.isOpen, stage != .registration, draw.chance(profile.closedShare) {
            let (outcome, reason) = SyntheticNotes.closures.pick(&draw)
            let actor = draw.chance(0.5) ? draw.pick(crew.officers) : draw.pick(crew.decisionMakers)
            if let at = record(outcome, actor, 1...120, reason: reason), outcome == .withdrawnExplicitly || outcome == .withdrawnImplicitly {
                // The platform samples the withdrawal in the same moment, as the store does (10.44).
                let taken = sample(.withdrawal, worker: actor.staff, subject: nil, refusal: false, triggers: [], on: at.date, signedOff: true)
                events.append((.workSampled(taken), .system, at, "Sampling of withdrawn claims (10.44)"))
                if taken.decision.selected, draw.chance(profile.otherWorkCheckedShare) {
                    _ = check(.withdrawal, subject: nil, sample: taken, worker: actor.staff, 5...60, preService: false)
                }
            }
        }
        return finish()
    }

    /// A decision on the merits: a grant at the nationality's grant rate; never a refusal without an interview (3.37).
    private func decisionOutcome(interviewed: Bool, nationality: Int, _ draw: inout Draw) -> Outcome {
        if interviewed, !draw.chance(grantRates[nationality]) { return .refusal }
        let roll = draw.unit()
        return roll < 0.90 ? .grantAsylum : roll < 0.96 ? .grantHumanitarianProtection : .grantOtherLeave
    }
}
