import CaseworkDomain

/// The cohort a WIP count or filter is about: an operation, or the general WIP (claims in no open operation's cohort).
public enum WIPCohort: Sendable, Hashable {
    case operation(String)
    case general

    /// As a query parameter: the operation's code, or "general".
    public var parameter: String {
        switch self {
        case let .operation(code): code
        case .general: "general"
        }
    }
}

/// The PRAG band a claim is counted in: the rating of its worst open barrier, or none (8.82–8.97).
public enum WIPPRAG: String, Sendable, Hashable, CaseIterable {
    case purple, red, amber, green
    /// No open barrier (named so it cannot be mistaken for a missing value).
    case noBarrier = "none"

    /// As staff say it.
    public var title: String {
        switch self {
        case .noBarrier: "No open barrier"
        default: PRAGRating(rawValue: rawValue)!.title
        }
    }

    /// The value the SQL below computes for the band: purple 4 … green 1, none 0.
    var rank: Int {
        switch self {
        case .purple: 4
        case .red: 3
        case .amber: 2
        case .green: 1
        case .noBarrier: 0
        }
    }
}

/// One count in a WIP breakdown.
public struct WIPCount: Sendable, Hashable {
    /// The value counted, as a filter parameter: a unit code, an operation code or "general", a tier number, a PRAG
    /// band, a year.
    public var key: String
    /// The value in words.
    public var label: String
    /// Open claims.
    public var count: Int
}

/// The planner's WIP page: open claims counted by unit, cohort, tier, PRAG and year of claim (DOMAIN.md "Management
/// information"; 8.6–8.9). A claim in two operations' cohorts is counted under each, so the cohort counts may add up
/// to more than the total.
public struct WIPBreakdown: Sendable, Hashable {
    /// The unit the figures are limited to (a unit role's own), or nil for every unit.
    public var unit: UnitID?
    /// Open claims in all.
    public var total: Int
    public var byUnit: [WIPCount]
    public var byCohort: [WIPCount]
    public var byTier: [WIPCount]
    public var byPRAG: [WIPCount]
    public var byYear: [WIPCount]
}

/// A drill-down: the filters (each nil for any) and the page.
public struct WIPFilter: Sendable, Hashable {
    public var unit: UnitID?
    public var cohort: WIPCohort?
    public var tier: Int?
    public var prag: WIPPRAG?
    public var year: Int?
    public var page: Int
    public var pageSize: Int

    /// Creates a filter.
    public init(unit: UnitID? = nil, cohort: WIPCohort? = nil, tier: Int? = nil, prag: WIPPRAG? = nil, year: Int? = nil, page: Int = 1, pageSize: Int = 25) {
        self.unit = unit
        self.cohort = cohort
        self.tier = tier
        self.prag = prag
        self.year = year
        self.page = max(1, page)
        self.pageSize = min(max(1, pageSize), 200)
    }

    /// Reads the drill-down's query parameters, naming each one that is wrong.
    public static func parse(
        unit: String?, cohort: String?, tier: String?, prag: String?, year: String?, page: String?, pageSize: String? = nil
    ) throws(ValidationFailure) -> WIPFilter {
        var check = Validator()
        func text(_ value: String?) -> String? {
            guard let value = value?.trimmingWhitespace, !value.isEmpty else { return nil }
            return value
        }
        var filter = WIPFilter()
        if let unit = text(unit) {
            if unit.count > 40 { check.fail("unit", "A unit code is at most 40 characters") } else { filter.unit = UnitID(unit.uppercased()) }
        }
        if let cohort = text(cohort) {
            if cohort.lowercased() == "general" {
                filter.cohort = .general
            } else if OperationPolicy.isWellFormedCode(cohort.uppercased()) {
                filter.cohort = .operation(cohort.uppercased())
            } else {
                check.fail("cohort", "The cohort must be an operation's code, such as AMESA, or 'general' for the general WIP")
            }
        }
        if let tier = text(tier) {
            if let value = Int(tier), (1...9).contains(value) { filter.tier = value } else { check.fail("tier", "The tier must be a whole number from 1 to 9") }
        }
        if let prag = text(prag) {
            if let value = WIPPRAG(rawValue: prag.lowercased()) {
                filter.prag = value
            } else {
                check.fail("prag", "PRAG must be one of: \(WIPPRAG.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let year = text(year) {
            if let value = Int(year), (1990...9999).contains(value) { filter.year = value } else { check.fail("year", "The year of claim must be four digits, 1990 or later") }
        }
        if let page = text(page) {
            if let value = Int(page), (1...100_000).contains(value) { filter.page = value } else { check.fail("page", "The page must be a whole number from 1 to 100,000") }
        }
        if let size = text(pageSize) {
            if let value = Int(size), (1...200).contains(value) { filter.pageSize = value } else { check.fail("pageSize", "The page size must be a whole number from 1 to 200") }
        }
        try check.finish()
        return filter
    }

    /// The filters as query parameters (without the page), in a fixed order.
    public var queryItems: [(name: String, value: String)] {
        var items: [(String, String)] = []
        if let unit { items.append(("unit", unit.rawValue)) }
        if let cohort { items.append(("cohort", cohort.parameter)) }
        if let tier { items.append(("tier", String(tier))) }
        if let prag { items.append(("prag", prag.rawValue)) }
        if let year { items.append(("year", String(year))) }
        return items
    }
}

/// How the WIP is read.
enum WIPQuery {
    /// Open: not served, not closed.
    static let open = "c.stage NOT IN ('served', 'closed')"
    /// The claim's worst open barrier as a number: purple 4, red 3, amber 2, green 1, none 0.
    static let worstBarrier = """
        COALESCE((SELECT MAX(CASE b.rating WHEN 'purple' THEN 4 WHEN 'red' THEN 3 WHEN 'amber' THEN 2 WHEN 'green' THEN 1 ELSE 0 END) \
        FROM claim_barriers b WHERE b.claim_reference = c.reference AND b.is_open = 1), 0)
        """
}

extension CaseworkStore {
    /// The WIP broken down by unit, cohort, tier, PRAG and year of claim. National roles among `AccessPolicy.wipViewers`
    /// see every unit; a unit's managers see their own.
    public func workInProgress(for actor: Actor) async throws -> WIPBreakdown {
        let scope = try wipScope(actor, asked: nil)
        let (scopeCondition, binds) = scope.map { (" AND c.owning_unit = ?", [SQLValue.text($0.rawValue)]) } ?? ("", [])
        let planning = try await planningState()
        return try await database.read { connection in
            let base = "FROM claims c WHERE \(WIPQuery.open)" + scopeCondition
            let total = try await connection.queryFirst("SELECT COUNT(*) AS n " + base, binds)?["n"].int ?? 0
            let byUnit = try await connection.query("SELECT c.owning_unit AS k, COUNT(*) AS n \(base) GROUP BY c.owning_unit ORDER BY c.owning_unit", binds)
                .map { WIPCount(key: $0["k"].string ?? "", label: $0["k"].string ?? "", count: $0["n"].int ?? 0) }

            var names: [String: String] = [:]
            for row in try await connection.query("SELECT code, name FROM operations WHERE closed_at IS NULL") {
                names[row["code"].string ?? ""] = row["name"].string ?? ""
            }
            var byCohort = try await connection.query(
                "SELECT cc.operation AS k, COUNT(*) AS n FROM claim_cohorts cc JOIN claims c ON c.reference = cc.claim_reference WHERE \(WIPQuery.open)"
                    + scopeCondition + " GROUP BY cc.operation ORDER BY cc.operation", binds
            ).map { row -> WIPCount in
                let code = row["k"].string ?? ""
                return WIPCount(key: code, label: names[code].map { "\($0) (\(code))" } ?? code, count: row["n"].int ?? 0)
            }
            let general = try await connection.queryFirst(
                "SELECT COUNT(*) AS n \(base) AND NOT EXISTS (SELECT 1 FROM claim_cohorts cc WHERE cc.claim_reference = c.reference)", binds
            )?["n"].int ?? 0
            byCohort.append(WIPCount(key: WIPCohort.general.parameter, label: "General WIP (in no operation)", count: general))

            // Every tier of the policy in force, empty ones too, so a planner sees at once that a tier has none.
            let policy = planning.priorityPolicy
            var tierCounts: [Int: Int] = [:]
            let tiers = "FROM claims c JOIN claim_queue q ON q.reference = c.reference WHERE \(WIPQuery.open)" + scopeCondition
            for row in try await connection.query("SELECT q.priority_tier AS k, COUNT(*) AS n \(tiers) GROUP BY q.priority_tier", binds) {
                tierCounts[row["k"].int ?? 0] = row["n"].int ?? 0
            }
            let byTier = Set(1...policy.tierOrder.count).union(tierCounts.keys).sorted().map { tier -> WIPCount in
                let title = (1...policy.tierOrder.count).contains(tier) ? policy.tierOrder[tier - 1].title : "not in the policy in force"
                return WIPCount(key: String(tier), label: "Tier \(tier): \(title)", count: tierCounts[tier] ?? 0)
            }

            let pragRows = try await connection.query("SELECT w.k AS k, COUNT(*) AS n FROM (SELECT \(WIPQuery.worstBarrier) AS k \(base)) w GROUP BY w.k", binds)
            let pragCounts = Dictionary(pragRows.map { ($0["k"].int ?? 0, $0["n"].int ?? 0) }, uniquingKeysWith: +)
            let byPRAG = WIPPRAG.allCases.map { WIPCount(key: $0.rawValue, label: $0.title, count: pragCounts[$0.rank] ?? 0) }

            let byYear = try await connection.query(
                "SELECT SUBSTR(c.date_of_claim, 1, 4) AS k, COUNT(*) AS n \(base) GROUP BY SUBSTR(c.date_of_claim, 1, 4) ORDER BY SUBSTR(c.date_of_claim, 1, 4)", binds
            ).map { WIPCount(key: $0["k"].string ?? "", label: $0["k"].string ?? "", count: $0["n"].int ?? 0) }
            return WIPBreakdown(unit: scope, total: total, byUnit: byUnit, byCohort: byCohort, byTier: byTier, byPRAG: byPRAG, byYear: byYear)
        }
    }

    /// The open claims behind one WIP count (or any combination of filters), oldest claim first, a page at a time.
    public func workInProgressClaims(_ filter: WIPFilter, for actor: Actor) async throws -> ClaimSearchResult {
        let scope = try wipScope(actor, asked: filter.unit)
        var conditions = [WIPQuery.open]
        var binds: [SQLValue] = []
        if let unit = scope ?? filter.unit {
            conditions.append("c.owning_unit = ?")
            binds.append(.text(unit.rawValue))
        }
        switch filter.cohort {
        case let .operation(code)?:
            conditions.append("EXISTS (SELECT 1 FROM claim_cohorts cc WHERE cc.claim_reference = c.reference AND cc.operation = ?)")
            binds.append(.text(code))
        case .general?:
            conditions.append("NOT EXISTS (SELECT 1 FROM claim_cohorts cc WHERE cc.claim_reference = c.reference)")
        case nil:
            break
        }
        if let tier = filter.tier {
            conditions.append("EXISTS (SELECT 1 FROM claim_queue q WHERE q.reference = c.reference AND q.priority_tier = ?)")
            binds.append(.int(tier))
        }
        if let prag = filter.prag {
            conditions.append("\(WIPQuery.worstBarrier) = ?")
            binds.append(.int(prag.rank))
        }
        if let year = filter.year {
            conditions.append("c.date_of_claim >= ? AND c.date_of_claim < ?")
            binds.append(contentsOf: [.text("\(year)-01-01"), .text("\(year + 1)-01-01")])
        }
        let whereClause = " WHERE " + conditions.joined(separator: " AND ")
        let columns = Projection.summaryColumns.split(separator: ",").map { "c." + String($0).trimmingWhitespace }.joined(separator: ", ")
        return try await database.read { connection in
            let total = try await connection.queryFirst("SELECT COUNT(*) AS n FROM claims c" + whereClause, binds)?["n"].int ?? 0
            let rows = try await connection.query(
                "SELECT \(columns) FROM claims c" + whereClause + " ORDER BY c.date_of_claim, c.reference LIMIT ? OFFSET ?",
                binds + [.int(filter.pageSize), .int((filter.page - 1) * filter.pageSize)]
            )
            return ClaimSearchResult(claims: rows.map(Projection.summary), total: total, page: filter.page, pageSize: filter.pageSize)
        }
    }

    /// The unit `actor` is limited to (nil: every unit). A unit role asking for another unit is refused.
    func wipScope(_ actor: Actor, asked: UnitID?) throws -> UnitID? {
        try Self.requireWIPViewer(actor)
        if AccessPolicy.nationalRoles.contains(actor.role) { return nil }
        if let asked, asked != actor.unit {
            throw AccessDenied("\(actor.role.title)s see the work in progress of their own unit, \(actor.unit.rawValue).")
        }
        return actor.unit
    }
}
