import CaseworkTestSupport
import CaseworkDomain
import CaseworkSimulation
import CaseworkStore
import Synchronization
import Testing

/// The synthetic data generator: deterministic, shaped like the 2023 WIP, valid by the domain's own rules, and
/// seedable into a store.
@Suite("Synthetic data")
struct SyntheticDataTests {
    static let today = LocalDate(year: 2023, month: 10, day: 27)!
    static let workforce = SyntheticWorkforce(seed: 7, decisionMakers: 400)
    /// 20,000 claims as of 27 October 2023, generated once for the whole suite.
    static let sample: [ClaimHistory] = {
        var stream = SyntheticClaims(workforce: workforce, total: 20_000, referenceDate: today, seed: 42)
        return stream.next(batch: 20_000)
    }()

    // MARK: Determinism

    @Test("The same seed gives the same claims, however they are fetched")
    func deterministic() {
        var first = SyntheticClaims(workforce: SyntheticWorkforce(seed: 7, decisionMakers: 400), total: 300, referenceDate: Self.today, seed: 42)
        var second = SyntheticClaims(workforce: SyntheticWorkforce(seed: 7, decisionMakers: 400), total: 300, referenceDate: Self.today, seed: 42)
        let whole = first.next(batch: 300).map(Self.fingerprint)
        var pieces: [String] = []
        while second.remaining > 0 { pieces += second.next(batch: 37).map(Self.fingerprint) }
        #expect(whole == pieces)
        #expect(first.next(batch: 10).isEmpty)
        #expect(Self.fingerprint(second.history(at: 123)) == whole[123])
        #expect(Array(Self.sample.prefix(300)).map(Self.fingerprint) != whole, "a stream of another size stratifies dates differently")

        var other = SyntheticClaims(workforce: Self.workforce, total: 300, referenceDate: Self.today, seed: 43)
        #expect(other.next(batch: 300).map(Self.fingerprint) != whole)
    }

    @Test("The workforce has 16 DMUs in 14 locations, two children's hubs, intake and the national teams")
    func workforceShape() throws {
        let workforce = SyntheticWorkforce(seed: 1)
        #expect(workforce == SyntheticWorkforce(seed: 1))
        let plan = SyntheticWorkforce.plan
        let dmus = plan.filter { $0.kind == "dmu" && !$0.code.rawValue.hasPrefix("CHILD-HUB") }
        #expect(dmus.count == 16)
        #expect(Set(dmus.map(\.location)).count == 14)
        #expect(workforce.units.filter { $0.code.rawValue.hasPrefix("CHILD-HUB") }.allSatisfy { $0.kind == "dmu" })
        for code in ["INTAKE-CROYDON", "NWF", "SAFEGUARDING-HUB", "TCU", "PAIR", "MI", "PLATFORM", "CHILD-HUB-N", "CHILD-HUB-S", "DMU-GLA"] {
            #expect(workforce.units.contains { $0.code.rawValue == code }, "missing \(code)")
        }
        #expect(workforce.staff.filter { $0.role == .decisionMaker }.count == 2_500)
        #expect(Set(workforce.staff.map(\.username)).count == workforce.staff.count, "usernames are unique")
        #expect(workforce.staff.contains { $0.username == "dm.gla.0001" })
        #expect(workforce.staff.contains { $0.username == "admin.platform.0001" && $0.role == .administrator })
        for unit in workforce.units where unit.kind == "dmu" {
            let dms = workforce.members(of: unit.code, role: .decisionMaker).count
            let leaders = workforce.members(of: unit.code, role: .teamLeader).count
            let perTeam = SyntheticProfile.inspection2023.decisionMakersPerTeamLeader
            #expect(dms > 0 && leaders == (dms + perTeam - 1) / perTeam, "\(unit.code): \(dms) DMs, \(leaders) team leaders")
            for role in [Role.technicalSpecialist, .seniorCaseworker, .administrativeOfficer, .operationsManager] {
                #expect(!workforce.members(of: unit.code, role: role).isEmpty, "\(unit.code) has no \(role)")
            }
        }
        for role in Role.allCases { #expect(workforce.staff.contains { $0.role == role }, "nobody is a \(role)") }
        let units = Set(workforce.units.map(\.code))
        #expect(workforce.staff.allSatisfy { units.contains($0.unit) && !$0.displayName.isEmpty })
        #expect(SyntheticWorkforce.decisionMakers(forClaims: 116_619) == 2_500)
    }

    // MARK: Proportions

    @Test("Regime, UASC, support and representation shares land near the 2023 WIP")
    func proportions() {
        let claims = Self.sample
        let policy = RegimePolicy.current
        func share(_ items: [ClaimHistory], _ predicate: (ClaimHistory) -> Bool) -> Double {
            Double(items.filter(predicate).count) / Double(max(1, items.count))
        }
        let profile = SyntheticProfile.inspection2023
        let legacy = claims.filter { policy.regime(forClaimDated: $0.facts.dateOfClaim) == .legacy }
        let ima = claims.filter { policy.regime(forClaimDated: $0.facts.dateOfClaim) == .illegalMigrationAct }
        let flow = claims.filter { policy.regime(forClaimDated: $0.facts.dateOfClaim) == .flow }
        let expectedLegacy = (1 - profile.illegalMigrationActShare) * 28_653.0 / 116_619.0
        #expect(abs(Double(legacy.count) / 20_000 - expectedLegacy) < 0.005)
        #expect(abs(Double(ima.count) / 20_000 - profile.illegalMigrationActShare) < 0.005)
        #expect(abs(share(claims) { $0.facts.unaccompaniedChild } - 8_830.0 / 116_619.0) < 0.01)

        let legacyAdults = legacy.filter { !$0.facts.unaccompaniedChild }
        let flowAdults = flow.filter { !$0.facts.unaccompaniedChild }
        #expect(abs(share(legacyAdults) { $0.facts.asylumSupport } - 0.4694) < 0.03)
        #expect(abs(share(flowAdults) { $0.facts.asylumSupport } - 0.2272) < 0.02)
        #expect(abs(share(legacyAdults) { $0.facts.legalRepresentative != nil } - 0.6723) < 0.03)
        #expect(abs(share(flowAdults) { $0.facts.legalRepresentative != nil } - 0.2834) < 0.02)
        let interviewed: (ClaimHistory) -> Bool = { history in
            history.later.contains { if case .stageChanged(_, .interview) = $0.event { true } else { false } }
        }
        #expect(abs((1 - share(legacyAdults, interviewed)) - 0.5275) < 0.03)
        // Fig 19: 11,158 of the 27,265 legacy adults claimed in 2021.
        #expect(abs(share(legacyAdults) { $0.facts.dateOfClaim.year == 2021 } - 11_158.0 / 27_265.0) < 0.03)
        #expect(legacy.allSatisfy { $0.facts.dateOfClaim.year >= 2007 })

        let adults = claims.filter { !$0.facts.unaccompaniedChild }
        #expect(abs(share(adults) { $0.facts.mainApplicant.sex == .male } - 0.75) < 0.02)
        #expect(share(adults) { (18...45).contains($0.facts.mainApplicant.dateOfBirth.age(on: $0.facts.dateOfClaim)) } > 0.85)
        #expect((0.10...0.20).contains(share(adults) { !$0.facts.dependants.isEmpty }))
        #expect((0.005...0.03).contains(share(claims) { $0.facts.detained }))
        #expect((0.02...0.04).contains(share(claims) { $0.facts.nationalReferralMechanism }))
        #expect((0.10...0.18).contains(share(claims) { !$0.facts.vulnerabilities.isEmpty }))
        #expect((0.27...0.33).contains(share(claims) { $0.facts.protectedCharacteristics != nil }))
        #expect((0.08...0.12).contains(share(claims) { $0.facts.claimType == .nonStraightforward }))
        #expect((0.57...0.63).contains(share(claims) { $0.facts.portReference != nil }))
        let addressed = claims.compactMap(\.facts.address).filter { !$0.line1.contains("Removal Centre") }
        #expect((0.77...0.83).contains(Double(addressed.filter(\.verified).count) / Double(addressed.count)))
        let children = claims.filter { $0.facts.unaccompaniedChild }
        #expect((0.05...0.30).contains(share(children) { $0.facts.ageDisputed }))
        // Most claims are still open; a small share served or closed.
        let finished = share(claims) { history in
            history.later.contains { if case .outcomeRecorded = $0.event { true } else { false } }
        }
        #expect((0.02...0.15).contains(finished))
        // Nationality mix: the big six are there.
        let nationalities = Dictionary(grouping: claims, by: { $0.facts.mainApplicant.nationality.claimed }).mapValues { $0.count }
        for code in ["ALB", "AFG", "IRN", "IRQ", "ERI", "SDN", "KWT"] { #expect((nationalities[code] ?? 0) > 50, "few claims from \(code)") }
    }

    @Test("A reference date before 28 June 2022 makes every claim legacy; one before 20 July 2023 makes none IMA")
    func earlyReferenceDates() {
        let policy = RegimePolicy.current
        let early = LocalDate(year: 2022, month: 3, day: 1)!
        var before = SyntheticClaims(workforce: Self.workforce, total: 2_000, referenceDate: early, seed: 5)
        let legacy = before.next(batch: 2_000)
        #expect(legacy.allSatisfy { policy.regime(forClaimDated: $0.facts.dateOfClaim) == .legacy && $0.facts.dateOfClaim <= early })
        Self.checkEvents(legacy, referenceDate: early)

        let middle = LocalDate(year: 2023, month: 1, day: 15)!
        var flow = SyntheticClaims(workforce: Self.workforce, total: 2_000, referenceDate: middle, seed: 5)
        let histories = flow.next(batch: 2_000)
        #expect(!histories.contains { policy.regime(forClaimDated: $0.facts.dateOfClaim) == .illegalMigrationAct })
        #expect(histories.contains { policy.regime(forClaimDated: $0.facts.dateOfClaim) == .flow })
        Self.checkEvents(histories, referenceDate: middle)
    }

    // MARK: Validity

    @Test("Every claim's facts pass registration validation unchanged, and its references are unique")
    func factsAreValid() throws {
        var biometrics = Set<String>()
        var ports = Set<String>()
        for history in Self.sample {
            let facts = history.facts
            let validated = try Self.input(facts).validated(today: Self.today).facts
            #expect(validated == facts)
            let applicantAge = facts.mainApplicant.dateOfBirth.age(on: facts.dateOfClaim)
            if facts.unaccompaniedChild {
                #expect((14...17).contains(applicantAge))
                #expect(facts.dependants.isEmpty && facts.localAuthority != nil)
            } else {
                #expect(applicantAge >= 18)
            }
            for dependant in facts.dependants where dependant.relationship == .child {
                #expect(dependant.person.dateOfBirth.age(on: facts.dateOfClaim) < 18 && dependant.person.dateOfBirth <= facts.dateOfClaim)
            }
            for language in facts.languages { #expect(Languages.isValid(language: language.language, dialect: language.dialect)) }
            if Languages.language(code: facts.languages[0].language)?.dialects.isEmpty == false { #expect(facts.languages[0].dialect != nil) }
            #expect(Countries.country(code: facts.mainApplicant.nationality.claimed) != nil)
            if let address = facts.address { #expect(UKPostcode.isValid(address.postcode) && UKPostcode.formatted(address.postcode) == address.postcode) }
            if let representative = facts.legalRepresentative { #expect(representative.firm != nil && representative.email?.contains("@") == true) }
            if let biometric = facts.biometricReference { #expect(biometrics.insert(biometric).inserted, "duplicate \(biometric)") }
            if let port = facts.portReference { #expect(ports.insert(port).inserted, "duplicate \(port)") }
            if facts.vulnerabilities.contains(.elderly) { #expect(applicantAge >= 70) }
        }
        #expect(biometrics.count == Self.sample.count)
    }

    @Test("Every claim is owned by a decision-making unit, registered at intake on its date of claim at a working hour")
    func ownershipAndRegistration() {
        let dmus = Set(Self.workforce.units.filter { $0.kind == "dmu" }.map(\.code))
        let staff = Dictionary(uniqueKeysWithValues: Self.workforce.staff.map { ($0.username, $0) })
        for history in Self.sample {
            #expect(dmus.contains(history.owningUnit))
            let isHub = history.owningUnit.rawValue.hasPrefix("CHILD-HUB")
            #expect(isHub == history.facts.unaccompaniedChild)
            if history.facts.detained { #expect(history.owningUnit == SyntheticWorkforce.detainedCaseworkUnit) }
            #expect(history.registeredBy.unit == SyntheticWorkforce.intakeUnit && history.registeredBy.role == .administrativeOfficer)
            #expect(staff[history.registeredBy.staff]?.actor == history.registeredBy)
            #expect(AccessPolicy.canRegister(history.registeredBy))
            #expect(history.registeredAt.date == history.facts.dateOfClaim)
            let hour = history.registeredAt.millisecondsSinceEpoch % 86_400_000 / 3_600_000
            #expect((9..<17).contains(hour))
        }
    }

    @Test("Every journey replays through ClaimRules, by people allowed to make each change, never after today")
    func journeysFollowTheRules() {
        Self.checkEvents(Self.sample, referenceDate: Self.today)
        let notes = Self.sample.flatMap(\.later).compactMap { if case let .noteAdded(note) = $0.event { note } else { nil } }
        #expect(notes.contains { $0.text.count > 999 }, "some notes are longer than Atlas allowed")
        #expect(notes.contains { $0.isAction })
        let stages = Set(Self.sample.map { history in
            history.later.reduce(into: Stage.registration) { stage, step in
                switch step.event {
                case let .stageChanged(_, to): stage = to
                case let .outcomeRecorded(outcome, _): stage = outcome.resultingStage
                case .outcomeWithdrawn: stage = .reopened
                default: break
                }
            }
        })
        for stage in [Stage.screening, .inadmissibilityConsideration, .workInProgress, .interview, .decision, .qualityAssurance, .served, .closed] {
            #expect(stages.contains(stage), "no claim ends at \(stage)")
        }
    }

    // MARK: Seeding

    @Test("Seeding writes the workforce and claims, and search finds them", arguments: TestDatabases.kinds)
    func seeding(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = CaseworkStore(database: database, clock: FixedClock(Instant(startOf: Self.today).adding(milliseconds: 17 * 3_600_000)))
            try await store.migrate()
            let hash = PasswordHasher(cost: 4).hash("synthetic-password")
            let seeder = Seeder(store: store, passwordHash: hash, batchSize: 200)
            let workforce = SyntheticWorkforce(seed: 3, decisionMakers: 40)
            let claims = SyntheticClaims(workforce: workforce, total: 500, referenceDate: Self.today, seed: 3)
            let calls = Counter()
            let summary = try await seeder.seed(workforce: workforce, claims: claims) { done, total, _ in
                #expect(total == 500 && done <= total)
                calls.add()
            }
            #expect(summary.claims == 500 && summary.staff == workforce.staff.count && summary.units == workforce.units.count)
            #expect(calls.value == 3)

            let admin = try #require(try await store.staff("admin.platform.0001"))
            let all = try await store.search(ClaimQuery(pageSize: 10), for: admin.actor)
            #expect(all.total == 500)
            let counts = try await store.stageCounts(for: admin.actor)
            #expect(counts.reduce(0) { $0 + $1.count } == 500)
            let events = try await database.read { try await $0.queryFirst("SELECT COUNT(*) AS n FROM claim_events")?["n"].int }
            #expect(events == summary.events)
            #expect(try await store.allStaff().count == workforce.staff.count)
            #expect(try await store.authenticate(username: "dm.gla.0001", password: "synthetic-password", hasher: PasswordHasher(cost: 4)) != nil)

            // A DM sees only their unit's claims.
            let dm = try #require(try await store.staff("dm.gla.0001"))
            let own = try await store.search(ClaimQuery(pageSize: 200), for: dm.actor)
            #expect(own.total > 0 && own.total < 500 && own.claims.allSatisfy { $0.owningUnit == "DMU-GLA" })

            // A second run adds the claims again but leaves the staff alone.
            let again = try await seeder.seedWorkforce(workforce)
            #expect(again.staff == 0 && again.skipped == workforce.staff.count)
        }
    }

    // MARK: Helpers

    /// Replays each history: every event is what `ClaimRules.decide` produces for the matching command, made by an
    /// actor `AccessPolicy` allows, at a strictly later instant at a working hour, on or before `referenceDate`.
    static func checkEvents(_ histories: [ClaimHistory], referenceDate: LocalDate) {
        let staff = Set(workforce.staff.map(\.actor))
        for (index, history) in histories.enumerated() {
            let reference = ClaimReference.numbered(index + 1)
            var claim = ClaimRules.start(reference: reference, facts: history.facts, owningUnit: history.owningUnit, actor: history.registeredBy, at: history.registeredAt)
            var last = history.registeredAt
            for step in history.later {
                #expect(step.at > last, "\(reference): events out of order")
                #expect(step.at.date <= referenceDate, "\(reference): event after the reference date")
                let hour = step.at.millisecondsSinceEpoch % 86_400_000 / 3_600_000
                #expect((9..<17).contains(hour))
                let weekday = ((step.at.date.dayNumber % 7) + 10) % 7
                #expect(weekday < 5, "\(reference): an event at a weekend")
                #expect(staff.contains(step.actor), "\(step.actor.staff) is not in the workforce")
                last = step.at
                let command: ClaimCommand
                switch step.event {
                case let .stageChanged(_, to): command = .moveStage(to: to)
                case let .outcomeRecorded(outcome, _): command = .recordOutcome(outcome)
                case .outcomeWithdrawn: command = .withdrawOutcome
                case let .noteAdded(note): command = .addNote(note)
                case let .claimLinked(other): command = .linkClaim(other)
                case let .allocated(to, from): command = .allocate(to: to, reassigning: from != nil)
                case .released: command = .release
                case .barrierRaised, .barrierReviewed, .barrierCleared, .safeguardingReferralRecorded, .commitmentRecorded, .commitmentWithdrawn,
                    .priorityGranted, .transferred, .droppedOutOfCohort, .interviewNeedsRecorded, .interviewBooked, .interviewOutcomeRecorded,
                    .postponementRequested, .postponementAnswered, .failureToAttendFollowedUp:
                    Issue.record("\(reference): the generator does not make \(step.event.type) events")
                    continue
                case .registered:
                    Issue.record("\(reference): a second registration")
                    continue
                }
                if case .addNote = command {
                    #expect(AccessPolicy.canWrite(claimOwnedBy: claim.owningUnit, actor: step.actor), "\(step.actor.role) cannot write on \(claim.owningUnit)")
                } else {
                    #expect(AccessPolicy.canMoveStage(claimOwnedBy: claim.owningUnit, actor: step.actor), "\(step.actor.role) cannot move \(claim.owningUnit)")
                }
                do {
                    let event = try ClaimRules.decide(command, on: claim, reason: step.reason)
                    #expect(event == step.event)
                    ClaimRules.apply(event, to: &claim, at: step.at)
                } catch {
                    Issue.record("\(reference): \(error)")
                    break
                }
            }
            let refused = history.later.contains { if case .outcomeRecorded(.refusal, _) = $0.event { true } else { false } }
            let interviewed = history.later.contains { if case .stageChanged(_, .interview) = $0.event { true } else { false } }
            #expect(!refused || interviewed, "\(reference): refused without an interview (3.37)")
        }
    }

    /// The facts as a registration form would send them.
    static func input(_ facts: ClaimFacts) -> RegistrationInput {
        func person(_ person: Person, relationship: DependantRelationship?) -> PersonInput {
            PersonInput(
                givenNames: person.givenNames, familyName: person.familyName, dateOfBirth: person.dateOfBirth.iso, sex: person.sex.rawValue,
                nationality: person.nationality.claimed, nationalityStatus: person.nationality.status.rawValue,
                confirmedNationality: person.nationality.confirmed, relationship: relationship?.rawValue
            )
        }
        var input = RegistrationInput()
        input.mainApplicant = person(facts.mainApplicant, relationship: nil)
        input.dependants = facts.dependants.map { person($0.person, relationship: $0.relationship) }
        input.dateOfClaim = facts.dateOfClaim.iso
        input.unaccompaniedChild = facts.unaccompaniedChild
        input.ageDisputed = facts.ageDisputed
        input.languages = facts.languages.map { LanguageInput(language: $0.language, dialect: $0.dialect) }
        input.address = facts.address.map { AddressInput(line1: $0.line1, line2: $0.line2, town: $0.town, postcode: $0.postcode, verified: $0.verified) }
        input.legalRepresentative = facts.legalRepresentative.map { RepresentativeInput(name: $0.name, firm: $0.firm, email: $0.email) }
        input.detained = facts.detained
        input.asylumSupport = facts.asylumSupport
        input.localAuthority = facts.localAuthority
        input.linkedClaims = facts.linkedClaims.map(\.rawValue)
        input.nationalReferralMechanism = facts.nationalReferralMechanism
        input.criminality = facts.criminality
        input.vulnerabilities = facts.vulnerabilities.map(\.rawValue)
        input.protectedCharacteristics = facts.protectedCharacteristics
        input.claimType = facts.claimType.rawValue
        input.biometricReference = facts.biometricReference
        input.portReference = facts.portReference
        return input
    }

    /// Everything in a history, as text.
    static func fingerprint(_ history: ClaimHistory) -> String {
        "\(history.facts)|\(history.owningUnit)|\(history.registeredBy)|\(history.registeredAt)|" + history.later.map { "\($0.event)|\($0.actor)|\($0.at)|\($0.reason ?? "")" }.joined(separator: ";")
    }
}

/// A count shared with a `@Sendable` progress callback.
private final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
