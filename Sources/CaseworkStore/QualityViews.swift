import CaseworkDomain

/// A piece of work waiting for its check, as the checkers' queue lists it.
public struct CheckWaiting: Codable, Sendable, Hashable {
    public var claim: ClaimReference
    public var unit: UnitID
    public var sample: WorkSample
    /// Days since the work was completed.
    public var daysWaiting: Int
    /// A decision waiting for its check cannot be served: those come first.
    public var blocksService: Bool
}

public struct ChecksWaiting: Codable, Sendable, Hashable {
    public var unit: UnitID?
    public var checks: [CheckWaiting]
    /// All waiting, when `checks` is cut short.
    public var total: Int
}

/// What a decision maker's quality page shows: sign-off progress, every check of their work with its feedback, appeal
/// findings on their decisions, and their figures (2026 rec 3: feedback that reaches the decision maker).
public struct DecisionMakerQuality: Codable, Sendable, Hashable {
    public struct Check: Codable, Sendable, Hashable {
        public var claim: ClaimReference
        public var assessment: QualityAssessment
    }

    public struct AppealFinding: Codable, Sendable, Hashable {
        public var claim: ClaimReference
        public var appeal: AppealState
    }

    public var username: StaffID
    public var displayName: String
    public var role: Role
    public var unit: UnitID
    public var signOff: SignOffProgress
    public var checks: [Check]
    public var appeals: [AppealFinding]
    public var appealFigures: AppealFigures
    public var checksWaiting: Int
    /// Checks of their work in the last `QualityPolicy.checkWindowDays` days.
    public var checksInWindow: Int
    public var decisionsCompletedInWindow: Int
    /// Calculated scores of all checks of their decisions, DQ1 first.
    public var calculated: ScoreDistribution
}

extension CaseworkStore {
    /// The checks waiting in `unit` (every unit for national roles when nil), decisions blocking service first, then
    /// the oldest.
    public func checksWaiting(unit: UnitID?, for actor: Actor, limit: Int = 200) async throws -> ChecksWaiting {
        let unit = unit ?? (AccessPolicy.nationalRoles.contains(actor.role) ? nil : actor.unit)
        guard AccessPolicy.canReadQuality(of: unit, actor: actor) else { throw AccessDenied(Self.qualityRefusal(unit, actor)) }
        let today = clock.now().date
        return try await database.read { connection in
            let condition = unit == nil ? "" : " AND owning_unit = ?"
            let binds: [SQLValue] = unit.map { [.text($0.rawValue)] } ?? []
            let total = try await connection.queryFirst("SELECT COUNT(*) AS n FROM quality_samples WHERE status = 'awaiting-check'\(condition)", binds)?["n"].int ?? 0
            let rows = try await connection.query(
                "SELECT \(Self.sampleColumns) FROM quality_samples WHERE status = 'awaiting-check'\(condition) ORDER BY CASE WHEN work = 'decision' THEN 0 ELSE 1 END, completed_on, sample_id LIMIT ?",
                binds + [.int(limit)]
            )
            let checks = try rows.map(Self.sampleRecord).map { record in
                CheckWaiting(
                    claim: record.claim, unit: record.unit, sample: record.sample, daysWaiting: record.sample.completedOn.days(until: today),
                    blocksService: record.sample.work == .decision
                )
            }
            return ChecksWaiting(unit: unit, checks: checks, total: total)
        }
    }

    /// A unit's quality for `month` (every unit for national roles when `unit` is nil).
    public func unitQuality(unit: UnitID?, month: ReportMonth, for actor: Actor) async throws -> UnitQualityReport {
        guard AccessPolicy.canReadQuality(of: unit, actor: actor) else { throw AccessDenied(Self.qualityRefusal(unit, actor)) }
        let today = clock.now().date
        return try await database.read { connection in
            try await self.unitQuality(unit: unit, month: month, today: today, connection)
        }
    }

    func unitQuality(unit: UnitID?, month: ReportMonth, today: LocalDate, _ connection: any SQLConnection) async throws -> UnitQualityReport {
        let unitCondition = unit == nil ? "" : " AND owning_unit = ?"
        let unitBind: [SQLValue] = unit.map { [.text($0.rawValue)] } ?? []
        let policy = QualityPolicy.current

        // Sampling, by kind of work completed in the month.
        var sampling = Dictionary(uniqueKeysWithValues: SampledWork.allCases.map { ($0, SamplingFigures(work: $0)) })
        for row in try await connection.query(
            """
            SELECT work, COUNT(*) AS completed, SUM(selected) AS selected, SUM(random) AS random,
                SUM(CASE WHEN status = 'checked' THEN 1 ELSE 0 END) AS checked, SUM(CASE WHEN status = 'awaiting-check' THEN 1 ELSE 0 END) AS waiting,
                SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled
            FROM quality_samples WHERE month = ?\(unitCondition) GROUP BY work
            """,
            [.text(month.iso)] + unitBind
        ) {
            guard let work = SampledWork(rawValue: row["work"].string ?? "") else { continue }
            sampling[work] = SamplingFigures(
                work: work, completed: row["completed"].int ?? 0, selected: row["selected"].int ?? 0, randomlySelected: row["random"].int ?? 0,
                checked: row["checked"].int ?? 0, awaitingCheck: row["waiting"].int ?? 0, cancelled: row["cancelled"].int ?? 0
            )
        }
        for row in try await connection.query(
            "SELECT work, reasons FROM quality_samples WHERE month = ? AND selected = ?\(unitCondition)", [.text(month.iso), .bool(true)] + unitBind
        ) {
            guard let work = SampledWork(rawValue: row["work"].string ?? "") else { continue }
            for code in (row["reasons"].string ?? "").split(separator: ",") { sampling[work]?.reasons[String(code), default: 0] += 1 }
        }

        // Checks of decisions done in the month: timing, scores, outcome, verbal.
        var scores = Dictionary(uniqueKeysWithValues: UnitQualityReport.categories.map { ($0, ScoreDistribution(category: $0)) })
        var preService = 0
        var total = 0
        var incorrect = 0
        var verbal = 0
        for row in try await connection.query(
            "SELECT om_score, casework_score, process_score, calculated_score, pre_service, outcome_correct, mode FROM quality_assessments WHERE month = ? AND work = 'decision'\(unitCondition)",
            [.text(month.iso)] + unitBind
        ) {
            total += 1
            if row["pre_service"].bool { preService += 1 }
            if !row["outcome_correct"].bool { incorrect += 1 }
            if row["mode"].string == CheckMode.verbal.rawValue { verbal += 1 }
            for (category, column) in zip(UnitQualityReport.categories, ["om_score", "casework_score", "process_score", "calculated_score"]) {
                if let score = DQScore(rawValue: row[column].int ?? 0) { scores[category]?.add(score) }
            }
        }

        // Checks per decision maker in the two months to the month's end.
        let windowEnd = min(month.lastDay, max(today, month.firstDay))
        let windowStart = windowEnd.adding(days: -(policy.checkWindowDays - 1))
        // Every decision maker is listed, even with nothing done (no check in the window is itself the finding);
        // technical specialists and senior caseworkers only when they completed decisions of their own.
        var workers: [StaffID: WorkerChecks] = [:]
        var otherDeciders: [StaffID: WorkerChecks] = [:]
        if let unit {
            for row in try await connection.query(
                "SELECT username, display_name, signed_off, role FROM staff WHERE unit = ? AND active = 1 AND role IN ('decision-maker', 'technical-specialist', 'senior-caseworker') ORDER BY display_name, username",
                [.text(unit.rawValue)]
            ) {
                let username = StaffID(row["username"].string ?? "")
                let worker = WorkerChecks(worker: username, displayName: row["display_name"].string ?? "", signedOff: row["signed_off"].bool, decisionsCompleted: 0, checks: 0, lastChecked: nil)
                if row["role"].string == Role.decisionMaker.rawValue { workers[username] = worker } else { otherDeciders[username] = worker }
            }
            for row in try await connection.query(
                "SELECT worker, COUNT(*) AS n FROM quality_samples WHERE owning_unit = ? AND work = 'decision' AND completed_on >= ? AND completed_on <= ? GROUP BY worker",
                [.text(unit.rawValue), .text(windowStart.iso), .text(windowEnd.iso)]
            ) {
                let username = StaffID(row["worker"].string ?? "")
                workers[username, default: otherDeciders[username] ?? WorkerChecks(worker: username, displayName: username.rawValue, signedOff: false, decisionsCompleted: 0, checks: 0, lastChecked: nil)]
                    .decisionsCompleted = row["n"].int ?? 0
            }
            for row in try await connection.query(
                "SELECT worker, COUNT(*) AS n, MAX(assessed_on) AS last FROM quality_assessments WHERE owning_unit = ? AND assessed_on >= ? AND assessed_on <= ? GROUP BY worker",
                [.text(unit.rawValue), .text(windowStart.iso), .text(windowEnd.iso)]
            ) {
                let username = StaffID(row["worker"].string ?? "")
                guard workers[username] != nil else { continue }  // not a caseworker of the unit (a screening officer, say)
                workers[username]?.checks = row["n"].int ?? 0
                workers[username]?.lastChecked = row["last"].string.flatMap(LocalDate.init(iso:))
            }
        }

        // Themes over six months, from checks and appeals.
        let trendMonths = (0..<6).reversed().map { month.adding(months: -$0) }
        var themeCounts: [String: (assessments: [Int], appeals: [Int])] = [:]
        for row in try await connection.query(
            "SELECT theme, source, month, COUNT(*) AS n FROM quality_themes WHERE month >= ? AND month <= ?\(unitCondition) GROUP BY theme, source, month",
            [.text(trendMonths[0].iso), .text(month.iso)] + unitBind
        ) {
            guard let code = row["theme"].string, let index = trendMonths.firstIndex(where: { $0.iso == row["month"].string }) else { continue }
            var counts = themeCounts[code] ?? (Array(repeating: 0, count: 6), Array(repeating: 0, count: 6))
            if row["source"].string == "appeal" { counts.appeals[index] += row["n"].int ?? 0 } else { counts.assessments[index] += row["n"].int ?? 0 }
            themeCounts[code] = counts
        }
        let themes = FeedbackThemes.all.compactMap { theme in themeCounts[theme.code].map { ThemeTrend(theme: theme, assessments: $0.assessments, appeals: $0.appeals) } }
            .sorted { ($1.total, $0.theme.code) < ($0.total, $1.theme.code) }

        // Appeals determined in the month.
        var appeals = AppealFigures()
        for row in try await connection.query(
            "SELECT outcome, COUNT(*) AS n FROM appeals WHERE determined_month = ?\(unitCondition) GROUP BY outcome", [.text(month.iso)] + unitBind
        ) {
            if let outcome = AppealOutcome(rawValue: row["outcome"].string ?? "") { appeals.add(outcome, row["n"].int ?? 0) }
        }

        return UnitQualityReport(
            unit: unit, month: month, sampling: SampledWork.allCases.map { sampling[$0]! },
            preService: TargetShare(count: preService, total: total, target: policy.preServiceTarget),
            scores: UnitQualityReport.categories.map { scores[$0]! }, outcomeIncorrect: incorrect, verbalChecks: verbal,
            workers: workers.values.sorted { ($0.checks, $0.displayName, $0.worker.rawValue) < ($1.checks, $1.displayName, $1.worker.rawValue) },
            windowStart: windowStart, windowEnd: windowEnd, trendMonths: trendMonths, themes: themes, appeals: appeals
        )
    }

    /// A decision maker's quality page, for them and for those who see their unit's quality.
    public func decisionMakerQuality(_ username: StaffID, for actor: Actor) async throws -> DecisionMakerQuality {
        let today = clock.now().date
        return try await database.read { connection in
            guard let record = try await self.loadStaffRecord(username, lock: false, connection) else {
                throw StaffRecordNotFound("No member of staff has the username \(username.rawValue)")
            }
            guard actor.staff == username || AccessPolicy.canReadQuality(of: record.member.unit, actor: actor) else {
                throw AccessDenied("A decision maker's feedback is seen by them and by those who see \(record.member.unit.rawValue)'s quality.")
            }
            let checks = try await connection.query(
                "SELECT claim_reference, data FROM quality_assessments WHERE worker = ? ORDER BY assessed_on DESC, claim_reference, number DESC LIMIT 200", [.text(username.rawValue)]
            ).map { row in
                DecisionMakerQuality.Check(claim: ClaimReference(row["claim_reference"].string ?? ""), assessment: try EventCoding.decodeJSON(QualityAssessment.self, row["data"].string ?? "{}"))
            }
            var figures = AppealFigures()
            let appeals = try await connection.query(
                "SELECT claim_reference, data, heard_on, determination, outcome FROM appeals WHERE author = ? ORDER BY lodged_on DESC, claim_reference LIMIT 200", [.text(username.rawValue)]
            ).map { row in
                if let outcome = AppealOutcome(rawValue: row["outcome"].string ?? "") { figures.add(outcome) }
                return DecisionMakerQuality.AppealFinding(
                    claim: ClaimReference(row["claim_reference"].string ?? ""),
                    appeal: AppealState(
                        lodged: try EventCoding.decodeJSON(AppealLodged.self, row["data"].string ?? "{}"), heardOn: row["heard_on"].string.flatMap(LocalDate.init(iso:)),
                        determination: try row["determination"].string.map { try EventCoding.decodeJSON(AppealDetermination.self, $0) }
                    )
                )
            }
            var calculated = ScoreDistribution(category: "calculated")
            for row in try await connection.query("SELECT calculated_score FROM quality_assessments WHERE worker = ? AND work = 'decision'", [.text(username.rawValue)]) {
                if let score = DQScore(rawValue: row["calculated_score"].int ?? 0) { calculated.add(score) }
            }
            let windowStart = today.adding(days: -(QualityPolicy.current.checkWindowDays - 1))
            let inWindow = try await connection.queryFirst(
                "SELECT COUNT(*) AS n FROM quality_assessments WHERE worker = ? AND assessed_on >= ?", [.text(username.rawValue), .text(windowStart.iso)]
            )?["n"].int ?? 0
            let completed = try await connection.queryFirst(
                "SELECT COUNT(*) AS n FROM quality_samples WHERE worker = ? AND work = 'decision' AND completed_on >= ?", [.text(username.rawValue), .text(windowStart.iso)]
            )?["n"].int ?? 0
            let waiting = try await connection.queryFirst(
                "SELECT COUNT(*) AS n FROM quality_samples WHERE worker = ? AND status = 'awaiting-check'", [.text(username.rawValue)]
            )?["n"].int ?? 0
            return DecisionMakerQuality(
                username: username, displayName: record.member.displayName, role: record.member.role, unit: record.member.unit,
                signOff: try await self.signOffProgress(record, connection), checks: checks, appeals: appeals, appealFigures: figures, checksWaiting: waiting,
                checksInWindow: inWindow, decisionsCompletedInWindow: completed, calculated: calculated
            )
        }
    }

    /// Appeals determined from `from` to `to`, by the unit that served the decision, by cohort and by decision maker.
    public func overturnRates(from: LocalDate, to: LocalDate, unit: UnitID?, for actor: Actor) async throws -> OverturnRates {
        let unit = unit ?? (AccessPolicy.nationalRoles.contains(actor.role) ? nil : actor.unit)
        guard AccessPolicy.canReadQuality(of: unit, actor: actor) else { throw AccessDenied(Self.qualityRefusal(unit, actor)) }
        guard from <= to else { throw ValidationFailure([FieldError(field: "from", message: "The period must start on or before its end")]) }
        return try await database.read { connection in
            let condition = unit == nil ? "" : " AND a.owning_unit = ?"
            let binds: [SQLValue] = [.text(from.iso), .text(to.iso)] + (unit.map { [.text($0.rawValue)] } ?? [])
            func grouped(_ key: String, join: String = "") async throws -> [OverturnRates.Row] {
                var rows: [String: AppealFigures] = [:]
                for row in try await connection.query(
                    "SELECT \(key) AS k, a.outcome, COUNT(*) AS n FROM appeals a\(join) WHERE a.determined_on >= ? AND a.determined_on <= ?\(condition) GROUP BY \(key), a.outcome",
                    binds
                ) {
                    guard let outcome = AppealOutcome(rawValue: row["outcome"].string ?? "") else { continue }
                    rows[row["k"].string ?? "", default: AppealFigures()].add(outcome, row["n"].int ?? 0)
                }
                return rows.map { OverturnRates.Row(key: $0.key, figures: $0.value) }.sorted { $0.key < $1.key }
            }
            let byUnit = try await grouped("a.owning_unit")
            var total = AppealFigures()
            for row in byUnit {
                total.allowed += row.figures.allowed
                total.dismissed += row.figures.dismissed
                total.withdrawn += row.figures.withdrawn
            }
            return OverturnRates(
                from: from, to: to, byUnit: byUnit, byCohort: try await grouped("c.operation", join: " JOIN claim_cohorts c ON c.claim_reference = a.claim_reference"),
                byDecisionMaker: try await grouped("a.author"), total: total
            )
        }
    }

    static func qualityRefusal(_ unit: UnitID?, _ actor: Actor) -> String {
        guard AccessPolicy.qualityViewers.contains(actor.role) else {
            return "Quality figures are seen by team leaders, technical specialists, senior caseworkers, operations managers, planners, assurance and MI."
        }
        return unit.map { "\(actor.role.title)s see the quality of their own unit, not \($0.rawValue)." } ?? "\(actor.role.title)s see the quality of their own unit."
    }
}
