import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CaseworkWeb

/// The decisions and quality API: the catalogue, versions and ETags, each refusal a field-named problem that writes
/// nothing, the role matrix, a grant served without an interview, sign-off once earned, and the quality views'
/// parameters.
@Suite("The decisions and quality API, through the real router on both stores")
struct DecisionsAPITests {
    /// Registers claim `n` (CW-000000n, a different Eritrean flow claimant each time) and moves it to the decision
    /// stage through the API; returns its version there.
    static func claimAtDecision(_ api: DecisionAPI, _ n: Int) async throws -> Int {
        let names = ["Yonas", "Abel", "Dawit", "Samuel", "Filmon"]
        let body = registrationJSON.replacingOccurrences(of: "Yonas", with: names[n - 1]).replacingOccurrences(of: "1991-05-02", with: "199\(n)-05-02")
        let created = try await api.send(.post, "/api/v1/claims", "ao.gla", body)
        #expect(created.status == .created, "\(String(buffer: created.body))")
        var version = 1
        for stage in ["screening", "work-in-progress", "decision"] {
            let moved = try await api.send(.post, path(n) + "/stage", "ao.gla", #"{"to":"\#(stage)","expectedVersion":\#(version)}"#)
            #expect(moved.status == .ok)
            version += 1
        }
        return version
    }

    static func path(_ n: Int) -> String { "/api/v1/claims/CW-000000\(n)" }

    /// A complete draft of `outcome` for claim `n`, as `DecisionPath` writes one.
    static func draft(_ fixture: APIFixture, _ n: Int, _ outcome: Outcome = .grantAsylum) async throws -> DecisionDraftInput {
        DecisionPath.draftInput(for: try await fixture.store.claim(ClaimReference.numbered(n), for: .system), outcome: outcome)
    }

    static let passing = #""work":"decision","operatingMandate":1,"casework":2,"process":1,"outcomeCorrect":true,"feedback":"Clear findings on every material fact.","themes":["good-practice"]"#

    @Test("The catalogue in force: every template version, refusal reasons, Operating Mandate checks, themes and the policies with their sources")
    func catalogue() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let fixture = try await decisionFixture(database)
            try await fixture.app().test(.router) { client in
                #expect(try await client.execute(uri: "/api/v1/decision-templates", method: .get).status == .unauthorized)
                let api = DecisionAPI(fixture: fixture, client: client)
                let catalogue = try object(try await api.send(.get, "/api/v1/decision-templates", "ao.gla"))
                let templates = try #require(catalogue["templates"] as? [[String: Any]])
                let afghanistan = templates.filter { $0["code"] as? String == "grant-afghanistan" }
                #expect(afghanistan.compactMap { $0["version"] as? Int } == [1, 2] && afghanistan.compactMap { $0["retired"] as? Bool } == [true, false])
                #expect(templates.count == DecisionTemplateCatalogue.current.templates.count)
                #expect(field(templates.first { $0["code"] as? String == "refusal-flow" }, "regimes") as? [String] == ["flow", "ima"])
                #expect((catalogue["refusalReasons"] as? [[String: Any]])?.first { $0["code"] as? String == "exclusion-article-1f" }?["exclusion"] as? Bool == true)
                #expect((catalogue["operatingMandateChecks"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == OperatingMandate.checks.map(\.code))
                #expect((catalogue["feedbackThemes"] as? [Any])?.count == FeedbackThemes.all.count)
                #expect(field(catalogue, "samplingPolicy.randomRate.decision") as? Double == 0.035)
                #expect(field(catalogue, "samplingPolicy.checkAllBeforeSignOff") as? [String] == ["decision", "interview"])
                #expect(field(catalogue, "samplingPolicy.seed") as? UInt64 == SamplingPolicy.current.seed)
                #expect(field(catalogue, "samplingPolicy.mandatory.0.source") as? String == "10.11")
                #expect(field(catalogue, "qualityPolicy.highScoreTarget") as? Double == 0.75 && field(catalogue, "qualityPolicy.sources.highScoreTarget") as? String == "10.32")
                #expect(field(catalogue, "qualityPolicy.signOffDecisions") as? Int == 3 && field(catalogue, "qualityPolicy.worstServable") as? Int == 3)
                #expect(field(catalogue, "decisionPolicy.supportEndsAfterGrantDays") as? Int == 28 && field(catalogue, "decisionPolicy.sources.supportEndsAfterGrantDays") as? String == "7.31")
            }
        }
    }

    @Test("The document's enums are the domain's lists, and every decisions and quality route is in it")
    func documentEnums() {
        let text = OpenAPIDocument.text
        func listed(_ values: [String]) -> Bool { text.contains("enum: [" + values.map { ["yes", "no"].contains($0) ? "\"\($0)\"" : $0 }.joined(separator: ", ") + "]") }
        #expect(listed(FeedbackThemes.all.map(\.code)))
        #expect(listed(DecisionTemplateCatalogue.current.refusalReasons.map(\.code)))
        #expect(listed(ConventionReason.allCases.map(\.rawValue)))
        #expect(listed(OperatingMandate.checks.map(\.code)))
        #expect(listed(ServiceGate.allCases.map(\.rawValue)))
        #expect(listed(DraftStatus.allCases.map(\.rawValue)))
        #expect(listed(SampledWork.allCases.map(\.rawValue)))
        #expect(listed(SamplingTrigger.allCases.map(\.rawValue)))
        #expect(listed(AppealOutcome.allCases.map(\.rawValue)))
        #expect(listed(DecisionRules.decisionOutcomes.map(\.rawValue)))
        #expect(listed(ChecklistResponse.allCases.map(\.rawValue)))
        #expect(text.contains("enum: [1, 2, 3, 4, 5]"))
        let ours = Set(DecisionsAPIController.routes + QualityAPIController.routes)
        #expect(ours.count == 23 && ours.isSubset(of: OpenAPIDocument.operations) && ours.isSubset(of: OpenAPIDocument.registeredRoutes))
    }

    @Test("A grant without an interview: versions from the body or If-Match, ETags, holds lifted only by the hub, served with its letter; no appeal against a grant", arguments: TestDatabases.kinds)
    func grantServed(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await decisionFixture(database)
            try await fixture.app().test(.router) { client in
                let api = DecisionAPI(fixture: fixture, client: client)
                let claim = Self.path(1)
                var version = try await Self.claimAtDecision(api, 1)
                let read = try await api.send(.get, claim + "/decision", "dm.gla")
                #expect(read.status == .ok && read.headers[.eTag] == "\"\(version)\"")
                let empty = try object(read)
                #expect((empty["drafts"] as? [Any])?.isEmpty == true && empty["openDraft"] == nil && empty["allGatesOpen"] as? Bool == false)
                #expect((empty["templates"] as? [[String: Any]])?.first?["code"] as? String == "grant-eritrea")

                // Serving before anything is drafted names every closed gate.
                let nothing = try await api.send(.post, claim + "/decision-service", "ao.gla", #"{"expectedVersion":\#(version)}"#)
                #expect(nothing.status == .unprocessableContent)
                #expect(try problemFields(nothing) == ["gate.decision-completed", "gate.operating-mandate", "gate.quality-check"])

                // No version: refused by field. The version by If-Match is as good as in the body.
                let input = try await Self.draft(fixture, 1)
                let unversioned = try await api.send(.post, claim + "/decision-drafts", "dm.gla", try jsonBody(input, version: nil))
                #expect(unversioned.status == .unprocessableContent)
                #expect(try problemFields(unversioned) == ["expectedVersion"])
                let drafted = try await api.send(.post, claim + "/decision-drafts", "dm.gla", try jsonBody(input, version: nil), ifMatch: version)
                #expect(drafted.status == .created && drafted.headers[.eTag] == "\"\(version + 1)\"")
                version += 1
                // A second draft while one is open, a stale version, a draft that is not there.
                let second = try await api.send(.post, claim + "/decision-drafts", "dm.gla", try jsonBody(input, version: version))
                #expect(second.status == .unprocessableContent)
                #expect(try problemFields(second) == ["draft"])
                let stale = try await api.send(.put, claim + "/decision-drafts/1", "dm.gla", try jsonBody(input, version: version - 1))
                #expect(stale.status == .conflict && String(buffer: stale.body).contains(#""currentVersion":\#(version)"#))
                #expect(try await api.send(.put, claim + "/decision-drafts/0", "dm.gla", try jsonBody(input, version: version)).status == .notFound)
                #expect(try await api.send(.put, claim + "/decision-drafts/x", "dm.gla", try jsonBody(input, version: version)).status == .notFound)
                let missing = try await api.send(.post, claim + "/decision-drafts/7/complete", "dm.gla", #"{"expectedVersion":\#(version)}"#)
                #expect(missing.status == .unprocessableContent)
                #expect(try problemFields(missing) == ["draft"])
                // Another decision maker of the unit cannot change or complete someone else's draft.
                let notTheirs = try await api.send(.post, claim + "/decision-drafts/1/complete", "dm.gla2", #"{"expectedVersion":\#(version)}"#)
                #expect(notTheirs.status == .unprocessableContent)
                #expect(try problemFields(notTheirs) == ["draft"])
                #expect(try await api.version(claim) == version)

                // Completed with If-Match and no body: a new decision maker's decision is checked.
                let completed = try await api.send(.post, claim + "/decision-drafts/1/complete", "dm.gla", nil, ifMatch: version)
                #expect(completed.status == .ok && completed.headers[.eTag] == "\"\(version + 1)\"", "\(String(buffer: completed.body))")
                version += 1
                for check in OperatingMandate.checks {
                    #expect(try await api.send(.post, claim + "/operating-mandate-checks", "dm.gla", #"{"expectedVersion":\#(version),"check":"\#(check.code)","result":"clear"}"#).status == .created)
                    version += 1
                }
                let issue = try await api.send(.post, claim + "/operating-mandate-checks", "dm.gla", #"{"expectedVersion":\#(version),"check":"security","result":"issue-resolved","checkedOn":"2031-01-01"}"#)
                #expect(issue.status == .unprocessableContent)
                #expect(try problemFields(issue) == ["note", "checkedOn"])
                #expect(try await api.send(.post, claim + "/quality-assessments", "ts.gla", #"{"expectedVersion":\#(version),\#(Self.passing)}"#).status == .created)
                version += 1

                // A safeguarding hold closes service until the hub lifts it.
                #expect(try await api.send(.post, claim + "/service-holds", "ao.gla", #"{"expectedVersion":\#(version),"reason":"Red referral"}"#).status == .forbidden)
                let noReason = try await api.send(.post, claim + "/service-holds", "dm.gla", #"{"expectedVersion":\#(version)}"#)
                #expect(noReason.status == .unprocessableContent)
                #expect(try problemFields(noReason) == ["reason"])
                let held = try await api.send(.post, claim + "/service-holds", "dm.gla", #"{"expectedVersion":\#(version),"kind":"safeguarding","reason":"Red referral: suicidal ideation disclosed"}"#)
                #expect(held.status == .created)
                #expect(try object(held)["number"] as? Int == 1)
                version += 1
                let blocked = try await api.send(.post, claim + "/decision-service", "ao.gla", #"{"expectedVersion":\#(version)}"#)
                #expect(try problemFields(blocked) == ["gate.service-holds"])
                #expect(try await api.send(.post, claim + "/service-holds/1/lift", "dm.gla", #"{"expectedVersion":\#(version),"reason":"Fine now"}"#).status == .forbidden)
                let lifted = try await api.send(.post, claim + "/service-holds/1/lift", "sg.hub", #"{"expectedVersion":\#(version),"reason":"Hub cleared: GP and support in place"}"#)
                #expect(lifted.status == .ok)
                #expect(try object(lifted)["liftedBy"] as? String == "sg.hub")
                version += 1

                // Served by email: the letter tells the claimant when asylum support ends (28 days on, 7.31).
                let badDate = try await api.send(.post, claim + "/decision-service", "ao.gla", #"{"expectedVersion":\#(version),"servedOn":"2023-10-28","method":"pigeon"}"#)
                #expect(badDate.status == .unprocessableContent)
                #expect(try problemFields(badDate) == ["servedOn", "method"])
                let served = try await api.send(.post, claim + "/decision-service", "ao.gla", #"{"expectedVersion":\#(version),"method":"email"}"#)
                #expect(served.status == .ok && served.headers[.eTag] == "\"\(version + 1)\"")
                let service = try object(served)
                #expect(field(service, "letter.kind") as? String == "decision-grant" && service["method"] as? String == "email")
                #expect((field(service, "letter.body") as? String)?.contains("24 November 2023") == true)
                version += 1

                // A grant carries no appeal here.
                let appeal = try await api.send(.post, claim + "/appeals", "ao.gla", #"{"expectedVersion":\#(version),"lodgedOn":"2023-10-27"}"#)
                #expect(appeal.status == .unprocessableContent)
                #expect(try problemFields(appeal) == ["decision"])
                let record = try object(try await api.send(.get, claim + "/decision", "dm.gla"))
                #expect(record["stage"] as? String == "served" && record["servedDecision"] as? Int == 1 && record["version"] as? Int == version)
                #expect(field(record, "holds.0.lift.liftedBy") as? String == "sg.hub" && field(record, "assessments.0.calculated") as? Int == 2)
            }
        }
    }

    @Test("Refusals: each a problem document naming its fields that leaves the claim as it was; wrong roles 403, other units 404", arguments: TestDatabases.kinds)
    func refusals(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await decisionFixture(database)
            try await fixture.app().test(.router) { client in
                let api = DecisionAPI(fixture: fixture, client: client)
                let claim = Self.path(1)
                var version = try await Self.claimAtDecision(api, 1)
                #expect(try await api.send(.get, "/api/v1/claims/CW-0000099/decision", "dm.gla").status == .notFound)
                #expect(try await api.send(.get, "/api/v1/claims/nonsense/service-gates", "dm.gla").status == .notFound)
                #expect(try await api.send(.get, claim + "/decision", "dm.lee").status == .notFound)
                #expect(try await api.send(.get, claim + "/decision", "mi.one").status == .ok)

                // A refusal needs a completed substantive interview (3.37).
                let refusal = try await Self.draft(fixture, 1, .refusal)
                for user in ["ao.gla", "mi.one", "sg.hub"] {
                    #expect(try await api.send(.post, claim + "/decision-drafts", user, try jsonBody(refusal, version: version)).status == .forbidden, "\(user)")
                }
                #expect(try await api.send(.post, claim + "/decision-drafts", "dm.lee", try jsonBody(refusal, version: version)).status == .notFound)
                let wrongType = try await api.send(.post, claim + "/decision-drafts", "dm.gla", #"{"expectedVersion":\#(version),"outcome":"refusal","template":"refusal-flow","medicoLegalReport":"yes"}"#)
                #expect(wrongType.status == .unprocessableContent)
                #expect(try problemFields(wrongType) == ["medicoLegalReport"])
                let nonsense = try await api.send(.post, claim + "/decision-drafts", "dm.gla", #"{"expectedVersion":\#(version),"outcome":"refusal","template":"refusal-flow","basis":["astrology"],"refusalReasons":[{"code":"vibes","explanation":"x"}],"answers":[{"item":"not-a-question","response":"yes"}]}"#)
                #expect(nonsense.status == .unprocessableContent)
                #expect(try problemFields(nonsense) == ["answers.not-a-question", "basis", "refusalReasons[0].code"])
                #expect(try await api.version(claim) == version)
                #expect(try await api.send(.post, claim + "/decision-drafts", "dm.gla", try jsonBody(refusal, version: version)).status == .created)
                version += 1
                let uninterviewed = try await api.send(.post, claim + "/decision-drafts/1/complete", "dm.gla", #"{"expectedVersion":\#(version)}"#)
                #expect(uninterviewed.status == .unprocessableContent)
                #expect(try problemFields(uninterviewed) == ["outcome"])
                #expect(try decode(Problem.self, uninterviewed.body).errors.first?.message.contains("3.37") == true)
                // Change it to a grant with the two-stage record saying stage one is not met: the record must support the outcome.
                var grant = try await Self.draft(fixture, 1)
                grant.twoStage = TwoStageInput(characteristicMet: true, characteristicReasons: "Accepted.", fearMet: false, fearReasons: "Not accepted.")
                #expect(try await api.send(.put, claim + "/decision-drafts/1", "dm.gla", try jsonBody(grant, version: version)).status == .ok)
                version += 1
                let unsupported = try await api.send(.post, claim + "/decision-drafts/1/complete", "dm.gla", #"{"expectedVersion":\#(version)}"#)
                #expect(try problemFields(unsupported) == ["twoStage"])
                #expect(try await api.version(claim) == version)

                // Stages: nothing is drafted outside the decision stage.
                let claim2 = Self.path(2)
                _ = try await Self.claimAtDecision(api, 2)
                let back = try await api.send(.post, claim2 + "/stage", "ao.gla", #"{"to":"work-in-progress","expectedVersion":4}"#)
                #expect(back.status == .ok)
                let early = try await api.send(.post, claim2 + "/decision-drafts", "dm.gla", try jsonBody(try await Self.draft(fixture, 2), version: 5))
                #expect(early.status == .unprocessableContent)
                #expect(try problemFields(early) == ["stage"])

                // Checks: a technical specialist's own decision is not theirs to check; scores are 1 to 5; a verbal check says who agreed what.
                #expect(try await api.send(.put, claim + "/decision-drafts/1", "dm.gla", try jsonBody(try await Self.draft(fixture, 1), version: version)).status == .ok)
                version += 1
                #expect(try await api.send(.post, claim + "/decision-drafts/1/complete", "dm.gla", #"{"expectedVersion":\#(version)}"#).status == .ok)
                version += 1
                let outOfRange = try await api.send(.post, claim + "/quality-assessments", "ts.gla", #"{"expectedVersion":\#(version),"operatingMandate":0,"casework":7,"process":true,"outcomeCorrect":true,"feedback":"x"}"#)
                #expect(outOfRange.status == .unprocessableContent)
                #expect(try problemFields(outOfRange) == ["process"])  // not a number or text: refused when read
                let badScores = try await api.send(.post, claim + "/quality-assessments", "ts.gla", #"{"expectedVersion":\#(version),"operatingMandate":0,"casework":7,"process":"DQ9","outcomeCorrect":true,"feedback":"x"}"#)
                #expect(try problemFields(badScores) == ["operatingMandate", "casework", "process"])
                let verbal = try await api.send(.post, claim + "/quality-assessments", "ts.gla", #"{"expectedVersion":\#(version),\#(Self.passing),"mode":"verbal"}"#)
                #expect(try problemFields(verbal) == ["agreedWith", "agreement"])
                #expect(try await api.send(.post, claim + "/quality-assessments", "mi.one", #"{"expectedVersion":\#(version),\#(Self.passing)}"#).status == .forbidden)
                #expect(try await api.send(.post, claim + "/quality-assessments", "dm.gla", #"{"expectedVersion":\#(version),\#(Self.passing)}"#).status == .forbidden)
                #expect(try await api.send(.post, claim + "/quality-assessments", "ts.gla", #"{"expectedVersion":\#(version - 1),\#(Self.passing)}"#).status == .conflict)
                #expect(try await api.version(claim) == version)

                let claim3 = Self.path(3)
                let version3 = try await Self.claimAtDecision(api, 3)
                #expect(try await api.send(.post, claim3 + "/decision-drafts", "ts.gla2", try jsonBody(try await Self.draft(fixture, 3), version: version3)).status == .created)
                #expect(try await api.send(.post, claim3 + "/decision-drafts/1/complete", "ts.gla2", #"{"expectedVersion":\#(version3 + 1)}"#).status == .ok)
                let own = try await api.send(.post, claim3 + "/quality-assessments", "ts.gla2", #"{"expectedVersion":\#(version3 + 2),\#(Self.passing)}"#)
                #expect(own.status == .unprocessableContent)
                #expect(try problemFields(own) == ["work"])

                // Screening: once per claim; by someone on the staff list.
                let screening = try await api.send(.post, claim2 + "/screening-interview", "ao.gla", #"{"expectedVersion":5,"conductedBy":"nobody.here","conductedOn":"2020-01-01"}"#)
                #expect(try problemFields(screening) == ["conductedOn", "conductedBy"])
                #expect(try await api.send(.post, claim2 + "/screening-interview", "mi.one", #"{"expectedVersion":5}"#).status == .forbidden)
                #expect(try await api.send(.post, claim2 + "/screening-interview", "ao.gla", #"{"expectedVersion":5}"#).status == .ok)
                let twice = try await api.send(.post, claim2 + "/screening-interview", "ao.gla", #"{"expectedVersion":6}"#)
                #expect(try problemFields(twice) == ["conductedOn"])

                // Appeals need a served decision.
                let noDecision = try await api.send(.post, claim2 + "/appeals", "ao.gla", #"{"expectedVersion":6,"lodgedOn":"2023-10-27"}"#)
                #expect(try problemFields(noDecision) == ["decision"])
                #expect(try await api.send(.post, claim2 + "/appeals/1/hearing", "ao.gla", #"{"expectedVersion":6,"heardOn":"2023-10-27"}"#).status == .unprocessableContent)
                #expect(try await api.send(.post, claim2 + "/appeals/0/determination", "ao.gla", #"{"expectedVersion":6}"#).status == .notFound)
                #expect(try await api.version(claim2) == 6)
            }
        }
    }

    @Test("Sign-off once three decisions are checked at DQ1 or DQ2: refused until then, only by a technical specialist", arguments: TestDatabases.kinds)
    func signOff(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await decisionFixture(database)
            try await fixture.app().test(.router) { client in
                let api = DecisionAPI(fixture: fixture, client: client)
                #expect(try await api.send(.get, "/api/v1/staff/nobody.here/sign-off", "ts.gla").status == .notFound)
                #expect(try await api.send(.post, "/api/v1/staff/nobody.here/sign-off", "ts.gla").status == .notFound)
                #expect(try await api.send(.get, "/api/v1/staff/nobody.here/quality", "ts.gla").status == .notFound)
                for n in 1...3 {
                    let version = try await Self.claimAtDecision(api, n)
                    #expect(try await api.send(.post, Self.path(n) + "/decision-drafts", "dm.gla", try jsonBody(try await Self.draft(fixture, n), version: version)).status == .created)
                    let completion = try object(try await api.send(.post, Self.path(n) + "/decision-drafts/1/complete", "dm.gla", nil, ifMatch: version + 1))
                    #expect((field(completion, "sample.decision.reasons") as? [[String: Any]] ?? []).contains { $0["code"] as? String == "before-sign-off" })
                    #expect(try await api.send(.post, Self.path(n) + "/quality-assessments", "ts.gla", #"{"expectedVersion":\#(version + 2),\#(Self.passing)}"#).status == .created)
                    let progress = try object(try await api.send(.get, "/api/v1/staff/dm.gla/sign-off", "dm.gla"))
                    #expect(progress["summary"] as? String == (n < 3 ? "\(n) of 3 decisions at DQ1 or DQ2" : "3 of 3 decisions at DQ1 or DQ2: ready to be signed off"))
                    #expect(progress["ready"] as? Bool == (n == 3))
                    if n == 2 {
                        let early = try await api.send(.post, "/api/v1/staff/dm.gla/sign-off", "ts.gla", #"{"reason":"Going well"}"#)
                        #expect(early.status == .unprocessableContent && early.headers[.contentType] == "application/problem+json")
                        #expect(try problemFields(early) == ["signedOff"])
                    }
                }
                #expect(try await api.send(.get, "/api/v1/staff/dm.gla/sign-off", "dm.lee").status == .forbidden)
                for user in ["tl.gla", "dm.gla2", "dm.gla"] {
                    #expect(try await api.send(.post, "/api/v1/staff/dm.gla/sign-off", user, #"{}"#).status == .forbidden, "\(user)")
                }
                let signed = try await api.send(.post, "/api/v1/staff/dm.gla/sign-off", "ts.gla", #"{"reason":"Three good decisions"}"#)
                #expect(signed.status == .ok, "\(String(buffer: signed.body))")
                #expect(try object(signed)["signedOff"] as? Bool == true)
                let again = try await api.send(.post, "/api/v1/staff/dm.gla/sign-off", "ts.gla")
                #expect(try problemFields(again) == ["signedOff"])
                let staff = String(buffer: try await api.send(.get, "/api/v1/staff/dm.gla", "tl.gla").body)
                #expect(staff.contains(#""signedOff":true"#) && staff.contains("Signed off as competent by ts.gla"))
                // Signed off, the next decision is no longer checked for that reason.
                let version = try await Self.claimAtDecision(api, 4)
                #expect(try await api.send(.post, Self.path(4) + "/decision-drafts", "dm.gla", try jsonBody(try await Self.draft(fixture, 4), version: version)).status == .created)
                let completion = try object(try await api.send(.post, Self.path(4) + "/decision-drafts/1/complete", "dm.gla", nil, ifMatch: version + 1))
                #expect(!(field(completion, "sample.decision.reasons") as? [[String: Any]] ?? []).contains { $0["code"] as? String == "before-sign-off" })
                let quality = try object(try await api.send(.get, "/api/v1/staff/dm.gla/quality", "tl.gla"))
                #expect((quality["checks"] as? [Any])?.count == 3 && field(quality, "signOff.signedOff") as? Bool == true)
                #expect(field(quality, "calculated.high.share") as? Double == 1 && field(quality, "checksInWindow") as? Int == 3)
            }
        }
    }

    @Test("The quality views: months, dates and units checked by field; who sees which unit; the pack as CSV", arguments: TestDatabases.kinds)
    func qualityViews(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await decisionFixture(database)
            try await fixture.app().test(.router) { client in
                let api = DecisionAPI(fixture: fixture, client: client)
                let version = try await Self.claimAtDecision(api, 1)
                #expect(try await api.send(.post, Self.path(1) + "/decision-drafts", "dm.gla", try jsonBody(try await Self.draft(fixture, 1), version: version)).status == .created)
                #expect(try await api.send(.post, Self.path(1) + "/decision-drafts/1/complete", "dm.gla", nil, ifMatch: version + 1).status == .ok)

                for bad in ["2023-13", "November", "2023-1", "23-11"] {
                    let response = try await api.send(.get, "/api/v1/units/DMU-GLA/quality?month=\(bad)", "tl.gla")
                    #expect(response.status == .unprocessableContent, "\(bad)")
                    #expect(try problemFields(response) == ["month"])
                }
                #expect(try problemFields(try await api.send(.get, "/api/v1/quality?month=x", "mi.one")) == ["month"])
                #expect(try problemFields(try await api.send(.get, "/api/v1/units/DMU-GLA/quality-pack.csv?month=2023-00", "tl.gla")) == ["month"])
                #expect(try problemFields(try await api.send(.get, "/api/v1/quality/overturn-rates?from=2023-02-30", "tl.gla")) == ["from"])
                #expect(try problemFields(try await api.send(.get, "/api/v1/quality/overturn-rates?to=tomorrow", "tl.gla")) == ["to"])
                #expect(try problemFields(try await api.send(.get, "/api/v1/quality/overturn-rates?from=2023-11-01&to=2023-10-01", "tl.gla")) == ["from"])
                #expect(try problemFields(try await api.send(.get, "/api/v1/quality/checks-waiting?unit=DMU%20GLA", "tl.gla")) == ["unit"])

                // This month by default; the decision completed today is counted and waiting for its check.
                let month = try object(try await api.send(.get, "/api/v1/units/DMU-GLA/quality", "ts.gla"))
                #expect(month["month"] as? String == "2023-10" && month["unit"] as? String == "DMU-GLA" && month["monthTitle"] as? String == "October 2023")
                let decisions = (month["sampling"] as? [[String: Any]])?.first { $0["work"] as? String == "decision" }
                #expect(decisions?["completed"] as? Int == 1 && decisions?["awaitingCheck"] as? Int == 1 && field(decisions, "reasons.before-sign-off") as? Int == 1)
                #expect(field(decisions, "checkedShare.target") as? Double == 0.035 && field(decisions, "checkedShare.share") as? Double == 0)
                #expect(field(month, "preService.total") as? Int == 0 && field(month, "preService.share") == nil)
                #expect((month["workers"] as? [[String: Any]])?.contains { $0["worker"] as? String == "dm.gla" && $0["overdue"] as? Bool == true } == true)
                #expect((month["trendMonths"] as? [String]) == ["2023-05", "2023-06", "2023-07", "2023-08", "2023-09", "2023-10"])

                // Who sees what: unit roles their own unit, national roles any or all; others not at all.
                #expect(try await api.send(.get, "/api/v1/units/DMU-GLA/quality", "dm.gla").status == .forbidden)
                #expect(try await api.send(.get, "/api/v1/units/DMU-LEE/quality", "tl.gla").status == .forbidden)
                #expect(try await api.send(.get, "/api/v1/units/DMU-NOWHERE/quality", "mi.one").status == .notFound)
                #expect(try await api.send(.get, "/api/v1/units/DMU-LEE/quality", "mi.one").status == .ok)
                #expect(try await api.send(.get, "/api/v1/quality", "tl.gla").status == .forbidden)
                let national = try object(try await api.send(.get, "/api/v1/quality?month=2023-10", "mi.one"))
                #expect(national["unit"] == nil && (national["workers"] as? [Any])?.isEmpty == true)
                #expect((national["sampling"] as? [[String: Any]])?.first { $0["work"] as? String == "decision" }?["completed"] as? Int == 1)

                let waiting = try object(try await api.send(.get, "/api/v1/quality/checks-waiting", "ts.gla"))
                #expect(waiting["unit"] as? String == "DMU-GLA" && waiting["total"] as? Int == 1 && field(waiting, "checks.0.daysWaiting") as? Int == 0)
                #expect(try await api.send(.get, "/api/v1/quality/checks-waiting", "dm.gla").status == .forbidden)
                #expect(try await api.send(.get, "/api/v1/quality/checks-waiting?unit=DMU-LEE", "ts.gla").status == .forbidden)
                #expect(try await api.send(.get, "/api/v1/quality/checks-waiting?unit=DMU-NOWHERE", "mi.one").status == .notFound)
                #expect(try object(try await api.send(.get, "/api/v1/quality/checks-waiting", "mi.one"))["unit"] == nil)

                let pack = try await api.send(.get, "/api/v1/units/DMU-GLA/quality-pack.csv?month=2023-10", "tl.gla")
                #expect(pack.status == .ok && pack.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(pack.headers[.contentDisposition] == #"attachment; filename="quality-DMU-GLA-2023-10.csv""#)
                let csv = String(buffer: pack.body)
                #expect(csv.hasPrefix("section,measure,value,total,share,target,source\r\nscope,unit,DMU-GLA,,,,\r\nscope,month,2023-10,,,,\r\n"))
                #expect(csv.contains("sampling,decision completed,1,,,,10.8\r\n"))
                #expect(try await api.send(.get, "/api/v1/units/DMU-GLA/quality-pack.csv", "dm.gla").status == .forbidden)

                let rates = try object(try await api.send(.get, "/api/v1/quality/overturn-rates", "tl.gla"))
                #expect(rates["from"] as? String == "2022-11-01" && rates["to"] as? String == "2023-10-27" && field(rates, "total.determined") as? Int == 0)
                #expect(field(rates, "total.overturnRate") == nil)
                #expect(try await api.send(.get, "/api/v1/quality/overturn-rates?unit=DMU-LEE", "tl.gla").status == .forbidden)
                #expect(try await api.send(.get, "/api/v1/quality/overturn-rates", "dm.gla").status == .forbidden)
                #expect(try await api.send(.get, "/api/v1/quality/overturn-rates", "mi.one").status == .ok)
            }
        }
    }
}
