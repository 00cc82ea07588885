import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// A claim's interviews through the API: the claimant's needs, the ranked options, booking, outcomes, postponement
/// requests and the follow-up of a failure to attend; and a unit's follow-ups that are due. Every change needs the
/// claim version the caller read (`expectedVersion` in the body or `If-Match`), like every other change to a claim.
struct InterviewsAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    static let endpoints: [APIEndpoint<Self>] = [
        .get("/api/v1/claims/{reference}/interviews") { $0.interviews },
        .post("/api/v1/claims/{reference}/interviews") { $0.book },
        .put("/api/v1/claims/{reference}/interview-needs") { $0.recordNeeds },
        .get("/api/v1/claims/{reference}/interview-options") { $0.options },
        .post("/api/v1/claims/{reference}/interviews/{number}/outcome") { $0.recordOutcome },
        .post("/api/v1/claims/{reference}/interviews/{number}/failure-to-attend-follow-up") { $0.followUp },
        .post("/api/v1/claims/{reference}/postponement-requests") { $0.requestPostponement },
        .post("/api/v1/claims/{reference}/postponement-requests/{number}/answer") { $0.answerPostponement },
        .get("/api/v1/units/{unit}/failure-to-attend-tasks") { $0.tasksDue },
    ]

    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    /// The version the caller read, from the body or `If-Match`.
    private struct Versioned: Decodable { var expectedVersion: Int? }

    /// Decodes the body as `T` and reads the version beside it.
    private func body<T: Decodable>(_ request: Request, _ context: Context, as type: T.Type) async throws -> (T, Int) {
        let data = try await APIRequestBody.data(request, context: context)
        let input = try APIRequestBody.decode(type, from: data)
        let version = try APIRequestBody.requiredVersion(try APIRequestBody.decode(Versioned.self, from: data).expectedVersion, request: request)
        return (input, version)
    }

    private func number(_ context: Context, _ what: String) throws -> Int {
        guard let number = context.parameters.get("number").flatMap({ Int($0) }), number > 0 else { throw APIError.notFound("\(what) are numbered from 1.") }
        return number
    }

    @Sendable func interviews(_ request: Request, context: Context) async throws -> Response {
        try json(try await store.interviews(of: try APIRequestBody.reference(context), for: try context.requireIdentity().actor))
    }

    @Sendable func options(_ request: Request, context: Context) async throws -> Response {
        try json(try await store.interviewOptions(for: try APIRequestBody.reference(context), by: try context.requireIdentity().actor))
    }

    @Sendable func recordNeeds(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: InterviewNeedsInput.self)
        let claim = try await store.recordInterviewNeeds(input, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor)
        var response = try json(claim.work.interviewNeeds)
        response.headers[.eTag] = "\"\(claim.version)\""
        return response
    }

    @Sendable func book(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: BookInterviewInput.self)
        let booking = try await store.bookInterview(input, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor)
        return try json(booking, status: .created)
    }

    @Sendable func recordOutcome(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: InterviewOutcomeInput.self)
        let record = try await store.recordInterviewOutcome(
            input, interview: try number(context, "Interviews"), on: try APIRequestBody.reference(context), expectedVersion: version,
            by: try context.requireIdentity().actor
        )
        return try json(record)
    }

    @Sendable func followUp(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: FailureToAttendFollowUpInput.self)
        let followUp = try await store.followUpFailureToAttend(
            input, interview: try number(context, "Interviews"), on: try APIRequestBody.reference(context), expectedVersion: version,
            by: try context.requireIdentity().actor
        )
        return try json(followUp)
    }

    @Sendable func requestPostponement(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: PostponementInput.self)
        let recorded = try await store.requestPostponement(input, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor)
        return try json(recorded, status: .created)
    }

    @Sendable func answerPostponement(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: PostponementAnswerInput.self)
        let answer = try await store.answerPostponement(
            input, request: try number(context, "Postponement requests"), on: try APIRequestBody.reference(context), expectedVersion: version,
            by: try context.requireIdentity().actor
        )
        return try json(answer)
    }

    @Sendable func tasksDue(_ request: Request, context: Context) async throws -> Response {
        let unit = UnitID(context.parameters.get("unit") ?? "")
        return try json(try await store.failureToAttendTasksDue(unit: unit, for: try context.requireIdentity().actor))
    }
}
