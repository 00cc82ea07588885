import Foundation
import CaseworkDomain
import CaseworkStore
import Hummingbird
import Logging

/// Who is asking: the member of staff, how they proved it, and (for a browser session) the CSRF token their forms carry.
public struct Identity: Sendable {
    /// The signed-in member.
    public var staff: StaffMember
    /// The session's CSRF token; nil for bearer-token API calls, which carry no cookies and so need none.
    public var csrfToken: String?
    /// The session cookie's token, to end the session on sign-out.
    public var sessionToken: String?

    /// The member as an actor on claims.
    public var actor: Actor { staff.actor }
}

/// The request context: Hummingbird's core storage plus the identity the authentication middleware found.
public struct CaseworkRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `SessionAuthenticator` or `BearerAuthenticator`.
    public var identity: Identity?
    /// A form body already read by `CSRFMiddleware`, so handlers read it once.
    public var form: FormData?

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Notes can be 100,000 characters (400 KB of UTF-8 at most); allow a little more for the rest of the form.
    public var maxUploadSize: Int { 1024 * 1024 }

    /// The identity, or a 401 when the request is anonymous (authentication middleware runs first, so this is a programming error guard).
    public func requireIdentity() throws -> Identity {
        guard let identity else { throw HTTPError(.unauthorized) }
        return identity
    }
}

/// A decoded `application/x-www-form-urlencoded` body: each field's values in order (checkboxes repeat a name).
public struct FormData: Sendable {
    /// Field values by name.
    public private(set) var fields: [String: [String]] = [:]

    /// Parses a form body.
    public init(body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = FormData.decode(parts[0])
            let value = parts.count > 1 ? FormData.decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
    }

    /// The first value of a field.
    public subscript(_ name: String) -> String? { fields[name]?.first }

    /// Every value of a field.
    public func all(_ name: String) -> [String] { fields[name] ?? [] }

    /// Whether a checkbox was ticked.
    public func isChecked(_ name: String) -> Bool { fields[name].map { $0.contains { !$0.isEmpty } } ?? false }

    private static func decode(_ text: Substring) -> String {
        String(text.replacingOccurrences(of: "+", with: " ")).removingPercentEncoding ?? String(text)
    }
}
