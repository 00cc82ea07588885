import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes

/// The JSON API for what prioritisation reads on a claim (safeguarding referral, committed date, priority on request) and
/// the priority policy (fig 21, 8.15–8.20). Each claim change needs the version the caller read (`expectedVersion` or
/// `If-Match`) and answers with the claim, its priority explained.
///
/// - `POST /api/v1/claims/{reference}/safeguarding-referrals` — record a referral (`AccessPolicy.safeguardingRecorders`).
/// - `POST /api/v1/claims/{reference}/commitment` — record a date the decision is committed by (`commitmentRecorders`).
/// - `POST /api/v1/claims/{reference}/commitment-withdrawal` — the commitment no longer stands, with a reason.
/// - `POST /api/v1/claims/{reference}/priority-on-request` — grant priority on request (`priorityGranters`), with the evidence seen.
/// - `GET  /api/v1/priority-policy` — the policy in force (anyone signed in: the criteria are transparent, 8.19).
/// - `GET  /api/v1/priority-policy/versions` — every version, newest first.
/// - `POST /api/v1/priority-policy` — adopt the next version (`workPlanners`); every claim's priority is recomputed.
struct PriorityAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// Every operation, once: registered by `addRoutes`, compared with the OpenAPI document by a test.
    static let endpoints: [APIEndpoint<Self>] = [
        .post("/api/v1/claims/{reference}/safeguarding-referrals") { $0.recordSafeguardingReferral },
        .post("/api/v1/claims/{reference}/commitment") { $0.recordCommitment },
        .post("/api/v1/claims/{reference}/commitment-withdrawal") { $0.withdrawCommitment },
        .post("/api/v1/claims/{reference}/priority-on-request") { $0.grantPriority },
        .get("/api/v1/priority-policy") { $0.policyInForce },
        .get("/api/v1/priority-policy/versions") { $0.versions },
        .post("/api/v1/priority-policy") { $0.adopt },
    ]

    /// The routes, in OpenAPI form.
    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    // MARK: Claim changes

    @Sendable func recordSafeguardingReferral(_ request: Request, context: Context) async throws -> Response {
        let body = try await APIRequestBody.decode(request, context: context, as: PriorityChangeRequest.self)
        let input = try ClaimCommandInput.safeguardingReferral(level: body.level, raised: body.raised, reason: body.reason, today: store.clock.now().date)
        return try await perform(input, body.expectedVersion, request: request, context: context)
    }

    @Sendable func recordCommitment(_ request: Request, context: Context) async throws -> Response {
        let body = try await APIRequestBody.decode(request, context: context, as: PriorityChangeRequest.self)
        let input = try ClaimCommandInput.commitment(kind: body.kind, decideBy: body.decideBy, reason: body.reason, today: store.clock.now().date)
        return try await perform(input, body.expectedVersion, request: request, context: context)
    }

    @Sendable func withdrawCommitment(_ request: Request, context: Context) async throws -> Response {
        let body = try await APIRequestBody.decode(request, context: context, as: PriorityChangeRequest.self)
        return try await perform(try ClaimCommandInput.withdrawCommitment(reason: body.reason), body.expectedVersion, request: request, context: context)
    }

    @Sendable func grantPriority(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let body = try await APIRequestBody.decode(request, context: context, as: PriorityChangeRequest.self)
        let input = try ClaimCommandInput.grantPriority(reason: body.reason, by: actor, at: store.clock.now())
        return try await perform(input, body.expectedVersion, request: request, context: context)
    }

    /// Performs a checked command at the version the caller read and answers with the claim after it.
    private func perform(_ input: (command: ClaimCommand, reason: String?), _ version: Int?, request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        let expected = try APIRequestBody.requiredVersion(version, request: request)
        let claim = try await store.perform(input.command, on: reference, expectedVersion: expected, by: actor, reason: input.reason)
        var response = try json(ClaimDTO(claim, today: store.clock.now().date, policy: try await store.planningState().priorityPolicy))
        response.headers[.eTag] = "\"\(claim.version)\""
        return response
    }

    // MARK: The policy

    @Sendable func policyInForce(_ request: Request, context: Context) async throws -> Response {
        _ = try context.requireIdentity()
        return try json(AdoptedPriorityPolicyDTO(try await store.priorityPolicyInForce()))
    }

    @Sendable func versions(_ request: Request, context: Context) async throws -> Response {
        _ = try context.requireIdentity()
        return try json(try await store.priorityPolicyHistory().map(AdoptedPriorityPolicyDTO.init))
    }

    @Sendable func adopt(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        guard AccessPolicy.workPlanners.contains(actor.role) else {
            throw AccessDenied("Only workflow planners and operations managers can adopt a priority policy (fig 21).")
        }
        let body = try await APIRequestBody.decode(request, context: context, as: PolicyAdoptionRequest.self)
        let policy = try body.input.policy(basedOn: try await store.planningState().priorityPolicy)
        let (adopted, recompute) = try await store.adoptPriorityPolicy(policy, by: actor, reason: body.reason)
        var response = try json(PolicyAdoptionDTO(policy: AdoptedPriorityPolicyDTO(adopted), recompute: RecomputeDTO(recompute)), status: .created)
        response.headers[.location] = "/api/v1/priority-policy"
        return response
    }

}

/// The body of a change to what prioritisation reads on a claim. Fields a route does not read are ignored.
struct PriorityChangeRequest: Codable, Sendable {
    var expectedVersion: Int?
    /// Safeguarding referral: "vulnerable", "sshl1", "sshl2" or "sshl3".
    var level: String?
    /// Safeguarding referral: the date it was raised, YYYY-MM-DD.
    var raised: String?
    /// Commitment: "judicial-review", "pre-action-protocol", "mp-case" or "other".
    var kind: String?
    /// Commitment: the date the decision is committed by, YYYY-MM-DD.
    var decideBy: String?
    /// Why; required to withdraw a commitment and to grant priority on request (the evidence seen).
    var reason: String?
}

/// `POST /api/v1/priority-policy`: the new version (fields left out keep the values in force) and why.
struct PolicyAdoptionRequest: Codable, Sendable {
    var version: Int?
    var name: String?
    var tierOrder: [String]?
    var unaccompaniedChildCategory: String?
    var priorityOnRequestCategory: String?
    var safeguardingSeverity: [String: Int]?
    var markerSeverity: [String: Int]?
    var nationalReferralMechanismSeverity: Int?
    var unaccompaniedChildSeverity: Int?
    var priorityOnRequestSeverity: Int?
    var reason: String?

    var input: PriorityPolicyInput {
        PriorityPolicyInput(
            version: version, name: name, tierOrder: tierOrder, unaccompaniedChildCategory: unaccompaniedChildCategory,
            priorityOnRequestCategory: priorityOnRequestCategory, safeguardingSeverity: safeguardingSeverity, markerSeverity: markerSeverity,
            nationalReferralMechanismSeverity: nationalReferralMechanismSeverity, unaccompaniedChildSeverity: unaccompaniedChildSeverity,
            priorityOnRequestSeverity: priorityOnRequestSeverity
        )
    }
}

/// A priority policy as the API shows it: tiers in order with their titles, and every severity by its raw value.
struct PriorityPolicyDTO: Codable, Sendable {
    struct Tier: Codable, Sendable {
        var tier: Int
        var category: String
        var title: String
    }

    var version: Int
    var name: String
    var tierOrder: [String]
    var tiers: [Tier]
    var unaccompaniedChildCategory: String
    var priorityOnRequestCategory: String
    var safeguardingSeverity: [String: Int]
    var markerSeverity: [String: Int]
    var nationalReferralMechanismSeverity: Int
    var unaccompaniedChildSeverity: Int
    var priorityOnRequestSeverity: Int

    init(_ policy: PriorityPolicy) {
        version = policy.version
        name = policy.name
        tierOrder = policy.tierOrder.map(\.rawValue)
        tiers = policy.tierOrder.enumerated().map { Tier(tier: $0.offset + 1, category: $0.element.rawValue, title: $0.element.title) }
        unaccompaniedChildCategory = policy.unaccompaniedChildCategory.rawValue
        priorityOnRequestCategory = policy.priorityOnRequestCategory.rawValue
        safeguardingSeverity = Dictionary(uniqueKeysWithValues: policy.safeguardingSeverity.map { ($0.key.rawValue, $0.value) })
        markerSeverity = Dictionary(uniqueKeysWithValues: policy.markerSeverity.map { ($0.key.rawValue, $0.value) })
        nationalReferralMechanismSeverity = policy.nationalReferralMechanismSeverity
        unaccompaniedChildSeverity = policy.unaccompaniedChildSeverity
        priorityOnRequestSeverity = policy.priorityOnRequestSeverity
    }
}

/// What a recompute did.
struct RecomputeDTO: Codable, Sendable {
    var policyVersion: Int
    var claims: Int
    var tierChanges: Int
    var orderChanges: Int
    var milliseconds: Int

    init(_ recompute: PriorityRecompute) {
        policyVersion = recompute.policyVersion
        claims = recompute.claims
        tierChanges = recompute.tierChanges
        orderChanges = recompute.orderChanges
        milliseconds = recompute.milliseconds
    }
}

/// A version of the policy with who adopted it, when and why.
struct AdoptedPriorityPolicyDTO: Codable, Sendable {
    var policy: PriorityPolicyDTO
    var adoptedBy: String?
    var adoptedAt: String?
    var reason: String
    var recompute: RecomputeDTO?

    init(_ adopted: AdoptedPriorityPolicy) {
        policy = PriorityPolicyDTO(adopted.policy)
        adoptedBy = adopted.adoptedBy?.rawValue
        adoptedAt = adopted.adoptedAt?.iso
        reason = adopted.reason
        recompute = adopted.recompute.map(RecomputeDTO.init)
    }
}

/// The answer to an adoption: the policy now in force and what the recompute did.
struct PolicyAdoptionDTO: Codable, Sendable {
    var policy: AdoptedPriorityPolicyDTO
    var recompute: RecomputeDTO
}
