import CaseworkDomain
import CaseworkStore

/// A deterministic stream of realistic synthetic claims, each a whole `ClaimHistory` (registration and the journey so
/// far), shaped by a `SyntheticProfile` (by default the 2023 inspection's WIP).
///
/// The same seed, reference date, total, profile, workforce and first reference give the same claims, however they
/// are fetched: claim `i` has a generator of its own, so `next(batch: 10)` twice equals `next(batch: 20)` once, and
/// `history(at:)` gives claim `i` without moving the stream on. Claims come oldest first (dates are stratified over
/// the total), so references given in order run with the date of claim. Nothing is held but tables and, for sampling,
/// the dates each worker's work was selected for a check (`SamplingLedger`), so 200,000 claims can be written in
/// batches without keeping them in memory.
///
/// Completed work carries its sample, whose identifier names the claim's reference and the event's sequence
/// ("CW-0000123@14", as the store makes it), so a stream knows the reference of its first claim (`firstReference`):
/// the seeder numbers it from the store's next reference.
///
/// "Today" is `referenceDate`, never the system clock: no date or event instant is after it.
public struct SyntheticClaims: Sendable, Sequence, IteratorProtocol {
    /// How many claims the stream has.
    public let total: Int
    /// "Today" for the data.
    public let referenceDate: LocalDate
    public let seed: UInt64
    /// The number of the first claim's reference (1 for CW-0000001).
    public let firstReference: Int
    /// How many claims have been taken with `next`.
    public private(set) var produced = 0
    let model: ClaimModel
    /// Every selection for a check so far in the stream.
    private var ledger = SamplingLedger()

    /// Creates a stream.
    /// - Parameters:
    ///   - workforce: The units and staff claims are owned and worked by.
    ///   - total: How many claims.
    ///   - referenceDate: "Today" for the data; claims made before 28 June 2022 are legacy, later ones flow or IMA.
    ///   - seed: The same seed gives the same claims.
    ///   - profile: The proportions to follow.
    ///   - policy: The regime dates.
    ///   - firstReference: The number of the first claim's reference once stored.
    public init(
        workforce: SyntheticWorkforce, total: Int, referenceDate: LocalDate, seed: UInt64,
        profile: SyntheticProfile = .inspection2023, policy: RegimePolicy = .current, firstReference: Int = 1
    ) {
        self.total = Swift.max(0, total)
        self.referenceDate = referenceDate
        self.seed = seed
        self.firstReference = Swift.max(1, firstReference)
        self.model = ClaimModel(workforce: workforce, referenceDate: referenceDate, seed: seed, profile: profile, policy: policy)
    }

    /// How many claims are left.
    public var remaining: Int { total - produced }

    /// The next `batch` claims (fewer at the end; empty when the stream is done).
    public mutating func next(batch: Int) -> [ClaimHistory] {
        let end = Swift.min(total, produced + Swift.max(0, batch))
        var histories: [ClaimHistory] = []
        histories.reserveCapacity(end - produced)
        for index in produced..<end { histories.append(model.history(index: index, of: total, firstReference: firstReference, ledger: &ledger)) }
        produced = end
        return histories
    }

    /// The next claim, or nil when the stream is done.
    public mutating func next() -> ClaimHistory? {
        guard produced < total else { return nil }
        defer { produced += 1 }
        return model.history(index: produced, of: total, firstReference: firstReference, ledger: &ledger)
    }

    /// Claim `index` (0-based) of the stream, without moving it on. Sampling depends on the claims before it, so this
    /// replays them: it takes time in proportion to `index`.
    public func history(at index: Int) -> ClaimHistory {
        precondition(index >= 0 && index < total, "claim \(index) is outside the stream of \(total)")
        var ledger = SamplingLedger()
        for earlier in 0..<index { _ = model.history(index: earlier, of: total, firstReference: firstReference, ledger: &ledger) }
        return model.history(index: index, of: total, firstReference: firstReference, ledger: &ledger)
    }
}

/// The people of one unit who act on its claims.
struct Crew: Sendable {
    let unit: UnitID
    let decisionMakers: [Actor]
    let teamLeaders: [Actor]
    let technicalSpecialists: [Actor]
    let seniorCaseworkers: [Actor]
    let officers: [Actor]

    init(unit: UnitID, staff: [StaffMember]) {
        func actors(_ role: Role) -> [Actor] { staff.filter { $0.unit == unit && $0.role == role && $0.active }.map(\.actor) }
        let dms = actors(.decisionMaker)
        let fallback = dms.isEmpty ? [Actor(staff: "system", role: .administrator, unit: unit)] : dms
        func orFallback(_ list: [Actor]) -> [Actor] { list.isEmpty ? fallback : list }
        self.unit = unit
        self.decisionMakers = fallback
        self.teamLeaders = orFallback(actors(.teamLeader))
        self.technicalSpecialists = orFallback(actors(.technicalSpecialist))
        self.seniorCaseworkers = orFallback(actors(.seniorCaseworker))
        self.officers = orFallback(actors(.administrativeOfficer))
    }
}

/// The tables the generator draws from, built once per stream. Immutable, so streams share it freely.
final class ClaimModel: Sendable {
    let profile: SyntheticProfile
    let policy: RegimePolicy
    let seed: UInt64
    let referenceDay: Int
    let calendar: ClaimCalendar

    // Who
    let legacyNationalities: Weighted<Int>
    let flowNationalities: Weighted<Int>
    let childNationalities: Weighted<Int>
    let references: [NationalityReference]
    let grantRates: [Double]
    let designatedStates: Set<Int>

    // Where
    let towns: Weighted<Int>
    let childTowns: Weighted<Int>
    let representatives: [LegalRepresentative]

    // Staff
    let crews: [Crew]
    /// Each crew's decision makers trained for decisions, by start date.
    let deciders: [[Decider]]
    let regularUnits: Weighted<Int>
    let detainedUnit: Int?
    let nonSuspensiveUnit: Int?
    let northernHub: Int?
    let southernHub: Int?
    let intakeOfficers: [Actor]
    let planners: [Actor]
    let thirdCountry: [Actor]
    let safeguarding: [Actor]

    // Tables shared by every claim
    let adultAges: Weighted<ClosedRange<Int>>
    let conventionReasons: Weighted<ConventionReason>
    /// The grant and refusal templates offered, by effective nationality and regime.
    let templates: [String: [Regime: (grant: DraftTemplate, refusal: DraftTemplate)]]
    let noteCounts: Weighted<Int>
    let biometricOffset: UInt64
    let portOffset: UInt64

    init(workforce: SyntheticWorkforce, referenceDate: LocalDate, seed: UInt64, profile: SyntheticProfile, policy: RegimePolicy) {
        self.profile = profile
        self.policy = policy
        self.seed = seed
        self.referenceDay = referenceDate.dayNumber
        self.calendar = ClaimCalendar(profile: profile, referenceDate: referenceDate, policy: policy)

        let shares = profile.nationalities.filter { Countries.country(code: $0.code) != nil }
        precondition(!shares.isEmpty, "the profile names no known nationality")
        references = shares.map { SyntheticNationalities.all[$0.code] ?? SyntheticNationalities.fallback($0.code) }
        grantRates = shares.map(\.grantRate)
        legacyNationalities = Weighted(shares.indices.map { ($0, shares[$0].legacyWeight) })
        flowNationalities = Weighted(shares.indices.map { ($0, shares[$0].flowWeight) })
        childNationalities = Weighted(shares.indices.map { ($0, shares[$0].childWeight) })
        designatedStates = Set(shares.indices.filter { ["ALB", "GEO", "IND"].contains(shares[$0].code) })

        let allTowns = SyntheticPlaces.towns
        towns = Weighted(allTowns.indices.map { ($0, allTowns[$0].weight) })
        childTowns = Weighted(allTowns.indices.map { ($0, SyntheticPlaces.childTownWeights[allTowns[$0].name] ?? allTowns[$0].weight / 2) })

        var draw = Draw(seed: seed, index: -2)
        let british = SyntheticNames.british
        representatives = (0..<240).map { _ in
            let firm = draw.pick(SyntheticPlaces.firms)
            let given = draw.chance(0.5) ? draw.pick(british.male) : draw.pick(british.female)
            let family = draw.pick(british.family)
            let local = String(given.prefix(1)).lowercased() + "." + String(family.lowercased().filter { $0 != "'" })
            return LegalRepresentative(name: given + " " + family, firm: firm.name, email: local + "@" + firm.domain)
        }

        let staff = workforce.staff
        let dmuCodes = workforce.units.filter { $0.kind == "dmu" }.map(\.code)
        let crews = dmuCodes.map { Crew(unit: $0, staff: staff) }
        self.crews = crews
        let profiles = workforce.profiles
        deciders = crews.map { crew in
            staff.filter { $0.unit == crew.unit && $0.role == .decisionMaker && $0.active }.compactMap { member -> Decider? in
                let profile = profiles[member.username]
                guard profile?.trainedFor?.covers(.decision) ?? true else { return nil }
                // The store reads `staff.signed_off`, false unless a staff record says otherwise.
                return Decider(actor: member.actor, startDay: profile?.startDate?.dayNumber ?? Int.min, signedOff: profile?.signedOff ?? false)
            }.sorted { ($0.startDay, $0.actor.staff.rawValue) < ($1.startDay, $1.actor.staff.rawValue) }
        }
        let dmCounts = Dictionary(grouping: staff.filter { $0.role == .decisionMaker }, by: { $0.unit }).mapValues { $0.count }
        let special: Set<UnitID> = [
            SyntheticWorkforce.detainedCaseworkUnit, SyntheticWorkforce.nonSuspensiveAppealsUnit,
            SyntheticWorkforce.northernChildrensHub, SyntheticWorkforce.southernChildrensHub,
        ]
        let regular = crews.indices.filter { !special.contains(crews[$0].unit) }
        precondition(!crews.isEmpty, "the workforce has no decision-making unit")
        let pool = regular.isEmpty ? Array(crews.indices) : regular
        regularUnits = Weighted(pool.map { ($0, Double(max(1, dmCounts[crews[$0].unit] ?? 1))) })
        func index(_ code: UnitID) -> Int? { crews.firstIndex { $0.unit == code } }
        detainedUnit = index(SyntheticWorkforce.detainedCaseworkUnit)
        nonSuspensiveUnit = index(SyntheticWorkforce.nonSuspensiveAppealsUnit)
        northernHub = index(SyntheticWorkforce.northernChildrensHub)
        southernHub = index(SyntheticWorkforce.southernChildrensHub)
        func actors(_ role: Role, _ unit: UnitID) -> [Actor] {
            let found = staff.filter { $0.role == role && $0.unit == unit && $0.active }.map(\.actor)
            return found.isEmpty ? [Actor(staff: "system", role: .administrator, unit: "PLATFORM")] : found
        }
        intakeOfficers = actors(.administrativeOfficer, SyntheticWorkforce.intakeUnit)
        planners = actors(.workflowPlanner, SyntheticWorkforce.nationalWorkflow)
        thirdCountry = actors(.thirdCountryUnit, SyntheticWorkforce.thirdCountryUnit)
        safeguarding = actors(.safeguardingHub, SyntheticWorkforce.safeguardingHub)

        adultAges = Weighted(profile.adultAges.map { ($0.ages, $0.weight) })
        conventionReasons = Weighted(ConventionReason.allCases.map { ($0, profile.conventionReasons[$0] ?? 0) })
        var templates: [String: [Regime: (grant: DraftTemplate, refusal: DraftTemplate)]] = [:]
        for code in Set(shares.map(\.code)) {
            for regime in Regime.allCases {
                if let pair = DraftTemplate.offered(nationality: code, regime: regime) { templates[code, default: [:]][regime] = pair }
            }
        }
        self.templates = templates
        noteCounts = Weighted(profile.noteCountWeights.indices.map { ($0, profile.noteCountWeights[$0]) })
        biometricOffset = Draw.mix(seed ^ 0xB10) % 10_000_000_000
        portOffset = Draw.mix(seed ^ 0x9027) % 100_000_000
    }

    /// Claim `index` of a stream of `total`, whose first claim is numbered `firstReference`; `ledger` holds the
    /// selections for checks of the claims before it, and gains this claim's.
    func history(index: Int, of total: Int, firstReference: Int, ledger: inout SamplingLedger) -> ClaimHistory {
        var draw = Draw(seed: seed, index: index)
        let p = (Double(index) + draw.unit()) / Double(max(total, 1))
        let dateOfClaim = LocalDate(dayNumber: calendar.day(at: p))
        let drawn = facts(index: index, dateOfClaim: dateOfClaim, &draw)
        let registeredBy = draw.pick(intakeOfficers)
        let registeredAt = WorkingTime.instant(day: dateOfClaim.dayNumber, &draw)!
        let later = journey(drawn, reference: ClaimReference.numbered(firstReference + index), registeredAt: registeredAt, ledger: &ledger, &draw)
        return ClaimHistory(facts: drawn.facts, owningUnit: crews[drawn.crew].unit, registeredBy: registeredBy, registeredAt: registeredAt, later: later)
    }
}

/// The distribution of dates of claim: legacy years as in fig 19, flow claims rising to the IMA cut-off, a small IMA
/// share after it, everything up to the reference date. Dates are read off its quantiles, so a stream of N claims
/// has each regime's share almost exactly.
struct ClaimCalendar: Sendable {
    let firstDay: Int
    /// `cumulative[i]`: the share of claims made on or before day `firstDay + i`.
    let cumulative: [Double]

    init(profile: SyntheticProfile, referenceDate: LocalDate, policy: RegimePolicy) {
        let reference = referenceDate.dayNumber
        let naba = policy.nationalityAndBordersActCommencement.dayNumber
        let ima = policy.illegalMigrationActCutoff.dayNumber
        let earliest = profile.legacyClaimsByYear.map(\.firstYear).min().flatMap { LocalDate(year: $0, month: 1, day: 1) }?.dayNumber ?? naba - 3650
        let first = min(earliest, reference - 365)
        var weights = [Double](repeating: 0, count: reference - first + 1)
        func add(_ from: Int, _ to: Int, _ weight: (Int) -> Double) {
            let low = max(from, first), high = min(to, reference)
            guard low <= high else { return }
            for day in low...high { weights[day - first] += weight(day) }
        }
        // Legacy: each span of fig 19 at its own daily rate, so a reference date inside a span keeps the rate.
        var legacy = [Double](repeating: 0, count: weights.count)
        var legacyFull = 0.0
        for span in profile.legacyClaimsByYear {
            let start = LocalDate(year: span.firstYear, month: 1, day: 1)!.dayNumber
            let end = min(LocalDate(year: span.lastYear, month: 12, day: 31)!.dayNumber, naba - 1)
            guard start <= end else { continue }
            let rate = Double(span.claims) / Double(end - start + 1)
            legacyFull += Double(span.claims)
            let low = max(start, first), high = min(end, reference)
            if low <= high { for day in low...high { legacy[day - first] += rate } }
        }
        // Flow: rising linearly through the window from NABA to the day before the IMA cut-off.
        let flowEnd = ima - 1
        let flowDays = Double(max(1, flowEnd - naba + 1))
        let growth = profile.flowIntakeGrowth
        let flowRamp: (Int) -> Double = { 1 + (growth - 1) * Double($0 - naba) / flowDays }
        let flowFull = flowDays * (1 + growth) / 2
        let legacyShare = profile.legacyShareOfWIP
        let imaShare = reference >= ima ? profile.illegalMigrationActShare : 0
        let scale = 1 - (reference >= ima ? imaShare : 0)
        if legacyFull > 0 {
            for index in legacy.indices { weights[index] += legacy[index] / legacyFull * legacyShare * scale }
        }
        add(naba, flowEnd) { flowRamp($0) / flowFull * (1 - legacyShare) * scale }
        if reference >= ima { add(ima, reference) { _ in imaShare / Double(reference - ima + 1) } }
        if weights.allSatisfy({ $0 == 0 }) {
            // Nothing in range (a reference date before the first legacy year): spread claims over the last year.
            for index in (weights.count - 365)..<weights.count { weights[index] = 1 }
        }
        let total = weights.reduce(0, +)
        var running = 0.0
        cumulative = weights.map { running += $0 / total; return running }
        firstDay = first
    }

    /// The day at quantile `p` in [0, 1).
    func day(at p: Double) -> Int {
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if p < cumulative[middle] { high = middle } else { low = middle + 1 }
        }
        return firstDay + low
    }
}
