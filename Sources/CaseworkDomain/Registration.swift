/// A person as typed into a form or sent to the API, before it is checked.
public struct PersonInput: Codable, Sendable, Hashable {
    public var givenNames: String?
    public var familyName: String?
    public var dateOfBirth: String?
    public var sex: String?
    public var nationality: String?
    public var nationalityStatus: String?
    public var confirmedNationality: String?
    /// For dependants only: spouse, child or other.
    public var relationship: String?

    /// Creates a person input.
    public init(givenNames: String? = nil, familyName: String? = nil, dateOfBirth: String? = nil, sex: String? = nil, nationality: String? = nil, nationalityStatus: String? = nil, confirmedNationality: String? = nil, relationship: String? = nil) {
        self.givenNames = givenNames
        self.familyName = familyName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.nationality = nationality
        self.nationalityStatus = nationalityStatus
        self.confirmedNationality = confirmedNationality
        self.relationship = relationship
    }
}

/// An address as typed, before it is checked.
public struct AddressInput: Codable, Sendable, Hashable {
    public var line1: String?
    public var line2: String?
    public var town: String?
    public var postcode: String?
    public var verified: Bool?

    /// Creates an address input.
    public init(line1: String? = nil, line2: String? = nil, town: String? = nil, postcode: String? = nil, verified: Bool? = nil) {
        self.line1 = line1
        self.line2 = line2
        self.town = town
        self.postcode = postcode
        self.verified = verified
    }
}

/// A representative as typed, before it is checked.
public struct RepresentativeInput: Codable, Sendable, Hashable {
    public var name: String?
    public var firm: String?
    public var email: String?

    /// Creates a representative input.
    public init(name: String? = nil, firm: String? = nil, email: String? = nil) {
        self.name = name
        self.firm = firm
        self.email = email
    }
}

/// A spoken language as typed.
public struct LanguageInput: Codable, Sendable, Hashable {
    public var language: String?
    public var dialect: String?

    /// Creates a language input.
    public init(language: String? = nil, dialect: String? = nil) {
        self.language = language
        self.dialect = dialect
    }
}

/// How the user resolved a possible duplicate, as sent with a registration.
public struct DuplicateResolutionInput: Codable, Sendable, Hashable {
    /// "confirmed-distinct" or "linked".
    public var choice: String?
    /// The matching references the user saw.
    public var matches: [String]?

    /// Creates a resolution.
    public init(choice: String? = nil, matches: [String]? = nil) {
        self.choice = choice
        self.matches = matches
    }
}

/// A claim registration as typed into the form or sent to `POST /api/v1/claims`, before it is checked.
public struct RegistrationInput: Codable, Sendable, Hashable {
    public var mainApplicant: PersonInput?
    public var dependants: [PersonInput]?
    public var dateOfClaim: String?
    public var unaccompaniedChild: Bool?
    public var ageDisputed: Bool?
    public var languages: [LanguageInput]?
    public var address: AddressInput?
    public var legalRepresentative: RepresentativeInput?
    public var detained: Bool?
    public var asylumSupport: Bool?
    public var localAuthority: String?
    public var linkedClaims: [String]?
    public var nationalReferralMechanism: Bool?
    public var criminality: Bool?
    public var vulnerabilities: [String]?
    public var protectedCharacteristics: ProtectedCharacteristics?
    public var claimType: String?
    public var biometricReference: String?
    public var portReference: String?
    public var duplicateResolution: DuplicateResolutionInput?

    /// Creates an empty input.
    public init() {}

    /// Checks every rule and returns the claim's facts, or every broken rule at once.
    /// `today` comes from the injected clock, so "not in the future" is testable.
    public func validated(today: LocalDate) throws(ValidationFailure) -> (facts: ClaimFacts, duplicate: DuplicateResolutionInput?) {
        var check = Validator()
        let dateOfClaim = check.date(self.dateOfClaim, "dateOfClaim", label: "the date of claim", earliest: ValidationPolicy.earliestDateOfClaim, latest: today)
        let applicant = Self.person(mainApplicant ?? PersonInput(), path: "mainApplicant", dependant: false, today: today, dateOfClaim: dateOfClaim, check: &check)
        var dependants: [Dependant] = []
        let dependantInputs = self.dependants ?? []
        if dependantInputs.count > ValidationPolicy.maximumDependants {
            check.fail("dependants", "A claim can have at most \(ValidationPolicy.maximumDependants) dependants")
        } else {
            for (index, input) in dependantInputs.enumerated() {
                let path = "dependants[\(index)]"
                let person = Self.person(input, path: path, dependant: true, today: today, dateOfClaim: dateOfClaim, check: &check)
                let relationship: DependantRelationship? = check.choice(input.relationship, "\(path).relationship", label: "the dependant's relationship")
                if let person, let relationship {
                    if relationship == .child, let dateOfClaim, person.dateOfBirth.age(on: dateOfClaim) >= ValidationPolicy.adulthoodAge {
                        check.fail("\(path).dateOfBirth", "A dependant child must be under \(ValidationPolicy.adulthoodAge) on the date of claim")
                    }
                    dependants.append(Dependant(person: person, relationship: relationship))
                }
            }
        }
        let unaccompaniedChild = self.unaccompaniedChild ?? false
        let ageDisputed = self.ageDisputed ?? false
        if unaccompaniedChild, !ageDisputed, let applicant, let dateOfClaim,
            applicant.dateOfBirth.age(on: dateOfClaim) >= ValidationPolicy.adulthoodAge
        {
            check.fail("unaccompaniedChild", "An unaccompanied child must be under \(ValidationPolicy.adulthoodAge) on the date of claim, unless the age is disputed")
        }
        var languages: [SpokenLanguage] = []
        let languageInputs = self.languages ?? []
        if languageInputs.isEmpty { check.fail("languages", "Enter at least one language the claimant speaks") }
        for (index, input) in languageInputs.prefix(10).enumerated() {
            let path = "languages[\(index)]"
            guard let code = check.requiredText(input.language, "\(path).language", label: "the language") else { continue }
            guard let language = Languages.language(code: code) else {
                check.fail("\(path).language", "Language '\(code.prefix(30))' is not in the language list")
                continue
            }
            let dialect = check.optionalText(input.dialect, "\(path).dialect", label: "the dialect")
            if let dialect, !Languages.isValid(language: language.code, dialect: dialect) {
                let known = language.dialects.map(\.code).joined(separator: ", ")
                check.fail("\(path).dialect", "Dialect '\(dialect.prefix(30))' is not a dialect of \(language.name)\(known.isEmpty ? "" : "; known dialects: \(known)")")
                continue
            }
            languages.append(SpokenLanguage(language: language.code, dialect: dialect?.lowercased()))
        }
        if languageInputs.count > 10 { check.fail("languages", "Enter at most 10 languages") }

        let address = self.address.flatMap { Self.address($0, check: &check) }
        let representative = legalRepresentative.flatMap { Self.representative($0, check: &check) }
        let localAuthority = check.optionalText(self.localAuthority, "localAuthority", label: "the local authority")
        var linked: [ClaimReference] = []
        for (index, text) in (linkedClaims ?? []).enumerated() {
            let trimmed = text.trimmingWhitespace.uppercased()
            if ClaimReference.isWellFormed(trimmed) { linked.append(ClaimReference(trimmed)) } else {
                check.fail("linkedClaims[\(index)]", "A linked claim must be a claim reference such as CW-0001234")
            }
        }
        var vulnerabilities: [VulnerabilityMarker] = []
        for (index, text) in (self.vulnerabilities ?? []).enumerated() {
            if let marker: VulnerabilityMarker = check.choice(text, "vulnerabilities[\(index)]", label: "the vulnerability marker"), !vulnerabilities.contains(marker) {
                vulnerabilities.append(marker)
            }
        }
        var characteristics: ProtectedCharacteristics?
        if let given = protectedCharacteristics {
            var result = ProtectedCharacteristics()
            result.disability = check.optionalText(given.disability, "protectedCharacteristics.disability", label: "disability")
            result.genderIdentity = check.optionalText(given.genderIdentity, "protectedCharacteristics.genderIdentity", label: "gender identity")
            result.sexualOrientation = check.optionalText(given.sexualOrientation, "protectedCharacteristics.sexualOrientation", label: "sexual orientation")
            result.religion = check.optionalText(given.religion, "protectedCharacteristics.religion", label: "religion")
            result.ethnicity = check.optionalText(given.ethnicity, "protectedCharacteristics.ethnicity", label: "ethnicity")
            characteristics = result.isEmpty ? nil : result
        }
        let claimType: ClaimType? = check.choice(self.claimType, "claimType", label: "the claim type", default: .straightforward)
        let biometric = check.optionalText(biometricReference, "biometricReference", label: "the biometric reference", maximum: 40)
        let port = check.optionalText(portReference, "portReference", label: "the port reference", maximum: 40)
        if let resolution = duplicateResolution {
            let _: DuplicateDecision.Choice? = check.choice(resolution.choice, "duplicateResolution.choice", label: "whether the claimant is a different person or a related claim")
        }
        try check.finish()
        let facts = ClaimFacts(
            mainApplicant: applicant!, dependants: dependants, dateOfClaim: dateOfClaim!, unaccompaniedChild: unaccompaniedChild,
            ageDisputed: ageDisputed, languages: languages, address: address, legalRepresentative: representative,
            detained: detained ?? false, asylumSupport: asylumSupport ?? false, localAuthority: localAuthority, linkedClaims: linked,
            nationalReferralMechanism: nationalReferralMechanism ?? false, criminality: criminality ?? false,
            vulnerabilities: vulnerabilities, protectedCharacteristics: characteristics, claimType: claimType!,
            biometricReference: biometric, portReference: port
        )
        return (facts, duplicateResolution)
    }

    private static func person(_ input: PersonInput, path: String, dependant: Bool, today: LocalDate, dateOfClaim: LocalDate?, check: inout Validator) -> Person? {
        let who = dependant ? "the dependant's" : "the claimant's"
        let given = check.requiredText(input.givenNames, "\(path).givenNames", label: "\(who) given names")
        let family = check.requiredText(input.familyName, "\(path).familyName", label: "\(who) family name")
        let birth = check.date(input.dateOfBirth, "\(path).dateOfBirth", label: "\(who) date of birth", earliest: ValidationPolicy.earliestDateOfBirth, latest: today)
        if let birth, let dateOfClaim, birth > dateOfClaim {
            check.fail("\(path).dateOfBirth", "\(who.capitalisedFirst) date of birth must be before the date of claim")
        }
        let sex: Sex? = check.choice(input.sex, "\(path).sex", label: "\(who) sex")
        let nationality = check.country(input.nationality, "\(path).nationality", label: "\(who) nationality")
        let status: NationalityStatus? = check.choice(input.nationalityStatus, "\(path).nationalityStatus", label: "whether the nationality is claimed, disputed or confirmed", default: .claimed)
        let confirmed = check.country(input.confirmedNationality, "\(path).confirmedNationality", label: "the confirmed nationality", required: false)
        if confirmed != nil, status != .confirmed {
            check.fail("\(path).confirmedNationality", "A confirmed nationality can only be given when the nationality status is confirmed")
        }
        guard let given, let family, let birth, let sex, let nationality, let status else { return nil }
        return Person(givenNames: given, familyName: family, dateOfBirth: birth, sex: sex, nationality: Nationality(claimed: nationality, status: status, confirmed: confirmed))
    }

    private static func address(_ input: AddressInput, check: inout Validator) -> Address? {
        let anyGiven = [input.line1, input.line2, input.town, input.postcode].contains { !($0?.trimmingWhitespace.isEmpty ?? true) }
        guard anyGiven else { return nil }
        let line1 = check.requiredText(input.line1, "address.line1", label: "the first line of the address")
        let line2 = check.optionalText(input.line2, "address.line2", label: "the second line of the address")
        let town = check.requiredText(input.town, "address.town", label: "the town or city")
        let postcode = check.requiredText(input.postcode, "address.postcode", label: "the postcode", maximum: 10)
        if let postcode, !UKPostcode.isValid(postcode) {
            check.fail("address.postcode", "Enter a real UK postcode, for example SW1A 2AA")
            return nil
        }
        guard let line1, let town, let postcode else { return nil }
        return Address(line1: line1, line2: line2, town: town, postcode: UKPostcode.formatted(postcode), verified: input.verified ?? false)
    }

    private static func representative(_ input: RepresentativeInput, check: inout Validator) -> LegalRepresentative? {
        let anyGiven = [input.name, input.firm, input.email].contains { !($0?.trimmingWhitespace.isEmpty ?? true) }
        guard anyGiven else { return nil }
        let name = check.requiredText(input.name, "legalRepresentative.name", label: "the representative's name")
        let firm = check.optionalText(input.firm, "legalRepresentative.firm", label: "the representative's firm")
        let email = check.optionalText(input.email, "legalRepresentative.email", label: "the representative's email")
        if let email, !(email.contains("@") && email.split(separator: "@").count == 2 && !email.contains(" ")) {
            check.fail("legalRepresentative.email", "Enter an email address in the correct format, like name@example.com")
        }
        guard let name else { return nil }
        return LegalRepresentative(name: name, firm: firm, email: email)
    }
}

/// UK postcodes: shape checks only (the Royal Mail list is not held here).
public enum UKPostcode {
    /// True when `text` has the shape of a UK postcode, e.g. "SW1A 2AA", "M1 1AE", "B33 8TH".
    public static func isValid(_ text: String) -> Bool {
        let compact = Array(text.uppercased().filter { $0 != " " })
        guard (5...7).contains(compact.count) else { return false }
        let inward = compact.suffix(3)
        let outward = compact.prefix(compact.count - 3)
        guard inward.first!.isNumber, inward.dropFirst().allSatisfy({ $0.isLetter && $0.isASCII }) else { return false }
        guard let first = outward.first, first.isLetter, first.isASCII else { return false }
        return outward.allSatisfy { ($0.isLetter || $0.isNumber) && $0.isASCII } && outward.contains(where: \.isNumber)
    }

    /// Upper case with one space before the inward code.
    public static func formatted(_ text: String) -> String {
        let compact = String(text.uppercased().filter { $0 != " " })
        return compact.dropLast(3) + " " + compact.suffix(3)
    }
}
