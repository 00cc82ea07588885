import CaseworkDomain
import Foundation
import Testing

/// People, dates and inputs the barrier tests share.
enum BarrierFixture {
    static let day = LocalDate(year: 2023, month: 10, day: 27)!
    static let now = Instant(startOf: day).adding(milliseconds: 9 * 3_600_000)
    static let decisionMaker = Actor(staff: "dm.amina", role: .decisionMaker, unit: "DMU-GLA")
    static let techSpec = Actor(staff: "ts.kofi", role: .technicalSpecialist, unit: "DMU-GLA")
    static let seniorCaseworker = Actor(staff: "scw.rhona", role: .seniorCaseworker, unit: "DMU-GLA")
    static let teamLeader = Actor(staff: "tl.dev", role: .teamLeader, unit: "DMU-GLA")
    static let officer = Actor(staff: "ao.sam", role: .administrativeOfficer, unit: "DMU-GLA")
    static let planner = Actor(staff: "nwf.jo", role: .workflowPlanner, unit: "NWF")
    static let analyst = Actor(staff: "mi.lee", role: .miAnalyst, unit: "PRAU")

    /// A decision maker's valid barrier, agreed by a technical specialist; changed per test.
    static func input(_ change: (inout RaiseBarrierInput) -> Void = { _ in }) -> RaiseBarrierInput {
        var input = RaiseBarrierInput(
            type: "further-representations", reviewDate: "2023-11-24", agreedBy: "ts.kofi", agreedByRole: "technical-specialist"
        )
        change(&input)
        return input
    }

    static func raise(_ input: RaiseBarrierInput, by actor: Actor = decisionMaker, id: Int = 1) throws(ValidationFailure) -> Barrier {
        try BarrierRules.raise(input, by: actor, today: day, at: now, nextID: id)
    }

    /// The fields refused when `actor` raises `input` (empty when it is accepted).
    static func refused(_ input: RaiseBarrierInput, by actor: Actor = decisionMaker) -> [String] {
        do {
            _ = try BarrierRules.raise(input, by: actor, today: day, at: now, nextID: 1)
            return []
        } catch { return error.errors.map(\.field) }
    }
}

@Suite("Barrier catalogue and PRAG ratings")
struct BarrierCatalogueTests {
    @Test("The catalogue has exactly 32 types with unique kebab-case codes")
    func thirtyTwo() {
        let codes = BarrierCatalogue.all.map(\.code)
        #expect(codes.count == 32)
        #expect(Set(codes).count == 32)
        #expect(codes.allSatisfy { code in !code.isEmpty && code.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } })
        #expect(Set(BarrierCatalogue.all.map(\.title)).count == 32)
        #expect(BarrierCatalogue.all.allSatisfy { !$0.source.isEmpty })
    }

    @Test("Every barrier type the report names is in the catalogue")
    func reportTypes() {
        let named = [
            "further-representations", "national-referral-mechanism", "awaiting-second-pair-of-eyes", "absconder", "awaiting-biometrics",
            "potential-withdrawal", "third-country-case", "supplemental-interview-required", "criminal-casework", "minors", "missing-child",
            "impending-prosecution", "operating-mandate-checks", "age-assessment-referral", "linked-case",
            "statement-of-evidence-form-outstanding", "other",
        ]
        for code in named { #expect(BarrierCatalogue.type(code: code) != nil, "\(code)") }
    }

    @Test("Only 'other' requires a note")
    func otherRequiresNote() {
        #expect(BarrierCatalogue.type(code: "other")?.requiresNote == true)
        #expect(BarrierCatalogue.all.filter(\.requiresNote).map(\.code) == ["other"])
    }

    @Test("Most types block nothing: a barrier informs, it does not lock")
    func mostBlockNothing() {
        let blocking = BarrierCatalogue.all.filter { !$0.blocks.isEmpty }
        #expect(blocking.count * 4 < BarrierCatalogue.all.count)
        #expect(BarrierCatalogue.type(code: "further-representations")?.blocks == [])
        #expect(BarrierCatalogue.type(code: "operating-mandate-checks")?.blocks == [.service])
        #expect(BarrierCatalogue.type(code: "safeguarding-referral")?.blocks == [.service])
    }

    @Test("Types are found by code regardless of case and spaces; unknown codes are not")
    func lookup() {
        #expect(BarrierCatalogue.type(code: " Absconder ")?.code == "absconder")
        #expect(BarrierCatalogue.type(code: "stuck-in-atlas") == nil)
    }

    @Test("Purple is the most severe rating and green the least")
    func ratingOrder() {
        #expect(PRAGRating.allCases == [.purple, .red, .amber, .green])
        #expect(PRAGRating.allCases.map(\.rawValue) == ["purple", "red", "amber", "green"])
        #expect([PRAGRating.amber, .purple, .green, .red].max() == .purple)
        #expect(PRAGRating.green < .amber && PRAGRating.amber < .red && PRAGRating.red < .purple)
        #expect(PRAGRating.allCases.allSatisfy { !$0.title.isEmpty && !$0.meaning.isEmpty })
    }

    @Test("The review horizon is twelve calendar months, clamped to the month's end")
    func horizon() {
        #expect(BarrierPolicy.latestReviewDate(from: BarrierFixture.day) == LocalDate(year: 2024, month: 10, day: 27))
        #expect(BarrierPolicy.latestReviewDate(from: LocalDate(year: 2024, month: 2, day: 29)!) == LocalDate(year: 2025, month: 2, day: 28))
    }
}

@Suite("Raising a barrier")
struct RaiseBarrierTests {
    typealias F = BarrierFixture

    @Test("A decision maker's barrier agreed by a technical specialist is raised with the type's default rating")
    func accepted() throws {
        let barrier = try F.raise(F.input { $0.agreedVerbally = true }, id: 3)
        #expect(barrier.id == 3)
        #expect(barrier.typeCode == "further-representations")
        #expect(barrier.rating == .amber)
        #expect(barrier.raisedBy == F.decisionMaker)
        #expect(barrier.raisedAt == F.now)
        #expect(barrier.reviewDate == LocalDate(year: 2023, month: 11, day: 24))
        #expect(barrier.agreement == BarrierAgreement(by: "ts.kofi", role: .technicalSpecialist, at: F.now, verbal: true))
        #expect(!barrier.isAgreedByRaiser)
        #expect(barrier.isOpen && barrier.reviews.isEmpty && barrier.note == nil)
    }

    @Test("A chosen rating replaces the default")
    func chosenRating() throws {
        #expect(try F.raise(F.input { $0.rating = " purple " }).rating == .purple)
    }

    @Test("A senior caseworker's agreement is accepted")
    func seniorCaseworkerAgrees() throws {
        let barrier = try F.raise(F.input { $0.agreedBy = "scw.rhona"; $0.agreedByRole = "senior-caseworker" })
        #expect(barrier.agreement?.by == "scw.rhona")
        #expect(barrier.agreement?.role == .seniorCaseworker)
        #expect(barrier.agreement?.verbal == false)
    }

    @Test("Technical specialists and senior caseworkers raise without a separate agreement; theirs is recorded", arguments: [
        BarrierFixture.techSpec, BarrierFixture.seniorCaseworker,
    ])
    func selfAgreeing(actor: Actor) throws {
        let barrier = try F.raise(F.input { $0.agreedBy = nil; $0.agreedByRole = nil }, by: actor)
        #expect(barrier.agreement == BarrierAgreement(by: actor.staff, role: actor.role, at: F.now, verbal: false))
        #expect(barrier.isAgreedByRaiser)
    }

    @Test("A decision maker's barrier without an agreement is refused on both agreement fields")
    func agreementRequired() {
        #expect(F.refused(F.input { $0.agreedBy = nil; $0.agreedByRole = nil }) == ["agreedBy", "agreedByRole"])
        #expect(F.refused(F.input { $0.agreedByRole = " " }) == ["agreedByRole"])
    }

    @Test("Agreement by anyone but a technical specialist or senior caseworker is refused", arguments: [
        "team-leader", "administrative-officer", "decision-maker", "operations-manager", "chief-caseworker",
    ])
    func wrongAgreer(role: String) {
        #expect(F.refused(F.input { $0.agreedBy = "tl.dev"; $0.agreedByRole = role }) == ["agreedByRole"])
    }

    @Test("No one can agree their own barrier")
    func selfAgreementRefused() {
        #expect(F.refused(F.input { $0.agreedBy = "dm.amina" }) == ["agreedBy"])
        #expect(F.refused(F.input { $0.agreedBy = " dm.amina " }) == ["agreedBy"])
    }

    @Test("Team leaders, administrative officers and planners raise barriers only with an agreement", arguments: [
        BarrierFixture.teamLeader, BarrierFixture.officer, BarrierFixture.planner,
    ])
    func othersNeedAgreement(actor: Actor) throws {
        #expect(F.refused(F.input { $0.agreedBy = nil; $0.agreedByRole = nil }, by: actor) == ["agreedBy", "agreedByRole"])
        #expect(try F.raise(F.input(), by: actor).agreement?.by == "ts.kofi")
    }

    @Test("Roles that may not raise barriers are refused, on 'type' and by the access policy")
    func roleNotAllowed() {
        #expect(F.refused(F.input(), by: F.analyst) == ["type"])
        #expect(BarrierPolicy.refusalToRaise(by: F.analyst) != nil)
        #expect(BarrierPolicy.refusalToRaise(by: F.decisionMaker) == nil)
    }

    @Test("The type must come from the catalogue", arguments: [nil, "", "stuck-in-atlas"] as [String?])
    func typeRequired(type: String?) {
        #expect(F.refused(F.input { $0.type = type }) == ["type"])
    }

    @Test("The rating must be purple, red, amber or green", arguments: ["blue", "RAG"])
    func ratingFromList(rating: String) {
        #expect(F.refused(F.input { $0.rating = rating }) == ["rating"])
    }

    @Test("'Other' needs a note saying what the barrier is")
    func otherNeedsNote() throws {
        #expect(F.refused(F.input { $0.type = "other" }) == ["note"])
        #expect(F.refused(F.input { $0.type = "other"; $0.note = "   " }) == ["note"])
        let barrier = try F.raise(F.input { $0.type = "other"; $0.note = "Awaiting a court order on custody" })
        #expect(barrier.typeCode == "other")
        #expect(barrier.note == "Awaiting a court order on custody")
    }

    @Test("A review date is required, real, after today and within the horizon", arguments: [
        nil, "", "00/01/1900", "1900-01-01", "2023-02-30", "27/11/2023", "2023-10-26", "2023-10-27", "2024-10-28", "2030-01-01",
    ] as [String?])
    func reviewDateRefused(date: String?) {
        #expect(F.refused(F.input { $0.reviewDate = date }) == ["reviewDate"])
    }

    @Test("The 1900 placeholder is refused with the inspectors' finding")
    func placeholderMessage() {
        do {
            _ = try F.raise(F.input { $0.reviewDate = "00/01/1900" })
            Issue.record("accepted a placeholder")
        } catch {
            #expect(error.errors.first?.message.contains("272") == true)
        }
    }

    @Test("Tomorrow and the last day of the horizon are accepted", arguments: ["2023-10-28", "2024-10-27"])
    func reviewDateAccepted(date: String) throws {
        #expect(try F.raise(F.input { $0.reviewDate = date }).reviewDate.iso == date)
    }

    @Test("Every problem is reported at once, in form order")
    func allAtOnce() {
        let input = RaiseBarrierInput(type: "other", rating: "blue", reviewDate: "1900-01-01", agreedBy: "dm.amina", agreedByRole: "team-leader")
        #expect(F.refused(input) == ["rating", "reviewDate", "note", "agreedBy", "agreedByRole"])
    }
}

@Suite("Reviewing and clearing a barrier")
struct MaintainBarrierTests {
    typealias F = BarrierFixture

    static func barrier() throws(ValidationFailure) -> Barrier { try F.raise(F.input { $0.reviewDate = "2023-12-01" }) }

    static func refusedReview(_ date: String?, on day: LocalDate = F.day, barrier: Barrier? = nil) throws -> [String] {
        let barrier = try barrier ?? Self.barrier()
        do {
            _ = try BarrierRules.review(barrier, newReviewDate: date, note: nil, by: F.decisionMaker, today: day, at: F.now)
            return []
        } catch { return error.errors.map(\.field) }
    }

    @Test("A review moves the date on, records the previous one, and can re-rate")
    func review() throws {
        let later = F.now.adding(milliseconds: 3_600_000)
        let reviewed = try BarrierRules.review(
            Self.barrier(), newReviewDate: "2024-01-05", note: "Reps promised by 2 January", rating: "red", by: F.officer, today: F.day, at: later
        )
        #expect(reviewed.reviewDate == LocalDate(year: 2024, month: 1, day: 5))
        #expect(reviewed.rating == .red)
        #expect(reviewed.reviews == [
            BarrierReview(
                by: F.officer, at: later, previousReviewDate: LocalDate(year: 2023, month: 12, day: 1)!,
                newReviewDate: LocalDate(year: 2024, month: 1, day: 5)!, previousRating: .amber, rating: .red, note: "Reps promised by 2 January"
            ),
        ])
    }

    @Test("A new review date must be after today and after the current one, and not a placeholder", arguments: [
        nil, "2023-10-26", "2023-10-27", "1900-01-01", "00/01/1900", "2023-11-15", "2023-12-01", "2024-10-28",
    ] as [String?])
    func reviewDateRefused(date: String?) throws {
        #expect(try Self.refusedReview(date) == ["reviewDate"])
    }

    @Test("When a review is overdue, the new date must still be after today")
    func overdueBarrier() throws {
        let overdueDay = LocalDate(year: 2023, month: 12, day: 10)!
        #expect(try Self.refusedReview("2023-12-09", on: overdueDay) == ["reviewDate"])
        #expect(try Self.refusedReview("2023-12-11", on: overdueDay) == [])
    }

    @Test("A cleared barrier cannot be reviewed")
    func clearedNotReviewed() throws {
        let cleared = try BarrierRules.clear(Self.barrier(), reason: "Reps received", by: F.decisionMaker, at: F.now)
        #expect(try Self.refusedReview("2024-01-05", barrier: cleared) == ["reviewDate"])
    }

    @Test("Clearing records who, when and why, and the barrier no longer blocks or falls due")
    func clear() throws {
        let blocking = try F.raise(F.input { $0.type = "operating-mandate-checks" })
        #expect(blocking.blocks == [.service])
        let cleared = try BarrierRules.clear(blocking, reason: " Checks complete ", by: F.officer, at: F.now)
        #expect(cleared.clearance == BarrierClearance(by: F.officer, at: F.now, reason: "Checks complete"))
        #expect(!cleared.isOpen)
        #expect(cleared.blocks.isEmpty)
        #expect(!cleared.isDue(on: LocalDate(year: 2030, month: 1, day: 1)!))
    }

    @Test("Clearing needs a reason, and a barrier is cleared only once")
    func clearRefused() throws {
        let barrier = try Self.barrier()
        for reason in [nil, "", "  "] as [String?] {
            #expect(throws: ValidationFailure.self) { try BarrierRules.clear(barrier, reason: reason, by: F.decisionMaker, at: F.now) }
        }
        let cleared = try BarrierRules.clear(barrier, reason: "Reps received", by: F.decisionMaker, at: F.now)
        do {
            _ = try BarrierRules.clear(cleared, reason: "Again", by: F.decisionMaker, at: F.now)
            Issue.record("cleared twice")
        } catch { #expect(error.errors.map(\.field) == ["reason"]) }
    }

    @Test("Roles that may not maintain barriers cannot review or clear them")
    func maintainersOnly() throws {
        let barrier = try Self.barrier()
        #expect(throws: ValidationFailure.self) { try BarrierRules.clear(barrier, reason: "Done", by: F.analyst, at: F.now) }
        #expect(throws: ValidationFailure.self) {
            try BarrierRules.review(barrier, newReviewDate: "2024-01-05", note: nil, by: F.analyst, today: F.day, at: F.now)
        }
        #expect(BarrierPolicy.refusalToMaintain(by: F.analyst) != nil)
    }

    @Test("A barrier is due on its review date and overdue after it")
    func dueAndOverdue() throws {
        let barrier = try Self.barrier()
        let reviewDay = LocalDate(year: 2023, month: 12, day: 1)!
        #expect(!barrier.isDue(on: reviewDay.adding(days: -1)))
        #expect(barrier.isDue(on: reviewDay) && !barrier.isOverdue(on: reviewDay))
        #expect(barrier.isDue(on: reviewDay.adding(days: 1)) && barrier.isOverdue(on: reviewDay.adding(days: 1)))
    }

    @Test("A barrier survives a JSON round trip")
    func codable() throws {
        let barrier = try BarrierRules.review(Self.barrier(), newReviewDate: "2024-01-05", note: nil, by: F.techSpec, today: F.day, at: F.now)
        let data = try JSONEncoder().encode(barrier)
        #expect(try JSONDecoder().decode(Barrier.self, from: data) == barrier)
    }
}

@Suite("A claim's barrier summary")
struct BarrierSummaryTests {
    typealias F = BarrierFixture

    @Test("A claim with no barriers is green and workable")
    func none() {
        let summary = BarrierSummary(barriers: [], today: F.day)
        #expect(summary.worstRating == .green)
        #expect(summary.openCount == 0 && summary.dueCount == 0 && summary.overdueCount == 0)
        #expect(summary.isWorkable)
    }

    @Test("The summary counts open barriers, the worst rating, due and overdue reviews and what is blocked")
    func figures() throws {
        let amber = try F.raise(F.input { $0.reviewDate = "2023-11-01" }, id: 1)
        let purple = try F.raise(F.input { $0.type = "absconder"; $0.reviewDate = "2023-11-10" }, id: 2)
        let red = try F.raise(F.input { $0.type = "operating-mandate-checks"; $0.reviewDate = "2024-01-10" }, id: 3)
        let cleared = try BarrierRules.clear(
            F.raise(F.input { $0.type = "third-country-case"; $0.rating = "purple" }, id: 4), reason: "Admitted to the asylum process",
            by: F.officer, at: F.now
        )
        let onDay = LocalDate(year: 2023, month: 11, day: 10)!
        let summary = BarrierSummary(barriers: [amber, purple, red, cleared], today: onDay)
        #expect(summary.worstRating == .purple)
        #expect(summary.openCount == 3)
        #expect(summary.dueCount == 2)
        #expect(summary.overdueCount == 1)
        #expect(summary.openByRating == [.amber: 1, .purple: 1, .red: 1])
        #expect(summary.blocks(.interview) && summary.blocks(.service) && !summary.blocks(.decision))
        #expect(!summary.isWorkable)
    }

    @Test("A barrier that holds back only service leaves the claim workable")
    func serviceOnly() throws {
        let checks = try F.raise(F.input { $0.type = "operating-mandate-checks" })
        let reps = try F.raise(F.input(), id: 2)
        let summary = BarrierSummary(barriers: [checks, reps], today: F.day)
        #expect(summary.worstRating == .red)
        #expect(summary.blocks(.service))
        #expect(summary.isWorkable)
    }
}
