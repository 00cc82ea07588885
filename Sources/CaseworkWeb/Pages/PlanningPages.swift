import CaseworkDomain
import CaseworkPlanning
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for the planner's WIP view, the allocation run across units, the operations plan and the churn figure.
///
/// - `GET  /wip` — open claims by unit, cohort, tier, PRAG and year of claim, each count a link (roles that see the WIP;
///   a unit's managers see their own unit).
/// - `GET  /wip/claims?unit=&cohort=&tier=&prag=&year=&page=` — the claims behind a count.
/// - `GET  /planning/allocation` — the plan (per unit: capacity, waiting claims, target, moves) and the churn figure;
///   `POST` applies it, with a reason (planners).
/// - `GET  /planning/units/:unit`, `POST` — the operations a unit works (planners).
extension PagesController {
    func addPlanningRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.get("wip", use: wipPage)
        group.get("wip/claims", use: wipClaimsPage)
        group.get("planning/allocation", use: allocationPage)
        group.post("planning/allocation", use: applyAllocation)
        group.get("planning/units/:unit", use: unitPlanPage)
        group.post("planning/units/:unit", use: setUnitPlan)
    }

    // MARK: WIP

    @Sendable func wipPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let breakdown = try await store.workInProgress(for: identity.actor)
        let model = WIPPageModel(breakdown)
        return renderer.response("wip", title: "Work in progress", chrome: .signedIn(identity, current: "wip"), model: model)
    }

    @Sendable func wipClaimsPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let values = FormData(body: request.uri.query ?? "")
        var errors = FieldErrors()
        var filter = WIPFilter()
        do {
            filter = try WIPFilter.parse(unit: values["unit"], cohort: values["cohort"], tier: values["tier"], prag: values["prag"], year: values["year"], page: values["page"])
        } catch {
            for item in error.errors { errors.addGeneral("\(item.message).") }
        }
        let result = errors.isEmpty ? try await store.workInProgressClaims(filter, for: identity.actor) : nil
        let model = WIPClaimsPageModel(filter: filter, result: result, errors: errors, priorityPolicy: try await store.planningState().priorityPolicy)
        return renderer.response(
            "wip-claims", title: (errors.isEmpty ? "" : "Error: ") + "Work in progress: claims", chrome: .signedIn(identity, current: "wip"),
            model: model, status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }

    // MARK: Allocation run

    @Sendable func allocationPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let values = FormData(body: request.uri.query ?? "")
        let notice: String? = values["moved"].flatMap(Int.init).map { moved in
            let skipped = values["skipped"].flatMap(Int.init) ?? 0
            return "The plan was applied: \(groupedNumber(moved)) claims moved" + (skipped > 0 ? "; \(groupedNumber(skipped)) skipped because they changed after the plan was made." : ".")
        }
        return try await allocationResponse(identity: identity, errors: FieldErrors(), reason: "", notice: notice, status: .ok)
    }

    @Sendable func applyAllocation(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = context.form ?? FormData(body: "")
        var errors = FieldErrors()
        do {
            let plan = AllocationPlanner.plan(try await store.allocationInputs(for: identity.actor))
            let result = try await store.applyAllocation(plan.transfers, reason: form["reason"], by: identity.actor)
            return seeOther("/planning/allocation?moved=\(result.moved)&skipped=\(result.skipped.count)#result")
        } catch let failure as ValidationFailure {
            for error in failure.errors { errors.add(error.message, key: "reason", anchor: "allocation-reason") }
        }
        return try await allocationResponse(identity: identity, errors: errors, reason: form["reason"] ?? "", notice: nil, status: .unprocessableContent)
    }

    func allocationResponse(identity: Identity, errors: FieldErrors, reason: String, notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let actor = identity.actor
        let plan = AllocationPlanner.plan(try await store.allocationInputs(for: actor))
        let churn = try await store.churn(for: actor)
        let operationsPlan = try await store.operationsPlan(for: actor)
        let capacities = Set(plan.units.map(\.unit))
        let model = AllocationPageModel(
            plan: plan, churn: churn, operationsPlan: operationsPlan.filter { capacities.contains($0.unit.code) || !$0.operations.isEmpty },
            csrfToken: identity.csrfToken ?? "", errors: errors, reason: reason, notice: notice
        )
        return renderer.response(
            "allocation", title: (errors.isEmpty ? "" : "Error: ") + "Allocation across units", chrome: .signedIn(identity, current: "allocation"),
            model: model, status: status
        )
    }

    // MARK: The operations plan

    @Sendable func unitPlanPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requirePlanner(identity)
        let unit = try Self.planUnit(context)
        let current = try await Self.pageNotFound { try await store.operations(ofUnit: unit, for: identity.actor) }
        return try await unitPlanResponse(identity: identity, unit: unit, checked: Set(current), errors: FieldErrors(), status: .ok)
    }

    @Sendable func setUnitPlan(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let unit = try Self.planUnit(context)
        let form = context.form ?? FormData(body: "")
        var errors = FieldErrors()
        do {
            _ = try await Self.pageNotFound { try await store.setOperations(ofUnit: unit, to: form.all("operations"), by: identity.actor, reason: form["reason"]) }
            return seeOther("/planning/allocation#plan")
        } catch let failure as ValidationFailure {
            for error in failure.errors { errors.add(error.message, key: "operations", anchor: "operations") }
        }
        return try await unitPlanResponse(identity: identity, unit: unit, checked: Set(form.all("operations")), errors: errors, status: .unprocessableContent)
    }

    func unitPlanResponse(identity: Identity, unit: UnitID, checked: Set<String>, errors: FieldErrors, status: HTTPResponse.Status) async throws -> Response {
        let open = try await store.operations(for: identity.actor).filter(\.isOpen)
        let model = UnitPlanPageModel(
            unit: unit.rawValue, csrfToken: identity.csrfToken ?? "", hasErrors: !errors.isEmpty, errors: errors.summary,
            hasOperations: !open.isEmpty,
            operations: ChoicesModel.checkboxes(
                "operations", legend: "Operations \(unit.rawValue) works", hint: "Tick none for the general WIP (claims in no worked operation).",
                choices: open.map { ($0.operation.code, "\($0.operation.name) (\($0.operation.code))") }, checked: checked, errors: errors
            )
        )
        return renderer.response(
            "unit-operations", title: (errors.isEmpty ? "" : "Error: ") + "Operations of \(unit.rawValue)", chrome: .signedIn(identity, current: "allocation"),
            model: model, status: status
        )
    }

    static func planUnit(_ context: Context) throws -> UnitID {
        let unit = (context.parameters.get("unit") ?? "").uppercased()
        guard !unit.isEmpty, unit.count <= 40 else { throw HTTPError(.notFound) }
        return UnitID(unit)
    }
}

// MARK: View models

struct WIPCountModel {
    let label: String
    let count: String
    let href: String
}

struct WIPTableModel {
    let id: String
    let caption: String
    let heading: String
    let rows: [WIPCountModel]
    let hasRows: Bool
}

struct WIPPageModel {
    let scope: String
    let total: String
    let note: String
    let tables: [WIPTableModel]

    init(_ breakdown: WIPBreakdown) {
        scope = breakdown.unit.map { "Unit \($0.rawValue)" } ?? "Every unit"
        total = groupedNumber(breakdown.total)
        note = "A claim in two operations' cohorts is counted under each."
        func table(_ id: String, _ caption: String, _ heading: String, _ counts: [WIPCount], _ parameter: String) -> WIPTableModel {
            let rows = counts.map { WIPCountModel(label: $0.label, count: groupedNumber($0.count), href: "/wip/claims?\(parameter)=\(queryEncode($0.key))") }
            return WIPTableModel(id: id, caption: caption, heading: heading, rows: rows, hasRows: !rows.isEmpty)
        }
        tables = [
            table("by-unit", "Open claims by unit", "Unit", breakdown.byUnit, "unit"),
            table("by-cohort", "Open claims by cohort", "Cohort", breakdown.byCohort, "cohort"),
            table("by-tier", "Open claims by tasking tier", "Tier", breakdown.byTier, "tier"),
            table("by-prag", "Open claims by their worst open barrier (PRAG)", "PRAG", breakdown.byPRAG, "prag"),
            table("by-year", "Open claims by year of claim", "Year of claim", breakdown.byYear, "year"),
        ]
    }
}

struct WIPClaimsPageModel {
    let hasErrors: Bool
    let errors: [ErrorItem]
    let filters: [OperationFactModel]
    let hasFilters: Bool
    let totalText: String
    let rangeText: String
    let hasResults: Bool
    let results: [ClaimRowModel]
    let hasPagination: Bool
    let pagination: PaginationModel

    init(filter: WIPFilter, result: ClaimSearchResult?, errors: FieldErrors, priorityPolicy: PriorityPolicy) {
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        var filters: [OperationFactModel] = []
        if let unit = filter.unit { filters.append(OperationFactModel(key: "Unit", value: unit.rawValue)) }
        switch filter.cohort {
        case let .operation(code)?: filters.append(OperationFactModel(key: "Cohort", value: "Operation \(code)"))
        case .general?: filters.append(OperationFactModel(key: "Cohort", value: "General WIP (in no operation)"))
        case nil: break
        }
        if let tier = filter.tier {
            let title = (1...priorityPolicy.tierOrder.count).contains(tier) ? ": " + priorityPolicy.tierOrder[tier - 1].title : ""
            filters.append(OperationFactModel(key: "Tier", value: "Tier \(tier)\(title)"))
        }
        if let prag = filter.prag { filters.append(OperationFactModel(key: "Worst open barrier", value: prag.title)) }
        if let year = filter.year { filters.append(OperationFactModel(key: "Year of claim", value: String(year))) }
        self.filters = filters
        hasFilters = !filters.isEmpty
        let total = result?.total ?? 0
        totalText = total == 1 ? "1 open claim" : "\(groupedNumber(total)) open claims"
        let page = result?.page ?? 1
        let size = result?.pageSize ?? filter.pageSize
        let first = total == 0 ? 0 : (page - 1) * size + 1
        let last = min(total, first + (result?.claims.count ?? 0) - 1)
        rangeText = total == 0 || (result?.claims.isEmpty ?? true) ? "" : "Showing \(groupedNumber(first)) to \(groupedNumber(last)), oldest claim first"
        results = (result?.claims ?? []).map(ClaimRowModel.init)
        hasResults = !results.isEmpty
        let pageCount = result?.pageCount ?? 1
        hasPagination = pageCount > 1
        let base = filter.queryItems.map { "\($0.name)=\(queryEncode($0.value))" }
        pagination = PaginationModel(current: page, count: pageCount) { number in
            "/wip/claims?" + (base + ["page=\(number)"]).joined(separator: "&")
        }
    }
}

struct AllocationUnitModel {
    let unit: String
    let decisionMakers: String
    let effectiveFTE: String
    let works: String
    let children: String
    let waiting: String
    let target: String
    let movesOut: String
    let movesIn: String
    let after: String
}

struct AllocationPoolModel {
    let name: String
    let claims: String
    let units: String
    let moves: String
    let unplaceable: String
    let hasUnplaceable: Bool
}

struct AllocationTransferModel {
    let reference: String
    let href: String
    let from: String
    let to: String
    let tier: Int
    let why: String
}

struct ChurnUnitModel {
    let unit: String
    let claims: String
    let reallocations: String
    let perClaim: String
}

struct PlanUnitModel {
    let unit: String
    let name: String
    let works: String
    let href: String
}

struct AllocationPageModel {
    let hasNotice: Bool
    let notice: String
    let date: String
    let claims: String
    let moves: String
    let hasMoves: Bool
    let units: [AllocationUnitModel]
    let pools: [AllocationPoolModel]
    let hasUnplaceable: Bool
    let unplaceableText: String
    let transfers: [AllocationTransferModel]
    let transfersShownText: String
    let churnPerClaim: String
    let churnText: String
    let churnUnits: [ChurnUnitModel]
    let plan: [PlanUnitModel]
    let csrfToken: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let reason: TextareaModel

    /// Moves listed on the page; the API lists every one.
    static let transfersShown = 100

    init(plan: AllocationPlan, churn: ChurnFigure, operationsPlan: [(unit: CaseworkUnit, operations: [String])], csrfToken: String, errors: FieldErrors, reason: String, notice: String?) {
        hasNotice = notice != nil
        self.notice = notice ?? ""
        date = plan.date.longForm
        claims = groupedNumber(plan.claims)
        moves = groupedNumber(plan.moves)
        hasMoves = plan.moves > 0
        units = plan.units.map {
            AllocationUnitModel(
                unit: $0.unit.rawValue, decisionMakers: groupedNumber($0.decisionMakers), effectiveFTE: fteText($0.effectiveFTE),
                works: $0.operations.isEmpty ? "General WIP" : $0.operations.joined(separator: ", "), children: $0.childrenTrained ? fteText($0.childrenFTE) : "None",
                waiting: groupedNumber($0.waiting), target: groupedNumber($0.target), movesOut: groupedNumber($0.movesOut),
                movesIn: groupedNumber($0.movesIn), after: groupedNumber($0.after)
            )
        }
        pools = plan.pools.map {
            AllocationPoolModel(
                name: $0.name, claims: groupedNumber($0.claims), units: $0.eligibleUnits.isEmpty ? "None" : $0.eligibleUnits.map(\.rawValue).joined(separator: ", "),
                moves: groupedNumber($0.moves), unplaceable: groupedNumber($0.unplaceable), hasUnplaceable: $0.unplaceable > 0
            )
        }
        hasUnplaceable = plan.unplaceable > 0
        unplaceableText = "\(groupedNumber(plan.unplaceable)) waiting claims are in pools no unit may work (no unit with capacity works their cohort, or none has children-trained decision makers). They stay where they are until the operations plan gives them a unit."
        transfers = plan.transfers.prefix(Self.transfersShown).map {
            AllocationTransferModel(reference: $0.claim.rawValue, href: "/claims/\($0.claim.rawValue)", from: $0.from.rawValue, to: $0.to.rawValue, tier: $0.tier, why: $0.why)
        }
        transfersShownText = plan.moves > Self.transfersShown
            ? "The first \(Self.transfersShown) of \(groupedNumber(plan.moves)) moves; the API lists every one (GET /api/v1/planning/allocation)."
            : "Every move."
        churnPerClaim = String(format: "%.3f", churn.perClaim)
        churnText = "\(groupedNumber(churn.reallocations)) reallocations over \(groupedNumber(churn.claims)) claims (reassignments between people and moves between units; first allocations are not counted)."
        churnUnits = churn.units.map {
            ChurnUnitModel(unit: $0.unit.rawValue, claims: groupedNumber($0.claims), reallocations: groupedNumber($0.reallocations), perClaim: String(format: "%.3f", $0.perClaim))
        }
        self.plan = operationsPlan.map {
            PlanUnitModel(
                unit: $0.unit.code.rawValue, name: $0.unit.name, works: $0.operations.isEmpty ? "General WIP" : $0.operations.joined(separator: ", "),
                href: "/planning/units/\($0.unit.code.rawValue)"
            )
        }
        self.csrfToken = csrfToken
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        self.reason = TextareaModel(
            "allocation-reason", name: "reason", label: "Why you are running the allocation",
            hint: "Recorded on every claim moved, for example: weekly rebalancing after the new Solihull intake.", value: reason, errors: errors,
            errorKey: "reason", rows: 3
        )
    }
}

struct UnitPlanPageModel {
    let unit: String
    let csrfToken: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let hasOperations: Bool
    let operations: ChoicesModel
}

/// 12.345 → "12.3".
func fteText(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
}
