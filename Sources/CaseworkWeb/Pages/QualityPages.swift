import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for quality assurance (10.1–10.47; 2021 recs 7–8; 2026 recs 2–3), for the roles in
/// `AccessPolicy.qualityViewers`: unit roles see their own unit, national roles choose one or every unit together.
///
/// - `GET  /quality?unit=&month=YYYY-MM` — a unit's month: sampling by kind of work against 3.5%, why work was
///   selected, checks before service against 90%, DQ distributions against 75% beside the report's figures, checks per
///   decision maker in the last 61 days, six months of feedback and appeal themes, appeals and the overturn rate
/// - `GET  /quality/pack.csv?unit=&month=` — the month's pack (`UnitQualityReport.csv`), one row per figure
/// - `GET  /quality/checks?unit=` — the checkers' queue: work waiting for a check, decisions blocking service first
/// - `GET  /quality/staff/:username` — a decision maker's feedback: sign-off progress, every check with its scores and
///   feedback, appeal findings on their decisions and their figures; the decision maker themself may read it too
/// - `POST /quality/staff/:username/sign-off` — a technical specialist signs them off once earned (10.12)
/// - `GET  /quality/appeals?from=&to=&unit=` — overturn rates by unit, cohort and decision maker (default twelve months)
extension PagesController {
    func addQualityRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.get("quality", use: qualityPage)
        group.get("quality/pack.csv", use: qualityPack)
        group.get("quality/checks", use: qualityChecksPage)
        group.get("quality/appeals", use: qualityAppealsPage)
        group.get("quality/staff/:username", use: qualityStaffPage)
        group.post("quality/staff/:username/sign-off", use: qualitySignOff)
    }

    /// `GET /quality`.
    @Sendable func qualityPage(_ request: Request, context: Context) async throws -> Response {
        try await qualityReportResponse(identity: try context.requireIdentity(), query: FormData(body: request.uri.query ?? ""))
    }

    /// `GET /quality/pack.csv`: the pack as a download; bad input gets the quality page with the problem named.
    @Sendable func qualityPack(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let actor = identity.actor
        let query = FormData(body: request.uri.query ?? "")
        let filters = try await qualityFilters(actor: actor)
        let report: UnitQualityReport
        do {
            let unit = try qualityUnit(query["unit"], actor: actor, filters: filters)
            let month = try QualityQuery.month(query["month"], today: store.clock.now().date)
            report = try await store.unitQuality(unit: unit, month: month, for: actor)
        } catch is ValidationFailure {
            return try await qualityReportResponse(identity: identity, query: query)
        }
        let scope = report.unit?.rawValue ?? "all-units"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"quality-pack-\(scope)-\(report.month.iso).csv\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: report.csv))
        )
    }

    func qualityReportResponse(identity: Identity, query: FormData) async throws -> Response {
        let actor = identity.actor
        let today = store.clock.now().date
        let filters = try await qualityFilters(actor: actor)
        var errors = FieldErrors()
        var report: UnitQualityReport?
        do {
            let unit = try qualityUnit(query["unit"], actor: actor, filters: filters)
            let month = try QualityQuery.month(query["month"], today: today)
            report = try await store.unitQuality(unit: unit, month: month, for: actor)
        } catch let failure as ValidationFailure {
            for error in failure.errors { errors.add(error.message, key: error.field, anchor: error.field) }
        }
        let model = QualityPageModel(report: report, filters: filters, query: query, today: today, errors: errors)
        return renderer.response(
            "quality", title: (errors.isEmpty ? "" : "Error: ") + model.heading, chrome: .signedIn(identity, current: "quality"), model: model,
            status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }

    /// `GET /quality/checks`.
    @Sendable func qualityChecksPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let actor = identity.actor
        let query = FormData(body: request.uri.query ?? "")
        let filters = try await qualityFilters(actor: actor)
        var errors = FieldErrors()
        var waiting: ChecksWaiting?
        do {
            let unit = try qualityUnit(query["unit"], actor: actor, filters: filters)
            waiting = try await store.checksWaiting(unit: unit, for: actor)
        } catch let failure as ValidationFailure {
            for error in failure.errors { errors.add(error.message, key: error.field, anchor: error.field) }
        }
        let model = QualityChecksPageModel(waiting: waiting, filters: filters, query: query, today: store.clock.now().date, errors: errors)
        let current = [Role.technicalSpecialist, .seniorCaseworker].contains(actor.role) ? "quality-checks" : "quality"
        return renderer.response(
            "quality-checks", title: (errors.isEmpty ? "" : "Error: ") + model.heading, chrome: .signedIn(identity, current: current), model: model,
            status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }

    /// `GET /quality/appeals`.
    @Sendable func qualityAppealsPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let actor = identity.actor
        let query = FormData(body: request.uri.query ?? "")
        let today = store.clock.now().date
        let filters = try await qualityFilters(actor: actor)
        var errors = FieldErrors()
        var rates: OverturnRates?
        do {
            let unit = try qualityUnit(query["unit"], actor: actor, filters: filters)
            var check = Validator()
            let from = check.run { () throws(ValidationFailure) in try QualityQuery.date(query["from"], "from", fallback: QualityQuery.overturnDefaultStart(today: today)) }
            let to = check.run { () throws(ValidationFailure) in try QualityQuery.date(query["to"], "to", fallback: today) }
            try check.finish()
            rates = try await store.overturnRates(from: from!, to: to!, unit: unit, for: actor)
        } catch let failure as ValidationFailure {
            for error in failure.errors { errors.add(error.message, key: error.field, anchor: error.field) }
        }
        let model = QualityAppealsPageModel(rates: rates, filters: filters, query: query, today: today, errors: errors)
        return renderer.response(
            "quality-appeals", title: (errors.isEmpty ? "" : "Error: ") + "Appeal overturn rates", chrome: .signedIn(identity, current: "quality"), model: model,
            status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }

    /// `GET /quality/staff/:username`.
    @Sendable func qualityStaffPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let notice = FormData(body: request.uri.query ?? "")["done"] == "signed-off" ? "signed-off" : nil
        return try await qualityStaffResponse(
            identity: identity, username: try Self.qualityUsername(context), form: FormData(body: ""), errors: FieldErrors(), notice: notice, status: .ok
        )
    }

    /// `POST /quality/staff/:username/sign-off`: back to the page with a notice; refused with the reason named (422), or
    /// 403 for a role that does not sign off.
    @Sendable func qualitySignOff(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let username = try Self.qualityUsername(context)
        let form = context.form ?? FormData(body: "")
        var errors = FieldErrors()
        do {
            _ = try await store.signOff(username, reason: form["reason"], by: identity.actor)
            return seeOther("/quality/staff/\(staffPathSegment(username.rawValue))?done=signed-off#sign-off")
        } catch let failure as ValidationFailure {
            for error in failure.errors {
                let key = error.field == "reason" ? "reason" : "sign-off"
                errors.add(error.message, key: key, anchor: key)
            }
        } catch is StaffRecordNotFound {
            throw HTTPError(.notFound)
        }
        return try await qualityStaffResponse(identity: identity, username: username, form: form, errors: errors, notice: nil, status: .unprocessableContent)
    }

    func qualityStaffResponse(identity: Identity, username: StaffID, form: FormData, errors: FieldErrors, notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let actor = identity.actor
        let quality: DecisionMakerQuality
        do { quality = try await store.decisionMakerQuality(username, for: actor) } catch is StaffRecordNotFound { throw HTTPError(.notFound) }
        let model = QualityStaffPageModel(
            quality: quality, actor: actor, today: store.clock.now().date, csrfToken: identity.csrfToken ?? "", form: form, errors: errors, notice: notice
        )
        let current = actor.staff == username && actor.role == .decisionMaker ? "quality-feedback" : "quality"
        return renderer.response(
            "quality-staff", title: (errors.isEmpty ? "" : "Error: ") + "Quality and feedback: \(model.name)", chrome: .signedIn(identity, current: current), model: model,
            status: status
        )
    }

    // MARK: Helpers

    /// Who may see the quality views, before anything is read: a role outside `qualityViewers` is refused at once
    /// (decision makers read their own feedback page only).
    private func qualityFilters(actor: Actor) async throws -> UnitFilterChoices {
        guard AccessPolicy.qualityViewers.contains(actor.role) else {
            throw AccessDenied(
                "Quality figures are seen by team leaders, technical specialists, senior caseworkers, operations managers, planners, assurance and MI."
                    + (actor.role == .decisionMaker ? " Your own checks and feedback are on your feedback page." : "")
            )
        }
        let national = AccessPolicy.nationalRoles.contains(actor.role)
        return UnitFilterChoices(national: national, units: national ? try await store.units() : [], ownUnit: actor.unit, allUnitsChoice: true)
    }

    /// The unit asked for: none means every unit for national roles and the viewer's own unit for the others. A unit
    /// role asking for another unit is refused (403); a national role naming no known unit is told so (422).
    private func qualityUnit(_ text: String?, actor: Actor, filters: UnitFilterChoices) throws -> UnitID? {
        let asked = try InterviewViewQuery.unit(text, required: false)
        guard filters.national else {
            let unit = asked ?? actor.unit
            guard unit == actor.unit else { throw AccessDenied("\(actor.role.title)s see the quality of their own unit, not \(unit.rawValue).") }
            return unit
        }
        if let asked, !filters.units.contains(where: { $0.code == asked }) {
            throw ValidationFailure([FieldError(field: "unit", message: "Select a unit from the list: no unit has the code \(asked.rawValue)")])
        }
        return asked
    }

    static func qualityUsername(_ context: Context) throws -> StaffID {
        let text = context.parameters.get("username") ?? ""
        guard !text.isEmpty, text.count <= 100, !text.contains(" ") else { throw HTTPError(.notFound) }
        return StaffID(text)
    }
}

extension Validator {
    /// Runs a parser that throws a `ValidationFailure`, collecting its messages with the others.
    fileprivate mutating func run<T>(_ parse: () throws(ValidationFailure) -> T) -> T? {
        do { return try parse() } catch {
            for problem in error.errors { fail(problem.field, problem.message) }
            return nil
        }
    }
}

// MARK: Shared pieces

/// The quality views' sub-navigation.
enum QualityTab {
    static func tabs(current: String) -> [PageTab] {
        PageTab.tabs([("/quality", "Unit quality"), ("/quality/checks", "Checks waiting"), ("/quality/appeals", "Appeal overturn rates")], current: current)
    }
}

/// A GOV.UK tag.
struct QualityTag {
    let text: String
    let tagClass: String

    /// Green when the share meets its target, red when it does not, grey when there is nothing to count.
    static func target(_ share: TargetShare) -> QualityTag {
        switch share.meetsTarget {
        case true?: QualityTag(text: "Target met", tagClass: "govuk-tag--green")
        case false?: QualityTag(text: "Below target", tagClass: "govuk-tag--red")
        case nil: QualityTag(text: "None to count", tagClass: "govuk-tag--grey")
        }
    }
}

/// The figures the inspection reported, shown beside ours.
enum QualityReportFigures {
    /// Decisions at DQ1 or DQ2 in the inspection's sample, by category (10.32): casework 60%, process 56%, calculated 40%.
    static let highScoreShares: [String: String] = ["casework": "60%", "process": "56%", "calculated": "40%"]
    static let highScoreSource = "10.32"
    /// Checks made before service (10.34: 76% against the aim of 90%).
    static let preServiceShare = "76%"
    static let preServiceSource = "10.34"
}

enum QualityText {
    /// "3.5%", "90%": a target as people say it.
    static func target(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }

    /// The paragraph a target comes from.
    static func source(_ key: String) -> String { QualityPolicy.sources[key] ?? "" }

    /// A sampling reason code in words, with its paragraph.
    static func reason(_ code: String) -> (text: String, source: String) {
        let policy = SamplingPolicy.current
        switch code {
        case "before-sign-off": return ("Not yet signed off: all their decisions and interviews are checked", "10.8")
        case "resubmission": return ("Returned by a check and completed again: checked again before service", "10.9")
        case "minimum-per-worker": return ("No check of the worker's work of this kind in \(policy.minimumCheckIntervalDays) days", "10.8")
        case "random": return ("Drawn in the random \(target(policy.randomRate[.decision] ?? 0)) sample", "10.8")
        default:
            if code.hasPrefix("mandatory:"), let check = policy.mandatory.first(where: { "mandatory:\($0.code)" == code }) {
                return ("Mandatory check: \(check.title)", check.source)
            }
            return (code, "")
        }
    }

    static func depth(_ depth: CheckDepth?) -> String {
        switch depth {
        case .full?: "Full assessment"
        case .lightTouch?: "Interview read and light-touch check"
        case nil: "Not selected"
        }
    }

    static func count(_ n: Int, _ one: String, _ many: String) -> String { n == 1 ? "1 \(one)" : "\(n) \(many)" }

    /// "Decision 2" or "Screening interview".
    static func work(_ work: SampledWork, subject: Int?) -> String {
        switch work {
        case .decision: "Decision" + (subject.map { " \($0)" } ?? "")
        case .interview: "Substantive interview" + (subject.map { " \($0)" } ?? "")
        case .screeningInterview, .withdrawal: work.title
        }
    }
}

/// A row of DQ1–DQ5 counts with its share at DQ1 or DQ2 against 75%.
struct QualityScoreRow {
    struct Cell {
        let count: Int
    }

    let id: String
    let category: String
    let cells: [Cell]
    let total: Int
    let highText: String
    let tag: QualityTag
    let reported: String

    init(_ distribution: ScoreDistribution) {
        id = "scores-\(distribution.category)"
        category = UnitQualityReport.categoryTitle(distribution.category)
        cells = distribution.counts.map { Cell(count: $0) }
        total = distribution.total
        let high = distribution.high
        highText = high.share == nil ? "None to count" : "\(high.count) of \(high.total): \(high.percentText)"
        tag = QualityTag.target(high)
        reported = QualityReportFigures.highScoreShares[distribution.category] ?? "Not reported"
    }
}

// MARK: GET /quality

struct QualityPageModel {
    struct SamplingRow {
        let id: String
        let work: String
        let completed: Int
        let selected: Int
        let random: Int
        let checked: Int
        let awaiting: Int
        let cancelled: Int
        let checkedShare: String
        let checkedTag: QualityTag
        let randomShare: String
    }

    struct ReasonRow {
        let work: String
        let reason: String
        let code: String
        let source: String
        let count: Int
        let share: String
    }

    struct WorkerRow {
        let id: String
        let name: String
        let href: String
        let signedOff: String
        let decisions: Int
        let checks: Int
        let lastChecked: String
        let tag: QualityTag
    }

    struct MonthHeading {
        let title: String
    }

    struct ThemeCell {
        let checks: Int
        let appeals: Int
    }

    struct ThemeRow {
        let id: String
        let title: String
        let source: String
        let cells: [ThemeCell]
        let total: Int
    }

    let tabs: [PageTab]
    let hasErrors: Bool
    let errors: [ErrorItem]
    let national: Bool
    let unitSelect: SelectModel
    let month: TextInputModel
    let heading: String
    let hasReport: Bool
    let scope: String
    let monthTitle: String
    let packHref: String
    let packText: String
    let appealsHref: String
    let checksHref: String
    let samplingCaption: String
    let samplingTarget: String
    let samplingSource: String
    let sampling: [SamplingRow]
    let hasReasons: Bool
    let reasons: [ReasonRow]
    let preServiceText: String
    let preServiceTag: QualityTag
    let preServiceReported: String
    let outcomeIncorrectText: String
    let verbalText: String
    let highTarget: String
    let highSource: String
    let scoreCaption: String
    let hasScores: Bool
    let scores: [QualityScoreRow]
    let isUnit: Bool
    let windowText: String
    let windowSource: String
    let hasWorkers: Bool
    let workers: [QualityPageModel.WorkerRow]
    let overdueText: String
    let trendMonths: [MonthHeading]
    let hasThemes: Bool
    let themes: [ThemeRow]
    let appealsText: String
    let overturnText: String

    init(report: UnitQualityReport?, filters: UnitFilterChoices, query: FormData, today: LocalDate, errors: FieldErrors) {
        tabs = QualityTab.tabs(current: "/quality")
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        national = filters.national
        unitSelect = filters.unitSelect(selected: report.map { $0.unit?.rawValue ?? "" } ?? UnitFilterChoices.typedUnit(query), errors: errors)
        month = TextInputModel(
            "month", label: "Month", hint: "For example, \(ReportMonth(containing: today).iso)", values: query, errors: errors, width: "10", labelClass: "govuk-label--s",
            value: report?.month.iso
        )
        let policy = QualityPolicy.current
        samplingTarget = QualityText.target(policy.samplingTarget)
        samplingSource = QualityText.source("samplingTarget")
        highTarget = QualityText.target(policy.highScoreTarget)
        highSource = QualityText.source("highScoreTarget")
        windowSource = QualityText.source("checkWindowDays")
        hasReport = report != nil
        guard let report else {
            heading = "Quality assurance"
            (scope, monthTitle, packHref, packText, appealsHref, checksHref, samplingCaption) = ("", "", "", "", "", "", "")
            (sampling, hasReasons, reasons) = ([], false, [])
            (preServiceText, preServiceTag, preServiceReported, outcomeIncorrectText, verbalText) = ("", QualityTag(text: "", tagClass: ""), "", "", "")
            (scoreCaption, hasScores, scores) = ("", false, [])
            (isUnit, windowText, hasWorkers, workers, overdueText) = (false, "", false, [], "")
            (trendMonths, hasThemes, themes, appealsText, overturnText) = ([], false, [], "", "")
            return
        }
        let scopeName = report.unit.map { "Unit \($0.rawValue)" } ?? "Every unit"
        scope = scopeName
        monthTitle = report.month.title
        heading = "Quality of \(report.unit?.rawValue ?? "every unit"): \(report.month.title)"
        let unitQuery = report.unit.map { "unit=\(queryEncode($0.rawValue))&" } ?? ""
        packHref = "/quality/pack.csv?\(unitQuery)month=\(report.month.iso)"
        packText = "Download the quality pack for \(report.month.title) (CSV, one row per figure)"
        appealsHref = "/quality/appeals" + (report.unit.map { "?unit=\(queryEncode($0.rawValue))" } ?? "")
        checksHref = "/quality/checks" + (report.unit.map { "?unit=\(queryEncode($0.rawValue))" } ?? "")

        // Sampling, by kind of work completed in the month.
        samplingCaption = "Work completed in \(report.month.title), selected and checked, against the \(samplingTarget) target (\(samplingSource))"
        sampling = report.sampling.map { figures in
            SamplingRow(
                id: "sampling-\(figures.work.rawValue)", work: figures.work.title, completed: figures.completed, selected: figures.selected,
                random: figures.randomlySelected, checked: figures.checked, awaiting: figures.awaitingCheck, cancelled: figures.cancelled,
                checkedShare: figures.checkedShare.percentText, checkedTag: QualityTag.target(figures.checkedShare), randomShare: figures.randomShare.percentText
            )
        }
        reasons = report.sampling.flatMap { figures in
            figures.reasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { code, count in
                let words = QualityText.reason(code)
                return ReasonRow(
                    work: figures.work.title, reason: words.text, code: code, source: words.source, count: count,
                    share: TargetShare(count: count, total: figures.selected, target: 0).percentText
                )
            }
        }
        hasReasons = !reasons.isEmpty

        // Checks of decisions: timing, outcome, verbal.
        let pre = report.preService
        preServiceText = pre.total == 0
            ? "No decision was checked in \(report.month.title)."
            : "\(pre.count) of \(QualityText.count(pre.total, "check", "checks")) of decisions made in \(report.month.title) \(pre.count == 1 ? "was" : "were") made before the decision was served: \(pre.percentText), against the target of \(QualityText.target(policy.preServiceTarget)) (\(QualityText.source("preServiceTarget")))."
        preServiceTag = QualityTag.target(pre)
        preServiceReported = "The inspectors found \(QualityReportFigures.preServiceShare) of checks made before service (\(QualityReportFigures.preServiceSource))."
        outcomeIncorrectText = "\(QualityText.count(report.outcomeIncorrect, "check", "checks")) found the outcome incorrect (10.4: every check says whether the outcome was correct)."
        verbalText = "\(QualityText.count(report.verbalChecks, "check was a verbal second pair of eyes", "checks were verbal second pairs of eyes")), each recorded with who agreed what (10.14)."

        // Scores.
        scoreCaption = "Calibre scores of the checks of decisions made in \(report.month.title) (10.30), and the share at DQ1 or DQ2 against \(highTarget) (\(highSource))"
        scores = UnitQualityReport.categories.map { QualityScoreRow(report.score($0)) }
        hasScores = report.score("calculated").total > 0

        // Checks per decision maker.
        isUnit = report.unit != nil
        windowText = "Checks of each caseworker's work from \(report.windowStart.longForm) to \(report.windowEnd.longForm): at least one every \(policy.checkWindowDays) days (\(windowSource))"
        workers = report.workers.map { worker in
            WorkerRow(
                id: "worker-\(worker.worker.rawValue)", name: worker.displayName.isEmpty ? worker.worker.rawValue : worker.displayName,
                href: "/quality/staff/\(staffPathSegment(worker.worker.rawValue))", signedOff: worker.signedOff ? "Signed off" : "On 100% checks",
                decisions: worker.decisionsCompleted, checks: worker.checks, lastChecked: worker.lastChecked?.longForm ?? "Never in the window",
                tag: worker.overdue ? QualityTag(text: "No check", tagClass: "govuk-tag--red") : QualityTag(text: "Checked", tagClass: "govuk-tag--green")
            )
        }
        hasWorkers = !workers.isEmpty
        let overdue = report.workers.filter(\.overdue).count
        overdueText = overdue == 0
            ? "Every caseworker's work was checked in the window."
            : "\(QualityText.count(overdue, "caseworker has", "caseworkers have")) had no check of their work in the window."

        // Themes over six months.
        trendMonths = report.trendMonths.map { MonthHeading(title: $0.title) }
        themes = report.themes.map { trend in
            ThemeRow(
                id: "theme-\(trend.theme.code)", title: trend.theme.title, source: trend.theme.source,
                cells: zip(trend.assessments, trend.appeals).map { ThemeCell(checks: $0, appeals: $1) }, total: trend.total
            )
        }
        hasThemes = !themes.isEmpty

        // Appeals.
        let appeals = report.appeals
        appealsText = "\(QualityText.count(appeals.determined, "appeal", "appeals")) determined in \(report.month.title): \(appeals.allowed) allowed, \(appeals.dismissed) dismissed, \(appeals.withdrawn) withdrawn."
        overturnText = appeals.overturnRate.map {
            "Overturn rate: \(TargetShare.percent($0)) (\(appeals.allowed) allowed of \(appeals.allowed + appeals.dismissed) decided on their merits; 2026 rec 3b)."
        } ?? "Overturn rate: none to count (no appeal was allowed or dismissed this month)."
    }
}

// MARK: GET /quality/checks

struct QualityChecksPageModel {
    struct Reason {
        let text: String
        let source: String
    }

    struct Row {
        let id: String
        let claim: String
        let href: String
        let work: String
        let worker: String
        let workerHref: String
        let unit: String
        let completed: String
        let daysWaiting: Int
        let daysText: String
        let depth: String
        let blocksService: Bool
        let reasons: [Reason]
    }

    let tabs: [PageTab]
    let hasErrors: Bool
    let errors: [ErrorItem]
    let national: Bool
    let unitSelect: SelectModel
    let heading: String
    let hasWaiting: Bool
    let summary: String
    let hasChecks: Bool
    let rows: [Row]
    let cutShort: Bool
    let cutShortText: String
    let showUnit: Bool

    init(waiting: ChecksWaiting?, filters: UnitFilterChoices, query: FormData, today: LocalDate, errors: FieldErrors) {
        tabs = QualityTab.tabs(current: "/quality/checks")
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        national = filters.national
        unitSelect = filters.unitSelect(selected: waiting.map { $0.unit?.rawValue ?? "" } ?? UnitFilterChoices.typedUnit(query), errors: errors)
        hasWaiting = waiting != nil
        guard let waiting else {
            heading = "Checks waiting"
            (summary, hasChecks, rows, cutShort, cutShortText, showUnit) = ("", false, [], false, "", false)
            return
        }
        heading = "Checks waiting: \(waiting.unit?.rawValue ?? "every unit")"
        showUnit = waiting.unit == nil
        let blocking = waiting.checks.filter(\.blocksService).count
        summary = waiting.total == 0
            ? "Nothing is waiting for a check."
            : "\(QualityText.count(waiting.total, "piece of work is", "pieces of work are")) waiting for a check; "
                + "\(QualityText.count(blocking, "decision", "decisions")) cannot be served until \(blocking == 1 ? "it is" : "they are") checked (10.34: checks before service). "
                + "Decisions come first, then the oldest."
        rows = waiting.checks.map { check in
            let sample = check.sample
            return Row(
                id: "check-\(sample.id)", claim: check.claim.rawValue, href: "/claims/\(check.claim.rawValue)/decision", work: QualityText.work(sample.work, subject: sample.subject),
                worker: sample.worker.rawValue, workerHref: "/quality/staff/\(staffPathSegment(sample.worker.rawValue))", unit: check.unit.rawValue,
                completed: sample.completedOn.longForm, daysWaiting: check.daysWaiting, daysText: QualityText.count(check.daysWaiting, "day", "days"),
                depth: QualityText.depth(sample.decision.depth), blocksService: check.blocksService,
                reasons: sample.decision.reasons.map { Reason(text: $0.text, source: $0.source) }
            )
        }
        hasChecks = !rows.isEmpty
        cutShort = waiting.total > rows.count
        cutShortText = "Showing the first \(rows.count) of \(waiting.total)."
    }
}

// MARK: GET /quality/staff/:username

struct QualityStaffPageModel {
    struct Qualifying {
        let href: String
        let claim: String
        let text: String
    }

    struct ScoreLine {
        let category: String
        let score: String
    }

    struct ThemeLine {
        let title: String
        let source: String
    }

    struct Check {
        let id: String
        let heading: String
        let href: String
        let claim: String
        let summary: [KeyValueRow]
        let scores: [ScoreLine]
        let feedback: String
        let hasThemes: Bool
        let themes: [ThemeLine]
        let isVerbal: Bool
        let agreement: String
        let resultTag: QualityTag
    }

    struct Appeal {
        let id: String
        let heading: String
        let href: String
        let claim: String
        let summary: [KeyValueRow]
        let hasThemes: Bool
        let themes: [ThemeLine]
        let hasFindings: Bool
        let findings: String
        let tag: QualityTag
    }

    let hasNotice: Bool
    let notice: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let name: String
    let username: String
    let caption: String
    let signOffSummary: String
    let signOffTag: QualityTag
    let signOffError: String
    let hasSignOffError: Bool
    let signOffExplanation: String
    let hasQualifying: Bool
    let qualifying: [Qualifying]
    let canSignOff: Bool
    let signOffAction: String
    let csrfToken: String
    let reason: TextareaModel
    let figures: [KeyValueRow]
    let calculated: QualityScoreRow
    let hasCalculated: Bool
    let highTarget: String
    let highSource: String
    let hasChecks: Bool
    let checksText: String
    let checks: [Check]
    let hasAppeals: Bool
    let appealsText: String
    let appeals: [Appeal]

    init(quality: DecisionMakerQuality, actor: Actor, today: LocalDate, csrfToken: String, form: FormData, errors: FieldErrors, notice: String?) {
        let policy = QualityPolicy.current
        name = quality.displayName.isEmpty ? quality.username.rawValue : quality.displayName
        username = quality.username.rawValue
        caption = "\(quality.role.title), \(quality.unit.rawValue) (\(quality.username.rawValue))"
        hasNotice = notice != nil
        self.notice = "\(name) is signed off as competent. The sign-off is kept in their staff record's history with the qualifying checks."
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        self.csrfToken = csrfToken
        highTarget = QualityText.target(policy.highScoreTarget)
        highSource = QualityText.source("highScoreTarget")

        // Sign-off (10.12).
        let progress = quality.signOff
        signOffSummary = progress.summary
        signOffTag = progress.signedOff
            ? QualityTag(text: "Signed off", tagClass: "govuk-tag--green")
            : progress.ready ? QualityTag(text: "Ready to sign off", tagClass: "govuk-tag--blue") : QualityTag(text: "On 100% checks", tagClass: "govuk-tag--yellow")
        signOffError = errors["sign-off"]
        hasSignOffError = !signOffError.isEmpty
        signOffExplanation = progress.signedOff
            ? "Their decisions are sampled, not all checked (10.8)."
            : "A technical specialist signs off a decision maker once \(progress.needed) of their decisions have been checked at DQ1 or DQ2 (\(QualityText.source("signOffDecisions"))). "
                + "\(QualityText.count(progress.checkedDecisions, "decision has", "decisions have")) been checked since they started or last went back on 100% checks."
        qualifying = progress.qualifying.map {
            Qualifying(
                href: "/claims/\($0.claim.rawValue)/decision", claim: $0.claim.rawValue,
                text: "check \($0.assessment): calculated \($0.calculated.title), \($0.assessedOn.longForm)"
            )
        }
        hasQualifying = !qualifying.isEmpty
        let reasonError = errors["reason"]
        canSignOff = SignOffRules.signers.contains(actor.role) && actor.staff != quality.username && !progress.signedOff && (progress.ready || !reasonError.isEmpty)
        signOffAction = "/quality/staff/\(staffPathSegment(quality.username.rawValue))/sign-off"
        reason = TextareaModel("reason", name: "reason", label: "Reason or note (optional)", hint: "Kept in the staff record's history with the qualifying checks", value: form["reason"] ?? "", errors: errors, rows: 3)

        // Figures.
        let window = policy.checkWindowDays
        figures = [
            KeyValueRow(key: "Checks of their work in the last \(window) days", value: String(quality.checksInWindow)),
            KeyValueRow(key: "Decisions completed in the last \(window) days", value: String(quality.decisionsCompletedInWindow)),
            KeyValueRow(key: "Work waiting for a check", value: String(quality.checksWaiting)),
            KeyValueRow(
                key: "Appeals against their decisions determined",
                value: "\(quality.appealFigures.determined): \(quality.appealFigures.allowed) allowed, \(quality.appealFigures.dismissed) dismissed, \(quality.appealFigures.withdrawn) withdrawn"
            ),
            KeyValueRow(key: "Overturn rate (allowed of allowed and dismissed)", value: quality.appealFigures.overturnRate.map(TargetShare.percent) ?? "None to count"),
        ]
        calculated = QualityScoreRow(quality.calculated)
        hasCalculated = quality.calculated.total > 0

        // Every check, newest first, with the feedback whole.
        checksText = quality.checks.isEmpty ? "No check of their work has been recorded yet." : QualityText.count(quality.checks.count, "check of their work, newest first.", "checks of their work, newest first.")
        checks = quality.checks.map { entry in
            let a = entry.assessment
            var summary = [
                KeyValueRow(key: "Work", value: QualityText.work(a.work, subject: a.subject)),
                KeyValueRow(key: "Checked", value: "\(a.assessedOn.longForm) by \(a.assessor.rawValue) (\(a.assessorRole.title))"),
                KeyValueRow(key: "When", value: a.preService ? "Before service" : "After service"),
                KeyValueRow(key: "How", value: "\(a.mode.title); \(QualityText.depth(a.depth).lowercased())"),
                KeyValueRow(key: "Outcome correct", value: a.outcomeCorrect ? "Yes" : "No: the outcome was found incorrect"),
                KeyValueRow(key: "Sample", value: a.sampleID.map { "Answers the sample \($0)" } ?? "A check of work not selected (a dip sample)"),
            ]
            if a.work == .decision, a.preService, !a.passes { summary.append(KeyValueRow(key: "Result", value: "Returned to the decision maker before service")) }
            let result: QualityTag = !a.outcomeCorrect || !a.scores.calculated.isSustainable
                ? QualityTag(text: "Calculated \(a.scores.calculated.title)", tagClass: "govuk-tag--red")
                : a.scores.calculated.isHigh ? QualityTag(text: "Calculated \(a.scores.calculated.title)", tagClass: "govuk-tag--green")
                : QualityTag(text: "Calculated \(a.scores.calculated.title)", tagClass: "govuk-tag--yellow")
            let themes = a.themes.map { code in FeedbackThemes.theme(code).map { ThemeLine(title: $0.title, source: $0.source) } ?? ThemeLine(title: code, source: "") }
            return Check(
                id: "check-\(entry.claim.rawValue)-\(a.number)", heading: "\(entry.claim.rawValue), check \(a.number)", href: "/claims/\(entry.claim.rawValue)/decision",
                claim: entry.claim.rawValue, summary: summary,
                scores: [
                    ScoreLine(category: "Operating Mandate", score: a.scores.operatingMandate.title), ScoreLine(category: "Casework", score: a.scores.casework.title),
                    ScoreLine(category: "Process", score: a.scores.process.title), ScoreLine(category: "Calculated (worse of casework and process)", score: a.scores.calculated.title),
                ],
                feedback: a.feedback, hasThemes: !themes.isEmpty, themes: themes, isVerbal: a.mode == .verbal,
                agreement: a.mode == .verbal ? "Agreed with \(a.agreedWith?.rawValue ?? quality.username.rawValue): \(a.agreement ?? "")" : "", resultTag: result
            )
        }
        hasChecks = !checks.isEmpty

        // Appeal findings on their decisions.
        appealsText = quality.appeals.isEmpty ? "No appeal against their decisions has been recorded." : QualityText.count(quality.appeals.count, "appeal against their decisions.", "appeals against their decisions.")
        appeals = quality.appeals.map { finding in
            let appeal = finding.appeal
            var summary = [
                KeyValueRow(key: "Against", value: "Decision \(appeal.lodged.decision)"),
                KeyValueRow(key: "Lodged", value: appeal.lodged.lodgedOn.longForm + (appeal.lodged.appealReference.map { " (\($0))" } ?? "")),
                KeyValueRow(key: "Heard", value: appeal.heardOn?.longForm ?? "Not yet heard"),
            ]
            let determination = appeal.determination
            summary.append(KeyValueRow(key: "Outcome", value: determination.map { "\($0.outcome.title), \($0.determinedOn.longForm)" } ?? "Not yet determined"))
            let tag: QualityTag = switch determination?.outcome {
            case .allowed?: QualityTag(text: "Allowed", tagClass: "govuk-tag--red")
            case .dismissed?: QualityTag(text: "Dismissed", tagClass: "govuk-tag--green")
            case .withdrawn?: QualityTag(text: "Withdrawn", tagClass: "govuk-tag--grey")
            case nil: QualityTag(text: "Open", tagClass: "govuk-tag--blue")
            }
            let themes = (determination?.themes ?? []).map { code in FeedbackThemes.theme(code).map { ThemeLine(title: $0.title, source: $0.source) } ?? ThemeLine(title: code, source: "") }
            return Appeal(
                id: "appeal-\(finding.claim.rawValue)-\(appeal.lodged.number)", heading: "\(finding.claim.rawValue), appeal \(appeal.lodged.number)",
                href: "/claims/\(finding.claim.rawValue)/decision", claim: finding.claim.rawValue, summary: summary, hasThemes: !themes.isEmpty, themes: themes,
                hasFindings: determination?.findings != nil, findings: determination?.findings ?? "", tag: tag
            )
        }
        hasAppeals = !appeals.isEmpty
    }
}

// MARK: GET /quality/appeals

struct QualityAppealsPageModel {
    struct Row {
        let id: String
        let key: String
        let href: String
        let hasHref: Bool
        let allowed: Int
        let dismissed: Int
        let withdrawn: Int
        let determined: Int
        let rate: String
    }

    struct Group {
        let id: String
        let heading: String
        let caption: String
        let column: String
        let hasRows: Bool
        let rows: [Row]
        let empty: String
    }

    let tabs: [PageTab]
    let hasErrors: Bool
    let errors: [ErrorItem]
    let national: Bool
    let unitSelect: SelectModel
    let from: TextInputModel
    let to: TextInputModel
    let hasRates: Bool
    let heading: String
    let summary: String
    let groups: [Group]

    init(rates: OverturnRates?, filters: UnitFilterChoices, query: FormData, today: LocalDate, errors: FieldErrors) {
        tabs = QualityTab.tabs(current: "/quality/appeals")
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        national = filters.national
        let chosen = UnitFilterChoices.typedUnit(query)
        unitSelect = filters.unitSelect(selected: chosen, errors: errors)
        from = TextInputModel(
            "from", label: "Appeals determined from", hint: "For example, \(QualityQuery.overturnDefaultStart(today: today).iso)", values: query, errors: errors, type: "date",
            labelClass: "govuk-label--s", value: rates?.from.iso
        )
        to = TextInputModel("to", label: "To", hint: "For example, \(today.iso)", values: query, errors: errors, type: "date", labelClass: "govuk-label--s", value: rates?.to.iso)
        hasRates = rates != nil
        guard let rates else {
            heading = "Appeal overturn rates"
            (summary, groups) = ("", [])
            return
        }
        let scope = chosen.isEmpty ? (filters.national ? "every unit" : filters.ownUnit.rawValue) : chosen
        heading = "Appeal overturn rates: \(scope)"
        let total = rates.total
        summary = "\(QualityText.count(total.determined, "appeal", "appeals")) determined from \(rates.from.longForm) to \(rates.to.longForm): "
            + "\(total.allowed) allowed, \(total.dismissed) dismissed, \(total.withdrawn) withdrawn. Overturn rate: "
            + (total.overturnRate.map(TargetShare.percent) ?? "none to count") + " (allowed of allowed and dismissed; withdrawn appeals decide nothing about the decision; 2026 rec 3b)."
        func rows(_ list: [OverturnRates.Row], _ prefix: String, href: (String) -> String?) -> [Row] {
            list.map { row in
                let link = href(row.key)
                return Row(
                    id: "\(prefix)-\(row.key.isEmpty ? "none" : row.key)", key: row.key.isEmpty ? "None recorded" : row.key, href: link ?? "", hasHref: link != nil,
                    allowed: row.figures.allowed, dismissed: row.figures.dismissed, withdrawn: row.figures.withdrawn, determined: row.figures.determined,
                    rate: row.figures.overturnRate.map(TargetShare.percent) ?? "None to count"
                )
            }
        }
        let period = "determined from \(rates.from.longForm) to \(rates.to.longForm)"
        let byUnit = rows(rates.byUnit, "unit") { _ in nil }
        let byCohort = rows(rates.byCohort, "cohort") { $0.isEmpty ? nil : "/operations/\(staffPathSegment($0))" }
        let byDM = rows(rates.byDecisionMaker, "dm") { $0.isEmpty ? nil : "/quality/staff/\(staffPathSegment($0))" }
        groups = [
            Group(id: "by-unit", heading: "By unit", caption: "Appeals \(period), by the unit that served the decision", column: "Unit", hasRows: !byUnit.isEmpty, rows: byUnit, empty: "No appeal was determined in this period."),
            Group(id: "by-cohort", heading: "By cohort", caption: "Appeals \(period), by the operation (cohort) the claim belongs to", column: "Operation", hasRows: !byCohort.isEmpty, rows: byCohort, empty: "No appeal determined in this period was on a claim in an operation."),
            Group(id: "by-decision-maker", heading: "By decision maker", caption: "Appeals \(period), by the decision's author", column: "Decision maker", hasRows: !byDM.isEmpty, rows: byDM, empty: "No appeal was determined in this period."),
        ]
    }
}
