import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// The priority policy's pages: the policy in force as tables with its history, and the form that adopts the next version.
extension PagesController {
    /// `GET /priority-policy`: the tier order, severities and every version; after an adoption, what its recompute did.
    @Sendable func priorityPolicyPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let history = try await store.priorityPolicyHistory()
        let query = FormData(body: request.uri.query ?? "")
        let adopted = query["adopted"].flatMap { Int($0) }.flatMap { version in history.first { $0.policy.version == version } }
        let model = PriorityPolicyPageModel(history: history, adopted: adopted, canAdopt: AccessPolicy.workPlanners.contains(identity.actor.role))
        return renderer.response("priority-policy", title: "Priority policy", chrome: .signedIn(identity, current: "priority-policy"), model: model)
    }

    /// `GET /priority-policy/new`: the form for the next version, filled in with the policy in force.
    @Sendable func newPriorityPolicyPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requirePlanner(identity.actor)
        let inForce = try await store.planningState().priorityPolicy
        var values = PolicyFormValues(PriorityPolicyInput(inForce))
        values.version = String(inForce.version + 1)
        values.name = ""
        return renderPolicyForm(identity: identity, inForce: inForce, values: values, errors: FieldErrors(), status: .ok)
    }

    /// `POST /priority-policy/new`: adopts the version; every claim's priority is recomputed in the same transaction.
    @Sendable func adoptPriorityPolicy(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requirePlanner(identity.actor)
        let form = context.form ?? FormData(body: "")
        let values = PolicyFormValues(form: form)
        let inForce = try await store.planningState().priorityPolicy
        var errors = FieldErrors()
        // Every problem at once: numbers that do not read are reported with what the policy's own rules find in the rest.
        let (input, unreadable) = values.input()
        var problems = unreadable
        var reasonCheck = Validator()
        _ = reasonCheck.requiredText(values.reason, "reason", label: "why the policy changes", maximum: ValidationPolicy.maximumReasonLength)
        do { try reasonCheck.finish() } catch { problems += error.errors }
        do {
            let policy = try input.policy(basedOn: inForce)
            if problems.isEmpty {
                let (adopted, _) = try await store.adoptPriorityPolicy(policy, by: identity.actor, reason: values.reason)
                return seeOther("/priority-policy?adopted=\(adopted.policy.version)#adopted")
            }
        } catch let failure as ValidationFailure {
            let named = Set(problems.map(\.field))
            problems += failure.errors.filter { !named.contains($0.field) }
        }
        for error in problems {
            let key = PolicyFormValues.key(for: error.field)
            errors.add(error.message, key: key, anchor: key)
        }
        errors.order(byAnchors: PolicyFormValues.fieldOrder)
        return renderPolicyForm(identity: identity, inForce: inForce, values: values, errors: errors, status: .unprocessableContent)
    }

    private func renderPolicyForm(identity: Identity, inForce: PriorityPolicy, values: PolicyFormValues, errors: FieldErrors, status: HTTPResponse.Status) -> Response {
        let model = NewPriorityPolicyPageModel(inForce: inForce, values: values, errors: errors, csrfToken: identity.csrfToken ?? "")
        let title = (errors.isEmpty ? "" : "Error: ") + "Adopt a new priority policy"
        return renderer.response("priority-policy-new", title: title, chrome: .signedIn(identity, current: "priority-policy"), model: model, status: status)
    }

    private static func requirePlanner(_ actor: Actor) throws {
        guard AccessPolicy.workPlanners.contains(actor.role) else {
            throw AccessDenied("Only workflow planners and operations managers can adopt a priority policy (fig 21).")
        }
    }
}

/// What was typed into the new-policy form, as text, so it can be shown again exactly as typed.
struct PolicyFormValues {
    var version = ""
    var name = ""
    var tiers: [String] = Array(repeating: "", count: TaskingCategory.allCases.count)
    var unaccompaniedChildCategory = ""
    var priorityOnRequestCategory = ""
    var safeguarding: [SafeguardingLevel: String] = [:]
    var markers: [VulnerabilityMarker: String] = [:]
    var nationalReferralMechanism = ""
    var unaccompaniedChild = ""
    var priorityOnRequest = ""
    var reason = ""

    /// The form's field keys, in page order, for the error summary.
    static let fieldOrder: [String] =
        ["version", "name"] + (1...TaskingCategory.allCases.count).map { "tier-\($0)" } + ["uasc-category", "por-category"]
        + SafeguardingLevel.allCases.map { "sev-safeguarding-\($0.rawValue)" } + VulnerabilityMarker.allCases.map { "sev-marker-\($0.rawValue)" }
        + ["sev-nrm", "sev-uasc", "sev-por", "reason"]

    /// The values of `input`, as the form shows them.
    init(_ input: PriorityPolicyInput) {
        version = input.version.map(String.init) ?? ""
        name = input.name ?? ""
        for (index, category) in (input.tierOrder ?? []).prefix(tiers.count).enumerated() { tiers[index] = category }
        unaccompaniedChildCategory = input.unaccompaniedChildCategory ?? ""
        priorityOnRequestCategory = input.priorityOnRequestCategory ?? ""
        for level in SafeguardingLevel.allCases { safeguarding[level] = input.safeguardingSeverity?[level.rawValue].map(String.init) ?? "" }
        for marker in VulnerabilityMarker.allCases { markers[marker] = input.markerSeverity?[marker.rawValue].map(String.init) ?? "" }
        nationalReferralMechanism = input.nationalReferralMechanismSeverity.map(String.init) ?? ""
        unaccompaniedChild = input.unaccompaniedChildSeverity.map(String.init) ?? ""
        priorityOnRequest = input.priorityOnRequestSeverity.map(String.init) ?? ""
    }

    /// The values of a posted form.
    init(form: FormData) {
        version = form["version"] ?? ""
        name = form["name"] ?? ""
        tiers = (1...TaskingCategory.allCases.count).map { form["tier-\($0)"] ?? "" }
        unaccompaniedChildCategory = form["uasc-category"] ?? ""
        priorityOnRequestCategory = form["por-category"] ?? ""
        for level in SafeguardingLevel.allCases { safeguarding[level] = form["sev-safeguarding-\(level.rawValue)"] ?? "" }
        for marker in VulnerabilityMarker.allCases { markers[marker] = form["sev-marker-\(marker.rawValue)"] ?? "" }
        nationalReferralMechanism = form["sev-nrm"] ?? ""
        unaccompaniedChild = form["sev-uasc"] ?? ""
        priorityOnRequest = form["sev-por"] ?? ""
        reason = form["reason"] ?? ""
    }

    /// The input the values describe, and every field that is not a whole number (left out of the input, so the
    /// policy's own checks still run on the rest).
    func input() -> (input: PriorityPolicyInput, unreadable: [FieldError]) {
        var check = Validator()
        func number(_ text: String, _ field: String, _ label: String) -> Int? {
            let trimmed = text.trimmingWhitespace
            guard !trimmed.isEmpty else {
                check.fail(field, "Enter \(label)")
                return nil
            }
            guard let value = Int(trimmed) else {
                check.fail(field, "\(label.capitalisedFirst) must be a whole number, such as 60")
                return nil
            }
            return value
        }
        let version = number(version, "version", "the new version's number")
        var safeguardingSeverity: [String: Int] = [:]
        for level in SafeguardingLevel.allCases {
            safeguardingSeverity[level.rawValue] = number(safeguarding[level] ?? "", "safeguardingSeverity.\(level.rawValue)", "the severity of a \(level.title) referral")
        }
        var markerSeverity: [String: Int] = [:]
        for marker in VulnerabilityMarker.allCases {
            markerSeverity[marker.rawValue] = number(markers[marker] ?? "", "markerSeverity.\(marker.rawValue)", "the severity of '\(marker.title)'")
        }
        let nrm = number(nationalReferralMechanism, "nationalReferralMechanismSeverity", "the severity of an NRM referral")
        let child = number(unaccompaniedChild, "unaccompaniedChildSeverity", "the severity of an unaccompanied child's claim")
        let granted = number(priorityOnRequest, "priorityOnRequestSeverity", "the severity given by priority on request")
        let input = PriorityPolicyInput(
            version: version, name: name, tierOrder: tiers, unaccompaniedChildCategory: unaccompaniedChildCategory,
            priorityOnRequestCategory: priorityOnRequestCategory, safeguardingSeverity: safeguardingSeverity, markerSeverity: markerSeverity,
            nationalReferralMechanismSeverity: nrm, unaccompaniedChildSeverity: child, priorityOnRequestSeverity: granted
        )
        return (input, check.errors)
    }

    /// The form key of a field the domain or the store named.
    static func key(for field: String) -> String {
        switch field {
        case "version", "name", "reason": return field
        case "tierOrder": return "tier-1"
        case "unaccompaniedChildCategory": return "uasc-category"
        case "priorityOnRequestCategory": return "por-category"
        case "nationalReferralMechanismSeverity": return "sev-nrm"
        case "unaccompaniedChildSeverity": return "sev-uasc"
        case "priorityOnRequestSeverity": return "sev-por"
        default:
            if field.hasPrefix("tierOrder["), let index = Int(field.dropFirst("tierOrder[".count).dropLast()) { return "tier-\(index + 1)" }
            if field.hasPrefix("safeguardingSeverity.") { return "sev-safeguarding-" + field.dropFirst("safeguardingSeverity.".count) }
            if field.hasPrefix("markerSeverity.") { return "sev-marker-" + field.dropFirst("markerSeverity.".count) }
            return "name"
        }
    }
}

/// One row of a two-column table.
struct KeyValueRow {
    let key: String
    let value: String
}

/// One tier of the policy as the page lists it.
struct TierRowModel {
    let tier: Int
    let title: String
    let grounds: [String]
}

/// One version in the history table.
struct PolicyVersionRowModel {
    let version: Int
    let name: String
    let adopted: String
    let reason: String
    let effect: String
    let inForce: Bool
}

/// `GET /priority-policy`.
struct PriorityPolicyPageModel {
    let name: String
    let version: Int
    let adoptedText: String
    let tiers: [TierRowModel]
    let withinTier: String
    let safeguarding: [KeyValueRow]
    let markers: [KeyValueRow]
    let otherSeverities: [KeyValueRow]
    let history: [PolicyVersionRowModel]
    let canAdopt: Bool
    let hasNotice: Bool
    let noticeTitle: String
    let noticeText: String

    init(history: [AdoptedPriorityPolicy], adopted: AdoptedPriorityPolicy?, canAdopt: Bool) {
        let inForce = history.first ?? AdoptedPriorityPolicy(policy: .current, adoptedBy: nil, adoptedAt: nil, reason: "", recompute: nil)
        let policy = inForce.policy
        name = policy.name
        version = policy.version
        adoptedText = inForce.adoptedAt.map { "Adopted by \(inForce.adoptedBy?.rawValue ?? "") on \($0.longForm): \(inForce.reason)" } ?? inForce.reason
        tiers = policy.tierOrder.enumerated().map { index, category in
            var grounds = [category.grounds]
            if policy.unaccompaniedChildCategory == category { grounds.append("An unaccompanied child's claim (placed no lower than this tier)") }
            if policy.priorityOnRequestCategory == category { grounds.append("Priority granted on request for severe vulnerability with medical evidence (8.20)") }
            return TierRowModel(tier: index + 1, title: category.title, grounds: grounds)
        }
        withinTier = "A claim takes the first tier any of its facts puts it in. Within a tier, the more severe vulnerability is worked first (the highest of the weights below that apply), then the earlier committed date, then the older claim (8.16)."
        safeguarding = SafeguardingLevel.allCases.map { KeyValueRow(key: $0 == .vulnerable ? "Vulnerable" : $0.title, value: String(policy.safeguardingSeverity[$0] ?? 0)) }
        markers = VulnerabilityMarker.allCases.map { KeyValueRow(key: $0.title, value: String(policy.markerSeverity[$0] ?? 0)) }
        otherSeverities = [
            KeyValueRow(key: "NRM referral (potential victim of trafficking)", value: String(policy.nationalReferralMechanismSeverity)),
            KeyValueRow(key: "Unaccompanied child", value: String(policy.unaccompaniedChildSeverity)),
            KeyValueRow(key: "Priority on request", value: String(policy.priorityOnRequestSeverity)),
        ]
        self.history = history.map { entry in
            PolicyVersionRowModel(
                version: entry.policy.version, name: entry.policy.name,
                adopted: entry.adoptedAt.map { "\(entry.adoptedBy?.rawValue ?? ""), \($0.longForm)" } ?? "Starting policy",
                reason: entry.reason, effect: entry.recompute.map(Self.effect) ?? "—", inForce: entry.policy.version == policy.version
            )
        }
        self.canAdopt = canAdopt
        hasNotice = adopted?.recompute != nil
        noticeTitle = adopted.map { "Version \($0.policy.version) is in force" } ?? ""
        noticeText = adopted?.recompute.map { "Every claim's priority was recomputed: " + Self.effect($0) + "." } ?? ""
    }

    static func effect(_ recompute: PriorityRecompute) -> String {
        let claims = recompute.claims == 1 ? "1 claim" : "\(recompute.claims) claims"
        return "\(claims) recomputed in \(recompute.milliseconds) ms; \(recompute.tierChanges) changed tier and \(recompute.orderChanges) changed place in the work order"
    }
}

/// `GET /priority-policy/new`.
struct NewPriorityPolicyPageModel {
    let hasErrors: Bool
    let errors: [ErrorItem]
    let csrfToken: String
    let inForceVersion: Int
    let inForceName: String
    let version: TextInputModel
    let name: TextInputModel
    let tiers: [SelectModel]
    let uascCategory: SelectModel
    let porCategory: SelectModel
    let safeguarding: [TextInputModel]
    let markers: [TextInputModel]
    let otherSeverities: [TextInputModel]
    let reason: TextareaModel

    init(inForce: PriorityPolicy, values: PolicyFormValues, errors: FieldErrors, csrfToken: String) {
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        self.csrfToken = csrfToken
        inForceVersion = inForce.version
        inForceName = inForce.name
        let empty = FormData(body: "")
        version = TextInputModel(
            "version", label: "Version", hint: "The version in force plus one: \(inForce.version + 1)", values: empty, errors: errors, width: "4",
            labelClass: "govuk-label--s", value: values.version
        )
        name = TextInputModel(
            "name", label: "Name", hint: "For example, Asylum Operations tasking priorities, April 2024", values: empty, errors: errors, width: "30",
            spellcheck: true, labelClass: "govuk-label--s", value: values.name
        )
        let categories: [(value: String, text: String)] = [("", "Select a category")] + TaskingCategory.allCases.map { ($0.rawValue, $0.title) }
        tiers = values.tiers.enumerated().map { index, selected in
            SelectModel("tier-\(index + 1)", label: "Tier \(index + 1)", options: categories, selected: selected, errors: errors)
        }
        uascCategory = SelectModel(
            "uasc-category", label: "An unaccompanied child's claim is placed no lower than", options: categories,
            selected: values.unaccompaniedChildCategory, errors: errors, labelClass: "govuk-label--s"
        )
        porCategory = SelectModel(
            "por-category", label: "Priority on request places the claim no lower than", options: categories,
            selected: values.priorityOnRequestCategory, errors: errors, labelClass: "govuk-label--s"
        )
        func severity(_ key: String, _ label: String, _ value: String) -> TextInputModel {
            TextInputModel(key, label: label, values: empty, errors: errors, width: "2", type: "number", value: value)
        }
        safeguarding = SafeguardingLevel.allCases.map {
            severity("sev-safeguarding-\($0.rawValue)", $0 == .vulnerable ? "Vulnerable" : $0.title, values.safeguarding[$0] ?? "")
        }
        markers = VulnerabilityMarker.allCases.map { severity("sev-marker-\($0.rawValue)", $0.title, values.markers[$0] ?? "") }
        otherSeverities = [
            severity("sev-nrm", "NRM referral (potential victim of trafficking)", values.nationalReferralMechanism),
            severity("sev-uasc", "Unaccompanied child", values.unaccompaniedChild),
            severity("sev-por", "Priority on request", values.priorityOnRequest),
        ]
        reason = TextareaModel(
            "reason", name: "reason", label: "Why the policy changes", hint: "Recorded with the version, with your name and today's date.",
            value: values.reason, errors: errors, rows: 3
        )
    }
}
