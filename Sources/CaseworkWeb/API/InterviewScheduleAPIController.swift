import CaseworkDomain
import CaseworkScheduling
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API for a week of interviews (issue 4, "Scheduling a week").
///
/// - `POST /api/v1/interview-schedule` — schedules the week `{week, unit?, operation?}` from the database and returns
///   the plan: the interviews to book, any the booking checks refuse, and every claim not booked with the constraint
///   that stopped it. A dry run unless `book` is true, when every planned interview is booked (a `reason` is then
///   required) and `booking` says what was booked and skipped. Planners for any unit or every unit; a team leader for
///   their own (`AccessPolicy.weekSchedulingScope`).
struct InterviewScheduleAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// Every operation, once: registered by `addRoutes`, compared with the OpenAPI document by a test.
    static let endpoints: [APIEndpoint<Self>] = [
        .post("/api/v1/interview-schedule") { $0.schedule },
    ]

    /// The routes, in OpenAPI form.
    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    /// What the caller asks for.
    struct ScheduleRequest: Decodable {
        var week: String?
        var unit: String?
        var operation: String?
        var book: Bool?
        var reason: String?
    }

    @Sendable func schedule(_ request: Request, context: Context) async throws -> Response {
        let actor = try context.requireIdentity().actor
        let body = try await APIRequestBody.decode(request, context: context, as: ScheduleRequest.self)
        if body.book == true {
            // Refuse a missing reason before spending seconds on the schedule.
            var check = Validator()
            _ = check.requiredText(body.reason, "reason", label: "the reason for booking the week", maximum: ValidationPolicy.maximumReasonLength)
            try check.finish()
        }
        let plan = try await InterviewWeekRun.plan(store: store, week: body.week, unit: body.unit, operation: body.operation, actor: actor)
        let booking = body.book == true ? try await store.bookWeek(plan.choices, reason: body.reason, by: actor) : nil
        return try json(InterviewScheduleDTO(plan, booking: booking))
    }
}

/// A scheduled week on the wire.
struct InterviewScheduleDTO: Encodable {
    struct Booking: Encodable {
        var claim: String
        var version: Int
        var rank: Int
        var tier: Int
        var date: LocalDate
        var start: String
        var end: String
        var minutes: Int
        var location: String
        var locationName: String
        var room: String
        var roomName: String
        var interpreter: String?
        var interpreterName: String?
        var decisionMaker: String
        var decisionMakerName: String
        var distanceKm: Int
    }

    struct Refusal: Encodable {
        var claim: String
        var problems: [String]
    }

    var week: LocalDate
    var unit: String?
    var operation: String?
    var days: [LocalDate]
    var bankHolidays: [BankHoliday]
    var earliest: LocalDate
    var claimsWaiting: Int
    var seconds: Double
    var bookings: [Booking]
    var refused: [Refusal]
    var unbooked: [ScheduleUnbooked]
    /// What booking did; absent on a dry run.
    var booking: InterviewWeekBookingResult?

    init(_ plan: InterviewWeekPlan, booking: InterviewWeekBookingResult?) {
        let inputs = plan.inputs
        week = inputs.monday
        unit = inputs.unit?.rawValue
        operation = inputs.operation
        days = inputs.days
        bankHolidays = inputs.bankHolidays
        earliest = inputs.earliest
        claimsWaiting = inputs.claims.count
        seconds = plan.result.seconds
        bookings = plan.bookings.map { item in
            let slot = item.choice.slot
            return Booking(
                claim: item.choice.claim.rawValue, version: item.choice.version, rank: item.claim.rank, tier: item.claim.tier, date: slot.date,
                start: InterviewResourceRules.clockTime(slot.start), end: InterviewResourceRules.clockTime(slot.start + slot.minutes), minutes: slot.minutes,
                location: slot.location, locationName: item.locationName, room: slot.room, roomName: item.roomName, interpreter: slot.interpreter,
                interpreterName: item.interpreterName, decisionMaker: slot.decisionMaker.rawValue, decisionMakerName: item.decisionMakerName, distanceKm: item.distanceKm
            )
        }
        refused = plan.refused.map { Refusal(claim: $0.claim.rawValue, problems: $0.problems) }
        unbooked = plan.unbooked
        self.booking = booking
    }
}
