import CaseworkDomain

/// A week read from the database (`InterviewWeekInputs`) as the scheduler's instance, with the way back from its
/// bookings to the choices the store books (`InterviewWeekChoice`).
///
/// How the database's terms become the format's (`docs/schedule-format.md`):
/// - **Slots**: each open room's weekly slots on each working day of the week, minus the time already booked in the
///   room: a weekly slot partly taken leaves the free part before and after as slots of their own. Slots on a day the
///   location is closed stay in (the location's `openDays` leaves them out), so the explanation can say so.
/// - **Decision makers**: one entry per declared location and daily maximum (the format has one location and one
///   maximum per decision maker). A day on which they already have interviews gets its own entry with what remains
///   of their declared maximum.
/// - **Cohorts**: a claim's cohort is the set of operations it is in (joined with "+"); a decision maker lists every
///   cohort `NextClaimEligibility.allows` them: with no operation, "general" and every cohort; with one, each cohort
///   that includes it. Only a decision maker of the claim's own unit may interview it, so when the week spans more
///   than one unit every cohort is named with its unit ("AMESA (DMU-GLA)", "general (DMU-GLA)").
/// - **Interpreters**: their weekdays become the week's dates; a day on which they already have interviews gets its
///   own entry with what remains of their daily maximum and, unless they work by video, only the location they are
///   already at. Languages are named by `Languages` ("Kurdish (Sorani)"), the same way for claims and interpreters.
/// - **Claims**: `priority` is the claim's rank in the work order. A manifest share (8.72) makes the scheduler name
///   reserves; the store books interviews only, so reserves are a list for the booker to invite (not recorded yet).
///
/// The format cannot say that someone is already busy at 10:00 on a day, only how many more interviews they may take;
/// `plan` therefore checks every proposed booking with the store's own rules (`InterviewWeekInputs.problems`) and
/// keeps apart any that would be refused.
public struct InterviewWeekSchedule: Sendable {
    /// Where a slot of the instance is.
    struct SlotPlace: Sendable, Hashable {
        var room: String
        var location: String
        var date: LocalDate
        var start: Int
    }

    /// The week as read.
    public let inputs: InterviewWeekInputs
    /// The week as the scheduler reads it.
    public let instance: ScheduleInstance
    /// The slot lengths the choices are booked with.
    public let policy: InterviewPolicy

    let slots: [String: SlotPlace]
    let interpreterCodes: [String: String]
    let decisionMakerStaff: [String: StaffID]
    let claims: [String: ClaimAwaitingInterview]

    /// Builds the instance for `inputs`.
    public init(_ inputs: InterviewWeekInputs, policy: InterviewPolicy = .current, manifestShare: Double = 0) {
        self.inputs = inputs
        self.policy = policy
        let days = inputs.days
        let locationCodes = Set(inputs.locations.filter(\.active).map(\.code))

        let locations = inputs.locations.filter(\.active).map { location in
            ScheduleLocation(
                id: location.code, name: location.name, latitude: location.point.latitude, longitude: location.point.longitude,
                openDays: days.filter { location.openDays.contains($0.weekday) }
            )
        }
        let openRooms = inputs.rooms.filter { $0.active && locationCodes.contains($0.location) }
        let rooms = openRooms.map { ScheduleRoom(id: $0.code, location: $0.location, childSuitable: $0.childSuitable, stepFree: $0.stepFree) }

        var bookedByRoom: [String: [BookingSearch.Booked]] = [:]
        var bookedByInterpreter: [String: [BookingSearch.Booked]] = [:]
        var bookedByDecisionMaker: [String: [BookingSearch.Booked]] = [:]
        for item in inputs.booked {
            bookedByRoom["\(item.room)|\(item.date.iso)", default: []].append(item)
            if let interpreter = item.interpreter { bookedByInterpreter["\(interpreter)|\(item.date.iso)", default: []].append(item) }
            bookedByDecisionMaker["\(item.decisionMaker.rawValue)|\(item.date.iso)", default: []].append(item)
        }

        // Slots: the free parts of each weekly slot on each working day.
        var slotList: [ScheduleSlot] = []
        var slots: [String: SlotPlace] = [:]
        for room in openRooms {
            for day in days {
                let busy = (bookedByRoom["\(room.code)|\(day.iso)"] ?? []).map { ($0.start, $0.start + $0.minutes) }
                for weekly in room.weeklySlots where weekly.weekday == day.weekday {
                    for (start, end) in Self.free(from: weekly.start, to: weekly.end, minus: busy) {
                        guard let time = ScheduleTime(minuteOfDay: start) else { continue }
                        let id = "\(room.code) \(day.iso) \(time)"
                        slotList.append(ScheduleSlot(id: id, room: room.code, date: day, start: time, minutes: end - start))
                        slots[id] = SlotPlace(room: room.code, location: room.location, date: day, start: start)
                    }
                }
            }
        }

        // Cohorts, qualified by unit when more than one unit is in the week.
        let units = Set(inputs.claims.map(\.unit)).union(inputs.decisionMakers.map(\.unit))
        let qualified = units.count > 1
        func token(unit: UnitID, cohorts: [String]) -> String? {
            let name = cohorts.isEmpty ? nil : cohorts.sorted().joined(separator: "+")
            return qualified ? "\(name ?? ScheduleClaim.generalCohort) (\(unit.rawValue))" : name
        }
        var groups: [UnitID: Set<[String]>] = [:]
        for claim in inputs.claims { groups[claim.unit, default: []].insert(claim.cohorts.sorted()) }

        // Decision makers: one entry per declared location and remaining daily maximum.
        let eligibility = Dictionary(
            inputs.decisionMakers.filter { $0.eligibility.mayWork(.interview) }.map { ($0.staff, $0) }, uniquingKeysWith: { first, _ in first }
        )
        struct Entry: Hashable {
            var staff: StaffID
            var location: String
            var maximum: Int
            var busyDay: LocalDate?
        }
        var entryDays: [Entry: [LocalDate]] = [:]
        var entryOrder: [Entry] = []
        let weekDays = Set(days)
        for declared in inputs.availability.sorted(by: { ($0.staff, $0.date) < ($1.staff, $1.date) })
        where weekDays.contains(declared.date) && locationCodes.contains(declared.location) && eligibility[declared.staff] != nil {
            let already = bookedByDecisionMaker["\(declared.staff.rawValue)|\(declared.date.iso)"]?.count ?? 0
            let remaining = declared.dailyMaximum - already
            guard remaining > 0 else { continue }
            let entry = Entry(staff: declared.staff, location: declared.location, maximum: remaining, busyDay: already > 0 ? declared.date : nil)
            if entryDays[entry] == nil { entryOrder.append(entry) }
            entryDays[entry, default: []].append(declared.date)
        }
        var decisionMakers: [ScheduleDecisionMaker] = []
        var decisionMakerStaff: [String: StaffID] = [:]
        var perStaff: [StaffID: Int] = [:]
        for entry in entryOrder {
            guard let dm = eligibility[entry.staff] else { continue }
            perStaff[entry.staff, default: 0] += 1
            let number = perStaff[entry.staff]!
            let id = number == 1 ? entry.staff.rawValue : "\(entry.staff.rawValue)#\(number)"
            var cohorts: [String] = []
            if dm.eligibility.operation == nil { cohorts.append(token(unit: dm.unit, cohorts: []) ?? ScheduleClaim.generalCohort) }
            for group in (groups[dm.unit] ?? []).sorted(by: { $0.joined(separator: "+") < $1.joined(separator: "+") })
            where !group.isEmpty && dm.eligibility.allows(stage: .interview, unaccompaniedChild: false, cohorts: Set(group)) {
                cohorts.append(token(unit: dm.unit, cohorts: group)!)
            }
            decisionMakers.append(ScheduleDecisionMaker(
                id: id, location: entry.location, cohorts: cohorts, childrenTrained: dm.eligibility.takesChildrensClaims,
                days: entryDays[entry] ?? [], dailyMaximum: entry.maximum
            ))
            decisionMakerStaff[id] = entry.staff
        }

        // Interpreters: their weekdays as dates; a day already booked on gets an entry of its own.
        var interpreters: [ScheduleInterpreter] = []
        var interpreterCodes: [String: String] = [:]
        for interpreter in inputs.interpreters where interpreter.active {
            let languages = Array(Set(interpreter.languages.compactMap(Self.language))).sorted { ($0.language, $0.dialect ?? "") < ($1.language, $1.dialect ?? "") }
            guard !languages.isEmpty else { continue }
            let attends = interpreter.locations.filter { locationCodes.contains($0) }
            var freeDays: [LocalDate] = []
            for day in days where interpreter.days.contains(day.weekday) {
                let already = bookedByInterpreter["\(interpreter.code)|\(day.iso)"] ?? []
                if already.isEmpty {
                    freeDays.append(day)
                    continue
                }
                let remaining = interpreter.dailyMaximum - already.count
                // In person at one location a day: where they already are, unless they work by video.
                let places = interpreter.remote ? attends : attends.filter { place in already.allSatisfy { $0.location == place } }
                guard remaining > 0, interpreter.remote || !places.isEmpty else { continue }
                let id = "\(interpreter.code)#\(day.iso)"
                interpreters.append(ScheduleInterpreter(
                    id: id, languages: languages, locations: places, remote: interpreter.remote, days: [day], dailyMaximum: remaining
                ))
                interpreterCodes[id] = interpreter.code
            }
            if !freeDays.isEmpty {
                interpreters.append(ScheduleInterpreter(
                    id: interpreter.code, languages: languages, locations: attends, remote: interpreter.remote, days: freeDays,
                    dailyMaximum: interpreter.dailyMaximum
                ))
                interpreterCodes[interpreter.code] = interpreter.code
            }
        }

        var claims: [String: ClaimAwaitingInterview] = [:]
        let scheduleClaims = inputs.claims.map { claim in
            claims[claim.reference.rawValue] = claim
            return ScheduleClaim(
                reference: claim.reference.rawValue, priority: claim.rank, cohort: token(unit: claim.unit, cohorts: claim.cohorts), kind: claim.needs.kind,
                child: claim.child, responsibleAdult: claim.needs.responsibleAdultArranged, language: claim.needs.language.flatMap(Self.language),
                latitude: claim.needs.home.latitude, longitude: claim.needs.home.longitude, maximumTravelKm: Double(claim.needs.maximumTravelKm),
                needsStepFree: claim.needs.needsStepFreeAccess, notBefore: claim.notBefore
            )
        }

        self.instance = ScheduleInstance(
            week: days, earliestDate: inputs.earliest, manifestShare: manifestShare, policy: SchedulePolicy(policy), locations: locations, rooms: rooms,
            slots: slotList, interpreters: interpreters, decisionMakers: decisionMakers, claims: scheduleClaims
        )
        self.slots = slots
        self.interpreterCodes = interpreterCodes
        self.decisionMakerStaff = decisionMakerStaff
        self.claims = claims
    }

    /// A language as the format names it: the list's English name and dialect name ("Kurdish (Sorani)"), compared
    /// exactly; a code not on the list is kept in lower case, as `InterpreterLanguage.serves` ignores case. Nil for an
    /// empty name.
    static func language(_ language: InterpreterLanguage) -> ScheduleLanguage? {
        let code = language.language.trimmingWhitespace
        guard !code.isEmpty else { return nil }
        let entry = Languages.language(code: code)
        let dialect = language.dialect.map(\.trimmingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        return ScheduleLanguage(entry?.name ?? code.lowercased(), dialect: dialect.map { entry?.dialect(code: $0)?.name ?? $0.lowercased() })
    }

    /// The parts of `[start, end)` not covered by any of `busy`.
    static func free(from start: Int, to end: Int, minus busy: [(Int, Int)]) -> [(Int, Int)] {
        var parts: [(Int, Int)] = []
        var cursor = start
        for (from, to) in busy.sorted(by: { $0.0 < $1.0 }) where to > cursor && from < end {
            if from > cursor { parts.append((cursor, from)) }
            cursor = max(cursor, to)
        }
        if cursor < end { parts.append((cursor, end)) }
        return parts
    }

    // MARK: The way back

    /// The choice a booking of the result stands for, booked for the claim's required minutes (`InterviewPolicy`)
    /// from the slot's start; nil when the booking names a slot, claim or person this week does not have.
    public func choice(for booking: ScheduleBooking) -> InterviewWeekChoice? {
        guard let place = slots[booking.slot], let claim = claims[booking.claim], let staff = decisionMakerStaff[booking.decisionMaker] else { return nil }
        var interpreter: String?
        if let id = booking.interpreter {
            guard let code = interpreterCodes[id] else { return nil }
            interpreter = code
        }
        return InterviewWeekChoice(
            claim: claim.reference, version: claim.version,
            slot: InterviewSlotChoice(
                date: place.date, start: place.start, minutes: policy.slotLength(claim.needs.kind, child: claim.child), location: place.location,
                room: place.room, interpreter: interpreter, decisionMaker: staff
            )
        )
    }

    /// The result as a plan to show and book: each booking as a choice with the names a planner reads, checked with
    /// the store's own rules in the result's order (those refused are kept apart, with why), and the unbooked claims.
    public func plan(_ result: ScheduleResult) -> InterviewWeekPlan {
        let locations = Dictionary(inputs.locations.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let rooms = Dictionary(inputs.rooms.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let interpreters = Dictionary(inputs.interpreters.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let people = Dictionary(inputs.decisionMakers.map { ($0.staff, $0.name) }, uniquingKeysWith: { first, _ in first })
        var proposed: [InterviewWeekPlan.Booking] = []
        var refused: [InterviewWeekPlan.Refusal] = []
        for booking in result.bookings {
            guard let choice = choice(for: booking), let claim = claims[booking.claim] else {
                refused.append(.init(claim: ClaimReference(booking.claim), problems: ["The schedule named a slot, interpreter or decision maker this week does not have"]))
                continue
            }
            let slot = choice.slot
            let location = locations[slot.location]
            proposed.append(InterviewWeekPlan.Booking(
                choice: choice, claim: claim, locationName: location?.name ?? slot.location, roomName: rooms[slot.room] ?? slot.room,
                interpreterName: slot.interpreter.map { interpreters[$0] ?? $0 }, decisionMakerName: people[slot.decisionMaker] ?? slot.decisionMaker.rawValue,
                distanceKm: location.map { Int(claim.needs.home.kilometres(to: $0.point).rounded()) } ?? 0
            ))
        }
        let problems = inputs.problems(with: proposed.map(\.choice), policy: policy)
        var bookings: [InterviewWeekPlan.Booking] = []
        for (booking, found) in zip(proposed, problems) {
            if found.isEmpty {
                bookings.append(booking)
            } else {
                refused.append(.init(claim: booking.choice.claim, problems: found.map(\.message)))
            }
        }
        bookings.sort { a, b in
            (a.choice.slot.date, a.locationName, a.choice.slot.start, a.choice.slot.room) < (b.choice.slot.date, b.locationName, b.choice.slot.start, b.choice.slot.room)
        }
        return InterviewWeekPlan(inputs: inputs, result: result, bookings: bookings, refused: refused)
    }

    /// Schedules the week and returns the plan. A week the scheduler refuses (which a week read from the database
    /// should never be) is thrown with every problem named.
    public func schedule(with scheduler: WeekScheduler = WeekScheduler()) throws(ValidationFailure) -> InterviewWeekPlan {
        plan(try scheduler.schedule(instance))
    }
}

/// A scheduled week ready to show and book: the bookings that pass the store's checks, any the checks refuse, and the
/// claims the scheduler could not book with the constraint that stopped each.
public struct InterviewWeekPlan: Sendable {
    /// One proposed interview, with the names a planner reads.
    public struct Booking: Sendable, Hashable {
        public var choice: InterviewWeekChoice
        public var claim: ClaimAwaitingInterview
        public var locationName: String
        public var roomName: String
        public var interpreterName: String?
        public var decisionMakerName: String
        /// From the claimant's home to the location, rounded.
        public var distanceKm: Int
    }

    /// A booking the scheduler proposed that the store's checks refuse, and why.
    public struct Refusal: Sendable, Hashable {
        public var claim: ClaimReference
        public var problems: [String]
    }

    /// The week as read.
    public var inputs: InterviewWeekInputs
    /// The scheduler's answer, as written to a result file.
    public var result: ScheduleResult
    /// Interviews to book, by day, location and time.
    public var bookings: [Booking]
    /// Proposed interviews the store's checks refuse (the format cannot express time already booked on a person).
    public var refused: [Refusal]

    /// What to book.
    public var choices: [InterviewWeekChoice] { bookings.map(\.choice) }

    /// Claims not booked, with the constraint and the explanation, in the week's order.
    public var unbooked: [ScheduleUnbooked] { result.unbooked }

    /// Unbooked claims grouped by the constraint that stopped them, the largest group first.
    public var unbookedByConstraint: [(constraint: ScheduleConstraint, claims: [ScheduleUnbooked])] {
        let grouped = Dictionary(grouping: result.unbooked, by: \.constraint)
        return result.unbookedByConstraint.map { ($0.constraint, grouped[$0.constraint] ?? []) }
    }
}
