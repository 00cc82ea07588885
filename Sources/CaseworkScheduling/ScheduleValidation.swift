import CaseworkDomain
import Foundation

extension ScheduleInstance {
    /// Reads an instance from JSON and checks it: a JSON error or any broken rule is thrown as a `ValidationFailure`
    /// whose fields are paths in the document ("slots[12].room"), so the planner can find and fix them.
    public static func decode(from data: Data) throws(ValidationFailure) -> ScheduleInstance {
        let instance: ScheduleInstance
        do {
            instance = try JSONDecoder().decode(ScheduleInstance.self, from: data)
        } catch let error as DecodingError {
            throw ValidationFailure([FieldError(decoding: error)])
        } catch {
            throw ValidationFailure([FieldError(field: "", message: "The input could not be read as JSON: \(error)")])
        }
        return try instance.validated()
    }

    /// The instance itself when every reference resolves and every value is in range; otherwise every problem found.
    ///
    /// Beyond the JSON's shape: the format name, the week's days in order and each once, known kinds in the policy,
    /// unique ids, rooms at known locations, slots in known rooms that end by midnight and do not overlap in one room,
    /// interpreters and decision makers at known locations, no negative minutes, distances or daily maximums, and
    /// coordinates on the globe.
    public func validated() throws(ValidationFailure) -> ScheduleInstance {
        var check = Validator()
        if format != ScheduleInstance.formatName {
            check.fail("format", "must be '\(ScheduleInstance.formatName)' (this scheduler reads only that format), not '\(format)'")
        }
        if week.isEmpty { check.fail("week", "must list at least one day") }
        for index in week.indices.dropFirst() where week[index] <= week[index - 1] {
            check.fail("week[\(index)]", "\(week[index].iso) does not follow \(week[index - 1].iso): the week's days must be in order, each once")
        }
        if !manifestShare.isFinite || manifestShare < 0 || manifestShare > 1 {
            check.fail("manifestShare", "must be a share from 0 to 1 (0.065 invites 6.5% more claimants as reserves), not \(manifestShare)")
        }
        for kind in InterviewKind.allCases {
            if let minutes = policy.slotMinutes[kind], minutes <= 0 {
                check.fail("policy.slotMinutes.\(kind.rawValue)", "must be a positive number of minutes, not \(minutes)")
            }
        }
        if policy.childBreakMinutes < 0 {
            check.fail("policy.childBreakMinutes", "must not be negative (it is \(policy.childBreakMinutes))")
        }

        var locationIds: [String: Int] = [:]
        for (index, location) in locations.enumerated() {
            let field = "locations[\(index)]"
            Self.unique(location.id, list: "locations", index: index, seen: &locationIds, check: &check)
            Self.coordinates(latitude: location.latitude, longitude: location.longitude, field: field, check: &check)
            if location.name.isEmpty { check.fail("\(field).name", "must not be empty") }
        }
        var roomIds: [String: Int] = [:]
        for (index, room) in rooms.enumerated() {
            let field = "rooms[\(index)]"
            Self.unique(room.id, list: "rooms", index: index, seen: &roomIds, check: &check)
            if locationIds[room.location] == nil { check.fail("\(field).location", "no location has id '\(room.location)'") }
        }
        var slotIds: [String: Int] = [:]
        var slotsByRoom: [String: [Int]] = [:]
        for (index, slot) in slots.enumerated() {
            let field = "slots[\(index)]"
            Self.unique(slot.id, list: "slots", index: index, seen: &slotIds, check: &check)
            if roomIds[slot.room] == nil {
                check.fail("\(field).room", "no room has id '\(slot.room)'")
            } else {
                slotsByRoom[slot.room, default: []].append(index)
            }
            if slot.minutes <= 0 {
                check.fail("\(field).minutes", "must be a positive number of minutes, not \(slot.minutes)")
            } else if slot.start.minuteOfDay + slot.minutes > 24 * 60 {
                check.fail("\(field).minutes", "the slot starts at \(slot.start) and must end by midnight (it runs \(slot.minutes) minutes)")
            }
        }
        for room in slotsByRoom.keys.sorted() {
            let ordered = slotsByRoom[room]!.sorted { (slots[$0].date, slots[$0].start, $0) < (slots[$1].date, slots[$1].start, $1) }
            for (previous, index) in zip(ordered, ordered.dropFirst()) {
                let earlier = slots[previous], later = slots[index]
                if earlier.date == later.date, earlier.minutes > 0, earlier.start.minuteOfDay + earlier.minutes > later.start.minuteOfDay {
                    check.fail(
                        "slots[\(index)]",
                        "overlaps slot '\(earlier.id)' in room '\(room)' on \(later.date.iso): slots of one room must not overlap"
                    )
                }
            }
        }
        var interpreterIds: [String: Int] = [:]
        for (index, interpreter) in interpreters.enumerated() {
            let field = "interpreters[\(index)]"
            Self.unique(interpreter.id, list: "interpreters", index: index, seen: &interpreterIds, check: &check)
            if interpreter.languages.isEmpty { check.fail("\(field).languages", "must list at least one language") }
            for (position, language) in interpreter.languages.enumerated() {
                Self.language(language, field: "\(field).languages[\(position)]", check: &check)
            }
            for (position, location) in interpreter.locations.enumerated() where locationIds[location] == nil {
                check.fail("\(field).locations[\(position)]", "no location has id '\(location)'")
            }
            if interpreter.dailyMaximum < 0 { check.fail("\(field).dailyMaximum", "must not be negative (it is \(interpreter.dailyMaximum))") }
        }
        var decisionMakerIds: [String: Int] = [:]
        for (index, decisionMaker) in decisionMakers.enumerated() {
            let field = "decisionMakers[\(index)]"
            Self.unique(decisionMaker.id, list: "decisionMakers", index: index, seen: &decisionMakerIds, check: &check)
            if locationIds[decisionMaker.location] == nil { check.fail("\(field).location", "no location has id '\(decisionMaker.location)'") }
            for (position, cohort) in decisionMaker.cohorts.enumerated() where cohort.isEmpty {
                check.fail("\(field).cohorts[\(position)]", "must not be empty (the general work in progress is \"\(ScheduleClaim.generalCohort)\")")
            }
            if decisionMaker.dailyMaximum < 0 {
                check.fail("\(field).dailyMaximum", "must not be negative (it is \(decisionMaker.dailyMaximum))")
            }
        }
        var references: [String: Int] = [:]
        for (index, claim) in claims.enumerated() {
            let field = "claims[\(index)]"
            if claim.reference.isEmpty {
                check.fail("\(field).reference", "must not be empty")
            } else if let first = references[claim.reference] {
                check.fail("\(field).reference", "'\(claim.reference)' is used twice (also claims[\(first)]): references must be unique")
            } else {
                references[claim.reference] = index
            }
            if policy.slotMinutes[claim.kind] == nil {
                check.fail("\(field).kind", "the policy has no slot length for '\(claim.kind.rawValue)' (policy.slotMinutes)")
            }
            if let cohort = claim.cohort, cohort.isEmpty { check.fail("\(field).cohort", "must be a cohort's name or null for the general work in progress") }
            if let language = claim.language { Self.language(language, field: "\(field).language", check: &check) }
            Self.coordinates(latitude: claim.latitude, longitude: claim.longitude, field: field, check: &check)
            if !claim.maximumTravelKm.isFinite || claim.maximumTravelKm < 0 {
                check.fail("\(field).maximumTravelKm", "must be a distance of 0 km or more, not \(claim.maximumTravelKm)")
            }
        }
        try check.finish()
        return self
    }

    private static func unique(_ id: String, list: String, index: Int, seen: inout [String: Int], check: inout Validator) {
        let field = "\(list)[\(index)]"
        guard !id.isEmpty else {
            check.fail("\(field).id", "must not be empty")
            return
        }
        if let first = seen[id] {
            check.fail("\(field).id", "'\(id)' is used twice (also \(list)[\(first)]): ids must be unique")
        } else {
            seen[id] = index
        }
    }

    private static func coordinates(latitude: Double, longitude: Double, field: String, check: inout Validator) {
        if !latitude.isFinite || !(-90.0...90.0).contains(latitude) { check.fail("\(field).latitude", "must be from -90 to 90 degrees, not \(latitude)") }
        if !longitude.isFinite || !(-180.0...180.0).contains(longitude) {
            check.fail("\(field).longitude", "must be from -180 to 180 degrees, not \(longitude)")
        }
    }

    private static func language(_ language: ScheduleLanguage, field: String, check: inout Validator) {
        if language.language.isEmpty { check.fail("\(field).language", "must name a language") }
        if let dialect = language.dialect, dialect.isEmpty { check.fail("\(field).dialect", "must name a dialect, or be null for none") }
    }
}

extension FieldError {
    /// A JSON decoding error as a field error: the path in the document ("claims[3].priority") and what was expected.
    init(decoding error: DecodingError) {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text
        }
        func expected(_ type: Any.Type) -> String {
            switch type {
            case is String.Type: "text"
            case is Int.Type: "a whole number"
            case is Double.Type: "a number"
            case is Bool.Type: "true or false"
            default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
            }
        }
        switch error {
        case let .keyNotFound(key, context):
            self.init(field: path(context.codingPath + [key]), message: "is missing")
        case let .typeMismatch(type, context):
            self.init(field: path(context.codingPath), message: "must be \(expected(type))")
        case let .valueNotFound(type, context):
            self.init(field: path(context.codingPath), message: "must be \(expected(type)), not null")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                self.init(field: "", message: "The input is not valid JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)")
            } else {
                self.init(field: path(context.codingPath), message: context.debugDescription)
            }
        @unknown default:
            self.init(field: "", message: "The input could not be read: \(error)")
        }
    }
}
