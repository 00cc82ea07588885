import CaseworkDomain
import CaseworkStore
import Foundation

// View models for GOV.UK-style form components. Each is rendered by a partial of the same name
// (`text-input`, `textarea`, `select`, `radios`, `checkboxes`, `date-input`) pushed as the mustache context:
// `{{#givenNames}}{{> text-input}}{{/givenNames}}`.
//
// Mustache looks a missing key up in the enclosing contexts, so every key a partial reads is a non-optional
// property here (an empty string or `false` when absent): nothing can leak in from an outer model.

/// One line of a GOV.UK error summary, linking to the field it is about.
struct ErrorItem: Hashable {
    /// The link target, e.g. "#mainApplicant-dateOfBirth-day".
    let href: String
    let message: String
}

/// The messages of a form, by the field key they belong to (the field's `name`, e.g. "mainApplicant-givenNames").
struct FieldErrors {
    /// Inline messages: the first message for each key.
    private(set) var byKey: [String: String] = [:]
    /// Every message in order, for the error summary.
    private(set) var summary: [ErrorItem] = []

    /// Adds a message for `key`, linking the summary to `anchor` (the id of the field's first input).
    mutating func add(_ message: String, key: String, anchor: String) {
        if byKey[key] == nil { byKey[key] = message }
        let item = ErrorItem(href: "#" + anchor, message: message)
        if !summary.contains(item) { summary.append(item) }
    }

    /// Adds a summary-only message (no field to attach it to).
    mutating func addGeneral(_ message: String, anchor: String = "main-content") {
        let item = ErrorItem(href: "#" + anchor, message: message)
        if !summary.contains(item) { summary.append(item) }
    }

    /// Puts the summary in the order the fields appear on the page (anchors not listed go last), as GOV.UK asks.
    mutating func order(byAnchors anchors: [String]) {
        let position = Dictionary(anchors.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        summary = summary.enumerated().sorted { lhs, rhs in
            let left = position[String(lhs.element.href.dropFirst())] ?? Int.max
            let right = position[String(rhs.element.href.dropFirst())] ?? Int.max
            return left == right ? lhs.offset < rhs.offset : left < right
        }.map(\.element)
    }

    subscript(_ key: String) -> String { byKey[key] ?? "" }
    var isEmpty: Bool { summary.isEmpty }
}

struct TextInputModel {
    let id: String
    let name: String
    let label: String
    let labelClass: String
    let hint: String
    let hasHint: Bool
    let value: String
    let error: String
    let hasError: Bool
    let inputClass: String
    let type: String
    let autocomplete: String
    let spellcheck: Bool
    let hasList: Bool
    let list: String

    init(
        _ name: String, label: String, hint: String = "", values: FormData, errors: FieldErrors, width: String = "",
        type: String = "text", autocomplete: String = "off", spellcheck: Bool = false, labelClass: String = "", list: String = "",
        value: String? = nil
    ) {
        self.id = name
        self.name = name
        self.label = label
        self.labelClass = labelClass
        self.hint = hint
        self.hasHint = !hint.isEmpty
        self.value = value ?? values[name] ?? ""
        self.error = errors[name]
        self.hasError = !self.error.isEmpty
        self.inputClass = width.isEmpty ? "" : "govuk-input--width-\(width)"
        self.type = type
        self.autocomplete = autocomplete
        self.spellcheck = spellcheck
        self.hasList = !list.isEmpty
        self.list = list
    }
}

struct TextareaModel {
    let id: String
    let name: String
    let label: String
    let labelClass: String
    let hint: String
    let hasHint: Bool
    let value: String
    let error: String
    let hasError: Bool
    let rows: Int

    init(_ id: String, name: String, label: String, hint: String = "", value: String, errors: FieldErrors, errorKey: String? = nil, rows: Int = 5, labelClass: String = "govuk-label--s") {
        self.id = id
        self.name = name
        self.label = label
        self.labelClass = labelClass
        self.hint = hint
        self.hasHint = !hint.isEmpty
        self.value = value
        self.error = errors[errorKey ?? id]
        self.hasError = !self.error.isEmpty
        self.rows = rows
    }
}

struct OptionModel {
    let value: String
    let text: String
    let selected: Bool
}

struct SelectModel {
    let id: String
    let name: String
    let label: String
    let labelClass: String
    let hint: String
    let hasHint: Bool
    let error: String
    let hasError: Bool
    let options: [OptionModel]

    init(_ name: String, label: String, hint: String = "", options: [(value: String, text: String)], selected: String, errors: FieldErrors, labelClass: String = "", id: String? = nil) {
        self.id = id ?? name
        self.name = name
        self.label = label
        self.labelClass = labelClass
        self.hint = hint
        self.hasHint = !hint.isEmpty
        self.error = errors[id ?? name]
        self.hasError = !self.error.isEmpty
        self.options = options.map { OptionModel(value: $0.value, text: $0.text, selected: $0.value == selected) }
    }
}

/// A radio button or a checkbox.
struct ChoiceItem {
    let id: String
    let name: String
    let value: String
    let text: String
    let hint: String
    let hasHint: Bool
    let checked: Bool
}

/// A group of radios or checkboxes in a fieldset with a legend.
struct ChoicesModel {
    /// The id of the group's first input, which error links point at.
    let id: String
    let legend: String
    let legendClass: String
    let hint: String
    let hasHint: Bool
    let error: String
    let hasError: Bool
    let inline: Bool
    let small: Bool
    let items: [ChoiceItem]

    /// Radios: one `name`, one value chosen.
    static func radios(
        _ name: String, legend: String, hint: String = "", choices: [(value: String, text: String)], selected: String, errors: FieldErrors,
        inline: Bool = false, legendClass: String = "govuk-fieldset__legend--s", id: String? = nil
    ) -> ChoicesModel {
        let base = id ?? name
        let items = choices.enumerated().map { index, choice in
            ChoiceItem(id: index == 0 ? base : "\(base)-\(index + 1)", name: name, value: choice.value, text: choice.text, hint: "", hasHint: false, checked: choice.value == selected)
        }
        let error = errors[base]
        return ChoicesModel(id: base, legend: legend, legendClass: legendClass, hint: hint, hasHint: !hint.isEmpty, error: error, hasError: !error.isEmpty, inline: inline, small: false, items: items)
    }

    /// Checkboxes sharing one `name` (several values may be chosen).
    static func checkboxes(_ name: String, legend: String, hint: String = "", choices: [(value: String, text: String)], checked: Set<String>, errors: FieldErrors, legendClass: String = "govuk-fieldset__legend--s") -> ChoicesModel {
        let items = choices.enumerated().map { index, choice in
            ChoiceItem(id: index == 0 ? name : "\(name)-\(index + 1)", name: name, value: choice.value, text: choice.text, hint: "", hasHint: false, checked: checked.contains(choice.value))
        }
        let error = errors[name]
        return ChoicesModel(id: name, legend: legend, legendClass: legendClass, hint: hint, hasHint: !hint.isEmpty, error: error, hasError: !error.isEmpty, inline: false, small: true, items: items)
    }

    /// Separate yes/no checkboxes, each with its own `name` and the value "yes".
    static func flags(_ id: String, legend: String, hint: String = "", flags: [(name: String, text: String, hint: String)], values: FormData, errors: FieldErrors, legendClass: String = "govuk-fieldset__legend--s") -> ChoicesModel {
        let items = flags.map { flag in
            ChoiceItem(id: flag.name, name: flag.name, value: "yes", text: flag.text, hint: flag.hint, hasHint: !flag.hint.isEmpty, checked: values.isChecked(flag.name))
        }
        let messages = flags.map { errors[$0.name] }.filter { !$0.isEmpty }
        let error = messages.joined(separator: ". ")
        return ChoicesModel(id: flags.first?.name ?? id, legend: legend, legendClass: legendClass, hint: hint, hasHint: !hint.isEmpty, error: error, hasError: !error.isEmpty, inline: false, small: true, items: items)
    }
}

/// A GOV.UK date input: day, month and year, combined to YYYY-MM-DD when the form is read.
struct DateInputModel {
    /// The field key; the inputs are `KEY-day`, `KEY-month` and `KEY-year`.
    let id: String
    let legend: String
    let legendClass: String
    let hint: String
    let hasHint: Bool
    let error: String
    let hasError: Bool
    let day: String
    let month: String
    let year: String

    init(_ key: String, legend: String, hint: String = "For example, 27 3 2007", values: FormData, errors: FieldErrors, legendClass: String = "govuk-fieldset__legend--s") {
        self.id = key
        self.legend = legend
        self.legendClass = legendClass
        self.hint = hint
        self.hasHint = !hint.isEmpty
        self.error = errors[key]
        self.hasError = !self.error.isEmpty
        self.day = values["\(key)-day"] ?? ""
        self.month = values["\(key)-month"] ?? ""
        self.year = values["\(key)-year"] ?? ""
    }

    /// Reads the three inputs of `key`: nil when all are empty; otherwise an ISO date, or text that fails validation
    /// with the problem in words (e.g. "must include a month") to show instead of the validator's message.
    static func read(_ key: String, from values: FormData) -> (value: String?, problem: String?) {
        let day = (values["\(key)-day"] ?? "").trimmingWhitespace
        let month = (values["\(key)-month"] ?? "").trimmingWhitespace
        let year = (values["\(key)-year"] ?? "").trimmingWhitespace
        if day.isEmpty, month.isEmpty, year.isEmpty { return (nil, nil) }
        let missing = [("a day", day), ("a month", month), ("a year", year)].filter { $0.1.isEmpty }.map(\.0)
        if !missing.isEmpty {
            return ("not-a-date", "must include " + missing.joined(separator: " and "))
        }
        let isDigits: (String) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard isDigits(day), isDigits(month), isDigits(year), day.count <= 2, month.count <= 2 else {
            return ("not-a-date", "must be a real date")
        }
        guard year.count == 4 else { return ("not-a-date", "must include a year with 4 numbers, for example 1990") }
        let iso = year + "-" + (month.count == 1 ? "0" + month : month) + "-" + (day.count == 1 ? "0" + day : day)
        guard LocalDate(iso: iso) != nil else { return (iso, "must be a real date") }
        return (iso, nil)
    }
}

/// Options for the country selects, with an empty first choice.
enum ReferenceOptions {
    static let countries: [(value: String, text: String)] = [("", "Select a country")] + Countries.all.map { ($0.code, $0.name) }
    static let languages: [(value: String, text: String)] = [("", "Select a language")] + Languages.all.map { ($0.code, $0.name) }
    static let stages: [(value: String, text: String)] = [("", "Any stage")] + Stage.allCases.map { ($0.rawValue, $0.title) }
    static let sexes: [(value: String, text: String)] = Sex.allCases.map { ($0.rawValue, $0.title) }
    /// Every dialect code, for the dialect field's suggestions.
    static let dialects: [OptionModel] = Languages.all.flatMap { language in
        language.dialects.map { OptionModel(value: $0.code, text: "\(language.name): \($0.name)", selected: false) }
    }
}

/// The colour of a stage's tag.
func stageTagClass(_ stage: Stage) -> String {
    switch stage {
    case .registration: "govuk-tag--grey"
    case .screening: "govuk-tag--light-blue"
    case .inadmissibilityConsideration: "govuk-tag--orange"
    case .workInProgress: "govuk-tag--blue"
    case .interview: "govuk-tag--purple"
    case .decision: "govuk-tag--turquoise"
    case .qualityAssurance: "govuk-tag--yellow"
    case .served: "govuk-tag--green"
    case .closed: "govuk-tag--grey"
    case .reopened: "govuk-tag--pink"
    }
}

/// Query-string encoding for links (spaces as %20; '&', '=', '+' and '#' escaped).
func queryEncode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}

extension Duration {
    /// Whole seconds, rounded up.
    var wholeSecondsRoundedUp: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }
}
