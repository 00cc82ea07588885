import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Signs in through the form and returns the session cookie and a page's CSRF token.
func signIn(_ client: some TestClientProtocol, username: String = "ao.gla") async throws -> (cookie: String, csrf: String) {
    let response = try await client.execute(
        uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "username=\(username)&password=correct+horse+battery")
    )
    #expect(response.status == .seeOther)
    let setCookie = response.headers[.setCookie] ?? ""
    let cookie = String(setCookie.split(separator: ";")[0])
    let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
    return (cookie, csrfToken(in: String(buffer: home.body)))
}

func csrfToken(in html: String) -> String {
    guard let range = html.range(of: #"name="csrfToken" value=""#) else { return "" }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
}

func form(_ fields: [(String, String)]) -> ByteBuffer {
    ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
}

let registrationForm: [(String, String)] = [
    ("mainApplicant-givenNames", "Hamid"), ("mainApplicant-familyName", "Karimi"),
    ("mainApplicant-dateOfBirth-day", "4"), ("mainApplicant-dateOfBirth-month", "9"), ("mainApplicant-dateOfBirth-year", "1996"),
    ("mainApplicant-sex", "male"), ("mainApplicant-nationality", "AFG"), ("mainApplicant-nationalityStatus", "claimed"),
    ("dateOfClaim-day", "12"), ("dateOfClaim-month", "1"), ("dateOfClaim-year", "2021"),
    ("languages-0-language", "pashto"), ("claimType", "straightforward"),
]

@Suite("Pages, through the real router")
struct PageTests {
    @Test("Anonymous users are sent to sign in; wrong passwords are refused and slowed down")
    func signInRules() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                let home = try await client.execute(uri: "/claims", method: .get)
                #expect(home.status == .seeOther && home.headers[.location]?.hasPrefix("/sign-in?next=") == true)
                for _ in 0..<4 {
                    let wrong = try await client.execute(uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "username=dm.gla&password=nope"))
                    #expect(wrong.status == .unauthorized)
                    #expect(String(buffer: wrong.body).contains("govuk-error-summary"))
                }
                let throttled = try await client.execute(uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "username=dm.gla&password=correct+horse+battery"))
                #expect(throttled.status == .tooManyRequests)
            }
        }
    }

    @Test("Unknown paths get a page, or a problem document under /api")
    func unknownPaths() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                let page = try await client.execute(uri: "/no-such-page", method: .get)
                #expect(page.status == .notFound && String(buffer: page.body).contains("<h1"))
                let api = try await client.execute(uri: "/api/v1/nothing-here", method: .get)
                #expect(api.status == .notFound)
            }
        }
    }

    @Test("A form without the session's CSRF token is refused and writes nothing")
    func csrf() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                let session = try await signIn(client)
                let forged = try await client.execute(uri: "/claims/new", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"], body: form(registrationForm))
                #expect(forged.status == .forbidden)
                #expect(try await fixture.store.projectionSnapshot().isEmpty)
            }
        }
    }

    @Test("Registering through the form: errors are summarised by field, then the claim page shows facts and whole notes", arguments: TestDatabases.kinds)
    func registerAndNote(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                let session = try await signIn(client)
                let headers: HTTPFields = [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"]
                var bad = registrationForm.filter { $0.0 != "mainApplicant-dateOfBirth-day" }
                bad.append(("mainApplicant-dateOfBirth-day", "31"))
                bad = bad.map { $0.0 == "mainApplicant-dateOfBirth-month" ? ($0.0, "2") : $0 }
                let invalid = try await client.execute(uri: "/claims/new", method: .post, headers: headers, body: form(bad + [("csrfToken", session.csrf)]))
                #expect(invalid.status == .unprocessableContent)
                let errorPage = String(buffer: invalid.body)
                #expect(errorPage.contains("govuk-error-summary") && errorPage.contains("#mainApplicant-dateOfBirth"))
                #expect(try await fixture.store.projectionSnapshot().isEmpty)

                let created = try await client.execute(uri: "/claims/new", method: .post, headers: headers, body: form(registrationForm + [("csrfToken", session.csrf)]))
                #expect(created.status == .seeOther && created.headers[.location] == "/claims/CW-0000001")
                let page = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: headers).body)
                #expect(page.contains("Hamid") && page.contains("KARIMI") && page.contains("Legacy") && page.contains("Afghanistan"))

                let note = (0..<40).map { "Paragraph \($0): the claimant described events in detail, with dates & places <b>not markup</b>." }.joined(separator: "\n")
                let noted = try await client.execute(uri: "/claims/CW-0000001/notes", method: .post, headers: headers, body: form([("text", note), ("expectedVersion", "1"), ("csrfToken", csrfToken(in: page))]))
                #expect(noted.status == .seeOther)
                let after = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: headers).body)
                let escaped = note.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                #expect(after.contains(escaped))

                let linkPage = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: headers).body)
                let badLink = try await client.execute(uri: "/claims/CW-0000001/links", method: .post, headers: headers, body: form([("link-claim", "CW-0009999"), ("expectedVersion", "2"), ("csrfToken", csrfToken(in: linkPage))]))
                #expect(badLink.status == .unprocessableContent)
                #expect(String(buffer: badLink.body).contains("No claim has the reference CW-0009999"))

                let stale = try await client.execute(uri: "/claims/CW-0000001/notes", method: .post, headers: headers, body: form([("text", "My unsaved words"), ("expectedVersion", "1"), ("csrfToken", csrfToken(in: page))]))
                #expect(stale.status == .conflict)
                let conflictPage = String(buffer: stale.body)
                #expect(conflictPage.contains("has changed since you opened it") && conflictPage.contains("My unsaved words"))
            }
        }
    }

    @Test("A decision maker takes the next claim from the home page, sees it held, and releases it", arguments: TestDatabases.kinds)
    func nextClaimPage(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                let dm = try await signIn(client, username: "dm.gla")
                let headers: HTTPFields = [.cookie: dm.cookie, .contentType: "application/x-www-form-urlencoded"]
                let empty = try await client.execute(uri: "/work/next", method: .post, headers: headers, body: form([("csrfToken", dm.csrf)]))
                #expect(empty.status == .ok && String(buffer: empty.body).contains("no claims waiting"))
                for (to, version) in [("screening", 1), ("work-in-progress", 2)] {
                    _ = try await client.execute(uri: "/api/v1/claims/CW-0000001/stage", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: #"{"to":"\#(to)","expectedVersion":\#(version)}"#))
                }
                let taken = try await client.execute(uri: "/work/next", method: .post, headers: headers, body: form([("csrfToken", dm.csrf)]))
                #expect(taken.status == .seeOther && taken.headers[.location] == "/claims/CW-0000001")
                let home = String(buffer: try await client.execute(uri: "/", method: .get, headers: headers).body)
                #expect(home.contains("Claims you hold") && home.contains("CW-0000001"))
                let page = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: headers).body)
                #expect(page.contains("dm.gla, since") && page.contains("Release to the unit"))
                let released = try await client.execute(uri: "/claims/CW-0000001/release", method: .post, headers: headers, body: form([("reason", "Wrong language"), ("expectedVersion", "4"), ("csrfToken", csrfToken(in: page))]))
                #expect(released.status == .seeOther)
                let after = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: headers).body)
                #expect(after.contains("Nobody: waiting in the unit"))
            }
        }
    }

    @Test("Raising a barrier from the claim page: refused without agreement, listed with its PRAG rating once agreed", arguments: TestDatabases.kinds)
    func barrierForm(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.store.addStaff(StaffMember(username: "ts.gla", displayName: "TS", role: .technicalSpecialist, unit: "DMU-GLA"), passwordHash: "x")
            try await fixture.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                let dm = try await signIn(client, username: "dm.gla")
                let headers: HTTPFields = [.cookie: dm.cookie, .contentType: "application/x-www-form-urlencoded"]
                let page = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: headers).body)
                #expect(page.contains("No open barriers") && page.contains("Raise a barrier"))
                let fields: [(String, String)] = [("barrier-type", "further-representations"), ("barrier-reviewDate", "2023-12-15"), ("expectedVersion", "1"), ("csrfToken", csrfToken(in: page))]
                let refused = try await client.execute(uri: "/claims/CW-0000001/barriers", method: .post, headers: headers, body: form(fields))
                #expect(refused.status == .unprocessableContent)
                let refusedPage = String(buffer: refused.body)
                #expect(refusedPage.contains("govuk-error-summary") && refusedPage.contains("#barrier-agreedBy"))
                let agreed = try await client.execute(uri: "/claims/CW-0000001/barriers", method: .post, headers: headers,
                    body: form(fields + [("barrier-agreedBy", "ts.gla"), ("barrier-agreedByRole", "technical-specialist"), ("barrier-verbal", "yes")]))
                #expect(agreed.status == .seeOther)
                let after = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: headers).body)
                #expect(after.contains("1 open") && after.contains("ts.gla (Technical specialist, verbally)") && after.contains("15 December 2023"))
            }
        }
    }

    @Test("Other units' claims are not found; restricted fields are hidden from decision makers")
    func needToKnow() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                let other = try await signIn(client, username: "dm.lee")
                #expect(try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: [.cookie: other.cookie]).status == .notFound)
                let dm = try await signIn(client, username: "dm.gla")
                let page = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: [.cookie: dm.cookie]).body)
                #expect(page.contains("Yonas") && !page.contains("Orthodox"))
                let hub = try await signIn(client, username: "sg.hub")
                let hubPage = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: [.cookie: hub.cookie]).body)
                #expect(hubPage.contains("Orthodox Christian"))
            }
        }
    }
}
