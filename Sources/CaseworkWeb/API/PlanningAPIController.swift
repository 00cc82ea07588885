import CaseworkDomain
import CaseworkPlanning
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes

/// The JSON API for the planners' allocation run across units, transfers, the churn figure and the WIP breakdowns.
///
/// - `POST /api/v1/claims/{reference}/transfer` — move a claim to another unit, with a reason (planners).
/// - `GET  /api/v1/wip` — open claims by unit, cohort, tier, PRAG and year of claim (roles that see the WIP; a unit's
///   managers see their own unit).
/// - `GET  /api/v1/wip/claims?unit=&cohort=&tier=&prag=&year=&page=&pageSize=` — the claims behind a count.
/// - `GET  /api/v1/planning/allocation` — the allocation run's plan, not applied (planners).
/// - `POST /api/v1/planning/allocation` — make the plan now and apply it, with a reason (planners).
/// - `GET  /api/v1/planning/churn` — reallocations per claim, overall and by unit.
struct PlanningAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// Every operation, once: registered by `addRoutes`, compared with the OpenAPI document by a test.
    static let endpoints: [APIEndpoint<Self>] = [
        .post("/api/v1/claims/{reference}/transfer") { $0.transfer },
        .get("/api/v1/wip") { $0.wip },
        .get("/api/v1/wip/claims") { $0.wipClaims },
        .get("/api/v1/planning/allocation") { $0.preview },
        .post("/api/v1/planning/allocation") { $0.apply },
        .get("/api/v1/planning/churn") { $0.churn },
    ]

    /// The routes, in OpenAPI form.
    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    @Sendable func transfer(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        let body = try await APIRequestBody.decode(request, context: context, as: TransferRequest.self)
        let input = try ClaimCommandInput.transfer(unit: body.unit, reason: body.reason)
        let expected = try APIRequestBody.requiredVersion(body.expectedVersion, request: request)
        let claim = try await store.perform(input.command, on: reference, expectedVersion: expected, by: actor, reason: input.reason)
        return try json(ClaimDTO(claim, today: store.clock.now().date, policy: try await store.planningState().priorityPolicy))
    }

    @Sendable func wip(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        return try json(WIPBreakdownDTO(try await store.workInProgress(for: actor)))
    }

    @Sendable func wipClaims(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let query = request.uri.queryParameters
        let filter = try WIPFilter.parse(
            unit: query["unit"].map(String.init), cohort: query["cohort"].map(String.init), tier: query["tier"].map(String.init),
            prag: query["prag"].map(String.init), year: query["year"].map(String.init), page: query["page"].map(String.init),
            pageSize: query["pageSize"].map(String.init)
        )
        let result = try await store.workInProgressClaims(filter, for: actor)
        return try json(ClaimPageDTO(claims: result.claims.map(ClaimSummaryDTO.init), total: result.total, page: result.page, pageSize: result.pageSize, pageCount: result.pageCount))
    }

    @Sendable func preview(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let plan = AllocationPlanner.plan(try await store.allocationInputs(for: actor))
        return try json(AllocationPlanDTO(plan, churn: try await store.churn(for: actor), result: nil))
    }

    @Sendable func apply(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let body = try await APIRequestBody.decode(request, context: context, as: ReasonRequest.self)
        let plan = AllocationPlanner.plan(try await store.allocationInputs(for: actor))
        let result = try await store.applyAllocation(plan.transfers, reason: body.reason, by: actor)
        return try json(AllocationPlanDTO(plan, churn: try await store.churn(for: actor), result: result))
    }

    @Sendable func churn(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        return try json(ChurnDTO(try await store.churn(for: actor)))
    }
}

// MARK: Wire types

/// `POST /claims/{reference}/transfer`.
struct TransferRequest: Codable, Sendable {
    var unit: String?
    var reason: String?
    var expectedVersion: Int?
}

/// The WIP breakdowns.
struct WIPBreakdownDTO: Codable, Sendable {
    struct CountDTO: Codable, Sendable {
        var key: String
        var label: String
        var count: Int
        /// The drill-down for the count.
        var claims: String
    }

    var unit: String?
    var total: Int
    var byUnit: [CountDTO]
    var byCohort: [CountDTO]
    var byTier: [CountDTO]
    var byPRAG: [CountDTO]
    var byYear: [CountDTO]

    init(_ breakdown: WIPBreakdown) {
        func counts(_ list: [WIPCount], _ parameter: String) -> [CountDTO] {
            list.map { CountDTO(key: $0.key, label: $0.label, count: $0.count, claims: "/api/v1/wip/claims?\(parameter)=\(queryEncode($0.key))") }
        }
        unit = breakdown.unit?.rawValue
        total = breakdown.total
        byUnit = counts(breakdown.byUnit, "unit")
        byCohort = counts(breakdown.byCohort, "cohort")
        byTier = counts(breakdown.byTier, "tier")
        byPRAG = counts(breakdown.byPRAG, "prag")
        byYear = counts(breakdown.byYear, "year")
    }
}

/// The churn figure.
struct ChurnDTO: Codable, Sendable {
    struct UnitDTO: Codable, Sendable {
        var unit: String
        var claims: Int
        var reallocations: Int
        var perClaim: Double
    }

    var claims: Int
    var reallocations: Int
    var perClaim: Double
    var units: [UnitDTO]

    init(_ churn: ChurnFigure) {
        claims = churn.claims
        reallocations = churn.reallocations
        perClaim = churn.perClaim
        units = churn.units.map { UnitDTO(unit: $0.unit.rawValue, claims: $0.claims, reallocations: $0.reallocations, perClaim: $0.perClaim) }
    }
}

/// An allocation run's plan, and what applying it did.
struct AllocationPlanDTO: Codable, Sendable {
    struct UnitDTO: Codable, Sendable {
        var unit: String
        var effectiveFTE: Double
        var decisionMakers: Int
        var childrenTrained: Bool
        var childrenFTE: Double
        var operations: [String]
        var waiting: Int
        var target: Int
        var movesOut: Int
        var movesIn: Int
        var after: Int
    }

    struct PoolDTO: Codable, Sendable {
        var name: String
        var cohorts: [String]
        var children: Bool
        var claims: Int
        var eligibleUnits: [String]
        var moves: Int
        var unplaceable: Int
    }

    struct TransferDTO: Codable, Sendable {
        var claim: String
        var version: Int
        var from: String
        var to: String
        var tier: Int
        var why: String
    }

    struct ResultDTO: Codable, Sendable {
        var moved: Int
        var skipped: [SkippedTransfer]
    }

    var date: String
    var claims: Int
    var moves: Int
    var unplaceable: Int
    var units: [UnitDTO]
    var pools: [PoolDTO]
    var transfers: [TransferDTO]
    var churn: ChurnDTO
    /// What applying did (POST only).
    var result: ResultDTO?

    init(_ plan: AllocationPlan, churn: ChurnFigure, result: AllocationRunResult?) {
        date = plan.date.iso
        claims = plan.claims
        moves = plan.moves
        unplaceable = plan.unplaceable
        units = plan.units.map {
            UnitDTO(
                unit: $0.unit.rawValue, effectiveFTE: ($0.effectiveFTE * 100).rounded() / 100, decisionMakers: $0.decisionMakers,
                childrenTrained: $0.childrenTrained, childrenFTE: ($0.childrenFTE * 100).rounded() / 100, operations: $0.operations, waiting: $0.waiting, target: $0.target, movesOut: $0.movesOut,
                movesIn: $0.movesIn, after: $0.after
            )
        }
        pools = plan.pools.map {
            PoolDTO(name: $0.name, cohorts: $0.cohorts, children: $0.children, claims: $0.claims, eligibleUnits: $0.eligibleUnits.map(\.rawValue), moves: $0.moves, unplaceable: $0.unplaceable)
        }
        transfers = plan.transfers.map { TransferDTO(claim: $0.claim.rawValue, version: $0.version, from: $0.from.rawValue, to: $0.to.rawValue, tier: $0.tier, why: $0.why) }
        self.churn = ChurnDTO(churn)
        self.result = result.map { ResultDTO(moved: $0.moved, skipped: $0.skipped) }
    }
}
