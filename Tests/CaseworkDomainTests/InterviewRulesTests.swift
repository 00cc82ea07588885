import CaseworkDomain
import Testing

@Suite("Interview slot lengths and the failure-to-attend rules (9.30, 10.42–10.43)")
struct InterviewRulesTests {
    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test("Slot lengths come from the policy; a child's slot adds a break for every started hour")
    func slotLengths() {
        let policy = InterviewPolicy.current
        #expect(policy.slotLength(.substantive, child: false) == 120)
        #expect(policy.slotLength(.complexSubstantive, child: false) == 240)
        #expect(policy.slotLength(.targetedNationality, child: false) == 45)
        #expect(policy.slotLength(.concise, child: false) == 48)
        #expect(policy.slotLength(.substantive, child: true) == 150)  // 120 + 2 started hours × 15
        #expect(policy.slotLength(.targetedNationality, child: true) == 60)  // 45 + 1 × 15
        #expect(!policy.needsAgreement(actualMinutes: 120) && policy.needsAgreement(actualMinutes: 121))
    }

    @Test("The failure-to-attend letter is dated the next working day, never the interview's own day")
    func letterDate() throws {
        let rule = FailureToAttendRule.current
        #expect(try rule.letterDate(afterInterviewOn: day("2024-11-01")) == day("2024-11-04"))  // Friday → Monday
        #expect(try rule.letterDate(afterInterviewOn: day("2023-12-22")) == day("2023-12-27"))  // over Christmas and Boxing Day
        var date = day("2024-01-01")
        while date.year == 2024 {
            let letter = try rule.letterDate(afterInterviewOn: date)
            #expect(letter > date && rule.sameDayProblems(invitation: date.adding(days: -10), interview: date, failureLetter: letter).isEmpty)
            date = date.adding(days: 1)
        }
    }

    @Test("Five working days to respond, counted from the letter's date over bank holidays; 24 hours when detained")
    func responseDeadline() throws {
        let rule = FailureToAttendRule.current
        let monday = Instant(startOf: day("2024-11-04")).adding(milliseconds: 10 * 3_600_000)
        // 5, 6, 7, 8 and 11 November are the five working days: the whole of Monday 11th is the claimant's.
        #expect(try rule.responseDeadline(letterSent: monday, detained: false) == Instant(startOf: day("2024-11-12")))
        // From Wednesday 27 December 2023: 28th, 29th, (1 January is a holiday) 2nd, 3rd, 4th.
        let christmas = Instant(startOf: day("2023-12-27")).adding(milliseconds: 9 * 3_600_000)
        #expect(try rule.responseDeadline(letterSent: christmas, detained: false) == Instant(startOf: day("2024-01-05")))
        #expect(try rule.responseDeadline(letterSent: monday, detained: true) == monday.adding(milliseconds: 24 * 3_600_000))
    }

    @Test("Invitation, interview and letter on the same day are each named")
    func sameDay() {
        let rule = FailureToAttendRule.current
        #expect(rule.sameDayProblems(invitation: day("2024-10-01"), interview: day("2024-10-15"), failureLetter: day("2024-10-16")).isEmpty)
        #expect(rule.sameDayProblems(invitation: day("2024-10-15"), interview: day("2024-10-15"), failureLetter: nil).count == 1)
        #expect(rule.sameDayProblems(invitation: day("2024-10-01"), interview: day("2024-10-15"), failureLetter: day("2024-10-15")).first?.contains("day of the interview") == true)
        #expect(rule.sameDayProblems(invitation: day("2024-10-16"), interview: day("2024-10-15"), failureLetter: day("2024-10-16")).count == 1)
    }

    @Test("A year outside the calendar is refused, not guessed")
    func outsideTheCalendar() {
        #expect(throws: CalendarNotCovered.self) { try FailureToAttendRule.current.letterDate(afterInterviewOn: LocalDate(year: 2031, month: 3, day: 3)!) }
    }
}
