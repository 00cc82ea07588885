import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes
import Logging

/// An RFC 9457 problem document, the body of every API error (`application/problem+json`).
struct ProblemDetails: Codable, Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    /// Field-level messages: which field broke which rule.
    var errors: [FieldError]
    /// For 409 on registration: the existing claims that matched.
    var matches: [DuplicateSuspected.Match]?
    /// For 409 on a stale write: the version the claim is now at.
    var currentVersion: Int?
}

/// Errors the API raises itself (as opposed to domain errors, which are mapped in `ProblemMiddleware`).
enum APIError: Error {
    case unauthenticated(String)
    case badRequest(field: String, message: String)
    case notFound(String)
}

/// Turns any error in the API into a problem document, so clients always get the same shape and never a stack trace.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = CaseworkRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error, logger: context.logger)
            var headers: HTTPFields = [.contentType: "application/problem+json"]
            if problem.status == 401 { headers[.wwwAuthenticate] = "Bearer" }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = (try? encoder.encode(problem)) ?? Data("{}".utf8)
            return Response(status: .init(code: problem.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    static func problem(for error: any Error, logger: Logger) -> ProblemDetails {
        switch error {
        case let failure as ValidationFailure:
            return ProblemDetails(type: "/problems/validation", title: "The request has errors", status: 422, detail: failure.errors.map(\.message).joined(separator: ". "), errors: failure.errors)
        case let violation as ClaimRuleViolation:
            return ProblemDetails(type: "/problems/rule", title: "The claim cannot make this change", status: 422, detail: violation.description, errors: [FieldError(field: violation.field, message: violation.description)])
        case let conflict as VersionConflict:
            return ProblemDetails(type: "/problems/conflict", title: "The claim has changed", status: 409, detail: conflict.message, errors: [FieldError(field: "expectedVersion", message: conflict.message)], currentVersion: conflict.currentVersion)
        case let duplicate as DuplicateSuspected:
            return ProblemDetails(type: "/problems/possible-duplicate", title: "This claimant may already have a claim", status: 409, detail: duplicate.message, errors: [FieldError(field: "duplicateResolution", message: duplicate.message)], matches: duplicate.matches)
        case let notFound as ClaimNotFound:
            return ProblemDetails(type: "/problems/not-found", title: "Claim not found", status: 404, detail: "No claim \(notFound.reference.rawValue) that you can see.", errors: [])
        case let denied as AccessDenied:
            return ProblemDetails(type: "/problems/forbidden", title: "Not allowed", status: 403, detail: denied.message, errors: [])
        case let apiError as APIError:
            switch apiError {
            case .unauthenticated(let message):
                return ProblemDetails(type: "/problems/unauthenticated", title: "Sign-in needed", status: 401, detail: message, errors: [])
            case let .badRequest(field, message):
                return ProblemDetails(type: "/problems/validation", title: "The request has errors", status: 422, detail: message, errors: [FieldError(field: field, message: message)])
            case .notFound(let message):
                return ProblemDetails(type: "/problems/not-found", title: "Not found", status: 404, detail: message, errors: [])
            }
        case let decoding as DecodingError:
            let error = fieldError(decoding)
            return ProblemDetails(type: "/problems/validation", title: "The request has errors", status: 422, detail: error.message, errors: [error])
        case let http as HTTPError:
            return ProblemDetails(type: "/problems/http", title: http.status.reasonPhrase, status: http.status.code, detail: http.body ?? http.status.reasonPhrase, errors: [])
        default:
            logger.error("Unhandled error in the API", metadata: ["error": "\(String(reflecting: error))"])
            return ProblemDetails(type: "/problems/internal", title: "Something went wrong", status: 500, detail: "The change was not made. The error has been logged.", errors: [])
        }
    }

    /// A decoding error as a field error, naming the JSON path.
    static func fieldError(_ error: DecodingError) -> FieldError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { result, key in
                if let index = key.intValue { return result + "[\(index)]" }
                return result.isEmpty ? key.stringValue : result + "." + key.stringValue
            }
        }
        switch error {
        case let .typeMismatch(type, context):
            return FieldError(field: path(context.codingPath), message: "\(path(context.codingPath)) must be \(describe(type))")
        case let .valueNotFound(type, context):
            return FieldError(field: path(context.codingPath), message: "\(path(context.codingPath)) must be \(describe(type)), not null")
        case let .keyNotFound(key, context):
            let field = path(context.codingPath + [key])
            return FieldError(field: field, message: "\(field) is required")
        case let .dataCorrupted(context):
            let field = path(context.codingPath)
            return FieldError(field: field.isEmpty ? "body" : field, message: field.isEmpty ? "The body must be a JSON object" : "\(field): \(context.debugDescription)")
        @unknown default:
            return FieldError(field: "body", message: "The body could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "a whole number"
        default: String(describing: type).contains("Array") ? "a list" : "an object"
        }
    }
}
