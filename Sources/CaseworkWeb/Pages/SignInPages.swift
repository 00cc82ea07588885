import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

struct SignInPageModel {
    let hasErrors: Bool
    let errors: [ErrorItem]
    let username: TextInputModel
    let password: TextInputModel
    let next: String
    let hasNext: Bool
}

extension PagesController {
    /// `GET /sign-in?next=/claims/CW-0000001`: the sign-in form; someone already signed in goes straight on.
    @Sendable func signInPage(_ request: Request, context: Context) async throws -> Response {
        let query = FormData(body: request.uri.query ?? "")
        let next = Self.safeNext(query["next"])
        if let token = request.cookies[sessionCookieName]?.value, try await store.session(token: token) != nil {
            return seeOther(next)
        }
        return signInForm(values: FormData(body: ""), next: next, errors: FieldErrors(), status: .ok)
    }

    /// `POST /sign-in`: checks the username and password, starts a session and sets the cookie.
    @Sendable func signIn(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let form = FormData(body: String(buffer: body))
        let username = (form["username"] ?? "").trimmingWhitespace
        let password = form["password"] ?? ""
        let next = Self.safeNext(form["next"])
        var errors = FieldErrors()
        if username.isEmpty { errors.add("Enter your username", key: "username", anchor: "username") }
        if password.isEmpty { errors.add("Enter your password", key: "password", anchor: "password") }
        if username.count > 100 { errors.add("Your username must be 100 characters or fewer", key: "username", anchor: "username") }
        guard errors.isEmpty else {
            return signInForm(values: form, next: next, errors: errors, status: .unprocessableContent)
        }
        if configuration.throttleSignIn {
            let delay = try await store.signInDelay(username: username)
            if delay > .zero {
                let seconds = max(1, delay.wholeSecondsRoundedUp)
                errors.add(
                    "There have been too many failed attempts to sign in as \(username). Wait \(seconds == 1 ? "1 second" : "\(seconds) seconds") and try again.",
                    key: "username", anchor: "username"
                )
                var response = signInForm(values: form, next: next, errors: errors, status: .tooManyRequests)
                response.headers[.retryAfter] = String(seconds)
                return response
            }
        }
        guard let member = try await store.authenticate(username: username, password: password, hasher: configuration.passwordHasher) else {
            errors.add("The username or password is not right", key: "username", anchor: "username")
            return signInForm(values: form, next: next, errors: errors, status: .unauthorized)
        }
        let (token, _) = try await store.createSession(for: member)
        var response = seeOther(next)
        response.setCookie(Cookie(
            name: sessionCookieName, value: token, maxAge: 8 * 3600, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .lax
        ))
        return response
    }

    /// `POST /sign-out`: ends the session and clears the cookie.
    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        if let token = context.identity?.sessionToken { try await store.endSession(token: token) }
        var response = seeOther("/sign-in")
        response.setCookie(Cookie(
            name: sessionCookieName, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            secure: configuration.secureCookies, httpOnly: true, sameSite: .lax
        ))
        return response
    }

    func signInForm(values: FormData, next: String, errors: FieldErrors, status: HTTPResponse.Status) -> Response {
        let model = SignInPageModel(
            hasErrors: !errors.isEmpty, errors: errors.summary,
            username: TextInputModel("username", label: "Username", values: values, errors: errors, width: "20", autocomplete: "username"),
            password: TextInputModel("password", label: "Password", values: values, errors: errors, width: "20", type: "password", autocomplete: "current-password", value: ""),
            next: next, hasNext: next != "/"
        )
        return renderer.response("sign-in", title: errors.isEmpty ? "Sign in" : "Error: Sign in", chrome: .signedOut, model: model, status: status)
    }

    /// Where to go after signing in: a path on this site only ("/claims/..."), never another site ("//evil", "https://...").
    static func safeNext(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"), text.count <= 2000,
            !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
        else { return "/" }
        if text.hasPrefix("/sign-in") || text.hasPrefix("/sign-out") { return "/" }
        return text
    }
}
