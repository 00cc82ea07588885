import Hummingbird
import HTTPTypes

/// One API operation: its method and path as the OpenAPI document writes them, and the handler that serves it.
/// Each controller lists its operations once, in `endpoints`; the router registers that list and
/// `OpenAPIDocument.registeredRoutes` reads it, so a route cannot be served without being compared with the document.
struct APIEndpoint<Controller: Sendable>: Sendable {
    typealias Handler = @Sendable (Request, CaseworkRequestContext) async throws -> Response

    /// The method and path in OpenAPI form ("get", "/api/v1/claims/{reference}").
    let route: APIRoute
    /// The controller's handler for it.
    let handler: @Sendable (Controller) -> Handler

    static func get(_ path: String, _ handler: @escaping @Sendable (Controller) -> Handler) -> Self { .init(route: APIRoute(method: "get", path: path), handler: handler) }
    static func post(_ path: String, _ handler: @escaping @Sendable (Controller) -> Handler) -> Self { .init(route: APIRoute(method: "post", path: path), handler: handler) }
    static func put(_ path: String, _ handler: @escaping @Sendable (Controller) -> Handler) -> Self { .init(route: APIRoute(method: "put", path: path), handler: handler) }
    static func delete(_ path: String, _ handler: @escaping @Sendable (Controller) -> Handler) -> Self { .init(route: APIRoute(method: "delete", path: path), handler: handler) }

    /// The path as the router writes it inside the `api/v1` group: "claims/:reference".
    var routerPath: String {
        let relative = route.path.hasPrefix("/api/v1/") ? String(route.path.dropFirst("/api/v1/".count)) : route.path
        return relative.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }.joined(separator: "/")
    }

    /// The HTTP method.
    var method: HTTPRequest.Method {
        switch route.method {
        case "post": .post
        case "put": .put
        case "delete": .delete
        default: .get
        }
    }
}

extension RouterGroup where Context == CaseworkRequestContext {
    /// Registers every endpoint of `controller`.
    func add<Controller>(_ endpoints: [APIEndpoint<Controller>], of controller: Controller) {
        for endpoint in endpoints {
            on(RouterPath(endpoint.routerPath), method: endpoint.method, use: endpoint.handler(controller))
        }
    }
}
