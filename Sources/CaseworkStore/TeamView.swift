import CaseworkDomain

/// A claim a team member holds, with its open barriers by PRAG rating.
public struct TeamHeldClaim: Sendable, Hashable {
    /// The claim and since when it is held.
    public var held: HeldClaim
    /// Open barriers on it, by rating (ratings with none are absent).
    public var openBarriers: [PRAGRating: Int]

    /// The worst open barrier's rating; nil when it has none.
    public var worstRating: PRAGRating? { openBarriers.keys.max() }
}

/// One member's line on the team page: their claims, barriers, steps completed and capacity, all computed from the
/// event log and projections when asked, so nobody re-keys a figure (9.37–9.41).
public struct TeamMemberFigures: Sendable, Hashable {
    /// Who, with training, sign-off, FTE and absences.
    public var record: StaffRecord
    /// Claims held, longest held first.
    public var claims: [TeamHeldClaim]
    /// Open barriers on the claims they hold, by rating.
    public var barriers: [PRAGRating: Int]
    /// Steps completed from Monday to today (`CompletedStep`).
    public var stepsThisWeek: StepCounts
    /// Steps completed in the current four-week period to today.
    public var stepsThisPeriod: StepCounts
    /// Effective FTE today.
    public var effectiveFTE: Double
    /// The absence covering today, if any.
    public var absenceToday: StaffAbsence?
}

/// The team leader's live team page as figures: each member's, and the team's totals.
public struct TeamView: Sendable, Hashable {
    public var unit: UnitID
    public var team: String
    /// The day the figures are for.
    public var today: LocalDate
    /// The Monday of this week.
    public var weekStart: LocalDate
    /// The first and last day of the current four-week period.
    public var periodStart: LocalDate
    public var periodEnd: LocalDate
    /// The team's leaders (usually one).
    public var leaders: [StaffMember]
    /// The caseworkers of the team, by name.
    public var members: [TeamMemberFigures]
    /// Claims held by the team.
    public var claimsHeld: Int
    /// Open barriers on the team's claims, by rating.
    public var barriers: [PRAGRating: Int]
    public var stepsThisWeek: StepCounts
    public var stepsThisPeriod: StepCounts
    /// The team's capacity today.
    public var capacity: CapacityFigures
}

extension CaseworkStore {
    /// The teams of `unit`, by name: the pick list of the team page.
    public func teams(of unit: UnitID) async throws -> [String] {
        try await database.read { connection in
            try await connection.query("SELECT DISTINCT team FROM staff WHERE unit = ? AND team IS NOT NULL ORDER BY team", [.text(unit.rawValue)])
                .compactMap { $0["team"].string }
        }
    }

    /// The live page of team `team` in `unit`; each defaults to the caller's own. Team leaders see their own team,
    /// senior caseworkers any team of their unit, operations managers any team (`StaffAccess.refusalToSeeTeam`).
    ///
    /// Five reads on one connection, whatever the team's size: the members and their absences, the claims they hold,
    /// the open barriers on those claims, and their step events since the earlier of Monday and the period's start
    /// (through the `events_actor_time` index).
    public func teamView(unit: UnitID? = nil, team: String? = nil, for actor: Actor, calendar: ContributionCalendar = .current, policy: CapacityPolicy = .current) async throws -> TeamView {
        let today = clock.now().date
        return try await database.read { connection in
            let ownTeam = try await connection.queryFirst("SELECT team FROM staff WHERE username = ?", [.text(actor.staff.rawValue)])?["team"].string
            let chosenUnit = unit ?? actor.unit
            guard let chosenTeam = team ?? ownTeam else {
                throw ValidationFailure([FieldError(
                    field: "team",
                    message: actor.role == .teamLeader
                        ? "Your staff record does not say which team you lead; ask a senior caseworker to record it"
                        : "Choose a team"
                )])
            }
            if let refusal = StaffAccess.refusalToSeeTeam(chosenTeam, in: chosenUnit, actor: actor, actorTeam: ownTeam) { throw AccessDenied(refusal) }
            return try await self.teamView(unit: chosenUnit, team: chosenTeam, today: today, calendar: calendar, policy: policy, connection)
        }
    }

    private func teamView(unit: UnitID, team: String, today: LocalDate, calendar: ContributionCalendar, policy: CapacityPolicy, _ connection: any SQLConnection) async throws -> TeamView {
        let everyone = try await loadStaffRecords(unit: unit, team: team, connection).filter(\.member.active)
        let leaders = everyone.filter { $0.member.role == .teamLeader }.map(\.member)
        let records = everyone.filter { StaffAccess.capacityRoles.contains($0.member.role) }
        let weekStart = calendar.weekStart(containing: today)
        let period = calendar.period(containing: today)
        let usernames = records.map { SQLValue.text($0.member.username.rawValue) }
        let placeholders = Array(repeating: "?", count: usernames.count).joined(separator: ", ")

        var held: [String: [HeldClaim]] = [:]
        var barriers: [String: [PRAGRating: Int]] = [:]
        var weekSteps: [String: StepCounts] = [:]
        var periodSteps: [String: StepCounts] = [:]
        if !usernames.isEmpty {
            for row in try await connection.query(
                "SELECT \(Projection.summaryColumns), holder, held_since FROM claims WHERE holder IN (\(placeholders)) ORDER BY held_since, reference", usernames
            ) {
                held[row["holder"].string ?? "", default: []].append(
                    HeldClaim(summary: Projection.summary(row), heldSince: Instant(millisecondsSinceEpoch: row["held_since"].int64 ?? 0))
                )
            }
            let references = held.values.flatMap { $0.map { SQLValue.text($0.summary.reference.rawValue) } }
            if !references.isEmpty {
                for row in try await connection.query(
                    "SELECT claim_reference, rating FROM claim_barriers WHERE is_open = 1 AND claim_reference IN (\(Array(repeating: "?", count: references.count).joined(separator: ", ")))",
                    references
                ) {
                    guard let rating = row["rating"].string.flatMap(PRAGRating.init(rawValue:)) else { continue }
                    barriers[row["claim_reference"].string ?? "", default: [:]][rating, default: 0] += 1
                }
            }
            let from = Instant(startOf: min(weekStart, period.first))
            let until = Instant(startOf: today.adding(days: 1))
            let weekFrom = Instant(startOf: weekStart)
            let periodFrom = Instant(startOf: period.first)
            let types = CompletedStep.eventTypes.map { "'\($0)'" }.joined(separator: ", ")
            for row in try await connection.query(
                "SELECT actor, type, payload, occurred_at FROM claim_events WHERE actor IN (\(placeholders)) AND occurred_at >= ? AND occurred_at < ? AND type IN (\(types))",
                usernames + [.integer(from.millisecondsSinceEpoch), .integer(until.millisecondsSinceEpoch)]
            ) {
                let event = try EventCoding.decode(type: row["type"].string ?? "", payload: row["payload"].string ?? "{}")
                guard let step = CompletedStep.step(event) else { continue }
                let at = Instant(millisecondsSinceEpoch: row["occurred_at"].int64 ?? 0)
                let who = row["actor"].string ?? ""
                if at >= weekFrom { weekSteps[who, default: StepCounts()].add(step) }
                if at >= periodFrom { periodSteps[who, default: StepCounts()].add(step) }
            }
        }

        let members = records.sorted { ($0.member.displayName, $0.member.username) < ($1.member.displayName, $1.member.username) }.map { record in
            let name = record.member.username.rawValue
            let claims = (held[name] ?? []).map { TeamHeldClaim(held: $0, openBarriers: barriers[$0.summary.reference.rawValue] ?? [:]) }
            return TeamMemberFigures(
                record: record, claims: claims,
                barriers: claims.reduce(into: [:]) { total, claim in total.merge(claim.openBarriers, uniquingKeysWith: +) },
                stepsThisWeek: weekSteps[name] ?? StepCounts(), stepsThisPeriod: periodSteps[name] ?? StepCounts(),
                effectiveFTE: record.effectiveFTE(on: today, policy: policy), absenceToday: record.absence(on: today)
            )
        }
        return TeamView(
            unit: unit, team: team, today: today, weekStart: weekStart, periodStart: period.first, periodEnd: period.last, leaders: leaders,
            members: members, claimsHeld: members.reduce(0) { $0 + $1.claims.count },
            barriers: members.reduce(into: [:]) { total, member in total.merge(member.barriers, uniquingKeysWith: +) },
            stepsThisWeek: members.reduce(StepCounts()) { $0 + $1.stepsThisWeek }, stepsThisPeriod: members.reduce(StepCounts()) { $0 + $1.stepsThisPeriod },
            capacity: policy.figures(of: records.map { ($0.profile, $0.absences) }, on: today)
        )
    }
}
