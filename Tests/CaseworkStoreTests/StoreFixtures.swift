import CaseworkDomain
import CaseworkStore

/// People acting in the store tests.
enum Staff {
    static let registrar = Actor(staff: "ao.gla", role: .administrativeOfficer, unit: "DMU-GLA")
    static let decisionMaker = Actor(staff: "dm.gla", role: .decisionMaker, unit: "DMU-GLA")
    static let otherUnitDM = Actor(staff: "dm.lee", role: .decisionMaker, unit: "DMU-LEE")
    static let safeguarding = Actor(staff: "sg.hub", role: .safeguardingHub, unit: "SAFEGUARDING-HUB")
    static let analyst = Actor(staff: "mi.one", role: .miAnalyst, unit: "MI")
}

let storeToday = LocalDate(year: 2023, month: 10, day: 27)!

/// Facts for a claimant; `n` varies the person so they do not match each other.
func facts(_ n: Int = 0, characteristics: ProtectedCharacteristics? = nil) throws -> ClaimFacts {
    var input = RegistrationInput()
    input.mainApplicant = PersonInput(givenNames: "Amina \(["Ruth", "Sara", "Lina", "Hana", "Mira", "Nora", "Dina", "Rana"][n % 8])", familyName: "Yusuf\(String(repeating: "a", count: n / 8))", dateOfBirth: "1994-03-12", sex: "female", nationality: "ERI")
    input.dateOfClaim = "2022-09-14"
    input.languages = [LanguageInput(language: "tigrinya")]
    input.protectedCharacteristics = characteristics
    return try input.validated(today: storeToday).facts
}

/// A migrated store on `database`, with a clock fixed on `storeToday`.
func makeStore(_ database: any SQLDatabase) async throws -> CaseworkStore {
    let store = CaseworkStore(database: database, clock: FixedClock(Instant(startOf: storeToday).adding(milliseconds: 9 * 3_600_000)))
    try await store.migrate()
    return store
}
