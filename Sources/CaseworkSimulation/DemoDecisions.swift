import CaseworkDomain
import CaseworkStore

/// A complete decision draft for a claim, as a careful decision maker would save it: the first template offered for
/// the claim's nationality and regime, every question answered yes, the basis of claim, reasons for a refusal, and for
/// a flow claim the two-stage record consistent with the outcome (3.20–3.22). Benchmarks and the demo draft with it.
public enum CompleteDraft {
    public static func input(for claim: Claim, outcome: Outcome = .grantAsylum, reasoning: String? = nil) -> DecisionDraftInput? {
        let kind: DecisionKind = outcome == .refusal ? .refusal : .grant
        guard let template = DecisionTemplateCatalogue.current.offered(nationality: claim.facts.mainApplicant.nationality.effective, regime: claim.regime)
            .first(where: { $0.kind == kind })
        else { return nil }
        let refugee = outcome == .grantAsylum
        let twoStage = DecisionRules.twoStageApplies(claim.regime) ? TwoStageInput(
            characteristicMet: true, characteristicReasons: "Nationality and profile accepted on the balance of probabilities, consistent with the screening record.",
            fearMet: refugee, fearReasons: refugee ? "The account is detailed, consistent and supported by the country evidence." : "The account of the feared events is not accepted.",
            persecutionOnReturnMet: refugee ? true : nil,
            persecutionOnReturnReasons: refugee ? "A reasonable likelihood of persecution on return, with no sufficiency of protection or reasonable relocation." : nil
        ) : nil
        return DecisionDraftInput(
            outcome: outcome.rawValue, template: template.code,
            answers: template.items.map { ChecklistAnswerInput(item: $0.code, response: "yes") }, basis: ["political-opinion"],
            refusalReasons: outcome == .refusal
                ? [RefusalReasonInput(code: "material-facts-not-accepted", explanation: "The dates of travel given at screening and at interview differ by a year.")] : nil,
            twoStage: twoStage,
            reasoning: reasoning ?? "The claimant's account is accepted: it is detailed, internally consistent and consistent with the current country policy and information note."
        )
    }
}

/// The demo unit's decisions, made through the store's own rules so each page has something true to show: the demo
/// decision maker's draft in progress, a decision returned by its check, and one ready to serve; a new decision maker
/// on 100% checks with two of the three decisions at DQ1–DQ2 that sign-off needs (10.12) and a third waiting for the
/// technical specialist, which cannot be served until it is checked (10.34).
public enum DemoDecisions {
    public struct Summary: Sendable, CustomStringConvertible {
        public var drafted = 0
        public var completed = 0
        public var checked = 0
        public var returned = 0
        public var served = 0
        public var readyToServe = 0
        public var waitingForCheck = 0

        public var description: String {
            "Demo decisions: \(drafted) drafted, \(completed) completed, \(checked) checked (\(returned) returned), \(served) served, "
                + "\(readyToServe) ready to serve, \(waitingForCheck) waiting for a check"
        }
    }

    /// Writes them in `unit`, over the ten working days before `today`.
    public static func seed(
        in store: CaseworkStore, unit: UnitID = "DMU-GLA", today: LocalDate, decisionMaker: StaffID = "demo.dm", newDecisionMaker: StaffID = "demo.newdm",
        teamLeader: StaffID = "demo.tl", officer: StaffID = "demo.ao", technicalSpecialist: StaffID = "demo.techspec"
    ) async throws -> Summary {
        var summary = Summary()
        let clock = FixedClock(Instant(startOf: today.adding(days: -14)).adding(milliseconds: 9 * 3_600_000))
        let past = CaseworkStore(database: store.database, clock: clock, policy: store.policy)
        let leader = Actor(staff: teamLeader, role: .teamLeader, unit: unit)
        let dm = Actor(staff: decisionMaker, role: .decisionMaker, unit: unit)
        let newDM = Actor(staff: newDecisionMaker, role: .decisionMaker, unit: unit)
        let ao = Actor(staff: officer, role: .administrativeOfficer, unit: unit)
        let ts = Actor(staff: technicalSpecialist, role: .technicalSpecialist, unit: unit)

        // Claims of the unit at the decision stage with nothing drafted and nothing blocking service; when there are too
        // few, claims from the unit's WIP moved on to decision by the team leader.
        var candidates: [Claim] = []
        for stage in [Stage.decision, .workInProgress] where candidates.count < 7 {
            for row in try await store.search(ClaimQuery(stage: stage, pageSize: 200), for: leader).claims where row.owningUnit == unit {
                let decisions = try await store.decisions(of: row.reference, for: leader)
                guard decisions.drafts.isEmpty, decisions.gates.allSatisfy({ $0.open || ![ServiceGate.barriers, .serviceHolds].contains($0.gate) }) else { continue }
                var claim = try await store.claim(row.reference, for: leader)
                if claim.stage == .workInProgress {
                    claim = try await past.perform(.moveStage(to: .decision), on: claim.reference, expectedVersion: claim.version, by: leader, reason: "Demo: ready for decision")
                }
                candidates.append(claim)
                if candidates.count == 7 { break }
            }
        }
        guard candidates.count == 7 else { return summary }

        /// The next working hour, a little later.
        func later(_ hours: Int64 = 2) {
            clock.advance(milliseconds: hours * 3_600_000)
            let now = clock.now()
            let day = now.date.dayNumber
            if WorkingTime.weekday(day) >= 5 || now.millisecondsSinceEpoch - Int64(day) * WorkingTime.dayMilliseconds > WorkingTime.end - 3_600_000 {
                let next = WorkingTime.weekdayOnOrAfter(day + 1)
                clock.set(Instant(millisecondsSinceEpoch: Int64(next) * WorkingTime.dayMilliseconds + WorkingTime.start))
            }
        }
        func version(_ claim: Claim) async throws -> Int { try await past.claim(claim.reference, for: leader).version }

        /// The claim given to `author`, drafted; returns the draft's number.
        func draft(_ claim: Claim, by author: Actor) async throws -> Int? {
            guard let input = CompleteDraft.input(for: claim) else { return nil }
            _ = try await past.perform(.allocate(to: author.staff, reassigning: true), on: claim.reference, expectedVersion: try await version(claim), by: leader, reason: "Demo: for decision")
            later(1)
            let saved = try await past.saveDecisionDraft(input, on: claim.reference, expectedVersion: try await version(claim), by: author)
            summary.drafted += 1
            return saved.number
        }
        func complete(_ claim: Claim, _ number: Int, by author: Actor) async throws -> WorkSample {
            later()
            let completion = try await past.completeDecision(draft: number, on: claim.reference, expectedVersion: try await version(claim), by: author)
            summary.completed += 1
            return completion.sample
        }
        func operatingMandate(_ claim: Claim) async throws {
            for check in OperatingMandate.checks {
                _ = try await past.recordOperatingMandateCheck(OperatingMandateCheckInput(check: check.code, result: "clear"), on: claim.reference, expectedVersion: try await version(claim), by: ao)
            }
        }
        func assess(_ claim: Claim, number: Int, good: Bool) async throws {
            later(3)
            let input = good
                ? QualityAssessmentInput(
                    work: "decision", subject: number, operatingMandate: "DQ1", casework: "DQ2", process: "DQ1", outcomeCorrect: true,
                    feedback: "Clear findings on each material fact, and the country evidence applied to this claimant's profile.", themes: ["good-practice"]
                )
                : QualityAssessmentInput(
                    work: "decision", subject: number, operatingMandate: "DQ2", casework: "DQ4", process: "DQ2", outcomeCorrect: true,
                    feedback: "The minute does not make a finding on the claimed arrest in 2021, and relies on a superseded country note. Please add the finding and cite the current CPIN.",
                    themes: ["material-facts", "country-evidence"]
                )
            _ = try await past.recordQualityAssessment(input, on: claim.reference, expectedVersion: try await version(claim), by: ts)
            summary.checked += 1
            if !good { summary.returned += 1 }
        }
        func serve(_ claim: Claim) async throws {
            later()
            _ = try await past.serveDecision(DecisionServiceInput(), on: claim.reference, expectedVersion: try await version(claim), by: ao)
            summary.served += 1
        }

        // The new decision maker: two decisions checked at DQ1–DQ2 and served, a third waiting for its check.
        for claim in candidates[0..<2] {
            guard let number = try await draft(claim, by: newDM) else { continue }
            let sample = try await complete(claim, number, by: newDM)
            try await operatingMandate(claim)
            if sample.decision.selected { try await assess(claim, number: number, good: true) }
            try await serve(claim)
        }
        if let number = try await draft(candidates[2], by: newDM) {
            let sample = try await complete(candidates[2], number, by: newDM)
            try await operatingMandate(candidates[2])
            if sample.decision.selected { summary.waitingForCheck += 1 }
        }

        // The demo decision maker: a decision returned by its check, one ready to serve, one served, one in draft.
        if let number = try await draft(candidates[3], by: dm) {
            let sample = try await complete(candidates[3], number, by: dm)
            if sample.decision.selected { try await assess(candidates[3], number: number, good: false) }
        }
        for (index, claim) in candidates[4..<6].enumerated() {
            guard let number = try await draft(claim, by: dm) else { continue }
            let sample = try await complete(claim, number, by: dm)
            try await operatingMandate(claim)
            if sample.decision.selected { try await assess(claim, number: number, good: true) }
            if index == 0 { try await serve(claim) } else { summary.readyToServe += 1 }
        }
        _ = try await draft(candidates[6], by: dm)
        return summary
    }
}
