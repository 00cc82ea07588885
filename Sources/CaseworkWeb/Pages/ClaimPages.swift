import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// What the user typed into the claim page's forms, kept when the page is shown again after a problem.
struct ClaimFormState {
    var noteText = ""
    var noteIsAction = false
    var stageTo = ""
    var stageReason = ""
    var outcome = ""
    var outcomeReason = ""
    var withdrawReason = ""
    var linkClaim = ""
    var linkReason = ""
    var releaseReason = ""
    var reassignTo = ""
    var reassignReason = ""
    var barrier = RaiseBarrierInput()
    /// The posted form itself, for the date inputs (their day, month and year fields).
    var posted = FormData(body: "")
    var safeguardingLevel = ""
    var safeguardingReason = ""
    var commitmentKind = ""
    var commitmentReason = ""
    var commitmentWithdrawalReason = ""
    var priorityReason = ""
    /// The barrier whose review or clearance form was posted, with what was typed.
    var barrierID = 0
    var barrierReviewDate = ""
    var barrierReviewRating = ""
    var barrierReviewNote = ""
    var barrierClearReason = ""
    var transferUnit = ""
    var transferReason = ""
    var dropOutOperation = ""
    var dropOutReason = ""
    var dropOutNote = ""
}

extension PagesController {
    /// `GET /claims/:reference`: every fact, the notes, the forms the role may use and the timeline.
    @Sendable func claimPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let reference = try Self.reference(context)
        return try await claimPageResponse(identity: identity, reference: reference, errors: FieldErrors(), state: ClaimFormState(), status: .ok)
    }

    /// `POST /claims/:reference/notes`: adds a note or follow-up action, stored whole.
    @Sendable func addNote(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.noteText = form["text"] ?? ""
        state.noteIsAction = form.isChecked("isAction")
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["text": "note-text"], primaryField: "note-text", anchor: "notes"
        ) {
            let note = try NoteRules.validated(text: form["text"], isAction: form.isChecked("isAction"))
            return (.addNote(note), nil)
        }
    }

    /// `POST /claims/:reference/stage`: moves the claim to one of the next stages.
    @Sendable func moveStage(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.stageTo = form["to"] ?? ""
        state.stageReason = form["reason"] ?? ""
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["to": "stage-to", "reason": "stage-reason"], primaryField: "stage-to", anchor: "stage"
        ) {
            try ClaimCommandInput.moveStage(to: form["to"], reason: form["reason"])
        }
    }

    /// `POST /claims/:reference/outcome`: records an outcome allowed from the claim's stage.
    @Sendable func recordOutcome(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.outcome = form["outcome"] ?? ""
        state.outcomeReason = form["reason"] ?? ""
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["outcome": "outcome", "reason": "outcome-reason"], primaryField: "outcome", anchor: "outcome-form"
        ) {
            try ClaimCommandInput.recordOutcome(form["outcome"], reason: form["reason"])
        }
    }

    /// `POST /claims/:reference/links`: links another claim (a family member's, an earlier claim) to this one.
    @Sendable func linkClaim(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.linkClaim = form["link-claim"] ?? ""
        state.linkReason = form["reason"] ?? ""
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["claim": "link-claim", "reason": "link-reason"], primaryField: "link-claim", anchor: "links"
        ) {
            try ClaimCommandInput.linkClaim(form["link-claim"], reason: form["reason"])
        }
    }

    /// `POST /claims/:reference/release`: the holder (or a team leader) puts the claim back in the unit's queue, with a reason.
    @Sendable func releaseClaim(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.releaseReason = form["reason"] ?? ""
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["reason": "release-reason", "holder": "release-reason"], primaryField: "release-reason", anchor: "release"
        ) {
            try ClaimCommandInput.release(reason: form["reason"])
        }
    }

    /// `POST /claims/:reference/allocation`: a team leader gives the claim to a caseworker of the unit, or reassigns it,
    /// with a reason (9.37–9.41); the store checks the recipient's unit and training.
    @Sendable func reassignClaim(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.reassignTo = form["to"] ?? ""
        state.reassignReason = form["reason"] ?? ""
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["to": "reassign-to", "reason": "reassign-reason", "holder": "reassign-to"],
            primaryField: "reassign-to", anchor: "reassign"
        ) {
            try ClaimCommandInput.allocate(to: form["to"], reason: form["reason"])
        }
    }

    /// `POST /claims/:reference/barriers`: raises a barrier, with the agreement the SOP asks for (8.95).
    @Sendable func raiseBarrier(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.barrier = RaiseBarrierInput(
            type: form["barrier-type"], rating: form["barrier-rating"], reviewDate: form["barrier-reviewDate"], note: form["barrier-note"],
            agreedBy: form["barrier-agreedBy"], agreedByRole: form["barrier-agreedByRole"], agreedVerbally: form.isChecked("barrier-verbal")
        )
        let fields = ["type", "rating", "reviewDate", "note", "agreedBy", "agreedByRole"]
        return try await submit(
            context: context, form: form, state: state, fieldKeys: Dictionary(uniqueKeysWithValues: fields.map { ($0, "barrier-" + $0) }),
            primaryField: "barrier-type", anchor: "barriers"
        ) { reference, actor in
            _ = try await store.changeBarrier(.raise(state.barrier), on: reference, expectedVersion: try Self.expectedVersion(form), by: actor)
        }
    }

    /// `POST /claims/:reference/outcome-withdrawal`: withdraws a served decision to correct an error; a reason is required.
    @Sendable func withdrawOutcome(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = ClaimFormState()
        state.withdrawReason = form["reason"] ?? ""
        return try await change(
            context: context, form: form, state: state, fieldKeys: ["reason": "withdraw-reason", "stage": "withdraw-reason"], primaryField: "withdraw-reason", anchor: "withdraw-form"
        ) {
            try ClaimCommandInput.withdrawOutcome(reason: form["reason"])
        }
    }

    /// Runs one change with the version the user read. On success, back to the claim; on a problem, the claim page again
    /// with the problem named and everything the user typed kept.
    func change(
        context: Context, form: FormData, state: ClaimFormState, fieldKeys: [String: String], primaryField: String, anchor: String,
        command: @escaping () throws -> (ClaimCommand, String?)
    ) async throws -> Response {
        try await submit(context: context, form: form, state: state, fieldKeys: fieldKeys, primaryField: primaryField, anchor: anchor) { reference, actor in
            let (command, reason) = try command()
            _ = try await store.perform(command, on: reference, expectedVersion: try Self.expectedVersion(form), by: actor, reason: reason)
        }
    }

    /// Runs one change made through a form on the claim page. On success, back to the claim; on a problem, the claim
    /// page again with the problem named by field and everything the user typed kept.
    func submit(
        context: Context, form: FormData, state: ClaimFormState, fieldKeys: [String: String], primaryField: String, anchor: String,
        perform: (ClaimReference, Actor) async throws -> Void
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let reference = try Self.reference(context)
        var errors = FieldErrors()
        let status: HTTPResponse.Status
        do {
            try await perform(reference, identity.actor)
            return seeOther("/claims/\(reference.rawValue)#\(anchor)")
        } catch let conflict as VersionConflict {
            errors.add(conflict.message + " The page below shows the claim as it is now, and what you entered has been kept.", key: primaryField, anchor: primaryField)
            status = .conflict
        } catch let failure as ValidationFailure {
            for error in failure.errors {
                let key = fieldKeys[error.field] ?? primaryField
                errors.add(error.message, key: key, anchor: key)
            }
            status = .unprocessableContent
        } catch let violation as ClaimRuleViolation {
            let key = fieldKeys[violation.field] ?? primaryField
            errors.add(violation.description, key: key, anchor: key)
            status = .unprocessableContent
        }
        return try await claimPageResponse(identity: identity, reference: reference, errors: errors, state: state, status: status)
    }

    /// The version of the claim the form was filled in against (a hidden field).
    static func expectedVersion(_ form: FormData) throws(ValidationFailure) -> Int {
        guard let expected = Int((form["expectedVersion"] ?? "").trimmingWhitespace) else {
            throw ValidationFailure([FieldError(field: "expectedVersion", message: "The form did not say which version of the claim you saw. Reload the claim and try again.")])
        }
        return expected
    }

    static func reference(_ context: Context) throws -> ClaimReference {
        let text = (context.parameters.get("reference") ?? "").uppercased()
        guard ClaimReference.isWellFormed(text) else { throw HTTPError(.notFound) }
        return ClaimReference(text)
    }

    func claimPageResponse(identity: Identity, reference: ClaimReference, errors: FieldErrors, state: ClaimFormState, status: HTTPResponse.Status) async throws -> Response {
        let actor = identity.actor
        let file = try await store.claimFile(reference, for: actor)
        let (claim, events, notes) = (file.claim, file.events, file.notes)
        let barriers = file.barriers
        let canSeeProtected = AccessPolicy.canReadProtectedCharacteristics(actor)
        let characteristics = canSeeProtected ? try await store.protectedCharacteristics(of: reference, for: actor) : nil
        let planning = try await store.planningState()
        let memberships = try await store.cohortMemberships(of: reference, for: actor)
        let cohorts = memberships.memberships.map(\.operation)
        let units = AccessPolicy.transferrers.contains(actor.role) ? try await store.units() : []
        let caseworkers = claim.stage.isOpen && AccessPolicy.allocationManagers.contains(actor.role)
            ? try await store.staffRecords(unit: claim.owningUnit, for: actor).map(\.member)
                .filter { $0.active && AccessPolicy.caseworkers.contains($0.role) && $0.username != claim.holder }
            : []
        // At decision and quality assurance the claim page says which gates before service are closed, and why.
        let gates = [Stage.decision, .qualityAssurance].contains(claim.stage) ? try await store.serviceGates(of: claim) : []
        let model = ClaimPageModel(
            claim: claim, events: events, notes: notes, barriers: barriers, canSeeProtected: canSeeProtected, characteristics: characteristics, actor: actor,
            today: store.clock.now().date, planning: planning, cohorts: cohorts, singleOwnerReasons: memberships.singleOwnerReasons, units: units, caseworkers: caseworkers, csrfToken: identity.csrfToken ?? "",
            errors: errors, state: state, gates: gates
        )
        let title = (errors.isEmpty ? "" : "Error: ") + "Claim \(claim.reference.rawValue)"
        return renderer.response("claim", title: title, chrome: .signedIn(identity, current: "search"), model: model, status: status)
    }
}

struct TagModel {
    let text: String
    let tagClass: String
}

struct SummaryRowModel {
    let key: String
    let lines: [String]
    let tags: [TagModel]
    let links: [LinkModel]

    init(_ key: String, _ lines: [String], tags: [TagModel] = [], links: [LinkModel] = []) {
        self.key = key
        self.lines = lines
        self.tags = tags
        self.links = links
    }

    init(_ key: String, _ line: String, tags: [TagModel] = []) {
        self.init(key, [line], tags: tags)
    }

    static func yesNo(_ key: String, _ value: Bool) -> SummaryRowModel { SummaryRowModel(key, value ? "Yes" : "No") }
}

struct DependantModel {
    let name: String
    let dateOfBirth: String
    let sex: String
    let nationality: String
    let relationship: String
}

struct NoteModel {
    let id: String
    let text: String
    let isAction: Bool
    let author: String
    let roleTitle: String
    let when: String
    let characterCount: String
}

struct EventModel {
    let sequence: Int
    let summary: String
    let who: String
    let unit: String
    let when: String
    let hasReason: Bool
    let reason: String
}

struct ClaimPageModel {
    let reference: String
    let name: String
    let stageTitle: String
    let stageTagClass: String
    let hasOutcome: Bool
    let outcomeTitle: String
    let version: Int
    let csrfToken: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let facts: [SummaryRowModel]
    let hasDependants: Bool
    let dependants: [DependantModel]
    let canSeeProtected: Bool
    let protectedRows: [SummaryRowModel]
    let hasProtected: Bool
    let hasNotes: Bool
    let noteCount: String
    let notes: [NoteModel]
    let canWrite: Bool
    let noteText: TextareaModel
    let noteIsAction: ChoicesModel
    let readOnlyMessage: String
    let canMove: Bool
    let hasNextStages: Bool
    let stageTo: ChoicesModel
    let stageReason: TextareaModel
    let hasOutcomes: Bool
    let outcome: SelectModel
    let outcomeReason: TextareaModel
    let canWithdraw: Bool
    let withdrawReason: TextareaModel
    let linkClaim: TextInputModel
    let linkReason: TextareaModel
    let canRelease: Bool
    let releaseReason: TextareaModel
    /// A team leader's form to give the claim to someone in the unit, or reassign it.
    let canReassign: Bool
    let reassignHeading: String
    let reassignTo: SelectModel
    let reassignReason: TextareaModel
    let hasBarriers: Bool
    let barrierSummary: String
    let barriers: [BarrierRowModel]
    let canRaiseBarrier: Bool
    let barrierType: SelectModel
    let barrierRating: SelectModel
    let barrierReviewDate: TextInputModel
    let barrierNote: TextareaModel
    let barrierAgreedBy: TextInputModel
    let barrierAgreedByRole: ChoicesModel
    let barrierVerbal: ChoicesModel
    let barrierForms: [BarrierFormModel]
    let priority: PriorityPanelModel
    let canTransfer: Bool
    let transferUnit: SelectModel
    let transferReason: TextareaModel
    let owningUnit: String
    let cohortPanel: CohortPanelModel
    let events: [EventModel]
    let hasGates: Bool
    let gatesText: String
    let hasClosedGates: Bool
    let closedGates: [String]

    init(
        claim: Claim, events: [RecordedEvent], notes: [ClaimNote], barriers: [Barrier], canSeeProtected: Bool, characteristics: ProtectedCharacteristics?,
        actor: Actor, today: LocalDate, planning: PlanningState, cohorts: [String], singleOwnerReasons: [String], units: [CaseworkUnit], caseworkers: [StaffMember], csrfToken: String, errors: FieldErrors,
        state: ClaimFormState, gates: [GateStatus] = []
    ) {
        hasGates = !gates.isEmpty
        closedGates = gates.filter { !$0.open }.map { "\($0.gate.title): \($0.detail.joined(separator: "; "))" }
        hasClosedGates = !closedGates.isEmpty
        gatesText = closedGates.isEmpty
            ? "Every gate is open: the decision can be served."
            : "\(closedGates.count) of \(gates.count) gates before service \(closedGates.count == 1 ? "is" : "are") closed:"
        let facts = claim.facts
        let applicant = facts.mainApplicant
        reference = claim.reference.rawValue
        name = applicant.fullName
        stageTitle = claim.stage.title
        stageTagClass = CaseworkWeb.stageTagClass(claim.stage)
        hasOutcome = claim.outcome != nil
        outcomeTitle = claim.outcome?.title ?? ""
        version = claim.version
        self.csrfToken = csrfToken
        hasErrors = !errors.isEmpty
        self.errors = errors.summary

        // MARK: Facts
        var rows: [SummaryRowModel] = []
        rows.append(SummaryRowModel("Reference", claim.reference.rawValue))
        rows.append(SummaryRowModel("Name", applicant.fullName))
        let age = applicant.dateOfBirth.age(on: today)
        rows.append(SummaryRowModel("Date of birth", "\(applicant.dateOfBirth.longForm) (age \(age))"))
        rows.append(SummaryRowModel("Sex", applicant.sex.title))
        rows.append(Self.nationalityRow(applicant.nationality))
        rows.append(SummaryRowModel("Date of claim", claim.facts.dateOfClaim.longForm))
        rows.append(SummaryRowModel("Regime", claim.regime.title))
        rows.append(SummaryRowModel("Stage", [], tags: [TagModel(text: claim.stage.title, tagClass: stageTagClass)]))
        if let outcome = claim.outcome { rows.append(SummaryRowModel("Outcome", outcome.title)) }
        rows.append(SummaryRowModel.yesNo("Unaccompanied child (UASC)", facts.unaccompaniedChild))
        rows.append(SummaryRowModel.yesNo("Age disputed", facts.ageDisputed))
        rows.append(SummaryRowModel("Languages", facts.languages.isEmpty ? ["None recorded"] : facts.languages.map { Languages.displayName(language: $0.language, dialect: $0.dialect) }))
        if let address = facts.address {
            rows.append(SummaryRowModel(
                "Address", [address.line1, address.line2 ?? "", address.town, address.postcode].filter { !$0.isEmpty },
                tags: [address.verified ? TagModel(text: "Verified", tagClass: "govuk-tag--green") : TagModel(text: "Not verified", tagClass: "govuk-tag--yellow")]
            ))
        } else {
            rows.append(SummaryRowModel("Address", "None recorded"))
        }
        if let representative = facts.legalRepresentative {
            rows.append(SummaryRowModel("Legal representative", [representative.name, representative.firm ?? "", representative.email ?? ""].filter { !$0.isEmpty }))
        } else {
            rows.append(SummaryRowModel("Legal representative", "None recorded"))
        }
        rows.append(SummaryRowModel.yesNo("Detained", facts.detained))
        rows.append(SummaryRowModel.yesNo("Asylum support", facts.asylumSupport))
        rows.append(SummaryRowModel("Local authority", facts.localAuthority ?? "None recorded"))
        rows.append(SummaryRowModel.yesNo("National Referral Mechanism referral", facts.nationalReferralMechanism))
        rows.append(SummaryRowModel.yesNo("Criminality", facts.criminality))
        rows.append(SummaryRowModel("Vulnerabilities", facts.vulnerabilities.isEmpty ? ["None recorded"] : facts.vulnerabilities.map(\.title)))
        rows.append(SummaryRowModel("Claim type", facts.claimType.title))
        rows.append(SummaryRowModel("Biometric reference", facts.biometricReference ?? "None recorded"))
        rows.append(SummaryRowModel("Port reference", facts.portReference ?? "None recorded"))
        rows.append(facts.linkedClaims.isEmpty
            ? SummaryRowModel("Linked claims", "None")
            : SummaryRowModel("Linked claims", [], links: facts.linkedClaims.map { LinkModel(href: "/claims/\($0.rawValue)", text: $0.rawValue) }))
        let assessed = planning.priorityPolicy.assess(PriorityFacts(claim: claim), today: today)
        rows.append(SummaryRowModel("Priority", [assessed.explanation], links: [LinkModel(href: "#priority", text: "Why, and what can change it")]))
        rows.append(SummaryRowModel("Owning unit", claim.owningUnit.rawValue))
        rows.append(SummaryRowModel(
            "Held by", claim.holder.map { "\($0.rawValue), since \(claim.heldSince?.longForm ?? "")" } ?? "Nobody: waiting in the unit's queue"
        ))
        rows.append(SummaryRowModel("Registered", "\(claim.registeredAt.longForm) by \(claim.registeredBy.rawValue)"))
        rows.append(SummaryRowModel("Last updated", claim.updatedAt.longForm))
        rows.append(SummaryRowModel("Version", String(claim.version)))
        self.facts = rows

        hasDependants = !facts.dependants.isEmpty
        dependants = facts.dependants.map { dependant in
            DependantModel(
                name: dependant.person.fullName,
                dateOfBirth: "\(dependant.person.dateOfBirth.longForm) (age \(dependant.person.dateOfBirth.age(on: today)))",
                sex: dependant.person.sex.title, nationality: Countries.name(of: dependant.person.nationality.effective),
                relationship: dependant.relationship.rawValue.capitalisedFirst
            )
        }

        // MARK: Protected characteristics (restricted; the read is audited by the store)
        self.canSeeProtected = canSeeProtected
        var protectedRows: [SummaryRowModel] = []
        if let characteristics {
            let pairs: [(String, String?)] = [
                ("Disability", characteristics.disability), ("Gender identity", characteristics.genderIdentity),
                ("Sexual orientation", characteristics.sexualOrientation), ("Religion or belief", characteristics.religion),
                ("Ethnicity", characteristics.ethnicity),
            ]
            protectedRows = pairs.compactMap { key, value in value.map { SummaryRowModel(key, $0) } }
        }
        self.protectedRows = protectedRows
        hasProtected = !protectedRows.isEmpty

        // MARK: Notes, newest first, whole
        hasNotes = !notes.isEmpty
        noteCount = notes.count == 1 ? "1 note" : "\(notes.count) notes"
        self.notes = notes.reversed().map { note in
            NoteModel(
                id: "note-\(note.sequence)", text: note.text, isAction: note.isAction, author: note.author.rawValue,
                roleTitle: note.authorRole.title, when: note.createdAt.longForm,
                characterCount: note.text.count == 1 ? "1 character" : "\(note.text.count) characters"
            )
        }

        // MARK: Forms
        canWrite = AccessPolicy.canWrite(claimOwnedBy: claim.owningUnit, actor: actor)
        readOnlyMessage = "\(actor.role.title)s can read this claim but cannot change it."
        noteText = TextareaModel("note-text", name: "text", label: "Note", hint: "Notes are kept whole, however long.", value: state.noteText, errors: errors, rows: 6)
        noteIsAction = ChoicesModel.flags(
            "note-options", legend: "Follow-up", flags: [("isAction", "This is a follow-up action", "")],
            values: FormData(body: state.noteIsAction ? "isAction=yes" : ""), errors: errors
        )
        linkClaim = TextInputModel(
            "link-claim", label: "Reference of the claim to link", hint: "For example CW-0001234", values: FormData(body: ""), errors: errors,
            width: "10", labelClass: "govuk-label--s", value: state.linkClaim
        )
        linkReason = TextareaModel("link-reason", name: "reason", label: "Why are they linked? (optional)", value: state.linkReason, errors: errors, rows: 2)
        let summary = BarrierSummary(barriers: barriers, today: today)
        hasBarriers = !barriers.isEmpty
        barrierSummary = summary.openCount == 0
            ? "No open barriers: the claim is workable."
            : "\(summary.openCount) open (worst: \(summary.worstRating.title)); \(summary.overdueCount) overdue for review. "
                + (summary.isWorkable ? "The claim is still workable." : "A barrier blocks the interview or the decision.")
        self.barriers = barriers.map { BarrierRowModel($0, today: today) }
        canRaiseBarrier = AccessPolicy.canWrite(claimOwnedBy: claim.owningUnit, actor: actor) && BarrierPolicy.refusalToRaise(by: actor) == nil
        let input = state.barrier
        barrierType = SelectModel(
            "barrier-type", label: "Type", options: [("", "Select a barrier type")] + BarrierCatalogue.all.map { ($0.code, $0.title) },
            selected: input.type ?? "", errors: errors, labelClass: "govuk-label--s"
        )
        barrierRating = SelectModel(
            "barrier-rating", label: "PRAG rating", hint: "Leave as it is for the type's usual rating.",
            options: [("", "The type's usual rating")] + PRAGRating.allCases.map { ($0.rawValue, $0.title) }, selected: input.rating ?? "", errors: errors,
            labelClass: "govuk-label--s"
        )
        barrierReviewDate = TextInputModel(
            "barrier-reviewDate", label: "Review date", hint: "YYYY-MM-DD, after today and within 12 months", values: FormData(body: ""), errors: errors,
            width: "10", labelClass: "govuk-label--s", value: input.reviewDate ?? ""
        )
        barrierNote = TextareaModel("barrier-note", name: "barrier-note", label: "Note", hint: "Required for 'Other'.", value: input.note ?? "", errors: errors, rows: 2)
        barrierAgreedBy = TextInputModel(
            "barrier-agreedBy", label: "Agreed by (username)", hint: "A technical specialist or senior caseworker; not needed when you are one.",
            values: FormData(body: ""), errors: errors, width: "20", labelClass: "govuk-label--s", value: input.agreedBy ?? ""
        )
        barrierAgreedByRole = ChoicesModel.radios(
            "barrier-agreedByRole", legend: "Their role",
            choices: [(Role.technicalSpecialist.rawValue, Role.technicalSpecialist.title), (Role.seniorCaseworker.rawValue, Role.seniorCaseworker.title)],
            selected: input.agreedByRole ?? "", errors: errors, inline: true
        )
        barrierVerbal = ChoicesModel.flags(
            "barrier-verbal-options", legend: "How they agreed", flags: [("barrier-verbal", "They agreed verbally (it is still recorded)", "")],
            values: FormData(body: input.agreedVerbally == true ? "barrier-verbal=yes" : ""), errors: errors
        )
        let canMaintainBarriers = canWrite && BarrierPolicy.refusalToMaintain(by: actor) == nil
        barrierForms = canMaintainBarriers
            ? barriers.filter(\.isOpen).map { BarrierFormModel($0, today: today, state: state, errors: errors) } : []
        priority = PriorityPanelModel(
            claim: claim, priority: assessed, policy: planning.priorityPolicy, actor: actor, today: today, state: state, errors: errors
        )
        canTransfer = claim.stage.isOpen && AccessPolicy.refusal(of: .transfer(to: claim.owningUnit), on: claim, by: actor) == nil
        transferUnit = SelectModel(
            "transfer-unit", label: "Unit to move the claim to",
            hint: "The claim leaves whoever holds it and joins that unit's queue; its evidence, notes and barriers go with it (8.23).",
            options: [("", "Select a unit")] + units.filter { $0.code != claim.owningUnit }.map { ($0.code.rawValue, "\($0.name) (\($0.code.rawValue))") },
            selected: state.transferUnit, errors: errors, labelClass: "govuk-label--s"
        )
        transferReason = TextareaModel(
            "transfer-reason", name: "transfer-reason", label: "Why is the claim moving?", value: state.transferReason, errors: errors, rows: 2
        )
        owningUnit = claim.owningUnit.rawValue
        cohortPanel = CohortPanelModel(
            claim: claim, cohorts: cohorts, singleOwnerReasons: singleOwnerReasons, operations: planning.operations, actor: actor, state: state, errors: errors
        )
        canReassign = !caseworkers.isEmpty
        reassignHeading = claim.holder == nil ? "Give the claim to a caseworker" : "Reassign the claim"
        reassignTo = SelectModel(
            "to", label: "Caseworker", hint: "Someone in \(claim.owningUnit.rawValue) trained for the work the claim needs next",
            options: [("", "Select a caseworker")] + caseworkers.map { ($0.username.rawValue, "\($0.displayName) (\($0.username.rawValue)), \($0.role.title.lowercased())") },
            selected: state.reassignTo, errors: errors, id: "reassign-to"
        )
        reassignReason = TextareaModel(
            "reassign-reason", name: "reason", label: "Why?", value: state.reassignReason, errors: errors, rows: 2
        )
        canRelease = claim.holder != nil && AccessPolicy.refusal(of: .release, on: claim, by: actor) == nil
        releaseReason = TextareaModel(
            "release-reason", name: "reason", label: "Why is the claim going back to the queue?", value: state.releaseReason, errors: errors, rows: 2
        )
        canMove = AccessPolicy.canMoveStage(claimOwnedBy: claim.owningUnit, actor: actor)
        let nextStages = claim.stage.nextStages
        hasNextStages = !nextStages.isEmpty
        stageTo = ChoicesModel.radios(
            "to", legend: "Move the claim to", choices: nextStages.map { ($0.rawValue, $0.title) }, selected: state.stageTo, errors: errors, id: "stage-to"
        )
        stageReason = TextareaModel("stage-reason", name: "reason", label: "Reason (optional)", value: state.stageReason, errors: errors, rows: 3)
        // Closures only (withdrawn, void, other; inadmissibility at its stage): a grant or refusal is drafted, checked and
        // served through its gates on the decision page (`ClaimRules` refuses it here).
        let outcomes = Outcome.allCases.filter { $0.allowedFrom.contains(claim.stage) && !DecisionRules.decisionOutcomes.contains($0) }
        hasOutcomes = !outcomes.isEmpty
        outcome = SelectModel(
            "outcome", label: "Outcome", hint: "Closures, and inadmissibility at its stage. Grants and refusals are drafted, checked and served on the decision page.", options: [("", "Select an outcome")] + outcomes.map { ($0.rawValue, $0.title) }, selected: state.outcome,
            errors: errors, labelClass: "govuk-label--s"
        )
        outcomeReason = TextareaModel(
            "outcome-reason", name: "reason", label: "Reason", hint: "Required when the claim is closed without a decision (withdrawn, void or other).",
            value: state.outcomeReason, errors: errors, rows: 3
        )
        canWithdraw = claim.stage == .served && claim.outcome != nil
        withdrawReason = TextareaModel(
            "withdraw-reason", name: "reason", label: "Why is the outcome being withdrawn?",
            hint: "For example, to correct an error in the decision. The claim goes back into the work in progress.",
            value: state.withdrawReason, errors: errors, rows: 3
        )

        // MARK: Timeline, newest first
        self.events = events.reversed().map { recorded in
            EventModel(
                sequence: recorded.sequence, summary: recorded.event.summary,
                who: "\(recorded.actor.staff.rawValue) (\(recorded.actor.role.title))", unit: recorded.actor.unit.rawValue,
                when: recorded.occurredAt.longForm, hasReason: !(recorded.reason ?? "").isEmpty, reason: recorded.reason ?? ""
            )
        }
    }

    static func nationalityRow(_ nationality: Nationality) -> SummaryRowModel {
        let statusClass: String = switch nationality.status {
        case .claimed: "govuk-tag--grey"
        case .disputed: "govuk-tag--orange"
        case .confirmed: "govuk-tag--green"
        }
        var lines = [Countries.name(of: nationality.claimed)]
        if let confirmed = nationality.confirmed, confirmed != nationality.claimed {
            lines = ["Claimed: \(Countries.name(of: nationality.claimed))", "Confirmed: \(Countries.name(of: confirmed))"]
        }
        return SummaryRowModel("Nationality", lines, tags: [TagModel(text: nationality.status.rawValue.capitalisedFirst, tagClass: statusClass)])
    }
}

/// One barrier as a row on the claim page.
struct BarrierRowModel {
    let id: Int
    let title: String
    let ratingTitle: String
    let ratingClass: String
    let reviewDate: String
    let status: String
    let agreement: String
    let note: String
    let hasNote: Bool

    init(_ barrier: Barrier, today: LocalDate) {
        id = barrier.id
        title = barrier.type?.title ?? barrier.typeCode
        ratingTitle = barrier.rating.title
        ratingClass = "casework-prag--" + barrier.rating.rawValue
        reviewDate = barrier.reviewDate.longForm
        status = !barrier.isOpen ? "Cleared" : barrier.isOverdue(on: today) ? "Overdue for review" : barrier.isDue(on: today) ? "Due for review" : "Open"
        agreement = barrier.agreement.map { "\($0.by.rawValue) (\($0.role.title)\($0.verbal ? ", verbally" : ""))" } ?? "Not needed"
        note = barrier.note ?? ""
        hasNote = barrier.note != nil
    }
}
