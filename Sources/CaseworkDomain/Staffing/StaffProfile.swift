/// Why a member of staff is away: leave and sickness are counted apart because the report's adjusted-FTE figures and
/// attrition analysis treat them differently (9.22, 6.52); other duties (training, a project) take a DM off casework too.
public enum AbsenceKind: String, Codable, Sendable, CaseIterable {
    /// Annual leave.
    case annualLeave = "annual-leave"
    /// Sickness absence.
    case sickness
    /// Away from casework on other duties: training, a project, a detached duty.
    case otherDuties = "other-duties"

    /// The kind as staff say it.
    public var title: String {
        switch self {
        case .annualLeave: "Annual leave"
        case .sickness: "Sickness"
        case .otherDuties: "Other duties"
        }
    }
}

/// A recorded absence: the days away (both included) and why. Effective capacity is 0 on each of them.
public struct StaffAbsence: Codable, Sendable, Hashable {
    /// The days away.
    public let period: AbsencePeriod
    /// Why.
    public let kind: AbsenceKind

    /// Creates an absence; use `StaffAbsenceInput.validated` to make one from a user's input.
    public init(period: AbsencePeriod, kind: AbsenceKind) {
        self.period = period
        self.kind = kind
    }

    /// The first day away.
    public var firstDay: LocalDate { period.from }
    /// The last day away.
    public var lastDay: LocalDate { period.through }
    /// Days away, both ends included.
    public var days: Int { period.from.days(until: period.through) + 1 }

    /// Whether the two absences share at least one day.
    public func overlaps(_ other: StaffAbsence) -> Bool { firstDay <= other.lastDay && other.firstDay <= lastDay }

    private enum CodingKeys: String, CodingKey { case firstDay, lastDay, kind }

    /// Decodes `{firstDay, lastDay, kind}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        period = AbsencePeriod(from: try container.decode(LocalDate.self, forKey: .firstDay), through: try container.decode(LocalDate.self, forKey: .lastDay))
        kind = try container.decode(AbsenceKind.self, forKey: .kind)
    }

    /// Encodes `{firstDay, lastDay, kind}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(firstDay, forKey: .firstDay)
        try container.encode(lastDay, forKey: .lastDay)
        try container.encode(kind, forKey: .kind)
    }
}

/// What a member of staff's record says about their casework: team, training, competence, working pattern and the
/// operation they work (DOMAIN.md "Staff, training and competence"; 1.6, 1.10–1.13, 9.22). Absences are kept apart,
/// as a list of their own.
///
/// Every field may be unrecorded, as it is for staff added before the record was kept: `trainedFor == nil` means "not
/// recorded", and such a caseworker is given any claim, as before (see `NextClaimEligibility`).
public struct StaffProfile: Codable, Sendable, Hashable {
    /// The team within the unit, by name (a team leader and their DMs share it).
    public var team: String?
    /// Interviews, decisions or both; nil when not recorded.
    public var trainedFor: CaseworkTraining?
    /// Has done the children's casework (safeguarding children) training: only they are given children's claims.
    public var childrensCasework: Bool
    /// The first day in the role; the capacity ramp runs from it. Nil when not recorded.
    public var startDate: LocalDate?
    /// Signed off as competent by a technical specialist; until then every decision is checked (100% checks, 10.8–10.11).
    public var signedOff: Bool
    /// Contracted full-time equivalent, more than 0 and at most 1.
    public var fte: Double
    /// The operation (cohort) they work, by code; nil for the general WIP.
    public var operation: String?

    /// Creates a profile; use `StaffProfileInput.validated` to make one from a user's input.
    public init(
        team: String? = nil, trainedFor: CaseworkTraining? = nil, childrensCasework: Bool = false, startDate: LocalDate? = nil,
        signedOff: Bool = false, fte: Double = 1, operation: String? = nil
    ) {
        self.team = team
        self.trainedFor = trainedFor
        self.childrensCasework = childrensCasework
        self.startDate = startDate
        self.signedOff = signedOff
        self.fte = fte
        self.operation = operation
    }

    /// A record with nothing recorded: the state of every member of staff added before staff records were kept.
    public static let unrecorded = StaffProfile()

    /// The profile's training as staff say it.
    public var trainingTitle: String { trainedFor.map(\.title) ?? "Not recorded" }

    /// Whole weeks in the role on `date`, or nil when no start date is recorded or the date is before it.
    public func weeksInRole(on date: LocalDate) -> Int? {
        guard let startDate, date >= startDate else { return nil }
        return startDate.days(until: date) / 7
    }

    /// What changed from `old` to this profile, one plain line per field: the history of a staff record.
    public func changes(from old: StaffProfile) -> [String] {
        func text(_ value: String?) -> String { value ?? "none" }
        func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }
        var lines: [String] = []
        if team != old.team { lines.append("Team: \(text(old.team)) → \(text(team))") }
        if trainedFor != old.trainedFor { lines.append("Trained for: \(old.trainingTitle.lowercased()) → \(trainingTitle.lowercased())") }
        if childrensCasework != old.childrensCasework { lines.append("Children's casework training: \(yesNo(old.childrensCasework)) → \(yesNo(childrensCasework))") }
        if startDate != old.startDate { lines.append("Start date in role: \(old.startDate?.longForm ?? "none") → \(startDate?.longForm ?? "none")") }
        if signedOff != old.signedOff {
            lines.append(signedOff ? "Signed off as competent (no longer on 100% checks)" : "Back on 100% checks (sign-off withdrawn)")
        }
        if fte != old.fte { lines.append("FTE: \(StaffProfile.fteText(old.fte)) → \(StaffProfile.fteText(fte))") }
        if operation != old.operation { lines.append("Operation: \(old.operation ?? "general WIP") → \(operation ?? "general WIP")") }
        return lines
    }

    /// An FTE or effective FTE as shown on pages: up to two decimal places, no trailing zeros ("1", "0.8", "0.45").
    public static func fteText(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return String(whole) }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension CaseworkTraining {
    /// The training as staff say it.
    public var title: String {
        switch self {
        case .interviews: "Interviews only"
        case .decisions: "Decisions only"
        case .both: "Interviews and decisions"
        }
    }
}

/// Limits on staff records, in one place.
public enum StaffRecordPolicy {
    /// A team's name: short text.
    public static let maximumTeamNameLength = 60
    /// No start date in role before this (earlier dates are data-entry errors; 8.95's '00/01/1900').
    public static let earliestStartDate = LocalDate(year: 1990, month: 1, day: 1)!
    /// A start date may be booked ahead for a new starter, up to this many days.
    public static let startDateDaysAhead = 366
    /// Absences may be recorded back to this date (older ones no longer affect any figure the platform shows).
    public static let earliestAbsence = LocalDate(year: 2000, month: 1, day: 1)!
    /// Planned leave may be recorded up to this many days ahead.
    public static let absenceDaysAhead = 2 * 366
    /// One absence covers at most this many days; a longer one is recorded in pieces, so each is reviewed.
    public static let maximumAbsenceDays = 366
}

/// A staff profile as typed into the form or sent to the API: everything as text (or a boolean), checked by `validated`.
public struct StaffProfileInput: Codable, Sendable, Hashable {
    public var team: String?
    /// "interviews", "decisions", "both", or empty for not recorded.
    public var trainedFor: String?
    public var childrensCasework: Bool?
    /// YYYY-MM-DD.
    public var startDate: String?
    public var signedOff: Bool?
    /// A number: from the API as a JSON number or text, from the form as text.
    public var fte: String?
    /// An operation's code, or empty for the general WIP.
    public var operation: String?

    /// Creates an input.
    public init(
        team: String? = nil, trainedFor: String? = nil, childrensCasework: Bool? = nil, startDate: String? = nil, signedOff: Bool? = nil,
        fte: String? = nil, operation: String? = nil
    ) {
        self.team = team
        self.trainedFor = trainedFor
        self.childrensCasework = childrensCasework
        self.startDate = startDate
        self.signedOff = signedOff
        self.fte = fte
        self.operation = operation
    }

    /// The input of a profile as it stands, to prefill a form.
    public init(_ profile: StaffProfile) {
        self.init(
            team: profile.team, trainedFor: profile.trainedFor?.rawValue ?? "", childrensCasework: profile.childrensCasework,
            startDate: profile.startDate?.iso, signedOff: profile.signedOff, fte: StaffProfile.fteText(profile.fte), operation: profile.operation ?? ""
        )
    }

    private enum CodingKeys: String, CodingKey { case team, trainedFor, childrensCasework, startDate, signedOff, fte, operation }

    /// Decodes the input, taking `fte` as a JSON number or as text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        team = try container.decodeIfPresent(String.self, forKey: .team)
        trainedFor = try container.decodeIfPresent(String.self, forKey: .trainedFor)
        childrensCasework = try container.decodeIfPresent(Bool.self, forKey: .childrensCasework)
        startDate = try container.decodeIfPresent(String.self, forKey: .startDate)
        signedOff = try container.decodeIfPresent(Bool.self, forKey: .signedOff)
        if let number = try? container.decodeIfPresent(Double.self, forKey: .fte) {
            fte = String(number)
        } else {
            fte = try container.decodeIfPresent(String.self, forKey: .fte)
        }
        operation = try container.decodeIfPresent(String.self, forKey: .operation)
    }

    /// The profile, or every broken rule by field. The operation's code is only checked for shape here: whether such an
    /// operation exists is the store's to say.
    public func validated(today: LocalDate) throws(ValidationFailure) -> StaffProfile {
        var check = Validator()
        let team = check.optionalText(self.team, "team", label: "the team's name", maximum: StaffRecordPolicy.maximumTeamNameLength)
        var training: CaseworkTraining?
        if let text = trainedFor?.trimmingWhitespace, !text.isEmpty {
            training = check.choice(text, "trainedFor", label: "what they are trained for")
        }
        var start: LocalDate?
        if let text = startDate?.trimmingWhitespace, !text.isEmpty {
            let latest = today.adding(days: StaffRecordPolicy.startDateDaysAhead)
            if let date = LocalDate(iso: text) {
                if date < StaffRecordPolicy.earliestStartDate {
                    check.fail("startDate", "The start date in role must be on or after \(StaffRecordPolicy.earliestStartDate.longForm)")
                } else if date > latest {
                    check.fail("startDate", "The start date in role must be no later than \(latest.longForm) (a year ahead)")
                } else {
                    start = date
                }
            } else {
                check.fail("startDate", "The start date in role must be a real date in the form YYYY-MM-DD, for example 2023-06-28")
            }
        } else if training != nil {
            check.fail("startDate", "Enter the date they started in the role: effective capacity ramps up from it (9.22)")
        }
        var fteValue: Double?
        if let text = fte?.trimmingWhitespace, !text.isEmpty {
            if let value = Double(text), value.isFinite {
                if value > 0, value <= 1 { fteValue = value } else { check.fail("fte", "FTE must be more than 0 and at most 1, for example 1 or 0.6 (it is \(text.prefix(20)))") }
            } else {
                check.fail("fte", "FTE must be a number more than 0 and at most 1, for example 1 or 0.6")
            }
        } else {
            check.fail("fte", "Enter the FTE they work, for example 1 for full time or 0.6 for three days a week")
        }
        let signedOff = self.signedOff ?? false
        if signedOff, !(training?.covers(.decision) ?? false) {
            check.fail("signedOff", "Only someone trained for decisions can be signed off: sign-off is three decisions at DQ1 or DQ2 (10.12)")
        }
        var operation: String?
        if let text = self.operation?.trimmingWhitespace, !text.isEmpty {
            if text.count > 40 || !text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                check.fail("operation", "The operation must be an operation's code, for example AMESA")
            } else {
                operation = text
            }
        }
        try check.finish()
        return StaffProfile(
            team: team, trainedFor: training, childrensCasework: childrensCasework ?? false, startDate: start, signedOff: signedOff,
            fte: fteValue ?? 1, operation: operation
        )
    }
}

/// An absence as typed into the form or sent to the API, checked by `validated`.
public struct StaffAbsenceInput: Codable, Sendable, Hashable {
    /// YYYY-MM-DD.
    public var firstDay: String?
    /// YYYY-MM-DD; the same as the first day for one day away.
    public var lastDay: String?
    /// "annual-leave", "sickness" or "other-duties".
    public var kind: String?

    /// Creates an input.
    public init(firstDay: String? = nil, lastDay: String? = nil, kind: String? = nil) {
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.kind = kind
    }

    /// The absence, or every broken rule by field. Overlap with absences already recorded is the store's to check.
    public func validated(today: LocalDate) throws(ValidationFailure) -> StaffAbsence {
        var check = Validator()
        let latest = today.adding(days: StaffRecordPolicy.absenceDaysAhead)
        func day(_ text: String?, _ field: String, _ label: String) -> LocalDate? {
            guard let text = text?.trimmingWhitespace, !text.isEmpty else {
                check.fail(field, "Enter the \(label)")
                return nil
            }
            guard let date = LocalDate(iso: text) else {
                check.fail(field, "The \(label) must be a real date in the form YYYY-MM-DD, for example 2023-10-30")
                return nil
            }
            if date < StaffRecordPolicy.earliestAbsence {
                check.fail(field, "The \(label) must be on or after \(StaffRecordPolicy.earliestAbsence.longForm)")
                return nil
            }
            if date > latest {
                check.fail(field, "The \(label) must be no later than \(latest.longForm)")
                return nil
            }
            return date
        }
        let first = day(firstDay, "firstDay", "first day away")
        let last = day(lastDay, "lastDay", "last day away")
        let kind: AbsenceKind? = check.choice(self.kind, "kind", label: "the kind of absence")
        if let first, let last {
            if last < first {
                check.fail("lastDay", "The last day away must be the same as or after the first day (\(first.longForm))")
            } else if first.days(until: last) + 1 > StaffRecordPolicy.maximumAbsenceDays {
                check.fail("lastDay", "One absence can be at most \(StaffRecordPolicy.maximumAbsenceDays) days; record a longer one in parts")
            }
        }
        try check.finish()
        return StaffAbsence(period: AbsencePeriod(from: first!, through: last!), kind: kind!)
    }
}
