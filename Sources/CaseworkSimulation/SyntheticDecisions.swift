import CaseworkDomain

/// When each worker's work of each kind was selected for a check, across the claims of a stream so far: what
/// `SamplingRules` needs for "at least one check per decision maker every two months" (10.8).
///
/// The store reads the latest selection before the work is completed (`MAX(completed_on)` of the worker's selected
/// samples). A stream is not chronological — claims come in order of their date of claim, and a claim made in 2019
/// may be decided after one made in 2023 — so the ledger keeps every selection date and answers with the latest on or
/// before the completion. The approximation: selections in claims later in the stream are not yet known, so a worker
/// can look unchecked for longer than they were, and is selected a little more often than in a chronological replay.
struct SamplingLedger: Sendable {
    private struct Key: Hashable, Sendable {
        let worker: StaffID
        let work: SampledWork
    }

    /// Day numbers of selections, ascending.
    private var days: [Key: [Int]] = [:]

    /// The latest selection of `worker`'s `work` on or before `day`.
    func lastSelected(_ worker: StaffID, _ work: SampledWork, onOrBefore day: Int) -> Int? {
        guard let list = days[Key(worker: worker, work: work)] else { return nil }
        let index = Self.insertionIndex(list, day)  // first element after `day`
        return index == 0 ? nil : list[index - 1]
    }

    mutating func record(_ worker: StaffID, _ work: SampledWork, day: Int) {
        let key = Key(worker: worker, work: work)
        var list = days.removeValue(forKey: key) ?? []
        list.insert(day, at: Self.insertionIndex(list, day))
        days[key] = list
    }

    /// The index of the first element greater than `day`.
    private static func insertionIndex(_ list: [Int], _ day: Int) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] <= day { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A decision maker who may decide claims: trained for decisions (1.6), with their start date and sign-off.
struct Decider: Sendable {
    let actor: Actor
    let startDay: Int
    let signedOff: Bool
}

/// A template as a synthetic draft uses it, with the answers every draft on it gives: each question answered yes,
/// "not applicable" where the template allows it for exclusion (criminality is rare).
struct DraftTemplate: Sendable {
    let code: String
    let version: Int
    let answers: [ChecklistAnswer]

    init(_ template: DecisionTemplate) {
        code = template.code
        version = template.version
        answers = template.items.map { item in
            ChecklistAnswer(item: item.code, response: item.code == "exclusion-considered" && item.allowsNotApplicable ? .notApplicable : .yes)
        }
    }

    /// The grant and refusal templates offered for a claim of `nationality` under `regime`, nationality-specific first.
    static func offered(nationality: String, regime: Regime, catalogue: DecisionTemplateCatalogue = .current) -> (grant: DraftTemplate, refusal: DraftTemplate)? {
        let offered = catalogue.offered(nationality: nationality, regime: regime)
        guard let grant = offered.first(where: { $0.kind == .grant }), let refusal = offered.first(where: { $0.kind == .refusal }) else { return nil }
        return (DraftTemplate(grant), DraftTemplate(refusal))
    }
}

extension ClaimModel {
    /// A decision maker of the crew trained for decisions who had started by `day`; the longest-serving when nobody
    /// had; nil when the unit has nobody trained for decisions.
    func decider(_ crew: Int, day: Int, _ draw: inout Draw) -> Decider? {
        let list = deciders[crew]
        guard !list.isEmpty else { return nil }
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].startDay <= day { low = middle + 1 } else { high = middle }
        }
        return list[low == 0 ? 0 : draw.below(low)]
    }

    /// The templates for a claim whose effective nationality is `nationality`.
    func draftTemplates(nationality: String, regime: Regime) -> (grant: DraftTemplate, refusal: DraftTemplate)? {
        if let known = templates[nationality]?[regime] { return known }
        return DraftTemplate.offered(nationality: nationality, regime: regime)
    }

    /// The draft a decision maker saves: the template offered for the claim, every question answered, the basis of
    /// claim, reasons for a refusal, the two-stage record for a claim made on or after 28 June 2022 consistent with the
    /// outcome (3.20–3.22), and the reasoning, briefly.
    func draft(number: Int, outcome: Outcome, author: StaffID, claim: DrawnClaim, _ draw: inout Draw) -> DecisionDraft? {
        guard let pair = draftTemplates(nationality: claim.facts.mainApplicant.nationality.effective, regime: claim.regime) else { return nil }
        let refusal = outcome == .refusal
        let template = refusal ? pair.refusal : pair.grant
        var basis = [conventionReasons.pick(&draw)]
        if claim.facts.vulnerabilities.contains(.lgbtqi), !basis.contains(.sexualOrientationOrGenderIdentity) { basis.append(.sexualOrientationOrGenderIdentity) }
        var reasons: [StatedRefusalReason] = []
        var twoStage: TwoStageRecord?
        let flow = DecisionRules.twoStageApplies(claim.regime)
        let accepted = TwoStageFinding(met: true, reasons: "The claimed characteristic is accepted on the balance of probabilities: consistent with the country evidence and the screening record.")
        switch outcome {
        case .refusal:
            // Either the account is not accepted (stage one), or it is and there is no real risk on return (stage two).
            if draw.chance(0.6) {
                reasons.append(StatedRefusalReason(code: "material-facts-not-accepted", explanation: draw.pick(SyntheticNotes.refusalExplanations)))
                if flow {
                    twoStage = TwoStageRecord(characteristic: accepted, fear: TwoStageFinding(met: false, reasons: "The account of the feared events is internally inconsistent and is not accepted."), persecutionOnReturn: nil)
                }
            } else {
                let code = draw.pick(["no-real-risk", "sufficiency-of-protection", "internal-relocation"])
                reasons.append(StatedRefusalReason(code: code, explanation: "The current country policy and information note shows that a person of the claimant's profile is not at real risk on return."))
                if flow {
                    twoStage = TwoStageRecord(
                        characteristic: accepted, fear: TwoStageFinding(met: true, reasons: "The claimant's fear is accepted as genuinely held."),
                        persecutionOnReturn: TwoStageFinding(met: false, reasons: "No reasonable likelihood of persecution on return, taking account of protection and relocation.")
                    )
                }
            }
            if draw.chance(0.5) {
                reasons.append(StatedRefusalReason(code: "humanitarian-protection-not-met", explanation: "No real risk of serious harm on return on the evidence given."))
            }
        case .grantAsylum:
            if flow {
                twoStage = TwoStageRecord(
                    characteristic: accepted, fear: TwoStageFinding(met: true, reasons: "The account is detailed, consistent and supported by the country evidence."),
                    persecutionOnReturn: TwoStageFinding(met: true, reasons: "A reasonable likelihood of persecution on return; no sufficiency of protection or reasonable relocation.")
                )
            }
        case .grantHumanitarianProtection:
            if flow {
                twoStage = TwoStageRecord(
                    characteristic: TwoStageFinding(met: false, reasons: "The harm feared is not for a Convention reason."),
                    fear: TwoStageFinding(met: true, reasons: "The fear of serious harm is accepted."), persecutionOnReturn: nil
                )
            }
        default:
            break
        }
        return DecisionDraft(
            number: number, author: author, outcome: outcome, template: template.code, templateVersion: template.version, answers: template.answers,
            basis: basis, medicoLegalReport: draw.chance(profile.medicoLegalReportShare), refusalReasons: reasons, twoStage: twoStage,
            reasoning: draw.pick(refusal ? SyntheticNotes.refusalReasoning : SyntheticNotes.grantReasoning)
        )
    }

    /// Calibre scores for a check, drawn so that across many checks the shares at DQ1–DQ2 are the profile's (10.31–10.32).
    /// The calculated score is the worse of casework and process, so the two are drawn together: process is good more
    /// often when casework is.
    func scores(_ draw: inout Draw) -> CalibreScores {
        let p = profile
        let caseworkHigh = draw.chance(p.caseworkHighShare)
        let processHigh = caseworkHigh
            ? draw.chance(p.calculatedHighShare / p.caseworkHighShare)
            : draw.chance((p.processHighShare - p.calculatedHighShare) / (1 - p.caseworkHighShare))
        func score(_ high: Bool) -> DQScore {
            if high { return draw.chance(p.bestShareOfHigh) ? .dq1 : .dq2 }
            guard draw.chance(p.unsustainableShareOfLow) else { return .dq3 }
            return draw.chance(p.worstShareOfUnsustainable) ? .dq5 : .dq4
        }
        return CalibreScores(operatingMandate: score(draw.chance(p.operatingMandateHighShare)), casework: score(caseworkHigh), process: score(processHigh))
    }

    /// A check of `work` by `assessor`, with its feedback and themes: a failing or weak check names what went wrong, a
    /// good one sometimes names good practice.
    func assessment(
        number: Int, work: SampledWork, subject: Int?, sampleID: String?, worker: StaffID, assessor: Actor, on day: LocalDate, depth: CheckDepth, preService: Bool,
        mustPass: Bool, _ draw: inout Draw
    ) -> QualityAssessment {
        var scores = scores(&draw)
        var correct = work != .decision || !draw.chance(profile.outcomeIncorrectShare)
        if mustPass {
            // A resubmission's check: amended, it passes (DQ3 at worst).
            correct = true
            if scores.casework > .dq3 { scores.casework = .dq3 }
            if scores.process > .dq3 { scores.process = .dq3 }
        }
        var themes: [String] = []
        let feedback: String
        if scores.calculated <= .dq2 && correct {
            if draw.chance(0.3) { themes.append("good-practice") }
            feedback = draw.pick(SyntheticNotes.goodFeedback)
        } else {
            let pool = work == .withdrawal ? ["withdrawal-guidance", "process-recording"] : work == .screeningInterview ? ["process-recording", "safeguarding", "operating-mandate"] : SyntheticNotes.weakThemes
            themes.append(draw.pick(pool))
            if draw.chance(0.35) {
                let second = draw.pick(pool)
                if second != themes[0] { themes.append(second) }
            }
            feedback = SyntheticNotes.feedback(theme: themes[0])
        }
        let verbal = draw.chance(profile.verbalCheckShare)
        return QualityAssessment(
            number: number, work: work, subject: subject, sampleID: sampleID, worker: worker, assessor: assessor.staff, assessorRole: assessor.role, assessedOn: day,
            scores: scores, outcomeCorrect: correct, feedback: feedback, themes: themes, depth: depth, mode: verbal ? .verbal : .written,
            agreedWith: verbal ? worker : nil, agreement: verbal ? "Talked through the findings with the decision maker, who agreed the changes needed." : nil,
            preService: preService
        )
    }

    /// How an appeal ends, with the tribunal's findings when it is allowed.
    func appealOutcome(_ draw: inout Draw) -> (outcome: AppealOutcome, themes: [String], findings: String?) {
        let roll = draw.unit()
        if roll < profile.appealAllowedShare {
            let theme = draw.pick(SyntheticNotes.appealThemes)
            return (.allowed, [theme], SyntheticNotes.appealFinding(theme: theme))
        }
        if roll < profile.appealAllowedShare + profile.appealWithdrawnShare { return (.withdrawn, [], nil) }
        return (.dismissed, [], draw.chance(0.5) ? "The tribunal found the decision's credibility findings sound and the country evidence correctly applied." : nil)
    }
}
