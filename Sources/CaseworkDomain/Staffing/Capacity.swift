/// What a decision maker has been trained to do. New DMs were trained for interviews only or decisions only, with the
/// other course later (1.6).
public enum CaseworkTraining: String, Codable, Sendable, CaseIterable {
    /// Trained to interview, not yet to decide.
    case interviews
    /// Trained to decide, not yet to interview.
    case decisions
    /// Trained for both.
    case both

    /// Whether this training covers `activity`.
    public func covers(_ activity: CaseworkActivity) -> Bool {
        switch (self, activity) {
        case (.both, _), (.interviews, .interview), (.decisions, .decision): true
        default: false
        }
    }
}

/// A kind of casework a DM may be given: allocation must match it to their training (1.6).
public enum CaseworkActivity: String, Codable, Sendable, CaseIterable {
    /// A substantive interview.
    case interview
    /// A decision.
    case decision
}

/// A period a member of staff is away (leave, sickness, other duties), both days included.
public struct AbsencePeriod: Codable, Sendable, Hashable {
    /// The first day away.
    public var from: LocalDate
    /// The last day away.
    public var through: LocalDate

    /// Creates a period; `through` on or after `from` is checked by `TrainingProfile`.
    public init(from: LocalDate, through: LocalDate) {
        self.from = from
        self.through = through
    }

    /// Whether `date` falls in the period.
    public func contains(_ date: LocalDate) -> Bool { from <= date && date <= through }
}

/// A decision maker's training and working pattern: what adjusted FTE is calculated from (1.6, 1.10–1.13, 9.22).
public struct TrainingProfile: Codable, Sendable, Hashable {
    /// Interviews, decisions or both.
    public let trainedFor: CaseworkTraining
    /// Has done the children's casework (safeguarding children) training.
    public let childrensCasework: Bool
    /// The first day in the DM role.
    public let startDate: LocalDate
    /// Signed off as competent by a tech spec; until then every decision is checked (100% checks, 10.8–10.11).
    public let signedOff: Bool
    /// Contracted full-time equivalent, more than 0 and at most 1.
    public let fte: Double
    /// Periods away.
    public let absences: [AbsencePeriod]

    /// Creates a profile; throws when `fte` is not in (0, 1] or an absence ends before it starts.
    public init(
        trainedFor: CaseworkTraining, childrensCasework: Bool = false, startDate: LocalDate, signedOff: Bool = false,
        fte: Double = 1, absences: [AbsencePeriod] = []
    ) throws(ValidationFailure) {
        var errors: [FieldError] = []
        if !(fte > 0 && fte <= 1) {
            errors.append(FieldError(field: "fte", message: "FTE must be more than 0 and at most 1 (it is \(fte))"))
        }
        for (index, absence) in absences.enumerated() where absence.through < absence.from {
            errors.append(
                FieldError(field: "absences[\(index)].through", message: "An absence must end on or after the day it starts (\(absence.from.longForm))")
            )
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        self.trainedFor = trainedFor
        self.childrensCasework = childrensCasework
        self.startDate = startDate
        self.signedOff = signedOff
        self.fte = fte
        self.absences = absences
    }

    /// Whether the DM is away on `date`.
    public func isAbsent(on date: LocalDate) -> Bool { absences.contains { $0.contains(date) } }

    /// Whether the DM is trained for `activity`, and, for a child's claim, has the children's casework training.
    public func isTrained(for activity: CaseworkActivity, childClaim: Bool = false) -> Bool {
        trainedFor.covers(activity) && (!childClaim || childrensCasework)
    }
}

/// One point of the ramp: after `weeks` in role a DM is `effectiveness` (0…1) as productive as a fully effective one.
public struct RampPoint: Codable, Sendable, Hashable {
    /// Weeks in role.
    public let weeks: Double
    /// Effectiveness then, 0 to 1.
    public let effectiveness: Double

    /// Creates a point.
    public init(weeks: Double, effectiveness: Double) {
        self.weeks = weeks
        self.effectiveness = effectiveness
    }
}

/// How quickly a new DM becomes effective, as data: the 'adjusted FTE' behind DMU trajectories and targets (9.21–9.22).
///
/// Effectiveness is read off the ramp, linear between points and flat after the last; the day a DM starts is week 0,
/// and `weeks = days in role / 7`. Effective FTE on a day is `fte × effectiveness`, and 0 before the start date or on
/// a day of absence. Sign-off does not change it: the ramp is time in role (9.22); 100% checks cost checkers' time,
/// which is counted against the checker, not here.
public struct CapacityPolicy: Codable, Sendable, Hashable {
    /// The ramp, weeks strictly increasing, effectiveness within 0…1.
    public let ramp: [RampPoint]

    /// 9.22: "20% effective after four weeks … 'fully effective' after seven months in the role". Seven months is
    /// taken as 30 weeks (210 days); the start is 0; linear between.
    public static let current = CapacityPolicy(
        unchecked: [RampPoint(weeks: 0, effectiveness: 0), RampPoint(weeks: 4, effectiveness: 0.2), RampPoint(weeks: 30, effectiveness: 1)]
    )

    /// Creates a policy; throws when the ramp is empty, starts before week 0, its weeks do not increase, or an
    /// effectiveness is outside 0…1.
    public init(ramp: [RampPoint]) throws(ValidationFailure) {
        var errors: [FieldError] = []
        if ramp.isEmpty { errors.append(FieldError(field: "ramp", message: "Give at least one point of the ramp")) }
        if let first = ramp.first, first.weeks < 0 {
            errors.append(FieldError(field: "ramp[0].weeks", message: "The ramp must start at week 0 or later"))
        }
        for (index, point) in ramp.enumerated() {
            if !(0...1).contains(point.effectiveness) {
                errors.append(FieldError(field: "ramp[\(index)].effectiveness", message: "Effectiveness must be from 0 to 1"))
            }
            if index > 0, !(point.weeks > ramp[index - 1].weeks) {
                errors.append(FieldError(field: "ramp[\(index)].weeks", message: "Weeks must increase along the ramp"))
            }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        self.ramp = ramp
    }

    private init(unchecked ramp: [RampPoint]) { self.ramp = ramp }

    /// Decodes a policy, applying the same checks as `init(ramp:)`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(ramp: container.decode([RampPoint].self, forKey: .ramp))
    }

    private enum CodingKeys: String, CodingKey { case ramp }

    /// Effectiveness after `weeks` in role: 0 before week 0 and before the first point, linear between points,
    /// the last point's value after it.
    public func effectiveness(afterWeeks weeks: Double) -> Double {
        guard weeks >= 0, let first = ramp.first, weeks >= first.weeks else { return 0 }
        for (lower, upper) in zip(ramp, ramp.dropFirst()) where weeks < upper.weeks {
            return lower.effectiveness + (upper.effectiveness - lower.effectiveness) * (weeks - lower.weeks) / (upper.weeks - lower.weeks)
        }
        return ramp.last!.effectiveness
    }

    /// The DM's effective FTE on `date`: 0 before they start or when absent, else `fte × effectiveness`.
    public func effectiveFTE(_ profile: TrainingProfile, on date: LocalDate) -> Double {
        guard date >= profile.startDate, !profile.isAbsent(on: date) else { return 0 }
        return profile.fte * effectiveness(afterWeeks: Double(profile.startDate.days(until: date)) / 7)
    }

    /// The DM's effective FTE averaged over every calendar day from `from` through `to` (both included); 0 when
    /// `to` is before `from`.
    public func effectiveFTE(_ profile: TrainingProfile, from: LocalDate, to: LocalDate) -> Double {
        let days = from.days(until: to) + 1
        guard days > 0 else { return 0 }
        var total = 0.0
        for offset in 0..<days { total += effectiveFTE(profile, on: from.adding(days: offset)) }
        return total / Double(days)
    }

    /// The adjusted FTE of a team on `date`: the sum of its DMs' effective FTE (five DMs at 20% make one, 9.22).
    public func effectiveFTE(_ profiles: [TrainingProfile], on date: LocalDate) -> Double {
        profiles.reduce(0) { $0 + effectiveFTE($1, on: date) }
    }
}
