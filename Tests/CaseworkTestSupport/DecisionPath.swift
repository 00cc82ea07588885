import CaseworkDomain
import CaseworkSimulation
import CaseworkStore

/// A decision taken the whole way through the store's rules, for tests that need a served claim: draft on the claim's
/// own template, complete (sampling decides), the four Operating Mandate checks, a passing check when one was
/// selected, then service. Each step is the real store call, so nothing is served around its gates.
public enum DecisionPath {
    public static let technicalSpecialist = Actor(staff: "ts.gla", role: .technicalSpecialist, unit: "DMU-GLA")

    /// A complete draft of `outcome` for `claim`, on the first template offered for it (`CompleteDraft`, as the demo
    /// and the benchmarks draft): every question answered yes, the basis, the two-stage record for flow claims, reasons
    /// for a refusal.
    public static func draftInput(for claim: Claim, outcome: Outcome = .grantAsylum) -> DecisionDraftInput {
        CompleteDraft.input(for: claim, outcome: outcome)!
    }

    /// A check that passes: DQ1 and DQ2, the outcome correct.
    public static let passingCheck = QualityAssessmentInput(
        work: "decision", subject: nil, operatingMandate: "DQ1", casework: "DQ2", process: "DQ1", outcomeCorrect: true, feedback: "Well reasoned; clear findings.",
        themes: ["good-practice"]
    )

    /// Records every Operating Mandate check on the claim; returns the claim's version after.
    public static func recordOperatingMandate(_ store: CaseworkStore, _ reference: ClaimReference, version: Int, by actor: Actor) async throws -> Int {
        var version = version
        for check in OperatingMandate.checks {
            _ = try await store.recordOperatingMandateCheck(OperatingMandateCheckInput(check: check.code, result: "clear"), on: reference, expectedVersion: version, by: actor)
            version += 1
        }
        return version
    }

    /// Drafts, completes, checks when selected and serves a decision on a claim at the decision stage. Returns the claim
    /// as served.
    @discardableResult
    public static func serve(
        _ store: CaseworkStore, _ reference: ClaimReference, outcome: Outcome = .grantAsylum, author: Actor, server: Actor? = nil,
        assessor: Actor = technicalSpecialist
    ) async throws -> Claim {
        var claim = try await store.claim(reference, for: author)
        let draft = try await store.saveDecisionDraft(draftInput(for: claim, outcome: outcome), on: reference, expectedVersion: claim.version, by: author)
        _ = try await store.completeDecision(draft: draft.number, on: reference, expectedVersion: claim.version + 1, by: author)
        var version = try await recordOperatingMandate(store, reference, version: claim.version + 2, by: server ?? author)
        claim = try await store.claim(reference, for: author)
        if claim.stage == .qualityAssurance {
            _ = try await store.recordQualityAssessment(passingCheck, on: reference, expectedVersion: version, by: assessor)
            version += 1
        }
        _ = try await store.serveDecision(DecisionServiceInput(), on: reference, expectedVersion: version, by: server ?? author)
        return try await store.claim(reference, for: author)
    }
}
