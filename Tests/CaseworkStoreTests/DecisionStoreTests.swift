import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import Testing

/// People of the decision tests, all in DMU-GLA unless said.
enum DecisionPeople {
    static let newDM = Actor(staff: "dm.new", role: .decisionMaker, unit: "DMU-GLA")
    static let dm = Actor(staff: "dm.a", role: .decisionMaker, unit: "DMU-GLA")
    static let dmB = Actor(staff: "dm.b", role: .decisionMaker, unit: "DMU-GLA")
    static let techSpec = DecisionPath.technicalSpecialist
    static let officer = Actor(staff: "ao.gla", role: .administrativeOfficer, unit: "DMU-GLA")
    static let leader = Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA")
    static let hub = Actor(staff: "sg.hub", role: .safeguardingHub, unit: "SAFEGUARDING-HUB")
    static let otherLeader = Actor(staff: "tl.lee", role: .teamLeader, unit: "DMU-LEE")
    static let assurance = Actor(staff: "pair.one", role: .assurance, unit: "PAIR")
}

let decisionToday = LocalDate(year: 2026, month: 12, day: 3)!

/// A store at 10:00 on 3 December 2026 with the units and staff of the decision tests. `dm.new` is on 100% checks;
/// `dm.a` and `dm.b` were signed off before the platform kept their records.
func decisionStore(_ database: any SQLDatabase) async throws -> (CaseworkStore, FixedClock) {
    let clock = FixedClock(Instant(startOf: decisionToday).adding(milliseconds: 10 * 3_600_000))
    let store = CaseworkStore(database: database, clock: clock)
    try await store.migrate()
    for (code, kind) in [("DMU-GLA", "dmu"), ("DMU-LEE", "dmu"), ("SAFEGUARDING-HUB", "national"), ("PAIR", "national")] {
        try await store.saveUnit(CaseworkUnit(code: UnitID(code), name: code, kind: kind))
    }
    let people: [Actor] = [
        DecisionPeople.newDM, DecisionPeople.dm, DecisionPeople.dmB, DecisionPeople.techSpec, DecisionPeople.officer, DecisionPeople.leader, DecisionPeople.hub,
        DecisionPeople.otherLeader, DecisionPeople.assurance,
    ]
    for actor in people {
        try await store.addStaff(StaffMember(username: actor.staff, displayName: actor.staff.rawValue, role: actor.role, unit: actor.unit), passwordHash: "x")
    }
    for (actor, signedOff) in [(DecisionPeople.newDM, false), (DecisionPeople.dm, true), (DecisionPeople.dmB, true)] {
        try await store.updateStaffProfile(
            actor.staff, to: StaffProfileInput(team: "Team 1", trainedFor: "both", startDate: "2026-01-05", signedOff: signedOff, fte: "1"), by: DecisionPeople.leader,
            reason: "Record set up"
        )
    }
    return (store, clock)
}

/// Registers a claim in DMU-GLA and moves it to the decision stage; returns the claim.
func claimAtDecision(_ store: CaseworkStore, _ n: Int, holder: Actor = DecisionPeople.newDM) async throws -> Claim {
    var claim = try await store.register(try facts(n), resolution: nil, by: DecisionPeople.officer)
    for stage in [Stage.screening, .workInProgress, .decision] {
        claim = try await store.perform(.moveStage(to: stage), on: claim.reference, expectedVersion: claim.version, by: DecisionPeople.officer, reason: nil)
    }
    return try await store.perform(.allocate(to: holder.staff, reassigning: false), on: claim.reference, expectedVersion: claim.version, by: holder, reason: nil)
}

@Suite("Decisions in the store: drafting, completion with sampling, each gate, service, return and resubmission, on both stores")
struct DecisionStoreTests {
    @Test("A decision from draft to service: refused drafts write nothing; a new decision maker's work is checked; a failing check returns it; each gate holds service until open", arguments: TestDatabases.kinds)
    func wholeWay(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let (store, _) = try await decisionStore(database)
            let dm = DecisionPeople.newDM
            var claim = try await claimAtDecision(store, 1)
            let reference = claim.reference
            // A bad draft is refused field by field and nothing is written.
            var bad = DecisionPath.draftInput(for: claim)
            bad.template = "grant-syria"
            await #expect(throws: ValidationFailure.self) { try await store.saveDecisionDraft(bad, on: reference, expectedVersion: claim.version, by: dm) }
            #expect(try await store.claim(reference, for: dm).version == claim.version)
            // Someone else's held claim is not theirs to draft.
            await #expect(throws: AccessDenied.self) {
                try await store.saveDecisionDraft(DecisionPath.draftInput(for: claim), on: reference, expectedVersion: claim.version, by: DecisionPeople.dm)
            }
            let draft = try await store.saveDecisionDraft(DecisionPath.draftInput(for: claim), on: reference, expectedVersion: claim.version, by: dm)
            #expect(draft.number == 1 && draft.template == "grant-eritrea" && draft.templateVersion == 1)
            await #expect(throws: ValidationFailure.self) {
                try await store.saveDecisionDraft(DecisionPath.draftInput(for: claim), on: reference, expectedVersion: claim.version + 1, by: dm)
            }
            var gates = try await store.serviceGates(of: reference, for: dm)
            #expect(gates.filter { !$0.open }.map(\.gate) == [.decisionCompleted, .operatingMandate, .qualityCheck])

            // Completion: not signed off, so checked in full (10.8), and the claim waits in quality assurance.
            let completion = try await store.completeDecision(draft: 1, on: reference, expectedVersion: claim.version + 1, by: dm)
            #expect(completion.sample.decision.selected && completion.sample.decision.reasons.map(\.code).contains("before-sign-off"))
            #expect(completion.sample.id == "\(reference.rawValue)@\(claim.version + 2)")
            claim = try await store.claim(reference, for: dm)
            #expect(claim.stage == .qualityAssurance)

            // Service is refused naming each closed gate; nothing changes.
            do {
                _ = try await store.serveDecision(DecisionServiceInput(), on: reference, expectedVersion: claim.version, by: DecisionPeople.officer)
                Issue.record("served with gates closed")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["gate.operating-mandate", "gate.quality-check"])
            }
            #expect(try await store.claim(reference, for: dm).version == claim.version)

            var version = try await DecisionPath.recordOperatingMandate(store, reference, version: claim.version, by: DecisionPeople.officer)
            // A failing check (DQ4) sends it back: the draft is returned and the claim is at the decision stage again.
            var failing = DecisionPath.passingCheck
            failing.casework = "DQ4"
            failing.themes = ["material-facts"]
            await #expect(throws: AccessDenied.self) { try await store.recordQualityAssessment(failing, on: reference, expectedVersion: version, by: DecisionPeople.leader) }
            let fail = try await store.recordQualityAssessment(failing, on: reference, expectedVersion: version, by: DecisionPeople.techSpec)
            #expect(fail.sampleID == completion.sample.id && fail.preService && !fail.passes && fail.worker == dm.staff)
            version += 1
            var decisions = try await store.decisions(of: reference, for: dm)
            #expect(decisions.stage == .decision && decisions.drafts.map(\.status) == [.returned])
            #expect(decisions.samples.first?.status == "checked" && decisions.samples.first?.assessment == 1)
            gates = decisions.gates
            #expect(gates.filter { !$0.open }.map(\.gate) == [.decisionCompleted, .qualityCheck])

            // Amended and completed again: a resubmission, checked again.
            var amended = DecisionPath.draftInput(for: claim)
            amended.reasoning = "Amended: the material facts are now each given a finding."
            _ = try await store.saveDecisionDraft(amended, draft: 1, on: reference, expectedVersion: version, by: dm)
            let again = try await store.completeDecision(draft: 1, on: reference, expectedVersion: version + 1, by: dm)
            #expect(again.resubmission && again.sample.decision.reasons.map(\.code).contains("resubmission"))
            version += 2
            let pass = try await store.recordQualityAssessment(DecisionPath.passingCheck, on: reference, expectedVersion: version, by: DecisionPeople.techSpec)
            #expect(pass.sampleID == again.sample.id && pass.passes)
            version += 1
            #expect(ServiceGates.allOpen(try await store.serviceGates(of: reference, for: dm)))

            // A safeguarding hold closes service until the hub lifts it.
            let hold = try await store.placeServiceHold(kind: "safeguarding", reason: "Red referral: suicidal ideation disclosed", on: reference, expectedVersion: version, by: dm)
            version += 1
            #expect(try await store.serviceGates(of: reference, for: dm).filter { !$0.open }.map(\.gate) == [.serviceHolds])
            await #expect(throws: AccessDenied.self) { try await store.liftServiceHold(number: hold.number, reason: "Fine", on: reference, expectedVersion: version, by: dm) }
            _ = try await store.liftServiceHold(number: hold.number, reason: "Hub cleared: GP and support in place", on: reference, expectedVersion: version, by: DecisionPeople.hub)
            version += 1

            await #expect(throws: ValidationFailure.self) {
                try await store.serveDecision(DecisionServiceInput(servedOn: "2026-12-04"), on: reference, expectedVersion: version, by: DecisionPeople.officer)
            }
            let service = try await store.serveDecision(DecisionServiceInput(method: "email"), on: reference, expectedVersion: version, by: DecisionPeople.officer)
            #expect(service.servedOn == decisionToday && service.method == .email && service.outcome == .grantAsylum && service.author == dm.staff)
            claim = try await store.claim(reference, for: dm)
            #expect(claim.stage == .served && claim.outcome == .grantAsylum && claim.holder == nil)
            let letters = try await store.interviews(of: reference, for: dm).letters
            #expect(letters.map(\.letter.kind) == [.decisionGrant] && letters[0].interview == nil)

            // Withdrawn to correct an error: the draft is marked so and the claim reopens.
            _ = try await store.perform(.withdrawOutcome, on: reference, expectedVersion: claim.version, by: DecisionPeople.leader, reason: "Wrong status granted")
            decisions = try await store.decisions(of: reference, for: dm)
            #expect(decisions.stage == .reopened && decisions.drafts.map(\.status) == [.withdrawn] && decisions.openDraft == nil)

            // Every table the decision wrote is rebuilt the same from the log.
            let live = try await store.projectionSnapshot()
            _ = try await store.rebuildProjections()
            #expect(try await store.projectionSnapshot() == live)
        }
    }

    @Test("A refusal needs a completed substantive interview, read from the claim's interviews; a grant does not", arguments: TestDatabases.kinds)
    func refusalNeedsInterview(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let (store, _) = try await decisionStore(database)
            let claim = try await claimAtDecision(store, 2, holder: DecisionPeople.dm)
            _ = try await store.saveDecisionDraft(DecisionPath.draftInput(for: claim, outcome: .refusal), on: claim.reference, expectedVersion: claim.version, by: DecisionPeople.dm)
            do {
                _ = try await store.completeDecision(draft: 1, on: claim.reference, expectedVersion: claim.version + 1, by: DecisionPeople.dm)
                Issue.record("a refusal without an interview was completed")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["outcome"] && failure.errors[0].message.contains("3.37"))
            }
            // With a completed substantive interview in the log, the same draft completes.
            let interviewed = try await importInterviewedClaim(store, kind: .substantive)
            _ = try await store.saveDecisionDraft(DecisionPath.draftInput(for: interviewed, outcome: .refusal), on: interviewed.reference, expectedVersion: interviewed.version, by: DecisionPeople.dm)
            let completion = try await store.completeDecision(draft: 1, on: interviewed.reference, expectedVersion: interviewed.version + 1, by: DecisionPeople.dm)
            #expect(completion.outcome == .refusal)
            // After a concise interview, "too little information" cannot be the reason (8.48, 8.62).
            let concise = try await importInterviewedClaim(store, kind: .concise, n: 4)
            var lack = DecisionPath.draftInput(for: concise, outcome: .refusal)
            lack.refusalReasons = [RefusalReasonInput(code: "insufficient-information", explanation: "Few details given.")]
            _ = try await store.saveDecisionDraft(lack, on: concise.reference, expectedVersion: concise.version, by: DecisionPeople.dm)
            do {
                _ = try await store.completeDecision(draft: 1, on: concise.reference, expectedVersion: concise.version + 1, by: DecisionPeople.dm)
                Issue.record("lack of information after a concise interview was accepted")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["refusalReasons[0].code"])
            }
        }
    }

    /// A claim imported with a booked and completed interview of `kind`, at the decision stage, held by `dm.a`.
    func importInterviewedClaim(_ store: CaseworkStore, kind: InterviewKind, n: Int = 3) async throws -> Claim {
        let at = Instant(startOf: LocalDate(year: 2026, month: 10, day: 1)!).adding(milliseconds: 9 * 3_600_000)
        let slot = InterviewSlotChoice(date: LocalDate(year: 2026, month: 10, day: 12)!, start: 570, minutes: 120, location: "GLA", room: "GLA-1", interpreter: nil, decisionMaker: "dm.a")
        let letter = Letter(kind: .interviewInvitation, dated: LocalDate(year: 2026, month: 10, day: 1)!, recipients: ["claimant"], method: .post, producedBy: "ao.gla", body: "Invitation")
        let day: Int64 = 86_400_000
        let history = ClaimHistory(facts: try facts(n), owningUnit: "DMU-GLA", registeredBy: DecisionPeople.officer, registeredAt: at, later: [
            (.stageChanged(from: .registration, to: .screening), DecisionPeople.officer, at.adding(milliseconds: 1), nil),
            (.stageChanged(from: .screening, to: .workInProgress), DecisionPeople.officer, at.adding(milliseconds: 2), nil),
            (.stageChanged(from: .workInProgress, to: .interview), DecisionPeople.dm, at.adding(milliseconds: 3), nil),
            (.interviewBooked(InterviewBooking(number: 1, kind: kind, slot: slot, language: nil, replaces: nil, reason: "test", invitation: letter)), DecisionPeople.officer, at.adding(milliseconds: 4), nil),
            (.interviewOutcomeRecorded(InterviewOutcomeRecord(interview: 1, outcome: .completed(actualMinutes: 110, seniorCaseworkerAgreement: nil))), DecisionPeople.dm, at.adding(milliseconds: 11 * day), nil),
            (.stageChanged(from: .interview, to: .decision), DecisionPeople.dm, at.adding(milliseconds: 12 * day), nil),
            (.allocated(to: DecisionPeople.dm.staff, from: nil), DecisionPeople.dm, at.adding(milliseconds: 12 * day + 1), nil),
        ])
        let reference = try await store.importHistories([history])[0]
        return try await store.claim(reference, for: DecisionPeople.dm)
    }

    @Test("Sampling in the store: at least one check of each decision maker every 61 days; withdrawals and screening interviews are sampled and recorded", arguments: TestDatabases.kinds)
    func sampling(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let (store, clock) = try await decisionStore(database)
            let dm = DecisionPeople.dm
            func complete(_ n: Int) async throws -> WorkSample {
                let claim = try await claimAtDecision(store, n, holder: dm)
                _ = try await store.saveDecisionDraft(DecisionPath.draftInput(for: claim), on: claim.reference, expectedVersion: claim.version, by: dm)
                return try await store.completeDecision(draft: 1, on: claim.reference, expectedVersion: claim.version + 1, by: dm).sample
            }
            // Signed off and never checked: selected so that there is a check in the window.
            let first = try await complete(10)
            #expect(first.decision.selected && first.decision.reasons.map(\.code).contains("minimum-per-worker"))
            // The next one the same day is not selected for that reason (it may still be drawn at random: the draw says).
            let second = try await complete(11)
            #expect(!second.decision.reasons.map(\.code).contains("minimum-per-worker"))
            #expect(second.decision.selected == (second.decision.draw < 0.035))
            #expect(second.decision.draw == SamplingRules.uniformDraw(seed: SamplingPolicy.current.seed, id: second.id))
            // Sixty-one days later, another is due.
            clock.advance(milliseconds: 61 * 86_400_000)
            let third = try await complete(12)
            #expect(third.decision.reasons.map(\.code).contains("minimum-per-worker"))

            // A withdrawal is followed by the platform's sample of it, in the same transaction.
            var withdrawn = try await store.register(try facts(13), resolution: nil, by: DecisionPeople.officer)
            withdrawn = try await store.perform(.moveStage(to: .screening), on: withdrawn.reference, expectedVersion: withdrawn.version, by: DecisionPeople.officer, reason: nil)
            let screening = try await store.recordScreeningInterview(ScreeningInterviewInput(), on: withdrawn.reference, expectedVersion: withdrawn.version, by: DecisionPeople.officer)
            #expect(screening.conductedBy == DecisionPeople.officer.staff && screening.sample.work == .screeningInterview)
            await #expect(throws: ValidationFailure.self) {
                try await store.recordScreeningInterview(ScreeningInterviewInput(), on: withdrawn.reference, expectedVersion: withdrawn.version + 1, by: DecisionPeople.officer)
            }
            let closed = try await store.perform(.recordOutcome(.withdrawnImplicitly), on: withdrawn.reference, expectedVersion: withdrawn.version + 1, by: dm, reason: "Absconded")
            #expect(closed.version == withdrawn.version + 3)
            let events = try await store.events(of: withdrawn.reference, for: dm)
            guard case let .workSampled(sample) = events.last?.event else {
                Issue.record("no sample after the withdrawal")
                return
            }
            #expect(events.last?.actor == .system && sample.work == .withdrawal && sample.worker == dm.staff && sample.decision.selected)
            let samples = try await store.decisions(of: withdrawn.reference, for: dm).samples
            #expect(samples.map(\.sample.work) == [.screeningInterview, .withdrawal])
        }
    }

    @Test("Operating Mandate checks: known checks only, a note when an issue was found, never in the future, and only by those who do them", arguments: TestDatabases.kinds)
    func operatingMandate(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let (store, _) = try await decisionStore(database)
            let claim = try await claimAtDecision(store, 20, holder: DecisionPeople.dm)
            func fields(_ input: OperatingMandateCheckInput, by actor: Actor = DecisionPeople.officer) async throws -> [String] {
                do {
                    _ = try await store.recordOperatingMandateCheck(input, on: claim.reference, expectedVersion: claim.version, by: actor)
                    return []
                } catch let failure as ValidationFailure {
                    return failure.errors.map(\.field)
                }
            }
            #expect(try await fields(OperatingMandateCheckInput(check: "horoscope", result: "clear")) == ["check"])
            #expect(try await fields(OperatingMandateCheckInput(check: "security", result: "issue-resolved")) == ["note"])
            #expect(try await fields(OperatingMandateCheckInput(check: "security", result: "clear", checkedOn: "2026-12-25")) == ["checkedOn"])
            await #expect(throws: AccessDenied.self) { _ = try await fields(OperatingMandateCheckInput(check: "security", result: "clear"), by: DecisionPeople.hub) }
            #expect(try await store.claim(claim.reference, for: DecisionPeople.dm).version == claim.version)
            #expect(try await fields(OperatingMandateCheckInput(check: "security", result: "issue-resolved", note: "Alias matched; SCU cleared")) == [])
            let checks = try await store.decisions(of: claim.reference, for: DecisionPeople.dm).operatingMandate
            #expect(checks.map(\.code) == ["security"] && checks[0].checkedBy == DecisionPeople.officer.staff)
        }
    }

    @Test("Sign-off: refused for other roles and before three decisions at DQ1 or DQ2; recorded in the staff history once earned; reset when back on 100% checks", arguments: TestDatabases.kinds)
    func signOff(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let (store, clock) = try await decisionStore(database)
            let dm = DecisionPeople.newDM
            for n in 30..<33 {
                let claim = try await claimAtDecision(store, n)
                _ = try await DecisionPath.serve(store, claim.reference, author: dm, server: DecisionPeople.officer)
                if n == 30 {
                    await #expect(throws: ValidationFailure.self) { try await store.signOff(dm.staff, reason: nil, by: DecisionPeople.techSpec) }
                }
            }
            let progress = try await store.signOffProgress(of: dm.staff, for: DecisionPeople.leader)
            #expect(progress.qualifying.count == 3 && progress.ready)
            await #expect(throws: AccessDenied.self) { try await store.signOff(dm.staff, reason: nil, by: DecisionPeople.leader) }
            let signed = try await store.signOff(dm.staff, reason: "Three good decisions", by: DecisionPeople.techSpec)
            #expect(signed.signedOff)
            #expect(try await store.staffRecord(dm.staff, for: DecisionPeople.leader).profile.signedOff)
            let history = try await store.staffChanges(of: dm.staff, for: DecisionPeople.leader)
            #expect(history.first?.type == "signed-off" && history.first?.actor == DecisionPeople.techSpec.staff && history.first?.lines.first?.contains("DQ") == true)
            // Back on 100% checks: the earlier checks no longer count.
            clock.advance(milliseconds: 86_400_000)
            try await store.updateStaffProfile(dm.staff, to: StaffProfileInput(team: "Team 1", trainedFor: "both", startDate: "2026-01-05", signedOff: false, fte: "1"), by: DecisionPeople.leader, reason: "Concerns raised")
            let reset = try await store.signOffProgress(of: dm.staff, for: DecisionPeople.leader)
            #expect(!reset.signedOff && reset.qualifying.isEmpty)
            // And their next decision is checked in full again.
            let claim = try await claimAtDecision(store, 40)
            _ = try await store.saveDecisionDraft(DecisionPath.draftInput(for: claim), on: claim.reference, expectedVersion: claim.version, by: dm)
            let sample = try await store.completeDecision(draft: 1, on: claim.reference, expectedVersion: claim.version + 1, by: dm).sample
            #expect(sample.decision.reasons.map(\.code).contains("before-sign-off"))
        }
    }

    @Test("Appeals: only against a served refusal, linked to its author; the finding reaches the decision maker's page", arguments: TestDatabases.kinds)
    func appeals(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let (store, _) = try await decisionStore(database)
            let granted = try await claimAtDecision(store, 50, holder: DecisionPeople.dm)
            let served = try await DecisionPath.serve(store, granted.reference, author: DecisionPeople.dm, server: DecisionPeople.officer)
            await #expect(throws: ValidationFailure.self) {
                try await store.lodgeAppeal(AppealInput(lodgedOn: decisionToday.iso), on: granted.reference, expectedVersion: served.version, by: DecisionPeople.officer)
            }
            let interviewed = try await importInterviewedClaim(store, kind: .substantive, n: 51)
            let refused = try await DecisionPath.serve(store, interviewed.reference, outcome: .refusal, author: DecisionPeople.dm, server: DecisionPeople.officer)
            let lodged = try await store.lodgeAppeal(AppealInput(lodgedOn: decisionToday.iso, appealReference: "PA/00001/2026"), on: refused.reference, expectedVersion: refused.version, by: DecisionPeople.officer)
            #expect(lodged.author == DecisionPeople.dm.staff && lodged.decision == 1)
            _ = try await store.recordAppealHearing(AppealInput(heardOn: decisionToday.iso), appeal: 1, on: refused.reference, expectedVersion: refused.version + 1, by: DecisionPeople.officer)
            let determined = try await store.determineAppeal(
                AppealInput(outcome: "allowed", determinedOn: decisionToday.iso, themes: ["country-evidence", "credibility"], findings: "The judge found the CPIN out of date."),
                appeal: 1, on: refused.reference, expectedVersion: refused.version + 2, by: DecisionPeople.officer
            )
            #expect(determined.outcome == .allowed)
            let page = try await store.decisionMakerQuality(DecisionPeople.dm.staff, for: DecisionPeople.dm)
            #expect(page.appeals.map(\.appeal.determination?.outcome) == [.allowed] && page.appealFigures.overturnRate == 1)
            await #expect(throws: AccessDenied.self) { try await store.decisionMakerQuality(DecisionPeople.dm.staff, for: DecisionPeople.dmB) }
            let rates = try await store.overturnRates(from: decisionToday.adding(days: -30), to: decisionToday, unit: nil, for: DecisionPeople.assurance)
            #expect(rates.byDecisionMaker.map(\.key) == ["dm.a"] && rates.byUnit.first?.figures.allowed == 1 && rates.total.determined == 1)
        }
    }
}
