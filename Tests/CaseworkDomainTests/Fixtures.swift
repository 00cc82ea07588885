import CaseworkDomain

/// A valid registration, changed per test.
func sampleInput() -> RegistrationInput {
    var input = RegistrationInput()
    input.mainApplicant = PersonInput(givenNames: "Amina", familyName: "Yusuf", dateOfBirth: "1994-03-12", sex: "female", nationality: "ERI")
    input.dateOfClaim = "2022-09-14"
    input.languages = [LanguageInput(language: "tigrinya")]
    input.address = AddressInput(line1: "12 Hope Street", town: "Glasgow", postcode: "g2 6ab", verified: true)
    return input
}

let today = LocalDate(year: 2023, month: 10, day: 27)!

func sampleClaim(stage: Stage = .registration, outcome: Outcome? = nil) throws -> Claim {
    let facts = try sampleInput().validated(today: today).facts
    var claim = ClaimRules.start(reference: .numbered(1), facts: facts, owningUnit: "DMU-GLA", actor: .system, at: Instant(startOf: today))
    claim.stage = stage
    claim.outcome = outcome
    return claim
}
