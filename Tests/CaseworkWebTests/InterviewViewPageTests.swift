import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The interview views' pages, through the real router")
struct InterviewViewPageTests {
    @Test("The diary, capacity and outcome pages render their headings and rows", arguments: TestDatabases.kinds)
    func pages(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await APIFixture.make(database)
            let claims = try await InterviewViewsWebFixture.make(fixture)
            try await fixture.app().test(.router) { client in
                let session = try await signIn(client, username: "ao.gla")
                func page(_ uri: String) async throws -> (HTTPResponse.Status, String) {
                    let response = try await client.execute(uri: uri, method: .get, headers: [.cookie: session.cookie])
                    return (response.status, String(buffer: response.body))
                }

                let (diaryStatus, diary) = try await page("/interviews/diary?from=2023-11-03&to=2023-11-06")
                #expect(diaryStatus == .ok)
                #expect(diary.contains("<h1 class=\"govuk-heading-l\">Interview diary: DMU-GLA</h1>"))
                #expect(diary.contains(#"href="/interviews/diary""#) && diary.contains(">Interviews</a>"))
                #expect(diary.contains("2 interviews from 3 November 2023 to 6 November 2023: 1 cancelled, 1 booked."))
                #expect(diary.contains(#"<h2 class="govuk-heading-m" id="day-2023-11-03">Friday 3 November 2023</h2>"#))
                #expect(diary.contains(#"<h2 class="govuk-heading-m" id="day-2023-11-06">Monday 6 November 2023</h2>"#) && diary.contains("No interviews booked."))
                #expect(!diary.contains("Saturday 4 November 2023"))
                for claim in claims { #expect(diary.contains("href=\"/claims/\(claim.rawValue)/interviews#interview-1\">\(claim.rawValue)</a>")) }
                #expect(diary.contains("09:30 to 11:30") && diary.contains("13:30 to 15:30") && diary.contains("Selam Tesfay") && diary.contains("Yonas Haile"))
                #expect(diary.contains(#"<strong class="govuk-tag govuk-tag--grey">Cancelled</strong>"#) && diary.contains(#"<strong class="govuk-tag govuk-tag--blue">Booked</strong>"#))
                #expect(diary.contains("Glasgow<br>Room 1") && diary.contains("Tesfay<br>Tigrinya"))
                #expect(!diary.contains(#"name="unit""#))  // a unit role's diary is its own unit's: no unit to choose

                let (capacityStatus, capacity) = try await page("/interviews/capacity?week=2023-10-30")
                #expect(capacityStatus == .ok)
                #expect(capacity.contains("Interview capacity: week beginning 30 October 2023"))
                #expect(capacity.contains("Interpreter supply covers the demand in every language this week."))
                #expect(capacity.contains(#"<th scope="row" class="govuk-table__header">Glasgow (GLASGOW)</th>"#))
                #expect(capacity.contains(#"<th scope="row" class="govuk-table__header">Tigrinya</th>"#))
                #expect(capacity.contains(#"<th scope="row" class="govuk-table__header">dm.gla (dm.gla)</th>"#) && capacity.contains(#"<th scope="row" class="govuk-table__header">dm.gla2 (dm.gla2)</th>"#))

                let (outcomeStatus, outcomes) = try await page("/interviews/outcomes?from=2023-11-01&to=2023-11-30")
                #expect(outcomeStatus == .ok)
                #expect(outcomes.contains("Outcomes beside figure 24") && outcomes.contains("62.75%") && outcomes.contains("43,936"))
                #expect(outcomes.contains("Interpreter problems: 1 of 1 cancellations (100.00%)"))
                #expect(outcomes.contains("2023-W44 (from 30 October 2023)"))
                #expect(outcomes.contains("Interpreter in the wrong language or dialect"))
            }
        }
    }

    @Test("Bad dates get the error summary and 422; another unit or a role without the views gets 403")
    func refusals() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let fixture = try await APIFixture.make(database)
            try await fixture.app().test(.router) { client in
                let ao = try await signIn(client, username: "ao.gla")
                let bad = try await client.execute(uri: "/interviews/diary?from=2023-02-30", method: .get, headers: [.cookie: ao.cookie])
                #expect(bad.status == .unprocessableContent)
                let body = String(buffer: bad.body)
                #expect(body.contains("govuk-error-summary") && body.contains(##"<a href="#from">from must be a real date"##))
                let week = try await client.execute(uri: "/interviews/capacity?week=2023-11-01", method: .get, headers: [.cookie: ao.cookie])
                #expect(week.status == .unprocessableContent && String(buffer: week.body).contains("1 November 2023 is a Wednesday"))
                let otherUnit = try await client.execute(uri: "/interviews/diary?unit=DMU-LEE", method: .get, headers: [.cookie: ao.cookie])
                #expect(otherUnit.status == .forbidden)

                let hub = try await signIn(client, username: "sg.hub")
                let refused = try await client.execute(uri: "/interviews/outcomes", method: .get, headers: [.cookie: hub.cookie])
                #expect(refused.status == .forbidden && String(buffer: refused.body).contains("cannot see the interview diary"))
                let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: hub.cookie])
                #expect(!String(buffer: home.body).contains(#"href="/interviews/diary""#))

                let analyst = try await signIn(client, username: "mi.one")
                let national = try await client.execute(uri: "/interviews/diary?unit=DMU-GLA", method: .get, headers: [.cookie: analyst.cookie])
                #expect(national.status == .ok && String(buffer: national.body).contains(#"name="unit""#))
            }
        }
    }
}
