import CaseworkDomain
import CaseworkStore

/// Six weeks of interview history for the demo unit, made through the store's own booking and outcome rules with the
/// clock set back day by day: decision makers declare days, bookers book the best option for claims with needs
/// recorded, outcomes follow fig 24's shares (a no-show produces its letter and deadline; a cancellation its reason,
/// about two in five interpreter problems as staff told the inspectors), and failures to attend are followed up. The
/// diary, the outcome rates and the claim pages then show what a unit's interviewing looks like.
public enum DemoInterviews {
    public struct Summary: Sendable, CustomStringConvertible {
        public var needsRecorded = 0
        public var booked = 0
        public var outcomes: [String: Int] = [:]
        public var followUps = 0

        public var description: String {
            let counts = outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            return "Demo interviews: needs recorded for \(needsRecorded) claims, \(booked) interviews booked (\(counts)), \(followUps) failures to attend followed up"
        }
    }

    /// Writes the history for `unit`, ending the day before `today`.
    public static func seed(in store: CaseworkStore, unit: UnitID = "DMU-GLA", today: LocalDate, claims limit: Int = 160, seed: UInt64 = 2026) async throws -> Summary {
        var summary = Summary()
        let calendar = WorkingDayCalendar.platformDefault
        let start = today.adding(days: -45)
        let clock = FixedClock(Instant(startOf: start).adding(milliseconds: 9 * 3_600_000))
        let past = CaseworkStore(database: store.database, clock: clock, policy: store.policy)
        var random = SeededRandom(seed: seed)
        let booker = Actor(staff: "demo.ao", role: .administrativeOfficer, unit: unit)

        // The unit's centre, and towns within reach of it for claimants' homes.
        let locations = try await store.interviewLocations()
        let unitHome = UKPlaces.place(named: unit.rawValue.hasSuffix("GLA") ? "Glasgow" : "Croydon")?.point ?? UKPlaces.all[0].point
        guard let centre = locations.min(by: { $0.point.kilometres(to: unitHome) < $1.point.kilometres(to: unitHome) }) else { return summary }
        let homes = UKPlaces.all.filter { $0.point.kilometres(to: centre.point) < 70 }.map(\.name)
        guard !homes.isEmpty else { return summary }

        // Claims waiting for an interview in the unit: needs recorded for each.
        let candidates = try await store.search(ClaimQuery(stage: .workInProgress, pageSize: limit), for: Actor(staff: "demo.tl", role: .teamLeader, unit: unit)).claims
            .filter { $0.owningUnit == unit }
        var waiting: [ClaimReference] = []
        for summaryRow in candidates {
            let claim = try await past.claim(summaryRow.reference, for: booker)
            let spoken = claim.facts.languages.first
            let input = InterviewNeedsInput(
                homeArea: homes[Int(random.next() % UInt64(homes.count))], maximumTravelKm: 80, language: spoken?.language, dialect: spoken?.dialect,
                kind: random.next() % 10 == 0 ? InterviewKind.complexSubstantive.rawValue : InterviewKind.substantive.rawValue,
                responsibleAdultArranged: InterviewRules.isChild(claim.facts, on: start) ? true : nil, needsTransport: random.next() % 4 == 0
            )
            guard (try? await past.recordInterviewNeeds(input, on: claim.reference, expectedVersion: claim.version, by: booker)) != nil else { continue }
            summary.needsRecorded += 1
            waiting.append(claim.reference)
        }
        let interviewers = try await store.staffRecords(unit: unit, for: .system)
            .filter { $0.member.active && AccessPolicy.availabilityDeclarers.contains($0.member.role) && CaseworkStore.mayInterview($0.profile) }

        var day = start
        while day < today {
            defer { day = day.adding(days: 1) }
            guard (try? calendar.isWorkingDay(day)) == true else { continue }
            clock.set(Instant(startOf: day).adding(milliseconds: 9 * 3_600_000))
            // Declarations a week ahead, as each decision maker themselves.
            let ahead = try calendar.addingWorkingDays(BookingPolicy.minimumNoticeWorkingDays, to: day)
            if ahead < today.adding(days: 14), centre.openDays.contains(ahead.weekday) {
                for record in interviewers where random.next() % 10 < 6 || record.member.username == "demo.dm" {
                    let actor = Actor(staff: record.member.username, role: record.member.role, unit: record.member.unit)
                    _ = try? await past.declareAvailability(AvailabilityInput(dates: [ahead.iso], location: centre.code, dailyMaximum: "1"), by: actor, reason: "Demo history")
                }
            }
            // Four bookings a day, the best option each.
            for _ in 0..<4 where !waiting.isEmpty {
                let reference = waiting.removeFirst()
                if try await book(reference, replaces: nil, past, booker) { summary.booked += 1 }
            }
            // The day's interviews, at the end of the day: outcomes in fig 24's shares.
            clock.set(Instant(startOf: day).adding(milliseconds: 17 * 3_600_000))
            let diary = try await past.interviewDiary(unit: unit, from: day, to: day, for: booker)
            for interview in diary.days.flatMap(\.entries).map(\.interview) where interview.status == "booked" {
                let roll = random.next() % 10_000
                let input: InterviewOutcomeInput
                switch roll {
                case 0..<6_300: input = InterviewOutcomeInput(outcome: "completed", actualMinutes: 80 + Int(random.next() % 40))
                case 6_300..<7_900:
                    let reasons: [CancellationReason] = [.interpreterUnavailable, .interpreterWrongLanguage, .decisionMakerUnavailable, .claimantIll, .representativeUnavailable, .interpreterUnavailable]
                    let reason = reasons[Int(random.next() % UInt64(reasons.count))]
                    input = InterviewOutcomeInput(outcome: "cancelled", cancellationReason: reason.rawValue, cancelledBy: reason.isInterpreterProblem ? CancelledBy.interpreterSupplier.rawValue : CancelledBy.homeOffice.rawValue)
                case 7_900..<9_750: input = InterviewOutcomeInput(outcome: "no-show")
                default: input = InterviewOutcomeInput(outcome: "suspended", note: "The claimant became unwell")
                }
                let claim = try await past.claim(interview.claim, for: booker)
                if (try? await past.recordInterviewOutcome(input, interview: interview.number, on: interview.claim, expectedVersion: claim.version, by: Actor(staff: interview.slot.decisionMaker, role: .decisionMaker, unit: unit))) != nil {
                    summary.outcomes[input.outcome ?? "", default: 0] += 1
                    if input.outcome == "cancelled" || input.outcome == "suspended" { waiting.append(interview.claim) }
                }
            }
            // Failures to attend whose response period has ended: half rebooked (a reason was given), half proposed for withdrawal.
            for task in try await past.failureToAttendTasksDue(unit: unit, for: booker) {
                let claim = try await past.claim(task.claim, for: booker)
                let rebook = random.next() % 2 == 0
                let input = FailureToAttendFollowUpInput(action: rebook ? "rebook" : "propose-withdrawal", response: rebook ? "The claimant's representative explained the claimant was in hospital" : nil)
                if (try? await past.followUpFailureToAttend(input, interview: task.interview, on: task.claim, expectedVersion: claim.version, by: Actor(staff: "demo.dm", role: .decisionMaker, unit: unit))) != nil {
                    summary.followUps += 1
                    if rebook, try await book(task.claim, replaces: task.interview, past, booker) { summary.booked += 1 }
                }
            }
        }
        return summary
    }

    /// Books the best option for the claim, rebooking `replaces` when given; false when nothing is free.
    static func book(_ reference: ClaimReference, replaces: Int?, _ store: CaseworkStore, _ booker: Actor) async throws -> Bool {
        let options = try await store.interviewOptions(for: reference, by: booker)
        guard let best = options.options.first else { return false }
        let claim = try await store.claim(reference, for: booker)
        let input = BookInterviewInput(
            date: best.slot.date.iso, start: InterviewResourceRules.clockTime(best.slot.start), room: best.slot.room, interpreter: best.slot.interpreter,
            decisionMaker: best.slot.decisionMaker.rawValue, method: "post", replaces: replaces
        )
        return (try? await store.bookInterview(input, on: reference, expectedVersion: claim.version, by: booker)) != nil
    }
}
