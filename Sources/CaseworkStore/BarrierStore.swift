import CaseworkDomain

/// A change to a claim's barriers, checked by `BarrierRules`.
public enum BarrierChange: Sendable {
    case raise(RaiseBarrierInput)
    case review(id: Int, reviewDate: String?, rating: String?, note: String?)
    case clear(id: Int, reason: String?)
}

extension CaseworkStore {
    /// Raises, reviews or clears a barrier on a claim the user read at `expectedVersion`. The change is an event on the
    /// claim, and the barrier table is its projection, written in the same transaction.
    public func changeBarrier(_ change: BarrierChange, on reference: ClaimReference, expectedVersion: Int, by actor: Actor) async throws -> Barrier {
        let today = clock.now().date
        let (_, event) = try await record(on: reference, expectedVersion: expectedVersion, by: actor, reason: nil) { claim in
            guard AccessPolicy.canWrite(claimOwnedBy: claim.owningUnit, actor: actor) else { throw AccessDenied("\(actor.role.title)s cannot change claims.") }
        } decide: { claim, connection in
            let at = self.clock.now()
            let existing = try await self.loadBarriers(of: reference, connection)
            func barrier(_ id: Int) throws -> Barrier {
                guard let barrier = existing.first(where: { $0.id == id }) else {
                    throw ValidationFailure([FieldError(field: "id", message: "Claim \(reference.rawValue) has no barrier \(id)")])
                }
                return barrier
            }
            switch change {
            case let .raise(input):
                if let refusal = BarrierPolicy.refusalToRaise(by: actor) { throw refusal }
                try await self.checkAgreer(input, connection)
                return .barrierRaised(try BarrierRules.raise(input, by: actor, today: today, at: at, nextID: (existing.map(\.id).max() ?? 0) + 1))
            case let .review(id, reviewDate, rating, note):
                if let refusal = BarrierPolicy.refusalToMaintain(by: actor) { throw refusal }
                return .barrierReviewed(try BarrierRules.review(try barrier(id), newReviewDate: reviewDate, note: note, rating: rating, by: actor, today: today, at: at))
            case let .clear(id, reason):
                if let refusal = BarrierPolicy.refusalToMaintain(by: actor) { throw refusal }
                return .barrierCleared(try BarrierRules.clear(try barrier(id), reason: reason, by: actor, at: at))
            }
        }
        switch event {
        case let .barrierRaised(barrier), let .barrierReviewed(barrier), let .barrierCleared(barrier): return barrier
        default: throw SQLError(message: "A barrier change recorded a \(event.type) event", sql: "")
        }
    }

    /// Every barrier on a claim, open and cleared, by number.
    public func barriers(of reference: ClaimReference, for actor: Actor) async throws -> [Barrier] {
        _ = try await claim(reference, for: actor)
        return try await database.read { try await self.loadBarriers(of: reference, $0) }
    }

    /// Open barriers in `unit` whose review date is on or before `day`, most overdue first: the review queue.
    public func barriersDueForReview(unit: UnitID, on day: LocalDate, limit: Int = 500) async throws -> [(claim: ClaimReference, barrier: Barrier)] {
        let rows = try await database.read { connection in
            try await connection.query(
                "SELECT claim_reference, data FROM claim_barriers WHERE owning_unit = ? AND is_open = 1 AND review_date <= ? ORDER BY review_date, claim_reference, id LIMIT ?",
                [.text(unit.rawValue), .text(day.iso), .int(limit)]
            )
        }
        return try rows.map { (ClaimReference($0["claim_reference"].string ?? ""), try EventCoding.decodeJSON(Barrier.self, $0["data"].string ?? "{}")) }
    }

    func loadBarriers(of reference: ClaimReference, _ connection: any SQLConnection) async throws -> [Barrier] {
        try await connection.query("SELECT data FROM claim_barriers WHERE claim_reference = ? ORDER BY id", [.text(reference.rawValue)])
            .map { try EventCoding.decodeJSON(Barrier.self, $0["data"].string ?? "{}") }
    }

    /// The person named as agreeing must exist and hold the role named (the domain cannot see staff records).
    private func checkAgreer(_ input: RaiseBarrierInput, _ connection: any SQLConnection) async throws {
        guard let username = input.agreedBy?.trimmingWhitespace, !username.isEmpty else { return }
        let row = try await connection.queryFirst("SELECT role FROM staff WHERE username = ? AND active = 1", [.text(username)])
        guard let role = row?["role"].string else {
            throw ValidationFailure([FieldError(field: "agreedBy", message: "No active member of staff has the username \(username)")])
        }
        if let named = input.agreedByRole?.trimmingWhitespace, !named.isEmpty, named != role {
            throw ValidationFailure([FieldError(field: "agreedByRole", message: "\(username) is a \(Role(rawValue: role)?.title.lowercased() ?? role), not a \(Role(rawValue: named)?.title.lowercased() ?? named)")])
        }
    }
}

extension Projection {
    /// Barrier types that take a claim out of the queue while open: those that block the interview or the decision.
    /// Most barriers inform rather than lock (8.83), so this list is short.
    static let queueBlockingTypes: String = BarrierCatalogue.all
        .filter { !$0.blocks.isDisjoint(with: [.interview, .decision]) }
        .map { "'\($0.code)'" }.joined(separator: ", ")

    /// Sets the claim's `workable` flag from its open barriers.
    static func refreshWorkable(_ claim: ClaimReference, _ connection: any SQLConnection) async throws {
        try await connection.execute(
            "UPDATE claims SET workable = CASE WHEN EXISTS (SELECT 1 FROM claim_barriers WHERE claim_reference = ? AND is_open = 1 AND type IN (\(queueBlockingTypes))) THEN 0 ELSE 1 END WHERE reference = ?",
            [.text(claim.rawValue), .text(claim.rawValue)]
        )
        try await connection.execute(
            "UPDATE claim_queue SET workable = (SELECT workable FROM claims WHERE reference = ?) WHERE reference = ?", [.text(claim.rawValue), .text(claim.rawValue)]
        )
    }

    /// Writes the barrier row a barrier event leaves behind.
    static func writeBarrier(after event: ClaimEvent, claim: ClaimReference, unit: UnitID, _ connection: any SQLConnection) async throws {
        let barrier: Barrier
        switch event {
        case let .barrierRaised(value), let .barrierReviewed(value), let .barrierCleared(value): barrier = value
        default: return
        }
        try await connection.execute(
            "INSERT INTO claim_barriers (claim_reference, id, type, rating, review_date, is_open, owning_unit, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (claim_reference, id) DO UPDATE SET type = excluded.type, rating = excluded.rating, review_date = excluded.review_date, is_open = excluded.is_open, owning_unit = excluded.owning_unit, data = excluded.data",
            [
                .text(claim.rawValue), .int(barrier.id), .text(barrier.typeCode), .text(barrier.rating.rawValue), .text(barrier.reviewDate.iso),
                .bool(barrier.isOpen), .text(unit.rawValue), .text(try EventCoding.encodeJSON(barrier)),
            ]
        )
    }
}
