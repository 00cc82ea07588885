import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("A claim's decision page: the gates before service, drafting from a template, checks, service and its letter")
struct DecisionPageTests {
    static let claim: ClaimReference = "CW-0000001"
    static let page = "/claims/CW-0000001/decision"
    static let officer = Actor(staff: "ao.gla", role: .administrativeOfficer, unit: "DMU-GLA")

    /// The API fixture with a technical specialist added, and claim CW-0000001 (an Eritrean flow claim on asylum
    /// support) registered and moved to the decision stage through the store: version 4.
    static func setUp(_ fixture: APIFixture, _ client: some TestClientProtocol) async throws {
        let hash = PasswordHasher(cost: 4).hash("correct horse battery")
        try await fixture.store.addStaff(StaffMember(username: "ts.gla", displayName: "ts.gla", role: .technicalSpecialist, unit: "DMU-GLA"), passwordHash: hash)
        let created = try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON))
        #expect(created.status == .created)
        var version = 1
        for stage in [Stage.screening, .workInProgress, .decision] {
            version = try await fixture.store.perform(.moveStage(to: stage), on: claim, expectedVersion: version, by: officer, reason: nil).version
        }
        #expect(version == 4)
    }

    struct Browser {
        let headers: HTTPFields
        let csrf: String
    }

    static func browser(_ client: some TestClientProtocol, _ username: String) async throws -> Browser {
        let session = try await signIn(client, username: username)
        return Browser(headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"], csrf: session.csrf)
    }

    static func get(_ client: some TestClientProtocol, _ who: Browser, _ uri: String = page) async throws -> (status: HTTPResponse.Status, html: String) {
        let response = try await client.execute(uri: uri, method: .get, headers: who.headers)
        return (response.status, String(buffer: response.body))
    }

    static func post(_ client: some TestClientProtocol, _ who: Browser, _ path: String, version: Int, _ fields: [(String, String)]) async throws -> (status: HTTPResponse.Status, html: String, location: String) {
        let response = try await client.execute(
            uri: page + path, method: .post, headers: who.headers, body: form(fields + [("expectedVersion", String(version)), ("csrfToken", who.csrf)])
        )
        return (response.status, String(buffer: response.body), response.headers[.location] ?? "")
    }

    static func version(_ fixture: APIFixture) async throws -> Int { try await fixture.store.claim(claim, for: .system).version }

    /// Every question of the Eritrea grant minute answered yes, with the rest of a complete grant of refugee status.
    static func completeGrant(reasoning: String) -> [(String, String)] {
        let template = DecisionTemplateCatalogue.current.current("grant-eritrea")!
        var fields: [(String, String)] = [
            ("form", "draft"), ("outcome", "grant-asylum"), ("template", "grant-eritrea"), ("checklistTemplate", "grant-eritrea"),
            ("checklistVersion", String(template.version)),
        ]
        for item in template.items {
            fields.append(("answer-" + item.code, "yes"))
            fields.append(("note-" + item.code, ""))
        }
        fields += [
            ("basis", "political-opinion"), ("characteristicMet", "yes"), ("characteristicReasons", "He evaded national service, which is accepted."),
            ("fearMet", "yes"), ("fearReasons", "His fear of punishment for evasion is genuine."), ("persecutionOnReturnMet", "yes"),
            ("persecutionOnReturnReasons", "MST and Others: those of national service age who left illegally are at real risk."), ("reasoning", reasoning),
        ]
        return fields
    }

    @Test("The page shows the gates before service as a task list, each closed one with why", arguments: TestDatabases.kinds)
    func gates(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                try await Self.setUp(fixture, client)
                let dm = try await Self.browser(client, "dm.gla")
                let claimPage = try await Self.get(client, dm, "/claims/CW-0000001").html
                #expect(claimPage.contains(#"href="/claims/CW-0000001/decision">Decision and quality</a>"#))
                // The claim page offers closures only: grants and refusals go through the decision page.
                #expect(claimPage.contains(#"<option value="void">"#) && claimPage.contains(#"<option value="withdrawn-explicitly">"#))
                #expect(!claimPage.contains(#"<option value="grant-asylum">"#) && !claimPage.contains(#"<option value="refusal">"#))
                // The claim page itself says which gates before service are closed, and why.
                #expect(claimPage.contains(#"<h2 class="govuk-heading-m" id="gates">Before service</h2>"#))
                #expect(claimPage.contains("3 of 5 gates before service are closed:"))
                #expect(claimPage.contains("<li>Operating Mandate checks complete: Not yet recorded: Biometrics taken and matched"))

                let (status, html) = try await Self.get(client, dm)
                #expect(status == .ok)
                #expect(html.contains(#"<ul class="govuk-task-list">"#))
                for gate in ServiceGate.allCases { #expect(html.contains(#"<li class="govuk-task-list__item" id="gate-\#(gate.rawValue)">"#)) }
                #expect(html.contains("No decision has been drafted"))
                #expect(html.contains("Not yet recorded: Biometrics taken and matched; aliases revealed recorded"))
                #expect(html.contains("Not yet recorded: Security checks (watchlist; Special Cases Unit referral where needed)"))
                #expect(html.contains("Sampling decides when the decision is completed"))
                #expect(html.contains(#"<strong class="govuk-tag govuk-tag--red">Closed</strong>"#))
                #expect(html.contains(#"<strong class="govuk-tag govuk-tag--green">Open</strong>"#))  // no barrier, no hold
                #expect(html.contains("No decision is ready for service."))
                // The decision maker may start a draft: outcome and template first, the templates that fit an Eritrean flow claim.
                #expect(html.contains(#"action="/claims/CW-0000001/decision/drafts""#))
                #expect(html.contains(#"value="grant-eritrea""#) && html.contains(#"value="refusal-flow""#) && html.contains(#"value="grant-general""#))
                #expect(!html.contains(#"value="refusal-legacy""#) && !html.contains(#"value="grant-afghanistan""#))
                #expect(html.contains("Eritrea") && html.contains("Flow (claim made 3 November 2022)"))
            }
        }
    }

    @Test("A draft refused by field gives 422 with the error summary linking each field, what was typed kept and nothing written", arguments: TestDatabases.kinds)
    func refusedDraft(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                try await Self.setUp(fixture, client)
                let dm = try await Self.browser(client, "dm.gla")
                // A refusal template for a grant, and no outcome at all.
                let mismatched = try await Self.post(client, dm, "/drafts", version: 4, [("form", "start"), ("outcome", "grant-asylum"), ("template", "refusal-flow")])
                #expect(mismatched.status == .unprocessableContent && mismatched.html.contains("govuk-error-summary"))
                #expect(mismatched.html.contains(##"<a href="#template">"##))
                #expect(mismatched.html.contains(#"<input class="govuk-radios__input" id="template-"#) && mismatched.html.contains(#"value="refusal-flow" checked>"#))
                let missing = try await Self.post(client, dm, "/drafts", version: 4, [("form", "start"), ("template", "grant-eritrea")])
                #expect(missing.status == .unprocessableContent && missing.html.contains(##"<a href="#outcome">"##))
                #expect(try await Self.version(fixture) == 4)
                #expect(try await fixture.store.decisions(of: Self.claim, for: .system).drafts.isEmpty)

                // A real draft, then a save with an answer that is not one: refused by the question's field.
                let started = try await Self.post(client, dm, "/drafts", version: 4, [("form", "start"), ("outcome", "grant-asylum"), ("template", "grant-eritrea")])
                #expect(started.status == .seeOther && started.location == "/claims/CW-0000001/decision?done=started#decision")
                let draftPage = try await Self.get(client, dm).html
                #expect(draftPage.contains(#"action="/claims/CW-0000001/decision/drafts/1""#))
                #expect(draftPage.contains("Is the claimant") && draftPage.contains("MST and Others (national service"))
                #expect(draftPage.contains(#"id="answer-identity-established""#) && draftPage.contains(#"id="note-identity-established""#))
                #expect(draftPage.contains(#"id="characteristicMet""#) && draftPage.contains("Save draft") && draftPage.contains("Complete decision"))

                let typed = "Reasoning typed before the problem, kept."
                let bad = try await Self.post(client, dm, "/drafts/1", version: 5, [
                    ("form", "draft"), ("outcome", "grant-asylum"), ("template", "grant-eritrea"), ("checklistTemplate", "grant-eritrea"), ("checklistVersion", "1"),
                    ("answer-identity-established", "maybe"), ("characteristicMet", "yes"), ("reasoning", typed),
                ])
                #expect(bad.status == .unprocessableContent)
                #expect(bad.html.contains(##"<a href="#answer-identity-established">"##))
                #expect(bad.html.contains(##"<a href="#characteristicReasons">"##))  // stage one (a) met, but no reasons
                #expect(bad.html.contains(#"<p id="answer-identity-established-error" class="govuk-error-message">"#))
                #expect(bad.html.contains(typed))
                #expect(try await Self.version(fixture) == 5)
                #expect(try await fixture.store.decisions(of: Self.claim, for: .system).drafts.first?.draft.reasoning == "")

                // A stale version: 409, the page as it is now, what was typed kept.
                let stale = try await Self.post(client, dm, "/drafts/1", version: 4, [("form", "draft"), ("outcome", "grant-asylum"), ("template", "grant-eritrea"), ("reasoning", typed)])
                #expect(stale.status == .conflict && stale.html.contains(typed) && stale.html.contains(##"<a href="#outcome">"##))
                #expect(try await Self.version(fixture) == 5)

                // Completing what is not finished: every missing answer named, linked to its question.
                let early = try await Self.post(client, dm, "/drafts/1/complete", version: 5, [])
                #expect(early.status == .unprocessableContent)
                #expect(early.html.contains(##"<a href="#answer-status-justified">"##) && early.html.contains(##"<a href="#reasoning">"##))
                #expect(early.html.contains(##"<a href="#basis">"##) && early.html.contains(##"<a href="#characteristicMet">"##))
                #expect(try await Self.version(fixture) == 5)
            }
        }
    }

    @Test("Through the pages: a grant drafted with every answer, completed, checked, the Operating Mandate recorded, served, the letter shown", arguments: TestDatabases.kinds)
    func grantServed(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                try await Self.setUp(fixture, client)
                let dm = try await Self.browser(client, "dm.gla")
                let ts = try await Self.browser(client, "ts.gla")
                let ao = try await Self.browser(client, "ao.gla")
                #expect(try await Self.post(client, dm, "/drafts", version: 4, [("form", "start"), ("outcome", "grant-asylum"), ("template", "grant-eritrea")]).status == .seeOther)
                // The minute's reasoning, far longer than the 999 characters notes used to be cut at (8.107).
                let reasoning = (1...60).map { "Paragraph \($0): the account given by the claimant of evading national service is consistent and detailed." }.joined(separator: "\n")
                let completed = try await Self.post(client, dm, "/drafts/1/complete", version: 5, Self.completeGrant(reasoning: reasoning))
                #expect(completed.status == .seeOther && completed.location == "/claims/CW-0000001/decision?done=completed#gates")
                #expect(try await Self.version(fixture) == 7)  // saved, then completed
                let record = try await fixture.store.decisions(of: Self.claim, for: .system)
                #expect(record.drafts.first?.status == .completed && record.drafts.first?.draft.reasoning == reasoning)
                #expect(record.stage == .qualityAssurance)  // a first decision is always checked (10.8)

                let afterCompletion = try await Self.get(client, dm, Self.page + "?done=completed").html
                #expect(afterCompletion.contains("The decision was completed."))
                #expect(afterCompletion.contains("Selected for a full check before service") && afterCompletion.contains("Awaiting a check"))
                #expect(afterCompletion.contains("cannot be served until every gate is open"))
                #expect(!afterCompletion.contains(#"action="/claims/CW-0000001/decision/assessments""#))  // not the decision maker's to check

                // Service refused while gates are closed: each closed gate named and linked to its row.
                let early = try await Self.post(client, ao, "/service", version: 7, [("form", "service"), ("method", "post")])
                #expect(early.status == .unprocessableContent)
                #expect(early.html.contains(##"<a href="#gate-operating-mandate">"##) && early.html.contains(##"<a href="#gate-quality-check">"##))
                #expect(try await Self.version(fixture) == 7)

                // The technical specialist sees the draft whole and the check form, and records a check.
                let tsPage = try await Self.get(client, ts).html
                #expect(tsPage.contains(#"action="/claims/CW-0000001/decision/assessments""#) && tsPage.contains(reasoning))
                #expect(tsPage.contains(#"id="operatingMandate""#) && tsPage.contains(#"value="good-practice""#))
                let refusedCheck = try await Self.post(client, ts, "/assessments", version: 7, [("form", "assessment"), ("work", "decision"), ("casework", "DQ2")])
                #expect(refusedCheck.status == .unprocessableContent)
                #expect(refusedCheck.html.contains(##"<a href="#operatingMandate">"##) && refusedCheck.html.contains(##"<a href="#feedback">"##) && refusedCheck.html.contains(##"<a href="#outcomeCorrect">"##))
                let checked = try await Self.post(client, ts, "/assessments", version: 7, [
                    ("form", "assessment"), ("work", "decision"), ("subject", "1"), ("operatingMandate", "DQ1"), ("casework", "DQ2"), ("process", "DQ1"),
                    ("outcomeCorrect", "yes"), ("feedback", "A clear minute applying MST and Others."), ("themes", "good-practice"), ("mode", "written"), ("depth", "full"),
                ])
                #expect(checked.status == .seeOther)
                let assessment = try await fixture.store.decisions(of: Self.claim, for: .system).assessments.first
                #expect(assessment?.assessor == "ts.gla" && assessment?.scores.calculated == .dq2 && assessment?.themes == ["good-practice"] && assessment?.preService == true)

                // The four Operating Mandate checks, one refused first for want of a note.
                let noNote = try await Self.post(client, ao, "/operating-mandate", version: 8, [("form", "operating-mandate"), ("check", "security"), ("result", "issue-resolved")])
                #expect(noNote.status == .unprocessableContent && noNote.html.contains(##"<a href="#om-note">"##))
                #expect(noNote.html.contains(#"<details class="govuk-details" open>"#))  // the refused form is shown open
                var version = 8
                for check in OperatingMandate.checks {
                    let recorded = try await Self.post(client, ao, "/operating-mandate", version: version, [("form", "operating-mandate"), ("check", check.code), ("result", "clear")])
                    #expect(recorded.status == .seeOther)
                    version += 1
                }
                let ready = try await Self.get(client, ao).html
                #expect(ready.contains("All 4 checks recorded") && ready.contains("Checked by ts.gla"))
                #expect(ready.contains(#"action="/claims/CW-0000001/decision/service""#))

                let served = try await Self.post(client, ao, "/service", version: version, [("form", "service"), ("servedOn", ""), ("method", "post")])
                #expect(served.status == .seeOther && served.location == "/claims/CW-0000001/decision?done=served#service")
                let after = try await Self.get(client, ao, Self.page + "?done=served").html
                #expect(after.contains("The decision was served and its letter produced."))
                #expect(after.contains("Decision: grant, dated 27 October 2023"))
                #expect(after.contains("You have been granted refugee status."))
                #expect(after.contains("Your asylum support and accommodation end 28 days after this letter, on 24 November 2023."))
                #expect(after.contains(reasoning))  // the served decision, whole
                #expect(after.contains("The decision served is a grant, which carries no right of appeal here."))
                let claim = try await fixture.store.claim(Self.claim, for: .system)
                #expect(claim.stage == .served && claim.outcome == .grantAsylum)
            }
        }
    }

    @Test("Forms are shown only to roles that may use them, and a post by another role is refused with 403", arguments: TestDatabases.kinds)
    func permissions(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                try await Self.setUp(fixture, client)
                let mi = try await Self.browser(client, "mi.one")
                let ao = try await Self.browser(client, "ao.gla")
                let dm = try await Self.browser(client, "dm.gla")
                let hub = try await Self.browser(client, "sg.hub")

                // MI reads the page and sees no form at all.
                let miPage = try await Self.get(client, mi)
                #expect(miPage.status == .ok && miPage.html.contains("govuk-task-list"))
                #expect(!miPage.html.contains(#"method="post" action="/claims/CW-0000001/decision"#))
                #expect(try await Self.post(client, mi, "/drafts", version: 4, [("form", "start"), ("outcome", "grant-asylum"), ("template", "grant-eritrea")]).status == .forbidden)

                // An officer records Operating Mandate checks but neither drafts nor checks decisions.
                let aoPage = try await Self.get(client, ao).html
                #expect(aoPage.contains(#"action="/claims/CW-0000001/decision/operating-mandate""#))
                #expect(!aoPage.contains(#"action="/claims/CW-0000001/decision/drafts""#) && !aoPage.contains(#"action="/claims/CW-0000001/decision/assessments""#))
                #expect(try await Self.post(client, ao, "/drafts", version: 4, [("form", "start"), ("outcome", "grant-asylum"), ("template", "grant-eritrea")]).status == .forbidden)
                #expect(try await Self.post(client, ao, "/assessments", version: 4, [("form", "assessment"), ("work", "decision")]).status == .forbidden)

                // A decision maker holds service for safeguarding; only the hub lifts it.
                let placed = try await Self.post(client, dm, "/holds", version: 4, [("form", "hold"), ("kind", "safeguarding"), ("reason", "Disclosed trafficking: referred to the hub.")])
                #expect(placed.status == .seeOther)
                let held = try await Self.get(client, dm).html
                #expect(held.contains("Hold 1: Safeguarding") && held.contains("Disclosed trafficking: referred to the hub."))
                #expect(!held.contains(#"action="/claims/CW-0000001/decision/holds/1/lift""#))
                #expect(try await Self.post(client, dm, "/holds/1/lift", version: 5, [("form", "lift-1"), ("reason", "Cleared")]).status == .forbidden)
                let hubPage = try await Self.get(client, hub).html
                #expect(hubPage.contains(#"action="/claims/CW-0000001/decision/holds/1/lift""#))
                let noReason = try await Self.post(client, hub, "/holds/1/lift", version: 5, [("form", "lift-1"), ("reason", "")])
                #expect(noReason.status == .unprocessableContent && noReason.html.contains(##"<a href="#lift-reason-1">"##))
                let lifted = try await Self.post(client, hub, "/holds/1/lift", version: 5, [("form", "lift-1"), ("reason", "The hub has cleared service: support is in place.")])
                #expect(lifted.status == .seeOther)
                #expect(try await Self.get(client, dm).html.contains("Lifted by sg.hub"))
            }
        }
    }

    @Test("An assessor's check form records a check of the screening interview, and a verbal check names who agreed", arguments: TestDatabases.kinds)
    func screeningChecked(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                try await Self.setUp(fixture, client)
                let ao = try await Self.browser(client, "ao.gla")
                let ts = try await Self.browser(client, "ts.gla")
                let screened = try await Self.post(client, ao, "/screening", version: 4, [("form", "screening"), ("conductedBy", ""), ("conductedOn", "2023-10-27")])
                #expect(screened.status == .seeOther)
                let page = try await Self.get(client, ts).html
                #expect(page.contains("Screening interview") && page.contains("Conducted") && page.contains("27 October 2023 by ao.gla"))
                #expect(page.contains(#"action="/claims/CW-0000001/decision/assessments""#))
                #expect(!page.contains(#"action="/claims/CW-0000001/decision/screening""#))  // recorded once

                // Verbal, without saying who agreed what: refused by field.
                let vague = try await Self.post(client, ts, "/assessments", version: 5, [
                    ("form", "assessment"), ("work", "screening-interview"), ("operatingMandate", "DQ1"), ("casework", "DQ1"), ("process", "DQ3"),
                    ("outcomeCorrect", "yes"), ("feedback", "Thorough screening."), ("mode", "verbal"),
                ])
                #expect(vague.status == .unprocessableContent && vague.html.contains(##"<a href="#agreedWith">"##) && vague.html.contains(##"<a href="#agreement">"##))
                #expect(vague.html.contains("Thorough screening."))  // kept
                let checked = try await Self.post(client, ts, "/assessments", version: 5, [
                    ("form", "assessment"), ("work", "screening-interview"), ("operatingMandate", "DQ1"), ("casework", "DQ1"), ("process", "DQ3"),
                    ("outcomeCorrect", "yes"), ("feedback", "Thorough screening."), ("themes", "process-recording"), ("mode", "verbal"), ("agreedWith", "ao.gla"),
                    ("agreement", "Record the biometric match before the interview next time."),
                ])
                #expect(checked.status == .seeOther)
                let after = try await Self.get(client, ts, Self.page + "?done=assessed").html
                #expect(after.contains("The quality check was recorded.") && after.contains("Check 1"))
                #expect(after.contains("Calculated score") && after.contains("DQ3 (the worse of casework and process, 10.30)"))
                #expect(after.contains("Record the biometric match before the interview next time.") && after.contains("Process and system updates"))
                let assessment = try await fixture.store.decisions(of: Self.claim, for: .system).assessments.first
                #expect(assessment?.work == .screeningInterview && assessment?.mode == .verbal && assessment?.agreedWith == "ao.gla")
            }
        }
    }
    @Test("A refusal after a substantive interview: reasons with their explanations, served with its letter, then an appeal lodged, heard and allowed", arguments: TestDatabases.kinds)
    func refusalAppealed(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            try await InterviewEstate.write(fixture.store, addStaff: false, decisionMakers: ["dm.gla"])
            let clock = try #require(fixture.store.clock as? FixedClock)
            try await fixture.app().test(.router) { client in
                let hash = PasswordHasher(cost: 4).hash("correct horse battery")
                try await fixture.store.addStaff(StaffMember(username: "ts.gla", displayName: "ts.gla", role: .technicalSpecialist, unit: "DMU-GLA"), passwordHash: hash)
                #expect(try await client.execute(uri: "/api/v1/claims", method: .post, headers: fixture.headers("ao.gla"), body: ByteBuffer(string: registrationJSON)).status == .created)
                // The substantive interview a refusal needs (3.37), booked and completed through the store.
                let store = fixture.store
                _ = try await store.recordInterviewNeeds(InterviewNeedsInput(homeArea: "Glasgow", maximumTravelKm: 30, language: "tigrinya", kind: "substantive"), on: Self.claim, expectedVersion: 1, by: Self.officer)
                _ = try await store.bookInterview(
                    BookInterviewInput(date: "2023-11-03", start: "09:30", room: "GLA-1", interpreter: "INT-TIG", decisionMaker: "dm.gla", method: "post"), on: Self.claim,
                    expectedVersion: 2, by: Self.officer
                )
                clock.advance(milliseconds: 7 * 86_400_000 + 4 * 3_600_000)  // Friday 3 November, after the interview
                let dmActor = Actor(staff: "dm.gla", role: .decisionMaker, unit: "DMU-GLA")
                _ = try await store.recordInterviewOutcome(InterviewOutcomeInput(outcome: "completed", actualMinutes: 110), interview: 1, on: Self.claim, expectedVersion: 3, by: dmActor)
                var version = 4
                for stage in [Stage.screening, .workInProgress, .decision] {
                    version = try await store.perform(.moveStage(to: stage), on: Self.claim, expectedVersion: version, by: Self.officer, reason: nil).version
                }
                #expect(version == 7)

                let dm = try await Self.browser(client, "dm.gla")
                let ts = try await Self.browser(client, "ts.gla")
                let ao = try await Self.browser(client, "ao.gla")
                #expect(try await Self.post(client, dm, "/drafts", version: 7, [("form", "start"), ("outcome", "refusal"), ("template", "refusal-flow")]).status == .seeOther)
                let started = try await Self.get(client, dm).html
                #expect(started.contains("Reasons for refusal") && started.contains(#"id="reason-material-facts-not-accepted""#))
                #expect(started.contains(#"id="explanation-no-real-risk""#) && started.contains("Reasons for refusal letter"))
                #expect(started.contains(#"id="answer-evidence-engaged-3""#))  // not applicable is allowed there
                #expect(!started.contains(#"id="answer-identity-established-3""#))  // and not here

                let template = DecisionTemplateCatalogue.current.current("refusal-flow")!
                var fields: [(String, String)] = [
                    ("form", "draft"), ("outcome", "refusal"), ("template", "refusal-flow"), ("checklistTemplate", "refusal-flow"), ("checklistVersion", String(template.version)),
                ]
                for item in template.items { fields.append(("answer-" + item.code, item.allowsNotApplicable ? "not-applicable" : "yes")) }
                fields += [
                    ("characteristicMet", "no"), ("characteristicReasons", "His account of national service is inconsistent with the country evidence."),
                    ("fearMet", "no"), ("fearReasons", "He returned to Eritrea twice without difficulty."), ("reasoning", "The claim is refused for the reasons set out."),
                    ("reason-material-facts-not-accepted", "yes"), ("explanation-material-facts-not-accepted", "The dates of service given at interview contradict the screening record."),
                    ("reason-no-real-risk", "yes"), ("explanation-no-real-risk", ""),
                ]
                // The second reason has no explanation: the draft is saved, its completion refused, linked to that explanation.
                let unexplained = try await Self.post(client, dm, "/drafts/1/complete", version: 8, fields)
                #expect(unexplained.status == .unprocessableContent)
                #expect(unexplained.html.contains(##"<a href="#explanation-no-real-risk">"##))
                #expect(unexplained.html.contains("Your changes to decision 1 were saved, but it cannot be completed yet."))
                #expect(try await Self.version(fixture) == 9)
                let explained = fields.map { $0.0 == "explanation-no-real-risk" ? ($0.0, "Those who left legally are not at risk on return.") : $0 }
                let completed = try await Self.post(client, dm, "/drafts/1/complete", version: 9, explained)
                #expect(completed.status == .seeOther)
                #expect(try await Self.version(fixture) == 11)

                #expect(try await Self.post(client, ts, "/assessments", version: 11, [
                    ("form", "assessment"), ("work", "decision"), ("operatingMandate", "DQ2"), ("casework", "DQ2"), ("process", "DQ2"), ("outcomeCorrect", "yes"),
                    ("feedback", "The credibility findings are reasoned."), ("mode", "written"), ("depth", "full"),
                ]).status == .seeOther)
                version = 12
                for check in OperatingMandate.checks {
                    #expect(try await Self.post(client, ao, "/operating-mandate", version: version, [("form", "operating-mandate"), ("check", check.code), ("result", "clear")]).status == .seeOther)
                    version += 1
                }
                #expect(try await Self.post(client, ao, "/service", version: version, [("form", "service"), ("method", "post")]).status == .seeOther)
                version += 1
                let served = try await Self.get(client, ao).html
                #expect(served.contains("Decision: refusal, dated 3 November 2023") && served.contains("Your claim has been refused, for these reasons:"))
                #expect(served.contains("The material facts of the claim are not accepted: The dates of service given at interview contradict the screening record."))
                #expect(served.contains(#"action="/claims/CW-0000001/decision/appeals""#))

                // The appeal: lodged, heard, then allowed (which needs its reasons).
                #expect(try await Self.post(client, ao, "/appeals", version: version, [("form", "appeal"), ("lodgedOn", "2023-11-02"), ("appealReference", "PA/01234/2023")]).status == .unprocessableContent)
                #expect(try await Self.post(client, ao, "/appeals", version: version, [("form", "appeal"), ("lodgedOn", "2023-11-03"), ("appealReference", "PA/01234/2023")]).status == .seeOther)
                version += 1
                let lodged = try await Self.get(client, ao).html
                #expect(lodged.contains("Appeal 1") && lodged.contains("PA/01234/2023") && !lodged.contains(#"action="/claims/CW-0000001/decision/appeals""#))
                #expect(try await Self.post(client, ao, "/appeals/1/hearing", version: version, [("form", "hearing-1"), ("heardOn-1", "2023-11-03")]).status == .seeOther)
                version += 1
                let bare = try await Self.post(client, ao, "/appeals/1/determination", version: version, [("form", "determination-1"), ("outcome", "allowed"), ("determinedOn-1", "2023-11-03")])
                #expect(bare.status == .unprocessableContent)
                #expect(bare.html.contains(##"<a href="#appeal-themes-1">"##) && bare.html.contains(##"<a href="#findings-1">"##))
                #expect(bare.html.contains(#"id="appeal-outcome-1" name="outcome" type="radio" value="allowed" checked>"#))
                let allowed = try await Self.post(client, ao, "/appeals/1/determination", version: version, [
                    ("form", "determination-1"), ("outcome", "allowed"), ("determinedOn-1", "2023-11-03"), ("themes", "credibility"), ("themes", "country-evidence"),
                    ("findings", "The tribunal found the account credible on the national service evidence."),
                ])
                #expect(allowed.status == .seeOther)
                let after = try await Self.get(client, ao).html
                #expect(after.contains("Allowed (the decision overturned), determined on 3 November 2023"))
                #expect(after.contains("Credibility assessment") && after.contains("The tribunal found the account credible on the national service evidence."))
            }
        }
    }
}

