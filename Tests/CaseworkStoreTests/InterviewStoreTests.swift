import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import Testing

extension InterviewEstate {
    /// A Tigrinya speaker in Glasgow with needs recorded; returns the claim at its new version.
    static func claimWithNeeds(_ store: CaseworkStore, _ n: Int = 0, maximumTravelKm: Int = 40) async throws -> Claim {
        let claim = try await store.register(try facts(n), resolution: nil, by: Staff.registrar)
        return try await store.recordInterviewNeeds(
            InterviewNeedsInput(homeArea: "Glasgow", maximumTravelKm: maximumTravelKm, language: "tigrinya"), on: claim.reference, expectedVersion: claim.version,
            by: Staff.registrar
        )
    }

    static func input(_ option: BookingSearch.Option, replaces: Int? = nil) -> BookInterviewInput {
        BookInterviewInput(
            date: option.slot.date.iso, start: InterviewResourceRules.clockTime(option.slot.start), room: option.slot.room, interpreter: option.slot.interpreter,
            decisionMaker: option.slot.decisionMaker.rawValue, method: "post", replaces: replaces
        )
    }
}

@Suite("Interview booking, outcomes and failure to attend, on both stores")
struct InterviewStoreTests {
    func store(_ database: any SQLDatabase, clock: FixedClock) async throws -> CaseworkStore {
        let store = CaseworkStore(database: database, clock: clock)
        try await store.migrate()
        return store
    }

    static func morning(_ date: LocalDate) -> FixedClock { FixedClock(Instant(startOf: date).adding(milliseconds: 9 * 3_600_000)) }

    @Test("Options are ranked with reasons; booking produces the invitation; the claim cannot be booked twice", arguments: TestDatabases.kinds)
    func bookOne(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await store(database, clock: Self.morning(storeToday))
            try await InterviewEstate.write(store)
            let claim = try await InterviewEstate.claimWithNeeds(store)
            let found = try await store.interviewOptions(for: claim.reference, by: Staff.registrar)
            #expect(found.earliest == InterviewEstate.firstDay)
            #expect(found.requiredMinutes == 120)
            let best = try #require(found.options.first)
            #expect(best.slot.date == InterviewEstate.firstDay && best.slot.start == 570 && best.slot.location == "GLASGOW" && best.slot.interpreter == "INT-TIG")
            #expect(best.reasons.first == "Earliest date with a room, an interpreter and a decision maker all free")
            #expect(best.reasons.contains { $0.contains("nearest location") })
            #expect(best.reasons.contains { $0.contains("Tesfay interprets Tigrinya") })

            let booking = try await store.bookInterview(InterviewEstate.input(best), on: claim.reference, expectedVersion: claim.version, by: Staff.registrar)
            #expect(booking.number == 1 && booking.invitation.dated == storeToday && booking.invitation.kind == .interviewInvitation)
            #expect(booking.invitation.body.contains("Friday 3 November 2023, 09:30 to 11:30"))
            let recorded = try await store.interviews(of: claim.reference, for: Staff.decisionMaker)
            #expect(recorded.interviews.map(\.status) == ["booked"] && recorded.letters.map(\.letter.kind) == [.interviewInvitation])

            do {
                _ = try await store.bookInterview(InterviewEstate.input(best), on: claim.reference, expectedVersion: claim.version + 1, by: Staff.registrar)
                Issue.record("A second booking of a booked claim was accepted")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.first?.message.contains("already booked") == true)
            }
            let snapshot = try await store.projectionSnapshot()
            try await store.rebuildProjections()
            #expect(try await store.projectionSnapshot() == snapshot)
        }
    }

    @Test("A room, interpreter or decision maker already booked at that time is refused by name; options skip them", arguments: TestDatabases.kinds)
    func noDoubleBooking(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await store(database, clock: Self.morning(storeToday))
            try await InterviewEstate.write(store)
            let first = try await InterviewEstate.claimWithNeeds(store, 0)
            let second = try await InterviewEstate.claimWithNeeds(store, 1)
            let best = try #require(try await store.interviewOptions(for: first.reference, by: Staff.registrar).options.first)
            _ = try await store.bookInterview(InterviewEstate.input(best), on: first.reference, expectedVersion: first.version, by: Staff.registrar)
            do {
                _ = try await store.bookInterview(InterviewEstate.input(best), on: second.reference, expectedVersion: second.version, by: Staff.registrar)
                Issue.record("The same room, interpreter and decision maker were booked twice")
            } catch let failure as ValidationFailure {
                #expect(Set(failure.errors.map(\.field)) == ["room", "interpreter", "decisionMaker"])
            }
            let next = try #require(try await store.interviewOptions(for: second.reference, by: Staff.registrar).options.first)
            // The room's afternoon slot; dm.gla declared one interview a day, so the other decision maker.
            #expect(next.slot.date == InterviewEstate.firstDay && next.slot.start == 810 && next.slot.decisionMaker == "dm2.gla")
        }
    }

    @Test("Concurrent bookings of the same time: exactly one succeeds, the rest are refused, nothing half-written", arguments: TestDatabases.kinds)
    func concurrentBookings(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await store(database, clock: Self.morning(storeToday))
            try await InterviewEstate.write(store, interpreterDailyMaximum: 6, dmDailyMaximum: 6)
            var claims: [Claim] = []
            for n in 0..<6 { claims.append(try await InterviewEstate.claimWithNeeds(store, n)) }
            let best = try #require(try await store.interviewOptions(for: claims[0].reference, by: Staff.registrar).options.first)
            let results = await withTaskGroup(of: Bool.self) { group in
                for claim in claims {
                    group.addTask {
                        do {
                            _ = try await store.bookInterview(InterviewEstate.input(best), on: claim.reference, expectedVersion: claim.version, by: Staff.registrar)
                            return true
                        } catch is ValidationFailure { return false } catch { return false }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            let rows = try await database.read { try await $0.query("SELECT claim_reference FROM interviews") }
            #expect(rows.count == 1)
            let holds = try await database.read { try await $0.query("SELECT DISTINCT claim_reference FROM interview_holds") }
            #expect(holds.count == 1)
        }
    }

    @Test("A no-show: the letter is dated the next working day, 5 working days to respond, withdrawal proposed only after", arguments: TestDatabases.kinds)
    func failureToAttend(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let clock = Self.morning(storeToday)
            let store = try await store(database, clock: clock)
            try await InterviewEstate.write(store)
            let claim = try await InterviewEstate.claimWithNeeds(store)
            let best = try #require(try await store.interviewOptions(for: claim.reference, by: Staff.registrar).options.first)
            _ = try await store.bookInterview(InterviewEstate.input(best), on: claim.reference, expectedVersion: claim.version, by: Staff.registrar)
            do {
                _ = try await store.recordInterviewOutcome(InterviewOutcomeInput(outcome: "no-show"), interview: 1, on: claim.reference, expectedVersion: claim.version + 1, by: Staff.decisionMaker)
                Issue.record("A no-show was recorded before the interview day")
            } catch let failure as ValidationFailure { #expect(failure.errors.map(\.field) == ["outcome"]) }

            clock.advance(milliseconds: Int64(storeToday.days(until: InterviewEstate.firstDay)) * 86_400_000 + 3 * 3_600_000)
            let record = try await store.recordInterviewOutcome(InterviewOutcomeInput(outcome: "no-show"), interview: 1, on: claim.reference, expectedVersion: claim.version + 1, by: Staff.decisionMaker)
            guard case let .noShow(letter, respondBy) = record.outcome else { Issue.record("Not a no-show"); return }
            // Interview Friday 3 November; letter Monday 6 November; five working days to Monday 13, the whole of that day.
            #expect(letter.dated == LocalDate(year: 2023, month: 11, day: 6)!)
            #expect(respondBy == Instant(startOf: LocalDate(year: 2023, month: 11, day: 14)!))
            #expect(letter.recipients.count == 1 && letter.body.contains("5 working days"))
            #expect(try await store.failureToAttendTasksDue(unit: InterviewEstate.unit, for: Staff.decisionMaker).isEmpty)
            do {
                _ = try await store.followUpFailureToAttend(FailureToAttendFollowUpInput(action: "propose-withdrawal", response: nil), interview: 1, on: claim.reference, expectedVersion: claim.version + 2, by: Staff.decisionMaker)
                Issue.record("Withdrawal was proposed before the response period ended")
            } catch let failure as ValidationFailure { #expect(failure.errors.map(\.field) == ["action"]) }

            clock.advance(milliseconds: 11 * 86_400_000)
            let due = try await store.failureToAttendTasksDue(unit: InterviewEstate.unit, for: Staff.decisionMaker)
            #expect(due.map(\.claim) == [claim.reference])
            let followUp = try await store.followUpFailureToAttend(FailureToAttendFollowUpInput(action: "propose-withdrawal", response: "No reply received"), interview: 1, on: claim.reference, expectedVersion: claim.version + 2, by: Staff.decisionMaker)
            #expect(followUp.action == .proposeWithdrawal)
            #expect(try await store.failureToAttendTasksDue(unit: InterviewEstate.unit, for: Staff.decisionMaker).isEmpty)
            let stored = try await store.interviews(of: claim.reference, for: Staff.decisionMaker)
            #expect(stored.letters.map(\.letter.kind) == [.interviewInvitation, .failureToAttend])
            #expect(stored.tasks.first?.status == "done" && stored.tasks.first?.resolution == "propose-withdrawal")
            // The claim itself is not withdrawn: nothing happens without a person deciding.
            #expect(try await store.claim(claim.reference, for: Staff.decisionMaker).outcome == nil)
        }
    }

    @Test("A detained claimant has 24 hours from the letter", arguments: TestDatabases.kinds)
    func detainedDeadline(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let clock = Self.morning(storeToday)
            let store = try await store(database, clock: clock)
            try await InterviewEstate.write(store)
            var input = RegistrationInput()
            input.mainApplicant = PersonInput(givenNames: "Yonas", familyName: "Haile", dateOfBirth: "1990-01-01", sex: "male", nationality: "ERI")
            input.dateOfClaim = "2022-09-14"
            input.languages = [LanguageInput(language: "tigrinya")]
            input.detained = true
            let registered = try await store.register(try input.validated(today: storeToday).facts, resolution: nil, by: Staff.registrar)
            let claim = try await store.recordInterviewNeeds(InterviewNeedsInput(homeArea: "Glasgow", language: "tigrinya"), on: registered.reference, expectedVersion: 1, by: Staff.registrar)
            #expect(claim.work.interviewNeeds?.detained == true)
            let best = try #require(try await store.interviewOptions(for: claim.reference, by: Staff.registrar).options.first)
            _ = try await store.bookInterview(InterviewEstate.input(best), on: claim.reference, expectedVersion: 2, by: Staff.registrar)
            clock.advance(milliseconds: Int64(storeToday.days(until: InterviewEstate.firstDay)) * 86_400_000)
            let record = try await store.recordInterviewOutcome(InterviewOutcomeInput(outcome: "no-show", letterMethod: "in-person"), interview: 1, on: claim.reference, expectedVersion: 3, by: Staff.decisionMaker)
            guard case let .noShow(letter, respondBy) = record.outcome else { Issue.record("Not a no-show"); return }
            #expect(respondBy == Instant(startOf: letter.dated).adding(milliseconds: 24 * 3_600_000))
            #expect(letter.body.contains("24 hours"))
        }
    }

    @Test("Outcomes: over two hours needs a senior caseworker, a continuation a technical specialist; a cancellation then a rebooking linked to it", arguments: TestDatabases.kinds)
    func outcomesAndRebooking(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let clock = Self.morning(storeToday)
            let store = try await store(database, clock: clock)
            try await InterviewEstate.write(store, declaredDays: [InterviewEstate.firstDay, InterviewEstate.firstDay.adding(days: 3)])
            let claim = try await InterviewEstate.claimWithNeeds(store)
            let best = try #require(try await store.interviewOptions(for: claim.reference, by: Staff.registrar).options.first)
            _ = try await store.bookInterview(InterviewEstate.input(best), on: claim.reference, expectedVersion: claim.version, by: Staff.registrar)
            do {
                _ = try await store.recordInterviewOutcome(InterviewOutcomeInput(outcome: "cancelled", cancellationReason: "other", cancelledBy: "home-office"), interview: 1, on: claim.reference, expectedVersion: claim.version + 1, by: Staff.decisionMaker)
                Issue.record("'Other' without a note was accepted")
            } catch let failure as ValidationFailure { #expect(failure.errors.map(\.field) == ["note"]) }
            let cancelled = try await store.recordInterviewOutcome(
                InterviewOutcomeInput(outcome: "cancelled", cancellationReason: "interpreter-unavailable", cancelledBy: "interpreter-supplier"), interview: 1,
                on: claim.reference, expectedVersion: claim.version + 1, by: Staff.registrar
            )
            guard case let .cancelled(reason, _, _) = cancelled.outcome else { Issue.record("Not cancelled"); return }
            #expect(reason.isInterpreterProblem)
            // The cancelled time is free again: the same option is offered and can be rebooked, linked to interview 1.
            let again = try #require(try await store.interviewOptions(for: claim.reference, by: Staff.registrar).options.first)
            #expect(again.slot == best.slot)
            let rebooked = try await store.bookInterview(InterviewEstate.input(again, replaces: 1), on: claim.reference, expectedVersion: claim.version + 2, by: Staff.registrar)
            #expect(rebooked.number == 2 && rebooked.replaces == 1)
            #expect(try await store.interviews(of: claim.reference, for: Staff.decisionMaker).interviews.map(\.replacedBy) == [2, nil])

            clock.advance(milliseconds: Int64(storeToday.days(until: InterviewEstate.firstDay)) * 86_400_000 + 6 * 3_600_000)
            do {
                _ = try await store.recordInterviewOutcome(InterviewOutcomeInput(outcome: "completed", actualMinutes: 150), interview: 2, on: claim.reference, expectedVersion: claim.version + 3, by: Staff.decisionMaker)
                Issue.record("A 150-minute interview without agreement was accepted")
            } catch let failure as ValidationFailure { #expect(failure.errors.map(\.field) == ["seniorCaseworkerAgreement"]) }
            do {
                _ = try await store.recordInterviewOutcome(InterviewOutcomeInput(outcome: "completed", actualMinutes: 150, seniorCaseworkerAgreement: "ts.gla"), interview: 2, on: claim.reference, expectedVersion: claim.version + 3, by: Staff.decisionMaker)
                Issue.record("A technical specialist was accepted as the senior caseworker")
            } catch let failure as ValidationFailure { #expect(failure.errors.map(\.field) == ["seniorCaseworkerAgreement"]) }
            do {
                _ = try await store.recordInterviewOutcome(InterviewOutcomeInput(outcome: "continuation-needed"), interview: 2, on: claim.reference, expectedVersion: claim.version + 3, by: Staff.decisionMaker)
                Issue.record("A continuation without agreement was accepted")
            } catch let failure as ValidationFailure { #expect(failure.errors.map(\.field) == ["technicalSpecialistAgreement"]) }
            let completed = try await store.recordInterviewOutcome(
                InterviewOutcomeInput(outcome: "completed", actualMinutes: 150, seniorCaseworkerAgreement: "scw.gla"), interview: 2, on: claim.reference,
                expectedVersion: claim.version + 3, by: Staff.decisionMaker
            )
            #expect(completed.outcome == .completed(actualMinutes: 150, seniorCaseworkerAgreement: "scw.gla"))
            // A completed interview is sampled at once, as the interviewing decision maker's work (10.28–10.29); a
            // cancelled one is not work done.
            let sample = try #require(completed.sample)
            let interviews = try await store.interviews(of: claim.reference, for: Staff.decisionMaker).interviews
            #expect(sample.work == .interview && sample.subject == 2 && sample.worker == interviews.first { $0.number == 2 }?.slot.decisionMaker)
            #expect(sample.id == "\(claim.reference.rawValue)@\(claim.version + 4)")
            let samples = try await store.decisions(of: claim.reference, for: Staff.decisionMaker).samples
            #expect(samples.map(\.sample.work) == [.interview] && samples[0].status == (sample.decision.selected ? "awaiting-check" : "not-selected"))
            let types = try await store.events(of: claim.reference, for: Staff.decisionMaker).map(\.event.type)
            #expect(types.suffix(4) == ["interview-booked", "interview-outcome-recorded", "interview-booked", "interview-outcome-recorded"])
        }
    }

    @Test("A postponement request is recorded and answered; a granted date keeps options after it", arguments: TestDatabases.kinds)
    func postponement(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await store(database, clock: Self.morning(storeToday))
            let later = InterviewEstate.firstDay.adding(days: 7)
            try await InterviewEstate.write(store, declaredDays: [InterviewEstate.firstDay, later])
            let claim = try await InterviewEstate.claimWithNeeds(store)
            do {
                _ = try await store.requestPostponement(PostponementInput(interview: 3, requestedBy: "home-office", received: "2030-01-01", reason: nil, medicalEvidence: nil), on: claim.reference, expectedVersion: claim.version, by: Staff.registrar)
                Issue.record("A malformed request was accepted")
            } catch let failure as ValidationFailure {
                #expect(Set(failure.errors.map(\.field)) == ["requestedBy", "received", "reason", "interview"])
            }
            let request = try await store.requestPostponement(
                PostponementInput(interview: nil, requestedBy: "representative", received: storeToday.iso, reason: "In hospital", medicalEvidence: "Discharge letter"),
                on: claim.reference, expectedVersion: claim.version, by: Staff.registrar
            )
            #expect(request.number == 1)
            let answer = try await store.answerPostponement(
                PostponementAnswerInput(granted: true, notBefore: later.iso, reason: "Medical evidence supplied"), request: 1, on: claim.reference,
                expectedVersion: claim.version + 1, by: Staff.decisionMaker
            )
            #expect(answer.granted && answer.notBefore == later)
            let options = try await store.interviewOptions(for: claim.reference, by: Staff.registrar)
            #expect(options.earliest == later && options.options.first?.slot.date == later)
            let stored = try await store.interviews(of: claim.reference, for: Staff.decisionMaker)
            #expect(stored.postponements.map(\.status) == ["granted"])
            await #expect(throws: ValidationFailure.self) {
                try await store.answerPostponement(PostponementAnswerInput(granted: false, notBefore: nil, reason: "x"), request: 1, on: claim.reference, expectedVersion: claim.version + 2, by: Staff.decisionMaker)
            }
        }
    }

    @Test("No options, with the reason: too far, no interpreter, or no needs recorded", arguments: TestDatabases.kinds)
    func whyNothing(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await store(database, clock: Self.morning(storeToday))
            try await InterviewEstate.write(store)
            let bare = try await store.register(try facts(5), resolution: nil, by: Staff.registrar)
            #expect(try await store.interviewOptions(for: bare.reference, by: Staff.registrar).problems.first?.contains("Record the claimant's interview needs") == true)
            let far = try await store.recordInterviewNeeds(InterviewNeedsInput(homeArea: "Plymouth", maximumTravelKm: 50, language: "tigrinya"), on: bare.reference, expectedVersion: 1, by: Staff.registrar)
            #expect(try await store.interviewOptions(for: far.reference, by: Staff.registrar).problems.first?.contains("within 50 km") == true)
            let kurdish = try await store.recordInterviewNeeds(InterviewNeedsInput(homeArea: "Glasgow", language: "kurdish", dialect: "badini"), on: bare.reference, expectedVersion: 2, by: Staff.registrar)
            #expect(try await store.interviewOptions(for: kurdish.reference, by: Staff.registrar).problems.first?.contains("Kurdish (Badini)") == true)
            do {
                _ = try await store.recordInterviewNeeds(InterviewNeedsInput(homeArea: "Atlantis", maximumTravelKm: 0, language: "klingon", kind: "long"), on: bare.reference, expectedVersion: 3, by: Staff.registrar)
                Issue.record("Bad needs were accepted")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["homeArea", "maximumTravelKm", "language", "kind"])
            }
            await #expect(throws: AccessDenied.self) {
                try await store.recordInterviewNeeds(InterviewNeedsInput(homeArea: "Glasgow"), on: bare.reference, expectedVersion: 3, by: Staff.analyst)
            }
        }
    }
}
