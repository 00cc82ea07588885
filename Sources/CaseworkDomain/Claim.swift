/// Sex as recorded on the claim.
public enum Sex: String, Codable, Sendable, CaseIterable {
    case female, male, unknown

    /// As shown on a page.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// How far a claimed nationality has been established.
public enum NationalityStatus: String, Codable, Sendable, CaseIterable {
    case claimed, disputed, confirmed
}

/// The claimant's nationality: what they claim, and whether it is disputed or confirmed (ISO 3166-1 alpha-3).
public struct Nationality: Codable, Sendable, Hashable {
    /// The nationality claimed, e.g. "AFG".
    public var claimed: String
    /// Whether it is accepted, disputed or confirmed.
    public var status: NationalityStatus
    /// The nationality established when it differs from the claim (only when confirmed).
    public var confirmed: String?

    /// Creates a nationality record.
    public init(claimed: String, status: NationalityStatus = .claimed, confirmed: String? = nil) {
        self.claimed = claimed
        self.status = status
        self.confirmed = confirmed
    }

    /// The nationality the platform works with: the confirmed one when there is one.
    public var effective: String { confirmed ?? claimed }
}

/// A language the claimant speaks, with dialect when it matters for the interpreter.
public struct SpokenLanguage: Codable, Sendable, Hashable {
    /// Language code from `Languages`.
    public var language: String
    /// Dialect code, when one is known.
    public var dialect: String?

    /// Creates a spoken language.
    public init(language: String, dialect: String? = nil) {
        self.language = language
        self.dialect = dialect
    }
}

/// A person on a claim: the main applicant or a dependant.
public struct Person: Codable, Sendable, Hashable {
    /// Given names.
    public var givenNames: String
    /// Family name.
    public var familyName: String
    /// Date of birth (as claimed; may be disputed).
    public var dateOfBirth: LocalDate
    /// Sex.
    public var sex: Sex
    /// Nationality.
    public var nationality: Nationality

    /// Creates a person.
    public init(givenNames: String, familyName: String, dateOfBirth: LocalDate, sex: Sex, nationality: Nationality) {
        self.givenNames = givenNames
        self.familyName = familyName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.nationality = nationality
    }

    /// "Given names FAMILY NAME", as on Home Office correspondence.
    public var fullName: String { "\(givenNames) \(familyName.uppercased())" }
}

/// How a dependant is related to the main applicant.
public enum DependantRelationship: String, Codable, Sendable, CaseIterable {
    case spouse, child, other
}

/// A dependant on the claim.
public struct Dependant: Codable, Sendable, Hashable {
    /// The dependant.
    public var person: Person
    /// Their relationship to the main applicant.
    public var relationship: DependantRelationship

    /// Creates a dependant.
    public init(person: Person, relationship: DependantRelationship) {
        self.person = person
        self.relationship = relationship
    }
}

/// A postal address, with whether it has been checked (a questionnaire goes only to a checked address, 7.12).
public struct Address: Codable, Sendable, Hashable {
    public var line1: String
    public var line2: String?
    public var town: String
    public var postcode: String
    /// True once the address has been verified.
    public var verified: Bool

    /// Creates an address.
    public init(line1: String, line2: String? = nil, town: String, postcode: String, verified: Bool) {
        self.line1 = line1
        self.line2 = line2
        self.town = town
        self.postcode = postcode
        self.verified = verified
    }

    /// The address on one line.
    public var singleLine: String { [line1, line2, town, postcode].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ") }
}

/// The claimant's legal representative.
public struct LegalRepresentative: Codable, Sendable, Hashable {
    /// The representative's name.
    public var name: String
    /// Their firm.
    public var firm: String?
    /// Their email, for correspondence.
    public var email: String?

    /// Creates a representative.
    public init(name: String, firm: String? = nil, email: String? = nil) {
        self.name = name
        self.firm = firm
        self.email = email
    }
}

/// Straightforward or non-straightforward (NSF, 2017 rec 5).
public enum ClaimType: String, Codable, Sendable, CaseIterable {
    case straightforward
    case nonStraightforward = "non-straightforward"

    /// As shown on a page.
    public var title: String { self == .straightforward ? "Straightforward" : "Non-straightforward" }
}

/// A vulnerability marker, which later feeds prioritisation (8.16, 8.20).
public enum VulnerabilityMarker: String, Codable, Sendable, CaseIterable {
    case physicalHealth = "physical-health"
    case mentalHealth = "mental-health"
    case suicidalIdeation = "suicidal-ideation"
    case tortureSurvivor = "torture-survivor"
    case modernSlavery = "modern-slavery"
    case domesticAbuse = "domestic-abuse"
    case pregnancy
    case disability
    case elderly
    case lgbtqi
    case genderBasedViolence = "gender-based-violence"
    case childWithoutCarer = "child-without-carer"

    /// As shown on a page.
    public var title: String {
        switch self {
        case .physicalHealth: "Physical health condition"
        case .mentalHealth: "Mental health condition"
        case .suicidalIdeation: "Suicidal ideation"
        case .tortureSurvivor: "Survivor of torture"
        case .modernSlavery: "Modern slavery indicators"
        case .domesticAbuse: "Domestic abuse"
        case .pregnancy: "Pregnancy"
        case .disability: "Disability"
        case .elderly: "Aged over 70"
        case .lgbtqi: "LGBTQI+"
        case .genderBasedViolence: "Gender-based violence"
        case .childWithoutCarer: "Child without a carer"
        }
    }
}

/// Voluntary protected characteristics, collected for equality monitoring (2023 rec 5a). Restricted: see `AccessPolicy`.
public struct ProtectedCharacteristics: Codable, Sendable, Hashable {
    public var disability: String?
    public var genderIdentity: String?
    public var sexualOrientation: String?
    public var religion: String?
    public var ethnicity: String?

    /// Creates a record; every field is voluntary.
    public init(disability: String? = nil, genderIdentity: String? = nil, sexualOrientation: String? = nil, religion: String? = nil, ethnicity: String? = nil) {
        self.disability = disability
        self.genderIdentity = genderIdentity
        self.sexualOrientation = sexualOrientation
        self.religion = religion
        self.ethnicity = ethnicity
    }

    /// True when nothing was declared.
    public var isEmpty: Bool { [disability, genderIdentity, sexualOrientation, religion, ethnicity].allSatisfy { $0 == nil } }
}

/// The facts a claim is registered with. Also the payload of the `claim-registered` event.
public struct ClaimFacts: Codable, Sendable, Hashable {
    public var mainApplicant: Person
    public var dependants: [Dependant]
    /// The date the claim was made; decides the regime.
    public var dateOfClaim: LocalDate
    /// An unaccompanied asylum-seeking child.
    public var unaccompaniedChild: Bool
    /// The claimant's age is disputed (an age assessment is needed).
    public var ageDisputed: Bool
    public var languages: [SpokenLanguage]
    public var address: Address?
    public var legalRepresentative: LegalRepresentative?
    public var detained: Bool
    public var asylumSupport: Bool
    /// The local authority (children, move-on).
    public var localAuthority: String?
    /// Claims linked to this one (family members, earlier claims).
    public var linkedClaims: [ClaimReference]
    /// A National Referral Mechanism (trafficking) referral has been made.
    public var nationalReferralMechanism: Bool
    /// Criminality recorded at screening.
    public var criminality: Bool
    public var vulnerabilities: [VulnerabilityMarker]
    public var protectedCharacteristics: ProtectedCharacteristics?
    public var claimType: ClaimType
    /// Biometric reference from screening, used to catch duplicates.
    public var biometricReference: String?
    /// Port reference, used to catch duplicates.
    public var portReference: String?

    /// Creates the facts of a claim.
    public init(
        mainApplicant: Person, dependants: [Dependant] = [], dateOfClaim: LocalDate, unaccompaniedChild: Bool = false,
        ageDisputed: Bool = false, languages: [SpokenLanguage], address: Address? = nil,
        legalRepresentative: LegalRepresentative? = nil, detained: Bool = false, asylumSupport: Bool = false,
        localAuthority: String? = nil, linkedClaims: [ClaimReference] = [], nationalReferralMechanism: Bool = false,
        criminality: Bool = false, vulnerabilities: [VulnerabilityMarker] = [],
        protectedCharacteristics: ProtectedCharacteristics? = nil, claimType: ClaimType = .straightforward,
        biometricReference: String? = nil, portReference: String? = nil
    ) {
        self.mainApplicant = mainApplicant
        self.dependants = dependants
        self.dateOfClaim = dateOfClaim
        self.unaccompaniedChild = unaccompaniedChild
        self.ageDisputed = ageDisputed
        self.languages = languages
        self.address = address
        self.legalRepresentative = legalRepresentative
        self.detained = detained
        self.asylumSupport = asylumSupport
        self.localAuthority = localAuthority
        self.linkedClaims = linkedClaims
        self.nationalReferralMechanism = nationalReferralMechanism
        self.criminality = criminality
        self.vulnerabilities = vulnerabilities
        self.protectedCharacteristics = protectedCharacteristics
        self.claimType = claimType
        self.biometricReference = biometricReference
        self.portReference = portReference
    }
}

/// A claim as it stands now: the projection of its events.
public struct Claim: Codable, Sendable, Hashable {
    public var reference: ClaimReference
    /// How many events the claim has; the next event is number `version + 1`. Writers must name it (optimistic concurrency).
    public var version: Int
    public var facts: ClaimFacts
    public var regime: Regime
    public var stage: Stage
    /// The latest outcome, if one has been recorded.
    public var outcome: Outcome?
    /// The unit that owns the claim.
    public var owningUnit: UnitID
    public var registeredAt: Instant
    public var registeredBy: StaffID
    public var updatedAt: Instant
    /// How many notes the claim has.
    public var noteCount: Int
    /// The decision maker (or other caseworker) who holds the claim now; nil when it waits in its unit's queue.
    /// Ownership is exclusive and immediate: it changes only by an event (8.38, ICAT's 48-hour-stale copies).
    public var holder: StaffID?
    /// When the holder took it.
    public var heldSince: Instant?
    /// What the work in progress records about the claim beyond its registered facts: safeguarding referral,
    /// committed date, priority on request, cohort drop-outs and how often it was reallocated.
    public var work: ClaimWork

    /// Creates a claim.
    public init(
        reference: ClaimReference, version: Int, facts: ClaimFacts, regime: Regime, stage: Stage, outcome: Outcome?,
        owningUnit: UnitID, registeredAt: Instant, registeredBy: StaffID, updatedAt: Instant, noteCount: Int,
        holder: StaffID? = nil, heldSince: Instant? = nil, work: ClaimWork = ClaimWork()
    ) {
        self.work = work
        self.holder = holder
        self.heldSince = heldSince
        self.reference = reference
        self.version = version
        self.facts = facts
        self.regime = regime
        self.stage = stage
        self.outcome = outcome
        self.owningUnit = owningUnit
        self.registeredAt = registeredAt
        self.registeredBy = registeredBy
        self.updatedAt = updatedAt
        self.noteCount = noteCount
    }
}

/// What the work in progress records on a claim after registration, each piece by its own event: what prioritisation
/// reads (safeguarding referral, committed date, priority on request), which cohorts the claim dropped out of, and how
/// many times it was reallocated (the churn figure).
public struct ClaimWork: Codable, Sendable, Hashable {
    /// The latest safeguarding referral raised for the claimant.
    public var safeguarding: SafeguardingReferral?
    /// The date a decision is committed by (JR, PAP, MP case), while one stands.
    public var commitment: DecisionCommitment?
    /// Priority granted on request (8.20).
    public var priorityOnRequest: PriorityOnRequest?
    /// Operations (by code) the claim dropped out of, with the reason (7.16–7.17).
    public var cohortDropOuts: [String: DropOutReason]
    /// Times the claim moved from one person or unit to another (reassignments and transfers; not first allocations).
    public var reallocations: Int
    /// What the claimant needs to attend an interview, as last recorded.
    public var interviewNeeds: InterviewNeeds?
    /// No interview before this date: a postponement was granted.
    public var interviewNotBefore: LocalDate?

    /// Creates the record; empty by default.
    public init(
        safeguarding: SafeguardingReferral? = nil, commitment: DecisionCommitment? = nil, priorityOnRequest: PriorityOnRequest? = nil,
        cohortDropOuts: [String: DropOutReason] = [:], reallocations: Int = 0, interviewNeeds: InterviewNeeds? = nil,
        interviewNotBefore: LocalDate? = nil
    ) {
        self.safeguarding = safeguarding
        self.commitment = commitment
        self.priorityOnRequest = priorityOnRequest
        self.cohortDropOuts = cohortDropOuts
        self.reallocations = reallocations
        self.interviewNeeds = interviewNeeds
        self.interviewNotBefore = interviewNotBefore
    }

    /// True when nothing has been recorded.
    public var isEmpty: Bool { self == ClaimWork() }
}
