import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The claim the decision tests register first.
let decisionClaimPath = "/api/v1/claims/CW-0000001"

/// The API fixture with a technical specialist (`ts.gla`) and a second one (`ts.gla2`) added, with their tokens.
func decisionFixture(_ database: any SQLDatabase) async throws -> APIFixture {
    let base = try await APIFixture.make(database)
    var tokens = base.tokens
    let hash = PasswordHasher(cost: 4).hash("correct horse battery")
    for name in ["ts.gla", "ts.gla2"] {
        try await base.store.addStaff(StaffMember(username: StaffID(name), displayName: name, role: .technicalSpecialist, unit: "DMU-GLA"), passwordHash: hash)
        tokens[name] = try await base.store.createAPIToken(name: "test", for: StaffID(name))
    }
    return APIFixture(store: base.store, tokens: tokens)
}

/// Calls the API as one person or another, and reads what comes back.
struct DecisionAPI {
    let fixture: APIFixture
    let client: any TestClientProtocol

    func send(_ method: HTTPRequest.Method, _ uri: String, _ user: String, _ body: String? = nil, ifMatch: Int? = nil) async throws -> TestResponse {
        var headers = fixture.headers(user)
        if let ifMatch { headers[.ifMatch] = "\"\(ifMatch)\"" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// The claim's version, as its ETag says.
    func version(_ uri: String = decisionClaimPath) async throws -> Int {
        let response = try await send(.get, uri, "tl.gla")
        return Int((response.headers[.eTag] ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))) ?? -1
    }

    /// The claim's stage.
    func stage() async throws -> String { try decode(ClaimBody.self, try await send(.get, decisionClaimPath, "tl.gla").body).stage }

    /// Moves the claim through `stages`, from `version`; returns the version after.
    func move(_ stages: [String], from version: Int, by user: String = "ao.gla") async throws -> Int {
        var version = version
        for stage in stages {
            let moved = try await send(.post, decisionClaimPath + "/stage", user, #"{"to":"\#(stage)","expectedVersion":\#(version)}"#)
            #expect(moved.status == .ok, "to \(stage): \(String(buffer: moved.body))")
            version += 1
        }
        return version
    }
}

/// A JSON object's field, by a dotted path with array indexes ("drafts.0.status").
func field(_ object: Any?, _ path: String) -> Any? {
    path.split(separator: ".").reduce(object) { current, key in
        if let index = Int(key), let array = current as? [Any] { return index < array.count ? array[index] : nil }
        return (current as? [String: Any])?[String(key)]
    }
}

func object(_ response: TestResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
}

/// `value` as a JSON body with `expectedVersion` beside its fields.
func jsonBody<T: Encodable>(_ value: T, version: Int?) throws -> String {
    var fields = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any] ?? [:]
    if let version { fields["expectedVersion"] = version }
    return String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
}

/// The fields named in a problem document.
func problemFields(_ response: TestResponse) throws -> [String] {
    try decode(Problem.self, response.body).errors.map(\.field)
}

/// A refusal of a flow claim, walked through the real router from registration to the appeal's finding reaching the
/// decision maker and the unit's figures.
@Suite("Decisions and quality assurance, walked through the API")
struct DecisionScenarioTests {
    @Test("Register, screen, interview, draft a refusal, check it, return it, resubmit, serve, appeal, and see it in the figures", arguments: TestDatabases.kinds)
    func refusalScenario(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await decisionFixture(database)
            try await InterviewEstate.write(fixture.store, addStaff: false, decisionMakers: ["dm.gla"])
            let clock = try #require(fixture.store.clock as? FixedClock)
            try await fixture.app().test(.router) { client in
                let api = DecisionAPI(fixture: fixture, client: client)
                let claim = decisionClaimPath
                #expect(try await api.send(.post, "/api/v1/claims", "ao.gla", registrationJSON).status == .created)

                // Screening, and the screening interview recorded with its sample (screening interviews are sampled too).
                var version = try await api.move(["screening"], from: 1)
                let screening = try await api.send(.post, claim + "/screening-interview", "ao.gla", #"{"expectedVersion":\#(version)}"#)
                #expect(screening.status == .ok, "\(String(buffer: screening.body))")
                #expect(screening.headers[.eTag] == "\"\(version + 1)\"")
                let screened = try object(screening)
                #expect(field(screened, "conductedBy") as? String == "ao.gla" && field(screened, "conductedOn") as? String == "2023-10-27")
                #expect(field(screened, "sample.work") as? String == "screening-interview" && field(screened, "sample.id") as? String == "CW-0000001@3")
                version += 1
                #expect(try await api.version() == version)

                // The substantive interview, booked and completed through the interview API: a refusal needs one (3.37).
                version = try await api.move(["work-in-progress"], from: version)
                let needs = try await api.send(.put, claim + "/interview-needs", "ao.gla", #"{"expectedVersion":\#(version),"homeArea":"Glasgow","maximumTravelKm":30,"language":"tigrinya"}"#)
                #expect(needs.status == .ok)
                version = try await api.move(["interview"], from: version + 1)
                let options = try object(try await api.send(.get, claim + "/interview-options", "ao.gla"))
                let best = try #require(field(options, "options.0.slot") as? [String: Any])
                let booking = #"{"expectedVersion":\#(version),"date":"\#(best["date"]!)","start":"09:30","room":"\#(best["room"]!)","interpreter":"INT-TIG","decisionMaker":"dm.gla"}"#
                #expect(try await api.send(.post, claim + "/interviews", "ao.gla", booking).status == .created)
                clock.advance(milliseconds: 7 * 86_400_000 + 3 * 3_600_000)  // Friday 3 November 2023, 12:00
                let interviewed = try await api.send(.post, claim + "/interviews/1/outcome", "dm.gla", #"{"expectedVersion":\#(version + 1),"outcome":"completed","actualMinutes":110}"#)
                #expect(interviewed.status == .ok, "\(String(buffer: interviewed.body))")
                version = try await api.move(["decision"], from: version + 2)

                // The refusal drafted on the flow template from the catalogue: every question, the reasons, the two-stage record.
                let catalogue = try object(try await api.send(.get, "/api/v1/decision-templates", "dm.gla"))
                let templates = try #require(catalogue["templates"] as? [[String: Any]])
                let template = try #require(templates.first { $0["code"] as? String == "refusal-flow" && $0["retired"] as? Bool == false })
                let items = (template["sections"] as? [[String: Any]] ?? []).flatMap { $0["items"] as? [[String: Any]] ?? [] }.compactMap { $0["code"] as? String }
                #expect(items.count >= 10)
                let twoStage = TwoStageInput(
                    characteristicMet: true, characteristicReasons: "His Eritrean nationality and age are accepted.", fearMet: false,
                    fearReasons: "His account of being sought for national service is inconsistent on the dates of travel."
                )
                var draft = DecisionDraftInput(
                    outcome: "refusal", template: "refusal-flow", answers: items.map { ChecklistAnswerInput(item: $0, response: "yes") }, basis: ["political-opinion"],
                    refusalReasons: [RefusalReasonInput(code: "material-facts-not-accepted", explanation: "The dates of travel given at screening and interview differ by a year.")],
                    twoStage: twoStage, reasoning: "The claimant's account is not accepted, for the reasons given."
                )
                // Refused first: another unit's decision maker cannot see it, an analyst cannot draft, a stale version is
                // named, a grant template for a refusal is refused by field; none changes the claim.
                #expect(try await api.send(.post, claim + "/decision-drafts", "dm.lee", try jsonBody(draft, version: version)).status == .notFound)
                #expect(try await api.send(.post, claim + "/decision-drafts", "mi.one", try jsonBody(draft, version: version)).status == .forbidden)
                let stale = try await api.send(.post, claim + "/decision-drafts", "dm.gla", try jsonBody(draft, version: version - 1))
                #expect(stale.status == .conflict && stale.headers[.contentType] == "application/problem+json")
                #expect(try problemFields(stale) == ["expectedVersion"])
                var wrong = draft
                wrong.template = "grant-eritrea"
                wrong.answers = nil
                let mismatched = try await api.send(.post, claim + "/decision-drafts", "dm.gla", try jsonBody(wrong, version: version))
                #expect(mismatched.status == .unprocessableContent && mismatched.headers[.contentType] == "application/problem+json")
                #expect(try problemFields(mismatched) == ["template"])
                #expect(try await api.version() == version)

                let drafted = try await api.send(.post, claim + "/decision-drafts", "dm.gla", try jsonBody(draft, version: version))
                #expect(drafted.status == .created, "\(String(buffer: drafted.body))")
                #expect(drafted.headers[.eTag] == "\"\(version + 1)\"")
                let saved = try object(drafted)
                #expect(saved["number"] as? Int == 1 && saved["templateVersion"] as? Int == 1 && saved["outcome"] as? String == "refusal")
                #expect(field(saved, "twoStage.fear.met") as? Bool == false && field(saved, "refusalReasons.0.code") as? String == "material-facts-not-accepted")
                version += 1

                // Completed: dm.gla is not signed off, so the decision is selected for a full check (100% checks, 10.8).
                let completed = try await api.send(.post, claim + "/decision-drafts/1/complete", "dm.gla", #"{"expectedVersion":\#(version)}"#)
                #expect(completed.status == .ok, "\(String(buffer: completed.body))")
                let completion = try object(completed)
                #expect(completion["resubmission"] as? Bool == false && field(completion, "sample.decision.selected") as? Bool == true)
                let reasons = (field(completion, "sample.decision.reasons") as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                #expect(reasons.contains("before-sign-off"))
                version += 1
                #expect(try await api.stage() == "quality-assurance")

                // The checkers' queue: the decision blocks service, so it comes first.
                let waiting = try object(try await api.send(.get, "/api/v1/quality/checks-waiting", "ts.gla"))
                #expect(field(waiting, "checks.0.claim") as? String == "CW-0000001" && field(waiting, "checks.0.blocksService") as? Bool == true)
                #expect(field(waiting, "checks.0.sample.work") as? String == "decision")

                // Service refused naming each closed gate; the claim does not move.
                let early = try await api.send(.post, claim + "/decision-service", "ao.gla", #"{"expectedVersion":\#(version)}"#)
                #expect(early.status == .unprocessableContent)
                #expect(try problemFields(early) == ["gate.operating-mandate", "gate.quality-check"])
                #expect(try await api.version() == version)
                let gates = try object(try await api.send(.get, claim + "/service-gates", "ao.gla"))
                #expect(gates["allOpen"] as? Bool == false)

                // The four Operating Mandate checks.
                let unknownCheck = try await api.send(.post, claim + "/operating-mandate-checks", "ao.gla", #"{"expectedVersion":\#(version),"check":"horoscope","result":"clear"}"#)
                #expect(unknownCheck.status == .unprocessableContent)
                #expect(try problemFields(unknownCheck) == ["check"])
                for check in ["biometrics", "home-office-systems", "police-databases", "security"] {
                    let recorded = try await api.send(.post, claim + "/operating-mandate-checks", "ao.gla", #"{"expectedVersion":\#(version),"check":"\#(check)","result":"clear"}"#)
                    #expect(recorded.status == .created && recorded.headers[.eTag] == "\"\(version + 1)\"")
                    version += 1
                }

                // A technical specialist's check that fails (casework DQ4) returns the decision to its author.
                let failing = #"{"expectedVersion":\#(version),"work":"decision","subject":1,"operatingMandate":1,"casework":4,"process":2,"outcomeCorrect":true,"feedback":"The material facts are not each given a finding.","themes":["material-facts"]}"#
                #expect(try await api.send(.post, claim + "/quality-assessments", "tl.gla", failing).status == .forbidden)
                #expect(try await api.send(.post, claim + "/quality-assessments", "dm.gla2", failing).status == .forbidden)
                let failed = try await api.send(.post, claim + "/quality-assessments", "ts.gla", failing)
                #expect(failed.status == .created, "\(String(buffer: failed.body))")
                let failure = try object(failed)
                #expect(failure["calculated"] as? Int == 4 && failure["passes"] as? Bool == false && failure["preService"] as? Bool == true)
                #expect(failure["worker"] as? String == "dm.gla" && failure["sampleID"] as? String == field(completion, "sample.id") as? String)
                version += 1
                var record = try object(try await api.send(.get, claim + "/decision", "dm.gla"))
                #expect(record["stage"] as? String == "decision" && field(record, "drafts.0.status") as? String == "returned")
                #expect(record["openDraft"] as? Int == 1 && record["version"] as? Int == version)

                // Amended and completed again: a resubmission, checked again; this time it passes.
                draft.reasoning = "Amended: each material fact is now given a finding. The dates of travel given at screening and at interview differ by a year."
                let amended = try await api.send(.put, claim + "/decision-drafts/1", "dm.gla", try jsonBody(draft, version: version))
                #expect(amended.status == .ok && amended.headers[.eTag] == "\"\(version + 1)\"")
                version += 1
                let again = try object(try await api.send(.post, claim + "/decision-drafts/1/complete", "dm.gla", nil, ifMatch: version))
                #expect(again["resubmission"] as? Bool == true)
                #expect((field(again, "sample.decision.reasons") as? [[String: Any]] ?? []).contains { $0["code"] as? String == "resubmission" })
                version += 1
                let passing = #"{"expectedVersion":\#(version),"work":"decision","operatingMandate":"DQ1","casework":2,"process":2,"outcomeCorrect":true,"feedback":"Each finding is now reasoned.","themes":["good-practice"]}"#
                let passed = try object(try await api.send(.post, claim + "/quality-assessments", "ts.gla", passing))
                #expect(passed["calculated"] as? Int == 2 && passed["passes"] as? Bool == true)
                version += 1
                #expect(try object(try await api.send(.get, claim + "/service-gates", "ao.gla"))["allOpen"] as? Bool == true)

                // Served, with the refusal letter giving the reasons and the right of appeal.
                #expect(try await api.send(.post, claim + "/decision-service", "mi.one", #"{"expectedVersion":\#(version)}"#).status == .forbidden)
                let served = try await api.send(.post, claim + "/decision-service", "ao.gla", #"{"expectedVersion":\#(version),"method":"post"}"#)
                #expect(served.status == .ok, "\(String(buffer: served.body))")
                let service = try object(served)
                #expect(service["servedOn"] as? String == "2023-11-03" && service["outcome"] as? String == "refusal" && service["author"] as? String == "dm.gla")
                #expect(field(service, "letter.kind") as? String == "decision-refusal")
                let letter = field(service, "letter.body") as? String ?? ""
                #expect(letter.contains("The dates of travel given at screening and interview differ by a year") && letter.contains("right to appeal"))
                version += 1
                #expect(try await api.stage() == "served")

                // The appeal: lodged, heard, determined allowed with its reasons as themes.
                #expect(try await api.send(.post, claim + "/appeals", "dm.gla", #"{"expectedVersion":\#(version),"lodgedOn":"2023-11-03"}"#).status == .forbidden)
                let lodged = try await api.send(.post, claim + "/appeals", "ao.gla", #"{"expectedVersion":\#(version),"lodgedOn":"2023-11-03","appealReference":"PA/01234/2023"}"#)
                #expect(lodged.status == .created)
                #expect(try object(lodged)["author"] as? String == "dm.gla")
                version += 1
                clock.advance(milliseconds: 10 * 86_400_000)  // Monday 13 November 2023
                #expect(try await api.send(.post, claim + "/appeals/1/hearing", "ao.gla", #"{"expectedVersion":\#(version),"heardOn":"2023-11-10"}"#).status == .ok)
                version += 1
                let bare = try await api.send(.post, claim + "/appeals/1/determination", "ao.gla", #"{"expectedVersion":\#(version),"outcome":"allowed","determinedOn":"2023-11-13"}"#)
                #expect(bare.status == .unprocessableContent)
                #expect(try problemFields(bare) == ["themes", "findings"])
                #expect(try await api.version() == version)
                let determined = try await api.send(.post, claim + "/appeals/1/determination", "ao.gla", #"{"expectedVersion":\#(version),"outcome":"allowed","determinedOn":"2023-11-13","themes":["credibility","material-facts"],"findings":"The tribunal found the discrepancy in the dates was explained by the claimant's detention in Libya."}"#)
                #expect(determined.status == .ok, "\(String(buffer: determined.body))")
                version += 1

                // The finding reaches the decision maker's quality page...
                let mine = try object(try await api.send(.get, "/api/v1/staff/dm.gla/quality", "dm.gla"))
                #expect((mine["checks"] as? [Any])?.count == 2)
                #expect(field(mine, "appeals.0.appeal.determination.outcome") as? String == "allowed")
                #expect(field(mine, "appealFigures.allowed") as? Int == 1 && field(mine, "appealFigures.overturnRate") as? Double == 1)
                #expect(field(mine, "signOff.summary") as? String == "1 of 3 decisions at DQ1 or DQ2")
                #expect(field(mine, "calculated.counts") as? [Int] == [0, 1, 0, 1, 0])
                #expect(try await api.send(.get, "/api/v1/staff/dm.gla/quality", "dm.gla2").status == .forbidden)
                #expect(try await api.send(.get, "/api/v1/staff/dm.gla/quality", "tl.gla").status == .ok)

                // ...and the unit's figures for the month, and the overturn rates.
                let month = try object(try await api.send(.get, "/api/v1/units/DMU-GLA/quality?month=2023-11", "tl.gla"))
                let sampling = try #require(month["sampling"] as? [[String: Any]])
                let decisions = try #require(sampling.first { $0["work"] as? String == "decision" })
                #expect(decisions["completed"] as? Int == 2 && decisions["selected"] as? Int == 2 && decisions["checked"] as? Int == 2)
                #expect(sampling.first { $0["work"] as? String == "interview" }?["completed"] as? Int == 1)
                #expect(field(month, "preService.count") as? Int == 2 && field(month, "preService.total") as? Int == 2 && field(month, "preService.meetsTarget") as? Bool == true)
                #expect(field(month, "appeals.allowed") as? Int == 1)
                let themes = try #require(month["themes"] as? [[String: Any]])
                let materialFacts = try #require(themes.first { field($0, "theme.code") as? String == "material-facts" })
                #expect(materialFacts["assessments"] as? [Int] == [0, 0, 0, 0, 0, 1] && materialFacts["appeals"] as? [Int] == [0, 0, 0, 0, 0, 1])
                let october = try object(try await api.send(.get, "/api/v1/units/DMU-GLA/quality?month=2023-10", "tl.gla"))
                #expect((october["sampling"] as? [[String: Any]])?.first { $0["work"] as? String == "screening-interview" }?["completed"] as? Int == 1)
                let rates = try object(try await api.send(.get, "/api/v1/quality/overturn-rates?from=2023-11-01&to=2023-11-30", "tl.gla"))
                #expect(field(rates, "total.allowed") as? Int == 1 && field(rates, "total.overturnRate") as? Double == 1)
                #expect(field(rates, "byDecisionMaker.0.key") as? String == "dm.gla" && field(rates, "byUnit.0.key") as? String == "DMU-GLA")
                let pack = try await api.send(.get, "/api/v1/units/DMU-GLA/quality-pack.csv?month=2023-11", "tl.gla")
                #expect(pack.status == .ok && pack.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(String(buffer: pack.body).contains("appeals,overturn rate,1,1,1.0000,,2026 rec 3b\r\n"))

                // Sign-off is not yet earned: refused by field for the technical specialist, forbidden to others.
                let early2 = try await api.send(.post, "/api/v1/staff/dm.gla/sign-off", "ts.gla", #"{"reason":"Doing well"}"#)
                #expect(early2.status == .unprocessableContent)
                #expect(try problemFields(early2) == ["signedOff"])
                #expect(try await api.send(.post, "/api/v1/staff/dm.gla/sign-off", "tl.gla", #"{"reason":"Doing well"}"#).status == .forbidden)

                // The claim's record holds every step.
                record = try object(try await api.send(.get, claim + "/decision", "dm.gla"))
                #expect(record["servedDecision"] as? Int == 1 && record["openDraft"] == nil && record["version"] as? Int == version)
                #expect((record["assessments"] as? [Any])?.count == 2 && (record["operatingMandate"] as? [Any])?.count == 4)
                #expect(field(record, "appeals.0.determination.themes") as? [String] == ["credibility", "material-facts"])
                #expect(field(record, "drafts.0.status") as? String == "served" && field(record, "drafts.0.completions") as? Int == 2)
            }
        }
    }
}
