import CaseworkDomain
import Testing

private func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

private func claim(
    nationality: String = "ERI", status: NationalityStatus = .claimed, confirmed: String? = nil, claimed: String = "2021-04-12",
    sex: Sex = .female, born: String = "1990-02-01", child: Bool = false, type: ClaimType = .straightforward
) -> Claim {
    let person = Person(
        givenNames: "Test", familyName: "Claimant", dateOfBirth: date(born), sex: sex,
        nationality: Nationality(claimed: nationality, status: status, confirmed: confirmed)
    )
    let facts = ClaimFacts(
        mainApplicant: person, dateOfClaim: date(claimed), unaccompaniedChild: child, languages: [SpokenLanguage(language: "tigrinya")],
        claimType: type
    )
    return ClaimRules.start(reference: .numbered(7), facts: facts, owningUnit: "DMU-GLA", actor: .system, at: Instant(startOf: date("2023-10-27")))
}

private let rates = GrantRates(["AFG": 0.98, "ERI": 0.99, "LBY": 0.96, "SYR": 0.99, "YEM": 0.97, "ALB": 0.18, "IRN": 0.6, "PAK": 0.7])

@Suite("Cohorts and operations")
struct CohortTests {
    @Test("Each legacy adult claim is in exactly one of AMESA, BRIDORA and MAKHU; UASC and flow in none")
    func reportOperations() {
        let operations = [Operation.amesa, .bridora, .makhu]
        let expected = ["AFG": "AMESA", "ERI": "AMESA", "LBY": "AMESA", "SYR": "AMESA", "YEM": "AMESA", "ALB": "BRIDORA", "IRN": "MAKHU", "PAK": "MAKHU"]
        for (nationality, code) in expected {
            let members = operations.filter { $0.matches(claim(nationality: nationality), grantRates: rates) }.map(\.code)
            #expect(members == [code], "\(nationality)")
            #expect(Operation.legacyBacklog.matches(claim(nationality: nationality), grantRates: rates))
        }
        for operation in operations {
            #expect(!operation.matches(claim(nationality: "ALB", child: true), grantRates: rates))
            #expect(!operation.matches(claim(nationality: "IRN", claimed: "2022-06-28"), grantRates: rates))
        }
        #expect(Operation.legacyBacklog.matches(claim(child: true), grantRates: rates))
        #expect(Operation.amesa.startingFigure == 14_563)
        #expect(Operation.reportExamples.map(\.code) == ["LEGACY", "AMESA", "BRIDORA", "MAKHU"])
    }

    @Test("The effective nationality decides: a confirmed nationality replaces the claimed one")
    func effectiveNationality() {
        let confirmedAlbanian = claim(nationality: "ERI", status: .confirmed, confirmed: "ALB")
        #expect(!Operation.amesa.matches(confirmedAlbanian, grantRates: rates))
        #expect(Operation.bridora.matches(confirmedAlbanian, grantRates: rates))
    }

    @Test("Each criterion, failing, is named with a reason")
    func eachCriterion() {
        let amesa = Operation.amesa
        func only(_ operation: Operation, _ claim: Claim, _ grantRates: GrantRates = rates) -> CohortMismatch? {
            let found = operation.mismatches(claim, grantRates: grantRates)
            return found.count == 1 ? found[0] : nil
        }
        #expect(only(amesa, claim(nationality: "IRN"), GrantRates(["IRN": 0.97])) == CohortMismatch(criterion: .nationality, message: "Nationality IRN is not one of AFG, ERI, LBY, SYR, YEM"))
        #expect(only(.makhu, claim(nationality: "SYR")) == CohortMismatch(criterion: .nationality, message: "Nationality SYR is excluded"))
        #expect(only(amesa, claim(child: true)) == CohortMismatch(criterion: .unaccompaniedChild, message: "Unaccompanied children are excluded"))
        #expect(only(amesa, claim(claimed: "2022-07-01")) == CohortMismatch(criterion: .regime, message: "Flow claims are not included (only Legacy)"))
        #expect(only(amesa, claim(nationality: "LBY"), GrantRates(["LBY": 0.95])) == CohortMismatch(criterion: .grantRate, message: "Grant rate for LBY is 95%, not over 95%"))
        #expect(only(amesa, claim(nationality: "LBY"), GrantRates([:])) == CohortMismatch(criterion: .grantRate, message: "No grant rate is known for LBY"))

        // Concise-interview style: female Pakistani claims with a grant rate of 50–80% (8.46–8.47), claimed in 2021.
        let concise = Operation(
            code: "CIP-PAK", name: "Concise interviews: Pakistan (female)",
            criteria: CohortCriteria(
                nationalities: ["PAK"], claimedFrom: date("2021-01-01"), claimedTo: date("2021-12-31"), sexes: [.female],
                claimTypes: [.straightforward], grantRate: .between(0.5, 0.8)
            ),
            startDate: date("2023-07-01"), startingFigure: 4_500, source: "8.46–8.47"
        )
        #expect(concise.matches(claim(nationality: "PAK"), grantRates: rates))
        #expect(only(concise, claim(nationality: "PAK", sex: .male)) == CohortMismatch(criterion: .sex, message: "Sex male is not one of female"))
        #expect(only(concise, claim(nationality: "PAK", claimed: "2020-12-31"))
            == CohortMismatch(criterion: .claimDate, message: "Claimed on 31 December 2020, before 1 January 2021"))
        #expect(only(concise, claim(nationality: "PAK", claimed: "2022-01-01"))
            == CohortMismatch(criterion: .claimDate, message: "Claimed on 1 January 2022, after 31 December 2021"))
        #expect(only(concise, claim(nationality: "PAK", type: .nonStraightforward))
            == CohortMismatch(criterion: .claimType, message: "Non-straightforward claims are not included (only Straightforward)"))
        #expect(only(concise, claim(nationality: "PAK"), GrantRates(["PAK": 0.81]))
            == CohortMismatch(criterion: .grantRate, message: "Grant rate for PAK is 81%, not 50%–80%"))
        #expect(concise.matches(claim(nationality: "PAK"), grantRates: GrantRates(["PAK": 0.5])))
        #expect(concise.matches(claim(nationality: "PAK"), grantRates: GrantRates(["PAK": 0.8])))

        // Several failures are all reported, in criterion order.
        let many = concise.mismatches(claim(nationality: "ALB", sex: .male, child: true, type: .nonStraightforward), grantRates: rates)
        #expect(many.map(\.criterion) == [.nationality, .sex, .claimType, .grantRate])
    }

    @Test("A claim that dropped out is not a member, even though it matches (7.16–7.17)")
    func dropOuts() {
        let eritrean = claim()
        #expect(Operation.amesa.membership(of: eritrean, grantRates: rates) == .member)
        for reason in DropOutReason.allCases {
            let membership = Operation.amesa.membership(of: eritrean, grantRates: rates, dropOut: reason)
            #expect(membership == .droppedOut(reason))
            #expect(!membership.isMember)
            #expect(Operation.amesa.matches(eritrean, grantRates: rates))
        }
        let albanian = claim(nationality: "ALB")
        #expect(Operation.amesa.membership(of: albanian, grantRates: rates, dropOut: .minor) == .notMatching(Operation.amesa.mismatches(albanian, grantRates: rates)))
        #expect(DropOutReason.allCases.map(\.title) == ["Nationality dispute", "Outright refusal", "Established Convention reason", "Minor's case"])
    }

    @Test("The '39 steps': 40 milestones of 2.5%, 5% every two (3.40)")
    func burnDown() {
        // 98,307 / 40 = 2,457.675 a milestone. Milestone k's figure is ⌊98,307 × (40 − k) / 40⌋.
        let start = Operation.burnDown(startingFigure: 98_307, remaining: 98_307)
        #expect(start.milestoneCount == 40)
        #expect(start.milestonesReached == 0)
        #expect(start.nextMilestone == 1)
        #expect(start.nextMilestoneFigure == 95_849)  // 95,849.325
        #expect(start.figure(atMilestone: 2) == 93_391)  // 93,391.65: 5% cleared
        #expect(start.figure(atMilestone: 20) == 49_153)  // 49,153.5: half
        #expect(start.figure(atMilestone: 40) == 0)
        #expect(start.milestoneFigures.count == 40)

        // 13 November 2023: 26,862 left (fig 6). 26,862 ≤ 27,034 (milestone 29) but > 24,576 (milestone 30).
        let november = Operation.legacyBacklog.burnDown(remaining: 26_862)
        #expect(november.milestonesReached == 29)
        #expect(november.figure(atMilestone: 29) == 27_034)
        #expect(november.nextMilestone == 30)
        #expect(november.nextMilestoneFigure == 24_576)
        #expect(november.toNextMilestone == 2_286)
        #expect(november.cleared == 71_445)

        #expect(Operation.burnDown(startingFigure: 98_307, remaining: 95_849).milestonesReached == 1)
        #expect(Operation.burnDown(startingFigure: 98_307, remaining: 95_850).milestonesReached == 0)
        let done = Operation.burnDown(startingFigure: 98_307, remaining: 0)
        #expect(done.milestonesReached == 40)
        #expect(done.nextMilestone == nil)
        #expect(done.toNextMilestone == nil)
        #expect(done.fractionCleared == 1)
        let grown = Operation.burnDown(startingFigure: 1_000, remaining: 1_200)
        #expect(grown.milestonesReached == 0)
        #expect(grown.cleared == 0)

        // AMESA: 1,135 of 14,563 left. Milestone 36 is 1,456 (1,456.3), milestone 37 is 1,092 (1,092.225).
        let amesa = Operation.amesa.burnDown(remaining: 1_135)
        #expect(amesa.milestonesReached == 36)
        #expect(amesa.nextMilestoneFigure == 1_092)
        #expect(amesa.toNextMilestone == 43)

        // A small figure: 100 → 97, 95, 92, 90, 87, …
        let small = Operation.burnDown(startingFigure: 100, remaining: 90)
        #expect(Array(small.milestoneFigures.prefix(5)) == [97, 95, 92, 90, 87])
        #expect(small.milestonesReached == 4)
        #expect(abs(small.fractionCleared - 0.1) < 1e-12)
    }

    @Test("One owner from triage to service: low-intake cohorts and claimants over 70 (8.91)")
    func singleOwner() {
        let rule = SingleOwnerRule.current
        let on = date("2023-10-27")
        let adult = claim(born: "1990-02-01")
        #expect(rule.reasons(for: adult, cohortMemberCount: 199, on: on) == [.lowIntakeCohort(members: 199, threshold: 200)])
        #expect(!rule.applies(to: adult, cohortMemberCount: 200, on: on))
        #expect(!rule.applies(to: adult, cohortMemberCount: nil, on: on))
        let seventieth = claim(born: "1953-10-27")
        #expect(rule.reasons(for: seventieth, cohortMemberCount: 5_000, on: on) == [.olderClaimant(age: 70, threshold: 70)])
        #expect(!rule.applies(to: claim(born: "1953-10-28"), cohortMemberCount: nil, on: on))
        #expect(rule.reasons(for: claim(born: "1940-01-01"), cohortMemberCount: 12, on: on).count == 2)
        #expect(SingleOwnerReason.lowIntakeCohort(members: 199, threshold: 200).description == "Low-intake cohort: 199 claims, fewer than 200")

        let small = Operation(code: "LICT", name: "Low intake", criteria: CohortCriteria(nationalities: ["BTN"]), startDate: on, startingFigure: 40, lowIntakeThreshold: 50)
        #expect(small.isLowIntake(memberCount: 49))
        #expect(!small.isLowIntake(memberCount: 50))
        #expect(small.singleOwnerRule.applies(to: adult, cohortMemberCount: 49, on: on))
        #expect(!small.singleOwnerRule.applies(to: adult, cohortMemberCount: 60, on: on))
        #expect(Operation.makhu.lowIntakeThreshold == 200)
    }

    @Test("Grant rates come from past grants and refusals; bands read as the report says")
    func grantRates() {
        let outcomes: [(nationality: String, outcome: Outcome)] = [
            ("ERI", .grantAsylum), ("ERI", .grantHumanitarianProtection), ("ERI", .grantOtherLeave), ("ERI", .refusal),
            ("ERI", .withdrawnImplicitly), ("ERI", .void), ("ALB", .withdrawnExplicitly), ("IRN", .refusal),
        ]
        let computed = GrantRates(outcomes: outcomes)
        #expect(computed.rate(for: "ERI") == 0.75)
        #expect(computed.rate(for: "IRN") == 0)
        #expect(computed.rate(for: "ALB") == nil)
        #expect(GrantRateBand.over(0.95).description == "over 95%")
        #expect(GrantRateBand.between(0.5, 0.8).description == "50%–80%")
        #expect(!GrantRateBand.over(0.95).contains(0.95))
        #expect(GrantRateBand.over(0.95).contains(0.951))
    }
}
