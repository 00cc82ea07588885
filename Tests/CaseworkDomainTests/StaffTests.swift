import CaseworkDomain
import Testing

private func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
private let staffToday = date("2023-10-27")

@Suite("Next claim: who may be given which claim")
struct NextClaimEligibilityTests {
    @Test("The queue stage says which work a claim needs next", arguments: [
        (Stage.workInProgress, CaseworkActivity.interview), (.interview, .interview), (.decision, .decision), (.reopened, .decision),
    ])
    func activity(stage: Stage, expected: CaseworkActivity) {
        #expect(NextClaimEligibility.activity(at: stage) == expected)
    }

    @Test("Stages not worked from the queue need nothing")
    func noActivity() {
        for stage in [Stage.registration, .screening, .inadmissibilityConsideration, .qualityAssurance, .served, .closed] {
            #expect(NextClaimEligibility.activity(at: stage) == nil)
            #expect(!NextClaimEligibility.unrestricted.mayWork(stage))
        }
    }

    @Test("Interview-only staff get no decision work, decision-only staff no interview work")
    func training() {
        let interviews = NextClaimEligibility(trainedFor: .interviews, childrensCasework: false, operation: nil)
        let decisions = NextClaimEligibility(trainedFor: .decisions, childrensCasework: false, operation: nil)
        let both = NextClaimEligibility(trainedFor: .both, childrensCasework: false, operation: nil)
        let queue: [Stage] = [.workInProgress, .reopened, .interview, .decision]
        #expect(interviews.stages(among: queue) == [.workInProgress, .interview])
        #expect(decisions.stages(among: queue) == [.reopened, .decision])
        #expect(both.stages(among: queue) == queue)
        #expect(!interviews.allows(stage: .decision, unaccompaniedChild: false, cohorts: []))
        #expect(!decisions.allows(stage: .workInProgress, unaccompaniedChild: false, cohorts: []))
        #expect(decisions.allows(stage: .reopened, unaccompaniedChild: false, cohorts: []))
    }

    @Test("Children's claims go only to those with the children's casework training")
    func children() {
        let trained = NextClaimEligibility(trainedFor: .both, childrensCasework: true, operation: nil)
        let untrained = NextClaimEligibility(trainedFor: .both, childrensCasework: false, operation: nil)
        #expect(trained.allows(stage: .workInProgress, unaccompaniedChild: true, cohorts: []))
        #expect(!untrained.allows(stage: .workInProgress, unaccompaniedChild: true, cohorts: []))
        #expect(untrained.allows(stage: .workInProgress, unaccompaniedChild: false, cohorts: []))
    }

    @Test("Someone assigned to an operation gets only its cohort's claims; no operation means any claim")
    func cohorts() {
        let assigned = NextClaimEligibility(trainedFor: .both, childrensCasework: true, operation: "AMESA")
        #expect(assigned.allows(stage: .decision, unaccompaniedChild: false, cohorts: ["AMESA", "CONCISE"]))
        #expect(!assigned.allows(stage: .decision, unaccompaniedChild: false, cohorts: ["MAKHU"]))
        #expect(!assigned.allows(stage: .decision, unaccompaniedChild: false, cohorts: []))
        let general = NextClaimEligibility(trainedFor: .both, childrensCasework: true, operation: nil)
        #expect(general.allows(stage: .decision, unaccompaniedChild: false, cohorts: ["MAKHU"]))
    }

    @Test("With no training recorded, any claim, as before staff records were kept; an operation still applies")
    func unrecorded() {
        let unrestricted = NextClaimEligibility(StaffProfile.unrecorded)
        #expect(unrestricted == .unrestricted && unrestricted.restrictionText == nil)
        for stage in [Stage.workInProgress, .interview, .decision, .reopened] {
            #expect(unrestricted.allows(stage: stage, unaccompaniedChild: true, cohorts: []))
        }
        let assigned = NextClaimEligibility(StaffProfile(operation: "BRIDORA"))
        #expect(!assigned.allows(stage: .decision, unaccompaniedChild: false, cohorts: []))
        #expect(assigned.restrictionText == "claims in the cohort of BRIDORA only")
        #expect(NextClaimEligibility(trainedFor: .interviews, childrensCasework: false, operation: nil).restrictionText == "interview work only, no children's claims")
    }
}

@Suite("A step completed, from events")
struct CompletedStepTests {
    @Test("Moving from interview to decision completes an interview; a served decision completes a decision")
    func steps() {
        #expect(CompletedStep.step(.stageChanged(from: .interview, to: .decision)) == .interview)
        for outcome in [Outcome.grantAsylum, .grantHumanitarianProtection, .grantOtherLeave, .refusal, .inadmissible] {
            #expect(CompletedStep.step(.outcomeRecorded(outcome, from: .decision)) == .decision, "\(outcome)")
        }
    }

    @Test("Nothing else counts: back to the WIP, to QA, closures, allocations")
    func notSteps() {
        let events: [ClaimEvent] = [
            .stageChanged(from: .interview, to: .workInProgress), .stageChanged(from: .workInProgress, to: .interview),
            .stageChanged(from: .workInProgress, to: .decision), .stageChanged(from: .decision, to: .qualityAssurance),
            .outcomeRecorded(.withdrawnExplicitly, from: .workInProgress), .outcomeRecorded(.withdrawnImplicitly, from: .interview),
            .outcomeRecorded(.void, from: .decision), .outcomeRecorded(.otherDuplicate, from: .decision), .outcomeWithdrawn(.grantAsylum),
            .allocated(to: "dm.one", from: nil), .released(from: "dm.one"),
        ]
        for event in events { #expect(CompletedStep.step(event) == nil, "\(event.type)") }
        // Only these event types are read from the log.
        #expect(Set(CompletedStep.eventTypes) == [ClaimEvent.stageChanged(from: .interview, to: .decision).type, ClaimEvent.outcomeRecorded(.refusal, from: .decision).type, "decision-completed"])
    }

    @Test("Counts add up")
    func counts() {
        var counts = StepCounts()
        counts.add(.interview)
        counts.add(.decision)
        counts.add(.decision)
        #expect(counts == StepCounts(interviews: 1, decisions: 2) && counts.total == 3)
        #expect(counts + StepCounts(interviews: 2) == StepCounts(interviews: 3, decisions: 2))
    }
}

@Suite("Weeks and four-week periods")
struct ContributionCalendarTests {
    private let calendar = ContributionCalendar.current

    @Test("Weeks start on Monday")
    func weeks() {
        #expect(date("2023-10-23").isMonday && !date("2023-10-27").isMonday)
        #expect(calendar.weekStart(containing: date("2023-10-27")) == date("2023-10-23"))
        #expect(calendar.weekStart(containing: date("2023-10-23")) == date("2023-10-23"))
        #expect(calendar.weekStart(containing: date("2023-10-29")) == date("2023-10-23"))
        #expect(calendar.weekStart(containing: date("1969-12-31")) == date("1969-12-29"))
    }

    @Test("Periods run 28 days from Monday 3 April 2023, back and forward", arguments: [
        // 27 Oct is 207 days after 3 Apr: 7 periods of 28 (196) and 11 days, so 16 Oct to 12 Nov.
        ("2023-10-27", "2023-10-16", "2023-11-12"),
        ("2023-04-03", "2023-04-03", "2023-04-30"), ("2023-04-30", "2023-04-03", "2023-04-30"), ("2023-05-01", "2023-05-01", "2023-05-28"),
        // Before the anchor: 2 Apr is in the period 6 Mar to 2 Apr.
        ("2023-04-02", "2023-03-06", "2023-04-02"), ("2023-03-06", "2023-03-06", "2023-04-02"),
    ])
    func periods(day: String, first: String, last: String) {
        let period = calendar.period(containing: date(day))
        #expect(period.first == date(first) && period.last == date(last))
        #expect(period.first.isMonday)
    }

    @Test("A calendar must start on a Monday and run whole weeks")
    func checked() {
        #expect(throws: ValidationFailure.self) { try ContributionCalendar(anchor: date("2023-04-04"), periodDays: 28) }
        #expect(throws: ValidationFailure.self) { try ContributionCalendar(anchor: date("2023-04-03"), periodDays: 30) }
        #expect((try? ContributionCalendar(anchor: date("2023-04-03"), periodDays: 14))?.period(containing: date("2023-04-20")).first == date("2023-04-17"))
    }
}

@Suite("Staff records: checked input")
struct StaffProfileInputTests {
    private func fields(_ body: () throws -> Void) -> Set<String> {
        do {
            try body()
            return []
        } catch let failure as ValidationFailure {
            return Set(failure.errors.map(\.field))
        } catch {
            return ["unexpected"]
        }
    }

    @Test("A whole profile is read as given")
    func valid() throws {
        let profile = try StaffProfileInput(
            team: " Team 3 ", trainedFor: "decisions", childrensCasework: true, startDate: "2023-06-05", signedOff: true, fte: "0.6", operation: "AMESA"
        ).validated(today: staffToday)
        #expect(profile == StaffProfile(team: "Team 3", trainedFor: .decisions, childrensCasework: true, startDate: date("2023-06-05"), signedOff: true, fte: 0.6, operation: "AMESA"))
        #expect(try StaffProfileInput(trainedFor: "", fte: "1").validated(today: staffToday) == StaffProfile.unrecorded)
    }

    @Test("Each broken rule names its field, all at once")
    func invalid() {
        #expect(fields { _ = try StaffProfileInput(trainedFor: "everything", fte: "1.5").validated(today: staffToday) } == ["trainedFor", "fte"])
        #expect(fields { _ = try StaffProfileInput(trainedFor: "both", fte: "1").validated(today: staffToday) } == ["startDate"])
        #expect(fields { _ = try StaffProfileInput(trainedFor: "both", startDate: "2023-02-30", fte: "0").validated(today: staffToday) } == ["startDate", "fte"])
        #expect(fields { _ = try StaffProfileInput(trainedFor: "both", startDate: "1900-01-01", fte: "one").validated(today: staffToday) } == ["startDate", "fte"])
        #expect(fields { _ = try StaffProfileInput(trainedFor: "both", startDate: "2025-01-01", fte: "1").validated(today: staffToday) } == ["startDate"])
        #expect(fields { _ = try StaffProfileInput(fte: nil).validated(today: staffToday) } == ["fte"])
        #expect(fields { _ = try StaffProfileInput(fte: "nan").validated(today: staffToday) } == ["fte"])
        #expect(fields { _ = try StaffProfileInput(team: String(repeating: "t", count: 61), fte: "1").validated(today: staffToday) } == ["team"])
        #expect(fields { _ = try StaffProfileInput(fte: "1", operation: "AMESA; DROP TABLE").validated(today: staffToday) } == ["operation"])
        // Sign-off is three decisions at DQ1 or DQ2 (10.12): not for someone trained for interviews only.
        #expect(fields { _ = try StaffProfileInput(trainedFor: "interviews", startDate: "2023-01-02", signedOff: true, fte: "1").validated(today: staffToday) } == ["signedOff"])
    }

    @Test("What changed reads as plain lines")
    func changes() throws {
        let before = StaffProfile(team: "Team 1", trainedFor: .interviews, startDate: date("2023-09-04"), fte: 1)
        let after = StaffProfile(team: "Team 2", trainedFor: .both, childrensCasework: true, startDate: date("2023-09-04"), signedOff: true, fte: 0.8, operation: "AMESA")
        #expect(after.changes(from: before) == [
            "Team: Team 1 → Team 2", "Trained for: interviews only → interviews and decisions", "Children's casework training: no → yes",
            "Signed off as competent (no longer on 100% checks)", "FTE: 1 → 0.8", "Operation: general WIP → AMESA",
        ])
        #expect(after.changes(from: after).isEmpty)
        #expect([1.0, 0.8, 0.45, 0.3 + 0.6, 0.05].map(StaffProfile.fteText) == ["1", "0.8", "0.45", "0.9", "0.05"])
    }

    @Test("An absence: real days, the last not before the first, a kind, at most a year")
    func absences() throws {
        let absence = try StaffAbsenceInput(firstDay: "2023-10-30", lastDay: "2023-11-03", kind: "annual-leave").validated(today: staffToday)
        #expect(absence.days == 5 && absence.kind == .annualLeave)
        #expect(absence.overlaps(StaffAbsence(period: AbsencePeriod(from: date("2023-11-03"), through: date("2023-11-03")), kind: .sickness)))
        #expect(!absence.overlaps(StaffAbsence(period: AbsencePeriod(from: date("2023-11-04"), through: date("2023-11-05")), kind: .sickness)))
        #expect(fields { _ = try StaffAbsenceInput(firstDay: "2023-11-03", lastDay: "2023-10-30", kind: "sickness").validated(today: staffToday) } == ["lastDay"])
        #expect(fields { _ = try StaffAbsenceInput(firstDay: "2023-13-01", lastDay: nil, kind: "holiday").validated(today: staffToday) } == ["firstDay", "lastDay", "kind"])
        #expect(fields { _ = try StaffAbsenceInput(firstDay: "2023-01-01", lastDay: "2024-06-01", kind: "sickness").validated(today: staffToday) } == ["lastDay"])
        #expect(fields { _ = try StaffAbsenceInput(firstDay: "1999-12-31", lastDay: "2030-01-01", kind: "other-duties").validated(today: staffToday) } == ["firstDay", "lastDay"])
    }
}

@Suite("Capacity of a team and a unit")
struct CapacityTotalsTests {
    private let policy = CapacityPolicy.current
    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    @Test("A member's effective FTE from their record: ramp, part time, absence; no start date means fully effective")
    func member() {
        let away = StaffAbsence(period: AbsencePeriod(from: date("2023-10-26"), through: date("2023-10-30")), kind: .annualLeave)
        // 2023-06-30 to 2023-10-27 is 119 days, 17 weeks: 0.2 + 13/26 × 0.8 = 0.6; at 0.5 FTE, 0.3.
        #expect(close(policy.effectiveFTE(StaffProfile(trainedFor: .both, startDate: date("2023-06-30"), fte: 0.5), absences: [], on: staffToday), 0.3))
        #expect(policy.effectiveFTE(StaffProfile(trainedFor: .both, startDate: date("2020-01-06")), absences: [away], on: staffToday) == 0)
        #expect(close(policy.effectiveFTE(StaffProfile(fte: 0.8), absences: [], on: staffToday), 0.8))
        #expect(policy.effectiveFTE(StaffProfile(trainedFor: .both, startDate: date("2023-11-06")), absences: [], on: staffToday) == 0)
    }

    @Test("A team's and a unit's totals add up their members' (9.22: five DMs at 20% make one FTE)")
    func totals() {
        let fiveNew = (0..<5).map { _ in (profile: StaffProfile(trainedFor: .both, startDate: date("2023-09-29")), absences: [StaffAbsence]()) }
        let figures = policy.figures(of: fiveNew, on: staffToday)
        #expect(figures.headcount == 5 && close(figures.fte, 5) && close(figures.effectiveFTE, 1) && figures.absent == 0 && figures.signedOff == 0)

        let away = StaffAbsence(period: AbsencePeriod(from: date("2023-10-26"), through: date("2023-10-30")), kind: .sickness)
        let team: [(profile: StaffProfile, absences: [StaffAbsence])] = [
            (StaffProfile(trainedFor: .both, startDate: date("2022-01-10"), signedOff: true), []),  // 1
            (StaffProfile(trainedFor: .interviews, startDate: date("2023-09-29")), []),  // 0.2
            (StaffProfile(trainedFor: .both, startDate: date("2023-06-30"), signedOff: true, fte: 0.5), []),  // 0.3
            (StaffProfile(trainedFor: .both, startDate: date("2021-05-04"), signedOff: true), [away]),  // 0
        ]
        let teamFigures = policy.figures(of: team, on: staffToday)
        #expect(teamFigures.headcount == 4 && close(teamFigures.fte, 3.5) && close(teamFigures.effectiveFTE, 1.5))
        #expect(teamFigures.absent == 1 && teamFigures.signedOff == 3)
        // A unit of two such teams: twice the figures.
        let unit = policy.figures(of: team + team, on: staffToday)
        #expect(unit.headcount == 8 && close(unit.fte, 7) && close(unit.effectiveFTE, 3) && unit.absent == 2 && unit.signedOff == 6)
        #expect(policy.figures(of: [], on: staffToday) == CapacityFigures())
    }
}
