import CaseworkDomain
import Foundation

/// How events are written to and read from the log: a type name and a JSON payload shaped for people and other tools.
enum EventCoding {
    private struct Registered: Codable {
        var facts: ClaimFacts
        var owningUnit: UnitID
        var duplicateDecision: DuplicateDecision?
    }
    private struct StageChanged: Codable {
        var from: Stage
        var to: Stage
    }
    private struct OutcomeRecorded: Codable {
        var outcome: Outcome
        var from: Stage
    }
    private struct OutcomeWithdrawn: Codable { var outcome: Outcome }
    private struct ClaimLinked: Codable { var claim: ClaimReference }

    static func encode(_ event: ClaimEvent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        switch event {
        case let .registered(facts, unit, decision):
            data = try encoder.encode(Registered(facts: facts, owningUnit: unit, duplicateDecision: decision))
        case let .stageChanged(from, to): data = try encoder.encode(StageChanged(from: from, to: to))
        case let .outcomeRecorded(outcome, from): data = try encoder.encode(OutcomeRecorded(outcome: outcome, from: from))
        case let .outcomeWithdrawn(outcome): data = try encoder.encode(OutcomeWithdrawn(outcome: outcome))
        case let .noteAdded(note): data = try encoder.encode(note)
        case let .claimLinked(reference): data = try encoder.encode(ClaimLinked(claim: reference))
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(type: String, payload: String) throws -> ClaimEvent {
        let decoder = JSONDecoder()
        let data = Data(payload.utf8)
        switch type {
        case "claim-registered":
            let value = try decoder.decode(Registered.self, from: data)
            return .registered(value.facts, owningUnit: value.owningUnit, duplicateDecision: value.duplicateDecision)
        case "stage-changed":
            let value = try decoder.decode(StageChanged.self, from: data)
            return .stageChanged(from: value.from, to: value.to)
        case "outcome-recorded":
            let value = try decoder.decode(OutcomeRecorded.self, from: data)
            return .outcomeRecorded(value.outcome, from: value.from)
        case "outcome-withdrawn":
            return .outcomeWithdrawn(try decoder.decode(OutcomeWithdrawn.self, from: data).outcome)
        case "note-added":
            return .noteAdded(try decoder.decode(NoteText.self, from: data))
        case "claim-linked":
            return .claimLinked(try decoder.decode(ClaimLinked.self, from: data).claim)
        default:
            throw SQLError(message: "Unknown event type '\(type)' in the log", sql: "")
        }
    }

    static func encodeJSON<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
