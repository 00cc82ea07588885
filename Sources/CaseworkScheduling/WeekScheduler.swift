import CaseworkDomain

/// Books a week of interviews (issue 4, "Scheduling a week"; `docs/schedule-format.md`).
///
/// It aims, in order, for as many interviews as possible, the more urgent claims first, shorter journeys for
/// claimants, and scarce-language interpreters kept for the languages only they speak; it never breaks a hard
/// constraint. Claims are placed where they fit, most urgent first, and each one left over gets a search for a chain of
/// moves that makes room for it without unbooking anyone (`ScheduleSearch`); while time remains, areas are unbooked and
/// booked again, less urgent claims give way to more urgent ones, and claimants are moved nearer home. Reserves are
/// then invited against no-shows (8.72) and every claim left over is explained.
///
/// The result depends only on the instance, except when the time limit cuts the improvements short.
public struct WeekScheduler: Sendable {
    /// Enough for a national week (3,400 slots, 5,000 claims) on a two-core machine, with room to spare under the
    /// ten seconds issue 4 allows for reading the instance and writing the result.
    public static let defaultTimeLimit: Duration = .seconds(8)

    /// When improvements stop. The first placement of every claim always finishes.
    public var timeLimit: Duration

    /// Creates a scheduler.
    public init(timeLimit: Duration = WeekScheduler.defaultTimeLimit) { self.timeLimit = timeLimit }

    /// Books the week. The instance is validated first; a broken one is refused with every problem named.
    public func schedule(_ instance: ScheduleInstance) throws(ValidationFailure) -> ScheduleResult {
        let started = ContinuousClock.now
        let problem = ScheduleProblem(try instance.validated())
        var search = ScheduleSearch(problem, deadline: started + timeLimit)
        search.run()
        let state = search.state

        let reserves = search.reserves(limit: WeekScheduler.reserveLimit(share: instance.manifestShare, bookings: state.bookedCount))
        var isReserve = [Bool](repeating: false, count: problem.claimCount)
        for reserve in reserves { isReserve[reserve.claim] = true }

        var bookings: [ScheduleBooking] = []
        bookings.reserveCapacity(state.bookedCount)
        for slot in 0..<problem.slotCount where state.slotClaim[slot] >= 0 {
            let claim = Int(state.slotClaim[slot])
            let interpreter = Int(state.claimInterpreter[claim])
            bookings.append(
                ScheduleBooking(
                    claim: instance.claims[claim].reference, slot: instance.slots[slot].id,
                    interpreter: interpreter >= 0 ? instance.interpreters[interpreter].id : nil,
                    decisionMaker: instance.decisionMakers[Int(state.claimDecisionMaker[claim])].id
                )
            )
        }
        let explainer = ScheduleExplainer(problem: problem, search: search)
        let unbooked = (0..<problem.claimCount).filter { !state.isBooked($0) && !isReserve[$0] }.map { explainer.explain($0) }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return ScheduleResult(
            seconds: (seconds * 100).rounded() / 100,
            bookings: bookings,
            reserves: reserves.map { ScheduleReserve(claim: instance.claims[$0.claim].reference, slot: instance.slots[$0.slot].id) },
            unbooked: unbooked
        )
    }

    /// The most reserves the format allows: `ceil(manifestShare × bookings)`, computed a hair low so that a product
    /// such as 0.065 × 3,400 = 221.00000000000003 gives 221, not 222, whichever way a checker rounds.
    public static func reserveLimit(share: Double, bookings: Int) -> Int {
        guard share > 0, bookings > 0 else { return 0 }
        return max(0, Int((share * Double(bookings) - 1e-9).rounded(.up)))
    }
}
