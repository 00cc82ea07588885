import CaseworkDomain
import Testing

@Suite("The claim's state machine")
struct StageMachineTests {
    @Test("Each allowed move produces a stage-changed event and moves the claim")
    func allowedMoves() throws {
        for stage in Stage.allCases {
            for target in stage.nextStages {
                var claim = try sampleClaim(stage: stage)
                let event = try ClaimRules.decide(.moveStage(to: target), on: claim, reason: nil)
                #expect(event == .stageChanged(from: stage, to: target))
                ClaimRules.apply(event, to: &claim, at: Instant(startOf: today))
                #expect(claim.stage == target)
                #expect(claim.version == 2)
            }
        }
    }

    @Test("Every move not in the table is refused with a typed error naming both stages")
    func illegalMoves() throws {
        for stage in Stage.allCases {
            for target in Stage.allCases where !stage.nextStages.contains(target) {
                let claim = try sampleClaim(stage: stage)
                #expect(throws: ClaimRuleViolation.illegalTransition(from: stage, to: target)) {
                    try ClaimRules.decide(.moveStage(to: target), on: claim, reason: nil)
                }
            }
        }
        let error = ClaimRuleViolation.illegalTransition(from: .registration, to: .served)
        #expect(error.description.contains("Registration") && error.description.contains("Screening"))
    }

    @Test("A grant is never recorded bare; served, it serves the claim, and only from decision or QA")
    func grant() throws {
        var claim = try sampleClaim(stage: .decision)
        #expect(throws: ClaimRuleViolation.decisionServedThroughGates(.grantAsylum)) { try ClaimRules.decide(.recordOutcome(.grantAsylum), on: claim, reason: nil) }
        let draft = try DecisionRules.draft(DecisionRulesTests.grantInput(), number: 1, author: "dm.one", claim: claim, previous: nil)
        let letter = DecisionRules.letter(draft, claim: claim, servedOn: today, method: .post, by: "ao.one")
        ClaimRules.apply(.decisionServed(DecisionService(draft: 1, outcome: .grantAsylum, author: "dm.one", servedOn: today, method: .post, recipients: letter.recipients, letter: letter)), to: &claim, at: Instant(startOf: today))
        #expect(claim.stage == .served && claim.outcome == .grantAsylum)
        #expect(Outcome.grantAsylum.allowedFrom == [.decision, .qualityAssurance])
    }

    @Test("Withdrawal and void close an open claim, and need a reason")
    func closures() throws {
        let claim = try sampleClaim(stage: .workInProgress)
        #expect(throws: ClaimRuleViolation.reasonRequired("closing the claim as withdrawn by the claimant")) {
            try ClaimRules.decide(.recordOutcome(.withdrawnExplicitly), on: claim, reason: nil)
        }
        var closed = claim
        ClaimRules.apply(try ClaimRules.decide(.recordOutcome(.void), on: claim, reason: "Recorded twice"), to: &closed, at: Instant(startOf: today))
        #expect(closed.stage == .closed)
        #expect(throws: ClaimRuleViolation.self) { try ClaimRules.decide(.recordOutcome(.void), on: closed, reason: "again") }
    }

    @Test("'Outcome withdrawn' reopens a served claim and puts it back in the WIP path")
    func outcomeWithdrawn() throws {
        var claim = try sampleClaim(stage: .served, outcome: .refusal)
        #expect(throws: ClaimRuleViolation.reasonRequired("withdrawing the outcome")) { try ClaimRules.decide(.withdrawOutcome, on: claim, reason: "") }
        let event = try ClaimRules.decide(.withdrawOutcome, on: claim, reason: "Wrong country guidance applied")
        ClaimRules.apply(event, to: &claim, at: Instant(startOf: today))
        #expect(claim.stage == .reopened && claim.outcome == nil)
        #expect(claim.stage.nextStages == [.workInProgress])
        #expect(throws: ClaimRuleViolation.nothingToWithdraw(stage: .workInProgress)) {
            try ClaimRules.decide(.withdrawOutcome, on: try sampleClaim(stage: .workInProgress), reason: "x")
        }
    }

    @Test("Replaying the events gives the same claim as applying them one by one")
    func replay() throws {
        let start = try sampleClaim()
        let actor = Actor(staff: "dm.one", role: .decisionMaker, unit: "DMU-GLA")
        var events = [RecordedEvent(globalPosition: 1, claim: start.reference, sequence: 1, event: .registered(start.facts, owningUnit: "DMU-GLA", duplicateDecision: nil), actor: .system, occurredAt: start.registeredAt, reason: nil)]
        var live = start
        for (index, command) in [ClaimCommand.moveStage(to: .screening), .addNote(NoteText(text: "Seen")), .moveStage(to: .workInProgress)].enumerated() {
            let event = try ClaimRules.decide(command, on: live, reason: nil)
            let at = Instant(startOf: today.adding(days: index + 1))
            ClaimRules.apply(event, to: &live, at: at)
            events.append(RecordedEvent(globalPosition: Int64(index + 2), claim: start.reference, sequence: index + 2, event: event, actor: actor, occurredAt: at, reason: nil))
        }
        #expect(ClaimRules.replay(events) == live)
    }
}
