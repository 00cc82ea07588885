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

    /// The routes, in OpenAPI form; `Resources/api-paths/operations.yaml` documents each.
    static let routes: [APIRoute] = [
        APIRoute(method: "get", path: "/api/v1/operations"),
        APIRoute(method: "post", path: "/api/v1/operations"),
        APIRoute(method: "get", path: "/api/v1/operations/{code}"),
        APIRoute(method: "post", path: "/api/v1/operations/{code}/closure"),
        APIRoute(method: "get", path: "/api/v1/units/{unit}/operations"),
        APIRoute(method: "put", path: "/api/v1/units/{unit}/operations"),
        APIRoute(method: "get", path: "/api/v1/claims/{reference}/cohorts"),
        APIRoute(method: "post", path: "/api/v1/claims/{reference}/cohort-drop-outs"),
    ]

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("operations", use: list)
        group.post("operations", use: define)
        group.get("operations/:code", use: detail)
        group.post("operations/:code/closure", use: close)
        group.get("units/:unit/operations", use: unitOperations)
        group.put("units/:unit/operations", use: setUnitOperations)
        group.get("claims/:reference/cohorts", use: cohorts)
        group.post("claims/:reference/cohort-drop-outs", use: dropOut)
    }

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
        guard let expected = body.expectedVersion else { throw APIRequestBody.versionRequired }
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

/// Reading requests in the operations and planning APIs: a JSON body that names the field it breaks, the claim
/// reference in the path, and the store's not-found errors as 404s.
enum APIRequestBody {
    /// Reads a JSON body; a decoding error keeps its field path, so the 422 names the field.
    static func decode<T: Decodable>(_ request: Request, context: CaseworkRequestContext, as type: T.Type) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest(field: "body", message: "The body must be a JSON object") }
        do {
            return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw APIError.badRequest(field: "body", message: "The body must be a JSON object: it is not valid JSON")
            }
            throw error
        }
    }

    /// The claim reference in the path.
    static func reference(_ context: CaseworkRequestContext) throws -> ClaimReference {
        let text = context.parameters.get("reference")?.uppercased() ?? ""
        guard ClaimReference.isWellFormed(text) else {
            throw APIError.notFound("'\(text.prefix(40))' is not a claim reference; references look like CW-0001234.")
        }
        return ClaimReference(text)
    }

    /// Runs `body`, turning an unknown operation or unit into a 404.
    static func mapNotFound<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as OperationNotFound {
            throw APIError.notFound(error.message)
        } catch let error as UnitNotFound {
            throw APIError.notFound(error.message)
        }
    }

    /// The error for a change to a claim without the version the caller read.
    static let versionRequired = APIError.badRequest(
        field: "expectedVersion",
        message: "expectedVersion is required: give the version of the claim you read, so a change made since is not overwritten"
    )
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
