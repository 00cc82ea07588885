/// Who agreed that a barrier should be raised, and when. Under the SOP a decision maker needs the prior agreement of a
/// technical specialist or senior caseworker (8.95). A verbal agreement is still recorded, with who agreed (10.14).
public struct BarrierAgreement: Codable, Sendable, Hashable {
    /// The member of staff who agreed.
    public let by: StaffID
    /// The role they agreed in: a technical specialist or a senior caseworker.
    public let role: Role
    /// When the agreement was recorded (when the barrier was raised).
    public let at: Instant
    /// True when the agreement was given verbally rather than in writing.
    public let verbal: Bool

    /// Creates an agreement.
    public init(by: StaffID, role: Role, at: Instant, verbal: Bool) {
        self.by = by
        self.role = role
        self.at = at
        self.verbal = verbal
    }
}

/// One review of a barrier: it is still there, and will be looked at again on a later date.
public struct BarrierReview: Codable, Sendable, Hashable {
    /// Who reviewed it.
    public let by: Actor
    /// When.
    public let at: Instant
    /// The review date the barrier had before this review.
    public let previousReviewDate: LocalDate
    /// The next review date set by this review (always after the previous one, 8.122).
    public let newReviewDate: LocalDate
    /// The rating before this review.
    public let previousRating: PRAGRating
    /// The rating after this review (the same when unchanged).
    public let rating: PRAGRating
    /// What the reviewer found, when they said.
    public let note: String?

    /// Creates a review.
    public init(
        by: Actor, at: Instant, previousReviewDate: LocalDate, newReviewDate: LocalDate, previousRating: PRAGRating,
        rating: PRAGRating, note: String?
    ) {
        self.by = by
        self.at = at
        self.previousReviewDate = previousReviewDate
        self.newReviewDate = newReviewDate
        self.previousRating = previousRating
        self.rating = rating
        self.note = note
    }
}

/// The end of a barrier: who cleared it, when and why.
public struct BarrierClearance: Codable, Sendable, Hashable {
    /// Who cleared it.
    public let by: Actor
    /// When.
    public let at: Instant
    /// Why the barrier no longer applies.
    public let reason: String

    /// Creates a clearance.
    public init(by: Actor, at: Instant, reason: String) {
        self.by = by
        self.at = at
        self.reason = reason
    }
}

/// A barrier on a claim: something expected to delay its interview or decision, rated, agreed and reviewed (8.82–8.97).
/// Made by `BarrierRules.raise`, changed only by `BarrierRules.review` and `BarrierRules.clear`.
public struct Barrier: Codable, Sendable, Hashable {
    /// The barrier's number on its claim: 1 for the first barrier raised, and so on.
    public let id: Int
    /// The code of its type in `BarrierCatalogue`.
    public let typeCode: String
    /// Its PRAG rating now.
    public internal(set) var rating: PRAGRating
    /// Who raised it.
    public let raisedBy: Actor
    /// When.
    public let raisedAt: Instant
    /// Who agreed it: a technical specialist or senior caseworker, possibly the raiser themself in that role (8.95).
    public let agreement: BarrierAgreement?
    /// When it is next to be looked at.
    public internal(set) var reviewDate: LocalDate
    /// Its reviews, oldest first.
    public internal(set) var reviews: [BarrierReview]
    /// What the barrier is, in words (required for "other", 8.97).
    public let note: String?
    /// Set once the barrier is cleared.
    public internal(set) var clearance: BarrierClearance?

    /// Creates a barrier. Use `BarrierRules.raise` to make one from a user's input.
    public init(
        id: Int, typeCode: String, rating: PRAGRating, raisedBy: Actor, raisedAt: Instant, agreement: BarrierAgreement?,
        reviewDate: LocalDate, reviews: [BarrierReview] = [], note: String?, clearance: BarrierClearance? = nil
    ) {
        self.id = id
        self.typeCode = typeCode
        self.rating = rating
        self.raisedBy = raisedBy
        self.raisedAt = raisedAt
        self.agreement = agreement
        self.reviewDate = reviewDate
        self.reviews = reviews
        self.note = note
        self.clearance = clearance
    }

    /// Its type, or nil if the code is no longer in the catalogue.
    public var type: BarrierType? { BarrierCatalogue.type(code: typeCode) }

    /// True until the barrier is cleared.
    public var isOpen: Bool { clearance == nil }

    /// True when the raiser agreed it themself, as a technical specialist or senior caseworker (8.95).
    public var isAgreedByRaiser: Bool { agreement?.by == raisedBy.staff }

    /// True when the barrier is open and its review date is `day` or earlier.
    public func isDue(on day: LocalDate) -> Bool { isOpen && reviewDate <= day }

    /// True when the barrier is open and its review date has passed before `day`.
    public func isOverdue(on day: LocalDate) -> Bool { isOpen && reviewDate < day }

    /// The steps this barrier holds back: its type's, or none once cleared (or if its type is unknown).
    public var blocks: Set<BarrierBlock> { isOpen ? (type?.blocks ?? []) : [] }
}

/// A claim's barriers in figures: what a team leader's view and the claim page show (9.37–9.41, 8.96).
public struct BarrierSummary: Sendable, Hashable {
    /// The most severe rating among open barriers; green when there are none (barrier-free, 8.118).
    public let worstRating: PRAGRating
    /// How many barriers are open.
    public let openCount: Int
    /// Open barriers whose review date is today or earlier (overdue ones included).
    public let dueCount: Int
    /// Open barriers whose review date has passed.
    public let overdueCount: Int
    /// Open barriers by rating; ratings with none are absent.
    public let openByRating: [PRAGRating: Int]
    /// The steps held back by at least one open barrier.
    public let blocked: Set<BarrierBlock>

    /// Summarises `barriers` as they stand on `today`.
    public init(barriers: [Barrier], today: LocalDate) {
        let open = barriers.filter(\.isOpen)
        worstRating = open.map(\.rating).max() ?? .green
        openCount = open.count
        dueCount = open.filter { $0.isDue(on: today) }.count
        overdueCount = open.filter { $0.isOverdue(on: today) }.count
        openByRating = open.reduce(into: [:]) { counts, barrier in counts[barrier.rating, default: 0] += 1 }
        blocked = open.reduce(into: []) { steps, barrier in steps.formUnion(barrier.blocks) }
    }

    /// True when an open barrier holds back `block`.
    public func blocks(_ block: BarrierBlock) -> Bool { blocked.contains(block) }

    /// True when no open barrier holds back the interview or the decision: the claim can be worked (8.83).
    /// A barrier that holds back only service leaves the claim workable.
    public var isWorkable: Bool { !blocks(.interview) && !blocks(.decision) }
}
