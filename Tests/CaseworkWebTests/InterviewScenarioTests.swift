import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A claim's interview, through the JSON API only: needs, ranked options, booking with the invitation, a no-show with
/// its letter and deadline, and the decision maker's follow-up once the deadline passes.
@Suite("Interviews, walked through the API")
struct InterviewScenarioTests {
    struct Options: Decodable {
        struct Option: Decodable {
            struct Slot: Decodable {
                let date: String
                let start: Int
                let room: String
                let interpreter: String?
                let decisionMaker: String
            }
            let slot: Slot
            let reasons: [String]
        }
        let earliest: String
        let options: [Option]
        let problems: [String]
    }

    struct Booking: Decodable {
        struct Letter: Decodable {
            let kind: String
            let dated: String
            let body: String
        }
        let number: Int
        let invitation: Letter
    }

    struct Interviews: Decodable {
        struct Interview: Decodable {
            let number: Int
            let status: String
        }
        struct LetterRecord: Decodable {
            struct Letter: Decodable {
                let kind: String
                let dated: String
            }
            let letter: Letter
        }
        let interviews: [Interview]
        let letters: [LetterRecord]
    }

    @Test("Needs, options, booking, no-show, letter, deadline and follow-up", arguments: TestDatabases.kinds)
    func noShowScenario(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await InterviewEstate.write(fixture.store, addStaff: false, decisionMakers: ["dm.gla"])
            let clock = try #require(fixture.store.clock as? FixedClock)
            try await fixture.app().test(.router) { client in
                func send(_ method: HTTPRequest.Method, _ uri: String, _ user: String, _ body: String? = nil) async throws -> TestResponse {
                    try await client.execute(uri: uri, method: method, headers: fixture.headers(user), body: body.map { ByteBuffer(string: $0) })
                }
                #expect(try await send(.post, "/api/v1/claims", "ao.gla", registrationJSON).status == .created)
                let claim = "/api/v1/claims/CW-0000001"

                // Options before needs: none, and why.
                let before = try decode(Options.self, try await send(.get, claim + "/interview-options", "ao.gla").body)
                #expect(before.options.isEmpty && before.problems.first?.contains("interview needs") == true)

                // Bad needs: every field named.
                let bad = try await send(.put, claim + "/interview-needs", "ao.gla", #"{"expectedVersion":1,"homeArea":"Atlantis","language":"tigrinya","dialect":"x"}"#)
                #expect(bad.status == .unprocessableContent)
                #expect(try decode(Problem.self, bad.body).errors.map(\.field) == ["homeArea", "dialect"])
                #expect(try await send(.put, claim + "/interview-needs", "ao.gla", #"{"homeArea":"Glasgow"}"#).status == .unprocessableContent)
                let needs = try await send(.put, claim + "/interview-needs", "ao.gla", #"{"expectedVersion":1,"homeArea":"Glasgow","maximumTravelKm":30,"language":"tigrinya","needsTransport":true}"#)
                #expect(needs.status == .ok && needs.headers[.eTag] == "\"2\"")

                let options = try decode(Options.self, try await send(.get, claim + "/interview-options", "ao.gla").body)
                let best = try #require(options.options.first)
                #expect(options.earliest == "2023-11-03" && best.slot.date == "2023-11-03" && best.slot.interpreter == "INT-TIG")
                #expect(best.reasons.count >= 4)

                // An analyst cannot book; the booker can, and the invitation says where, when and about transport.
                let body = #"{"expectedVersion":2,"date":"\#(best.slot.date)","start":"09:30","room":"\#(best.slot.room)","interpreter":"INT-TIG","decisionMaker":"\#(best.slot.decisionMaker)","method":"post"}"#
                #expect(try await send(.post, claim + "/interviews", "mi.one", body).status == .forbidden)
                let booked = try await send(.post, claim + "/interviews", "ao.gla", body)
                #expect(booked.status == .created, "\(String(buffer: booked.body))")
                let booking = try decode(Booking.self, booked.body)
                #expect(booking.number == 1 && booking.invitation.dated == "2023-10-27" && booking.invitation.body.contains("transport"))
                // Booking it again, or booking the same time for another claim, is refused by field.
                let again = try await send(.post, claim + "/interviews", "ao.gla", body.replacingOccurrences(of: #""expectedVersion":2"#, with: #""expectedVersion":3"#))
                #expect(again.status == .unprocessableContent)

                // The interview day: the claimant does not come. The letter is dated the next working day (Monday).
                clock.advance(milliseconds: 7 * 86_400_000 + 3 * 3_600_000)
                let outcome = try await send(.post, claim + "/interviews/1/outcome", "dm.gla", #"{"expectedVersion":3,"outcome":"no-show"}"#)
                #expect(outcome.status == .ok, "\(String(buffer: outcome.body))")
                let stored = try decode(Interviews.self, try await send(.get, claim + "/interviews", "dm.gla").body)
                #expect(stored.interviews.map(\.status) == ["no-show"])
                #expect(stored.letters.map(\.letter.kind) == ["interview-invitation", "failure-to-attend"])
                #expect(stored.letters.last?.letter.dated == "2023-11-06")

                // Too early to propose withdrawal; after the deadline the task is due and the decision maker decides.
                let early = try await send(.post, claim + "/interviews/1/failure-to-attend-follow-up", "dm.gla", #"{"expectedVersion":4,"action":"propose-withdrawal"}"#)
                #expect(early.status == .unprocessableContent)
                #expect(try decode(Problem.self, early.body).errors.map(\.field) == ["action"])
                #expect(String(buffer: try await send(.get, "/api/v1/units/DMU-GLA/failure-to-attend-tasks", "dm.gla").body) == "[]")
                clock.advance(milliseconds: 11 * 86_400_000)
                #expect(String(buffer: try await send(.get, "/api/v1/units/DMU-GLA/failure-to-attend-tasks", "dm.gla").body).contains("CW-0000001"))
                #expect(try await send(.get, "/api/v1/units/DMU-GLA/failure-to-attend-tasks", "dm.lee").status == .forbidden)
                let followUp = try await send(.post, claim + "/interviews/1/failure-to-attend-follow-up", "dm.gla", #"{"expectedVersion":4,"action":"rebook","response":"Was in hospital"}"#)
                #expect(followUp.status == .ok)
                #expect(try await send(.post, claim + "/interviews/9/outcome", "dm.gla", #"{"expectedVersion":5,"outcome":"completed","actualMinutes":90}"#).status == .unprocessableContent)
                #expect(try await send(.post, claim + "/interviews/x/outcome", "dm.gla", #"{"expectedVersion":5,"outcome":"completed"}"#).status == .notFound)
            }
        }
    }
}
