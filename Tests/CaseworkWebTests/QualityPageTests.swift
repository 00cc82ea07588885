import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The quality pages, through the real router on both stores: a unit's month, the pack, the checks waiting, a
/// decision maker's feedback with sign-off, and appeal overturn rates; each refusal named by field.
@Suite("Quality pages: the unit's month, the pack, checks waiting, a decision maker's feedback and sign-off, overturn rates")
struct QualityPageTests {
    static let officer = Actor(staff: "ao.gla", role: .administrativeOfficer, unit: "DMU-GLA")
    static let dm = Actor(staff: "dm.gla", role: .decisionMaker, unit: "DMU-GLA")
    static let dm2 = Actor(staff: "dm.gla2", role: .decisionMaker, unit: "DMU-GLA")

    /// October 2023 in DMU-GLA: dm.gla (on 100% checks) has three grants checked at DQ1–DQ2 and served (CW-0000001–3);
    /// dm.gla2 has a decision completed and waiting for its check (CW-0000004); and an imported refusal of dm.gla's,
    /// served on 5 October, was appealed and the appeal allowed on 20 October for out-of-date country evidence.
    static func setUp(_ fixture: APIFixture, _ client: some TestClientProtocol) async throws -> ClaimReference {
        let api = DecisionAPI(fixture: fixture, client: client)
        let store = fixture.store
        for n in 1...3 {
            _ = try await DecisionsAPITests.claimAtDecision(api, n)
            let served = try await DecisionPath.serve(store, .numbered(n), author: dm, server: officer)
            #expect(served.stage == .served)
        }
        let version = try await DecisionsAPITests.claimAtDecision(api, 4)
        let claim = try await store.claim(.numbered(4), for: dm2)
        let draft = try await store.saveDecisionDraft(DecisionPath.draftInput(for: claim), on: claim.reference, expectedVersion: version, by: dm2)
        let completion = try await store.completeDecision(draft: draft.number, on: claim.reference, expectedVersion: version + 1, by: dm2)
        #expect(completion.sample.decision.selected)

        func at(_ day: Int, _ ms: Int64 = 0) -> Instant { Instant(startOf: LocalDate(year: 2023, month: 10, day: day)!).adding(milliseconds: 10 * 3_600_000 + ms) }
        var input = RegistrationInput()
        input.mainApplicant = PersonInput(givenNames: "Ruth", familyName: "Haile", dateOfBirth: "1990-01-09", sex: "female", nationality: "ERI")
        input.dateOfClaim = "2022-12-01"
        input.languages = [LanguageInput(language: "tigrinya")]
        let facts = try input.validated(today: LocalDate(year: 2023, month: 10, day: 27)!).facts
        let sample = WorkSample(
            id: "imported@6", work: .decision, subject: 1, worker: dm.staff, completedOn: at(4).date, refusal: true, triggers: [],
            decision: SamplingDecision(selected: false, depth: nil, reasons: [], draw: 0.5, policyVersion: 1)
        )
        let letter = Letter(kind: .decisionRefusal, dated: at(5).date, recipients: ["claimant"], method: .post, producedBy: officer.staff, body: "Decision")
        let history = ClaimHistory(facts: facts, owningUnit: "DMU-GLA", registeredBy: officer, registeredAt: at(2), later: [
            (.stageChanged(from: .registration, to: .screening), officer, at(2, 1), nil),
            (.stageChanged(from: .screening, to: .workInProgress), officer, at(2, 2), nil),
            (.stageChanged(from: .workInProgress, to: .decision), dm, at(2, 3), nil),
            (.decisionDrafted(DecisionDraft(
                number: 1, author: dm.staff, outcome: .refusal, template: "refusal-flow", templateVersion: 1, answers: [], basis: [], medicoLegalReport: false,
                refusalReasons: [], twoStage: nil, reasoning: "Reasons"
            )), dm, at(3), nil),
            (.decisionCompleted(DecisionCompletion(draft: 1, outcome: .refusal, author: dm.staff, completedOn: at(4).date, resubmission: false, sample: sample)), dm, at(4), nil),
            (.decisionServed(DecisionService(draft: 1, outcome: .refusal, author: dm.staff, servedOn: at(5).date, method: .post, recipients: ["claimant"], letter: letter)), officer, at(5), nil),
            (.appealLodged(AppealLodged(number: 1, decision: 1, author: dm.staff, lodgedOn: at(6).date, appealReference: "PA/00042/2023")), officer, at(6), nil),
            (.appealDetermined(AppealDetermination(
                number: 1, decision: 1, author: dm.staff, outcome: .allowed, determinedOn: at(20).date, themes: ["country-evidence"],
                findings: "The country policy note relied on was out of date."
            )), officer, at(20), nil),
        ])
        let imported = try await store.importHistories([history])
        return try #require(imported.first)
    }

    static func get(_ client: some TestClientProtocol, _ who: DecisionPageTests.Browser, _ uri: String) async throws -> (status: HTTPResponse.Status, html: String) {
        let response = try await client.execute(uri: uri, method: .get, headers: who.headers)
        return (response.status, String(buffer: response.body))
    }

    @Test("A unit's month: sampling, reasons, checks before service, scores against 75%, checks per caseworker, themes and appeals", arguments: TestDatabases.kinds)
    func month(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await decisionFixture(database)
            try await fixture.app().test(.router) { client in
                _ = try await Self.setUp(fixture, client)
                let tl = try await DecisionPageTests.browser(client, "tl.gla")
                let (status, html) = try await Self.get(client, tl, "/quality")
                #expect(status == .ok)
                #expect(html.contains(#"<a class="casework-service-navigation__link" href="/quality" aria-current="page">Quality</a>"#))
                #expect(html.contains("Quality of DMU-GLA: October 2023"))
                // Four decisions completed in October (one imported), all four by workers on 100% checks but the imported one.
                #expect(html.contains(#"<tr class="govuk-table__row" id="sampling-decision">"#))
                let decisionRow = try #require(html.range(of: #"id="sampling-decision">"#).map { String(html[$0.upperBound...].prefix(900)) })
                let cells = decisionRow.components(separatedBy: #"<td class="govuk-table__cell govuk-table__cell--numeric">"#).dropFirst().map { $0.prefix { $0 != "<" } }
                #expect(cells.prefix(7) == ["5", "4", "0", "0.00%", "3", "1", "0"], "completed, selected, random, random share, checked, waiting, cancelled: \(cells)")
                #expect(html.contains(#"data-reason="before-sign-off""#) && html.contains("Not yet signed off: all their decisions and interviews are checked"))
                #expect(html.contains("3 of 3 checks of decisions made in October 2023 were made before the decision was served: 100.00%"))
                #expect(html.contains(#"id="scores-calculated""#) && html.contains("3 of 3: 100.00%"))
                #expect(html.contains(#"<tr class="govuk-table__row" id="worker-dm.gla">"#) && html.contains(#"href="/quality/staff/dm.gla""#))
                #expect(html.contains(#"id="theme-country-evidence""#) && html.contains(#"id="theme-good-practice""#))
                #expect(html.contains("1 appeal determined in October 2023: 1 allowed, 0 dismissed, 0 withdrawn."))
                #expect(html.contains(#"href="/quality/pack.csv?unit=DMU-GLA&amp;month=2023-10""#))

                let pack = try await client.execute(uri: "/quality/pack.csv?unit=DMU-GLA&month=2023-10", method: .get, headers: tl.headers)
                #expect(pack.status == .ok && pack.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(pack.headers[.contentDisposition] == #"attachment; filename="quality-pack-DMU-GLA-2023-10.csv""#)
                let csv = String(buffer: pack.body)
                #expect(csv.hasPrefix("section,measure,value,total,share,target,source\r\n") && csv.contains("sampling,decision completed,5,,,,10.8\r\n"))

                // Refusals, each named by field.
                let badMonth = try await Self.get(client, tl, "/quality?month=2023-13")
                #expect(badMonth.status == .unprocessableContent && badMonth.html.contains("govuk-error-summary") && badMonth.html.contains(##"<a href="#month">"##))
                #expect(badMonth.html.contains(#"value="2023-13""#))
                let badPack = try await client.execute(uri: "/quality/pack.csv?month=October", method: .get, headers: tl.headers)
                #expect(badPack.status == .unprocessableContent && String(buffer: badPack.body).contains(##"<a href="#month">"##))
                #expect(try await Self.get(client, tl, "/quality?unit=DMU-LEE").status == .forbidden)
                let dm = try await DecisionPageTests.browser(client, "dm.gla")
                #expect(try await Self.get(client, dm, "/quality").status == .forbidden)
                #expect(try await Self.get(client, dm, "/quality/checks").status == .forbidden)

                // A national role chooses a unit, or sees every unit together.
                let mi = try await DecisionPageTests.browser(client, "mi.one")
                let all = try await Self.get(client, mi, "/quality?month=2023-10")
                #expect(all.status == .ok && all.html.contains("Quality of every unit: October 2023") && all.html.contains(#"<option value="DMU-LEE""#))
                #expect(all.html.contains("Choose a unit to see its caseworkers."))
                let unknown = try await Self.get(client, mi, "/quality?unit=DMU-NOPE")
                #expect(unknown.status == .unprocessableContent && unknown.html.contains(##"<a href="#unit">"##) && unknown.html.contains("no unit has the code DMU-NOPE"))
            }
        }
    }

    @Test("Checks waiting: the decision that cannot be served until checked, with why it was selected", arguments: TestDatabases.kinds)
    func checksWaiting(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await decisionFixture(database)
            try await fixture.app().test(.router) { client in
                _ = try await Self.setUp(fixture, client)
                let ts = try await DecisionPageTests.browser(client, "ts.gla")
                let (status, html) = try await Self.get(client, ts, "/quality/checks")
                #expect(status == .ok)
                #expect(html.contains(#"href="/quality/checks" aria-current="page""#))
                #expect(html.contains("1 piece of work is waiting for a check; 1 decision cannot be served until it is checked"))
                #expect(html.contains(#"<tr class="govuk-table__row" id="check-CW-0000004@6">"#))
                #expect(html.contains(#"href="/claims/CW-0000004/decision">CW-0000004</a>"#) && html.contains("Blocks service"))
                #expect(html.contains("The worker is not yet signed off: all their work is checked (10.8)"))
            }
        }
    }

    @Test("A decision maker's feedback: every check, appeal findings, sign-off progress, and sign-off by a technical specialist once earned", arguments: TestDatabases.kinds)
    func feedbackAndSignOff(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await decisionFixture(database)
            try await fixture.app().test(.router) { client in
                let refusal = try await Self.setUp(fixture, client)
                let dm = try await DecisionPageTests.browser(client, "dm.gla")
                let own = try await Self.get(client, dm, "/quality/staff/dm.gla")
                #expect(own.status == .ok)
                #expect(own.html.contains(#"href="/quality/staff/dm.gla" aria-current="page""#) && own.html.contains("Your feedback"))
                #expect(own.html.contains("Ready to sign off") && own.html.contains("3 of 3 decisions at DQ1 or DQ2: ready to be signed off"))
                #expect(own.html.components(separatedBy: #"<li><a class="govuk-link" href="/claims/CW-000000"#).count == 4)
                #expect(!own.html.contains("/sign-off\""), "a decision maker cannot sign anyone off")
                #expect(own.html.contains("3 checks of their work, newest first.") && own.html.contains("Well reasoned; clear findings."))
                #expect(own.html.contains(#"id="appeal-\#(refusal.rawValue)-1""#) && own.html.contains(#"govuk-tag--red">Allowed"#))
                #expect(own.html.contains("The country policy note relied on was out of date."))
                #expect(try await Self.get(client, dm, "/quality/staff/dm.gla2").status == .forbidden)
                let lee = try await DecisionPageTests.browser(client, "dm.lee")
                #expect(try await Self.get(client, lee, "/quality/staff/dm.gla").status == .forbidden)
                #expect(try await Self.get(client, dm, "/quality/staff/nobody.here").status == .notFound)

                let ts = try await DecisionPageTests.browser(client, "ts.gla")
                // Not yet earned: refused with the reason, nothing written.
                let early = try await client.execute(
                    uri: "/quality/staff/dm.gla2/sign-off", method: .post, headers: ts.headers, body: form([("reason", "Keen"), ("csrfToken", ts.csrf)])
                )
                let earlyHTML = String(buffer: early.body)
                #expect(early.status == .unprocessableContent && earlyHTML.contains(##"<a href="#sign-off">"##) && earlyHTML.contains(#"id="sign-off-error""#))
                #expect(try await fixture.store.signOffProgress(of: "dm.gla2", for: DecisionPath.technicalSpecialist).signedOff == false)

                let page = try await Self.get(client, ts, "/quality/staff/dm.gla")
                #expect(page.html.contains(#"action="/quality/staff/dm.gla/sign-off""#) && page.html.contains("Sign off dm.gla as competent"))
                let noToken = try await client.execute(uri: "/quality/staff/dm.gla/sign-off", method: .post, headers: ts.headers, body: form([("reason", "x")]))
                #expect(noToken.status == .forbidden)
                let signed = try await client.execute(
                    uri: "/quality/staff/dm.gla/sign-off", method: .post, headers: ts.headers, body: form([("reason", "Three good decisions"), ("csrfToken", ts.csrf)])
                )
                #expect(signed.status == .seeOther && signed.headers[.location] == "/quality/staff/dm.gla?done=signed-off#sign-off")
                let after = try await Self.get(client, ts, "/quality/staff/dm.gla?done=signed-off")
                #expect(after.html.contains("govuk-notification-banner--success") && after.html.contains("dm.gla is signed off as competent"))
                #expect(after.html.contains(#"govuk-tag--green">Signed off"#) && !after.html.contains(#"action="/quality/staff/dm.gla/sign-off""#))
                let again = try await client.execute(
                    uri: "/quality/staff/dm.gla/sign-off", method: .post, headers: ts.headers, body: form([("csrfToken", ts.csrf)])
                )
                #expect(again.status == .unprocessableContent)
            }
        }
    }

    @Test("Overturn rates by unit, cohort and decision maker; dates checked by field", arguments: TestDatabases.kinds)
    func overturnRates(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await decisionFixture(database)
            try await fixture.app().test(.router) { client in
                _ = try await Self.setUp(fixture, client)
                let tl = try await DecisionPageTests.browser(client, "tl.gla")
                let (status, html) = try await Self.get(client, tl, "/quality/appeals")
                #expect(status == .ok && html.contains("Appeal overturn rates: DMU-GLA"))
                #expect(html.contains("1 appeal determined from") && html.contains("1 allowed, 0 dismissed, 0 withdrawn. Overturn rate: 100.00%"))
                #expect(html.contains(#"<tr class="govuk-table__row" id="dm-dm.gla">"#) && html.contains(#"<a class="govuk-link" href="/quality/staff/dm.gla">dm.gla</a>"#))
                #expect(html.contains(#"<tr class="govuk-table__row" id="unit-DMU-GLA">"#))
                let bad = try await Self.get(client, tl, "/quality/appeals?from=2023-02-30&to=soon")
                #expect(bad.status == .unprocessableContent && bad.html.contains(##"<a href="#from">"##) && bad.html.contains(##"<a href="#to">"##))
                let later = try await Self.get(client, tl, "/quality/appeals?from=2023-10-21&to=2023-10-27")
                #expect(later.status == .ok && later.html.contains("No appeal was determined in this period."))
            }
        }
    }
}
