import CaseworkDomain
import Testing

private func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

private func isClose(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

@Suite("Capacity ramp")
struct CapacityTests {
    private let policy = CapacityPolicy.current
    private let start = date("2023-01-02")

    @Test("Effective FTE follows the ramp: 20% at four weeks, full at thirty (9.22)", arguments: [
        // (days in role, hand-computed effectiveness)
        (-1, 0.0), (0, 0.0), (7, 0.05), (14, 0.1), (28, 0.2), (119, 0.6), (210, 1.0), (365, 1.0),
        // 24 weeks: 0.2 + 20/26 × 0.8
        (168, 0.2 + 20.0 / 26.0 * 0.8),
    ])
    func ramp(days: Int, expected: Double) throws {
        let profile = try TrainingProfile(trainedFor: .both, startDate: start)
        let value = policy.effectiveFTE(profile, on: start.adding(days: days))
        #expect(isClose(value, expected), "day \(days): \(value)")
    }

    @Test("Part-time DMs count their FTE share")
    func partTime() throws {
        let profile = try TrainingProfile(trainedFor: .decisions, startDate: start, fte: 0.6)
        #expect(isClose(policy.effectiveFTE(profile, on: start.adding(days: 28)), 0.12))
        #expect(isClose(policy.effectiveFTE(profile, on: start.adding(days: 119)), 0.36))
        #expect(isClose(policy.effectiveFTE(profile, on: start.adding(days: 400)), 0.6))
    }

    @Test("A day of absence counts 0, and the ramp does not pause for it")
    func absence() throws {
        let profile = try TrainingProfile(
            trainedFor: .both, startDate: start, absences: [AbsencePeriod(from: date("2023-05-01"), through: date("2023-05-05"))]
        )
        #expect(isClose(policy.effectiveFTE(profile, on: date("2023-04-30")), 0.2 + (118.0 / 7 - 4) / 26 * 0.8))
        for day in 1...5 { #expect(policy.effectiveFTE(profile, on: date("2023-05-0\(day)")) == 0) }
        // 6 May is day 124: 17.714… weeks → 0.2 + 13.714…/26 × 0.8 = 0.621978…
        #expect(abs(policy.effectiveFTE(profile, on: date("2023-05-06")) - 0.621978) < 1e-6)
    }

    @Test("Averaged over a period, absences and the start date included")
    func averages() throws {
        let experienced = try TrainingProfile(
            trainedFor: .both, startDate: date("2022-01-03"), signedOff: true, fte: 0.8,
            absences: [AbsencePeriod(from: date("2023-03-06"), through: date("2023-03-08"))]
        )
        // 10 days, 3 away, fully effective at 0.8: 0.8 × 7 / 10.
        #expect(isClose(policy.effectiveFTE(experienced, from: date("2023-03-01"), to: date("2023-03-10")), 0.56))

        let joiner = try TrainingProfile(trainedFor: .interviews, startDate: date("2023-03-05"))
        // Before 5 March: 0. Days 0…5 in role: d / 140 each (0.2 at 28 days), sum 15 / 140, over 10 days.
        #expect(isClose(policy.effectiveFTE(joiner, from: date("2023-03-01"), to: date("2023-03-10")), 15.0 / 140 / 10))
        #expect(policy.effectiveFTE(joiner, from: date("2023-03-10"), to: date("2023-03-01")) == 0)
        #expect(isClose(policy.effectiveFTE(experienced, from: date("2023-03-01"), to: date("2023-03-01")), 0.8))
    }

    @Test("Five DMs at 20% make one FTE (9.22)")
    func team() throws {
        let team = try (0..<5).map { _ in try TrainingProfile(trainedFor: .both, startDate: start) }
        #expect(isClose(policy.effectiveFTE(team, on: start.adding(days: 28)), 1.0))
    }

    @Test("FTE and absences are checked")
    func validation() {
        for fte in [0.0, -0.5, 1.01, Double.nan] {
            #expect(throws: ValidationFailure.self) { try TrainingProfile(trainedFor: .both, startDate: start, fte: fte) }
        }
        #expect(throws: ValidationFailure.self) {
            try TrainingProfile(trainedFor: .both, startDate: start, absences: [AbsencePeriod(from: date("2023-05-05"), through: date("2023-05-01"))])
        }
        #expect(throws: ValidationFailure.self) { try CapacityPolicy(ramp: []) }
        #expect(throws: ValidationFailure.self) {
            try CapacityPolicy(ramp: [RampPoint(weeks: 0, effectiveness: 0), RampPoint(weeks: 0, effectiveness: 1)])
        }
        #expect(throws: ValidationFailure.self) { try CapacityPolicy(ramp: [RampPoint(weeks: 0, effectiveness: 1.5)]) }
    }

    @Test("A different ramp is just data")
    func otherRamp() throws {
        let faster = try CapacityPolicy(ramp: [RampPoint(weeks: 0, effectiveness: 0.1), RampPoint(weeks: 10, effectiveness: 1)])
        let profile = try TrainingProfile(trainedFor: .both, startDate: start)
        #expect(isClose(faster.effectiveFTE(profile, on: start), 0.1))
        #expect(isClose(faster.effectiveFTE(profile, on: start.adding(days: 35)), 0.55))
        #expect(isClose(faster.effectiveness(afterWeeks: 50), 1))
    }

    @Test("Training decides which work a DM can take (1.6)")
    func training() throws {
        let interviewer = try TrainingProfile(trainedFor: .interviews, startDate: start)
        #expect(interviewer.isTrained(for: .interview))
        #expect(!interviewer.isTrained(for: .decision))
        #expect(!interviewer.isTrained(for: .interview, childClaim: true))
        let childrenTrained = try TrainingProfile(trainedFor: .both, childrensCasework: true, startDate: start)
        #expect(childrenTrained.isTrained(for: .decision, childClaim: true))
    }
}
