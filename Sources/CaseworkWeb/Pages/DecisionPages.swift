import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// A claim's decision and its quality assurance, on their own page linked from the claim: the gates a decision passes
/// before service (each open or closed, with why), the Operating Mandate checks, holds on service, the screening
/// interview, the decision drafted from its template (checklist, basis of claim, refusal reasons, the two-stage
/// record, the reasoning whole), the samples taken and the checks recorded, service with its letter, and appeals.
///
/// - `GET  /claims/:reference/decision`
/// - `POST /claims/:reference/decision/drafts` (start a draft: outcome and template), `POST …/decision/drafts/:number`
///   (save), `POST …/decision/drafts/:number/complete` (save what was posted, then complete)
/// - `POST …/decision/operating-mandate`, `POST …/decision/holds`, `POST …/decision/holds/:number/lift`,
///   `POST …/decision/service`, `POST …/decision/screening`, `POST …/decision/assessments`
/// - `POST …/decision/appeals`, `POST …/decision/appeals/:number/hearing`, `POST …/decision/appeals/:number/determination`
extension PagesController {
    func addDecisionRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.get("claims/:reference/decision", use: decisionPage)
        group.post("claims/:reference/decision/drafts", use: decisionStartDraft)
        group.post("claims/:reference/decision/drafts/:number", use: decisionSaveDraft)
        group.post("claims/:reference/decision/drafts/:number/complete", use: decisionCompleteDraft)
        group.post("claims/:reference/decision/operating-mandate", use: decisionRecordOperatingMandate)
        group.post("claims/:reference/decision/holds", use: decisionPlaceHold)
        group.post("claims/:reference/decision/holds/:number/lift", use: decisionLiftHold)
        group.post("claims/:reference/decision/service", use: decisionServe)
        group.post("claims/:reference/decision/screening", use: decisionRecordScreening)
        group.post("claims/:reference/decision/assessments", use: decisionRecordAssessment)
        group.post("claims/:reference/decision/appeals", use: decisionLodgeAppeal)
        group.post("claims/:reference/decision/appeals/:number/hearing", use: decisionRecordHearing)
        group.post("claims/:reference/decision/appeals/:number/determination", use: decisionDetermineAppeal)
    }

    @Sendable func decisionPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let notice = FormData(body: request.uri.query ?? "")["done"].flatMap { DecisionPageModel.notices[$0] }
        return try await decisionResponse(identity: identity, reference: try Self.reference(context), form: FormData(body: ""), errors: FieldErrors(), notice: notice, status: .ok)
    }

    // MARK: Drafting

    @Sendable func decisionStartDraft(_ request: Request, context: Context) async throws -> Response {
        try await decisionChange(
            context, done: "started", anchor: "decision", fields: DecisionDraftForm.fields, anchors: DecisionDraftForm.anchors, primary: "outcome"
        ) { form, reference, version, actor in
            _ = try await store.saveDecisionDraft(
                DecisionDraftInput(outcome: form["outcome"], template: form["template"]), draft: nil, on: reference, expectedVersion: version, by: actor
            )
        }
    }

    @Sendable func decisionSaveDraft(_ request: Request, context: Context) async throws -> Response {
        let number = try Self.pathNumber(context)
        let input = DecisionDraftForm.input(context.form ?? FormData(body: ""))
        let codes = input.refusalReasons?.compactMap(\.code) ?? []
        return try await decisionChange(
            context, done: "saved", anchor: "decision", fields: DecisionDraftForm.fields, anchors: DecisionDraftForm.anchors, primary: "outcome",
            resolve: { DecisionDraftForm.resolve($0, reasonCodes: codes) }
        ) { _, reference, version, actor in
            _ = try await store.saveDecisionDraft(input, draft: number, on: reference, expectedVersion: version, by: actor)
        }
    }

    /// Completes a draft. When the draft's form was posted, what was typed is saved first (one event), then the draft is
    /// completed (a second): a completion refused after the save says the changes were kept.
    @Sendable func decisionCompleteDraft(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let reference = try Self.reference(context)
        let number = try Self.pathNumber(context)
        let form = context.form ?? FormData(body: "")
        let withChanges = form["form"] == "draft"
        let input = DecisionDraftForm.input(form)
        var codes = input.refusalReasons?.compactMap(\.code) ?? []
        if !withChanges {
            let saved = try await store.decisions(of: reference, for: identity.actor).drafts.first { $0.draft.number == number }
            codes = saved?.draft.refusalReasons.map(\.code) ?? []
        }
        return try await decisionChange(
            context, done: "completed", anchor: "gates", fields: DecisionDraftForm.fields, anchors: DecisionDraftForm.anchors, primary: "outcome",
            resolve: { DecisionDraftForm.resolve($0, reasonCodes: codes) }
        ) { _, reference, version, actor in
            guard withChanges else {
                _ = try await store.completeDecision(draft: number, on: reference, expectedVersion: version, by: actor)
                return
            }
            _ = try await store.saveDecisionDraft(input, draft: number, on: reference, expectedVersion: version, by: actor)
            do {
                _ = try await store.completeDecision(draft: number, on: reference, expectedVersion: version + 1, by: actor)
            } catch let failure as ValidationFailure {
                throw DecisionSavedButRefused(
                    notice: "Your changes to decision \(number) were saved, but it cannot be completed yet. Put right what is listed below, then complete it.",
                    failure: failure
                )
            }
        }
    }

    // MARK: Before service

    @Sendable func decisionRecordOperatingMandate(_ request: Request, context: Context) async throws -> Response {
        try await decisionChange(
            context, done: "operating-mandate", anchor: "operating-mandate", fields: ["check": "check", "result": "result", "note": "om-note", "checkedOn": "checkedOn"],
            primary: "check"
        ) { form, reference, version, actor in
            let input = OperatingMandateCheckInput(check: form["check"], result: form["result"], note: form["note"], checkedOn: form["checkedOn"])
            _ = try await store.recordOperatingMandateCheck(input, on: reference, expectedVersion: version, by: actor)
        }
    }

    @Sendable func decisionPlaceHold(_ request: Request, context: Context) async throws -> Response {
        try await decisionChange(context, done: "hold-placed", anchor: "holds", fields: ["kind": "kind", "reason": "hold-reason"], primary: "hold-reason") { form, reference, version, actor in
            _ = try await store.placeServiceHold(kind: form["kind"], reason: form["reason"], on: reference, expectedVersion: version, by: actor)
        }
    }

    @Sendable func decisionLiftHold(_ request: Request, context: Context) async throws -> Response {
        let number = try Self.pathNumber(context)
        let field = "lift-reason-\(number)"
        return try await decisionChange(context, done: "hold-lifted", anchor: "holds", fields: ["reason": field, "hold": field], primary: field) { form, reference, version, actor in
            _ = try await store.liftServiceHold(number: number, reason: form["reason"], on: reference, expectedVersion: version, by: actor)
        }
    }

    @Sendable func decisionRecordScreening(_ request: Request, context: Context) async throws -> Response {
        try await decisionChange(
            context, done: "screening", anchor: "screening", fields: ["conductedBy": "conductedBy", "conductedOn": "conductedOn"], primary: "conductedBy"
        ) { form, reference, version, actor in
            _ = try await store.recordScreeningInterview(
                ScreeningInterviewInput(conductedBy: form["conductedBy"], conductedOn: form["conductedOn"]), on: reference, expectedVersion: version, by: actor
            )
        }
    }

    @Sendable func decisionServe(_ request: Request, context: Context) async throws -> Response {
        try await decisionChange(context, done: "served", anchor: "service", fields: ["servedOn": "servedOn", "method": "method"], primary: "service") { form, reference, version, actor in
            _ = try await store.serveDecision(DecisionServiceInput(servedOn: form["servedOn"], method: form["method"]), on: reference, expectedVersion: version, by: actor)
        }
    }

    // MARK: Quality

    @Sendable func decisionRecordAssessment(_ request: Request, context: Context) async throws -> Response {
        let fields = [
            "work": "work", "subject": "subject", "operatingMandate": "operatingMandate", "casework": "casework", "process": "process",
            "outcomeCorrect": "outcomeCorrect", "feedback": "feedback", "themes": "themes", "mode": "mode", "agreedWith": "agreedWith",
            "agreement": "agreement", "depth": "depth",
        ]
        return try await decisionChange(context, done: "assessed", anchor: "checks", fields: fields, primary: "work") { form, reference, version, actor in
            let subjectText = (form["subject"] ?? "").trimmingWhitespace
            let subject = Int(subjectText)
            if !subjectText.isEmpty, (subject ?? 0) < 1 {
                throw ValidationFailure([FieldError(field: "subject", message: "The number of the decision or interview checked must be a whole number, for example 1")])
            }
            let input = QualityAssessmentInput(
                work: form["work"], subject: subject, operatingMandate: form["operatingMandate"], casework: form["casework"], process: form["process"],
                outcomeCorrect: DecisionDraftForm.yesNo(form["outcomeCorrect"]), feedback: form["feedback"], themes: form.all("themes"), mode: form["mode"],
                depth: form["depth"], agreedWith: form["agreedWith"], agreement: form["agreement"]
            )
            _ = try await store.recordQualityAssessment(input, on: reference, expectedVersion: version, by: actor)
        }
    }

    // MARK: Appeals

    @Sendable func decisionLodgeAppeal(_ request: Request, context: Context) async throws -> Response {
        try await decisionChange(
            context, done: "appeal-lodged", anchor: "appeals", fields: ["lodgedOn": "lodgedOn", "appealReference": "appealReference", "decision": "lodgedOn"],
            primary: "lodgedOn"
        ) { form, reference, version, actor in
            _ = try await store.lodgeAppeal(AppealInput(lodgedOn: form["lodgedOn"], appealReference: form["appealReference"]), on: reference, expectedVersion: version, by: actor)
        }
    }

    @Sendable func decisionRecordHearing(_ request: Request, context: Context) async throws -> Response {
        let number = try Self.pathNumber(context)
        let field = "heardOn-\(number)"
        return try await decisionChange(context, done: "appeal-heard", anchor: "appeal-\(number)", fields: ["heardOn": field, "appeal": field], primary: field) { form, reference, version, actor in
            _ = try await store.recordAppealHearing(AppealInput(heardOn: form[field]), appeal: number, on: reference, expectedVersion: version, by: actor)
        }
    }

    @Sendable func decisionDetermineAppeal(_ request: Request, context: Context) async throws -> Response {
        let number = try Self.pathNumber(context)
        let fields = [
            "outcome": "appeal-outcome-\(number)", "determinedOn": "determinedOn-\(number)", "themes": "appeal-themes-\(number)", "findings": "findings-\(number)",
            "appeal": "appeal-outcome-\(number)",
        ]
        return try await decisionChange(context, done: "appeal-determined", anchor: "appeal-\(number)", fields: fields, primary: "appeal-outcome-\(number)") { form, reference, version, actor in
            let input = AppealInput(outcome: form["outcome"], determinedOn: form["determinedOn-\(number)"], themes: form.all("themes"), findings: form["findings"])
            _ = try await store.determineAppeal(input, appeal: number, on: reference, expectedVersion: version, by: actor)
        }
    }

    // MARK: Shared

    /// One change from the decision page: back to the page with a notice on success; the page again with every problem
    /// named by field, linked to it, and what was typed kept, when refused (422) or when the claim changed meanwhile (409).
    /// `fields` maps a `FieldError.field` to the key of the page element it is about, `resolve` does so for patterned
    /// names (checklist answers, refusal reasons), and `anchors` gives a key's link target when it is not the key itself.
    /// A closed gate ("gate.operating-mandate") links to its row of the task list.
    func decisionChange(
        _ context: Context, done: String, anchor: String, fields: [String: String], anchors: [String: String] = [:], primary: String,
        resolve: (String) -> String? = { _ in nil }, perform: (FormData, ClaimReference, Int, Actor) async throws -> Void
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let reference = try Self.reference(context)
        let form = context.form ?? FormData(body: "")
        var errors = FieldErrors()
        var notice: String?
        func add(_ failure: ValidationFailure) {
            for error in failure.errors {
                let key = fields[error.field] ?? resolve(error.field) ?? (error.field.hasPrefix("gate.") ? "gate-" + error.field.dropFirst(5) : primary)
                errors.add(error.message, key: key, anchor: anchors[key] ?? key)
            }
        }
        let status: HTTPResponse.Status
        do {
            try await perform(form, reference, try Self.expectedVersion(form), identity.actor)
            return seeOther("/claims/\(reference.rawValue)/decision?done=\(done)#\(anchor)")
        } catch let conflict as VersionConflict {
            errors.add(conflict.message + " The page below shows the claim as it is now, and what you entered has been kept.", key: primary, anchor: anchors[primary] ?? primary)
            status = .conflict
        } catch let partial as DecisionSavedButRefused {
            notice = partial.notice
            add(partial.failure)
            status = .unprocessableContent
        } catch let failure as ValidationFailure {
            add(failure)
            status = .unprocessableContent
        } catch let violation as ClaimRuleViolation {
            errors.add(violation.description, key: primary, anchor: anchors[primary] ?? primary)
            status = .unprocessableContent
        }
        return try await decisionResponse(identity: identity, reference: reference, form: form, errors: errors, notice: notice, status: status)
    }

    func decisionResponse(identity: Identity, reference: ClaimReference, form: FormData, errors: FieldErrors, notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let actor = identity.actor
        let claim = try await store.claim(reference, for: actor)
        let decisions = try await store.decisions(of: claim)
        var preview: WorkSample?
        if let open = decisions.openDraft, open.status.isEditable, open.draft.author == actor.staff, claim.stage == .decision {
            preview = try await store.previewDecisionSample(of: claim, draft: open.draft.number)
        }
        let model = DecisionPageModel(
            claim: claim, decisions: decisions, preview: preview, actor: actor, today: store.clock.now().date, csrfToken: identity.csrfToken ?? "", form: form,
            errors: errors, notice: notice
        )
        let title = (errors.isEmpty ? "" : "Error: ") + "Decision and quality: claim \(reference.rawValue)"
        return renderer.response("decision", title: title, chrome: .signedIn(identity, current: "search"), model: model, status: status)
    }
}

/// A draft was saved, then its completion refused: the page says the changes were kept and lists what stops completion.
struct DecisionSavedButRefused: Error {
    let notice: String
    let failure: ValidationFailure
}

/// The decision draft's form: its fields as posted, read into `DecisionDraftInput`, and how the domain's field names
/// map to the page's element ids. Checklist answers are `answer-CODE` (yes, no, not-applicable) with `note-CODE`;
/// refusal reasons are `reason-CODE` checkboxes with `explanation-CODE`; the two-stage record is `characteristicMet`,
/// `characteristicReasons`, `fearMet`, `fearReasons`, `persecutionOnReturnMet` and `persecutionOnReturnReasons`.
/// `checklistTemplate` and `checklistVersion` name the template the checklist on the page was built from.
enum DecisionDraftForm {
    static let fields: [String: String] = [
        "outcome": "outcome", "template": "template", "basis": "basis", "reasoning": "reasoning", "medicoLegalReport": "medicoLegalReport",
        "refusalReasons": "refusal-reasons", "twoStage": "two-stage",
        "twoStage.characteristicMet": "characteristicMet", "twoStage.characteristicReasons": "characteristicReasons",
        "twoStage.fearMet": "fearMet", "twoStage.fearReasons": "fearReasons",
        "twoStage.persecutionOnReturnMet": "persecutionOnReturnMet", "twoStage.persecutionOnReturnReasons": "persecutionOnReturnReasons",
        "draft": "outcome", "stage": "outcome",
    ]

    /// Group-level messages link to the group's first input.
    static let anchors: [String: String] = [
        "refusal-reasons": "reason-" + (DecisionTemplateCatalogue.current.refusalReasons.first?.code ?? ""), "two-stage": "characteristicMet",
    ]

    static let twoStageFields = ["characteristicMet", "characteristicReasons", "fearMet", "fearReasons", "persecutionOnReturnMet", "persecutionOnReturnReasons"]

    /// The element a patterned field is about: `answers.CODE` → `answer-CODE`, `answers.CODE.note` → `note-CODE`,
    /// `refusalReasons[i].code` → `reason-CODE` and `.explanation` → `explanation-CODE`, with `reasonCodes` the
    /// reasons in the order they were given.
    static func resolve(_ field: String, reasonCodes: [String]) -> String? {
        if field.hasPrefix("answers.") {
            let rest = field.dropFirst("answers.".count)
            return rest.hasSuffix(".note") ? "note-" + rest.dropLast(".note".count) : "answer-" + rest
        }
        let prefix = "refusalReasons["
        if field.hasPrefix(prefix), let close = field.firstIndex(of: "]"), let index = Int(field[field.index(field.startIndex, offsetBy: prefix.count)..<close]) {
            guard reasonCodes.indices.contains(index) else { return "refusal-reasons" }
            return field.hasSuffix(".explanation") ? "explanation-" + reasonCodes[index] : "reason-" + reasonCodes[index]
        }
        return nil
    }

    static func yesNo(_ text: String?) -> Bool? {
        switch text?.trimmingWhitespace {
        case "yes": true
        case "no": false
        default: nil
        }
    }

    /// The draft as posted. When the template chosen differs from the one the checklist was built from, only answers to
    /// questions the chosen template asks are sent (its checklist is shown once the draft is saved).
    static func input(_ form: FormData, catalogue: DecisionTemplateCatalogue = .current) -> DecisionDraftInput {
        let chosen = (form["template"] ?? "").trimmingWhitespace
        let shown = form["checklistTemplate"] ?? ""
        var codes = Set<String>()
        for name in form.fields.keys {
            if name.hasPrefix("answer-"), !(form[name] ?? "").isEmpty {
                codes.insert(String(name.dropFirst("answer-".count)))
            } else if name.hasPrefix("note-"), !(form[name] ?? "").trimmingWhitespace.isEmpty {
                codes.insert(String(name.dropFirst("note-".count)))
            }
        }
        var order = codes.sorted()
        let target = chosen == shown ? catalogue.template(shown, version: Int(form["checklistVersion"] ?? "") ?? 0) : catalogue.current(chosen)
        if let target {
            let items = target.items.map(\.code)
            if chosen != shown { codes = codes.intersection(items) }
            order = items.filter(codes.contains) + codes.subtracting(items).sorted()
        }
        let answers = order.map { ChecklistAnswerInput(item: $0, response: form["answer-" + $0], note: form["note-" + $0]) }
        let reasons = catalogue.refusalReasons.filter { form.isChecked("reason-" + $0.code) }.map {
            RefusalReasonInput(code: $0.code, explanation: form["explanation-" + $0.code])
        }
        let twoStage = TwoStageInput(
            characteristicMet: yesNo(form["characteristicMet"]), characteristicReasons: form["characteristicReasons"], fearMet: yesNo(form["fearMet"]),
            fearReasons: form["fearReasons"], persecutionOnReturnMet: yesNo(form["persecutionOnReturnMet"]), persecutionOnReturnReasons: form["persecutionOnReturnReasons"]
        )
        return DecisionDraftInput(
            outcome: form["outcome"], template: form["template"], answers: answers, basis: form.all("basis"), medicoLegalReport: form.isChecked("medicoLegalReport"),
            refusalReasons: reasons, twoStage: twoStage.isEmpty ? nil : twoStage, reasoning: form["reasoning"]
        )
    }

    /// A saved draft as the form's values, so the page shows it as it was saved.
    static func values(of draft: DecisionDraft) -> FormData {
        var pairs: [(String, String)] = [
            ("form", "draft"), ("outcome", draft.outcome.rawValue), ("template", draft.template), ("checklistTemplate", draft.template),
            ("checklistVersion", String(draft.templateVersion)), ("reasoning", draft.reasoning),
        ]
        for answer in draft.answers {
            pairs.append(("answer-" + answer.item, answer.response.rawValue))
            if let note = answer.note { pairs.append(("note-" + answer.item, note)) }
        }
        pairs += draft.basis.map { ("basis", $0.rawValue) }
        if draft.medicoLegalReport { pairs.append(("medicoLegalReport", "yes")) }
        for reason in draft.refusalReasons {
            pairs.append(("reason-" + reason.code, "yes"))
            pairs.append(("explanation-" + reason.code, reason.explanation))
        }
        if let record = draft.twoStage {
            let findings: [(String, TwoStageFinding?)] = [("characteristic", record.characteristic), ("fear", record.fear), ("persecutionOnReturn", record.persecutionOnReturn)]
            for (name, finding) in findings {
                guard let finding else { continue }
                pairs.append((name + "Met", finding.met ? "yes" : "no"))
                pairs.append((name + "Reasons", finding.reasons))
            }
        }
        return FormData(body: pairs.map { queryEncode($0.0) + "=" + queryEncode($0.1) }.joined(separator: "&"))
    }
}

/// What the decision page shows.
struct DecisionPageModel {
    static let notices = [
        "started": "The draft was started. Answer the template's questions below and save as you go.",
        "saved": "The draft was saved.",
        "completed": "The decision was completed. Sampling has decided whether it is checked before service: see the gates below.",
        "operating-mandate": "The Operating Mandate check was recorded.",
        "hold-placed": "Service is on hold until the hold is lifted.",
        "hold-lifted": "The hold was lifted.",
        "screening": "The screening interview was recorded and sampled.",
        "served": "The decision was served and its letter produced.",
        "assessed": "The quality check was recorded.",
        "appeal-lodged": "The appeal was recorded.",
        "appeal-heard": "The hearing was recorded.",
        "appeal-determined": "The appeal's outcome was recorded.",
    ]

    struct GateRow {
        let id: String
        let title: String
        let tag: String
        let tagClass: String
        let detail: [String]
        let error: String
        let hasError: Bool
    }

    struct HoldRow {
        let number: Int
        let title: String
        let reason: String
        let placed: String
        let status: String
        let statusClass: String
        let lifted: String
        let hasLift: Bool
        let canLift: Bool
        let liftReason: TextareaModel
    }

    struct DraftRow {
        let number: Int
        let outcome: String
        let template: String
        let author: String
        let status: String
        let statusClass: String
        let completed: String
        let served: String
    }

    /// One tick-box question of the draft's template, as radios with its guidance, references and a note.
    struct ItemModel {
        let id: String
        let question: String
        let guidance: String
        let references: [String]
        let hasReferences: Bool
        let required: String
        let error: String
        let hasError: Bool
        let choices: [ChoiceItem]
        let note: TextareaModel
    }

    struct SectionModel {
        let title: String
        let items: [ItemModel]
    }

    struct ReasonRow {
        let id: String
        let title: String
        let hint: String
        let checked: Bool
        let error: String
        let hasError: Bool
        let explanation: TextareaModel
    }

    /// A draft shown as it was saved (for everyone but its author while it is being written).
    struct DraftView {
        struct Answer {
            let question: String
            let answer: String
            let note: String
            let hasNote: Bool
        }

        struct Section {
            let title: String
            let answers: [Answer]
        }

        let heading: String
        let anchor: String
        let rows: [SummaryRowModel]
        let sections: [Section]
        let reasoning: String
        let hasReasoning: Bool
    }

    struct SampleRow {
        let title: String
        let tag: String
        let tagClass: String
        let rows: [SummaryRowModel]
        let reasons: [String]
        let hasReasons: Bool
    }

    struct AssessmentRow {
        let heading: String
        let tag: String
        let tagClass: String
        let rows: [SummaryRowModel]
        let feedback: String
    }

    struct AppealRow {
        let number: Int
        let anchor: String
        let status: String
        let statusClass: String
        let rows: [SummaryRowModel]
        let canHear: Bool
        let heardOn: TextInputModel
        let canDetermine: Bool
        let outcome: ChoicesModel
        let determinedOn: TextInputModel
        let themes: ChoicesModel
        let findings: TextareaModel
    }

    struct LetterModel {
        let title: String
        let dated: String
        let recipients: String
        let method: String
        let producedBy: String
        let body: String
    }

    let reference: String
    let name: String
    let version: Int
    let csrfToken: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let hasNotice: Bool
    let notice: String
    let summary: [SummaryRowModel]

    // Before service
    let gates: [GateRow]
    let allGatesOpen: Bool
    let operatingMandateRows: [SummaryRowModel]
    let canRecordOperatingMandate: Bool
    /// The form's panel starts open when it was the form posted (so the error summary's links reach its fields).
    let omOpen: Bool
    let omCheck: ChoicesModel
    let omResult: ChoicesModel
    let omNote: TextareaModel
    let omCheckedOn: TextInputModel
    let hasScreening: Bool
    let screeningRows: [SummaryRowModel]
    let canRecordScreening: Bool
    let conductedBy: TextInputModel
    let conductedOn: TextInputModel
    let holds: [HoldRow]
    let hasHolds: Bool
    let canPlaceHold: Bool
    let holdOpen: Bool
    let holdKind: ChoicesModel
    let holdReason: TextareaModel

    // The decision
    let drafts: [DraftRow]
    let hasDrafts: Bool
    let draftingMessage: String
    let hasDraftingMessage: Bool
    let canStart: Bool
    let startOutcome: ChoicesModel
    let startTemplate: ChoicesModel
    let hasTemplates: Bool
    let editing: Bool
    let editNumber: Int
    let editHeading: String
    let editStatus: String
    let editStatusClass: String
    let returnedFeedback: [String]
    let hasReturnedFeedback: Bool
    let previewText: String
    let hasPreview: Bool
    let checklistTemplate: String
    let checklistVersion: String
    let checklistTitle: String
    let draftOutcome: ChoicesModel
    let draftTemplate: ChoicesModel
    let sections: [SectionModel]
    let basis: ChoicesModel
    let medicoLegalReport: ChoicesModel
    let showReasons: Bool
    let reasonsError: String
    let reasonsHasError: Bool
    let reasons: [ReasonRow]
    let showTwoStage: Bool
    let twoStageError: String
    let twoStageHasError: Bool
    let characteristicMet: ChoicesModel
    let characteristicReasons: TextareaModel
    let fearMet: ChoicesModel
    let fearReasons: TextareaModel
    let persecutionOnReturnMet: ChoicesModel
    let persecutionOnReturnReasons: TextareaModel
    let reasoning: TextareaModel
    let draftViews: [DraftView]
    let hasDraftViews: Bool

    // Quality
    let samples: [SampleRow]
    let hasSamples: Bool
    let assessments: [AssessmentRow]
    let hasAssessments: Bool
    let canAssess: Bool
    let awaiting: [String]
    let hasAwaiting: Bool
    let assessWork: ChoicesModel
    let assessSubject: TextInputModel
    let assessOperatingMandate: ChoicesModel
    let assessCasework: ChoicesModel
    let assessProcess: ChoicesModel
    let assessOutcomeCorrect: ChoicesModel
    let assessFeedback: TextareaModel
    let assessThemes: ChoicesModel
    let assessMode: ChoicesModel
    let assessAgreedWith: TextInputModel
    let assessAgreement: TextareaModel
    let assessDepth: ChoicesModel

    // Service
    let serviceText: String
    let hasServiceText: Bool
    let canServe: Bool
    let servedOn: TextInputModel
    let serviceMethod: ChoicesModel
    let hasService: Bool
    let serviceRows: [SummaryRowModel]
    let letter: LetterModel
    let hasLetter: Bool

    // Appeals
    let appeals: [AppealRow]
    let hasAppeals: Bool
    let appealsText: String
    let hasAppealsText: Bool
    let canLodge: Bool
    let lodgedOn: TextInputModel
    let appealReference: TextInputModel

    init(
        claim: Claim, decisions: ClaimDecisions, preview: WorkSample?, actor: Actor, today: LocalDate, csrfToken: String, form: FormData, errors: FieldErrors,
        notice: String?, catalogue: DecisionTemplateCatalogue = .current
    ) {
        let empty = FormData(body: "")
        /// What was typed into the form named `name`, when it was that form that was posted.
        func posted(_ name: String) -> FormData { form["form"] == name ? form : empty }
        var anchors: [String] = ["service"]

        reference = claim.reference.rawValue
        name = claim.facts.mainApplicant.fullName
        version = claim.version
        self.csrfToken = csrfToken
        hasNotice = notice != nil
        self.notice = notice ?? ""
        let nationality = claim.facts.mainApplicant.nationality.effective
        var summary = [
            SummaryRowModel("Reference", claim.reference.rawValue), SummaryRowModel("Name", claim.facts.mainApplicant.fullName),
            SummaryRowModel("Nationality", Countries.name(of: nationality)),
            SummaryRowModel("Regime", "\(claim.regime.title) (claim made \(claim.facts.dateOfClaim.longForm))"),
            SummaryRowModel("Stage", [], tags: [TagModel(text: claim.stage.title, tagClass: stageTagClass(claim.stage))]),
        ]
        if let outcome = claim.outcome { summary.append(SummaryRowModel("Outcome", outcome.title)) }
        summary.append(SummaryRowModel("Held by", claim.holder?.rawValue ?? "Nobody: waiting in the unit's queue"))
        self.summary = summary

        let role = actor.role
        let writable = AccessPolicy.canWrite(claimOwnedBy: claim.owningUnit, actor: actor)
        let open = decisions.openDraft
        let served = decisions.servedDecision

        // MARK: Gates
        let decisionGateOpen = decisions.gates.first { $0.gate == .decisionCompleted }?.open ?? false
        gates = decisions.gates.map { gate in
            let id = "gate-" + gate.gate.rawValue
            let waiting = !gate.open && gate.gate == .qualityCheck && !decisionGateOpen
            return GateRow(
                id: id, title: gate.gate.title, tag: gate.open ? "Open" : "Closed",
                tagClass: gate.open ? "govuk-tag--green" : waiting ? "govuk-tag--grey" : "govuk-tag--red", detail: gate.detail, error: errors[id],
                hasError: !errors[id].isEmpty
            )
        }
        anchors += decisions.gates.map { "gate-" + $0.gate.rawValue }
        allGatesOpen = ServiceGates.allOpen(decisions.gates)

        // MARK: Operating Mandate
        operatingMandateRows = OperatingMandate.checks.map { type in
            guard let check = decisions.operatingMandate.first(where: { $0.code == type.code }) else {
                return SummaryRowModel(type.title, ["Not yet recorded"], tags: [TagModel(text: "To do", tagClass: "govuk-tag--grey")])
            }
            var lines = ["\(check.result.title): checked on \(check.checkedOn.longForm) by \(check.checkedBy.rawValue)"]
            if let note = check.note { lines.append(note) }
            return SummaryRowModel(type.title, lines, tags: [TagModel(text: "Recorded", tagClass: "govuk-tag--green")])
        }
        canRecordOperatingMandate = writable && OperatingMandate.recorders.contains(role) && claim.stage.isOpen
        let omValues = posted("operating-mandate")
        omOpen = form["form"] == "operating-mandate"
        let outstanding = OperatingMandate.outstanding(decisions.operatingMandate)
        omCheck = ChoicesModel.radios(
            "check", legend: "Check", hint: "A later record of the same check replaces the earlier one for the gate; both are kept in the record.",
            choices: OperatingMandate.checks.map { ($0.code, "\($0.title) (\($0.source))") }, selected: omValues["check"] ?? outstanding.first?.code ?? "", errors: errors
        )
        omResult = ChoicesModel.radios(
            "result", legend: "Result", choices: OperatingMandateResult.allCases.map { ($0.rawValue, $0.title) }, selected: omValues["result"] ?? "", errors: errors, inline: true
        )
        omNote = TextareaModel(
            "om-note", name: "note", label: "Note", hint: "Required when an issue was found: say what it was and how it was resolved.", value: omValues["note"] ?? "",
            errors: errors, rows: 3
        )
        omCheckedOn = TextInputModel(
            "checkedOn", label: "Date of the check (optional)", hint: "YYYY-MM-DD. Leave empty for today.", values: omValues, errors: errors, width: "10"
        )
        if canRecordOperatingMandate { anchors += ["check", "result", "om-note", "checkedOn"] }

        // MARK: Screening interview
        let screening = decisions.samples.last { $0.sample.work == .screeningInterview }
        hasScreening = screening != nil
        screeningRows = screening.map { record in
            [
                SummaryRowModel("Conducted", "\(record.sample.completedOn.longForm) by \(record.sample.worker.rawValue)"),
                SummaryRowModel("Sampled", Self.sampleSentence(record.sample)),
            ]
        } ?? []
        canRecordScreening = writable && CaseworkStore.screeningRecorders.contains(role) && screening == nil
        let screeningValues = posted("screening")
        conductedBy = TextInputModel(
            "conductedBy", label: "Who conducted it (username)", hint: "Leave empty if it was you.", values: screeningValues, errors: errors, width: "20"
        )
        conductedOn = TextInputModel("conductedOn", label: "Date conducted (optional)", hint: "YYYY-MM-DD. Leave empty for today.", values: screeningValues, errors: errors, width: "10")
        if canRecordScreening { anchors += ["conductedBy", "conductedOn"] }

        // MARK: Holds
        let holdValues = posted("hold")
        holdOpen = form["form"] == "hold"
        holds = decisions.holds.map { record in
            let hold = record.hold
            let liftID = "lift-reason-\(hold.number)"
            let liftValues = posted("lift-\(hold.number)")
            return HoldRow(
                number: hold.number, title: hold.kind.title, reason: hold.reason, placed: "Placed by \(hold.placedBy.rawValue) on \(hold.placedOn.longForm)",
                status: record.lift == nil ? "In force" : "Lifted", statusClass: record.lift == nil ? "govuk-tag--red" : "govuk-tag--grey",
                lifted: record.lift.map { "Lifted by \($0.liftedBy.rawValue) on \($0.liftedOn.longForm): \($0.reason)" } ?? "", hasLift: record.lift != nil,
                canLift: record.lift == nil && writable && hold.kind.lifters.contains(role),
                liftReason: TextareaModel(liftID, name: "reason", label: "Why the hold can be lifted", value: liftValues["reason"] ?? "", errors: errors, rows: 2)
            )
        }
        anchors += holds.filter(\.canLift).map { "lift-reason-\($0.number)" }
        hasHolds = !decisions.holds.isEmpty
        let placeable = ServiceHoldKind.allCases.filter { $0.placers.contains(role) }
        canPlaceHold = writable && claim.stage.isOpen && !placeable.isEmpty
        holdKind = ChoicesModel.radios(
            "kind", legend: "Kind of hold", choices: placeable.map { ($0.rawValue, $0.title) }, selected: holdValues["kind"] ?? placeable.first?.rawValue ?? "", errors: errors
        )
        holdReason = TextareaModel(
            "hold-reason", name: "reason", label: "Why service is held", hint: "For example, the safeguarding referral made and what the hub must clear.",
            value: holdValues["reason"] ?? "", errors: errors, rows: 3
        )
        if canPlaceHold { anchors += ["kind", "hold-reason"] }

        // MARK: Drafts
        drafts = decisions.drafts.reversed().map { record in
            let draft = record.draft
            let template = catalogue.template(draft.template, version: draft.templateVersion)
            let (status, statusClass) = Self.tag(record.status)
            return DraftRow(
                number: draft.number, outcome: draft.outcome.title, template: "\(template?.title ?? draft.template), version \(draft.templateVersion)",
                author: draft.author.rawValue, status: status, statusClass: statusClass, completed: record.completedOn?.longForm ?? "Not completed",
                served: record.service?.servedOn.longForm ?? "Not served"
            )
        }
        hasDrafts = !decisions.drafts.isEmpty
        let drafter = writable && DecisionRules.drafters.contains(role)
        let holderBlocks = role == .decisionMaker && claim.holder != nil && claim.holder != actor.staff
        let atDecision = DecisionRules.draftingStages.contains(claim.stage)
        canStart = drafter && !holderBlocks && atDecision && open == nil
        let editable = open.flatMap { record in
            drafter && atDecision && record.status.isEditable && record.draft.author == actor.staff ? record : nil
        }
        editing = editable != nil
        var message = ""
        if drafter, open == nil, served == nil {
            if !atDecision, claim.stage.isOpen {
                message = "Decisions are drafted at the decision stage; this claim is at \(claim.stage.title). Move it to Decision on the claim page first."
            } else if holderBlocks, let holder = claim.holder {
                message = "The claim is held by \(holder.rawValue): its decision is theirs to draft."
            }
        }
        if let open, open.status.isEditable, editable == nil, drafter {
            message = "Decision \(open.draft.number) is \(open.draft.author.rawValue)'s: only its author changes and completes it."
        }
        draftingMessage = message
        hasDraftingMessage = !message.isEmpty

        // The start form: outcome and template first, so the checklist can follow the template.
        let startValues = posted("start")
        let outcomeChoices: [(value: String, text: String)] = DecisionRules.decisionOutcomes.map { ($0.rawValue, $0.title) }
        startOutcome = ChoicesModel.radios("outcome", legend: "Proposed outcome", choices: outcomeChoices, selected: startValues["outcome"] ?? "", errors: errors, legendClass: "govuk-fieldset__legend--s")
        let offered = decisions.templates
        hasTemplates = !offered.isEmpty
        startTemplate = ChoicesModel.radios(
            "template", legend: "Template", hint: "Templates written for the claimant's nationality come first. A refusal uses the template for the date the claim was made.",
            choices: offered.map { ($0.code, Self.templateLabel($0)) }, selected: startValues["template"] ?? "", errors: errors
        )
        if canStart { anchors += ["outcome", "template"] }

        // The draft form, built from the template of the draft (or the one just chosen, when the page comes back refused).
        let values = editable.map { form["form"] == "draft" ? form : DecisionDraftForm.values(of: $0.draft) } ?? empty
        editNumber = editable?.draft.number ?? 0
        editHeading = editable.map { "Decision \($0.draft.number)" } ?? ""
        let editTag = editable.map { Self.tag($0.status) } ?? ("", "")
        editStatus = editTag.0
        editStatusClass = editTag.1
        var returned: [String] = []
        if let editable, editable.status == .returned {
            for assessment in decisions.assessments where assessment.work == .decision && assessment.subject == editable.draft.number && !assessment.passes {
                returned.append("Check \(assessment.number) by \(assessment.assessor.rawValue) on \(assessment.assessedOn.longForm) (calculated \(assessment.scores.calculated.title), outcome \(assessment.outcomeCorrect ? "correct" : "not correct")): \(assessment.feedback)")
            }
        }
        returnedFeedback = returned
        hasReturnedFeedback = !returned.isEmpty
        previewText = preview.map { sample in
            sample.decision.selected
                ? "When you complete it, it will be checked before service (\(sample.decision.depth?.rawValue ?? "full") check), because: \(sample.decision.reasons.map(\.text).joined(separator: "; "))."
                : "When you complete it, it will not be selected for a check: the random draw of \(Self.percent(sample.decision.draw)) is above the sample."
        } ?? ""
        hasPreview = preview != nil && editing
        let chosenCode = (values["template"] ?? "").trimmingWhitespace
        var rendered: DecisionTemplate?
        if let editable {
            rendered = chosenCode == editable.draft.template || catalogue.current(chosenCode) == nil
                ? catalogue.template(editable.draft.template, version: editable.draft.templateVersion)
                : catalogue.current(chosenCode)
        }
        checklistTemplate = rendered?.code ?? ""
        checklistVersion = rendered.map { String($0.version) } ?? ""
        checklistTitle = rendered.map { "\($0.title), version \($0.version)" } ?? ""
        draftOutcome = ChoicesModel.radios("outcome", legend: "Proposed outcome", choices: outcomeChoices, selected: values["outcome"] ?? "", errors: errors, legendClass: "govuk-fieldset__legend--s")
        var templateChoices: [(value: String, text: String)] = offered.map { ($0.code, Self.templateLabel($0)) }
        if let editable, !offered.contains(where: { $0.code == editable.draft.template && $0.version == editable.draft.templateVersion }),
            let kept = catalogue.template(editable.draft.template, version: editable.draft.templateVersion)
        {
            if let index = templateChoices.firstIndex(where: { $0.0 == kept.code }) { templateChoices.remove(at: index) }
            templateChoices.insert((kept.code, "\(kept.title) (version \(kept.version), kept for this draft)"), at: 0)
        }
        draftTemplate = ChoicesModel.radios(
            "template", legend: "Template", hint: "Changing the template changes the questions below once the draft is saved; answers to questions the new template does not ask are not kept.",
            choices: templateChoices, selected: values["template"] ?? "", errors: errors
        )
        var itemAnchors: [String] = []
        sections = (rendered?.sections ?? []).map { section in
            SectionModel(title: section.title, items: section.items.map { item in
                let id = "answer-" + item.code
                let noteID = "note-" + item.code
                itemAnchors += [id, noteID]
                let responses = ChecklistResponse.allCases.filter { $0 != .notApplicable || item.allowsNotApplicable }
                let selected = values[id] ?? ""
                return ItemModel(
                    id: id, question: item.question, guidance: item.guidance, references: item.references, hasReferences: !item.references.isEmpty,
                    required: item.required ? "" : " (optional)", error: errors[id], hasError: !errors[id].isEmpty,
                    choices: responses.enumerated().map { index, response in
                        ChoiceItem(
                            id: index == 0 ? id : "\(id)-\(index + 1)", name: id, value: response.rawValue, text: response.title, hint: "", hasHint: false,
                            checked: response.rawValue == selected
                        )
                    },
                    note: TextareaModel(
                        noteID, name: noteID, label: item.noteRequiredIfNo ? "Note (say why, if the answer is no)" : "Note (optional)", value: values[noteID] ?? "",
                        errors: errors, rows: 2, labelClass: ""
                    )
                )
            })
        }
        basis = ChoicesModel.checkboxes(
            "basis", legend: "Basis of claim: the Convention reasons it engages", hint: "A grant of refugee status names at least one. Religious and LGBTQI+ claims are always checked (10.11).",
            choices: ConventionReason.allCases.map { ($0.rawValue, $0.title) }, checked: Set(values.all("basis")), errors: errors
        )
        medicoLegalReport = ChoicesModel.flags(
            "medicoLegalReport", legend: "Evidence", flags: [("medicoLegalReport", "A medico-legal report is on file", "A refusal with a medico-legal report is always checked before service (10.11).")],
            values: values, errors: errors
        )
        let chosenOutcome = values["outcome"] ?? ""
        let anyReason = catalogue.refusalReasons.contains { values.isChecked("reason-" + $0.code) }
        showReasons = editing && (chosenOutcome == Outcome.refusal.rawValue || rendered?.kind == .refusal || anyReason)
        reasonsError = errors["refusal-reasons"]
        reasonsHasError = !reasonsError.isEmpty
        reasons = catalogue.refusalReasons.map { reason in
            let id = "reason-" + reason.code
            var hints: [String] = []
            if reason.exclusion { hints.append("An exclusion: refuses refugee status even when the two-stage test is met.") }
            if reason.needsFullInterview { hints.append("Not after a concise interview or on the papers (8.48, 8.62).") }
            hints.append("Source: \(reason.source).")
            return ReasonRow(
                id: id, title: reason.title, hint: hints.joined(separator: " "), checked: values.isChecked(id), error: errors[id], hasError: !errors[id].isEmpty,
                explanation: TextareaModel(
                    "explanation-" + reason.code, name: "explanation-" + reason.code, label: "Explain '\(reason.title)' on the facts of this claim",
                    value: values["explanation-" + reason.code] ?? "", errors: errors, rows: 3, labelClass: ""
                )
            )
        }
        let reasonAnchors = showReasons ? catalogue.refusalReasons.flatMap { ["reason-" + $0.code, "explanation-" + $0.code] } : []
        showTwoStage = editing && DecisionRules.twoStageApplies(claim.regime)
        twoStageError = errors["two-stage"]
        twoStageHasError = !twoStageError.isEmpty
        let yesNo: [(value: String, text: String)] = [("yes", "Yes"), ("no", "No")]
        characteristicMet = ChoicesModel.radios(
            "characteristicMet", legend: "Stage one (a): on the balance of probabilities, does the claimant have the characteristic that could cause them to fear persecution for a Convention reason?",
            choices: yesNo, selected: values["characteristicMet"] ?? "", errors: errors, inline: true
        )
        characteristicReasons = TextareaModel("characteristicReasons", name: "characteristicReasons", label: "Reasons for the stage one (a) finding", value: values["characteristicReasons"] ?? "", errors: errors, rows: 3, labelClass: "")
        fearMet = ChoicesModel.radios(
            "fearMet", legend: "Stage one (b): on the balance of probabilities, does the claimant in fact fear persecution because of it?",
            choices: yesNo, selected: values["fearMet"] ?? "", errors: errors, inline: true
        )
        fearReasons = TextareaModel("fearReasons", name: "fearReasons", label: "Reasons for the stage one (b) finding", value: values["fearReasons"] ?? "", errors: errors, rows: 3, labelClass: "")
        persecutionOnReturnMet = ChoicesModel.radios(
            "persecutionOnReturnMet", legend: "Stage two: is there a reasonable likelihood that the claimant would be persecuted on return, taking account of protection and relocation?",
            hint: "Reached only when both parts of stage one are met.", choices: yesNo, selected: values["persecutionOnReturnMet"] ?? "", errors: errors, inline: true
        )
        persecutionOnReturnReasons = TextareaModel("persecutionOnReturnReasons", name: "persecutionOnReturnReasons", label: "Reasons for the stage two finding", value: values["persecutionOnReturnReasons"] ?? "", errors: errors, rows: 3, labelClass: "")
        reasoning = TextareaModel(
            "reasoning", name: "reasoning", label: chosenOutcome == Outcome.refusal.rawValue ? "Reasons for refusal letter" : "The grant minute's reasoning",
            hint: "Kept whole, however long.", value: values["reasoning"] ?? "", errors: errors, rows: 14, labelClass: "govuk-label--m"
        )
        if editing {
            anchors += ["outcome", "template"] + itemAnchors + ["basis", "medicoLegalReport"] + reasonAnchors
            if showTwoStage { anchors += DecisionDraftForm.twoStageFields }
            anchors.append("reasoning")
        }

        // Drafts shown as saved: the one being worked on (when this person is not writing it) and the one served.
        var viewed: [DecisionDraftRecord] = []
        if let open, editable == nil { viewed.append(open) }
        if let served { viewed.append(served) }
        draftViews = viewed.map { Self.view($0, catalogue: catalogue) }
        hasDraftViews = !viewed.isEmpty

        // MARK: Samples and checks
        samples = decisions.samples.reversed().map { record in
            let sample = record.sample
            let subject = sample.subject.map { " \($0)" } ?? ""
            let (status, statusClass) = Self.sampleTag(record.status)
            var rows = [
                SummaryRowModel("Whose work", sample.worker.rawValue), SummaryRowModel("Completed", sample.completedOn.longForm),
                SummaryRowModel("Selected", sample.decision.selected ? "Yes, for a \(sample.decision.depth?.rawValue ?? "full") check" : "No"),
                SummaryRowModel("Random draw", "\(Self.percent(sample.decision.draw)) (policy version \(sample.decision.policyVersion))"),
            ]
            if let number = record.assessment { rows.append(SummaryRowModel("Answered by", "Check \(number)")) }
            return SampleRow(
                title: "\(sample.work.title)\(subject)", tag: status, tagClass: statusClass, rows: rows,
                reasons: sample.decision.reasons.map { "\($0.text) (\($0.source))" }, hasReasons: !sample.decision.reasons.isEmpty
            )
        }
        hasSamples = !decisions.samples.isEmpty
        assessments = decisions.assessments.reversed().map { assessment in
            let scores = assessment.scores
            var rows = [
                SummaryRowModel("Work", "\(assessment.work.title)\(assessment.subject.map { " \($0)" } ?? ""), by \(assessment.worker.rawValue)"),
                SummaryRowModel("Checked by", "\(assessment.assessor.rawValue) (\(assessment.assessorRole.title)) on \(assessment.assessedOn.longForm)"),
                SummaryRowModel("Scores", ["Operating Mandate \(scores.operatingMandate.title)", "Casework \(scores.casework.title)", "Process \(scores.process.title)"]),
                SummaryRowModel("Calculated score", "\(scores.calculated.title) (the worse of casework and process, 10.30)"),
                SummaryRowModel.yesNo("Outcome correct", assessment.outcomeCorrect),
                SummaryRowModel("Themes", assessment.themes.isEmpty ? ["None"] : assessment.themes.map { FeedbackThemes.theme($0)?.title ?? $0 }),
                SummaryRowModel("How", "\(assessment.mode.title), \(assessment.depth.rawValue) check"),
            ]
            if assessment.mode == .verbal {
                rows.append(SummaryRowModel("Agreed with", [assessment.agreedWith?.rawValue ?? "", assessment.agreement ?? ""].filter { !$0.isEmpty }))
            }
            rows.append(SummaryRowModel("When", assessment.preService ? "Before service" : "After service"))
            rows.append(SummaryRowModel("Sample", assessment.sampleID.map { "Answers sample \($0)" } ?? "Not selected by sampling: a dip check"))
            return AssessmentRow(
                heading: "Check \(assessment.number)", tag: assessment.passes ? "Sustainable" : "Not servable",
                tagClass: assessment.passes ? "govuk-tag--green" : "govuk-tag--red", rows: rows, feedback: assessment.feedback
            )
        }
        hasAssessments = !decisions.assessments.isEmpty
        let waiting = decisions.samples.filter { $0.status == "awaiting-check" }
        awaiting = waiting.map { "\($0.sample.work.title)\($0.sample.subject.map { " \($0)" } ?? "") by \($0.sample.worker.rawValue): a \($0.sample.decision.depth?.rawValue ?? "full") check" }
        hasAwaiting = !waiting.isEmpty
        let checkable = decisions.drafts.contains { $0.status == .completed || $0.status == .served || $0.status == .withdrawn } || !decisions.samples.isEmpty
        canAssess = AssessmentRules.assessors.contains(role) && writable && checkable
        let assessValues = posted("assessment")
        let next = waiting.first?.sample
        let dq: [(value: String, text: String)] = DQScore.allCases.map { ($0.title, $0 == .dq1 ? "DQ1 (best)" : $0 == .dq5 ? "DQ5 (worst)" : $0.title) }
        assessWork = ChoicesModel.radios(
            "work", legend: "Work checked", choices: SampledWork.allCases.map { ($0.rawValue, $0.title) }, selected: assessValues["work"] ?? next?.work.rawValue ?? SampledWork.decision.rawValue,
            errors: errors, inline: true
        )
        assessSubject = TextInputModel(
            "subject", label: "Number of the decision or interview (optional)", hint: "Leave empty for the latest completed one. Not needed for a screening interview or a withdrawal.",
            values: assessValues, errors: errors, width: "4", value: assessValues["subject"] ?? next?.subject.map(String.init) ?? ""
        )
        assessOperatingMandate = ChoicesModel.radios("operatingMandate", legend: "Operating Mandate score", choices: dq, selected: assessValues["operatingMandate"] ?? "", errors: errors, inline: true)
        assessCasework = ChoicesModel.radios("casework", legend: "Casework score", choices: dq, selected: assessValues["casework"] ?? "", errors: errors, inline: true)
        assessProcess = ChoicesModel.radios(
            "process", legend: "Process score", hint: "The calculated score is the worse of casework and process (10.30); DQ4 and DQ5 are unsustainable (10.7).",
            choices: dq, selected: assessValues["process"] ?? "", errors: errors, inline: true
        )
        assessOutcomeCorrect = ChoicesModel.radios("outcomeCorrect", legend: "Was the outcome correct?", choices: yesNo, selected: assessValues["outcomeCorrect"] ?? "", errors: errors, inline: true)
        assessFeedback = TextareaModel(
            "feedback", name: "feedback", label: "Feedback to the decision maker", hint: "The rationale for the assessment (10.4). Kept whole.", value: assessValues["feedback"] ?? "",
            errors: errors, rows: 6
        )
        assessThemes = ChoicesModel.checkboxes(
            "themes", legend: "Themes", hint: "What went wrong or well, so trends can be found (2021 recommendation 7).",
            choices: FeedbackThemes.all.map { ($0.code, $0.title) }, checked: Set(assessValues.all("themes")), errors: errors
        )
        assessMode = ChoicesModel.radios(
            "mode", legend: "How the check was done", hint: "A verbal check is recorded too, with who agreed what (10.14).",
            choices: CheckMode.allCases.map { ($0.rawValue, $0.title) }, selected: assessValues["mode"] ?? CheckMode.written.rawValue, errors: errors, inline: true
        )
        assessAgreedWith = TextInputModel(
            "agreedWith", label: "Verbal check: the decision maker it was agreed with (username)", hint: "The decision maker whose work it is.", values: assessValues, errors: errors,
            width: "20", value: assessValues["agreedWith"] ?? ""
        )
        assessAgreement = TextareaModel("agreement", name: "agreement", label: "Verbal check: what was agreed", value: assessValues["agreement"] ?? "", errors: errors, rows: 3)
        assessDepth = ChoicesModel.radios(
            "depth", legend: "Depth of the check", hint: "Work selected for a full check needs a full one.",
            choices: [(CheckDepth.full.rawValue, "Full assessment"), (CheckDepth.lightTouch.rawValue, "Interview read and a light-touch check")],
            selected: assessValues["depth"] ?? next?.decision.depth?.rawValue ?? CheckDepth.full.rawValue, errors: errors, inline: true
        )
        if canAssess {
            anchors += ["work", "subject", "operatingMandate", "casework", "process", "outcomeCorrect", "feedback", "themes", "mode", "agreedWith", "agreement", "depth"]
        }

        // MARK: Service
        let completed = open.flatMap { $0.status == .completed ? $0 : nil }
        let server = writable && DecisionRules.servers.contains(role)
        canServe = server && completed != nil && allGatesOpen
        let closed = decisions.gates.filter { !$0.open }.map(\.gate.title)
        if let completed, !allGatesOpen {
            serviceText = "Decision \(completed.draft.number) cannot be served until every gate is open. Still closed: \(closed.joined(separator: "; "))."
        } else if completed == nil, served == nil {
            serviceText = open.map { "Decision \($0.draft.number) is \($0.status == .draft ? "still a draft" : $0.status.title.lowercased()): it is served once completed and every gate is open." }
                ?? "No decision is ready for service."
        } else if completed != nil, !server {
            serviceText = "Every gate is open: the decision can be served by workflow or a caseworker of the unit."
        } else {
            serviceText = ""
        }
        hasServiceText = !serviceText.isEmpty
        let serveValues = posted("service")
        servedOn = TextInputModel(
            "servedOn", label: "Date of service (optional)", hint: "YYYY-MM-DD, up to \(DecisionPolicy.current.serviceRecordedLateDays) days ago. Leave empty for today.",
            values: serveValues, errors: errors, width: "10"
        )
        serviceMethod = ChoicesModel.radios(
            "method", legend: "Served by", choices: LetterMethod.allCases.map { ($0.rawValue, $0.title) }, selected: serveValues["method"] ?? LetterMethod.post.rawValue,
            errors: errors, inline: true
        )
        if canServe { anchors += ["servedOn", "method"] }
        let service = served?.service
        hasService = service != nil
        serviceRows = service.map { service in
            [
                SummaryRowModel("Decision", "Decision \(service.draft): \(service.outcome.title), by \(service.author.rawValue)"),
                SummaryRowModel("Served on", service.servedOn.longForm), SummaryRowModel("Method", service.method.title),
                SummaryRowModel("Recipients", service.recipients), SummaryRowModel("Served by", service.letter.producedBy.rawValue),
            ]
        } ?? []
        letter = service.map { service in
            let letter = service.letter
            return LetterModel(
                title: letter.kind.title, dated: letter.dated.longForm, recipients: letter.recipients.joined(separator: "; "), method: letter.method.title,
                producedBy: letter.producedBy.rawValue, body: letter.body
            )
        } ?? LetterModel(title: "", dated: "", recipients: "", method: "", producedBy: "", body: "")
        hasLetter = service != nil

        // MARK: Appeals
        let recorder = writable && AppealRules.recorders.contains(role)
        appeals = decisions.appeals.reversed().map { appeal in
            let number = appeal.lodged.number
            var rows = [
                SummaryRowModel("Against", "Decision \(appeal.lodged.decision), by \(appeal.lodged.author.rawValue)"),
                SummaryRowModel("Lodged", appeal.lodged.lodgedOn.longForm),
                SummaryRowModel("Appeal reference", appeal.lodged.appealReference ?? "None recorded"),
                SummaryRowModel("Heard", appeal.heardOn?.longForm ?? "Not yet"),
            ]
            if let determination = appeal.determination {
                rows.append(SummaryRowModel("Outcome", "\(determination.outcome.title), determined on \(determination.determinedOn.longForm)"))
                rows.append(SummaryRowModel("Themes", determination.themes.isEmpty ? ["None"] : determination.themes.map { FeedbackThemes.theme($0)?.title ?? $0 }))
                if let findings = determination.findings { rows.append(SummaryRowModel("Findings", findings)) }
            }
            let (status, statusClass): (String, String) = switch appeal.determination?.outcome {
            case .allowed?: ("Allowed", "govuk-tag--red")
            case .dismissed?: ("Dismissed", "govuk-tag--green")
            case .withdrawn?: ("Withdrawn", "govuk-tag--grey")
            case nil: appeal.heardOn == nil ? ("Lodged", "govuk-tag--blue") : ("Heard", "govuk-tag--purple")
            }
            let hearingValues = posted("hearing-\(number)")
            let determinationValues = posted("determination-\(number)")
            let canDetermine = recorder && appeal.determination == nil
            return AppealRow(
                number: number, anchor: "appeal-\(number)", status: status, statusClass: statusClass, rows: rows,
                canHear: canDetermine && appeal.heardOn == nil,
                heardOn: TextInputModel("heardOn-\(number)", label: "Date of the hearing", hint: "YYYY-MM-DD", values: hearingValues, errors: errors, width: "10"),
                canDetermine: canDetermine,
                outcome: ChoicesModel.radios(
                    "outcome", legend: "Outcome", choices: AppealOutcome.allCases.map { ($0.rawValue, $0.title) }, selected: determinationValues["outcome"] ?? "", errors: errors,
                    id: "appeal-outcome-\(number)"
                ),
                determinedOn: TextInputModel("determinedOn-\(number)", label: "Date of the determination", hint: "YYYY-MM-DD", values: determinationValues, errors: errors, width: "10"),
                themes: Self.checkboxes(
                    "themes", id: "appeal-themes-\(number)", legend: "Why (required when the appeal is allowed)",
                    hint: "So the finding reaches the decision maker and the unit (2026 recommendation 3b).", choices: FeedbackThemes.all.map { ($0.code, $0.title) },
                    checked: Set(determinationValues.all("themes")), errors: errors
                ),
                findings: TextareaModel(
                    "findings-\(number)", name: "findings", label: "The tribunal's findings on the decision", hint: "Required when the appeal is allowed.",
                    value: determinationValues["findings"] ?? "", errors: errors, rows: 4
                )
            )
        }
        for appeal in appeals where appeal.canDetermine {
            if appeal.canHear { anchors.append("heardOn-\(appeal.number)") }
            anchors += ["appeal-outcome-\(appeal.number)", "determinedOn-\(appeal.number)", "appeal-themes-\(appeal.number)", "findings-\(appeal.number)"]
        }
        hasAppeals = !decisions.appeals.isEmpty
        let openAppeal = decisions.appeals.contains { $0.lodged.decision == service?.draft && $0.determination == nil }
        canLodge = recorder && service?.outcome == .refusal && !openAppeal
        appealsText = service == nil
            ? "An appeal is lodged against a served refusal. No decision has been served."
            : service?.outcome == .refusal ? "" : "The decision served is a grant, which carries no right of appeal here."
        hasAppealsText = !appealsText.isEmpty
        let lodgeValues = posted("appeal")
        lodgedOn = TextInputModel("lodgedOn", label: "Date the appeal was lodged", hint: "YYYY-MM-DD", values: lodgeValues, errors: errors, width: "10")
        appealReference = TextInputModel("appealReference", label: "Appeal reference (optional)", hint: "The tribunal's or the appeals team's reference.", values: lodgeValues, errors: errors, width: "20")
        if canLodge { anchors += ["lodgedOn", "appealReference"] }

        var ordered = errors
        ordered.order(byAnchors: anchors)
        hasErrors = !errors.isEmpty
        self.errors = ordered.summary
    }

    static func templateLabel(_ template: DecisionTemplate) -> String {
        let scope = template.nationalities.isEmpty ? "" : " (for \(template.nationalities.map(Countries.name(of:)).joined(separator: ", ")))"
        return "\(template.title), version \(template.version): \(template.kind.title.lowercased())\(scope)"
    }

    /// A checkbox group whose first input's id is not its name (several groups of the same name on one page).
    static func checkboxes(_ name: String, id: String, legend: String, hint: String, choices: [(String, String)], checked: Set<String>, errors: FieldErrors) -> ChoicesModel {
        let items = choices.enumerated().map { index, choice in
            ChoiceItem(id: index == 0 ? id : "\(id)-\(index + 1)", name: name, value: choice.0, text: choice.1, hint: "", hasHint: false, checked: checked.contains(choice.0))
        }
        let error = errors[id]
        return ChoicesModel(
            id: id, legend: legend, legendClass: "govuk-fieldset__legend--s", hint: hint, hasHint: !hint.isEmpty, error: error, hasError: !error.isEmpty, inline: false,
            small: true, items: items
        )
    }

    static func view(_ record: DecisionDraftRecord, catalogue: DecisionTemplateCatalogue) -> DraftView {
        let draft = record.draft
        let template = catalogue.template(draft.template, version: draft.templateVersion)
        var rows = [
            SummaryRowModel("Outcome", draft.outcome.title),
            SummaryRowModel("Template", "\(template?.title ?? draft.template), version \(draft.templateVersion)"),
            SummaryRowModel("Author", draft.author.rawValue),
            SummaryRowModel("Status", [], tags: [TagModel(text: tag(record.status).0, tagClass: tag(record.status).1)]),
            SummaryRowModel("Basis of claim", draft.basis.isEmpty ? ["None given"] : draft.basis.map(\.title)),
            SummaryRowModel.yesNo("Medico-legal report on file", draft.medicoLegalReport),
        ]
        if !draft.refusalReasons.isEmpty {
            rows.append(SummaryRowModel("Reasons for refusal", draft.refusalReasons.map { "\(catalogue.refusalReason($0.code)?.title ?? $0.code): \($0.explanation)" }))
        }
        if let record = draft.twoStage {
            var lines = [
                "Stage one (a), the characteristic: \(record.characteristic.met ? "met" : "not met"). \(record.characteristic.reasons)",
                "Stage one (b), the fear: \(record.fear.met ? "met" : "not met"). \(record.fear.reasons)",
            ]
            if let onReturn = record.persecutionOnReturn { lines.append("Stage two, on return: \(onReturn.met ? "met" : "not met"). \(onReturn.reasons)") }
            rows.append(SummaryRowModel("Two-stage test", lines))
        }
        let sections = (template?.sections ?? []).map { section in
            DraftView.Section(title: section.title, answers: section.items.map { item in
                let answer = draft.answer(item.code)
                return DraftView.Answer(question: item.question, answer: answer?.response.title ?? "Not answered", note: answer?.note ?? "", hasNote: answer?.note != nil)
            })
        }
        return DraftView(
            heading: "Decision \(draft.number)", anchor: "decision-\(draft.number)", rows: rows, sections: sections, reasoning: draft.reasoning,
            hasReasoning: !draft.reasoning.isEmpty
        )
    }

    static func sampleSentence(_ sample: WorkSample) -> String {
        sample.decision.selected
            ? "Selected for a \(sample.decision.depth?.rawValue ?? "full") check: \(sample.decision.reasons.map(\.text).joined(separator: "; "))"
            : "Not selected (random draw \(percent(sample.decision.draw)))"
    }

    static func percent(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }

    /// The words and tag colour of a draft's status.
    static func tag(_ status: DraftStatus) -> (String, String) {
        switch status {
        case .draft: (status.title, "govuk-tag--blue")
        case .completed: (status.title, "govuk-tag--turquoise")
        case .returned: (status.title, "govuk-tag--orange")
        case .served: (status.title, "govuk-tag--green")
        case .withdrawn: (status.title, "govuk-tag--red")
        case .superseded: (status.title, "govuk-tag--grey")
        }
    }

    static func sampleTag(_ status: String) -> (String, String) {
        switch status {
        case "awaiting-check": ("Awaiting a check", "govuk-tag--yellow")
        case "checked": ("Checked", "govuk-tag--green")
        case "cancelled": ("Cancelled: the work was superseded", "govuk-tag--grey")
        case "not-selected": ("Not selected", "govuk-tag--grey")
        default: (status, "govuk-tag--grey")
        }
    }
}
