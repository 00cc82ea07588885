import CaseworkDomain
import Testing

/// The work in progress records on a claim after registration: each piece by its own event, each read by prioritisation.
@Suite("What the work in progress records on a claim")
struct ClaimWorkTests {
    let planner = Actor(staff: "wp.one", role: .workflowPlanner, unit: "NWF")
    let teamLeader = Actor(staff: "tl.gla", role: .teamLeader, unit: "DMU-GLA")
    let decisionMaker = Actor(staff: "dm.gla", role: .decisionMaker, unit: "DMU-GLA")
    let analyst = Actor(staff: "mi.one", role: .miAnalyst, unit: "MI")

    /// Decides and applies `command`, as the store does.
    func applying(_ command: ClaimCommand, to claim: inout Claim, reason: String? = nil) throws {
        let event = try ClaimRules.decide(command, on: claim, reason: reason)
        ClaimRules.apply(event, to: &claim, at: Instant(startOf: today))
    }

    @Test("A safeguarding referral moves a flow claim into tier 2 at once, and the explanation says why")
    func safeguardingReferralRaisesTheTier() throws {
        var claim = try sampleClaim(stage: .workInProgress)
        let before = PriorityPolicy.current.assess(PriorityFacts(claim: claim), today: today)
        #expect(before.tier == 5)  // a flow claim (claimed 14 September 2022), nothing else recorded
        let (command, _) = try ClaimCommandInput.safeguardingReferral(level: "sshl2", raised: "2023-05-03", reason: nil, today: today)
        try applying(command, to: &claim)
        let after = PriorityPolicy.current.assess(PriorityFacts(claim: claim), today: today)
        #expect(after.tier == 2 && after.category == .vulnerableHighHarm)
        #expect(after.explanation.hasPrefix("Tier 2: safeguarding referral SSHL2 raised 3 May 2023"))
        #expect(after.sortKey < before.sortKey)
    }

    @Test("A commitment places the claim in the demand-led tier until it is withdrawn, with a reason")
    func commitmentAndWithdrawal() throws {
        var claim = try sampleClaim(stage: .workInProgress)
        let (command, _) = try ClaimCommandInput.commitment(kind: "judicial-review", decideBy: "2023-11-30", reason: nil, today: today)
        try applying(command, to: &claim)
        #expect(claim.work.commitment == DecisionCommitment(kind: .judicialReview, decideBy: LocalDate(year: 2023, month: 11, day: 30)!))
        #expect(PriorityPolicy.current.assess(PriorityFacts(claim: claim), today: today).tier == 3)
        #expect(throws: ClaimRuleViolation.reasonRequired("withdrawing the commitment")) {
            try ClaimRules.decide(.withdrawCommitment, on: claim, reason: nil)
        }
        try applying(.withdrawCommitment, to: &claim, reason: "Judicial review withdrawn by consent")
        #expect(claim.work.commitment == nil)
        #expect(PriorityPolicy.current.assess(PriorityFacts(claim: claim), today: today).tier == 5)
        #expect(throws: ClaimRuleViolation.noCommitment) { try ClaimRules.decide(.withdrawCommitment, on: claim, reason: "again") }
    }

    @Test("A commitment date in the past, or not a date, is refused naming the field")
    func commitmentDates() {
        #expect(throws: ValidationFailure.self) { try ClaimCommandInput.commitment(kind: "mp-case", decideBy: "2023-10-26", reason: nil, today: today) }
        do {
            _ = try ClaimCommandInput.commitment(kind: "nonsense", decideBy: "31/02/2024", reason: nil, today: today)
            Issue.record("accepted a bad commitment")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["kind", "decideBy"])
        }
    }

    @Test("Priority on request is granted once, records who and why, and needs a reason")
    func priorityOnRequest() throws {
        var claim = try sampleClaim(stage: .workInProgress)
        #expect(throws: ValidationFailure.self) { try ClaimCommandInput.grantPriority(reason: "  ", by: teamLeader, at: Instant(startOf: today)) }
        let (command, _) = try ClaimCommandInput.grantPriority(reason: "Medical evidence of suicidal ideation", by: teamLeader, at: Instant(startOf: today))
        try applying(command, to: &claim)
        #expect(claim.work.priorityOnRequest?.grantedBy == "tl.gla")
        let priority = PriorityPolicy.current.assess(PriorityFacts(claim: claim), today: today)
        #expect(priority.tier == 2 && priority.severity == 95)
        #expect(priority.explanation.contains("priority on request granted by tl.gla"))
        #expect(throws: ClaimRuleViolation.priorityAlreadyGranted(by: "tl.gla")) { try ClaimRules.decide(command, on: claim, reason: nil) }
        #expect(AccessPolicy.refusal(of: command, on: claim, by: decisionMaker) != nil)
        #expect(AccessPolicy.refusal(of: command, on: claim, by: teamLeader) == nil)
    }

    @Test("A transfer moves the claim to another unit, frees it from its holder and counts as a reallocation")
    func transfer() throws {
        var claim = try sampleClaim(stage: .workInProgress)
        try applying(.allocate(to: "dm.gla", reassigning: false), to: &claim)
        #expect(claim.work.reallocations == 0)  // a first allocation is not churn
        try applying(.allocate(to: "dm.gla2", reassigning: true), to: &claim, reason: "Rebalancing the team")
        #expect(claim.work.reallocations == 1)
        #expect(throws: ClaimRuleViolation.reasonRequired("moving the claim to another unit")) {
            try ClaimRules.decide(.transfer(to: "DMU-LEE"), on: claim, reason: nil)
        }
        #expect(throws: ClaimRuleViolation.alreadyInUnit("DMU-GLA")) { try ClaimRules.decide(.transfer(to: "DMU-GLA"), on: claim, reason: "x") }
        try applying(.transfer(to: "DMU-LEE"), to: &claim, reason: "Operations plan: LEE works this cohort")
        #expect(claim.owningUnit == "DMU-LEE" && claim.holder == nil && claim.heldSince == nil)
        #expect(claim.work.reallocations == 2)
        #expect(AccessPolicy.refusal(of: .transfer(to: "DMU-GLA"), on: claim, by: planner) == nil)
        #expect(AccessPolicy.refusal(of: .transfer(to: "DMU-GLA"), on: claim, by: teamLeader) != nil)
        #expect(throws: ClaimRuleViolation.notOpen(stage: .served)) {
            try ClaimRules.decide(.transfer(to: "DMU-GLA"), on: try sampleClaim(stage: .served, outcome: .grantAsylum), reason: "x")
        }
    }

    @Test("A drop-out is recorded once per operation, with its reason")
    func dropOut() throws {
        var claim = try sampleClaim(stage: .workInProgress)
        let (command, note) = try ClaimCommandInput.dropOut(operation: "amesa", dropOutReason: "nationality-dispute", note: nil)
        #expect(note == "Nationality dispute")
        try applying(command, to: &claim, reason: note)
        #expect(claim.work.cohortDropOuts == ["AMESA": .nationalityDispute])
        #expect(throws: ClaimRuleViolation.alreadyDroppedOut(operation: "AMESA")) { try ClaimRules.decide(command, on: claim, reason: nil) }
        #expect(throws: ValidationFailure.self) { try ClaimCommandInput.dropOut(operation: "AMESA", dropOutReason: "bored", note: nil) }
        #expect(AccessPolicy.refusal(of: command, on: claim, by: analyst) != nil)
    }

    @Test("Replaying the events gives the same work record as applying them one by one")
    func replay() throws {
        let claim = try sampleClaim(stage: .registration)
        let registered = RecordedEvent(
            globalPosition: 1, claim: claim.reference, sequence: 1, event: .registered(claim.facts, owningUnit: "DMU-GLA", duplicateDecision: nil),
            actor: .system, occurredAt: Instant(startOf: today), reason: nil
        )
        let later: [ClaimEvent] = [
            .safeguardingReferralRecorded(SafeguardingReferral(level: .sshl1, raised: today)),
            .commitmentRecorded(DecisionCommitment(kind: .mpCase, decideBy: today.adding(days: 10))),
            .transferred(to: "DMU-LEE", from: "DMU-GLA"),
            .droppedOutOfCohort(operation: "MAKHU", reason: .minor),
        ]
        let events = [registered] + later.enumerated().map { index, event in
            RecordedEvent(globalPosition: Int64(index + 2), claim: claim.reference, sequence: index + 2, event: event, actor: planner, occurredAt: Instant(startOf: today), reason: "r")
        }
        let replayed = try #require(ClaimRules.replay(events))
        #expect(replayed.work.safeguarding?.level == .sshl1)
        #expect(replayed.work.commitment?.kind == .mpCase)
        #expect(replayed.work.cohortDropOuts == ["MAKHU": .minor])
        #expect(replayed.work.reallocations == 1)
        #expect(replayed.owningUnit == "DMU-LEE" && replayed.version == 5)
    }
}
