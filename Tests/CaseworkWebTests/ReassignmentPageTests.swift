import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("A team leader gives or reassigns a claim from its page (9.37–9.41)")
struct ReassignmentPageTests {
    @Test("Only caseworkers of the claim's unit, trained for the work it needs next, can be given it; reassignment counts as churn", arguments: TestDatabases.kinds)
    func reassign(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                for (to, version) in [("screening", 1), ("work-in-progress", 2)] {
                    _ = try await client.execute(uri: "/api/v1/claims/CW-0000001/stage", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: #"{"to":"\#(to)","expectedVersion":\#(version)}"#))
                }
                let tl = try await signIn(client, username: "tl.gla")
                let headers: HTTPFields = [.cookie: tl.cookie, .contentType: "application/x-www-form-urlencoded"]
                let page = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: headers).body)
                #expect(page.contains("Give the claim to a caseworker"))
                #expect(page.contains(#"value="dm.gla""#) && page.contains(#"value="dm.gla2""#) && !page.contains(#"value="dm.lee""#))

                // Someone in another unit: refused, naming the field, nothing written.
                let elsewhere = try await client.execute(uri: "/claims/CW-0000001/allocation", method: .post, headers: headers, body: form([("to", "dm.lee"), ("reason", "Cover"), ("expectedVersion", "3"), ("csrfToken", tl.csrf)]))
                let elsewhereText = String(buffer: elsewhere.body)
                #expect(elsewhere.status == .unprocessableContent && elsewhereText.contains("govuk-error-summary") && elsewhereText.contains("works in DMU-LEE"))
                #expect(elsewhereText.contains(##"href="#reassign-to""##))

                // Trained for decisions only, and the claim needs an interview next: refused with the reason.
                _ = try await fixture.store.updateStaffProfile(
                    "dm.gla2", to: StaffProfileInput(trainedFor: "decisions", startDate: "2023-01-02", fte: "1"), by: .system, reason: "Decision training only"
                )
                let untrained = try await client.execute(uri: "/claims/CW-0000001/allocation", method: .post, headers: headers, body: form([("to", "dm.gla2"), ("reason", "Cover"), ("expectedVersion", "3"), ("csrfToken", tl.csrf)]))
                #expect(untrained.status == .unprocessableContent && String(buffer: untrained.body).contains("trained for decisions only"))
                #expect(try await fixture.store.claim("CW-0000001", for: .system).version == 3)

                let given = try await client.execute(uri: "/claims/CW-0000001/allocation", method: .post, headers: headers, body: form([("to", "dm.gla"), ("reason", "Pashto speaker"), ("expectedVersion", "3"), ("csrfToken", tl.csrf)]))
                #expect(given.status == .seeOther)
                let held = String(buffer: try await client.execute(uri: "/claims/CW-0000001", method: .get, headers: headers).body)
                #expect(held.contains("dm.gla, since") && held.contains("Reassign the claim"))
                #expect(try await fixture.store.claim("CW-0000001", for: .system).work.reallocations == 0)  // a first allocation is not churn

                _ = try await fixture.store.updateStaffProfile(
                    "dm.gla2", to: StaffProfileInput(trainedFor: "both", startDate: "2023-01-02", fte: "1"), by: .system, reason: "Interview training done"
                )
                let noReason = try await client.execute(uri: "/claims/CW-0000001/allocation", method: .post, headers: headers, body: form([("to", "dm.gla2"), ("reason", ""), ("expectedVersion", "4"), ("csrfToken", tl.csrf)]))
                #expect(noReason.status == .unprocessableContent)
                let reassigned = try await client.execute(uri: "/claims/CW-0000001/allocation", method: .post, headers: headers, body: form([("to", "dm.gla2"), ("reason", "dm.gla on leave"), ("expectedVersion", "4"), ("csrfToken", tl.csrf)]))
                #expect(reassigned.status == .seeOther)
                let claim = try await fixture.store.claim("CW-0000001", for: .system)
                #expect(claim.holder == "dm.gla2" && claim.work.reallocations == 1)
                let events = try await fixture.store.events(of: "CW-0000001", for: .system)
                #expect(events.last?.event == .allocated(to: "dm.gla2", from: "dm.gla") && events.last?.reason == "dm.gla on leave" && events.last?.actor.staff == "tl.gla")
            }
        }
    }
}
