import CaseworkDomain

/// A search over claims (reference, name, date of birth, nationality, stage), one page at a time.
public struct ClaimQuery: Sendable, Hashable {
    /// Free text: a claim reference, a date of birth (YYYY-MM-DD) or words of a name.
    public var text: String?
    /// ISO 3166-1 alpha-3 nationality.
    public var nationality: String?
    public var stage: Stage?
    /// Page number, from 1.
    public var page: Int
    public var pageSize: Int

    /// Creates a query.
    public init(text: String? = nil, nationality: String? = nil, stage: Stage? = nil, page: Int = 1, pageSize: Int = 25) {
        self.text = text
        self.nationality = nationality
        self.stage = stage
        self.page = max(1, page)
        self.pageSize = min(max(1, pageSize), 200)
    }
}

/// One line of a claim list.
public struct ClaimSummary: Sendable, Hashable, Codable {
    public var reference: ClaimReference
    public var name: String
    public var dateOfBirth: LocalDate
    public var nationality: String
    public var dateOfClaim: LocalDate
    public var regime: Regime
    public var stage: Stage
    public var owningUnit: UnitID
    public var unaccompaniedChild: Bool
    public var detained: Bool
    public var updatedAt: Instant
}

/// A page of search results.
public struct ClaimSearchResult: Sendable, Hashable {
    public var claims: [ClaimSummary]
    /// How many claims match in all.
    public var total: Int
    public var page: Int
    public var pageSize: Int

    /// The number of pages.
    public var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }
}

/// A note as stored, whole.
public struct ClaimNote: Sendable, Hashable, Codable {
    public var sequence: Int
    public var text: String
    public var isAction: Bool
    public var author: StaffID
    public var authorRole: Role
    public var createdAt: Instant
}

/// A claim's history to be written in one go: used by seeding and imports, where replaying one command at a time
/// would be needlessly slow. The events still go through the same rules and the same projection.
public struct ClaimHistory: Sendable {
    /// The facts it is registered with.
    public var facts: ClaimFacts
    public var owningUnit: UnitID
    public var registeredBy: Actor
    public var registeredAt: Instant
    /// What happened after registration, in order.
    public var later: [(event: ClaimEvent, actor: Actor, at: Instant, reason: String?)]

    /// Creates a history.
    public init(facts: ClaimFacts, owningUnit: UnitID, registeredBy: Actor, registeredAt: Instant, later: [(event: ClaimEvent, actor: Actor, at: Instant, reason: String?)]) {
        self.facts = facts
        self.owningUnit = owningUnit
        self.registeredBy = registeredBy
        self.registeredAt = registeredAt
        self.later = later
    }
}

/// A claim with its whole history and notes.
public struct ClaimFile: Sendable {
    public var claim: Claim
    /// Every event, oldest first.
    public var events: [RecordedEvent]
    /// Every note, whole, oldest first.
    public var notes: [ClaimNote]
    /// Every barrier, open and cleared, by number.
    public var barriers: [Barrier]
}
