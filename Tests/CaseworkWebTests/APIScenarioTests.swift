import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A store with a few staff and their API tokens, and the router production runs.
struct APIFixture {
    let store: CaseworkStore
    let tokens: [String: String]

    static func make(_ database: any SQLDatabase) async throws -> APIFixture {
        let clock = FixedClock(Instant(startOf: LocalDate(year: 2023, month: 10, day: 27)!).adding(milliseconds: 9 * 3_600_000))
        let store = CaseworkStore(database: MeasuredDatabase(database), clock: clock)
        try await store.migrate()
        var tokens: [String: String] = [:]
        for unit in ["DMU-GLA", "DMU-LEE", "SAFEGUARDING-HUB", "MI"] {
            try await store.saveUnit(CaseworkUnit(code: UnitID(unit), name: unit, kind: "dmu"))
        }
        let people: [(String, Role, String)] = [
            ("ao.gla", .administrativeOfficer, "DMU-GLA"), ("dm.gla", .decisionMaker, "DMU-GLA"), ("dm.lee", .decisionMaker, "DMU-LEE"),
            ("sg.hub", .safeguardingHub, "SAFEGUARDING-HUB"), ("mi.one", .miAnalyst, "MI"),
            ("dm.gla2", .decisionMaker, "DMU-GLA"), ("tl.gla", .teamLeader, "DMU-GLA"),
        ]
        let hash = PasswordHasher(cost: 4).hash("correct horse battery")
        for (name, role, unit) in people {
            try await store.addStaff(StaffMember(username: StaffID(name), displayName: name, role: role, unit: UnitID(unit)), passwordHash: hash)
            tokens[name] = try await store.createAPIToken(name: "test", for: StaffID(name))
        }
        return APIFixture(store: store, tokens: tokens)
    }

    func app() async throws -> some ApplicationProtocol {
        let router = try await buildRouter(store: store, configuration: WebConfiguration(secureCookies: false, passwordHasher: PasswordHasher(cost: 4)))
        return Application(router: router)
    }

    func headers(_ user: String) -> HTTPFields {
        [.authorization: "Bearer \(tokens[user]!)", .contentType: "application/json"]
    }
}

let registrationJSON = """
    {"mainApplicant":{"givenNames":"Yonas","familyName":"Tesfaye","dateOfBirth":"1991-05-02","sex":"male","nationality":"ERI"},
     "dateOfClaim":"2022-11-03","languages":[{"language":"tigrinya"}],"asylumSupport":true,
     "address":{"line1":"4 Mill Lane","town":"Glasgow","postcode":"G1 1AA","verified":true},
     "protectedCharacteristics":{"religion":"Orthodox Christian"}}
    """

func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
    try JSONDecoder().decode(type, from: Data(String(buffer: buffer).utf8))
}

struct Problem: Decodable {
    struct Field: Decodable { let field: String; let message: String }
    let status: Int
    let detail: String
    let errors: [Field]
}

struct ClaimBody: Decodable {
    let reference: String
    let version: Int
    let stage: String
}

@Suite("The JSON API, walked through the real router on both stores")
struct APIScenarioTests {
    @Test("A claim's journey: register, read, note, move, conflict, events", arguments: TestDatabases.kinds)
    func journey(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                let created = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                #expect(created.status == .created)
                let claim = try decode(ClaimBody.self, created.body)
                #expect(claim.reference == "CW-0000001" && claim.version == 1)
                #expect(created.headers[.location] == "/api/v1/claims/CW-0000001")

                let read = try await client.execute(uri: "/api/v1/claims/CW-0000001", method: .get, headers: fixture.headers("dm.gla"))
                #expect(read.status == .ok && read.headers[.eTag] == "\"1\"")
                #expect(!String(buffer: read.body).contains("Orthodox"))
                #expect(String(buffer: read.body).contains(#""explanation":"Tier 4: in receipt of asylum support"#))

                let note = String(repeating: "Long note. ", count: 9_000)
                let noted = try await client.execute(uri: "/api/v1/claims/CW-0000001/notes", method: .post, headers: fixture.headers("dm.gla"),
                    body: ByteBuffer(string: String(decoding: try JSONSerialization.data(withJSONObject: ["text": note, "expectedVersion": 1]), as: UTF8.self)))
                #expect(noted.status == .created)
                let notes = try await client.execute(uri: "/api/v1/claims/CW-0000001/notes", method: .get, headers: fixture.headers("dm.gla"))
                #expect(String(buffer: notes.body).contains(note.replacingOccurrences(of: "/", with: "\\/")))

                let moved = try await client.execute(uri: "/api/v1/claims/CW-0000001/stage", method: .post, headers: fixture.headers("dm.gla"),
                    body: ByteBuffer(string: #"{"to":"screening","expectedVersion":2}"#))
                #expect(moved.status == .ok)
                #expect(try decode(ClaimBody.self, moved.body).stage == "screening")

                let stale = try await client.execute(uri: "/api/v1/claims/CW-0000001/stage", method: .post, headers: fixture.headers("ao.gla"),
                    body: ByteBuffer(string: #"{"to":"work-in-progress","expectedVersion":2}"#))
                #expect(stale.status == .conflict && stale.headers[.contentType] == "application/problem+json")
                let conflict = try decode(Problem.self, stale.body)
                #expect(conflict.detail.contains("Screening") && conflict.detail.contains("dm.gla"))

                let illegal = try await client.execute(uri: "/api/v1/claims/CW-0000001/stage", method: .post, headers: fixture.headers("dm.gla"),
                    body: ByteBuffer(string: #"{"to":"served","expectedVersion":3}"#))
                #expect(illegal.status == .unprocessableContent)
                #expect(try decode(Problem.self, illegal.body).errors.map(\.field) == ["to"])

                let events = try await client.execute(uri: "/api/v1/claims/CW-0000001/events", method: .get, headers: fixture.headers("dm.gla"))
                let list = try JSONSerialization.jsonObject(with: Data(String(buffer: events.body).utf8)) as? [[String: Any]] ?? []
                #expect(list.map { $0["type"] as? String } == ["claim-registered", "note-added", "stage-changed"])
                #expect(list.allSatisfy { $0["actor"] != nil && $0["actorRole"] != nil && $0["occurredAt"] != nil })
            }
        }
    }

    @Test("Bad input is refused with 422 naming each field, and nothing is written", arguments: TestDatabases.kinds)
    func validation(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                let bad = #"{"mainApplicant":{"givenNames":"A","familyName":"B","dateOfBirth":"1900-01-00","sex":"male","nationality":"ZZZ"},"dateOfClaim":"2031-01-01","languages":[]}"#
                let response = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: bad))
                #expect(response.status == .unprocessableContent)
                let problem = try decode(Problem.self, response.body)
                #expect(Set(problem.errors.map(\.field)) == ["mainApplicant.dateOfBirth", "mainApplicant.nationality", "dateOfClaim", "languages"])
                let wrongType = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: #"{"mainApplicant":{"givenNames":7}}"#))
                #expect(wrongType.status == .unprocessableContent)
                #expect(try decode(Problem.self, wrongType.body).errors.map(\.field) == ["mainApplicant.givenNames"])
                let notJSON = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: "not json"))
                #expect(notJSON.status == .unprocessableContent)
                let list = try await client.execute(uri: "/api/v1/claims", method: .get, headers: fixture.headers("ao.gla"))
                #expect(String(buffer: list.body).contains(#""total":0"#))
            }
            #expect(try await fixture.store.projectionSnapshot().isEmpty)
        }
    }

    @Test("Authentication and the authorisation matrix", arguments: TestDatabases.kinds)
    func authorisation(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                #expect(try await client.execute(uri: "/api/v1/claims", method: .get).status == .unauthorized)
                #expect(try await client.execute(uri: "/api/v1/claims", method: .get, headers: [.authorization: "Bearer nonsense"]).status == .unauthorized)
                #expect(try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("dm.gla"), body: ByteBuffer(string: registrationJSON)).status == .forbidden)
                #expect(try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON)).status == .created)
                let expectations: [(String, String, HTTPResponse.Status)] = [
                    ("dm.gla", "/api/v1/claims/CW-0000001", .ok),
                    ("dm.lee", "/api/v1/claims/CW-0000001", .notFound),
                    ("sg.hub", "/api/v1/claims/CW-0000001", .ok),
                    ("mi.one", "/api/v1/claims/CW-0000001", .ok),
                    ("dm.gla", "/api/v1/claims/CW-0000001/protected-characteristics", .forbidden),
                    ("mi.one", "/api/v1/claims/CW-0000001/protected-characteristics", .forbidden),
                    ("sg.hub", "/api/v1/claims/CW-0000001/protected-characteristics", .ok),
                ]
                for (user, uri, status) in expectations {
                    let response = try await client.execute(uri: uri, method: .get, headers: fixture.headers(user))
                    #expect(response.status == status, "\(user) GET \(uri)")
                }
                let analystWrite = try await client.execute(uri: "/api/v1/claims/CW-0000001/notes", method: .post, headers: fixture.headers("mi.one"), body: ByteBuffer(string: #"{"text":"x"}"#))
                #expect(analystWrite.status == .forbidden)
            }
            let trail = try await fixture.store.auditTrail(claim: "CW-0000001")
            #expect(trail.contains { $0.action == "claim.read-protected-characteristics" && $0.actor == "sg.hub" })
            let everything = try await fixture.store.auditTrail(claim: nil, limit: 1_000)
            #expect(everything.contains { $0.action == "staff.add" && $0.detail == "dm.lee as decision-maker in DMU-LEE" })
            #expect(everything.contains { $0.action == "api-token.create" && $0.detail == "'test' for mi.one" })
        }
    }

    @Test("A possible duplicate gives 409 with the match, then registers when the user chooses", arguments: TestDatabases.kinds)
    func duplicate(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                let again = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON.replacingOccurrences(of: "Yonas", with: "YONAS ")))
                #expect(again.status == .conflict)
                #expect(String(buffer: again.body).contains("CW-0000001"))
                let resolved = registrationJSON.replacingOccurrences(of: #""asylumSupport":true"#, with: #""asylumSupport":true,"duplicateResolution":{"choice":"confirmed-distinct","matches":["CW-0000001"]}"#)
                let created = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: resolved))
                #expect(created.status == .created)
            }
        }
    }

    @Test("Next claim, my work, release and reassignment through the API", arguments: TestDatabases.kinds)
    func allocation(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                for (to, version) in [("screening", 1), ("work-in-progress", 2)] {
                    let moved = try await client.execute(uri: "/api/v1/claims/CW-0000001/stage", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: #"{"to":"\#(to)","expectedVersion":\#(version)}"#))
                    #expect(moved.status == .ok)
                }
                let next = try await client.execute(uri: "/api/v1/work/next", method: .post, headers: fixture.headers("dm.gla"))
                #expect(next.status == .ok && String(buffer: next.body).contains(#""holder":"dm.gla""#))
                #expect(try await client.execute(uri: "/api/v1/work/next", method: .post, headers: fixture.headers("dm.gla2")).status == .noContent)
                #expect(try await client.execute(uri: "/api/v1/work/next", method: .post, headers: fixture.headers("ao.gla")).status == .forbidden)
                let mine = String(buffer: try await client.execute(uri: "/api/v1/work", method: .get, headers: fixture.headers("dm.gla")).body)
                #expect(mine.contains("CW-0000001") && mine.contains(#""daysHeld":0"#))

                let grab = try await client.execute(uri: "/api/v1/claims/CW-0000001/allocation", method: .post, headers: fixture.headers("dm.gla2"), body: ByteBuffer(string: #"{"to":"dm.gla2","expectedVersion":4,"reason":"mine now"}"#))
                #expect(grab.status == .forbidden)
                let elsewhere = try await client.execute(uri: "/api/v1/claims/CW-0000001/allocation", method: .post, headers: fixture.headers("tl.gla"), body: ByteBuffer(string: #"{"to":"dm.lee","expectedVersion":4,"reason":"cover"}"#))
                #expect(elsewhere.status == .unprocessableContent)
                let reassigned = try await client.execute(uri: "/api/v1/claims/CW-0000001/allocation", method: .post, headers: fixture.headers("tl.gla"), body: ByteBuffer(string: #"{"to":"dm.gla2","expectedVersion":4,"reason":"dm.gla on leave"}"#))
                #expect(reassigned.status == .ok && String(buffer: reassigned.body).contains(#""holder":"dm.gla2""#))
                let noReason = try await client.execute(uri: "/api/v1/claims/CW-0000001/release", method: .post, headers: fixture.headers("dm.gla2"), body: ByteBuffer(string: #"{"expectedVersion":5}"#))
                #expect(noReason.status == .unprocessableContent)
                let released = try await client.execute(uri: "/api/v1/claims/CW-0000001/release", method: .post, headers: fixture.headers("dm.gla2"), body: ByteBuffer(string: #"{"expectedVersion":5,"reason":"Needs a Tigrinya-speaking colleague"}"#))
                #expect(released.status == .ok && !String(buffer: released.body).contains(#""holder""#))
            }
        }
    }

    @Test("Barriers through the API: a decision maker without agreement is refused; with it, raised, reviewed and cleared", arguments: TestDatabases.kinds)
    func barriers(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.store.addStaff(StaffMember(username: "ts.gla", displayName: "TS", role: .technicalSpecialist, unit: "DMU-GLA"), passwordHash: "x")
            try await fixture.app().test(.router) { client in
                _ = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
                let alone = try await client.execute(uri: "/api/v1/claims/CW-0000001/barriers", method: .post, headers: fixture.headers("dm.gla"),
                    body: ByteBuffer(string: #"{"type":"other","reviewDate":"2023-12-01","expectedVersion":1}"#))
                #expect(alone.status == .unprocessableContent)
                #expect(Set(try decode(Problem.self, alone.body).errors.map(\.field)).isSuperset(of: ["note", "agreedBy"]))
                let sentinel = try await client.execute(uri: "/api/v1/claims/CW-0000001/barriers", method: .post, headers: fixture.headers("dm.gla"),
                    body: ByteBuffer(string: #"{"type":"awaiting-biometrics","reviewDate":"1900-01-00","agreedBy":"ts.gla","agreedByRole":"technical-specialist","expectedVersion":1}"#))
                #expect(sentinel.status == .unprocessableContent)
                let raised = try await client.execute(uri: "/api/v1/claims/CW-0000001/barriers", method: .post, headers: fixture.headers("dm.gla"),
                    body: ByteBuffer(string: #"{"type":"other","note":"Awaiting a court bundle","reviewDate":"2023-12-01","agreedBy":"ts.gla","agreedByRole":"technical-specialist","expectedVersion":1}"#))
                #expect(raised.status == .created)
                let reviewed = try await client.execute(uri: "/api/v1/claims/CW-0000001/barriers/1/review", method: .post, headers: fixture.headers("dm.gla"),
                    body: ByteBuffer(string: #"{"reviewDate":"2024-01-15","rating":"red","expectedVersion":2}"#))
                #expect(reviewed.status == .ok)
                let cleared = try await client.execute(uri: "/api/v1/claims/CW-0000001/barriers/1/clearance", method: .post, headers: fixture.headers("dm.gla"),
                    body: ByteBuffer(string: #"{"reason":"Bundle received","expectedVersion":3}"#))
                #expect(cleared.status == .ok && String(buffer: cleared.body).contains("Bundle received"))
                let analyst = try await client.execute(uri: "/api/v1/claims/CW-0000001/barriers", method: .post, headers: fixture.headers("mi.one"),
                    body: ByteBuffer(string: #"{"type":"other","note":"x","reviewDate":"2023-12-01","expectedVersion":4}"#))
                #expect(analyst.status == .forbidden)
                let list = String(buffer: try await client.execute(uri: "/api/v1/claims/CW-0000001/barriers", method: .get, headers: fixture.headers("dm.gla")).body)
                #expect(list.contains("Awaiting a court bundle"))
            }
        }
    }

    @Test("Health, metrics and the OpenAPI document")
    func platformRoutes() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                let health = try await client.execute(uri: "/health", method: .get)
                #expect(health.status == .ok && String(buffer: health.body) == #"{"status":"ok"}"#)
                _ = try await client.execute(uri: "/api/v1/me", method: .get, headers: fixture.headers("dm.gla"))
                let metrics = try await client.execute(uri: "/metrics", method: .get)
                #expect(String(buffer: metrics.body).contains("hb_requests") || String(buffer: metrics.body).contains("http_requests"))
                #expect(String(buffer: metrics.body).contains("casework_db_read_duration_seconds"))
                let document = try await client.execute(uri: "/openapi.yaml", method: .get)
                #expect(String(buffer: document.body).hasPrefix("openapi: 3.1.0"))
            }
        }
    }

    @Test("Every route the server registers is in the OpenAPI document, and nothing else is")
    func openAPIMatchesRoutes() {
        #expect(OpenAPIDocument.operations == OpenAPIDocument.registeredRoutes)
        // The three platform routes and the claims API are always there; each area adds its own.
        #expect(OpenAPIDocument.operations.count >= 23)
        #expect(OpenAPIDocument.text.contains("\n  /api/v1/claims/{reference}:\n"))
    }
}
