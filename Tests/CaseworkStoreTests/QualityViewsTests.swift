import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import Testing

/// A month of a unit's quality, written as explicit histories so every figure can be counted by hand. DMU-GLA in
/// November 2026, decision makers dm.a and dm.b, checks by ts.gla:
///
/// | claim | what happened |
/// | --- | --- |
/// | 1 | dm.a completes 10 Nov, selected at random; checked before service 12 Nov: OM DQ1, casework DQ2, process DQ3 (calculated DQ3), correct, material-facts; served 13 Nov |
/// | 2 | dm.a completes 4 Nov, not selected; served 5 Nov; dip-checked after service 20 Nov, verbally: DQ2, DQ1, DQ1 (calculated DQ1), good-practice |
/// | 3 | dm.b completes 14 Nov, before sign-off; checked 15 Nov: DQ1, DQ4, DQ2 (calculated DQ4), outcome wrong, risk-on-return and material-facts: returned; completed again 18 Nov, waiting |
/// | 4 | dm.b completes 25 Nov, minimum per worker; waiting |
/// | 5 | dm.a completes 30 Oct (October), served 2 Nov as a refusal; appeal lodged 3 Nov, allowed 28 Nov for country-evidence |
/// | 6 | screening interview by ao.gla 2 Nov, not selected; withdrawn by dm.b 9 Nov, selected at random, waiting |
/// | 7 | DMU-LEE: dm.lee completes 10 Nov, selected at random, checked: DQ5 everywhere (never counted in DMU-GLA) |
enum QualityFixture {
    static let month = ReportMonth(year: 2026, month: 11)!
    static func day(_ d: Int, _ m: Int = 11) -> LocalDate { LocalDate(year: 2026, month: m, day: d)! }
    static func at(_ d: Int, _ m: Int = 11, plus ms: Int64 = 0) -> Instant { Instant(startOf: day(d, m)).adding(milliseconds: 10 * 3_600_000 + ms) }

    static let dmA = Actor(staff: "dm.a", role: .decisionMaker, unit: "DMU-GLA")
    static let dmB = Actor(staff: "dm.b", role: .decisionMaker, unit: "DMU-GLA")
    static let dmLee = Actor(staff: "dm.lee", role: .decisionMaker, unit: "DMU-LEE")
    static let officer = DecisionPeople.officer
    static let techSpec = DecisionPeople.techSpec

    static func sample(_ id: String, _ work: SampledWork, subject: Int?, worker: Actor, on date: LocalDate, reasons: [String]) -> WorkSample {
        let texts = reasons.map { SamplingReason(code: $0, text: $0, source: "10.8") }
        let draw = reasons.contains("random") ? 0.01 : 0.5
        return WorkSample(
            id: id, work: work, subject: subject, worker: worker.staff, completedOn: date, refusal: false, triggers: [],
            decision: SamplingDecision(selected: !reasons.isEmpty, depth: reasons.isEmpty ? nil : .full, reasons: texts, draw: draw, policyVersion: 1)
        )
    }

    static func check(_ number: Int, sample: String?, worker: Actor, on date: LocalDate, _ om: DQScore, _ casework: DQScore, _ process: DQScore, correct: Bool = true, themes: [String], pre: Bool, verbal: Bool = false) -> ClaimEvent {
        .qualityAssessed(QualityAssessment(
            number: number, work: .decision, subject: 1, sampleID: sample, worker: worker.staff, assessor: techSpec.staff, assessorRole: .technicalSpecialist, assessedOn: date,
            scores: CalibreScores(operatingMandate: om, casework: casework, process: process), outcomeCorrect: correct, feedback: "Feedback", themes: themes, depth: .full,
            mode: verbal ? .verbal : .written, agreedWith: verbal ? worker.staff : nil, agreement: verbal ? "Agreed" : nil, preService: pre
        ))
    }

    static func served(_ outcome: Outcome, author: Actor, on date: LocalDate) -> ClaimEvent {
        let letter = Letter(kind: outcome == .refusal ? .decisionRefusal : .decisionGrant, dated: date, recipients: ["claimant"], method: .post, producedBy: officer.staff, body: "Decision")
        return .decisionServed(DecisionService(draft: 1, outcome: outcome, author: author.staff, servedOn: date, method: .post, recipients: ["claimant"], letter: letter))
    }

    static func draft(_ author: Actor, _ outcome: Outcome = .grantAsylum) -> ClaimEvent {
        .decisionDrafted(DecisionDraft(
            number: 1, author: author.staff, outcome: outcome, template: "grant-eritrea", templateVersion: 1, answers: [], basis: [], medicoLegalReport: false,
            refusalReasons: [], twoStage: nil, reasoning: "Reasons"
        ))
    }

    static func completed(_ author: Actor, _ sample: WorkSample, resubmission: Bool = false, _ outcome: Outcome = .grantAsylum) -> ClaimEvent {
        .decisionCompleted(DecisionCompletion(draft: 1, outcome: outcome, author: author.staff, completedOn: sample.completedOn, resubmission: resubmission, sample: sample))
    }

    typealias Step = (event: ClaimEvent, actor: Actor, at: Instant, reason: String?)

    /// The claim's first steps to the decision stage, on 1 October.
    static func toDecision(_ dm: Actor) -> [Step] {
        [
            (.stageChanged(from: .registration, to: .screening), officer, at(1, 10, plus: 1), nil),
            (.stageChanged(from: .screening, to: .workInProgress), officer, at(1, 10, plus: 2), nil),
            (.stageChanged(from: .workInProgress, to: .decision), dm, at(1, 10, plus: 3), nil),
            (draft(dm), dm, at(1, 10, plus: 4), nil),
        ]
    }

    static func histories() throws -> [ClaimHistory] {
        func history(_ n: Int, unit: UnitID = "DMU-GLA", _ later: [Step]) throws -> ClaimHistory {
            ClaimHistory(facts: try facts(n), owningUnit: unit, registeredBy: officer, registeredAt: at(1, 10), later: later)
        }
        let s1 = sample("CW-0000001@6", .decision, subject: 1, worker: dmA, on: day(10), reasons: ["random"])
        let s2 = sample("CW-0000002@6", .decision, subject: 1, worker: dmA, on: day(4), reasons: [])
        let s3 = sample("CW-0000003@6", .decision, subject: 1, worker: dmB, on: day(14), reasons: ["before-sign-off"])
        let s3b = sample("CW-0000003@9", .decision, subject: 1, worker: dmB, on: day(18), reasons: ["before-sign-off", "resubmission"])
        let s4 = sample("CW-0000004@6", .decision, subject: 1, worker: dmB, on: day(25), reasons: ["minimum-per-worker"])
        let s5 = sample("CW-0000005@6", .decision, subject: 1, worker: dmA, on: day(30, 10), reasons: [])
        let screening = sample("CW-0000006@3", .screeningInterview, subject: nil, worker: officer, on: day(2), reasons: [])
        let withdrawal = sample("CW-0000006@5", .withdrawal, subject: nil, worker: dmB, on: day(9), reasons: ["random"])
        let s7 = sample("CW-0000007@6", .decision, subject: 1, worker: dmLee, on: day(10), reasons: ["random"])
        return [
            try history(1, toDecision(dmA) + [
                (completed(dmA, s1), dmA, at(10), nil),
                (check(1, sample: s1.id, worker: dmA, on: day(12), .dq1, .dq2, .dq3, themes: ["material-facts"], pre: true), techSpec, at(12), nil),
                (served(.grantAsylum, author: dmA, on: day(13)), officer, at(13), nil),
            ]),
            try history(2, toDecision(dmA) + [
                (completed(dmA, s2), dmA, at(4), nil),
                (served(.grantAsylum, author: dmA, on: day(5)), officer, at(5), nil),
                (check(1, sample: nil, worker: dmA, on: day(20), .dq2, .dq1, .dq1, themes: ["good-practice"], pre: false, verbal: true), techSpec, at(20), nil),
            ]),
            try history(3, toDecision(dmB) + [
                (completed(dmB, s3), dmB, at(14), nil),
                (check(1, sample: s3.id, worker: dmB, on: day(15), .dq1, .dq4, .dq2, correct: false, themes: ["risk-on-return", "material-facts"], pre: true), techSpec, at(15), nil),
                (draft(dmB), dmB, at(18), nil),
                (completed(dmB, s3b, resubmission: true), dmB, at(18, plus: 1), nil),
            ]),
            try history(4, toDecision(dmB) + [(completed(dmB, s4), dmB, at(25), nil)]),
            try history(5, toDecision(dmA) + [
                (completed(dmA, s5, .refusal), dmA, at(30, 10), nil),
                (served(.refusal, author: dmA, on: day(2)), officer, at(2), nil),
                (.appealLodged(AppealLodged(number: 1, decision: 1, author: dmA.staff, lodgedOn: day(3), appealReference: nil)), officer, at(3), nil),
                (.appealDetermined(AppealDetermination(number: 1, decision: 1, author: dmA.staff, outcome: .allowed, determinedOn: day(28), themes: ["country-evidence"], findings: "Out of date CPIN")), officer, at(28), nil),
            ]),
            try history(6, [
                (.stageChanged(from: .registration, to: .screening), officer, at(1, 10, plus: 1), nil),
                (.screeningInterviewRecorded(ScreeningInterview(conductedBy: officer.staff, conductedOn: day(2), sample: screening)), officer, at(2), nil),
                (.outcomeRecorded(.withdrawnImplicitly, from: .screening), dmB, at(9), "Absconded"),
                (.workSampled(withdrawal), .system, at(9, plus: 1), nil),
            ]),
            try history(7, unit: "DMU-LEE", toDecision(dmLee) + [
                (completed(dmLee, s7), dmLee, at(10), nil),
                (check(1, sample: s7.id, worker: dmLee, on: day(11), .dq5, .dq5, .dq5, correct: false, themes: ["credibility"], pre: true), techSpec, at(11), nil),
            ]),
        ]
    }
}

@Suite("Quality figures against a month counted by hand, on both stores")
struct QualityViewsTests {
    func fixtureStore(_ database: any SQLDatabase) async throws -> CaseworkStore {
        let (store, _) = try await decisionStore(database)
        for actor in [QualityFixture.dmLee] {
            try await store.addStaff(StaffMember(username: actor.staff, displayName: actor.staff.rawValue, role: actor.role, unit: actor.unit), passwordHash: "x")
        }
        let references = try await store.importHistories(try QualityFixture.histories())
        #expect(references == (1...7).map { ClaimReference.numbered($0) })
        return store
    }

    @Test("Every figure of DMU-GLA's November is the one counted by hand", arguments: TestDatabases.kinds)
    func unitMonth(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await fixtureStore(database)
            let report = try await store.unitQuality(unit: "DMU-GLA", month: QualityFixture.month, for: DecisionPeople.leader)
            // Sampling of decisions: claims 1, 2, 3 (twice) and 4 completed in November; 1, 3, 3 again and 4 selected; 1 at
            // random; 1 and 3's first completion checked; 3 again and 4 waiting.
            let decisions = report.sampling(.decision)
            #expect(decisions.completed == 5 && decisions.selected == 4 && decisions.randomlySelected == 1 && decisions.checked == 2 && decisions.awaitingCheck == 2)
            #expect(decisions.reasons == ["random": 1, "before-sign-off": 2, "resubmission": 1, "minimum-per-worker": 1])
            #expect(decisions.checkedShare.share == 0.4 && decisions.checkedShare.meetsTarget == true && decisions.randomShare.share == 0.2)
            let withdrawals = report.sampling(.withdrawal)
            #expect(withdrawals.completed == 1 && withdrawals.selected == 1 && withdrawals.randomlySelected == 1 && withdrawals.checked == 0 && withdrawals.awaitingCheck == 1)
            #expect(report.sampling(.screeningInterview).completed == 1 && report.sampling(.screeningInterview).selected == 0)
            #expect(report.sampling(.interview).completed == 0)
            // Checks of decisions in November: claims 1 (before service), 2 (after, verbal) and 3 (before, outcome wrong).
            #expect(report.preService.count == 2 && report.preService.total == 3 && report.preService.meetsTarget == false)
            #expect(report.outcomeIncorrect == 1 && report.verbalChecks == 1)
            #expect(report.score("operating-mandate").counts == [2, 1, 0, 0, 0])
            #expect(report.score("casework").counts == [1, 1, 0, 1, 0])
            #expect(report.score("process").counts == [1, 1, 1, 0, 0])
            #expect(report.score("calculated").counts == [1, 0, 1, 1, 0])
            #expect(report.score("calculated").high.count == 1 && report.score("operating-mandate").high.share == 1)
            // Checks per decision maker, 1 October to 30 November: dm.a completed 1, 2 and 5, two checked; dm.b 3 (twice) and 4, one check.
            #expect(report.windowStart == QualityFixture.day(1, 10) && report.windowEnd == QualityFixture.day(30))
            let a = try #require(report.workers.first { $0.worker == "dm.a" })
            let b = try #require(report.workers.first { $0.worker == "dm.b" })
            #expect(a.decisionsCompleted == 3 && a.checks == 2 && a.lastChecked == QualityFixture.day(20) && !a.overdue)
            #expect(b.decisionsCompleted == 3 && b.checks == 1 && b.lastChecked == QualityFixture.day(15))
            #expect(report.workers.first { $0.worker == "dm.new" }?.overdue == true)
            #expect(!report.workers.contains { $0.worker == "dm.lee" || $0.worker == "ao.gla" })
            // A technical specialist who decided nothing is not listed as a caseworker without a check.
            #expect(!report.workers.contains { $0.worker == QualityFixture.techSpec.staff })
            // Themes: material-facts twice, risk-on-return and good-practice once; the appeal's country-evidence.
            #expect(report.trendMonths.map(\.iso) == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"])
            let themes = Dictionary(uniqueKeysWithValues: report.themes.map { ($0.theme.code, ($0.assessments.last!, $0.appeals.last!)) })
            #expect(themes.count == 4 && themes["material-facts"]! == (2, 0) && themes["risk-on-return"]! == (1, 0) && themes["good-practice"]! == (1, 0) && themes["country-evidence"]! == (0, 1))
            #expect(report.themes.first?.theme.code == "material-facts")
            #expect(report.appeals == AppealFigures(allowed: 1, dismissed: 0, withdrawn: 0) && report.appeals.overturnRate == 1)

            // The pack carries the same figures.
            let csv = report.csv
            #expect(csv.contains("sampling,decision checked,2,5,0.4000,0.0350,10.27\r\n"))
            #expect(csv.contains("checks,decision checks before service,2,3,0.6667,0.9000,10.34\r\n"))
            #expect(csv.contains("scores,calculated DQ1 or DQ2,1,3,0.3333,0.7500,10.32\r\n"))
            #expect(csv.contains("appeals,overturn rate,1,1,1.0000,,2026 rec 3b\r\n"))
        }
    }

    @Test("All units together, the other unit alone, and who may see which", arguments: TestDatabases.kinds)
    func scopes(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await fixtureStore(database)
            let all = try await store.unitQuality(unit: nil, month: QualityFixture.month, for: DecisionPeople.assurance)
            #expect(all.sampling(.decision).completed == 6 && all.sampling(.decision).checked == 3 && all.score("calculated").counts == [1, 0, 1, 1, 1])
            #expect(all.workers.isEmpty)
            let leeds = try await store.unitQuality(unit: "DMU-LEE", month: QualityFixture.month, for: DecisionPeople.otherLeader)
            #expect(leeds.sampling(.decision).completed == 1 && leeds.themes.map(\.theme.code) == ["credibility"])
            await #expect(throws: AccessDenied.self) { try await store.unitQuality(unit: "DMU-LEE", month: QualityFixture.month, for: DecisionPeople.leader) }
            await #expect(throws: AccessDenied.self) { try await store.unitQuality(unit: nil, month: QualityFixture.month, for: DecisionPeople.leader) }
            await #expect(throws: AccessDenied.self) { try await store.unitQuality(unit: "DMU-GLA", month: QualityFixture.month, for: DecisionPeople.dm) }
            // October: only claim 5's completion, not selected.
            let october = try await store.unitQuality(unit: "DMU-GLA", month: QualityFixture.month.adding(months: -1), for: DecisionPeople.leader)
            #expect(october.sampling(.decision).completed == 1 && october.sampling(.decision).selected == 0 && october.preService.total == 0)
        }
    }

    @Test("The checks queue: decisions waiting first, oldest first; each names its reason; a decision maker's own page", arguments: TestDatabases.kinds)
    func queueAndPage(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await fixtureStore(database)
            let waiting = try await store.checksWaiting(unit: nil, for: DecisionPeople.techSpec)
            #expect(waiting.unit == "DMU-GLA" && waiting.total == 3)
            #expect(waiting.checks.map(\.claim) == [.numbered(3), .numbered(4), .numbered(6)])
            #expect(waiting.checks.map(\.sample.work) == [.decision, .decision, .withdrawal] && waiting.checks.map(\.blocksService) == [true, true, false])
            #expect(waiting.checks[0].sample.decision.reasons.map(\.code) == ["before-sign-off", "resubmission"] && waiting.checks[0].daysWaiting == 15)
            let national = try await store.checksWaiting(unit: nil, for: DecisionPeople.assurance)
            #expect(national.unit == nil && national.total == 3)

            let page = try await store.decisionMakerQuality("dm.b", for: DecisionPeople.dmB)
            #expect(page.checks.count == 1 && page.checks[0].claim == .numbered(3) && page.checks[0].assessment.themes == ["risk-on-return", "material-facts"])
            #expect(page.checksWaiting == 3 && page.calculated.counts == [0, 0, 0, 1, 0] && page.signOff.qualifying.isEmpty && page.signOff.signedOff)
            let rates = try await store.overturnRates(from: QualityFixture.day(1), to: QualityFixture.day(30), unit: "DMU-GLA", for: DecisionPeople.leader)
            #expect(rates.byUnit.map(\.key) == ["DMU-GLA"] && rates.byDecisionMaker.map(\.key) == ["dm.a"] && rates.total.overturnRate == 1)
            await #expect(throws: ValidationFailure.self) { try await store.overturnRates(from: QualityFixture.day(30), to: QualityFixture.day(1), unit: nil, for: DecisionPeople.assurance) }
        }
    }
}
