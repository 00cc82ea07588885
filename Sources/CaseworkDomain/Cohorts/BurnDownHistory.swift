/// An event in a claim's history that can change whether it counts in a cohort's remaining figure: the claim is
/// registered (open), decided or closed (no longer open), reopened by a withdrawn outcome, or drops out of the cohort.
public struct CohortHistoryEvent: Sendable, Hashable {
    /// What the event does to the claim's place in the remaining figure.
    public enum Effect: Sendable, Hashable {
        /// The claim is registered: open from now.
        case registered
        /// An outcome was recorded: the claim is no longer open.
        case outcomeRecorded
        /// A served outcome was withdrawn: the claim is open again.
        case outcomeWithdrawn
        /// The claim left the cohort for the general WIP, for good (7.17).
        case droppedOut
    }

    /// The event's place in the whole log (what orders events of the same instant).
    public let position: Int64
    /// The claim.
    public let claim: ClaimReference
    /// The event's number on the claim.
    public let sequence: Int
    /// When it happened.
    public let occurredAt: Instant
    /// Its effect.
    public let effect: Effect
    /// The event's type as the log names it, e.g. "outcome-recorded".
    public let eventType: String

    /// Creates an event.
    public init(position: Int64, claim: ClaimReference, sequence: Int, occurredAt: Instant, effect: Effect, eventType: String) {
        self.position = position
        self.claim = claim
        self.sequence = sequence
        self.occurredAt = occurredAt
        self.effect = effect
        self.eventType = eventType
    }
}

/// When one milestone of a burn-down was first reached, and the event that reached it (nil while not reached, or
/// when the figure was already at or below it when the operation was defined).
public struct MilestoneReached: Codable, Sendable, Hashable {
    /// The milestone, 1…40.
    public let milestone: Int
    /// The remaining figure that reaches it.
    public let figure: Int
    /// When it was first reached.
    public let reachedAt: Instant?
    /// The claim whose event brought the figure down to it.
    public let claim: ClaimReference?
    /// That event's number on the claim.
    public let sequence: Int?
    /// That event's type.
    public let eventType: String?

    /// Creates a record.
    public init(milestone: Int, figure: Int, reachedAt: Instant?, claim: ClaimReference?, sequence: Int?, eventType: String?) {
        self.milestone = milestone
        self.figure = figure
        self.reachedAt = reachedAt
        self.claim = claim
        self.sequence = sequence
        self.eventType = eventType
    }

    /// Whether the milestone has been reached.
    public var isReached: Bool { reachedAt != nil }
}

/// The '39 steps' burn-down replayed from the event log (3.40): when the number of open members first fell to each
/// milestone's figure. Every date is traceable to the event that did it.
///
/// The claims given are every claim that has been a member since the operation was defined (members now, and
/// those that dropped out). A claim counts while it is open (registered, and without an outcome, or with its outcome
/// withdrawn) and has not dropped out. Events at or before `definedAtPosition` only set where each claim stood at
/// definition; the count then is `baseCount`, which is the operation's starting figure when the log and the snapshot
/// agree. Each later event that changes a claim's standing moves the count by one, in log order, and a milestone is
/// reached the first time the count is at or below its figure.
public struct CohortBurnDownHistory: Sendable, Hashable {
    /// Open members when the operation was defined, counted from the log.
    public let baseCount: Int
    /// Open members after the last event, counted from the log.
    public let currentCount: Int
    /// Every milestone, 1 first.
    public let milestones: [MilestoneReached]

    /// A history as kept (an operation's figures when it closed).
    public init(baseCount: Int, currentCount: Int, milestones: [MilestoneReached]) {
        self.baseCount = baseCount
        self.currentCount = currentCount
        self.milestones = milestones
    }

    /// Replays `events` (any order) against `startingFigure` split into `milestoneCount` milestones.
    public init(
        startingFigure: Int, definedAtPosition: Int64, definedAt: Instant, events: [CohortHistoryEvent],
        milestoneCount: Int = Operation.burnDownMilestones
    ) {
        let ordered = events.sorted { ($0.position, $0.sequence) < ($1.position, $1.sequence) }
        var open: [ClaimReference: Bool] = [:]
        var droppedOut: Set<ClaimReference> = []
        func counts(_ claim: ClaimReference) -> Bool { (open[claim] ?? false) && !droppedOut.contains(claim) }
        func apply(_ event: CohortHistoryEvent) {
            switch event.effect {
            case .registered, .outcomeWithdrawn: open[event.claim] = true
            case .outcomeRecorded: open[event.claim] = false
            case .droppedOut: droppedOut.insert(event.claim)
            }
        }
        var index = 0
        while index < ordered.count, ordered[index].position <= definedAtPosition {
            apply(ordered[index])
            index += 1
        }
        var count = open.keys.reduce(0) { $0 + (counts($1) ? 1 : 0) }
        baseCount = count
        let shape = BurnDown(startingFigure: startingFigure, remaining: startingFigure, milestoneCount: milestoneCount)
        var reached: [MilestoneReached] = []
        var next = 1
        func reachAll(at instant: Instant, by event: CohortHistoryEvent?) {
            while next <= shape.milestoneCount, count <= shape.figure(atMilestone: next) {
                reached.append(MilestoneReached(
                    milestone: next, figure: shape.figure(atMilestone: next), reachedAt: instant, claim: event?.claim,
                    sequence: event?.sequence, eventType: event?.eventType
                ))
                next += 1
            }
        }
        reachAll(at: definedAt, by: nil)
        while index < ordered.count {
            let event = ordered[index]
            let before = counts(event.claim)
            apply(event)
            let after = counts(event.claim)
            if before != after {
                count += after ? 1 : -1
                if !after { reachAll(at: event.occurredAt, by: event) }
            }
            index += 1
        }
        currentCount = count
        while next <= shape.milestoneCount {
            reached.append(MilestoneReached(milestone: next, figure: shape.figure(atMilestone: next), reachedAt: nil, claim: nil, sequence: nil, eventType: nil))
            next += 1
        }
        milestones = reached
    }
}
