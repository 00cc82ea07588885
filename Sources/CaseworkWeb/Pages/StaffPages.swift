import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for staff records, training, working pattern, absences and effective capacity, and the team leader's live
/// team page (`TeamPage.swift`).
///
/// - `GET  /staff?unit=` — the staff of a unit with their capacity today (the viewer's unit; any unit for national roles)
/// - `GET  /staff/:username` — a record: summary, the profile form, absences and the history of changes
/// - `POST /staff/:username/profile` — change the profile (`AccessPolicy.canKeepStaffRecord`)
/// - `POST /staff/:username/absences` — record an absence
/// - `POST /staff/:username/absences/remove` — remove one (the form names its first day)
/// - `GET  /team?unit=&team=` — the live team page (`StaffAccess.refusalToSeeTeam`)
extension PagesController {
    func addStaffRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.get("staff", use: staffListPage)
        group.get("staff/:username", use: staffRecordPage)
        group.post("staff/:username/profile", use: changeStaffProfile)
        group.post("staff/:username/absences", use: addStaffAbsence)
        group.post("staff/:username/absences/remove", use: removeStaffAbsence)
        group.get("team", use: teamPage)
    }

    /// `GET /staff?unit=`: the unit's staff, by team, with training, sign-off, FTE, effective FTE and absence today.
    @Sendable func staffListPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let actor = identity.actor
        let query = FormData(body: request.uri.query ?? "")
        let national = AccessPolicy.nationalRoles.contains(actor.role)
        let units = try await store.units()
        var unit = actor.unit
        var errors = FieldErrors()
        if let asked = query["unit"]?.trimmingWhitespace, !asked.isEmpty, asked != actor.unit.rawValue {
            if !national {
                throw AccessDenied("\(actor.role.title)s see the staff of their own unit only.")
            } else if units.contains(where: { $0.code.rawValue == asked }) {
                unit = UnitID(asked)
            } else {
                errors.add("Select a unit from the list", key: "unit", anchor: "unit")
            }
        }
        let today = store.clock.now().date
        let records = try await store.staffRecords(unit: unit, for: actor).filter(\.member.active)
        let capacity = StaffCapacity(
            unit: unit, team: nil, date: today, records: records.filter { StaffAccess.capacityRoles.contains($0.member.role) }, policy: .current
        )
        let model = StaffListPageModel(
            unit: unit.rawValue, unitName: units.first { $0.code == unit }?.name ?? unit.rawValue, today: today.longForm,
            hasErrors: !errors.isEmpty, errors: errors.summary, canPickUnit: national,
            unitSelect: SelectModel(
                "unit", label: "Unit", options: units.map { ($0.code.rawValue, "\($0.name) (\($0.code.rawValue))") }, selected: unit.rawValue, errors: errors,
                labelClass: "govuk-label--s"
            ),
            hasStaff: !records.isEmpty, countText: records.count == 1 ? "1 member of staff" : "\(records.count) members of staff",
            rows: records.map { StaffRowModel($0, today: today) },
            capacityText: "Decision makers: \(capacity.totals.headcount), \(StaffProfile.fteText(capacity.totals.fte)) FTE contracted, "
                + "\(StaffProfile.fteText(capacity.totals.effectiveFTE)) effective FTE today (9.22's adjusted FTE), \(capacity.totals.absent) away today, "
                + "\(capacity.totals.headcount - capacity.totals.signedOff) on 100% checks."
        )
        let title = (errors.isEmpty ? "" : "Error: ") + "Staff of \(unit.rawValue)"
        return renderer.response("staff-list", title: title, chrome: .signedIn(identity, current: "staff"), model: model, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// `GET /staff/:username`: the record, its forms and its history.
    @Sendable func staffRecordPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        return try await staffRecordResponse(identity: identity, username: try Self.staffUsername(context), state: StaffFormState(), errors: FieldErrors(), status: .ok)
    }

    /// `POST /staff/:username/profile`: replaces the profile with what the form says.
    @Sendable func changeStaffProfile(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = StaffFormState()
        state.profile = form
        let date = DateInputModel.read("startDate", from: form)
        let trained = form["trainedFor"] ?? ""
        let input = StaffProfileInput(
            team: form["team"], trainedFor: trained == "not-recorded" ? "" : trained, childrensCasework: form.isChecked("childrensCasework"),
            startDate: date.value, signedOff: form["signedOff"] == "yes", fte: form["fte"], operation: form["operation"]
        )
        var early = FieldErrors()
        if let problem = date.problem { early.add("The start date in role \(problem)", key: "startDate", anchor: "startDate") }
        let keys = ["team": "team", "trainedFor": "trainedFor", "childrensCasework": "childrensCasework", "startDate": "startDate", "signedOff": "signedOff",
                    "fte": "fte", "operation": "operation", "reason": "profile-reason"]
        let today = store.clock.now().date
        return try await staffChange(
            context: context, state: state, fieldKeys: keys, primaryField: "team", anchor: "profile", early: early, check: { _ = try input.validated(today: today) }
        ) { username, actor in
            try await store.updateStaffProfile(username, to: input, by: actor, reason: form["profile-reason"])
        }
    }

    /// `POST /staff/:username/absences`: records an absence.
    @Sendable func addStaffAbsence(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        var state = StaffFormState()
        state.absence = form
        let first = DateInputModel.read("absence-firstDay", from: form)
        let last = DateInputModel.read("absence-lastDay", from: form)
        var early = FieldErrors()
        if let problem = first.problem { early.add("The first day away \(problem)", key: "absence-firstDay", anchor: "absence-firstDay") }
        if let problem = last.problem { early.add("The last day away \(problem)", key: "absence-lastDay", anchor: "absence-lastDay") }
        // One day away needs only the first day.
        let input = StaffAbsenceInput(firstDay: first.value, lastDay: last.value ?? (last.problem == nil ? first.value : nil), kind: form["absence-kind"])
        let keys = ["firstDay": "absence-firstDay", "lastDay": "absence-lastDay", "kind": "absence-kind", "reason": "absence-reason"]
        let today = store.clock.now().date
        return try await staffChange(
            context: context, state: state, fieldKeys: keys, primaryField: "absence-firstDay", anchor: "absences", early: early, check: { _ = try input.validated(today: today) }
        ) { username, actor in
            try await store.addStaffAbsence(username, input, by: actor, reason: form["absence-reason"])
        }
    }

    /// `POST /staff/:username/absences/remove`: removes the absence starting on the form's `firstDay`.
    @Sendable func removeStaffAbsence(_ request: Request, context: Context) async throws -> Response {
        let form = context.form ?? FormData(body: "")
        guard let firstDay = LocalDate(iso: (form["firstDay"] ?? "").trimmingWhitespace) else { throw HTTPError(.badRequest, message: "The form did not say which absence to remove.") }
        return try await staffChange(context: context, state: StaffFormState(), fieldKeys: [:], primaryField: "absences", anchor: "absences", early: FieldErrors(), check: {}) { username, actor in
            try await store.removeStaffAbsence(username, firstDay: firstDay, by: actor, reason: "Removed on the staff record page")
        }
    }

    /// Runs one change to a staff record. On success, back to the record; on a problem, the record again with every
    /// problem named by field and what the user typed kept. `early` holds problems found reading the form (a date
    /// typed in pieces); then nothing is written, and `check` adds the domain's other problems with the input.
    private func staffChange(
        context: Context, state: StaffFormState, fieldKeys: [String: String], primaryField: String, anchor: String, early: FieldErrors,
        check: () throws -> Void, perform: (StaffID, Actor) async throws -> StaffRecord
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let username = try Self.staffUsername(context)
        var errors = early
        func add(_ failure: ValidationFailure) {
            for error in failure.errors {
                let key = fieldKeys[error.field] ?? primaryField
                if early[key].isEmpty { errors.add(error.message, key: key, anchor: key) }
            }
        }
        if !early.isEmpty {
            do { try check() } catch let failure as ValidationFailure { add(failure) }
        } else {
            do {
                _ = try await perform(username, identity.actor)
                return seeOther("/staff/\(staffPathSegment(username.rawValue))#\(anchor)")
            } catch let failure as ValidationFailure {
                add(failure)
            } catch let missing as StaffRecordNotFound {
                guard try await store.staff(username) != nil else { throw HTTPError(.notFound) }
                errors.add(missing.message, key: primaryField, anchor: primaryField)
            }
        }
        return try await staffRecordResponse(identity: identity, username: username, state: state, errors: errors, status: .unprocessableContent)
    }

    func staffRecordResponse(identity: Identity, username: StaffID, state: StaffFormState, errors: FieldErrors, status: HTTPResponse.Status) async throws -> Response {
        let actor = identity.actor
        let record: StaffRecord
        do { record = try await store.staffRecord(username, for: actor) } catch is StaffRecordNotFound { throw HTTPError(.notFound) }
        let history = try await store.staffChanges(of: username, for: actor)
        let operations = try await store.operationChoices()
        let model = StaffPageModel(
            record: record, history: history, operations: operations, today: store.clock.now().date,
            canEdit: AccessPolicy.canKeepStaffRecord(in: record.member.unit, actor: actor), csrfToken: identity.csrfToken ?? "", errors: errors, state: state
        )
        let title = (errors.isEmpty ? "" : "Error: ") + "Staff record of \(record.member.displayName)"
        return renderer.response("staff", title: title, chrome: .signedIn(identity, current: "staff"), model: model, status: status)
    }

    static func staffUsername(_ context: Context) throws -> StaffID {
        let text = context.parameters.get("username") ?? ""
        guard !text.isEmpty, text.count <= 100, !text.contains(" ") else { throw HTTPError(.notFound) }
        return StaffID(text)
    }
}

/// A path segment, percent-encoded (usernames are letters, digits, dots and dashes, but a link must never break).
func staffPathSegment(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}

/// What the user typed into the staff record's two forms, kept when the page is shown again after a problem.
struct StaffFormState {
    /// The profile form, as posted; nil to show the record as it is.
    var profile: FormData?
    /// The absence form, as posted; nil for an empty form.
    var absence: FormData?
}

// MARK: View models

struct StaffRowModel {
    let username: String
    let href: String
    let name: String
    let roleTitle: String
    let team: String
    let training: String
    let signedOffText: String
    let signedOffClass: String
    let fte: String
    let effectiveFTE: String
    let today: String

    init(_ record: StaffRecord, today date: LocalDate) {
        let profile = record.profile
        username = record.member.username.rawValue
        href = "/staff/" + staffPathSegment(username)
        name = record.member.displayName
        roleTitle = record.member.role.title
        team = profile.team ?? "None"
        training = profile.trainingTitle
        signedOffText = profile.signedOff ? "Signed off" : "100% checks"
        signedOffClass = profile.signedOff ? "govuk-tag--green" : "govuk-tag--yellow"
        fte = StaffProfile.fteText(profile.fte)
        effectiveFTE = StaffProfile.fteText(record.effectiveFTE(on: date))
        today = record.absence(on: date).map { "Away: \($0.kind.title.lowercased())" } ?? "At work"
    }
}

struct StaffListPageModel {
    let unit: String
    let unitName: String
    let today: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let canPickUnit: Bool
    let unitSelect: SelectModel
    let hasStaff: Bool
    let countText: String
    let rows: [StaffRowModel]
    let capacityText: String
}

struct AbsenceRowModel {
    let firstDay: String
    let firstDayText: String
    let lastDayText: String
    let kind: String
    let days: Int
    let status: String
}

struct StaffHistoryModel {
    let when: String
    let who: String
    let lines: [String]
    let hasReason: Bool
    let reason: String
}

struct StaffPageModel {
    let username: String
    let usernamePath: String
    let name: String
    let roleTitle: String
    let unit: String
    let csrfToken: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let summary: [SummaryRowModel]
    let canEdit: Bool
    let team: TextInputModel
    let trainedFor: ChoicesModel
    let childrensCasework: ChoicesModel
    let startDate: DateInputModel
    let signedOff: ChoicesModel
    let fte: TextInputModel
    let operation: SelectModel
    let profileReason: TextareaModel
    let hasAbsences: Bool
    let absences: [AbsenceRowModel]
    let absenceFirstDay: DateInputModel
    let absenceLastDay: DateInputModel
    let absenceKind: ChoicesModel
    let absenceReason: TextareaModel
    let hasHistory: Bool
    let history: [StaffHistoryModel]

    init(
        record: StaffRecord, history: [StaffChangeEntry], operations: [(code: String, name: String)], today: LocalDate, canEdit: Bool, csrfToken: String,
        errors: FieldErrors, state: StaffFormState
    ) {
        let member = record.member
        let profile = record.profile
        username = member.username.rawValue
        usernamePath = staffPathSegment(member.username.rawValue)
        name = member.displayName
        roleTitle = member.role.title
        unit = member.unit.rawValue
        self.csrfToken = csrfToken
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        self.canEdit = canEdit
        let absence = record.absence(on: today)
        var rows = [
            SummaryRowModel("Name", member.displayName), SummaryRowModel("Username", member.username.rawValue),
            SummaryRowModel("Role", member.role.title), SummaryRowModel("Unit", member.unit.rawValue),
            SummaryRowModel("Team", profile.team ?? "None recorded"), SummaryRowModel("Trained for", profile.trainingTitle),
            SummaryRowModel.yesNo("Children's casework training", profile.childrensCasework),
        ]
        if let start = profile.startDate {
            let weeks = profile.weeksInRole(on: today).map { $0 == 1 ? "1 week in role" : "\($0) weeks in role" } ?? "not started yet"
            rows.append(SummaryRowModel("Start date in role", "\(start.longForm) (\(weeks))"))
        } else {
            rows.append(SummaryRowModel("Start date in role", "Not recorded: counted as fully effective"))
        }
        rows.append(SummaryRowModel(
            "Competence", [], tags: [profile.signedOff ? TagModel(text: "Signed off", tagClass: "govuk-tag--green") : TagModel(text: "On 100% checks", tagClass: "govuk-tag--yellow")]
        ))
        rows.append(SummaryRowModel("FTE", StaffProfile.fteText(profile.fte)))
        rows.append(SummaryRowModel("Effective FTE today", StaffProfile.fteText(record.effectiveFTE(on: today))))
        rows.append(SummaryRowModel("Today", absence.map { "Away: \($0.kind.title.lowercased()) until \($0.lastDay.longForm)" } ?? "At work"))
        rows.append(SummaryRowModel("Operation", profile.operation.map { code in operations.first { $0.code == code }.map { "\($0.name) (\(code))" } ?? code } ?? "None: the general work in progress"))
        summary = rows

        let values = state.profile ?? Self.formValues(profile)
        team = TextInputModel("team", label: "Team", hint: "The team's name within the unit, for example Team 3", values: values, errors: errors, width: "20", labelClass: "govuk-label--s")
        trainedFor = ChoicesModel.radios(
            "trainedFor", legend: "Trained for",
            choices: CaseworkTraining.allCases.reversed().map { ($0.rawValue, $0.title) } + [("not-recorded", "Not recorded (given any claim)")],
            selected: values["trainedFor"] ?? "", errors: errors
        )
        childrensCasework = ChoicesModel.flags(
            "childrensCasework-options", legend: "Children's casework",
            flags: [("childrensCasework", "Has done the children's casework training", "Only they are given unaccompanied children's claims.")],
            values: values, errors: errors
        )
        startDate = DateInputModel("startDate", legend: "Start date in role", hint: "Effective capacity ramps up from it: about 20% after four weeks, full after seven months. For example, 3 4 2023", values: values, errors: errors)
        signedOff = ChoicesModel.radios(
            "signedOff", legend: "Competence", choices: [("yes", "Signed off as competent"), ("no", "On 100% checks")], selected: values["signedOff"] ?? "no", errors: errors
        )
        fte = TextInputModel("fte", label: "FTE", hint: "1 for full time, 0.6 for three days a week", values: values, errors: errors, width: "4", labelClass: "govuk-label--s")
        operation = SelectModel(
            "operation", label: "Operation (cohort)", hint: "They are given only claims in its cohort.",
            options: [("", "None: the general work in progress")] + operations.map { ($0.code, "\($0.name) (\($0.code))") }
                + (profile.operation.map { code in operations.contains { $0.code == code } ? [] : [(code, "\(code) (closed)")] } ?? []),
            selected: values["operation"] ?? "", errors: errors, labelClass: "govuk-label--s"
        )
        profileReason = TextareaModel("profile-reason", name: "profile-reason", label: "Reason for the change (optional)", value: values["profile-reason"] ?? "", errors: errors, rows: 2)

        hasAbsences = !record.absences.isEmpty
        absences = record.absences.reversed().map { item in
            AbsenceRowModel(
                firstDay: item.firstDay.iso, firstDayText: item.firstDay.longForm, lastDayText: item.lastDay.longForm, kind: item.kind.title, days: item.days,
                status: item.period.contains(today) ? "Away now" : item.lastDay < today ? "Past" : "Planned"
            )
        }
        let absenceValues = state.absence ?? FormData(body: "")
        absenceFirstDay = DateInputModel("absence-firstDay", legend: "First day away", hint: "For example, 30 10 2023", values: absenceValues, errors: errors)
        absenceLastDay = DateInputModel("absence-lastDay", legend: "Last day away", hint: "Leave empty for one day", values: absenceValues, errors: errors)
        absenceKind = ChoicesModel.radios(
            "absence-kind", legend: "Kind of absence", choices: AbsenceKind.allCases.map { ($0.rawValue, $0.title) }, selected: absenceValues["absence-kind"] ?? "",
            errors: errors, inline: true
        )
        absenceReason = TextareaModel("absence-reason", name: "absence-reason", label: "Note (optional)", value: absenceValues["absence-reason"] ?? "", errors: errors, rows: 2)

        hasHistory = !history.isEmpty
        self.history = history.map { entry in
            StaffHistoryModel(
                when: entry.at.longForm, who: "\(entry.actor.rawValue) (\(entry.actorRole.title))", lines: entry.lines,
                hasReason: !(entry.reason ?? "").isEmpty, reason: entry.reason ?? ""
            )
        }
    }

    /// The profile as the form's fields, to show it before any change.
    static func formValues(_ profile: StaffProfile) -> FormData {
        var fields: [(String, String)] = [
            ("team", profile.team ?? ""), ("trainedFor", profile.trainedFor?.rawValue ?? "not-recorded"), ("signedOff", profile.signedOff ? "yes" : "no"),
            ("fte", StaffProfile.fteText(profile.fte)), ("operation", profile.operation ?? ""),
        ]
        if profile.childrensCasework { fields.append(("childrensCasework", "yes")) }
        if let start = profile.startDate {
            fields += [("startDate-day", String(start.day)), ("startDate-month", String(start.month)), ("startDate-year", String(start.year))]
        }
        return FormData(body: fields.map { "\($0.0)=\(queryEncode($0.1))" }.joined(separator: "&"))
    }
}
