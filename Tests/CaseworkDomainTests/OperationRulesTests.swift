import CaseworkDomain
import Testing

private func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

private let opsToday = day("2023-10-27")

/// A claim for the operation rules; `n` makes the reference.
private func member(_ n: Int = 1, nationality: String = "ERI", claimed: String = "2021-04-12", born: String = "1990-02-01", sex: Sex = .female, child: Bool = false) -> Claim {
    let person = Person(givenNames: "Test", familyName: "Claimant", dateOfBirth: day(born), sex: sex, nationality: Nationality(claimed: nationality))
    let facts = ClaimFacts(mainApplicant: person, dateOfClaim: day(claimed), unaccompaniedChild: child, languages: [SpokenLanguage(language: "tigrinya")])
    return ClaimRules.start(reference: .numbered(n), facts: facts, owningUnit: "DMU-GLA", actor: .system, at: Instant(startOf: opsToday))
}

@Suite("Defining operations: every field checked and named")
struct OperationDefinitionTests {
    @Test("The report's operations define again from their own input, unchanged")
    func roundTrip() throws {
        for operation in Operation.reportExamples {
            let definition = try OperationDefinitionInput(operation).validated(today: opsToday)
            #expect(definition.operation(startingFigure: operation.startingFigure) == operation, "\(operation.code)")
        }
    }

    @Test("Each broken rule is refused with the field it belongs to")
    func eachField() {
        func fields(_ change: (inout OperationDefinitionInput) -> Void) -> [String] {
            var input = OperationDefinitionInput(Operation.amesa)
            change(&input)
            do {
                _ = try input.validated(today: opsToday)
                return []
            } catch {
                return error.errors.map(\.field)
            }
        }
        #expect(fields { _ in } == [])
        #expect(fields { $0.code = nil } == ["code"])
        #expect(fields { $0.code = "amesa 2" } == ["code"])
        #expect(fields { $0.code = "9AMESA" } == ["code"])
        #expect(fields { $0.name = "  " } == ["name"])
        #expect(fields { $0.nationalities = ["AFG", "XXX"] } == ["nationalities"])
        #expect(fields { $0.excludedNationalities = ["AFG"] } == ["excludedNationalities"])
        #expect(fields { $0.claimedFrom = "2022-02-30" } == ["claimedFrom"])
        #expect(fields { $0.claimedTo = "2030-01-01" } == ["claimedTo"])
        #expect(fields {
            $0.claimedFrom = "2022-01-01"
            $0.claimedTo = "2021-01-01"
        } == ["claimedTo"])
        #expect(fields { $0.sexes = ["female", "other"] } == ["sexes"])
        #expect(fields { $0.claimTypes = ["simple"] } == ["claimTypes"])
        #expect(fields { $0.regimes = ["legacy", "old"] } == ["regimes"])
        #expect(fields { $0.grantRateMinimum = 120 } == ["grantRateMinimum"])
        #expect(fields { $0.grantRateMaximum = -1 } == ["grantRateMaximum"])
        #expect(fields {
            $0.grantRateMinimum = 80
            $0.grantRateMinimumExclusive = false
            $0.grantRateMaximum = 50
        } == ["grantRateMaximum"])
        #expect(fields {
            $0.grantRateMinimum = nil
            $0.grantRateMinimumExclusive = true
        } == ["grantRateMinimum"])
        #expect(fields { $0.startDate = nil } == ["startDate"])
        #expect(fields { $0.startDate = "1999-12-31" } == ["startDate"])
        #expect(fields { $0.startDate = "2025-01-01" } == ["startDate"])
        #expect(fields { $0.lowIntakeThreshold = 0 } == ["lowIntakeThreshold"])
        #expect(fields { $0.source = String(repeating: "x", count: 201) } == ["source"])
        // Several problems at once are all named, in field order.
        #expect(fields {
            $0.code = ""
            $0.nationalities = ["ZZZ"]
            $0.startDate = "soon"
        } == ["code", "nationalities", "startDate"])
    }

    @Test("Empty lists mean any; percentages become a band; the low-intake threshold defaults to 200 (8.91)")
    func defaults() throws {
        let definition = try OperationDefinitionInput(
            code: "cip-pak", name: "Concise interviews: Pakistan", nationalities: ["pak", " "], sexes: ["female"], claimTypes: [],
            grantRateMinimum: 50, grantRateMaximum: 80, startDate: "2023-07-01"
        ).validated(today: opsToday)
        #expect(definition.code == "CIP-PAK")
        #expect(definition.criteria.nationalities == ["PAK"])
        #expect(definition.criteria.claimTypes == nil)
        #expect(definition.criteria.regimes == nil)
        #expect(definition.criteria.grantRate == .between(0.5, 0.8))
        #expect(definition.lowIntakeThreshold == 200)
    }

    @Test("The quick membership test agrees with the named mismatches on every kind of claim")
    func matchesAgreesWithMismatches() {
        let rates = GrantRates(["AFG": 0.98, "ERI": 0.99, "ALB": 0.5, "IRN": 0.8])
        let operations = Operation.reportExamples + [
            Operation(code: "CIP", name: "Concise", criteria: CohortCriteria(claimedFrom: day("2021-01-01"), claimedTo: day("2021-12-31"), sexes: [.male], claimTypes: [.straightforward], grantRate: .between(0.5, 0.8)), startDate: opsToday, startingFigure: 0),
        ]
        let claims = [
            member(nationality: "ERI"), member(nationality: "ALB"), member(nationality: "IRN", sex: .male), member(nationality: "AFG", child: true),
            member(nationality: "IRN", claimed: "2022-08-01", sex: .male), member(nationality: "XKX"), member(nationality: "ALB", claimed: "2020-05-05", sex: .male),
        ]
        for operation in operations {
            for claim in claims {
                #expect(operation.matches(claim, grantRates: rates) == operation.mismatches(claim, grantRates: rates).isEmpty, "\(operation.code)")
            }
        }
    }
}

@Suite("The burn-down replayed from the event log (3.40)")
struct BurnDownHistoryTests {
    private func event(_ position: Int64, _ claim: Int, _ effect: CohortHistoryEvent.Effect, day offset: Int = 0) -> CohortHistoryEvent {
        let type: String
        switch effect {
        case .registered: type = "claim-registered"
        case .outcomeRecorded: type = "outcome-recorded"
        case .outcomeWithdrawn: type = "outcome-withdrawn"
        case .droppedOut: type = "cohort-dropped-out"
        }
        return CohortHistoryEvent(
            position: position, claim: .numbered(claim), sequence: Int(position), occurredAt: Instant(startOf: opsToday.adding(days: offset)),
            effect: effect, eventType: type
        )
    }

    @Test("Milestone dates from a hand-built history, each traced to the event that reached it")
    func handBuilt() {
        // Ten claims registered (positions 1–10); claim 10 was decided before the operation was defined (position 11),
        // which it was at position 20: so 9 open members, the starting figure. With 40 milestones of 9, milestone k's
        // figure is ⌊9 × (40 − k) / 40⌋: 8 for k = 1–4, 7 for k = 5–8, 6 for 9–13, 5 for 14–17, ..., 0 for 40.
        var events = (1...10).map { event(Int64($0), $0, .registered) }
        events.append(event(11, 10, .outcomeRecorded))
        // After definition:
        events.append(event(21, 1, .outcomeRecorded, day: 1))  // 9 → 8: milestones 1–4 on day 1
        events.append(event(22, 2, .droppedOut, day: 2))  // 8 → 7: milestones 5–8 on day 2
        events.append(event(23, 1, .outcomeWithdrawn, day: 3))  // 7 → 8: no milestone (the count rose)
        events.append(event(24, 3, .outcomeRecorded, day: 4))  // 8 → 7: no new milestone (7's were reached)
        events.append(event(25, 4, .outcomeRecorded, day: 5))  // 7 → 6: milestones 9–13 on day 5
        events.append(event(26, 2, .outcomeRecorded, day: 6))  // dropped out already: no change
        events.append(event(27, 11, .registered, day: 7))  // a new member: 6 → 7
        events.append(event(28, 10, .outcomeWithdrawn, day: 8))  // decided before, reopened: 7 → 8
        let history = CohortBurnDownHistory(
            startingFigure: 9, definedAtPosition: 20, definedAt: Instant(startOf: opsToday), events: events.shuffled()
        )
        #expect(history.baseCount == 9)
        #expect(history.currentCount == 8)
        #expect(history.milestones.count == 40)
        let reached = history.milestones.filter(\.isReached)
        #expect(reached.map(\.milestone) == Array(1...13))
        #expect(reached.filter { $0.milestone <= 4 }.allSatisfy { $0.reachedAt?.date == opsToday.adding(days: 1) && $0.claim == .numbered(1) && $0.eventType == "outcome-recorded" })
        #expect(reached.filter { (5...8).contains($0.milestone) }.allSatisfy { $0.reachedAt?.date == opsToday.adding(days: 2) && $0.claim == .numbered(2) && $0.eventType == "cohort-dropped-out" })
        #expect(reached.filter { (9...13).contains($0.milestone) }.allSatisfy { $0.reachedAt?.date == opsToday.adding(days: 5) && $0.claim == .numbered(4) && $0.sequence == 25 })
        #expect(history.milestones[13].figure == 5 && !history.milestones[13].isReached)
        #expect(history.milestones.last?.figure == 0)
    }

    @Test("A cohort already at or below a milestone when defined reaches it then, with no event; an empty cohort has every milestone")
    func atDefinition() {
        let empty = CohortBurnDownHistory(startingFigure: 0, definedAtPosition: 0, definedAt: Instant(startOf: opsToday), events: [])
        #expect(empty.milestones.allSatisfy { $0.isReached && $0.claim == nil })
        // The snapshot said 40, but the log shows 38 open at definition: milestones down to 38 are reached at once.
        let events = (1...40).map { event(Int64($0), $0, .registered) } + [event(41, 1, .outcomeRecorded), event(42, 2, .outcomeRecorded)]
        let history = CohortBurnDownHistory(startingFigure: 40, definedAtPosition: 50, definedAt: Instant(startOf: opsToday), events: events)
        #expect(history.baseCount == 38)
        #expect(history.milestones.filter(\.isReached).map(\.milestone) == [1, 2])
        #expect(history.milestones[0].reachedAt == Instant(startOf: opsToday) && history.milestones[0].claim == nil)
    }
}

@Suite("The single-owner rule at hand-back (8.91)")
struct SingleOwnerHandBackTests {
    private let holder = Actor(staff: "dm.one", role: .decisionMaker, unit: "DMU-GLA")
    private let leader = Actor(staff: "tl.one", role: .teamLeader, unit: "DMU-GLA")

    private func held(born: String = "1990-02-01") -> Claim {
        var claim = member(born: born)
        claim.holder = holder.staff
        return claim
    }

    @Test("The holder cannot hand back a claim in a low-intake cohort or of a claimant aged 70 or over; the message names the rule")
    func refused() throws {
        let lowIntake = [CohortSize(operation: "NICHE", members: 150, lowIntakeThreshold: 200)]
        let reasons = SingleOwnerRule.current.reasons(for: held(), cohorts: lowIntake, on: opsToday)
        #expect(reasons == [.lowIntakeCohort(members: 150, threshold: 200)])
        let refusal = try #require(SingleOwnerRule.handBackRefusal(of: .release, on: held(), by: holder, reasons: reasons))
        #expect(refusal.contains("8.91") && refusal.contains("Low-intake cohort: 150 claims, fewer than 200") && refusal.contains("team leader"))

        // 70 on 27 October 2023 for someone born on 27 October 1953; 69 the day before their birthday.
        #expect(SingleOwnerRule.current.reasons(for: held(born: "1953-10-27"), cohorts: [], on: opsToday) == [.olderClaimant(age: 70, threshold: 70)])
        #expect(SingleOwnerRule.current.reasons(for: held(born: "1953-10-28"), cohorts: [], on: opsToday).isEmpty)
        let older = SingleOwnerRule.current.reasons(for: held(born: "1950-01-01"), cohorts: [], on: opsToday)
        #expect(SingleOwnerRule.handBackRefusal(of: .release, on: held(born: "1950-01-01"), by: holder, reasons: older)?.contains("Claimant aged 73, 70 or over") == true)
    }

    @Test("A team leader may still release; other changes, other people's claims and claims without a reason are not refused")
    func allowed() {
        let reasons: [SingleOwnerReason] = [.olderClaimant(age: 75, threshold: 70)]
        #expect(SingleOwnerRule.handBackRefusal(of: .release, on: held(), by: leader, reasons: reasons) == nil)
        #expect(SingleOwnerRule.handBackRefusal(of: .addNote(try! NoteRules.validated(text: "x", isAction: false)), on: held(), by: holder, reasons: reasons) == nil)
        #expect(SingleOwnerRule.handBackRefusal(of: .release, on: member(), by: holder, reasons: reasons) == nil)
        #expect(SingleOwnerRule.handBackRefusal(of: .release, on: held(), by: holder, reasons: []) == nil)
        #expect(SingleOwnerRule.mayRefuse(.release, on: held(), by: holder))
        #expect(!SingleOwnerRule.mayRefuse(.release, on: held(), by: leader))
        // A large cohort is not low-intake.
        #expect(SingleOwnerRule.current.reasons(for: held(), cohorts: [CohortSize(operation: "MAKHU", members: 200, lowIntakeThreshold: 200)], on: opsToday).isEmpty)
    }
}
