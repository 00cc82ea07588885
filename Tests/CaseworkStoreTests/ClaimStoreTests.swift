import CaseworkTestSupport
import CaseworkDomain
import CaseworkStore
import Testing

@Suite("The claim event log, on both stores")
struct ClaimStoreTests {
    @Test("Registering writes one event and the projection in the same transaction", arguments: TestDatabases.kinds)
    func register(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            let claim = try await store.register(try facts(), resolution: nil, by: Staff.registrar)
            #expect(claim.reference == .numbered(1))
            #expect(claim.version == 1 && claim.stage == .registration && claim.regime == .flow)
            let events = try await store.events(of: claim.reference, for: Staff.decisionMaker)
            #expect(events.map(\.event.type) == ["claim-registered"])
            #expect(events[0].actor == Staff.registrar && events[0].sequence == 1)
            #expect(try await store.claim(claim.reference, for: Staff.decisionMaker) == claim)
        }
    }

    @Test("Migrations run twice change nothing the second time", arguments: TestDatabases.kinds)
    func migrationsIdempotent(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            #expect(try await store.migrate().isEmpty)
        }
    }

    @Test("A stale write is refused with a conflict naming the newer change; nothing is lost", arguments: TestDatabases.kinds)
    func staleWrite(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            let claim = try await store.register(try facts(), resolution: nil, by: Staff.registrar)
            _ = try await store.perform(.moveStage(to: .screening), on: claim.reference, expectedVersion: 1, by: Staff.decisionMaker, reason: nil)
            do {
                _ = try await store.perform(.addNote(NoteText(text: "Mine")), on: claim.reference, expectedVersion: 1, by: Staff.registrar, reason: nil)
                Issue.record("A stale write was accepted")
            } catch let conflict as VersionConflict {
                #expect(conflict.currentVersion == 2)
                #expect(conflict.newerChange?.event == .stageChanged(from: .registration, to: .screening))
                #expect(conflict.message.contains("dm.gla"))
            }
            let events = try await store.events(of: claim.reference, for: Staff.decisionMaker)
            #expect(events.count == 2)
        }
    }

    @Test("Concurrent writers at the same version: exactly one wins, the rest get conflicts", arguments: TestDatabases.kinds)
    func concurrentWriters(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            let claim = try await store.register(try facts(), resolution: nil, by: Staff.registrar)
            let results = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await store.perform(.addNote(NoteText(text: "Writer \(index)")), on: claim.reference, expectedVersion: 1, by: Staff.decisionMaker, reason: nil)
                            return true
                        } catch is VersionConflict { return false } catch { return false }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            let after = try await store.claim(claim.reference, for: Staff.decisionMaker)
            #expect(after.version == 2 && after.noteCount == 1)
        }
    }

    @Test("Notes of 100,000 characters are stored and read back whole", arguments: TestDatabases.kinds)
    func longNotes(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            let claim = try await store.register(try facts(), resolution: nil, by: Staff.registrar)
            let text = String((0..<100_000).map { index in index % 997 == 0 ? "\n" : Character(UnicodeScalar(0x61 + index % 26)!) })
            _ = try await store.perform(.addNote(try NoteRules.validated(text: text, isAction: true)), on: claim.reference, expectedVersion: 1, by: Staff.decisionMaker, reason: nil)
            let notes = try await store.notes(of: claim.reference, for: Staff.decisionMaker)
            #expect(notes.count == 1 && notes[0].text == text && notes[0].text.count == 100_000 && notes[0].isAction)
        }
    }

    @Test("Rebuilding the projections from the log gives exactly the live projections", arguments: TestDatabases.kinds)
    func rebuild(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            for n in 0..<12 {
                let claim = try await store.register(try facts(n, characteristics: n % 3 == 0 ? ProtectedCharacteristics(religion: "Christian") : nil), resolution: nil, by: Staff.registrar)
                var version = claim.version
                for command in [ClaimCommand.moveStage(to: .screening), .addNote(NoteText(text: "Note \(n)")), .moveStage(to: .workInProgress), .moveStage(to: .decision)].prefix(n % 5) {
                    version = try await store.perform(command, on: claim.reference, expectedVersion: version, by: Staff.decisionMaker, reason: "step").version
                }
                if n % 5 == 4 {
                    version = try await DecisionPath.serve(store, claim.reference, author: Staff.decisionMaker).version
                    _ = try await store.perform(.withdrawOutcome, on: claim.reference, expectedVersion: version, by: Staff.decisionMaker, reason: "Error in the grant")
                }
            }
            let live = try await store.projectionSnapshot()
            #expect(live.count > 12)
            #expect(try await store.rebuildProjections(batchSize: 5) == 12)
            #expect(try await store.projectionSnapshot() == live)
        }
    }

    @Test("A matching claimant is never registered silently; the user's choice is recorded", arguments: TestDatabases.kinds)
    func duplicates(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            var first = try facts()
            first.biometricReference = "BIO-1"
            let existing = try await store.register(first, resolution: nil, by: Staff.registrar)
            var same = try facts()
            same.mainApplicant.givenNames = "AMINA  ruth"
            await #expect(throws: DuplicateSuspected.self) { try await store.register(same, resolution: nil, by: Staff.registrar) }
            var byBiometric = try facts(3)
            byBiometric.biometricReference = "bio 1"
            do {
                _ = try await store.register(byBiometric, resolution: nil, by: Staff.registrar)
                Issue.record("Registered a biometric match")
            } catch let suspected as DuplicateSuspected {
                #expect(suspected.matches.map(\.reference) == [existing.reference])
                #expect(suspected.matches[0].matchedOn == ["biometric reference"])
            }
            #expect(try await store.search(ClaimQuery(), for: Staff.decisionMaker).total == 1)
            let linked = try await store.register(same, resolution: DuplicateResolutionInput(choice: "linked", matches: [existing.reference.rawValue]), by: Staff.registrar)
            #expect(linked.facts.linkedClaims == [existing.reference])
            let events = try await store.events(of: linked.reference, for: Staff.decisionMaker)
            guard case let .registered(_, _, decision) = events[0].event else { Issue.record("first event"); return }
            #expect(decision == DuplicateDecision(choice: .linked, matches: [existing.reference]))
            // A resolution that does not name every match is not enough.
            await #expect(throws: DuplicateSuspected.self) {
                try await store.register(same, resolution: DuplicateResolutionInput(choice: "confirmed-distinct", matches: [existing.reference.rawValue]), by: Staff.registrar)
            }
        }
    }

    @Test("Unit, role and restricted-field rules hold, and restricted reads are audited", arguments: TestDatabases.kinds)
    func access(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            let claim = try await store.register(try facts(characteristics: ProtectedCharacteristics(sexualOrientation: "Gay")), resolution: nil, by: Staff.registrar)
            await #expect(throws: ClaimNotFound.self) { try await store.claim(claim.reference, for: Staff.otherUnitDM) }
            await #expect(throws: AccessDenied.self) { try await store.register(try facts(1), resolution: nil, by: Staff.decisionMaker) }
            await #expect(throws: AccessDenied.self) { try await store.protectedCharacteristics(of: claim.reference, for: Staff.decisionMaker) }
            await #expect(throws: AccessDenied.self) {
                try await store.perform(.addNote(NoteText(text: "x")), on: claim.reference, expectedVersion: 1, by: Staff.analyst, reason: nil)
            }
            #expect(try await store.protectedCharacteristics(of: claim.reference, for: Staff.safeguarding)?.sexualOrientation == "Gay")
            let dmEvents = try await store.events(of: claim.reference, for: Staff.decisionMaker)
            guard case let .registered(seen, _, _) = dmEvents[0].event else { Issue.record("first event"); return }
            #expect(seen.protectedCharacteristics == nil)
            let trail = try await store.auditTrail(claim: claim.reference)
            #expect(trail.contains { $0.action == "claim.read-protected-characteristics" && $0.actor == "sg.hub" })
            #expect(trail.contains { $0.action == "claim.register" && $0.actor == "ao.gla" })
            #expect(try await store.search(ClaimQuery(), for: Staff.otherUnitDM).total == 0)
            #expect(try await store.search(ClaimQuery(), for: Staff.safeguarding).total == 1)
        }
    }

    @Test("Search finds by reference, name words, date of birth and nationality", arguments: TestDatabases.kinds)
    func search(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { database in
            let store = try await makeStore(database)
            for n in 0..<5 { _ = try await store.register(try facts(n), resolution: nil, by: Staff.registrar) }
            let actor = Staff.decisionMaker
            #expect(try await store.search(ClaimQuery(text: "cw-0000003"), for: actor).claims.map(\.reference) == [.numbered(3)])
            #expect(try await store.search(ClaimQuery(text: "amina"), for: actor).total == 5)
            #expect(try await store.search(ClaimQuery(text: "Sara yusuf"), for: actor).total == 1)
            #expect(try await store.search(ClaimQuery(text: "1994-03-12"), for: actor).total == 5)
            #expect(try await store.search(ClaimQuery(nationality: "afg"), for: actor).total == 0)
            let page = try await store.search(ClaimQuery(page: 2, pageSize: 2), for: actor)
            #expect(page.claims.count == 2 && page.pageCount == 3)
        }
    }
}
