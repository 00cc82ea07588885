import CaseworkDomain
import Testing

@Suite("Dates")
struct LocalDateTests {
    @Test("Real dates parse; impossible and sentinel-shaped ones do not", arguments: [
        ("2023-06-28", true), ("2024-02-29", true), ("2023-02-29", false), ("2023-13-01", false), ("2023-00-10", false),
        ("1900-01-00", false), ("00/01/1900", false), ("2023-6-28", false), ("", false), ("2023-06-31", false),
    ])
    func parsing(text: String, valid: Bool) {
        #expect((LocalDate(iso: text) != nil) == valid)
    }

    @Test("Day numbers round-trip across leap years and centuries")
    func dayNumbers() {
        for dayNumber in stride(from: -719_000, through: 2_900_000, by: 997) {
            let date = LocalDate(dayNumber: dayNumber)
            #expect(date.dayNumber == dayNumber)
            #expect(LocalDate(iso: date.iso) == date)
        }
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(LocalDate(year: 2000, month: 3, day: 1)!.dayNumber - LocalDate(year: 2000, month: 2, day: 28)!.dayNumber == 2)
    }

    @Test("Age counts whole years, birthday included")
    func age() {
        let birth = LocalDate(year: 2005, month: 7, day: 20)!
        #expect(birth.age(on: LocalDate(year: 2023, month: 7, day: 19)!) == 17)
        #expect(birth.age(on: LocalDate(year: 2023, month: 7, day: 20)!) == 18)
    }

    @Test("Instants print as UTC ISO 8601")
    func instants() {
        let instant = Instant(millisecondsSinceEpoch: 1_698_399_000_123)
        #expect(instant.iso == "2023-10-27T09:30:00.123Z")
        #expect(instant.date == LocalDate(year: 2023, month: 10, day: 27)!)
        #expect(Instant(millisecondsSinceEpoch: -1).iso == "1969-12-31T23:59:59.999Z")
    }
}

@Suite("Regime by date of claim (3.20–3.22, 8.117)")
struct RegimeTests {
    @Test("The policy dates decide legacy, flow and IMA", arguments: [
        ("2022-06-27", Regime.legacy), ("2022-06-28", .flow), ("2023-07-19", .flow), ("2023-07-20", .illegalMigrationAct), ("2015-01-01", .legacy),
    ])
    func regime(date: String, expected: Regime) {
        #expect(RegimePolicy.current.regime(forClaimDated: LocalDate(iso: date)!) == expected)
    }

    @Test("A changed policy date moves the boundary: the dates are data, not code")
    func policyIsData() {
        var policy = RegimePolicy.current
        policy.nationalityAndBordersActCommencement = LocalDate(iso: "2022-07-01")!
        #expect(policy.regime(forClaimDated: LocalDate(iso: "2022-06-29")!) == .legacy)
    }
}
