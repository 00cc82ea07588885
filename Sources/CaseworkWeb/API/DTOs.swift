import CaseworkDomain
import CaseworkStore
import Foundation

/// Any JSON value, so an event's payload appears in the API as the object it is.
enum JSONValue: Codable, Sendable, Hashable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(parsing text: String) {
        self = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 9e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

/// A claim as the API shows it.
struct ClaimDTO: Codable, Sendable {
    var reference: String
    var version: Int
    var stage: String
    var stageTitle: String
    var allowedNextStages: [String]
    var outcome: String?
    var regime: String
    var owningUnit: String
    var registeredAt: String
    var registeredBy: String
    var updatedAt: String
    var noteCount: Int
    var holder: String?
    var heldSince: String?
    var priority: PriorityDTO
    var facts: ClaimFacts
    /// Safeguarding referral, committed date, priority on request, cohort drop-outs and reallocations.
    var work: ClaimWork

    init(_ claim: Claim, today: LocalDate, policy: PriorityPolicy) {
        reference = claim.reference.rawValue
        version = claim.version
        stage = claim.stage.rawValue
        stageTitle = claim.stage.title
        allowedNextStages = claim.stage.nextStages.map(\.rawValue)
        outcome = claim.outcome?.rawValue
        regime = claim.regime.rawValue
        owningUnit = claim.owningUnit.rawValue
        registeredAt = claim.registeredAt.iso
        registeredBy = claim.registeredBy.rawValue
        updatedAt = claim.updatedAt.iso
        noteCount = claim.noteCount
        holder = claim.holder?.rawValue
        heldSince = claim.heldSince?.iso
        priority = PriorityDTO(policy.assess(PriorityFacts(claim: claim), today: today))
        work = claim.work
        var facts = claim.facts
        facts.protectedCharacteristics = nil
        self.facts = facts
    }
}

/// One line of a claim list.
struct ClaimSummaryDTO: Codable, Sendable {
    var reference: String
    var name: String
    var dateOfBirth: String
    var nationality: String
    var dateOfClaim: String
    var regime: String
    var stage: String
    var owningUnit: String
    var unaccompaniedChild: Bool
    var detained: Bool

    init(_ summary: ClaimSummary) {
        reference = summary.reference.rawValue
        name = summary.name
        dateOfBirth = summary.dateOfBirth.iso
        nationality = summary.nationality
        dateOfClaim = summary.dateOfClaim.iso
        regime = summary.regime.rawValue
        stage = summary.stage.rawValue
        owningUnit = summary.owningUnit.rawValue
        unaccompaniedChild = summary.unaccompaniedChild
        detained = summary.detained
    }
}

/// A page of claims.
struct ClaimPageDTO: Codable, Sendable {
    var claims: [ClaimSummaryDTO]
    var total: Int
    var page: Int
    var pageSize: Int
    var pageCount: Int
}

/// An event as the API shows it.
struct EventDTO: Codable, Sendable {
    var position: Int64
    var sequence: Int
    var type: String
    var summary: String
    var payload: JSONValue
    var actor: String
    var actorRole: String
    var actorUnit: String
    var occurredAt: String
    var reason: String?

    init(_ recorded: RecordedEvent) {
        position = recorded.globalPosition
        sequence = recorded.sequence
        type = recorded.event.type
        summary = recorded.event.summary
        payload = JSONValue(parsing: (try? EventPayload.json(recorded.event)) ?? "null")
        actor = recorded.actor.staff.rawValue
        actorRole = recorded.actor.role.rawValue
        actorUnit = recorded.actor.unit.rawValue
        occurredAt = recorded.occurredAt.iso
        reason = recorded.reason
    }
}

/// A note as the API shows it, whole.
struct NoteDTO: Codable, Sendable {
    var sequence: Int
    var text: String
    var isAction: Bool
    var author: String
    var authorRole: String
    var createdAt: String

    init(_ note: ClaimNote) {
        sequence = note.sequence
        text = note.text
        isAction = note.isAction
        author = note.author.rawValue
        authorRole = note.authorRole.rawValue
        createdAt = note.createdAt.iso
    }
}

/// Where a claim stands in the work order, and why, in plain words (8.19: the criteria must be transparent).
struct PriorityDTO: Codable, Sendable {
    var tier: Int
    var tierTitle: String
    var explanation: String
    var reasons: [String]
    var policyVersion: Int

    init(_ priority: Priority) {
        tier = priority.tier
        tierTitle = priority.tierTitle
        explanation = priority.explanation
        reasons = priority.reasons
        policyVersion = priority.policyVersion
    }
}

/// A claim the caller holds.
struct HeldClaimDTO: Codable, Sendable {
    var claim: ClaimSummaryDTO
    var heldSince: String
    var daysHeld: Int
}

/// `POST /claims/{reference}/notes`.
struct NoteRequest: Codable, Sendable {
    var text: String?
    var isAction: Bool?
    var expectedVersion: Int?
}

/// The body of every other change to a claim: the version the caller read, a reason, and the one field the route
/// reads (`to` for stage and allocation, `outcome`, or `claim` for links). Fields a route does not read are ignored.
struct ClaimChangeRequest: Codable, Sendable {
    var expectedVersion: Int?
    var reason: String?
    var to: String?
    var outcome: String?
    var claim: String?
}

/// `POST /claims/{reference}/barriers` and the review and clearance of one.
struct BarrierRequest: Codable, Sendable {
    var expectedVersion: Int?
    var type: String?
    var rating: String?
    var reviewDate: String?
    var note: String?
    var agreedBy: String?
    var agreedByRole: String?
    var agreedVerbally: Bool?
    var reason: String?

    var raise: RaiseBarrierInput {
        RaiseBarrierInput(type: type, rating: rating, reviewDate: reviewDate, note: note, agreedBy: agreedBy, agreedByRole: agreedByRole, agreedVerbally: agreedVerbally)
    }
}

/// The signed-in caller.
struct MeDTO: Codable, Sendable {
    var username: String
    var displayName: String
    var role: String
    var roleTitle: String
    var unit: String
    var canReadProtectedCharacteristics: Bool
}
