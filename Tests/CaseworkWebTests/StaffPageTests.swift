import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The team fixture behind the real router, with an API token for each of its people.
private struct StaffWebFixture {
    let store: CaseworkStore
    let tokens: [String: String]

    static func make(_ database: any SQLDatabase) async throws -> StaffWebFixture {
        let store = try await TeamFixture.make(database, passwordHash: PasswordHasher(cost: 4).hash(TeamFixture.password))
        var tokens: [String: String] = [:]
        for actor in [TeamFixture.leader, TeamFixture.seniorCaseworker, TeamFixture.operationsManager, TeamFixture.ada, TeamFixture.otherUnitLeader] {
            tokens[actor.staff.rawValue] = try await store.createAPIToken(name: "test", for: actor.staff)
        }
        return StaffWebFixture(store: store, tokens: tokens)
    }

    func app() async throws -> some ApplicationProtocol {
        Application(router: try await buildRouter(store: store, configuration: WebConfiguration(secureCookies: false, passwordHasher: PasswordHasher(cost: 4))))
    }

    func headers(_ user: Actor) -> HTTPFields {
        [.authorization: "Bearer \(tokens[user.staff.rawValue]!)", .contentType: "application/json"]
    }
}

private func object(_ buffer: ByteBuffer) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(String(buffer: buffer).utf8)) as? [String: Any] ?? [:]
}

private func int(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }
private func double(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

@Suite("Staff records and the team page, through the real router")
struct StaffPageTests {
    @Test("The team page and /api/v1/team show the hand-computed figures", arguments: TestDatabases.kinds)
    func teamFigures(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await StaffWebFixture.make(database)
            try await fixture.app().test(.router) { client in
                // The API: the same numbers as TeamViewTests works out by hand (see TeamFixture).
                let response = try await client.execute(uri: "/api/v1/team", method: .get, headers: fixture.headers(TeamFixture.leader))
                #expect(response.status == .ok)
                let team = try object(response.body)
                #expect(team["team"] as? String == "Team 1" && team["weekStart"] as? String == "2023-10-23")
                #expect(team["periodStart"] as? String == "2023-10-16" && team["periodEnd"] as? String == "2023-11-12")
                #expect(int(team["claimsHeld"]) == 5)
                let barriers = team["barriers"] as? [String: Any] ?? [:]
                #expect([int(barriers["purple"]), int(barriers["red"]), int(barriers["amber"]), int(barriers["green"])] == [1, 1, 2, 1])
                let week = team["stepsThisWeek"] as? [String: Any] ?? [:], period = team["stepsThisPeriod"] as? [String: Any] ?? [:]
                #expect([int(week["interviews"]), int(week["decisions"]), int(week["total"])] == [1, 2, 3])
                #expect([int(period["interviews"]), int(period["decisions"]), int(period["total"])] == [3, 2, 5])
                let capacity = team["capacity"] as? [String: Any] ?? [:]
                #expect(int(capacity["headcount"]) == 4 && double(capacity["fte"]) == 3.5 && double(capacity["effectiveFTE"]) == 1.5)
                #expect(int(capacity["absent"]) == 1 && int(capacity["signedOff"]) == 3)
                let members = team["members"] as? [[String: Any]] ?? []
                #expect(members.map { $0["username"] as? String } == ["dm.ada", "dm.ben", "dm.cat", "dm.dan"])
                #expect(members.map { double($0["effectiveFTE"]) } == [1, 0.2, 0.3, 0])
                #expect(members.map { int($0["claimsHeld"]) } == [2, 2, 1, 0])
                let adaClaims = members.first?["claims"] as? [[String: Any]] ?? []
                #expect(adaClaims.map { $0["reference"] as? String } == ["CW-0000003", "CW-0000001"] && adaClaims.map { int($0["daysHeld"]) } == [56, 25])
                #expect(members.map { int(($0["stepsThisPeriod"] as? [String: Any])?["total"]) } == [2, 0, 2, 1])
                #expect(members.last?["absentToday"] as? Bool == true)

                // Who may ask.
                let otherTeam = try await client.execute(uri: "/api/v1/team?team=Team%202", method: .get, headers: fixture.headers(TeamFixture.leader))
                #expect(otherTeam.status == .forbidden)
                let member = try await client.execute(uri: "/api/v1/team", method: .get, headers: fixture.headers(TeamFixture.ada))
                #expect(member.status == .forbidden)
                let national = try await client.execute(uri: "/api/v1/team?unit=DMU-GLA&team=Team%202", method: .get, headers: fixture.headers(TeamFixture.operationsManager))
                #expect(try national.status == .ok && int(object(national.body)["claimsHeld"]) == 1)

                // The page: the team leader's own team, with the same figures.
                let session = try await signIn(client, username: "tl.gla")
                let page = try await client.execute(uri: "/team", method: .get, headers: [.cookie: session.cookie])
                #expect(page.status == .ok)
                let html = String(buffer: page.body)
                #expect(html.contains("<h1 class=\"govuk-heading-l\">Team 1</h1>") && html.contains("Led by Tamsin Leader"))
                #expect(html.contains("Ada Lovelace") && html.contains("Dan Brown") && !html.contains("Eve Other"))
                #expect(html.contains("16 October 2023 to 12 November 2023") && html.contains("Away: annual leave"))
                #expect(html.contains(">CW-0000003</a>") && html.contains("1 red") && html.contains("1 purple"))
                #expect(html.contains("<strong>1.5</strong>") && html.contains("<strong>3.5</strong>") && html.contains("<strong>5</strong>"))
                #expect(html.contains("<caption"), "tables are captioned")
                let refused = try await client.execute(uri: "/team?team=Team%202", method: .get, headers: [.cookie: session.cookie])
                #expect(refused.status == .forbidden)

                // A senior caseworker picks a team of their unit; an unknown one is named in an error summary.
                let scw = try await signIn(client, username: "scw.gla")
                let picked = try await client.execute(uri: "/team?team=Team+2", method: .get, headers: [.cookie: scw.cookie])
                #expect(picked.status == .ok && String(buffer: picked.body).contains("Eve Other"))
                let unknown = try await client.execute(uri: "/team?team=Team+9", method: .get, headers: [.cookie: scw.cookie])
                #expect(unknown.status == .unprocessableContent && String(buffer: unknown.body).contains("govuk-error-summary"))
                let dm = try await signIn(client, username: "dm.ada")
                #expect(try await client.execute(uri: "/team", method: .get, headers: [.cookie: dm.cookie]).status == .forbidden)
            }
        }
    }

    @Test("Staff pages: list, record, profile form with errors kept, absences added and removed, history", arguments: TestDatabases.kinds)
    func staffPages(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await StaffWebFixture.make(database)
            try await fixture.app().test(.router) { client in
                let session = try await signIn(client, username: "tl.gla")
                let headers: HTTPFields = [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"]
                let list = String(buffer: try await client.execute(uri: "/staff", method: .get, headers: headers).body)
                #expect(list.contains("Staff of DMU-GLA") && list.contains("/staff/dm.ben") && list.contains("Interviews only") && list.contains("100% checks"))
                #expect(list.contains("Decision makers: 5, 4.5 FTE contracted, 2.5 effective FTE today"))
                #expect(try await client.execute(uri: "/staff?unit=DMU-LEE", method: .get, headers: headers).status == .forbidden)

                let record = String(buffer: try await client.execute(uri: "/staff/dm.ben", method: .get, headers: headers).body)
                #expect(record.contains("Ben Okri") && record.contains("29 September 2023 (4 weeks in role)") && record.contains("Effective FTE today"))
                let csrf = csrfToken(in: record)

                // Bad input: every problem named, what was typed kept, nothing written.
                let bad = try await client.execute(uri: "/staff/dm.ben/profile", method: .post, headers: headers, body: form([
                    ("team", "Team 1"), ("trainedFor", "interviews"), ("signedOff", "yes"), ("startDate-day", "29"), ("startDate-month", "9"),
                    ("startDate-year", ""), ("fte", "2"), ("operation", ""), ("csrfToken", csrf),
                ]))
                #expect(bad.status == .unprocessableContent)
                let badPage = String(buffer: bad.body)
                #expect(badPage.contains("govuk-error-summary") && badPage.contains("href=\"#startDate\"") && badPage.contains("href=\"#fte\"") && badPage.contains("href=\"#signedOff\""))
                #expect(badPage.contains("must include a year") && badPage.contains("value=\"2\""))
                #expect(try await fixture.store.staffRecord(TeamFixture.ben.staff, for: TeamFixture.leader).profile.fte == 1)

                let good = try await client.execute(uri: "/staff/dm.ben/profile", method: .post, headers: headers, body: form([
                    ("team", "Team 1"), ("trainedFor", "both"), ("signedOff", "no"), ("startDate-day", "29"), ("startDate-month", "9"),
                    ("startDate-year", "2023"), ("fte", "0.8"), ("operation", ""), ("profile-reason", "Decision course passed"), ("csrfToken", csrf),
                ]))
                #expect(good.status == .seeOther && good.headers[.location] == "/staff/dm.ben#profile")

                let badAbsence = try await client.execute(uri: "/staff/dm.ben/absences", method: .post, headers: headers, body: form([
                    ("absence-firstDay-day", "3"), ("absence-firstDay-month", "11"), ("absence-firstDay-year", "2023"),
                    ("absence-lastDay-day", "1"), ("absence-lastDay-month", "11"), ("absence-lastDay-year", "2023"), ("csrfToken", csrf),
                ]))
                #expect(badAbsence.status == .unprocessableContent)
                let badAbsencePage = String(buffer: badAbsence.body)
                #expect(badAbsencePage.contains("href=\"#absence-lastDay\"") && badAbsencePage.contains("href=\"#absence-kind\""))
                let added = try await client.execute(uri: "/staff/dm.ben/absences", method: .post, headers: headers, body: form([
                    ("absence-firstDay-day", "27"), ("absence-firstDay-month", "10"), ("absence-firstDay-year", "2023"), ("absence-kind", "sickness"), ("csrfToken", csrf),
                ]))
                #expect(added.status == .seeOther)
                let after = String(buffer: try await client.execute(uri: "/staff/dm.ben", method: .get, headers: headers).body)
                #expect(after.contains("Trained for: interviews only → interviews and decisions") && after.contains("FTE: 1 → 0.8") && after.contains("Reason: Decision course passed"))
                #expect(after.contains("Absence recorded: Sickness on 27 October 2023") && after.contains("Away: sickness"))
                let removed = try await client.execute(uri: "/staff/dm.ben/absences/remove", method: .post, headers: headers, body: form([("firstDay", "2023-10-27"), ("csrfToken", csrf)]))
                #expect(removed.status == .seeOther)
                #expect(try await fixture.store.staffRecord(TeamFixture.ben.staff, for: TeamFixture.leader).absences.isEmpty)
                let gone = try await client.execute(uri: "/staff/dm.ben/absences/remove", method: .post, headers: headers, body: form([("firstDay", "2023-10-27"), ("csrfToken", csrf)]))
                #expect(gone.status == .unprocessableContent && String(buffer: gone.body).contains("has no absence starting on 27 October 2023"))

                #expect(try await client.execute(uri: "/staff/nobody.here", method: .get, headers: headers).status == .notFound)
                let other = try await signIn(client, username: "tl.lee")
                #expect(try await client.execute(uri: "/staff/dm.ben", method: .get, headers: [.cookie: other.cookie]).status == .forbidden)
            }
        }
    }

    @Test("The staff API: records, profile, absences and a unit's capacity, with field-named problems", arguments: TestDatabases.kinds)
    func staffAPI(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await StaffWebFixture.make(database)
            try await fixture.app().test(.router) { client in
                let leader = fixture.headers(TeamFixture.leader)
                let list = try await client.execute(uri: "/api/v1/staff?team=Team%201", method: .get, headers: leader)
                let records = try JSONSerialization.jsonObject(with: Data(String(buffer: list.body).utf8)) as? [[String: Any]] ?? []
                #expect(list.status == .ok && records.compactMap { $0["username"] as? String } == ["dm.ada", "dm.ben", "dm.cat", "dm.dan", "scw.gla", "tl.gla"])
                #expect(try await client.execute(uri: "/api/v1/staff", method: .get, headers: fixture.headers(TeamFixture.ada)).status == .forbidden)

                let invalid = try await client.execute(uri: "/api/v1/staff/dm.cat/profile", method: .put, headers: leader, body: ByteBuffer(string: #"{"trainedFor":"both","fte":0}"#))
                #expect(invalid.status == .unprocessableContent)
                #expect(try Set(decode(Problem.self, invalid.body).errors.map(\.field)) == ["startDate", "fte"])
                let wrongType = try await client.execute(uri: "/api/v1/staff/dm.cat/profile", method: .put, headers: leader, body: ByteBuffer(string: #"{"fte":1,"signedOff":"yes"}"#))
                #expect(try wrongType.status == .unprocessableContent && (decode(Problem.self, wrongType.body)).errors.map(\.field) == ["signedOff"])
                let updated = try await client.execute(uri: "/api/v1/staff/dm.cat/profile", method: .put, headers: leader, body: ByteBuffer(string: #"{"team":"Team 1","trainedFor":"both","startDate":"2023-06-30","signedOff":true,"fte":1,"reason":"Back to full time"}"#))
                #expect(updated.status == .ok)
                let cat = try object(updated.body)
                // 17 weeks in role: 0.6 effective at full time.
                #expect(double(cat["fte"]) == 1 && double(cat["effectiveFTEToday"]) == 0.6)
                #expect(((cat["history"] as? [[String: Any]])?.first?["changes"] as? [String]) == ["FTE: 0.5 → 1"])
                #expect(try await client.execute(uri: "/api/v1/staff/nobody/profile", method: .put, headers: leader, body: ByteBuffer(string: #"{"fte":1}"#)).status == .notFound)

                let absence = try await client.execute(uri: "/api/v1/staff/dm.cat/absences", method: .post, headers: leader, body: ByteBuffer(string: #"{"firstDay":"2023-10-27","lastDay":"2023-10-27","kind":"sickness"}"#))
                #expect(try absence.status == .created && double(object(absence.body)["effectiveFTEToday"]) == 0)
                let overlap = try await client.execute(uri: "/api/v1/staff/dm.cat/absences", method: .post, headers: leader, body: ByteBuffer(string: #"{"firstDay":"2023-11-01","lastDay":"2023-11-07","kind":"other-duties"}"#))
                #expect(try overlap.status == .unprocessableContent && (decode(Problem.self, overlap.body)).errors.map(\.field) == ["firstDay"])

                // Capacity on 27 October: Ada 1, Ben 0.2, Cat now 0 (sick), Dan 0 (leave), Eve 1 = 2.2.
                let capacity = try await client.execute(uri: "/api/v1/units/DMU-GLA/capacity?on=2023-10-27", method: .get, headers: leader)
                let totals = try object(capacity.body)["totals"] as? [String: Any] ?? [:]
                #expect(capacity.status == .ok && int(totals["headcount"]) == 5 && double(totals["effectiveFTE"]) == 2.2 && int(totals["absent"]) == 2)
                #expect(try await client.execute(uri: "/api/v1/units/DMU-GLA/capacity?on=27-10-2023", method: .get, headers: leader).status == .unprocessableContent)
                #expect(try await client.execute(uri: "/api/v1/units/NOWHERE/capacity", method: .get, headers: leader).status == .notFound)
                #expect(try await client.execute(uri: "/api/v1/units/DMU-GLA/capacity", method: .get, headers: fixture.headers(TeamFixture.otherUnitLeader)).status == .forbidden)

                let deleted = try await client.execute(uri: "/api/v1/staff/dm.cat/absences/2023-10-27?reason=Came%20in", method: .delete, headers: leader)
                #expect(try deleted.status == .ok && (object(deleted.body)["absences"] as? [[String: Any]])?.map { $0["firstDay"] as? String } == ["2023-11-06"])
                #expect(try await client.execute(uri: "/api/v1/staff/dm.cat/absences/2023-10-27", method: .delete, headers: leader).status == .notFound)
                let read = try object(try await client.execute(uri: "/api/v1/staff/dm.cat", method: .get, headers: fixture.headers(TeamFixture.seniorCaseworker)).body)
                #expect((read["history"] as? [[String: Any]])?.first?["reason"] as? String == "Came in")
            }
        }
    }
}
