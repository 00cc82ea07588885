@testable import CaseworkStore
import CaseworkDomain
import CaseworkTestSupport
import Testing

/// The hand-computed fixture for the WIP page:
///
/// | claim | unit | nationality, claimed | regime | facts                   | tier | barriers (open)      | worst  | stage  |
/// |-------|------|----------------------|--------|-------------------------|------|----------------------|--------|--------|
/// | 1     | GLA  | ERI, 2019-05-01      | legacy |                         | 6    | amber                | amber  | WIP    |
/// | 2     | GLA  | ERI, 2020-02-02      | legacy | detained                | 1    | red, green           | red    | WIP    |
/// | 3     | LEE  | ALB, 2021-03-03      | legacy |                         | 6    | none                 | none   | WIP    |
/// | 4     | LEE  | IRN, 2022-09-14      | flow   |                         | 5    | purple; amber cleared| purple | WIP    |
/// | 5     | GLA  | IRN, 2023-03-01      | flow   | asylum support          | 4    | none                 | none   | WIP    |
/// | 6     | LEE  | ERI, 2019-06-06      | legacy |                         | 6    | amber                | –      | served |
///
/// The operation ERI-LEGACY holds claims 1, 2 and 6 (6 is decided, so not open).
func wipFixture(_ store: CaseworkStore) async throws {
    _ = try await store.importHistories(try opsHistories([
        OpsClaim(nationality: "ERI", claimed: "2019-05-01", unit: "DMU-GLA"),
        OpsClaim(nationality: "ERI", claimed: "2020-02-02", unit: "DMU-GLA", detained: true),
        OpsClaim(nationality: "ALB", claimed: "2021-03-03", unit: "DMU-LEE"),
        OpsClaim(nationality: "IRN", claimed: "2022-09-14", unit: "DMU-LEE"),
        OpsClaim(nationality: "IRN", claimed: "2023-03-01", unit: "DMU-GLA", supported: true),
        OpsClaim(nationality: "ERI", claimed: "2019-06-06", unit: "DMU-LEE", end: .granted),
    ]))
    let review = storeToday.adding(days: 30).iso
    let scwLEE = Actor(staff: "scw.lee", role: .seniorCaseworker, unit: "DMU-LEE")
    func raise(_ claim: Int, _ type: String, _ rating: String, version: Int, by actor: Actor) async throws {
        _ = try await store.changeBarrier(.raise(RaiseBarrierInput(type: type, rating: rating, reviewDate: review)), on: .numbered(claim), expectedVersion: version, by: actor)
    }
    try await raise(1, "further-representations", "amber", version: 3, by: OpsActors.scwGLA)
    try await raise(2, "linked-case", "red", version: 3, by: OpsActors.scwGLA)
    try await raise(2, "awaiting-biometrics", "green", version: 4, by: OpsActors.scwGLA)
    try await raise(4, "further-representations", "purple", version: 3, by: scwLEE)
    try await raise(4, "linked-case", "amber", version: 4, by: scwLEE)
    _ = try await store.changeBarrier(.clear(id: 2, reason: "Linked claim decided"), on: .numbered(4), expectedVersion: 5, by: scwLEE)
    try await raise(6, "linked-case", "amber", version: 5, by: scwLEE)
    _ = try await store.defineOperation(OperationDefinitionInput(code: "ERI-LEGACY", name: "Eritrean legacy", nationalities: ["ERI"], regimes: ["legacy"], startDate: "2023-10-01"), by: OpsActors.planner)
}

@Suite("The planner's WIP page figures, against a hand-computed fixture, on both stores")
struct WorkInProgressViewTests {
    @Test("Counts by unit, cohort, tier, PRAG and year equal the hand computation", arguments: TestDatabases.kinds)
    func breakdown(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await opsStore(database)
            try await wipFixture(store)
            let wip = try await store.workInProgress(for: OpsActors.planner)
            func counts(_ list: [WIPCount]) -> [String: Int] { Dictionary(uniqueKeysWithValues: list.map { ($0.key, $0.count) }) }
            // Open: claims 1–5 (6 is served).
            #expect(wip.total == 5 && wip.unit == nil)
            // Units: GLA has 1, 2, 5; LEE has 3, 4 (6 is not open).
            #expect(counts(wip.byUnit) == ["DMU-GLA": 3, "DMU-LEE": 2])
            // Cohorts: ERI-LEGACY has 1 and 2 open; the general WIP is 3, 4 and 5.
            #expect(counts(wip.byCohort) == ["ERI-LEGACY": 2, "general": 3])
            #expect(wip.byCohort.first?.label == "Eritrean legacy (ERI-LEGACY)")
            // Tiers: 1 detained (claim 2); 2 and 3 none; 4 supported (5); 5 flow (4); 6 legacy (1, 3).
            #expect(counts(wip.byTier) == ["1": 1, "2": 0, "3": 0, "4": 1, "5": 1, "6": 2])
            #expect(wip.byTier.map(\.label) == [
                "Tier 1: Detained cases", "Tier 2: Vulnerable and high-harm claimants", "Tier 3: Demand-led cases", "Tier 4: Supported cases",
                "Tier 5: Flow claims", "Tier 6: Legacy claims",
            ])
            // PRAG, the worst open barrier: purple 4; red 2 (red beats green); amber 1; none 3 and 5 (4's amber is cleared).
            #expect(counts(wip.byPRAG) == ["purple": 1, "red": 1, "amber": 1, "green": 0, "none": 2])
            // Years of claim: one each, 2019 to 2023 (the 2019 claim 6 is served).
            #expect(counts(wip.byYear) == ["2019": 1, "2020": 1, "2021": 1, "2022": 1, "2023": 1])
        }
    }

    @Test("Each count's drill-down lists exactly the claims counted; a unit's managers see their own unit only", arguments: TestDatabases.kinds)
    func drillDown(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await opsStore(database)
            try await wipFixture(store)
            func references(_ filter: WIPFilter, _ actor: Actor = OpsActors.planner) async throws -> [Int] {
                try await store.workInProgressClaims(filter, for: actor).claims.map { Int($0.reference.rawValue.dropFirst(3))! }
            }
            #expect(try await references(WIPFilter(unit: "DMU-GLA")) == [1, 2, 5])
            #expect(try await references(WIPFilter(cohort: .operation("ERI-LEGACY"))) == [1, 2])
            #expect(try await references(WIPFilter(cohort: .general)) == [3, 4, 5])
            #expect(try await references(WIPFilter(tier: 6)) == [1, 3])
            #expect(try await references(WIPFilter(prag: .red)) == [2])
            #expect(try await references(WIPFilter(prag: .noBarrier)) == [3, 5])
            #expect(try await references(WIPFilter(prag: .green)) == [])
            #expect(try await references(WIPFilter(year: 2019)) == [1])
            #expect(try await references(WIPFilter(unit: "DMU-LEE", tier: 5, prag: .purple, year: 2022)) == [4])
            let paged = try await store.workInProgressClaims(WIPFilter(page: 2, pageSize: 2), for: OpsActors.planner)
            #expect(paged.total == 5 && paged.pageCount == 3 && paged.claims.map(\.reference) == [.numbered(3), .numbered(4)])

            // The team leader of GLA sees GLA's figures only, and cannot drill into LEE.
            let gla = try await store.workInProgress(for: OpsActors.leaderGLA)
            #expect(gla.unit == "DMU-GLA" && gla.total == 3)
            #expect(try await references(WIPFilter(), OpsActors.leaderGLA) == [1, 2, 5])
            await #expect(throws: AccessDenied.self) { try await store.workInProgressClaims(WIPFilter(unit: "DMU-LEE"), for: OpsActors.leaderGLA) }
            await #expect(throws: AccessDenied.self) { try await store.workInProgress(for: Staff.decisionMaker) }
        }
    }

    @Test("The drill-down's parameters are checked and named")
    func parameters() throws {
        let filter = try WIPFilter.parse(unit: "dmu-gla", cohort: "general", tier: "6", prag: "RED", year: "2021", page: "2")
        #expect(filter == WIPFilter(unit: "DMU-GLA", cohort: .general, tier: 6, prag: .red, year: 2021, page: 2))
        #expect(try WIPFilter.parse(unit: nil, cohort: "amesa", tier: "", prag: nil, year: nil, page: nil).cohort == .operation("AMESA"))
        do {
            _ = try WIPFilter.parse(unit: nil, cohort: "no such!", tier: "0", prag: "blue", year: "23", page: "x")
            Issue.record("Bad parameters were accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["cohort", "tier", "prag", "year", "page"])
        }
    }
}
