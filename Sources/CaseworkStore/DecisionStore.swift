import CaseworkDomain

/// A draft as the claim's decision page shows it.
public struct DecisionDraftRecord: Codable, Sendable, Hashable {
    public var draft: DecisionDraft
    public var status: DraftStatus
    public var unit: UnitID
    public var completions: Int
    public var completedOn: LocalDate?
    /// The sample taken at its latest completion.
    public var sampleID: String?
    public var service: DecisionService?
    public var updatedAt: Instant
}

/// A piece of completed work and the sampling decision taken on it, with where its check stands.
public struct SampleRecord: Codable, Sendable, Hashable {
    public var claim: ClaimReference
    public var sequence: Int
    public var unit: UnitID
    public var sample: WorkSample
    /// not-selected, awaiting-check, checked or cancelled (the work was superseded before its check).
    public var status: String
    public var assessment: Int?
}

public struct ServiceHoldRecord: Codable, Sendable, Hashable {
    public var hold: ServiceHold
    public var lift: ServiceHoldLift?
}

/// Everything about a claim's decision: drafts, samples and checks, the Operating Mandate record, holds, appeals and the
/// service gates as they stand, with the templates the claim may use.
public struct ClaimDecisions: Codable, Sendable, Hashable {
    public var claim: ClaimReference
    public var version: Int
    public var stage: Stage
    public var drafts: [DecisionDraftRecord]
    public var samples: [SampleRecord]
    public var assessments: [QualityAssessment]
    public var operatingMandate: [OperatingMandateCheck]
    public var holds: [ServiceHoldRecord]
    public var appeals: [AppealState]
    public var gates: [GateStatus]
    public var templates: [DecisionTemplate]
    /// The kinds of the claim's completed interviews, oldest first (a refusal needs a substantive one).
    public var completedInterviews: [InterviewKind]

    /// The draft being worked on, if any: the latest not served, withdrawn or superseded.
    public var openDraft: DecisionDraftRecord? { drafts.last { [.draft, .completed, .returned].contains($0.status) } }
    /// The served decision in force.
    public var servedDecision: DecisionDraftRecord? { drafts.last { $0.status == .served } }
}

extension CaseworkStore {
    // MARK: Reading

    /// The claim's decision record, if `actor` may see the claim.
    public func decisions(of reference: ClaimReference, for actor: Actor) async throws -> ClaimDecisions {
        try await decisions(of: try await claim(reference, for: actor))
    }

    /// The same for a claim already read (with its access checked).
    public func decisions(of claim: Claim) async throws -> ClaimDecisions {
        let reference = claim.reference
        return try await database.read { connection in
            let drafts = try await self.draftRows(of: reference, connection)
            let samples = try await self.sampleRows(claim: reference, connection)
            let assessments = try await self.assessmentRows(of: reference, connection)
            let checks = try await self.operatingMandateRows(of: reference, connection)
            let holds = try await self.holdRows(of: reference, connection)
            let barriers = try await self.loadBarriers(of: reference, connection).filter(\.isOpen)
            return ClaimDecisions(
                claim: reference, version: claim.version, stage: claim.stage, drafts: drafts, samples: samples, assessments: assessments, operatingMandate: checks,
                holds: holds, appeals: try await self.appealRows(of: reference, connection),
                gates: ServiceGates.evaluate(Self.gateInputs(
                    claim: claim, drafts: drafts.map { GateDraft(status: $0.status, draft: $0.draft, sampleID: $0.sampleID) }, samples: samples.map(\.sample),
                    assessments: assessments, checks: checks, barriers: barriers, openHolds: holds.filter { $0.lift == nil }.map(\.hold)
                )),
                templates: DecisionTemplateCatalogue.current.offered(nationality: claim.facts.mainApplicant.nationality.effective, regime: claim.regime),
                completedInterviews: try await self.completedInterviewKinds(of: reference, connection)
            )
        }
    }

    /// The service gates of the claim as they stand: what serving would check, read the way serving reads it.
    public func serviceGates(of reference: ClaimReference, for actor: Actor) async throws -> [GateStatus] {
        try await serviceGates(of: try await claim(reference, for: actor))
    }

    /// The gates of a claim already read (with its access checked): what serving adds to the change it makes.
    public func serviceGates(of claim: Claim) async throws -> [GateStatus] {
        try await database.read { try await self.serviceGates(of: claim, on: $0) }
    }

    /// The same on a connection the caller already holds, as serving's own transaction does: the one read the
    /// check adds there.
    public func serviceGates(of claim: Claim, on connection: any SQLConnection) async throws -> [GateStatus] {
        try await gates(for: claim, connection)
    }

    /// What sampling would decide if `draft` were completed now, read the way completion reads it (for the decision
    /// page's preview and the benchmark of what sampling adds to completing a decision).
    public func previewDecisionSample(of reference: ClaimReference, draft number: Int, for actor: Actor) async throws -> WorkSample {
        try await previewDecisionSample(of: try await claim(reference, for: actor), draft: number)
    }

    /// The same for a claim already read (with its access checked): the drafts and the sampling decision, what
    /// completing adds to the change it makes.
    public func previewDecisionSample(of claim: Claim, draft number: Int) async throws -> WorkSample {
        try await database.read { try await self.previewDecisionSample(of: claim, draft: number, on: $0) }
    }

    /// The same on a connection the caller already holds, as completion's own transaction does.
    public func previewDecisionSample(of claim: Claim, draft number: Int, on connection: any SQLConnection) async throws -> WorkSample {
        guard let found = try await draftRowsForCompletion(of: claim.reference, connection).first(where: { $0.record.draft.number == number }) else {
            throw ValidationFailure([FieldError(field: "draft", message: "Claim \(claim.reference.rawValue) has no decision \(number)")])
        }
        return decisionSample(found.record, claim: claim, author: found.author)
    }

    // MARK: Drafting and completing

    /// Saves a draft: a new one when `number` is nil (refused while another is open), or changes draft `number` (its
    /// author's, while it is a draft or returned). The claim must be at the decision stage.
    public func saveDecisionDraft(_ input: DecisionDraftInput, draft number: Int? = nil, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> DecisionDraft {
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: nil) { claim in
            try Self.authoriseDrafting(claim, actor)
        } decide: { claim, connection in
            try await self.checkDecisionTraining(actor, connection)
            guard DecisionRules.draftingStages.contains(claim.stage) else {
                throw ValidationFailure([FieldError(field: "stage", message: "Decisions are drafted at the decision stage; this claim is at \(claim.stage.title). Move it to Decision first.")])
            }
            let drafts = try await self.draftRows(of: reference, connection)
            let open = drafts.last { [.draft, .completed, .returned].contains($0.status) }
            var previous: DecisionDraft?
            let draftNumber: Int
            if let number {
                guard let existing = drafts.first(where: { $0.draft.number == number }) else {
                    throw ValidationFailure([FieldError(field: "draft", message: "Claim \(reference.rawValue) has no decision \(number)")])
                }
                guard existing.status.isEditable else {
                    throw ValidationFailure([FieldError(field: "draft", message: "Decision \(number) is \(existing.status.title.lowercased()) and can no longer be changed")])
                }
                guard existing.draft.author == actor.staff else {
                    throw ValidationFailure([FieldError(field: "draft", message: "Decision \(number) is \(existing.draft.author.rawValue)'s: only its author changes it")])
                }
                previous = existing.draft
                draftNumber = number
            } else {
                if let open {
                    throw ValidationFailure([FieldError(field: "draft", message: "Decision \(open.draft.number) is already \(open.status.title.lowercased()): change that one rather than starting another")])
                }
                draftNumber = (drafts.map(\.draft.number).max() ?? 0) + 1
            }
            return .decisionDrafted(try DecisionRules.draft(input, number: draftNumber, author: previous?.author ?? actor.staff, claim: claim, previous: previous))
        }
        guard case let .decisionDrafted(draft) = event else { throw SQLError(message: "A draft recorded a \(event.type) event", sql: "") }
        return draft
    }

    /// Completes draft `number`: every completion rule is checked, then sampling decides at this moment whether the
    /// decision is checked before service, and why (10.8–10.11). A selected decision moves to quality assurance.
    public func completeDecision(draft number: Int, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> DecisionCompletion {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: nil) { claim in
            try Self.authoriseDrafting(claim, actor)
        } decide: { claim, connection in
            guard claim.stage == .decision else {
                throw ValidationFailure([FieldError(field: "stage", message: "A decision is completed at the decision stage; this claim is at \(claim.stage.title)")])
            }
            guard let found = try await self.draftRowsForCompletion(of: reference, connection).first(where: { $0.record.draft.number == number }) else {
                throw ValidationFailure([FieldError(field: "draft", message: "Claim \(reference.rawValue) has no decision \(number)")])
            }
            let record = found.record
            guard record.status.isEditable else {
                throw ValidationFailure([FieldError(field: "draft", message: "Decision \(number) is \(record.status.title.lowercased()): only a draft or a returned decision is completed")])
            }
            guard record.draft.author == actor.staff else {
                throw ValidationFailure([FieldError(field: "draft", message: "Decision \(number) is \(record.draft.author.rawValue)'s: its author completes it")])
            }
            let problems = DecisionRules.completionProblems(record.draft, claim: claim, completedInterviews: try await self.completedInterviewKinds(of: reference, connection))
            if !problems.isEmpty { throw ValidationFailure(problems) }
            let sample = self.decisionSample(record, claim: claim, author: found.author)
            return .decisionCompleted(DecisionCompletion(
                draft: number, outcome: record.draft.outcome, author: record.draft.author, completedOn: today, resubmission: record.status == .returned, sample: sample
            ))
        }
        guard case let .decisionCompleted(completion) = event else { throw SQLError(message: "A completion recorded a \(event.type) event", sql: "") }
        return completion
    }

    // MARK: Gates and service

    /// Records one Operating Mandate check.
    public func recordOperatingMandateCheck(_ input: OperatingMandateCheckInput, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> OperatingMandateCheck {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: input.note) { claim in
            try Self.authoriseInterviewWork(OperatingMandate.recorders, "record Operating Mandate checks", claim, actor)
        } decide: { claim, _ in
            guard claim.stage.isOpen else { throw ClaimRuleViolation.notOpen(stage: claim.stage) }
            return .operatingMandateCheckRecorded(try OperatingMandate.validate(input, by: actor, today: today, claimRegistered: claim.registeredAt.date))
        }
        guard case let .operatingMandateCheckRecorded(check) = event else { throw SQLError(message: "A check recorded a \(event.type) event", sql: "") }
        return check
    }

    /// Places a hold on service.
    public func placeServiceHold(kind: String?, reason: String?, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> ServiceHold {
        let today = clock.now().date
        var check = Validator()
        let kind: ServiceHoldKind? = check.choice(kind, "kind", label: "the kind of hold", default: .safeguarding)
        let reason = check.requiredText(reason, "reason", label: "why service is held", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: reason) { claim in
            try Self.authoriseInterviewWork(kind!.placers, "hold service", claim, actor)
        } decide: { claim, connection in
            guard claim.stage.isOpen else { throw ClaimRuleViolation.notOpen(stage: claim.stage) }
            let number = (try await self.holdRows(of: reference, connection).map(\.hold.number).max() ?? 0) + 1
            return .serviceHoldPlaced(ServiceHold(number: number, kind: kind!, reason: reason!, placedBy: actor.staff, placedOn: today))
        }
        guard case let .serviceHoldPlaced(hold) = event else { throw SQLError(message: "A hold recorded a \(event.type) event", sql: "") }
        return hold
    }

    /// Lifts hold `number`, by someone allowed to lift that kind (the hub, for safeguarding).
    public func liftServiceHold(number: Int, reason: String?, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> ServiceHoldLift {
        let today = clock.now().date
        var check = Validator()
        let reason = check.requiredText(reason, "reason", label: "why the hold is lifted", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: reason) { claim in
            guard AccessPolicy.canWrite(claimOwnedBy: claim.owningUnit, actor: actor) else { throw AccessDenied("\(actor.role.title)s cannot change claims of \(claim.owningUnit.rawValue).") }
        } decide: { _, connection in
            guard let hold = try await self.holdRows(of: reference, connection).first(where: { $0.hold.number == number }) else {
                throw ValidationFailure([FieldError(field: "hold", message: "Claim \(reference.rawValue) has no hold \(number)")])
            }
            guard hold.lift == nil else { throw ValidationFailure([FieldError(field: "hold", message: "Hold \(number) was already lifted")]) }
            guard hold.hold.kind.lifters.contains(actor.role) else {
                throw AccessDenied("A \(hold.hold.kind.rawValue) hold is lifted only by the \(hold.hold.kind.lifters.map(\.title).sorted().joined(separator: ", ")) (10.60).")
            }
            return .serviceHoldLifted(ServiceHoldLift(number: number, kind: hold.hold.kind, liftedBy: actor.staff, liftedOn: today, reason: reason!))
        }
        guard case let .serviceHoldLifted(lift) = event else { throw SQLError(message: "A lift recorded a \(event.type) event", sql: "") }
        return lift
    }

    /// Serves the completed decision, once every gate is open; refused with each closed gate named otherwise. Service
    /// records the date, the method and the recipients, and produces the decision letter.
    public func serveDecision(_ input: DecisionServiceInput, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> DecisionService {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: nil) { claim in
            try Self.authoriseInterviewWork(DecisionRules.servers, "serve decisions", claim, actor)
        } decide: { claim, connection in
            let gates = try await self.gates(for: claim, connection)
            if !ServiceGates.allOpen(gates) { throw ValidationFailure(ServiceGates.problems(gates)) }
            guard let record = try await self.draftRows(of: reference, connection).last(where: { $0.status == .completed }) else {
                throw ValidationFailure([FieldError(field: "gate.decision-completed", message: "No completed decision to serve")])
            }
            var check = Validator()
            let latest = today
            let earliest = max(record.completedOn ?? today, today.adding(days: -DecisionPolicy.current.serviceRecordedLateDays))
            let servedOn = (input.servedOn?.trimmingWhitespace ?? "").isEmpty ? today
                : check.date(input.servedOn, "servedOn", label: "the date of service", earliest: earliest, latest: latest)
            let method: LetterMethod? = check.choice(input.method, "method", label: "how the decision is served", default: .post)
            try check.finish()
            let letter = DecisionRules.letter(record.draft, claim: claim, servedOn: servedOn!, method: method!, by: actor.staff)
            return .decisionServed(DecisionService(
                draft: record.draft.number, outcome: record.draft.outcome, author: record.draft.author, servedOn: servedOn!, method: method!,
                recipients: letter.recipients, letter: letter
            ))
        }
        guard case let .decisionServed(service) = event else { throw SQLError(message: "A service recorded a \(event.type) event", sql: "") }
        return service
    }

    // MARK: Screening interviews

    /// Records that the claim's screening interview was conducted, and samples it (screening interviews are sampled
    /// too: recommendation (a) of 10.28–10.29).
    public func recordScreeningInterview(_ input: ScreeningInterviewInput, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> ScreeningInterview {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: nil) { claim in
            try Self.authoriseInterviewWork(Self.screeningRecorders, "record screening interviews", claim, actor)
        } decide: { claim, connection in
            var check = Validator()
            let who = check.optionalText(input.conductedBy, "conductedBy", label: "who conducted it", maximum: 100).map { StaffID($0) } ?? actor.staff
            let on = (input.conductedOn?.trimmingWhitespace ?? "").isEmpty ? today
                : check.date(input.conductedOn, "conductedOn", label: "the date of the screening interview", earliest: claim.facts.dateOfClaim, latest: today)
            if who != actor.staff, try await connection.queryFirst("SELECT username FROM staff WHERE username = ? AND active = 1", [.text(who.rawValue)]) == nil {
                check.fail("conductedBy", "No active member of staff has the username \(who.rawValue)")
            }
            if try await self.sampleRows(claim: reference, connection).contains(where: { $0.sample.work == .screeningInterview }) {
                check.fail("conductedOn", "The claim's screening interview is already recorded")
            }
            try check.finish()
            let sample = try await self.sampleWork(
                .screeningInterview, id: Self.sampleID(reference, sequence: claim.version + 1), subject: nil, worker: who, refusal: false, triggers: [],
                completedOn: on!, connection
            )
            return .screeningInterviewRecorded(ScreeningInterview(conductedBy: who, conductedOn: on!, sample: sample))
        }
        guard case let .screeningInterviewRecorded(screening) = event else { throw SQLError(message: "A screening recorded a \(event.type) event", sql: "") }
        return screening
    }

    /// Who records a screening interview: intake and the unit's officers and caseworkers.
    public static let screeningRecorders: Set<Role> = [.administrativeOfficer, .decisionMaker, .technicalSpecialist, .seniorCaseworker, .teamLeader, .workflowPlanner]

    // MARK: Internals shared with quality

    static func authoriseDrafting(_ claim: Claim, _ actor: Actor) throws {
        try authoriseInterviewWork(DecisionRules.drafters, "draft decisions", claim, actor)
        if actor.role == .decisionMaker, let holder = claim.holder, holder != actor.staff {
            throw AccessDenied("Claim \(claim.reference.rawValue) is held by \(holder.rawValue): its decision is theirs to draft.")
        }
    }

    func checkDecisionTraining(_ actor: Actor, _ connection: any SQLConnection) async throws {
        guard let row = try await connection.queryFirst("SELECT trained_for FROM staff WHERE username = ?", [.text(actor.staff.rawValue)]),
            let training = row["trained_for"].string.flatMap(CaseworkTraining.init(rawValue:))
        else { return }  // no training recorded: as for taking claims, not refused
        if !training.covers(.decision) {
            throw ValidationFailure([FieldError(field: "draft", message: "\(actor.staff.rawValue) is trained for \(training.rawValue) only, not for decisions (1.6)")])
        }
    }

    /// "CW-0000001@12": the claim and the sequence of the event that completes the work, the random draw's input.
    static func sampleID(_ reference: ClaimReference, sequence: Int) -> String { "\(reference.rawValue)@\(sequence)" }

    /// The sampling decision for work completed now: reads whether the worker is signed off and when their work of this
    /// kind was last selected, then asks `SamplingRules`.
    func sampleWork(
        _ work: SampledWork, id: String, subject: Int?, worker: StaffID, refusal: Bool, triggers: Set<SamplingTrigger>, completedOn: LocalDate,
        resubmission: Bool = false, _ connection: any SQLConnection
    ) async throws -> WorkSample {
        // One round trip.
        let row = try await connection.queryFirst(
            "SELECT \(Self.samplingHistorySQL(worker: "?")) ", [.text(worker.rawValue), .text(worker.rawValue), .text(worker.rawValue), .text(work.rawValue), .bool(true)]
        )
        let history = Self.samplingHistory(row)
        let completed = CompletedWork(
            id: id, work: work, refusal: refusal, triggers: triggers, completedOn: completedOn, workerSignedOff: history.signedOff,
            workerLastChecked: history.lastSelected, resubmission: resubmission
        )
        return WorkSample.decide(completed, subject: subject, worker: worker)
    }

    /// What sampling needs to know of a worker, as three scalar columns: whether they are on the staff list, signed
    /// off, and when their work of the kind bound last was selected. Five binds: the worker three times (or none when
    /// `worker` names a column), the kind of work, and `true`.
    static func samplingHistorySQL(worker: String) -> String {
        """
        (SELECT COUNT(*) FROM staff WHERE username = \(worker)) AS worker_known, (SELECT signed_off FROM staff WHERE username = \(worker)) AS worker_signed_off,
            (SELECT MAX(completed_on) FROM quality_samples WHERE worker = \(worker) AND work = ? AND selected = ?) AS worker_last_selected
        """
    }

    /// Nobody on the staff list (the platform itself) has no sign-off to wait for.
    static func samplingHistory(_ row: SQLRow?) -> (signedOff: Bool, lastSelected: LocalDate?) {
        let signedOff = (row?["worker_known"].int ?? 0) == 0 ? true : row?["worker_signed_off"].bool ?? false
        return (signedOff, row?["worker_last_selected"].string.flatMap(LocalDate.init(iso:)))
    }

    /// The drafts with what sampling needs of their authors, in the one read completing makes anyway: the sampling
    /// decision adds no round trip to completing a decision.
    func draftRowsForCompletion(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [(record: DecisionDraftRecord, author: (signedOff: Bool, lastSelected: LocalDate?))] {
        try await connection.query(
            "SELECT \(Self.draftColumns), \(Self.samplingHistorySQL(worker: "decision_drafts.author")) FROM decision_drafts WHERE claim_reference = ? ORDER BY number",
            [.text(SampledWork.decision.rawValue), .bool(true), .text(reference.rawValue)]
        ).map { row in (try Self.draftRecord(row), Self.samplingHistory(row)) }
    }

    func decisionSample(_ record: DecisionDraftRecord, claim: Claim, author: (signedOff: Bool, lastSelected: LocalDate?)) -> WorkSample {
        let completed = CompletedWork(
            id: Self.sampleID(claim.reference, sequence: claim.version + 1), work: .decision, refusal: record.draft.outcome == .refusal,
            triggers: DecisionRules.samplingTriggers(record.draft, claim: claim), completedOn: clock.now().date, workerSignedOff: author.signedOff,
            workerLastChecked: author.lastSelected, resubmission: record.status == .returned
        )
        return WorkSample.decide(completed, subject: record.draft.number, worker: record.draft.author)
    }

    /// The withdrawal just recorded, sampled (10.44: one withdrawn claim was checked in ten months).
    func withdrawalSample(_ claim: Claim, sequence: Int, by actor: Actor, _ connection: any SQLConnection) async throws -> WorkSample {
        try await sampleWork(
            .withdrawal, id: Self.sampleID(claim.reference, sequence: sequence), subject: nil, worker: actor.staff, refusal: false, triggers: [],
            completedOn: clock.now().date, connection
        )
    }

    /// The open draft's sample: the one its gates are judged by.
    private static let openSampleID =
        "(SELECT sample_id FROM decision_drafts WHERE claim_reference = ? AND status IN ('draft', 'completed', 'returned') ORDER BY number DESC LIMIT 1)"

    /// Everything the gates are judged on, read in one round trip (completing and serving each add under a
    /// millisecond, on PostgreSQL too): the drafts, the open draft's sample and its checks, the Operating Mandate
    /// checks, the barriers and the holds.
    static let gateEvidenceSQL = """
        SELECT 'draft' AS kind, number AS n, data, status AS extra, sample_id AS extra2 FROM decision_drafts WHERE claim_reference = ?
        UNION ALL SELECT 'sample', 0, data, NULL, NULL FROM quality_samples WHERE sample_id = \(openSampleID)
        UNION ALL SELECT 'assessment', number, data, NULL, NULL FROM quality_assessments WHERE claim_reference = ? AND sample_id = \(openSampleID)
        UNION ALL SELECT 'operating-mandate', 0, data, NULL, NULL FROM operating_mandate_checks WHERE claim_reference = ?
        UNION ALL SELECT 'barrier', id, data, NULL, NULL FROM claim_barriers WHERE claim_reference = ?
        UNION ALL SELECT 'hold', number, data, lifted, NULL FROM service_holds WHERE claim_reference = ?
        ORDER BY kind, n
        """

    func gates(for claim: Claim, _ connection: any SQLConnection) async throws -> [GateStatus] {
        let reference = SQLValue.text(claim.reference.rawValue)
        var drafts: [GateDraft] = []
        var samples: [WorkSample] = []
        var assessments: [QualityAssessment] = []
        var checks: [OperatingMandateCheck] = []
        var barriers: [Barrier] = []
        var holds: [ServiceHold] = []
        for row in try await connection.query(Self.gateEvidenceSQL, Array(repeating: reference, count: 7)) {
            let data = row["data"].string ?? "{}"
            switch row["kind"].string {
            case "draft":
                drafts.append(GateDraft(status: DraftStatus(rawValue: row["extra"].string ?? "") ?? .draft, draft: try EventCoding.decodeJSON(DecisionDraft.self, data), sampleID: row["extra2"].string))
            case "sample": samples.append(try EventCoding.decodeJSON(WorkSample.self, data))
            case "assessment": assessments.append(try EventCoding.decodeJSON(QualityAssessment.self, data))
            case "operating-mandate": checks.append(try EventCoding.decodeJSON(OperatingMandateCheck.self, data))
            case "barrier":
                let barrier = try EventCoding.decodeJSON(Barrier.self, data)
                if barrier.isOpen { barriers.append(barrier) }
            case "hold": if row["extra"].string == nil { holds.append(try EventCoding.decodeJSON(ServiceHold.self, data)) }
            default: break
            }
        }
        return ServiceGates.evaluate(Self.gateInputs(
            claim: claim, drafts: drafts, samples: samples, assessments: assessments, checks: Self.inMandateOrder(checks), barriers: barriers, openHolds: holds
        ))
    }

    /// A draft as the gates see it.
    struct GateDraft {
        let status: DraftStatus
        let draft: DecisionDraft
        let sampleID: String?
    }

    /// The gates' inputs: the draft being worked on (else the latest), its sample and the checks answering it.
    static func gateInputs(
        claim: Claim, drafts: [GateDraft], samples: [WorkSample], assessments: [QualityAssessment], checks: [OperatingMandateCheck], barriers: [Barrier],
        openHolds: [ServiceHold]
    ) -> ServiceGateInputs {
        let open = drafts.last { [.draft, .completed, .returned].contains($0.status) } ?? drafts.last
        let sample = open?.sampleID.flatMap { id in samples.first { $0.id == id } }
        return ServiceGateInputs(
            stage: claim.stage, draft: open?.draft, draftStatus: open?.status, sample: sample,
            assessments: assessments.filter { sample != nil && $0.sampleID == sample?.id }, operatingMandate: checks, openBarriers: barriers, holds: openHolds
        )
    }

    static let draftColumns = "status, owning_unit, data, completions, completed_on, sample_id, service, updated_at"

    func draftRows(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [DecisionDraftRecord] {
        try await connection.query("SELECT \(Self.draftColumns) FROM decision_drafts WHERE claim_reference = ? ORDER BY number", [.text(reference.rawValue)])
            .map(Self.draftRecord)
    }

    static func draftRecord(_ row: SQLRow) throws -> DecisionDraftRecord {
        DecisionDraftRecord(
            draft: try EventCoding.decodeJSON(DecisionDraft.self, row["data"].string ?? "{}"), status: DraftStatus(rawValue: row["status"].string ?? "") ?? .draft,
            unit: UnitID(row["owning_unit"].string ?? ""), completions: row["completions"].int ?? 0, completedOn: row["completed_on"].string.flatMap(LocalDate.init(iso:)),
            sampleID: row["sample_id"].string, service: try row["service"].string.map { try EventCoding.decodeJSON(DecisionService.self, $0) },
            updatedAt: Instant(millisecondsSinceEpoch: row["updated_at"].int64 ?? 0)
        )
    }

    static let sampleColumns = "claim_reference, sequence, owning_unit, data, status, assessment"

    func sampleRows(claim reference: ClaimReference, _ connection: any SQLConnection) async throws -> [SampleRecord] {
        try await connection.query("SELECT \(Self.sampleColumns) FROM quality_samples WHERE claim_reference = ? ORDER BY sequence", [.text(reference.rawValue)])
            .map(Self.sampleRecord)
    }

    func sampleRows(id: String, _ connection: any SQLConnection) async throws -> [SampleRecord] {
        try await connection.query("SELECT \(Self.sampleColumns) FROM quality_samples WHERE sample_id = ?", [.text(id)]).map(Self.sampleRecord)
    }

    static func sampleRecord(_ row: SQLRow) throws -> SampleRecord {
        SampleRecord(
            claim: ClaimReference(row["claim_reference"].string ?? ""), sequence: row["sequence"].int ?? 0, unit: UnitID(row["owning_unit"].string ?? ""),
            sample: try EventCoding.decodeJSON(WorkSample.self, row["data"].string ?? "{}"), status: row["status"].string ?? "", assessment: row["assessment"].int
        )
    }

    func assessmentRows(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [QualityAssessment] {
        try await connection.query("SELECT data FROM quality_assessments WHERE claim_reference = ? ORDER BY number", [.text(reference.rawValue)])
            .map { try EventCoding.decodeJSON(QualityAssessment.self, $0["data"].string ?? "{}") }
    }

    func operatingMandateRows(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [OperatingMandateCheck] {
        Self.inMandateOrder(
            try await connection.query("SELECT data FROM operating_mandate_checks WHERE claim_reference = ?", [.text(reference.rawValue)])
                .map { try EventCoding.decodeJSON(OperatingMandateCheck.self, $0["data"].string ?? "{}") }
        )
    }

    /// Checks in the order the Operating Mandate lists them.
    static func inMandateOrder(_ checks: [OperatingMandateCheck]) -> [OperatingMandateCheck] {
        let order = OperatingMandate.checks.map(\.code)
        return checks.sorted { (order.firstIndex(of: $0.code) ?? 99) < (order.firstIndex(of: $1.code) ?? 99) }
    }

    func holdRows(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [ServiceHoldRecord] {
        try await connection.query("SELECT data, lifted FROM service_holds WHERE claim_reference = ? ORDER BY number", [.text(reference.rawValue)]).map { row in
            ServiceHoldRecord(
                hold: try EventCoding.decodeJSON(ServiceHold.self, row["data"].string ?? "{}"),
                lift: try row["lifted"].string.map { try EventCoding.decodeJSON(ServiceHoldLift.self, $0) }
            )
        }
    }

    func appealRows(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [AppealState] {
        try await connection.query("SELECT data, heard_on, determination FROM appeals WHERE claim_reference = ? ORDER BY number", [.text(reference.rawValue)]).map { row in
            AppealState(
                lodged: try EventCoding.decodeJSON(AppealLodged.self, row["data"].string ?? "{}"), heardOn: row["heard_on"].string.flatMap(LocalDate.init(iso:)),
                determination: try row["determination"].string.map { try EventCoding.decodeJSON(AppealDetermination.self, $0) }
            )
        }
    }

    func completedInterviewKinds(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [InterviewKind] {
        try await connection.query(
            "SELECT kind FROM interviews WHERE claim_reference = ? AND status = 'completed' ORDER BY date, start_minute", [.text(reference.rawValue)]
        ).compactMap { $0["kind"].string.flatMap(InterviewKind.init(rawValue:)) }
    }
}
