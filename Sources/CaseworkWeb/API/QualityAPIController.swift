import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API for quality assurance (10.1–10.47; 2021 recs 7–8; 2026 recs 2–3). Figures are seen by the roles in
/// `AccessPolicy.qualityViewers`, unit roles for their own unit, national roles for any or all.
///
/// - `GET  /api/v1/quality/checks-waiting?unit=` — work waiting for its check, decisions blocking service first
/// - `GET  /api/v1/units/{unit}/quality?month=YYYY-MM` — a unit's month (default this month)
/// - `GET  /api/v1/quality?month=YYYY-MM` — every unit together (national roles)
/// - `GET  /api/v1/units/{unit}/quality-pack.csv?month=` — the month's pack, one row per figure
/// - `GET  /api/v1/staff/{username}/quality` — a decision maker's checks, feedback, appeal findings and sign-off progress
/// - `GET  /api/v1/staff/{username}/sign-off`, `POST` — progress towards sign-off; sign off (technical specialists, 10.12)
/// - `GET  /api/v1/quality/overturn-rates?from=&to=&unit=` — appeals determined in a period (default the last twelve months)
struct QualityAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// Every operation, once: registered by `addRoutes`, compared with the OpenAPI document by a test.
    static let endpoints: [APIEndpoint<Self>] = [
        .get("/api/v1/quality/checks-waiting") { $0.checksWaiting },
        .get("/api/v1/units/{unit}/quality") { $0.unitQuality },
        .get("/api/v1/quality") { $0.allUnitsQuality },
        .get("/api/v1/units/{unit}/quality-pack.csv") { $0.pack },
        .get("/api/v1/staff/{username}/quality") { $0.staffQuality },
        .get("/api/v1/staff/{username}/sign-off") { $0.signOffProgress },
        .post("/api/v1/staff/{username}/sign-off") { $0.signOff },
        .get("/api/v1/quality/overturn-rates") { $0.overturnRates },
    ]

    /// The routes, in OpenAPI form.
    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    @Sendable func checksWaiting(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let query = FormData(body: request.uri.query ?? "")
        let unit = try InterviewViewQuery.unit(query["unit"], required: false)
        if let unit { try await requireUnit(unit) }
        return try json(try await store.checksWaiting(unit: unit, for: actor))
    }

    @Sendable func unitQuality(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let unit = try await pathUnit(context)
        let month = try QualityQuery.month(FormData(body: request.uri.query ?? "")["month"], today: store.clock.now().date)
        return try json(UnitQualityDTO(try await store.unitQuality(unit: unit, month: month, for: actor)))
    }

    @Sendable func allUnitsQuality(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let month = try QualityQuery.month(FormData(body: request.uri.query ?? "")["month"], today: store.clock.now().date)
        return try json(UnitQualityDTO(try await store.unitQuality(unit: nil, month: month, for: actor)))
    }

    @Sendable func pack(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let unit = try await pathUnit(context)
        let month = try QualityQuery.month(FormData(body: request.uri.query ?? "")["month"], today: store.clock.now().date)
        let report = try await store.unitQuality(unit: unit, month: month, for: actor)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"quality-\(unit.rawValue)-\(month.iso).csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: report.csv))
        )
    }

    @Sendable func staffQuality(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let username = try username(context)
        return try await found { try json(DecisionMakerQualityDTO(try await store.decisionMakerQuality(username, for: actor))) }
    }

    @Sendable func signOffProgress(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let username = try username(context)
        return try await found { try json(SignOffProgressDTO(try await store.signOffProgress(of: username, for: actor))) }
    }

    private struct SignOffBody: Decodable { var reason: String? }

    @Sendable func signOff(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let username = try username(context)
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let reason = buffer.readableBytes == 0 ? nil : try APIRequestBody.decode(SignOffBody.self, from: Data(buffer.readableBytesView)).reason
        return try await found { try json(SignOffProgressDTO(try await store.signOff(username, reason: reason, by: actor))) }
    }

    @Sendable func overturnRates(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let query = FormData(body: request.uri.query ?? "")
        let today = store.clock.now().date
        let from = try QualityQuery.date(query["from"], "from", fallback: QualityQuery.overturnDefaultStart(today: today))
        let to = try QualityQuery.date(query["to"], "to", fallback: today)
        let unit = try InterviewViewQuery.unit(query["unit"], required: false)
        if let unit { try await requireUnit(unit) }
        return try json(OverturnRatesDTO(try await store.overturnRates(from: from, to: to, unit: unit, for: actor)))
    }

    // MARK: Helpers

    private func pathUnit(_ context: Context) async throws -> UnitID {
        let unit = try InterviewViewQuery.unit(context.parameters.get("unit"), required: true)!
        try await requireUnit(unit)
        return unit
    }

    private func requireUnit(_ unit: UnitID) async throws {
        guard try await store.units().contains(where: { $0.code == unit }) else { throw APIError.notFound("No unit has the code \(unit.rawValue).") }
    }

    /// Runs `body`, answering 404 when the member of staff does not exist.
    private func found(_ body: () async throws -> Response) async throws -> Response {
        do { return try await body() } catch let missing as StaffRecordNotFound { throw APIError.notFound(missing.message) }
    }

    private func username(_ context: Context) throws -> StaffID {
        let text = context.parameters.get("username") ?? ""
        guard !text.isEmpty, text.count <= 100 else { throw APIError.notFound("No member of staff has that username.") }
        return StaffID(text)
    }
}

/// Reading the quality views' parameters, shared by the pages and the API so both refuse the same input alike.
enum QualityQuery {
    /// The month given as YYYY-MM, or the month containing `today` when none is given.
    static func month(_ text: String?, today: LocalDate) throws(ValidationFailure) -> ReportMonth {
        guard let text = text?.trimmingWhitespace, !text.isEmpty else { return ReportMonth(containing: today) }
        guard let month = ReportMonth(iso: text) else {
            throw ValidationFailure([FieldError(field: "month", message: "month must be a month in the form YYYY-MM, for example \(ReportMonth(containing: today).iso)")])
        }
        return month
    }

    /// A date given as YYYY-MM-DD, or `fallback` when none is given.
    static func date(_ text: String?, _ field: String, fallback: LocalDate) throws(ValidationFailure) -> LocalDate {
        guard let text = text?.trimmingWhitespace, !text.isEmpty else { return fallback }
        guard let date = LocalDate(iso: text) else {
            throw ValidationFailure([FieldError(field: field, message: "\(field) must be a real date in the form YYYY-MM-DD")])
        }
        return date
    }

    /// The overturn rates' default start: the first day of the month eleven months before this one, so the default
    /// period is twelve calendar months ending today.
    static func overturnDefaultStart(today: LocalDate) -> LocalDate { ReportMonth(containing: today).adding(months: -11).firstDay }
}

// MARK: Wire types

/// A share against its target; `share` and `meetsTarget` are absent when there is nothing to count.
struct TargetShareDTO: Encodable {
    var count: Int
    var total: Int
    var target: Double
    var share: Double?
    var meetsTarget: Bool?

    init(_ share: TargetShare) {
        count = share.count
        total = share.total
        target = share.target
        self.share = share.share
        meetsTarget = share.meetsTarget
    }
}

struct AppealFiguresDTO: Encodable {
    var allowed: Int
    var dismissed: Int
    var withdrawn: Int
    var determined: Int
    /// Allowed over allowed and dismissed; absent when none was decided on its merits.
    var overturnRate: Double?

    init(_ figures: AppealFigures) {
        allowed = figures.allowed
        dismissed = figures.dismissed
        withdrawn = figures.withdrawn
        determined = figures.determined
        overturnRate = figures.overturnRate
    }
}

struct ScoreDistributionDTO: Encodable {
    var category: String
    var title: String
    /// Index 0 is DQ1.
    var counts: [Int]
    var total: Int
    /// DQ1 or DQ2 against 75% (10.32).
    var high: TargetShareDTO

    init(_ distribution: ScoreDistribution) {
        category = distribution.category
        title = UnitQualityReport.categoryTitle(distribution.category)
        counts = distribution.counts
        total = distribution.total
        high = TargetShareDTO(distribution.high)
    }
}

/// `GET /api/v1/units/{unit}/quality` and `GET /api/v1/quality`.
struct UnitQualityDTO: Encodable {
    struct Sampling: Encodable {
        var work: SampledWork
        var title: String
        var completed: Int
        var selected: Int
        var randomlySelected: Int
        var checked: Int
        var awaitingCheck: Int
        var cancelled: Int
        var reasons: [String: Int]
        /// Checked against 3.5% (10.8, 10.27).
        var checkedShare: TargetShareDTO
        /// The random draw's share against the policy's rate.
        var randomShare: TargetShareDTO
    }

    struct Worker: Encodable {
        var worker: StaffID
        var displayName: String
        var signedOff: Bool
        var decisionsCompleted: Int
        var checks: Int
        var lastChecked: LocalDate?
        var overdue: Bool
    }

    struct Theme: Encodable {
        var theme: FeedbackTheme
        var assessments: [Int]
        var appeals: [Int]
        var total: Int
    }

    /// Absent for every unit together.
    var unit: UnitID?
    var month: String
    var monthTitle: String
    var sampling: [Sampling]
    var preService: TargetShareDTO
    var scores: [ScoreDistributionDTO]
    var outcomeIncorrect: Int
    var verbalChecks: Int
    var workers: [Worker]
    var windowStart: LocalDate
    var windowEnd: LocalDate
    var trendMonths: [String]
    var themes: [Theme]
    var appeals: AppealFiguresDTO

    init(_ report: UnitQualityReport) {
        unit = report.unit
        month = report.month.iso
        monthTitle = report.month.title
        sampling = report.sampling.map {
            Sampling(
                work: $0.work, title: $0.work.title, completed: $0.completed, selected: $0.selected, randomlySelected: $0.randomlySelected, checked: $0.checked,
                awaitingCheck: $0.awaitingCheck, cancelled: $0.cancelled, reasons: $0.reasons, checkedShare: TargetShareDTO($0.checkedShare),
                randomShare: TargetShareDTO($0.randomShare)
            )
        }
        preService = TargetShareDTO(report.preService)
        scores = report.scores.map(ScoreDistributionDTO.init)
        outcomeIncorrect = report.outcomeIncorrect
        verbalChecks = report.verbalChecks
        workers = report.workers.map {
            Worker(
                worker: $0.worker, displayName: $0.displayName, signedOff: $0.signedOff, decisionsCompleted: $0.decisionsCompleted, checks: $0.checks,
                lastChecked: $0.lastChecked, overdue: $0.overdue
            )
        }
        windowStart = report.windowStart
        windowEnd = report.windowEnd
        trendMonths = report.trendMonths.map(\.iso)
        themes = report.themes.map { Theme(theme: $0.theme, assessments: $0.assessments, appeals: $0.appeals, total: $0.total) }
        appeals = AppealFiguresDTO(report.appeals)
    }
}

/// `GET /api/v1/staff/{username}/sign-off`.
struct SignOffProgressDTO: Encodable {
    var worker: StaffID
    var signedOff: Bool
    var needed: Int
    var qualifying: [SignOffProgress.Qualifying]
    var checkedDecisions: Int
    var ready: Bool
    var summary: String

    init(_ progress: SignOffProgress) {
        worker = progress.worker
        signedOff = progress.signedOff
        needed = progress.needed
        qualifying = progress.qualifying
        checkedDecisions = progress.checkedDecisions
        ready = progress.ready
        summary = progress.summary
    }
}

/// `GET /api/v1/staff/{username}/quality`.
struct DecisionMakerQualityDTO: Encodable {
    struct Check: Encodable {
        var claim: ClaimReference
        var assessment: QualityAssessmentDTO
    }

    var username: StaffID
    var displayName: String
    var role: Role
    var unit: UnitID
    var signOff: SignOffProgressDTO
    var checks: [Check]
    var appeals: [DecisionMakerQuality.AppealFinding]
    var appealFigures: AppealFiguresDTO
    var checksWaiting: Int
    var checksInWindow: Int
    var decisionsCompletedInWindow: Int
    var calculated: ScoreDistributionDTO

    init(_ quality: DecisionMakerQuality) {
        username = quality.username
        displayName = quality.displayName
        role = quality.role
        unit = quality.unit
        signOff = SignOffProgressDTO(quality.signOff)
        checks = quality.checks.map { Check(claim: $0.claim, assessment: QualityAssessmentDTO($0.assessment)) }
        appeals = quality.appeals
        appealFigures = AppealFiguresDTO(quality.appealFigures)
        checksWaiting = quality.checksWaiting
        checksInWindow = quality.checksInWindow
        decisionsCompletedInWindow = quality.decisionsCompletedInWindow
        calculated = ScoreDistributionDTO(quality.calculated)
    }
}

/// `GET /api/v1/quality/overturn-rates`.
struct OverturnRatesDTO: Encodable {
    struct Row: Encodable {
        var key: String
        var figures: AppealFiguresDTO
    }

    var from: LocalDate
    var to: LocalDate
    var byUnit: [Row]
    var byCohort: [Row]
    var byDecisionMaker: [Row]
    var total: AppealFiguresDTO

    init(_ rates: OverturnRates) {
        from = rates.from
        to = rates.to
        byUnit = rates.byUnit.map { Row(key: $0.key, figures: AppealFiguresDTO($0.figures)) }
        byCohort = rates.byCohort.map { Row(key: $0.key, figures: AppealFiguresDTO($0.figures)) }
        byDecisionMaker = rates.byDecisionMaker.map { Row(key: $0.key, figures: AppealFiguresDTO($0.figures)) }
        total = AppealFiguresDTO(rates.total)
    }
}
