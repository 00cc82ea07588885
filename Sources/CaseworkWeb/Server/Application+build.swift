import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import Logging
import Metrics
import Mustache
import Prometheus
import Synchronization

/// How the web server is set up.
public struct WebConfiguration: Sendable {
    /// Address to listen on.
    public var host: String
    /// Port to listen on.
    public var port: Int
    /// Mark the session cookie `Secure` (sent only over HTTPS, and to localhost).
    public var secureCookies: Bool
    /// bcrypt settings for checking passwords.
    public var passwordHasher: PasswordHasher
    /// Slow down repeated failed sign-ins (tests that check the delay turn this on; the clock is injected).
    public var throttleSignIn: Bool

    /// Creates a configuration.
    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = true, passwordHasher: PasswordHasher = PasswordHasher(), throttleSignIn: Bool = true) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.passwordHasher = passwordHasher
        self.throttleSignIn = throttleSignIn
    }
}

/// Metrics are process-wide in swift-metrics: bootstrap Prometheus once, however many applications a test builds.
public enum MetricsRegistry {
    private static let state = Mutex<PrometheusCollectorRegistry?>(nil)

    /// The registry `/metrics` reads, bootstrapping the metrics system on first use.
    public static var shared: PrometheusCollectorRegistry {
        state.withLock { current in
            if let current { return current }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            current = registry
            return registry
        }
    }
}

/// Builds the application: the router with every page and API route, over `store`.
public func buildApplication(store: CaseworkStore, configuration: WebConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(store: store, configuration: configuration)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "casework"),
        logger: logger
    )
}

/// Builds the router. Tests drive exactly this with `app.test(.router)`.
public func buildRouter(store: CaseworkStore, configuration: WebConfiguration) async throws -> Router<CaseworkRequestContext> {
    let registry = MetricsRegistry.shared
    let renderer = try await PageRenderer.load()
    let router = Router(context: CaseworkRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: UnmatchedPathMiddleware(renderer: renderer))

    router.get("health") { _, _ in
        try json(["status": "ok"])
    }
    router.get("metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
    router.get("openapi.yaml") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
    }
    router.get("static/:file") { _, context in
        guard let name = context.parameters.get("file"), let asset = StaticAssets.asset(named: name) else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=3600"], body: .init(byteBuffer: ByteBuffer(string: asset.body)))
    }

    let api = router.group("api/v1").add(middleware: ProblemMiddleware()).add(middleware: BearerAuthenticator(store: store))
    ClaimsAPIController(store: store).addRoutes(to: api)
    StaffAPIController(store: store).addRoutes(to: api)
    OperationsAPIController(store: store).addRoutes(to: api)
    WorkViewsAPIController(store: store).addRoutes(to: api)
    PriorityAPIController(store: store).addRoutes(to: api)
    PlanningAPIController(store: store).addRoutes(to: api)
    InterviewsAPIController(store: store).addRoutes(to: api)
    InterviewViewsAPIController(store: store).addRoutes(to: api)
    InterviewResourcesAPIController(store: store).addRoutes(to: api)
    InterviewScheduleAPIController(store: store).addRoutes(to: api)
    DecisionsAPIController(store: store).addRoutes(to: api)
    QualityAPIController(store: store).addRoutes(to: api)

    let pages = PagesController(store: store, renderer: renderer, configuration: configuration)
    pages.addPublicRoutes(to: router.group())
    pages.addRoutes(to: router.group().add(middleware: SessionAuthenticator(store: store)).add(middleware: CSRFMiddleware()))
    return router
}

/// Gives every request an id, in the logs (`hb.request.id`) and in the `X-Request-Id` response header.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = CaseworkRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("X-Request-Id")!] = context.id
        return response
    }
}

/// A path no route matches: a problem document under `/api/`, a friendly page elsewhere.
struct UnmatchedPathMiddleware: RouterMiddleware {
    typealias Context = CaseworkRequestContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            if request.uri.path.hasPrefix("/api/") {
                var response = try json(ProblemDetails(type: "/problems/not-found", title: "Not found", status: 404, detail: "No API route matches \(request.uri.path).", errors: []), status: .notFound)
                response.headers[.contentType] = "application/problem+json"
                return response
            }
            return PageErrorMiddleware.notFound(renderer: renderer, chrome: .signedOut)
        }
    }
}

/// Headers every page gets: no framing, no sniffing, a strict content security policy (no scripts at all).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = CaseworkRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
        return response
    }
}

/// The OpenAPI document, read once from the bundle.
public enum OpenAPIDocument {
    /// The document's YAML text: `Resources/openapi.yaml` with every area's file in `Resources/api-paths` merged in.
    public static let text: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources"),
            let root = try? String(contentsOf: url, encoding: .utf8)
        else { return "openapi: 3.1.0\n" }
        let folder = Bundle.module.url(forResource: "api-paths", withExtension: nil, subdirectory: "Resources")
        let files = ((folder.flatMap { try? FileManager.default.contentsOfDirectory(at: $0, includingPropertiesForKeys: nil) }) ?? [])
            .filter { $0.pathExtension == "yaml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        return merge(root: root, areas: files.compactMap { try? String(contentsOf: $0, encoding: .utf8) })
    }()

    /// Merges area files into the root document. An area file has two top-level keys: `paths:` (entries indented two
    /// spaces, as in the root) and `schemas:` (entries indented four, as under the root's `components.schemas`, which
    /// must be the root's last section). Paths go before `components:`, schemas at the end.
    static func merge(root: String, areas: [String]) -> String {
        var paths: [Substring] = []
        var schemas: [Substring] = []
        for area in areas {
            var section = ""
            for line in area.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("#") || line.isEmpty { continue }
                if !line.hasPrefix(" ") { section = String(line); continue }
                if section == "paths:" { paths.append(line) } else if section == "schemas:" { schemas.append(line) }
            }
        }
        var lines = root.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.last?.isEmpty == true { lines.removeLast() }
        if let components = lines.firstIndex(of: "components:") { lines.insert(contentsOf: paths, at: components) }
        return (lines + schemas).joined(separator: "\n") + "\n"
    }

    /// Every (method, path) in the document's `paths`.
    public static var operations: Set<APIRoute> {
        var result: Set<APIRoute> = []
        var currentPath: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let currentPath {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(String(key)), line.hasSuffix(":") {
                    result.insert(APIRoute(method: String(key), path: currentPath))
                }
            } else if !line.hasPrefix(" "), !line.isEmpty {
                currentPath = nil
            }
        }
        return result
    }

    /// Every route the server registers outside pages, in OpenAPI form.
    public static var registeredRoutes: Set<APIRoute> {
        Set(ClaimsAPIController.routes + StaffAPIController.routes + OperationsAPIController.routes + WorkViewsAPIController.routes
            + PriorityAPIController.routes + PlanningAPIController.routes + InterviewsAPIController.routes + InterviewViewsAPIController.routes + InterviewResourcesAPIController.routes + [
            APIRoute(method: "get", path: "/health"), APIRoute(method: "get", path: "/metrics"), APIRoute(method: "get", path: "/openapi.yaml"),
        ] + InterviewScheduleAPIController.routes + DecisionsAPIController.routes + QualityAPIController.routes)
    }
}
