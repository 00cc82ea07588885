import CaseworkDomain

/// The interview tables as projections of the claim log: `interviews` (one row per booking, with its status and
/// outcome), `interview_holds` (every five minutes a room, interpreter or decision maker is booked, under a unique key,
/// so the database itself refuses a double booking), `claim_letters`, `postponement_requests` and `claim_tasks`.
/// Written in the event's own transaction, and replayed by `rebuild-projections`.
enum InterviewProjection {
    static let tables = ["interviews", "interview_holds", "claim_letters", "postponement_requests", "claim_tasks"]
    static let failureToAttendTask = "failure-to-attend"

    /// The hold keys of an interview: its room, its interpreter and its decision maker.
    static func resources(of slot: InterviewSlotChoice) -> [String] {
        ["room:" + slot.room, "dm:" + slot.decisionMaker.rawValue] + (slot.interpreter.map { ["interpreter:" + $0] } ?? [])
    }

    /// The five-minute ticks `[start, start + minutes)` covers.
    static func ticks(start: Int, minutes: Int) -> Range<Int> {
        let unit = InterviewResourceRules.minuteGranularity
        return (start / unit)..<((start + minutes + unit - 1) / unit)
    }

    /// Projects `recorded`; `payload`, when given, is the event's payload as the log holds it (see `DecisionProjection.write`).
    static func write(_ recorded: RecordedEvent, payload: String? = nil, unit: UnitID, _ connection: any SQLConnection) async throws {
        let claim = recorded.claim.rawValue
        let at = recorded.occurredAt.millisecondsSinceEpoch
        func json<Value: Encodable>(_ value: Value) throws -> String { try payload ?? EventCoding.encodeJSON(value) }
        switch recorded.event {
        case let .interviewBooked(booking):
            let slot = booking.slot
            try await connection.execute(
                """
                INSERT INTO interviews (claim_reference, number, owning_unit, kind, date, start_minute, minutes, location, room, interpreter,
                    language, decision_maker, status, replaces, booked_at, booked_by, invitation_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?)
                """,
                [
                    .text(claim), .int(booking.number), .text(unit.rawValue), .text(booking.kind.rawValue), .text(slot.date.iso), .int(slot.start),
                    .int(slot.minutes), .text(slot.location), .text(slot.room), .text(slot.interpreter), .text(booking.language.map(languageKey)),
                    .text(slot.decisionMaker.rawValue), .int(booking.replaces), .integer(at), .text(recorded.actor.staff.rawValue),
                    .text(booking.invitation.dated.iso),
                ]
            )
            if let replaced = booking.replaces {
                try await connection.execute(
                    "UPDATE interviews SET replaced_by = ? WHERE claim_reference = ? AND number = ?", [.int(booking.number), .text(claim), .int(replaced)]
                )
                try await resolveTask(claim: claim, interview: replaced, resolution: "rebooked as interview \(booking.number)", recorded, connection)
            }
            try await hold(slot, claim: claim, number: booking.number, connection)
            try await writeLetter(booking.invitation, interview: booking.number, recorded, connection)
        case let .interviewOutcomeRecorded(record):
            try await connection.execute(
                "UPDATE interviews SET status = ?, outcome = ?, outcome_at = ?, outcome_by = ? WHERE claim_reference = ? AND number = ?",
                [
                    .text(record.outcome.code), .text(try EventCoding.encodeJSON(record.outcome)), .integer(at), .text(recorded.actor.staff.rawValue),
                    .text(claim), .int(record.interview),
                ]
            )
            // The time is no longer held once anything has happened: a cancelled slot can be booked again at once.
            try await connection.execute("DELETE FROM interview_holds WHERE claim_reference = ? AND number = ?", [.text(claim), .int(record.interview)])
            if case let .noShow(letter, respondBy) = record.outcome {
                try await writeLetter(letter, interview: record.interview, recorded, connection)
                try await connection.execute(
                    "INSERT INTO claim_tasks (claim_reference, kind, interview, owning_unit, due_at, status) VALUES (?, ?, ?, ?, ?, 'open')",
                    [.text(claim), .text(failureToAttendTask), .int(record.interview), .text(unit.rawValue), .integer(respondBy.millisecondsSinceEpoch)]
                )
            }
        case let .postponementRequested(request):
            try await connection.execute(
                "INSERT INTO postponement_requests (claim_reference, number, owning_unit, received, status, data) VALUES (?, ?, ?, ?, 'open', ?)",
                [.text(claim), .int(request.number), .text(unit.rawValue), .text(request.received.iso), .text(try json(request))]
            )
        case let .postponementAnswered(answer):
            try await connection.execute(
                "UPDATE postponement_requests SET status = ?, answer = ? WHERE claim_reference = ? AND number = ?",
                [.text(answer.granted ? "granted" : "refused"), .text(try json(answer)), .text(claim), .int(answer.request)]
            )
        case let .failureToAttendFollowedUp(followUp):
            try await resolveTask(claim: claim, interview: followUp.interview, resolution: followUp.action.rawValue, recorded, connection)
        case .transferred:
            for table in ["interviews", "postponement_requests", "claim_tasks"] {
                try await connection.execute("UPDATE \(table) SET owning_unit = ? WHERE claim_reference = ?", [.text(unit.rawValue), .text(claim)])
            }
        default:
            break
        }
    }

    /// "kurdish/sorani", or "arabic" with no dialect: how the capacity view groups demand.
    static func languageKey(_ language: InterpreterLanguage) -> String {
        language.dialect.map { language.language + "/" + $0 } ?? language.language
    }

    private static func hold(_ slot: InterviewSlotChoice, claim: String, number: Int, _ connection: any SQLConnection) async throws {
        let ticks = ticks(start: slot.start, minutes: slot.minutes)
        var values: [String] = []
        var binds: [SQLValue] = []
        for resource in resources(of: slot) {
            for tick in ticks {
                values.append("(?, ?, ?, ?, ?)")
                binds += [.text(resource), .text(slot.date.iso), .int(tick), .text(claim), .int(number)]
            }
        }
        try await connection.execute(
            "INSERT INTO interview_holds (resource, date, tick, claim_reference, number) VALUES " + values.joined(separator: ", "), binds
        )
    }

    private static func writeLetter(_ letter: Letter, interview: Int, _ recorded: RecordedEvent, _ connection: any SQLConnection) async throws {
        try await connection.execute(
            "INSERT INTO claim_letters (claim_reference, sequence, kind, dated, interview, issued_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                .text(recorded.claim.rawValue), .int(recorded.sequence), .text(letter.kind.rawValue), .text(letter.dated.iso), .int(interview),
                .integer(recorded.occurredAt.millisecondsSinceEpoch), .text(try EventCoding.encodeJSON(letter)),
            ]
        )
    }

    private static func resolveTask(claim: String, interview: Int, resolution: String, _ recorded: RecordedEvent, _ connection: any SQLConnection) async throws {
        try await connection.execute(
            "UPDATE claim_tasks SET status = 'done', resolved_at = ?, resolved_by = ?, resolution = ? WHERE claim_reference = ? AND kind = ? AND interview = ? AND status = 'open'",
            [
                .integer(recorded.occurredAt.millisecondsSinceEpoch), .text(recorded.actor.staff.rawValue), .text(resolution), .text(claim),
                .text(failureToAttendTask), .int(interview),
            ]
        )
    }
}
