import CaseworkDomain
import CaseworkStore
import CaseworkTestSupport
import Testing

@Suite("Barriers as events, on both stores")
struct BarrierStoreTests {
    @Test("A decision maker's barrier needs a real technical specialist's agreement; raise, review and clear are events", arguments: TestDatabases.kinds)
    func lifecycle(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            try await store.saveUnit(CaseworkUnit(code: "DMU-GLA", name: "Glasgow", kind: "dmu"))
            try await store.addStaff(StaffMember(username: "ts.gla", displayName: "TS", role: .technicalSpecialist, unit: "DMU-GLA"), passwordHash: "x")
            let claim = try await store.register(try facts(), resolution: nil, by: Staff.registrar)
            let review = storeToday.adding(days: 30).iso
            await #expect(throws: ValidationFailure.self) {
                try await store.changeBarrier(.raise(RaiseBarrierInput(type: "further-representations", reviewDate: review)), on: claim.reference, expectedVersion: 1, by: Staff.decisionMaker)
            }
            do {
                _ = try await store.changeBarrier(
                    .raise(RaiseBarrierInput(type: "further-representations", reviewDate: review, agreedBy: "nobody", agreedByRole: "technical-specialist")),
                    on: claim.reference, expectedVersion: 1, by: Staff.decisionMaker
                )
                Issue.record("An unknown agreer was accepted")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["agreedBy"])
            }
            let raised = try await store.changeBarrier(
                .raise(RaiseBarrierInput(type: "further-representations", reviewDate: review, agreedBy: "ts.gla", agreedByRole: "technical-specialist", agreedVerbally: true)),
                on: claim.reference, expectedVersion: 1, by: Staff.decisionMaker
            )
            #expect(raised.id == 1 && raised.agreement?.by == "ts.gla" && raised.agreement?.verbal == true)
            do {
                _ = try await store.changeBarrier(.review(id: 1, reviewDate: storeToday.adding(days: 10).iso, rating: nil, note: nil), on: claim.reference, expectedVersion: 2, by: Staff.decisionMaker)
                Issue.record("A review date before the current one was accepted")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["reviewDate"])
            }
            let reviewed = try await store.changeBarrier(.review(id: 1, reviewDate: storeToday.adding(days: 60).iso, rating: "red", note: "Chased"), on: claim.reference, expectedVersion: 2, by: Staff.decisionMaker)
            #expect(reviewed.rating == .red && reviewed.reviews.count == 1)
            #expect(try await store.barriersDueForReview(unit: "DMU-GLA", on: storeToday.adding(days: 61)).map(\.barrier.id) == [1])
            #expect(try await store.barriersDueForReview(unit: "DMU-GLA", on: storeToday.adding(days: 59)).isEmpty)
            let cleared = try await store.changeBarrier(.clear(id: 1, reason: "Representations considered"), on: claim.reference, expectedVersion: 3, by: Staff.decisionMaker)
            #expect(!cleared.isOpen)
            #expect(try await store.barriersDueForReview(unit: "DMU-GLA", on: storeToday.adding(days: 61)).isEmpty)
            let types = try await store.events(of: claim.reference, for: Staff.decisionMaker).map(\.event.type)
            #expect(types == ["claim-registered", "barrier-raised", "barrier-reviewed", "barrier-cleared"])
            let snapshot = try await store.projectionSnapshot()
            try await store.rebuildProjections()
            #expect(try await store.projectionSnapshot() == snapshot)
            #expect(try await store.barriers(of: claim.reference, for: Staff.decisionMaker) == [cleared])
        }
    }
}
