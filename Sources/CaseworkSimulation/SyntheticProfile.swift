import CaseworkDomain

/// The proportions synthetic data follows, each with the figure it comes from. The profile is data: a different
/// scenario is a different value, and the generator reads every rate from here.
///
/// Figures marked "DOMAIN.md" are the inspection's (`../shared/DOMAIN.md`, paragraph numbers of the 2023 report);
/// figures marked "chosen" are plausible values where the reports give none.
public struct SyntheticProfile: Sendable, Hashable {
    /// A number of claims made in a span of years.
    public struct YearCount: Sendable, Hashable {
        public var firstYear: Int
        public var lastYear: Int
        public var claims: Int

        /// Creates a count.
        public init(_ firstYear: Int, _ lastYear: Int, _ claims: Int) {
            self.firstYear = firstYear
            self.lastYear = lastYear
            self.claims = claims
        }
    }

    /// A band of ages at the date of claim, with its weight.
    public struct AgeBand: Sendable, Hashable {
        public var ages: ClosedRange<Int>
        public var weight: Double

        /// Creates a band.
        public init(_ ages: ClosedRange<Int>, _ weight: Double) {
            self.ages = ages
            self.weight = weight
        }
    }

    /// How often a nationality appears among legacy adults, flow adults and children, and its grant rate.
    public struct NationalityShare: Sendable, Hashable {
        /// ISO 3166-1 alpha-3 code, from `Countries`.
        public var code: String
        public var legacyWeight: Double
        public var flowWeight: Double
        public var childWeight: Double
        /// Share of substantive decisions that are grants.
        public var grantRate: Double

        /// Creates a share.
        public init(_ code: String, legacy: Double, flow: Double, child: Double, grantRate: Double) {
            self.code = code
            self.legacyWeight = legacy
            self.flowWeight = flow
            self.childWeight = child
            self.grantRate = grantRate
        }
    }

    // MARK: The work in progress (DOMAIN.md "Headline figures": 116,619 on 27 October 2023)

    /// The date the headline figures describe.
    public var figuresDate = LocalDate(year: 2023, month: 10, day: 27)!
    /// Legacy adults in the WIP (27,265).
    public var adultLegacyClaims = 27_265
    /// Flow adults in the WIP (80,524).
    public var adultFlowClaims = 80_524
    /// Legacy UASC in the WIP (1,388).
    public var childLegacyClaims = 1_388
    /// Flow UASC in the WIP (7,442).
    public var childFlowClaims = 7_442
    /// Share of all claims made on or after the IMA cut-off (8.117: held apart, so not in the figures above). Chosen, small.
    public var illegalMigrationActShare = 0.04
    /// Legacy adult claims by year of claim (fig 19); 2022 runs to 27 June.
    public var legacyClaimsByYear: [YearCount] = [
        YearCount(2007, 2014, 35), YearCount(2015, 2015, 24), YearCount(2016, 2016, 59), YearCount(2017, 2017, 237),
        YearCount(2018, 2018, 753), YearCount(2019, 2019, 2_620), YearCount(2020, 2020, 3_879), YearCount(2021, 2021, 11_158),
        YearCount(2022, 2022, 8_500),
    ]
    /// How much busier the last day of the flow window is than its first (the WIP rose to its peak of 139,552 on
    /// 28 February 2023). Chosen.
    public var flowIntakeGrowth = 2.0

    // MARK: Claimants

    /// Adult main applicants who are male (brief: about 75%).
    public var adultMaleShare = 0.75
    /// UASC who are male. Chosen (most UASC are boys).
    public var childMaleShare = 0.93
    /// Adults' age at the date of claim: mostly 18–45. Chosen.
    public var adultAges: [AgeBand] = [AgeBand(18...24, 0.30), AgeBand(25...34, 0.38), AgeBand(35...45, 0.22), AgeBand(46...59, 0.08), AgeBand(60...78, 0.02)]
    /// UASC's age at the date of claim (1.19: a child is under 18).
    public var childAges = 14...17
    /// UASC whose age is disputed (an age assessment is needed). Chosen.
    public var childAgeDisputedShare = 0.15
    /// Adults claiming with dependants (a spouse and/or children). Chosen: about 15%.
    public var withDependantsShare = 0.15
    /// Of those: a spouse only, a spouse and children; the rest children only. Chosen.
    public var spouseOnlyShare = 0.30
    public var spouseAndChildrenShare = 0.45
    /// Claimants whose nationality is disputed, or confirmed. Chosen.
    public var nationalityDisputedShare = 0.05
    public var nationalityConfirmedShare = 0.10
    /// Claimants who speak a second language an interpreter could use. Chosen.
    public var secondLanguageShare = 0.25

    // MARK: Circumstances (DOMAIN.md "Headline figures", fig 20)

    /// Legacy adults in receipt of asylum support (46.94%).
    public var legacySupportedShare = 0.4694
    /// Flow adults in receipt of asylum support (22.72%).
    public var flowSupportedShare = 0.2272
    /// Legacy adults with a legal representative (67.23%).
    public var legacyRepresentedShare = 0.6723
    /// Flow adults with a legal representative (28.34%).
    public var flowRepresentedShare = 0.2834
    /// UASC with a legal representative. Chosen (children are looked after and get legal aid).
    public var childRepresentedShare = 0.85
    /// Adults in detention (tasking priority 1, fig 21). Chosen: 1–2%.
    public var detainedShare = 0.015
    /// National Referral Mechanism (trafficking) referrals. Chosen: about 3%.
    public var nationalReferralMechanismShare = 0.03
    /// Claims with at least one vulnerability marker. Chosen: 10–15%.
    public var vulnerableShare = 0.12
    /// Criminality recorded at screening. Chosen.
    public var criminalityShare = 0.02
    /// Claims with an address on record, and of those the share verified (7.12: a questionnaire needs a checked address).
    public var addressShare = 0.97
    public var addressVerifiedShare = 0.80
    /// Flow adults housed in contingency hotels. Chosen.
    public var hotelShare = 0.35
    /// Claimants who declared voluntary protected characteristics (2023 rec 5a). Chosen: about 30%.
    public var protectedCharacteristicsShare = 0.30
    /// Non-straightforward claims (2017 rec 5). Chosen: about 10%.
    public var nonStraightforwardShare = 0.10
    /// Claims with a port reference (the rest claimed in-country). Chosen: about 60%.
    public var portReferenceShare = 0.60
    /// Claimants from designated states (ALB, GEO, IND) owned by the non-suspensive appeals unit. Chosen.
    public var nonSuspensiveAppealsShare = 0.20

    // MARK: The journey so far

    /// Legacy adults who have had a substantive interview (1 − 52.75% not interviewed).
    public var legacyAdultInterviewedShare = 1 - 0.5275
    /// Legacy UASC interviewed. Chosen.
    public var legacyChildInterviewedShare = 0.50
    /// Flow adults and UASC interviewed. Chosen (flow claims are younger).
    public var flowAdultInterviewedShare = 0.25
    public var flowChildInterviewedShare = 0.30
    /// IMA claims interviewed: none, they are held apart (8.117).
    public var imaInterviewedShare = 0.0
    /// Flow and IMA adults referred to the TCU: 28,560 in a year (8.131–8.147) against roughly 80,000 claims.
    public var inadmissibilityReferralShare = 0.35
    /// Referred claims readmitted to the asylum process (72%, after 154 days on average).
    public var inadmissibilityReadmittedShare = 0.72
    public var inadmissibilityDaysToReadmission = 60...250
    /// Referred claims found inadmissible: a handful ("2 removals since June 2022").
    public var inadmissibleShare = 0.005
    /// Interviewed claims that have moved on to decision. Chosen.
    public var interviewedToDecisionShare = 0.50
    /// Interviewed claims sent back to the WIP for further enquiries. Chosen.
    public var interviewReturnedShare = 0.05
    /// Claims not interviewed but decided on the papers (streamlined processing, 3.37: grants only). Chosen.
    public var papersDecisionShare = 0.10
    /// Claims at decision whose decision has been drafted, completed and served through its gates (the Operating
    /// Mandate checks, any quality check sampling asks for). Chosen: a small share overall.
    public var servedShare = 0.30
    /// Of the other claims at decision, those with a draft saved and not yet completed. Chosen.
    public var draftInProgressShare = 0.25
    /// Served decisions withdrawn to correct an error (fig 23). Chosen.
    public var outcomeWithdrawnShare = 0.02
    /// Claims closed without a decision (withdrawn, void, other; fig 22). Chosen.
    public var closedShare = 0.03
    /// Days a legacy or flow claim waits in the WIP before its interview (legacy adults: 648 days average wait;
    /// flow adults: 162).
    public var legacyDaysToInterview = 30...900
    public var flowDaysToInterview = 20...300

    // MARK: Decisions and quality assurance (8.111–8.113, 10.1–10.47)

    /// Which quality checks happen is not drawn: `SamplingRules` decides at each completion, from the decision maker's
    /// sign-off in the workforce's staff records and when their work was last selected. What is drawn is below.

    /// The Convention reason a claim is based on, by weight. Religion and sexual orientation or gender identity are
    /// checked whenever they are the basis (10.11), so their weights move the sample. Chosen.
    public var conventionReasons: [ConventionReason: Double] = [
        .politicalOpinion: 0.42, .particularSocialGroup: 0.20, .race: 0.12, .religion: 0.10, .nationality: 0.12, .sexualOrientationOrGenderIdentity: 0.04,
    ]
    /// Decisions with a medico-legal report on file (a refusal with one is always checked, 10.11). Chosen.
    public var medicoLegalReportShare = 0.04
    /// Operating Mandate checks that found something, resolved and noted (8.119 note 131); the rest are clear. Chosen.
    public var operatingMandateIssueShare = 0.03
    /// Checked decisions scored DQ1 or DQ2 for casework, for process, calculated (the worse of the two) and for the
    /// Operating Mandate (10.31–10.32: about 60%, 56% and 40% against the 75% target; the Operating Mandate above it).
    public var caseworkHighShare = 0.60
    public var processHighShare = 0.56
    public var calculatedHighShare = 0.40
    public var operatingMandateHighShare = 0.80
    /// Of scores worse than DQ2, the share at DQ4 or DQ5, unsustainable (10.7); and of those, DQ5. Chosen.
    public var unsustainableShareOfLow = 0.20
    public var worstShareOfUnsustainable = 0.25
    /// Of DQ1 and DQ2 scores, the share at DQ1. Chosen.
    public var bestShareOfHigh = 0.35
    /// Checks finding the outcome itself wrong (10.4): the decision goes back to its author. Chosen.
    public var outcomeIncorrectShare = 0.03
    /// Checks done as a verbal second pair of eyes, recorded with who agreed what (10.14). Chosen.
    public var verbalCheckShare = 0.10
    /// Served decisions not selected by sampling that get a dip check after service, so that about nine checks in
    /// ten are done before service (10.34: the target is 90%; 76% was achieved). Chosen.
    public var postServiceCheckShare = 0.15
    /// Selected screening interviews and withdrawals that have been checked; the rest wait in the checks queue (10.44:
    /// one withdrawn claim was checked in ten months). Chosen.
    public var otherWorkCheckedShare = 0.5
    /// Served refusals appealed to the First-tier Tribunal. Chosen (most refusals are appealed).
    public var refusalAppealedShare = 0.55
    /// Days from service to the appeal being lodged, to the hearing, and from the hearing to the determination. Chosen.
    public var daysToAppealLodged = 1...14
    public var daysToAppealHearing = 60...300
    public var daysToAppealDetermination = 5...40
    /// Determined appeals allowed (the decision overturned) and withdrawn; the rest dismissed. Chosen: about two in
    /// five allowed, as the published tribunal statistics of 2022–23 show for asylum appeals.
    public var appealAllowedShare = 0.40
    public var appealWithdrawnShare = 0.08

    // MARK: Notes (8.41, 8.107)

    /// Weights of 0, 1, 2, … notes on a claim. Chosen.
    public var noteCountWeights = [0.40, 0.30, 0.17, 0.08, 0.05]
    /// Notes longer than Atlas's 999-character cut (8.107). Chosen.
    public var longNoteShare = 0.08
    /// Notes that are follow-up actions (8.41). Chosen.
    public var actionShare = 0.20

    // MARK: Workforce (DOMAIN.md "Staff"; Annex B)

    /// Decision makers: 2,500 by September 2023.
    public var decisionMakers = 2_500
    /// Decision makers per team leader: a team of about 15 DMs and its leader (issue 3's team page).
    public var decisionMakersPerTeamLeader = 15

    // MARK: Nationalities

    /// The nationality mix: approximate shares of the UK asylum intake and WIP in 2022–23 (Home Office immigration
    /// statistics, not DOMAIN.md) and approximate initial grant rates. AMESA nationalities (3.39) grant over 95%.
    public var nationalities: [NationalityShare] = [
        NationalityShare("ALB", legacy: 4, flow: 14, child: 4, grantRate: 0.50),
        NationalityShare("AFG", legacy: 6, flow: 13, child: 25, grantRate: 0.98),
        NationalityShare("IRN", legacy: 16, flow: 12, child: 8, grantRate: 0.80),
        NationalityShare("IRQ", legacy: 12, flow: 8, child: 3, grantRate: 0.45),
        NationalityShare("ERI", legacy: 8, flow: 8, child: 12, grantRate: 0.98),
        NationalityShare("SYR", legacy: 5, flow: 5, child: 4, grantRate: 0.99),
        NationalityShare("SDN", legacy: 6, flow: 7, child: 15, grantRate: 0.99),
        NationalityShare("PAK", legacy: 7, flow: 4, child: 0.5, grantRate: 0.30),
        NationalityShare("IND", legacy: 4, flow: 4, child: 0.3, grantRate: 0.05),
        NationalityShare("BGD", legacy: 5, flow: 3, child: 0.3, grantRate: 0.25),
        NationalityShare("VNM", legacy: 4, flow: 3, child: 6, grantRate: 0.60),
        NationalityShare("TUR", legacy: 2, flow: 3, child: 0.5, grantRate: 0.70),
        NationalityShare("EGY", legacy: 1.5, flow: 3, child: 5, grantRate: 0.30),
        NationalityShare("LBY", legacy: 0.8, flow: 1, child: 0.5, grantRate: 0.92),
        NationalityShare("YEM", legacy: 0.8, flow: 0.8, child: 0.5, grantRate: 0.95),
        NationalityShare("GEO", legacy: 0.8, flow: 1, child: 0.1, grantRate: 0.15),
        NationalityShare("SLV", legacy: 1, flow: 0.6, child: 0.1, grantRate: 0.75),
        NationalityShare("COL", legacy: 0.2, flow: 1, child: 0.05, grantRate: 0.20),
        NationalityShare("ETH", legacy: 2, flow: 2, child: 4, grantRate: 0.80),
        NationalityShare("KWT", legacy: 1.5, flow: 1, child: 0.2, grantRate: 0.80),
        NationalityShare("NGA", legacy: 4, flow: 1.5, child: 0.3, grantRate: 0.25),
        NationalityShare("LKA", legacy: 2, flow: 1, child: 0.2, grantRate: 0.35),
        NationalityShare("CHN", legacy: 2, flow: 1, child: 0.5, grantRate: 0.60),
        NationalityShare("SOM", legacy: 1.5, flow: 0.8, child: 1, grantRate: 0.70),
        NationalityShare("TCD", legacy: 0.5, flow: 1, child: 1.5, grantRate: 0.95),
    ]

    /// Creates the profile of the 2023 inspection; change fields for another scenario.
    public init() {}

    /// The 2023 inspection's figures.
    public static let inspection2023 = SyntheticProfile()

    /// A year of national decision-making rather than a snapshot of the WIP (the quality benchmark's scenario): the same
    /// claimants, but most claims interviewed and decided, so that about 150,000 decisions are served in the year to the
    /// reference date from about 320,000 claims (measured: 47% of claims seeded have a decision served in the year). Chosen.
    public static let nationalDecisionYear: SyntheticProfile = {
        var profile = SyntheticProfile()
        profile.legacyAdultInterviewedShare = 0.80
        profile.legacyChildInterviewedShare = 0.80
        profile.flowAdultInterviewedShare = 0.65
        profile.flowChildInterviewedShare = 0.65
        profile.inadmissibilityReferralShare = 0.10
        profile.interviewedToDecisionShare = 0.92
        profile.interviewReturnedShare = 0.03
        profile.papersDecisionShare = 0.60
        profile.servedShare = 0.92
        profile.legacyDaysToInterview = 30...400
        profile.flowDaysToInterview = 20...200
        return profile
    }()

    // MARK: Derived

    /// Share of legacy claims that are UASC (1,388 of 28,653).
    public var childShareOfLegacy: Double { Double(childLegacyClaims) / Double(childLegacyClaims + adultLegacyClaims) }
    /// Share of flow claims that are UASC (7,442 of 87,966).
    public var childShareOfFlow: Double { Double(childFlowClaims) / Double(childFlowClaims + adultFlowClaims) }
    /// Share of the WIP that is legacy (28,653 of 116,619), before the IMA share is taken out.
    public var legacyShareOfWIP: Double {
        let legacy = Double(adultLegacyClaims + childLegacyClaims)
        return legacy / (legacy + Double(adultFlowClaims + childFlowClaims))
    }
}
