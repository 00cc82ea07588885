import CaseworkDomain

/// What booking a scheduled week did.
public struct InterviewWeekBookingResult: Codable, Sendable, Hashable {
    /// An interview booked, with its invitation produced.
    public struct Booked: Codable, Sendable, Hashable {
        public var claim: ClaimReference
        /// The claim's interview number.
        public var number: Int
        public var slot: InterviewSlotChoice
    }

    /// A choice not booked, and why in words.
    public struct Skipped: Codable, Sendable, Hashable {
        public var claim: ClaimReference
        public var why: String
    }

    /// Interviews booked, in the order given.
    public var booked: [Booked]
    /// Choices not booked: the claim changed since the schedule was made, or a room, interpreter or decision maker was
    /// taken meanwhile, or a rule no longer holds.
    public var skipped: [Skipped]
}

/// How a week's schedule is read and booked.
public enum InterviewWeekPolicy {
    /// The claim stages waiting for an interview: work in progress (the substantive interview is next) and interview.
    public static let stages: [Stage] = [.workInProgress, .interview]
}

extension CaseworkStore {
    /// Everything the week's scheduler reads for the week starting `week` (a Monday): its working days (bank holidays
    /// skipped), the earliest date the minimum notice allows from today (the store's clock), the open locations and
    /// rooms, the interpreter register, the decision makers' declarations for those days with what their staff
    /// records allow, the time already booked that week on every resource, and the claims waiting for an interview.
    ///
    /// A claim waits for an interview when it is open at work in progress or interview, its interview needs are
    /// recorded, it has no interview booked and none completed, and no failure-to-attend follow-up is open (a
    /// decision maker decides whether to rebook a no-show, 10.43). With `unit`, only that unit's claims and decision
    /// makers; with `operation`, only claims in that operation's cohort. Claims are ranked in the work order.
    ///
    /// Workflow planners and operations managers may read any unit or every unit; a team leader reads their own unit
    /// (`AccessPolicy.weekSchedulingScope`).
    public func interviewWeekInputs(week monday: LocalDate, unit: UnitID?, operation: String?, for actor: Actor) async throws -> InterviewWeekInputs {
        let scope = try AccessPolicy.weekSchedulingScope(unit: unit, actor: actor)
        let today = clock.now().date
        _ = try InterviewWeekInputs.monday(from: monday.iso, today: today)
        let (days, holidays) = try InterviewWeekInputs.workingDays(of: monday)
        let earliest = try InterviewWeekInputs.earliestDate(today: today)
        let operation = operation?.trimmingWhitespace.isEmpty == false ? operation!.trimmingWhitespace.uppercased() : nil

        return try await database.read { connection in
            var unknown: [FieldError] = []
            if let scope, try await connection.queryFirst("SELECT code FROM units WHERE code = ?", [.text(scope.rawValue)]) == nil {
                unknown.append(FieldError(field: "unit", message: "No unit has the code \(scope.rawValue)"))
            }
            if let operation, try await connection.queryFirst("SELECT code FROM operations WHERE code = ?", [.text(operation)]) == nil {
                unknown.append(FieldError(field: "operation", message: "No operation has the code \(operation)"))
            }
            if !unknown.isEmpty { throw ValidationFailure(unknown) }

            let locations = try await InterviewResourceRows.loadLocations(activeOnly: true, connection)
            let open = Set(locations.map(\.code))
            let rooms = try await InterviewResourceRows.loadRooms(activeOnly: true, connection).filter { open.contains($0.location) }
            let interpreters = try await InterviewResourceRows.loadInterpreters(activeOnly: true, connection)
            let workingDays = Set(days)
            var availability = try await InterviewResourceRows.loadAvailability(from: monday, to: monday.adding(days: 4), connection)
                .filter { workingDays.contains($0.date) && open.contains($0.location) }
            let decisionMakers = try await self.weekDecisionMakers(Set(availability.map(\.staff)), unit: scope, connection)
            let listed = Set(decisionMakers.map(\.staff))
            availability = availability.filter { listed.contains($0.staff) }
            let booked = try await connection.query(
                "SELECT date, start_minute, minutes, location, room, interpreter, decision_maker FROM interviews WHERE status = 'booked' AND date >= ? AND date <= ? "
                    + "ORDER BY date, start_minute, room",
                [.text(monday.iso), .text(monday.adding(days: 4).iso)]
            ).compactMap { row -> BookingSearch.Booked? in
                guard let date = LocalDate(iso: row["date"].string ?? "") else { return nil }
                return BookingSearch.Booked(
                    date: date, start: row["start_minute"].int ?? 0, minutes: row["minutes"].int ?? 0, location: row["location"].string ?? "",
                    room: row["room"].string ?? "", interpreter: row["interpreter"].string, decisionMaker: StaffID(row["decision_maker"].string ?? "")
                )
            }
            let claims = try await self.claimsAwaitingInterview(unit: scope, operation: operation, today: today, connection)
            return InterviewWeekInputs(
                monday: monday, unit: scope, operation: operation, today: today, days: days, bankHolidays: holidays, earliest: earliest,
                locations: locations, rooms: rooms, interpreters: interpreters, availability: availability, decisionMakers: decisionMakers,
                booked: booked, claims: claims
            )
        }
    }

    /// Books a scheduled week: each choice through `bookInterview` (every rule checked again with the room,
    /// interpreter and decision maker locked, the invitation produced), each in its own transaction at the version the
    /// schedule read. A claim that changed since, a time taken meanwhile or a rule that no longer holds skips that
    /// choice with the reason; nothing is half-written, and the rest are still booked. The reason is required and is
    /// recorded on every booking; the run itself goes to the audit trail.
    public func bookWeek(_ choices: [InterviewWeekChoice], reason: String?, by actor: Actor) async throws -> InterviewWeekBookingResult {
        _ = try AccessPolicy.weekSchedulingScope(unit: nil, actor: actor)
        let prefix = "Week's interview schedule: "
        var check = Validator()
        let reason = check.requiredText(
            reason, "reason", label: "the reason for booking the week", maximum: ValidationPolicy.maximumReasonLength - prefix.count
        )
        try check.finish()
        var result = InterviewWeekBookingResult(booked: [], skipped: [])
        for choice in choices {
            let slot = choice.slot
            let input = BookInterviewInput(
                date: slot.date.iso, start: InterviewResourceRules.clockTime(slot.start), room: slot.room, interpreter: slot.interpreter,
                decisionMaker: slot.decisionMaker.rawValue, method: LetterMethod.post.rawValue, reason: prefix + reason!
            )
            do {
                let booking = try await bookInterview(input, on: choice.claim, expectedVersion: choice.version, by: actor)
                result.booked.append(.init(claim: choice.claim, number: booking.number, slot: booking.slot))
            } catch let conflict as VersionConflict {
                var why = "Changed since the schedule was made (version \(conflict.expectedVersion), now \(conflict.currentVersion))"
                if let change = conflict.newerChange { why += ": \(change.event.summary), by \(change.actor.staff.rawValue)" }
                result.skipped.append(.init(claim: choice.claim, why: why))
            } catch let failure as ValidationFailure {
                result.skipped.append(.init(claim: choice.claim, why: failure.errors.map(\.message).joined(separator: "; ")))
            } catch is ClaimNotFound {
                result.skipped.append(.init(claim: choice.claim, why: "No claim \(choice.claim.rawValue) that you can see"))
            } catch let denied as AccessDenied {
                result.skipped.append(.init(claim: choice.claim, why: denied.message))
            }
        }
        try await recordAudit(
            actor: actor, action: "interviews.week-booked", claim: nil,
            detail: "\(result.booked.count) interviews booked, \(result.skipped.count) skipped: \(reason!)"
        )
        return result
    }

    // MARK: Reading

    /// Active decision makers among `people`, with their eligibility read as `bookingSearch` reads it (an operation
    /// that has closed counts as none); only `unit`'s when one is given, and only those trained to interview.
    func weekDecisionMakers(_ people: Set<StaffID>, unit: UnitID?, _ connection: any SQLConnection) async throws -> [BookingSearch.DecisionMaker] {
        let names = people.map(\.rawValue).sorted()
        var result: [BookingSearch.DecisionMaker] = []
        for batch in stride(from: 0, to: names.count, by: 500) {
            let slice = names[batch..<min(batch + 500, names.count)]
            var sql = "SELECT s.username, s.display_name, s.unit, s.trained_for, s.childrens_casework, "
                + "CASE WHEN o.code IS NOT NULL AND o.closed_at IS NULL THEN s.cohort END AS cohort "
                + "FROM staff s LEFT JOIN operations o ON o.code = s.cohort WHERE s.active = 1 AND s.username IN (\(Array(repeating: "?", count: slice.count).joined(separator: ", ")))"
            var binds: [SQLValue] = slice.map { .text($0) }
            if let unit {
                sql += " AND s.unit = ?"
                binds.append(.text(unit.rawValue))
            }
            result += try await connection.query(sql + " ORDER BY s.username", binds).map { row in
                BookingSearch.DecisionMaker(
                    staff: StaffID(row["username"].string ?? ""), name: row["display_name"].string ?? "", unit: UnitID(row["unit"].string ?? ""),
                    eligibility: NextClaimEligibility(
                        trainedFor: row["trained_for"].string.flatMap(CaseworkTraining.init(rawValue:)), childrensCasework: row["childrens_casework"].bool,
                        operation: row["cohort"].string
                    )
                )
            }.filter { $0.eligibility.mayWork(.interview) }
        }
        return result
    }

    /// The claims waiting for an interview, in the work order, ranked from 1.
    func claimsAwaitingInterview(unit: UnitID?, operation: String?, today: LocalDate, _ connection: any SQLConnection) async throws -> [ClaimAwaitingInterview] {
        let stages = InterviewWeekPolicy.stages.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var filter = """
            c.stage IN (\(stages)) AND c.work LIKE '%"interviewNeeds"%' \
            AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.claim_reference = c.reference AND i.status IN ('booked', 'completed')) \
            AND NOT EXISTS (SELECT 1 FROM claim_tasks t WHERE t.claim_reference = c.reference AND t.status = 'open')
            """
        var binds: [SQLValue] = []
        if let unit {
            filter += " AND c.owning_unit = ?"
            binds.append(.text(unit.rawValue))
        }
        if let operation {
            filter += " AND EXISTS (SELECT 1 FROM claim_cohorts k WHERE k.claim_reference = c.reference AND k.operation = ?)"
            binds.append(.text(operation))
        }
        var cohorts: [String: [String]] = [:]
        for row in try await connection.query(
            "SELECT cc.claim_reference, cc.operation FROM claim_cohorts cc JOIN claims c ON c.reference = cc.claim_reference WHERE \(filter)", binds
        ) {
            cohorts[row["claim_reference"].string ?? "", default: []].append(row["operation"].string ?? "")
        }
        let columns = Projection.claimColumns.split(separator: ",").map { "c." + String($0).trimmingWhitespace }.joined(separator: ", ")
        let rows = try await connection.query(
            "SELECT \(columns), q.priority_tier FROM claims c JOIN claim_queue q ON q.reference = c.reference WHERE \(filter) "
                + "ORDER BY q.priority_key, c.date_of_claim, c.reference",
            binds
        )
        var claims: [ClaimAwaitingInterview] = []
        claims.reserveCapacity(rows.count)
        for row in rows {
            let claim = try Projection.claim(row)
            guard claim.stage.isOpen, let needs = claim.work.interviewNeeds else { continue }
            claims.append(ClaimAwaitingInterview(
                reference: claim.reference, version: claim.version, unit: claim.owningUnit, rank: claims.count + 1, tier: row["priority_tier"].int ?? 6,
                needs: needs, child: InterviewRules.isChild(claim.facts, on: today), cohorts: cohorts[claim.reference.rawValue] ?? [],
                notBefore: claim.work.interviewNotBefore, holder: claim.holder
            ))
        }
        return claims
    }
}
