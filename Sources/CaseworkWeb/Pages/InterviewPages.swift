import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// A claim's interviews, on their own page linked from the claim: the claimant's needs, the best options ranked with
/// their reasons (booked in one click, the invitation produced at once), each interview with its outcome form, the
/// failure-to-attend follow-up, postponement requests and every letter.
///
/// - `GET  /claims/:reference/interviews`
/// - `POST /claims/:reference/interviews/needs`, `POST /claims/:reference/interviews` (book),
///   `POST /claims/:reference/interviews/:number/outcome`, `POST /claims/:reference/interviews/:number/follow-up`,
///   `POST /claims/:reference/postponements`, `POST /claims/:reference/postponements/:number/answer`
extension PagesController {
    func addInterviewRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.get("claims/:reference/interviews", use: interviewsPage)
        group.post("claims/:reference/interviews/needs", use: recordNeeds)
        group.post("claims/:reference/interviews", use: bookInterview)
        group.post("claims/:reference/interviews/:number/outcome", use: recordInterviewOutcome)
        group.post("claims/:reference/interviews/:number/follow-up", use: followUpFailureToAttend)
        group.post("claims/:reference/postponements", use: requestPostponement)
        group.post("claims/:reference/postponements/:number/answer", use: answerPostponement)
    }

    @Sendable func interviewsPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let notice = FormData(body: request.uri.query ?? "")["done"].flatMap { InterviewPageModel.notices[$0] }
        return try await interviewsResponse(identity: identity, reference: try Self.reference(context), form: FormData(body: ""), errors: FieldErrors(), notice: notice, status: .ok)
    }

    @Sendable func recordNeeds(_ request: Request, context: Context) async throws -> Response {
        try await interviewChange(context, done: "needs", anchor: "needs", fields: [
            "homeArea": "homeArea", "latitude": "homeArea", "maximumTravelKm": "maximumTravelKm", "language": "language", "dialect": "dialect", "kind": "kind",
            "responsibleAdultArranged": "responsibleAdultArranged", "notes": "needs-notes",
        ]) { form, reference, version, actor in
            let input = InterviewNeedsInput(
                homeArea: form["homeArea"], maximumTravelKm: Int((form["maximumTravelKm"] ?? "").trimmingWhitespace) ?? (form["maximumTravelKm"]?.isEmpty == false ? -1 : nil),
                language: form["language"], dialect: form["dialect"], kind: form["kind"], responsibleAdultArranged: form.isChecked("responsibleAdultArranged"),
                needsStepFreeAccess: form.isChecked("needsStepFreeAccess"), needsTransport: form.isChecked("needsTransport"),
                needsChildcare: form.isChecked("needsChildcare"), notes: form["notes"]
            )
            _ = try await store.recordInterviewNeeds(input, on: reference, expectedVersion: version, by: actor)
        }
    }

    @Sendable func bookInterview(_ request: Request, context: Context) async throws -> Response {
        try await interviewChange(context, done: "booked", anchor: "interviews", fields: [:], primary: "options") { form, reference, version, actor in
            let input = BookInterviewInput(
                date: form["date"], start: form["start"], room: form["room"], interpreter: form["interpreter"].flatMap { $0.isEmpty ? nil : $0 },
                decisionMaker: form["decisionMaker"], method: form["method"], replaces: form["replaces"].flatMap { Int($0) }
            )
            _ = try await store.bookInterview(input, on: reference, expectedVersion: version, by: actor)
        }
    }

    @Sendable func recordInterviewOutcome(_ request: Request, context: Context) async throws -> Response {
        let number = try Self.pathNumber(context)
        return try await interviewChange(context, done: "outcome", anchor: "interview-\(number)", fields: [
            "outcome": "outcome", "actualMinutes": "actualMinutes", "seniorCaseworkerAgreement": "seniorCaseworkerAgreement",
            "cancellationReason": "cancellationReason", "cancelledBy": "cancelledBy", "technicalSpecialistAgreement": "technicalSpecialistAgreement",
            "note": "outcome-note", "letterMethod": "letterMethod", "interview": "outcome",
        ], primary: "outcome") { form, reference, version, actor in
            let input = InterviewOutcomeInput(
                outcome: form["outcome"], actualMinutes: form["actualMinutes"].flatMap { Int($0.trimmingWhitespace) }, seniorCaseworkerAgreement: form["seniorCaseworkerAgreement"],
                cancellationReason: form["cancellationReason"], cancelledBy: form["cancelledBy"], technicalSpecialistAgreement: form["technicalSpecialistAgreement"],
                note: form["note"], letterMethod: form["letterMethod"]
            )
            _ = try await store.recordInterviewOutcome(input, interview: number, on: reference, expectedVersion: version, by: actor)
        }
    }

    @Sendable func followUpFailureToAttend(_ request: Request, context: Context) async throws -> Response {
        let number = try Self.pathNumber(context)
        return try await interviewChange(context, done: "followed-up", anchor: "interview-\(number)", fields: ["action": "followUpAction", "response": "followUpResponse", "interview": "followUpAction"], primary: "followUpAction") { form, reference, version, actor in
            _ = try await store.followUpFailureToAttend(
                FailureToAttendFollowUpInput(action: form["action"], response: form["response"]), interview: number, on: reference, expectedVersion: version, by: actor
            )
        }
    }

    @Sendable func requestPostponement(_ request: Request, context: Context) async throws -> Response {
        try await interviewChange(context, done: "postponement", anchor: "postponements", fields: [
            "requestedBy": "requestedBy", "received": "received", "reason": "postponement-reason", "medicalEvidence": "medicalEvidence", "interview": "requestedBy",
        ], primary: "requestedBy") { form, reference, version, actor in
            let input = PostponementInput(
                interview: form["interview"].flatMap { Int($0) }, requestedBy: form["requestedBy"], received: form["received"], reason: form["reason"],
                medicalEvidence: form["medicalEvidence"]
            )
            _ = try await store.requestPostponement(input, on: reference, expectedVersion: version, by: actor)
        }
    }

    @Sendable func answerPostponement(_ request: Request, context: Context) async throws -> Response {
        let number = try Self.pathNumber(context)
        return try await interviewChange(context, done: "answered", anchor: "postponements", fields: ["granted": "granted", "notBefore": "notBefore", "reason": "answer-reason", "request": "granted"], primary: "granted") { form, reference, version, actor in
            let granted: Bool? = form["granted"] == "yes" ? true : form["granted"] == "no" ? false : nil
            _ = try await store.answerPostponement(
                PostponementAnswerInput(granted: granted, notBefore: form["notBefore"], reason: form["reason"]), request: number, on: reference, expectedVersion: version, by: actor
            )
        }
    }

    static func pathNumber(_ context: Context) throws -> Int {
        guard let number = context.parameters.get("number").flatMap({ Int($0) }), number > 0 else { throw HTTPError(.notFound) }
        return number
    }

    /// One change from the interview page: back to the page with a notice on success; the page again with every problem
    /// named by field (and what was typed kept) when refused.
    func interviewChange(
        _ context: Context, done: String, anchor: String, fields: [String: String], primary: String = "homeArea",
        perform: (FormData, ClaimReference, Int, Actor) async throws -> Void
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let reference = try Self.reference(context)
        let form = context.form ?? FormData(body: "")
        var errors = FieldErrors()
        let status: HTTPResponse.Status
        do {
            try await perform(form, reference, try Self.expectedVersion(form), identity.actor)
            return seeOther("/claims/\(reference.rawValue)/interviews?done=\(done)#\(anchor)")
        } catch let conflict as VersionConflict {
            errors.add(conflict.message + " The page below shows the claim as it is now, and what you entered has been kept.", key: primary, anchor: primary)
            status = .conflict
        } catch let failure as ValidationFailure {
            for error in failure.errors {
                let key = fields[error.field] ?? primary
                errors.add(error.message, key: key, anchor: key)
            }
            status = .unprocessableContent
        }
        return try await interviewsResponse(identity: identity, reference: reference, form: form, errors: errors, notice: nil, status: status)
    }

    func interviewsResponse(identity: Identity, reference: ClaimReference, form: FormData, errors: FieldErrors, notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let actor = identity.actor
        let claim = try await store.claim(reference, for: actor)
        let interviews = try await store.interviews(of: reference, for: actor)
        let options = AccessPolicy.interviewBookers.contains(actor.role) ? try await store.interviewOptions(for: reference, by: actor) : nil
        let model = InterviewPageModel(
            claim: claim, interviews: interviews, options: options, actor: actor, now: store.clock.now(), csrfToken: identity.csrfToken ?? "", form: form,
            errors: errors, notice: notice
        )
        let title = (errors.isEmpty ? "" : "Error: ") + "Interviews: claim \(reference.rawValue)"
        return renderer.response("interviews", title: title, chrome: .signedIn(identity, current: "search"), model: model, status: status)
    }
}

/// What the interview page shows.
struct InterviewPageModel {
    static let notices = [
        "needs": "The claimant's interview needs were recorded.",
        "booked": "The interview was booked and the invitation produced.",
        "outcome": "The outcome was recorded.",
        "followed-up": "The follow-up was recorded.",
        "postponement": "The postponement request was recorded.",
        "answered": "The postponement request was answered.",
    ]

    struct InterviewRow {
        let number: Int
        let anchor: String
        let when: String
        let kind: String
        let place: String
        let interpreter: String
        let decisionMaker: String
        let status: String
        let statusClass: String
        let links: [String]
        let outcomeLines: [String]
        let canRecordOutcome: Bool
        let canFollowUp: Bool
        let followUpText: String
    }

    struct OptionRow {
        let rank: Int
        let when: String
        let place: String
        let interpreter: String
        let decisionMaker: String
        let reasons: [String]
        let date: String
        let start: String
        let room: String
        let interpreterCode: String
        let decisionMakerCode: String
        let idSuffix: String
    }

    struct LetterRow {
        let title: String
        let dated: String
        let recipients: String
        let method: String
        let producedBy: String
        let body: String
    }

    struct PostponementRow {
        let number: Int
        let summary: String
        let status: String
        let answer: String
        let isOpen: Bool
        let idSuffix: String
    }

    let reference: String
    let name: String
    let version: Int
    let csrfToken: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let hasNotice: Bool
    let notice: String
    let needs: [SummaryRowModel]
    let hasNeeds: Bool
    let interviews: [InterviewRow]
    let hasInterviews: Bool
    let canBook: Bool
    let canRecord: Bool
    let options: [OptionRow]
    let hasOptions: Bool
    let optionsIntro: String
    let problems: [String]
    let hasBooked: Bool
    let rebooking: String
    let hasRebooking: Bool
    let replaces: String
    let methodSelect: SelectModel
    let homeArea: SelectModel
    let maximumTravelKm: TextInputModel
    let language: SelectModel
    let dialect: TextInputModel
    let kind: ChoicesModel
    let arrangements: ChoicesModel
    let needsNotes: TextareaModel
    let outcome: ChoicesModel
    let actualMinutes: TextInputModel
    let seniorCaseworkerAgreement: TextInputModel
    let cancellationReason: SelectModel
    let cancelledBy: SelectModel
    let technicalSpecialistAgreement: TextInputModel
    let outcomeNote: TextareaModel
    let letterMethod: SelectModel
    let followUpAction: ChoicesModel
    let followUpResponse: TextareaModel
    let postponements: [PostponementRow]
    let hasPostponements: Bool
    let requestedBy: ChoicesModel
    let received: TextInputModel
    let postponementReason: TextareaModel
    let medicalEvidence: TextareaModel
    let bookedNumber: String
    let granted: ChoicesModel
    let notBefore: TextInputModel
    let answerReason: TextareaModel
    let letters: [LetterRow]
    let hasLetters: Bool

    init(claim: Claim, interviews: ClaimInterviews, options: InterviewOptions?, actor: Actor, now: Instant, csrfToken: String, form: FormData, errors: FieldErrors, notice: String?) {
        reference = claim.reference.rawValue
        name = claim.facts.mainApplicant.fullName
        version = claim.version
        self.csrfToken = csrfToken
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        hasNotice = notice != nil
        self.notice = notice ?? ""
        let writable = AccessPolicy.canWrite(claimOwnedBy: claim.owningUnit, actor: actor)
        canBook = writable && AccessPolicy.interviewBookers.contains(actor.role) && claim.stage.isOpen
        canRecord = writable && AccessPolicy.interviewOutcomeRecorders.contains(actor.role)

        let current = claim.work.interviewNeeds
        var needRows: [SummaryRowModel] = []
        if let current {
            let place = UKPlaces.all.min { $0.point.kilometres(to: current.home) < $1.point.kilometres(to: current.home) }
            needRows.append(SummaryRowModel("Lives near", [place.map { "\($0.name)" } ?? "Recorded by coordinates"]))
            needRows.append(SummaryRowModel("Can travel up to", ["\(current.maximumTravelKm) km"]))
            needRows.append(SummaryRowModel("Interpreter", [current.language.map { Languages.displayName(language: $0.language, dialect: $0.dialect) } ?? "Not needed"]))
            needRows.append(SummaryRowModel("Interview", [current.kind.title]))
            needRows.append(SummaryRowModel("Arrangements", current.arrangements.isEmpty ? ["None"] : current.arrangements))
            if let notes = current.notes { needRows.append(SummaryRowModel("Notes", [notes])) }
        }
        needs = needRows
        hasNeeds = current != nil

        let tasks = Dictionary(interviews.tasks.map { ($0.interview, $0) }, uniquingKeysWith: { first, _ in first })
        self.interviews = interviews.interviews.reversed().map { record in
            var links: [String] = []
            if let replaces = record.replaces { links.append("Rebooks interview \(replaces)") }
            if let replacedBy = record.replacedBy { links.append("Rebooked as interview \(replacedBy)") }
            var lines: [String] = []
            var canFollowUp = false
            var followUpText = ""
            switch record.outcome {
            case let .completed(minutes, agreement)?:
                lines.append("Took \(minutes) minutes" + (agreement.map { "; longer agreed by \($0.rawValue)" } ?? ""))
            case let .cancelled(reason, by, note)?:
                lines.append("Cancelled by the \(by.title.lowercased()): \(reason.title)" + (note.map { ". \($0)" } ?? ""))
            case let .noShow(letter, respondBy)?:
                lines.append("Failure-to-attend letter dated \(letter.dated.longForm); response due by \(respondBy.longForm)")
                if let task = tasks[record.number] {
                    if task.status == "open" {
                        canFollowUp = true
                        followUpText = now < task.dueAt
                            ? "The claimant has until \(task.dueAt.longForm) to respond. If they give a good reason, rebook; withdrawal can be proposed only after that."
                            : "The response period ended on \(task.dueAt.longForm). Decide: rebook, or propose treating the claim as withdrawn."
                    } else {
                        lines.append("Followed up: \(task.resolution ?? "done")" + (task.resolvedBy.map { " by \($0.rawValue)" } ?? ""))
                    }
                }
            case let .suspended(reason)?: lines.append("Suspended: \(reason)")
            case let .continuationNeeded(agreement, note)?: lines.append("Continuation agreed by \(agreement.rawValue)" + (note.map { ". \($0)" } ?? ""))
            case .withdrawn?: lines.append("Withdrawn")
            case nil: break
            }
            let (status, statusClass) = Self.tag(record.status)
            return InterviewRow(
                number: record.number, anchor: "interview-\(record.number)", when: record.slot.when, kind: record.kind.title,
                place: "\(record.slot.location), room \(record.slot.room)", interpreter: record.slot.interpreter ?? "None needed",
                decisionMaker: record.slot.decisionMaker.rawValue, status: status, statusClass: statusClass, links: links, outcomeLines: lines,
                canRecordOutcome: record.status == "booked", canFollowUp: canFollowUp, followUpText: followUpText
            )
        }
        hasInterviews = !interviews.interviews.isEmpty
        let booked = interviews.interviews.first { $0.status == "booked" }
        hasBooked = booked != nil
        bookedNumber = booked.map { String($0.number) } ?? ""
        // The latest interview that did not go ahead and was not rebooked: a new booking replaces it.
        let toReplace = interviews.interviews.last.flatMap { last in
            ["cancelled", "no-show", "suspended", "continuation-needed"].contains(last.status) && last.replacedBy == nil ? last : nil
        }
        replaces = toReplace.map { String($0.number) } ?? ""
        hasRebooking = toReplace != nil
        rebooking = toReplace.map { "Booking now rebooks interview \($0.number) (\(Self.tag($0.status).0.lowercased()), \($0.slot.date.longForm)): the two are linked." } ?? ""

        let found = options?.options ?? []
        self.options = found.enumerated().map { index, option in
            OptionRow(
                rank: index + 1, when: option.slot.when, place: "\(option.locationName), \(option.roomName) (\(option.distanceKm) km)",
                interpreter: option.interpreterName ?? "None needed", decisionMaker: option.decisionMakerName, reasons: option.reasons,
                date: option.slot.date.iso, start: InterviewResourceRules.clockTime(option.slot.start), room: option.slot.room,
                interpreterCode: option.slot.interpreter ?? "", decisionMakerCode: option.slot.decisionMaker.rawValue, idSuffix: "\(index + 1)"
            )
        }
        hasOptions = !found.isEmpty && booked == nil
        optionsIntro = options.map { "Searched \($0.earliest.longForm) to \($0.latest.longForm) for a \($0.requiredMinutes)-minute interview. The earliest date is the minimum notice (\(BookingPolicy.minimumNoticeWorkingDays) working days), or a postponement's date." } ?? ""
        problems = booked == nil ? (options?.problems ?? []) : []
        methodSelect = SelectModel("method", label: "Send the invitation by", options: LetterMethod.allCases.map { ($0.rawValue, $0.title) }, selected: form["method"] ?? "post", errors: errors)

        let areaDefault = current.flatMap { needs in UKPlaces.all.min { $0.point.kilometres(to: needs.home) < $1.point.kilometres(to: needs.home) }?.name }
            ?? claim.facts.address.flatMap { UKPlaces.place(named: $0.town)?.name } ?? ""
        homeArea = SelectModel(
            "homeArea", label: "Town or city where the claimant lives", hint: "The nearest on the list. Interview locations are found by distance from it.",
            options: [("", "Choose a town or city")] + UKPlaces.all.map { ($0.name, $0.name) }, selected: form["homeArea"] ?? areaDefault, errors: errors
        )
        maximumTravelKm = TextInputModel(
            "maximumTravelKm", label: "Furthest the claimant can travel, in kilometres", hint: "Leave empty for \(BookingPolicy.defaultMaximumTravelKm) km.", values: form, errors: errors,
            width: "4", value: form["maximumTravelKm"] ?? current.map { String($0.maximumTravelKm) }
        )
        let spoken = current?.language ?? claim.facts.languages.first.map { InterpreterLanguage(language: $0.language, dialect: $0.dialect) }
        language = SelectModel(
            "language", label: "Interpreter's language", hint: "Leave as 'No interpreter needed' when the claimant is interviewed in English.",
            options: [("", "No interpreter needed")] + Languages.all.map { ($0.code, $0.name) }, selected: form["language"] ?? spoken?.language ?? "", errors: errors
        )
        dialect = TextInputModel(
            "dialect", label: "Dialect (optional)", hint: "For example sorani, kurmanji, sylheti, moroccan. Leave empty when any dialect will do.", values: form,
            errors: errors, width: "10", value: form["dialect"] ?? spoken?.dialect
        )
        kind = ChoicesModel.radios(
            "kind", legend: "Kind of interview", choices: InterviewKind.allCases.map { ($0.rawValue, "\($0.title) (\(InterviewPolicy.current.slotMinutes[$0] ?? 0) minutes)") },
            selected: form["kind"] ?? current?.kind.rawValue ?? InterviewKind.substantive.rawValue, errors: errors
        )
        var flagValues = form
        if form["homeArea"] == nil, let current {
            flagValues = FormData(body: [
                current.responsibleAdultArranged ? "responsibleAdultArranged=yes" : "", current.needsStepFreeAccess ? "needsStepFreeAccess=yes" : "",
                current.needsTransport ? "needsTransport=yes" : "", current.needsChildcare ? "needsChildcare=yes" : "",
            ].filter { !$0.isEmpty }.joined(separator: "&"))
        }
        arrangements = ChoicesModel.flags("arrangements", legend: "Arrangements", flags: [
            ("responsibleAdultArranged", "A responsible adult is arranged (children only)", "A child's interview is not booked until one is: it gets breaks and a child-suitable room."),
            ("needsStepFreeAccess", "Needs step-free access", ""), ("needsTransport", "Transport to be arranged", ""), ("needsChildcare", "Childcare to be arranged", ""),
        ], values: flagValues, errors: errors)
        needsNotes = TextareaModel("needs-notes", name: "notes", label: "Anything else the booker should know (optional)", value: form["notes"] ?? current?.notes ?? "", errors: errors, rows: 2)

        outcome = ChoicesModel.radios(
            "outcome", legend: "What happened", choices: InterviewOutcome.codes.map { ($0, Self.tag($0).0) }, selected: form["outcome"] ?? "", errors: errors
        )
        actualMinutes = TextInputModel("actualMinutes", label: "Completed: how long it took, in minutes", hint: "Over \(InterviewPolicy.current.agreementNeededAfterMinutes) minutes needs a senior caseworker's agreement (9.30).", values: form, errors: errors, width: "4")
        seniorCaseworkerAgreement = TextInputModel("seniorCaseworkerAgreement", label: "Completed over two hours: the senior caseworker who agreed (username)", values: form, errors: errors, width: "10")
        cancellationReason = SelectModel("cancellationReason", label: "Cancelled: why", options: [("", "Choose a reason")] + CancellationReason.allCases.map { ($0.rawValue, $0.title) }, selected: form["cancellationReason"] ?? "", errors: errors)
        cancelledBy = SelectModel("cancelledBy", label: "Cancelled: by whom", options: [("", "Choose who")] + CancelledBy.allCases.map { ($0.rawValue, $0.title) }, selected: form["cancelledBy"] ?? "", errors: errors)
        technicalSpecialistAgreement = TextInputModel("technicalSpecialistAgreement", label: "Continuation needed: the technical specialist who agreed (username)", values: form, errors: errors, width: "10")
        outcomeNote = TextareaModel("outcome-note", name: "note", label: "Note", hint: "Required for 'suspended' (why) and for a cancellation whose reason is 'other'.", value: form["note"] ?? "", errors: errors, rows: 2)
        letterMethod = SelectModel("letterMethod", label: "No-show: send the failure-to-attend letter by", options: LetterMethod.allCases.map { ($0.rawValue, $0.title) }, selected: form["letterMethod"] ?? "post", errors: errors)
        followUpAction = ChoicesModel.radios("action", legend: "What follows", choices: FailureToAttendAction.allCases.map { ($0.rawValue, $0.title) }, selected: form["action"] ?? "", errors: errors, id: "followUpAction")
        followUpResponse = TextareaModel("followUpResponse", name: "response", label: "The claimant's or representative's response, if any", value: form["response"] ?? "", errors: errors, rows: 2)

        postponements = interviews.postponements.reversed().map { record in
            let request = record.request
            var summary = "Asked by the \(request.requestedBy.title.lowercased()), received \(request.received.longForm): \(request.reason)"
            if let evidence = request.medicalEvidence { summary += ". Medical evidence: \(evidence)" }
            let answer = record.answer.map { answer in
                (answer.granted ? "Granted" + (answer.notBefore.map { ": no interview before \($0.longForm)" } ?? "") : "Refused") + " by \(answer.answeredBy.rawValue): \(answer.reason)"
            } ?? ""
            return PostponementRow(number: request.number, summary: summary, status: record.status.capitalisedFirst, answer: answer, isOpen: record.status == "open", idSuffix: "\(request.number)")
        }
        hasPostponements = !interviews.postponements.isEmpty
        requestedBy = ChoicesModel.radios("requestedBy", legend: "Who asked", choices: [("claimant", "The claimant"), ("representative", "Their representative")], selected: form["requestedBy"] ?? "", errors: errors, inline: true)
        received = TextInputModel("received", label: "Date received", hint: "YYYY-MM-DD", values: form, errors: errors, width: "10")
        postponementReason = TextareaModel("postponement-reason", name: "reason", label: "The reason given", value: form["reason"] ?? "", errors: errors, rows: 2)
        medicalEvidence = TextareaModel("medicalEvidence", name: "medicalEvidence", label: "Medical evidence supplied (optional)", value: form["medicalEvidence"] ?? "", errors: errors, rows: 2)
        granted = ChoicesModel.radios("granted", legend: "Answer", choices: [("yes", "Grant"), ("no", "Refuse")], selected: form["granted"] ?? "", errors: errors, inline: true)
        notBefore = TextInputModel("notBefore", label: "If granted: no interview before (optional, YYYY-MM-DD)", values: form, errors: errors, width: "10")
        answerReason = TextareaModel("answer-reason", name: "reason", label: "Reason for the answer", value: "", errors: errors, rows: 2)

        letters = interviews.letters.reversed().map { record in
            LetterRow(
                title: record.letter.kind.title, dated: record.letter.dated.longForm, recipients: record.letter.recipients.joined(separator: "; "),
                method: record.letter.method.title, producedBy: record.letter.producedBy.rawValue, body: record.letter.body
            )
        }
        hasLetters = !interviews.letters.isEmpty
    }

    /// The words and tag colour of a status.
    static func tag(_ status: String) -> (String, String) {
        switch status {
        case "booked": ("Booked", "govuk-tag--blue")
        case "completed": ("Completed", "govuk-tag--green")
        case "cancelled": ("Cancelled", "govuk-tag--grey")
        case "no-show": ("Did not attend", "govuk-tag--red")
        case "suspended": ("Suspended", "govuk-tag--orange")
        case "continuation-needed": ("Continuation needed", "govuk-tag--yellow")
        case "withdrawn": ("Withdrawn", "govuk-tag--grey")
        default: (status, "govuk-tag--grey")
        }
    }
}
