/// What follows a claimant's failure to attend an interview (10.42–10.43): a letter to the claimant and to the
/// representative, and a date by which they may respond before anyone may propose treating the claim as withdrawn.
///
/// - The claimant has 5 working days to respond, or 24 hours when detained (10.43).
/// - The invitation, the failure-to-attend letter and the interview must never be on the same day as one another (10.42):
///   the inspectors found failure-to-attend letters produced on the day of the interview itself. A no-show is recorded
///   on the interview day, so the letter is prepared at once but dated, and sent, on the next working day; the response
///   period runs from the letter's date.
/// - Nothing is withdrawn automatically: when the period ends, a decision maker is asked to rebook or propose withdrawal.
public struct FailureToAttendRule: Sendable, Hashable {
    /// Working days to respond after the letter (10.43).
    public let responseWorkingDays: Int
    /// Hours to respond when the claimant is detained (10.43).
    public let detainedResponseHours: Int
    /// The working-day calendar the periods are counted in.
    public let calendar: WorkingDayCalendar

    /// The rule in force, counted in the platform's calendar.
    public static let current = FailureToAttendRule(responseWorkingDays: 5, detainedResponseHours: 24, calendar: .platformDefault)

    /// Creates a rule.
    public init(responseWorkingDays: Int, detainedResponseHours: Int, calendar: WorkingDayCalendar) {
        self.responseWorkingDays = responseWorkingDays
        self.detainedResponseHours = detainedResponseHours
        self.calendar = calendar
    }

    /// The date of the failure-to-attend letter for an interview on `interviewDay`: the next working day, never the
    /// interview's own day (10.42).
    public func letterDate(afterInterviewOn interviewDay: LocalDate) throws(CalendarNotCovered) -> LocalDate {
        try calendar.addingWorkingDays(1, to: interviewDay)
    }

    /// The letter's date when the no-show is recorded on `recordedOn`: at once, but never on the interview's day. Recorded
    /// on the day (or before the next working day), it is dated the next working day; recorded later, it is dated the day
    /// it is produced, or the next working day when that is not one, so it is never back-dated.
    public func letterDate(afterInterviewOn interviewDay: LocalDate, recordedOn: LocalDate) throws(CalendarNotCovered) -> LocalDate {
        let next = try letterDate(afterInterviewOn: interviewDay)
        guard recordedOn > next else { return next }
        return try calendar.isWorkingDay(recordedOn) ? recordedOn : try calendar.addingWorkingDays(1, to: recordedOn)
    }

    /// When the claimant's time to respond ends, for a letter sent at `sent`: 24 hours later when detained, else the
    /// end of the fifth working day after the letter's date (the whole of that day is theirs).
    public func responseDeadline(letterSent sent: Instant, detained: Bool) throws(CalendarNotCovered) -> Instant {
        if detained { return sent.adding(milliseconds: Int64(detainedResponseHours) * 3_600_000) }
        let lastDay = try calendar.addingWorkingDays(responseWorkingDays, to: sent.date)
        return Instant(startOf: lastDay.adding(days: 1))
    }

    /// Every pair of the invitation, the interview and the failure-to-attend letter that falls on the same day, in words;
    /// empty when the three days differ (10.42). A missing letter (the claimant attended) is not compared.
    public func sameDayProblems(invitation: LocalDate, interview: LocalDate, failureLetter: LocalDate?) -> [String] {
        var problems: [String] = []
        if invitation == interview {
            problems.append("The invitation and the interview are both dated \(interview.longForm): the claimant must be invited before the day (10.42)")
        }
        if let failureLetter, failureLetter == interview {
            problems.append("The failure-to-attend letter is dated the day of the interview, \(interview.longForm): it must be dated a later day (10.42)")
        }
        if let failureLetter, failureLetter == invitation, invitation != interview {
            problems.append("The failure-to-attend letter and the invitation are both dated \(invitation.longForm) (10.42)")
        }
        return problems
    }
}
