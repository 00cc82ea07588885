import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import CaseworkWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The interview estate and availability pages, through the real router")
struct InterviewResourcePageTests {
    @Test("A planner adds a location, a room with weekly slots and an interpreter; problems are named by field and what was typed is kept", arguments: TestDatabases.kinds)
    func estatePages(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await ResourceWebFixture.make(database)
            try await fixture.app().test(.router) { client in
                let session = try await signIn(client, username: "wp.nwf")
                let headers: HTTPFields = [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"]
                let empty = String(buffer: try await client.execute(uri: "/interviews/estate", method: .get, headers: headers).body)
                #expect(empty.contains("<h1 class=\"govuk-heading-l\">Interview estate</h1>") && empty.contains("No interview locations are recorded yet"))
                #expect(empty.contains("href=\"/interviews/estate/locations/new\"") && empty.contains(">Interview resources</a>"))
                #expect(try await client.execute(uri: "/interviews/estate/locations/new", method: .get, headers: headers).status == .ok)

                // A location: every problem named, each linked to its field, what was typed kept.
                let bad = try await client.execute(uri: "/interviews/estate/locations", method: .post, headers: headers, body: form([
                    ("code", "lunar house"), ("name", "Lunar House, Croydon"), ("address", "40 Wellesley Road"), ("latitude", "-0.0958"), ("longitude", "51.3759"),
                    ("csrfToken", session.csrf),
                ]))
                #expect(bad.status == .unprocessableContent)
                let badPage = String(buffer: bad.body)
                #expect(badPage.contains("govuk-error-summary") && badPage.contains("href=\"#code\"") && badPage.contains("href=\"#latitude\"") && badPage.contains("href=\"#openDays\""))
                #expect(badPage.contains("check latitude and longitude are not swapped") && badPage.contains("value=\"Lunar House, Croydon\""))
                #expect(try await fixture.store.interviewLocations(includeInactive: true).isEmpty)
                let created = try await client.execute(uri: "/interviews/estate/locations", method: .post, headers: headers, body: form([
                    ("code", "croydon"), ("name", "Lunar House, Croydon"), ("address", "40 Wellesley Road\nCroydon CR9 2BY"), ("latitude", "51.3759"), ("longitude", "-0.0958"),
                    ("openDays", "1"), ("openDays", "2"), ("openDays", "3"), ("openDays", "4"), ("openDays", "5"), ("reason", "The main centre"), ("csrfToken", session.csrf),
                ]))
                #expect(created.status == .seeOther && created.headers[.location] == "/interviews/estate/locations/CROYDON")

                // A room: the slots as lines, each bad line named.
                let badRoom = try await client.execute(uri: "/interviews/estate/rooms", method: .post, headers: headers, body: form([
                    ("code", "CROYDON-1"), ("location", "CROYDON"), ("name", "Interview room 1"), ("weeklySlots", "Funday 09:30 135\nMonday 09:30 135\nMonday 10:30 60"),
                    ("csrfToken", session.csrf),
                ]))
                #expect(badRoom.status == .unprocessableContent)
                let badRoomPage = String(buffer: badRoom.body)
                #expect(badRoomPage.contains("href=\"#weeklySlots\"") && badRoomPage.contains("Slot 1: &#39;Funday&#39; is not a day of the week") || badRoomPage.contains("Slot 1: 'Funday' is not a day of the week"))
                #expect(badRoomPage.contains("overlaps the slot at 09:30") && badRoomPage.contains("Monday 10:30 60</textarea>"))
                let room = try await client.execute(uri: "/interviews/estate/rooms", method: .post, headers: headers, body: form([
                    ("code", "CROYDON-1"), ("location", "CROYDON"), ("name", "Interview room 1"), ("stepFree", "yes"),
                    ("weeklySlots", "Monday 09:30 135\nMonday 13:15 135\nTuesday 09:30 135\nTuesday 13:15 135\nWednesday 09:30 135\nWednesday 13:15 135\nThursday 09:30 135\nThursday 13:15 135\nFriday 09:30 135\nFriday 13:15 135"),
                    ("csrfToken", session.csrf),
                ]))
                #expect(room.status == .seeOther && room.headers[.location] == "/interviews/estate/rooms/CROYDON-1")
                let roomPage = String(buffer: try await client.execute(uri: "/interviews/estate/rooms/croydon-1", method: .get, headers: headers).body)
                #expect(roomPage.contains("10 slots, 22.5 hours") && roomPage.contains("09:30 to 11:45 (135 minutes), Monday to Friday") && roomPage.contains("History of changes"))
                let locationPage = String(buffer: try await client.execute(uri: "/interviews/estate/locations/CROYDON", method: .get, headers: headers).body)
                #expect(locationPage.contains("Interview room 1") && locationPage.contains("13:15 to 15:30 (135 minutes), Monday to Friday") && locationPage.contains("Reason: The main centre"))

                // An interpreter: languages as lines, locations ticked.
                let badInterpreter = try await client.execute(uri: "/interviews/estate/interpreters", method: .post, headers: headers, body: form([
                    ("code", "INT-0001"), ("name", "Shilan Ahmed"), ("languages", "Kurdish (Scouse)"), ("days", "1"), ("dailyMaximum", "9"), ("csrfToken", session.csrf),
                ]))
                #expect(badInterpreter.status == .unprocessableContent)
                let badInterpreterPage = String(buffer: badInterpreter.body)
                #expect(badInterpreterPage.contains("href=\"#languages\"") && badInterpreterPage.contains("href=\"#locations\"") && badInterpreterPage.contains("href=\"#dailyMaximum\""))
                #expect(badInterpreterPage.contains("is not a dialect of Kurdish; the list has Badini, Feyli, Hawrami, Kurmanji, Sorani"))
                let interpreter = try await client.execute(uri: "/interviews/estate/interpreters", method: .post, headers: headers, body: form([
                    ("code", "INT-0001"), ("name", "Shilan Ahmed"), ("languages", "Kurdish (Sorani)\nArabic (Iraqi)"), ("locations", "CROYDON"), ("remote", "yes"),
                    ("days", "1"), ("days", "2"), ("dailyMaximum", "2"), ("csrfToken", session.csrf),
                ]))
                #expect(interpreter.status == .seeOther)
                let estate = String(buffer: try await client.execute(uri: "/interviews/estate", method: .get, headers: headers).body)
                #expect(estate.contains("1 location open, 1 room in use with 10 slots a week (22.5 hours); 1 interpreter bookable in 2 languages and dialects."))
                #expect(estate.contains("Kurdish (Sorani) <strong class=\"govuk-tag govuk-tag--orange casework-tag--small\">Short supply</strong>") && estate.contains("CROYDON, remote (video)"))

                // Closing the room through its form; the history says so.
                let closed = try await client.execute(uri: "/interviews/estate/rooms/CROYDON-1", method: .post, headers: headers, body: form([
                    ("location", "CROYDON"), ("name", "Interview room 1"), ("weeklySlots", "Monday 09:30 135"), ("active", "no"), ("reason", "Refurbishment"), ("csrfToken", session.csrf),
                ]))
                #expect(closed.status == .seeOther)
                let closedPage = String(buffer: try await client.execute(uri: "/interviews/estate/rooms/CROYDON-1", method: .get, headers: headers).body)
                #expect(closedPage.contains("Status: in use → out of use") && closedPage.contains("Reason: Refurbishment"))

                // Others read the estate but cannot change it; the safeguarding hub does not see it.
                let dm = try await signIn(client, username: "dm.gla")
                let dmHeaders: HTTPFields = [.cookie: dm.cookie, .contentType: "application/x-www-form-urlencoded"]
                let dmEstate = String(buffer: try await client.execute(uri: "/interviews/estate", method: .get, headers: dmHeaders).body)
                #expect(dmEstate.contains("Lunar House, Croydon") && !dmEstate.contains("Add a location") && dmEstate.contains("Declare the days you can interview"))
                #expect(!String(buffer: try await client.execute(uri: "/interviews/estate/locations/CROYDON", method: .get, headers: dmHeaders).body).contains("<form method=\"post\" action=\"/interviews/estate/locations/CROYDON\""))
                #expect(try await client.execute(uri: "/interviews/estate/locations/new", method: .get, headers: dmHeaders).status == .forbidden)
                #expect(try await client.execute(uri: "/interviews/estate/locations", method: .post, headers: dmHeaders, body: form([("code", "X1"), ("csrfToken", dm.csrf)])).status == .forbidden)
                #expect(try await client.execute(uri: "/interviews/estate/locations/NOWHERE", method: .get, headers: dmHeaders).status == .notFound)
                let hub = try await signIn(client, username: "sg.hub")
                #expect(try await client.execute(uri: "/interviews/estate", method: .get, headers: [.cookie: hub.cookie]).status == .forbidden)
                #expect(try await client.execute(uri: "/interviews/availability", method: .get, headers: [.cookie: hub.cookie]).status == .forbidden)
            }
        }
    }

    @Test("A decision maker declares and withdraws their own days; the team leader sees the unit's next two weeks", arguments: TestDatabases.kinds)
    func availabilityPages(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let fixture = try await ResourceWebFixture.make(database)
            try await fixture.writeGlasgow()
            try await fixture.app().test(.router) { client in
                let dm = try await signIn(client, username: "dm.gla")
                let headers: HTTPFields = [.cookie: dm.cookie, .contentType: "application/x-www-form-urlencoded"]
                let page = String(buffer: try await client.execute(uri: "/interviews/availability", method: .get, headers: headers).body)
                #expect(page.contains("You have not declared any days") && page.contains("value=\"2023-10-30\"") && page.contains("Monday 30 October 2023"))
                #expect(page.contains("You are recorded as away (annual leave)."), "the day they are away is marked")
                #expect(!page.contains("value=\"2023-10-28\""), "weekends are not offered")

                // Refused: the day away and a Friday, with the store's own words; nothing written.
                let bad = try await client.execute(uri: "/interviews/availability", method: .post, headers: headers, body: form([
                    ("dates", "2023-10-30"), ("dates", "2023-11-01"), ("dates", "2023-11-03"), ("location", "GLASGOW"), ("dailyMaximum", "2"), ("csrfToken", dm.csrf),
                ]))
                #expect(bad.status == .unprocessableContent)
                let badPage = String(buffer: bad.body)
                #expect(badPage.contains("href=\"#dates\"") && badPage.contains("You are recorded as away on Wednesday 1 November 2023") && badPage.contains("is not open on Fridays"))
                #expect(badPage.contains("value=\"2023-10-30\" checked"), "the days ticked stay ticked")
                #expect(try await fixture.store.ownAvailability(from: ResourceWebFixture.today, to: ResourceWebFixture.today.adding(days: 30), for: ResourceWebFixture.dm).isEmpty)

                let good = try await client.execute(uri: "/interviews/availability", method: .post, headers: headers, body: form([
                    ("dates", "2023-10-30"), ("dates", "2023-10-31"), ("location", "GLASGOW"), ("dailyMaximum", "2"), ("csrfToken", dm.csrf),
                ]))
                #expect(good.status == .seeOther && good.headers[.location] == "/interviews/availability?declared=2#declared")
                let declared = String(buffer: try await client.execute(uri: "/interviews/availability?declared=2", method: .get, headers: headers).body)
                #expect(declared.contains("Declared 2 days.") && declared.contains("Monday 30 October 2023</td>") && declared.contains("Festival Court, Glasgow (GLASGOW)"))
                #expect(declared.contains("Withdraw<span class=\"govuk-visually-hidden\"> Tuesday 31 October 2023</span>"))
                #expect(declared.contains("Declared: Festival Court, Glasgow, up to 2 interviews. Tick to change it."))

                let withdrawn = try await client.execute(uri: "/interviews/availability/withdraw", method: .post, headers: headers, body: form([("date", "2023-10-31"), ("csrfToken", dm.csrf)]))
                #expect(withdrawn.status == .seeOther)
                let again = try await client.execute(uri: "/interviews/availability/withdraw", method: .post, headers: headers, body: form([("date", "2023-10-31"), ("csrfToken", dm.csrf)]))
                #expect(again.status == .unprocessableContent && String(buffer: again.body).contains("You have not declared Tuesday 31 October 2023"))

                // Trained for decisions only: told why, offered no form.
                let decider = try await signIn(client, username: "dm.dec")
                let deciderPage = String(buffer: try await client.execute(uri: "/interviews/availability", method: .get, headers: [.cookie: decider.cookie]).body)
                #expect(deciderPage.contains("trained for decisions only") && !deciderPage.contains("Declare the days</button>"))

                // The team leader: the unit's grid, no form of their own.
                let leader = try await signIn(client, username: "tl.gla")
                let grid = String(buffer: try await client.execute(uri: "/interviews/availability", method: .get, headers: [.cookie: leader.cookie]).body)
                #expect(grid.contains("Declared availability in DMU-GLA") && grid.contains("Name of dm.gla") && grid.contains("<strong>GLASGOW ×2</strong>"))
                #expect(grid.contains("1 person has declared 1 day, up to 2 interviews.") && grid.contains(">Away</td>") && !grid.contains("Declare the days</button>"))
                #expect(!grid.contains("Name of dm.dec"), "someone trained for decisions only cannot declare, so is not in the grid")
                #expect(try await client.execute(uri: "/interviews/availability?unit=DMU-LEE", method: .get, headers: [.cookie: leader.cookie]).status == .forbidden)
                let planner = try await signIn(client, username: "wp.nwf")
                let national = try await client.execute(uri: "/interviews/availability?unit=DMU-GLA", method: .get, headers: [.cookie: planner.cookie])
                #expect(national.status == .ok && String(buffer: national.body).contains("GLASGOW ×2"))
            }
        }
    }
}
