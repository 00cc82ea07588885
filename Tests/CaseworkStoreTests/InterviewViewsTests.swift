import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import Testing

/// One fortnight of interviews in Glasgow, booked and recorded through the store as bookers and decision makers would,
/// so every figure the views give can be counted by hand:
///
/// | claim | interview | date (time)           | what happened                                          | stage at the end  |
/// | ----- | --------- | --------------------- | ------------------------------------------------------ | ----------------- |
/// | A     | 1         | Fri 3 Nov (09:30)     | cancelled: interpreter unavailable, by the supplier    | registration      |
/// | A     | 2         | Wed 8 Nov (09:30)     | rebooks 1; completed (120 minutes)                     | registration      |
/// | B     | 1         | Fri 3 Nov (13:30)     | no-show                                                | work in progress  |
/// | C     | 1         | Mon 6 Nov (09:30)     | completed (110 minutes)                                | work in progress  |
/// | D     | 1         | Mon 6 Nov (13:30)     | cancelled: claimant ill, by the claimant; not rebooked | work in progress  |
/// | E     | 1         | Tue 7 Nov (09:30)     | withdrawn                                              | registration      |
/// | F     | 1         | Tue 7 Nov (13:30)     | still booked                                           | work in progress  |
///
/// Waiting with needs recorded, in the work in progress: B, D and H (Tigrinya), G (Kurdish Sorani), K (Kurdish
/// Badini) and J (no interpreter); I has needs but is still at registration. Interpreters: Tesfay (Tigrinya, Monday to
/// Friday, 2 a day, from `InterviewEstate`) and Rebin (Kurdish Sorani, Monday and Tuesday, 3 a day).
enum InterviewViewsScenario {
    static let friday = LocalDate(year: 2023, month: 11, day: 3)!
    static let monday = LocalDate(year: 2023, month: 11, day: 6)!
    static let tuesday = LocalDate(year: 2023, month: 11, day: 7)!
    static let wednesday = LocalDate(year: 2023, month: 11, day: 8)!
    static let national = Actor(staff: "nwf.one", role: .workflowPlanner, unit: "NWF")

    struct Claims {
        let a, b, c, d, e, f: ClaimReference
        /// The decision maker of each interview that holds its time in the week of 6 November: C, F and A's second.
        let weekDecisionMakers: [StaffID]
    }

    static func build(_ store: CaseworkStore, clock: FixedClock) async throws -> Claims {
        try await InterviewEstate.write(store, declaredDays: [friday, monday, tuesday, wednesday])
        try await store.database.transaction { c in
            try await c.execute(
                "INSERT INTO interpreters (code, name, data, remote, daily_maximum, active) VALUES ('INT-KUR', 'Rebin', ?, 0, 3, 1)",
                [.text(#"{"code":"INT-KUR","name":"Rebin","languages":[{"language":"kurdish","dialect":"sorani"}],"locations":["GLASGOW"],"remote":false,"days":[1,2],"dailyMaximum":3,"active":true}"#)]
            )
            try await c.execute("INSERT INTO interpreter_languages (interpreter, language, dialect) VALUES ('INT-KUR', 'kurdish', 'sorani')")
        }
        let booker = Staff.registrar
        func version(_ reference: ClaimReference) async throws -> Int { try await store.claim(reference, for: booker).version }
        func book(_ reference: ClaimReference, on date: LocalDate? = nil, replaces: Int? = nil) async throws -> InterviewBooking {
            let options = try await store.interviewOptions(for: reference, by: booker).options
            let option = try #require(date.map { day in options.first { $0.slot.date == day } } ?? options.first)
            return try await store.bookInterview(InterviewEstate.input(option, replaces: replaces), on: reference, expectedVersion: try await version(reference), by: booker)
        }
        func outcome(_ reference: ClaimReference, _ number: Int, _ input: InterviewOutcomeInput) async throws {
            _ = try await store.recordInterviewOutcome(input, interview: number, on: reference, expectedVersion: try await version(reference), by: Staff.decisionMaker)
        }
        func toWorkInProgress(_ reference: ClaimReference) async throws {
            for stage in [Stage.screening, .workInProgress] {
                _ = try await store.perform(.moveStage(to: stage), on: reference, expectedVersion: try await version(reference), by: booker, reason: nil)
            }
        }
        func waiting(_ n: Int, language: String?, dialect: String? = nil) async throws -> ClaimReference {
            let claim = try await store.register(try facts(n), resolution: nil, by: booker)
            _ = try await store.recordInterviewNeeds(
                InterviewNeedsInput(homeArea: "Glasgow", language: language, dialect: dialect), on: claim.reference, expectedVersion: claim.version, by: booker
            )
            return claim.reference
        }

        var references: [ClaimReference] = []
        var bookings: [InterviewBooking] = []
        for n in 0..<6 {
            let reference = try await InterviewEstate.claimWithNeeds(store, n).reference
            references.append(reference)
            bookings.append(try await book(reference))
        }
        let (a, b, c, d, e, f) = (references[0], references[1], references[2], references[3], references[4], references[5])
        #expect(bookings.map(\.slot.date) == [friday, friday, monday, monday, tuesday, tuesday])
        #expect(bookings.map(\.slot.start) == [570, 810, 570, 810, 570, 810])

        // Before the day: A's interpreter drops out and A is rebooked on the Wednesday; D's claimant is ill; E withdraws.
        try await outcome(a, 1, InterviewOutcomeInput(outcome: "cancelled", cancellationReason: "interpreter-unavailable", cancelledBy: "interpreter-supplier"))
        let rebooked = try await book(a, on: wednesday, replaces: 1)
        #expect(rebooked.number == 2 && rebooked.slot.start == 570)
        try await outcome(d, 1, InterviewOutcomeInput(outcome: "cancelled", cancellationReason: "claimant-ill", cancelledBy: "claimant"))
        try await outcome(e, 1, InterviewOutcomeInput(outcome: "withdrawn"))

        // On the days.
        clock.advance(milliseconds: Int64(storeToday.days(until: friday)) * 86_400_000 + 8 * 3_600_000)
        try await outcome(b, 1, InterviewOutcomeInput(outcome: "no-show"))
        clock.advance(milliseconds: 3 * 86_400_000)
        try await outcome(c, 1, InterviewOutcomeInput(outcome: "completed", actualMinutes: 110))
        clock.advance(milliseconds: 2 * 86_400_000)
        try await outcome(a, 2, InterviewOutcomeInput(outcome: "completed", actualMinutes: 120))

        for reference in [b, c, d, f] { try await toWorkInProgress(reference) }
        for reference in [
            try await waiting(6, language: "kurdish", dialect: "sorani"), try await waiting(7, language: "tigrinya"), try await waiting(9, language: nil),
            try await waiting(10, language: "kurdish", dialect: "badini"),
        ] {
            try await toWorkInProgress(reference)
        }
        _ = try await waiting(8, language: "tigrinya")  // I: needs recorded, but not yet in the work in progress
        return Claims(a: a, b: b, c: c, d: d, e: e, f: f, weekDecisionMakers: [bookings[2].slot.decisionMaker, bookings[5].slot.decisionMaker, rebooked.slot.decisionMaker])
    }
}

@Suite("Interview diary, capacity and outcome rates, on both stores")
struct InterviewViewsTests {
    func store(_ database: any SQLDatabase) async throws -> (CaseworkStore, FixedClock) {
        let clock = FixedClock(Instant(startOf: storeToday).adding(milliseconds: 9 * 3_600_000))
        let store = CaseworkStore(database: database, clock: clock)
        try await store.migrate()
        return (store, clock)
    }

    @Test("The diary lists a unit's interviews day by day, with names, statuses and both ends of a rebooking", arguments: TestDatabases.kinds)
    func diary(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let (store, clock) = try await store(database)
            let claims = try await InterviewViewsScenario.build(store, clock: clock)
            let friday = InterviewViewsScenario.friday
            let diary = try await store.interviewDiary(unit: "DMU-GLA", from: friday, to: friday.adding(days: 6), for: Staff.decisionMaker)
            // Friday, then Monday to Thursday: the weekend has nothing booked, so it is left out.
            #expect(diary.days.map(\.date) == [friday] + (3...6).map { friday.adding(days: $0) })
            #expect(diary.days.map { $0.entries.map(\.interview.claim) } == [[claims.a, claims.b], [claims.c, claims.d], [claims.e, claims.f], [claims.a], []])
            #expect(diary.days.map { $0.entries.map(\.interview.status) } == [["cancelled", "no-show"], ["completed", "cancelled"], ["withdrawn", "booked"], ["completed"], []])
            #expect(diary.total == 7)
            #expect(diary.byStatus == ["cancelled": 2, "no-show": 1, "completed": 2, "withdrawn": 1, "booked": 1])

            let first = try #require(diary.days.first?.entries.first)
            #expect(first.claimantName == "Amina Ruth Yusuf" && first.locationName == "Glasgow" && first.roomName == "Room 1")
            #expect(first.interpreterName == "Tesfay" && first.interview.language == "tigrinya" && first.interview.kind == .substantive)
            #expect(first.decisionMakerName == first.interview.slot.decisionMaker.rawValue.uppercased())
            #expect(first.replaces == nil && first.replacedBy == InterviewLink(number: 2, date: InterviewViewsScenario.wednesday, status: "completed"))
            let second = try #require(diary.days[3].entries.first)
            #expect(second.interview.number == 2 && second.replaces == InterviewLink(number: 1, date: friday, status: "cancelled") && second.replacedBy == nil)

            // Bank holidays are named; weekends without interviews are not listed.
            let christmas = try await store.interviewDiary(
                unit: "DMU-GLA", from: LocalDate(year: 2023, month: 12, day: 22)!, to: LocalDate(year: 2023, month: 12, day: 29)!, for: Staff.registrar
            )
            #expect(christmas.days.map(\.date.day) == [22, 25, 26, 27, 28, 29])
            #expect(christmas.days.map(\.bankHoliday) == [nil, "Christmas Day", "Boxing Day", nil, nil, nil])
            #expect(christmas.total == 0)
        }
    }

    @Test("The diary: own unit only for unit roles, any for national viewers, never for other roles; at most 31 days", arguments: TestDatabases.kinds)
    func diaryAccess(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let (store, _) = try await store(database)
            let day = InterviewViewsScenario.friday
            await #expect(throws: AccessDenied.self) { try await store.interviewDiary(unit: "DMU-GLA", from: day, to: day, for: Staff.otherUnitDM) }
            await #expect(throws: AccessDenied.self) { try await store.interviewDiary(unit: "DMU-GLA", from: day, to: day, for: Staff.safeguarding) }
            #expect(try await store.interviewDiary(unit: "DMU-GLA", from: day, to: day, for: Staff.analyst).unit == "DMU-GLA")
            #expect(try await store.interviewDiary(unit: "DMU-LEE", from: day, to: day.adding(days: 30), for: InterviewViewsScenario.national).days.count == 21)
            do {
                _ = try await store.interviewDiary(unit: "DMU-GLA", from: day, to: day.adding(days: 31), for: Staff.decisionMaker)
                Issue.record("A 32-day diary was read")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["to"] && failure.errors[0].message.contains("at most 31 days"))
            }
            do {
                _ = try await store.interviewDiary(unit: "DMU-GLA", from: day, to: day.adding(days: -1), for: Staff.decisionMaker)
                Issue.record("A diary ending before it starts was read")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["to"])
            }
        }
    }

    @Test("Capacity: slots by location on working days, declared availability, interpreter supply against demand with shortfalls first", arguments: TestDatabases.kinds)
    func capacity(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let (store, clock) = try await store(database)
            let claims = try await InterviewViewsScenario.build(store, clock: clock)
            let week = try await store.interviewCapacity(week: InterviewViewsScenario.monday, for: InterviewViewsScenario.national)
            #expect(week.workingDays.count == 5 && week.bankHolidays.isEmpty && week.unit == nil)
            // Glasgow: one room, two slots a day, five days. C, F and A's rebooking hold time; D and E released theirs.
            let glasgow = try #require(week.locations.first { $0.code == "GLASGOW" })
            #expect(glasgow.rooms == 1 && glasgow.slotsOffered == 10 && glasgow.slotsBooked == 3 && glasgow.slotsReleased == 2 && glasgow.slotsFree == 7)
            let croydon = try #require(week.locations.first { $0.code == "CROYDON" })
            #expect(croydon.rooms == 0 && croydon.slotsOffered == 0 && croydon.slotsBooked == 0)
            #expect(week.slotsOffered == 10 && week.slotsBooked == 3 && week.slotsFree == 7)

            // Both decision makers declared Monday to Wednesday, one interview a day each.
            #expect(week.decisionMakers.map(\.staff) == ["dm.gla", "dm2.gla"])
            #expect(week.decisionMakers.map(\.days) == [3, 3] && week.decisionMakers.map(\.declaredMaximum) == [3, 3] && week.declaredMaximum == 6)
            let booked = Dictionary(grouping: claims.weekDecisionMakers, by: { $0 }).mapValues(\.count)
            #expect(week.decisionMakers.map(\.booked) == [booked["dm.gla"] ?? 0, booked["dm2.gla"] ?? 0])
            #expect(week.decisionMakers.map(\.booked).reduce(0, +) == 3)

            // Waiting: B, D, H (Tigrinya), G (Sorani), K (Badini), J (none). Booked that week in Tigrinya: C, F, A's second.
            #expect(week.waitingClaims == 6 && week.waitingWithoutInterpreter == 1)
            #expect(week.languages.map(\.language) == [
                InterpreterLanguage(language: "kurdish", dialect: "badini"), InterpreterLanguage(language: "kurdish", dialect: "sorani"),
                InterpreterLanguage(language: "tigrinya"),
            ])
            let (badini, sorani, tigrinya) = (week.languages[0], week.languages[1], week.languages[2])
            #expect(badini.interpreters == 0 && badini.interviewSupply == 0 && badini.waiting == 1 && badini.demand == 1 && badini.shortfall == 1 && badini.reportedShort)
            #expect(sorani.interpreters == 1 && sorani.interpreterDays == 2 && sorani.interviewSupply == 6 && sorani.waiting == 1 && sorani.shortfall == 0 && sorani.reportedShort)
            #expect(tigrinya.interpreters == 1 && tigrinya.interpreterDays == 5 && tigrinya.interviewSupply == 10)
            #expect(tigrinya.waiting == 3 && tigrinya.bookedThisWeek == 3 && tigrinya.demand == 6 && tigrinya.shortfall == 0 && !tigrinya.reportedShort)

            // Another unit's view: the shared estate whole, but none of Glasgow's people or demand.
            let leeds = try await store.interviewCapacity(week: InterviewViewsScenario.monday, unit: "DMU-LEE", for: InterviewViewsScenario.national)
            #expect(leeds.slotsOffered == 10 && leeds.slotsBooked == 3 && leeds.decisionMakers.isEmpty && leeds.waitingClaims == 0)
            #expect(leeds.languages.map(\.demand) == [0, 0] && leeds.languages.map(\.interviewSupply) == [6, 10])
            // A unit role is held to its own unit.
            #expect(try await store.interviewCapacity(week: InterviewViewsScenario.monday, for: Staff.decisionMaker).unit == "DMU-GLA")
            await #expect(throws: AccessDenied.self) {
                try await store.interviewCapacity(week: InterviewViewsScenario.monday, unit: "DMU-LEE", for: Staff.decisionMaker)
            }

            // Christmas week 2023: Monday and Tuesday are bank holidays, so three days of two slots.
            let christmas = try await store.interviewCapacity(week: LocalDate(year: 2023, month: 12, day: 25)!, for: InterviewViewsScenario.national)
            #expect(christmas.workingDays.map(\.day) == [27, 28, 29] && christmas.bankHolidays.map(\.name) == ["Christmas Day", "Boxing Day"])
            #expect(christmas.slotsOffered == 6 && christmas.languages.first { $0.language.language == "tigrinya" }?.interviewSupply == 6)
        }
    }

    @Test("Capacity refuses a week that is not a Monday, or outside the calendar, naming the field", arguments: TestDatabases.kinds)
    func capacityInput(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let (store, _) = try await store(database)
            for (week, words) in [(LocalDate(year: 2023, month: 11, day: 8)!, "Wednesday"), (LocalDate(year: 2031, month: 1, day: 6)!, "2018 to 2028")] {
                do {
                    _ = try await store.interviewCapacity(week: week, for: InterviewViewsScenario.national)
                    Issue.record("Week \(week.iso) was accepted")
                } catch let failure as ValidationFailure {
                    #expect(failure.errors.map(\.field) == ["week"] && failure.errors[0].message.contains(words))
                }
            }
            await #expect(throws: AccessDenied.self) { try await store.interviewCapacity(week: InterviewViewsScenario.monday, for: Staff.safeguarding) }
        }
    }

    @Test("Outcome rates: counts and shares by unit and ISO week, cancellations by reason with the interpreter share, rebookings with their dates", arguments: TestDatabases.kinds)
    func outcomes(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let (store, clock) = try await store(database)
            _ = try await InterviewViewsScenario.build(store, clock: clock)
            let november = try await store.interviewOutcomeRates(
                from: LocalDate(year: 2023, month: 11, day: 1)!, to: LocalDate(year: 2023, month: 11, day: 30)!, for: InterviewViewsScenario.national
            )
            let all = november.overall
            #expect(all.total == 7 && all.withOutcome == 6)
            #expect(InterviewOutcomeRates.statuses.map(all.count) == [2, 2, 1, 0, 0, 1, 1])
            // Of the six with an outcome: 2/6, 2/6, 1/6, 0, 0, 1/6; still booked is 1 of all 7.
            #expect(InterviewOutcome.codes.map(all.percentOfOutcomes) == [33.33, 33.33, 16.67, 0, 0, 16.67])
            #expect(all.percentOfAll("booked") == 14.29 && all.percentOfAll("completed") == 28.57)
            #expect(november.byUnit.map(\.key) == ["DMU-GLA"] && november.byUnit[0].counts == all.counts)
            // Friday 3 November is in ISO week 44 (A's first, B); 6 to 8 November in week 45 (the other five).
            #expect(november.byWeek.map(\.week.description) == ["2023-W44", "2023-W45"])
            #expect(november.byWeek.map(\.week.monday) == [LocalDate(year: 2023, month: 10, day: 30)!, InterviewViewsScenario.monday])
            #expect(november.byWeek[0].tally.counts == ["cancelled": 1, "no-show": 1])
            #expect(november.byWeek[1].tally.counts == ["completed": 2, "cancelled": 1, "withdrawn": 1, "booked": 1])

            #expect(november.cancellations == 2 && november.interpreterCancellations == 1 && november.interpreterShare == 50)
            #expect(november.cancellationReasons.prefix(2).map(\.reason) == [.interpreterUnavailable, .claimantIll])
            #expect(november.cancellationReasons.map(\.count) == [1, 1] + Array(repeating: 0, count: CancellationReason.allCases.count - 2))
            #expect(november.cancelledBy.filter { $0.count > 0 }.map(\.by) == [.claimant, .interpreterSupplier])
            // One rebooking, with its original date: Friday 3 to Wednesday 8 November. B's no-show and D's cancellation
            // are not rebooked; A's cancellation is.
            #expect(november.rebookings == 1 && november.rebookingsWithOriginalDate == 1 && november.averageDaysToRebooking == 5)
            #expect(november.notCompletedAwaitingRebooking == 2)

            // A range holding only the rebooking still finds the date of the interview it replaced.
            let wednesday = try await store.interviewOutcomeRates(
                from: InterviewViewsScenario.wednesday, to: InterviewViewsScenario.wednesday, for: InterviewViewsScenario.national
            )
            #expect(wednesday.overall.counts == ["completed": 1] && wednesday.rebookings == 1 && wednesday.rebookingsWithOriginalDate == 1)
            #expect(wednesday.overall.percentOfOutcomes("completed") == 100 && wednesday.cancellations == 0 && wednesday.interpreterShare == 0)

            // Another unit has none: every share is 0, nothing divides by zero.
            let leeds = try await store.interviewOutcomeRates(
                from: LocalDate(year: 2023, month: 11, day: 1)!, to: LocalDate(year: 2023, month: 11, day: 30)!, unit: "DMU-LEE", for: InterviewViewsScenario.national
            )
            #expect(leeds.overall.total == 0 && leeds.overall.percentOfOutcomes("completed") == 0 && leeds.byWeek.isEmpty && leeds.averageDaysToRebooking == nil)
            // Unit roles see their own unit's rates only.
            #expect(try await store.interviewOutcomeRates(from: InterviewViewsScenario.friday, to: InterviewViewsScenario.friday, for: Staff.registrar).overall.total == 2)
            await #expect(throws: AccessDenied.self) {
                try await store.interviewOutcomeRates(from: InterviewViewsScenario.friday, to: InterviewViewsScenario.friday, unit: "DMU-LEE", for: Staff.registrar)
            }
            do {
                _ = try await store.interviewOutcomeRates(
                    from: LocalDate(year: 2023, month: 1, day: 1)!, to: LocalDate(year: 2024, month: 1, day: 2)!, for: InterviewViewsScenario.national
                )
                Issue.record("A range over a year was read")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["to"] && failure.errors[0].message.contains("at most 366 days"))
            }
        }
    }
}

@Suite("The figures the interview views count by")
struct InterviewFigureTests {
    @Test("ISO weeks across year ends, against known dates")
    func isoWeeks() {
        let known: [((Int, Int, Int), String, (Int, Int, Int))] = [
            ((2023, 1, 1), "2022-W52", (2022, 12, 26)), ((2023, 1, 2), "2023-W01", (2023, 1, 2)), ((2023, 11, 3), "2023-W44", (2023, 10, 30)),
            ((2020, 12, 31), "2020-W53", (2020, 12, 28)), ((2021, 1, 3), "2020-W53", (2020, 12, 28)), ((2024, 12, 30), "2025-W01", (2024, 12, 30)),
            ((2026, 12, 31), "2026-W53", (2026, 12, 28)),
        ]
        for ((y, m, d), label, (my, mm, md)) in known {
            let week = ISOWeek(containing: LocalDate(year: y, month: m, day: d)!)
            #expect(week.description == label, "\(y)-\(m)-\(d)")
            #expect(week.monday == LocalDate(year: my, month: mm, day: md)!, "\(label)")
        }
        #expect(ISOWeek(containing: LocalDate(year: 2020, month: 12, day: 31)!) < ISOWeek(containing: LocalDate(year: 2021, month: 1, day: 4)!))
    }

    @Test("Percentages to two places; figure 24's lines add up to its total and its percentages are of the 70,013 the text gives; titles match the outcomes'")
    func percentages() {
        #expect(InterviewRates.percent(1, of: 3) == 33.33 && InterviewRates.percent(2, of: 3) == 66.67 && InterviewRates.percent(5, of: 0) == 0)
        #expect(InterviewRates.text(62.75) == "62.75%" && InterviewRates.text(0.04) == "0.04%" && InterviewRates.text(100) == "100.00%")
        let figures = InterviewOutcomeReference.figures
        #expect(figures.reduce(0) { $0 + $1.count } == InterviewOutcomeReference.total)
        #expect(figures.allSatisfy { InterviewRates.percent($0.count, of: InterviewOutcomeReference.percentageBase) == $0.percent })
        #expect(!figures.allSatisfy { InterviewRates.percent($0.count, of: InterviewOutcomeReference.total) == $0.percent })
        #expect(Set(figures.flatMap(\.codes)) == Set(InterviewOutcome.codes))
        let outcomes: [InterviewOutcome] = [
            .completed(actualMinutes: 90, seniorCaseworkerAgreement: nil), .cancelled(reason: .other, by: .claimant, note: "x"), .suspended(reason: "unwell"),
            .continuationNeeded(technicalSpecialistAgreement: "ts", note: nil), .withdrawn,
        ]
        for outcome in outcomes { #expect(InterviewOutcome.title(ofStatus: outcome.code) == outcome.title) }
        #expect(InterviewOutcome.title(ofStatus: "no-show") == "Did not attend" && InterviewOutcome.title(ofStatus: "booked") == "Booked")
        #expect(InterpreterShortage.isShort(InterpreterLanguage(language: "kurdish", dialect: "sorani")) && InterpreterShortage.isShort(InterpreterLanguage(language: "Arabic", dialect: "Moroccan")))
        #expect(!InterpreterShortage.isShort(InterpreterLanguage(language: "arabic", dialect: "iraqi")) && !InterpreterShortage.isShort(InterpreterLanguage(language: "tigrinya")))
    }
}
