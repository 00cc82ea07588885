import CaseworkDomain
import Testing

@Suite("Registration validation")
struct ValidationTests {
    func errors(_ change: (inout RegistrationInput) -> Void) -> [FieldError] {
        var input = sampleInput()
        change(&input)
        do {
            _ = try input.validated(today: today)
            return []
        } catch { return error.errors }
    }

    @Test("A valid registration passes and is normalised")
    func valid() throws {
        let facts = try sampleInput().validated(today: today).facts
        #expect(facts.address?.postcode == "G2 6AB")
        #expect(facts.mainApplicant.nationality.claimed == "ERI")
    }

    @Test("Each broken rule names its field", arguments: [
        ("mainApplicant.dateOfBirth", "1900-01-01"), ("mainApplicant.dateOfBirth", "2024-01-01"), ("mainApplicant.dateOfBirth", "1990-02-31"),
        ("dateOfClaim", "1989-12-31"), ("dateOfClaim", "2030-01-01"), ("dateOfClaim", "00/01/1900"),
    ])
    func dates(field: String, value: String) {
        let found = errors { input in
            if field == "dateOfClaim" { input.dateOfClaim = value } else { input.mainApplicant?.dateOfBirth = value }
        }
        #expect(found.map(\.field) == [field])
    }

    @Test("Every problem is reported at once, none written")
    func allAtOnce() {
        let found = errors { input in
            input.mainApplicant = PersonInput(givenNames: " ", familyName: String(repeating: "x", count: 201), dateOfBirth: nil, sex: "other", nationality: "XYZ")
            input.languages = [LanguageInput(language: "kurdish", dialect: "klingon")]
            input.address = AddressInput(line1: "1 Road", town: "Leeds", postcode: "NOT A CODE")
            input.legalRepresentative = RepresentativeInput(name: "R", email: "not-an-email")
        }
        let fields = Set(found.map(\.field))
        #expect(fields.isSuperset(of: [
            "mainApplicant.givenNames", "mainApplicant.familyName", "mainApplicant.dateOfBirth", "mainApplicant.sex",
            "mainApplicant.nationality", "languages[0].dialect", "address.postcode", "legalRepresentative.email",
        ]))
        #expect(found.allSatisfy { !$0.message.isEmpty })
    }

    @Test("An unaccompanied child must be under 18 unless the age is disputed")
    func unaccompaniedChild() {
        let adult = errors { $0.unaccompaniedChild = true }
        let disputed = errors { $0.unaccompaniedChild = true; $0.ageDisputed = true }
        let child = errors { $0.unaccompaniedChild = true; $0.mainApplicant?.dateOfBirth = "2007-01-01" }
        #expect(adult.map(\.field) == ["unaccompaniedChild"])
        #expect(disputed.isEmpty)
        #expect(child.isEmpty)
    }

    @Test("A child dependant must be under 18 on the date of claim")
    func childDependant() {
        let found = errors {
            $0.dependants = [PersonInput(givenNames: "Sami", familyName: "Yusuf", dateOfBirth: "2000-01-01", sex: "male", nationality: "ERI", relationship: "child")]
        }
        #expect(found.map(\.field) == ["dependants[0].dateOfBirth"])
    }

    @Test("Notes keep every character up to 100,000 and refuse more")
    func notes() throws {
        let long = String(repeating: "é", count: 100_000)
        #expect(try NoteRules.validated(text: long, isAction: false).text == long)
        #expect(throws: ValidationFailure.self) { try NoteRules.validated(text: long + "x", isAction: false) }
        #expect(throws: ValidationFailure.self) { try NoteRules.validated(text: "   ", isAction: false) }
    }
}

@Suite("Duplicate matching")
struct DuplicateMatchingTests {
    @Test("Accents, case, spacing and name order do not hide a match")
    func personKey() {
        let birth = LocalDate(year: 1990, month: 1, day: 2)!
        let a = Person(givenNames: "José María", familyName: "Núñez", dateOfBirth: birth, sex: .male, nationality: Nationality(claimed: "SLV"))
        let b = Person(givenNames: "nunez", familyName: "  MARIA-jose ", dateOfBirth: birth, sex: .male, nationality: Nationality(claimed: "slv"))
        #expect(DuplicateMatching.personKey(a) == DuplicateMatching.personKey(b))
        var c = b
        c.dateOfBirth = birth.adding(days: 1)
        #expect(DuplicateMatching.personKey(a) != DuplicateMatching.personKey(c))
    }

    @Test("References compare without case or spacing")
    func references() {
        #expect(DuplicateMatching.normaliseReference(" bio-123 45 ") == DuplicateMatching.normaliseReference("BIO12345"))
        #expect(DuplicateMatching.normaliseReference("  ") == nil)
    }
}

@Suite("Need-to-know")
struct AccessPolicyTests {
    @Test("Unit roles see their unit only; national roles see all")
    func visibility() {
        for role in Role.allCases {
            let actor = Actor(staff: "someone", role: role, unit: "DMU-GLA")
            #expect(AccessPolicy.canRead(claimOwnedBy: "DMU-GLA", actor: actor))
            #expect(AccessPolicy.canRead(claimOwnedBy: "DMU-LEE", actor: actor) == AccessPolicy.nationalRoles.contains(role))
        }
    }

    @Test("Only the safeguarding hub, assurance and senior caseworkers see protected characteristics")
    func protectedCharacteristics() {
        let readers = Role.allCases.filter { AccessPolicy.canReadProtectedCharacteristics(Actor(staff: "x", role: $0, unit: "U")) }
        #expect(Set(readers) == [.safeguardingHub, .assurance, .seniorCaseworker])
    }

    @Test("MI analysts read but never write")
    func readOnly() {
        let analyst = Actor(staff: "mi", role: .miAnalyst, unit: "MI")
        #expect(AccessPolicy.canRead(claimOwnedBy: "DMU-GLA", actor: analyst))
        #expect(!AccessPolicy.canWrite(claimOwnedBy: "DMU-GLA", actor: analyst))
    }
}
