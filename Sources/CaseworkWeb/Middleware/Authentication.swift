import Foundation
import CaseworkDomain
import CaseworkStore
import Hummingbird
import HTTPTypes
import Logging

/// The name of the session cookie.
let sessionCookieName = "casework_session"

/// Finds the signed-in member from the session cookie; pages behind it redirect anonymous users to the sign-in page.
struct SessionAuthenticator: RouterMiddleware {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[sessionCookieName]?.value, let session = try await store.session(token: token) {
            context.identity = Identity(staff: session.staff, csrfToken: session.csrfToken, sessionToken: token)
            context.logger[metadataKey: "user"] = .string(session.staff.username.rawValue)
            return try await next(request, context)
        }
        let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        let encoded = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        return Response(status: .seeOther, headers: [.location: "/sign-in?next=\(encoded)"])
    }
}

/// Finds the member a bearer token acts as; the JSON API answers 401 without one.
struct BearerAuthenticator: RouterMiddleware {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError.unauthenticated("Send an API token in the Authorization header: 'Authorization: Bearer TOKEN'. Create one with `casework tokens create NAME`.")
        }
        let token = String(header.dropFirst(7)).trimmingWhitespace
        guard let staff = try await store.staff(forAPIToken: token) else {
            throw APIError.unauthenticated("The API token is not valid or has been revoked.")
        }
        var context = context
        context.identity = Identity(staff: staff, csrfToken: nil, sessionToken: nil)
        context.logger[metadataKey: "user"] = .string(staff.username.rawValue)
        return try await next(request, context)
    }
}

/// Refuses any form post that does not carry the session's CSRF token, and reads the form once for the handler.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = CaseworkRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let form = FormData(body: String(buffer: body))
        guard let expected = context.identity?.csrfToken, let given = form["csrfToken"], constantTimeEqual(given, expected) else {
            return Response(
                status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: .init(string: "This form has expired or did not come from this site. Go back, reload the page and try again."))
            )
        }
        var context = context
        context.form = form
        return try await next(request, context)
    }
}

/// Compares secrets without revealing, by timing, how much of them matched.
func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
    let a = Array(lhs.utf8), b = Array(rhs.utf8)
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
}
