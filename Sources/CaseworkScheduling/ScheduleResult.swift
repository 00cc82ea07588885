/// The hard constraints of `docs/schedule-format.md`, by code. The scheduler never breaks one; an unbooked claim names
/// the one that stopped it, and the independent validator reports a broken one by the same code.
public enum ScheduleConstraint: String, Codable, Sendable, CaseIterable {
    /// A slot holds at most one booking; a claim appears at most once across bookings and reserves.
    case doubleBooking = "double-booking"
    /// The slot is at least as long as the claim's required length.
    case slotLength = "slot-length"
    /// The slot's location is within the claimant's maximum travel distance.
    case travelDistance = "travel-distance"
    /// The slot is in the week, on or after the earliest date and the claim's `notBefore`.
    case notice
    /// The location is open that day.
    case locationClosed = "location-closed"
    /// Step-free access and a child-suitable room when needed.
    case roomAccess = "room-access"
    /// A child's claim is booked only with a responsible adult.
    case responsibleAdult = "responsible-adult"
    /// An interpreter in the claim's language and dialect, or none when no language is needed.
    case interpreterLanguage = "interpreter-language"
    /// The interpreter works that day, at that location unless remote.
    case interpreterAvailable = "interpreter-available"
    /// Per interpreter per day: within the daily maximum, no overlaps, in person at one location.
    case interpreterCapacity = "interpreter-capacity"
    /// The decision maker works the claim's cohort (or "general") and is trained for children when needed.
    case decisionMakerTrained = "decision-maker-trained"
    /// The decision maker works that day, at their own location.
    case decisionMakerAvailable = "decision-maker-available"
    /// Per decision maker per day: within the daily maximum, no overlaps.
    case decisionMakerCapacity = "decision-maker-capacity"
    /// Reserves name booked slots, one each at most, meet the claim-level rules and number at most the manifest share.
    case reserve
    /// Not a rule: some slot would have done, but every one that could have taken the claim went to other claims.
    case capacity

    /// The claim-level rules in the order an unbooked claim's explanation tests them: the first that no remaining slot
    /// meets is the one named.
    public static let explanationOrder: [ScheduleConstraint] = [
        .responsibleAdult, .travelDistance, .notice, .locationClosed, .slotLength, .roomAccess,
        .interpreterLanguage, .interpreterAvailable, .decisionMakerTrained, .decisionMakerAvailable,
    ]
}

/// The booked week, as `docs/schedule-format.md` defines it (`casework-schedule-result/1`): every claim of the
/// instance is in exactly one of `bookings`, `reserves` or `unbooked`.
public struct ScheduleResult: Codable, Sendable, Hashable {
    /// The format name this type reads and writes.
    public static let formatName = "casework-schedule-result/1"

    /// Always `formatName`.
    public var format: String
    /// Who solved it: "casework" for this scheduler.
    public var solver: String
    /// Wall-clock seconds the solve took.
    public var seconds: Double
    /// Interviews booked, in the instance's slot order.
    public var bookings: [ScheduleBooking]
    /// Reserve claimants invited against no-shows, in the instance's slot order.
    public var reserves: [ScheduleReserve]
    /// Claims neither booked nor invited as a reserve, in the instance's claim order, each with its reason.
    public var unbooked: [ScheduleUnbooked]

    /// Creates a result.
    public init(solver: String = "casework", seconds: Double, bookings: [ScheduleBooking], reserves: [ScheduleReserve], unbooked: [ScheduleUnbooked]) {
        self.format = ScheduleResult.formatName
        self.solver = solver
        self.seconds = seconds
        self.bookings = bookings
        self.reserves = reserves
        self.unbooked = unbooked
    }

    /// How many unbooked claims each constraint stopped, most first.
    public var unbookedByConstraint: [(constraint: ScheduleConstraint, claims: Int)] {
        var counts: [ScheduleConstraint: Int] = [:]
        for entry in unbooked { counts[entry.constraint, default: 0] += 1 }
        return counts.map { (constraint: $0.key, claims: $0.value) }.sorted { ($0.claims, $1.constraint.rawValue) > ($1.claims, $0.constraint.rawValue) }
    }
}

/// One interview: a claim in a slot with its interpreter (nil when no language is needed) and decision maker.
public struct ScheduleBooking: Codable, Sendable, Hashable {
    /// The claim's reference.
    public var claim: String
    /// The slot's `id`.
    public var slot: String
    /// The interpreter's `id`, or nil (written as `null`).
    public var interpreter: String?
    /// The decision maker's `id`.
    public var decisionMaker: String

    /// Creates a booking.
    public init(claim: String, slot: String, interpreter: String?, decisionMaker: String) {
        self.claim = claim
        self.slot = slot
        self.interpreter = interpreter
        self.decisionMaker = decisionMaker
    }

    private enum CodingKeys: String, CodingKey { case claim, slot, interpreter, decisionMaker }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        claim = try container.decode(String.self, forKey: .claim)
        slot = try container.decode(String.self, forKey: .slot)
        interpreter = try container.decodeIfPresent(String.self, forKey: .interpreter)
        decisionMaker = try container.decode(String.self, forKey: .decisionMaker)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(claim, forKey: .claim)
        try container.encode(slot, forKey: .slot)
        try container.encode(interpreter, forKey: .interpreter)
        try container.encode(decisionMaker, forKey: .decisionMaker)
    }
}

/// A reserve claimant (8.72, the "manifest"), invited to a booked slot in case the booked claimant does not come.
public struct ScheduleReserve: Codable, Sendable, Hashable {
    /// The reserve claim's reference.
    public var claim: String
    /// The booked slot's `id`.
    public var slot: String

    /// Creates a reserve.
    public init(claim: String, slot: String) {
        self.claim = claim
        self.slot = slot
    }
}

/// A claim left unbooked, with the constraint that stopped it and a sentence a planner understands.
public struct ScheduleUnbooked: Codable, Sendable, Hashable {
    /// The claim's reference.
    public var claim: String
    /// The first claim-level rule no slot met, or `capacity`.
    public var constraint: ScheduleConstraint
    /// The reason in words.
    public var explanation: String

    /// Creates an entry.
    public init(claim: String, constraint: ScheduleConstraint, explanation: String) {
        self.claim = claim
        self.constraint = constraint
        self.explanation = explanation
    }
}
