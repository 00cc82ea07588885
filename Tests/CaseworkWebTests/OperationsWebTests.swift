import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A store with a planner, unit staff and claims waiting in Glasgow: eight legacy Eritrean claims and four flow
/// Iranian ones, with decision makers in Glasgow (1), Leeds (1) and Manchester (2).
struct OpsWebFixture {
    let store: CaseworkStore
    let tokens: [String: String]

    static func make(_ database: any SQLDatabase) async throws -> OpsWebFixture {
        let clock = FixedClock(Instant(startOf: LocalDate(year: 2023, month: 10, day: 27)!).adding(milliseconds: 9 * 3_600_000))
        let store = CaseworkStore(database: database, clock: clock)
        try await store.migrate()
        for unit in ["DMU-GLA", "DMU-LEE", "DMU-MAN", "NWF", "MI"] {
            try await store.saveUnit(CaseworkUnit(code: UnitID(unit), name: unit, kind: "dmu"))
        }
        let people: [(String, Role, String)] = [
            ("planner.nwf", .workflowPlanner, "NWF"), ("dm.gla", .decisionMaker, "DMU-GLA"), ("dm.lee", .decisionMaker, "DMU-LEE"),
            ("dm.man", .decisionMaker, "DMU-MAN"), ("dm.man2", .decisionMaker, "DMU-MAN"), ("tl.gla", .teamLeader, "DMU-GLA"), ("mi.one", .miAnalyst, "MI"),
        ]
        let hash = PasswordHasher(cost: 4).hash("correct horse battery")
        var tokens: [String: String] = [:]
        for (name, role, unit) in people {
            try await store.addStaff(StaffMember(username: StaffID(name), displayName: name, role: role, unit: UnitID(unit)), passwordHash: hash)
            tokens[name] = try await store.createAPIToken(name: "test", for: StaffID(name))
        }
        let registrar = Actor(staff: "ao.gla", role: .administrativeOfficer, unit: "DMU-GLA")
        let histories = try (0..<12).map { index -> ClaimHistory in
            var input = RegistrationInput()
            let legacy = index < 8
            input.mainApplicant = PersonInput(
                givenNames: "Person \(["Ruth", "Sara", "Lina", "Hana", "Mira", "Nora", "Dina", "Rana", "Azar", "Leyla", "Omid", "Reza"][index])",
                familyName: "Family", dateOfBirth: "1990-01-0\(index % 9 + 1)", sex: "female", nationality: legacy ? "ERI" : "IRN"
            )
            input.dateOfClaim = legacy ? "2019-0\(index % 9 + 1)-10" : "2023-0\(index % 9 + 1)-10"
            input.languages = [LanguageInput(language: "tigrinya")]
            let facts = try input.validated(today: LocalDate(year: 2023, month: 10, day: 27)!).facts
            let at = Instant(startOf: facts.dateOfClaim)
            return ClaimHistory(
                facts: facts, owningUnit: "DMU-GLA", registeredBy: registrar, registeredAt: at,
                later: [
                    (.stageChanged(from: .registration, to: .screening), registrar, at.adding(milliseconds: 1), nil),
                    (.stageChanged(from: .screening, to: .workInProgress), registrar, at.adding(milliseconds: 2), nil),
                ]
            )
        }
        _ = try await store.importHistories(histories)
        return OpsWebFixture(store: store, tokens: tokens)
    }

    func app() async throws -> some ApplicationProtocol {
        let router = try await buildRouter(store: store, configuration: WebConfiguration(secureCookies: false, passwordHasher: PasswordHasher(cost: 4)))
        return Application(router: router)
    }

    func headers(_ user: String) -> HTTPFields {
        [.authorization: "Bearer \(tokens[user]!)", .contentType: "application/json"]
    }
}

private struct OperationBody: Decodable {
    struct BurnDown: Decodable {
        struct Milestone: Decodable { let milestone: Int; let figure: Int; let reached: Bool }
        let startingFigure: Int
        let remaining: Int
        let milestonesReached: Int
        let milestones: [Milestone]?
    }
    let code: String
    let startingFigure: Int
    let members: Int
    let remaining: Int
    let open: Bool
    let burnDown: BurnDown
}

private struct OperationDetailBody: Decodable {
    let operation: OperationBody
    let dropOuts: Int
}

private struct PlanBody: Decodable {
    struct Unit: Decodable { let unit: String; let waiting: Int; let target: Int; let after: Int }
    struct Churn: Decodable { let claims: Int; let reallocations: Int; let perClaim: Double }
    struct Result: Decodable { let moved: Int }
    let moves: Int
    let units: [Unit]
    let churn: Churn
    let result: Result?
}

private let amesaJSON = #"{"code":"ERI-LEGACY","name":"Eritrean legacy","nationalities":["ERI"],"regimes":["legacy"],"excludeUASC":true,"startDate":"2023-10-01","source":"test"}"#

@Suite("Operations, the WIP page and the allocation run, through the real router on both stores")
struct OperationsWebTests {
    @Test("The API: define, read with burn-down, plan units, drop out, cohorts, transfer, WIP, allocation preview and apply, churn", arguments: TestDatabases.kinds)
    func api(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await OpsWebFixture.make(database)
            try await fixture.app().test(.router) { client in
                // Only planners define; bad input names its field.
                #expect(try await client.execute(uri: "/api/v1/operations", method: .post, headers: fixture.headers("tl.gla"), body: ByteBuffer(string: amesaJSON)).status == .forbidden)
                let bad = try await client.execute(uri: "/api/v1/operations", method: .post, headers: fixture.headers("planner.nwf"), body: ByteBuffer(string: #"{"code":"x","name":"X","startDate":"2023-13-01","grantRateMinimum":"high"}"#))
                #expect(bad.status == .unprocessableContent)
                #expect(try decode(Problem.self, bad.body).errors.map(\.field) == ["grantRateMinimum"])
                let invalid = try await client.execute(uri: "/api/v1/operations", method: .post, headers: fixture.headers("planner.nwf"), body: ByteBuffer(string: #"{"code":"x","name":"X","startDate":"2023-13-01"}"#))
                #expect(try decode(Problem.self, invalid.body).errors.map(\.field) == ["code", "startDate"])

                let created = try await client.execute(uri: "/api/v1/operations", method: .post, headers: fixture.headers("planner.nwf"), body: ByteBuffer(string: amesaJSON))
                #expect(created.status == .created && created.headers[.location] == "/api/v1/operations/ERI-LEGACY")
                let operation = try decode(OperationBody.self, created.body)
                #expect(operation.startingFigure == 8 && operation.members == 8 && operation.remaining == 8 && operation.open)

                let detail = try decode(OperationDetailBody.self, try await client.execute(uri: "/api/v1/operations/eri-legacy", method: .get, headers: fixture.headers("mi.one")).body)
                #expect(detail.operation.burnDown.milestones?.count == 40 && detail.operation.burnDown.milestones?.first?.figure == 7)
                #expect(try await client.execute(uri: "/api/v1/operations/NOPE", method: .get, headers: fixture.headers("mi.one")).status == .notFound)
                #expect(try await client.execute(uri: "/api/v1/operations", method: .get, headers: fixture.headers("dm.gla")).status == .forbidden)

                // The plan: Leeds works the operation.
                let plan = try await client.execute(uri: "/api/v1/units/dmu-lee/operations", method: .put, headers: fixture.headers("planner.nwf"), body: ByteBuffer(string: #"{"operations":["ERI-LEGACY"]}"#))
                #expect(plan.status == .ok && String(buffer: plan.body).contains(#""operations":["ERI-LEGACY"]"#))
                let unknown = try await client.execute(uri: "/api/v1/units/DMU-LEE/operations", method: .put, headers: fixture.headers("planner.nwf"), body: ByteBuffer(string: #"{"operations":["NOPE"]}"#))
                #expect(unknown.status == .unprocessableContent)
                #expect(try await client.execute(uri: "/api/v1/units/DMU-XXX/operations", method: .get, headers: fixture.headers("planner.nwf")).status == .notFound)

                // A claim drops out; its cohorts say so.
                let dropped = try await client.execute(uri: "/api/v1/claims/CW-0000001/cohort-drop-outs", method: .post, headers: fixture.headers("dm.gla"), body: ByteBuffer(string: #"{"operation":"ERI-LEGACY","dropOutReason":"minor","note":"Age assessment: under 18","expectedVersion":3}"#))
                #expect(dropped.status == .ok)
                let noReason = try await client.execute(uri: "/api/v1/claims/CW-0000002/cohort-drop-outs", method: .post, headers: fixture.headers("dm.gla"), body: ByteBuffer(string: #"{"operation":"ERI-LEGACY","expectedVersion":3}"#))
                #expect(try decode(Problem.self, noReason.body).errors.map(\.field) == ["dropOutReason"])
                let cohorts = String(buffer: try await client.execute(uri: "/api/v1/claims/CW-0000001/cohorts", method: .get, headers: fixture.headers("dm.gla")).body)
                #expect(cohorts.contains(#""generalWIP":true"#) && cohorts.contains(#""reason":"minor""#))
                let member = String(buffer: try await client.execute(uri: "/api/v1/claims/CW-0000002/cohorts", method: .get, headers: fixture.headers("dm.gla")).body)
                #expect(member.contains(#""operation":"ERI-LEGACY""#) && member.contains(#""lowIntake":true"#) && member.contains("Low-intake cohort: 7 claims"))

                // WIP: 12 open in GLA; 7 in the cohort, 5 in the general WIP.
                let wip = String(buffer: try await client.execute(uri: "/api/v1/wip", method: .get, headers: fixture.headers("planner.nwf")).body)
                #expect(wip.contains(#""total":12"#) && wip.contains(#""claims":"/api/v1/wip/claims?cohort=general","count":5"#))
                #expect(wip.contains(#""count":5,"key":"general""#) && wip.contains(#""count":7,"key":"ERI-LEGACY""#))
                let general = try decode(ClaimPageProbe.self, try await client.execute(uri: "/api/v1/wip/claims?cohort=general&pageSize=2", method: .get, headers: fixture.headers("planner.nwf")).body)
                #expect(general.total == 5 && general.claims.count == 2 && general.pageCount == 3)
                #expect(try await client.execute(uri: "/api/v1/wip/claims?prag=blue", method: .get, headers: fixture.headers("planner.nwf")).status == .unprocessableContent)

                // A single transfer, then the allocation run.
                let transfer = try await client.execute(uri: "/api/v1/claims/CW-0000012/transfer", method: .post, headers: fixture.headers("planner.nwf"), body: ByteBuffer(string: #"{"unit":"dmu-man","reason":"Manchester has capacity","expectedVersion":3}"#))
                #expect(transfer.status == .ok && String(buffer: transfer.body).contains(#""owningUnit":"DMU-MAN""#))
                #expect(try await client.execute(uri: "/api/v1/claims/CW-0000011/transfer", method: .post, headers: fixture.headers("planner.nwf"), body: ByteBuffer(string: #"{"unit":"DMU-MAN","reason":"x"}"#)).status == .unprocessableContent)
                #expect(try await client.execute(uri: "/api/v1/claims/CW-0000011/transfer", method: .post, headers: fixture.headers("tl.gla"), body: ByteBuffer(string: #"{"unit":"DMU-MAN","reason":"x","expectedVersion":3}"#)).status == .forbidden)

                let preview = try decode(PlanBody.self, try await client.execute(uri: "/api/v1/planning/allocation", method: .get, headers: fixture.headers("planner.nwf")).body)
                // The cohort's 7 claims: only LEE works it, so all 7 go there. The general WIP's 5 (claims 1 and 9–11 in
                // GLA, 12 in MAN): GLA and MAN work it with capacity 1 and 2, shares 1.67 and 3.33, rounded down 1 and 3;
                // the one claim left by rounding goes to GLA, which holds more than its rounded-down share: GLA 2, MAN 3.
                // GLA gives up 2 of its 4: 7 + 2 = 9 moves.
                #expect(preview.moves == 9)
                #expect(preview.units.first { $0.unit == "DMU-LEE" }?.target == 7)
                #expect(preview.units.first { $0.unit == "DMU-GLA" }?.target == 2 && preview.units.first { $0.unit == "DMU-MAN" }?.target == 3)
                #expect(preview.churn.reallocations == 1 && preview.churn.claims == 12)
                #expect(try await client.execute(uri: "/api/v1/planning/allocation", method: .get, headers: fixture.headers("mi.one")).status == .forbidden)
                #expect(try await client.execute(uri: "/api/v1/planning/allocation", method: .post, headers: fixture.headers("planner.nwf"), body: ByteBuffer(string: #"{}"#)).status == .unprocessableContent)
                let applied = try decode(PlanBody.self, try await client.execute(uri: "/api/v1/planning/allocation", method: .post, headers: fixture.headers("planner.nwf"), body: ByteBuffer(string: #"{"reason":"Weekly rebalancing"}"#)).body)
                #expect(applied.result?.moved == 9)
                let churn = try decode(PlanBody.Churn.self, try await client.execute(uri: "/api/v1/planning/churn", method: .get, headers: fixture.headers("planner.nwf")).body)
                #expect(churn.reallocations == 10 && churn.claims == 12 && abs(churn.perClaim - 10.0 / 12.0) < 1e-9)
                #expect(try decode(PlanBody.self, try await client.execute(uri: "/api/v1/planning/allocation", method: .get, headers: fixture.headers("planner.nwf")).body).moves == 0)

                // Closing.
                let closed = try await client.execute(uri: "/api/v1/operations/ERI-LEGACY/closure", method: .post, headers: fixture.headers("planner.nwf"), body: ByteBuffer(string: #"{"reason":"Cleared"}"#))
                let closedBody = try decode(OperationBody.self, closed.body)
                #expect(closed.status == .ok && !closedBody.open)
                #expect(try await client.execute(uri: "/api/v1/operations/ERI-LEGACY/closure", method: .post, headers: fixture.headers("planner.nwf"), body: ByteBuffer(string: #"{"reason":"Again"}"#)).status == .unprocessableContent)
            }
        }
    }

    @Test("The pages: define an operation (errors named, input kept), its burn-down, the WIP with drill-down, the allocation run", arguments: TestDatabases.kinds)
    func pages(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await OpsWebFixture.make(database)
            try await fixture.app().test(.router) { client in
                let session = try await signIn(client, username: "planner.nwf")
                let headers: HTTPFields = [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"]
                let newPage = String(buffer: try await client.execute(uri: "/operations/new", method: .get, headers: headers).body)
                #expect(newPage.contains("Define an operation") && newPage.contains(#"value="200""#))
                let csrf = csrfToken(in: newPage)

                let invalid = try await client.execute(uri: "/operations", method: .post, headers: headers, body: form([
                    ("csrfToken", csrf), ("code", "ERI-LEGACY"), ("name", "Eritrean legacy"), ("nationalities", "ERI, QQQ"), ("grantRateMinimum", "lots"),
                    ("startDate-day", "31"), ("startDate-month", "2"), ("startDate-year", "2023"),
                ]))
                #expect(invalid.status == .unprocessableContent)
                let errorPage = String(buffer: invalid.body)
                #expect(errorPage.contains("govuk-error-summary") && errorPage.contains(##"href="#nationalities""##) && errorPage.contains(##"href="#grantRateMinimum""##) && errorPage.contains(##"href="#startDate-day""##))
                #expect(errorPage.contains(#"value="ERI, QQQ""#))
                #expect(try await fixture.store.operations(for: Actor(staff: "planner.nwf", role: .workflowPlanner, unit: "NWF")).isEmpty)

                let created = try await client.execute(uri: "/operations", method: .post, headers: headers, body: form([
                    ("csrfToken", csrf), ("code", "eri-legacy"), ("name", "Eritrean legacy"), ("nationalities", "ERI"), ("regimes", "legacy"),
                    ("excludeUASC", "yes"), ("startDate-day", "1"), ("startDate-month", "10"), ("startDate-year", "2023"), ("lowIntakeThreshold", "200"),
                ]))
                #expect(created.status == .seeOther && created.headers[.location] == "/operations/ERI-LEGACY")
                let page = String(buffer: try await client.execute(uri: "/operations/ERI-LEGACY", method: .get, headers: headers).body)
                #expect(page.contains("Eritrean legacy") && page.contains("8 open claims when defined") && page.contains("Low-intake cohort"))
                #expect(page.components(separatedBy: "<tr class=\"govuk-table__row\">").count - 1 >= 40)
                #expect(page.contains("Close ERI-LEGACY"))
                let list = String(buffer: try await client.execute(uri: "/operations", method: .get, headers: headers).body)
                #expect(list.contains(#"href="/operations/ERI-LEGACY""#) && list.contains("0 of 40 milestones"))

                // The WIP page and a drill-down.
                let wip = String(buffer: try await client.execute(uri: "/wip", method: .get, headers: headers).body)
                #expect(wip.contains("12 open claims") && wip.contains(#"href="/wip/claims?cohort=ERI-LEGACY""#) && wip.contains(#"href="/wip/claims?cohort=general""#))
                #expect(wip.contains("Tier 6: Legacy claims") && wip.contains(#"href="/wip/claims?prag=none""#) && wip.contains(#"href="/wip/claims?year=2019""#))
                let drill = String(buffer: try await client.execute(uri: "/wip/claims?cohort=general", method: .get, headers: headers).body)
                #expect(drill.contains("4 open claims") && drill.contains("CW-0000009") && !drill.contains("CW-0000001"))
                #expect(try await client.execute(uri: "/wip/claims?tier=zero", method: .get, headers: headers).status == .unprocessableContent)

                // The operations plan and the allocation run.
                let unitPage = String(buffer: try await client.execute(uri: "/planning/units/DMU-LEE", method: .get, headers: headers).body)
                #expect(unitPage.contains(#"value="ERI-LEGACY""#))
                let planned = try await client.execute(uri: "/planning/units/DMU-LEE", method: .post, headers: headers, body: form([("csrfToken", csrf), ("operations", "ERI-LEGACY")]))
                #expect(planned.status == .seeOther)
                let allocation = String(buffer: try await client.execute(uri: "/planning/allocation", method: .get, headers: headers).body)
                #expect(allocation.contains("The plan: 10 moves") && allocation.contains("reallocations per claim"))
                let noReason = try await client.execute(uri: "/planning/allocation", method: .post, headers: headers, body: form([("csrfToken", csrf), ("reason", "")]))
                #expect(noReason.status == .unprocessableContent && String(buffer: noReason.body).contains(##"href="#allocation-reason""##))
                let applied = try await client.execute(uri: "/planning/allocation", method: .post, headers: headers, body: form([("csrfToken", csrf), ("reason", "Weekly rebalancing")]))
                #expect(applied.status == .seeOther && applied.headers[.location]?.hasPrefix("/planning/allocation?moved=10&skipped=0") == true)
                let after = String(buffer: try await client.execute(uri: "/planning/allocation?moved=10&skipped=0", method: .get, headers: headers).body)
                #expect(after.contains("10 claims moved") && after.contains("no claim needs to move"))

                // Closing, with a reason.
                let noClose = try await client.execute(uri: "/operations/ERI-LEGACY/closure", method: .post, headers: headers, body: form([("csrfToken", csrf), ("reason", "")]))
                #expect(noClose.status == .unprocessableContent && String(buffer: noClose.body).contains(##"href="#close-reason""##))
                let closed = try await client.execute(uri: "/operations/ERI-LEGACY/closure", method: .post, headers: headers, body: form([("csrfToken", csrf), ("reason", "Cleared")]))
                #expect(closed.status == .seeOther)
                #expect(String(buffer: try await client.execute(uri: "/operations/ERI-LEGACY", method: .get, headers: headers).body).contains("Closed"))

                // A team leader sees the WIP of their unit but may not plan.
                let leader = try await signIn(client, username: "tl.gla")
                let leaderHeaders: HTTPFields = [.cookie: leader.cookie]
                #expect(String(buffer: try await client.execute(uri: "/wip", method: .get, headers: leaderHeaders).body).contains("Unit DMU-GLA"))
                #expect(try await client.execute(uri: "/planning/allocation", method: .get, headers: leaderHeaders).status == .forbidden)
                #expect(try await client.execute(uri: "/operations/new", method: .get, headers: leaderHeaders).status == .forbidden)
                #expect(try await client.execute(uri: "/operations/NOPE", method: .get, headers: leaderHeaders).status == .notFound)
            }
        }
    }
}

private struct ClaimPageProbe: Decodable {
    struct Claim: Decodable { let reference: String }
    let claims: [Claim]
    let total: Int
    let pageCount: Int
}
