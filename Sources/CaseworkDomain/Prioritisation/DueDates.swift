/// Something on a claim that falls due on a date: the decision the Home Office committed to make by a date (fig 21,
/// "Demand led"), or a barrier's review (8.95). A decision maker's own work is ordered by these before anything else.
public struct DueDate: Codable, Sendable, Hashable {
    /// What falls due.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The decision is committed by this date (JR, PAP, MP case).
        case decisionCommitted = "decision-committed"
        /// An open barrier is to be reviewed on this date.
        case barrierReview = "barrier-review"
    }

    /// What falls due.
    public let kind: Kind
    /// The date it falls due.
    public let date: LocalDate
    /// In words, e.g. "Decision committed by (judicial review)" or "Review barrier 2: Further representations".
    public let what: String
    /// The barrier's number, for a review.
    public let barrierID: Int?

    /// Creates a due date.
    public init(kind: Kind, date: LocalDate, what: String, barrierID: Int? = nil) {
        self.kind = kind
        self.date = date
        self.what = what
        self.barrierID = barrierID
    }

    /// The due dates of a claim: its committed date, if any, and each open barrier's review date; earliest first.
    public static func of(commitment: DecisionCommitment?, barriers: [Barrier]) -> [DueDate] {
        var dues: [DueDate] = []
        if let commitment {
            dues.append(DueDate(kind: .decisionCommitted, date: commitment.decideBy, what: "Decision committed by (\(commitment.kind.title))"))
        }
        for barrier in barriers where barrier.isOpen {
            dues.append(
                DueDate(kind: .barrierReview, date: barrier.reviewDate, what: "Review barrier \(barrier.id): \(barrier.type?.title ?? barrier.typeCode)", barrierID: barrier.id)
            )
        }
        return dues.sorted { ($0.date, $0.kind.rawValue, $0.barrierID ?? 0) < ($1.date, $1.kind.rawValue, $1.barrierID ?? 0) }
    }

    /// Days past the date on `today`: positive when overdue, 0 on the day, negative before it.
    public func daysOverdue(on today: LocalDate) -> Int { date.days(until: today) }

    /// True when the date has passed.
    public func isOverdue(on today: LocalDate) -> Bool { date < today }

    /// True when the date is today or within `WorkUrgency.soonDays` days.
    public func isDueSoon(on today: LocalDate) -> Bool { date >= today && date.days(until: today) >= -WorkUrgency.soonDays }

    /// "Overdue by 3 days", "Due today", "Due in 5 days" or "Due 1 March 2024".
    public func status(on today: LocalDate) -> String {
        let days = daysOverdue(on: today)
        if days > 0 { return "Overdue by " + (days == 1 ? "1 day" : "\(days) days") }
        if days == 0 { return "Due today" }
        if -days <= WorkUrgency.soonDays { return "Due in " + (days == -1 ? "1 day" : "\(-days) days") }
        return "Due " + date.longForm
    }
}

/// How urgent a held claim is on a day, from its due dates: the order of a decision maker's "my work" page. Claims
/// with something overdue come first, most overdue first; then claims with something due within `soonDays`, soonest
/// first; then the rest. Claims alike in urgency keep the tasking-priority work order (fig 21).
public struct WorkUrgency: Comparable, Sendable, Hashable {
    /// How far ahead "due soon" looks, in days: a week, the horizon of the barrier review queue's "due next" count.
    public static let soonDays = 7

    /// The earliest date already passed, if any.
    public let earliestOverdue: LocalDate?
    /// The earliest date today or within `soonDays`, if nothing is overdue.
    public let earliestSoon: LocalDate?

    /// The urgency of `dues` on `today`.
    public init(dues: [DueDate], today: LocalDate) {
        earliestOverdue = dues.filter { $0.isOverdue(on: today) }.map(\.date).min()
        earliestSoon = earliestOverdue == nil ? dues.filter { $0.isDueSoon(on: today) }.map(\.date).min() : nil
    }

    /// 0 overdue, 1 due soon, 2 neither.
    private var band: Int { earliestOverdue != nil ? 0 : earliestSoon != nil ? 1 : 2 }

    /// More urgent first.
    public static func < (lhs: WorkUrgency, rhs: WorkUrgency) -> Bool {
        if lhs.band != rhs.band { return lhs.band < rhs.band }
        let left = lhs.earliestOverdue ?? lhs.earliestSoon
        let right = rhs.earliestOverdue ?? rhs.earliestSoon
        guard let left, let right else { return false }
        return left < right
    }
}
