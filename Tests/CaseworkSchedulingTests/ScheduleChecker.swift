import CaseworkDomain
import CaseworkScheduling
import Foundation

/// Checks a result against every hard constraint of docs/schedule-format.md, written from the document and sharing no
/// code with the scheduler beyond the wire types, so a mistake in the scheduler's rules is not repeated here.
struct ScheduleChecker {
    let instance: ScheduleInstance

    /// Every broken rule, as (code, what is wrong); empty when the result keeps them all.
    func violations(_ result: ScheduleResult) -> [(code: String, message: String)] {
        var found: [(code: String, message: String)] = []
        func fail(_ code: String, _ message: String) { found.append((code, message)) }

        let slots = Dictionary(uniqueKeysWithValues: instance.slots.map { ($0.id, $0) })
        let rooms = Dictionary(uniqueKeysWithValues: instance.rooms.map { ($0.id, $0) })
        let locations = Dictionary(uniqueKeysWithValues: instance.locations.map { ($0.id, $0) })
        let interpreters = Dictionary(uniqueKeysWithValues: instance.interpreters.map { ($0.id, $0) })
        let decisionMakers = Dictionary(uniqueKeysWithValues: instance.decisionMakers.map { ($0.id, $0) })
        let claims = Dictionary(uniqueKeysWithValues: instance.claims.map { ($0.reference, $0) })

        // Every claim exactly once.
        var seen: [String: Int] = [:]
        for reference in result.bookings.map(\.claim) + result.reserves.map(\.claim) + result.unbooked.map(\.claim) {
            seen[reference, default: 0] += 1
        }
        for claim in instance.claims where seen[claim.reference] != 1 {
            fail("double-booking", "\(claim.reference) appears \(seen[claim.reference] ?? 0) times")
        }
        for reference in seen.keys where claims[reference] == nil { fail("format", "\(reference) is not a claim of the instance") }

        func location(ofSlot slot: ScheduleSlot) -> ScheduleLocation { locations[rooms[slot.room]!.location]! }
        func required(_ claim: ScheduleClaim) -> Int {
            let minutes = instance.policy.slotMinutes[claim.kind]!
            return claim.child ? minutes + (minutes + 59) / 60 * instance.policy.childBreakMinutes : minutes
        }
        func kilometres(_ claim: ScheduleClaim, _ place: ScheduleLocation) -> Double {
            let r = Double.pi / 180
            let a = pow(sin((place.latitude - claim.latitude) * r / 2), 2)
                + cos(claim.latitude * r) * cos(place.latitude * r) * pow(sin((place.longitude - claim.longitude) * r / 2), 2)
            return 2 * 6_371.0 * asin(min(1, a.squareRoot()))
        }
        func speaks(_ interpreter: ScheduleInterpreter, _ need: ScheduleLanguage) -> Bool {
            interpreter.languages.contains { $0.language == need.language && (need.dialect == nil || $0.dialect == need.dialect) }
        }
        /// The claim-level rules for a claim with a slot, an interpreter and a decision maker.
        func claimLevel(_ claim: ScheduleClaim, _ slot: ScheduleSlot, _ interpreterId: String?, _ decisionMakerId: String, reserve: Bool) -> [String] {
            var broken: [String] = []
            let place = location(ofSlot: slot)
            let room = rooms[slot.room]!
            if claim.child && !claim.responsibleAdult { broken.append("responsible-adult") }
            if kilometres(claim, place) > claim.maximumTravelKm + 1e-9 { broken.append("travel-distance") }
            if !instance.week.contains(slot.date) || slot.date < instance.earliestDate || (claim.notBefore.map { slot.date < $0 } ?? false) {
                broken.append("notice")
            }
            if !place.openDays.contains(slot.date) { broken.append("location-closed") }
            if slot.minutes < required(claim) { broken.append("slot-length") }
            if (claim.needsStepFree && !room.stepFree) || (claim.child && !room.childSuitable) { broken.append("room-access") }
            if let need = claim.language {
                if let id = interpreterId, let interpreter = interpreters[id] {
                    if !speaks(interpreter, need) { broken.append("interpreter-language") }
                    if !interpreter.days.contains(slot.date) || (!interpreter.remote && !interpreter.locations.contains(place.id)) {
                        broken.append("interpreter-available")
                    }
                } else {
                    broken.append("interpreter-language")
                }
            } else if interpreterId != nil && !reserve {
                broken.append("interpreter-language")
            }
            if let decisionMaker = decisionMakers[decisionMakerId] {
                if !decisionMaker.cohorts.contains(claim.cohort ?? "general") || (claim.child && !decisionMaker.childrenTrained) {
                    broken.append("decision-maker-trained")
                }
                if !decisionMaker.days.contains(slot.date) || decisionMaker.location != place.id { broken.append("decision-maker-available") }
            } else {
                broken.append("decision-maker-available")
            }
            return broken
        }

        var slotUse: [String: Int] = [:]
        var interpreterDays: [String: [ScheduleSlot]] = [:]
        var decisionMakerDays: [String: [ScheduleSlot]] = [:]
        var bookedAt: [String: ScheduleBooking] = [:]
        for booking in result.bookings {
            guard let claim = claims[booking.claim], let slot = slots[booking.slot] else {
                fail("format", "booking \(booking.claim) in \(booking.slot) names an unknown claim or slot")
                continue
            }
            slotUse[slot.id, default: 0] += 1
            bookedAt[slot.id] = booking
            for code in claimLevel(claim, slot, booking.interpreter, booking.decisionMaker, reserve: false) {
                fail(code, "\(claim.reference) in \(slot.id)")
            }
            if let interpreter = booking.interpreter { interpreterDays["\(interpreter) \(slot.date.iso)", default: []].append(slot) }
            decisionMakerDays["\(booking.decisionMaker) \(slot.date.iso)", default: []].append(slot)
        }
        for (slot, uses) in slotUse where uses > 1 { fail("double-booking", "\(slot) holds \(uses) bookings") }

        func overlaps(_ list: [ScheduleSlot]) -> Bool {
            for (index, a) in list.enumerated() {
                for b in list[(index + 1)...] {
                    let aStart = a.start.minuteOfDay, bStart = b.start.minuteOfDay
                    if a.date == b.date && aStart < bStart + b.minutes && bStart < aStart + a.minutes { return true }
                }
            }
            return false
        }
        for (key, list) in interpreterDays {
            let interpreter = interpreters[String(key.split(separator: " ")[0])]!
            if list.count > interpreter.dailyMaximum { fail("interpreter-capacity", "\(key): \(list.count) bookings") }
            if overlaps(list) { fail("interpreter-capacity", "\(key): overlapping bookings") }
            if !interpreter.remote && Set(list.map { location(ofSlot: $0).id }).count > 1 {
                fail("interpreter-capacity", "\(key): in person at more than one location")
            }
        }
        for (key, list) in decisionMakerDays {
            let decisionMaker = decisionMakers[String(key.split(separator: " ")[0])]!
            if list.count > decisionMaker.dailyMaximum { fail("decision-maker-capacity", "\(key): \(list.count) bookings") }
            if overlaps(list) { fail("decision-maker-capacity", "\(key): overlapping bookings") }
        }

        var reserveUse: [String: Int] = [:]
        for reserve in result.reserves {
            guard let claim = claims[reserve.claim], let slot = slots[reserve.slot], let booking = bookedAt[reserve.slot] else {
                fail("reserve", "reserve \(reserve.claim) names a slot that is not booked")
                continue
            }
            reserveUse[slot.id, default: 0] += 1
            for code in claimLevel(claim, slot, booking.interpreter, booking.decisionMaker, reserve: true) {
                fail("reserve", "\(claim.reference) as reserve in \(slot.id): \(code)")
            }
        }
        for (slot, uses) in reserveUse where uses > 1 { fail("reserve", "\(slot) has \(uses) reserves") }
        let allowed = Int((instance.manifestShare * Double(result.bookings.count)).rounded(.up))
        if result.reserves.count > allowed { fail("reserve", "\(result.reserves.count) reserves, more than \(allowed)") }
        return found
    }
}
