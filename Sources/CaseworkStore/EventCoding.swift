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
    private struct Allocated: Codable {
        var to: StaffID
        var from: StaffID?
    }
    private struct Released: Codable { var from: StaffID }
    private struct Transferred: Codable {
        var to: UnitID
        var from: UnitID
    }
    private struct DroppedOut: Codable {
        var operation: String
        var reason: DropOutReason
    }

    /// The payload JSON of `event`. Small events are written directly (they are most of the log, and `JSONEncoder`
    /// costs more than the insert); a registration reuses `factsJSON`, the facts as `Projection.factsJSON` encoded them.
    static func encode(_ event: ClaimEvent, factsJSON: String? = nil) throws -> String {
        switch event {
        case let .registered(facts, unit, decision):
            guard decision == nil, var factsJSON, factsJSON.hasSuffix("}"), factsJSON.count > 2 else {
                return try encodeJSON(Registered(facts: facts, owningUnit: unit, duplicateDecision: decision))
            }
            if let characteristics = facts.protectedCharacteristics {
                // `factsJSON` is the projection's copy, without them: add them rather than encode every fact again.
                factsJSON = factsJSON.dropLast() + ",\"protectedCharacteristics\":" + (try encodeJSON(characteristics)) + "}"
            }
            return "{\"facts\":" + factsJSON + ",\"owningUnit\":" + quoted(unit.rawValue) + "}"
        case let .stageChanged(from, to):
            return "{\"from\":" + quoted(from.rawValue) + ",\"to\":" + quoted(to.rawValue) + "}"
        case let .outcomeRecorded(outcome, from):
            return "{\"from\":" + quoted(from.rawValue) + ",\"outcome\":" + quoted(outcome.rawValue) + "}"
        case let .outcomeWithdrawn(outcome):
            return "{\"outcome\":" + quoted(outcome.rawValue) + "}"
        case let .noteAdded(note):
            return "{\"isAction\":" + (note.isAction ? "true" : "false") + ",\"text\":" + quoted(note.text) + "}"
        case let .claimLinked(reference):
            return "{\"claim\":" + quoted(reference.rawValue) + "}"
        case let .allocated(to, from):
            return "{" + (from.map { "\"from\":" + quoted($0.rawValue) + "," } ?? "") + "\"to\":" + quoted(to.rawValue) + "}"
        case let .released(from):
            return "{\"from\":" + quoted(from.rawValue) + "}"
        case let .barrierRaised(barrier), let .barrierReviewed(barrier), let .barrierCleared(barrier):
            return try encodeJSON(barrier)
        case let .safeguardingReferralRecorded(referral):
            return try encodeJSON(referral)
        case let .commitmentRecorded(commitment), let .commitmentWithdrawn(commitment):
            return try encodeJSON(commitment)
        case let .priorityGranted(grant):
            return try encodeJSON(grant)
        case let .transferred(to, from):
            return "{\"from\":" + quoted(from.rawValue) + ",\"to\":" + quoted(to.rawValue) + "}"
        case let .droppedOutOfCohort(operation, reason):
            return "{\"operation\":" + quoted(operation) + ",\"reason\":" + quoted(reason.rawValue) + "}"
        case let .interviewNeedsRecorded(needs): return try encodeJSON(needs)
        case let .interviewBooked(booking): return try encodeJSON(booking)
        case let .interviewOutcomeRecorded(record): return try encodeJSON(record)
        case let .postponementRequested(request): return try encodeJSON(request)
        case let .postponementAnswered(answer): return try encodeJSON(answer)
        case let .failureToAttendFollowedUp(followUp): return try encodeJSON(followUp)
        case let .decisionDrafted(draft): return try encodeJSON(draft)
        case let .decisionCompleted(completion): return try encodeJSON(completion)
        case let .workSampled(sample): return try encodeJSON(sample)
        case let .screeningInterviewRecorded(screening): return try encodeJSON(screening)
        case let .qualityAssessed(assessment): return try encodeJSON(assessment)
        case let .operatingMandateCheckRecorded(check): return try encodeJSON(check)
        case let .serviceHoldPlaced(hold): return try encodeJSON(hold)
        case let .serviceHoldLifted(lift): return try encodeJSON(lift)
        case let .decisionServed(service): return try encodeJSON(service)
        case let .appealLodged(appeal): return try encodeJSON(appeal)
        case let .appealHeard(hearing): return try encodeJSON(hearing)
        case let .appealDetermined(determination): return try encodeJSON(determination)
        }
    }

    /// A JSON string literal for `text` (RFC 8259 escaping).
    static func quoted(_ text: String) -> String {
        // Most text needs no escaping: copy it whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        // Escape byte by byte: every byte that needs escaping is ASCII, so UTF-8 sequences pass through untouched.
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(text.utf8.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
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
        case "claim-allocated":
            let value = try decoder.decode(Allocated.self, from: data)
            return .allocated(to: value.to, from: value.from)
        case "claim-released":
            return .released(from: try decoder.decode(Released.self, from: data).from)
        case "barrier-raised": return .barrierRaised(try decoder.decode(Barrier.self, from: data))
        case "barrier-reviewed": return .barrierReviewed(try decoder.decode(Barrier.self, from: data))
        case "barrier-cleared": return .barrierCleared(try decoder.decode(Barrier.self, from: data))
        case "safeguarding-referral-recorded": return .safeguardingReferralRecorded(try decoder.decode(SafeguardingReferral.self, from: data))
        case "commitment-recorded": return .commitmentRecorded(try decoder.decode(DecisionCommitment.self, from: data))
        case "commitment-withdrawn": return .commitmentWithdrawn(try decoder.decode(DecisionCommitment.self, from: data))
        case "priority-granted": return .priorityGranted(try decoder.decode(PriorityOnRequest.self, from: data))
        case "claim-transferred":
            let value = try decoder.decode(Transferred.self, from: data)
            return .transferred(to: value.to, from: value.from)
        case "cohort-dropped-out":
            let value = try decoder.decode(DroppedOut.self, from: data)
            return .droppedOutOfCohort(operation: value.operation, reason: value.reason)
        case "interview-needs-recorded": return .interviewNeedsRecorded(try decoder.decode(InterviewNeeds.self, from: data))
        case "interview-booked": return .interviewBooked(try decoder.decode(InterviewBooking.self, from: data))
        case "interview-outcome-recorded": return .interviewOutcomeRecorded(try decoder.decode(InterviewOutcomeRecord.self, from: data))
        case "postponement-requested": return .postponementRequested(try decoder.decode(PostponementRequest.self, from: data))
        case "postponement-answered": return .postponementAnswered(try decoder.decode(PostponementAnswer.self, from: data))
        case "failure-to-attend-followed-up": return .failureToAttendFollowedUp(try decoder.decode(FailureToAttendFollowUp.self, from: data))
        case "decision-drafted": return .decisionDrafted(try decoder.decode(DecisionDraft.self, from: data))
        case "decision-completed": return .decisionCompleted(try decoder.decode(DecisionCompletion.self, from: data))
        case "work-sampled": return .workSampled(try decoder.decode(WorkSample.self, from: data))
        case "screening-interview-recorded": return .screeningInterviewRecorded(try decoder.decode(ScreeningInterview.self, from: data))
        case "quality-assessed": return .qualityAssessed(try decoder.decode(QualityAssessment.self, from: data))
        case "operating-mandate-check-recorded": return .operatingMandateCheckRecorded(try decoder.decode(OperatingMandateCheck.self, from: data))
        case "service-hold-placed": return .serviceHoldPlaced(try decoder.decode(ServiceHold.self, from: data))
        case "service-hold-lifted": return .serviceHoldLifted(try decoder.decode(ServiceHoldLift.self, from: data))
        case "decision-served": return .decisionServed(try decoder.decode(DecisionService.self, from: data))
        case "appeal-lodged": return .appealLodged(try decoder.decode(AppealLodged.self, from: data))
        case "appeal-heard": return .appealHeard(try decoder.decode(AppealHearing.self, from: data))
        case "appeal-determined": return .appealDetermined(try decoder.decode(AppealDetermination.self, from: data))
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
