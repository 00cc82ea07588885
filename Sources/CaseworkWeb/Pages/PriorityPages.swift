import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for what prioritisation reads on a claim (safeguarding referral, committed date, priority on request), the
/// claim's barriers, unit and cohorts, and the priority policy. Every claim form goes through the claim page's shared
/// `change`/`submit` path: on a problem the page comes back with an error summary and what was typed.
///
/// - `POST /claims/:reference/safeguarding-referrals` — record a referral (`AccessPolicy.safeguardingRecorders`)
/// - `POST /claims/:reference/commitment`, `/commitment-withdrawal` — a committed date (`commitmentRecorders`)
/// - `POST /claims/:reference/priority-on-request` — grant priority on request (`priorityGranters`, 8.20)
/// - `POST /claims/:reference/barriers/:id/review`, `/barriers/:id/clearance` — `BarrierPolicy.maintainers`
/// - `POST /claims/:reference/transfer` — move the claim to another unit (`transferrers`)
/// - `POST /claims/:reference/cohort-drop-outs` — take the claim out of an operation's cohort (`dropOutRecorders`)
/// - `GET  /priority-policy` — the policy in force and its history (everyone: the criteria are transparent, 8.19)
/// - `GET  /priority-policy/new`, `POST /priority-policy/new` — adopt the next version (`workPlanners`)
extension PagesController {
    func addPriorityRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.post("claims/:reference/safeguarding-referrals", use: recordSafeguardingReferral)
        group.post("claims/:reference/commitment", use: recordCommitment)
        group.post("claims/:reference/commitment-withdrawal", use: withdrawCommitment)
        group.post("claims/:reference/priority-on-request", use: grantPriorityOnRequest)
        group.post("claims/:reference/barriers/:id/review", use: reviewBarrier)
        group.post("claims/:reference/barriers/:id/clearance", use: clearBarrier)
        group.post("claims/:reference/transfer", use: transferClaim)
        group.post("claims/:reference/cohort-drop-outs", use: dropOutOfCohort)
        group.get("priority-policy", use: priorityPolicyPage)
        group.get("priority-policy/new", use: newPriorityPolicyPage)
        group.post("priority-policy/new", use: adoptPriorityPolicy)
    }

    /// `POST /claims/:reference/safeguarding-referrals`: the level and the date it was raised.
    @Sendable func recordSafeguardingReferral(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.posted = form
        state.safeguardingLevel = form["sg-level"] ?? ""
        state.safeguardingReason = form["sg-reason"] ?? ""
        let today = store.clock.now().date
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["level": "sg-level", "raised": "sg-raised", "reason": "sg-reason"],
            primaryField: "sg-level", anchor: "priority"
        ) {
            let raised = DateInputModel.read("sg-raised", from: form)
            return try Self.naming(dateProblems: ["raised": (raised.problem, "The date the referral was raised")]) {
                try ClaimCommandInput.safeguardingReferral(level: form["sg-level"], raised: raised.value, reason: form["sg-reason"], today: today)
            }
        }
    }

    /// `POST /claims/:reference/commitment`: what the commitment comes from and the date to decide by.
    @Sendable func recordCommitment(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.posted = form
        state.commitmentKind = form["cm-kind"] ?? ""
        state.commitmentReason = form["cm-reason"] ?? ""
        let today = store.clock.now().date
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["kind": "cm-kind", "decideBy": "cm-decideBy", "reason": "cm-reason"],
            primaryField: "cm-kind", anchor: "priority"
        ) {
            let decideBy = DateInputModel.read("cm-decideBy", from: form)
            return try Self.naming(dateProblems: ["decideBy": (decideBy.problem, "The date to decide by")]) {
                try ClaimCommandInput.commitment(kind: form["cm-kind"], decideBy: decideBy.value, reason: form["cm-reason"], today: today)
            }
        }
    }

    /// `POST /claims/:reference/commitment-withdrawal`: the commitment no longer stands; a reason is required.
    @Sendable func withdrawCommitment(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.commitmentWithdrawalReason = form["cw-reason"] ?? ""
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["reason": "cw-reason", "commitment": "cw-reason"], primaryField: "cw-reason", anchor: "priority"
        ) {
            try ClaimCommandInput.withdrawCommitment(reason: form["cw-reason"])
        }
    }

    /// `POST /claims/:reference/priority-on-request`: granted by the signed-in manager, with the evidence seen (8.20).
    @Sendable func grantPriorityOnRequest(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        let actor = try context.requireIdentity().actor
        var state = ClaimFormState()
        state.priorityReason = form["por-reason"] ?? ""
        let now = store.clock.now()
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["reason": "por-reason", "priority": "por-reason"], primaryField: "por-reason", anchor: "priority"
        ) {
            try ClaimCommandInput.grantPriority(reason: form["por-reason"], by: actor, at: now)
        }
    }

    /// `POST /claims/:reference/barriers/:id/review`: a new review date after today and the current one, optionally re-rated.
    @Sendable func reviewBarrier(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        let id = try Self.barrierID(context)
        let prefix = "review-\(id)-"
        var state = ClaimFormState()
        state.barrierID = id
        state.barrierReviewDate = form[prefix + "reviewDate"] ?? ""
        state.barrierReviewRating = form[prefix + "rating"] ?? ""
        state.barrierReviewNote = form[prefix + "note"] ?? ""
        return try await submit(
            context: context, form: form, state: state,
            fieldKeys: ["reviewDate": prefix + "reviewDate", "rating": prefix + "rating", "note": prefix + "note", "id": prefix + "reviewDate"],
            primaryField: prefix + "reviewDate", anchor: "barrier-\(id)"
        ) { reference, actor in
            let change = BarrierChange.review(id: id, reviewDate: form[prefix + "reviewDate"], rating: form[prefix + "rating"], note: form[prefix + "note"])
            _ = try await store.changeBarrier(change, on: reference, expectedVersion: try Self.expectedVersion(form), by: actor)
        }
    }

    /// `POST /claims/:reference/barriers/:id/clearance`: the barrier no longer applies, with the reason.
    @Sendable func clearBarrier(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        let id = try Self.barrierID(context)
        let key = "clear-\(id)-reason"
        var state = ClaimFormState()
        state.barrierID = id
        state.barrierClearReason = form[key] ?? ""
        return try await submit(
            context: context, form: form, state: state, fieldKeys: ["reason": key, "id": key], primaryField: key, anchor: "barriers"
        ) { reference, actor in
            _ = try await store.changeBarrier(.clear(id: id, reason: form[key]), on: reference, expectedVersion: try Self.expectedVersion(form), by: actor)
        }
    }

    /// `POST /claims/:reference/transfer`: a planner moves the claim to another unit, with the reason.
    @Sendable func transferClaim(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.transferUnit = form["transfer-unit"] ?? ""
        state.transferReason = form["transfer-reason"] ?? ""
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["unit": "transfer-unit", "reason": "transfer-reason", "stage": "transfer-unit"],
            primaryField: "transfer-unit", anchor: "transfer"
        ) {
            try ClaimCommandInput.transfer(unit: form["transfer-unit"], reason: form["transfer-reason"])
        }
    }

    /// `POST /claims/:reference/cohort-drop-outs`: the claim leaves an operation's cohort for the general WIP (7.16).
    @Sendable func dropOutOfCohort(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.dropOutOperation = form["dropout-operation"] ?? ""
        state.dropOutReason = form["dropout-reason"] ?? ""
        state.dropOutNote = form["dropout-note"] ?? ""
        return try await change(
            context: context, form: form, state: state,
            fieldKeys: ["operation": "dropout-operation", "dropOutReason": "dropout-reason", "reason": "dropout-note"],
            primaryField: "dropout-operation", anchor: "cohorts"
        ) {
            try ClaimCommandInput.dropOut(operation: form["dropout-operation"], dropOutReason: form["dropout-reason"], note: form["dropout-note"])
        }
    }

    /// The barrier number in the path.
    static func barrierID(_ context: Context) throws -> Int {
        guard let id = context.parameters.get("id").flatMap({ Int($0) }), id > 0 else { throw HTTPError(.notFound) }
        return id
    }

    /// Runs `parse`, replacing the message of each date field that the date input could not read with what is wrong
    /// with it in words ("must include a month"), as the GOV.UK date input pattern asks.
    static func naming(
        dateProblems: [String: (problem: String?, label: String)], _ parse: () throws -> (ClaimCommand, String?)
    ) throws -> (ClaimCommand, String?) {
        do {
            return try parse()
        } catch let failure as ValidationFailure {
            throw ValidationFailure(failure.errors.map { fieldError in
                guard let entry = dateProblems[fieldError.field], let problem = entry.problem else { return fieldError }
                return FieldError(field: fieldError.field, message: "\(entry.label) \(problem)")
            })
        }
    }
}

// MARK: Claim page panels

/// The claim page's "Priority" section: where the claim stands and why, what was recorded, and the forms that change it.
struct PriorityPanelModel {
    let tier: Int
    let tierTitle: String
    let explanation: String
    let reasons: [String]
    let policyVersion: Int
    let policyName: String
    let recorded: [SummaryRowModel]
    let hasRecorded: Bool
    let canRecordSafeguarding: Bool
    let safeguardingLevel: ChoicesModel
    let safeguardingRaised: DateInputModel
    let safeguardingReason: TextareaModel
    let canRecordCommitment: Bool
    let commitmentKind: ChoicesModel
    let commitmentDecideBy: DateInputModel
    let commitmentReason: TextareaModel
    let canWithdrawCommitment: Bool
    let commitmentWithdrawalReason: TextareaModel
    let canGrant: Bool
    let grantReason: TextareaModel

    init(claim: Claim, priority: Priority, policy: PriorityPolicy, actor: Actor, today: LocalDate, state: ClaimFormState, errors: FieldErrors) {
        tier = priority.tier
        tierTitle = priority.tierTitle
        explanation = priority.explanation
        reasons = priority.reasons
        policyVersion = priority.policyVersion
        policyName = policy.name
        let work = claim.work
        var recorded: [SummaryRowModel] = []
        if let referral = work.safeguarding {
            recorded.append(SummaryRowModel("Safeguarding referral", "\(referral.level.title), raised \(referral.raised.longForm)"))
        }
        if let commitment = work.commitment {
            let late = commitment.decideBy < today ? " (overdue)" : ""
            recorded.append(SummaryRowModel("Decision committed by", "\(commitment.decideBy.longForm), \(commitment.kind.title)\(late)"))
        }
        if let grant = work.priorityOnRequest {
            recorded.append(SummaryRowModel(
                "Priority on request", ["Granted by \(grant.grantedBy.rawValue) on \(grant.at.longForm)", "Evidence seen: \(grant.reason)"]
            ))
        }
        self.recorded = recorded
        hasRecorded = !recorded.isEmpty

        func allowed(_ command: ClaimCommand) -> Bool { AccessPolicy.refusal(of: command, on: claim, by: actor) == nil }
        canRecordSafeguarding = allowed(.recordSafeguardingReferral(SafeguardingReferral(level: .vulnerable, raised: today)))
        safeguardingLevel = ChoicesModel.radios(
            "sg-level", legend: "Level", hint: "Suicide and self-harm levels (SSHL) run from 1 to 3, the most serious.",
            choices: SafeguardingLevel.allCases.map { ($0.rawValue, $0 == .vulnerable ? "Vulnerable" : $0.title) },
            selected: state.safeguardingLevel, errors: errors, inline: true
        )
        safeguardingRaised = DateInputModel("sg-raised", legend: "Date raised", hint: "For example, 3 5 2023", values: state.posted, errors: errors)
        safeguardingReason = TextareaModel("sg-reason", name: "sg-reason", label: "Note (optional)", value: state.safeguardingReason, errors: errors, rows: 2)

        canRecordCommitment = claim.stage.isOpen && allowed(.recordCommitment(DecisionCommitment(kind: .other, decideBy: today)))
        commitmentKind = ChoicesModel.radios(
            "cm-kind", legend: "What the commitment comes from", choices: CommitmentKind.allCases.map { ($0.rawValue, $0.title.capitalisedFirst) },
            selected: state.commitmentKind, errors: errors
        )
        commitmentDecideBy = DateInputModel(
            "cm-decideBy", legend: "Decide by", hint: "Today or later, for example \(today.adding(days: 28).day) \(today.adding(days: 28).month) \(today.adding(days: 28).year)",
            values: state.posted, errors: errors
        )
        commitmentReason = TextareaModel("cm-reason", name: "cm-reason", label: "Note (optional)", value: state.commitmentReason, errors: errors, rows: 2)
        canWithdrawCommitment = work.commitment != nil && allowed(.withdrawCommitment)
        commitmentWithdrawalReason = TextareaModel(
            "cw-reason", name: "cw-reason", label: "Why does the commitment no longer stand?", hint: "For example, the judicial review was withdrawn.",
            value: state.commitmentWithdrawalReason, errors: errors, rows: 2
        )
        canGrant = claim.stage.isOpen && work.priorityOnRequest == nil
            && allowed(.grantPriority(PriorityOnRequest(grantedBy: actor.staff, at: Instant(startOf: today), reason: "")))
        grantReason = TextareaModel(
            "por-reason", name: "por-reason", label: "The vulnerability and the medical evidence seen",
            hint: "For example, suicidal ideation with a GP's letter, or torture with a medico-legal report (8.20). Your name and today's date are recorded with it.",
            value: state.priorityReason, errors: errors, rows: 3
        )
    }
}

/// The review and clearance forms of one open barrier on the claim page.
struct BarrierFormModel {
    let id: Int
    let anchor: String
    let title: String
    let current: String
    let reviewDate: TextInputModel
    let rating: SelectModel
    let note: TextareaModel
    let clearReason: TextareaModel
    let open: Bool

    init(_ barrier: Barrier, today: LocalDate, state: ClaimFormState, errors: FieldErrors) {
        id = barrier.id
        anchor = "barrier-\(barrier.id)-review"
        title = "Barrier \(barrier.id): \(barrier.type?.title ?? barrier.typeCode)"
        let due = barrier.isOverdue(on: today) ? ", overdue" : barrier.isDue(on: today) ? ", due today" : ""
        current = "\(barrier.rating.title); review by \(barrier.reviewDate.longForm)\(due)"
        let mine = state.barrierID == barrier.id
        let prefix = "review-\(barrier.id)-"
        reviewDate = TextInputModel(
            prefix + "reviewDate", label: "New review date",
            hint: "YYYY-MM-DD, after today and after \(barrier.reviewDate.longForm), within \(BarrierPolicy.maximumReviewHorizonMonths) months",
            values: FormData(body: ""), errors: errors, width: "10", labelClass: "govuk-label--s", value: mine ? state.barrierReviewDate : ""
        )
        rating = SelectModel(
            prefix + "rating", label: "PRAG rating", options: PRAGRating.allCases.map { ($0.rawValue, $0.title) },
            selected: mine && !state.barrierReviewRating.isEmpty ? state.barrierReviewRating : barrier.rating.rawValue, errors: errors,
            labelClass: "govuk-label--s"
        )
        note = TextareaModel(prefix + "note", name: prefix + "note", label: "What the review found (optional)", value: mine ? state.barrierReviewNote : "", errors: errors, rows: 2)
        clearReason = TextareaModel(
            "clear-\(barrier.id)-reason", name: "clear-\(barrier.id)-reason", label: "Why the barrier no longer applies", value: mine ? state.barrierClearReason : "",
            errors: errors, rows: 2
        )
        open = mine
    }
}

/// The claim page's "Cohorts" section: the operations whose cohort the claim is in, what it dropped out of, and the form.
struct CohortPanelModel {
    struct Line {
        let code: String
        let name: String
    }

    let cohorts: [Line]
    let hasCohorts: Bool
    let dropOuts: [String]
    let hasDropOuts: Bool
    let canDropOut: Bool
    /// Why one caseworker keeps the claim from triage to service (8.91); empty when the rule does not apply.
    let singleOwnerReasons: [String]
    let keepsOneOwner: Bool
    let operation: ChoicesModel
    let reason: ChoicesModel
    let note: TextareaModel

    init(
        claim: Claim, cohorts: [String], singleOwnerReasons: [String], operations: [StoredOperation], actor: Actor, state: ClaimFormState,
        errors: FieldErrors
    ) {
        self.singleOwnerReasons = singleOwnerReasons
        keepsOneOwner = !singleOwnerReasons.isEmpty
        let names = Dictionary(operations.map { ($0.operation.code, $0.operation.name) }, uniquingKeysWith: { first, _ in first })
        self.cohorts = cohorts.map { Line(code: $0, name: names[$0] ?? $0) }
        hasCohorts = !cohorts.isEmpty
        dropOuts = claim.work.cohortDropOuts.sorted { $0.key < $1.key }.map { "\(names[$0.key] ?? $0.key): \($0.value.title)" }
        hasDropOuts = !dropOuts.isEmpty
        canDropOut = !cohorts.isEmpty
            && AccessPolicy.refusal(of: .dropOutOfCohort(operation: "", reason: .minor), on: claim, by: actor) == nil
        operation = ChoicesModel.radios(
            "dropout-operation", legend: "Operation the claim leaves", choices: self.cohorts.map { ($0.code, "\($0.name) (\($0.code))") },
            selected: state.dropOutOperation.isEmpty && cohorts.count == 1 ? cohorts[0] : state.dropOutOperation, errors: errors
        )
        reason = ChoicesModel.radios(
            "dropout-reason", legend: "Why it leaves (7.16)", choices: DropOutReason.allCases.map { ($0.rawValue, $0.title) },
            selected: state.dropOutReason, errors: errors
        )
        note = TextareaModel("dropout-note", name: "dropout-note", label: "Note (optional)", value: state.dropOutNote, errors: errors, rows: 2)
    }
}
