import CaseworkDomain

// The interview estate (locations, rooms and their weekly slots, the interpreter register) and decision makers' own
// declarations of when and where they can interview (8.66–8.81; 8.80). Planners called matching a claimant to a place,
// a time, an interpreter and a trained decision maker "a complex jigsaw puzzle" kept in spreadsheets: here every piece
// is a checked record, and every change to one is kept in `resource_changes` with who, when and why.

// MARK: Policy

/// Rules for the estate's records that are not about slots (those are `InterviewResourceRules`), in one place.
public enum InterviewEstatePolicy {
    /// A code: capital letters, digits and hyphens, starting with a letter ("CROYDON", "CROYDON-3", "INT-0042").
    public static let codeLength = 2...30
    /// A location's, room's or interpreter's name.
    public static let maximumNameLength = 100
    /// A location's postal address (several lines).
    public static let maximumAddressLength = 300
    /// Interview locations are in the United Kingdom. A point outside this box is a typing error, most often latitude
    /// and longitude swapped, which would send every claimant's travel distance wrong.
    public static let latitudeRange = 49.8...60.9
    public static let longitudeRange = -8.7...1.8
    /// Most languages one interpreter is registered for.
    public static let maximumLanguages = 8
    /// How many weeks of declarations the availability page shows a team leader.
    public static let availabilityWeeksShown = 2

    /// Languages whose interpreters are in short supply (10.50–10.51: Kurdish dialects, Vietnamese, Tagalog, Georgian,
    /// Bengali/Sylheti, Moroccan Arabic), as the language list's codes. The estate page flags them; the scheduler keeps
    /// their interpreters for the claims that need them.
    public static let shortSupply: [InterpreterLanguage] = [
        InterpreterLanguage(language: "kurdish", dialect: "sorani"), InterpreterLanguage(language: "kurdish", dialect: "kurmanji"),
        InterpreterLanguage(language: "kurdish", dialect: "badini"), InterpreterLanguage(language: "vietnamese"),
        InterpreterLanguage(language: "tagalog"), InterpreterLanguage(language: "georgian"), InterpreterLanguage(language: "bengali"),
        InterpreterLanguage(language: "sylheti"), InterpreterLanguage(language: "arabic", dialect: "moroccan"),
    ]

    /// Whether `language` is one of the short-supply languages.
    public static func isShortSupply(_ language: InterpreterLanguage) -> Bool {
        shortSupply.contains { $0.language == language.language.lowercased() && $0.dialect == language.dialect?.lowercased() }
    }

    /// Whether `code` is a well-formed code.
    public static func isWellFormedCode(_ code: String) -> Bool {
        guard codeLength.contains(code.count), let first = code.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The weekday named by `text`: "Monday", "monday", "Mon" or its ISO number "1".
    public static func weekday(named text: String) -> Weekday? {
        let text = text.trimmingWhitespace.lowercased()
        if let number = Int(text) { return Weekday(rawValue: number) }
        return Weekday.allCases.first { $0.name.lowercased() == text || (text.count == 3 && $0.name.lowercased().hasPrefix(text)) }
    }

    /// "Monday to Friday", "Monday, Wednesday and Friday".
    public static func daysText(_ days: [Weekday]) -> String {
        let days = Set(days).sorted()
        guard let first = days.first, let last = days.last else { return "No days" }
        if days.count >= 3, days.count == last.rawValue - first.rawValue + 1 { return "\(first.name) to \(last.name)" }
        let names = days.map(\.name)
        return names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// The language list's entry for `language` and `dialect`, each by code or English name ("Kurdish", "sorani"), as
    /// the codes claims use; nil when either is not on the list.
    public static func language(_ language: String, dialect: String?) -> InterpreterLanguage? {
        guard let entry = Languages.lookUp(language) else { return nil }
        guard let dialect = dialect?.trimmingWhitespace, !dialect.isEmpty else { return InterpreterLanguage(language: entry.code) }
        return entry.dialect(named: dialect).map { InterpreterLanguage(language: entry.code, dialect: $0.code) }
    }

    /// The language in words, from the language list: "Kurdish (Sorani)".
    public static func languageText(_ language: InterpreterLanguage) -> String {
        Languages.displayName(language: language.language, dialect: language.dialect)
    }
}

// MARK: Inputs

/// Reads a JSON number or text as text, so "51.37" and 51.37 are both accepted and a wrong value is named by field.
private func numberOrText<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws -> String? {
    if let number = try? container.decodeIfPresent(Double.self, forKey: key) {
        return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
    return try container.decodeIfPresent(String.self, forKey: key)
}

/// Checks a code typed by a keeper: required, upper-cased, well formed.
private func checkedCode(_ text: String?, _ check: inout Validator, label: String, example: String) -> String? {
    guard let code = text?.trimmingWhitespace.uppercased(), !code.isEmpty else {
        check.fail("code", "Enter \(label)'s code, for example \(example)")
        return nil
    }
    guard InterviewEstatePolicy.isWellFormedCode(code) else {
        check.fail("code", "The code must be \(InterviewEstatePolicy.codeLength.lowerBound) to \(InterviewEstatePolicy.codeLength.upperBound) capital letters, digits or hyphens, starting with a letter, for example \(example)")
        return nil
    }
    return code
}

/// Reads weekday names: every one known, no weekend, at least one.
private func checkedDays(_ texts: [String]?, _ field: String, _ check: inout Validator, label: String) -> [Weekday] {
    let texts = (texts ?? []).map(\.trimmingWhitespace).filter { !$0.isEmpty }
    guard !texts.isEmpty else {
        check.fail(field, "Select at least one day \(label)")
        return []
    }
    var days: [Weekday] = []
    for (index, text) in texts.enumerated() {
        guard let day = InterviewEstatePolicy.weekday(named: text) else {
            check.fail("\(field)[\(index)]", "'\(text.prefix(20))' is not a day of the week; use Monday to Friday")
            continue
        }
        if day.isWeekend {
            check.fail("\(field)[\(index)]", "\(day.name) is not a working day: interviews are held Monday to Friday")
        } else if !days.contains(day) {
            days.append(day)
        }
    }
    return days.sorted()
}

/// Reads a daily maximum: a whole number from 1 to `InterviewResourceRules.dailyMaximumLimit`.
private func checkedDailyMaximum(_ text: String?, _ check: inout Validator) -> Int? {
    let limit = InterviewResourceRules.dailyMaximumLimit
    guard let text = text?.trimmingWhitespace, !text.isEmpty else {
        check.fail("dailyMaximum", "Enter the most interviews in a day, from 1 to \(limit)")
        return nil
    }
    guard let value = Int(text), (1...limit).contains(value) else {
        check.fail("dailyMaximum", "The most interviews in a day must be a whole number from 1 to \(limit) (it is \(text.prefix(20)))")
        return nil
    }
    return value
}

/// An interview location as a keeper types it or sends it to the API, checked by `validated`.
public struct InterviewLocationInput: Codable, Sendable, Hashable {
    /// Upper-cased when read; fixed once the location exists.
    public var code: String?
    public var name: String?
    public var address: String?
    /// Decimal degrees, as a JSON number or text.
    public var latitude: String?
    public var longitude: String?
    /// Weekday names ("Monday") or ISO numbers.
    public var openDays: [String]?
    /// nil keeps the location as it is (a new one is open); false closes it, true reopens it.
    public var active: Bool?

    /// Creates an input.
    public init(
        code: String? = nil, name: String? = nil, address: String? = nil, latitude: String? = nil, longitude: String? = nil, openDays: [String]? = nil,
        active: Bool? = nil
    ) {
        self.code = code
        self.name = name
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.openDays = openDays
        self.active = active
    }

    /// The input of a location as it stands, to prefill a form.
    public init(_ location: InterviewLocation) {
        self.init(
            code: location.code, name: location.name, address: location.address, latitude: String(location.point.latitude),
            longitude: String(location.point.longitude), openDays: location.openDays.map(\.name), active: location.active
        )
    }

    private enum CodingKeys: String, CodingKey { case code, name, address, latitude, longitude, openDays, active }

    /// Decodes the input, taking the coordinates as JSON numbers or as text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decodeIfPresent(String.self, forKey: .code)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        address = try container.decodeIfPresent(String.self, forKey: .address)
        latitude = try numberOrText(container, .latitude)
        longitude = try numberOrText(container, .longitude)
        openDays = try container.decodeIfPresent([String].self, forKey: .openDays)
        active = try container.decodeIfPresent(Bool.self, forKey: .active)
    }

    /// The location, or every broken rule by field. Whether the code is already taken is the store's to say.
    public func validated() throws(ValidationFailure) -> InterviewLocation {
        var check = Validator()
        let code = checkedCode(self.code, &check, label: "the location", example: "CROYDON")
        let name = check.requiredText(self.name, "name", label: "the location's name", maximum: InterviewEstatePolicy.maximumNameLength)
        let address = check.requiredText(self.address, "address", label: "the location's address", maximum: InterviewEstatePolicy.maximumAddressLength)
        func coordinate(_ text: String?, _ field: String, _ label: String, _ range: ClosedRange<Double>, _ example: String) -> Double? {
            guard let text = text?.trimmingWhitespace, !text.isEmpty else {
                check.fail(field, "Enter the \(label) in decimal degrees, for example \(example)")
                return nil
            }
            guard let value = Double(text), value.isFinite else {
                check.fail(field, "The \(label) must be a number of decimal degrees, for example \(example)")
                return nil
            }
            guard range.contains(value) else {
                check.fail(field, "The \(label) must be in the United Kingdom, from \(range.lowerBound) to \(range.upperBound) (it is \(text.prefix(20))); check latitude and longitude are not swapped")
                return nil
            }
            return value
        }
        let latitude = coordinate(self.latitude, "latitude", "latitude", InterviewEstatePolicy.latitudeRange, "51.3759")
        let longitude = coordinate(self.longitude, "longitude", "longitude", InterviewEstatePolicy.longitudeRange, "-0.0958")
        let days = checkedDays(openDays, "openDays", &check, label: "the location is open")
        let point = latitude.flatMap { latitude in longitude.flatMap { GeoPoint(latitude: latitude, longitude: $0) } }
        try check.finish()
        return InterviewLocation(code: code!, name: name!, address: address!, point: point!, openDays: days, active: active ?? true)
    }
}

/// One weekly slot as typed: a weekday, a start time "09:30" and a length in minutes.
public struct RoomSlotInput: Codable, Sendable, Hashable {
    public var weekday: String?
    public var start: String?
    /// A JSON number or text.
    public var minutes: String?

    /// Creates an input.
    public init(weekday: String? = nil, start: String? = nil, minutes: String? = nil) {
        self.weekday = weekday
        self.start = start
        self.minutes = minutes
    }

    /// The input of a slot as it stands.
    public init(_ slot: RoomSlot) {
        self.init(weekday: slot.weekday.name, start: InterviewResourceRules.clockTime(slot.start), minutes: String(slot.minutes))
    }

    private enum CodingKeys: String, CodingKey { case weekday, start, minutes }

    /// Decodes the slot, taking `minutes` as a JSON number or as text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        weekday = try container.decodeIfPresent(String.self, forKey: .weekday)
        start = try container.decodeIfPresent(String.self, forKey: .start)
        minutes = try numberOrText(container, .minutes)
    }

    /// Slots from lines of text, one a line: "Monday 09:30 135". Blank lines are skipped; a line that does not have
    /// three parts keeps what it has, so the check names what is missing.
    public static func lines(_ text: String) -> [RoomSlotInput] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
            guard !parts.isEmpty else { return nil }
            return RoomSlotInput(weekday: parts[0], start: parts.count > 1 ? parts[1] : nil, minutes: parts.count > 2 ? parts[2...].joined(separator: " ") : nil)
        }
    }

    /// Slots as lines of text, the form `lines` reads.
    public static func text(_ slots: [RoomSlot]) -> String {
        slots.sorted().map { "\($0.weekday.name) \(InterviewResourceRules.clockTime($0.start)) \($0.minutes)" }.joined(separator: "\n")
    }
}

/// An interview room as a keeper types it or sends it to the API, checked by `validated`.
public struct InterviewRoomInput: Codable, Sendable, Hashable {
    public var code: String?
    /// The location's code.
    public var location: String?
    public var name: String?
    public var childSuitable: Bool?
    public var stepFree: Bool?
    public var weeklySlots: [RoomSlotInput]?
    /// nil keeps the room as it is (a new one is in use); false takes it out of use, true brings it back.
    public var active: Bool?

    /// Creates an input.
    public init(
        code: String? = nil, location: String? = nil, name: String? = nil, childSuitable: Bool? = nil, stepFree: Bool? = nil, weeklySlots: [RoomSlotInput]? = nil,
        active: Bool? = nil
    ) {
        self.code = code
        self.location = location
        self.name = name
        self.childSuitable = childSuitable
        self.stepFree = stepFree
        self.weeklySlots = weeklySlots
        self.active = active
    }

    /// The input of a room as it stands.
    public init(_ room: InterviewRoom) {
        self.init(
            code: room.code, location: room.location, name: room.name, childSuitable: room.childSuitable, stepFree: room.stepFree,
            weeklySlots: room.weeklySlots.map(RoomSlotInput.init), active: room.active
        )
    }

    /// The room, or every broken rule by field: code, name, and each slot (a weekday, a start on the clock, a length),
    /// then `InterviewResourceRules.slotProblems` over them all. Whether the location exists and is open on each slot's
    /// day is the store's to say.
    public func validated() throws(ValidationFailure) -> InterviewRoom {
        var check = Validator()
        let code = checkedCode(self.code, &check, label: "the room", example: "CROYDON-3")
        var location: String?
        if let text = self.location?.trimmingWhitespace.uppercased(), !text.isEmpty {
            location = text
        } else {
            check.fail("location", "Select the location the room is in")
        }
        let name = check.requiredText(self.name, "name", label: "the room's name", maximum: InterviewEstatePolicy.maximumNameLength)
        let inputs = weeklySlots ?? []
        var slots: [RoomSlot] = []
        if inputs.isEmpty, active ?? true {
            check.fail("weeklySlots", "Enter at least one weekly slot, for example Monday 09:30 135; a room with no slots takes no interviews")
        }
        for (index, input) in inputs.enumerated() {
            let field = "weeklySlots[\(index)]"
            let line = "Slot \(index + 1)"
            let day = input.weekday.flatMap(InterviewEstatePolicy.weekday(named:))
            if day == nil { check.fail("\(field).weekday", "\(line): '\((input.weekday ?? "").prefix(20))' is not a day of the week, for example Monday") }
            let start = input.start.flatMap { InterviewResourceRules.minute(of: $0.trimmingWhitespace) }
            if start == nil { check.fail("\(field).start", "\(line): the start must be a time on the 24-hour clock, for example 09:30 (it is '\((input.start ?? "").prefix(20))')") }
            let minutes = input.minutes.flatMap { Int($0.trimmingWhitespace) }
            if minutes == nil { check.fail("\(field).minutes", "\(line): the length must be a whole number of minutes, for example 135 (it is '\((input.minutes ?? "").prefix(20))')") }
            if let day, let start, let minutes { slots.append(RoomSlot(weekday: day, start: start, minutes: minutes)) }
        }
        for problem in InterviewResourceRules.slotProblems(slots) { check.fail(problem.field, problem.message) }
        try check.finish()
        return InterviewRoom(
            code: code!, location: location!, name: name!, childSuitable: childSuitable ?? false, stepFree: stepFree ?? false, weeklySlots: slots,
            active: active ?? true
        )
    }
}

/// A language an interpreter works in, as typed: the language and, when it matters, the dialect (by the language list's
/// code or name).
public struct InterpreterLanguageInput: Codable, Sendable, Hashable {
    public var language: String?
    public var dialect: String?

    /// Creates an input.
    public init(language: String? = nil, dialect: String? = nil) {
        self.language = language
        self.dialect = dialect
    }

    /// Languages from lines of text, one a line: "Kurdish (Sorani)", "Kurdish Sorani", "arabic: moroccan" or "Tigrinya".
    public static func lines(_ text: String) -> [InterpreterLanguageInput] {
        text.split(whereSeparator: \.isNewline).compactMap { line -> InterpreterLanguageInput? in
            let trimmed = String(line).trimmingWhitespace
            guard !trimmed.isEmpty else { return nil }
            if let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") {
                return InterpreterLanguageInput(
                    language: String(trimmed[..<open]).trimmingWhitespace, dialect: String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]).trimmingWhitespace
                )
            }
            if let colon = trimmed.firstIndex(of: ":") {
                return InterpreterLanguageInput(language: String(trimmed[..<colon]).trimmingWhitespace, dialect: String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace)
            }
            // "Kurdish Sorani": a known language followed by one of its dialects; otherwise the whole line is the language.
            let words = trimmed.split(separator: " ").map(String.init)
            for split in stride(from: words.count - 1, to: 0, by: -1) {
                let language = words[..<split].joined(separator: " "), dialect = words[split...].joined(separator: " ")
                if let entry = Languages.lookUp(language), entry.dialect(named: dialect) != nil {
                    return InterpreterLanguageInput(language: language, dialect: dialect)
                }
            }
            return InterpreterLanguageInput(language: trimmed)
        }
    }

    /// Languages as lines of text, the form `lines` reads.
    public static func text(_ languages: [InterpreterLanguage]) -> String {
        languages.map(InterviewEstatePolicy.languageText).joined(separator: "\n")
    }
}

extension Languages {
    /// The language whose code or English name is `text` (case-insensitive).
    static func lookUp(_ text: String) -> Language? {
        let wanted = text.trimmingWhitespace.lowercased()
        return language(code: wanted) ?? all.first { $0.name.lowercased() == wanted }
    }
}

extension Language {
    /// The dialect whose code or English name is `text` (case-insensitive).
    func dialect(named text: String) -> Dialect? {
        let wanted = text.trimmingWhitespace.lowercased()
        return dialect(code: wanted) ?? dialects.first { $0.name.lowercased() == wanted || $0.code == wanted.split(separator: " ").joined(separator: "-") }
    }
}

/// An interpreter as a keeper types it or sends it to the API, checked by `validated`.
public struct InterpreterInput: Codable, Sendable, Hashable {
    public var code: String?
    public var name: String?
    public var languages: [InterpreterLanguageInput]?
    /// Location codes they attend in person.
    public var locations: [String]?
    /// Interprets by video at any location.
    public var remote: Bool?
    /// Weekday names they work.
    public var days: [String]?
    /// A JSON number or text, 1 to `InterviewResourceRules.dailyMaximumLimit`.
    public var dailyMaximum: String?
    /// nil keeps the interpreter as they are (a new one is bookable); false stops bookings, true restores them.
    public var active: Bool?

    /// Creates an input.
    public init(
        code: String? = nil, name: String? = nil, languages: [InterpreterLanguageInput]? = nil, locations: [String]? = nil, remote: Bool? = nil,
        days: [String]? = nil, dailyMaximum: String? = nil, active: Bool? = nil
    ) {
        self.code = code
        self.name = name
        self.languages = languages
        self.locations = locations
        self.remote = remote
        self.days = days
        self.dailyMaximum = dailyMaximum
        self.active = active
    }

    /// The input of an interpreter as they stand.
    public init(_ interpreter: Interpreter) {
        self.init(
            code: interpreter.code, name: interpreter.name,
            languages: interpreter.languages.map { InterpreterLanguageInput(language: $0.language, dialect: $0.dialect) }, locations: interpreter.locations,
            remote: interpreter.remote, days: interpreter.days.map(\.name), dailyMaximum: String(interpreter.dailyMaximum), active: interpreter.active
        )
    }

    private enum CodingKeys: String, CodingKey { case code, name, languages, locations, remote, days, dailyMaximum, active }

    /// Decodes the input, taking `dailyMaximum` as a JSON number or as text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decodeIfPresent(String.self, forKey: .code)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        languages = try container.decodeIfPresent([InterpreterLanguageInput].self, forKey: .languages)
        locations = try container.decodeIfPresent([String].self, forKey: .locations)
        remote = try container.decodeIfPresent(Bool.self, forKey: .remote)
        days = try container.decodeIfPresent([String].self, forKey: .days)
        dailyMaximum = try numberOrText(container, .dailyMaximum)
        active = try container.decodeIfPresent(Bool.self, forKey: .active)
    }

    /// The interpreter, or every broken rule by field. Languages and dialects must be on the language list (stored by
    /// its codes, the same codes a claim's languages use, so `InterpreterLanguage.serves` matches them); whether each
    /// location exists is the store's to say.
    public func validated() throws(ValidationFailure) -> Interpreter {
        var check = Validator()
        let code = checkedCode(self.code, &check, label: "the interpreter", example: "INT-0042")
        let name = check.requiredText(self.name, "name", label: "the interpreter's name", maximum: InterviewEstatePolicy.maximumNameLength)
        var languages: [InterpreterLanguage] = []
        let inputs = (self.languages ?? []).filter { !($0.language ?? "").trimmingWhitespace.isEmpty || !($0.dialect ?? "").trimmingWhitespace.isEmpty }
        if inputs.isEmpty {
            check.fail("languages", "Enter at least one language the interpreter works in, for example Kurdish (Sorani)")
        } else if inputs.count > InterviewEstatePolicy.maximumLanguages {
            check.fail("languages", "An interpreter can be registered for at most \(InterviewEstatePolicy.maximumLanguages) languages (there are \(inputs.count))")
        }
        for (index, input) in inputs.enumerated() {
            let field = "languages[\(index)]"
            let text = (input.language ?? "").trimmingWhitespace
            guard let entry = Languages.lookUp(text) else {
                check.fail("\(field).language", text.isEmpty ? "Enter the language of line \(index + 1)" : "'\(text.prefix(40))' is not on the language list; use its English name, for example Kurdish or Tigrinya")
                continue
            }
            var dialect: String?
            if let dialectText = input.dialect?.trimmingWhitespace, !dialectText.isEmpty {
                guard let known = entry.dialect(named: dialectText) else {
                    let known = entry.dialects.map(\.name)
                    check.fail(
                        "\(field).dialect",
                        known.isEmpty
                            ? "\(entry.name) has no dialects on the language list; enter \(entry.name) alone"
                            : "'\(dialectText.prefix(40))' is not a dialect of \(entry.name); the list has \(known.joined(separator: ", "))"
                    )
                    continue
                }
                dialect = known.code
            }
            let language = InterpreterLanguage(language: entry.code, dialect: dialect)
            if languages.contains(language) {
                check.fail("\(field).language", "\(InterviewEstatePolicy.languageText(language)) is listed twice")
            } else {
                languages.append(language)
            }
        }
        var locations: [String] = []
        for text in locationCodes(self.locations) where !locations.contains(text) { locations.append(text) }
        let remote = self.remote ?? false
        if locations.isEmpty, !remote {
            check.fail("locations", "Select at least one location the interpreter attends, or record that they interpret remotely by video")
        }
        let days = checkedDays(self.days, "days", &check, label: "the interpreter works")
        let maximum = checkedDailyMaximum(dailyMaximum, &check)
        try check.finish()
        return Interpreter(
            code: code!, name: name!, languages: languages.sorted(), locations: locations, remote: remote, days: days, dailyMaximum: maximum!, active: active ?? true
        )
    }

    private func locationCodes(_ texts: [String]?) -> [String] {
        (texts ?? []).map { $0.trimmingWhitespace.uppercased() }.filter { !$0.isEmpty }
    }
}

/// A decision maker's declaration as typed or sent: the days, the location and the most interviews a day.
public struct AvailabilityInput: Codable, Sendable, Hashable {
    /// YYYY-MM-DD, one or more.
    public var dates: [String]?
    /// The location's code.
    public var location: String?
    /// A JSON number or text.
    public var dailyMaximum: String?

    /// Creates an input.
    public init(dates: [String]? = nil, location: String? = nil, dailyMaximum: String? = nil) {
        self.dates = dates
        self.location = location
        self.dailyMaximum = dailyMaximum
    }

    private enum CodingKeys: String, CodingKey { case dates, location, dailyMaximum }

    /// Decodes the input, taking `dailyMaximum` as a JSON number or as text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dates = try container.decodeIfPresent([String].self, forKey: .dates)
        location = try container.decodeIfPresent(String.self, forKey: .location)
        dailyMaximum = try numberOrText(container, .dailyMaximum)
    }
}

// MARK: Outputs and errors

/// What a `resource_changes` row is about.
public enum InterviewResourceKind: String, Codable, Sendable, CaseIterable {
    case location
    case room
    case interpreter
    /// A decision maker's declared day (the row's code is their username).
    case availability
}

/// No location, room, interpreter or declaration matches what was asked for.
public struct InterviewResourceNotFound: Error, Sendable, Hashable {
    /// What was not found, in words.
    public let message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
}

/// One entry of a resource's history: who changed what, when and why. Append-only.
public struct InterviewResourceChange: Sendable, Hashable {
    public var kind: InterviewResourceKind
    public var code: String
    /// "created", "updated", "closed", "reopened", "declared", "changed" or "withdrawn".
    public var type: String
    public var at: Instant
    public var actor: StaffID
    public var actorRole: Role
    /// What changed, one plain line each.
    public var lines: [String]
    public var reason: String?
}

/// The whole estate, for the estate page and the API: every location, room and interpreter, in use or not.
public struct InterviewEstateSnapshot: Sendable, Hashable {
    public var locations: [InterviewLocation]
    public var rooms: [InterviewRoom]
    public var interpreters: [Interpreter]

    /// The rooms of `location`.
    public func rooms(at location: String) -> [InterviewRoom] { rooms.filter { $0.location == location } }

    /// Each language (with its dialect) interpreters in use are registered for, with how many, fewest first.
    public var interpreterSupply: [(language: InterpreterLanguage, interpreters: Int, remote: Int)] {
        var counts: [InterpreterLanguage: (Int, Int)] = [:]
        for interpreter in interpreters where interpreter.active {
            for language in interpreter.languages { counts[language, default: (0, 0)].0 += 1; if interpreter.remote { counts[language]!.1 += 1 } }
        }
        return counts.map { ($0.key, $0.value.0, $0.value.1) }.sorted { ($0.interpreters, $0.language) < ($1.interpreters, $1.language) }
    }
}

/// A declaration with who made it, for the team leader's view and the decision maker's own list.
public struct AvailabilityEntry: Sendable, Hashable {
    public var declaration: DeclaredAvailability
    public var displayName: String
    public var unit: UnitID
    public var declaredAt: Instant
}

/// The JSON payload of a `resource_changes` row: the record before and after (nil when created or withdrawn).
struct ResourceChangePayload<Record: Codable>: Codable {
    var before: Record?
    var after: Record?
}

// MARK: The store

extension CaseworkStore {
    // MARK: Reads for booking and scheduling

    /// Interview locations, by name: open ones only unless `includeInactive`.
    public func interviewLocations(includeInactive: Bool = false) async throws -> [InterviewLocation] {
        try await database.read { try await InterviewResourceRows.loadLocations(activeOnly: !includeInactive, $0) }
    }

    /// Interview rooms, by location and code: unless `includeInactive`, those in use at open locations (a closed
    /// location's rooms take no interviews).
    public func interviewRooms(includeInactive: Bool = false) async throws -> [InterviewRoom] {
        try await database.read { connection in
            let rooms = try await InterviewResourceRows.loadRooms(activeOnly: !includeInactive, connection)
            if includeInactive { return rooms }
            let open = Set(try await InterviewResourceRows.loadLocations(activeOnly: true, connection).map(\.code))
            return rooms.filter { open.contains($0.location) }
        }
    }

    /// Interpreters, by code: bookable ones only unless `includeInactive`.
    public func interpreters(includeInactive: Bool = false) async throws -> [Interpreter] {
        try await database.read { try await InterviewResourceRows.loadInterpreters(activeOnly: !includeInactive, $0) }
    }

    /// Declared availability from `first` to `last` (both included) at open locations, by date and username: what
    /// booking and the scheduler may use.
    public func declaredAvailability(from first: LocalDate, to last: LocalDate) async throws -> [DeclaredAvailability] {
        try await database.read { connection in
            let open = Set(try await InterviewResourceRows.loadLocations(activeOnly: true, connection).map(\.code))
            return try await InterviewResourceRows.loadAvailability(from: first, to: last, connection).filter { open.contains($0.location) }
        }
    }

    // MARK: Reads for people

    /// The whole estate, in use or not, for those who see interviews (`AccessPolicy.interviewViewers`).
    public func interviewEstate(for actor: Actor) async throws -> InterviewEstateSnapshot {
        try Self.checkEstateReader(actor)
        return try await database.read { connection in
            InterviewEstateSnapshot(
                locations: try await InterviewResourceRows.loadLocations(activeOnly: false, connection),
                rooms: try await InterviewResourceRows.loadRooms(activeOnly: false, connection),
                interpreters: try await InterviewResourceRows.loadInterpreters(activeOnly: false, connection)
            )
        }
    }

    /// One location.
    public func interviewLocation(_ code: String, for actor: Actor) async throws -> InterviewLocation {
        try Self.checkEstateReader(actor)
        guard let location = try await database.read({ try await self.loadLocation(code, lock: false, $0) }) else {
            throw InterviewResourceNotFound("No interview location has the code \(code.prefix(40))")
        }
        return location
    }

    /// One room.
    public func interviewRoom(_ code: String, for actor: Actor) async throws -> InterviewRoom {
        try Self.checkEstateReader(actor)
        guard let room = try await database.read({ try await self.loadRoom(code, lock: false, $0) }) else {
            throw InterviewResourceNotFound("No interview room has the code \(code.prefix(40))")
        }
        return room
    }

    /// One interpreter.
    public func interpreter(_ code: String, for actor: Actor) async throws -> Interpreter {
        try Self.checkEstateReader(actor)
        guard let interpreter = try await database.read({ try await self.loadInterpreter(code, lock: false, $0) }) else {
            throw InterviewResourceNotFound("No interpreter has the code \(code.prefix(40))")
        }
        return interpreter
    }

    /// The history of a location, room or interpreter, newest first.
    public func interviewResourceHistory(_ kind: InterviewResourceKind, code: String, for actor: Actor, limit: Int = 200) async throws -> [InterviewResourceChange] {
        try Self.checkEstateReader(actor)
        return try await database.read { connection in
            try await self.loadChanges(kind, code: code, limit: limit, connection)
        }
    }

    // MARK: Changing the estate

    /// Adds a location. Only `AccessPolicy.interviewResourceKeepers` may; the code must be new.
    @discardableResult
    public func createInterviewLocation(_ input: InterviewLocationInput, by actor: Actor, reason: String?) async throws -> InterviewLocation {
        try Self.checkKeeper(actor)
        let reason = try Self.checkedResourceReason(reason)
        var input = input
        input.active = true
        let location = try input.validated()
        let now = clock.now()
        return try await uniqueCode(field: "code", "An interview location already has the code \(location.code)") {
            try await database.transaction { connection in
                if try await self.loadLocation(location.code, lock: false, connection) != nil {
                    throw ValidationFailure([FieldError(field: "code", message: "An interview location already has the code \(location.code)")])
                }
                try await connection.execute(
                    "INSERT INTO interview_locations (code, name, address, latitude, longitude, open_days, active) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Self.locationBinds(location)
                )
                try await self.recordChange(.location, code: location.code, type: "created", before: nil as InterviewLocation?, after: location, by: actor, at: now, reason: reason, connection)
                return location
            }
        }
    }

    /// Replaces a location's name, address, coordinates and open days, and closes or reopens it (`active`). Closing a
    /// day on which rooms in use have slots, or on which decision makers have declared days ahead, is refused, as is
    /// closing a location with interviews booked from today.
    @discardableResult
    public func updateInterviewLocation(_ code: String, to input: InterviewLocationInput, by actor: Actor, reason: String?) async throws -> InterviewLocation {
        try Self.checkKeeper(actor)
        let reason = try Self.checkedResourceReason(reason)
        let now = clock.now()
        return try await database.transaction { connection in
            guard let before = try await self.loadLocation(code, lock: true, connection) else {
                throw InterviewResourceNotFound("No interview location has the code \(code.prefix(40))")
            }
            var input = input
            try Self.checkSameCode(input.code, before.code, label: "location")
            input.code = before.code
            if input.active == nil { input.active = before.active }
            let location = try input.validated()
            if location == before { return before }
            var problems: [FieldError] = []
            let closedDays = Set(before.openDays).subtracting(location.openDays).sorted()
            if !closedDays.isEmpty {
                let rooms = try await InterviewResourceRows.loadRooms(activeOnly: true, connection).filter { $0.location == before.code }
                for day in closedDays {
                    let using = rooms.filter { room in room.weeklySlots.contains { $0.weekday == day } }.map(\.code)
                    if !using.isEmpty {
                        problems.append(FieldError(field: "openDays", message: "Rooms \(using.joined(separator: ", ")) have slots on \(day.name)s; change their slots before closing the location on \(day.name)s"))
                    }
                }
                let declared = try await connection.query(
                    "SELECT date FROM interview_availability WHERE location = ? AND date >= ?", [.text(before.code), .text(now.date.iso)]
                ).compactMap { $0["date"].string.flatMap(LocalDate.init(iso:)) }.filter { closedDays.contains($0.weekday) }
                if !declared.isEmpty {
                    problems.append(FieldError(
                        field: "openDays",
                        message: "Decision makers have declared \(declared.count == 1 ? "1 day" : "\(declared.count) days") at \(before.code) on days it would close (first \(declared.min()!.longForm)); ask them to withdraw those first"
                    ))
                }
            }
            if before.active, !location.active {
                let booked = try await self.bookedInterviews("location", before.code, from: now.date, connection)
                if booked > 0 {
                    problems.append(FieldError(field: "active", message: "\(before.code) has \(booked == 1 ? "1 interview" : "\(booked) interviews") booked from today; rebook them before closing it"))
                }
            }
            if !problems.isEmpty { throw ValidationFailure(problems) }
            try await connection.execute(
                "UPDATE interview_locations SET name = ?, address = ?, latitude = ?, longitude = ?, open_days = ?, active = ? WHERE code = ?",
                Array(Self.locationBinds(location).dropFirst()) + [.text(location.code)]
            )
            let type = before.active == location.active ? "updated" : location.active ? "reopened" : "closed"
            try await self.recordChange(.location, code: location.code, type: type, before: before, after: location, by: actor, at: now, reason: reason, connection)
            return location
        }
    }

    /// Adds a room at an open location, with weekly slots on days the location is open.
    @discardableResult
    public func createInterviewRoom(_ input: InterviewRoomInput, by actor: Actor, reason: String?) async throws -> InterviewRoom {
        try Self.checkKeeper(actor)
        let reason = try Self.checkedResourceReason(reason)
        var input = input
        input.active = true
        let room = try input.validated()
        let now = clock.now()
        return try await uniqueCode(field: "code", "An interview room already has the code \(room.code)") {
            try await database.transaction { connection in
                var problems: [FieldError] = []
                if try await self.loadRoom(room.code, lock: false, connection) != nil {
                    problems.append(FieldError(field: "code", message: "An interview room already has the code \(room.code)"))
                }
                problems += try await self.roomLocationProblems(room, connection)
                if !problems.isEmpty { throw ValidationFailure(problems) }
                try await connection.execute(
                    "INSERT INTO interview_rooms (code, location, name, child_suitable, step_free, weekly_slots, active) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    try Self.roomBinds(room)
                )
                try await self.recordChange(.room, code: room.code, type: "created", before: nil as InterviewRoom?, after: room, by: actor, at: now, reason: reason, connection)
                return room
            }
        }
    }

    /// Replaces a room's location, name, facilities and weekly slots, and takes it out of use or back (`active`).
    /// Taking it out of use, or moving it, is refused while interviews are booked in it from today.
    @discardableResult
    public func updateInterviewRoom(_ code: String, to input: InterviewRoomInput, by actor: Actor, reason: String?) async throws -> InterviewRoom {
        try Self.checkKeeper(actor)
        let reason = try Self.checkedResourceReason(reason)
        let now = clock.now()
        return try await database.transaction { connection in
            guard let before = try await self.loadRoom(code, lock: true, connection) else {
                throw InterviewResourceNotFound("No interview room has the code \(code.prefix(40))")
            }
            var input = input
            try Self.checkSameCode(input.code, before.code, label: "room")
            input.code = before.code
            if input.active == nil { input.active = before.active }
            let room = try input.validated()
            if room == before { return before }
            var problems: [FieldError] = []
            if room.active { problems += try await self.roomLocationProblems(room, connection) }
            if (before.active && !room.active) || before.location != room.location {
                let booked = try await self.bookedInterviews("room", before.code, from: now.date, connection)
                if booked > 0 {
                    let field = before.location != room.location ? "location" : "active"
                    problems.append(FieldError(field: field, message: "\(before.code) has \(booked == 1 ? "1 interview" : "\(booked) interviews") booked from today; rebook them first"))
                }
            }
            if !problems.isEmpty { throw ValidationFailure(problems) }
            try await connection.execute(
                "UPDATE interview_rooms SET location = ?, name = ?, child_suitable = ?, step_free = ?, weekly_slots = ?, active = ? WHERE code = ?",
                Array(try Self.roomBinds(room).dropFirst()) + [.text(room.code)]
            )
            let type = before.active == room.active ? "updated" : room.active ? "reopened" : "closed"
            try await self.recordChange(.room, code: room.code, type: type, before: before, after: room, by: actor, at: now, reason: reason, connection)
            return room
        }
    }

    /// Registers an interpreter: languages and dialects, the locations they attend, remote working, days and the most
    /// interviews a day.
    @discardableResult
    public func createInterpreter(_ input: InterpreterInput, by actor: Actor, reason: String?) async throws -> Interpreter {
        try Self.checkKeeper(actor)
        let reason = try Self.checkedResourceReason(reason)
        var input = input
        input.active = true
        let interpreter = try input.validated()
        let now = clock.now()
        return try await uniqueCode(field: "code", "An interpreter already has the code \(interpreter.code)") {
            try await database.transaction { connection in
                var problems: [FieldError] = []
                if try await self.loadInterpreter(interpreter.code, lock: false, connection) != nil {
                    problems.append(FieldError(field: "code", message: "An interpreter already has the code \(interpreter.code)"))
                }
                problems += try await self.interpreterLocationProblems(interpreter, connection)
                if !problems.isEmpty { throw ValidationFailure(problems) }
                try await connection.execute(
                    "INSERT INTO interpreters (code, name, data, remote, daily_maximum, active) VALUES (?, ?, ?, ?, ?, ?)", try Self.interpreterBinds(interpreter)
                )
                try await self.writeInterpreterLanguages(interpreter, connection)
                try await self.recordChange(.interpreter, code: interpreter.code, type: "created", before: nil as Interpreter?, after: interpreter, by: actor, at: now, reason: reason, connection)
                return interpreter
            }
        }
    }

    /// Replaces an interpreter's record, and stops or restores their bookings (`active`). Stopping them is refused
    /// while interviews are booked with them from today.
    @discardableResult
    public func updateInterpreter(_ code: String, to input: InterpreterInput, by actor: Actor, reason: String?) async throws -> Interpreter {
        try Self.checkKeeper(actor)
        let reason = try Self.checkedResourceReason(reason)
        let now = clock.now()
        return try await database.transaction { connection in
            guard let before = try await self.loadInterpreter(code, lock: true, connection) else {
                throw InterviewResourceNotFound("No interpreter has the code \(code.prefix(40))")
            }
            var input = input
            try Self.checkSameCode(input.code, before.code, label: "interpreter")
            input.code = before.code
            if input.active == nil { input.active = before.active }
            let interpreter = try input.validated()
            if interpreter == before { return before }
            var problems = try await self.interpreterLocationProblems(interpreter, connection, previously: before.locations)
            if before.active, !interpreter.active {
                let booked = try await self.bookedInterviews("interpreter", before.code, from: now.date, connection)
                if booked > 0 {
                    problems.append(FieldError(field: "active", message: "\(before.code) has \(booked == 1 ? "1 interview" : "\(booked) interviews") booked from today; rebook them first"))
                }
            }
            if !problems.isEmpty { throw ValidationFailure(problems) }
            try await connection.execute(
                "UPDATE interpreters SET name = ?, data = ?, remote = ?, daily_maximum = ?, active = ? WHERE code = ?",
                Array(try Self.interpreterBinds(interpreter).dropFirst()) + [.text(interpreter.code)]
            )
            try await connection.execute("DELETE FROM interpreter_languages WHERE interpreter = ?", [.text(interpreter.code)])
            try await self.writeInterpreterLanguages(interpreter, connection)
            let type = before.active == interpreter.active ? "updated" : interpreter.active ? "reopened" : "closed"
            try await self.recordChange(.interpreter, code: interpreter.code, type: type, before: before, after: interpreter, by: actor, at: now, reason: reason, connection)
            return interpreter
        }
    }

    // MARK: Declared availability (8.80)

    /// Declares that `actor` can interview on each of `input.dates`, at a location, up to a number of interviews a day.
    /// Decision makers declare for themselves only (8.80), so there is no "for whom". Each date must be a working day
    /// (`WorkingDayCalendar.platformDefault`), today or later and within `InterviewResourceRules.declarationHorizonDays`,
    /// not a day they are recorded absent, and a day the location is open. A day already declared is changed (its
    /// history keeps both), refused when that would leave interviews already booked with them that day without room.
    /// All the dates are written, or none.
    @discardableResult
    public func declareAvailability(_ input: AvailabilityInput, by actor: Actor, reason: String?) async throws -> [DeclaredAvailability] {
        let reason = try Self.checkedResourceReason(reason)
        let now = clock.now()
        let today = now.date
        return try await uniqueCode(field: "dates", "A day was declared from somewhere else at the same moment; look at your declared days and try again") {
            try await database.transaction { connection in
                let record = try await self.declarerRecord(actor, connection)
                var check = Validator()
                let maximum = checkedDailyMaximum(input.dailyMaximum, &check)
                var location: InterviewLocation?
                if let code = input.location?.trimmingWhitespace.uppercased(), !code.isEmpty {
                    location = try await self.loadLocation(code, lock: false, connection)
                    if location == nil {
                        check.fail("location", "No interview location has the code \(code.prefix(40))")
                    } else if location?.active == false {
                        check.fail("location", "\(location!.name) is closed: choose a location that is open")
                        location = nil
                    }
                } else {
                    check.fail("location", "Select the location where you can interview")
                }
                let texts = (input.dates ?? []).map(\.trimmingWhitespace).filter { !$0.isEmpty }
                if texts.isEmpty { check.fail("dates", "Select at least one day you can interview") }
                let latest = today.adding(days: InterviewResourceRules.declarationHorizonDays)
                var dates: [LocalDate] = []
                for (index, text) in texts.enumerated() {
                    let field = "dates[\(index)]"
                    guard let date = LocalDate(iso: text) else {
                        check.fail(field, "'\(text.prefix(20))' is not a real date in the form YYYY-MM-DD, for example \(today.iso)")
                        continue
                    }
                    if let problem = Self.declarationDateProblem(date, today: today, latest: latest, location: location, absences: record.absences) {
                        check.fail(field, problem)
                    } else if dates.contains(date) {
                        check.fail(field, "\(date.weekday.name) \(date.longForm) is given twice")
                    } else {
                        dates.append(date)
                    }
                }
                try check.finish()
                var declared: [DeclaredAvailability] = []
                var problems: [FieldError] = []
                for (index, date) in dates.enumerated() {
                    let declaration = DeclaredAvailability(staff: actor.staff, date: date, location: location!.code, dailyMaximum: maximum!)
                    let before = try await connection.queryFirst(
                        "SELECT \(InterviewResourceRows.availabilityColumns) FROM interview_availability WHERE username = ? AND date = ?" + self.database.dialect.forUpdate,
                        [.text(actor.staff.rawValue), .text(date.iso)]
                    ).flatMap(InterviewResourceRows.availability)
                    if before == declaration { declared.append(declaration); continue }
                    if let before {
                        let booked = try await self.bookedWithDecisionMaker(actor.staff, on: date, connection)
                        if !booked.isEmpty, before.location != declaration.location {
                            problems.append(FieldError(field: "dates[\(index)]", message: "You have \(booked.count == 1 ? "an interview" : "\(booked.count) interviews") booked at \(before.location) on \(date.longForm); it stays there unless they are rebooked"))
                        } else if booked.count > declaration.dailyMaximum {
                            problems.append(FieldError(field: "dailyMaximum", message: "You have \(booked.count) interviews booked on \(date.longForm), more than \(declaration.dailyMaximum)"))
                        }
                        if !problems.isEmpty { continue }
                        try await connection.execute(
                            "UPDATE interview_availability SET location = ?, daily_maximum = ?, declared_at = ? WHERE username = ? AND date = ?",
                            [.text(declaration.location), .int(declaration.dailyMaximum), .integer(now.millisecondsSinceEpoch), .text(actor.staff.rawValue), .text(date.iso)]
                        )
                    } else {
                        try await connection.execute(
                            "INSERT INTO interview_availability (username, date, location, daily_maximum, declared_at) VALUES (?, ?, ?, ?, ?)",
                            [.text(actor.staff.rawValue), .text(date.iso), .text(declaration.location), .int(declaration.dailyMaximum), .integer(now.millisecondsSinceEpoch)]
                        )
                    }
                    try await self.recordChange(
                        .availability, code: actor.staff.rawValue, type: before == nil ? "declared" : "changed", before: before, after: declaration, by: actor, at: now,
                        reason: reason, connection
                    )
                    declared.append(declaration)
                }
                if !problems.isEmpty { throw ValidationFailure(problems) }
                return declared
            }
        }
    }

    /// Withdraws `actor`'s own declaration for `date`, which must be after today; refused while interviews are booked
    /// with them that day.
    @discardableResult
    public func withdrawAvailability(on date: LocalDate, by actor: Actor, reason: String?) async throws -> DeclaredAvailability {
        let reason = try Self.checkedResourceReason(reason)
        let now = clock.now()
        return try await database.transaction { connection in
            _ = try await self.declarerRecord(actor, connection, checkTraining: false)
            guard let before = try await connection.queryFirst(
                "SELECT \(InterviewResourceRows.availabilityColumns) FROM interview_availability WHERE username = ? AND date = ?" + self.database.dialect.forUpdate,
                [.text(actor.staff.rawValue), .text(date.iso)]
            ).flatMap(InterviewResourceRows.availability) else {
                throw InterviewResourceNotFound("You have not declared \(date.weekday.name) \(date.longForm)")
            }
            guard date > now.date else {
                throw ValidationFailure([FieldError(field: "date", message: "\(date.weekday.name) \(date.longForm) is not in the future: a day can be withdrawn only before it starts")])
            }
            let booked = try await self.bookedWithDecisionMaker(actor.staff, on: date, connection)
            if !booked.isEmpty {
                throw ValidationFailure([FieldError(field: "date", message: "You have \(booked.count == 1 ? "an interview" : "\(booked.count) interviews") booked on \(date.longForm); ask for \(booked.count == 1 ? "it" : "them") to be rebooked before withdrawing the day")])
            }
            try await connection.execute("DELETE FROM interview_availability WHERE username = ? AND date = ?", [.text(actor.staff.rawValue), .text(date.iso)])
            try await self.recordChange(.availability, code: actor.staff.rawValue, type: "withdrawn", before: before, after: nil, by: actor, at: now, reason: reason, connection)
            return before
        }
    }

    /// `actor`'s own declarations from `first` to `last`.
    public func ownAvailability(from first: LocalDate, to last: LocalDate, for actor: Actor) async throws -> [AvailabilityEntry] {
        guard AccessPolicy.availabilityDeclarers.contains(actor.role) else {
            throw AccessDenied("\(actor.role.title)s do not declare interview availability; decision makers declare their own (8.80).")
        }
        return try await loadAvailabilityEntries(condition: "a.username = ?", bind: .text(actor.staff.rawValue), from: first, to: last)
    }

    /// The declarations of `unit`'s staff from `first` to `last`, for those who see interviews: the unit's own people,
    /// or the national roles for any unit.
    public func unitAvailability(_ unit: UnitID, from first: LocalDate, to last: LocalDate, for actor: Actor) async throws -> [AvailabilityEntry] {
        guard AccessPolicy.interviewViewers.contains(actor.role) else {
            throw AccessDenied("\(actor.role.title)s do not see interview availability.")
        }
        guard AccessPolicy.nationalRoles.contains(actor.role) || actor.unit == unit else {
            throw AccessDenied("\(actor.role.title)s see the declared availability of their own unit (\(actor.unit.rawValue)) only.")
        }
        return try await loadAvailabilityEntries(condition: "s.unit = ?", bind: .text(unit.rawValue), from: first, to: last)
    }

    /// The history of `username`'s declarations, newest first: themself, or those who see their unit's.
    public func availabilityHistory(of username: StaffID, for actor: Actor, limit: Int = 200) async throws -> [InterviewResourceChange] {
        if actor.staff != username {
            guard let member = try await staff(username) else { throw InterviewResourceNotFound("No member of staff has the username \(username.rawValue)") }
            guard AccessPolicy.interviewViewers.contains(actor.role), AccessPolicy.nationalRoles.contains(actor.role) || actor.unit == member.unit else {
                throw AccessDenied("\(actor.role.title)s cannot see the declared availability of \(username.rawValue).")
            }
        }
        return try await database.read { try await self.loadChanges(.availability, code: username.rawValue, limit: limit, $0) }
    }

    /// Why `date` cannot be declared, or nil: one rule for the store and the page that offers days.
    public static func declarationDateProblem(_ date: LocalDate, today: LocalDate, latest: LocalDate, location: InterviewLocation?, absences: [StaffAbsence]) -> String? {
        let day = "\(date.weekday.name) \(date.longForm)"
        if date < today { return "\(day) is in the past: declare today or a later day" }
        if date > latest { return "\(day) is too far ahead: declare days up to \(latest.longForm) (\(InterviewResourceRules.declarationHorizonDays) days)" }
        do {
            if let holiday = try WorkingDayCalendar.platformDefault.bankHoliday(on: date) { return "\(day) is a bank holiday (\(holiday.name)): declare working days only" }
            if !(try WorkingDayCalendar.platformDefault.isWorkingDay(date)) { return "\(day) is not a working day: declare Monday to Friday" }
        } catch {
            return "\(day) is outside the years the working-day calendar covers (\(error.coveredYears.lowerBound) to \(error.coveredYears.upperBound))"
        }
        if let absence = absences.first(where: { $0.period.contains(date) }) {
            return "You are recorded as away on \(day) (\(absence.kind.title.lowercased()) from \(absence.firstDay.longForm) to \(absence.lastDay.longForm)); ask your team leader to change the absence if that is wrong"
        }
        if let location, !location.openDays.contains(date.weekday) {
            return "\(location.name) is not open on \(date.weekday.name)s (it is open \(InterviewEstatePolicy.daysText(location.openDays)))"
        }
        return nil
    }

    /// Whether a staff record's training lets its holder interview: trained for interviews or both. A record with no
    /// training recorded is treated as it is for "next claim" (`NextClaimEligibility`): allowed, since refusing would
    /// stop whole units declaring until their records are filled in.
    public static func mayInterview(_ profile: StaffProfile) -> Bool {
        profile.trainedFor?.covers(.interview) ?? true
    }

    // MARK: Internals

    private static func checkKeeper(_ actor: Actor) throws {
        guard AccessPolicy.interviewResourceKeepers.contains(actor.role) else {
            throw AccessDenied("Only workflow planners, operations managers and administrators keep the interview estate and the interpreter register.")
        }
    }

    private static func checkEstateReader(_ actor: Actor) throws {
        guard AccessPolicy.interviewViewers.contains(actor.role) || AccessPolicy.interviewResourceKeepers.contains(actor.role) else {
            throw AccessDenied("\(actor.role.title)s do not see the interview estate.")
        }
    }

    private static func checkSameCode(_ given: String?, _ code: String, label: String) throws(ValidationFailure) {
        if let given = given?.trimmingWhitespace.uppercased(), !given.isEmpty, given != code {
            throw ValidationFailure([FieldError(field: "code", message: "An interview \(label)'s code cannot be changed (it is \(code)); close it and add a new one instead")])
        }
    }

    private static func checkedResourceReason(_ reason: String?) throws(ValidationFailure) -> String? {
        var check = Validator()
        let text = check.optionalText(reason, "reason", label: "the reason", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        return text
    }

    /// Runs `body`; a uniqueness violation (a racing writer took the code first) becomes a field error.
    private func uniqueCode<T>(field: String, _ message: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as SQLError where error.isUniqueViolation {
            throw ValidationFailure([FieldError(field: field, message: message)])
        }
    }

    /// The declarer's staff record, after checking they may declare: a role that declares, active, trained to interview.
    private func declarerRecord(_ actor: Actor, _ connection: any SQLConnection, checkTraining: Bool = true) async throws -> StaffRecord {
        guard AccessPolicy.availabilityDeclarers.contains(actor.role) else {
            throw AccessDenied("\(actor.role.title)s do not declare interview availability; decision makers declare their own (8.80).")
        }
        guard let record = try await loadStaffRecord(actor.staff, lock: false, connection), record.member.active else {
            throw AccessDenied("\(actor.staff.rawValue) has no active staff record, so cannot declare interview availability.")
        }
        if checkTraining, !Self.mayInterview(record.profile) {
            throw AccessDenied("Your staff record says you are trained for \(record.profile.trainingTitle.lowercased()): only those trained to interview declare interview availability.")
        }
        return record
    }

    private func roomLocationProblems(_ room: InterviewRoom, _ connection: any SQLConnection) async throws -> [FieldError] {
        guard let location = try await loadLocation(room.location, lock: false, connection) else {
            return [FieldError(field: "location", message: "No interview location has the code \(room.location.prefix(40))")]
        }
        guard room.active else { return [] }
        if !location.active { return [FieldError(field: "location", message: "\(location.name) is closed: a room in use must be at an open location")] }
        return room.weeklySlots.enumerated().compactMap { index, slot in
            location.openDays.contains(slot.weekday) ? nil : FieldError(
                field: "weeklySlots[\(index)].weekday",
                message: "\(slot.weekday.name) \(InterviewResourceRules.clockTime(slot.start)): \(location.name) is not open on \(slot.weekday.name)s (it is open \(InterviewEstatePolicy.daysText(location.openDays)))"
            )
        }
    }

    /// Unknown locations of an interpreter; one they already had that has since closed is kept.
    private func interpreterLocationProblems(_ interpreter: Interpreter, _ connection: any SQLConnection, previously: [String] = []) async throws -> [FieldError] {
        var problems: [FieldError] = []
        for (index, code) in interpreter.locations.enumerated() {
            guard let location = try await loadLocation(code, lock: false, connection) else {
                problems.append(FieldError(field: "locations[\(index)]", message: "No interview location has the code \(code.prefix(40))"))
                continue
            }
            if !location.active, !previously.contains(code) {
                problems.append(FieldError(field: "locations[\(index)]", message: "\(location.name) is closed"))
            }
        }
        return problems
    }

    /// Interviews booked from `date` on whose `column` ("location", "room", "interpreter") is `value`.
    private func bookedInterviews(_ column: String, _ value: String, from date: LocalDate, _ connection: any SQLConnection) async throws -> Int {
        try await connection.queryFirst(
            "SELECT COUNT(*) AS n FROM interviews WHERE \(column) = ? AND status = 'booked' AND date >= ?", [.text(value), .text(date.iso)]
        )?["n"].int ?? 0
    }

    private func bookedWithDecisionMaker(_ staff: StaffID, on date: LocalDate, _ connection: any SQLConnection) async throws -> [String] {
        try await connection.query(
            "SELECT location FROM interviews WHERE decision_maker = ? AND date = ? AND status = 'booked'", [.text(staff.rawValue), .text(date.iso)]
        ).map { $0["location"].string ?? "" }
    }

    func loadLocation(_ code: String, lock: Bool, _ connection: any SQLConnection) async throws -> InterviewLocation? {
        try await connection.queryFirst(
            "SELECT \(InterviewResourceRows.locationColumns) FROM interview_locations WHERE code = ?" + (lock ? database.dialect.forUpdate : ""), [.text(code.uppercased())]
        ).map(InterviewResourceRows.location)
    }

    func loadRoom(_ code: String, lock: Bool, _ connection: any SQLConnection) async throws -> InterviewRoom? {
        try await connection.queryFirst(
            "SELECT \(InterviewResourceRows.roomColumns) FROM interview_rooms WHERE code = ?" + (lock ? database.dialect.forUpdate : ""), [.text(code.uppercased())]
        ).map(InterviewResourceRows.room)
    }

    func loadInterpreter(_ code: String, lock: Bool, _ connection: any SQLConnection) async throws -> Interpreter? {
        try await connection.queryFirst(
            "SELECT code, data, active FROM interpreters WHERE code = ?" + (lock ? database.dialect.forUpdate : ""), [.text(code.uppercased())]
        ).map(InterviewResourceRows.interpreter)
    }

    private func loadAvailabilityEntries(condition: String, bind: SQLValue, from first: LocalDate, to last: LocalDate) async throws -> [AvailabilityEntry] {
        try await database.read { connection in
            try await connection.query(
                "SELECT a.username, a.date, a.location, a.daily_maximum, a.declared_at, s.display_name, s.unit FROM interview_availability a JOIN staff s ON s.username = a.username WHERE \(condition) AND a.date >= ? AND a.date <= ? ORDER BY a.date, s.display_name, a.username",
                [bind, .text(first.iso), .text(last.iso)]
            ).compactMap { row in
                InterviewResourceRows.availability(row).map {
                    AvailabilityEntry(
                        declaration: $0, displayName: row["display_name"].string ?? "", unit: UnitID(row["unit"].string ?? ""),
                        declaredAt: Instant(millisecondsSinceEpoch: row["declared_at"].int64 ?? 0)
                    )
                }
            }
        }
    }

    private func writeInterpreterLanguages(_ interpreter: Interpreter, _ connection: any SQLConnection) async throws {
        for language in interpreter.languages {
            try await connection.execute(
                "INSERT INTO interpreter_languages (interpreter, language, dialect) VALUES (?, ?, ?)",
                [.text(interpreter.code), .text(language.language), .text(language.dialect ?? "")]
            )
        }
    }

    /// Appends the change to `resource_changes` and the audit trail, in the caller's transaction.
    private func recordChange<Record: Codable>(
        _ kind: InterviewResourceKind, code: String, type: String, before: Record?, after: Record?, by actor: Actor, at now: Instant, reason: String?,
        _ connection: any SQLConnection
    ) async throws {
        let payload = try EventCoding.encodeJSON(ResourceChangePayload(before: before, after: after))
        try await connection.execute(
            "INSERT INTO resource_changes (kind, code, type, payload, actor, actor_role, at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [.text(kind.rawValue), .text(code), .text(type), .text(payload), .text(actor.staff.rawValue), .text(actor.role.rawValue), .integer(now.millisecondsSinceEpoch), .text(reason)]
        )
        let lines = Self.resourceChangeLines(kind, type: type, payload: payload)
        try await audit(actor: actor, action: "interview-\(kind.rawValue).\(type)", claim: nil, detail: "\(code): " + lines.joined(separator: "; "), at: now, connection)
    }

    private func loadChanges(_ kind: InterviewResourceKind, code: String, limit: Int, _ connection: any SQLConnection) async throws -> [InterviewResourceChange] {
        try await connection.query(
            "SELECT kind, code, type, payload, actor, actor_role, at, reason FROM resource_changes WHERE kind = ? AND code = ? ORDER BY id DESC LIMIT ?",
            [.text(kind.rawValue), .text(kind == .availability ? code : code.uppercased()), .int(limit)]
        ).map { row in
            let type = row["type"].string ?? ""
            return InterviewResourceChange(
                kind: kind, code: row["code"].string ?? "", type: type, at: Instant(millisecondsSinceEpoch: row["at"].int64 ?? 0),
                actor: StaffID(row["actor"].string ?? ""), actorRole: Role(rawValue: row["actor_role"].string ?? "") ?? .administrator,
                lines: Self.resourceChangeLines(kind, type: type, payload: row["payload"].string ?? "{}"), reason: row["reason"].string
            )
        }
    }

    static func locationBinds(_ location: InterviewLocation) -> [SQLValue] {
        [
            .text(location.code), .text(location.name), .text(location.address), .real(location.point.latitude), .real(location.point.longitude),
            .text(InterviewResourceRows.weekdaysColumn(location.openDays)), .bool(location.active),
        ]
    }

    static func roomBinds(_ room: InterviewRoom) throws -> [SQLValue] {
        [
            .text(room.code), .text(room.location), .text(room.name), .bool(room.childSuitable), .bool(room.stepFree),
            .text(try EventCoding.encodeJSON(room.weeklySlots.sorted())), .bool(room.active),
        ]
    }

    static func interpreterBinds(_ interpreter: Interpreter) throws -> [SQLValue] {
        [
            .text(interpreter.code), .text(interpreter.name), .text(try EventCoding.encodeJSON(interpreter)), .bool(interpreter.remote),
            .int(interpreter.dailyMaximum), .bool(interpreter.active),
        ]
    }

    // MARK: History in words

    /// What a change did, one plain line each, from its payload.
    static func resourceChangeLines(_ kind: InterviewResourceKind, type: String, payload: String) -> [String] {
        let changeType = type
        func decoded<Record: Codable>(_ record: Record.Type) -> ResourceChangePayload<Record>? { try? EventCoding.decodeJSON(ResourceChangePayload<Record>.self, payload) }
        func diff<Record: Codable>(_ record: Record.Type, describe: (Record) -> [(String, String)]) -> [String] {
            guard let change = decoded(record) else { return [changeType == "created" ? "Created" : "Changed"] }
            switch (change.before, change.after) {
            case (nil, let after?):
                return ["Created"] + describe(after).map { "\($0.0): \($0.1)" }
            case (let before?, let after?):
                let old = describe(before), new = describe(after)
                let lines = zip(old, new).compactMap { $0.1 == $1.1 ? nil : "\($0.0): \($0.1) → \($1.1)" }
                return lines.isEmpty ? ["No change"] : lines
            case (let before?, nil):
                return ["Withdrawn"] + describe(before).map { "\($0.0): \($0.1)" }
            default:
                return [changeType]
            }
        }
        switch kind {
        case .location:
            return diff(InterviewLocation.self) { location in
                [
                    ("Name", location.name), ("Address", location.address.split(whereSeparator: \.isNewline).joined(separator: ", ")),
                    ("Coordinates", "\(location.point.latitude), \(location.point.longitude)"), ("Open", InterviewEstatePolicy.daysText(location.openDays)),
                    ("Status", location.active ? "open" : "closed"),
                ]
            }
        case .room:
            return diff(InterviewRoom.self) { room in
                [
                    ("Location", room.location), ("Name", room.name), ("Suitable for children", room.childSuitable ? "yes" : "no"),
                    ("Step-free", room.stepFree ? "yes" : "no"),
                    ("Weekly slots", room.weeklySlots.isEmpty ? "none" : room.weeklySlots.map { "\($0.weekday.name.prefix(3)) \(InterviewResourceRules.clockTime($0.start)) \($0.minutes)" }.joined(separator: ", ")),
                    ("Status", room.active ? "in use" : "out of use"),
                ]
            }
        case .interpreter:
            return diff(Interpreter.self) { interpreter in
                [
                    ("Name", interpreter.name), ("Languages", interpreter.languages.map(InterviewEstatePolicy.languageText).joined(separator: ", ")),
                    ("Locations", interpreter.locations.isEmpty ? "none" : interpreter.locations.joined(separator: ", ")),
                    ("Remote", interpreter.remote ? "yes" : "no"), ("Days", InterviewEstatePolicy.daysText(interpreter.days)),
                    ("Most interviews a day", String(interpreter.dailyMaximum)), ("Status", interpreter.active ? "bookable" : "not bookable"),
                ]
            }
        case .availability:
            guard let change = decoded(DeclaredAvailability.self) else { return [type] }
            func text(_ declaration: DeclaredAvailability) -> String {
                "\(declaration.date.weekday.name) \(declaration.date.longForm) at \(declaration.location), up to \(declaration.dailyMaximum) interview\(declaration.dailyMaximum == 1 ? "" : "s")"
            }
            switch (change.before, change.after) {
            case (nil, let after?): return ["Declared " + text(after)]
            case (let before?, let after?): return ["Changed " + text(before) + " → " + text(after)]
            case (let before?, nil): return ["Withdrawn " + text(before)]
            default: return [type]
            }
        }
    }
}
