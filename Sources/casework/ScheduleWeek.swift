import ArgumentParser
import CaseworkDomain
import CaseworkScheduling
import CaseworkStore
import Foundation
import Logging

/// `casework schedule-week --week 2023-11-06 [--unit U] [--operation O] [--output FILE] [--book --reason R] [--as USER]`:
/// reads a week from the database (`--database` or `DATABASE_URL`), schedules it with the same scheduler as
/// `casework schedule`, prints the plan and why each unbooked claim could not be booked, and with `--book` books it
/// through the store, each interview with the same checks as a booking made from a claim page.
struct ScheduleWeek: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule-week",
        abstract: "Schedule a week of interviews from the database, and book it with --book.",
        discussion: """
            The week's claims are those waiting for an interview (needs recorded, nothing booked) in the unit and \
            operation given, or every unit. The plan and the explanations go to standard output; --output writes the \
            scheduler's result (docs/schedule-format.md) as JSON. --book books every planned interview, each in its own \
            transaction: a claim changed meanwhile or a time taken meanwhile is skipped and reported. Bookings are made \
            as the planner named by --as, or as "system" in the workflow planner's role.
            """
    )

    @Option(help: "The Monday the week starts on (YYYY-MM-DD).") var week: String
    @Option(help: "Only this unit's claims and decision makers.") var unit: String?
    @Option(help: "Only claims in this operation's cohort.") var operation: String?
    @Option(help: "Also write the scheduler's result (JSON) here, or - for standard output.") var output: String?
    @Flag(help: "Book the planned interviews.") var book = false
    @Option(help: "With --book: why the week is booked (recorded on every booking).") var reason: String?
    @Option(name: .customLong("as"), help: "Username of the planner (or the unit's team leader) who schedules and books.") var asUser: String?
    @Option(help: "The day the schedule is made, YYYY-MM-DD (default today); invitations are dated it.") var today: String?
    @Option(help: "Seconds the scheduler may take; improvements stop then.") var timeLimit: Double = 8
    @Option(help: "Share of extra claimants to name as reserves against no-shows (8.72 suggests 0.06 to 0.07); listed for the booker to invite, not booked.") var manifestShare: Double = 0
    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        if book && (reason?.trimmingWhitespace.isEmpty ?? true) { throw ValidationError("--book needs --reason: say why the week is booked.") }
        if !(timeLimit > 0 && timeLimit <= 3_600) { throw ValidationError("--time-limit must be from 0 to 3600 seconds.") }
        if let today, LocalDate(iso: today) == nil { throw ValidationError("--today must be a date in the form YYYY-MM-DD.") }
        if !(0...0.5).contains(manifestShare) { throw ValidationError("--manifest-share must be from 0 to 0.5.") }
    }

    func run() async throws {
        var clock: any CaseworkClock = SystemClock()
        if let day = today.flatMap(LocalDate.init(iso:)) { clock = FixedClock(Instant(startOf: day).adding(milliseconds: 9 * 3_600_000)) }
        let outcome = try await withStore(options, logger: commandLogger(level: .warning), clock: clock) { store -> Result<(InterviewWeekPlan, InterviewWeekBookingResult?), ScheduleWeekRefusal> in
            try await store.migrate()
            var actor = Actor.weekScheduler
            if let asUser {
                guard let member = try await store.staff(StaffID(asUser)), member.active else {
                    return .failure(.invalid([FieldError(field: "as", message: "No active member of staff has the username \(asUser)")]))
                }
                actor = member.actor
            }
            do {
                let monday = try InterviewWeekInputs.monday(from: week, today: store.clock.now().date)
                let inputs = try await store.interviewWeekInputs(
                    week: monday, unit: unit.map { UnitID($0.trimmingWhitespace.uppercased()) }, operation: operation, for: actor
                )
                let plan = try InterviewWeekSchedule(inputs, manifestShare: manifestShare).schedule(with: WeekScheduler(timeLimit: .milliseconds(Int64(timeLimit * 1000))))
                guard book else { return .success((plan, nil)) }
                return .success((plan, try await store.bookWeek(plan.choices, reason: reason, by: actor)))
            } catch let failure as ValidationFailure {
                return .failure(.invalid(failure.errors))
            } catch let denied as AccessDenied {
                return .failure(.denied(denied.message))
            }
        }
        switch outcome {
        case let .success((plan, booking)):
            if let output { try writeResult(plan.result, to: output) }
            print(Self.report(plan))
            if let booking { print(Self.report(booking)) }
        case let .failure(.invalid(errors)):
            for error in errors { printError("\(error.field.isEmpty ? "" : "--\(error.field): ")\(error.message)") }
            throw ExitCode.validationFailure
        case let .failure(.denied(message)):
            printError(message)
            throw ExitCode.failure
        }
    }

    private func writeResult(_ result: ScheduleResult, to path: String) throws {
        let data = try scheduleJSON(result)
        if path == "-" {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            do { try data.write(to: URL(fileURLWithPath: path)) } catch { throw ValidationError("Cannot write \(path): \(error.localizedDescription)") }
        }
    }

    /// The plan in words: the summary, each booking by day and location, any the booking checks refuse, and every
    /// unbooked claim grouped by the constraint that stopped it.
    static func report(_ plan: InterviewWeekPlan) -> String {
        let inputs = plan.inputs
        var lines: [String] = []
        var scope = inputs.unit.map { "unit \($0.rawValue)" } ?? "every unit"
        if let operation = inputs.operation { scope += ", operation \(operation)" }
        lines.append("Interviews for \(inputs.title) (\(scope)); earliest date \(inputs.earliest.weekday.name) \(inputs.earliest.longForm).")
        for holiday in inputs.bankHolidays { lines.append("  \(holiday.date.weekday.name) \(holiday.date.longForm) is \(holiday.name): no interviews.") }
        lines.append(
            "\(inputs.claims.count) claims waiting, \(plan.result.bookings.count) scheduled: \(plan.bookings.count) to book"
                + (plan.refused.isEmpty ? "" : ", \(plan.refused.count) refused by the booking checks")
                + ", \(plan.unbooked.count) not booked; in \(String(format: "%.2f", plan.result.seconds)) s."
        )
        var heading = ""
        for booking in plan.bookings {
            let slot = booking.choice.slot
            let day = "\(slot.date.weekday.name) \(slot.date.longForm), \(booking.locationName)"
            if day != heading {
                lines.append("")
                lines.append(day)
                heading = day
            }
            let interpreter = booking.interpreterName.map { ", interpreter \($0)" } ?? ""
            lines.append(
                "  \(InterviewResourceRules.clockTime(slot.start))–\(InterviewResourceRules.clockTime(slot.start + slot.minutes)) \(booking.roomName): "
                    + "\(booking.choice.claim.rawValue) (rank \(booking.claim.rank)), \(booking.decisionMakerName)\(interpreter)"
            )
        }
        let ranks = Dictionary(inputs.claims.map { ($0.reference.rawValue, $0.rank) }, uniquingKeysWith: { first, _ in first })
        if !plan.refused.isEmpty {
            lines.append("")
            lines.append("Refused by the booking checks:")
            for refusal in plan.refused { lines.append("  \(refusal.claim.rawValue): \(refusal.problems.joined(separator: "; "))") }
        }
        if !plan.result.reserves.isEmpty {
            // The manifest (8.72): who to invite as a reserve for which booked interview. Listed, not booked: the
            // platform records interviews, not reserve places.
            let bookedAt = Dictionary(plan.result.bookings.map { ($0.slot, $0.claim) }, uniquingKeysWith: { first, _ in first })
            let byClaim = Dictionary(plan.bookings.map { ($0.choice.claim.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
            lines.append("")
            lines.append("Reserves to invite against no-shows (\(plan.result.reserves.count)); listed, not booked:")
            for reserve in plan.result.reserves {
                guard let booked = bookedAt[reserve.slot], let booking = byClaim[booked] else { continue }
                let slot = booking.choice.slot
                lines.append("  \(reserve.claim) (rank \(ranks[reserve.claim] ?? 0)): reserve for \(booked) at \(slot.date.longForm) \(InterviewResourceRules.clockTime(slot.start)), \(booking.locationName)")
            }
        }
        for group in plan.unbookedByConstraint {
            lines.append("")
            lines.append("Not booked, \(group.constraint.rawValue) (\(group.claims.count)):")
            for entry in group.claims { lines.append("  \(entry.claim) (rank \(ranks[entry.claim] ?? 0)): \(entry.explanation)") }
        }
        return lines.joined(separator: "\n")
    }

    /// What booking did.
    static func report(_ result: InterviewWeekBookingResult) -> String {
        var lines = ["", "Booked \(result.booked.count) interviews, each with its invitation; skipped \(result.skipped.count)."]
        for skipped in result.skipped { lines.append("  skipped \(skipped.claim.rawValue): \(skipped.why)") }
        return lines.joined(separator: "\n")
    }
}

/// Why `schedule-week` stopped: a field refused, or the role may not schedule.
enum ScheduleWeekRefusal: Error {
    case invalid([FieldError])
    case denied(String)
}
