import CaseworkDomain
import CaseworkStore

/// Fills a store with a synthetic workforce and claims: units, then staff (all with one password hash, since hashing
/// thousands of bcrypt passwords would take minutes), then claim histories through `importHistories`, a batch per
/// transaction.
public struct Seeder: Sendable {
    /// What a run wrote.
    public struct Summary: Sendable, Hashable {
        public var units: Int
        /// Staff added; members already present (by username) are left as they are and counted in `staffSkipped`.
        public var staff: Int
        public var staffSkipped: Int
        public var claims: Int
        /// Events written, registrations included.
        public var events: Int
        public var elapsed: Duration

        /// Claims written per second.
        public var claimsPerSecond: Double {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return seconds > 0 ? Double(claims) / seconds : 0
        }
    }

    /// Called after each batch with the claims written so far, the total, and the events written so far.
    public typealias Progress = @Sendable (_ done: Int, _ total: Int, _ events: Int) -> Void

    public let store: CaseworkStore
    /// The hash every seeded member of staff signs in with.
    public let passwordHash: String
    /// Claims per transaction.
    public let batchSize: Int

    /// Creates a seeder.
    public init(store: CaseworkStore, passwordHash: String, batchSize: Int = 1_000) {
        self.store = store
        self.passwordHash = passwordHash
        self.batchSize = max(1, batchSize)
    }

    /// Saves the units and adds the staff not already there, with their staff records (team, training, start date,
    /// sign-off, FTE, absences), each with a history row. Returns the units saved, staff added and staff skipped.
    @discardableResult
    public func seedWorkforce(_ workforce: SyntheticWorkforce) async throws -> (units: Int, staff: Int, skipped: Int) {
        for unit in workforce.units { try await store.saveUnit(unit) }
        let existing = Set(try await store.allStaff().map(\.username))
        var added: [StaffID] = []
        for member in workforce.staff where !existing.contains(member.username) {
            try await store.addStaff(member, passwordHash: passwordHash)
            added.append(member.username)
        }
        let records = added.compactMap { username in
            workforce.profiles[username].map { (username: username, profile: $0, absences: workforce.absences[username] ?? []) }
        }
        for start in stride(from: 0, to: records.count, by: batchSize) {
            try await store.importStaffProfiles(Array(records[start..<min(start + batchSize, records.count)]), reason: "Synthetic workforce")
        }
        return (workforce.units.count, added.count, workforce.staff.count - added.count)
    }

    /// The number the store gives the next claim it registers or imports.
    public func nextReferenceNumber() async throws -> Int {
        let last = try await store.database.read { try await $0.queryFirst("SELECT value FROM counters WHERE name = 'claim-reference'")?["value"].int }
        return (last ?? 0) + 1
    }

    /// Writes every remaining claim of the stream, `batchSize` per transaction. The workforce must be in the store, and
    /// the stream numbered from the store's next reference (its samples name their claims' references): a stream built
    /// by `seed(claims:…)` is. Returns the claims and events written.
    @discardableResult
    public func seedClaims(_ claims: SyntheticClaims, progress: Progress? = nil) async throws -> (claims: Int, events: Int) {
        var stream = claims
        let total = stream.remaining
        var done = 0
        var events = 0
        let expected = stream.firstReference + stream.produced
        let next = try await nextReferenceNumber()
        guard next == expected else {
            throw SeedingError(
                "The stream's next claim is \(ClaimReference.numbered(expected).rawValue) but the store's next reference is \(ClaimReference.numbered(next).rawValue): "
                    + "build the stream with firstReference: \(next - stream.produced)"
            )
        }
        while stream.remaining > 0 {
            let first = stream.firstReference + stream.produced
            let batch = stream.next(batch: batchSize)
            let references = try await store.importHistories(batch)
            if let stored = references.first, stored != ClaimReference.numbered(first) {
                throw SeedingError("Claims were registered while seeding: the batch from \(ClaimReference.numbered(first).rawValue) was stored from \(stored.rawValue)")
            }
            done += batch.count
            events += batch.reduce(0) { $0 + 1 + $1.later.count }
            progress?(done, total, events)
        }
        return (done, events)
    }

    /// Seeds the workforce, then the claims.
    public func seed(workforce: SyntheticWorkforce, claims: SyntheticClaims, progress: Progress? = nil) async throws -> Summary {
        let started = ContinuousClock.now
        let people = try await seedWorkforce(workforce)
        let written = try await seedClaims(claims, progress: progress)
        return Summary(
            units: people.units, staff: people.staff, staffSkipped: people.skipped, claims: written.claims, events: written.events,
            elapsed: ContinuousClock.now - started
        )
    }

    /// Seeds `count` claims as of `referenceDate` with a workforce sized for them (2,500 DMs per 116,619 claims unless
    /// `decisionMakers` is given), all from one seed.
    public func seed(
        claims count: Int, referenceDate: LocalDate, seed: UInt64, decisionMakers: Int? = nil,
        profile: SyntheticProfile = .inspection2023, progress: Progress? = nil
    ) async throws -> Summary {
        let workforce = SyntheticWorkforce(
            seed: seed, decisionMakers: decisionMakers ?? SyntheticWorkforce.decisionMakers(forClaims: count, profile: profile), profile: profile,
            referenceDate: referenceDate
        )
        let claims = SyntheticClaims(
            workforce: workforce, total: count, referenceDate: referenceDate, seed: seed, profile: profile, policy: store.policy,
            firstReference: try await nextReferenceNumber()
        )
        return try await self.seed(workforce: workforce, claims: claims, progress: progress)
    }
}

/// Seeding could not go ahead, with why.
public struct SeedingError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
