import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The server-rendered pages: sign-in, the home page, search, registration and the claim page with its forms.
///
/// - `GET  /sign-in`, `POST /sign-in` (public), `POST /sign-out`
/// - `GET  /` — your work
/// - `GET  /claims?q=&nationality=&stage=&page=` — search
/// - `GET  /claims/new`, `POST /claims/new` — register a claim (registrar roles)
/// - `GET  /claims/:reference` — the claim
/// - `POST /claims/:reference/notes`, `/stage`, `/outcome`, `/outcome-withdrawal` — change it
///
/// Every page is HTML without scripts; every form post carries the session's CSRF token (checked by `CSRFMiddleware`).
public struct PagesController: Sendable {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore
    let renderer: PageRenderer
    let configuration: WebConfiguration

    /// Creates the controller.
    public init(store: CaseworkStore, renderer: PageRenderer, configuration: WebConfiguration) {
        self.store = store
        self.renderer = renderer
        self.configuration = configuration
    }

    /// Routes that need no session: the sign-in page.
    public func addPublicRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.add(middleware: PageErrorMiddleware(renderer: renderer))
        group.get("sign-in", use: signInPage)
        group.post("sign-in", use: signIn)
    }

    /// Routes for signed-in staff. The group already has session authentication and CSRF checking.
    public func addRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.add(middleware: PageErrorMiddleware(renderer: renderer))
        group.post("sign-out", use: signOut)
        group.get("/", use: home)
        group.get("claims", use: searchPage)
        group.get("claims/new", use: registrationPage)
        group.post("claims/new", use: register)
        group.get("claims/:reference", use: claimPage)
        group.post("claims/:reference/notes", use: addNote)
        group.post("claims/:reference/stage", use: moveStage)
        group.post("claims/:reference/outcome", use: recordOutcome)
        group.post("claims/:reference/outcome-withdrawal", use: withdrawOutcome)
        group.post("claims/:reference/links", use: linkClaim)
        group.post("work/next", use: takeNextClaim)
        group.post("claims/:reference/release", use: releaseClaim)
        group.post("claims/:reference/allocation", use: reassignClaim)
        group.post("claims/:reference/barriers", use: raiseBarrier)
        addStaffRoutes(to: group)
        addOperationsRoutes(to: group)
        addWorkViewsRoutes(to: group)
        addPriorityRoutes(to: group)
        addPlanningRoutes(to: group)
        addInterviewResourceRoutes(to: group)
        addInterviewRoutes(to: group)
        addInterviewScheduleRoutes(to: group)
        addInterviewViewRoutes(to: group)
        addDecisionRoutes(to: group)
        addQualityRoutes(to: group)
    }

    // MARK: Home

    @Sendable func home(_ request: Request, context: Context) async throws -> Response {
        try await homePage(identity: try context.requireIdentity(), notice: nil)
    }

    /// `POST /work/next`: takes the next claim from the caller's unit's queue and opens it; back home when the queue is empty.
    @Sendable func takeNextClaim(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        guard let claim = try await store.nextClaim(for: identity.actor) else {
            // Say what narrowed the queue (training, children's casework, the operation worked), so "nothing" is explained.
            let restriction = try await store.nextClaimRestriction(for: identity.actor)
            let notice = "There are no claims waiting in your unit's queue" + (restriction.map { " that your training and operation allow (\($0))" } ?? "") + "."
            return try await homePage(identity: identity, notice: notice)
        }
        return seeOther("/claims/\(claim.reference.rawValue)")
    }

    func homePage(identity: Identity, notice: String?) async throws -> Response {
        let actor = identity.actor
        async let countsResult = store.stageCounts(for: actor)
        async let recentResult = store.recentWork(for: actor, limit: 10)
        async let workResult = store.myWork(for: actor)
        let counts = try await countsResult
        let recent = try await recentResult
        let work = try await workResult
        let total = counts.reduce(0) { $0 + $1.count }
        let national = AccessPolicy.nationalRoles.contains(actor.role)
        let model = HomePageModel(
            displayName: identity.staff.displayName.isEmpty ? identity.staff.username.rawValue : identity.staff.displayName,
            roleTitle: actor.role.title, unit: actor.unit.rawValue,
            scope: national ? "all units (your role works nationally)" : "unit \(actor.unit.rawValue)",
            total: total, totalText: total == 1 ? "1 claim" : "\(total) claims",
            stageCounts: counts.map { StageCountModel(title: $0.stage.title, count: $0.count, href: "/claims?stage=\($0.stage.rawValue)", tagClass: stageTagClass($0.stage)) },
            hasRecent: !recent.isEmpty, recent: recent.map(ClaimRowModel.init),
            canRegister: AccessPolicy.canRegister(actor),
            canTakeWork: AccessPolicy.caseworkers.contains(actor.role), csrfToken: identity.csrfToken ?? "",
            work: MyWorkModel(work), hasNotice: notice != nil, notice: notice ?? ""
        )
        return renderer.response("home", title: "Your work", chrome: .signedIn(identity, current: "home"), model: model)
    }

    // MARK: Search

    @Sendable func searchPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        // Browsers send form spaces as '+', which `queryParameters` keeps; read the query like a form body.
        let values = FormData(body: request.uri.query ?? "")
        let text = (values["q"] ?? "").trimmingWhitespace
        let nationality = (values["nationality"] ?? "").trimmingWhitespace.uppercased()
        let stageText = (values["stage"] ?? "").trimmingWhitespace
        let stage = Stage(rawValue: stageText)
        let page = min(max(Int(values["page"] ?? "") ?? 1, 1), 100_000)
        var errors = FieldErrors()
        if !stageText.isEmpty, stage == nil { errors.add("Select a stage from the list", key: "stage", anchor: "stage") }
        if !nationality.isEmpty, Countries.country(code: nationality) == nil {
            errors.add("Select a nationality from the list", key: "nationality", anchor: "nationality")
        }
        if text.count > 200 { errors.add("Search text must be 200 characters or fewer", key: "q", anchor: "q") }
        let searched = !text.isEmpty || !nationality.isEmpty || stage != nil || values["page"] != nil

        var result: ClaimSearchResult?
        if errors.isEmpty {
            let query = ClaimQuery(text: text.isEmpty ? nil : text, nationality: nationality.isEmpty ? nil : nationality, stage: stage, page: page, pageSize: 25)
            result = try await store.search(query, for: identity.actor)
        }
        let total = result?.total ?? 0
        let pageCount = result?.pageCount ?? 1
        let currentPage = result?.page ?? 1
        let first = total == 0 ? 0 : (currentPage - 1) * (result?.pageSize ?? 25) + 1
        let last = min(total, first + (result?.claims.count ?? 0) - 1)
        var baseQuery: [String] = []
        if !text.isEmpty { baseQuery.append("q=" + queryEncode(text)) }
        if !nationality.isEmpty { baseQuery.append("nationality=" + queryEncode(nationality)) }
        if let stage { baseQuery.append("stage=" + stage.rawValue) }
        let pagination = PaginationModel(current: currentPage, count: pageCount) { number in
            "/claims?" + (baseQuery + ["page=\(number)"]).joined(separator: "&")
        }
        let model = SearchPageModel(
            hasErrors: !errors.isEmpty, errors: errors.summary,
            q: TextInputModel("q", label: "Reference, name or date of birth", hint: "For example CW-0001234, Amina Hassan or 1990-03-27", values: values, errors: errors, width: "20", labelClass: "govuk-label--s", value: text),
            nationality: SelectModel("nationality", label: "Nationality", options: [("", "Any nationality")] + ReferenceOptions.countries.dropFirst(), selected: nationality, errors: errors, labelClass: "govuk-label--s"),
            stage: SelectModel("stage", label: "Stage", options: ReferenceOptions.stages, selected: stage?.rawValue ?? "", errors: errors, labelClass: "govuk-label--s"),
            searched: searched,
            total: total,
            totalText: total == 1 ? "1 claim" : "\(total) claims",
            rangeText: total == 0 ? "" : "Showing \(first) to \(last) of \(total)",
            hasResults: !(result?.claims.isEmpty ?? true),
            results: (result?.claims ?? []).map(ClaimRowModel.init),
            hasPagination: pageCount > 1, pagination: pagination,
            pastLastPage: total > 0 && (result?.claims.isEmpty ?? false),
            lastPageHref: "/claims?" + (baseQuery + ["page=\(pageCount)"]).joined(separator: "&")
        )
        let title = errors.isEmpty ? "Search claims" : "Error: Search claims"
        return renderer.response("search", title: title, chrome: .signedIn(identity, current: "search"), model: model, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

// MARK: Error pages

/// Turns errors from page handlers into friendly pages: 404 for claims that do not exist or are not visible,
/// 403 for things the role may not do, 500 for anything else (logged, never shown).
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = CaseworkRequestContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return Self.page(for: error, renderer: renderer, context: context)
        }
    }

    static func page(for error: any Error, renderer: PageRenderer, context: Context) -> Response {
        let chrome = PageChrome.signedIn(context.identity)
        let back = [LinkModel(href: "/", text: "Go to your work"), LinkModel(href: "/claims", text: "Search claims")]
        switch error {
        case is ClaimNotFound:
            return notFound(renderer: renderer, chrome: chrome)
        case let denied as AccessDenied:
            return renderer.errorPage(status: .forbidden, heading: "You cannot do this", message: denied.message + " If you think you should be able to, ask your team leader.", chrome: chrome, links: back)
        case let http as HTTPError where http.status == .notFound:
            return notFound(renderer: renderer, chrome: chrome)
        case let http as HTTPError where http.status == .forbidden:
            return renderer.errorPage(status: .forbidden, heading: "You cannot do this", message: "Your role does not allow this.", chrome: chrome, links: back)
        case let http as HTTPError where http.status == .unauthorized:
            return seeOther("/sign-in")
        case let http as HTTPError where http.status.code < 500:
            return renderer.errorPage(status: http.status, heading: "Sorry, there is a problem with this request", message: http.body ?? http.status.reasonPhrase, chrome: chrome, links: back)
        default:
            context.logger.error("Unhandled error on a page", metadata: ["error": "\(String(reflecting: error))"])
            return renderer.errorPage(
                status: .internalServerError, heading: "Sorry, there is a problem with the service",
                message: "Nothing you entered has been saved. Try again later. If the problem continues, contact the service desk and quote request \(context.id).",
                chrome: chrome, links: back
            )
        }
    }

    static func notFound(renderer: PageRenderer, chrome: PageChrome) -> Response {
        renderer.errorPage(
            status: .notFound, heading: "Page not found",
            message: "If you typed the web address, check it is correct. If you followed a link to a claim, the claim may not exist or may belong to a unit you cannot see.",
            chrome: chrome, links: [LinkModel(href: "/claims", text: "Search claims"), LinkModel(href: "/", text: "Go to your work")]
        )
    }
}

// MARK: View models shared by the home and search pages

struct ClaimRowModel {
    let reference: String
    let href: String
    let name: String
    let dateOfBirth: String
    let nationality: String
    let dateOfClaim: String
    let regime: String
    let stageTitle: String
    let stageTagClass: String
    let unit: String
    let flags: [String]
    let hasFlags: Bool

    init(_ summary: ClaimSummary) {
        reference = summary.reference.rawValue
        href = "/claims/" + summary.reference.rawValue
        name = summary.name
        dateOfBirth = summary.dateOfBirth.longForm
        nationality = Countries.name(of: summary.nationality)
        dateOfClaim = summary.dateOfClaim.longForm
        regime = summary.regime.title
        stageTitle = summary.stage.title
        stageTagClass = CaseworkWeb.stageTagClass(summary.stage)
        unit = summary.owningUnit.rawValue
        var flags: [String] = []
        if summary.unaccompaniedChild { flags.append("UASC") }
        if summary.detained { flags.append("Detained") }
        self.flags = flags
        hasFlags = !flags.isEmpty
    }
}

struct StageCountModel {
    let title: String
    let count: Int
    let href: String
    let tagClass: String
}

struct HomePageModel {
    let displayName: String
    let roleTitle: String
    let unit: String
    let scope: String
    let total: Int
    let totalText: String
    let stageCounts: [StageCountModel]
    let hasRecent: Bool
    let recent: [ClaimRowModel]
    let canRegister: Bool
    let canTakeWork: Bool
    let csrfToken: String
    let work: MyWorkModel
    let hasNotice: Bool
    let notice: String
}

struct PageLinkModel {
    let number: Int
    let href: String
    let current: Bool
    let ellipsis: Bool
}

struct PaginationModel {
    let hasPrevious: Bool
    let previousHref: String
    let hasNext: Bool
    let nextHref: String
    let pages: [PageLinkModel]

    init(current: Int, count: Int, href: (Int) -> String) {
        hasPrevious = current > 1
        previousHref = current > 1 ? href(current - 1) : ""
        hasNext = current < count
        nextHref = current < count ? href(current + 1) : ""
        var numbers = Set([1, count, current - 1, current, current + 1]).filter { $0 >= 1 && $0 <= count }.sorted()
        if numbers.isEmpty { numbers = [1] }
        var pages: [PageLinkModel] = []
        var previous = 0
        for number in numbers {
            if number > previous + 1 { pages.append(PageLinkModel(number: 0, href: "", current: false, ellipsis: true)) }
            pages.append(PageLinkModel(number: number, href: href(number), current: number == current, ellipsis: false))
            previous = number
        }
        self.pages = pages
    }
}

struct SearchPageModel {
    let hasErrors: Bool
    let errors: [ErrorItem]
    let q: TextInputModel
    let nationality: SelectModel
    let stage: SelectModel
    let searched: Bool
    let total: Int
    let totalText: String
    let rangeText: String
    let hasResults: Bool
    let results: [ClaimRowModel]
    let hasPagination: Bool
    let pagination: PaginationModel
    let pastLastPage: Bool
    let lastPageHref: String
}
