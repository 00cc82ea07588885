import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Reading API requests, for every controller: a JSON body that names the field it breaks, the claim
/// reference in the path, the version the caller read, and the store's not-found errors as 404s.
enum APIRequestBody {
    /// Reads a JSON body; a decoding error keeps its field path, so the 422 names the field.
    static func decode<T: Decodable>(_ request: Request, context: CaseworkRequestContext, as type: T.Type) async throws -> T {
        try decode(type, from: try await data(request, context: context))
    }

    /// The body's bytes, for a body read as more than one type; an empty body is refused.
    static func data(_ request: Request, context: CaseworkRequestContext) async throws -> Data {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest(field: "body", message: "The body must be a JSON object") }
        return Data(buffer.readableBytesView)
    }

    /// Decodes JSON; a decoding error keeps its field path, so the 422 names the field.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
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

    /// The version the caller read: `expectedVersion` in the body, or an `If-Match` header; nil when neither is given.
    static func version(_ given: Int?, request: Request) -> Int? {
        if let given { return given }
        if let header = request.headers[.ifMatch], let version = Int(header.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))) {
            return version
        }
        return nil
    }

    /// The version the caller read, required for a change that could overwrite another (422 naming `expectedVersion`).
    static func requiredVersion(_ given: Int?, request: Request) throws -> Int {
        guard let version = version(given, request: request) else {
            throw APIError.badRequest(
                field: "expectedVersion",
                message: "expectedVersion is required: give the version of the claim you read (or an If-Match header), so a change made since is not overwritten"
            )
        }
        return version
    }
}
