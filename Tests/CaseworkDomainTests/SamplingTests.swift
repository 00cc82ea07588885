import CaseworkDomain
import Testing

@Suite("Sampling: which completed work is checked, how deeply and why (10.8–10.11)")
struct SamplingTests {
    static let day = LocalDate(year: 2026, month: 11, day: 25)!

    static func work(
        _ id: String = "CW-0000001/7", _ kind: SampledWork = .decision, refusal: Bool = false, triggers: Set<SamplingTrigger> = [], signedOff: Bool = true,
        lastChecked: LocalDate? = day.adding(days: -10)
    ) -> CompletedWork {
        CompletedWork(id: id, work: kind, refusal: refusal, triggers: triggers, completedOn: day, workerSignedOff: signedOff, workerLastChecked: lastChecked)
    }

    /// An identifier the random draw does not pick, so other rules can be seen alone.
    static func unpicked() -> String {
        (0...).lazy.map { "CW-\($0)/1" }.first { SamplingRules.uniformDraw(seed: SamplingPolicy.current.seed, id: $0) >= 0.035 }!
    }

    @Test("Work by someone not signed off is always checked in full")
    func beforeSignOff() {
        let decision = SamplingRules.decide(Self.work(Self.unpicked(), signedOff: false))
        #expect(decision.selected && decision.depth == .full && decision.reasons.map(\.code) == ["before-sign-off"])
    }

    @Test("Refusals with a medico-legal report and refusals of unaccompanied children are mandatory; their grants are not")
    func mandatoryRefusals() {
        let id = Self.unpicked()
        #expect(SamplingRules.decide(Self.work(id, refusal: true, triggers: [.medicoLegalReport])).reasons.map(\.code) == ["mandatory:refusal-medico-legal-report"])
        #expect(SamplingRules.decide(Self.work(id, refusal: true, triggers: [.unaccompaniedChild])).reasons.map(\.code) == ["mandatory:refusal-uasc"])
        #expect(!SamplingRules.decide(Self.work(id, refusal: false, triggers: [.medicoLegalReport, .unaccompaniedChild])).selected)
    }

    @Test("LGBTQI+ and religious claims get a light-touch check with an interview read; a refusal with an MLR as well goes full")
    func lightTouch() {
        let id = Self.unpicked()
        let lgbt = SamplingRules.decide(Self.work(id, triggers: [.lgbtqi]))
        #expect(lgbt.selected && lgbt.depth == .lightTouch && lgbt.reasons.first?.source == "10.11")
        #expect(SamplingRules.decide(Self.work(id, triggers: [.religion])).depth == .lightTouch)
        #expect(SamplingRules.decide(Self.work(id, refusal: true, triggers: [.religion, .medicoLegalReport])).depth == .full)
    }

    @Test("At least one check per worker every two months: due on the 61st day, not before; never checked is due")
    func minimumPerWorker() {
        let id = Self.unpicked()
        #expect(!SamplingRules.decide(Self.work(id, lastChecked: Self.day.adding(days: -60))).selected)
        #expect(SamplingRules.decide(Self.work(id, lastChecked: Self.day.adding(days: -61))).reasons.map(\.code) == ["minimum-per-worker"])
        #expect(SamplingRules.decide(Self.work(id, lastChecked: nil)).reasons.first?.text.contains("ever") == true)
    }

    @Test("The random sample converges on 3.5% for every kind of work, withdrawals included", arguments: SampledWork.allCases)
    func randomRate(kind: SampledWork) {
        let n = 200_000
        let picked = (0..<n).filter { SamplingRules.decide(Self.work("CW-\($0)/\(kind.rawValue)", kind)).reasons.contains { $0.code == "random" } }.count
        let share = Double(picked) / Double(n)
        // Binomial standard deviation at n = 200,000 is 0.041 percentage points; four of them either side.
        #expect(abs(share - 0.035) < 0.0017, "drew \(share)")
    }

    @Test("The draw is reproducible and auditable: the same work, the same answer; another seed, another sample")
    func reproducible() {
        let first = SamplingRules.decide(Self.work("CW-0001234/9"))
        #expect(SamplingRules.decide(Self.work("CW-0001234/9")) == first)
        #expect(first.draw == SamplingRules.uniformDraw(seed: SamplingPolicy.current.seed, id: "CW-0001234/9"))
        var reseeded = SamplingPolicy.current
        reseeded.seed += 1
        let ids = (0..<2_000).map { "CW-\($0)/1" }
        let a = Set(ids.filter { SamplingRules.decide(Self.work($0)).selected })
        let b = Set(ids.filter { SamplingRules.decide(Self.work($0), policy: reseeded).selected })
        #expect(a != b && !a.isEmpty && !b.isEmpty)
    }
}
