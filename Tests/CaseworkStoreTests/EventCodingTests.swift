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
        let events: [ClaimEvent] = [
            .registered(claimFacts, owningUnit: "DMU-GLA", duplicateDecision: nil),
            .registered(plain, owningUnit: "DMU-GLA", duplicateDecision: DuplicateDecision(choice: .linked, matches: [.numbered(4)])),
            .stageChanged(from: .screening, to: .workInProgress),
            .outcomeRecorded(.withdrawnImplicitly, from: .interview),
            .outcomeWithdrawn(.refusal),
            .noteAdded(NoteText(text: "Quote \" backslash \\ tab\t newline\n bell \u{07} émoji 🙂 </script>", isAction: true)),
            .claimLinked(.numbered(9)),
        ]
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
