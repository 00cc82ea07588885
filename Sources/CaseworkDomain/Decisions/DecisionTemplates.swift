/// Grant minutes and refusal templates as data (8.111–8.113): "nationality-specific grant minutes consisted of a series
/// of tick box questions accompanied by guidance text and prompts"; refusal templates differ "depending on the date the
/// claim was made and the proposed outcome". Every template is versioned, a draft records the version it used, and a
/// retired version stays here so the decisions written with it can still be read.
public enum DecisionKind: String, Codable, Sendable, CaseIterable {
    case grant
    case refusal

    public var title: String { self == .grant ? "Grant" : "Refusal" }
}

/// One tick-box question of a template, with its guidance and the case law or guidance it points to.
public struct ChecklistItem: Codable, Sendable, Hashable {
    public var code: String
    public var question: String
    public var guidance: String
    public var references: [String]
    /// Must be answered before the decision is completed.
    public var required: Bool
    /// "Not applicable" is an allowed answer.
    public var allowsNotApplicable: Bool
    /// A "no" must say why.
    public var noteRequiredIfNo: Bool

    public init(code: String, question: String, guidance: String, references: [String] = [], required: Bool = true, allowsNotApplicable: Bool = false, noteRequiredIfNo: Bool = true) {
        self.code = code
        self.question = question
        self.guidance = guidance
        self.references = references
        self.required = required
        self.allowsNotApplicable = allowsNotApplicable
        self.noteRequiredIfNo = noteRequiredIfNo
    }
}

public struct ChecklistSection: Codable, Sendable, Hashable {
    public var code: String
    public var title: String
    public var items: [ChecklistItem]

    public init(code: String, title: String, items: [ChecklistItem]) {
        self.code = code
        self.title = title
        self.items = items
    }
}

public struct DecisionTemplate: Codable, Sendable, Hashable {
    public var code: String
    public var version: Int
    public var kind: DecisionKind
    public var title: String
    /// ISO alpha-3 nationalities the template is written for; empty for any.
    public var nationalities: [String]
    /// The regimes (by date of claim) it is for; empty for any.
    public var regimes: [Regime]
    /// The outcomes it can conclude with.
    public var outcomes: [Outcome]
    public var sections: [ChecklistSection]
    /// Superseded by a later version: kept to read old drafts, not offered for new ones.
    public var retired: Bool
    public var source: String

    public init(
        code: String, version: Int, kind: DecisionKind, title: String, nationalities: [String] = [], regimes: [Regime] = [], outcomes: [Outcome],
        sections: [ChecklistSection], retired: Bool = false, source: String
    ) {
        self.code = code
        self.version = version
        self.kind = kind
        self.title = title
        self.nationalities = nationalities
        self.regimes = regimes
        self.outcomes = outcomes
        self.sections = sections
        self.retired = retired
        self.source = source
    }

    public var items: [ChecklistItem] { sections.flatMap(\.items) }

    public func item(_ code: String) -> ChecklistItem? { items.first { $0.code == code } }

    /// Whether the template fits a claim of this nationality and regime.
    public func fits(nationality: String, regime: Regime) -> Bool {
        (nationalities.isEmpty || nationalities.contains(nationality)) && (regimes.isEmpty || regimes.contains(regime))
    }
}

/// A structured reason for refusal. Exclusions refuse refugee status even when the two-stage test is met.
public struct RefusalReason: Codable, Sendable, Hashable {
    public var code: String
    public var title: String
    public var exclusion: Bool
    /// Cannot be given after a concise or targeted interview, or on the papers: those claimants were never asked for
    /// more (8.48, 8.62: "no refusal for lack of information from a concise interview").
    public var needsFullInterview: Bool
    public var source: String

    public init(code: String, title: String, exclusion: Bool = false, needsFullInterview: Bool = false, source: String) {
        self.code = code
        self.title = title
        self.exclusion = exclusion
        self.needsFullInterview = needsFullInterview
        self.source = source
    }
}

/// The Refugee Convention reasons a claim may be based on; sexual orientation and gender identity are named apart from
/// other social groups because the sampling rules list them (10.11).
public enum ConventionReason: String, Codable, Sendable, CaseIterable {
    case race
    case religion
    case nationality
    case politicalOpinion = "political-opinion"
    case particularSocialGroup = "particular-social-group"
    case sexualOrientationOrGenderIdentity = "sexual-orientation-or-gender-identity"

    public var title: String {
        switch self {
        case .race: "Race"
        case .religion: "Religion (including conversion)"
        case .nationality: "Nationality"
        case .politicalOpinion: "Political opinion"
        case .particularSocialGroup: "Membership of a particular social group"
        case .sexualOrientationOrGenderIdentity: "Particular social group: sexual orientation or gender identity"
        }
    }
}

/// The templates and refusal reasons in force, and every earlier version.
public struct DecisionTemplateCatalogue: Codable, Sendable, Hashable {
    public var templates: [DecisionTemplate]
    public var refusalReasons: [RefusalReason]

    public init(templates: [DecisionTemplate], refusalReasons: [RefusalReason]) {
        self.templates = templates
        self.refusalReasons = refusalReasons
    }

    /// A template by code and version.
    public func template(_ code: String, version: Int) -> DecisionTemplate? {
        templates.first { $0.code == code && $0.version == version }
    }

    /// The version of `code` offered for new drafts.
    public func current(_ code: String) -> DecisionTemplate? {
        templates.filter { $0.code == code && !$0.retired }.max { $0.version < $1.version }
    }

    /// The templates a decision maker may use for a claim: those that fit its nationality and regime, nationality-specific
    /// ones first (8.111: "Each template contained information and caselaw links specific to the claimant's nationality").
    public func offered(nationality: String, regime: Regime) -> [DecisionTemplate] {
        templates.filter { !$0.retired && $0.fits(nationality: nationality, regime: regime) }
            .sorted { ($0.nationalities.isEmpty ? 1 : 0, $0.kind.rawValue, $0.code) < ($1.nationalities.isEmpty ? 1 : 0, $1.kind.rawValue, $1.code) }
    }

    public func refusalReason(_ code: String) -> RefusalReason? { refusalReasons.first { $0.code == code } }

    public static let current = DecisionTemplateCatalogue(templates: Templates.all, refusalReasons: Templates.refusalReasons)
}

/// The contents of the catalogue. Guidance names published guidance and country guidance cases by citation.
enum Templates {
    static let grantOutcomes: [Outcome] = [.grantAsylum, .grantHumanitarianProtection, .grantOtherLeave]

    static let identity = ChecklistSection(code: "identity", title: "Identity and Operating Mandate checks", items: [
        ChecklistItem(
            code: "identity-established", question: "Is the claimant's identity, including any aliases, established?",
            guidance: "Compare the identity given with the biometric match and any documents; record aliases revealed by the biometric checks.",
            references: ["Operating Mandate (8.119 note 131)"]
        ),
        ChecklistItem(
            code: "operating-mandate-complete", question: "Are the Operating Mandate checks complete and clear, or any issue addressed?",
            guidance: "The identity and aliases must be checked against Home Office systems and police criminality databases before service. The claim's Operating Mandate record shows each check.",
            references: ["Operating Mandate (8.119 note 131)", "Calibre Operating Mandate score (10.30)"]
        ),
    ])

    static let history = ChecklistSection(code: "immigration-history", title: "Immigration history", items: [
        ChecklistItem(
            code: "history-summarised", question: "Is the claimant's immigration history summarised (entry, previous applications, time in safe countries)?",
            guidance: "Use CID and Atlas; note any time in a safe third country.", noteRequiredIfNo: true
        ),
    ])

    static func basis(_ prompts: [String]) -> ChecklistSection {
        ChecklistSection(code: "basis-of-claim", title: "Basis of claim", items: [
            ChecklistItem(
                code: "basis-summarised", question: "Is the basis of the claim summarised briefly and accurately, with the Convention reason it engages?",
                guidance: (["State what the claimant fears, from whom and why."] + prompts).joined(separator: " ")
            ),
        ])
    }

    static let materialFacts = ChecklistSection(code: "material-facts", title: "Material facts", items: [
        ChecklistItem(
            code: "material-facts-identified", question: "Are the material facts identified, each with a finding?",
            guidance: "List each material fact and say whether it is accepted, with the evidence for and against. Inspectors and tech specs named poor consideration of material facts most often (10.37, 10.40).",
            references: ["Assessing credibility and refugee status (Home Office guidance)"]
        ),
        ChecklistItem(
            code: "evidence-engaged", question: "Has all the evidence been engaged with, including medical and expert evidence?",
            guidance: "Engage with every medico-legal report and country expert report; say what weight it is given and why (10.35).",
            allowsNotApplicable: true
        ),
    ])

    static let benefitOfDoubt = ChecklistSection(code: "benefit-of-doubt", title: "Benefit of the doubt", items: [
        ChecklistItem(
            code: "benefit-of-doubt-considered", question: "Has the benefit of the doubt been considered for facts that cannot be proved?",
            guidance: "Where the claimant's account is coherent and plausible and they have made a genuine effort to substantiate it, give the benefit of the doubt.",
            references: ["Immigration Rules paragraph 339L", "Karanakaran v SSHD [2000] EWCA Civ 11"]
        ),
    ])

    static func riskOnReturn(_ prompts: [String], references: [String]) -> ChecklistSection {
        ChecklistSection(code: "risk-on-return", title: "Risk on return", items: [
            ChecklistItem(
                code: "risk-assessed", question: "Is the risk on return assessed against current country evidence?",
                guidance: (["Use the current country policy and information note; say why the claimant would or would not be at real risk."] + prompts).joined(separator: " "),
                references: references + ["Country policy and information notes (GOV.UK)"]
            ),
            ChecklistItem(
                code: "protection-and-relocation", question: "Are sufficiency of protection and internal relocation considered?",
                guidance: "Where the feared harm is from non-state actors, consider whether the state can protect and whether relocation would be reasonable.",
                allowsNotApplicable: true
            ),
        ])
    }

    static let statusToGrant = ChecklistSection(code: "status", title: "Status to grant", items: [
        ChecklistItem(
            code: "status-justified", question: "Is the status to be granted the right one (refugee status, humanitarian protection or other leave), with the reason?",
            guidance: "Refugee status when the claimant has a well-founded fear of persecution for a Convention reason; humanitarian protection when there is a real risk of serious harm without a Convention reason; otherwise other leave."
        ),
    ])

    static let exclusionConsidered = ChecklistItem(
        code: "exclusion-considered", question: "Have exclusion (Article 1F) and section 72 been considered where there is criminality?",
        guidance: "Refer to the criminal casework team where the claimant has serious criminality.", allowsNotApplicable: true
    )

    static func grant(_ code: String, version: Int = 1, title: String, nationalities: [String], basis prompts: [String], risk: [String], references: [String], retired: Bool = false) -> DecisionTemplate {
        DecisionTemplate(
            code: code, version: version, kind: .grant, title: title, nationalities: nationalities, outcomes: grantOutcomes,
            sections: [identity, history, basis(prompts), materialFacts, benefitOfDoubt, riskOnReturn(risk, references: references), statusToGrant],
            retired: retired, source: "8.111"
        )
    }

    static func refusal(_ code: String, regime: [Regime], title: String, standard: String) -> DecisionTemplate {
        DecisionTemplate(
            code: code, version: 1, kind: .refusal, title: title, regimes: regime, outcomes: [.refusal],
            sections: [
                identity, history, basis([]),
                ChecklistSection(code: "material-facts", title: "Material facts and credibility", items: materialFacts.items + [
                    ChecklistItem(code: "standard-of-proof", question: "Is the right standard of proof applied? \(standard)", guidance: standard),
                ]),
                benefitOfDoubt,
                riskOnReturn([], references: []),
                ChecklistSection(code: "other-protection", title: "Humanitarian protection, human rights and exclusion", items: [
                    ChecklistItem(code: "humanitarian-protection-considered", question: "Is humanitarian protection considered?", guidance: "A refusal of refugee status must still consider a real risk of serious harm."),
                    ChecklistItem(code: "article-8-considered", question: "Are family and private life (Article 8) and medical claims (Article 3) considered?", guidance: "Consider them on the evidence given.", allowsNotApplicable: true),
                    exclusionConsidered,
                ]),
            ],
            source: "8.112"
        )
    }

    static let all: [DecisionTemplate] = [
        grant(
            "grant-afghanistan", version: 1, title: "Grant minute: Afghanistan", nationalities: ["AFG"],
            basis: ["Consider links to the former government, its forces or foreign forces."],
            risk: ["Consider the risk from the Taliban to those associated with the former government."],
            references: ["Country policy and information note: Afghanistan, fear of the Taliban"], retired: true
        ),
        grant(
            "grant-afghanistan", version: 2, title: "Grant minute: Afghanistan", nationalities: ["AFG"],
            basis: ["Consider links to the former government, its forces or foreign forces, and westernisation."],
            risk: ["Consider the risk from the Taliban to those associated with the former government, women and girls, and ethnic and religious minorities."],
            references: ["Country policy and information note: Afghanistan, fear of the Taliban", "Country policy and information note: Afghanistan, women and girls"]
        ),
        grant(
            "grant-eritrea", title: "Grant minute: Eritrea", nationalities: ["ERI"],
            basis: ["Consider evasion of national service and illegal exit."],
            risk: ["Consider the risk on return to those of national service age who left illegally."],
            references: ["MST and Others (national service – risk categories) Eritrea CG [2016] UKUT 443 (IAC)"]
        ),
        grant(
            "grant-sudan", title: "Grant minute: Sudan", nationalities: ["SDN"],
            basis: ["Consider non-Arab ethnicity (including Darfuri origin) and political activity."],
            risk: ["Consider the current conflict and the risk to non-Arab Darfuris."],
            references: ["AAR & AA (Non-Arab Darfuris – return) Sudan [2019] UKUT 282 (IAC)"]
        ),
        grant(
            "grant-syria", title: "Grant minute: Syria", nationalities: ["SYR"],
            basis: ["Consider military service, perceived political opinion and religious or ethnic identity."],
            risk: ["Use the current country evidence: the situation has changed since the country guidance was given."],
            references: ["KB (Failed asylum seekers and forced returnees) Syria CG [2012] UKUT 426 (IAC)"]
        ),
        grant(
            "grant-general", title: "Grant minute: any nationality", nationalities: [],
            basis: [], risk: [], references: []
        ),
        refusal(
            "refusal-legacy", regime: [.legacy], title: "Reasons for refusal: claims made before 28 June 2022",
            standard: "One standard of proof throughout: a reasonable degree of likelihood."
        ),
        refusal(
            "refusal-flow", regime: [.flow, .illegalMigrationAct], title: "Reasons for refusal: claims made on or after 28 June 2022",
            standard: "The two-stage test of the Nationality and Borders Act 2022: the facts and the Convention reason on the balance of probabilities, then a reasonable likelihood of persecution on return (3.20–3.22)."
        ),
    ]

    static let refusalReasons: [RefusalReason] = [
        RefusalReason(code: "material-facts-not-accepted", title: "The material facts of the claim are not accepted", source: "8.112"),
        RefusalReason(code: "no-convention-reason", title: "The harm feared is not for a Convention reason", source: "8.112"),
        RefusalReason(code: "no-real-risk", title: "No real risk of persecution or serious harm on return", source: "8.112"),
        RefusalReason(code: "sufficiency-of-protection", title: "Sufficient protection is available in the country of origin", source: "8.112"),
        RefusalReason(code: "internal-relocation", title: "Internal relocation would be reasonable", source: "8.112"),
        RefusalReason(code: "humanitarian-protection-not-met", title: "The criteria for humanitarian protection are not met", source: "8.112"),
        RefusalReason(
            code: "insufficient-information", title: "Too little information was given to substantiate the claim", needsFullInterview: true,
            source: "8.48, 8.62"
        ),
        RefusalReason(code: "exclusion-article-1f", title: "Excluded from the Refugee Convention by Article 1F", exclusion: true, source: "8.112"),
        RefusalReason(code: "danger-to-community", title: "A danger to the community (section 72)", exclusion: true, source: "8.112"),
    ]
}
