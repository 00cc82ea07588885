/// Finding and checking interview options for one claim (8.66–8.81): a room free for long enough, an interpreter in
/// the claimant's language and dialect, a decision maker trained for interviews, working the claim's cohort and
/// available that day, at a location the claimant can reach, on a day after the minimum notice. Booking a week at once
/// is `CaseworkScheduling`'s job; this is the booker's "best options for this claim", and the check every single
/// booking passes again inside its transaction.
public struct BookingSearch: Sendable {
    /// A decision maker who has declared availability, with what their staff record says.
    public struct DecisionMaker: Sendable, Hashable {
        public var staff: StaffID
        public var name: String
        public var unit: UnitID
        public var eligibility: NextClaimEligibility

        public init(staff: StaffID, name: String, unit: UnitID, eligibility: NextClaimEligibility) {
            self.staff = staff
            self.name = name
            self.unit = unit
            self.eligibility = eligibility
        }
    }

    /// Time already booked on a room, interpreter or decision maker.
    public struct Booked: Sendable, Hashable {
        public var date: LocalDate
        public var start: Int
        public var minutes: Int
        public var location: String
        public var room: String
        public var interpreter: String?
        public var decisionMaker: StaffID

        public init(date: LocalDate, start: Int, minutes: Int, location: String, room: String, interpreter: String?, decisionMaker: StaffID) {
            self.date = date
            self.start = start
            self.minutes = minutes
            self.location = location
            self.room = room
            self.interpreter = interpreter
            self.decisionMaker = decisionMaker
        }
    }

    /// The claim being booked.
    public struct ClaimToBook: Sendable, Hashable {
        public var needs: InterviewNeeds
        public var child: Bool
        public var unit: UnitID
        /// Operations whose cohort the claim is in.
        public var cohorts: Set<String>
        /// The caseworker who holds the claim: offered first when they can interview it.
        public var holder: StaffID?

        public init(needs: InterviewNeeds, child: Bool, unit: UnitID, cohorts: Set<String>, holder: StaffID?) {
            self.needs = needs
            self.child = child
            self.unit = unit
            self.cohorts = cohorts
            self.holder = holder
        }
    }

    public var locations: [InterviewLocation]
    public var rooms: [InterviewRoom]
    public var interpreters: [Interpreter]
    public var availability: [DeclaredAvailability]
    public var decisionMakers: [StaffID: DecisionMaker]
    public var booked: [Booked]
    public var policy: InterviewPolicy

    private var bookedByResource: [String: [Booked]] = [:]

    public init(
        locations: [InterviewLocation], rooms: [InterviewRoom], interpreters: [Interpreter], availability: [DeclaredAvailability],
        decisionMakers: [DecisionMaker], booked: [Booked], policy: InterviewPolicy = .current
    ) {
        self.locations = locations
        self.rooms = rooms
        self.interpreters = interpreters
        self.availability = availability
        self.decisionMakers = Dictionary(decisionMakers.map { ($0.staff, $0) }, uniquingKeysWith: { first, _ in first })
        self.booked = booked
        self.policy = policy
        for item in booked {
            bookedByResource["room:\(item.room)|\(item.date.iso)", default: []].append(item)
            bookedByResource["dm:\(item.decisionMaker.rawValue)|\(item.date.iso)", default: []].append(item)
            if let interpreter = item.interpreter { bookedByResource["interpreter:\(interpreter)|\(item.date.iso)", default: []].append(item) }
        }
    }

    /// An option, ranked, with the reasons a booker reads.
    public struct Option: Codable, Sendable, Hashable {
        public var slot: InterviewSlotChoice
        public var locationName: String
        public var roomName: String
        public var interpreterName: String?
        public var decisionMakerName: String
        public var distanceKm: Int
        public var reasons: [String]
    }

    /// Minutes the claim's interview needs.
    public func requiredMinutes(for claim: ClaimToBook) -> Int { policy.slotLength(claim.needs.kind, child: claim.child) }

    /// Locations the claimant can reach, nearest first, with their distance.
    public func reachableLocations(for claim: ClaimToBook) -> [(location: InterviewLocation, km: Double)] {
        locations.filter(\.active).map { ($0, claim.needs.home.kilometres(to: $0.point)) }
            .filter { $0.1 <= Double(claim.needs.maximumTravelKm) }
            .sorted { ($0.1, $0.0.code) < ($1.1, $1.0.code) }
    }

    /// The best options on `dates` (in order), at most `limit`, at most two per day and location so the booker sees a
    /// choice: earliest date first, then nearest location, then earliest time.
    public func options(for claim: ClaimToBook, on dates: [LocalDate], limit: Int) -> [Option] {
        let reachable = reachableLocations(for: claim)
        let nearest = reachable.first?.km
        let required = requiredMinutes(for: claim)
        var options: [Option] = []
        for date in dates {
            for (location, km) in reachable where location.openDays.contains(date.weekday) {
                var offered = 0
                // An adult's interview goes to an ordinary room before a children's room, so those stay free for children.
                let here = rooms.filter { $0.location == location.code && $0.active && roomSuits($0, claim) }
                for room in here.sorted(by: { ($0.childSuitable && !claim.child ? 1 : 0) < ($1.childSuitable && !claim.child ? 1 : 0) }) {
                    for slot in room.weeklySlots where slot.weekday == date.weekday && slot.minutes >= required {
                        guard isFree("room:\(room.code)", date: date, start: slot.start, minutes: required) else { continue }
                        guard let interpreter = bestInterpreter(for: claim, at: location.code, date: date, start: slot.start, minutes: required) else {
                            if claim.needs.language != nil { continue }
                            guard let dm = bestDecisionMaker(for: claim, at: location.code, date: date, start: slot.start, minutes: required) else { continue }
                            options.append(option(claim, date, slot.start, required, location, km, nearest, room, nil, dm, rank: options.count))
                            offered += 1
                            break
                        }
                        guard let dm = bestDecisionMaker(for: claim, at: location.code, date: date, start: slot.start, minutes: required) else { continue }
                        options.append(option(claim, date, slot.start, required, location, km, nearest, room, interpreter, dm, rank: options.count))
                        offered += 1
                        break
                    }
                    if offered >= 2 || options.count >= limit { break }
                }
                if options.count >= limit { return options }
            }
        }
        return options
    }

    /// Every rule `choice` breaks for this claim, each naming the field a booker would change; empty when it can be booked.
    public func problems(with choice: InterviewSlotChoice, for claim: ClaimToBook, earliest: LocalDate) -> [FieldError] {
        var errors: [FieldError] = []
        let required = requiredMinutes(for: claim)
        if choice.minutes != required {
            errors.append(FieldError(field: "start", message: "This interview needs \(required) minutes, not \(choice.minutes)"))
        }
        if choice.date < earliest {
            errors.append(FieldError(field: "date", message: "The interview must be on or after \(earliest.longForm): the claimant needs notice, and the invitation cannot be on the interview's day (10.42)"))
        }
        guard let location = locations.first(where: { $0.code == choice.location && $0.active }) else {
            return errors + [FieldError(field: "location", message: "No open interview location has the code \(choice.location)")]
        }
        if !location.openDays.contains(choice.date.weekday) {
            errors.append(FieldError(field: "date", message: "\(location.name) is not open on \(choice.date.weekday.name)s"))
        }
        let km = claim.needs.home.kilometres(to: location.point)
        if km > Double(claim.needs.maximumTravelKm) {
            errors.append(FieldError(field: "location", message: "\(location.name) is \(Int(km.rounded())) km from the claimant, beyond their \(claim.needs.maximumTravelKm) km"))
        }
        if let room = rooms.first(where: { $0.code == choice.room && $0.location == location.code && $0.active }) {
            if !roomSuits(room, claim) {
                errors.append(FieldError(field: "room", message: claim.child && !room.childSuitable ? "\(room.name) is not suitable for a child's interview" : "\(room.name) is not step-free"))
            }
            if !room.weeklySlots.contains(where: { $0.weekday == choice.date.weekday && $0.start <= choice.start && $0.end >= choice.start + choice.minutes }) {
                errors.append(FieldError(field: "start", message: "\(room.name) has no slot on \(choice.date.weekday.name)s covering \(InterviewResourceRules.clockTime(choice.start)) for \(choice.minutes) minutes"))
            }
            if !isFree("room:\(room.code)", date: choice.date, start: choice.start, minutes: choice.minutes) {
                errors.append(FieldError(field: "room", message: "\(room.name) is already booked at that time"))
            }
        } else {
            errors.append(FieldError(field: "room", message: "\(location.name) has no open room with the code \(choice.room)"))
        }
        switch (claim.needs.language, choice.interpreter) {
        case (nil, nil): break
        case (nil, .some): errors.append(FieldError(field: "interpreter", message: "The claimant needs no interpreter"))
        case (.some(let language), nil):
            errors.append(FieldError(field: "interpreter", message: "Choose an interpreter in \(Languages.displayName(language: language.language, dialect: language.dialect))"))
        case let (.some(language), .some(code)):
            if let interpreter = interpreters.first(where: { $0.code == code }) {
                if let problem = interpreterProblem(interpreter, language, at: location.code, date: choice.date, start: choice.start, minutes: choice.minutes) {
                    errors.append(FieldError(field: "interpreter", message: problem))
                }
            } else {
                errors.append(FieldError(field: "interpreter", message: "No interpreter has the code \(code)"))
            }
        }
        if let dm = decisionMakers[choice.decisionMaker] {
            if let problem = decisionMakerProblem(dm, claim, at: location.code, date: choice.date, start: choice.start, minutes: choice.minutes) {
                errors.append(FieldError(field: "decisionMaker", message: problem))
            }
        } else {
            errors.append(FieldError(field: "decisionMaker", message: "\(choice.decisionMaker.rawValue) has not declared availability to interview on \(choice.date.longForm)"))
        }
        return errors
    }

    // MARK: Resources

    private func roomSuits(_ room: InterviewRoom, _ claim: ClaimToBook) -> Bool {
        (!claim.child || room.childSuitable) && (!claim.needs.needsStepFreeAccess || room.stepFree)
    }

    private func bookings(_ resource: String, _ date: LocalDate) -> [Booked] { bookedByResource["\(resource)|\(date.iso)"] ?? [] }

    private func isFree(_ resource: String, date: LocalDate, start: Int, minutes: Int) -> Bool {
        !bookings(resource, date).contains { $0.start < start + minutes && start < $0.start + $0.minutes }
    }

    private func interpreterProblem(_ interpreter: Interpreter, _ language: InterpreterLanguage, at location: String, date: LocalDate, start: Int, minutes: Int) -> String? {
        let name = interpreter.name
        if !interpreter.active { return "\(name) is no longer on the interpreter register" }
        if !interpreter.languages.contains(where: { $0.serves(language) }) {
            return "\(name) does not interpret \(Languages.displayName(language: language.language, dialect: language.dialect))"
        }
        if !interpreter.days.contains(date.weekday) { return "\(name) does not work on \(date.weekday.name)s" }
        if !interpreter.remote, !interpreter.locations.contains(location) { return "\(name) does not attend this location and does not work by video" }
        let day = bookings("interpreter:\(interpreter.code)", date)
        if day.count >= interpreter.dailyMaximum { return "\(name) already has \(day.count) interviews on \(date.longForm), their daily maximum" }
        if day.contains(where: { $0.start < start + minutes && start < $0.start + $0.minutes }) { return "\(name) is already booked at that time" }
        let inPersonElsewhere = day.contains { $0.location != location && interpreter.locations.contains($0.location) }
        if inPersonElsewhere, !interpreter.remote { return "\(name) is at another location that day" }
        return nil
    }

    private func bestInterpreter(for claim: ClaimToBook, at location: String, date: LocalDate, start: Int, minutes: Int) -> Interpreter? {
        guard let language = claim.needs.language else { return nil }
        // In person before video; then the interpreter with fewest languages, so scarce multi-linguists stay free for the
        // languages only they cover (10.50–10.51); then the least loaded that day.
        return interpreters.filter { interpreterProblem($0, language, at: location, date: date, start: start, minutes: minutes) == nil }
            .min { a, b in
                let keyA = (a.locations.contains(location) ? 0 : 1, a.languages.count, bookings("interpreter:\(a.code)", date).count, a.code)
                let keyB = (b.locations.contains(location) ? 0 : 1, b.languages.count, bookings("interpreter:\(b.code)", date).count, b.code)
                return keyA < keyB
            }
    }

    private func decisionMakerProblem(_ dm: DecisionMaker, _ claim: ClaimToBook, at location: String, date: LocalDate, start: Int, minutes: Int) -> String? {
        guard let declared = availability.first(where: { $0.staff == dm.staff && $0.date == date }) else {
            return "\(dm.name) has not declared availability to interview on \(date.longForm)"
        }
        if declared.location != location { return "\(dm.name) is interviewing at another location on \(date.longForm)" }
        if dm.unit != claim.unit { return "\(dm.name) is not in the unit that owns the claim" }
        if !dm.eligibility.allows(stage: .interview, unaccompaniedChild: false, cohorts: claim.cohorts) {
            return dm.eligibility.mayWork(.interview) ? "\(dm.name) works another operation's cohort" : "\(dm.name) is not trained to interview"
        }
        if claim.child, !dm.eligibility.takesChildrensClaims { return "\(dm.name) has not done the children's casework training" }
        let day = bookings("dm:\(dm.staff.rawValue)", date)
        if day.count >= declared.dailyMaximum { return "\(dm.name) already has \(day.count) interviews on \(date.longForm), the most they declared" }
        if day.contains(where: { $0.start < start + minutes && start < $0.start + $0.minutes }) { return "\(dm.name) is already interviewing at that time" }
        return nil
    }

    private func bestDecisionMaker(for claim: ClaimToBook, at location: String, date: LocalDate, start: Int, minutes: Int) -> DecisionMaker? {
        let free = availability.lazy.filter { $0.date == date && $0.location == location }
            .compactMap { decisionMakers[$0.staff] }
            .filter { decisionMakerProblem($0, claim, at: location, date: date, start: start, minutes: minutes) == nil }
        // The caseworker who holds the claim first: they know it. Then the least loaded that day.
        return free.min { a, b in
            (a.staff == claim.holder ? 0 : 1, bookings("dm:\(a.staff.rawValue)", date).count, a.staff) < (b.staff == claim.holder ? 0 : 1, bookings("dm:\(b.staff.rawValue)", date).count, b.staff)
        }
    }

    private func option(
        _ claim: ClaimToBook, _ date: LocalDate, _ start: Int, _ minutes: Int, _ location: InterviewLocation, _ km: Double, _ nearest: Double?,
        _ room: InterviewRoom, _ interpreter: Interpreter?, _ dm: DecisionMaker, rank: Int
    ) -> Option {
        let distance = Int(km.rounded())
        var reasons: [String] = []
        reasons.append(rank == 0 ? "Earliest date with a room, an interpreter and a decision maker all free" : "Next earliest choice")
        if let nearest, km <= nearest + 0.5 {
            reasons.append("\(location.name) is the nearest location, \(distance) km from the claimant")
        } else {
            reasons.append("\(location.name) is \(distance) km from the claimant (limit \(claim.needs.maximumTravelKm) km)")
        }
        if let interpreter, let language = claim.needs.language {
            let how = interpreter.locations.contains(location.code) ? "in person" : "by video"
            reasons.append("\(interpreter.name) interprets \(Languages.displayName(language: language.language, dialect: language.dialect)), \(how)")
        }
        var dmReason = dm.staff == claim.holder ? "\(dm.name) holds the claim and is free to interview" : "\(dm.name) is trained to interview and has declared the day"
        if let operation = dm.eligibility.operation { dmReason += "; works \(operation)" }
        if claim.child { dmReason += "; children's casework trained" }
        reasons.append(dmReason)
        var roomReason = "\(room.name): \(minutes)-minute interview"
        if claim.child { roomReason += " with breaks, suitable for a child" }
        if claim.needs.needsStepFreeAccess { roomReason += ", step-free" }
        reasons.append(roomReason)
        return Option(
            slot: InterviewSlotChoice(date: date, start: start, minutes: minutes, location: location.code, room: room.code, interpreter: interpreter?.code, decisionMaker: dm.staff),
            locationName: location.name, roomName: room.name, interpreterName: interpreter?.name, decisionMakerName: dm.name,
            distanceKm: distance, reasons: reasons
        )
    }
}
