import CaseworkDomain

extension CaseworkStore {
    // MARK: Assessments

    /// Records a quality check of work on the claim. The work is a decision draft, an interview, the screening
    /// interview or the withdrawal; the check answers that work's sample when it was selected and not yet checked. A
    /// pre-service check that finds a decision cannot be served returns it to its author.
    public func recordQualityAssessment(_ input: QualityAssessmentInput, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> QualityAssessment {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: nil) { claim in
            guard AssessmentRules.assessors.contains(actor.role), AccessPolicy.canRead(claimOwnedBy: claim.owningUnit, actor: actor), !AccessPolicy.readOnlyRoles.contains(actor.role) else {
                throw AccessDenied("Quality checks are carried out by technical specialists, senior caseworkers and assurance (10.9).")
            }
        } decide: { claim, connection in
            var check = Validator()
            let work: SampledWork? = check.choice(input.work, "work", label: "the work checked", default: .decision)
            try check.finish()
            let samples = try await self.sampleRows(claim: reference, connection)
            let number = (try await self.assessmentRows(of: reference, connection).map(\.number).max() ?? 0) + 1
            var subject = input.subject
            let worker: StaffID
            var preService = claim.stage != .served
            switch work! {
            case .decision:
                let drafts = try await self.draftRows(of: reference, connection)
                guard let draft = subject.flatMap({ n in drafts.first { $0.draft.number == n } }) ?? drafts.last(where: { $0.status == .completed || $0.status == .served }) else {
                    throw ValidationFailure([FieldError(field: "subject", message: subject.map { "Claim \(reference.rawValue) has no decision \($0)" } ?? "Claim \(reference.rawValue) has no completed decision to check")])
                }
                switch draft.status {
                case .completed: preService = true
                case .served, .withdrawn: preService = false
                case .draft, .returned, .superseded:
                    throw ValidationFailure([FieldError(field: "subject", message: "Decision \(draft.draft.number) is \(draft.status.title.lowercased()): only a completed or served decision is checked")])
                }
                subject = draft.draft.number
                worker = draft.draft.author
            case .interview:
                let interviews = try await self.interviewRows(of: reference, connection).filter { $0.status == "completed" }
                guard let interview = subject.flatMap({ n in interviews.first { $0.number == n } }) ?? interviews.last else {
                    throw ValidationFailure([FieldError(field: "subject", message: "Claim \(reference.rawValue) has no completed interview\(subject.map { " \($0)" } ?? "") to check")])
                }
                subject = interview.number
                worker = interview.slot.decisionMaker
            case .screeningInterview, .withdrawal:
                guard let sample = samples.last(where: { $0.sample.work == work! }) else {
                    throw ValidationFailure([FieldError(field: "work", message: "Claim \(reference.rawValue) has no \(work!.title.lowercased()) recorded to check")])
                }
                subject = nil
                worker = sample.sample.worker
                if work == .withdrawal { preService = false }
            }
            // The check answers the latest sample of this work still waiting for one.
            let waiting = samples.last { $0.sample.work == work! && $0.sample.subject == subject && $0.status == "awaiting-check" }
            let assessment = try AssessmentRules.validate(
                input, number: number, work: work!, subject: subject, sampleID: waiting?.sample.id, worker: worker, expectedDepth: waiting?.sample.decision.depth,
                assessor: actor, today: today, preService: preService
            )
            return .qualityAssessed(assessment)
        }
        guard case let .qualityAssessed(assessment) = event else { throw SQLError(message: "An assessment recorded a \(event.type) event", sql: "") }
        return assessment
    }

    // MARK: Appeals

    /// Records an appeal lodged against the served refusal.
    public func lodgeAppeal(_ input: AppealInput, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> AppealLodged {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: nil) { claim in
            try Self.authoriseInterviewWork(AppealRules.recorders, "record appeals", claim, actor)
        } decide: { _, connection in
            let appeals = try await self.appealRows(of: reference, connection)
            let served = try await self.draftRows(of: reference, connection).last { $0.status == .served }?.service
            return .appealLodged(try AppealRules.lodge(input, number: (appeals.map(\.lodged.number).max() ?? 0) + 1, decision: served, existing: appeals, today: today))
        }
        guard case let .appealLodged(appeal) = event else { throw SQLError(message: "An appeal recorded a \(event.type) event", sql: "") }
        return appeal
    }

    /// Records the hearing of appeal `number`.
    public func recordAppealHearing(_ input: AppealInput, appeal number: Int, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> AppealHearing {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: nil) { claim in
            try Self.authoriseInterviewWork(AppealRules.recorders, "record appeals", claim, actor)
        } decide: { _, connection in
            .appealHeard(try AppealRules.hear(input, appeal: try await self.appeal(number, of: reference, connection), today: today))
        }
        guard case let .appealHeard(hearing) = event else { throw SQLError(message: "A hearing recorded a \(event.type) event", sql: "") }
        return hearing
    }

    /// Records the outcome of appeal `number`, with the reasons as themes: the finding reaches the decision's author
    /// and the unit's quality view.
    public func determineAppeal(_ input: AppealInput, appeal number: Int, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> AppealDetermination {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: input.findings) { claim in
            try Self.authoriseInterviewWork(AppealRules.recorders, "record appeals", claim, actor)
        } decide: { _, connection in
            .appealDetermined(try AppealRules.determine(input, appeal: try await self.appeal(number, of: reference, connection), today: today))
        }
        guard case let .appealDetermined(determination) = event else { throw SQLError(message: "A determination recorded a \(event.type) event", sql: "") }
        return determination
    }

    private func appeal(_ number: Int, of reference: ClaimReference, _ connection: any SQLConnection) async throws -> AppealState {
        guard let appeal = try await appealRows(of: reference, connection).first(where: { $0.lodged.number == number }) else {
            throw ValidationFailure([FieldError(field: "appeal", message: "Claim \(reference.rawValue) has no appeal \(number)")])
        }
        return appeal
    }

    // MARK: Sign-off

    /// How far `username` is towards sign-off: their decisions checked at DQ1 or DQ2 since they started in role or last
    /// went back on 100% checks.
    public func signOffProgress(of username: StaffID, for actor: Actor) async throws -> SignOffProgress {
        try await database.read { connection in
            guard let record = try await self.loadStaffRecord(username, lock: false, connection) else {
                throw StaffRecordNotFound("No member of staff has the username \(username.rawValue)")
            }
            guard AccessPolicy.canRead(claimOwnedBy: record.member.unit, actor: actor) || actor.staff == username else {
                throw AccessDenied("\(actor.role.title)s cannot see the quality record of staff in \(record.member.unit.rawValue).")
            }
            return try await self.signOffProgress(record, connection)
        }
    }

    func signOffProgress(_ record: StaffRecord, _ connection: any SQLConnection) async throws -> SignOffProgress {
        let username = record.member.username
        let checks = try await connection.query(
            "SELECT claim_reference, number, assessed_on, calculated_score FROM quality_assessments WHERE worker = ? AND work = 'decision' ORDER BY assessed_on, claim_reference, number",
            [.text(username.rawValue)]
        ).map { row in
            SignOffProgress.Qualifying(
                claim: ClaimReference(row["claim_reference"].string ?? ""), assessment: row["number"].int ?? 0,
                assessedOn: LocalDate(iso: row["assessed_on"].string ?? "") ?? ValidationPolicy.earliestDateOfClaim,
                calculated: DQScore(rawValue: row["calculated_score"].int ?? 5) ?? .dq5
            )
        }
        // Back on 100% checks resets the count: only checks since then show renewed competence.
        let backOnChecks = try await connection.query(
            "SELECT at, payload FROM staff_changes WHERE username = ? AND type = 'profile-updated' ORDER BY id", [.text(username.rawValue)]
        ).compactMap { row -> LocalDate? in
            guard let update = try? EventCoding.decodeJSON(StaffChangePayload.ProfileUpdate.self, row["payload"].string ?? ""),
                update.before.signedOff, !update.after.signedOff
            else { return nil }
            return Instant(millisecondsSinceEpoch: row["at"].int64 ?? 0).date
        }.last
        return SignOffRules.progress(worker: username, signedOff: record.profile.signedOff, checks: checks, since: backOnChecks)
    }

    /// Signs off `username` as competent: only a technical specialist, only once the checks are there (10.12). The
    /// change is kept in the staff record's history with the qualifying decisions.
    @discardableResult
    public func signOff(_ username: StaffID, reason: String?, by actor: Actor) async throws -> SignOffProgress {
        let now = clock.now()
        var check = Validator()
        let reason = check.optionalText(reason, "reason", label: "the reason", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return try await database.transaction { connection in
            guard let record = try await self.loadStaffRecord(username, lock: true, connection) else {
                throw StaffRecordNotFound("No member of staff has the username \(username.rawValue)")
            }
            guard AccessPolicy.canWrite(claimOwnedBy: record.member.unit, actor: actor) else {
                throw AccessDenied("\(actor.role.title)s cannot sign off staff in \(record.member.unit.rawValue).")
            }
            var progress = try await self.signOffProgress(record, connection)
            if let refusal = SignOffRules.refusal(progress, by: actor, trainedForDecisions: record.profile.trainedFor?.covers(.decision) ?? true) {
                if refusal.message.hasPrefix("Only a technical specialist") { throw AccessDenied(refusal.message) }
                throw ValidationFailure([refusal])
            }
            var after = record.profile
            after.signedOff = true
            try await connection.execute("UPDATE staff SET signed_off = ? WHERE username = ?", [.bool(true), .text(username.rawValue)])
            let qualifying = progress.qualifying.prefix(progress.needed).map { "\($0.claim.rawValue) check \($0.assessment) (\($0.calculated.title), \($0.assessedOn.longForm))" }
            let payload = StaffChangePayload.ProfileUpdate(
                before: record.profile, after: after,
                changes: ["Signed off as competent by \(actor.staff.rawValue) after \(progress.needed) decisions at DQ1 or DQ2: " + qualifying.joined(separator: "; ")]
            )
            try await connection.execute(
                "INSERT INTO staff_changes (username, type, payload, actor, actor_role, at, reason) VALUES (?, 'signed-off', ?, ?, ?, ?, ?)",
                [
                    .text(username.rawValue), .text(try EventCoding.encodeJSON(payload)), .text(actor.staff.rawValue), .text(actor.role.rawValue),
                    .integer(now.millisecondsSinceEpoch), .text(reason),
                ]
            )
            try await self.audit(actor: actor, action: "staff.sign-off", claim: nil, detail: "\(username.rawValue): " + qualifying.joined(separator: "; "), at: now, connection)
            progress.signedOff = true
            return progress
        }
    }
}
