import CaseworkDomain
import Testing

@testable import CaseworkStore

@Suite("Event payloads")
struct EventCodingTests {
    @Test("Every event type survives the log: written, read back, equal")
    func roundTrip() throws {
        let claimFacts = try facts(1, characteristics: ProtectedCharacteristics(religion: "Muslim"))
        var plain = claimFacts
        plain.protectedCharacteristics = nil
        let day = LocalDate(year: 2023, month: 10, day: 27)!
        let specialist = Actor(staff: "ts.gla", role: .technicalSpecialist, unit: "DMU-GLA")
        let barrier = try BarrierRules.raise(
            RaiseBarrierInput(type: "further-representations", reviewDate: "2023-11-27", note: "Reps expected"), by: specialist, today: day,
            at: Instant(startOf: day), nextID: 1
        )
        let reviewed = try BarrierRules.review(barrier, newReviewDate: "2023-12-27", note: nil, rating: "red", by: specialist, today: day, at: Instant(startOf: day))
        let cleared = try BarrierRules.clear(reviewed, reason: "Reps received", by: specialist, at: Instant(startOf: day))
        let events: [ClaimEvent] = [
            .barrierRaised(barrier), .barrierReviewed(reviewed), .barrierCleared(cleared),
            .registered(claimFacts, owningUnit: "DMU-GLA", duplicateDecision: nil),
            .registered(plain, owningUnit: "DMU-GLA", duplicateDecision: DuplicateDecision(choice: .linked, matches: [.numbered(4)])),
            .stageChanged(from: .screening, to: .workInProgress),
            .outcomeRecorded(.withdrawnImplicitly, from: .interview),
            .outcomeWithdrawn(.refusal),
            .noteAdded(NoteText(text: "Quote \" backslash \\ tab\t newline\n bell \u{07} émoji 🙂 </script>", isAction: true)),
            .claimLinked(.numbered(9)),
            .allocated(to: "dm.one", from: nil),
            .allocated(to: "dm.two", from: "dm.one"),
            .released(from: "dm.two"),
            .safeguardingReferralRecorded(SafeguardingReferral(level: .sshl2, raised: LocalDate(year: 2023, month: 5, day: 3)!)),
            .commitmentRecorded(DecisionCommitment(kind: .judicialReview, decideBy: LocalDate(year: 2024, month: 1, day: 31)!)),
            .commitmentWithdrawn(DecisionCommitment(kind: .mpCase, decideBy: LocalDate(year: 2024, month: 2, day: 1)!)),
            .priorityGranted(PriorityOnRequest(grantedBy: "tl.one", at: Instant(millisecondsSinceEpoch: 1_700_000_000_000), reason: "GP letter: suicidal ideation")),
            .transferred(to: "DMU-LEE", from: "DMU-GLA"),
            .droppedOutOfCohort(operation: "AMESA", reason: .nationalityDispute),
        ]
        #expect(Set(events.map(\.type)).count == 17, "every event type is covered")
        for event in events {
            let json = try EventCoding.encode(event)
            #expect(try EventCoding.decode(type: event.type, payload: json) == event)
        }
        let shared = try Projection.factsJSON(plain)
        let fast = try EventCoding.encode(.registered(plain, owningUnit: "DMU-GLA", duplicateDecision: nil), factsJSON: shared)
        #expect(try EventCoding.decode(type: "claim-registered", payload: fast) == .registered(plain, owningUnit: "DMU-GLA", duplicateDecision: nil))
        let withCharacteristics = try EventCoding.encode(.registered(claimFacts, owningUnit: "DMU-GLA", duplicateDecision: nil), factsJSON: shared)
        #expect(try EventCoding.decode(type: "claim-registered", payload: withCharacteristics) == .registered(claimFacts, owningUnit: "DMU-GLA", duplicateDecision: nil))
    }
}
