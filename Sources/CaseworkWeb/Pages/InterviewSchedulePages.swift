import CaseworkDomain
import CaseworkScheduling
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// The planner's week of interviews (issue 4, "Scheduling a week").
///
/// - `GET  /planning/interviews?week=&unit=&operation=` — the proposed schedule for the week: counts, the interviews by
///   day and location, and each claim left unbooked with the constraint that stopped it.
/// - `POST /planning/interviews` — books it, with a reason; back to the page with what was booked and skipped.
///
/// Workflow planners and operations managers schedule any unit or every unit; a team leader their own unit
/// (`AccessPolicy.weekSchedulingScope`).
extension PagesController {
    func addInterviewScheduleRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.get("planning/interviews", use: interviewSchedulePage)
        group.post("planning/interviews", use: bookInterviewSchedule)
    }

    @Sendable func interviewSchedulePage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let values = FormData(body: request.uri.query ?? "")
        var notice: String?
        if let booked = values["booked"].flatMap(Int.init) {
            let skipped = values["skipped"].flatMap(Int.init) ?? 0
            notice = "Booked \(groupedNumber(booked)) \(booked == 1 ? "interview" : "interviews"), each with its invitation"
                + (skipped > 0 ? "; \(groupedNumber(skipped)) skipped because the claim or the time changed after the schedule was made." : ".")
        }
        return try await interviewScheduleResponse(identity: identity, values: values, errors: FieldErrors(), notice: notice, status: .ok)
    }

    @Sendable func bookInterviewSchedule(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = context.form ?? FormData(body: "")
        var errors = FieldErrors()
        do {
            let plan = try await InterviewWeekRun.plan(store: store, week: form["week"], unit: form["unit"], operation: form["operation"], actor: identity.actor)
            let result = try await store.bookWeek(plan.choices, reason: form["reason"], by: identity.actor)
            var query = ["week=\(plan.inputs.monday.iso)"]
            if let unit = form["unit"], !unit.isEmpty { query.append("unit=\(queryEncode(unit))") }
            if let operation = form["operation"], !operation.isEmpty { query.append("operation=\(queryEncode(operation))") }
            query += ["booked=\(result.booked.count)", "skipped=\(result.skipped.count)"]
            return seeOther("/planning/interviews?" + query.joined(separator: "&") + "#result")
        } catch let failure as ValidationFailure {
            for error in failure.errors {
                let key = ["week", "unit", "operation"].contains(error.field) ? error.field : "reason"
                errors.add(error.message, key: key, anchor: key == "reason" ? "schedule-reason" : key)
            }
        }
        return try await interviewScheduleResponse(identity: identity, values: form, errors: errors, notice: nil, status: .unprocessableContent)
    }

    func interviewScheduleResponse(identity: Identity, values: FormData, errors: FieldErrors, notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let actor = identity.actor
        let scope = try AccessPolicy.weekSchedulingScope(unit: nil, actor: actor)
        var errors = errors
        let today = store.clock.now().date
        let firstWeek = try InterviewWeekRun.defaultMonday(today: today)
        let weekText = (values["week"] ?? "").isEmpty ? firstWeek.iso : values["week"]!
        var plan: InterviewWeekPlan?
        do {
            plan = try await InterviewWeekRun.plan(store: store, week: weekText, unit: values["unit"], operation: values["operation"], actor: actor)
        } catch let failure as ValidationFailure {
            for error in failure.errors { errors.add(error.message, key: error.field, anchor: error.field) }
        }
        errors.order(byAnchors: ["week", "unit", "operation", "schedule-reason"])
        var units: [(value: String, text: String)] = []
        if scope == nil {
            units = [("", "Every unit")] + (try await store.units()).filter { $0.kind == "dmu" }.map { ($0.code.rawValue, "\($0.code.rawValue) \($0.name)") }
        }
        let operations = try await store.planningState().operations.map { ($0.operation.code, "\($0.operation.name) (\($0.operation.code))") }
        let model = InterviewSchedulePageModel(
            plan: plan, week: weekText, example: firstWeek, unit: (values["unit"] ?? "").uppercased(), operation: (values["operation"] ?? "").uppercased(), ownUnit: scope?.rawValue,
            units: units, operations: [("", "Any claim")] + operations, csrfToken: identity.csrfToken ?? "", errors: errors, reason: values["reason"] ?? "",
            notice: notice
        )
        return renderer.response(
            "interview-schedule", title: (errors.isEmpty ? "" : "Error: ") + "Schedule a week of interviews", chrome: .signedIn(identity, current: "interview-schedule"),
            model: model, status: errors.isEmpty ? status : .unprocessableContent
        )
    }
}

/// Reading, scheduling and planning a week, the same way for the page and the API.
enum InterviewWeekRun {
    /// The week to show first: the first whole week on or after the earliest date an interview can be booked.
    static func defaultMonday(today: LocalDate) throws -> LocalDate {
        InterviewWeekInputs.nextMonday(after: try InterviewWeekInputs.earliestDate(today: today).adding(days: -1))
    }

    /// The week's plan: the week, unit and operation as typed (refused by field when wrong), read from the store,
    /// scheduled and checked.
    static func plan(store: CaseworkStore, week: String?, unit: String?, operation: String?, actor: Actor) async throws -> InterviewWeekPlan {
        let monday = try InterviewWeekInputs.monday(from: week, today: store.clock.now().date)
        let unit = unit.map { $0.trimmingWhitespace.uppercased() }.flatMap { $0.isEmpty ? nil : UnitID($0) }
        let inputs = try await store.interviewWeekInputs(week: monday, unit: unit, operation: operation, for: actor)
        return try InterviewWeekSchedule(inputs).schedule()
    }
}

// MARK: View models

struct ScheduleRowModel {
    let time: String
    let room: String
    let reference: String
    let href: String
    let rank: String
    let tier: Int
    let kind: String
    let interpreter: String
    let decisionMaker: String
    let distance: String
}

struct ScheduleDayModel {
    let id: String
    let caption: String
    let rows: [ScheduleRowModel]
}

struct UnbookedRowModel {
    let reference: String
    let href: String
    let rank: String
    let explanation: String
}

struct UnbookedGroupModel {
    let id: String
    let heading: String
    let rule: String
    let rows: [UnbookedRowModel]
}

struct RefusedRowModel {
    let reference: String
    let href: String
    let problems: String
}

struct InterviewSchedulePageModel {
    let hasNotice: Bool
    let notice: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let week: TextInputModel
    let chooseUnit: Bool
    let unit: SelectModel
    let ownUnit: String
    let operation: SelectModel
    let hasPlan: Bool
    let title: String
    let scope: String
    let earliest: String
    let hasHolidays: Bool
    let holidays: [String]
    let waiting: String
    let toBook: String
    let bookButton: String
    let toBookCount: Int
    let unbookedCount: String
    let seconds: String
    let days: [ScheduleDayModel]
    let hasBookings: Bool
    let hasRefused: Bool
    let refused: [RefusedRowModel]
    let groups: [UnbookedGroupModel]
    let hasUnbooked: Bool
    let weekValue: String
    let unitValue: String
    let operationValue: String
    let csrfToken: String
    let reason: TextareaModel

    /// What each constraint means, for the headings of the unbooked groups.
    static let ruleText: [ScheduleConstraint: String] = [
        .responsibleAdult: "A child is interviewed only with a responsible adult",
        .travelDistance: "No location with slots is within the claimant's travel limit",
        .notice: "No slot on or after the earliest date (minimum notice, or a postponement)",
        .locationClosed: "Every location in reach is closed on the days left",
        .slotLength: "No free slot is long enough for the interview",
        .roomAccess: "No suitable room (step-free, or suitable for a child)",
        .interpreterLanguage: "No interpreter in the language and dialect on the register",
        .interpreterAvailable: "No interpreter in the language works at a location in reach",
        .decisionMakerTrained: "No decision maker trained for the claim's cohort (or for children) declared the week",
        .decisionMakerAvailable: "No decision maker for the claim declared a day at a location in reach",
        .capacity: "Slots would have done, but went to more urgent claims or had no free interpreter or decision maker",
    ]

    init(
        plan: InterviewWeekPlan?, week: String, example: LocalDate, unit: String, operation: String, ownUnit: String?, units: [(value: String, text: String)],
        operations: [(value: String, text: String)], csrfToken: String, errors: FieldErrors, reason: String, notice: String?
    ) {
        hasNotice = notice != nil
        self.notice = notice ?? ""
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        self.week = TextInputModel(
            "week", label: "Week starting", hint: "The Monday, as YYYY-MM-DD, for example \(example.iso)", values: FormData(body: ""), errors: errors, width: "10",
            labelClass: "govuk-label--s", value: week
        )
        chooseUnit = ownUnit == nil
        self.unit = SelectModel("unit", label: "Unit", options: units, selected: unit, errors: errors, labelClass: "govuk-label--s")
        self.ownUnit = ownUnit ?? ""
        self.operation = SelectModel("operation", label: "Operation", options: operations, selected: operation, errors: errors, labelClass: "govuk-label--s")
        hasPlan = plan != nil
        weekValue = plan?.inputs.monday.iso ?? week
        unitValue = ownUnit == nil ? unit : ""
        operationValue = operation
        self.csrfToken = csrfToken
        self.reason = TextareaModel(
            "schedule-reason", name: "reason", label: "Why you are booking this week",
            hint: "Recorded on every interview booked, for example: weekly booking of the Glasgow legacy cohort.", value: reason, errors: errors,
            errorKey: "reason", rows: 3
        )
        guard let plan else {
            title = ""
            scope = ""
            earliest = ""
            waiting = ""
            toBook = ""
            bookButton = ""
            toBookCount = 0
            unbookedCount = ""
            seconds = ""
            holidays = []
            hasHolidays = false
            days = []
            hasBookings = false
            refused = []
            hasRefused = false
            groups = []
            hasUnbooked = false
            return
        }
        let inputs = plan.inputs
        title = "Monday \(inputs.monday.longForm)"
        var scope = inputs.unit.map { "Unit \($0.rawValue)" } ?? "Every unit"
        if let operation = inputs.operation { scope += ", claims in the cohort of \(operation)" }
        self.scope = scope
        earliest = "\(inputs.earliest.weekday.name) \(inputs.earliest.longForm)"
        holidays = inputs.bankHolidays.map { "\($0.date.weekday.name) \($0.date.longForm): \($0.name)" }
        hasHolidays = !holidays.isEmpty
        waiting = groupedNumber(inputs.claims.count)
        toBookCount = plan.bookings.count
        toBook = groupedNumber(plan.bookings.count)
        bookButton = plan.bookings.count == 1 ? "Book 1 interview" : "Book \(toBook) interviews"
        unbookedCount = groupedNumber(plan.unbooked.count)
        seconds = String(format: "%.2f", plan.result.seconds)
        var days: [ScheduleDayModel] = []
        for booking in plan.bookings {
            let slot = booking.choice.slot
            let caption = "\(slot.date.weekday.name) \(slot.date.longForm), \(booking.locationName)"
            let row = ScheduleRowModel(
                time: "\(InterviewResourceRules.clockTime(slot.start)) to \(InterviewResourceRules.clockTime(slot.start + slot.minutes))", room: booking.roomName,
                reference: booking.choice.claim.rawValue, href: "/claims/\(booking.choice.claim.rawValue)/interviews", rank: groupedNumber(booking.claim.rank),
                tier: booking.claim.tier, kind: booking.claim.needs.kind.title + (booking.claim.child ? ", a child" : ""),
                interpreter: booking.interpreterName ?? "None needed", decisionMaker: booking.decisionMakerName, distance: "\(booking.distanceKm) km"
            )
            if days.last?.caption == caption {
                days[days.count - 1] = ScheduleDayModel(id: days[days.count - 1].id, caption: caption, rows: days[days.count - 1].rows + [row])
            } else {
                days.append(ScheduleDayModel(id: "day-\(slot.date.iso)-\(slot.location)", caption: caption, rows: [row]))
            }
        }
        self.days = days
        hasBookings = !days.isEmpty
        refused = plan.refused.map {
            RefusedRowModel(reference: $0.claim.rawValue, href: "/claims/\($0.claim.rawValue)/interviews", problems: $0.problems.joined(separator: "; "))
        }
        hasRefused = !refused.isEmpty
        let ranks = Dictionary(inputs.claims.map { ($0.reference.rawValue, $0.rank) }, uniquingKeysWith: { first, _ in first })
        groups = plan.unbookedByConstraint.map { group in
            UnbookedGroupModel(
                id: "unbooked-\(group.constraint.rawValue)", heading: "\(group.constraint.rawValue) (\(groupedNumber(group.claims.count)))",
                rule: Self.ruleText[group.constraint] ?? "",
                rows: group.claims.map {
                    UnbookedRowModel(reference: $0.claim, href: "/claims/\($0.claim)/interviews", rank: ranks[$0.claim].map(groupedNumber) ?? "", explanation: $0.explanation)
                }
            )
        }
        hasUnbooked = !groups.isEmpty
    }
}
