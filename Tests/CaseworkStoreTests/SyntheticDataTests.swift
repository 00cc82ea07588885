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
            history.later.contains {
                switch $0.event {
                case .outcomeRecorded, .decisionServed: true
                default: false
                }
            }
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
                case let .decisionCompleted(completion): if completion.sample.decision.selected { stage = .qualityAssurance }
                case let .qualityAssessed(assessment): if assessment.work == .decision, assessment.preService, !assessment.passes { stage = .decision }
                case .decisionServed: stage = .served
                default: break
                }
            }
        })
        for stage in [Stage.screening, .inadmissibilityConsideration, .workInProgress, .interview, .decision, .qualityAssurance, .served, .closed] {
            #expect(stages.contains(stage), "no claim ends at \(stage)")
        }
    }

    // MARK: Decisions and quality

    /// A year of decisions (the quality benchmark's profile), for the shares of checks and appeals.
    static let decidedYear: [ClaimHistory] = {
        var stream = SyntheticClaims(workforce: workforce, total: 12_000, referenceDate: today, seed: 11, profile: .nationalDecisionYear)
        return stream.next(batch: 12_000)
    }()

    @Test("Decided claims follow the rules, and checks and appeals land near 10.31–10.34 and the profile")
    func qualityShares() {
        Self.checkEvents(Self.decidedYear, referenceDate: Self.today)
        let events = Self.decidedYear.flatMap(\.later).map(\.event)
        var served = 0, refusals = 0, completions = 0, selected = 0, resubmissions = 0, screenings = 0, withdrawals = 0
        var checks: [QualityAssessment] = []
        var determined: [AppealOutcome] = []
        for event in events {
            switch event {
            case let .decisionServed(service):
                served += 1
                if service.outcome == .refusal { refusals += 1 }
            case let .decisionCompleted(completion):
                completions += 1
                if completion.sample.decision.selected { selected += 1 }
                if completion.resubmission { resubmissions += 1 }
            case .screeningInterviewRecorded: screenings += 1
            case .workSampled: withdrawals += 1
            case let .qualityAssessed(assessment) where assessment.work == .decision: checks.append(assessment)
            case let .appealDetermined(determination): determined.append(determination.outcome)
            default: break
            }
        }
        func share(_ predicate: (QualityAssessment) -> Bool) -> Double { Double(checks.filter(predicate).count) / Double(max(1, checks.count)) }
        let casework = share { $0.scores.casework.isHigh }, process = share { $0.scores.process.isHigh }
        let calculated = share { $0.scores.calculated.isHigh }, mandate = share { $0.scores.operatingMandate.isHigh }
        let preService = share(\.preService)
        let allowed = Double(determined.filter { $0 == .allowed }.count) / Double(max(1, determined.count))
        print(
            "Synthetic year of 12,000 claims: \(served) decisions served (\(refusals) refusals), \(completions) completions (\(selected) selected, \(resubmissions) resubmissions), "
                + "\(checks.count) checks of decisions, \(screenings) screening interviews, \(withdrawals) withdrawals sampled, \(determined.count) appeals determined; "
                + "DQ1–2 casework \(casework), process \(process), calculated \(calculated), Operating Mandate \(mandate); pre-service \(preService); allowed \(allowed)"
        )
        #expect(served > 5_000 && refusals > 500 && resubmissions > 50 && screenings > 10_000 && withdrawals > 50)
        #expect(abs(casework - 0.60) < 0.04 && abs(process - 0.56) < 0.04 && abs(calculated - 0.40) < 0.04 && mandate > 0.75)
        #expect((0.86...0.94).contains(preService))
        #expect(determined.count > 100 && (0.30...0.50).contains(allowed))
        // The WIP snapshot has decisions too, each through its gates.
        #expect(Self.sample.contains { $0.later.contains { if case .decisionServed = $0.event { true } else { false } } })
        #expect(!Self.sample.contains { $0.later.contains { if case .outcomeRecorded(let outcome, _) = $0.event { DecisionRules.decisionOutcomes.contains(outcome) } else { false } } })
    }

    @Test("Seeded decisions give samples, checks, served decisions with letters and appeals, and a rebuild reproduces them", arguments: TestDatabases.kinds)
    func seededDecisions(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = CaseworkStore(database: database, clock: FixedClock(Instant(startOf: Self.today).adding(milliseconds: 17 * 3_600_000)))
            try await store.migrate()
            let seeder = Seeder(store: store, passwordHash: PasswordHasher(cost: 4).hash("synthetic-password"), batchSize: 250)
            let summary = try await seeder.seed(claims: 1_500, referenceDate: Self.today, seed: 5, decisionMakers: 60, profile: .nationalDecisionYear)
            #expect(summary.claims == 1_500)
            func count(_ sql: String) async throws -> Int { try await database.read { try await $0.queryFirst(sql)?["n"].int } ?? 0 }
            let samples = try await count("SELECT COUNT(*) AS n FROM quality_samples")
            let events = try await count("SELECT COUNT(*) AS n FROM claim_events WHERE type IN ('decision-completed', 'screening-interview-recorded', 'work-sampled')")
            #expect(samples > 0 && samples == events)
            #expect(try await count("SELECT COUNT(*) AS n FROM quality_samples WHERE status = 'checked'") > 0)
            #expect(try await count("SELECT COUNT(*) AS n FROM quality_samples WHERE work = 'withdrawal'") > 0)
            let assessments = try await count("SELECT COUNT(*) AS n FROM quality_assessments")
            let assessedEvents = try await count("SELECT COUNT(*) AS n FROM claim_events WHERE type = 'quality-assessed'")
            #expect(assessments > 0 && assessments == assessedEvents)
            #expect(try await count("SELECT COUNT(*) AS n FROM quality_themes") > 0)
            let served = try await count("SELECT COUNT(*) AS n FROM decision_drafts WHERE status IN ('served', 'withdrawn')")
            let servedEvents = try await count("SELECT COUNT(*) AS n FROM claim_events WHERE type = 'decision-served'")
            #expect(served > 0 && served == servedEvents)
            #expect(try await count("SELECT COUNT(*) AS n FROM claim_letters WHERE kind IN ('decision-grant', 'decision-refusal')") == served)
            #expect(try await count("SELECT COUNT(*) AS n FROM operating_mandate_checks") > 0)
            #expect(try await count("SELECT COUNT(*) AS n FROM appeals WHERE outcome IS NOT NULL") > 0)
            let servedDrafts = try await count("SELECT COUNT(*) AS n FROM decision_drafts WHERE status = 'served'")
            // Inadmissibility decisions are served too (outside the merits decision path), so they are counted apart.
            #expect(try await count("SELECT COUNT(*) AS n FROM claims WHERE stage = 'served' AND outcome <> 'inadmissible'") == servedDrafts)

            // The store's own views see them.
            let ops = Actor(staff: "om.gla.0001", role: .operationsManager, unit: "DMU-GLA")
            let month = ReportMonth(year: 2023, month: 9)!
            let national = try await store.unitQuality(unit: nil, month: month, for: ops)
            #expect((national.sampling.first { $0.work == .decision }?.completed ?? 0) > 0 && national.preService.total > 0)
            let waiting = try await store.checksWaiting(unit: nil, for: ops)
            #expect(waiting.total > 0)

            let before = try await store.projectionSnapshot()
            try await store.rebuildProjections()
            let after = try await store.projectionSnapshot()
            #expect(before.count == after.count)
            #expect(before == after, "rebuilt projections differ: \(zip(before, after).first { $0 != $1 }.map { "\($0.0) vs \($0.1)" } ?? "in length")")
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

    /// Replays each history: every event is what `ClaimRules.decide` produces for the matching command, or what the
    /// store's decision and quality rules would record (the draft on an offered template, complete when completed; the
    /// sample decided by `SamplingRules` with the worker's real sign-off, identified by the claim and the event's
    /// sequence; a check answering the sample waiting; service with every gate open; appeals against a served refusal),
    /// made by an actor whose role may make it, at a strictly later instant at a working hour (the platform's sample
    /// of a withdrawal at the withdrawal's own), on or before `referenceDate`.
    static func checkEvents(_ histories: [ClaimHistory], referenceDate: LocalDate, firstReference: Int = 1) {
        let staff = Set(workforce.staff.map(\.actor))
        let profiles = workforce.profiles
        let catalogue = DecisionTemplateCatalogue.current
        for (index, history) in histories.enumerated() {
            let reference = ClaimReference.numbered(index + firstReference)
            var claim = ClaimRules.start(reference: reference, facts: history.facts, owningUnit: history.owningUnit, actor: history.registeredBy, at: history.registeredAt)
            var last = history.registeredAt
            var previous: ClaimEvent?
            // The decision record as the store's projection would hold it.
            var draft: DecisionDraft?
            var status: DraftStatus?
            var samples: [String: (sample: WorkSample, waiting: Bool)] = [:]
            var latestDecisionSample: WorkSample?
            var assessments: [QualityAssessment] = []
            var checks: [OperatingMandateCheck] = []
            var served: DecisionService?
            var appeal: AppealState?
            var interviewed = false
            func fail(_ message: String) { Issue.record("\(reference): \(message)") }
            func checkSample(_ sample: WorkSample, sequence: Int, worker: StaffID) {
                #expect(sample.id == "\(reference.rawValue)@\(sequence)", "\(reference): sample \(sample.id) is not event \(sequence)'s")
                #expect(sample.worker == worker)
                #expect(sample.decision.draw == SamplingRules.uniformDraw(seed: SamplingPolicy.current.seed, id: sample.id))
                #expect(sample.decision.random == (sample.decision.draw < (SamplingPolicy.current.randomRate[sample.work] ?? 0)))
                if sample.work == .decision {
                    let signedOff = profiles[worker]?.signedOff ?? false
                    #expect(sample.decision.reasons.contains { $0.code == "before-sign-off" } == !signedOff, "\(reference): sampling ignored \(worker)'s sign-off")
                }
                #expect(sample.decision.selected == !sample.decision.reasons.isEmpty)
                samples[sample.id] = (sample, sample.decision.selected)
            }
            for (position, step) in history.later.enumerated() {
                let sequence = position + 2
                let systemFollowUp: Bool = if case .workSampled = step.event, step.actor == .system { true } else { false }
                if systemFollowUp {
                    #expect(step.at == last, "\(reference): the withdrawal's sample is taken in the same moment")
                    guard case let .outcomeRecorded(outcome, _)? = previous, outcome == .withdrawnExplicitly || outcome == .withdrawnImplicitly else {
                        fail("a work-sampled event that does not follow a withdrawal")
                        break
                    }
                } else {
                    #expect(step.at > last, "\(reference): events out of order")
                    #expect(staff.contains(step.actor), "\(step.actor.staff) is not in the workforce")
                }
                #expect(step.at.date <= referenceDate, "\(reference): event after the reference date")
                let hour = step.at.millisecondsSinceEpoch % 86_400_000 / 3_600_000
                #expect((9..<17).contains(hour))
                let weekday = ((step.at.date.dayNumber % 7) + 10) % 7
                #expect(weekday < 5, "\(reference): an event at a weekend")
                last = step.at
                previous = step.event
                let writes = AccessPolicy.canWrite(claimOwnedBy: claim.owningUnit, actor: step.actor)
                var command: ClaimCommand?
                switch step.event {
                case let .stageChanged(_, to): command = .moveStage(to: to)
                case let .outcomeRecorded(outcome, _): command = .recordOutcome(outcome)
                case .outcomeWithdrawn: command = .withdrawOutcome
                case let .noteAdded(note): command = .addNote(note)
                case let .claimLinked(other): command = .linkClaim(other)
                case let .allocated(to, from): command = .allocate(to: to, reassigning: from != nil)
                case .released: command = .release
                case let .screeningInterviewRecorded(screening):
                    #expect(claim.stage == .screening, "\(reference): screening interview recorded at \(claim.stage)")
                    #expect(writes && CaseworkStore.screeningRecorders.contains(step.actor.role) && screening.conductedBy == step.actor.staff)
                    #expect(!samples.values.contains { $0.sample.work == .screeningInterview }, "\(reference): a second screening interview")
                    #expect(screening.sample.work == .screeningInterview && screening.conductedOn == step.at.date && screening.sample.completedOn == step.at.date)
                    checkSample(screening.sample, sequence: sequence, worker: screening.conductedBy)
                case let .operatingMandateCheckRecorded(check):
                    #expect(writes && OperatingMandate.recorders.contains(step.actor.role) && claim.stage.isOpen)
                    #expect(OperatingMandate.check(check.code) != nil && check.checkedBy == step.actor.staff && check.checkedOn == step.at.date)
                    #expect(check.result == .clear || (check.note != nil && step.reason == check.note))
                    checks.removeAll { $0.code == check.code }
                    checks.append(check)
                case let .decisionDrafted(saved):
                    #expect(writes && DecisionRules.drafters.contains(step.actor.role) && saved.author == step.actor.staff)
                    #expect(claim.stage == .decision, "\(reference): drafted at \(claim.stage)")
                    #expect(profiles[step.actor.staff]?.trainedFor?.covers(.decision) ?? true, "\(step.actor.staff) is not trained for decisions")
                    if let draft { #expect(saved.number == draft.number && status?.isEditable == true) } else { #expect(saved.number == 1) }
                    let template = catalogue.template(saved.template, version: saved.templateVersion)
                    #expect(template?.fits(nationality: claim.facts.mainApplicant.nationality.effective, regime: claim.regime) == true)
                    #expect(template?.outcomes.contains(saved.outcome) == true && template?.retired == false)
                    if saved.outcome == .refusal { #expect(interviewed, "\(reference): a refusal drafted without an interview (3.37)") }
                    draft = saved
                    if status == nil { status = .draft }
                case let .decisionCompleted(completion):
                    guard let current = draft else { fail("completed with no draft"); break }
                    #expect(writes && DecisionRules.drafters.contains(step.actor.role) && current.author == step.actor.staff && completion.author == current.author)
                    #expect(claim.stage == .decision && status?.isEditable == true && completion.draft == current.number && completion.outcome == current.outcome)
                    #expect(completion.resubmission == (status == .returned))
                    let problems = DecisionRules.completionProblems(current, claim: claim, completedInterviews: interviewed ? [.substantive] : [])
                    #expect(problems.isEmpty, "\(reference): \(problems.map(\.message))")
                    #expect(completion.completedOn == step.at.date && completion.sample.subject == current.number)
                    #expect(Set(completion.sample.triggers) == DecisionRules.samplingTriggers(current, claim: claim))
                    if completion.resubmission { #expect(completion.sample.decision.selected, "\(reference): a resubmission is always checked") }
                    checkSample(completion.sample, sequence: sequence, worker: current.author)
                    latestDecisionSample = completion.sample
                    status = .completed
                case let .qualityAssessed(assessment):
                    #expect(AssessmentRules.assessors.contains(step.actor.role) && writes && assessment.assessor == step.actor.staff && assessment.assessorRole == step.actor.role)
                    #expect(assessment.worker != assessment.assessor && !assessment.feedback.isEmpty && assessment.assessedOn == step.at.date)
                    #expect(assessment.number == assessments.count + 1)
                    #expect(assessment.mode == .written || (assessment.agreedWith == assessment.worker && assessment.agreement != nil))
                    if let id = assessment.sampleID {
                        guard let waiting = samples[id], waiting.waiting else { fail("a check answers sample \(id), which is not waiting"); break }
                        #expect(waiting.sample.work == assessment.work && waiting.sample.worker == assessment.worker)
                        #expect(assessment.depth >= (waiting.sample.decision.depth ?? .lightTouch))
                        samples[id]?.waiting = false
                    }
                    switch assessment.work {
                    case .decision:
                        if assessment.preService {
                            #expect(claim.stage == .qualityAssurance && status == .completed && assessment.sampleID == latestDecisionSample?.id)
                            if !assessment.passes { status = .returned }
                        } else {
                            #expect(status == .served && assessment.sampleID == nil, "\(reference): a check after service is a dip check of the served decision")
                        }
                        #expect(assessment.subject == draft?.number)
                    case .screeningInterview: #expect(assessment.preService == (claim.stage != .served))
                    case .withdrawal: #expect(!assessment.preService)
                    case .interview: fail("synthetic histories have no interviews to check")
                    }
                    assessments.append(assessment)
                case let .decisionServed(service):
                    #expect(writes && DecisionRules.servers.contains(step.actor.role))
                    let sample = latestDecisionSample
                    let gates = ServiceGates.evaluate(ServiceGateInputs(
                        stage: claim.stage, draft: draft, draftStatus: status, sample: sample, assessments: assessments.filter { $0.sampleID != nil && $0.sampleID == sample?.id },
                        operatingMandate: checks, openBarriers: [], holds: []
                    ))
                    #expect(ServiceGates.allOpen(gates), "\(reference): served with a gate closed: \(ServiceGates.problems(gates).map(\.message))")
                    if let draft {
                        #expect(service.draft == draft.number && service.outcome == draft.outcome && service.author == draft.author && service.servedOn == step.at.date)
                        #expect(service.letter == DecisionRules.letter(draft, claim: claim, servedOn: service.servedOn, method: service.method, by: step.actor.staff))
                    }
                    served = service
                    status = .served
                case let .appealLodged(lodged):
                    #expect(writes && AppealRules.recorders.contains(step.actor.role) && appeal == nil)
                    #expect(served?.outcome == .refusal && claim.stage == .served && lodged.decision == served?.draft && lodged.author == served?.author)
                    #expect(lodged.lodgedOn == step.at.date && lodged.lodgedOn >= served!.servedOn)
                    appeal = AppealState(lodged: lodged)
                case let .appealHeard(hearing):
                    #expect(writes && AppealRules.recorders.contains(step.actor.role) && appeal?.determination == nil && hearing.number == appeal?.lodged.number)
                    appeal?.heardOn = hearing.heardOn
                case let .appealDetermined(determination):
                    #expect(writes && AppealRules.recorders.contains(step.actor.role) && appeal?.heardOn != nil && appeal?.determination == nil)
                    #expect(determination.author == appeal?.lodged.author && determination.decision == appeal?.lodged.decision)
                    #expect(determination.themes.allSatisfy { FeedbackThemes.theme($0) != nil })
                    if determination.outcome == .allowed { #expect(!determination.themes.isEmpty && determination.findings != nil) }
                    appeal?.determination = determination
                case let .workSampled(sample):
                    #expect(sample.work == .withdrawal && sample.completedOn == step.at.date)
                    checkSample(sample, sequence: sequence, worker: history.later[position - 1].actor.staff)
                case .barrierRaised, .barrierReviewed, .barrierCleared, .safeguardingReferralRecorded, .commitmentRecorded, .commitmentWithdrawn,
                    .priorityGranted, .transferred, .droppedOutOfCohort, .interviewNeedsRecorded, .interviewBooked, .interviewOutcomeRecorded,
                    .postponementRequested, .postponementAnswered, .failureToAttendFollowedUp, .serviceHoldPlaced, .serviceHoldLifted:
                    fail("the generator does not make \(step.event.type) events")
                    continue
                case .registered:
                    fail("a second registration")
                    continue
                }
                if let command {
                    if case .addNote = command {
                        #expect(writes, "\(step.actor.role) cannot write on \(claim.owningUnit)")
                    } else {
                        #expect(AccessPolicy.canMoveStage(claimOwnedBy: claim.owningUnit, actor: step.actor), "\(step.actor.role) cannot move \(claim.owningUnit)")
                    }
                    do {
                        let event = try ClaimRules.decide(command, on: claim, reason: step.reason)
                        #expect(event == step.event)
                    } catch {
                        fail("\(error)")
                        break
                    }
                }
                if case .stageChanged(_, .interview) = step.event { interviewed = true }
                if case .stageChanged(_, .workInProgress) = step.event, status?.isEditable == true || status == .completed { status = .superseded }
                if case .outcomeWithdrawn = step.event { status = .withdrawn }
                ClaimRules.apply(step.event, to: &claim, at: step.at)
            }
            if served?.outcome == .refusal { #expect(interviewed, "\(reference): refused without an interview (3.37)") }
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
