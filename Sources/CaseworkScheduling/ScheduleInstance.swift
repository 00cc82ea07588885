import CaseworkDomain

/// A week of interviews to book, as `docs/schedule-format.md` defines it (`casework-schedule-instance/1`): the days,
/// the rooms' slots, the interpreters and decision makers who can attend, and the claims waiting for an interview.
///
/// The planner's page builds it from the database and the benchmark generates it, so the scheduler, the CP-SAT model
/// and the independent validator all read the same document. Decoding checks only the JSON's shape; `validated()` (or
/// `ScheduleInstance.decode`) checks every reference and value and names the field that is wrong.
public struct ScheduleInstance: Codable, Sendable, Hashable {
    /// The format name this type reads and writes.
    public static let formatName = "casework-schedule-instance/1"

    /// Always `formatName`; anything else is refused, so a future format is never misread.
    public var format: String
    /// The days that may be booked, in order (working days only).
    public var week: [LocalDate]
    /// Minimum notice: no interview before this date.
    public var earliestDate: LocalDate
    /// The share of extra claimants to invite as reserves against no-shows (8.72 suggests 6–7%); 0 when absent.
    public var manifestShare: Double
    /// Slot minutes per interview kind and the child's break minutes.
    public var policy: SchedulePolicy
    /// Interview locations.
    public var locations: [ScheduleLocation]
    /// Rooms, each at one location.
    public var rooms: [ScheduleRoom]
    /// Slots: one room at one time on one day, each holding at most one interview.
    public var slots: [ScheduleSlot]
    /// Interpreters who can be booked this week.
    public var interpreters: [ScheduleInterpreter]
    /// Interview-trained decision makers who declared availability this week.
    public var decisionMakers: [ScheduleDecisionMaker]
    /// Claims waiting for an interview.
    public var claims: [ScheduleClaim]

    /// Creates an instance.
    public init(
        week: [LocalDate], earliestDate: LocalDate, manifestShare: Double = 0, policy: SchedulePolicy = SchedulePolicy(InterviewPolicy.current),
        locations: [ScheduleLocation], rooms: [ScheduleRoom], slots: [ScheduleSlot], interpreters: [ScheduleInterpreter],
        decisionMakers: [ScheduleDecisionMaker], claims: [ScheduleClaim]
    ) {
        self.format = ScheduleInstance.formatName
        self.week = week
        self.earliestDate = earliestDate
        self.manifestShare = manifestShare
        self.policy = policy
        self.locations = locations
        self.rooms = rooms
        self.slots = slots
        self.interpreters = interpreters
        self.decisionMakers = decisionMakers
        self.claims = claims
    }

    private enum CodingKeys: String, CodingKey {
        case format, week, earliestDate, manifestShare, policy, locations, rooms, slots, interpreters, decisionMakers, claims
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        week = try container.decode([LocalDate].self, forKey: .week)
        earliestDate = try container.decode(LocalDate.self, forKey: .earliestDate)
        manifestShare = try container.decodeIfPresent(Double.self, forKey: .manifestShare) ?? 0
        policy = try container.decode(SchedulePolicy.self, forKey: .policy)
        locations = try container.decode([ScheduleLocation].self, forKey: .locations)
        rooms = try container.decode([ScheduleRoom].self, forKey: .rooms)
        slots = try container.decode([ScheduleSlot].self, forKey: .slots)
        interpreters = try container.decode([ScheduleInterpreter].self, forKey: .interpreters)
        decisionMakers = try container.decode([ScheduleDecisionMaker].self, forKey: .decisionMakers)
        claims = try container.decode([ScheduleClaim].self, forKey: .claims)
    }
}

/// The policy part of an instance: slot minutes per interview kind and the child's break minutes (`InterviewPolicy`).
///
/// On the wire `slotMinutes` is an object keyed by the kind's name (`"complex-substantive": 240`); an unknown kind is
/// refused by name.
public struct SchedulePolicy: Codable, Sendable, Hashable {
    /// Minutes booked for each kind of interview, for an adult.
    public var slotMinutes: [InterviewKind: Int]
    /// Minutes of break added for every started hour of a child's interview.
    public var childBreakMinutes: Int

    /// Creates a policy.
    public init(slotMinutes: [InterviewKind: Int], childBreakMinutes: Int) {
        self.slotMinutes = slotMinutes
        self.childBreakMinutes = childBreakMinutes
    }

    /// The scheduling part of the policy in force.
    public init(_ policy: InterviewPolicy) { self.init(slotMinutes: policy.slotMinutes, childBreakMinutes: policy.childBreakMinutes) }

    /// The required length of an interview: `L = slotMinutes[kind]`, plus `ceil(L / 60) × childBreakMinutes` for a
    /// child, by the same rule as `InterviewPolicy.slotLength`. Nil when the policy has no length for `kind`.
    public func requiredMinutes(_ kind: InterviewKind, child: Bool) -> Int? {
        guard slotMinutes[kind] != nil else { return nil }
        let policy = InterviewPolicy(
            slotMinutes: slotMinutes, childBreakMinutes: childBreakMinutes,
            agreementNeededAfterMinutes: InterviewPolicy.current.agreementNeededAfterMinutes
        )
        return policy.slotLength(kind, child: child)
    }

    private enum CodingKeys: String, CodingKey { case slotMinutes, childBreakMinutes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let named = try container.decode([String: Int].self, forKey: .slotMinutes)
        var minutes: [InterviewKind: Int] = [:]
        for (name, value) in named {
            guard let kind = InterviewKind(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .slotMinutes, in: container,
                    debugDescription: "'\(name)' is not an interview kind (\(InterviewKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            minutes[kind] = value
        }
        slotMinutes = minutes
        childBreakMinutes = try container.decode(Int.self, forKey: .childBreakMinutes)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var named: [String: Int] = [:]
        for (kind, value) in slotMinutes { named[kind.rawValue] = value }
        try container.encode(named, forKey: .slotMinutes)
        try container.encode(childBreakMinutes, forKey: .childBreakMinutes)
    }
}

/// A place where interviews are held, with the days of the week it is open.
public struct ScheduleLocation: Codable, Sendable, Hashable {
    /// Unique within the instance.
    public var id: String
    /// As planners say it ("Croydon").
    public var name: String
    /// Degrees north.
    public var latitude: Double
    /// Degrees east.
    public var longitude: Double
    /// The days it is open for interviews.
    public var openDays: [LocalDate]

    /// Creates a location.
    public init(id: String, name: String, latitude: Double, longitude: Double, openDays: [LocalDate]) {
        self.id = id
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.openDays = openDays
    }
}

/// An interview room at a location.
public struct ScheduleRoom: Codable, Sendable, Hashable {
    /// Unique within the instance.
    public var id: String
    /// The location's `id`.
    public var location: String
    /// Suitable for a child's interview.
    public var childSuitable: Bool
    /// Step-free access.
    public var stepFree: Bool

    /// Creates a room.
    public init(id: String, location: String, childSuitable: Bool, stepFree: Bool) {
        self.id = id
        self.location = location
        self.childSuitable = childSuitable
        self.stepFree = stepFree
    }
}

/// A time of day on the 24-hour clock, written `HH:MM`.
public struct ScheduleTime: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes after midnight, 0–1439.
    public let minuteOfDay: Int

    /// Creates a time; nil outside 00:00–23:59.
    public init?(minuteOfDay: Int) {
        guard (0..<1440).contains(minuteOfDay) else { return nil }
        self.minuteOfDay = minuteOfDay
    }

    /// Parses strict `HH:MM` (two digits each, hours 00–23); nil for anything else.
    public init?(text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":") else { return nil }
        var digits: [Int] = []
        for index in [0, 1, 3, 4] {
            guard bytes[index] >= 48, bytes[index] <= 57 else { return nil }
            digits.append(Int(bytes[index] - 48))
        }
        let hours = digits[0] * 10 + digits[1], minutes = digits[2] * 10 + digits[3]
        guard hours < 24, minutes < 60 else { return nil }
        self.minuteOfDay = hours * 60 + minutes
    }

    /// "09:30".
    public var description: String {
        let hours = minuteOfDay / 60, minutes = minuteOfDay % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    public static func < (lhs: ScheduleTime, rhs: ScheduleTime) -> Bool { lhs.minuteOfDay < rhs.minuteOfDay }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = ScheduleTime(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a time in the form HH:MM on the 24-hour clock")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// One room at one time on one day; it holds at most one interview.
public struct ScheduleSlot: Codable, Sendable, Hashable {
    /// Unique within the instance.
    public var id: String
    /// The room's `id`.
    public var room: String
    /// The day.
    public var date: LocalDate
    /// When it starts.
    public var start: ScheduleTime
    /// How long it lasts.
    public var minutes: Int

    /// Creates a slot.
    public init(id: String, room: String, date: LocalDate, start: ScheduleTime, minutes: Int) {
        self.id = id
        self.room = room
        self.date = date
        self.start = start
        self.minutes = minutes
    }
}

/// A language, with a dialect when it matters (10.50–10.51: Kurdish dialects, Sylheti, Moroccan Arabic).
///
/// On a claim, a `nil` dialect means any dialect of the language will do; on an interpreter it means the language
/// without a named dialect, which serves only claims whose dialect is `nil`. Names are compared exactly as written.
public struct ScheduleLanguage: Codable, Sendable, Hashable, CustomStringConvertible {
    /// "Kurdish".
    public var language: String
    /// "Badini", or nil.
    public var dialect: String?

    /// Creates a language.
    public init(_ language: String, dialect: String? = nil) {
        self.language = language
        self.dialect = dialect
    }

    /// "Kurdish (Badini)", or "Arabic" when no dialect is named.
    public var description: String { dialect.map { "\(language) (\($0))" } ?? language }

    private enum CodingKeys: String, CodingKey { case language, dialect }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        language = try container.decode(String.self, forKey: .language)
        dialect = try container.decodeIfPresent(String.self, forKey: .dialect)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(language, forKey: .language)
        try container.encode(dialect, forKey: .dialect)
    }
}

/// An interpreter who can be booked this week.
public struct ScheduleInterpreter: Codable, Sendable, Hashable {
    /// Unique within the instance.
    public var id: String
    /// The languages (and dialects) they interpret.
    public var languages: [ScheduleLanguage]
    /// Location `id`s they attend in person.
    public var locations: [String]
    /// Interprets by video at any location; every booking of a remote interpreter is by video.
    public var remote: Bool
    /// The days they work.
    public var days: [LocalDate]
    /// Most interviews in a day.
    public var dailyMaximum: Int

    /// Creates an interpreter.
    public init(id: String, languages: [ScheduleLanguage], locations: [String], remote: Bool, days: [LocalDate], dailyMaximum: Int) {
        self.id = id
        self.languages = languages
        self.locations = locations
        self.remote = remote
        self.days = days
        self.dailyMaximum = dailyMaximum
    }
}

/// An interview-trained decision maker, with the cohorts they work and the days they declared (8.80).
public struct ScheduleDecisionMaker: Codable, Sendable, Hashable {
    /// Unique within the instance.
    public var id: String
    /// The location `id` they interview at (their own, only).
    public var location: String
    /// Cohorts they work; `"general"` is the general work in progress.
    public var cohorts: [String]
    /// Trained to interview children.
    public var childrenTrained: Bool
    /// The days they can interview.
    public var days: [LocalDate]
    /// Most interviews in a day.
    public var dailyMaximum: Int

    /// Creates a decision maker.
    public init(id: String, location: String, cohorts: [String], childrenTrained: Bool, days: [LocalDate], dailyMaximum: Int) {
        self.id = id
        self.location = location
        self.cohorts = cohorts
        self.childrenTrained = childrenTrained
        self.days = days
        self.dailyMaximum = dailyMaximum
    }
}

/// A claim waiting for an interview, with what the interview needs.
public struct ScheduleClaim: Codable, Sendable, Hashable {
    /// The cohort that stands for the general work in progress: a claim with no cohort needs a decision maker who
    /// lists it.
    public static let generalCohort = "general"

    /// The claim's reference; unique within the instance.
    public var reference: String
    /// 1 is the most urgent; lower numbers are booked first.
    public var priority: Int
    /// The cohort (operation) the claim is in, or nil for the general work in progress.
    public var cohort: String?
    /// The kind of interview.
    public var kind: InterviewKind
    /// The claimant is a child: a child-suitable room, a children-trained decision maker, breaks.
    public var child: Bool
    /// A responsible adult will attend (a child's interview needs one).
    public var responsibleAdult: Bool
    /// The language to interpret, or nil when no interpreter is needed.
    public var language: ScheduleLanguage?
    /// Where the claimant lives, degrees north.
    public var latitude: Double
    /// Where the claimant lives, degrees east.
    public var longitude: Double
    /// The furthest the claimant can be asked to travel, in kilometres.
    public var maximumTravelKm: Double
    /// Needs a room with step-free access.
    public var needsStepFree: Bool
    /// No interview before this date (for example a postponement), or nil.
    public var notBefore: LocalDate?

    /// Creates a claim.
    public init(
        reference: String, priority: Int, cohort: String?, kind: InterviewKind, child: Bool = false, responsibleAdult: Bool = false,
        language: ScheduleLanguage?, latitude: Double, longitude: Double, maximumTravelKm: Double, needsStepFree: Bool = false, notBefore: LocalDate? = nil
    ) {
        self.reference = reference
        self.priority = priority
        self.cohort = cohort
        self.kind = kind
        self.child = child
        self.responsibleAdult = responsibleAdult
        self.language = language
        self.latitude = latitude
        self.longitude = longitude
        self.maximumTravelKm = maximumTravelKm
        self.needsStepFree = needsStepFree
        self.notBefore = notBefore
    }

    /// The cohort a decision maker must list: the claim's own, or `"general"`.
    public var cohortNeeded: String { cohort ?? ScheduleClaim.generalCohort }

    private enum CodingKeys: String, CodingKey {
        case reference, priority, cohort, kind, child, responsibleAdult, language, latitude, longitude, maximumTravelKm, needsStepFree, notBefore
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reference = try container.decode(String.self, forKey: .reference)
        priority = try container.decode(Int.self, forKey: .priority)
        cohort = try container.decodeIfPresent(String.self, forKey: .cohort)
        let kindName = try container.decode(String.self, forKey: .kind)
        guard let kind = InterviewKind(rawValue: kindName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "'\(kindName)' is not an interview kind (\(InterviewKind.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        self.kind = kind
        child = try container.decode(Bool.self, forKey: .child)
        responsibleAdult = try container.decode(Bool.self, forKey: .responsibleAdult)
        language = try container.decodeIfPresent(ScheduleLanguage.self, forKey: .language)
        latitude = try container.decode(Double.self, forKey: .latitude)
        longitude = try container.decode(Double.self, forKey: .longitude)
        maximumTravelKm = try container.decode(Double.self, forKey: .maximumTravelKm)
        needsStepFree = try container.decode(Bool.self, forKey: .needsStepFree)
        notBefore = try container.decodeIfPresent(LocalDate.self, forKey: .notBefore)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reference, forKey: .reference)
        try container.encode(priority, forKey: .priority)
        try container.encode(cohort, forKey: .cohort)
        try container.encode(kind, forKey: .kind)
        try container.encode(child, forKey: .child)
        try container.encode(responsibleAdult, forKey: .responsibleAdult)
        try container.encode(language, forKey: .language)
        try container.encode(latitude, forKey: .latitude)
        try container.encode(longitude, forKey: .longitude)
        try container.encode(maximumTravelKm, forKey: .maximumTravelKm)
        try container.encode(needsStepFree, forKey: .needsStepFree)
        try container.encode(notBefore, forKey: .notBefore)
    }
}
