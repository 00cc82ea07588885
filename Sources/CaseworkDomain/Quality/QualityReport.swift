/// A calendar month, as quality figures and packs are reported (2021 rec 8: monthly quality packs).
public struct ReportMonth: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (2000...2100).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// "2026-12".
    public init?(iso text: String) {
        let parts = text.trimmingWhitespace.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        self.init(year: year, month: month)
    }

    public init(containing date: LocalDate) {
        year = date.year
        month = date.month
    }

    public var iso: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
    public var description: String { iso }
    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }
    public var lastDay: LocalDate { adding(months: 1).firstDay.adding(days: -1) }

    /// "December 2026".
    public var title: String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(names[month - 1]) \(year)"
    }

    public func adding(months: Int) -> ReportMonth {
        let index = year * 12 + (month - 1) + months
        return ReportMonth(year: index / 12, month: index % 12 + 1)!
    }

    public static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

/// A share of a total against its target, the way the quality view prints it.
public struct TargetShare: Codable, Sendable, Hashable {
    public var count: Int
    public var total: Int
    public var target: Double

    public init(count: Int, total: Int, target: Double) {
        self.count = count
        self.total = total
        self.target = target
    }

    /// Nil when there is nothing to share out.
    public var share: Double? { total == 0 ? nil : Double(count) / Double(total) }
    public var meetsTarget: Bool? { share.map { $0 >= target } }

    /// "3.52%", or "no work" when the total is zero.
    public var percentText: String { share.map(Self.percent) ?? "none to count" }

    public static func percent(_ value: Double) -> String {
        let hundredths = Int((value * 10_000).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)%"
    }
}

/// How one kind of work completed in the month was sampled and checked.
public struct SamplingFigures: Codable, Sendable, Hashable {
    public var work: SampledWork
    /// Pieces of work completed (each completion; a resubmission counts again).
    public var completed: Int
    public var selected: Int
    /// Selected by the random draw (possibly among other reasons).
    public var randomlySelected: Int
    /// Selected and since checked.
    public var checked: Int
    public var awaitingCheck: Int
    /// Selected, then superseded before a check (the claim left decision-making).
    public var cancelled: Int
    /// How often each reason applied, by code ("random", "before-sign-off", "mandatory:refusal-uasc", ...).
    public var reasons: [String: Int]

    public init(work: SampledWork, completed: Int = 0, selected: Int = 0, randomlySelected: Int = 0, checked: Int = 0, awaitingCheck: Int = 0, cancelled: Int = 0, reasons: [String: Int] = [:]) {
        self.work = work
        self.completed = completed
        self.selected = selected
        self.randomlySelected = randomlySelected
        self.checked = checked
        self.awaitingCheck = awaitingCheck
        self.cancelled = cancelled
        self.reasons = reasons
    }

    /// Checked work as a share of work completed, against 3.5% (10.27 measured checks against decisions).
    public var checkedShare: TargetShare { TargetShare(count: checked, total: completed, target: QualityPolicy.current.samplingTarget) }
    /// The random draw's share, which should converge on the policy's rate.
    public var randomShare: TargetShare { TargetShare(count: randomlySelected, total: completed, target: SamplingPolicy.current.randomRate[work] ?? 0) }
}

/// The DQ scores of the month's checks of decisions: counts by score for each Calibre category, and the share at DQ1
/// or DQ2 against 75% (10.31–10.32: 60% casework, 56% process, 40% calculated).
public struct ScoreDistribution: Codable, Sendable, Hashable {
    public var category: String
    /// Index 0 is DQ1.
    public var counts: [Int]

    public init(category: String, counts: [Int] = [0, 0, 0, 0, 0]) {
        self.category = category
        self.counts = counts
    }

    public var total: Int { counts.reduce(0, +) }
    public var high: TargetShare { TargetShare(count: counts[0] + counts[1], total: total, target: QualityPolicy.current.highScoreTarget) }

    public mutating func add(_ score: DQScore) { counts[score.rawValue - 1] += 1 }
}

/// Checks of one decision maker's work in the window before the month's end (10.8: at least one every two months).
public struct WorkerChecks: Codable, Sendable, Hashable {
    public var worker: StaffID
    public var displayName: String
    public var signedOff: Bool
    public var decisionsCompleted: Int
    public var checks: Int
    public var lastChecked: LocalDate?

    public init(worker: StaffID, displayName: String, signedOff: Bool, decisionsCompleted: Int, checks: Int, lastChecked: LocalDate?) {
        self.worker = worker
        self.displayName = displayName
        self.signedOff = signedOff
        self.decisionsCompleted = decisionsCompleted
        self.checks = checks
        self.lastChecked = lastChecked
    }

    /// No check in the window.
    public var overdue: Bool { checks == 0 }
}

/// One theme's count per month, oldest first, from checks and from appeal findings.
public struct ThemeTrend: Codable, Sendable, Hashable {
    public var theme: FeedbackTheme
    public var assessments: [Int]
    public var appeals: [Int]

    public init(theme: FeedbackTheme, assessments: [Int], appeals: [Int]) {
        self.theme = theme
        self.assessments = assessments
        self.appeals = appeals
    }

    public var total: Int { assessments.reduce(0, +) + appeals.reduce(0, +) }
}

/// Appeals determined, and how often the decision was overturned.
public struct AppealFigures: Codable, Sendable, Hashable {
    public var allowed: Int
    public var dismissed: Int
    public var withdrawn: Int

    public init(allowed: Int = 0, dismissed: Int = 0, withdrawn: Int = 0) {
        self.allowed = allowed
        self.dismissed = dismissed
        self.withdrawn = withdrawn
    }

    public var determined: Int { allowed + dismissed + withdrawn }
    /// Allowed as a share of appeals decided on their merits (withdrawn ones decide nothing about the decision).
    public var overturnRate: Double? { allowed + dismissed == 0 ? nil : Double(allowed) / Double(allowed + dismissed) }

    public mutating func add(_ outcome: AppealOutcome, _ count: Int = 1) {
        switch outcome {
        case .allowed: allowed += count
        case .dismissed: dismissed += count
        case .withdrawn: withdrawn += count
        }
    }
}

/// A unit's quality for one month: what the monthly pack holds (10.27–10.34, 10.44; 2021 recs 7–8; 2026 recs 2–3).
public struct UnitQualityReport: Codable, Sendable, Hashable {
    /// Nil for every unit together.
    public var unit: UnitID?
    public var month: ReportMonth
    public var sampling: [SamplingFigures]
    /// Checks of decisions done in the month that were done before service, against 90% (10.34).
    public var preService: TargetShare
    public var scores: [ScoreDistribution]
    /// Checks of decisions in the month that found the outcome incorrect.
    public var outcomeIncorrect: Int
    /// Verbal second pair of eyes checks, each recorded with who agreed what (10.14).
    public var verbalChecks: Int
    public var workers: [WorkerChecks]
    /// The window `workers` counts, ending on the month's last day (or today, in the month in progress).
    public var windowStart: LocalDate
    public var windowEnd: LocalDate
    /// The six months up to this one, oldest first, for the trends.
    public var trendMonths: [ReportMonth]
    public var themes: [ThemeTrend]
    public var appeals: AppealFigures

    public init(
        unit: UnitID?, month: ReportMonth, sampling: [SamplingFigures], preService: TargetShare, scores: [ScoreDistribution], outcomeIncorrect: Int, verbalChecks: Int,
        workers: [WorkerChecks], windowStart: LocalDate, windowEnd: LocalDate, trendMonths: [ReportMonth], themes: [ThemeTrend], appeals: AppealFigures
    ) {
        self.unit = unit
        self.month = month
        self.sampling = sampling
        self.preService = preService
        self.scores = scores
        self.outcomeIncorrect = outcomeIncorrect
        self.verbalChecks = verbalChecks
        self.workers = workers
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.trendMonths = trendMonths
        self.themes = themes
        self.appeals = appeals
    }

    public func sampling(_ work: SampledWork) -> SamplingFigures { sampling.first { $0.work == work } ?? SamplingFigures(work: work) }
    public func score(_ category: String) -> ScoreDistribution { scores.first { $0.category == category } ?? ScoreDistribution(category: category) }

    /// The categories in the order 10.30 lists them.
    public static let categories = ["operating-mandate", "casework", "process", "calculated"]

    public static func categoryTitle(_ category: String) -> String {
        switch category {
        case "operating-mandate": "Operating Mandate"
        case "casework": "Casework"
        case "process": "Process"
        default: "Calculated (worse of casework and process)"
        }
    }

    /// The monthly quality pack as CSV: one row per figure, with its target where there is one, so it opens in any
    /// spreadsheet and nothing needs re-keying (9.40).
    public var csv: String {
        var rows: [[String]] = [["section", "measure", "value", "total", "share", "target", "source"]]
        let scope = unit?.rawValue ?? "all units"
        rows.append(["scope", "unit", scope, "", "", "", ""])
        rows.append(["scope", "month", month.iso, "", "", "", ""])
        for figures in sampling {
            let work = figures.work.rawValue
            rows.append(["sampling", "\(work) completed", "\(figures.completed)", "", "", "", "10.8"])
            rows.append(["sampling", "\(work) selected for a check", "\(figures.selected)", "\(figures.completed)", share(figures.selected, figures.completed), "", "10.8–10.11"])
            rows.append(["sampling", "\(work) selected at random", "\(figures.randomlySelected)", "\(figures.completed)", figures.randomShare.share.map(ratio) ?? "", ratio(figures.randomShare.target), "10.8"])
            rows.append(["sampling", "\(work) checked", "\(figures.checked)", "\(figures.completed)", figures.checkedShare.share.map(ratio) ?? "", ratio(figures.checkedShare.target), "10.27"])
            rows.append(["sampling", "\(work) awaiting a check", "\(figures.awaitingCheck)", "", "", "", ""])
            for (reason, count) in figures.reasons.sorted(by: { $0.key < $1.key }) {
                rows.append(["sampling reasons", "\(work) \(reason)", "\(count)", "\(figures.selected)", share(count, figures.selected), "", "10.8–10.11"])
            }
        }
        rows.append(["checks", "decision checks before service", "\(preService.count)", "\(preService.total)", preService.share.map(ratio) ?? "", ratio(preService.target), "10.34"])
        rows.append(["checks", "outcome found incorrect", "\(outcomeIncorrect)", "\(preService.total)", share(outcomeIncorrect, preService.total), "", "10.4"])
        rows.append(["checks", "verbal second pair of eyes", "\(verbalChecks)", "\(preService.total)", share(verbalChecks, preService.total), "", "10.14"])
        for distribution in scores {
            for (index, count) in distribution.counts.enumerated() {
                rows.append(["scores", "\(distribution.category) DQ\(index + 1)", "\(count)", "\(distribution.total)", share(count, distribution.total), "", "10.30"])
            }
            rows.append(["scores", "\(distribution.category) DQ1 or DQ2", "\(distribution.high.count)", "\(distribution.total)", distribution.high.share.map(ratio) ?? "", ratio(distribution.high.target), "10.32"])
        }
        for worker in workers {
            rows.append(["checks per decision maker", worker.worker.rawValue, "\(worker.checks)", "\(worker.decisionsCompleted)", "", "at least 1 from \(windowStart.iso) to \(windowEnd.iso)", "10.8"])
        }
        for trend in themes {
            for (index, month) in trendMonths.enumerated() {
                rows.append(["themes", "\(trend.theme.code) \(month.iso) checks", "\(trend.assessments[index])", "", "", "", trend.theme.source])
                rows.append(["themes", "\(trend.theme.code) \(month.iso) appeals", "\(trend.appeals[index])", "", "", "", trend.theme.source])
            }
        }
        rows.append(["appeals", "allowed", "\(appeals.allowed)", "\(appeals.determined)", "", "", "2026 rec 3b"])
        rows.append(["appeals", "dismissed", "\(appeals.dismissed)", "\(appeals.determined)", "", "", "2026 rec 3b"])
        rows.append(["appeals", "withdrawn", "\(appeals.withdrawn)", "\(appeals.determined)", "", "", "2026 rec 3b"])
        rows.append(["appeals", "overturn rate", "\(appeals.allowed)", "\(appeals.allowed + appeals.dismissed)", appeals.overturnRate.map(ratio) ?? "", "", "2026 rec 3b"])
        return rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private func share(_ count: Int, _ total: Int) -> String { total == 0 ? "" : ratio(Double(count) / Double(total)) }
    private func ratio(_ value: Double) -> String {
        let scaled = Int((value * 10_000).rounded())
        return "\(scaled / 10_000).\(String(repeating: "0", count: 4 - String(scaled % 10_000).count))\(scaled % 10_000)"
    }

    /// RFC 4180: quote fields with commas, quotes or line breaks; a leading =, +, - or @ is prefixed so a spreadsheet
    /// never runs it as a formula.
    public static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

/// Overturn rates of appeals determined in a period, by unit, cohort and decision maker (2026 rec 3b).
public struct OverturnRates: Codable, Sendable, Hashable {
    public struct Row: Codable, Sendable, Hashable {
        public var key: String
        public var figures: AppealFigures

        public init(key: String, figures: AppealFigures) {
            self.key = key
            self.figures = figures
        }
    }

    public var from: LocalDate
    public var to: LocalDate
    public var byUnit: [Row]
    public var byCohort: [Row]
    public var byDecisionMaker: [Row]
    public var total: AppealFigures

    public init(from: LocalDate, to: LocalDate, byUnit: [Row], byCohort: [Row], byDecisionMaker: [Row], total: AppealFigures) {
        self.from = from
        self.to = to
        self.byUnit = byUnit
        self.byCohort = byCohort
        self.byDecisionMaker = byDecisionMaker
        self.total = total
    }
}
