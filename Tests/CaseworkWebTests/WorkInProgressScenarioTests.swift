import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// One claim's way through the work in progress, through the JSON API only, as the people who use it would go.
@Suite("The work in progress, walked through the API")
struct WorkInProgressScenarioTests {
    struct ClaimBody: Decodable {
        struct Priority: Decodable {
            let tier: Int
            let explanation: String
        }
        let reference: String
        let version: Int
        let holder: String?
        let priority: Priority
    }

    struct TeamBody: Decodable {
        struct Member: Decodable {
            let username: String
            let claimsHeld: Int
        }
        let members: [Member]
    }

    @Test("A safeguarding referral puts the newer claim first; next claim gives it, the team page counts it, a barrier takes the other out of the queue", arguments: TestDatabases.kinds)
    func referralToTeamPage(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.store.addStaff(
                StaffMember(username: "ts.gla", displayName: "ts.gla", role: .technicalSpecialist, unit: "DMU-GLA"), passwordHash: PasswordHasher(cost: 4).hash("x")
            )
            _ = try await fixture.store.updateStaffProfile("tl.gla", to: StaffProfileInput(team: "Team A", fte: "1"), by: .system, reason: "Leads team A")
            _ = try await fixture.store.updateStaffProfile(
                "dm.gla", to: StaffProfileInput(team: "Team A", trainedFor: "both", startDate: "2022-01-03", signedOff: true, fte: "1"), by: .system, reason: "Joins team A"
            )
            try await fixture.app().test(.router) { client in
                func post(_ uri: String, _ user: String, _ body: String) async throws -> TestResponse {
                    try await client.execute(uri: uri, method: .post, headers: fixture.headers(user), body: ByteBuffer(string: body))
                }
                func claim(_ response: TestResponse) throws -> ClaimBody { try decode(ClaimBody.self, response.body) }

                // Two flow claims, the older claimed first; both reach the work in progress.
                let older = registrationJSON.replacingOccurrences(of: "2022-11-03", with: "2022-08-01").replacingOccurrences(of: "Yonas", with: "Selam")
                for (body, reference) in [(older, "CW-0000001"), (registrationJSON, "CW-0000002")] {
                    #expect(try await post("/api/v1/claims", "ao.gla", body).status == .created)
                    for (to, version) in [("screening", 1), ("work-in-progress", 2)] {
                        #expect(try await post("/api/v1/claims/\(reference)/stage", "ao.gla", #"{"to":"\#(to)","expectedVersion":\#(version)}"#).status == .ok)
                    }
                }

                // The hub's referral raises the newer claim to tier 2, explained in words, at once.
                let referred = try await post("/api/v1/claims/CW-0000002/safeguarding-referrals", "sg.hub", #"{"level":"sshl2","raised":"2023-10-20","expectedVersion":3}"#)
                #expect(referred.status == .ok)
                let priority = try claim(referred).priority
                #expect(priority.tier == 2 && priority.explanation.hasPrefix("Tier 2: safeguarding referral SSHL2 raised 20 October 2023"))
                #expect(try await post("/api/v1/claims/CW-0000002/safeguarding-referrals", "mi.one", #"{"level":"sshl3","raised":"2023-10-20","expectedVersion":4}"#).status == .forbidden)

                // Next claim gives the referred claim first, though the other is older.
                let next = try await post("/api/v1/work/next", "dm.gla", "")
                #expect(try claim(next).reference == "CW-0000002" && claim(next).holder == "dm.gla")

                // A barrier that blocks the interview (absconder) takes the older claim out of the queue, so nothing is left to give.
                let barrier = try await post(
                    "/api/v1/claims/CW-0000001/barriers", "tl.gla",
                    #"{"type":"absconder","reviewDate":"2023-11-27","agreedBy":"ts.gla","agreedByRole":"technical-specialist","expectedVersion":3}"#
                )
                #expect(barrier.status == .created, "\(String(buffer: barrier.body))")
                #expect(try await post("/api/v1/work/next", "dm.gla2", "").status == .noContent)

                // The team leader's live figures count the claim held, with nothing keyed in.
                let team = try decode(TeamBody.self, try await client.execute(uri: "/api/v1/team", method: .get, headers: fixture.headers("tl.gla")).body)
                #expect(team.members.map(\.username) == ["dm.gla"] && team.members.first?.claimsHeld == 1)
            }
        }
    }
}
