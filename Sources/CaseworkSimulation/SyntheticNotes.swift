import CaseworkDomain

/// Casework text for synthetic notes and reasons: what caseworkers write at each stage (8.41 notes and follow-up
/// actions), of varied length, some longer than the 999 characters Atlas kept (8.107).
enum SyntheticNotes {
    /// Explanations of "the material facts are not accepted", on the facts of a claim (8.112).
    static let refusalExplanations = [
        "The claimant gave three different dates for leaving home at screening, in the questionnaire and at interview, and could not explain why.",
        "The claimant could not describe the party's structure or the local office they said they attended weekly for two years.",
        "The documents submitted were found on verification to be unreliable, and the account of obtaining them is not plausible.",
        "The account of the arrest is vague on the central events and detailed only on peripheral matters.",
    ]

    /// The reasoning of a refusal letter, briefly (the letter gives every reason in full).
    static let refusalReasoning = [
        "Your account has been considered with all the evidence, including your interview record and the country information. For the reasons above it is not accepted that you would be at real risk on return.",
        "All the evidence has been considered in the round, applying the benefit of the doubt where your account is coherent. The material facts set out above are not accepted.",
    ]

    /// The reasoning of a grant minute, briefly.
    static let grantReasoning = [
        "The claimant's account is detailed, internally consistent and consistent with the country information. Identity is established and the Operating Mandate checks are clear.",
        "The material facts are accepted. The current country policy and information note shows a real risk on return for a person of this profile; no sufficiency of protection or internal relocation.",
        "Identity and nationality are established. The claim falls within the country guidance and there is no reason to depart from it.",
    ]

    /// What a good check says (10.4: the rationale is documented).
    static let goodFeedback = [
        "Well-structured decision: every material fact identified with a clear finding and the evidence for it.",
        "Clear reasoning on risk on return, using the current country information; the two-stage test correctly applied.",
        "Thorough and proportionate; the letter is accurate and specific to the claimant.",
    ]

    /// Themes of a weak or failing check of a decision, weighted by how often the inspectors and tech specs named them.
    static let weakThemes = [
        "material-facts", "material-facts", "material-facts", "credibility", "credibility", "risk-on-return", "risk-on-return", "country-evidence",
        "medical-evidence", "standard-of-proof", "letter-quality", "letter-quality", "interview-probing", "operating-mandate", "process-recording",
    ]

    /// Themes of an allowed appeal.
    static let appealThemes = ["credibility", "credibility", "material-facts", "risk-on-return", "country-evidence", "medical-evidence", "standard-of-proof"]

    /// The feedback of a check that names `theme` first.
    static func feedback(theme: String) -> String {
        switch theme {
        case "material-facts": "Not all the material facts are identified; the finding on the claimed detention is missing. Identify each material fact and make a finding on it."
        case "credibility": "Credibility findings rely on minor discrepancies and do not engage with the claimant's explanations at interview."
        case "risk-on-return": "Risk on return is asserted rather than assessed: apply the country evidence to the claimant's own profile."
        case "country-evidence": "The country information cited is out of date; use the current CPIN."
        case "medical-evidence": "The medico-legal report is mentioned but not engaged with: say what weight it is given and why."
        case "standard-of-proof": "The two-stage test is not applied correctly: the balance of probabilities is for stage one only."
        case "letter-quality": "The letter repeats template wording that does not fit the claim and has a factual mistake about the claimant's journey."
        case "interview-probing": "The interview did not probe the central events; the decision relies on gaps that were never explored."
        case "operating-mandate": "Operating Mandate checks were not evidenced on the file before completion."
        case "process-recording": "The record was not updated on the system at each step; the case actions do not match what was done."
        case "safeguarding": "A safeguarding indicator disclosed at screening was not referred."
        case "withdrawal-guidance": "The withdrawal was not made in line with the guidance: no final contact attempt was recorded."
        default: "See the annotated decision for the points to address."
        }
    }

    /// The tribunal's findings on an allowed appeal.
    static func appealFinding(theme: String) -> String {
        switch theme {
        case "credibility": "The tribunal found the credibility findings unsafe: the discrepancies relied on were minor and explained at interview."
        case "material-facts": "The decision did not make findings on a material fact the tribunal found central to the claim."
        case "risk-on-return": "The tribunal found a real risk on return on the country guidance, which the decision did not apply to the appellant's profile."
        case "country-evidence": "The decision relied on superseded country information; the current evidence supports the claim."
        case "medical-evidence": "The medico-legal report was not engaged with; the tribunal gave it significant weight."
        case "standard-of-proof": "The decision applied too high a standard of proof at stage two."
        default: "The tribunal allowed the appeal on the evidence before it."
        }
    }

    /// What an Operating Mandate check found and how it was resolved.
    static let operatingMandateIssues = [
        "An alias was revealed by the biometric match; checked against CID and the police databases, nothing adverse.",
        "A possible watchlist match was referred and cleared as a different person.",
        "A previous visa application under another name found; the identity is consistent with it.",
    ]

    /// Why a served decision was withdrawn (fig 23).
    static let outcomeWithdrawals = [
        "Decision served with the wrong letter template for the claim date; withdrawn to correct and re-serve",
        "Served to an old address; the claimant had notified a change of address before service",
        "Further representations received before service were not considered; decision withdrawn for reconsideration",
        "Dependant omitted from the decision; withdrawn to correct",
    ]

    /// Closures without a decision, with the reason `ClaimRules.decide` requires (fig 22).
    static let closures = Weighted<(Outcome, String)>([
        ((.withdrawnImplicitly, "No asylum questionnaire returned after the reminder, the final intervention letter and final checks (7.25)"), 25),
        ((.withdrawnImplicitly, "Absconded: failed to report and not at the last known address; no contact from the representative"), 18),
        ((.withdrawnImplicitly, "Failed to attend the substantive interview with no reasonable explanation within 5 working days of the failure-to-attend letter"), 12),
        ((.withdrawnExplicitly, "Claimant signed a withdrawal disclaimer and asked for assisted voluntary return"), 20),
        ((.withdrawnExplicitly, "Representative wrote to withdraw the claim: the claimant has left the UK"), 13),
        ((.void, "Recorded twice at intake; the other record is the live claim"), 5),
        ((.otherDuplicate, "Duplicate of an earlier claim found by biometric match"), 3),
        ((.otherDeceased, "Claimant deceased; confirmed by the local authority"), 1),
        ((.otherRejection, "Claim rejected: the claimant is an EU national (paragraph 326E)"), 3),
    ])

    /// A note written while the claim was at `stage`, and the role that writes such a note.
    static func note(at stage: Stage, claim: DrawnClaim, long: Bool, _ draw: inout Draw) -> (String, Role) {
        let language = Languages.displayName(language: claim.language.language, dialect: claim.language.dialect)
        if long { return (longNote(at: stage, claim: claim, language: language, &draw), draw.chance(0.3) ? .safeguardingHub : .decisionMaker) }
        let representative = claim.facts.legalRepresentative?.firm ?? "the claimant"
        switch stage {
        case .registration, .screening:
            return draw.pick([
                ("Screening interview completed with a " + language + " interpreter. Biometrics enrolled; Operating Mandate identity and security checks requested.", .workflowPlanner),
                ("Interpreter needed in " + language + ". The claimant confirmed they understood the interpreter at screening.", .workflowPlanner),
                ("Safeguarding referral received from the accommodation provider: the claimant reported low mood and is not eating. Level: vulnerable. Amber: note and refer, no need to wait for the hub.", .safeguardingHub),
                ("Operating Mandate checks complete; no adverse trace.", .workflowPlanner),
            ])
        case .inadmissibilityConsideration:
            return draw.pick([
                ("Notice of intent served on the claimant and any representative; representations invited within 14 days.", .thirdCountryUnit),
                ("Representations received from " + representative + " objecting to removal to a third country; to be considered.", .thirdCountryUnit),
                ("No returns agreement with the country of transit; realistic prospect of removal under review.", .thirdCountryUnit),
            ])
        case .workInProgress, .reopened:
            var options: [(String, Role)] = [
                ("Asylum questionnaire sent to the verified address; return due within 30 working days.", .administrativeOfficer),
                ("Telephone call from " + representative + " asking for progress. Explained that the claim is waiting for a substantive interview; no date can be given yet.", .administrativeOfficer),
                ("Change of address notified by the accommodation provider. The new address must be verified before anything is sent.", .administrativeOfficer),
                ("Statement of evidence form received, signed, with a letter of authority on file.", .administrativeOfficer),
                ("Postponement request received from " + representative + " with a GP letter. Recorded and answered; interview to be booked after 6 weeks.", .administrativeOfficer),
                ("Medical evidence received: GP letter confirming a diagnosis of PTSD. Consider prioritisation on request (8.20).", .decisionMaker),
                ("Barrier added with the agreement of the technical specialist: awaiting biometrics. Review date set for 4 weeks.", .decisionMaker),
                ("Allocated to a decision maker trained for interviews and decisions; cohort priority checked.", .teamLeader),
            ]
            if claim.child {
                options.append(("Preliminary information meeting held with the child, a social worker as responsible adult and a " + language + " interpreter.", .decisionMaker))
                options.append(("Age assessment referral made to " + (claim.facts.localAuthority ?? "the local authority") + "; awaiting the outcome.", .decisionMaker))
            }
            return draw.pick(options)
        case .interview:
            return draw.pick([
                ("Substantive interview booked; " + language + " interpreter requested; invitation sent to the claimant and representative.", .administrativeOfficer),
                ("Substantive interview completed in " + String(draw.int(2...4)) + " hours with a " + language + " interpreter. The claimant confirmed they understood the interpreter and were fit to be interviewed.", .decisionMaker),
                ("The claimant did not attend the substantive interview. Failure-to-attend letter sent to the claimant and the representative the next working day; 5 working days to respond.", .administrativeOfficer),
                ("Interview suspended: the interpreter spoke a different dialect. To be rebooked with a " + language + " interpreter.", .decisionMaker),
                ("Continuation interview agreed with the technical specialist: the account of detention was not covered in the time.", .technicalSpecialist),
            ])
        case .decision, .qualityAssurance:
            return draw.pick([
                ("Decision drafting started; country information checked against the current CPIN.", .decisionMaker),
                ("Second pair of eyes check completed: minor amendments to the findings on credibility; no change to the outcome.", .technicalSpecialist),
                ("Quality assessment recorded: Operating Mandate DQ1, casework DQ2, process DQ1.", .technicalSpecialist),
                ("Written follow-up questions sent to the representative instead of a further interview; reply due in 10 working days.", .decisionMaker),
            ])
        case .served:
            return draw.pick([
                ("Decision served on the claimant and the representative. Accommodation provider and local authority notified.", .administrativeOfficer),
                ("Residence permit ordered. Asylum support ends 28 days after the grant; move-on information sent.", .administrativeOfficer),
                ("Appeal lodged with the First-tier Tribunal; review of the decision requested by the presenting officers' unit.", .administrativeOfficer),
            ])
        case .closed:
            return draw.pick([
                ("Claim closed; asylum support and the accommodation provider notified.", .administrativeOfficer),
                ("Closure letter sent to the claimant and the representative.", .administrativeOfficer),
            ])
        }
    }

    private static let caseSentences = [
        "The claimant fears persecution on return because of imputed political opinion, after family members were detained by the authorities.",
        "At screening the claimant said they had left their home area after receiving threats, travelled overland for several months and crossed the Channel by small boat.",
        "The claimant has a GP letter describing symptoms consistent with post-traumatic stress disorder, including poor sleep, flashbacks and low mood; a medico-legal report has been requested by the representative.",
        "The account given at the substantive interview is broadly consistent with the screening interview, although dates of the events differ by about a year; the claimant attributed this to the difference between calendars.",
        "Country policy and information notes were checked for the claimant's home area; the current guidance is that internal relocation would not be reasonable for a person with this profile.",
        "The representative has asked for the decision to be prioritised because of the claimant's mental health and has sent a letter from the accommodation provider's welfare officer.",
        "The claimant lives in contingency accommodation and has said that sharing a room has made their sleep worse; the safeguarding hub has been asked whether a referral to the local authority is needed.",
        "Documents provided: a copy of an identity card, two photographs said to show injuries and a summons; originals have been requested for verification by the document examination team.",
        "The interpreter confirmed at the start of the interview that they and the claimant understood each other; breaks were offered every hour and two were taken.",
        "The claimant's partner and children are said to remain in a neighbouring country; their details have been recorded so that any later family reunion application can be linked.",
        "The claim is non-straightforward because a medico-legal report is awaited and the Operating Mandate checks raised a possible earlier application in another country, which is being checked.",
        "A follow-up action has been set to chase the representative for the signed statement of evidence form and the letter of authority, which are not yet on file.",
        "Previous notes on the old system were cut at 999 characters, so parts of the safeguarding history are missing; the hub has been asked to resend its full record.",
        "The team leader agreed that the claim should stay with the same decision maker from interview to service, to avoid evidence being lost in a reallocation.",
    ]

    /// A long note: a case summary of several sentences, over 999 characters.
    private static func longNote(at stage: Stage, claim: DrawnClaim, language: String, _ draw: inout Draw) -> String {
        var text = "Case summary (" + stage.title.lowercased() + "). " + Countries.name(of: claim.facts.mainApplicant.nationality.claimed)
            + " national, interviews in " + language + ". "
        let target = 1_010 + draw.below(2_500)
        var start = draw.below(caseSentences.count)
        while text.utf8.count < target {
            text += caseSentences[start % caseSentences.count] + (draw.chance(0.25) ? "\n\n" : " ")
            start += 1 + draw.below(3)
        }
        return text.trimmingWhitespace
    }
}
