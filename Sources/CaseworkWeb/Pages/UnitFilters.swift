import CaseworkDomain
import CaseworkStore

/// What a view's filter form offers: a unit list for national roles, the viewer's own unit for everyone else
/// (interview views, quality views).
struct UnitFilterChoices {
    let national: Bool
    let units: [CaseworkUnit]
    let ownUnit: UnitID
    /// Whether "every unit" is a choice (capacity, outcomes, quality; a diary is always one unit's).
    let allUnitsChoice: Bool

    func unitSelect(selected: String, errors: FieldErrors) -> SelectModel {
        let first: [(value: String, text: String)] = allUnitsChoice ? [("", "Every unit")] : []
        var options = first + units.map { ($0.code.rawValue, "\($0.name) (\($0.code.rawValue))") }
        if !allUnitsChoice, !units.contains(where: { $0.code == ownUnit }) { options.insert((ownUnit.rawValue, ownUnit.rawValue), at: 0) }
        return SelectModel("unit", label: "Unit", options: options, selected: selected, errors: errors, labelClass: "govuk-label--s")
    }

    /// The unit as typed, for showing the form again.
    static func typedUnit(_ query: FormData) -> String { query["unit"]?.trimmingWhitespace.uppercased() ?? "" }
}

/// One item of a group of views' sub-navigation.
struct PageTab {
    let href: String
    let text: String
    let current: Bool

    static func tabs(_ items: [(href: String, text: String)], current: String) -> [PageTab] {
        items.map { PageTab(href: $0.href, text: $0.text, current: $0.href == current) }
    }
}
