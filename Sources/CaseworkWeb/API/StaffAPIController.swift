import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes

/// The JSON API for staff records, training, working pattern, absences and effective capacity, and the team page's
/// figures.
///
/// - `GET    /api/v1/staff?unit=&team=` — a unit's staff records (`StaffAccess.canSeeCapacity`)
/// - `GET    /api/v1/staff/{username}` — one record with its history (the member, or who keeps the unit's records)
/// - `PUT    /api/v1/staff/{username}/profile` — replace the profile (`AccessPolicy.canKeepStaffRecord`)
/// - `POST   /api/v1/staff/{username}/absences` — record an absence
/// - `DELETE /api/v1/staff/{username}/absences/{firstDay}?reason=` — remove one
/// - `GET    /api/v1/units/{unit}/capacity?on=&team=` — effective capacity on a day
/// - `GET    /api/v1/team?unit=&team=` — the live team page's figures (`StaffAccess.refusalToSeeTeam`)
struct StaffAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// Every operation, once: registered by `addRoutes`, compared with the OpenAPI document by a test.
    static let endpoints: [APIEndpoint<Self>] = [
        .get("/api/v1/staff") { $0.list },
        .get("/api/v1/staff/{username}") { $0.record },
        .put("/api/v1/staff/{username}/profile") { $0.updateProfile },
        .post("/api/v1/staff/{username}/absences") { $0.addAbsence },
        .delete("/api/v1/staff/{username}/absences/{firstDay}") { $0.removeAbsence },
        .get("/api/v1/units/{unit}/capacity") { $0.capacity },
        .get("/api/v1/team") { $0.team },
    ]

    /// The routes, in OpenAPI form.
    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let parameters = request.uri.queryParameters
        let unit = parameters["unit"].map { UnitID(String($0)) } ?? actor.unit
        let team = parameters["team"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let today = store.clock.now().date
        let records = try await store.staffRecords(unit: unit, team: team, for: actor)
        return try json(records.map { StaffRecordDTO($0, today: today, history: nil) })
    }

    @Sendable func record(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let username = try username(context)
        return try await found {
            let record = try await store.staffRecord(username, for: actor)
            let history = try await store.staffChanges(of: username, for: actor)
            return try json(StaffRecordDTO(record, today: store.clock.now().date, history: history))
        }
    }

    @Sendable func updateProfile(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let username = try username(context)
        let data = try await APIRequestBody.data(request, context: context)
        let input = try APIRequestBody.decode(StaffProfileInput.self, from: data)
        let reason = try APIRequestBody.decode(ReasonBody.self, from: data).reason
        return try await found {
            let record = try await store.updateStaffProfile(username, to: input, by: actor, reason: reason)
            return try json(StaffRecordDTO(record, today: store.clock.now().date, history: try await store.staffChanges(of: username, for: actor)))
        }
    }

    @Sendable func addAbsence(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let username = try username(context)
        let data = try await APIRequestBody.data(request, context: context)
        let input = try APIRequestBody.decode(StaffAbsenceInput.self, from: data)
        let reason = try APIRequestBody.decode(ReasonBody.self, from: data).reason
        return try await found {
            let record = try await store.addStaffAbsence(username, input, by: actor, reason: reason)
            return try json(StaffRecordDTO(record, today: store.clock.now().date, history: try await store.staffChanges(of: username, for: actor)), status: .created)
        }
    }

    @Sendable func removeAbsence(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let username = try username(context)
        guard let firstDay = context.parameters.get("firstDay").flatMap(LocalDate.init(iso:)) else {
            throw APIError.notFound("An absence is named by its first day, YYYY-MM-DD.")
        }
        let reason = request.uri.queryParameters["reason"].map(String.init)
        return try await found {
            let record = try await store.removeStaffAbsence(username, firstDay: firstDay, by: actor, reason: reason)
            return try json(StaffRecordDTO(record, today: store.clock.now().date, history: try await store.staffChanges(of: username, for: actor)))
        }
    }

    @Sendable func capacity(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let unit = UnitID(context.parameters.get("unit") ?? "")
        guard try await store.units().contains(where: { $0.code == unit }) else { throw APIError.notFound("No unit has the code \(unit.rawValue).") }
        var date = store.clock.now().date
        if let text = request.uri.queryParameters["on"].map(String.init), !text.isEmpty {
            guard let given = LocalDate(iso: text) else { throw APIError.badRequest(field: "on", message: "on must be a real date, YYYY-MM-DD") }
            date = given
        }
        let team = request.uri.queryParameters["team"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        return try json(UnitCapacityDTO(try await store.capacity(of: unit, team: team, on: date, for: actor)))
    }

    @Sendable func team(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let parameters = request.uri.queryParameters
        let unit = parameters["unit"].map(String.init).flatMap { $0.isEmpty ? nil : UnitID($0) }
        let team = parameters["team"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        return try json(TeamPageDTO(try await store.teamView(unit: unit, team: team, for: actor)))
    }

    // MARK: Helpers

    /// Runs `body`, answering 404 when the member of staff or the absence does not exist.
    private func found(_ body: () async throws -> Response) async throws -> Response {
        do { return try await body() } catch let missing as StaffRecordNotFound { throw APIError.notFound(missing.message) }
    }

    private func username(_ context: Context) throws -> StaffID {
        let text = context.parameters.get("username") ?? ""
        guard !text.isEmpty, text.count <= 100 else { throw APIError.notFound("No member of staff has that username.") }
        return StaffID(text)
    }

    private struct ReasonBody: Decodable { let reason: String? }
}

// MARK: Wire types

/// A figure of FTE on the wire: four decimal places, so sums read cleanly.
private func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

/// A staff record as the API shows it.
struct StaffRecordDTO: Encodable {
    let username: String
    let displayName: String
    let role: String
    let unit: String
    let active: Bool
    let team: String?
    let trainedFor: String?
    let childrensCasework: Bool
    let startDate: String?
    let signedOff: Bool
    let fte: Double
    let operation: String?
    let effectiveFTEToday: Double
    let absentToday: Bool
    let absences: [StaffAbsence]
    let history: [RecordChangeDTO]?

    init(_ record: StaffRecord, today: LocalDate, history: [StaffChangeEntry]?) {
        let profile = record.profile
        username = record.member.username.rawValue
        displayName = record.member.displayName
        role = record.member.role.rawValue
        unit = record.member.unit.rawValue
        active = record.member.active
        team = profile.team
        trainedFor = profile.trainedFor?.rawValue
        childrensCasework = profile.childrensCasework
        startDate = profile.startDate?.iso
        signedOff = profile.signedOff
        fte = profile.fte
        operation = profile.operation
        effectiveFTEToday = rounded(record.effectiveFTE(on: today))
        absentToday = record.absence(on: today) != nil
        absences = record.absences
        self.history = history?.map(RecordChangeDTO.init)
    }
}

/// One entry of a record's history (a staff record, an interview resource): who changed what, when and why.
struct RecordChangeDTO: Encodable {
    let type: String
    let at: String
    let actor: String
    let actorRole: String
    let changes: [String]
    let reason: String?

    init(type: String, at: Instant, actor: StaffID, actorRole: Role, changes: [String], reason: String?) {
        self.type = type
        self.at = at.iso
        self.actor = actor.rawValue
        self.actorRole = actorRole.rawValue
        self.changes = changes
        self.reason = reason
    }

    /// One entry of a staff record's history.
    init(_ entry: StaffChangeEntry) {
        self.init(type: entry.type, at: entry.at, actor: entry.actor, actorRole: entry.actorRole, changes: entry.lines, reason: entry.reason)
    }
}

/// Capacity figures on the wire.
struct CapacityFiguresDTO: Encodable {
    let headcount: Int
    let fte: Double
    let effectiveFTE: Double
    let absent: Int
    let signedOff: Int

    init(_ figures: CapacityFigures) {
        headcount = figures.headcount
        fte = rounded(figures.fte)
        effectiveFTE = rounded(figures.effectiveFTE)
        absent = figures.absent
        signedOff = figures.signedOff
    }
}

/// A unit's capacity on a day.
struct UnitCapacityDTO: Encodable {
    struct Member: Encodable {
        let username: String
        let displayName: String
        let role: String
        let team: String?
        let fte: Double
        let effectiveFTE: Double
        let signedOff: Bool
        let absence: StaffAbsence?
    }

    let unit: String
    let team: String?
    let date: String
    let totals: CapacityFiguresDTO
    let members: [Member]

    init(_ capacity: StaffCapacity) {
        unit = capacity.unit.rawValue
        team = capacity.team
        date = capacity.date.iso
        totals = CapacityFiguresDTO(capacity.totals)
        members = capacity.members.map {
            Member(
                username: $0.username.rawValue, displayName: $0.displayName, role: $0.role.rawValue, team: $0.team, fte: $0.fte,
                effectiveFTE: rounded($0.effectiveFTE), signedOff: $0.signedOff, absence: $0.absence
            )
        }
    }
}

/// Open barriers by PRAG rating.
struct TeamPRAGCountsDTO: Encodable {
    let purple: Int
    let red: Int
    let amber: Int
    let green: Int

    init(_ counts: [PRAGRating: Int]) {
        purple = counts[.purple] ?? 0
        red = counts[.red] ?? 0
        amber = counts[.amber] ?? 0
        green = counts[.green] ?? 0
    }
}

/// Steps completed.
struct TeamStepsDTO: Encodable {
    let interviews: Int
    let decisions: Int
    let total: Int

    init(_ counts: StepCounts) {
        interviews = counts.interviews
        decisions = counts.decisions
        total = counts.total
    }
}

/// The team page's figures: the same as the page shows.
struct TeamPageDTO: Encodable {
    struct ClaimHeld: Encodable {
        let reference: String
        let name: String
        let stage: String
        let heldSince: String
        let daysHeld: Int
        let openBarriers: TeamPRAGCountsDTO
    }

    struct Member: Encodable {
        let username: String
        let displayName: String
        let role: String
        let trainedFor: String?
        let signedOff: Bool
        let fte: Double
        let effectiveFTE: Double
        let absentToday: Bool
        let absence: StaffAbsence?
        let claimsHeld: Int
        let claims: [ClaimHeld]
        let barriers: TeamPRAGCountsDTO
        let stepsThisWeek: TeamStepsDTO
        let stepsThisPeriod: TeamStepsDTO
    }

    let unit: String
    let team: String
    let date: String
    let weekStart: String
    let periodStart: String
    let periodEnd: String
    let leaders: [String]
    let members: [Member]
    let claimsHeld: Int
    let barriers: TeamPRAGCountsDTO
    let stepsThisWeek: TeamStepsDTO
    let stepsThisPeriod: TeamStepsDTO
    let capacity: CapacityFiguresDTO

    init(_ view: TeamView) {
        unit = view.unit.rawValue
        team = view.team
        date = view.today.iso
        weekStart = view.weekStart.iso
        periodStart = view.periodStart.iso
        periodEnd = view.periodEnd.iso
        leaders = view.leaders.map(\.username.rawValue)
        members = view.members.map { figures in
            let record = figures.record
            return Member(
                username: record.member.username.rawValue, displayName: record.member.displayName, role: record.member.role.rawValue,
                trainedFor: record.profile.trainedFor?.rawValue, signedOff: record.profile.signedOff, fte: record.profile.fte,
                effectiveFTE: rounded(figures.effectiveFTE), absentToday: figures.absenceToday != nil, absence: figures.absenceToday,
                claimsHeld: figures.claims.count,
                claims: figures.claims.map { claim in
                    ClaimHeld(
                        reference: claim.held.summary.reference.rawValue, name: claim.held.summary.name, stage: claim.held.summary.stage.rawValue,
                        heldSince: claim.held.heldSince.iso, daysHeld: claim.held.daysHeld(on: view.today), openBarriers: TeamPRAGCountsDTO(claim.openBarriers)
                    )
                },
                barriers: TeamPRAGCountsDTO(figures.barriers), stepsThisWeek: TeamStepsDTO(figures.stepsThisWeek), stepsThisPeriod: TeamStepsDTO(figures.stepsThisPeriod)
            )
        }
        claimsHeld = view.claimsHeld
        barriers = TeamPRAGCountsDTO(view.barriers)
        stepsThisWeek = TeamStepsDTO(view.stepsThisWeek)
        stepsThisPeriod = TeamStepsDTO(view.stepsThisPeriod)
        capacity = CapacityFiguresDTO(view.capacity)
    }
}
