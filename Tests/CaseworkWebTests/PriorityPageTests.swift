@testable import CaseworkStore
import CaseworkDomain
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `APIFixture` with a workflow planner and a senior caseworker added, and an operation whose cohort every Eritrean
/// claim joins.
private struct PrioFixture {
    let base: APIFixture
    let tokens: [String: String]

    var store: CaseworkStore { base.store }

    static func make(_ database: any SQLDatabase) async throws -> PrioFixture {
        let base = try await APIFixture.make(database)
        var tokens = base.tokens
        try await base.store.saveUnit(CaseworkUnit(code: "NWF", name: "National Workflow", kind: "national"))
        let hash = PasswordHasher(cost: 4).hash("correct horse battery")
        for (name, role, unit) in [("wp.nwf", Role.workflowPlanner, "NWF"), ("scw.gla", Role.seniorCaseworker, "DMU-GLA")] {
            try await base.store.addStaff(StaffMember(username: StaffID(name), displayName: name, role: role, unit: UnitID(unit)), passwordHash: hash)
            tokens[name] = try await base.store.createAPIToken(name: "test", for: StaffID(name))
        }
        return PrioFixture(base: base, tokens: tokens)
    }

    func headers(_ user: String) -> HTTPFields {
        [.authorization: "Bearer \(tokens[user]!)", .contentType: "application/json"]
    }

    /// Defines operation BRIDORA-T (Eritrean claims) directly in its table, as the operations pages would.
    func defineOperation() async throws {
        let operation = CaseworkDomain.Operation(
            code: "BRIDORA-T", name: "Operation Bridora (test)", criteria: CohortCriteria(nationalities: ["ERI"]),
            startDate: LocalDate(year: 2023, month: 10, day: 1)!, startingFigure: 0
        )
        let stored = StoredOperation(operation: operation, grantRates: GrantRates([:]))
        try await store.database.transaction { connection in
            try await connection.execute(
                "INSERT INTO operations (code, name, definition, start_date, starting_figure, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [.text(operation.code), .text(operation.name), .text(try EventCoding.encodeJSON(stored)), .text(operation.startDate.iso), .int(0), .integer(0), .text("wp.nwf")]
            )
            try await connection.execute("UPDATE counters SET value = value + 1 WHERE name = 'planning-revision'")
        }
    }
}

/// A signed-in browser: posts forms with the session's cookie and the CSRF token of the page it last read.
private struct Browser {
    let client: any TestClientProtocol
    let cookie: String

    static func signIn(_ client: any TestClientProtocol, _ username: String) async throws -> Browser {
        Browser(client: client, cookie: try await CaseworkWebTests.signIn(client, username: username).cookie)
    }

    func get(_ uri: String) async throws -> (status: HTTPResponse.Status, html: String) {
        let response = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
        return (response.status, String(buffer: response.body))
    }

    /// Reads `page` for its CSRF token, then posts `fields` to `action`.
    func post(_ action: String, from page: String, _ fields: [(String, String)]) async throws -> (status: HTTPResponse.Status, location: String, html: String) {
        let html = try await get(page).html
        let response = try await client.execute(
            uri: action, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: form(fields + [("csrfToken", csrfToken(in: html))])
        )
        return (response.status, response.headers[.location] ?? "", String(buffer: response.body))
    }
}

@Suite("Priority, barrier, unit and cohort forms, the priority policy and the views of work, through the real router")
struct PriorityPageTests {
    @Test("The claim page's priority forms: each refused with an error summary and the input kept, then accepted", arguments: TestDatabases.kinds)
    func priorityForms(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await PrioFixture.make(database)
            try await fixture.base.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                let tl = try await Browser.signIn(client, "tl.gla")
                let claim = "/claims/CW-0000001"
                let page = try await tl.get(claim).html
                #expect(page.contains("id=\"priority\"") && page.contains("Tier 4") && page.contains("<li>in receipt of asylum support</li>"))
                #expect(page.contains("Record a safeguarding referral") && page.contains("Record a date the decision is committed by") && page.contains("Grant priority on request"))
                #expect(page.contains("Placed by priority policy version 1"))

                let badReferral = try await tl.post("\(claim)/safeguarding-referrals", from: claim, [
                    ("sg-raised-day", "31"), ("sg-raised-month", "2"), ("sg-raised-year", "2023"), ("sg-reason", "Hub called"), ("expectedVersion", "1"),
                ])
                #expect(badReferral.status == .unprocessableContent)
                #expect(badReferral.html.contains("govuk-error-summary") && badReferral.html.contains("href=\"#sg-level\"") && badReferral.html.contains("href=\"#sg-raised\""))
                #expect(badReferral.html.contains("The date the referral was raised must be a real date") && badReferral.html.contains("Hub called") && badReferral.html.contains("value=\"31\""))
                let referral = try await tl.post("\(claim)/safeguarding-referrals", from: claim, [
                    ("sg-level", "sshl2"), ("sg-raised-day", "3"), ("sg-raised-month", "5"), ("sg-raised-year", "2023"), ("expectedVersion", "1"),
                ])
                #expect(referral.status == .seeOther && referral.location == "\(claim)#priority")
                let afterReferral = try await tl.get(claim).html
                #expect(afterReferral.contains("Tier 2: safeguarding referral SSHL2 raised 3 May 2023") && afterReferral.contains("SSHL2, raised 3 May 2023"))

                let pastCommitment = try await tl.post("\(claim)/commitment", from: claim, [
                    ("cm-kind", "judicial-review"), ("cm-decideBy-day", "1"), ("cm-decideBy-month", "10"), ("cm-decideBy-year", "2023"), ("expectedVersion", "2"),
                ])
                #expect(pastCommitment.status == .unprocessableContent && pastCommitment.html.contains("href=\"#cm-decideBy\""))
                #expect(pastCommitment.html.contains("must be today or later") && pastCommitment.html.contains("value=\"judicial-review\" checked"))
                let commitment = try await tl.post("\(claim)/commitment", from: claim, [
                    ("cm-kind", "judicial-review"), ("cm-decideBy-day", "30"), ("cm-decideBy-month", "11"), ("cm-decideBy-year", "2023"), ("expectedVersion", "2"),
                ])
                #expect(commitment.status == .seeOther)
                #expect(try await tl.get(claim).html.contains("30 November 2023, judicial review"))

                let noReason = try await tl.post("\(claim)/commitment-withdrawal", from: claim, [("cw-reason", " "), ("expectedVersion", "3")])
                #expect(noReason.status == .unprocessableContent && noReason.html.contains("href=\"#cw-reason\""))
                #expect(try await tl.post("\(claim)/commitment-withdrawal", from: claim, [("cw-reason", "JR withdrawn"), ("expectedVersion", "3")]).status == .seeOther)

                let noEvidence = try await tl.post("\(claim)/priority-on-request", from: claim, [("por-reason", ""), ("expectedVersion", "4")])
                #expect(noEvidence.status == .unprocessableContent && noEvidence.html.contains("href=\"#por-reason\""))
                #expect(try await tl.post("\(claim)/priority-on-request", from: claim, [("por-reason", "GP letter: suicidal ideation"), ("expectedVersion", "4")]).status == .seeOther)
                let granted = try await tl.get(claim).html
                #expect(granted.contains("Granted by tl.gla on") && granted.contains("Evidence seen: GP letter: suicidal ideation") && !granted.contains("priority-on-request-form"))

                // A decision maker records referrals but neither commitments nor grants; an MI analyst sees no forms at all.
                let dm = try await Browser.signIn(client, "dm.gla").get(claim).html
                #expect(dm.contains("Record a safeguarding referral") && !dm.contains("commitment-form") && !dm.contains("Grant priority"))
                let stale = try await Browser.signIn(client, "dm.gla").post("\(claim)/safeguarding-referrals", from: claim, [
                    ("sg-level", "sshl3"), ("sg-raised-day", "3"), ("sg-raised-month", "5"), ("sg-raised-year", "2023"), ("expectedVersion", "1"),
                ])
                #expect(stale.status == .conflict && stale.html.contains("value=\"sshl3\" checked"))
            }
        }
    }

    @Test("Reviewing and clearing a barrier from the claim page, with the review-date rules' messages", arguments: TestDatabases.kinds)
    func barrierReviewAndClearance(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await PrioFixture.make(database)
            try await fixture.base.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                let raised = try await client.execute(uri: "/api/v1/claims/CW-0000001/barriers", method: .post, headers: fixture.headers("scw.gla"),
                    body: ByteBuffer(string: #"{"type":"further-representations","reviewDate":"2023-11-20","expectedVersion":1}"#))
                #expect(raised.status == .created)
                let tl = try await Browser.signIn(client, "tl.gla")
                let claim = "/claims/CW-0000001"
                let page = try await tl.get(claim).html
                #expect(page.contains("id=\"barrier-1\"") && page.contains("id=\"barrier-1-review\"") && page.contains("Review or clear barrier 1"))
                let review = "\(claim)/barriers/1/review"
                let cases: [(String, String)] = [
                    ("2023-11-10", "must be after the current review date (20 November 2023)"),
                    ("2023-10-20", "must be after today (27 October 2023)"),
                    ("1900-01-00", "is a placeholder, not a review date"),
                    ("", "Enter the review date"),
                ]
                for (date, message) in cases {
                    let refused = try await tl.post(review, from: claim, [("review-1-reviewDate", date), ("review-1-rating", "red"), ("review-1-note", "Chased the Home Office presenting officer"), ("expectedVersion", "2")])
                    #expect(refused.status == .unprocessableContent)
                    #expect(refused.html.contains("href=\"#review-1-reviewDate\"") && refused.html.contains(message))
                    #expect(refused.html.contains("Chased the Home Office presenting officer") && refused.html.contains("<details class=\"govuk-details\" open>"))
                }
                let reviewed = try await tl.post(review, from: claim, [("review-1-reviewDate", "2023-12-18"), ("review-1-rating", "red"), ("expectedVersion", "2")])
                #expect(reviewed.status == .seeOther && reviewed.location == "\(claim)#barrier-1")
                let after = try await tl.get(claim).html
                #expect(after.contains("Red; review by 18 December 2023"))

                let clear = "\(claim)/barriers/1/clearance"
                let noReason = try await tl.post(clear, from: claim, [("clear-1-reason", ""), ("expectedVersion", "3")])
                #expect(noReason.status == .unprocessableContent && noReason.html.contains("href=\"#clear-1-reason\""))
                #expect(try await tl.post(clear, from: claim, [("clear-1-reason", "Representations considered"), ("expectedVersion", "3")]).status == .seeOther)
                let cleared = try await tl.get(claim).html
                #expect(cleared.contains("Cleared") && cleared.contains("id=\"barrier-1\"") && !cleared.contains("id=\"barrier-1-review\""))
                #expect(try await tl.post("\(claim)/barriers/9/clearance", from: claim, [("clear-9-reason", "No such"), ("expectedVersion", "4")]).html.contains("has no barrier 9"))
            }
        }
    }

    @Test("Moving a claim to another unit and taking it out of a cohort from the claim page", arguments: TestDatabases.kinds)
    func transferAndDropOut(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await PrioFixture.make(database)
            try await fixture.defineOperation()
            try await fixture.base.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                let claim = "/claims/CW-0000001"
                let dm = try await Browser.signIn(client, "dm.gla")
                let page = try await dm.get(claim).html
                #expect(page.contains("Operation Bridora (test) (BRIDORA-T)") && page.contains("Take the claim out of a cohort") && !page.contains("Move the claim to another unit"))
                let noReason = try await dm.post("\(claim)/cohort-drop-outs", from: claim, [("dropout-operation", "BRIDORA-T"), ("dropout-note", "Claims to be Ethiopian"), ("expectedVersion", "1")])
                #expect(noReason.status == .unprocessableContent && noReason.html.contains("href=\"#dropout-reason\"") && noReason.html.contains("Claims to be Ethiopian"))
                let dropped = try await dm.post("\(claim)/cohort-drop-outs", from: claim, [("dropout-operation", "BRIDORA-T"), ("dropout-reason", "nationality-dispute"), ("expectedVersion", "1")])
                #expect(dropped.status == .seeOther && dropped.location == "\(claim)#cohorts")
                let afterDrop = try await dm.get(claim).html
                #expect(afterDrop.contains("Dropped out of:") && afterDrop.contains("Operation Bridora (test): Nationality dispute") && afterDrop.contains("the claim is in the general work in progress"))

                let planner = try await Browser.signIn(client, "wp.nwf")
                let plannerPage = try await planner.get(claim).html
                #expect(plannerPage.contains("Move the claim to another unit") && plannerPage.contains("value=\"DMU-LEE\"") && !plannerPage.contains("value=\"DMU-GLA\">"))
                let noUnit = try await planner.post("\(claim)/transfer", from: claim, [("transfer-unit", ""), ("transfer-reason", "Capacity in Leeds"), ("expectedVersion", "2")])
                #expect(noUnit.status == .unprocessableContent && noUnit.html.contains("href=\"#transfer-unit\"") && noUnit.html.contains("Capacity in Leeds"))
                let moved = try await planner.post("\(claim)/transfer", from: claim, [("transfer-unit", "DMU-LEE"), ("transfer-reason", "Capacity in Leeds"), ("expectedVersion", "2")])
                #expect(moved.status == .seeOther && moved.location == "\(claim)#transfer")
                #expect(try await planner.get(claim).html.contains("Owned by DMU-LEE"))
                #expect(try await dm.get(claim).status == .notFound)
            }
        }
    }

    @Test("The priority policy page, and adopting the next version through the form: field errors, then every claim recomputed", arguments: TestDatabases.kinds)
    func policyPages(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await PrioFixture.make(database)
            try await fixture.base.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON.replacingOccurrences(of: #""asylumSupport":true,"#, with: "")))
                let dm = try await Browser.signIn(client, "dm.gla")
                let policy = try await dm.get("/priority-policy")
                #expect(policy.status == .ok && policy.html.contains("Detained cases") && policy.html.contains("Suicidal ideation") && !policy.html.contains("Adopt a new version"))
                #expect(try await dm.get("/priority-policy/new").status == .forbidden)

                let planner = try await Browser.signIn(client, "wp.nwf")
                let form = try await planner.get("/priority-policy/new").html
                #expect(form.contains("name=\"tier-6\"") && form.contains("name=\"sev-marker-elderly\"") && form.contains("value=\"2\""))
                var fields: [(String, String)] = [("version", "2"), ("name", "Legacy before flow"), ("reason", "Clear the oldest claims first")]
                let order = ["detained", "vulnerable-high-harm", "demand-led", "asylum-support", "legacy", "flow"]
                fields += order.enumerated().map { ("tier-\($0.offset + 1)", $0.element) }
                fields += [("uasc-category", "vulnerable-high-harm"), ("por-category", "vulnerable-high-harm"), ("sev-nrm", "60"), ("sev-uasc", "50"), ("sev-por", "95")]
                fields += SafeguardingLevel.allCases.map { ("sev-safeguarding-\($0.rawValue)", String(PriorityPolicy.current.safeguardingSeverity[$0]!)) }
                fields += VulnerabilityMarker.allCases.map { ("sev-marker-\($0.rawValue)", String(PriorityPolicy.current.markerSeverity[$0] ?? 0)) }
                func with(_ changes: [(String, String)]) -> [(String, String)] {
                    fields.map { field in changes.first { $0.0 == field.0 } ?? field }
                }
                let broken = try await planner.post("/priority-policy/new", from: "/priority-policy/new", with([("tier-6", "legacy"), ("sev-marker-elderly", "120"), ("sev-nrm", "many")]))
                #expect(broken.status == .unprocessableContent)
                #expect(broken.html.contains("href=\"#tier-1\"") && broken.html.contains("&#39;Flow claims&#39; is missing") && broken.html.contains("href=\"#sev-marker-elderly\""))
                #expect(broken.html.contains("href=\"#sev-nrm\"") && broken.html.contains("must be a whole number"))
                #expect(broken.html.contains("value=\"120\"") && broken.html.contains("value=\"many\"") && broken.html.contains("Clear the oldest claims first"))
                #expect(try await fixture.store.priorityPolicyHistory().count == 1)
                let skipped = try await planner.post("/priority-policy/new", from: "/priority-policy/new", with([("version", "3")]))
                #expect(skipped.status == .unprocessableContent && skipped.html.contains("href=\"#version\"") && skipped.html.contains("must be version 2"))

                let adopted = try await planner.post("/priority-policy/new", from: "/priority-policy/new", fields)
                #expect(adopted.status == .seeOther && adopted.location == "/priority-policy?adopted=2#adopted")
                let result = try await planner.get("/priority-policy?adopted=2").html
                #expect(result.contains("Version 2 is in force") && result.contains("1 claim recomputed") && result.contains("1 changed tier"))
                #expect(result.contains("Legacy before flow") && result.contains("Clear the oldest claims first") && result.contains("Starting policy"))
                let claimPage = try await dm.get("/claims/CW-0000001").html
                #expect(claimPage.contains("Tier 6") && claimPage.contains("Placed by priority policy version 2"))
            }
        }
    }

    @Test("The API: the four claim changes need the version read, answer with the explained priority; the policy is read and adopted", arguments: TestDatabases.kinds)
    func api(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await PrioFixture.make(database)
            try await fixture.base.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                let base = "/api/v1/claims/CW-0000001"
                let missing = try await client.execute(uri: "\(base)/safeguarding-referrals", method: .post, headers: fixture.headers("dm.gla"), body: ByteBuffer(string: #"{"level":"sshl1","raised":"2023-05-03"}"#))
                #expect(missing.status == .unprocessableContent)
                #expect(try decode(Problem.self, missing.body).errors.map(\.field) == ["expectedVersion"])
                var headers = fixture.headers("dm.gla")
                headers[.ifMatch] = "\"1\""
                let referral = try await client.execute(uri: "\(base)/safeguarding-referrals", method: .post, headers: headers, body: ByteBuffer(string: #"{"level":"sshl1","raised":"2023-05-03"}"#))
                #expect(referral.status == .ok && referral.headers[.eTag] == "\"2\"")
                #expect(String(buffer: referral.body).contains(#""explanation":"Tier 2: safeguarding referral SSHL1 raised 3 May 2023"#))
                let future = try await client.execute(uri: "\(base)/safeguarding-referrals", method: .post, headers: fixture.headers("dm.gla"), body: ByteBuffer(string: #"{"level":"sshl4","raised":"2030-01-01","expectedVersion":2}"#))
                #expect(Set(try decode(Problem.self, future.body).errors.map(\.field)) == ["level", "raised"])
                let forbidden = try await client.execute(uri: "\(base)/commitment", method: .post, headers: fixture.headers("dm.gla"), body: ByteBuffer(string: #"{"kind":"mp-case","decideBy":"2023-12-01","expectedVersion":2}"#))
                #expect(forbidden.status == .forbidden)
                let committed = try await client.execute(uri: "\(base)/commitment", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: #"{"kind":"mp-case","decideBy":"2023-12-01","expectedVersion":2}"#))
                #expect(committed.status == .ok && String(buffer: committed.body).contains(#""commitment":{"decideBy":"2023-12-01","kind":"mp-case"}"#))
                let stale = try await client.execute(uri: "\(base)/commitment-withdrawal", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: #"{"reason":"Met","expectedVersion":2}"#))
                #expect(stale.status == .conflict)
                #expect(try await client.execute(uri: "\(base)/commitment-withdrawal", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: #"{"reason":"MP satisfied","expectedVersion":3}"#)).status == .ok)
                let grant = try await client.execute(uri: "\(base)/priority-on-request", method: .post, headers: fixture.headers("tl.gla"), body: ByteBuffer(string: #"{"reason":"Torture: medico-legal report","expectedVersion":4}"#))
                #expect(grant.status == .ok && String(buffer: grant.body).contains(#""grantedBy":"tl.gla""#))
                let twice = try await client.execute(uri: "\(base)/priority-on-request", method: .post, headers: fixture.headers("tl.gla"), body: ByteBuffer(string: #"{"reason":"Again","expectedVersion":5}"#))
                #expect(twice.status == .unprocessableContent)

                let inForce = try await client.execute(uri: "/api/v1/priority-policy", method: .get, headers: fixture.headers("dm.gla"))
                #expect(inForce.status == .ok && String(buffer: inForce.body).contains(#""tierOrder":["detained","vulnerable-high-harm","demand-led","asylum-support","flow","legacy"]"#))
                let body = #"{"version":2,"name":"Supported claims after flow","tierOrder":["detained","vulnerable-high-harm","demand-led","flow","asylum-support","legacy"],"reason":"Test"}"#
                #expect(try await client.execute(uri: "/api/v1/priority-policy", method: .post, headers: fixture.headers("dm.gla"), body: ByteBuffer(string: body)).status == .forbidden)
                let wrong = try await client.execute(uri: "/api/v1/priority-policy", method: .post, headers: fixture.headers("wp.nwf"), body: ByteBuffer(string: body.replacingOccurrences(of: #""version":2"#, with: #""version":5"#)))
                #expect(wrong.status == .unprocessableContent)
                #expect(try decode(Problem.self, wrong.body).errors.map(\.field) == ["version"])
                let adopted = try await client.execute(uri: "/api/v1/priority-policy", method: .post, headers: fixture.headers("wp.nwf"), body: ByteBuffer(string: body))
                #expect(adopted.status == .created)
                #expect(String(buffer: adopted.body).contains(#""recompute":{"claims":1,"#))
                let versions = try await client.execute(uri: "/api/v1/priority-policy/versions", method: .get, headers: fixture.headers("mi.one"))
                let list = try JSONSerialization.jsonObject(with: Data(String(buffer: versions.body).utf8)) as? [[String: Any]] ?? []
                #expect(list.compactMap { ($0["policy"] as? [String: Any])?["version"] as? Int } == [2, 1])
            }
        }
    }

    @Test("My work on the home page and in the API, and the unit's barrier review queue, against a hand-computed fixture", arguments: TestDatabases.kinds)
    func workViews(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await PrioFixture.make(database)
            let clock = try #require(fixture.store.clock as? FixedClock)
            try await fixture.base.app().test(.router) { client in
                for (index, name) in ["Tesfaye", "Haile", "Gebre"].enumerated() {
                    let body = registrationJSON.replacingOccurrences(of: "Tesfaye", with: name).replacingOccurrences(of: "1991-05-02", with: "1991-05-0\(index + 2)")
                    _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: body))
                    for (to, version) in [("screening", 1), ("work-in-progress", 2)] {
                        _ = try await client.execute(uri: "/api/v1/claims/CW-000000\(index + 1)/stage", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: #"{"to":"\#(to)","expectedVersion":\#(version)}"#))
                    }
                    #expect(try await client.execute(uri: "/api/v1/work/next", method: .post, headers: fixture.headers("dm.gla")).status == .ok)
                }
                // Claim 1: a barrier to review in 3 days and one action; claim 3: a commitment in 20 days; claim 2: nothing due.
                _ = try await client.execute(uri: "/api/v1/claims/CW-0000001/barriers", method: .post, headers: fixture.headers("scw.gla"),
                    body: ByteBuffer(string: #"{"type":"awaiting-documents","rating":"amber","reviewDate":"2023-10-30","expectedVersion":4}"#))
                _ = try await client.execute(uri: "/api/v1/claims/CW-0000001/notes", method: .post, headers: fixture.headers("dm.gla"),
                    body: ByteBuffer(string: #"{"text":"Ask for the birth certificate","isAction":true,"expectedVersion":5}"#))
                _ = try await client.execute(uri: "/api/v1/claims/CW-0000003/commitment", method: .post, headers: fixture.headers("ao.gla"),
                    body: ByteBuffer(string: #"{"kind":"pre-action-protocol","decideBy":"2023-11-16","expectedVersion":4}"#))
                clock.advance(milliseconds: 5 * 86_400_000)  // 1 November: the barrier is 2 days overdue, the commitment 15 days away.

                let dm = try await Browser.signIn(client, "dm.gla")
                let home = try await dm.get("/").html
                let first = try #require(home.range(of: "CW-0000001</a>")), second = try #require(home.range(of: "CW-0000003</a>")), third = try #require(home.range(of: "CW-0000002</a>"))
                #expect(first.lowerBound < second.lowerBound && second.lowerBound < third.lowerBound)
                #expect(home.contains("Claims you hold") && home.contains("Overdue by 2 days") && home.contains("Review overdue") && home.contains("Ask for the birth certificate"))
                #expect(home.contains("Decision committed by (pre-action protocol): 16 November 2023") && home.contains("Due 16 November 2023"))
                #expect(home.contains("Held for 5 days"))

                let summary = try await client.execute(uri: "/api/v1/work/summary", method: .get, headers: fixture.headers("dm.gla"))
                let figures = try JSONSerialization.jsonObject(with: Data(String(buffer: summary.body).utf8)) as? [String: Any] ?? [:]
                #expect(figures["claimsHeld"] as? Int == 3 && figures["claimsWithOverdue"] as? Int == 1 && figures["overdueDates"] as? Int == 1)
                #expect(figures["dueWithinWeek"] as? Int == 0 && figures["openBarriers"] as? Int == 1 && figures["longestHeldDays"] as? Int == 5)
                let claims = (figures["claims"] as? [[String: Any]] ?? []).compactMap { ($0["claim"] as? [String: Any])?["reference"] as? String }
                #expect(claims == ["CW-0000001", "CW-0000003", "CW-0000002"])

                let queue = try await dm.get("/barriers/review")
                #expect(queue.status == .ok && queue.html.contains("Barriers to review: DMU-GLA") && queue.html.contains("/claims/CW-0000001#barrier-1"))
                #expect(queue.html.contains("1 open barrier is due for review on 1 November 2023 or earlier, 1 of them overdue") && queue.html.contains("0 more fall due"))
                #expect(try await dm.get("/barriers/review?unit=DMU-LEE").status == .forbidden)
                let hub = try await Browser.signIn(client, "sg.hub")
                #expect(try await hub.get("/barriers/review").html.contains("choose a unit"))
                #expect(try await hub.get("/barriers/review?unit=NOWHERE").status == .unprocessableContent)
                #expect(try await hub.get("/barriers/review?unit=dmu-gla").html.contains("CW-0000001"))

                let due = try await client.execute(uri: "/api/v1/barriers/due?on=2023-10-30", method: .get, headers: fixture.headers("dm.gla"))
                let dueBody = try JSONSerialization.jsonObject(with: Data(String(buffer: due.body).utf8)) as? [String: Any] ?? [:]
                #expect(dueBody["dueCount"] as? Int == 1 && dueBody["overdueCount"] as? Int == 0 && dueBody["unit"] as? String == "DMU-GLA")
                let early = try await client.execute(uri: "/api/v1/barriers/due?on=2023-10-25", method: .get, headers: fixture.headers("dm.gla"))
                let earlyBody = try JSONSerialization.jsonObject(with: Data(String(buffer: early.body).utf8)) as? [String: Any] ?? [:]
                #expect(earlyBody["dueCount"] as? Int == 0 && earlyBody["dueNextWeek"] as? Int == 1)
                #expect(try await client.execute(uri: "/api/v1/barriers/due", method: .get, headers: fixture.headers("sg.hub")).status == .unprocessableContent)
                #expect(try await client.execute(uri: "/api/v1/barriers/due?unit=DMU-GLA&on=soon", method: .get, headers: fixture.headers("sg.hub")).status == .unprocessableContent)
            }
        }
    }
}
