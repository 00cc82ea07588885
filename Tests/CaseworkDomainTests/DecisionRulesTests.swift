import CaseworkDomain
import Testing

@Suite("Decisions: templates, drafting, the refusal rules and the two-stage test (3.20–3.22, 3.37, 8.48, 8.62, 8.111–8.113)")
struct DecisionRulesTests {
    static let catalogue = DecisionTemplateCatalogue.current

    /// Answers to every question of `template`, all yes (or not applicable where allowed, for variety).
    static func answers(_ template: String) -> [ChecklistAnswerInput] {
        catalogue.current(template)!.items.map { ChecklistAnswerInput(item: $0.code, response: "yes") }
    }

    static func twoStage(met: Bool, stageTwo: Bool? = true) -> TwoStageInput {
        TwoStageInput(
            characteristicMet: true, characteristicReasons: "Eritrean national of draft age, accepted.", fearMet: met, fearReasons: "Consistent account of evasion.",
            persecutionOnReturnMet: met ? stageTwo : nil, persecutionOnReturnReasons: met && stageTwo != nil ? "CPIN: evaders face punishment amounting to persecution." : nil
        )
    }

    static func grantInput(template: String = "grant-eritrea", twoStage: TwoStageInput? = twoStage(met: true)) -> DecisionDraftInput {
        DecisionDraftInput(
            outcome: "grant-asylum", template: template, answers: answers(template), basis: ["political-opinion"], twoStage: twoStage,
            reasoning: "The claimant evaded national service and left illegally; on return they face a real risk."
        )
    }

    static func refusalInput(reasons: [RefusalReasonInput] = [RefusalReasonInput(code: "material-facts-not-accepted", explanation: "Inconsistent dates of travel.")], twoStage: TwoStageInput? = twoStage(met: false)) -> DecisionDraftInput {
        DecisionDraftInput(
            outcome: "refusal", template: "refusal-flow", answers: answers("refusal-flow"), basis: ["political-opinion"], refusalReasons: reasons, twoStage: twoStage,
            reasoning: "The account of evasion is not accepted on the balance of probabilities."
        )
    }

    func draft(_ input: DecisionDraftInput, claim: Claim? = nil) throws -> DecisionDraft {
        try DecisionRules.draft(input, number: 1, author: "dm.one", claim: claim ?? sampleClaim(stage: .decision), previous: nil)
    }

    @Test("Every template is complete data: unique item codes, a source, the outcomes of its kind; the Eritrean claim is offered its own minute first")
    func catalogueIsWellFormed() throws {
        for template in Self.catalogue.templates {
            let codes = template.items.map(\.code)
            #expect(Set(codes).count == codes.count, "\(template.code) repeats an item")
            #expect(!template.source.isEmpty)
            #expect(template.outcomes.allSatisfy { template.kind == .refusal ? $0 == .refusal : $0 != .refusal })
        }
        let offered = Self.catalogue.offered(nationality: "ERI", regime: .flow)
        #expect(offered.first?.code == "grant-eritrea")
        #expect(offered.contains { $0.code == "refusal-flow" } && !offered.contains { $0.code == "refusal-legacy" })
        #expect(!offered.contains { $0.code == "grant-afghanistan" })
        // A retired version stays readable; the current version is offered.
        #expect(Self.catalogue.template("grant-afghanistan", version: 1)?.retired == true)
        #expect(Self.catalogue.current("grant-afghanistan")?.version == 2)
    }

    @Test("A draft records the template version it used, and keeps it when changed")
    func draftKeepsVersion() throws {
        var claim = try sampleClaim(stage: .decision)
        claim.facts.mainApplicant.nationality = Nationality(claimed: "AFG")
        let input = Self.grantInput(template: "grant-afghanistan")
        let first = try DecisionRules.draft(input, number: 1, author: "dm.one", claim: claim, previous: nil)
        #expect(first.templateVersion == 2)
        var older = first
        older.templateVersion = 1
        let changed = try DecisionRules.draft(input, number: 1, author: "dm.one", claim: claim, previous: older)
        #expect(changed.templateVersion == 1)
    }

    @Test("Bad drafts are refused field by field: the outcome, a template for another nationality or kind, unknown questions, N/A where not allowed, refusal reasons on a grant")
    func draftValidation() throws {
        func fields(_ input: DecisionDraftInput) throws -> [String] {
            do {
                _ = try draft(input)
                return []
            } catch let failure as ValidationFailure {
                return failure.errors.map(\.field)
            }
        }
        #expect(try fields(DecisionDraftInput(outcome: "withdrawn-explicitly", template: "grant-eritrea")) == ["outcome"])
        #expect(try fields(DecisionDraftInput(outcome: "grant-asylum", template: "grant-syria")) == ["template"])
        #expect(try fields(DecisionDraftInput(outcome: "refusal", template: "grant-eritrea")) == ["template"])
        #expect(try fields(DecisionDraftInput(outcome: "refusal", template: "refusal-legacy")) == ["template"])
        #expect(try fields(DecisionDraftInput(outcome: "grant-asylum", template: "grant-eritrea", answers: [ChecklistAnswerInput(item: "made-up", response: "yes")])) == ["answers.made-up"])
        #expect(try fields(DecisionDraftInput(outcome: "grant-asylum", template: "grant-eritrea", answers: [ChecklistAnswerInput(item: "identity-established", response: "not-applicable")])) == ["answers.identity-established"])
        #expect(try fields(DecisionDraftInput(outcome: "grant-asylum", template: "grant-eritrea", refusalReasons: [RefusalReasonInput(code: "no-real-risk", explanation: "x")])) == ["refusalReasons"])
        #expect(try fields(DecisionDraftInput(outcome: "grant-asylum", template: "grant-eritrea", basis: ["astrology"])) == ["basis"])
        // A partial draft is fine: completeness is checked at completion.
        #expect(try fields(DecisionDraftInput(outcome: "grant-asylum", template: "grant-eritrea")) == [])
    }

    @Test("The two-stage test belongs to flow claims: refused on a legacy claim; stage two only once stage one is met")
    func twoStageScope() throws {
        var legacy = try sampleClaim(stage: .decision)
        legacy.regime = .legacy
        var input = Self.grantInput(template: "grant-eritrea")
        #expect(throws: ValidationFailure.self) { try DecisionRules.draft(input, number: 1, author: "dm.one", claim: legacy, previous: nil) }
        input.twoStage = TwoStageInput(characteristicMet: false, characteristicReasons: "Not accepted", fearMet: true, fearReasons: "x", persecutionOnReturnMet: true, persecutionOnReturnReasons: "y")
        do {
            _ = try draft(input)
            Issue.record("stage two after a failed stage one was accepted")
        } catch let failure as ValidationFailure {
            #expect(failure.errors.map(\.field) == ["twoStage.persecutionOnReturnMet"])
        }
    }

    @Test("Completion needs every required question answered, a reason for a 'no', and the reasoning")
    func completeness() throws {
        let claim = try sampleClaim(stage: .decision)
        var input = Self.grantInput()
        input.answers = Array(input.answers!.dropFirst())
        input.answers!.append(ChecklistAnswerInput(item: "identity-established", response: "no"))
        input.reasoning = nil
        let problems = DecisionRules.completionProblems(try draft(input), claim: claim, completedInterviews: [])
        #expect(Set(problems.map(\.field)) == ["answers.identity-established.note", "reasoning"])
        #expect(DecisionRules.completionProblems(try draft(Self.grantInput()), claim: claim, completedInterviews: []).isEmpty)
    }

    @Test("A refusal needs a completed substantive interview (3.37); a targeted nationality interview is not one")
    func refusalNeedsInterview() throws {
        let claim = try sampleClaim(stage: .decision)
        let refusal = try draft(Self.refusalInput())
        #expect(DecisionRules.completionProblems(refusal, claim: claim, completedInterviews: []).map(\.field) == ["outcome"])
        #expect(DecisionRules.completionProblems(refusal, claim: claim, completedInterviews: [.targetedNationality]).map(\.field) == ["outcome"])
        #expect(DecisionRules.completionProblems(refusal, claim: claim, completedInterviews: [.substantive]).isEmpty)
        // A grant needs no interview (streamlined processing decides on the papers).
        #expect(DecisionRules.completionProblems(try draft(Self.grantInput()), claim: claim, completedInterviews: []).isEmpty)
    }

    @Test("No refusal for lack of information after a concise interview (8.48, 8.62), but after a full one it may be given")
    func noLackOfInformationAfterConcise() throws {
        let claim = try sampleClaim(stage: .decision)
        let refusal = try draft(Self.refusalInput(reasons: [RefusalReasonInput(code: "insufficient-information", explanation: "Few details of the feared harm.")]))
        #expect(DecisionRules.completionProblems(refusal, claim: claim, completedInterviews: [.concise]).map(\.field) == ["refusalReasons[0].code"])
        #expect(DecisionRules.completionProblems(refusal, claim: claim, completedInterviews: [.substantive, .concise]).map(\.field) == ["refusalReasons[0].code"])
        #expect(DecisionRules.completionProblems(refusal, claim: claim, completedInterviews: [.substantive]).isEmpty)
    }

    @Test("A refusal gives reasons, each explained")
    func refusalReasons() throws {
        let claim = try sampleClaim(stage: .decision)
        let none = try draft(Self.refusalInput(reasons: []))
        #expect(DecisionRules.completionProblems(none, claim: claim, completedInterviews: [.substantive]).map(\.field) == ["refusalReasons"])
        let unexplained = try draft(Self.refusalInput(reasons: [RefusalReasonInput(code: "no-real-risk", explanation: "")]))
        #expect(DecisionRules.completionProblems(unexplained, claim: claim, completedInterviews: [.substantive]).map(\.field) == ["refusalReasons[0].explanation"])
    }

    @Test("The two-stage record must support the outcome: refugee status needs both stages; HP is for those who are not refugees; a refusal that meets the test needs an exclusion")
    func twoStageSupportsOutcome() throws {
        let claim = try sampleClaim(stage: .decision)
        let interviewed: [InterviewKind] = [.substantive]
        #expect(DecisionRules.completionProblems(try draft(Self.grantInput(twoStage: Self.twoStage(met: false))), claim: claim, completedInterviews: interviewed).map(\.field) == ["twoStage"])
        #expect(DecisionRules.completionProblems(try draft(Self.grantInput(twoStage: nil)), claim: claim, completedInterviews: interviewed).map(\.field) == ["twoStage"])
        #expect(DecisionRules.completionProblems(try draft(Self.grantInput(twoStage: Self.twoStage(met: true, stageTwo: nil))), claim: claim, completedInterviews: interviewed).map(\.field).contains("twoStage.persecutionOnReturnMet"))
        var hp = Self.grantInput()
        hp.outcome = "grant-humanitarian-protection"
        #expect(DecisionRules.completionProblems(try draft(hp), claim: claim, completedInterviews: interviewed).map(\.field) == ["twoStage"])
        let refusedDespiteTest = try draft(Self.refusalInput(twoStage: Self.twoStage(met: true)))
        #expect(DecisionRules.completionProblems(refusedDespiteTest, claim: claim, completedInterviews: interviewed).map(\.field) == ["twoStage"])
        let excluded = try draft(Self.refusalInput(reasons: [RefusalReasonInput(code: "exclusion-article-1f", explanation: "Serious non-political crime.")], twoStage: Self.twoStage(met: true)))
        #expect(DecisionRules.completionProblems(excluded, claim: claim, completedInterviews: interviewed).isEmpty)
        // A legacy claim has one standard: no record needed.
        var legacy = claim
        legacy.regime = .legacy
        let legacyGrant = try DecisionRules.draft(Self.grantInput(twoStage: nil), number: 1, author: "dm.one", claim: legacy, previous: nil)
        #expect(DecisionRules.completionProblems(legacyGrant, claim: legacy, completedInterviews: []).isEmpty)
    }

    @Test("Sampling's triggers come from the draft and the claim: MLR, unaccompanied child, LGBTQI+ basis or marker, religion")
    func triggers() throws {
        var claim = try sampleClaim(stage: .decision)
        var input = Self.refusalInput()
        input.medicoLegalReport = true
        input.basis = ["religion", "sexual-orientation-or-gender-identity"]
        #expect(DecisionRules.samplingTriggers(try draft(input), claim: claim) == [.medicoLegalReport, .religion, .lgbtqi])
        claim.facts.unaccompaniedChild = true
        #expect(DecisionRules.samplingTriggers(try draft(Self.grantInput()), claim: claim) == [.unaccompaniedChild])
    }

    @Test("A grant's letter tells the claimant when asylum support ends, 28 days after (7.31); a refusal's gives each reason and the right of appeal")
    func letters() throws {
        var claim = try sampleClaim(stage: .decision)
        claim.facts.asylumSupport = true
        let served = LocalDate(year: 2026, month: 12, day: 3)!
        let grant = DecisionRules.letter(try draft(Self.grantInput()), claim: claim, servedOn: served, method: .post, by: "ao.one")
        #expect(grant.kind == .decisionGrant && grant.dated == served)
        #expect(grant.body.contains("refugee status") && grant.body.contains("31 December 2026"))
        let refusal = DecisionRules.letter(try draft(Self.refusalInput()), claim: claim, servedOn: served, method: .email, by: "ao.one")
        #expect(refusal.kind == .decisionRefusal && refusal.body.contains("Inconsistent dates of travel.") && refusal.body.contains("appeal"))
        #expect(refusal.recipients.first?.contains("(claimant)") == true)
    }

    @Test("A grant or refusal can no longer be recorded bare: it is served through its gates")
    func bareOutcomeRefused() throws {
        for outcome in DecisionRules.decisionOutcomes {
            #expect(throws: ClaimRuleViolation.decisionServedThroughGates(outcome)) {
                try ClaimRules.decide(.recordOutcome(outcome), on: try sampleClaim(stage: .decision), reason: nil)
            }
        }
        #expect(throws: Never.self) { try ClaimRules.decide(.recordOutcome(.withdrawnExplicitly), on: try sampleClaim(stage: .decision), reason: "Withdrawn by letter") }
    }
}

@Suite("Service gates: every gate open, or closed with the reason (10.30, 10.34, 8.83, 10.60)")
struct ServiceGateTests {
    static let day = LocalDate(year: 2026, month: 12, day: 3)!

    static func sample(selected: Bool) -> WorkSample {
        let decision = SamplingDecision(
            selected: selected, depth: selected ? .full : nil,
            reasons: selected ? [SamplingReason(code: "before-sign-off", text: "The worker is not yet signed off", source: "10.8")] : [], draw: 0.5, policyVersion: 1
        )
        return WorkSample(id: "CW-0000001@9", work: .decision, subject: 1, worker: "dm.one", completedOn: day, refusal: false, triggers: [], decision: decision)
    }

    static func draft() throws -> DecisionDraft {
        try DecisionRules.draft(DecisionRulesTests.grantInput(), number: 1, author: "dm.one", claim: sampleClaim(stage: .decision), previous: nil)
    }

    static let allChecks = OperatingMandate.checks.map { OperatingMandateCheck(code: $0.code, result: .clear, note: nil, checkedOn: day, checkedBy: "ao.one") }

    static func assessment(calculated: DQScore, correct: Bool = true, sampleID: String? = "CW-0000001@9") -> QualityAssessment {
        QualityAssessment(
            number: 1, work: .decision, subject: 1, sampleID: sampleID, worker: "dm.one", assessor: "ts.one", assessorRole: .technicalSpecialist, assessedOn: day,
            scores: CalibreScores(operatingMandate: .dq1, casework: calculated, process: .dq1), outcomeCorrect: correct, feedback: "Good", themes: [], depth: .full,
            mode: .written, agreedWith: nil, agreement: nil, preService: true
        )
    }

    func inputs(
        stage: Stage = .decision, status: DraftStatus? = .completed, sample: WorkSample? = sample(selected: false), assessments: [QualityAssessment] = [],
        checks: [OperatingMandateCheck] = allChecks, barriers: [Barrier] = [], holds: [ServiceHold] = []
    ) throws -> ServiceGateInputs {
        ServiceGateInputs(
            stage: stage, draft: status == nil ? nil : try Self.draft(), draftStatus: status, sample: sample, assessments: assessments, operatingMandate: checks,
            openBarriers: barriers, holds: holds
        )
    }

    func closed(_ inputs: ServiceGateInputs) -> [ServiceGate] { ServiceGates.evaluate(inputs).filter { !$0.open }.map(\.gate) }

    @Test("A completed, unsampled decision with the checks done and nothing blocking has every gate open")
    func allOpen() throws {
        let gates = ServiceGates.evaluate(try inputs())
        #expect(ServiceGates.allOpen(gates) && gates.count == ServiceGate.allCases.count)
    }

    @Test("Decision completed: closed with no draft, a draft not completed, a returned decision, or outside the decision stages")
    func decisionGate() throws {
        #expect(closed(try inputs(status: nil)) == [.decisionCompleted, .qualityCheck])
        #expect(closed(try inputs(status: .draft)).contains(.decisionCompleted))
        #expect(closed(try inputs(status: .returned)).contains(.decisionCompleted))
        #expect(closed(try inputs(stage: .workInProgress)) == [.decisionCompleted])
    }

    @Test("Operating Mandate: closed until all four checks are recorded, naming each missing one")
    func operatingMandateGate() throws {
        let gates = ServiceGates.evaluate(try inputs(checks: Array(Self.allChecks.prefix(2))))
        let gate = gates.first { $0.gate == .operatingMandate }!
        #expect(!gate.open && gate.detail.count == 2 && gate.detail[0].contains("police"))
    }

    @Test("Quality check: a selected decision waits for a check that passes; DQ4 or an incorrect outcome does not open it")
    func qualityGate() throws {
        let selected = Self.sample(selected: true)
        #expect(closed(try inputs(stage: .qualityAssurance, sample: selected)) == [.qualityCheck])
        #expect(closed(try inputs(stage: .qualityAssurance, sample: selected, assessments: [Self.assessment(calculated: .dq4)])) == [.qualityCheck])
        #expect(closed(try inputs(stage: .qualityAssurance, sample: selected, assessments: [Self.assessment(calculated: .dq2, correct: false)])) == [.qualityCheck])
        #expect(closed(try inputs(stage: .qualityAssurance, sample: selected, assessments: [Self.assessment(calculated: .dq3)])).isEmpty)
    }

    @Test("Barriers: one that blocks service or the decision closes the gate; one that only informs does not")
    func barrierGate() throws {
        func barrier(_ code: String) -> Barrier {
            Barrier(
                id: 1, typeCode: code, rating: .red, raisedBy: Actor(staff: "dm.one", role: .decisionMaker, unit: "DMU-GLA"), raisedAt: Instant(startOf: Self.day),
                agreement: nil, reviewDate: Self.day.adding(days: 14), note: "x"
            )
        }
        #expect(closed(try inputs(barriers: [barrier("operating-mandate-checks")])) == [.barriers])
        #expect(closed(try inputs(barriers: [barrier("supplemental-interview-required")])) == [.barriers])
        #expect(closed(try inputs(barriers: [barrier("further-representations")])).isEmpty)
    }

    @Test("A safeguarding hold closes the gate until lifted")
    func holdGate() throws {
        let hold = ServiceHold(number: 1, kind: .safeguarding, reason: "Red referral to the hub", placedBy: "dm.one", placedOn: Self.day)
        let gates = ServiceGates.evaluate(try inputs(holds: [hold]))
        #expect(gates.filter { !$0.open }.map(\.gate) == [.serviceHolds])
        #expect(ServiceGates.problems(gates).map(\.field) == ["gate.service-holds"])
    }
}
