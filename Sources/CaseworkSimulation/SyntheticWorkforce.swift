import CaseworkDomain
import CaseworkStore

/// The units and staff of a synthetic asylum operation (DOMAIN.md "People and roles"): 16 decision-making units in
/// 14 locations, two children's hubs, the intake unit and the national teams, each staffed in proportion to its
/// decision makers. Deterministic: the same seed and size give the same people with the same usernames.
///
/// Usernames read as role, unit and number: `dm.gla.0001` is Glasgow's first decision maker, `tl.liv1.0003` a team
/// leader in Liverpool 1, `ao.intake.0001` an intake officer, `admin.platform.0001` the first administrator.
public struct SyntheticWorkforce: Sendable, Hashable {
    /// A unit's place in the operation.
    public struct UnitPlan: Sendable, Hashable {
        public let code: UnitID
        public let name: String
        /// "dmu", "intake" or "national" (`Unit.kind`).
        public let kind: String
        /// The town the unit works from.
        public let location: String
        /// The short name in usernames, e.g. "gla".
        public let slug: String
        /// Relative share of the decision makers (0 for units without any).
        public let decisionMakerWeight: Double
    }

    /// The intake unit: registers and screens claims.
    public static let intakeUnit: UnitID = "INTAKE-CROYDON"
    /// The children's hubs (8.115), northern and southern regions.
    public static let northernChildrensHub: UnitID = "CHILD-HUB-N"
    public static let southernChildrensHub: UnitID = "CHILD-HUB-S"
    /// Detained asylum casework and non-suspensive appeals, the two specialised London teams.
    public static let detainedCaseworkUnit: UnitID = "DMU-DAC"
    public static let nonSuspensiveAppealsUnit: UnitID = "DMU-NSA"
    /// The national teams.
    public static let nationalWorkflow: UnitID = "NWF"
    public static let safeguardingHub: UnitID = "SAFEGUARDING-HUB"
    public static let thirdCountryUnit: UnitID = "TCU"
    public static let assurance: UnitID = "PAIR"
    public static let managementInformation: UnitID = "MI"
    public static let platform: UnitID = "PLATFORM"

    /// Every unit: the 16 DMUs of November 2023 (Belfast, Cardiff, Durham, Glasgow, Leeds, Liverpool (2), Manchester,
    /// Mersey (Bootle), Newcastle, Sheffield, Solihull (2), Stoke, and the London DAC and NSA teams), the children's hubs,
    /// intake and the national teams.
    public static let plan: [UnitPlan] = [
        dmu("DMU-BEL", "Belfast", "bel", 4), dmu("DMU-CDF", "Cardiff", "cdf", 6), dmu("DMU-DUR", "Durham", "dur", 5),
        dmu("DMU-GLA", "Glasgow", "gla", 8), dmu("DMU-LEE", "Leeds", "lee", 8),
        dmu("DMU-LIV1", "Liverpool", "liv1", 8, name: "Liverpool 1 decision-making unit"),
        dmu("DMU-LIV2", "Liverpool", "liv2", 6, name: "Liverpool 2 (adults) decision-making unit"),
        dmu("DMU-MAN", "Manchester", "man", 8), dmu("DMU-BTL", "Bootle", "btl", 7, name: "Mersey decision-making unit (Bootle)"),
        dmu("DMU-NCL", "Newcastle", "ncl", 6), dmu("DMU-SHE", "Sheffield", "she", 6),
        dmu("DMU-SOL1", "Solihull", "sol1", 8, name: "Solihull 1 decision-making unit"),
        dmu("DMU-SOL2", "Solihull", "sol2", 5, name: "Solihull 2 (adults) decision-making unit"),
        dmu("DMU-STK", "Stoke-on-Trent", "stk", 5),
        dmu("DMU-DAC", "Croydon", "dac", 3, name: "Detained asylum casework"),
        dmu("DMU-NSA", "London", "nsa", 3, name: "Non-suspensive appeals casework"),
        dmu("CHILD-HUB-N", "Liverpool", "chn", 4, name: "Children's asylum hub (northern regions)"),
        dmu("CHILD-HUB-S", "Croydon", "chs", 4, name: "Children's asylum hub (southern regions)"),
        UnitPlan(code: intakeUnit, name: "Asylum intake unit, Croydon", kind: "intake", location: "Croydon", slug: "intake", decisionMakerWeight: 0),
        national("NWF", "National Workflow", "nwf"), national("SAFEGUARDING-HUB", "Asylum safeguarding hub", "sgh"),
        national("TCU", "Third Country Unit", "tcu"), national("PAIR", "Performance, Assurance, Improvement and Risk (PAIR)", "pair"),
        national("MI", "Management information", "mi"), national("PLATFORM", "Platform administration", "platform"),
    ]

    /// The units, to be saved.
    public let units: [CaseworkUnit]
    /// Every member of staff, unit by unit.
    public let staff: [StaffMember]
    /// How many decision makers there are.
    public let decisionMakers: Int
    /// The staff records of the caseworkers and team leaders (`StaffingMix`): team, training, start date, sign-off,
    /// FTE. Other roles have none.
    public let profiles: [StaffID: StaffProfile]
    /// Absences around the reference date, for those who have any.
    public let absences: [StaffID: [StaffAbsence]]

    /// Builds the workforce.
    /// - Parameters:
    ///   - seed: Chooses the display names and staff records; the same seed gives the same people.
    ///   - decisionMakers: DMs across the DMUs and hubs (2,500 by September 2023); at least one per DMU.
    ///   - profile: The ratios (DMs per team, one team leader each).
    ///   - referenceDate: "Today" for the staff records: start dates and absences are placed around it.
    public init(
        seed: UInt64, decisionMakers: Int = SyntheticProfile.inspection2023.decisionMakers, profile: SyntheticProfile = .inspection2023,
        referenceDate: LocalDate = StaffingMix.defaultReferenceDate
    ) {
        let plan = Self.plan
        let dmus = plan.filter { $0.decisionMakerWeight > 0 }
        let total = max(decisionMakers, dmus.count)
        let counts = Self.apportion(total, weights: dmus.map(\.decisionMakerWeight))
        var draw = Draw(seed: seed, index: -1)
        var staff: [StaffMember] = []
        staff.reserveCapacity(total * 3 / 2 + 100)
        func add(_ role: Role, _ unit: UnitPlan, _ count: Int) {
            for number in 1...max(1, count) {
                let male = draw.chance(0.45)
                let group = SyntheticNames.british
                let name = draw.pick(male ? group.male : group.female) + " " + draw.pick(group.family)
                let username = Self.prefix(role) + "." + unit.slug + "." + number.padded(4)
                staff.append(StaffMember(username: StaffID(username), displayName: name, role: role, unit: unit.code))
            }
        }
        for (unit, dms) in zip(dmus, counts) {
            add(.operationsManager, unit, 1)
            add(.seniorCaseworker, unit, (dms + 39) / 40)
            add(.technicalSpecialist, unit, (dms + 11) / 12)
            add(.teamLeader, unit, (dms + profile.decisionMakersPerTeamLeader - 1) / profile.decisionMakersPerTeamLeader)
            add(.decisionMaker, unit, dms)
            add(.administrativeOfficer, unit, max(2, (dms + 5) / 6))
        }
        func unit(_ code: UnitID) -> UnitPlan { plan.first { $0.code == code }! }
        let intake = unit(Self.intakeUnit)
        let intakeOfficers = max(4, total / 25)
        add(.operationsManager, intake, 1)
        add(.seniorCaseworker, intake, 1)
        add(.teamLeader, intake, (intakeOfficers + 7) / 8)
        add(.administrativeOfficer, intake, intakeOfficers)
        add(.operationsManager, unit(Self.nationalWorkflow), 1)
        add(.teamLeader, unit(Self.nationalWorkflow), 1)
        add(.workflowPlanner, unit(Self.nationalWorkflow), max(3, total / 60))
        add(.safeguardingHub, unit(Self.safeguardingHub), max(3, total / 60))
        add(.thirdCountryUnit, unit(Self.thirdCountryUnit), max(3, total / 80))
        add(.assurance, unit(Self.assurance), max(2, total / 150))
        add(.miAnalyst, unit(Self.managementInformation), max(2, total / 250))
        add(.administrator, unit(Self.platform), 2)
        self.units = plan.map { CaseworkUnit(code: $0.code, name: $0.name, kind: $0.kind) }
        self.staff = staff
        self.decisionMakers = total
        let records = StaffingMix.records(for: staff, dmus: Set(dmus.map(\.code)), seed: seed, referenceDate: referenceDate)
        self.profiles = records.profiles
        self.absences = records.absences
    }

    /// The members of a unit in a role, in username order.
    public func members(of unit: UnitID, role: Role) -> [StaffMember] {
        staff.filter { $0.unit == unit && $0.role == role }
    }

    /// The decision makers to give `claims` claims: 2,500 per 116,619, as in September 2023, and at least one per unit.
    public static func decisionMakers(forClaims claims: Int, profile: SyntheticProfile = .inspection2023) -> Int {
        let wip = profile.adultLegacyClaims + profile.adultFlowClaims + profile.childLegacyClaims + profile.childFlowClaims
        let dmus = plan.filter { $0.decisionMakerWeight > 0 }.count
        return max(dmus, Int((Double(claims) * Double(profile.decisionMakers) / Double(wip)).rounded()))
    }

    // MARK: Building

    private static func dmu(_ code: UnitID, _ location: String, _ slug: String, _ weight: Double, name: String? = nil) -> UnitPlan {
        UnitPlan(code: code, name: name ?? "\(location) decision-making unit", kind: "dmu", location: location, slug: slug, decisionMakerWeight: weight)
    }

    private static func national(_ code: UnitID, _ name: String, _ slug: String) -> UnitPlan {
        UnitPlan(code: code, name: name, kind: "national", location: "National", slug: slug, decisionMakerWeight: 0)
    }

    /// The username prefix of a role.
    static func prefix(_ role: Role) -> String {
        switch role {
        case .administrativeOfficer: "ao"
        case .decisionMaker: "dm"
        case .teamLeader: "tl"
        case .technicalSpecialist: "ts"
        case .seniorCaseworker: "scw"
        case .operationsManager: "om"
        case .workflowPlanner: "wp"
        case .safeguardingHub: "sg"
        case .thirdCountryUnit: "tcu"
        case .assurance: "qa"
        case .miAnalyst: "mi"
        case .administrator: "admin"
        }
    }

    /// `total` split in proportion to `weights`, largest remainders first, each at least 1.
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        let spare = total - weights.count
        let exact = weights.map { Double(spare) * $0 / sum }
        var counts = exact.map { 1 + Int($0) }
        var left = total - counts.reduce(0, +)
        let remainders = exact.map { $0 - $0.rounded(.down) }
        let order = exact.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order where left > 0 {
            counts[index] += 1
            left -= 1
        }
        return counts
    }
}

/// How the synthetic caseworkers' staff records are drawn, so the demo and the benchmarks have real capacity figures.
///
/// The shape follows the report: DM numbers doubled from 1,277 in December 2022 to 2,500 by September 2023 (6.4–6.5),
/// so about half the DMs started in the last ten months, many still on the ramp (9.22) and on 100% checks until signed
/// off (10.12); new DMs were trained for interviews only or decisions only, the other course later (1.6; Solihull 2's
/// new DMs "had only been trained on how to make an asylum decision", 11.18). The children's hubs' DMs all have the
/// children's casework training. Most work full time; some part time; a few are away around the reference date.
public enum StaffingMix {
    /// The reference date when none is given: the WIP snapshot of 27 October 2023 (DOMAIN.md "Headline figures").
    public static let defaultReferenceDate = LocalDate(year: 2023, month: 10, day: 27)!
    /// Share of DMs recruited in the drive of 2023: started within `recentStartDays` of the reference date.
    static let recentShare = 0.5
    static let recentStartDays = 0...300
    /// Established staff started one to eight years before.
    static let establishedStartDays = 365...2_920
    /// Training of recent starters: both, interviews only, decisions only (the rest).
    static let recentBothShare = 0.55
    static let recentInterviewsOnlyShare = 0.2
    /// A recent starter trained for decisions is signed off with this chance once past `signOffWeeks` in role.
    static let recentSignedOffShare = 0.6
    static let signOffWeeks = 16
    /// Children's casework training outside the hubs: established staff, recent starters.
    static let establishedChildrensShare = 0.35
    static let recentChildrensShare = 0.1
    /// Working pattern: FTE and its share (the rest full time).
    static let partTime: [(fte: Double, share: Double)] = [(0.8, 0.06), (0.6, 0.05), (0.5, 0.04)]
    /// Absences around the reference date: kind, share of staff, days before (negative) or after it the absence may
    /// start, and its length in days.
    static let absenceDraws: [(kind: AbsenceKind, share: Double, start: ClosedRange<Int>, length: ClosedRange<Int>)] = [
        (.annualLeave, 0.06, -5...20, 1...10), (.sickness, 0.03, -10...0, 1...5), (.otherDuties, 0.01, -3...10, 5...15),
    ]

    /// The records of `staff`: DMs of each DMU split into teams ("Team 1", …) in username order, one per team leader;
    /// technical specialists and senior caseworkers with a unit-wide record and no team. Drawn from their own stream,
    /// so adding records did not change anyone's name.
    static func records(for staff: [StaffMember], dmus: Set<UnitID>, seed: UInt64, referenceDate: LocalDate) -> (profiles: [StaffID: StaffProfile], absences: [StaffID: [StaffAbsence]]) {
        var draw = Draw(seed: seed ^ 0x57AF_F5EC_0BD5, index: -3)
        var profiles: [StaffID: StaffProfile] = [:]
        var absences: [StaffID: [StaffAbsence]] = [:]
        let hubs: Set<UnitID> = [SyntheticWorkforce.northernChildrensHub, SyntheticWorkforce.southernChildrensHub]
        for unit in dmus.sorted() {
            let members = staff.filter { $0.unit == unit }
            let leaders = members.filter { $0.role == .teamLeader }
            let deciders = members.filter { $0.role == .decisionMaker }
            let teams = max(1, leaders.count)
            for (index, leader) in leaders.enumerated() {
                let childrens = hubs.contains(unit) || draw.chance(establishedChildrensShare)
                profiles[leader.username] = established(team: "Team \(index + 1)", childrens: childrens, referenceDate, &draw)
            }
            for (index, member) in deciders.enumerated() {
                let team = "Team \(index * teams / max(1, deciders.count) + 1)"
                profiles[member.username] = decisionMaker(team: team, hub: hubs.contains(unit), referenceDate, &draw)
                if let absence = absence(referenceDate, &draw) { absences[member.username] = [absence] }
            }
            for member in members where member.role == .technicalSpecialist || member.role == .seniorCaseworker {
                let childrens = hubs.contains(unit) || draw.chance(0.5)
                profiles[member.username] = established(team: nil, childrens: childrens, referenceDate, &draw)
            }
        }
        return (profiles, absences)
    }

    private static func established(team: String?, childrens: Bool, _ referenceDate: LocalDate, _ draw: inout Draw) -> StaffProfile {
        StaffProfile(
            team: team, trainedFor: .both, childrensCasework: childrens, startDate: referenceDate.adding(days: -draw.int(establishedStartDays)),
            signedOff: true, fte: fte(&draw)
        )
    }

    private static func decisionMaker(team: String, hub: Bool, _ referenceDate: LocalDate, _ draw: inout Draw) -> StaffProfile {
        guard draw.chance(recentShare) else {
            let childrens = hub || draw.chance(establishedChildrensShare)
            return established(team: team, childrens: childrens, referenceDate, &draw)
        }
        let start = referenceDate.adding(days: -draw.int(recentStartDays))
        let roll = draw.unit()
        let training: CaseworkTraining = roll < recentBothShare ? .both : roll < recentBothShare + recentInterviewsOnlyShare ? .interviews : .decisions
        let weeks = start.days(until: referenceDate) / 7
        let signedOff = training.covers(.decision) && weeks >= signOffWeeks && draw.chance(recentSignedOffShare)
        let childrens = hub || draw.chance(recentChildrensShare)
        return StaffProfile(team: team, trainedFor: training, childrensCasework: childrens, startDate: start, signedOff: signedOff, fte: fte(&draw))
    }

    private static func fte(_ draw: inout Draw) -> Double {
        var roll = draw.unit()
        for option in partTime {
            if roll < option.share { return option.fte }
            roll -= option.share
        }
        return 1
    }

    private static func absence(_ referenceDate: LocalDate, _ draw: inout Draw) -> StaffAbsence? {
        var roll = draw.unit()
        for option in absenceDraws {
            if roll < option.share {
                let first = referenceDate.adding(days: draw.int(option.start))
                return StaffAbsence(period: AbsencePeriod(from: first, through: first.adding(days: draw.int(option.length) - 1)), kind: option.kind)
            }
            roll -= option.share
        }
        return nil
    }
}
