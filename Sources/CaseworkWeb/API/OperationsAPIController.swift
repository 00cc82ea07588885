import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes

/// The JSON API for named operations (cohorts), membership, drop-outs and burn-down (3.39–3.40, 7.16–7.17, 8.91).
///
/// - `GET  /api/v1/operations` — every operation with its figures (roles that see the WIP).
/// - `POST /api/v1/operations` — define one (planners); 201 with its figures.
/// - `GET  /api/v1/operations/{code}` — one, with the burn-down's 40 milestones and the date each was reached, and drop-outs by reason.
/// - `POST /api/v1/operations/{code}/closure` — close it, with a reason (planners).
/// - `GET  /api/v1/units/{unit}/operations`, `PUT` — the operations a unit works (the operations plan; PUT: planners).
/// - `GET  /api/v1/claims/{reference}/cohorts` — the cohorts a claim is in, its drop-outs and the single-owner reasons.
/// - `POST /api/v1/claims/{reference}/cohort-drop-outs` — the claim leaves a cohort for the general WIP, with a reason.
struct OperationsAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// Every operation, once: registered by `addRoutes`, compared with the OpenAPI document by a test.
    static let endpoints: [APIEndpoint<Self>] = [
        .get("/api/v1/operations") { $0.list },
        .post("/api/v1/operations") { $0.define },
        .get("/api/v1/operations/{code}") { $0.detail },
        .post("/api/v1/operations/{code}/closure") { $0.close },
        .get("/api/v1/units/{unit}/operations") { $0.unitOperations },
        .put("/api/v1/units/{unit}/operations") { $0.setUnitOperations },
        .get("/api/v1/claims/{reference}/cohorts") { $0.cohorts },
        .post("/api/v1/claims/{reference}/cohort-drop-outs") { $0.dropOut },
    ]

    /// The routes, in OpenAPI form.
    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        return try json(try await store.operations(for: actor).map { OperationDTO($0) })
    }

    @Sendable func define(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        guard AccessPolicy.workPlanners.contains(actor.role) else { throw AccessDenied("Only workflow planners and operations managers can define operations.") }
        let input = try await APIRequestBody.decode(request, context: context, as: OperationDefinitionInput.self)
        let status = try await store.defineOperation(input, by: actor)
        var response = try json(OperationDTO(status), status: .created)
        response.headers[.location] = "/api/v1/operations/\(status.operation.code)"
        return response
    }

    @Sendable func detail(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let code = try Self.code(context)
        return try json(OperationDetailDTO(try await APIRequestBody.mapNotFound { try await store.operationDetail(code, for: actor) }))
    }

    @Sendable func close(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let code = try Self.code(context)
        let body = try await APIRequestBody.decode(request, context: context, as: ReasonRequest.self)
        return try json(OperationDTO(try await APIRequestBody.mapNotFound { try await store.closeOperation(code, reason: body.reason, by: actor) }))
    }

    @Sendable func unitOperations(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let unit = try Self.unit(context)
        let operations = try await APIRequestBody.mapNotFound { try await store.operations(ofUnit: unit, for: actor) }
        return try json(UnitOperationsDTO(unit: unit.rawValue, operations: operations, worksGeneralWIP: operations.isEmpty))
    }

    @Sendable func setUnitOperations(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let unit = try Self.unit(context)
        let body = try await APIRequestBody.decode(request, context: context, as: UnitOperationsRequest.self)
        guard let codes = body.operations else { throw APIError.badRequest(field: "operations", message: "operations is required: the codes of the operations the unit works ([] for the general WIP)") }
        let operations = try await APIRequestBody.mapNotFound { try await store.setOperations(ofUnit: unit, to: codes, by: actor, reason: body.reason) }
        return try json(UnitOperationsDTO(unit: unit.rawValue, operations: operations, worksGeneralWIP: operations.isEmpty))
    }

    @Sendable func cohorts(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        return try json(ClaimCohortsDTO(try await store.cohortMemberships(of: reference, for: actor)))
    }

    @Sendable func dropOut(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        let body = try await APIRequestBody.decode(request, context: context, as: DropOutRequest.self)
        let input = try ClaimCommandInput.dropOut(operation: body.operation, dropOutReason: body.dropOutReason, note: body.note)
        let expected = try APIRequestBody.requiredVersion(body.expectedVersion, request: request)
        let claim = try await store.perform(input.command, on: reference, expectedVersion: expected, by: actor, reason: input.reason)
        return try json(ClaimDTO(claim, today: store.clock.now().date, policy: try await store.planningState().priorityPolicy))
    }

    static func code(_ context: Context) throws -> String {
        let code = (context.parameters.get("code") ?? "").uppercased()
        guard OperationPolicy.isWellFormedCode(code) else { throw APIError.notFound("'\(code.prefix(40))' is not an operation code; codes look like AMESA.") }
        return code
    }

    static func unit(_ context: Context) throws -> UnitID {
        let unit = (context.parameters.get("unit") ?? "").uppercased()
        guard !unit.isEmpty, unit.count <= 40 else { throw APIError.notFound("'\(unit.prefix(40))' is not a unit code.") }
        return UnitID(unit)
    }
}

// MARK: Wire types

/// A body with only a reason (closing an operation).
struct ReasonRequest: Codable, Sendable {
    var reason: String?
}

/// `PUT /units/{unit}/operations`.
struct UnitOperationsRequest: Codable, Sendable {
    var operations: [String]?
    var reason: String?
}

/// `POST /claims/{reference}/cohort-drop-outs`.
struct DropOutRequest: Codable, Sendable {
    var operation: String?
    var dropOutReason: String?
    var note: String?
    var expectedVersion: Int?
}

/// The operations a unit works.
struct UnitOperationsDTO: Codable, Sendable {
    var unit: String
    var operations: [String]
    var worksGeneralWIP: Bool
}

/// An operation's criteria on the wire.
struct CohortCriteriaDTO: Codable, Sendable {
    var nationalities: [String]?
    var excludedNationalities: [String]
    var claimedFrom: String?
    var claimedTo: String?
    var sexes: [String]?
    var claimTypes: [String]?
    var excludeUASC: Bool
    var regimes: [String]?
    var grantRate: GrantRateBandDTO?
    /// Each criterion in words.
    var summary: [String]

    init(_ criteria: CohortCriteria) {
        nationalities = criteria.nationalities?.sorted()
        excludedNationalities = criteria.excludedNationalities.sorted()
        claimedFrom = criteria.claimedFrom?.iso
        claimedTo = criteria.claimedTo?.iso
        sexes = criteria.sexes.map { Sex.allCases.filter($0.contains).map(\.rawValue) }
        claimTypes = criteria.claimTypes.map { ClaimType.allCases.filter($0.contains).map(\.rawValue) }
        excludeUASC = criteria.excludeUASC
        regimes = criteria.regimes.map { Regime.allCases.filter($0.contains).map(\.rawValue) }
        grantRate = criteria.grantRate.map(GrantRateBandDTO.init)
        summary = criteria.descriptions.map { "\($0.label): \($0.value)" }
    }
}

/// A grant-rate band, in percent.
struct GrantRateBandDTO: Codable, Sendable {
    var minimum: Double?
    var minimumExclusive: Bool
    var maximum: Double?
    var description: String

    init(_ band: GrantRateBand) {
        minimum = band.minimum.map { $0 * 100 }
        minimumExclusive = band.minimumIsExclusive
        maximum = band.maximum.map { $0 * 100 }
        description = band.description
    }
}

/// A milestone of the burn-down.
struct MilestoneDTO: Codable, Sendable {
    var milestone: Int
    var figure: Int
    var reached: Bool
    var reachedOn: String?
    var reachedAt: String?
    var claim: String?
    var sequence: Int?
    var eventType: String?

    init(_ milestone: MilestoneReached) {
        self.milestone = milestone.milestone
        figure = milestone.figure
        reached = milestone.isReached
        reachedOn = milestone.reachedAt?.date.iso
        reachedAt = milestone.reachedAt?.iso
        claim = milestone.claim?.rawValue
        sequence = milestone.sequence
        eventType = milestone.eventType
    }
}

/// The '39 steps' view (3.40).
struct BurnDownDTO: Codable, Sendable {
    var startingFigure: Int
    var remaining: Int
    var cleared: Int
    var percentCleared: Double
    var milestoneCount: Int
    var milestonesReached: Int
    var nextMilestoneFigure: Int?
    var toNextMilestone: Int?
    /// Every milestone with the date it was first reached (the operation's own record only).
    var milestones: [MilestoneDTO]?

    init(_ burnDown: BurnDown, milestones: [MilestoneReached]? = nil) {
        startingFigure = burnDown.startingFigure
        remaining = burnDown.remaining
        cleared = burnDown.cleared
        percentCleared = (burnDown.fractionCleared * 1000).rounded() / 10
        milestoneCount = burnDown.milestoneCount
        milestonesReached = burnDown.milestonesReached
        nextMilestoneFigure = burnDown.nextMilestoneFigure
        toNextMilestone = burnDown.toNextMilestone
        self.milestones = milestones?.map(MilestoneDTO.init)
    }
}

/// An operation and its figures.
struct OperationDTO: Codable, Sendable {
    var code: String
    var name: String
    var criteria: CohortCriteriaDTO
    var startDate: String
    var startingFigure: Int
    var members: Int
    var remaining: Int
    var lowIntakeThreshold: Int
    var lowIntake: Bool
    var source: String
    var open: Bool
    var createdAt: String
    var createdBy: String
    var closedAt: String?
    var closedBy: String?
    var closingReason: String?
    var units: [String]
    var burnDown: BurnDownDTO

    init(_ status: OperationStatus, milestones: [MilestoneReached]? = nil) {
        let operation = status.operation
        code = operation.code
        name = operation.name
        criteria = CohortCriteriaDTO(operation.criteria)
        startDate = operation.startDate.iso
        startingFigure = operation.startingFigure
        members = status.members
        remaining = status.remaining
        lowIntakeThreshold = operation.lowIntakeThreshold
        lowIntake = status.isLowIntake
        source = operation.source
        open = status.isOpen
        createdAt = status.createdAt.iso
        createdBy = status.createdBy.rawValue
        closedAt = status.stored.closedAt?.iso
        closedBy = status.closedBy?.rawValue
        closingReason = status.closingReason
        units = status.units.map(\.rawValue)
        burnDown = BurnDownDTO(status.burnDown, milestones: milestones)
    }
}

/// An operation's record: figures, burn-down with milestone dates, drop-outs and the grant rates it was judged by.
struct OperationDetailDTO: Codable, Sendable {
    struct DropOutCountDTO: Codable, Sendable {
        var reason: String
        var title: String
        var count: Int
    }

    struct DropOutDTO: Codable, Sendable {
        var claim: String
        var sequence: Int
        var reason: String
        var at: String
        var by: String
        var note: String?
    }

    struct RateDTO: Codable, Sendable {
        var nationality: String
        var percent: Double
        var inBand: Bool
    }

    var operation: OperationDTO
    /// Open members at definition counted from the log (equals the starting figure when the two agree).
    var logStartingCount: Int
    var dropOuts: Int
    var dropOutsByReason: [DropOutCountDTO]
    var recentDropOuts: [DropOutDTO]
    var grantRates: [RateDTO]

    init(_ detail: OperationDetail) {
        operation = OperationDTO(detail.status, milestones: detail.history.milestones)
        logStartingCount = detail.history.baseCount
        dropOuts = detail.dropOuts
        dropOutsByReason = detail.dropOutsByReason.map { DropOutCountDTO(reason: $0.reason.rawValue, title: $0.reason.title, count: $0.count) }
        recentDropOuts = detail.recentDropOuts.map {
            DropOutDTO(claim: $0.claim.rawValue, sequence: $0.sequence, reason: $0.reason.rawValue, at: $0.at.iso, by: $0.by.rawValue, note: $0.note)
        }
        grantRates = detail.grantRates.map { RateDTO(nationality: $0.nationality, percent: ($0.rate * 1000).rounded() / 10, inBand: $0.inBand) }
    }
}

/// The cohorts a claim is in.
struct ClaimCohortsDTO: Codable, Sendable {
    struct MembershipDTO: Codable, Sendable {
        var operation: String
        var members: Int
        var lowIntakeThreshold: Int
        var lowIntake: Bool
    }

    struct DropOutDTO: Codable, Sendable {
        var operation: String
        var reason: String
        var title: String
    }

    var claim: String
    var memberships: [MembershipDTO]
    var generalWIP: Bool
    var dropOuts: [DropOutDTO]
    var keepsOneOwner: Bool
    var singleOwnerReasons: [String]

    init(_ cohorts: ClaimCohorts) {
        claim = cohorts.claim.rawValue
        memberships = cohorts.memberships.map {
            MembershipDTO(operation: $0.operation, members: $0.members, lowIntakeThreshold: $0.lowIntakeThreshold, lowIntake: $0.isLowIntake)
        }
        generalWIP = cohorts.memberships.isEmpty
        dropOuts = cohorts.dropOuts.map { DropOutDTO(operation: $0.operation, reason: $0.reason.rawValue, title: $0.reason.title) }
        keepsOneOwner = !cohorts.singleOwnerReasons.isEmpty
        singleOwnerReasons = cohorts.singleOwnerReasons
    }
}
