import CaseworkDomain
import Testing

@Suite("Quality: Calibre scores, checks, sign-off, appeals and the monthly figures (10.4–10.34, 2026 rec 3)")
struct QualityRulesTests {
    static let day = LocalDate(year: 2026, month: 12, day: 3)!
    static let techSpec = Actor(staff: "ts.one", role: .technicalSpecialist, unit: "DMU-GLA")

    @Test("The calculated score is the worse of casework and process (10.30: casework DQ1 and process DQ5 is a DQ5); Operating Mandate is kept beside it")
    func calculatedScore() {
        #expect(CalibreScores(operatingMandate: .dq5, casework: .dq1, process: .dq5).calculated == .dq5)
        #expect(CalibreScores(operatingMandate: .dq5, casework: .dq3, process: .dq2).calculated == .dq3)
        #expect(CalibreScores(operatingMandate: .dq1, casework: .dq2, process: .dq2).calculated == .dq2)
        for casework in DQScore.allCases {
            for process in DQScore.allCases {
                #expect(CalibreScores(operatingMandate: .dq1, casework: casework, process: process).calculated == max(casework, process))
            }
        }
        #expect(DQScore.dq3.isSustainable && !DQScore.dq4.isSustainable && DQScore.dq2.isHigh && !DQScore.dq3.isHigh)
        #expect(DQScore(text: "dq4") == .dq4 && DQScore(text: "2") == .dq2 && DQScore(text: "DQ6") == nil)
    }

    func assess(_ input: QualityAssessmentInput, worker: StaffID = "dm.one", expectedDepth: CheckDepth? = nil, by actor: Actor = techSpec) throws -> QualityAssessment {
        try AssessmentRules.validate(
            input, number: 1, work: .decision, subject: 1, sampleID: "CW-0000001@9", worker: worker, expectedDepth: expectedDepth, assessor: actor, today: Self.day,
            preService: true
        )
    }

    static let good = QualityAssessmentInput(
        work: "decision", subject: 1, operatingMandate: "DQ1", casework: "DQ2", process: "DQ3", outcomeCorrect: true, feedback: "Material facts well set out.",
        themes: ["good-practice", "material-facts"]
    )

    @Test("A check records three scores, whether the outcome was correct and the rationale (10.4); it passes for service at DQ3 or better with the outcome correct")
    func assessment() throws {
        let passed = try assess(Self.good)
        #expect(passed.scores.calculated == .dq3 && passed.passes && passed.themes == ["good-practice", "material-facts"] && passed.mode == .written)
        var wrong = Self.good
        wrong.outcomeCorrect = false
        #expect(!(try assess(wrong)).passes)
        var poor = Self.good
        poor.process = "DQ4"
        #expect(!(try assess(poor)).passes)
    }

    @Test("Missing or bad scores, no outcome view, no feedback and unknown themes are refused field by field")
    func assessmentValidation() throws {
        do {
            _ = try assess(QualityAssessmentInput(work: "decision", subject: 1, operatingMandate: "DQ9", casework: nil, process: "DQ1", outcomeCorrect: nil, feedback: " ", themes: ["vibes"]))
            Issue.record("accepted")
        } catch let failure as ValidationFailure {
            #expect(Set(failure.errors.map(\.field)) == ["operatingMandate", "casework", "outcomeCorrect", "feedback", "themes"])
        }
    }

    @Test("A verbal second pair of eyes names the decision maker it was agreed with and what was agreed (10.14); nobody checks their own work")
    func verbalCheck() throws {
        var verbal = Self.good
        verbal.mode = "verbal"
        do {
            _ = try assess(verbal)
            Issue.record("a verbal check without a record was accepted")
        } catch let failure as ValidationFailure {
            #expect(Set(failure.errors.map(\.field)) == ["agreedWith", "agreement"])
        }
        verbal.agreedWith = "someone.else"
        verbal.agreement = "Grant agreed; add the CPIN reference."
        #expect(throws: ValidationFailure.self) { try assess(verbal) }
        verbal.agreedWith = "dm.one"
        let recorded = try assess(verbal)
        #expect(recorded.mode == .verbal && recorded.agreedWith == "dm.one" && recorded.agreement == "Grant agreed; add the CPIN reference.")
        #expect(throws: ValidationFailure.self) { try assess(Self.good, worker: "ts.one") }
    }

    @Test("Work selected for a full check is not answered by a light-touch one")
    func depth() throws {
        var light = Self.good
        light.depth = "light-touch"
        #expect(throws: ValidationFailure.self) { try assess(light, expectedDepth: .full) }
        #expect(try assess(light, expectedDepth: .lightTouch).depth == .lightTouch)
        #expect(try assess(Self.good, expectedDepth: .lightTouch).depth == .lightTouch)
    }

    static func qualifying(_ scores: [DQScore], from day: LocalDate = day) -> [SignOffProgress.Qualifying] {
        scores.enumerated().map { index, score in
            SignOffProgress.Qualifying(claim: .numbered(index + 1), assessment: 1, assessedOn: day.adding(days: index), calculated: score)
        }
    }

    @Test("Sign-off needs three decisions checked at DQ1 or DQ2 (10.12); a DQ3 does not count; checks before going back on 100% checks do not count")
    func signOff() throws {
        let dm: StaffID = "dm.new"
        let two = SignOffRules.progress(worker: dm, signedOff: false, checks: Self.qualifying([.dq1, .dq3, .dq2]), since: nil)
        #expect(two.qualifying.count == 2 && !two.ready && two.checkedDecisions == 3 && two.summary == "2 of 3 decisions at DQ1 or DQ2")
        #expect(SignOffRules.refusal(two, by: Self.techSpec, trainedForDecisions: true)?.field == "signedOff")
        let three = SignOffRules.progress(worker: dm, signedOff: false, checks: Self.qualifying([.dq1, .dq3, .dq2, .dq2]), since: nil)
        #expect(three.ready && SignOffRules.refusal(three, by: Self.techSpec, trainedForDecisions: true) == nil)
        #expect(SignOffRules.refusal(three, by: Actor(staff: "tl.one", role: .teamLeader, unit: "DMU-GLA"), trainedForDecisions: true) != nil)
        #expect(SignOffRules.refusal(three, by: Self.techSpec, trainedForDecisions: false) != nil)
        let reset = SignOffRules.progress(worker: dm, signedOff: false, checks: Self.qualifying([.dq1, .dq1, .dq1, .dq2]), since: Self.day.adding(days: 3))
        #expect(reset.qualifying.count == 1 && !reset.ready)
        #expect(SignOffRules.refusal(SignOffRules.progress(worker: dm, signedOff: true, checks: [], since: nil), by: Self.techSpec, trainedForDecisions: true) != nil)
    }

    static func served(_ outcome: Outcome) -> DecisionService {
        DecisionService(
            draft: 2, outcome: outcome, author: "dm.one", servedOn: day.adding(days: -30), method: .post, recipients: ["A (claimant)"],
            letter: Letter(kind: .decisionRefusal, dated: day.adding(days: -30), recipients: [], method: .post, producedBy: "ao.one", body: "")
        )
    }

    @Test("An appeal is against a served refusal, lodged after service; it links the decision's author; an allowed appeal gives themes and findings")
    func appeals() throws {
        #expect(throws: ValidationFailure.self) { try AppealRules.lodge(AppealInput(lodgedOn: Self.day.iso), number: 1, decision: nil, existing: [], today: Self.day) }
        #expect(throws: ValidationFailure.self) { try AppealRules.lodge(AppealInput(lodgedOn: Self.day.iso), number: 1, decision: Self.served(.grantAsylum), existing: [], today: Self.day) }
        #expect(throws: ValidationFailure.self) { try AppealRules.lodge(AppealInput(lodgedOn: Self.day.adding(days: -40).iso), number: 1, decision: Self.served(.refusal), existing: [], today: Self.day) }
        let lodged = try AppealRules.lodge(AppealInput(lodgedOn: Self.day.adding(days: -20).iso, appealReference: "PA/01234/2026"), number: 1, decision: Self.served(.refusal), existing: [], today: Self.day)
        #expect(lodged.decision == 2 && lodged.author == "dm.one")
        let state = AppealState(lodged: lodged)
        #expect(throws: ValidationFailure.self) { try AppealRules.lodge(AppealInput(lodgedOn: Self.day.iso), number: 2, decision: Self.served(.refusal), existing: [state], today: Self.day) }
        do {
            _ = try AppealRules.determine(AppealInput(outcome: "allowed", determinedOn: Self.day.iso), appeal: state, today: Self.day)
            Issue.record("an allowed appeal without reasons was accepted")
        } catch {
            // Typed throws: the error is a ValidationFailure.
            #expect(Set(error.errors.map(\.field)) == ["themes", "findings"])
        }
        let allowed = try AppealRules.determine(
            AppealInput(outcome: "allowed", determinedOn: Self.day.iso, themes: ["country-evidence"], findings: "The CPIN relied on was out of date."), appeal: state, today: Self.day
        )
        #expect(allowed.author == "dm.one" && allowed.themes == ["country-evidence"])
        #expect(try AppealRules.determine(AppealInput(outcome: "dismissed", determinedOn: Self.day.iso), appeal: state, today: Self.day).outcome == .dismissed)
    }

    @Test("Overturn rate is allowed over allowed and dismissed; withdrawn appeals decide nothing")
    func overturn() {
        var figures = AppealFigures()
        figures.add(.allowed, 3)
        figures.add(.dismissed, 9)
        figures.add(.withdrawn, 4)
        #expect(figures.determined == 16 && figures.overturnRate == 0.25)
        #expect(AppealFigures().overturnRate == nil)
    }

    @Test("Shares against targets: 3.5% checked, 90% before service, 75% at DQ1 or DQ2")
    func shares() {
        let sampling = SamplingFigures(work: .decision, completed: 200, selected: 11, randomlySelected: 7, checked: 8, awaitingCheck: 3)
        #expect(sampling.checkedShare.share == 0.04 && sampling.checkedShare.meetsTarget == true && sampling.checkedShare.percentText == "4.00%")
        #expect(sampling.randomShare.percentText == "3.50%")
        var scores = ScoreDistribution(category: "calculated")
        for score: DQScore in [.dq1, .dq2, .dq3, .dq3, .dq5] { scores.add(score) }
        #expect(scores.counts == [1, 1, 2, 0, 1] && scores.high.share == 0.4 && scores.high.meetsTarget == false)
        #expect(TargetShare(count: 0, total: 0, target: 0.9).share == nil)
    }

    @Test("Report months: parsing, bounds and arithmetic across years")
    func months() {
        let month = ReportMonth(iso: "2026-12")!
        #expect(month.firstDay == LocalDate(year: 2026, month: 12, day: 1) && month.lastDay == LocalDate(year: 2026, month: 12, day: 31))
        #expect(month.adding(months: 1).iso == "2027-01" && month.adding(months: -12).iso == "2025-12" && ReportMonth(iso: "2024-02")!.lastDay.day == 29)
        #expect(ReportMonth(iso: "2026-13") == nil && ReportMonth(iso: "2026-1") == nil && ReportMonth(iso: "26-12") == nil && month.title == "December 2026")
    }

    @Test("The CSV pack quotes fields that need it and never lets a spreadsheet run a formula")
    func csv() {
        #expect(UnitQualityReport.csvField("plain") == "plain")
        #expect(UnitQualityReport.csvField("a,b") == "\"a,b\"")
        #expect(UnitQualityReport.csvField("say \"no\"") == "\"say \"\"no\"\"\"")
        #expect(UnitQualityReport.csvField("=HYPERLINK(\"x\")").hasPrefix("\"'="))
        #expect(UnitQualityReport.csvField("-3") == "-3")
    }
}
