import CaseworkDomain

/// One claim a member of staff holds, with what they need to work it today (DOMAIN.md "Allocation and case progression").
public struct HeldWorkItem: Sendable, Hashable {
    /// The claim as it stands.
    public var claim: Claim
    /// The claim as a list shows it.
    public var summary: ClaimSummary
    /// When the holder took it.
    public var heldSince: Instant
    /// Whole days held.
    public var daysHeld: Int
    /// Its priority under the policy in force, with the reasons.
    public var priority: Priority
    /// Its open barriers, by number.
    public var openBarriers: [Barrier]
    /// Its follow-up actions (8.41), newest first, at most `MyWork.actionsShown`. Nothing marks an action done, so these
    /// are the latest recorded, not a to-do list.
    public var latestActions: [ClaimNote]
    /// How many follow-up actions the claim has in all.
    public var actionCount: Int
    /// The committed decision date and each open barrier's review date, earliest first.
    public var dueDates: [DueDate]
    /// How urgent it is today: what orders the list.
    public var urgency: WorkUrgency
}

/// A decision maker's own work: the claims they hold, most urgent first, and the figures a summary shows.
public struct MyWork: Sendable, Hashable {
    /// Follow-up actions shown per claim.
    public static let actionsShown = 3

    /// Whose work it is.
    public var staff: StaffID
    /// The day it was read on.
    public var today: LocalDate
    /// The claims held: something overdue first (most overdue first), then something due within a week (soonest
    /// first), then the rest; claims alike in urgency in tasking-priority work order.
    public var items: [HeldWorkItem]

    /// Claims with at least one due date passed.
    public var claimsWithOverdue: Int { items.filter { $0.urgency.earliestOverdue != nil }.count }
    /// Due dates passed, over every claim.
    public var overdueDates: Int { items.reduce(0) { $0 + $1.dueDates.filter { $0.isOverdue(on: today) }.count } }
    /// Due dates today or within `WorkUrgency.soonDays` days, over every claim.
    public var dueSoonDates: Int { items.reduce(0) { $0 + $1.dueDates.filter { $0.isDueSoon(on: today) }.count } }
    /// Open barriers, over every claim.
    public var openBarriers: Int { items.reduce(0) { $0 + $1.openBarriers.count } }
    /// Open barriers whose review date has passed.
    public var barrierReviewsOverdue: Int { items.reduce(0) { $0 + $1.openBarriers.filter { $0.isOverdue(on: today) }.count } }
    /// Claims held, by tier.
    public var claimsByTier: [Int: Int] { items.reduce(into: [:]) { $0[$1.priority.tier, default: 0] += 1 } }
    /// The longest any claim has been held, in days (0 when none are held).
    public var longestHeldDays: Int { items.map(\.daysHeld).max() ?? 0 }
}

/// An open barrier due for review, as the unit's review queue lists it.
public struct BarrierReviewEntry: Sendable, Hashable {
    /// The claim it is on.
    public var claim: ClaimReference
    /// The claimant's name, as on Home Office correspondence.
    public var name: String
    /// Who holds the claim, if anyone.
    public var holder: StaffID?
    /// The barrier.
    public var barrier: Barrier
    /// Days past its review date (0 when due today).
    public var daysOverdue: Int
}

/// A unit's barrier review queue on a day (8.95, 8.122): open barriers due or overdue, most overdue first.
public struct BarrierReviewQueue: Sendable, Hashable {
    /// Barriers listed at most.
    public static let limit = 500

    /// The unit.
    public var unit: UnitID
    /// The day the queue is judged on.
    public var day: LocalDate
    /// Due or overdue barriers, most overdue first (at most `limit`).
    public var entries: [BarrierReviewEntry]
    /// How many are due or overdue in all.
    public var dueCount: Int
    /// How many of those are overdue (review date before `day`).
    public var overdueCount: Int
    /// How many more fall due in the `WorkUrgency.soonDays` days after `day`.
    public var dueNextWeek: Int
}

extension CaseworkStore {
    /// The claims `actor` holds, with days held, priority and its reasons, open barriers, latest follow-up actions and
    /// due dates, most urgent first. Read on one connection.
    public func myWork(for actor: Actor) async throws -> MyWork {
        let today = clock.now().date
        let items = try await database.read { connection -> [HeldWorkItem] in
            let policy = try await self.planning(connection).priorityPolicy
            let rows = try await connection.query(
                "SELECT \(Projection.claimColumns) FROM claims WHERE holder = ? ORDER BY held_since, reference", [.text(actor.staff.rawValue)]
            )
            guard !rows.isEmpty else { return [] }
            let claims = try rows.map(Projection.claim)
            let summaries = rows.map(Projection.summary)
            let placeholders = Array(repeating: "?", count: claims.count).joined(separator: ", ")
            let references: [SQLValue] = claims.map { .text($0.reference.rawValue) }
            var barriers: [ClaimReference: [Barrier]] = [:]
            for row in try await connection.query(
                "SELECT claim_reference, data FROM claim_barriers WHERE is_open = 1 AND claim_reference IN (\(placeholders)) ORDER BY claim_reference, id", references
            ) {
                barriers[ClaimReference(row["claim_reference"].string ?? ""), default: []].append(try EventCoding.decodeJSON(Barrier.self, row["data"].string ?? "{}"))
            }
            var actions: [ClaimReference: [ClaimNote]] = [:]
            for row in try await connection.query(
                "SELECT claim_reference, sequence, text, author, author_role, created_at FROM claim_notes WHERE is_action = 1 AND claim_reference IN (\(placeholders)) ORDER BY claim_reference, sequence DESC",
                references
            ) {
                actions[ClaimReference(row["claim_reference"].string ?? ""), default: []].append(ClaimNote(
                    sequence: row["sequence"].int ?? 0, text: row["text"].string ?? "", isAction: true, author: StaffID(row["author"].string ?? ""),
                    authorRole: Role(rawValue: row["author_role"].string ?? "") ?? .administrator,
                    createdAt: Instant(millisecondsSinceEpoch: row["created_at"].int64 ?? 0)
                ))
            }
            return zip(claims, summaries).map { claim, summary in
                let open = barriers[claim.reference] ?? []
                let dues = DueDate.of(commitment: claim.work.commitment, barriers: open)
                let heldSince = claim.heldSince ?? claim.updatedAt
                let claimActions = actions[claim.reference] ?? []
                return HeldWorkItem(
                    claim: claim, summary: summary, heldSince: heldSince, daysHeld: max(0, heldSince.date.days(until: today)),
                    priority: policy.assess(PriorityFacts(claim: claim), today: today), openBarriers: open,
                    latestActions: Array(claimActions.prefix(MyWork.actionsShown)), actionCount: claimActions.count, dueDates: dues,
                    urgency: WorkUrgency(dues: dues, today: today)
                )
            }
        }
        let ordered = items.sorted { lhs, rhs in
            if lhs.urgency != rhs.urgency { return lhs.urgency < rhs.urgency }
            if lhs.priority.sortKey != rhs.priority.sortKey { return lhs.priority.sortKey < rhs.priority.sortKey }
            return lhs.claim.reference.rawValue < rhs.claim.reference.rawValue
        }
        return MyWork(staff: actor.staff, today: today, items: ordered)
    }

    /// The review queue of `unit` on `day`: open barriers whose review date is `day` or earlier, most overdue first, with
    /// how many more fall due in the week after. Unit roles see their own unit only; national roles any.
    public func barrierReviewQueue(unit: UnitID, on day: LocalDate, for actor: Actor) async throws -> BarrierReviewQueue {
        guard AccessPolicy.nationalRoles.contains(actor.role) || actor.unit == unit else {
            throw AccessDenied("You can see the barrier review queue of your own unit, \(actor.unit.rawValue), only.")
        }
        return try await database.read { connection in
            let rows = try await connection.query(
                """
                SELECT b.claim_reference, b.data, c.given_names, c.family_name, c.holder FROM claim_barriers b \
                JOIN claims c ON c.reference = b.claim_reference \
                WHERE b.owning_unit = ? AND b.is_open = 1 AND b.review_date <= ? ORDER BY b.review_date, b.claim_reference, b.id LIMIT ?
                """,
                [.text(unit.rawValue), .text(day.iso), .int(BarrierReviewQueue.limit)]
            )
            let entries = try rows.map { row in
                let barrier = try EventCoding.decodeJSON(Barrier.self, row["data"].string ?? "{}")
                return BarrierReviewEntry(
                    claim: ClaimReference(row["claim_reference"].string ?? ""),
                    name: "\(row["given_names"].string ?? "") \((row["family_name"].string ?? "").uppercased())",
                    holder: row["holder"].string.map { StaffID($0) }, barrier: barrier, daysOverdue: max(0, barrier.reviewDate.days(until: day))
                )
            }
            let counts = try await connection.queryFirst(
                """
                SELECT SUM(CASE WHEN review_date <= ? THEN 1 ELSE 0 END) AS due, SUM(CASE WHEN review_date < ? THEN 1 ELSE 0 END) AS overdue, \
                SUM(CASE WHEN review_date > ? THEN 1 ELSE 0 END) AS next_week \
                FROM claim_barriers WHERE owning_unit = ? AND is_open = 1 AND review_date <= ?
                """,
                [.text(day.iso), .text(day.iso), .text(day.iso), .text(unit.rawValue), .text(day.adding(days: WorkUrgency.soonDays).iso)]
            )
            return BarrierReviewQueue(
                unit: unit, day: day, entries: entries, dueCount: counts?["due"].int ?? 0, overdueCount: counts?["overdue"].int ?? 0,
                dueNextWeek: counts?["next_week"].int ?? 0
            )
        }
    }
}
