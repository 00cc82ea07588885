/// A step of casework a member of staff completed: what a team leader's view counts, read from the event log so nobody
/// re-keys it (the ECM spreadsheet and the twice-daily returns of 9.37–9.41). The one place the rule is written.
///
/// The report measures productivity as "stages": decisions plus substantive interviews per caseworker (3.28; DOMAIN.md
/// "Management information"). Until interview and decision records exist (issue 4), the events say it this way:
/// - An interview completed: the claim moved from interview to decision by them. Moving from interview back to the
///   work in progress is not counted: it is also how a cancelled or postponed interview is recorded, and cancellations
///   outside a DM's control should not count for or against them (9.24).
/// - A decision completed: a served decision (a grant, a refusal or an inadmissibility decision) recorded by them.
///   Closures (withdrawn, void, other) are not decisions on the claim; nor is sending a draft to quality assurance,
///   since the decision is then recorded after the check, and counting both would count it twice. A decision recorded
///   after quality assurance counts for whoever records it.
///   A decision later withdrawn to correct an error still counted when it was made: the withdrawal is a new event.
public enum CompletedStep {
    /// The step `event` completes, if any.
    public static func step(_ event: ClaimEvent) -> CaseworkActivity? {
        switch event {
        case .stageChanged(from: .interview, to: .decision): .interview
        case let .outcomeRecorded(outcome, _) where outcome.isServedDecision: .decision
        // A decision is the author's step when they complete it; completing it again after a check returned it is
        // the same decision, not another.
        case let .decisionCompleted(completion) where !completion.resubmission: .decision
        default: nil
        }
    }

    /// The event types (as stored) that can complete a step: the store reads only these from the log.
    public static let eventTypes: [String] = ["stage-changed", "outcome-recorded", "decision-completed"]
}

/// Steps counted over a span of days.
public struct StepCounts: Codable, Sendable, Hashable {
    /// Substantive interviews completed.
    public var interviews: Int
    /// Decisions completed.
    public var decisions: Int

    /// Creates counts.
    public init(interviews: Int = 0, decisions: Int = 0) {
        self.interviews = interviews
        self.decisions = decisions
    }

    /// Interviews and decisions together: the report's "stages" (3.28).
    public var total: Int { interviews + decisions }

    /// Counts one step.
    public mutating func add(_ step: CaseworkActivity) {
        switch step {
        case .interview: interviews += 1
        case .decision: decisions += 1
        }
    }

    /// The sum of two counts.
    public static func + (lhs: StepCounts, rhs: StepCounts) -> StepCounts {
        StepCounts(interviews: lhs.interviews + rhs.interviews, decisions: lhs.decisions + rhs.decisions)
    }
}

/// The calendar a team's figures are counted in: weeks from Monday, and four-week periods.
///
/// The individual contribution framework recorded contributions "over a four-weekly period" and set "a four-week
/// contribution target" (9.7, 9.8, 9.11), with weekly targets within it. The report gives no start date for the
/// periods, so they are anchored here, as data, on Monday 3 April 2023: the first Monday of the 2023–24 business year,
/// which began after the framework was introduced in March 2023 (9.6). Periods run back and forward from it without gaps.
public struct ContributionCalendar: Codable, Sendable, Hashable {
    /// A Monday on which a period starts.
    public let anchor: LocalDate
    /// Days in a period.
    public let periodDays: Int

    /// The calendar in use: four-week periods from Monday 3 April 2023.
    public static let current = ContributionCalendar(uncheckedAnchor: LocalDate(year: 2023, month: 4, day: 3)!, periodDays: 28)

    /// Creates a calendar; throws when the anchor is not a Monday or the period is not whole weeks.
    public init(anchor: LocalDate, periodDays: Int) throws(ValidationFailure) {
        var check = Validator()
        if !anchor.isMonday { check.fail("anchor", "Periods must start on a Monday; \(anchor.longForm) is not one") }
        if periodDays < 7 || periodDays % 7 != 0 { check.fail("periodDays", "A period must be a whole number of weeks") }
        try check.finish()
        self.init(uncheckedAnchor: anchor, periodDays: periodDays)
    }

    private init(uncheckedAnchor: LocalDate, periodDays: Int) {
        self.anchor = uncheckedAnchor
        self.periodDays = periodDays
    }

    /// The Monday of the week `date` falls in (weeks run Monday to Sunday).
    public func weekStart(containing date: LocalDate) -> LocalDate { date.mondayOnOrBefore }

    /// The first and last day of the period `date` falls in.
    public func period(containing date: LocalDate) -> (first: LocalDate, last: LocalDate) {
        let offset = anchor.days(until: date)
        let index = offset >= 0 ? offset / periodDays : -((-offset + periodDays - 1) / periodDays)
        let first = anchor.adding(days: index * periodDays)
        return (first, first.adding(days: periodDays - 1))
    }
}

extension LocalDate {
    /// True on Mondays.
    public var isMonday: Bool { weekday == .monday }

    /// The Monday on or before this date.
    public var mondayOnOrBefore: LocalDate { adding(days: -(weekday.rawValue - 1)) }
}

/// Capacity in figures: what a unit's or a team's planners and team leader see (9.22's 'adjusted FTE').
public struct CapacityFigures: Codable, Sendable, Hashable {
    /// People counted.
    public var headcount: Int
    /// Their contracted FTE, added up.
    public var fte: Double
    /// Their effective FTE on the day, added up: ramp, part-time and absence applied.
    public var effectiveFTE: Double
    /// How many are away on the day.
    public var absent: Int
    /// How many are signed off as competent; the rest are on 100% checks.
    public var signedOff: Int

    /// Creates figures.
    public init(headcount: Int = 0, fte: Double = 0, effectiveFTE: Double = 0, absent: Int = 0, signedOff: Int = 0) {
        self.headcount = headcount
        self.fte = fte
        self.effectiveFTE = effectiveFTE
        self.absent = absent
        self.signedOff = signedOff
    }
}

extension CapacityPolicy {
    /// A member's effective FTE on `date` from their staff record: 0 on a day of absence or before the start date;
    /// `fte × effectiveness` on the ramp after it. With no start date recorded the member is taken as fully effective
    /// (in role before the record was kept), so figures for existing staff do not drop to nothing.
    public func effectiveFTE(_ profile: StaffProfile, absences: [StaffAbsence], on date: LocalDate) -> Double {
        if absences.contains(where: { $0.period.contains(date) }) { return 0 }
        guard let start = profile.startDate else { return profile.fte * (ramp.last?.effectiveness ?? 1) }
        guard date >= start else { return 0 }
        return profile.fte * effectiveness(afterWeeks: Double(start.days(until: date)) / 7)
    }

    /// The figures of a group of staff (a team or a unit) on `date`.
    public func figures(of staff: [(profile: StaffProfile, absences: [StaffAbsence])], on date: LocalDate) -> CapacityFigures {
        staff.reduce(into: CapacityFigures()) { total, member in
            total.headcount += 1
            total.fte += member.profile.fte
            total.effectiveFTE += effectiveFTE(member.profile, absences: member.absences, on: date)
            if member.absences.contains(where: { $0.period.contains(date) }) { total.absent += 1 }
            if member.profile.signedOff { total.signedOff += 1 }
        }
    }
}

/// Who may see staff records, capacity and a team's page: one place, built on `AccessPolicy`'s role sets.
public enum StaffAccess {
    /// Roles whose staff make up a unit's casework capacity and a team's members: decision makers, whose adjusted FTE
    /// set DMU trajectories (9.22). Technical specialists and senior caseworkers take claims too, but their time goes
    /// mostly to checks, advice and agreements (the 'wraparound' staff of 6.11), so they are not counted as capacity.
    public static let capacityRoles: Set<Role> = [.decisionMaker]

    /// Whether `actor` may read the staff record of `username` in `unit`: the member themself, or whoever keeps it.
    public static func canRead(recordOf username: StaffID, in unit: UnitID, actor: Actor) -> Bool {
        actor.staff == username || AccessPolicy.canKeepStaffRecord(in: unit, actor: actor)
    }

    /// Whether `actor` may see the capacity of `unit`: those who keep its staff records, and the national planners and
    /// analysts who allocate work by it (8.37, 9.22).
    public static func canSeeCapacity(of unit: UnitID, actor: Actor) -> Bool {
        AccessPolicy.canKeepStaffRecord(in: unit, actor: actor) || AccessPolicy.workPlanners.contains(actor.role) || actor.role == .miAnalyst
    }

    /// Why `actor` (whose own team is `actorTeam`) may not see the page of team `team` in `unit`, or nil when they may.
    /// Team leaders see their own team; senior caseworkers any team of their unit; operations managers any team.
    public static func refusalToSeeTeam(_ team: String, in unit: UnitID, actor: Actor, actorTeam: String?) -> String? {
        guard AccessPolicy.teamViewers.contains(actor.role) else {
            return "Only team leaders, senior caseworkers and operations managers see a team's page."
        }
        if !AccessPolicy.nationalRoles.contains(actor.role), actor.unit != unit {
            return "\(actor.role.title)s see the teams of their own unit (\(actor.unit.rawValue)) only."
        }
        if actor.role == .teamLeader, actorTeam != team {
            return "Team leaders see their own team only."
        }
        return nil
    }
}
