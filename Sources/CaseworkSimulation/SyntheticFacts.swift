import CaseworkDomain

/// A claim's facts as drawn, with what the journey needs to know about them.
struct DrawnClaim {
    var facts: ClaimFacts
    var regime: Regime
    /// Index into `ClaimModel.crews`: the owning unit.
    var crew: Int
    /// Index into `ClaimModel.references`.
    var nationality: Int
    var child: Bool
    var language: SpokenLanguage
}

extension ClaimModel {
    /// The facts of claim `index`, made on `dateOfClaim`. Every value is one `RegistrationInput.validated` accepts.
    func facts(index: Int, dateOfClaim: LocalDate, _ draw: inout Draw) -> DrawnClaim {
        let regime = policy.regime(forClaimDated: dateOfClaim)
        let legacy = regime == .legacy
        let child = draw.chance(legacy ? profile.childShareOfLegacy : profile.childShareOfFlow)
        let nationalityIndex = (child ? childNationalities : legacy ? legacyNationalities : flowNationalities).pick(&draw)
        let reference = references[nationalityIndex]
        let variant = reference.variants.pick(&draw)
        let names = variant.names

        // The main applicant.
        let male = draw.chance(child ? profile.childMaleShare : profile.adultMaleShare)
        let age = child ? draw.int(profile.childAges) : draw.int(adultAges.pick(&draw))
        let nationality = nationalityOf(reference, &draw)
        let applicant = Person(
            givenNames: draw.pick(male ? names.male : names.female), familyName: draw.pick(names.family),
            dateOfBirth: Self.birthDate(age: age, on: dateOfClaim, &draw), sex: male ? .male : .female, nationality: nationality
        )
        var languages = [variant.language]
        if !reference.secondLanguages.isEmpty, draw.chance(profile.secondLanguageShare) {
            let second = draw.pick(reference.secondLanguages)
            if second != variant.language { languages.append(second) }
        }

        // Family.
        var dependants: [Dependant] = []
        if !child, draw.chance(profile.withDependantsShare) {
            let mix = draw.unit()
            let wantsSpouse = mix < profile.spouseOnlyShare + profile.spouseAndChildrenShare
            let wantsChildren = mix >= profile.spouseOnlyShare
            if wantsSpouse || age < 19 {
                let spouseAge = max(18, age + (male ? draw.int(-8...2) : draw.int(-2...8)))
                dependants.append(Dependant(person: Person(
                    givenNames: draw.pick(male ? names.female : names.male),
                    familyName: draw.chance(0.5) ? applicant.familyName : draw.pick(names.family),
                    dateOfBirth: Self.birthDate(age: spouseAge, on: dateOfClaim, &draw), sex: male ? .female : .male, nationality: nationality
                ), relationship: .spouse))
            }
            if wantsChildren, age >= 19 {
                let oldest = min(17, age - 17)
                for _ in 0..<(1 + draw.below(draw.chance(0.6) ? 2 : 4)) {
                    let boy = draw.chance(0.5)
                    dependants.append(Dependant(person: Person(
                        givenNames: draw.pick(boy ? names.male : names.female), familyName: applicant.familyName,
                        dateOfBirth: Self.birthDate(age: draw.int(0...oldest), on: dateOfClaim, &draw), sex: boy ? .male : .female,
                        nationality: nationality
                    ), relationship: .child))
                }
            }
        }

        // Circumstances.
        let detained = !child && draw.chance(profile.detainedShare)
        let supported = !child && draw.chance(legacy ? profile.legacySupportedShare : profile.flowSupportedShare)
        let represented = draw.chance(child ? profile.childRepresentedShare : legacy ? profile.legacyRepresentedShare : profile.flowRepresentedShare)
        let townIndex = (child ? childTowns : towns).pick(&draw)
        let town = SyntheticPlaces.towns[townIndex]
        let address = self.address(in: town, detained: detained, hotel: !child && !legacy && draw.chance(profile.hotelShare), &draw)
        let hasChildren = dependants.contains { $0.relationship == .child }
        let trafficked = draw.chance(profile.nationalReferralMechanismShare)
        let vulnerabilities = self.vulnerabilities(child: child, male: male, age: age, trafficked: trafficked, &draw)
        let characteristics = draw.chance(profile.protectedCharacteristicsShare)
            ? protectedCharacteristics(reference, variant, vulnerabilities, &draw) : nil

        // Owning unit: the children's hub for the child's local authority, detained casework, the NSA team for some
        // claimants from designated states, otherwise a DMU in proportion to its decision makers.
        let crew: Int
        if child, let hub = town.north ? northernHub ?? southernHub : southernHub ?? northernHub {
            crew = hub
        } else if detained, let unit = detainedUnit {
            crew = unit
        } else if designatedStates.contains(nationalityIndex), let unit = nonSuspensiveUnit, draw.chance(profile.nonSuspensiveAppealsShare) {
            crew = unit
        } else {
            crew = regularUnits.pick(&draw)
        }

        let facts = ClaimFacts(
            mainApplicant: applicant, dependants: dependants, dateOfClaim: dateOfClaim, unaccompaniedChild: child,
            ageDisputed: child && draw.chance(profile.childAgeDisputedShare), languages: languages,
            address: draw.chance(profile.addressShare) || detained ? address : nil,
            legalRepresentative: represented ? draw.pick(representatives) : nil, detained: detained, asylumSupport: supported,
            localAuthority: child || hasChildren ? town.localAuthority : nil, nationalReferralMechanism: trafficked,
            criminality: !child && draw.chance(profile.criminalityShare), vulnerabilities: vulnerabilities,
            protectedCharacteristics: characteristics,
            claimType: draw.chance(profile.nonStraightforwardShare) ? .nonStraightforward : .straightforward,
            biometricReference: biometricReference(index), portReference: draw.chance(profile.portReferenceShare)
                ? portReference(index, dateOfClaim: dateOfClaim, smallBoat: !legacy, &draw) : nil
        )
        return DrawnClaim(facts: facts, regime: regime, crew: crew, nationality: nationalityIndex, child: child, language: variant.language)
    }

    /// A date of birth giving exactly `age` whole years on `date`.
    static func birthDate(age: Int, on date: LocalDate, _ draw: inout Draw) -> LocalDate {
        func yearsBefore(_ years: Int) -> LocalDate {
            LocalDate(year: date.year - years, month: date.month, day: date.day)
                ?? LocalDate(year: date.year - years, month: date.month, day: date.day - 1)!
        }
        let latest = yearsBefore(age).dayNumber
        let earliest = yearsBefore(age + 1).dayNumber + 1
        return LocalDate(dayNumber: earliest + draw.below(latest - earliest + 1))
    }

    private func nationalityOf(_ reference: NationalityReference, _ draw: inout Draw) -> Nationality {
        let u = draw.unit()
        if u < profile.nationalityDisputedShare { return Nationality(claimed: reference.code, status: .disputed) }
        if u < profile.nationalityDisputedShare + profile.nationalityConfirmedShare {
            // Now and then the nationality established is another one (an Eritrean claim found to be Ethiopian).
            if let other = reference.alternative, draw.chance(0.1) { return Nationality(claimed: reference.code, status: .confirmed, confirmed: other) }
            return Nationality(claimed: reference.code, status: .confirmed)
        }
        return Nationality(claimed: reference.code)
    }

    private func address(in town: Town, detained: Bool, hotel: Bool, _ draw: inout Draw) -> Address {
        if detained {
            let centre = draw.pick(SyntheticPlaces.removalCentres)
            return Address(line1: centre.name, town: centre.town, postcode: centre.postcode, verified: true)
        }
        let letters = SyntheticPlaces.inwardLetters
        let postcode = town.area + String(draw.int(town.districts)) + " " + String(draw.below(10)) + draw.pick(letters) + draw.pick(letters)
        let verified = draw.chance(profile.addressVerifiedShare)
        if hotel {
            return Address(line1: "Room " + String(draw.int(1...4) * 100 + draw.int(1...60)), line2: draw.pick(SyntheticPlaces.hotels), town: town.name, postcode: postcode, verified: verified)
        }
        let street = String(draw.int(1...240)) + " " + draw.pick(SyntheticPlaces.streets)
        if draw.chance(0.3) { return Address(line1: "Flat " + String(draw.int(1...24)), line2: street, town: town.name, postcode: postcode, verified: verified) }
        return Address(line1: street, town: town.name, postcode: postcode, verified: verified)
    }

    private func vulnerabilities(child: Bool, male: Bool, age: Int, trafficked: Bool, _ draw: inout Draw) -> [VulnerabilityMarker] {
        var markers: [VulnerabilityMarker] = []
        if trafficked { markers.append(.modernSlavery) }
        if age >= 70 { markers.append(.elderly) }
        if draw.chance(profile.vulnerableShare) {
            let candidates: [(VulnerabilityMarker, Double)] = [
                (.mentalHealth, 30), (.physicalHealth, 15), (.tortureSurvivor, 10), (.suicidalIdeation, 7), (.disability, 6),
                (.lgbtqi, 5), (.domesticAbuse, male ? 1 : 12), (.genderBasedViolence, male ? 1 : 10),
                (.pregnancy, !male && !child && age <= 45 ? 8 : 0), (.childWithoutCarer, child ? 20 : 0),
            ]
            let table = Weighted(candidates)
            for _ in 0..<(draw.chance(0.25) ? 2 : 1) {
                let marker = table.pick(&draw)
                if !markers.contains(marker) { markers.append(marker) }
            }
        }
        return markers
    }

    private func protectedCharacteristics(
        _ reference: NationalityReference, _ variant: NationalityReference.Variant, _ markers: [VulnerabilityMarker], _ draw: inout Draw
    ) -> ProtectedCharacteristics {
        var result = ProtectedCharacteristics()
        if draw.chance(0.9) { result.religion = reference.religions.pick(&draw) }
        if draw.chance(0.8) { result.ethnicity = variant.ethnicity }
        if markers.contains(.lgbtqi) {
            result.sexualOrientation = draw.pick(["Gay", "Lesbian", "Bisexual"])
        } else if draw.chance(0.5) {
            result.sexualOrientation = Weighted(SyntheticPlaces.sexualOrientations).pick(&draw)
        }
        if draw.chance(0.25) { result.genderIdentity = Weighted(SyntheticPlaces.genderIdentities).pick(&draw) }
        if markers.contains(.disability) || draw.chance(0.08) { result.disability = Weighted(SyntheticPlaces.disabilities).pick(&draw) }
        if result.isEmpty { result.religion = reference.religions.pick(&draw) }
        return result
    }

    /// "BIO" and ten digits, different for every claim of the stream (an affine map that is one-to-one below 10^10).
    func biometricReference(_ index: Int) -> String {
        "BIO" + Int((UInt64(index) &* 6_700_417 &+ biometricOffset) % 10_000_000_000).padded(10)
    }

    /// Port, year of arrival and eight digits, different for every claim (one-to-one below 10^8).
    func portReference(_ index: Int, dateOfClaim: LocalDate, smallBoat: Bool, _ draw: inout Draw) -> String {
        let port = smallBoat && draw.chance(0.75) ? "DVR" : draw.pick(["LHR", "LGW", "MAN", "STN", "BHX", "GLA", "CTK", "DVR"])
        let serial = Int((UInt64(index) &* 9_999_991 &+ portOffset) % 100_000_000).padded(8)
        return port + "/" + (dateOfClaim.year % 100).padded(2) + "/" + serial
    }
}
