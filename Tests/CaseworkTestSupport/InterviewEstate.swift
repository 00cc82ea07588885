import CaseworkDomain
import CaseworkStore

/// A small interview estate for the booking tests, written straight into the resource tables (the resource store has
/// its own tests): Glasgow with one room of two slots a day, a Tigrinya interpreter, and decision makers who declared
/// availability.
public enum InterviewEstate {
    public static let unit: UnitID = "DMU-GLA"
    /// Friday 27 October 2023 plus five working days.
    public static let firstDay = LocalDate(year: 2023, month: 11, day: 3)!

    /// Writes the estate; with `addStaff`, also the unit and its staff (dm.gla, dm2.gla, scw.gla, ts.gla). `decisionMakers`
    /// declare availability at Glasgow on `declaredDays`.
    public static func write(
        _ store: CaseworkStore, addStaff: Bool = true, decisionMakers: [String] = ["dm.gla", "dm2.gla"], interpreterDailyMaximum: Int = 2,
        dmDailyMaximum: Int = 1, declaredDays: [LocalDate] = [firstDay]
    ) async throws {
        if addStaff {
            try await store.saveUnit(CaseworkUnit(code: unit, name: "Glasgow", kind: "dmu"))
            for (name, role) in [("dm.gla", Role.decisionMaker), ("dm2.gla", .decisionMaker), ("scw.gla", .seniorCaseworker), ("ts.gla", .technicalSpecialist)] {
                try await store.addStaff(StaffMember(username: StaffID(name), displayName: name.uppercased(), role: role, unit: unit), passwordHash: "x")
            }
        }
        try await store.database.transaction { c in
            try await c.execute("UPDATE staff SET trained_for = 'both'")
            try await c.execute(
                "INSERT INTO interview_locations (code, name, address, latitude, longitude, open_days, active) VALUES ('GLASGOW', 'Glasgow', '1 Brand Street', 55.86, -4.30, '1,2,3,4,5', 1)"
            )
            try await c.execute(
                "INSERT INTO interview_locations (code, name, address, latitude, longitude, open_days, active) VALUES ('CROYDON', 'Croydon', 'Lunar House', 51.37, -0.10, '1,2,3,4,5', 1)"
            )
            let slots = Weekday.allCases.filter { !$0.isWeekend }.flatMap { [RoomSlot(weekday: $0, start: 570, minutes: 135), RoomSlot(weekday: $0, start: 810, minutes: 135)] }
            let json = "[" + slots.map { "{\"weekday\":\($0.weekday.rawValue),\"start\":\($0.start),\"minutes\":\($0.minutes)}" }.joined(separator: ",") + "]"
            try await c.execute(
                "INSERT INTO interview_rooms (code, location, name, child_suitable, step_free, weekly_slots, active) VALUES ('GLA-1', 'GLASGOW', 'Room 1', 0, 1, ?, 1)", [.text(json)]
            )
            try await c.execute(
                "INSERT INTO interpreters (code, name, data, remote, daily_maximum, active) VALUES ('INT-TIG', 'Tesfay', ?, 0, ?, 1)",
                [.text("{\"code\":\"INT-TIG\",\"name\":\"Tesfay\",\"languages\":[{\"language\":\"tigrinya\"}],\"locations\":[\"GLASGOW\"],\"remote\":false,\"days\":[1,2,3,4,5],\"dailyMaximum\":\(interpreterDailyMaximum),\"active\":true}"), .int(interpreterDailyMaximum)]
            )
            try await c.execute("INSERT INTO interpreter_languages (interpreter, language, dialect) VALUES ('INT-TIG', 'tigrinya', '')")
            for day in declaredDays {
                for dm in decisionMakers {
                    try await c.execute(
                        "INSERT INTO interview_availability (username, date, location, daily_maximum, declared_at) VALUES (?, ?, 'GLASGOW', ?, 0)",
                        [.text(dm), .text(day.iso), .int(dmDailyMaximum)]
                    )
                }
            }
        }
    }
}
