import CaseworkDomain

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
    /// The claim's journey so far: screening, the WIP, perhaps inadmissibility, an interview, a decision, quality
    /// assurance, a served outcome or a closure, and notes along the way. Every step is one `ClaimRules.decide`
    /// allows from the stage before, by someone `AccessPolicy` lets make it.
    func journey(_ claim: DrawnClaim, registeredAt: Instant, _ draw: inout Draw) -> [LaterEvent] {
        let crew = crews[claim.crew]
        let profile = self.profile
        var clock = JourneyClock(start: registeredAt, lastDay: referenceDay)
        var events: [LaterEvent] = []
        events.reserveCapacity(8)
        var stage = Stage.registration
        var interviewed = false
        @discardableResult
        func move(_ to: Stage, _ actor: Actor, _ days: ClosedRange<Int>, reason: String? = nil) -> Bool {
            guard let at = clock.advance(days, &draw) else { return false }
            events.append((.stageChanged(from: stage, to: to), actor, at, reason))
            stage = to
            return true
        }
        func record(_ outcome: Outcome, _ actor: Actor, _ days: ClosedRange<Int>, reason: String?) -> Bool {
            guard let at = clock.advance(days, &draw) else { return false }
            events.append((.outcomeRecorded(outcome, from: stage), actor, at, reason))
            stage = outcome.resultingStage
            return true
        }

        // Screening by National Workflow, then triage into the WIP by the owning unit, or a referral to the TCU.
        guard move(.screening, draw.pick(planners), 0...3) else { return withNotes(events, claim, crew, registeredAt, &draw) }
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
            if draw.chance(profile.qualityAssuranceShare), move(.qualityAssurance, draw.pick(crew.decisionMakers), 1...20),
                draw.chance(profile.qualityAssuranceReturnedShare)
            {
                move(.decision, draw.pick(crew.technicalSpecialists), 1...10, reason: draw.pick(SyntheticNotes.qualityReturns))
            }
            if draw.chance(profile.servedShare) {
                let outcome = decisionOutcome(interviewed: interviewed, nationality: claim.nationality, &draw)
                let actor = stage == .qualityAssurance ? draw.pick(crew.technicalSpecialists) : draw.pick(crew.decisionMakers)
                if record(outcome, actor, 1...30, reason: nil), draw.chance(profile.outcomeWithdrawnShare),
                    let at = clock.advance(5...60, &draw)
                {
                    events.append((.outcomeWithdrawn(outcome), draw.pick(crew.seniorCaseworkers), at, draw.pick(SyntheticNotes.outcomeWithdrawals)))
                    stage = .reopened
                    move(.workInProgress, draw.pick(crew.teamLeaders), 1...10)
                }
            }
        }

        if stage.isOpen, stage != .registration, draw.chance(profile.closedShare) {
            let (outcome, reason) = SyntheticNotes.closures.pick(&draw)
            _ = record(outcome, draw.chance(0.5) ? draw.pick(crew.officers) : draw.pick(crew.decisionMakers), 1...120, reason: reason)
        }
        return withNotes(events, claim, crew, registeredAt, &draw)
    }

    /// A decision on the merits: a grant at the nationality's grant rate; never a refusal without an interview (3.37).
    private func decisionOutcome(interviewed: Bool, nationality: Int, _ draw: inout Draw) -> Outcome {
        if interviewed, !draw.chance(grantRates[nationality]) { return .refusal }
        let roll = draw.unit()
        return roll < 0.90 ? .grantAsylum : roll < 0.96 ? .grantHumanitarianProtection : .grantOtherLeave
    }

    /// The events with notes placed between them, each saying something that fits the stage it was written at.
    private func withNotes(_ events: [LaterEvent], _ claim: DrawnClaim, _ crew: Crew, _ registeredAt: Instant, _ draw: inout Draw) -> [LaterEvent] {
        let count = noteCounts.pick(&draw)
        guard count > 0 else { return events }
        let cap = Int64(referenceDay) * WorkingTime.dayMilliseconds + WorkingTime.end
        var notes: [LaterEvent] = []
        for _ in 0..<count {
            // A gap between two events (or after the last), and a working-hour instant strictly inside it.
            let gap = draw.below(events.count + 1)
            let start = gap == 0 ? registeredAt : events[gap - 1].at
            let end = gap < events.count ? events[gap].at.millisecondsSinceEpoch : min(cap, start.millisecondsSinceEpoch + 120 * WorkingTime.dayMilliseconds)
            let firstDay = start.date.dayNumber
            let lastDay = Int(end / WorkingTime.dayMilliseconds)
            let day = WorkingTime.weekdayOnOrAfter(firstDay + draw.below(lastDay - firstDay + 1))
            let floor = day == firstDay ? start.millisecondsSinceEpoch - Int64(day) * WorkingTime.dayMilliseconds : WorkingTime.start - 1
            guard let at = WorkingTime.instant(day: day, after: floor, &draw), at.millisecondsSinceEpoch < end, at.millisecondsSinceEpoch <= cap else { continue }
            let stage = stageAfter(events.prefix(gap))
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
            notes.append((.noteAdded(NoteText(text: text, isAction: draw.chance(profile.actionShare))), actor, at, nil))
        }
        guard !notes.isEmpty else { return events }
        // Notes lie strictly between events, so only two notes can share an instant: the later one is dropped.
        var merged = events + notes
        merged.sort { $0.at < $1.at }
        var result: [LaterEvent] = []
        result.reserveCapacity(merged.count)
        for item in merged where result.last.map({ item.at > $0.at }) ?? (item.at > registeredAt) { result.append(item) }
        return result
    }

    private func stageAfter(_ events: ArraySlice<LaterEvent>) -> Stage {
        for item in events.reversed() {
            switch item.event {
            case let .stageChanged(_, to): return to
            case let .outcomeRecorded(outcome, _): return outcome.resultingStage
            case .outcomeWithdrawn: return .reopened
            default: continue
            }
        }
        return .registration
    }
}
