import CaseworkDomain

/// Why a claim was left unbooked, in the format's order and in words a planner can act on.
///
/// The claim-level rules are tested in `ScheduleConstraint.explanationOrder`, each on the slots that met every rule
/// before it: the first rule that leaves no slot is named ("No interpreter in Kurdish (Badini) is available at a
/// location within 40 km in the week"). When some slot met them all, the claim lost to other bookings: `capacity`, with
/// how many of those slots went to other claims and how many lacked a free interpreter or decision maker.
struct ScheduleExplainer {
    let problem: ScheduleProblem
    let search: ScheduleSearch

    /// The reason `claim` is unbooked.
    func explain(_ claim: Int) -> ScheduleUnbooked {
        let (constraint, explanation) = reason(claim)
        return ScheduleUnbooked(claim: problem.instance.claims[claim].reference, constraint: constraint, explanation: explanation)
    }

    private func reason(_ claim: Int) -> (ScheduleConstraint, String) {
        let details = problem.instance.claims[claim]
        let reach = "within \(kilometres(details.maximumTravelKm))"
        if !problem.hasResponsibleAdult(claim) {
            return (.responsibleAdult, "The claimant is a child and no responsible adult is recorded to attend; a child is interviewed only with one")
        }
        var remaining: [Int] = []
        var nearest: (name: String, km: Double)?
        for location in 0..<problem.locationCount where !problem.slotsByLocation[location].isEmpty {
            let km = problem.distance(claim: claim, location: location)
            if nearest == nil || km < nearest!.km { nearest = (problem.instance.locations[location].name, km) }
            if problem.withinReach(claim: claim, location: location) { remaining += problem.slotsByLocation[location].map { Int($0) } }
        }
        if remaining.isEmpty {
            let closest = nearest.map { "; the nearest with slots, \($0.name), is \(kilometres($0.km)) away" } ?? ""
            return (.travelDistance, "No interview location with slots this week is \(reach) of the claimant\(closest)")
        }
        for rule in ScheduleConstraint.explanationOrder.dropFirst(2) {
            let passing = remaining.filter { problem.meets(rule, claim: claim, slot: $0) }
            if passing.isEmpty { return (rule, sentence(rule, claim: claim, before: remaining, reach: reach)) }
            remaining = passing
        }
        return (.capacity, capacitySentence(claim, reach: reach))
    }

    /// The sentence for the first rule no remaining slot met; `before` are the slots that met the earlier rules.
    private func sentence(_ rule: ScheduleConstraint, claim: Int, before: [Int], reach: String) -> String {
        let details = problem.instance.claims[claim]
        let instance = problem.instance
        switch rule {
        case .notice:
            let first = LocalDate(dayNumber: problem.claimFirstDayNumber[claim])
            let why = (details.notBefore.map { $0 > instance.earliestDate } ?? false) ? "the date the claim is not to be interviewed before" : "the minimum notice"
            return "No slot at a location \(reach) is in the week on or after \(first.longForm) (\(why))"
        case .locationClosed:
            return "Every location \(reach) is closed on the days this claim could be interviewed"
        case .slotLength:
            let longest = before.map { Int(problem.slotMinutes[$0]) }.max() ?? 0
            let needed = Int(problem.claimRequiredMinutes[claim])
            let what = details.child ? "\(details.kind.title.lowercased()) with a child's breaks" : details.kind.title.lowercased()
            return "No slot \(reach) on an open day is long enough: a \(what) needs \(needed) minutes and the longest is \(longest)"
        case .roomAccess:
            let needs = switch (details.needsStepFree, details.child) {
            case (true, true): "both has step-free access and is suitable for a child"
            case (true, false): "has step-free access"
            default: "is suitable for a child"
            }
            return "No room with a long enough slot \(reach) \(needs)"
        case .interpreterLanguage:
            return "No interpreter in \(languageName(claim)) is on the list for the week"
        case .interpreterAvailable:
            return "No interpreter in \(languageName(claim)) is available at a location \(reach) in the week"
        case .decisionMakerTrained:
            let cohort = problem.claimCohort[claim]
            let someone = cohort >= 0 && problem.decisionMakerCohorts.contains { $0.contains(cohort) }
            if details.child && someone {
                return "No decision maker who works \(cohortName(claim)) is trained to interview children"
            }
            return "No interview-trained decision maker works \(cohortName(claim))"
        case .decisionMakerAvailable:
            let children = details.child ? " trained to interview children" : ""
            return "No decision maker for \(cohortName(claim))\(children) is available at a location \(reach) on a day with a suitable slot"
        default:
            return rule.rawValue
        }
    }

    private func capacitySentence(_ claim: Int, reach: String) -> String {
        let state = search.state
        let slots = search.feasible[claim].map { Int($0) }
        var booked = 0, moreUrgent = 0, noInterpreter = 0, noDecisionMaker = 0
        var locations = Set<Int32>()
        for slot in slots {
            locations.insert(problem.slotLocation[slot])
            let occupant = Int(state.slotClaim[slot])
            if occupant >= 0 {
                booked += 1
                if problem.claimPriority[occupant] < problem.claimPriority[claim] { moreUrgent += 1 }
            } else if interpreterBusy(claim, slot: slot) {
                noInterpreter += 1
            } else {
                noDecisionMaker += 1
            }
        }
        let places = locations.count == 1 ? "at \(problem.instance.locations[Int(locations.first!)].name)" : "at \(locations.count) locations \(reach)"
        var parts: [String] = []
        if booked > 0 {
            let urgent = moreUrgent == booked ? ", all more urgent" : moreUrgent > 0 ? " (\(moreUrgent) more urgent)" : ""
            parts.append("\(booked) \(booked == 1 ? "was" : "were") booked for other claims\(urgent)")
        }
        if noInterpreter > 0 {
            parts.append("at \(noInterpreter) every interpreter in \(languageName(claim)) who could attend was already booked")
        }
        if noDecisionMaker > 0 {
            parts.append("at \(noDecisionMaker) every decision maker for \(cohortName(claim)) who could attend was already booked")
        }
        let opening = slots.count == 1 ? "The one slot that meets this claim's rules, \(places), was taken" : "All \(slots.count) slots that meet this claim's rules, \(places), were taken"
        return "\(opening): \(parts.joined(separator: "; "))"
    }

    /// Whether no interpreter the claim could have had at `slot` is free then.
    private func interpreterBusy(_ claim: Int, slot: Int) -> Bool {
        let key = Int(problem.claimKey[claim])
        guard key >= 0 else { return false }
        let day = Int(problem.slotDay[slot]), location = Int(problem.slotLocation[slot])
        return !problem.interpreters(key: key, location: location, day: day).contains {
            search.state.interpreterConflicts(Int($0), slot: slot, ignoring: claim, -1).count == 0
        }
    }

    private func languageName(_ claim: Int) -> String { problem.instance.claims[claim].language?.description ?? "no language" }

    private func cohortName(_ claim: Int) -> String {
        problem.instance.claims[claim].cohort.map { "the \($0) cohort" } ?? "the general work in progress"
    }

    private func kilometres(_ value: Double) -> String {
        value == value.rounded() && value < 1e9 ? "\(Int(value)) km" : "\(Int((value * 10).rounded()) / 10).\(Int((value * 10).rounded()) % 10) km"
    }
}
