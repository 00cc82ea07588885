import CaseworkDomain

/// A booker's choice of option, as sent by the claim page or the API.
public struct BookInterviewInput: Codable, Sendable, Hashable {
    public var date: String?
    /// "HH:MM".
    public var start: String?
    public var room: String?
    public var interpreter: String?
    public var decisionMaker: String?
    /// How the invitation is sent: post, email or in-person.
    public var method: String?
    /// The interview this rebooks, if any.
    public var replaces: Int?
    public var reason: String?

    public init(date: String?, start: String?, room: String?, interpreter: String?, decisionMaker: String?, method: String?, replaces: Int? = nil, reason: String? = nil) {
        self.date = date
        self.start = start
        self.room = room
        self.interpreter = interpreter
        self.decisionMaker = decisionMaker
        self.method = method
        self.replaces = replaces
        self.reason = reason
    }
}

/// A postponement request as typed.
public struct PostponementInput: Codable, Sendable, Hashable {
    public var interview: Int?
    /// claimant or representative.
    public var requestedBy: String?
    public var received: String?
    public var reason: String?
    public var medicalEvidence: String?

    public init(interview: Int?, requestedBy: String?, received: String?, reason: String?, medicalEvidence: String?) {
        self.interview = interview
        self.requestedBy = requestedBy
        self.received = received
        self.reason = reason
        self.medicalEvidence = medicalEvidence
    }
}

/// An answer to a postponement request as typed.
public struct PostponementAnswerInput: Codable, Sendable, Hashable {
    public var granted: Bool?
    public var notBefore: String?
    public var reason: String?

    public init(granted: Bool?, notBefore: String?, reason: String?) {
        self.granted = granted
        self.notBefore = notBefore
        self.reason = reason
    }
}

/// A failure-to-attend follow-up as typed.
public struct FailureToAttendFollowUpInput: Codable, Sendable, Hashable {
    /// rebook or propose-withdrawal.
    public var action: String?
    public var response: String?

    public init(action: String?, response: String?) {
        self.action = action
        self.response = response
    }
}

/// The options a booker is shown for a claim, or why there are none.
public struct InterviewOptions: Codable, Sendable, Hashable {
    public var needs: InterviewNeeds?
    public var requiredMinutes: Int
    public var earliest: LocalDate
    public var latest: LocalDate
    public var options: [BookingSearch.Option]
    /// Why nothing can be offered, in words; empty when there are options.
    public var problems: [String]
}

/// One interview as the claim page and the diary show it.
public struct InterviewRecord: Codable, Sendable, Hashable {
    public var claim: ClaimReference
    public var number: Int
    public var unit: UnitID
    public var kind: InterviewKind
    public var slot: InterviewSlotChoice
    public var language: String?
    /// booked, or an outcome code.
    public var status: String
    public var replaces: Int?
    public var replacedBy: Int?
    public var bookedAt: Instant
    public var bookedBy: StaffID
    public var invitationDate: LocalDate
    public var outcome: InterviewOutcome?
}

/// A letter produced for a claim, with when and for which interview.
public struct LetterRecord: Codable, Sendable, Hashable {
    public var sequence: Int
    public var interview: Int?
    public var issuedAt: Instant
    public var letter: Letter
}

/// A postponement request and its answer, if any.
public struct PostponementRecord: Codable, Sendable, Hashable {
    public var request: PostponementRequest
    /// open, granted or refused.
    public var status: String
    public var answer: PostponementAnswer?
}

/// A task on a claim that a person must act on: for now, the follow-up of a failure to attend once its response
/// period has ended.
public struct ClaimTask: Codable, Sendable, Hashable {
    public var claim: ClaimReference
    public var kind: String
    public var interview: Int
    public var unit: UnitID
    public var dueAt: Instant
    /// open or done.
    public var status: String
    public var resolution: String?
    public var resolvedBy: StaffID?
    public var resolvedAt: Instant?
}

/// Everything about a claim's interviews.
public struct ClaimInterviews: Codable, Sendable, Hashable {
    public var interviews: [InterviewRecord]
    public var letters: [LetterRecord]
    public var postponements: [PostponementRecord]
    public var tasks: [ClaimTask]
}

extension CaseworkStore {
    // MARK: Needs

    /// Records what the claimant needs to attend an interview.
    public func recordInterviewNeeds(_ input: InterviewNeedsInput, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> Claim {
        let today = clock.now().date
        return try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: nil) { claim in
            try Self.authoriseInterviewWork(AccessPolicy.interviewBookers, "record interview needs", claim, actor)
        } decide: { claim, _ in
            .interviewNeedsRecorded(try InterviewRules.needs(from: input, claim: claim, today: today))
        }.claim
    }

    // MARK: Options and booking

    /// The best options to interview the claim, ranked, with the reasons; or why there are none.
    public func interviewOptions(for reference: ClaimReference, by actor: Actor, limit: Int = BookingPolicy.optionsShown) async throws -> InterviewOptions {
        let claim = try await claim(reference, for: actor)
        let today = clock.now().date
        let (earliest, dates) = try bookingDates(for: claim, today: today)
        guard let needs = claim.work.interviewNeeds else {
            return InterviewOptions(needs: nil, requiredMinutes: 0, earliest: earliest, latest: dates.last ?? earliest, options: [], problems: [
                "Record the claimant's interview needs first: where they live, how far they can travel, their language and dialect."
            ])
        }
        return try await database.read { connection in
            let toBook = try await self.claimToBook(claim, needs: needs, today: today, connection)
            // The first two weeks usually hold enough options: read those first, and the whole horizon only if not.
            var window = Array(dates.prefix(BookingPolicy.firstSearchWorkingDays))
            var search = try await self.bookingSearch(for: toBook, dates: window, connection)
            var options = search.options(for: toBook, on: window, limit: limit)
            if options.count < limit, window.count < dates.count {
                window = dates
                search = try await self.bookingSearch(for: toBook, dates: window, connection)
                options = search.options(for: toBook, on: window, limit: limit)
            }
            var problems: [String] = []
            if options.isEmpty {
                problems = Self.whyNoOptions(search, toBook, earliest: earliest, latest: dates.last ?? earliest)
            }
            return InterviewOptions(
                needs: needs, requiredMinutes: search.requiredMinutes(for: toBook), earliest: earliest, latest: dates.last ?? earliest, options: options,
                problems: problems
            )
        }
    }

    /// Books the chosen option and produces the invitation, in one transaction. Every rule is checked again after the
    /// room, interpreter and decision maker are locked, and the database's unique holds refuse any double booking that
    /// still slipped through: two bookers choosing the same time get one booking and one clear refusal.
    public func bookInterview(_ input: BookInterviewInput, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> InterviewBooking {
        let today = clock.now().date
        var validator = Validator()
        let date = validator.date(input.date, "date", label: "the interview date", earliest: today, latest: today.adding(days: 366))
        let start = input.start.flatMap(InterviewResourceRules.minute(of:))
        if start == nil { validator.fail("start", "Start time must be a time such as 09:30") }
        let room = validator.requiredText(input.room, "room", label: "the room")
        let dm = validator.requiredText(input.decisionMaker, "decisionMaker", label: "the decision maker")
        let interpreter = validator.optionalText(input.interpreter, "interpreter", label: "the interpreter")
        let method: LetterMethod? = validator.choice(input.method, "method", label: "how the invitation is sent", default: .post)
        let reason = validator.optionalText(input.reason, "reason", label: "the reason", maximum: ValidationPolicy.maximumReasonLength)
        try validator.finish()
        do {
            let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: reason) { claim in
                try Self.authoriseInterviewWork(AccessPolicy.interviewBookers, "book interviews", claim, actor)
            } decide: { claim, connection in
                guard let needs = claim.work.interviewNeeds else {
                    throw ValidationFailure([FieldError(field: "needs", message: "Record the claimant's interview needs before booking")])
                }
                let existing = try await self.interviewRows(of: reference, connection)
                if let booked = existing.first(where: { $0.status == "booked" }) {
                    throw ValidationFailure([FieldError(field: "date", message: "Interview \(booked.number) is already booked for \(booked.slot.when): record its outcome or cancel it first")])
                }
                if let replaces = input.replaces {
                    guard let old = existing.first(where: { $0.number == replaces }) else {
                        throw ValidationFailure([FieldError(field: "replaces", message: "Claim \(reference.rawValue) has no interview \(replaces)")])
                    }
                    guard old.replacedBy == nil else {
                        throw ValidationFailure([FieldError(field: "replaces", message: "Interview \(replaces) was already rebooked as interview \(old.replacedBy!)")])
                    }
                }
                let (earliest, _) = try self.bookingDates(for: claim, today: today)
                let toBook = try await self.claimToBook(claim, needs: needs, today: today, connection)
                let minutes = InterviewPolicy.current.slotLength(needs.kind, child: toBook.child)
                // Lock what the booking will hold, always in this order (room, interpreter, decision maker), so two
                // bookings wait for each other rather than deadlock; the claim's own row is already locked.
                guard let roomRow = try await connection.queryFirst("SELECT location FROM interview_rooms WHERE code = ?\(self.database.dialect.forUpdate)", [.text(room!)]) else {
                    throw ValidationFailure([FieldError(field: "room", message: "No room has the code \(room!)")])
                }
                if let interpreter {
                    _ = try await connection.queryFirst("SELECT code FROM interpreters WHERE code = ?\(self.database.dialect.forUpdate)", [.text(interpreter)])
                }
                _ = try await connection.queryFirst("SELECT username FROM staff WHERE username = ?\(self.database.dialect.forUpdate)", [.text(dm!)])
                let choice = InterviewSlotChoice(
                    date: date!, start: start!, minutes: minutes, location: roomRow["location"].string ?? "", room: room!, interpreter: interpreter,
                    decisionMaker: StaffID(dm!)
                )
                // Only what this choice touches is read: the transaction holds the write lock, so it is kept short.
                let search = try await self.bookingSearch(for: toBook, dates: [date!], only: choice, connection)
                let problems = search.problems(with: choice, for: toBook, earliest: earliest)
                if !problems.isEmpty { throw ValidationFailure(problems) }
                guard let location = search.locations.first(where: { $0.code == choice.location }) else {
                    throw ValidationFailure([FieldError(field: "room", message: "The room's location is closed")])
                }
                let invitation = InterviewRules.invitation(
                    claim: claim, kind: needs.kind, slot: choice, locationName: location.name, address: location.address, language: needs.language,
                    needs: needs, method: method!, by: actor.staff, today: today
                )
                let sameDay = FailureToAttendRule.current.sameDayProblems(invitation: invitation.dated, interview: choice.date, failureLetter: nil)
                if !sameDay.isEmpty { throw ValidationFailure(sameDay.map { FieldError(field: "date", message: $0) }) }
                let number = (existing.map(\.number).max() ?? 0) + 1
                let why = reason ?? "Chosen by \(actor.staff.rawValue) from the ranked options"
                return .interviewBooked(InterviewBooking(
                    number: number, kind: needs.kind, slot: choice, language: needs.language, replaces: input.replaces, reason: why, invitation: invitation
                ))
            }
            guard case let .interviewBooked(booking) = event else { throw SQLError(message: "A booking recorded a \(event.type) event", sql: "") }
            return booking
        } catch let error as SQLError where error.isUniqueViolation {
            throw ValidationFailure([FieldError(field: "start", message: "That time was booked by someone else a moment ago: choose another option")])
        }
    }

    // MARK: Outcomes

    /// Records what happened at interview `number`. A no-show produces the failure-to-attend letter (dated the next
    /// working day, never the interview's day) and the response deadline at once (10.42–10.43).
    public func recordInterviewOutcome(
        _ input: InterviewOutcomeInput, interview number: Int, on reference: ClaimReference, expectedVersion: Int, by actor: Actor
    ) async throws -> InterviewOutcomeRecord {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: input.note) { claim in
            try Self.authoriseInterviewWork(AccessPolicy.interviewOutcomeRecorders, "record interview outcomes", claim, actor)
        } decide: { claim, connection in
            guard let interview = try await self.interviewRows(of: reference, connection).first(where: { $0.number == number }) else {
                throw ValidationFailure([FieldError(field: "interview", message: "Claim \(reference.rawValue) has no interview \(number)")])
            }
            guard interview.status == "booked" else {
                throw ValidationFailure([FieldError(field: "outcome", message: "Interview \(number) already has an outcome: \(interview.outcome?.title ?? interview.status)")])
            }
            var validator = Validator()
            let code = input.outcome?.trimmingWhitespace ?? ""
            let held = interview.slot.date <= today
            var outcome: InterviewOutcome?
            switch code {
            case "completed":
                if !held { validator.fail("outcome", "Interview \(number) is on \(interview.slot.date.longForm): it cannot be completed before then") }
                guard let minutes = input.actualMinutes, (1...InterviewRules.longestInterviewMinutes).contains(minutes) else {
                    validator.fail("actualMinutes", "Enter how long the interview took, in minutes (1 to \(InterviewRules.longestInterviewMinutes))")
                    break
                }
                var agreement: StaffID?
                if InterviewPolicy.current.needsAgreement(actualMinutes: minutes) {
                    agreement = try await self.agreeingStaff(input.seniorCaseworkerAgreement, role: .seniorCaseworker, field: "seniorCaseworkerAgreement",
                        rule: "An interview over \(InterviewPolicy.current.agreementNeededAfterMinutes) minutes needs a senior caseworker's agreement (9.30)", &validator, connection)
                }
                outcome = .completed(actualMinutes: minutes, seniorCaseworkerAgreement: agreement)
            case "cancelled":
                let reason: CancellationReason? = validator.choice(input.cancellationReason, "cancellationReason", label: "the reason for cancelling")
                let by: CancelledBy? = validator.choice(input.cancelledBy, "cancelledBy", label: "who cancelled")
                let note = validator.optionalText(input.note, "note", label: "the note", maximum: ValidationPolicy.maximumReasonLength)
                if reason == .other, note == nil { validator.fail("note", "Say why the interview was cancelled when the reason is 'other'") }
                if let reason, let by { outcome = .cancelled(reason: reason, by: by, note: note) }
            case "no-show":
                if !held { validator.fail("outcome", "Interview \(number) is on \(interview.slot.date.longForm): the claimant cannot have missed it yet") }
                let method: LetterMethod? = validator.choice(input.letterMethod, "letterMethod", label: "how the letter is sent", default: .post)
                if held, let method {
                    let detained = claim.facts.detained || claim.work.interviewNeeds?.detained == true
                    let (letter, respondBy) = try InterviewRules.failureToAttendLetter(
                        claim: claim, interviewDay: interview.slot.date, recordedOn: today, detained: detained, method: method, by: actor.staff
                    )
                    let sameDay = FailureToAttendRule.current.sameDayProblems(invitation: interview.invitationDate, interview: interview.slot.date, failureLetter: letter.dated)
                    for problem in sameDay { validator.fail("outcome", problem) }
                    outcome = .noShow(letter: letter, respondBy: respondBy)
                }
            case "suspended":
                if !held { validator.fail("outcome", "Interview \(number) is on \(interview.slot.date.longForm): it cannot have been suspended yet") }
                if let note = validator.requiredText(input.note, "note", label: "why the interview was suspended", maximum: ValidationPolicy.maximumReasonLength) {
                    outcome = .suspended(reason: note)
                }
            case "continuation-needed":
                if !held { validator.fail("outcome", "Interview \(number) is on \(interview.slot.date.longForm): it has not happened yet") }
                let agreement = try await self.agreeingStaff(input.technicalSpecialistAgreement, role: .technicalSpecialist, field: "technicalSpecialistAgreement",
                    rule: "A continuation interview needs a technical specialist's agreement (9.30)", &validator, connection)
                let note = validator.optionalText(input.note, "note", label: "the note", maximum: ValidationPolicy.maximumReasonLength)
                if let agreement { outcome = .continuationNeeded(technicalSpecialistAgreement: agreement, note: note) }
            case "withdrawn":
                outcome = .withdrawn
            default:
                validator.fail("outcome", "Outcome must be one of: \(InterviewOutcome.codes.joined(separator: ", "))")
            }
            try validator.finish()
            guard let outcome else { throw ValidationFailure([FieldError(field: "outcome", message: "Choose an outcome")]) }
            // A completed interview is work done: sampling decides now whether it is checked (10.28–10.29).
            var sample: WorkSample?
            if case .completed = outcome {
                sample = try await self.sampleWork(
                    .interview, id: Self.sampleID(reference, sequence: claim.version + 1), subject: number, worker: interview.slot.decisionMaker,
                    refusal: false, triggers: [], completedOn: today, connection
                )
            }
            return .interviewOutcomeRecorded(InterviewOutcomeRecord(interview: number, outcome: outcome, sample: sample))
        }
        guard case let .interviewOutcomeRecorded(record) = event else { throw SQLError(message: "An outcome recorded a \(event.type) event", sql: "") }
        return record
    }

    // MARK: Postponements and failure to attend

    /// Records a request to postpone an interview, as received.
    public func requestPostponement(_ input: PostponementInput, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> PostponementRequest {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: nil) { claim in
            try Self.authoriseInterviewWork(AccessPolicy.interviewBookers, "record postponement requests", claim, actor)
        } decide: { claim, connection in
            var validator = Validator()
            let by: CancelledBy? = validator.choice(input.requestedBy, "requestedBy", label: "who asked")
            if let by, by != .claimant, by != .representative { validator.fail("requestedBy", "A postponement is requested by the claimant or their representative") }
            let received = validator.date(input.received, "received", label: "the date the request was received", earliest: claim.facts.dateOfClaim, latest: today)
            let reason = validator.requiredText(input.reason, "reason", label: "the reason given", maximum: ValidationPolicy.maximumReasonLength)
            let evidence = validator.optionalText(input.medicalEvidence, "medicalEvidence", label: "the medical evidence", maximum: ValidationPolicy.maximumReasonLength)
            let rows = try await self.postponementRows(of: reference, connection)
            if let interview = input.interview {
                let interviews = try await self.interviewRows(of: reference, connection)
                if !interviews.contains(where: { $0.number == interview && $0.status == "booked" }) {
                    validator.fail("interview", "Claim \(reference.rawValue) has no booked interview \(interview)")
                }
            }
            try validator.finish()
            return .postponementRequested(PostponementRequest(
                number: (rows.map(\.request.number).max() ?? 0) + 1, interview: input.interview, requestedBy: by!, received: received!, reason: reason!,
                medicalEvidence: evidence
            ))
        }
        guard case let .postponementRequested(request) = event else { throw SQLError(message: "A request recorded a \(event.type) event", sql: "") }
        return request
    }

    /// Answers postponement request `number`. Granting it with a date keeps every booking option before that date away.
    public func answerPostponement(
        _ input: PostponementAnswerInput, request number: Int, on reference: ClaimReference, expectedVersion: Int, by actor: Actor
    ) async throws -> PostponementAnswer {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: input.reason) { claim in
            try Self.authoriseInterviewWork(AccessPolicy.interviewBookers, "answer postponement requests", claim, actor)
        } decide: { _, connection in
            guard let request = try await self.postponementRows(of: reference, connection).first(where: { $0.request.number == number }) else {
                throw ValidationFailure([FieldError(field: "request", message: "Claim \(reference.rawValue) has no postponement request \(number)")])
            }
            guard request.status == "open" else {
                throw ValidationFailure([FieldError(field: "granted", message: "Postponement request \(number) was already \(request.status)")])
            }
            var validator = Validator()
            if input.granted == nil { validator.fail("granted", "Say whether the postponement is granted") }
            let notBefore = validator.date(input.notBefore, "notBefore", label: "the date to interview from", required: false, earliest: today.adding(days: 1), latest: today.adding(days: 366))
            if input.granted == false, input.notBefore?.trimmingWhitespace.isEmpty == false { validator.fail("notBefore", "A refused request has no date to interview from") }
            let reason = validator.requiredText(input.reason, "reason", label: "the reason for the answer", maximum: ValidationPolicy.maximumReasonLength)
            try validator.finish()
            return .postponementAnswered(PostponementAnswer(request: number, granted: input.granted!, notBefore: notBefore, reason: reason!, answeredBy: actor.staff))
        }
        guard case let .postponementAnswered(answer) = event else { throw SQLError(message: "An answer recorded a \(event.type) event", sql: "") }
        return answer
    }

    /// Records what follows a failure to attend: rebook (any time the claimant gives a good reason) or propose treating
    /// the claim as withdrawn (only once the response period has ended; nothing is withdrawn automatically, 10.43).
    public func followUpFailureToAttend(
        _ input: FailureToAttendFollowUpInput, interview number: Int, on reference: ClaimReference, expectedVersion: Int, by actor: Actor
    ) async throws -> FailureToAttendFollowUp {
        let now = clock.now()
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: input.response) { claim in
            try Self.authoriseInterviewWork(AccessPolicy.interviewOutcomeRecorders, "follow up a failure to attend", claim, actor)
        } decide: { _, connection in
            guard let task = try await self.taskRows(of: reference, connection).first(where: { $0.interview == number && $0.kind == InterviewProjection.failureToAttendTask }) else {
                throw ValidationFailure([FieldError(field: "interview", message: "Interview \(number) of claim \(reference.rawValue) has no failure to attend to follow up")])
            }
            guard task.status == "open" else {
                throw ValidationFailure([FieldError(field: "action", message: "The failure to attend at interview \(number) was already followed up: \(task.resolution ?? "done")")])
            }
            var validator = Validator()
            let action: FailureToAttendAction? = validator.choice(input.action, "action", label: "what follows")
            let response = validator.optionalText(input.response, "response", label: "the claimant's response", maximum: ValidationPolicy.maximumReasonLength)
            if action == .proposeWithdrawal, now < task.dueAt {
                validator.fail("action", "The claimant has until \(task.dueAt.longForm) to respond: withdrawal cannot be proposed before then (10.43)")
            }
            try validator.finish()
            return .failureToAttendFollowedUp(FailureToAttendFollowUp(interview: number, action: action!, response: response))
        }
        guard case let .failureToAttendFollowedUp(followUp) = event else { throw SQLError(message: "A follow-up recorded a \(event.type) event", sql: "") }
        return followUp
    }

    // MARK: Reading

    /// The claim's interviews, letters, postponement requests and tasks.
    public func interviews(of reference: ClaimReference, for actor: Actor) async throws -> ClaimInterviews {
        _ = try await claim(reference, for: actor)
        return try await database.read { connection in
            let letters = try await connection.query(
                "SELECT sequence, interview, issued_at, data FROM claim_letters WHERE claim_reference = ? ORDER BY sequence", [.text(reference.rawValue)]
            ).map { row in
                LetterRecord(
                    sequence: row["sequence"].int ?? 0, interview: row["interview"].int, issuedAt: Instant(millisecondsSinceEpoch: row["issued_at"].int64 ?? 0),
                    letter: try EventCoding.decodeJSON(Letter.self, row["data"].string ?? "{}")
                )
            }
            return ClaimInterviews(
                interviews: try await self.interviewRows(of: reference, connection), letters: letters,
                postponements: try await self.postponementRows(of: reference, connection), tasks: try await self.taskRows(of: reference, connection)
            )
        }
    }

    /// Open failure-to-attend follow-ups in `unit` whose response period ended by now: the decision makers' to-do list.
    public func failureToAttendTasksDue(unit: UnitID, for actor: Actor, limit: Int = 500) async throws -> [ClaimTask] {
        guard AccessPolicy.canRead(claimOwnedBy: unit, actor: actor), AccessPolicy.interviewViewers.contains(actor.role) else {
            throw AccessDenied("\(actor.role.title)s cannot see \(unit.rawValue)'s interview tasks.")
        }
        let now = clock.now()
        return try await database.read { connection in
            try await connection.query(
                "SELECT \(Self.taskColumns) FROM claim_tasks WHERE owning_unit = ? AND status = 'open' AND due_at <= ? ORDER BY due_at, claim_reference LIMIT ?",
                [.text(unit.rawValue), .integer(now.millisecondsSinceEpoch), .int(limit)]
            ).map(Self.task)
        }
    }

    static let interviewColumns = """
        claim_reference, number, owning_unit, kind, date, start_minute, minutes, location, room, interpreter, language, decision_maker, status, \
        replaces, replaced_by, booked_at, booked_by, invitation_date, outcome
        """
    static let taskColumns = "claim_reference, kind, interview, owning_unit, due_at, status, resolved_at, resolved_by, resolution"

    static func interview(_ row: SQLRow) throws -> InterviewRecord {
        guard let date = LocalDate(iso: row["date"].string ?? ""), let invitation = LocalDate(iso: row["invitation_date"].string ?? "") else {
            throw SQLError(message: "Interview \(row["claim_reference"].string ?? "?")/\(row["number"].int ?? 0) has a malformed date", sql: "")
        }
        return InterviewRecord(
            claim: ClaimReference(row["claim_reference"].string ?? ""), number: row["number"].int ?? 0, unit: UnitID(row["owning_unit"].string ?? ""),
            kind: InterviewKind(rawValue: row["kind"].string ?? "") ?? .substantive,
            slot: InterviewSlotChoice(
                date: date, start: row["start_minute"].int ?? 0, minutes: row["minutes"].int ?? 0, location: row["location"].string ?? "",
                room: row["room"].string ?? "", interpreter: row["interpreter"].string, decisionMaker: StaffID(row["decision_maker"].string ?? "")
            ),
            language: row["language"].string, status: row["status"].string ?? "", replaces: row["replaces"].int, replacedBy: row["replaced_by"].int,
            bookedAt: Instant(millisecondsSinceEpoch: row["booked_at"].int64 ?? 0), bookedBy: StaffID(row["booked_by"].string ?? ""),
            invitationDate: invitation, outcome: try row["outcome"].string.map { try EventCoding.decodeJSON(InterviewOutcome.self, $0) }
        )
    }

    static func task(_ row: SQLRow) -> ClaimTask {
        ClaimTask(
            claim: ClaimReference(row["claim_reference"].string ?? ""), kind: row["kind"].string ?? "", interview: row["interview"].int ?? 0,
            unit: UnitID(row["owning_unit"].string ?? ""), dueAt: Instant(millisecondsSinceEpoch: row["due_at"].int64 ?? 0), status: row["status"].string ?? "",
            resolution: row["resolution"].string, resolvedBy: row["resolved_by"].string.map { StaffID($0) },
            resolvedAt: row["resolved_at"].int64.map(Instant.init(millisecondsSinceEpoch:))
        )
    }

    func interviewRows(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [InterviewRecord] {
        try await connection.query("SELECT \(Self.interviewColumns) FROM interviews WHERE claim_reference = ? ORDER BY number", [.text(reference.rawValue)])
            .map(Self.interview)
    }

    func postponementRows(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [PostponementRecord] {
        try await connection.query(
            "SELECT status, data, answer FROM postponement_requests WHERE claim_reference = ? ORDER BY number", [.text(reference.rawValue)]
        ).map { row in
            PostponementRecord(
                request: try EventCoding.decodeJSON(PostponementRequest.self, row["data"].string ?? "{}"), status: row["status"].string ?? "",
                answer: try row["answer"].string.map { try EventCoding.decodeJSON(PostponementAnswer.self, $0) }
            )
        }
    }

    func taskRows(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [ClaimTask] {
        try await connection.query("SELECT \(Self.taskColumns) FROM claim_tasks WHERE claim_reference = ? ORDER BY interview", [.text(reference.rawValue)])
            .map(Self.task)
    }

    // MARK: Helpers

    static func authoriseInterviewWork(_ roles: Set<Role>, _ what: String, _ claim: Claim, _ actor: Actor) throws {
        guard roles.contains(actor.role), AccessPolicy.canWrite(claimOwnedBy: claim.owningUnit, actor: actor) else {
            throw AccessDenied("\(actor.role.title)s cannot \(what) on claims of \(claim.owningUnit.rawValue).")
        }
    }

    /// The earliest interview date (minimum notice after today, and after any postponement granted) and the working
    /// days searched from it.
    func bookingDates(for claim: Claim, today: LocalDate) throws -> (earliest: LocalDate, dates: [LocalDate]) {
        let calendar = WorkingDayCalendar.platformDefault
        var earliest = try calendar.addingWorkingDays(BookingPolicy.minimumNoticeWorkingDays, to: today)
        if let notBefore = claim.work.interviewNotBefore, notBefore > earliest {
            earliest = try calendar.isWorkingDay(notBefore) ? notBefore : try calendar.addingWorkingDays(1, to: notBefore)
        }
        var dates = [earliest]
        while dates.count < BookingPolicy.horizonWorkingDays { dates.append(try calendar.addingWorkingDays(1, to: dates.last!)) }
        return (earliest, dates)
    }

    func claimToBook(_ claim: Claim, needs: InterviewNeeds, today: LocalDate, _ connection: any SQLConnection) async throws -> BookingSearch.ClaimToBook {
        let cohorts = try await connection.query("SELECT operation FROM claim_cohorts WHERE claim_reference = ?", [.text(claim.reference.rawValue)])
            .compactMap { $0["operation"].string }
        return BookingSearch.ClaimToBook(
            needs: needs, child: InterviewRules.isChild(claim.facts, on: today), unit: claim.owningUnit, cohorts: Set(cohorts), holder: claim.holder
        )
    }

    /// Everything the search needs for `claim` on `dates`, read only for the locations the claimant can reach; with
    /// `only`, just what that one choice touches (its location, room, interpreter and decision maker), to check it.
    func bookingSearch(
        for claim: BookingSearch.ClaimToBook, dates: [LocalDate], only choice: InterviewSlotChoice? = nil, _ connection: any SQLConnection
    ) async throws -> BookingSearch {
        let locations = try await InterviewResourceRows.loadLocations(activeOnly: true, connection)
        let reachable = choice.map { [$0.location] } ?? Set(locations.filter { claim.needs.home.kilometres(to: $0.point) <= Double(claim.needs.maximumTravelKm) }.map(\.code))
        let first = dates.min() ?? LocalDate(dayNumber: 0), last = dates.max() ?? LocalDate(dayNumber: 0)
        guard !reachable.isEmpty else {
            return BookingSearch(locations: locations, rooms: [], interpreters: [], availability: [], decisionMakers: [], booked: [])
        }
        let places = reachable.sorted()
        let marks = Array(repeating: "?", count: places.count).joined(separator: ", ")
        let rooms = try await connection.query(
            "SELECT \(InterviewResourceRows.roomColumns) FROM interview_rooms WHERE active = 1 AND location IN (\(marks))"
                + (choice == nil ? "" : " AND code = ?") + " ORDER BY location, code",
            places.map { .text($0) } + (choice.map { [.text($0.room)] } ?? [])
        ).map(InterviewResourceRows.room)
        var interpreters: [Interpreter] = []
        if let language = claim.needs.language {
            var sql = "SELECT DISTINCT i.code, i.data, i.active FROM interpreters i JOIN interpreter_languages l ON l.interpreter = i.code WHERE i.active = 1 AND l.language = ?"
            var binds: [SQLValue] = [.text(language.language)]
            if let choice {
                sql += " AND i.code = ?"
                binds.append(.text(choice.interpreter ?? ""))
            }
            if let dialect = language.dialect {
                sql += " AND l.dialect = ?"
                binds.append(.text(dialect))
            }
            interpreters = try await connection.query(sql + " ORDER BY i.code", binds).map(InterviewResourceRows.interpreter)
        }
        let availability = try await connection.query(
            "SELECT \(InterviewResourceRows.availabilityColumns) FROM interview_availability WHERE date >= ? AND date <= ? AND location IN (\(marks))"
                + (choice == nil ? "" : " AND username = ?"),
            [.text(first.iso), .text(last.iso)] + places.map { .text($0) } + (choice.map { [.text($0.decisionMaker.rawValue)] } ?? [])
        ).compactMap(InterviewResourceRows.availability)
        let people = Array(Set(availability.map(\.staff.rawValue))).sorted()
        var decisionMakers: [BookingSearch.DecisionMaker] = []
        for batch in stride(from: 0, to: people.count, by: 500) {
            let slice = people[batch..<min(batch + 500, people.count)]
            decisionMakers += try await connection.query(
                "SELECT s.username, s.display_name, s.unit, s.trained_for, s.childrens_casework, "
                    + "CASE WHEN o.code IS NOT NULL AND o.closed_at IS NULL THEN s.cohort END AS cohort "
                    + "FROM staff s LEFT JOIN operations o ON o.code = s.cohort WHERE s.active = 1 AND s.username IN (\(Array(repeating: "?", count: slice.count).joined(separator: ", ")))",
                slice.map { .text($0) }
            ).map { row in
                BookingSearch.DecisionMaker(
                    staff: StaffID(row["username"].string ?? ""), name: row["display_name"].string ?? "", unit: UnitID(row["unit"].string ?? ""),
                    eligibility: NextClaimEligibility(
                        trainedFor: row["trained_for"].string.flatMap(CaseworkTraining.init(rawValue:)), childrensCasework: row["childrens_casework"].bool,
                        operation: row["cohort"].string
                    )
                )
            }
        }
        // Time already booked on these rooms, these interpreters (wherever they are) and these decision makers.
        var bookedSQL = "SELECT date, start_minute, minutes, location, room, interpreter, decision_maker FROM interviews WHERE status = 'booked' AND date >= ? AND date <= ? AND (location IN (\(marks))"
        var binds: [SQLValue] = [.text(first.iso), .text(last.iso)] + places.map { .text($0) }
        if !interpreters.isEmpty {
            bookedSQL += " OR interpreter IN (\(Array(repeating: "?", count: interpreters.count).joined(separator: ", ")))"
            binds += interpreters.map { .text($0.code) }
        }
        if let choice {
            bookedSQL += " OR decision_maker = ?"
            binds.append(.text(choice.decisionMaker.rawValue))
        }
        bookedSQL += ")"
        let booked = try await connection.query(bookedSQL, binds).compactMap { row -> BookingSearch.Booked? in
            guard let date = LocalDate(iso: row["date"].string ?? "") else { return nil }
            return BookingSearch.Booked(
                date: date, start: row["start_minute"].int ?? 0, minutes: row["minutes"].int ?? 0, location: row["location"].string ?? "",
                room: row["room"].string ?? "", interpreter: row["interpreter"].string, decisionMaker: StaffID(row["decision_maker"].string ?? "")
            )
        }
        return BookingSearch(locations: locations, rooms: rooms, interpreters: interpreters, availability: availability, decisionMakers: decisionMakers, booked: booked)
    }

    /// Why the search found nothing, most basic reason first.
    static func whyNoOptions(_ search: BookingSearch, _ claim: BookingSearch.ClaimToBook, earliest: LocalDate, latest: LocalDate) -> [String] {
        let between = "between \(earliest.longForm) and \(latest.longForm)"
        let reachable = search.reachableLocations(for: claim)
        if reachable.isEmpty { return ["No interview location is within \(claim.needs.maximumTravelKm) km of the claimant: raise the travel limit or arrange transport"] }
        if claim.child, !claim.needs.responsibleAdultArranged { return ["A child's interview needs a responsible adult: arrange one and record it in the needs"] }
        var problems: [String] = []
        if search.rooms.isEmpty { problems.append("No room at the reachable locations suits the claimant (child-suitable or step-free)") }
        if let language = claim.needs.language, search.interpreters.isEmpty {
            problems.append("No interpreter on the register interprets \(Languages.displayName(language: language.language, dialect: language.dialect))")
        }
        if search.availability.isEmpty { problems.append("No decision maker has declared availability at the reachable locations \(between)") }
        if problems.isEmpty { problems.append("Every room, interpreter or decision maker that could take this interview is booked \(between)") }
        return problems
    }

    /// The staff member named in `value`, who must be active and hold `role`; nil (and an error) otherwise.
    func agreeingStaff(
        _ value: String?, role: Role, field: String, rule: String, _ validator: inout Validator, _ connection: any SQLConnection
    ) async throws -> StaffID? {
        guard let username = value?.trimmingWhitespace, !username.isEmpty else {
            validator.fail(field, rule + ": enter their username")
            return nil
        }
        guard let row = try await connection.queryFirst("SELECT role, active FROM staff WHERE username = ?", [.text(username)]), row["active"].bool,
            row["role"].string == role.rawValue
        else {
            validator.fail(field, "\(username) is not an active \(role.title.lowercased())")
            return nil
        }
        return StaffID(username)
    }
}
