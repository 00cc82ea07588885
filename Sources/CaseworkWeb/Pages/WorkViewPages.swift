import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for the views of work: a decision maker's own work (on the home page, built here) and the barrier review queue.
///
/// - `GET /barriers/review?unit=` — a unit's open barriers due or overdue for review, most overdue first (8.95, 8.122).
///   Unit roles see their own unit; national roles choose one.
extension PagesController {
    func addWorkViewsRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.get("barriers/review", use: barrierReviewPage)
    }

    /// `GET /barriers/review`: the review queue of the viewer's unit, or of the unit a national role chose.
    @Sendable func barrierReviewPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let actor = identity.actor
        let query = FormData(body: request.uri.query ?? "")
        let national = AccessPolicy.nationalRoles.contains(actor.role)
        let chosen = (query["unit"] ?? "").trimmingWhitespace.uppercased()
        let units = national ? try await store.units() : []
        var errors = FieldErrors()
        var queue: BarrierReviewQueue?
        var unit: UnitID?
        if national {
            if !chosen.isEmpty {
                if units.contains(where: { $0.code.rawValue == chosen }) {
                    unit = UnitID(chosen)
                } else {
                    errors.add("Select a unit from the list", key: "unit", anchor: "unit")
                }
            }
        } else {
            if !chosen.isEmpty, chosen != actor.unit.rawValue {
                throw AccessDenied("You can see the barrier review queue of your own unit, \(actor.unit.rawValue), only.")
            }
            unit = actor.unit
        }
        let today = store.clock.now().date
        if let unit { queue = try await store.barrierReviewQueue(unit: unit, on: today, for: actor) }
        let model = BarrierReviewPageModel(queue: queue, national: national, units: units, chosen: chosen, today: today, errors: errors)
        let title = (errors.isEmpty ? "" : "Error: ") + "Barriers to review"
        return renderer.response(
            "barrier-review", title: title, chrome: .signedIn(identity, current: "barriers"), model: model,
            status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }
}

// MARK: My work (the home page)

/// The home page's "Claims you hold": each claim with what is due, its priority, barriers and latest actions.
struct MyWorkModel {
    let hasItems: Bool
    let heldText: String
    let figures: [KeyValueRow]
    let items: [WorkItemModel]
    let actionsNote: String

    init(_ work: MyWork) {
        hasItems = !work.items.isEmpty
        heldText = work.items.count == 1 ? "1 claim" : "\(work.items.count) claims"
        figures = [
            KeyValueRow(key: "Claims held", value: String(work.items.count)),
            KeyValueRow(key: "Claims with something overdue", value: String(work.claimsWithOverdue)),
            KeyValueRow(key: "Dates due within \(WorkUrgency.soonDays) days", value: String(work.dueSoonDates)),
            KeyValueRow(key: "Open barriers", value: String(work.openBarriers)),
            KeyValueRow(key: "Barrier reviews overdue", value: String(work.barrierReviewsOverdue)),
            KeyValueRow(key: "Longest held", value: Self.days(work.longestHeldDays)),
        ]
        items = work.items.map { WorkItemModel($0, today: work.today) }
        actionsNote = WorkViewText.actionsNote
    }

    static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }
}

/// One held claim on the home page.
struct WorkItemModel {
    struct Due {
        let what: String
        let date: String
        let status: String
        let tagClass: String
    }

    struct BarrierLine {
        let title: String
        let href: String
        let ratingTitle: String
        let ratingClass: String
        let reviewDate: String
        let hasFlag: Bool
        let flag: String
    }

    struct Action {
        let text: String
        let author: String
        let when: String
    }

    let reference: String
    let href: String
    let name: String
    let stageTitle: String
    let stageTagClass: String
    let heldSince: String
    let daysHeldText: String
    let hasOverdue: Bool
    let tier: Int
    let tierTitle: String
    let explanation: String
    let hasDues: Bool
    let dues: [Due]
    let hasBarriers: Bool
    let barriers: [BarrierLine]
    let hasActions: Bool
    let actions: [Action]
    let actionCountText: String

    init(_ item: HeldWorkItem, today: LocalDate) {
        let claim = item.claim
        reference = claim.reference.rawValue
        href = "/claims/" + claim.reference.rawValue
        name = claim.facts.mainApplicant.fullName
        stageTitle = claim.stage.title
        stageTagClass = CaseworkWeb.stageTagClass(claim.stage)
        heldSince = item.heldSince.longForm
        daysHeldText = MyWorkModel.days(item.daysHeld)
        hasOverdue = item.urgency.earliestOverdue != nil
        tier = item.priority.tier
        tierTitle = item.priority.tierTitle
        explanation = item.priority.explanation
        dues = item.dueDates.map { due in
            Due(
                what: due.what, date: due.date.longForm, status: due.status(on: today),
                tagClass: due.isOverdue(on: today) ? "govuk-tag--red" : due.isDueSoon(on: today) ? "govuk-tag--yellow" : "govuk-tag--grey"
            )
        }
        hasDues = !dues.isEmpty
        barriers = item.openBarriers.map { barrier in
            let flag = barrier.isOverdue(on: today) ? "Review overdue" : barrier.isDue(on: today) ? "Review due today" : ""
            return BarrierLine(
                title: "\(barrier.id). \(barrier.type?.title ?? barrier.typeCode)", href: "/claims/\(claim.reference.rawValue)#barrier-\(barrier.id)",
                ratingTitle: barrier.rating.title, ratingClass: "casework-prag--" + barrier.rating.rawValue, reviewDate: barrier.reviewDate.longForm,
                hasFlag: !flag.isEmpty, flag: flag
            )
        }
        hasBarriers = !barriers.isEmpty
        actions = item.latestActions.map { Action(text: $0.text, author: $0.author.rawValue, when: $0.createdAt.longForm) }
        hasActions = !actions.isEmpty
        actionCountText = item.actionCount > item.latestActions.count
            ? "The latest \(item.latestActions.count) of \(item.actionCount) follow-up actions, newest first"
            : "Follow-up actions, newest first"
    }
}

// MARK: The barrier review queue

/// `GET /barriers/review`.
struct BarrierReviewPageModel {
    struct Row {
        let claim: String
        let href: String
        let name: String
        let barrier: String
        let ratingTitle: String
        let ratingClass: String
        let reviewDate: String
        let daysOverdue: Int
        let overdue: Bool
        let status: String
        let holder: String
    }

    let hasErrors: Bool
    let errors: [ErrorItem]
    let national: Bool
    let unitSelect: SelectModel
    let hasQueue: Bool
    let unit: String
    let summary: String
    let dueNextWeekText: String
    let hasRows: Bool
    let rows: [Row]
    let truncated: Bool
    let truncatedText: String

    init(queue: BarrierReviewQueue?, national: Bool, units: [CaseworkUnit], chosen: String, today: LocalDate, errors: FieldErrors) {
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        self.national = national
        unitSelect = SelectModel(
            "unit", label: "Unit", options: [("", "Select a unit")] + units.map { ($0.code.rawValue, "\($0.name) (\($0.code.rawValue))") },
            selected: chosen, errors: errors, labelClass: "govuk-label--s"
        )
        hasQueue = queue != nil
        unit = queue?.unit.rawValue ?? ""
        if let queue {
            summary = queue.dueCount == 0
                ? "No open barrier in \(queue.unit.rawValue) is due for review on \(today.longForm)."
                : "\(queue.dueCount) open \(queue.dueCount == 1 ? "barrier is" : "barriers are") due for review on \(today.longForm) or earlier, \(queue.overdueCount) of them overdue."
            dueNextWeekText = "\(queue.dueNextWeek) more \(queue.dueNextWeek == 1 ? "falls" : "fall") due in the next \(WorkUrgency.soonDays) days."
            rows = queue.entries.map { entry in
                let barrier = entry.barrier
                return Row(
                    claim: entry.claim.rawValue, href: "/claims/\(entry.claim.rawValue)#barrier-\(barrier.id)", name: entry.name,
                    barrier: "\(barrier.id). \(barrier.type?.title ?? barrier.typeCode)", ratingTitle: barrier.rating.title,
                    ratingClass: "casework-prag--" + barrier.rating.rawValue, reviewDate: barrier.reviewDate.longForm, daysOverdue: entry.daysOverdue,
                    overdue: entry.daysOverdue > 0, status: entry.daysOverdue > 0 ? "Overdue" : "Due today", holder: entry.holder?.rawValue ?? "In the unit's queue"
                )
            }
            truncated = queue.dueCount > queue.entries.count
            truncatedText = "The \(queue.entries.count) most overdue are listed."
        } else {
            summary = ""
            dueNextWeekText = ""
            rows = []
            truncated = false
            truncatedText = ""
        }
        hasRows = !rows.isEmpty
    }
}
