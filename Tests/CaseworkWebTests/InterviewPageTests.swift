import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("A claim's interview page: needs, ranked options, booking in one click, outcomes")
struct InterviewPageTests {
    @Test("Needs are recorded by field, the options show their reasons, one click books and the invitation is listed", arguments: TestDatabases.kinds)
    func bookFromThePage(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await InterviewEstate.write(fixture.store, addStaff: false, decisionMakers: ["dm.gla"])
            try await fixture.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                let ao = try await signIn(client, username: "ao.gla")
                let headers: HTTPFields = [.cookie: ao.cookie, .contentType: "application/x-www-form-urlencoded"]
                let claimPage = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: headers).body)
                #expect(claimPage.contains(#"href="/claims/CW-0000001/interviews""#))
                let empty = String(buffer: try await client.execute(uri: "/claims/CW-0000001/interviews", method: .get, headers: headers).body)
                #expect(empty.contains("Record the claimant&#39;s interview needs first") || empty.contains("Record the claimant's interview needs first"))
                // The language comes from the claim; the town from its address.
                #expect(empty.contains(#"<option value="tigrinya" selected>"#) && empty.contains(#"<option value="Glasgow" selected>"#))

                let bad = try await client.execute(uri: "/claims/CW-0000001/interviews/needs", method: .post, headers: headers, body: form([
                    ("homeArea", ""), ("maximumTravelKm", "0"), ("language", "tigrinya"), ("kind", "substantive"), ("expectedVersion", "1"), ("csrfToken", ao.csrf),
                ]))
                let badText = String(buffer: bad.body)
                #expect(bad.status == .unprocessableContent && badText.contains("govuk-error-summary"))
                #expect(badText.contains(##"href="#homeArea""##) && badText.contains(##"href="#maximumTravelKm""##))

                let saved = try await client.execute(uri: "/claims/CW-0000001/interviews/needs", method: .post, headers: headers, body: form([
                    ("homeArea", "Glasgow"), ("maximumTravelKm", "30"), ("language", "tigrinya"), ("kind", "substantive"), ("needsTransport", "yes"),
                    ("expectedVersion", "1"), ("csrfToken", ao.csrf),
                ]))
                #expect(saved.status == .seeOther)
                let options = String(buffer: try await client.execute(uri: "/claims/CW-0000001/interviews", method: .get, headers: headers).body)
                #expect(options.contains("Option 1: Friday 3 November 2023, 09:30 to 11:30"))
                #expect(options.contains("Earliest date with a room, an interpreter and a decision maker all free"))
                #expect(options.contains("Transport to be arranged"))

                let booked = try await client.execute(uri: "/claims/CW-0000001/interviews", method: .post, headers: headers, body: form([
                    ("date", "2023-11-03"), ("start", "09:30"), ("room", "GLA-1"), ("interpreter", "INT-TIG"), ("decisionMaker", "dm.gla"), ("replaces", ""),
                    ("method", "post"), ("expectedVersion", "2"), ("csrfToken", ao.csrf),
                ]))
                #expect(booked.status == .seeOther)
                let after = String(buffer: try await client.execute(uri: "/claims/CW-0000001/interviews?done=booked", method: .get, headers: headers).body)
                #expect(after.contains("The interview was booked and the invitation produced."))
                #expect(after.contains("Interview 1 <strong class=\"govuk-tag govuk-tag--blue\">Booked</strong>"))
                #expect(after.contains("Interview invitation, dated 27 October 2023"))
                #expect(after.contains("Record the outcome"))

                // Recording an outcome that cannot be yet: refused on the page, by field, the interview still booked.
                let early = try await client.execute(uri: "/claims/CW-0000001/interviews/1/outcome", method: .post, headers: headers, body: form([
                    ("outcome", "no-show"), ("expectedVersion", "3"), ("csrfToken", ao.csrf),
                ]))
                #expect(early.status == .unprocessableContent && String(buffer: early.body).contains("cannot have missed it yet"))
                #expect(try await fixture.store.interviews(of: "CW-0000001", for: .system).interviews.first?.status == "booked")
            }
        }
    }
}
