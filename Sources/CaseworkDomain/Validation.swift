/// One broken rule, naming the field (as a dotted path, e.g. "mainApplicant.dateOfBirth") and the rule in plain words.
public struct FieldError: Error, Codable, Sendable, Hashable {
    /// The field, as a dotted path in the API's JSON.
    public let field: String
    /// What is wrong and what is needed.
    public let message: String

    /// Creates a field error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Every rule an input broke. Nothing is written when this is thrown.
public struct ValidationFailure: Error, Sendable, Hashable {
    /// The broken rules, in the order of the form.
    public let errors: [FieldError]

    /// Creates a failure from its errors.
    public init(_ errors: [FieldError]) { self.errors = errors }
}

/// Collects field errors while reading an input, so a user sees every problem at once.
public struct Validator {
    /// Errors found so far.
    public private(set) var errors: [FieldError] = []

    /// Creates an empty validator.
    public init() {}

    /// Records an error.
    public mutating func fail(_ field: String, _ message: String) { errors.append(FieldError(field: field, message: message)) }

    /// Throws when anything failed.
    public func finish() throws(ValidationFailure) { if !errors.isEmpty { throw ValidationFailure(errors) } }

    /// A required piece of text, trimmed, at most `maximum` characters, without control characters.
    public mutating func requiredText(_ value: String?, _ field: String, label: String, maximum: Int = ValidationPolicy.maximumShortTextLength) -> String? {
        guard let text = trimmed(value) else {
            fail(field, "Enter \(label)")
            return nil
        }
        return bounded(text, field, label: label, maximum: maximum)
    }

    /// Optional text: nil when empty, otherwise bounded like `requiredText`.
    public mutating func optionalText(_ value: String?, _ field: String, label: String, maximum: Int = ValidationPolicy.maximumShortTextLength) -> String? {
        guard let text = trimmed(value) else { return nil }
        return bounded(text, field, label: label, maximum: maximum)
    }

    /// A real calendar date in the form YYYY-MM-DD, within `range` (named by `rangeRule` when outside it).
    public mutating func date(_ value: String?, _ field: String, label: String, required: Bool = true, earliest: LocalDate, latest: LocalDate) -> LocalDate? {
        guard let text = trimmed(value) else {
            if required { fail(field, "Enter \(label)") }
            return nil
        }
        guard let date = LocalDate(iso: text) else {
            fail(field, "\(label.capitalisedFirst) must be a real date in the form YYYY-MM-DD, for example 2023-06-28")
            return nil
        }
        if date < earliest {
            fail(field, "\(label.capitalisedFirst) must be on or after \(earliest.longForm)")
            return nil
        }
        if date > latest {
            fail(field, "\(label.capitalisedFirst) must be today or in the past")
            return nil
        }
        return date
    }

    /// A value from a fixed list, given by its raw value.
    public mutating func choice<T: RawRepresentable & CaseIterable>(_ value: String?, _ field: String, label: String, default defaultValue: T? = nil) -> T? where T.RawValue == String {
        guard let text = trimmed(value) else {
            if let defaultValue { return defaultValue }
            fail(field, "Select \(label)")
            return nil
        }
        guard let result = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            fail(field, "\(label.capitalisedFirst) must be one of: \(allowed)")
            return nil
        }
        return result
    }

    /// An ISO 3166-1 alpha-3 country code.
    public mutating func country(_ value: String?, _ field: String, label: String, required: Bool = true) -> String? {
        guard let text = trimmed(value) else {
            if required { fail(field, "Select \(label)") }
            return nil
        }
        guard let country = Countries.country(code: text) else {
            fail(field, "\(label.capitalisedFirst) must be an ISO 3166-1 alpha-3 country code, for example AFG; '\(text.prefix(20))' is not one")
            return nil
        }
        return country.code
    }

    private mutating func bounded(_ text: String, _ field: String, label: String, maximum: Int) -> String? {
        if text.count > maximum {
            fail(field, "\(label.capitalisedFirst) must be \(maximum) characters or fewer (it has \(text.count))")
            return nil
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
            fail(field, "\(label.capitalisedFirst) must not contain control characters")
            return nil
        }
        return text
    }

    private func trimmed(_ value: String?) -> String? {
        guard let value else { return nil }
        let text = value.trimmingWhitespace
        return text.isEmpty ? nil : text
    }
}

extension String {
    /// The text without leading and trailing whitespace.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }

    /// The text with its first letter in capitals.
    public var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
