/// The rules of drafting and completing a decision (3.20–3.22, 3.37, 8.48, 8.62, 8.111–8.113). Pure: the store passes
/// in what it read.
public enum DecisionRules {
    /// Roles that draft and complete decisions.
    public static let drafters: Set<Role> = [.decisionMaker, .technicalSpecialist, .seniorCaseworker]
    /// Roles that serve a decision once its gates are open (workflow serves decisions, 8.36; caseworkers may too).
    public static let servers: Set<Role> = [.administrativeOfficer, .decisionMaker, .technicalSpecialist, .seniorCaseworker, .teamLeader]
    /// The outcomes a decision maker decides; closures and inadmissibility are recorded elsewhere.
    public static let decisionOutcomes: [Outcome] = [.grantAsylum, .grantHumanitarianProtection, .grantOtherLeave, .refusal]
    /// Interviews that count as the substantive interview a refusal needs ("never refuse without a substantive
    /// interview", 3.37). A concise interview is a substantive interview, scripted and short (8.48); a targeted
    /// nationality interview (7.21) establishes nationality for a streamlined grant and is not.
    public static let substantiveInterviewKinds: Set<InterviewKind> = [.substantive, .complexSubstantive, .concise]
    /// Interviews after which a refusal may say the claimant gave too little information (8.48, 8.62: not after a
    /// concise interview, nor on the papers).
    public static let fullInterviewKinds: Set<InterviewKind> = [.substantive, .complexSubstantive]
    /// The stages a decision is drafted, completed and served in.
    public static let draftingStages: Set<Stage> = [.decision]

    /// Whether the two-stage test applies: claims made on or after 28 June 2022 (3.20–3.22).
    public static func twoStageApplies(_ regime: Regime) -> Bool { regime != .legacy }

    /// A draft as typed, checked for what can be wrong at any save: a real outcome, a template that fits the claim and
    /// the outcome, answers to the template's own questions, known reasons and themes. What must be complete is left
    /// to `completionProblems`. `previous` is the draft being changed, whose template version is kept.
    public static func draft(
        _ input: DecisionDraftInput, number: Int, author: StaffID, claim: Claim, previous: DecisionDraft?,
        catalogue: DecisionTemplateCatalogue = .current
    ) throws(ValidationFailure) -> DecisionDraft {
        var check = Validator()
        var outcome: Outcome?
        if let text = input.outcome?.trimmingWhitespace, !text.isEmpty {
            if let parsed = Outcome(rawValue: text), decisionOutcomes.contains(parsed) {
                outcome = parsed
            } else {
                check.fail("outcome", "The outcome must be one of: \(decisionOutcomes.map(\.rawValue).joined(separator: ", "))")
            }
        } else {
            check.fail("outcome", "Choose the proposed outcome: grant of asylum, humanitarian protection, other leave or refusal")
        }
        var template: DecisionTemplate?
        let nationality = claim.facts.mainApplicant.nationality.effective
        if let code = check.requiredText(input.template, "template", label: "the template", maximum: 60) {
            if let previous, previous.template == code, let kept = catalogue.template(code, version: previous.templateVersion) {
                template = kept  // a draft keeps the version it was started with
            } else if let current = catalogue.current(code) {
                template = current
            } else {
                check.fail("template", "'\(code)' is not a template in use. Templates for this claim: \(catalogue.offered(nationality: nationality, regime: claim.regime).map(\.code).joined(separator: ", "))")
            }
        }
        if let template, let outcome {
            if !template.outcomes.contains(outcome) {
                check.fail("template", "\(template.title) is for \(template.kind == .grant ? "grants" : "refusals"), not for \(outcome.title.lowercased())")
            }
            if !template.fits(nationality: nationality, regime: claim.regime) {
                check.fail("template", "\(template.title) is not for a \(claim.regime.title.lowercased()) claim by a national of \(nationality)")
            }
        }
        var answers: [ChecklistAnswer] = []
        for (index, raw) in (input.answers ?? []).enumerated() {
            guard let code = raw.item?.trimmingWhitespace, !code.isEmpty else {
                check.fail("answers[\(index)].item", "Name the question answered")
                continue
            }
            let field = "answers.\(code)"
            guard let template, let item = template.item(code) else {
                if template != nil { check.fail(field, "'\(code)' is not a question of this template") }
                continue
            }
            let note = check.optionalText(raw.note, field + ".note", label: "the note", maximum: ValidationPolicy.maximumNoteLength)
            guard let text = raw.response?.trimmingWhitespace, !text.isEmpty else {
                if note != nil { check.fail(field, "Answer '\(item.question)' as well as writing a note") }
                continue
            }
            guard let response = ChecklistResponse(rawValue: text) else {
                check.fail(field, "The answer to '\(item.question)' must be yes, no or not-applicable")
                continue
            }
            if response == .notApplicable, !item.allowsNotApplicable {
                check.fail(field, "'\(item.question)' applies to every claim: answer yes or no")
                continue
            }
            if answers.contains(where: { $0.item == code }) {
                check.fail(field, "'\(item.question)' is answered twice")
                continue
            }
            answers.append(ChecklistAnswer(item: code, response: response, note: note))
        }
        var basis: [ConventionReason] = []
        for raw in input.basis ?? [] where !raw.trimmingWhitespace.isEmpty {
            guard let reason = ConventionReason(rawValue: raw.trimmingWhitespace) else {
                check.fail("basis", "'\(raw)' is not a Convention reason. Reasons: \(ConventionReason.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if !basis.contains(reason) { basis.append(reason) }
        }
        var reasons: [StatedRefusalReason] = []
        let givenReasons = (input.refusalReasons ?? []).filter { !($0.code?.trimmingWhitespace.isEmpty ?? true) || !($0.explanation?.trimmingWhitespace.isEmpty ?? true) }
        if outcome != nil, outcome != .refusal, !givenReasons.isEmpty {
            check.fail("refusalReasons", "Reasons for refusal are given only when the outcome is a refusal")
        }
        for (index, raw) in givenReasons.enumerated() where outcome == .refusal {
            let field = "refusalReasons[\(index)]"
            guard let code = raw.code?.trimmingWhitespace, !code.isEmpty, let reason = catalogue.refusalReason(code) else {
                check.fail(field + ".code", "Choose the reason for refusal from the list: \(catalogue.refusalReasons.map(\.code).joined(separator: ", "))")
                continue
            }
            if reasons.contains(where: { $0.code == code }) {
                check.fail(field + ".code", "'\(reason.title)' is given twice")
                continue
            }
            let explanation = check.optionalText(raw.explanation, field + ".explanation", label: "the explanation", maximum: ValidationPolicy.maximumNoteLength)
            reasons.append(StatedRefusalReason(code: code, explanation: explanation ?? ""))
        }
        var twoStage: TwoStageRecord?
        if let raw = input.twoStage, !raw.isEmpty {
            if !twoStageApplies(claim.regime) {
                check.fail("twoStage", "The two-stage test applies to claims made on or after 28 June 2022; this is a legacy claim, decided on one standard (3.20)")
            } else {
                twoStage = twoStageRecord(raw, &check)
            }
        }
        let reasoning = check.optionalText(input.reasoning, "reasoning", label: "the reasoning", maximum: ValidationPolicy.maximumNoteLength)
        try check.finish()
        return DecisionDraft(
            number: number, author: author, outcome: outcome!, template: template!.code, templateVersion: template!.version, answers: answers,
            basis: basis, medicoLegalReport: input.medicoLegalReport ?? false, refusalReasons: reasons, twoStage: twoStage, reasoning: reasoning ?? ""
        )
    }

    private static func twoStageRecord(_ raw: TwoStageInput, _ check: inout Validator) -> TwoStageRecord? {
        func finding(_ met: Bool?, _ reasons: String?, _ field: String, _ question: String) -> TwoStageFinding? {
            let text = check.optionalText(reasons, field + "Reasons", label: "the reasons", maximum: ValidationPolicy.maximumNoteLength)
            guard let met else {
                check.fail(field + "Met", "Say whether \(question)")
                return nil
            }
            guard let text else {
                check.fail(field + "Reasons", "Give the reasons for the finding on whether \(question)")
                return nil
            }
            return TwoStageFinding(met: met, reasons: text)
        }
        let characteristic = finding(raw.characteristicMet, raw.characteristicReasons, "twoStage.characteristic", "the claimant has the characteristic that could cause them to fear persecution for a Convention reason (stage one, balance of probabilities)")
        let fear = finding(raw.fearMet, raw.fearReasons, "twoStage.fear", "the claimant does in fact fear persecution because of it (stage one, balance of probabilities)")
        var onReturn: TwoStageFinding?
        if raw.persecutionOnReturnMet != nil || !(raw.persecutionOnReturnReasons?.trimmingWhitespace.isEmpty ?? true) {
            if characteristic?.met == false || fear?.met == false {
                check.fail("twoStage.persecutionOnReturnMet", "Stage two is reached only when stage one is met (3.21)")
            } else {
                onReturn = finding(raw.persecutionOnReturnMet, raw.persecutionOnReturnReasons, "twoStage.persecutionOnReturn", "there is a reasonable likelihood of persecution on return (stage two)")
            }
        }
        guard let characteristic, let fear else { return nil }
        return TwoStageRecord(characteristic: characteristic, fear: fear, persecutionOnReturn: onReturn)
    }

    /// What stops `draft` being completed, each naming its field: unanswered questions, missing reasoning, a refusal
    /// without a substantive interview or reasons, lack of information after a concise interview, and a two-stage
    /// record that is missing or does not support the outcome. `completedInterviews` are the kinds of the claim's
    /// completed interviews, oldest first.
    public static func completionProblems(
        _ draft: DecisionDraft, claim: Claim, completedInterviews: [InterviewKind], catalogue: DecisionTemplateCatalogue = .current
    ) -> [FieldError] {
        var problems: [FieldError] = []
        func fail(_ field: String, _ message: String) { problems.append(FieldError(field: field, message: message)) }
        guard let template = catalogue.template(draft.template, version: draft.templateVersion) else {
            return [FieldError(field: "template", message: "The draft's template \(draft.template) version \(draft.templateVersion) is not in the catalogue")]
        }
        for item in template.items {
            let answer = draft.answer(item.code)
            if item.required, answer == nil { fail("answers.\(item.code)", "Answer '\(item.question)'") }
            if let answer, answer.response == .no, item.noteRequiredIfNo, answer.note == nil {
                fail("answers.\(item.code).note", "Say why the answer to '\(item.question)' is no")
            }
        }
        if draft.reasoning.trimmingWhitespace.isEmpty {
            fail("reasoning", draft.outcome == .refusal ? "Write the reasons for refusal letter" : "Write the grant minute's reasoning")
        }
        if draft.outcome == .grantAsylum, draft.basis.isEmpty {
            fail("basis", "A grant of refugee status names the Convention reason the claim engages")
        }
        if draft.outcome == .refusal {
            let substantive = completedInterviews.filter(substantiveInterviewKinds.contains)
            if substantive.isEmpty {
                fail("outcome", "A claim is never refused without a completed substantive interview (3.37): interview the claimant or decide to grant")
            }
            if draft.refusalReasons.isEmpty { fail("refusalReasons", "Give at least one reason for refusal") }
            for (index, reason) in draft.refusalReasons.enumerated() where reason.explanation.trimmingWhitespace.isEmpty {
                fail("refusalReasons[\(index)].explanation", "Explain '\(catalogue.refusalReason(reason.code)?.title ?? reason.code)' on the facts of this claim")
            }
            let fullyInterviewed = substantive.last.map(fullInterviewKinds.contains) ?? false
            for (index, reason) in draft.refusalReasons.enumerated() {
                if let known = catalogue.refusalReason(reason.code), known.needsFullInterview, !fullyInterviewed {
                    fail("refusalReasons[\(index)].code", "'\(known.title)' cannot be given after a concise interview or on the papers: the claimant was never asked for more (8.48, 8.62)")
                }
            }
        }
        if twoStageApplies(claim.regime) {
            if let record = draft.twoStage {
                if record.stageOneMet, record.persecutionOnReturn == nil {
                    fail("twoStage.persecutionOnReturnMet", "Stage one is met: record the stage two finding (a reasonable likelihood of persecution on return)")
                }
                switch draft.outcome {
                case .grantAsylum where !record.met:
                    fail("twoStage", "Refugee status needs both stages of the test met; the record says \(record.stageOneMet ? "stage two" : "stage one") is not")
                case .grantHumanitarianProtection where record.met:
                    fail("twoStage", "The record meets the refugee test at both stages: grant refugee status, not humanitarian protection")
                case .refusal where record.met:
                    let excluded = draft.refusalReasons.contains { catalogue.refusalReason($0.code)?.exclusion == true }
                    if !excluded { fail("twoStage", "The record meets the refugee test at both stages: a refusal then needs an exclusion reason (Article 1F or section 72)") }
                default:
                    break
                }
            } else if draft.outcome != .grantOtherLeave {
                fail("twoStage", "A claim made on or after 28 June 2022 is decided by the two-stage test: record both stages (3.20–3.22)")
            }
        }
        return problems
    }

    /// The claim characteristics sampling's mandatory list reads (10.11).
    public static func samplingTriggers(_ draft: DecisionDraft, claim: Claim) -> Set<SamplingTrigger> {
        var triggers: Set<SamplingTrigger> = []
        if draft.medicoLegalReport { triggers.insert(.medicoLegalReport) }
        if claim.facts.unaccompaniedChild { triggers.insert(.unaccompaniedChild) }
        if draft.basis.contains(.sexualOrientationOrGenderIdentity) || claim.facts.vulnerabilities.contains(.lgbtqi) { triggers.insert(.lgbtqi) }
        if draft.basis.contains(.religion) { triggers.insert(.religion) }
        return triggers
    }

    /// The decision letter, dated the day of service. A grant tells the claimant when asylum support ends (7.31–7.34:
    /// 28 days after the grant); a refusal gives every reason and the right of appeal.
    public static func letter(
        _ draft: DecisionDraft, claim: Claim, servedOn: LocalDate, method: LetterMethod, by staff: StaffID, catalogue: DecisionTemplateCatalogue = .current
    ) -> Letter {
        let name = claim.facts.mainApplicant.fullName
        var lines = ["Dear \(name),", "", "Your claim for asylum, reference \(claim.reference.rawValue), has been decided."]
        let kind: LetterKind
        switch draft.outcome {
        case .refusal:
            kind = .decisionRefusal
            lines.append("Your claim has been refused, for these reasons:")
            for reason in draft.refusalReasons {
                lines.append("- \(catalogue.refusalReason(reason.code)?.title ?? reason.code): \(reason.explanation)")
            }
            lines += ["", draft.reasoning, "", "You have the right to appeal to the First-tier Tribunal (Immigration and Asylum Chamber). Your legal representative can help you."]
        default:
            kind = .decisionGrant
            let status = switch draft.outcome {
            case .grantAsylum: "You have been granted refugee status."
            case .grantHumanitarianProtection: "You have been granted humanitarian protection."
            default: "You have been granted leave to remain."
            }
            lines.append(status)
            lines.append("A biometric residence permit will be sent to you.")
            if claim.facts.asylumSupport {
                lines.append("Your asylum support and accommodation end 28 days after this letter, on \(servedOn.adding(days: DecisionPolicy.current.supportEndsAfterGrantDays).longForm). Your accommodation provider and local authority are being told.")
            }
        }
        return Letter(kind: kind, dated: servedOn, recipients: InterviewRules.recipients(of: claim), method: method, producedBy: staff, body: lines.joined(separator: "\n"))
    }
}

/// Figures about serving a decision, with their sources.
public struct DecisionPolicy: Codable, Sendable, Hashable {
    /// Asylum support ends this many days after a grant (7.31).
    public var supportEndsAfterGrantDays: Int
    /// A decision may be recorded as served up to this many days before today (a letter posted yesterday, recorded
    /// today); our choice, since service is usually recorded the day it happens.
    public var serviceRecordedLateDays: Int

    public static let current = DecisionPolicy(supportEndsAfterGrantDays: 28, serviceRecordedLateDays: 5)
}
