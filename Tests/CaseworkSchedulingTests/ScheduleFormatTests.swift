import CaseworkDomain
import CaseworkScheduling
import Foundation
import Testing

/// The JSON of docs/schedule-format.md: the document's own example reads and books, instances and results survive a
/// round trip, and a broken instance is refused naming the field and the rule.
@Suite("Week scheduler: the schedule format")
struct ScheduleFormatTests {
    /// The instance example of docs/schedule-format.md, as written there.
    static let documentExample = """
        {
          "format": "casework-schedule-instance/1",
          "week": ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"],
          "earliestDate": "2026-12-02",
          "manifestShare": 0.065,
          "policy": {
            "slotMinutes": {"substantive": 120, "complex-substantive": 240, "targeted-nationality": 45, "concise": 48},
            "childBreakMinutes": 15
          },
          "locations": [
            {"id": "LOC01", "name": "Croydon", "latitude": 51.372, "longitude": -0.098, "openDays": ["2026-11-30", "2026-12-01"]}
          ],
          "rooms": [
            {"id": "LOC01-R01", "location": "LOC01", "childSuitable": true, "stepFree": true}
          ],
          "slots": [
            {"id": "S00001", "room": "LOC01-R01", "date": "2026-11-30", "start": "09:30", "minutes": 135}
          ],
          "interpreters": [
            {"id": "INT001", "languages": [{"language": "Kurdish", "dialect": "Sorani"}, {"language": "Arabic", "dialect": null}],
             "locations": ["LOC01"], "remote": false, "days": ["2026-11-30"], "dailyMaximum": 2}
          ],
          "decisionMakers": [
            {"id": "DM0001", "location": "LOC01", "cohorts": ["AMESA", "general"], "childrenTrained": false,
             "days": ["2026-11-30"], "dailyMaximum": 1}
          ],
          "claims": [
            {"reference": "CW-2023-000123", "priority": 1, "cohort": "AMESA", "kind": "substantive", "child": false,
             "responsibleAdult": false, "language": {"language": "Kurdish", "dialect": "Sorani"},
             "latitude": 51.5, "longitude": -0.12, "maximumTravelKm": 80, "needsStepFree": false, "notBefore": null}
          ]
        }
        """

    @Test("The document's example reads, and its one claim is explained: the only slot is before the earliest date")
    func documentExample() throws {
        let instance = try ScheduleInstance.decode(from: Data(ScheduleFormatTests.documentExample.utf8))
        #expect(instance.claims[0].language == ScheduleLanguage("Kurdish", dialect: "Sorani"))
        #expect(instance.interpreters[0].languages[1].dialect == nil)
        #expect(instance.slots[0].start.minuteOfDay == 9 * 60 + 30)
        let result = try WeekScheduler().schedule(instance)
        #expect(result.bookings.isEmpty)
        #expect(result.unbooked.map(\.constraint) == [.notice])

        var earlier = instance
        earlier.earliestDate = instance.week[0]
        let booked = try WeekScheduler().schedule(earlier)
        #expect(booked.bookings == [ScheduleBooking(claim: "CW-2023-000123", slot: "S00001", interpreter: "INT001", decisionMaker: "DM0001")])
    }

    @Test("An instance and a result survive a JSON round trip; nulls are written as null")
    func roundTrip() throws {
        let instance = ScheduleInstanceGenerator(seed: 3, claims: 60, locations: 4, slots: 40, interpreters: 12, decisionMakers: 30).generate()
        let data = try JSONEncoder().encode(instance)
        #expect(try ScheduleInstance.decode(from: data) == instance)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"notBefore\":null"))

        let result = try WeekScheduler().schedule(instance)
        let resultData = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(ScheduleResult.self, from: resultData) == result)
        let object = try #require(try JSONSerialization.jsonObject(with: resultData) as? [String: Any])
        #expect(object["format"] as? String == "casework-schedule-result/1")
        #expect(object["solver"] as? String == "casework")
        let english = ScheduleBooking(claim: "C", slot: "S", interpreter: nil, decisionMaker: "D")
        #expect(String(decoding: try JSONEncoder().encode(english), as: UTF8.self).contains("\"interpreter\":null"))
    }

    /// The problems reported for an instance edited by `change`.
    func problems(_ change: (inout [String: Any]) -> Void) throws -> [FieldError] {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(ScheduleFormatTests.documentExample.utf8)) as? [String: Any])
        change(&object)
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try ScheduleInstance.decode(from: data)
            return []
        } catch {
            return error.errors
        }
    }

    /// Edits element `index` of the list `key`.
    func edit(_ object: inout [String: Any], _ key: String, _ index: Int = 0, _ change: (inout [String: Any]) -> Void) {
        var list = object[key] as! [[String: Any]]
        change(&list[index])
        object[key] = list
    }

    @Test("Unknown references are refused by field: a slot's room, a room's location, an interpreter's location")
    func unknownReferences() throws {
        let errors = try problems { object in
            edit(&object, "slots") { $0["room"] = "NOWHERE" }
            edit(&object, "rooms") { $0["location"] = "LOC99" }
            edit(&object, "interpreters") { $0["locations"] = ["LOC01", "LOC77"] }
            edit(&object, "decisionMakers") { $0["location"] = "LOC55" }
        }
        #expect(errors.contains(FieldError(field: "slots[0].room", message: "no room has id 'NOWHERE'")))
        #expect(errors.contains(FieldError(field: "rooms[0].location", message: "no location has id 'LOC99'")))
        #expect(errors.contains(FieldError(field: "interpreters[0].locations[1]", message: "no location has id 'LOC77'")))
        #expect(errors.contains(FieldError(field: "decisionMakers[0].location", message: "no location has id 'LOC55'")))
    }

    @Test("Bad dates and times name the field")
    func badDateAndTime() throws {
        let date = try problems { object in edit(&object, "slots") { $0["date"] = "2026-02-30" } }
        #expect(date.count == 1)
        #expect(date.first?.field == "slots[0].date")
        #expect(date.first?.message.contains("not a real date") == true)
        let time = try problems { object in edit(&object, "slots") { $0["start"] = "9:30" } }
        #expect(time == [FieldError(field: "slots[0].start", message: "'9:30' is not a time in the form HH:MM on the 24-hour clock")])
        let week = try problems { object in object["week"] = ["2026-12-01", "2026-11-30"] }
        #expect(week.first?.field == "week[1]")
    }

    @Test("Negative minutes, distances and maximums, and slots running past midnight, are refused")
    func negativeValues() throws {
        let errors = try problems { object in
            edit(&object, "slots") { $0["minutes"] = -15 }
            edit(&object, "claims") { $0["maximumTravelKm"] = -1 }
            edit(&object, "interpreters") { $0["dailyMaximum"] = -2 }
            object["policy"] = ["slotMinutes": ["substantive": 0], "childBreakMinutes": -5]
        }
        let fields = Set(errors.map(\.field))
        #expect(fields.isSuperset(of: ["slots[0].minutes", "claims[0].maximumTravelKm", "interpreters[0].dailyMaximum", "policy.slotMinutes.substantive", "policy.childBreakMinutes"]))
        let late = try problems { object in edit(&object, "slots") { $0["start"] = "23:00" } }
        #expect(late == [FieldError(field: "slots[0].minutes", message: "the slot starts at 23:00 and must end by midnight (it runs 135 minutes)")])
    }

    @Test("Duplicate ids and references, and overlapping slots of one room, are refused")
    func duplicates() throws {
        let errors = try problems { object in
            object["slots"] = [
                ["id": "S1", "room": "LOC01-R01", "date": "2026-11-30", "start": "09:00", "minutes": 135],
                ["id": "S1", "room": "LOC01-R01", "date": "2026-11-30", "start": "10:00", "minutes": 60],
            ]
            object["claims"] = (object["claims"] as! [[String: Any]]) + (object["claims"] as! [[String: Any]])
        }
        #expect(errors.contains(FieldError(field: "slots[1].id", message: "'S1' is used twice (also slots[0]): ids must be unique")))
        #expect(errors.contains { $0.field == "slots[1]" && $0.message.hasPrefix("overlaps slot 'S1' in room 'LOC01-R01'") })
        #expect(errors.contains { $0.field == "claims[1].reference" })
    }

    @Test("An unknown interview kind, a missing field, a wrong type and a wrong format are refused by name")
    func shapeErrors() throws {
        let kind = try problems { object in edit(&object, "claims") { $0["kind"] = "screening" } }
        #expect(kind.first?.field == "claims[0].kind")
        #expect(kind.first?.message.hasPrefix("'screening' is not an interview kind") == true)
        let missing = try problems { object in edit(&object, "claims") { $0.removeValue(forKey: "priority") } }
        #expect(missing == [FieldError(field: "claims[0].priority", message: "is missing")])
        let wrongType = try problems { object in edit(&object, "rooms") { $0["stepFree"] = "yes" } }
        #expect(wrongType == [FieldError(field: "rooms[0].stepFree", message: "must be true or false")])
        let format = try problems { object in object["format"] = "casework-schedule-instance/2" }
        #expect(format.first?.field == "format")
        let policyKind = try problems { object in object["policy"] = ["slotMinutes": ["substantive": 120, "screening": 30], "childBreakMinutes": 15] }
        #expect(policyKind.first?.field == "policy.slotMinutes")
        let noLength = try problems { object in object["policy"] = ["slotMinutes": ["concise": 48], "childBreakMinutes": 15] }
        #expect(noLength == [FieldError(field: "claims[0].kind", message: "the policy has no slot length for 'substantive' (policy.slotMinutes)")])
    }

    @Test("Text that is not JSON is refused as such")
    func notJSON() throws {
        #expect(throws: ValidationFailure.self) { try ScheduleInstance.decode(from: Data("{\"format\": ".utf8)) }
    }
}
