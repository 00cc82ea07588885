import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API for the interview views (8.66–8.81, fig 24). Every route needs a role in
/// `AccessPolicy.interviewViewers`; unit roles see their own unit, national roles any.
///
/// - `GET /api/v1/units/{unit}/interview-diary?from=&to=` — the unit's interviews day by day (default this week,
///   Monday to Friday; at most 31 days)
/// - `GET /api/v1/interview-capacity?week=&unit=` — the week starting Monday `week` (default this week): slots by
///   location, decision makers' declared availability, interpreters by language against demand
/// - `GET /api/v1/interview-outcomes?from=&to=&unit=` — outcome rates by unit and ISO week beside figure 24,
///   cancellations by reason with the interpreter share, rebookings (default the last twelve weeks; at most a year)
struct InterviewViewsAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// Every operation, once: registered by `addRoutes`, compared with the OpenAPI document by a test.
    static let endpoints: [APIEndpoint<Self>] = [
        .get("/api/v1/units/{unit}/interview-diary") { $0.diary },
        .get("/api/v1/interview-capacity") { $0.capacity },
        .get("/api/v1/interview-outcomes") { $0.outcomes },
    ]

    /// The routes, in OpenAPI form.
    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    @Sendable func diary(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let unit = try InterviewViewQuery.unit(context.parameters.get("unit"), required: true) ?? actor.unit
        let query = FormData(body: request.uri.query ?? "")
        let today = store.clock.now().date
        let range = try InterviewDateRange.parse(
            from: query["from"], to: query["to"], fallback: .workingWeek(containing: today), maximumDays: InterviewViewLimits.diaryMaximumDays
        )
        return try json(InterviewDiaryDTO(try await store.interviewDiary(unit: unit, from: range.from, to: range.to, for: actor)))
    }

    @Sendable func capacity(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let query = FormData(body: request.uri.query ?? "")
        let week = try InterviewViewQuery.week(query["week"], today: store.clock.now().date)
        let unit = try InterviewViewQuery.unit(query["unit"], required: false)
        return try json(InterviewCapacityDTO(try await store.interviewCapacity(week: week, unit: unit, for: actor)))
    }

    @Sendable func outcomes(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let query = FormData(body: request.uri.query ?? "")
        let range = try InterviewDateRange.parse(
            from: query["from"], to: query["to"], fallback: InterviewViewQuery.outcomeDefault(today: store.clock.now().date),
            maximumDays: InterviewViewLimits.outcomeMaximumDays
        )
        let unit = try InterviewViewQuery.unit(query["unit"], required: false)
        return try json(InterviewOutcomeRatesDTO(try await store.interviewOutcomeRates(from: range.from, to: range.to, unit: unit, for: actor)))
    }
}

/// Reading the interview views' parameters, shared by the pages and the API so both refuse the same input alike.
enum InterviewViewQuery {
    /// A unit code as given, upper-cased; nil when empty and not required.
    static func unit(_ text: String?, required: Bool) throws(ValidationFailure) -> UnitID? {
        let given = text?.trimmingWhitespace.uppercased() ?? ""
        if given.isEmpty {
            if required { throw ValidationFailure([FieldError(field: "unit", message: "Name the unit, for example DMU-GLA")]) }
            return nil
        }
        guard given.count <= 40, given.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ValidationFailure([FieldError(field: "unit", message: "unit must be a unit code of at most 40 letters, digits and hyphens, for example DMU-GLA")])
        }
        return UnitID(given)
    }

    /// The Monday given as `week` (YYYY-MM-DD), or this week's when none is given.
    static func week(_ text: String?, today: LocalDate) throws(ValidationFailure) -> LocalDate {
        guard let text = text?.trimmingWhitespace, !text.isEmpty else { return today.mondayOnOrBefore }
        guard let date = LocalDate(iso: text) else {
            throw ValidationFailure([FieldError(field: "week", message: "week must be a Monday in the form YYYY-MM-DD, for example \(today.mondayOnOrBefore.iso)")])
        }
        guard date.weekday == .monday else {
            throw ValidationFailure([FieldError(
                field: "week", message: "week must be a Monday, the first day of the week: \(date.longForm) is a \(date.weekday.name); its week starts on \(date.mondayOnOrBefore.iso)"
            )])
        }
        return date
    }

    /// The outcome rates' default: the last `InterviewViewLimits.outcomeDefaultWeeks` weeks, Monday to Sunday, ending
    /// with this one.
    static func outcomeDefault(today: LocalDate) -> InterviewDateRange {
        let sunday = today.mondayOnOrBefore.adding(days: 6)
        return InterviewDateRange(from: sunday.adding(days: 1 - 7 * InterviewViewLimits.outcomeDefaultWeeks), to: sunday)
    }

    /// "Kurdish (Sorani)" for a language key ("kurdish/sorani").
    static func languageName(_ key: String?) -> String? {
        guard let key, !key.isEmpty else { return nil }
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        return Languages.displayName(language: parts[0], dialect: parts.count > 1 ? parts[1] : nil)
    }

    /// "kurdish/sorani".
    static func key(_ language: InterpreterLanguage) -> String { language.dialect.map { language.language + "/" + $0 } ?? language.language }
}

// MARK: Wire types

/// `GET /api/v1/units/{unit}/interview-diary`.
struct InterviewDiaryDTO: Codable, Sendable {
    struct Link: Codable, Sendable {
        var number: Int
        var date: String
        var status: String
    }

    struct Entry: Codable, Sendable {
        var claim: String
        var claimantName: String
        var number: Int
        var kind: String
        var kindTitle: String
        var date: String
        var start: String
        var end: String
        var minutes: Int
        var location: String
        var locationName: String
        var room: String
        var roomName: String
        var interpreter: String?
        var interpreterName: String?
        var language: String?
        var languageName: String?
        var decisionMaker: String
        var decisionMakerName: String
        var status: String
        var statusTitle: String
        var replaces: Link?
        var replacedBy: Link?
        var bookedAt: String
        var invitationDate: String
    }

    struct Day: Codable, Sendable {
        var date: String
        var weekday: String
        var bankHoliday: String?
        var interviews: [Entry]
    }

    var unit: String
    var from: String
    var to: String
    var total: Int
    var byStatus: [String: Int]
    var days: [Day]

    init(_ diary: InterviewDiary) {
        unit = diary.unit.rawValue
        from = diary.range.from.iso
        to = diary.range.to.iso
        total = diary.total
        byStatus = diary.byStatus
        days = diary.days.map { day in
            Day(date: day.date.iso, weekday: day.date.weekday.name, bankHoliday: day.bankHoliday, interviews: day.entries.map(Self.entry))
        }
    }

    static func entry(_ entry: InterviewDiaryEntry) -> Entry {
        let record = entry.interview
        let slot = record.slot
        func link(_ link: InterviewLink?) -> Link? { link.map { Link(number: $0.number, date: $0.date.iso, status: $0.status) } }
        return Entry(
            claim: record.claim.rawValue, claimantName: entry.claimantName, number: record.number, kind: record.kind.rawValue, kindTitle: record.kind.title,
            date: slot.date.iso, start: InterviewResourceRules.clockTime(slot.start), end: InterviewResourceRules.clockTime(slot.start + slot.minutes),
            minutes: slot.minutes, location: slot.location, locationName: entry.locationName, room: slot.room, roomName: entry.roomName,
            interpreter: slot.interpreter, interpreterName: entry.interpreterName, language: record.language,
            languageName: InterviewViewQuery.languageName(record.language), decisionMaker: slot.decisionMaker.rawValue,
            decisionMakerName: entry.decisionMakerName, status: record.status, statusTitle: InterviewOutcome.title(ofStatus: record.status),
            replaces: link(entry.replaces), replacedBy: link(entry.replacedBy), bookedAt: record.bookedAt.iso, invitationDate: record.invitationDate.iso
        )
    }
}

/// `GET /api/v1/interview-capacity`.
struct InterviewCapacityDTO: Codable, Sendable {
    struct Location: Codable, Sendable {
        var code: String
        var name: String
        var rooms: Int
        var slotsOffered: Int
        var slotsBooked: Int
        var slotsReleased: Int
        var slotsFree: Int
    }

    struct DecisionMaker: Codable, Sendable {
        var username: String
        var name: String
        var unit: String
        var daysDeclared: Int
        var declaredMaximum: Int
        var booked: Int
    }

    struct Language: Codable, Sendable {
        var language: String
        var name: String
        var interpreters: Int
        var interpreterDays: Int
        var interviewSupply: Int
        var waiting: Int
        var bookedThisWeek: Int
        var demand: Int
        var shortfall: Int
        var reportedShort: Bool
    }

    struct Holiday: Codable, Sendable {
        var date: String
        var name: String
    }

    var week: String
    var unit: String?
    var workingDays: [String]
    var bankHolidays: [Holiday]
    var slotsOffered: Int
    var slotsBooked: Int
    var slotsFree: Int
    var locations: [Location]
    var declaredMaximum: Int
    var decisionMakers: [DecisionMaker]
    var waitingClaims: Int
    var waitingWithoutInterpreter: Int
    var languages: [Language]

    init(_ capacity: InterviewCapacity) {
        week = capacity.week.iso
        unit = capacity.unit?.rawValue
        workingDays = capacity.workingDays.map(\.iso)
        bankHolidays = capacity.bankHolidays.map { Holiday(date: $0.date.iso, name: $0.name) }
        slotsOffered = capacity.slotsOffered
        slotsBooked = capacity.slotsBooked
        slotsFree = capacity.slotsFree
        locations = capacity.locations.map {
            Location(code: $0.code, name: $0.name, rooms: $0.rooms, slotsOffered: $0.slotsOffered, slotsBooked: $0.slotsBooked, slotsReleased: $0.slotsReleased, slotsFree: $0.slotsFree)
        }
        declaredMaximum = capacity.declaredMaximum
        decisionMakers = capacity.decisionMakers.map {
            DecisionMaker(username: $0.staff.rawValue, name: $0.name, unit: $0.unit.rawValue, daysDeclared: $0.days, declaredMaximum: $0.declaredMaximum, booked: $0.booked)
        }
        waitingClaims = capacity.waitingClaims
        waitingWithoutInterpreter = capacity.waitingWithoutInterpreter
        languages = capacity.languages.map {
            Language(
                language: InterviewViewQuery.key($0.language), name: Languages.displayName(language: $0.language.language, dialect: $0.language.dialect),
                interpreters: $0.interpreters, interpreterDays: $0.interpreterDays, interviewSupply: $0.interviewSupply, waiting: $0.waiting,
                bookedThisWeek: $0.bookedThisWeek, demand: $0.demand, shortfall: $0.shortfall, reportedShort: $0.reportedShort
            )
        }
    }
}

/// `GET /api/v1/interview-outcomes`.
struct InterviewOutcomeRatesDTO: Codable, Sendable {
    struct Status: Codable, Sendable {
        var status: String
        var title: String
        var count: Int
        var percentOfAll: Double
        /// nil for "booked": it has no outcome yet.
        var percentOfOutcomes: Double?
    }

    struct Tally: Codable, Sendable {
        var key: String
        var total: Int
        var withOutcome: Int
        var statuses: [Status]

        init(_ tally: InterviewOutcomeTally) {
            key = tally.key
            total = tally.total
            withOutcome = tally.withOutcome
            statuses = InterviewOutcomeRates.statuses.map {
                Status(
                    status: $0, title: InterviewOutcome.title(ofStatus: $0), count: tally.count($0), percentOfAll: tally.percentOfAll($0),
                    percentOfOutcomes: $0 == "booked" ? nil : tally.percentOfOutcomes($0)
                )
            }
        }
    }

    struct Week: Codable, Sendable {
        var week: String
        var monday: String
        var tally: Tally
    }

    struct ReferenceLine: Codable, Sendable {
        var label: String
        var codes: [String]
        var reportCount: Int
        var reportPercent: Double
        var count: Int
        var percent: Double
    }

    struct Reference: Codable, Sendable {
        var source: String
        var reportTotal: Int
        var lines: [ReferenceLine]
    }

    struct Reason: Codable, Sendable {
        var reason: String
        var title: String
        var interpreterProblem: Bool
        var count: Int
        var percent: Double
    }

    struct Who: Codable, Sendable {
        var by: String
        var title: String
        var count: Int
    }

    struct Cancellations: Codable, Sendable {
        var total: Int
        var interpreterProblems: Int
        var interpreterShare: Double
        var reportedInterpreterShare: Double
        var byReason: [Reason]
        var byWho: [Who]
    }

    struct Rebookings: Codable, Sendable {
        var count: Int
        var withOriginalDate: Int
        var averageDaysToRebooking: Double?
        var notCompletedAwaitingRebooking: Int
    }

    var from: String
    var to: String
    var unit: String?
    var overall: Tally
    var reference: Reference
    var byUnit: [Tally]
    var byWeek: [Week]
    var cancellations: Cancellations
    var rebookings: Rebookings

    init(_ rates: InterviewOutcomeRates) {
        from = rates.range.from.iso
        to = rates.range.to.iso
        unit = rates.unit?.rawValue
        overall = Tally(rates.overall)
        let overallTally = rates.overall
        reference = Reference(
            source: InterviewOutcomeReference.source, reportTotal: InterviewOutcomeReference.total,
            lines: InterviewOutcomeReference.figures.map { figure in
                let count = figure.codes.reduce(0) { $0 + overallTally.count($1) }
                return ReferenceLine(
                    label: figure.label, codes: figure.codes, reportCount: figure.count, reportPercent: figure.percent, count: count,
                    percent: InterviewRates.percent(count, of: overallTally.withOutcome)
                )
            }
        )
        byUnit = rates.byUnit.map(Tally.init)
        byWeek = rates.byWeek.map { Week(week: $0.week.description, monday: $0.week.monday.iso, tally: Tally($0.tally)) }
        cancellations = Cancellations(
            total: rates.cancellations, interpreterProblems: rates.interpreterCancellations, interpreterShare: rates.interpreterShare,
            reportedInterpreterShare: InterviewOutcomeReference.interpreterCancellationShare,
            byReason: rates.cancellationReasons.map {
                Reason(
                    reason: $0.reason.rawValue, title: $0.reason.title, interpreterProblem: $0.reason.isInterpreterProblem, count: $0.count,
                    percent: InterviewRates.percent($0.count, of: rates.cancellations)
                )
            },
            byWho: rates.cancelledBy.map { Who(by: $0.by.rawValue, title: $0.by.title, count: $0.count) }
        )
        rebookings = Rebookings(
            count: rates.rebookings, withOriginalDate: rates.rebookingsWithOriginalDate,
            averageDaysToRebooking: rates.averageDaysToRebooking.map { ($0 * 10).rounded() / 10 }, notCompletedAwaitingRebooking: rates.notCompletedAwaitingRebooking
        )
    }
}
