import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the server-side pages: every `*.mustache` file in the bundle's `Resources/templates` folder, loaded once.
///
/// A page is its own template rendered with a view model, then placed in `layout.mustache`. Every `{{value}}` is
/// HTML-escaped by mustache; the only unescaped value is the page body, which is itself the output of an escaped template.
public struct PageRenderer: Sendable {
    /// The templates, by file name without the extension.
    let library: MustacheLibrary

    /// Creates a renderer over a library (tests may build one from strings).
    init(library: MustacheLibrary) { self.library = library }

    /// Loads every template from the bundle. Throws when the folder is missing or a template does not parse,
    /// so a broken template stops the server at start-up rather than on the first request.
    public static func load() async throws -> PageRenderer {
        let directory = try templatesDirectory()
        let library = try await MustacheLibrary(directory: directory.path)
        for name in ["layout", "error", "sign-in", "home", "search", "register", "duplicate", "claim"] where library.getTemplate(named: name) == nil {
            throw TemplateMissing(name: name, directory: directory.path)
        }
        return PageRenderer(library: library)
    }

    /// A template the pages need is not in the bundle.
    struct TemplateMissing: Error, CustomStringConvertible {
        let name: String
        let directory: String
        var description: String { "The page template '\(name).mustache' is missing from \(directory)" }
    }

    static func templatesDirectory() throws -> URL {
        if let url = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") { return url }
        for base in [Bundle.module.resourceURL, Bundle.module.bundleURL].compactMap({ $0 }) {
            let url = base.appendingPathComponent("Resources/templates", isDirectory: true)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw TemplateMissing(name: "templates", directory: Bundle.module.bundlePath)
    }

    /// Renders the template `name` with `model`, without the layout.
    func fragment(_ name: String, _ model: Any) -> String {
        library.render(Self.renderable(model), withTemplate: name) ?? ""
    }

    /// The view model as dictionaries and arrays. swift-mustache reads a struct's fields by reflection on every lookup,
    /// and every lookup in a nested section walks the whole context stack; converting once makes a claim page several
    /// times faster to render.
    static func renderable(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                if let converted = renderableOptional(child.value) { fields[label] = converted }
            }
            return fields
        case .collection, .set:
            return mirror.children.map { renderable($0.value) }
        case .optional:
            return renderableOptional(value) as Any
        default:
            return value
        }
    }

    private static func renderableOptional(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return renderable(value) }
        return mirror.children.first.map { renderable($0.value) }
    }

    /// Renders the template `name` with `model` inside the layout.
    func page(_ name: String, title: String, chrome: PageChrome, model: Any) -> String {
        let body = fragment(name, model)
        let layout = LayoutModel(
            title: title + " – Casework", body: body, signedIn: chrome.user != nil, user: chrome.user ?? .anonymous,
            navigation: chrome.navigation
        )
        return fragment("layout", layout)
    }

    /// A complete HTML response.
    func response(_ name: String, title: String, chrome: PageChrome, model: Any, status: HTTPResponse.Status = .ok) -> Response {
        html(page(name, title: title, chrome: chrome, model: model), status: status)
    }

    /// A friendly error page (404, 403, 500, ...); never a stack trace.
    func errorPage(status: HTTPResponse.Status, heading: String, message: String, chrome: PageChrome, links: [LinkModel] = []) -> Response {
        let model = ErrorPageModel(heading: heading, message: message, links: links, hasLinks: !links.isEmpty)
        return response("error", title: heading, chrome: chrome, model: model, status: status)
    }
}

/// The HTML response for a rendered page.
func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status,
        headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
        body: .init(byteBuffer: ByteBuffer(string: text))
    )
}

/// A redirect after a form post (303, so the browser follows with a GET).
func seeOther(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
}

/// What the layout needs from the request: who is signed in, and the navigation that goes with it.
struct PageChrome {
    var user: UserModel?
    var navigation: [NavigationItem]

    /// The chrome of a signed-out page (the sign-in page).
    static let signedOut = PageChrome(user: nil, navigation: [])

    /// The chrome for a signed-in identity, with `current` marking the section the page belongs to.
    static func signedIn(_ identity: Identity?, current: String = "") -> PageChrome {
        guard let identity else { return .signedOut }
        let staff = identity.staff
        let user = UserModel(
            displayName: staff.displayName.isEmpty ? staff.username.rawValue : staff.displayName, username: staff.username.rawValue,
            roleTitle: staff.role.title, unit: staff.unit.rawValue, csrfToken: identity.csrfToken ?? ""
        )
        var navigation = [
            NavigationItem(href: "/", text: "Your work", current: current == "home"),
            NavigationItem(href: "/claims", text: "Search claims", current: current == "search"),
        ]
        if AccessPolicy.canRegister(staff.actor) {
            navigation.append(NavigationItem(href: "/claims/new", text: "Register a claim", current: current == "register"))
        }
        let role = staff.role
        if AccessPolicy.teamViewers.contains(role) {
            navigation.append(NavigationItem(href: "/team", text: "Your team", current: current == "team"))
        }
        if !AccessPolicy.readOnlyRoles.contains(role) {
            navigation.append(NavigationItem(href: "/barriers/review", text: "Barriers to review", current: current == "barriers"))
        }
        if AccessPolicy.wipViewers.contains(role) {
            navigation.append(NavigationItem(href: "/wip", text: "Work in progress", current: current == "wip"))
            navigation.append(NavigationItem(href: "/operations", text: "Operations", current: current == "operations"))
        }
        if AccessPolicy.workPlanners.contains(role) {
            navigation.append(NavigationItem(href: "/planning/allocation", text: "Allocation", current: current == "allocation"))
            navigation.append(NavigationItem(href: "/priority-policy", text: "Priority policy", current: current == "priority-policy"))
        }
        if AccessPolicy.interviewViewers.contains(role) {
            navigation.append(NavigationItem(href: "/interviews/diary", text: "Interviews", current: current == "interviews"))
            navigation.append(NavigationItem(href: "/interviews/estate", text: "Interview resources", current: current == "interview-resources"))
        }
        // Decision makers declare their own interview days (8.80); planners and team leaders schedule a week.
        if AccessPolicy.availabilityDeclarers.contains(role) {
            navigation.append(NavigationItem(href: "/interviews/availability", text: "Your interview days", current: current == "availability"))
        }
        if AccessPolicy.workPlanners.contains(role) || role == .teamLeader {
            navigation.append(NavigationItem(href: "/planning/interviews", text: "Schedule interviews", current: current == "interview-schedule"))
        }
        // Checkers go to the work waiting for them; quality figures for those who read them (10.8, 2026 rec 2); a
        // decision maker to their own checks and feedback (2026 rec 3).
        if [Role.technicalSpecialist, .seniorCaseworker].contains(role) {
            navigation.append(NavigationItem(href: "/quality/checks", text: "Checks waiting", current: current == "quality-checks"))
        }
        if AccessPolicy.qualityViewers.contains(role) {
            navigation.append(NavigationItem(href: "/quality", text: "Quality", current: current == "quality"))
        }
        if role == .decisionMaker {
            navigation.append(NavigationItem(href: "/quality/staff/\(staffPathSegment(staff.username.rawValue))", text: "Your feedback", current: current == "quality-feedback"))
        }
        if AccessPolicy.staffRecordKeepers.contains(role) {
            navigation.append(NavigationItem(href: "/staff", text: "Staff", current: current == "staff"))
        }
        return PageChrome(user: user, navigation: navigation)
    }
}

struct UserModel {
    let displayName: String
    let username: String
    let roleTitle: String
    let unit: String
    let csrfToken: String

    static let anonymous = UserModel(displayName: "", username: "", roleTitle: "", unit: "", csrfToken: "")
}

struct NavigationItem {
    let href: String
    let text: String
    let current: Bool
}

struct LayoutModel {
    let title: String
    let body: String
    let signedIn: Bool
    let user: UserModel
    let navigation: [NavigationItem]
}

struct LinkModel {
    let href: String
    let text: String
}

struct ErrorPageModel {
    let heading: String
    let message: String
    let links: [LinkModel]
    let hasLinks: Bool
}

/// The style sheet (and any other static file), read from the bundle once.
public enum StaticAssets {
    private static let css: String? = {
        let url = Bundle.module.url(forResource: "casework", withExtension: "css", subdirectory: "Resources/static")
            ?? [Bundle.module.resourceURL, Bundle.module.bundleURL].compactMap { $0 }
            .map { $0.appendingPathComponent("Resources/static/casework.css") }
            .first { FileManager.default.fileExists(atPath: $0.path) }
        guard let url else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }()

    /// The file served at `/static/NAME`, or nil when there is no such file.
    public static func asset(named name: String) -> (contentType: String, body: String)? {
        switch name {
        case "casework.css": css.map { ("text/css; charset=utf-8", $0) }
        default: nil
        }
    }
}
