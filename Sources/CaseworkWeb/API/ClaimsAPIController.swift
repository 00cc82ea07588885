import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes

/// An API route as the OpenAPI document names it. `APIRoutes.all` is what the router registers, and a test checks it
/// against `openapi.yaml`, so the document and the routes cannot drift apart.
public struct APIRoute: Hashable, Sendable {
    /// HTTP method, lower case as in OpenAPI ("get").
    public let method: String
    /// Path in OpenAPI form ("/api/v1/claims/{reference}").
    public let path: String
}

/// The JSON API under `/api/v1`. Every route needs a bearer token; what a caller may see and do is decided by
/// `AccessPolicy` on their role and unit.
///
/// - `GET  /api/v1/me` — the caller.
/// - `GET  /api/v1/claims?q=&nationality=&stage=&page=&pageSize=` — search the claims the caller may see.
/// - `POST /api/v1/claims` — register a claim (registrar roles); 409 with the matches when the claimant may already exist.
/// - `GET  /api/v1/claims/{reference}` — a claim, with an `ETag` of its version.
/// - `GET  /api/v1/claims/{reference}/events` — every event, oldest first.
/// - `GET  /api/v1/claims/{reference}/notes` and `POST` — notes, whole.
/// - `POST /api/v1/claims/{reference}/stage` — move to another stage (needs `expectedVersion`).
/// - `POST /api/v1/claims/{reference}/outcome` — record an outcome (needs `expectedVersion`).
/// - `POST /api/v1/claims/{reference}/outcome-withdrawal` — withdraw a served outcome; reopens the claim.
/// - `POST /api/v1/claims/{reference}/links` — link another claim.
/// - `GET  /api/v1/claims/{reference}/protected-characteristics` — restricted roles only; audited.
struct ClaimsAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// Every operation, once: registered by `addRoutes`, compared with the OpenAPI document by a test.
    static let endpoints: [APIEndpoint<Self>] = [
        .get("/api/v1/me") { $0.me },
        .get("/api/v1/claims") { $0.search },
        .post("/api/v1/claims") { $0.register },
        .get("/api/v1/claims/{reference}") { $0.claim },
        .get("/api/v1/claims/{reference}/events") { $0.events },
        .get("/api/v1/claims/{reference}/notes") { $0.notes },
        .post("/api/v1/claims/{reference}/notes") { $0.addNote },
        .post("/api/v1/claims/{reference}/stage") { $0.moveStage },
        .post("/api/v1/claims/{reference}/outcome") { $0.recordOutcome },
        .post("/api/v1/claims/{reference}/outcome-withdrawal") { $0.withdrawOutcome },
        .post("/api/v1/claims/{reference}/links") { $0.linkClaim },
        .get("/api/v1/claims/{reference}/protected-characteristics") { $0.protectedCharacteristics },
        .post("/api/v1/claims/{reference}/allocation") { $0.allocate },
        .post("/api/v1/claims/{reference}/release") { $0.release },
        .get("/api/v1/work") { $0.work },
        .post("/api/v1/work/next") { $0.nextClaim },
        .get("/api/v1/claims/{reference}/barriers") { $0.barriers },
        .post("/api/v1/claims/{reference}/barriers") { $0.raiseBarrier },
        .post("/api/v1/claims/{reference}/barriers/{id}/review") { $0.reviewBarrier },
        .post("/api/v1/claims/{reference}/barriers/{id}/clearance") { $0.clearBarrier },
    ]

    /// The routes, in OpenAPI form.
    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    @Sendable func barriers(_ request: Request, context: Context) async throws -> Response {
        try json(try await store.barriers(of: try APIRequestBody.reference(context), for: try context.requireIdentity().actor))
    }

    @Sendable func raiseBarrier(_ request: Request, context: Context) async throws -> Response {
        let body = try await APIRequestBody.decode(request, context: context, as: BarrierRequest.self)
        return try await barrierChange(.raise(body.raise), version: body.expectedVersion, request: request, context: context, status: .created)
    }

    @Sendable func reviewBarrier(_ request: Request, context: Context) async throws -> Response {
        let body = try await APIRequestBody.decode(request, context: context, as: BarrierRequest.self)
        let id = try barrierID(context)
        return try await barrierChange(.review(id: id, reviewDate: body.reviewDate, rating: body.rating, note: body.note), version: body.expectedVersion, request: request, context: context)
    }

    @Sendable func clearBarrier(_ request: Request, context: Context) async throws -> Response {
        let body = try await APIRequestBody.decode(request, context: context, as: BarrierRequest.self)
        let id = try barrierID(context)
        return try await barrierChange(.clear(id: id, reason: body.reason), version: body.expectedVersion, request: request, context: context)
    }

    private func barrierChange(_ change: BarrierChange, version: Int?, request: Request, context: Context, status: HTTPResponse.Status = .ok) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        let expected = try await expectedVersion(version, request: request, reference: reference, actor: actor, optional: false)
        return try json(try await store.changeBarrier(change, on: reference, expectedVersion: expected, by: actor), status: status)
    }

    private func barrierID(_ context: Context) throws -> Int {
        guard let id = context.parameters.get("id").flatMap({ Int($0) }), id > 0 else { throw APIError.notFound("Barriers are numbered from 1.") }
        return id
    }

    @Sendable func allocate(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        let body = try await APIRequestBody.decode(request, context: context, as: ClaimChangeRequest.self)
        // Who may receive it (an active caseworker of the claim's unit, trained for the work) is checked by the store.
        let input = try ClaimCommandInput.allocate(to: body.to, reason: body.reason)
        return try await perform(input, body.expectedVersion, request: request, reference: reference, actor: actor)
    }

    @Sendable func release(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        let body = try await APIRequestBody.decode(request, context: context, as: ClaimChangeRequest.self)
        return try await perform(try ClaimCommandInput.release(reason: body.reason), body.expectedVersion, request: request, reference: reference, actor: actor)
    }

    @Sendable func work(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let today = store.clock.now().date
        let held = try await store.claimsHeld(by: actor.staff)
        return try json(held.map { HeldClaimDTO(claim: ClaimSummaryDTO($0.summary), heldSince: $0.heldSince.iso, daysHeld: $0.daysHeld(on: today)) })
    }

    @Sendable func nextClaim(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        guard let claim = try await store.nextClaim(for: actor) else { return Response(status: .noContent) }
        return try json(try await claimDTO(claim))
    }

    @Sendable func me(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let staff = identity.staff
        return try json(MeDTO(
            username: staff.username.rawValue, displayName: staff.displayName, role: staff.role.rawValue, roleTitle: staff.role.title,
            unit: staff.unit.rawValue, canReadProtectedCharacteristics: AccessPolicy.canReadProtectedCharacteristics(staff.actor)
        ))
    }

    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let parameters = request.uri.queryParameters
        var stage: Stage?
        if let text = parameters["stage"].map(String.init), !text.isEmpty {
            guard let value = Stage(rawValue: text) else {
                throw APIError.badRequest(field: "stage", message: "stage must be one of: \(Stage.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            stage = value
        }
        let page = try integer(parameters["page"].map(String.init), field: "page", default: 1, range: 1...100_000)
        let pageSize = try integer(parameters["pageSize"].map(String.init), field: "pageSize", default: 25, range: 1...200)
        let query = ClaimQuery(
            text: parameters["q"].map(String.init), nationality: parameters["nationality"].map(String.init), stage: stage, page: page, pageSize: pageSize
        )
        let result = try await store.search(query, for: actor)
        return try json(ClaimPageDTO(claims: result.claims.map(ClaimSummaryDTO.init), total: result.total, page: result.page, pageSize: result.pageSize, pageCount: result.pageCount))
    }

    @Sendable func register(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        guard AccessPolicy.canRegister(actor) else { throw AccessDenied("\(actor.role.title)s cannot register claims.") }
        let input = try await APIRequestBody.decode(request, context: context, as: RegistrationInput.self)
        let (facts, resolution) = try input.validated(today: store.clock.now().date)
        let claim = try await store.register(facts, resolution: resolution, by: actor)
        var response = try json(try await claimDTO(claim), status: .created)
        response.headers[.location] = "/api/v1/claims/\(claim.reference.rawValue)"
        response.headers[.eTag] = "\"\(claim.version)\""
        return response
    }

    @Sendable func claim(_ request: Request, context: Context) async throws -> Response {
        let claim = try await store.claim(try APIRequestBody.reference(context), for: try context.requireIdentity().actor)
        var response = try json(try await claimDTO(claim))
        response.headers[.eTag] = "\"\(claim.version)\""
        return response
    }

    @Sendable func events(_ request: Request, context: Context) async throws -> Response {
        let events = try await store.events(of: try APIRequestBody.reference(context), for: try context.requireIdentity().actor)
        return try json(events.map(EventDTO.init))
    }

    @Sendable func notes(_ request: Request, context: Context) async throws -> Response {
        let notes = try await store.notes(of: try APIRequestBody.reference(context), for: try context.requireIdentity().actor)
        return try json(notes.map(NoteDTO.init))
    }

    @Sendable func addNote(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        let body = try await APIRequestBody.decode(request, context: context, as: NoteRequest.self)
        let note = try NoteRules.validated(text: body.text, isAction: body.isAction ?? false)
        let expected = try await expectedVersion(body.expectedVersion, request: request, reference: reference, actor: actor, optional: true)
        let claim = try await store.perform(.addNote(note), on: reference, expectedVersion: expected, by: actor, reason: nil)
        return try json(try await claimDTO(claim), status: .created)
    }

    @Sendable func moveStage(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        let body = try await APIRequestBody.decode(request, context: context, as: ClaimChangeRequest.self)
        let input = try ClaimCommandInput.moveStage(to: body.to, reason: body.reason)
        return try await perform(input, body.expectedVersion, request: request, reference: reference, actor: actor)
    }

    @Sendable func recordOutcome(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        let body = try await APIRequestBody.decode(request, context: context, as: ClaimChangeRequest.self)
        let input = try ClaimCommandInput.recordOutcome(body.outcome, reason: body.reason)
        return try await perform(input, body.expectedVersion, request: request, reference: reference, actor: actor)
    }

    @Sendable func withdrawOutcome(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        let body = try await APIRequestBody.decode(request, context: context, as: ClaimChangeRequest.self)
        let input = try ClaimCommandInput.withdrawOutcome(reason: body.reason)
        return try await perform(input, body.expectedVersion, request: request, reference: reference, actor: actor)
    }

    @Sendable func linkClaim(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let reference = try APIRequestBody.reference(context)
        let body = try await APIRequestBody.decode(request, context: context, as: ClaimChangeRequest.self)
        let input = try ClaimCommandInput.linkClaim(body.claim, reason: body.reason)
        return try await perform(input, body.expectedVersion, request: request, reference: reference, actor: actor)
    }

    @Sendable func protectedCharacteristics(_ request: Request, context: Context) async throws -> Response {
        let characteristics = try await store.protectedCharacteristics(of: try APIRequestBody.reference(context), for: try context.requireIdentity().actor)
        return try json(characteristics ?? ProtectedCharacteristics())
    }

    // MARK: Helpers

    /// Performs a checked command at the version the caller read (required) and answers with the claim after it.
    private func perform(_ input: (command: ClaimCommand, reason: String?), _ version: Int?, request: Request, reference: ClaimReference, actor: Actor) async throws -> Response {
        let expected = try await expectedVersion(version, request: request, reference: reference, actor: actor, optional: false)
        return try json(try await claimDTO(try await store.perform(input.command, on: reference, expectedVersion: expected, by: actor, reason: input.reason)))
    }

    /// The version the caller read: `expectedVersion` in the body, or an `If-Match` header. Notes may omit it
    /// (a note cannot overwrite anything), in which case the current version is used.
    private func expectedVersion(_ given: Int?, request: Request, reference: ClaimReference, actor: Actor, optional: Bool) async throws -> Int {
        guard optional else { return try APIRequestBody.requiredVersion(given, request: request) }
        if let version = APIRequestBody.version(given, request: request) { return version }
        return try await store.claim(reference, for: actor).version
    }

    private func integer(_ text: String?, field: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text, !text.isEmpty else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest(field: field, message: "\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

/// Encodes a value as a JSON response.
extension ClaimsAPIController {
    /// The claim as the API shows it, its priority assessed by the policy in force.
    func claimDTO(_ claim: Claim) async throws -> ClaimDTO {
        ClaimDTO(claim, today: store.clock.now().date, policy: try await store.planningState().priorityPolicy)
    }
}

func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
}
