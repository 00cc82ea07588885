import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for the interview views (8.66–8.81, fig 24), for the roles in `AccessPolicy.interviewViewers`: unit roles see
/// their own unit, national roles choose one (or, for capacity and outcomes, every unit).
///
/// - `GET /interviews/diary?unit=&from=&to=` — a unit's interviews day by day (default the viewer's unit, this week
///   Monday to Friday; at most 31 days)
/// - `GET /interviews/capacity?week=&unit=` — the planner's week: slots by location, declared availability,
///   interpreters by language against demand, shortfalls flagged
/// - `GET /interviews/outcomes?from=&to=&unit=` — outcome rates by unit and week beside figure 24, cancellations by
///   reason with the interpreter share, rebookings
extension PagesController {
    func addInterviewViewRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.get("interviews/diary", use: interviewDiaryPage)
        group.get("interviews/capacity", use: interviewCapacityPage)
        group.get("interviews/outcomes", use: interviewOutcomesPage)
    }

    /// `GET /interviews/diary`.
    @Sendable func interviewDiaryPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let actor = identity.actor
        let query = FormData(body: request.uri.query ?? "")
        let today = store.clock.now().date
        var errors = FieldErrors()
        var diary: InterviewDiary?
        let filters = try await interviewFilters(actor: actor, query: query, allUnitsChoice: false)
        do {
            let unit = try InterviewViewQuery.unit(query["unit"], required: false) ?? actor.unit
            let range = try InterviewDateRange.parse(
                from: query["from"], to: query["to"], fallback: .workingWeek(containing: today), maximumDays: InterviewViewLimits.diaryMaximumDays
            )
            diary = try await store.interviewDiary(unit: unit, from: range.from, to: range.to, for: actor)
        } catch let failure as ValidationFailure {
            for error in failure.errors { errors.add(error.message, key: error.field, anchor: error.field) }
        }
        let model = InterviewDiaryPageModel(diary: diary, filters: filters, query: query, errors: errors)
        return renderer.response(
            "interview-diary", title: (errors.isEmpty ? "" : "Error: ") + "Interview diary", chrome: .signedIn(identity, current: "interviews"), model: model,
            status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }

    /// `GET /interviews/capacity`.
    @Sendable func interviewCapacityPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let actor = identity.actor
        let query = FormData(body: request.uri.query ?? "")
        let today = store.clock.now().date
        var errors = FieldErrors()
        var capacity: InterviewCapacity?
        let filters = try await interviewFilters(actor: actor, query: query, allUnitsChoice: true)
        do {
            let week = try InterviewViewQuery.week(query["week"], today: today)
            let unit = try InterviewViewQuery.unit(query["unit"], required: false)
            capacity = try await store.interviewCapacity(week: week, unit: unit, for: actor)
        } catch let failure as ValidationFailure {
            for error in failure.errors { errors.add(error.message, key: error.field, anchor: error.field) }
        }
        let model = InterviewCapacityPageModel(capacity: capacity, filters: filters, query: query, today: today, errors: errors)
        return renderer.response(
            "interview-capacity", title: (errors.isEmpty ? "" : "Error: ") + "Interview capacity", chrome: .signedIn(identity, current: "interviews"),
            model: model, status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }

    /// `GET /interviews/outcomes`.
    @Sendable func interviewOutcomesPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let actor = identity.actor
        let query = FormData(body: request.uri.query ?? "")
        let today = store.clock.now().date
        var errors = FieldErrors()
        var rates: InterviewOutcomeRates?
        let filters = try await interviewFilters(actor: actor, query: query, allUnitsChoice: true)
        do {
            let range = try InterviewDateRange.parse(
                from: query["from"], to: query["to"], fallback: InterviewViewQuery.outcomeDefault(today: today), maximumDays: InterviewViewLimits.outcomeMaximumDays
            )
            let unit = try InterviewViewQuery.unit(query["unit"], required: false)
            rates = try await store.interviewOutcomeRates(from: range.from, to: range.to, unit: unit, for: actor)
        } catch let failure as ValidationFailure {
            for error in failure.errors { errors.add(error.message, key: error.field, anchor: error.field) }
        }
        let model = InterviewOutcomesPageModel(rates: rates, filters: filters, query: query, errors: errors)
        return renderer.response(
            "interview-outcomes", title: (errors.isEmpty ? "" : "Error: ") + "Interview outcome rates", chrome: .signedIn(identity, current: "interviews"),
            model: model, status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }

    /// Who may see what, before anything is read: a role outside `interviewViewers` is refused at once, and the unit
    /// choice is offered to national roles only.
    private func interviewFilters(actor: Actor, query: FormData, allUnitsChoice: Bool) async throws -> UnitFilterChoices {
        guard AccessPolicy.interviewViewers.contains(actor.role) else {
            throw AccessDenied("\(actor.role.title)s cannot see the interview diary, capacity or outcome rates.")
        }
        let national = AccessPolicy.nationalRoles.contains(actor.role)
        return UnitFilterChoices(national: national, units: national ? try await store.units() : [], ownUnit: actor.unit, allUnitsChoice: allUnitsChoice)
    }
}

// MARK: View models

/// The three pages' sub-navigation.
enum InterviewViewTab {
    static func tabs(current: String) -> [PageTab] {
        PageTab.tabs([("/interviews/diary", "Diary"), ("/interviews/capacity", "Capacity"), ("/interviews/outcomes", "Outcome rates")], current: current)
    }
}

/// GOV.UK tag colours for an interview's status.
func interviewStatusTagClass(_ status: String) -> String {
    switch status {
    case "booked": "govuk-tag--blue"
    case "completed": "govuk-tag--green"
    case "no-show": "govuk-tag--red"
    case "suspended": "govuk-tag--orange"
    case "continuation-needed": "govuk-tag--yellow"
    default: "govuk-tag--grey"
    }
}

/// `GET /interviews/diary`.
struct InterviewDiaryPageModel {
    struct Entry {
        let time: String
        let claim: String
        let href: String
        let claimantName: String
        let number: Int
        let kind: String
        let location: String
        let room: String
        let interpreter: String
        let language: String
        let decisionMaker: String
        let statusTitle: String
        let statusClass: String
        let hasRebooking: Bool
        let rebooking: [LinkModel]
    }

    struct Day {
        let id: String
        let heading: String
        let isBankHoliday: Bool
        let bankHoliday: String
        let hasEntries: Bool
        let entries: [Entry]
        let countText: String
    }

    let tabs: [PageTab]
    let hasErrors: Bool
    let errors: [ErrorItem]
    let national: Bool
    let ownUnit: String
    let unitSelect: SelectModel
    let from: TextInputModel
    let to: TextInputModel
    let hasDiary: Bool
    let unit: String
    let summary: String
    let days: [Day]

    init(diary: InterviewDiary?, filters: UnitFilterChoices, query: FormData, errors: FieldErrors) {
        tabs = InterviewViewTab.tabs(current: "/interviews/diary")
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        national = filters.national
        ownUnit = filters.ownUnit.rawValue
        let chosenUnit = diary?.unit.rawValue ?? (query["unit"]?.trimmingWhitespace.uppercased()).flatMap { $0.isEmpty ? nil : $0 } ?? filters.ownUnit.rawValue
        unitSelect = filters.unitSelect(selected: chosenUnit, errors: errors)
        from = TextInputModel("from", label: "From", hint: "For example, 2023-10-30", values: query, errors: errors, type: "date", labelClass: "govuk-label--s", value: diary?.range.from.iso)
        to = TextInputModel("to", label: "To", hint: "At most \(InterviewViewLimits.diaryMaximumDays) days", values: query, errors: errors, type: "date", labelClass: "govuk-label--s", value: diary?.range.to.iso)
        hasDiary = diary != nil
        unit = diary?.unit.rawValue ?? chosenUnit
        guard let diary else {
            summary = ""
            days = []
            return
        }
        let statuses = InterviewOutcomeRates.statuses.compactMap { status -> String? in
            guard let count = diary.byStatus[status], count > 0 else { return nil }
            return "\(count) \(InterviewOutcome.title(ofStatus: status).lowercased())"
        }
        summary = "\(diary.total == 1 ? "1 interview" : "\(diary.total) interviews") from \(diary.range.from.longForm) to \(diary.range.to.longForm)"
            + (statuses.isEmpty ? "." : ": " + statuses.joined(separator: ", ") + ".")
        days = diary.days.map { day in
            let entries = day.entries.map { entry -> Entry in
                let record = entry.interview
                let slot = record.slot
                var rebooking: [LinkModel] = []
                if let replaces = entry.replaces {
                    rebooking.append(LinkModel(
                        href: "/claims/\(record.claim.rawValue)/interviews#interview-\(replaces.number)",
                        text: "Rebooks interview \(replaces.number) of \(replaces.date.longForm) (\(InterviewOutcome.title(ofStatus: replaces.status).lowercased()))"
                    ))
                }
                if let replacedBy = entry.replacedBy {
                    rebooking.append(LinkModel(href: "/claims/\(record.claim.rawValue)/interviews#interview-\(replacedBy.number)", text: "Rebooked as interview \(replacedBy.number) on \(replacedBy.date.longForm)"))
                }
                return Entry(
                    time: "\(InterviewResourceRules.clockTime(slot.start)) to \(InterviewResourceRules.clockTime(slot.start + slot.minutes))",
                    claim: record.claim.rawValue, href: "/claims/\(record.claim.rawValue)/interviews#interview-\(record.number)", claimantName: entry.claimantName,
                    number: record.number, kind: record.kind.title, location: entry.locationName, room: entry.roomName,
                    interpreter: entry.interpreterName ?? "None", language: InterviewViewQuery.languageName(record.language) ?? "No interpreter needed",
                    decisionMaker: entry.decisionMakerName, statusTitle: InterviewOutcome.title(ofStatus: record.status),
                    statusClass: interviewStatusTagClass(record.status), hasRebooking: !rebooking.isEmpty, rebooking: rebooking
                )
            }
            return Day(
                id: "day-\(day.date.iso)", heading: "\(day.date.weekday.name) \(day.date.longForm)", isBankHoliday: day.bankHoliday != nil,
                bankHoliday: day.bankHoliday ?? "", hasEntries: !entries.isEmpty, entries: entries,
                countText: entries.count == 1 ? "1 interview" : "\(entries.count) interviews"
            )
        }
    }
}

/// `GET /interviews/capacity`.
struct InterviewCapacityPageModel {
    struct Location {
        let name: String
        let code: String
        let rooms: Int
        let offered: Int
        let booked: Int
        let released: Int
        let free: Int
    }

    struct Person {
        let name: String
        let username: String
        let unit: String
        let days: Int
        let maximum: Int
        let booked: Int
    }

    struct Language {
        let name: String
        let reportedShort: Bool
        let interpreters: Int
        let interpreterDays: Int
        let supply: Int
        let waiting: Int
        let booked: Int
        let demand: Int
        let shortfall: Int
        let isShort: Bool
    }

    let tabs: [PageTab]
    let hasErrors: Bool
    let errors: [ErrorItem]
    let national: Bool
    let ownUnit: String
    let unitSelect: SelectModel
    let week: TextInputModel
    let hasCapacity: Bool
    let heading: String
    let scope: String
    let daysText: String
    let hasHolidays: Bool
    let holidaysText: String
    let totals: [KeyValueRow]
    let hasLocations: Bool
    let locations: [Location]
    let totalOffered: Int
    let totalBooked: Int
    let totalReleased: Int
    let totalFree: Int
    let hasPeople: Bool
    let people: [Person]
    let hasLanguages: Bool
    let languages: [Language]
    let shortfallText: String
    let waitingText: String

    init(capacity: InterviewCapacity?, filters: UnitFilterChoices, query: FormData, today: LocalDate, errors: FieldErrors) {
        tabs = InterviewViewTab.tabs(current: "/interviews/capacity")
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        national = filters.national
        ownUnit = filters.ownUnit.rawValue
        unitSelect = filters.unitSelect(selected: capacity?.unit?.rawValue ?? UnitFilterChoices.typedUnit(query), errors: errors)
        week = TextInputModel(
            "week", label: "Week beginning (a Monday)", hint: "For example, \(today.mondayOnOrBefore.iso)", values: query, errors: errors, type: "date",
            labelClass: "govuk-label--s", value: capacity?.week.iso
        )
        hasCapacity = capacity != nil
        guard let capacity else {
            heading = "Interview capacity"
            (scope, daysText, hasHolidays, holidaysText, totals) = ("", "", false, "", [])
            (hasLocations, locations, totalOffered, totalBooked, totalReleased, totalFree) = (false, [], 0, 0, 0, 0)
            (hasPeople, people, hasLanguages, languages, shortfallText, waitingText) = (false, [], false, [], "", "")
            return
        }
        heading = "Interview capacity: week beginning \(capacity.week.longForm)"
        scope = capacity.unit.map { "Decision makers and demand of \($0.rawValue); rooms and interpreters are shared by every unit, so they are counted whole." }
            ?? "Every unit."
        daysText = capacity.workingDays.isEmpty
            ? "No working days this week."
            : "\(capacity.workingDays.count) working \(capacity.workingDays.count == 1 ? "day" : "days"): " + capacity.workingDays.map { "\($0.weekday.name) \($0.longForm)" }.joined(separator: ", ") + "."
        hasHolidays = !capacity.bankHolidays.isEmpty
        holidaysText = "Closed for bank holidays: " + capacity.bankHolidays.map { "\($0.name) (\($0.date.weekday.name) \($0.date.longForm))" }.joined(separator: "; ") + "."
        totals = [
            KeyValueRow(key: "Slots offered", value: String(capacity.slotsOffered)),
            KeyValueRow(key: "Slots booked", value: String(capacity.slotsBooked)),
            KeyValueRow(key: "Slots free", value: String(capacity.slotsFree)),
            KeyValueRow(key: "Decision makers who declared availability", value: String(capacity.decisionMakers.count)),
            KeyValueRow(key: "Interviews they declared they can take", value: String(capacity.declaredMaximum)),
            KeyValueRow(key: "Claims waiting for an interview (needs recorded)", value: String(capacity.waitingClaims)),
        ]
        locations = capacity.locations.map {
            Location(name: $0.name, code: $0.code, rooms: $0.rooms, offered: $0.slotsOffered, booked: $0.slotsBooked, released: $0.slotsReleased, free: $0.slotsFree)
        }
        hasLocations = !locations.isEmpty
        totalOffered = capacity.slotsOffered
        totalBooked = capacity.slotsBooked
        totalReleased = capacity.locations.reduce(0) { $0 + $1.slotsReleased }
        totalFree = capacity.slotsFree
        people = capacity.decisionMakers.map {
            Person(name: $0.name, username: $0.staff.rawValue, unit: $0.unit.rawValue, days: $0.days, maximum: $0.declaredMaximum, booked: $0.booked)
        }
        hasPeople = !people.isEmpty
        languages = capacity.languages.map {
            Language(
                name: Languages.displayName(language: $0.language.language, dialect: $0.language.dialect), reportedShort: $0.reportedShort,
                interpreters: $0.interpreters, interpreterDays: $0.interpreterDays, supply: $0.interviewSupply, waiting: $0.waiting, booked: $0.bookedThisWeek,
                demand: $0.demand, shortfall: $0.shortfall, isShort: $0.shortfall > 0
            )
        }
        hasLanguages = !languages.isEmpty
        let short = capacity.languages.filter { $0.shortfall > 0 }
        shortfallText = short.isEmpty
            ? "Interpreter supply covers the demand in every language this week."
            : "\(short.count) \(short.count == 1 ? "language is" : "languages are") short of interpreters this week: "
                + short.map { "\(Languages.displayName(language: $0.language.language, dialect: $0.language.dialect)) by \($0.shortfall)" }.joined(separator: ", ") + "."
        waitingText = "\(capacity.waitingClaims) \(capacity.waitingClaims == 1 ? "claim is" : "claims are") waiting for an interview with needs recorded; \(capacity.waitingWithoutInterpreter) of them need no interpreter."
    }
}

/// `GET /interviews/outcomes`.
struct InterviewOutcomesPageModel {
    struct Comparison {
        let label: String
        let count: Int
        let percent: String
        let reportCount: String
        let reportPercent: String
    }

    struct Cell {
        let text: String
    }

    struct TallyRow {
        let label: String
        let total: Int
        let cells: [Cell]
    }

    struct Reason {
        let title: String
        let interpreter: Bool
        let count: Int
        let percent: String
    }

    struct Who {
        let title: String
        let count: Int
    }

    let tabs: [PageTab]
    let hasErrors: Bool
    let errors: [ErrorItem]
    let national: Bool
    let ownUnit: String
    let unitSelect: SelectModel
    let from: TextInputModel
    let to: TextInputModel
    let hasRates: Bool
    let scope: String
    let summary: String
    let source: String
    let comparison: [Comparison]
    let bookedCount: Int
    let bookedPercent: String
    let statusHeadings: [Cell]
    let hasUnits: Bool
    let byUnit: [TallyRow]
    let hasWeeks: Bool
    let byWeek: [TallyRow]
    let cancellationsText: String
    let interpreterText: String
    let hasCancellations: Bool
    let reasons: [Reason]
    let cancelledBy: [Who]
    let rebookingText: String
    let awaitingText: String

    init(rates: InterviewOutcomeRates?, filters: UnitFilterChoices, query: FormData, errors: FieldErrors) {
        tabs = InterviewViewTab.tabs(current: "/interviews/outcomes")
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        national = filters.national
        ownUnit = filters.ownUnit.rawValue
        unitSelect = filters.unitSelect(selected: rates?.unit?.rawValue ?? UnitFilterChoices.typedUnit(query), errors: errors)
        from = TextInputModel("from", label: "Interviews dated from", values: query, errors: errors, type: "date", labelClass: "govuk-label--s", value: rates?.range.from.iso)
        to = TextInputModel("to", label: "To", hint: "At most \(InterviewViewLimits.outcomeMaximumDays) days", values: query, errors: errors, type: "date", labelClass: "govuk-label--s", value: rates?.range.to.iso)
        statusHeadings = InterviewOutcomeRates.statuses.map { Cell(text: InterviewOutcome.title(ofStatus: $0)) }
        source = InterviewOutcomeReference.source
        hasRates = rates != nil
        guard let rates else {
            (scope, summary, comparison, bookedCount, bookedPercent) = ("", "", [], 0, "")
            (hasUnits, byUnit, hasWeeks, byWeek) = (false, [], false, [])
            (cancellationsText, interpreterText, hasCancellations, reasons, cancelledBy, rebookingText, awaitingText) = ("", "", false, [], [], "", "")
            return
        }
        let overall = rates.overall
        scope = rates.unit.map { "Unit \($0.rawValue)" } ?? "Every unit"
        summary = "\(overall.total) \(overall.total == 1 ? "interview" : "interviews") dated \(rates.range.from.longForm) to \(rates.range.to.longForm); "
            + "\(overall.withOutcome) with an outcome recorded, \(overall.count("booked")) still booked. Percentages below are of the interviews with an outcome, as figure 24 counts them."
        comparison = InterviewOutcomeReference.figures.map { figure in
            let count = figure.codes.reduce(0) { $0 + overall.count($1) }
            return Comparison(
                label: figure.label + (figure.codes == [figure.label.lowercased()] ? "" : " (" + figure.codes.map { InterviewOutcome.title(ofStatus: $0).lowercased() }.joined(separator: ", ") + ")"),
                count: count, percent: InterviewRates.text(InterviewRates.percent(count, of: overall.withOutcome)),
                reportCount: groupedNumber(figure.count), reportPercent: InterviewRates.text(figure.percent)
            )
        }
        bookedCount = overall.count("booked")
        bookedPercent = InterviewRates.text(overall.percentOfAll("booked"))
        func row(_ label: String, _ tally: InterviewOutcomeTally) -> TallyRow {
            TallyRow(
                label: label, total: tally.total,
                cells: InterviewOutcomeRates.statuses.map { status in
                    let percent = status == "booked" ? tally.percentOfAll(status) : tally.percentOfOutcomes(status)
                    return Cell(text: "\(tally.count(status)) (\(InterviewRates.text(percent)))")
                }
            )
        }
        byUnit = rates.byUnit.map { row($0.key, $0) }
        hasUnits = !byUnit.isEmpty
        byWeek = rates.byWeek.map { row("\($0.week) (from \($0.week.monday.longForm))", $0.tally) }
        hasWeeks = !byWeek.isEmpty
        cancellationsText = "\(rates.cancellations) \(rates.cancellations == 1 ? "interview was" : "interviews were") cancelled, each with its reason recorded."
        interpreterText = "Interpreter problems: \(rates.interpreterCancellations) of \(rates.cancellations) cancellations (\(InterviewRates.text(rates.interpreterShare))). "
            + "Staff told inspectors about \(Int(InterviewOutcomeReference.interpreterCancellationShare))% were interpreter issues, which no record could confirm (8.75)."
        hasCancellations = rates.cancellations > 0
        reasons = rates.cancellationReasons.map {
            Reason(title: $0.reason.title, interpreter: $0.reason.isInterpreterProblem, count: $0.count, percent: InterviewRates.text(InterviewRates.percent($0.count, of: rates.cancellations)))
        }
        cancelledBy = rates.cancelledBy.map { Who(title: $0.by.title, count: $0.count) }
        let average = rates.averageDaysToRebooking.map { String(format: "%.1f", $0) }
        rebookingText = rates.rebookings == 0
            ? "No interview in this period rebooks an earlier one."
            : "\(rates.rebookings) \(rates.rebookings == 1 ? "interview rebooks" : "interviews rebook") an earlier one; \(rates.rebookingsWithOriginalDate) of them carry the date of the interview they replace"
                + (average.map { ", on average \($0) days later" } ?? "") + ". The Home Office could not produce these dates (8.76)."
        awaitingText = "\(rates.notCompletedAwaitingRebooking) \(rates.notCompletedAwaitingRebooking == 1 ? "interview" : "interviews") not completed (cancelled, did not attend, suspended or needing a continuation) \(rates.notCompletedAwaitingRebooking == 1 ? "has" : "have") not been rebooked yet."
    }
}
