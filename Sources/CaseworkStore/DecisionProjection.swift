import CaseworkDomain

/// The decision and quality tables as projections of the claim log: `decision_drafts` (each draft with its status and
/// service), `quality_samples` (every piece of completed work with the sampling decision), `quality_assessments` and
/// `quality_themes` (checks and appeal findings by theme, for trends), `operating_mandate_checks` (the latest record of
/// each check), `service_holds` and `appeals`. Written in the event's own transaction, and replayed by
/// `rebuild-projections` and the seeder through the same function.
///
/// Work is counted in the unit that did it: a sample or an assessment keeps the unit the claim was in when the work was
/// completed, so a later transfer does not move a unit's quality figures.
enum DecisionProjection {
    static let tables = [
        "decision_drafts", "quality_samples", "quality_assessments", "quality_themes", "operating_mandate_checks", "service_holds", "appeals",
    ]

    /// Drafts still being worked on: not served, withdrawn or superseded.
    static let openDraftStatuses = "('draft', 'completed', 'returned')"

    /// "2026-12": the month a date falls in, as the quality figures group them.
    static func month(_ date: LocalDate) -> String { String(date.iso.prefix(7)) }

    /// Projects `recorded`; `unit` is the unit that owns the claim once the event is applied. `payload`, when given, is
    /// the event's payload as the log holds it, kept as the data of rows that hold the event's own value.
    static func write(_ recorded: RecordedEvent, payload: String? = nil, unit: UnitID, _ connection: any SQLConnection) async throws {
        let claim = recorded.claim.rawValue
        let at = recorded.occurredAt.millisecondsSinceEpoch
        func json<Value: Encodable>(_ value: Value) throws -> String { try payload ?? EventCoding.encodeJSON(value) }
        if let sample = recorded.event.sample {
            let data: String
            if case .workSampled = recorded.event { data = try json(sample) } else { data = try EventCoding.encodeJSON(sample) }
            try await writeSample(sample, data: data, claim: claim, sequence: recorded.sequence, unit: unit, connection)
        }
        switch recorded.event {
        case let .decisionDrafted(draft):
            try await connection.execute(
                """
                INSERT INTO decision_drafts (claim_reference, number, owning_unit, author, outcome, template, template_version, status, data, drafted_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)
                ON CONFLICT (claim_reference, number) DO UPDATE SET outcome = excluded.outcome, template = excluded.template,
                    template_version = excluded.template_version, data = excluded.data, updated_at = excluded.updated_at
                """,
                [
                    .text(claim), .int(draft.number), .text(unit.rawValue), .text(draft.author.rawValue), .text(draft.outcome.rawValue), .text(draft.template),
                    .int(draft.templateVersion), .text(try json(draft)), .integer(at), .integer(at),
                ]
            )
        case let .decisionCompleted(completion):
            try await connection.execute(
                "UPDATE decision_drafts SET status = 'completed', completions = completions + 1, completed_on = ?, sample_id = ?, updated_at = ? WHERE claim_reference = ? AND number = ?",
                [.text(completion.completedOn.iso), .text(completion.sample.id), .integer(at), .text(claim), .int(completion.draft)]
            )
        case let .qualityAssessed(assessment):
            let scores = assessment.scores
            try await connection.execute(
                """
                INSERT INTO quality_assessments (claim_reference, number, owning_unit, work, subject, sample_id, worker, assessor, assessed_on, month,
                    om_score, casework_score, process_score, calculated_score, outcome_correct, pre_service, mode, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(claim), .int(assessment.number), .text(unit.rawValue), .text(assessment.work.rawValue), .int(assessment.subject), .text(assessment.sampleID),
                    .text(assessment.worker.rawValue), .text(assessment.assessor.rawValue), .text(assessment.assessedOn.iso), .text(month(assessment.assessedOn)),
                    .int(scores.operatingMandate.rawValue), .int(scores.casework.rawValue), .int(scores.process.rawValue), .int(scores.calculated.rawValue),
                    .bool(assessment.outcomeCorrect), .bool(assessment.preService), .text(assessment.mode.rawValue), .text(try json(assessment)),
                ]
            )
            try await writeThemes(assessment.themes, claim: claim, source: "assessment", number: assessment.number, unit: unit, worker: assessment.worker, on: assessment.assessedOn, connection)
            if let sampleID = assessment.sampleID {
                try await connection.execute(
                    "UPDATE quality_samples SET status = 'checked', assessment = ? WHERE sample_id = ? AND status = 'awaiting-check'",
                    [.int(assessment.number), .text(sampleID)]
                )
            }
            if assessment.work == .decision, assessment.preService, !assessment.passes, let draft = assessment.subject {
                try await connection.execute(
                    "UPDATE decision_drafts SET status = 'returned', updated_at = ? WHERE claim_reference = ? AND number = ? AND status = 'completed'",
                    [.integer(at), .text(claim), .int(draft)]
                )
            }
        case let .operatingMandateCheckRecorded(check):
            try await connection.execute(
                "INSERT INTO operating_mandate_checks (claim_reference, check_code, data) VALUES (?, ?, ?) ON CONFLICT (claim_reference, check_code) DO UPDATE SET data = excluded.data",
                [.text(claim), .text(check.code), .text(try json(check))]
            )
        case let .serviceHoldPlaced(hold):
            try await connection.execute(
                "INSERT INTO service_holds (claim_reference, number, owning_unit, kind, status, placed_on, data) VALUES (?, ?, ?, ?, 'open', ?, ?)",
                [.text(claim), .int(hold.number), .text(unit.rawValue), .text(hold.kind.rawValue), .text(hold.placedOn.iso), .text(try json(hold))]
            )
        case let .serviceHoldLifted(lift):
            try await connection.execute(
                "UPDATE service_holds SET status = 'lifted', lifted = ? WHERE claim_reference = ? AND number = ?",
                [.text(try json(lift)), .text(claim), .int(lift.number)]
            )
        case let .decisionServed(service):
            try await connection.execute(
                "UPDATE decision_drafts SET status = 'served', served_on = ?, served_month = ?, service = ?, updated_at = ? WHERE claim_reference = ? AND number = ?",
                [.text(service.servedOn.iso), .text(month(service.servedOn)), .text(try json(service)), .integer(at), .text(claim), .int(service.draft)]
            )
            try await connection.execute(
                "INSERT INTO claim_letters (claim_reference, sequence, kind, dated, interview, issued_at, data) VALUES (?, ?, ?, ?, NULL, ?, ?)",
                [.text(claim), .int(recorded.sequence), .text(service.letter.kind.rawValue), .text(service.letter.dated.iso), .integer(at), .text(try EventCoding.encodeJSON(service.letter))]
            )
        case .outcomeWithdrawn:
            try await connection.execute(
                "UPDATE decision_drafts SET status = 'withdrawn', updated_at = ? WHERE claim_reference = ? AND status = 'served'", [.integer(at), .text(claim)]
            )
        case let .stageChanged(from, to) where (from == .decision || from == .qualityAssurance) && to == .workInProgress:
            try await supersedeOpenWork(claim: claim, at: at, connection)
        case let .outcomeRecorded(outcome, _) where !outcome.isServedDecision:
            try await supersedeOpenWork(claim: claim, at: at, connection)
        case let .appealLodged(appeal):
            try await connection.execute(
                "INSERT INTO appeals (claim_reference, number, owning_unit, decision, author, lodged_on, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(claim), .int(appeal.number), .text(unit.rawValue), .int(appeal.decision), .text(appeal.author.rawValue), .text(appeal.lodgedOn.iso),
                    .text(try json(appeal)),
                ]
            )
        case let .appealHeard(hearing):
            try await connection.execute(
                "UPDATE appeals SET heard_on = ? WHERE claim_reference = ? AND number = ?", [.text(hearing.heardOn.iso), .text(claim), .int(hearing.number)]
            )
        case let .appealDetermined(determination):
            try await connection.execute(
                "UPDATE appeals SET outcome = ?, determined_on = ?, determined_month = ?, determination = ? WHERE claim_reference = ? AND number = ?",
                [
                    .text(determination.outcome.rawValue), .text(determination.determinedOn.iso), .text(month(determination.determinedOn)),
                    .text(try json(determination)), .text(claim), .int(determination.number),
                ]
            )
            // The appeal's unit is the one that served the decision, as the appeal row holds it.
            let appealUnit = try await connection.queryFirst(
                "SELECT owning_unit FROM appeals WHERE claim_reference = ? AND number = ?", [.text(claim), .int(determination.number)]
            )?["owning_unit"].string ?? unit.rawValue
            try await writeThemes(
                determination.themes, claim: claim, source: "appeal", number: determination.number, unit: UnitID(appealUnit), worker: determination.author,
                on: determination.determinedOn, connection
            )
        case .transferred:
            // Open work follows the claim; what was done stays with the unit that did it.
            try await connection.execute(
                "UPDATE decision_drafts SET owning_unit = ? WHERE claim_reference = ? AND status IN \(openDraftStatuses)", [.text(unit.rawValue), .text(claim)]
            )
            try await connection.execute("UPDATE service_holds SET owning_unit = ? WHERE claim_reference = ?", [.text(unit.rawValue), .text(claim)])
        default:
            break
        }
    }

    /// The claim left decision-making (back to the work in progress, or closed): drafts not yet served are superseded,
    /// and a decision's check that was waiting is no longer needed.
    private static func supersedeOpenWork(claim: String, at: Int64, _ connection: any SQLConnection) async throws {
        try await connection.execute(
            "UPDATE decision_drafts SET status = 'superseded', updated_at = ? WHERE claim_reference = ? AND status IN \(openDraftStatuses)", [.integer(at), .text(claim)]
        )
        try await connection.execute(
            "UPDATE quality_samples SET status = 'cancelled' WHERE claim_reference = ? AND work = 'decision' AND status = 'awaiting-check'", [.text(claim)]
        )
    }

    private static func writeSample(_ sample: WorkSample, data: String, claim: String, sequence: Int, unit: UnitID, _ connection: any SQLConnection) async throws {
        let decision = sample.decision
        try await connection.execute(
            """
            INSERT INTO quality_samples (sample_id, claim_reference, sequence, work, subject, worker, owning_unit, completed_on, month, refusal, selected, random,
                depth, reasons, draw, policy_version, status, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(sample.id), .text(claim), .int(sequence), .text(sample.work.rawValue), .int(sample.subject), .text(sample.worker.rawValue), .text(unit.rawValue),
                .text(sample.completedOn.iso), .text(month(sample.completedOn)), .bool(sample.refusal), .bool(decision.selected), .bool(decision.random),
                .text(decision.depth?.rawValue), .text(decision.reasons.map(\.code).joined(separator: ",")), .real(decision.draw), .int(decision.policyVersion),
                .text(decision.selected ? "awaiting-check" : "not-selected"), .text(data),
            ]
        )
    }

    private static func writeThemes(
        _ themes: [String], claim: String, source: String, number: Int, unit: UnitID, worker: StaffID, on date: LocalDate, _ connection: any SQLConnection
    ) async throws {
        for theme in themes {
            try await connection.execute(
                "INSERT INTO quality_themes (claim_reference, source, number, theme, owning_unit, worker, month) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [.text(claim), .text(source), .int(number), .text(theme), .text(unit.rawValue), .text(worker.rawValue), .text(month(date))]
            )
        }
    }
}
