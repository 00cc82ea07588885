import CaseworkDomain
import CaseworkStore

/// A small team with known staff records, claims, events at known instants, barriers with known ratings and
/// absences, for checking the team page's figures against a hand computation (TeamViewTests, StaffPageTests).
///
/// Today is Friday 27 October 2023, 15:00. The week began on Monday 23 October; the four-week period (anchored on
/// Monday 3 April 2023) began on Monday 16 October (3 April + 7 × 28 days) and ends on Sunday 12 November.
///
/// Team 1 of DMU-GLA is led by tl.gla; its decision makers are Ada, Ben, Cat and Dan. scw.gla also has "Team 1" on
/// their record but is not a decision maker, so is not a member; eve.gla is in Team 2.
public enum TeamFixture {
    public static let today = LocalDate(year: 2023, month: 10, day: 27)!
    public static let now = Instant(startOf: today).adding(milliseconds: 15 * 3_600_000)
    public static let unit: UnitID = "DMU-GLA"
    public static let team = "Team 1"
    public static let password = "correct horse battery"

    public static let leader = Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA")
    public static let seniorCaseworker = Actor(staff: "scw.gla", role: .seniorCaseworker, unit: "DMU-GLA")
    public static let operationsManager = Actor(staff: "om.nwf", role: .operationsManager, unit: "NWF")
    public static let officer = Actor(staff: "ao.gla", role: .administrativeOfficer, unit: "DMU-GLA")
    public static let ada = Actor(staff: "dm.ada", role: .decisionMaker, unit: "DMU-GLA")
    public static let ben = Actor(staff: "dm.ben", role: .decisionMaker, unit: "DMU-GLA")
    public static let cat = Actor(staff: "dm.cat", role: .decisionMaker, unit: "DMU-GLA")
    public static let dan = Actor(staff: "dm.dan", role: .decisionMaker, unit: "DMU-GLA")
    public static let eve = Actor(staff: "dm.eve", role: .decisionMaker, unit: "DMU-GLA")
    public static let otherUnitLeader = Actor(staff: "tl.lee", role: .teamLeader, unit: "DMU-LEE")

    /// An instant in 2023 at a time of day (UTC).
    public static func at(month: Int = 10, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Instant {
        Instant(startOf: LocalDate(year: 2023, month: month, day: day)!).adding(milliseconds: Int64(hour) * 3_600_000 + Int64(minute) * 60_000)
    }

    /// A migrated store holding the team, its claims and barriers, with the clock at `now`. `passwordHash` is every
    /// member's (sign-in in page tests).
    public static func make(_ database: any SQLDatabase, passwordHash: String) async throws -> CaseworkStore {
        let store = CaseworkStore(database: database, clock: FixedClock(now))
        try await store.migrate()
        for (code, kind) in [("DMU-GLA", "dmu"), ("DMU-LEE", "dmu"), ("NWF", "national")] {
            try await store.saveUnit(CaseworkUnit(code: UnitID(code), name: code, kind: kind))
        }
        let people: [(Actor, String)] = [
            (leader, "Tamsin Leader"), (seniorCaseworker, "Sam Senior"), (operationsManager, "Olu Manager"), (officer, "Alex Officer"),
            (ada, "Ada Lovelace"), (ben, "Ben Okri"), (cat, "Cat Stevens"), (dan, "Dan Brown"), (eve, "Eve Other"), (otherUnitLeader, "Lee Leader"),
        ]
        for (actor, name) in people {
            try await store.addStaff(StaffMember(username: actor.staff, displayName: name, role: actor.role, unit: actor.unit), passwordHash: passwordHash)
        }
        // Staff records, kept by the senior caseworker through the same path as the pages.
        let profiles: [(Actor, StaffProfileInput)] = [
            (leader, StaffProfileInput(team: team, trainedFor: "both", startDate: "2015-01-05", signedOff: true, fte: "1")),
            (seniorCaseworker, StaffProfileInput(team: team, trainedFor: "both", startDate: "2012-03-05", signedOff: true, fte: "1")),
            // Fully effective: 1.
            (ada, StaffProfileInput(team: team, trainedFor: "both", childrensCasework: true, startDate: "2022-01-10", signedOff: true, fte: "1")),
            // 28 days in role on 27 October: 4 weeks, 20% effective: 0.2. Interviews only, so on 100% checks.
            (ben, StaffProfileInput(team: team, trainedFor: "interviews", startDate: "2023-09-29", signedOff: false, fte: "1")),
            // 119 days (17 weeks): 0.2 + (17 − 4) / 26 × 0.8 = 0.6 effective, at 0.5 FTE: 0.3.
            (cat, StaffProfileInput(team: team, trainedFor: "both", startDate: "2023-06-30", signedOff: true, fte: "0.5")),
            // Fully effective, but on leave today: 0.
            (dan, StaffProfileInput(team: team, trainedFor: "both", startDate: "2021-05-04", signedOff: true, fte: "1")),
            (eve, StaffProfileInput(team: "Team 2", trainedFor: "both", startDate: "2020-02-03", signedOff: true, fte: "1")),
        ]
        for (actor, input) in profiles {
            try await store.updateStaffProfile(actor.staff, to: input, by: seniorCaseworker, reason: "Team set up")
        }
        try await store.addStaffAbsence(dan.staff, StaffAbsenceInput(firstDay: "2023-10-26", lastDay: "2023-10-30", kind: "annual-leave"), by: leader, reason: nil)
        try await store.addStaffAbsence(ada.staff, StaffAbsenceInput(firstDay: "2023-10-02", lastDay: "2023-10-03", kind: "sickness"), by: leader, reason: nil)
        try await store.addStaffAbsence(cat.staff, StaffAbsenceInput(firstDay: "2023-11-06", lastDay: "2023-11-10", kind: "annual-leave"), by: leader, reason: nil)

        let wip: ClaimEvent = .stageChanged(from: .workInProgress, to: .interview)
        let toDecision: ClaimEvent = .stageChanged(from: .interview, to: .decision)
        let histories: [[(ClaimEvent, Actor, Instant)]] = [
            // CW-0000001, Ada holds since 2 October: an interview completed on Tuesday 24 October (this week).
            [(.allocated(to: ada.staff, from: nil), ada, at(2, 10)), (wip, ada, at(10, 10)), (toDecision, ada, at(24, 11))],
            // CW-0000002, Ada: a grant recorded on Wednesday 25 October (a decision this week); no longer held.
            [(.allocated(to: ada.staff, from: nil), ada, at(20, 9)), (.stageChanged(from: .workInProgress, to: .decision), ada, at(20, 9, 30)),
             (.outcomeRecorded(.grantAsylum, from: .decision), ada, at(25, 14))],
            // CW-0000003, Ada holds since 1 September: interview completed a millisecond before the period began.
            [(.allocated(to: ada.staff, from: nil), ada, at(month: 9, 1, 9)), (wip, ada, at(month: 9, 15, 10)),
             (toDecision, ada, at(16, 0).adding(milliseconds: -1))],
            // CW-0000004, Ben holds since Monday 23 October.
            [(.allocated(to: ben.staff, from: nil), ben, at(23, 9, 30))],
            // CW-0000005, Cat: interview completed on Monday 16 October (period, not week); refusal at the very start of
            // Monday 23 October (week and period); no longer held.
            [(.allocated(to: cat.staff, from: nil), cat, at(16, 8)), (wip, cat, at(16, 8, 10)), (toDecision, cat, at(16, 8, 30)),
             (.outcomeRecorded(.refusal, from: .decision), cat, at(23, 0))],
            // CW-0000006, Dan: interview completed on 17 October (period), then handed back.
            [(.allocated(to: dan.staff, from: nil), dan, at(9, 9)), (wip, dan, at(9, 9, 5)), (toDecision, dan, at(17, 10)),
             (.released(from: dan.staff), dan, at(18, 9))],
            // CW-0000007, Ben holds since 23 October: back from interview to the WIP, which is not a completed interview.
            [(.allocated(to: ben.staff, from: nil), ben, at(23, 10)), (wip, ben, at(23, 10, 5)), (.stageChanged(from: .interview, to: .workInProgress), ben, at(24, 9))],
            // CW-0000008, Ada: withdrawn by the claimant on 25 October, a closure, not a decision.
            [(.allocated(to: ada.staff, from: nil), ada, at(25, 10)), (.outcomeRecorded(.withdrawnExplicitly, from: .workInProgress), ada, at(25, 11))],
            // CW-0000009, Eve (Team 2) holds it: an interview this week that is not the team's.
            [(.allocated(to: eve.staff, from: nil), eve, at(23, 9)), (wip, eve, at(23, 9, 5)), (toDecision, eve, at(24, 10))],
            // CW-0000010, Cat holds since Thursday 26 October.
            [(.allocated(to: cat.staff, from: nil), cat, at(26, 16))],
        ]
        _ = try await store.importHistories(try histories.enumerated().map { index, later in try history(index, later) })

        // Barriers, raised today by the senior caseworker (who agrees them themself, 8.95).
        let review = today.adding(days: 30).iso
        let barriers: [(Int, String, String?)] = [
            (3, "national-referral-mechanism", nil),  // red
            (3, "further-representations", nil),  // amber
            (3, "awaiting-biometrics", nil),  // amber, cleared below
            (1, "potential-withdrawal", "green"),
            (4, "absconder", nil),  // purple
            (10, "criminal-casework", nil),  // amber
            (6, "impending-prosecution", nil),  // red, on a claim nobody holds
            (9, "impending-prosecution", nil),  // red, on Eve's claim
        ]
        for (number, type, rating) in barriers {
            let reference = ClaimReference.numbered(number)
            let version = try await store.claim(reference, for: seniorCaseworker).version
            _ = try await store.changeBarrier(.raise(RaiseBarrierInput(type: type, rating: rating, reviewDate: review)), on: reference, expectedVersion: version, by: seniorCaseworker)
        }
        let third = ClaimReference.numbered(3)
        _ = try await store.changeBarrier(
            .clear(id: 3, reason: "Biometrics enrolled"), on: third, expectedVersion: try await store.claim(third, for: seniorCaseworker).version, by: seniorCaseworker
        )
        return store
    }

    /// A claim registered on 5 January 2023, screened and in the WIP, then `later`.
    static func history(_ index: Int, _ later: [(ClaimEvent, Actor, Instant)]) throws -> ClaimHistory {
        var input = RegistrationInput()
        let names = ["Amina", "Bilal", "Chiara", "Dawit", "Esra", "Farid", "Gul", "Hiwet", "Idris", "Jamal"]
        input.mainApplicant = PersonInput(givenNames: names[index % names.count], familyName: "Tesfay", dateOfBirth: "199\(index % 10)-04-12", sex: "male", nationality: "ERI")
        input.dateOfClaim = "2023-01-05"
        input.languages = [LanguageInput(language: "tigrinya")]
        let facts = try input.validated(today: today).facts
        let registered = Instant(startOf: facts.dateOfClaim).adding(milliseconds: 9 * 3_600_000)
        return ClaimHistory(
            facts: facts, owningUnit: unit, registeredBy: officer, registeredAt: registered,
            later: [
                (.stageChanged(from: .registration, to: .screening), officer, registered.adding(milliseconds: 60_000), nil),
                (.stageChanged(from: .screening, to: .workInProgress), officer, registered.adding(milliseconds: 120_000), nil),
            ] + later.map { ($0.0, $0.1, $0.2, nil) }
        )
    }
}
