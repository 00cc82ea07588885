import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes

/// The JSON API for the views of work.
///
/// - `GET /api/v1/work/summary` — the caller's own work in full: each claim held with days held, priority and its
///   reasons, open barriers, latest follow-up actions and due dates, most urgent first, and the figures.
/// - `GET /api/v1/barriers/due?unit=&on=` — a unit's barrier review queue on a day (default today): open barriers due or
///   overdue, most overdue first, and how many fall due in the week after. Unit roles see their own unit; national
///   roles name one.
struct WorkViewsAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// Every operation, once: registered by `addRoutes`, compared with the OpenAPI document by a test.
    static let endpoints: [APIEndpoint<Self>] = [
        .get("/api/v1/work/summary") { $0.workSummary },
        .get("/api/v1/barriers/due") { $0.barriersDue },
    ]

    /// The routes, in OpenAPI form.
    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    @Sendable func workSummary(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        return try json(WorkSummaryDTO(try await store.myWork(for: actor)))
    }

    @Sendable func barriersDue(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let parameters = FormData(body: request.uri.query ?? "")
        let unit = try Self.unit(parameters["unit"], for: actor)
        var day = store.clock.now().date
        if let text = parameters["on"]?.trimmingWhitespace, !text.isEmpty {
            guard let given = LocalDate(iso: text) else {
                throw APIError.badRequest(field: "on", message: "on must be a real date in the form YYYY-MM-DD, for example \(day.iso)")
            }
            day = given
        }
        return try json(BarrierQueueDTO(try await store.barrierReviewQueue(unit: unit, on: day, for: actor)))
    }

    /// The unit asked for: required of national roles, optional (and only their own) for unit roles.
    static func unit(_ text: String?, for actor: Actor) throws -> UnitID {
        let given = text?.trimmingWhitespace.uppercased() ?? ""
        if given.isEmpty {
            guard !AccessPolicy.nationalRoles.contains(actor.role) else {
                throw APIError.badRequest(field: "unit", message: "unit is required: your role works nationally, so name the unit whose queue you want, for example DMU-GLA")
            }
            return actor.unit
        }
        return UnitID(given)
    }
}

/// One claim in the caller's work.
struct HeldWorkDTO: Codable, Sendable {
    struct BarrierLine: Codable, Sendable {
        var id: Int
        var type: String
        var title: String
        var rating: String
        var reviewDate: String
        var overdue: Bool
        var due: Bool
    }

    struct Action: Codable, Sendable {
        var sequence: Int
        var text: String
        var author: String
        var createdAt: String
    }

    struct Due: Codable, Sendable {
        var kind: String
        var date: String
        var what: String
        var barrierId: Int?
        var overdue: Bool
        var daysOverdue: Int
        var status: String
    }

    var claim: ClaimSummaryDTO
    var heldSince: String
    var daysHeld: Int
    var priority: PriorityDTO
    var openBarriers: [BarrierLine]
    var latestActions: [Action]
    var actionCount: Int
    var dueDates: [Due]
    var hasOverdue: Bool

    init(_ item: HeldWorkItem, today: LocalDate) {
        claim = ClaimSummaryDTO(item.summary)
        heldSince = item.heldSince.iso
        daysHeld = item.daysHeld
        priority = PriorityDTO(item.priority)
        openBarriers = item.openBarriers.map {
            BarrierLine(
                id: $0.id, type: $0.typeCode, title: $0.type?.title ?? $0.typeCode, rating: $0.rating.rawValue, reviewDate: $0.reviewDate.iso,
                overdue: $0.isOverdue(on: today), due: $0.isDue(on: today)
            )
        }
        latestActions = item.latestActions.map { Action(sequence: $0.sequence, text: $0.text, author: $0.author.rawValue, createdAt: $0.createdAt.iso) }
        actionCount = item.actionCount
        dueDates = item.dueDates.map {
            Due(
                kind: $0.kind.rawValue, date: $0.date.iso, what: $0.what, barrierId: $0.barrierID, overdue: $0.isOverdue(on: today),
                daysOverdue: max(0, $0.daysOverdue(on: today)), status: $0.status(on: today)
            )
        }
        hasOverdue = item.urgency.earliestOverdue != nil
    }
}

/// `GET /api/v1/work/summary`.
struct WorkSummaryDTO: Codable, Sendable {
    struct TierCount: Codable, Sendable {
        var tier: Int
        var claims: Int
    }

    var today: String
    var claimsHeld: Int
    var claimsWithOverdue: Int
    var overdueDates: Int
    var dueWithinWeek: Int
    var openBarriers: Int
    var barrierReviewsOverdue: Int
    var longestHeldDays: Int
    var claimsByTier: [TierCount]
    var actionsNote: String
    var claims: [HeldWorkDTO]

    init(_ work: MyWork) {
        today = work.today.iso
        claimsHeld = work.items.count
        claimsWithOverdue = work.claimsWithOverdue
        overdueDates = work.overdueDates
        dueWithinWeek = work.dueSoonDates
        openBarriers = work.openBarriers
        barrierReviewsOverdue = work.barrierReviewsOverdue
        longestHeldDays = work.longestHeldDays
        claimsByTier = work.claimsByTier.sorted { $0.key < $1.key }.map { TierCount(tier: $0.key, claims: $0.value) }
        actionsNote = WorkViewText.actionsNote
        claims = work.items.map { HeldWorkDTO($0, today: work.today) }
    }
}

/// `GET /api/v1/barriers/due`.
struct BarrierQueueDTO: Codable, Sendable {
    struct Entry: Codable, Sendable {
        var claim: String
        var name: String
        var holder: String?
        var barrier: Barrier
        var title: String
        var daysOverdue: Int
        var overdue: Bool
    }

    var unit: String
    var on: String
    var dueCount: Int
    var overdueCount: Int
    var dueNextWeek: Int
    var barriers: [Entry]

    init(_ queue: BarrierReviewQueue) {
        unit = queue.unit.rawValue
        on = queue.day.iso
        dueCount = queue.dueCount
        overdueCount = queue.overdueCount
        dueNextWeek = queue.dueNextWeek
        barriers = queue.entries.map {
            Entry(
                claim: $0.claim.rawValue, name: $0.name, holder: $0.holder?.rawValue, barrier: $0.barrier,
                title: $0.barrier.type?.title ?? $0.barrier.typeCode, daysOverdue: $0.daysOverdue, overdue: $0.daysOverdue > 0
            )
        }
    }
}

/// Words shared by the "my work" page and its API.
enum WorkViewText {
    /// How follow-up actions are shown: the platform has no step that marks an action done.
    static let actionsNote =
        "Follow-up actions are notes marked as actions (8.41). Nothing marks an action done, so the latest \(MyWork.actionsShown) are shown, newest first; a later note or event says what was done."
}
