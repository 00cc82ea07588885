/// A new version of the priority policy as typed into the form or sent to the API, before it is checked. A field left
/// out keeps the value of the policy it is based on (the one in force), so a change names only what changes.
///
/// Field names in errors are the API's: "version", "name", "tierOrder" (and "tierOrder[i]" for one entry),
/// "unaccompaniedChildCategory", "priorityOnRequestCategory", "safeguardingSeverity.<level>", "markerSeverity.<marker>",
/// "nationalReferralMechanismSeverity", "unaccompaniedChildSeverity", "priorityOnRequestSeverity".
public struct PriorityPolicyInput: Codable, Sendable, Hashable {
    /// The new version's number: the version in force plus one (the store checks the sequence).
    public var version: Int?
    /// The policy's name.
    public var name: String?
    /// The categories, first tier first, by raw value ("detained", "vulnerable-high-harm", ...).
    public var tierOrder: [String]?
    /// The category an unaccompanied child's claim falls in.
    public var unaccompaniedChildCategory: String?
    /// The category a claim with priority on request falls in.
    public var priorityOnRequestCategory: String?
    /// Severity by safeguarding level ("vulnerable", "sshl1", ...); levels left out keep their weight.
    public var safeguardingSeverity: [String: Int]?
    /// Severity by vulnerability marker ("suicidal-ideation", ...); markers left out keep their weight.
    public var markerSeverity: [String: Int]?
    /// Severity of an NRM referral.
    public var nationalReferralMechanismSeverity: Int?
    /// Severity of being an unaccompanied child.
    public var unaccompaniedChildSeverity: Int?
    /// Severity given by priority on request.
    public var priorityOnRequestSeverity: Int?

    /// Creates an input; every field may be missing.
    public init(
        version: Int? = nil, name: String? = nil, tierOrder: [String]? = nil, unaccompaniedChildCategory: String? = nil,
        priorityOnRequestCategory: String? = nil, safeguardingSeverity: [String: Int]? = nil, markerSeverity: [String: Int]? = nil,
        nationalReferralMechanismSeverity: Int? = nil, unaccompaniedChildSeverity: Int? = nil, priorityOnRequestSeverity: Int? = nil
    ) {
        self.version = version
        self.name = name
        self.tierOrder = tierOrder
        self.unaccompaniedChildCategory = unaccompaniedChildCategory
        self.priorityOnRequestCategory = priorityOnRequestCategory
        self.safeguardingSeverity = safeguardingSeverity
        self.markerSeverity = markerSeverity
        self.nationalReferralMechanismSeverity = nationalReferralMechanismSeverity
        self.unaccompaniedChildSeverity = unaccompaniedChildSeverity
        self.priorityOnRequestSeverity = priorityOnRequestSeverity
    }

    /// Every value of `policy`, as an input: the starting point of the form for the next version.
    public init(_ policy: PriorityPolicy) {
        self.init(
            version: policy.version, name: policy.name, tierOrder: policy.tierOrder.map(\.rawValue),
            unaccompaniedChildCategory: policy.unaccompaniedChildCategory.rawValue,
            priorityOnRequestCategory: policy.priorityOnRequestCategory.rawValue,
            safeguardingSeverity: Dictionary(uniqueKeysWithValues: policy.safeguardingSeverity.map { ($0.key.rawValue, $0.value) }),
            markerSeverity: Dictionary(uniqueKeysWithValues: policy.markerSeverity.map { ($0.key.rawValue, $0.value) }),
            nationalReferralMechanismSeverity: policy.nationalReferralMechanismSeverity,
            unaccompaniedChildSeverity: policy.unaccompaniedChildSeverity, priorityOnRequestSeverity: policy.priorityOnRequestSeverity
        )
    }

    /// The policy this input describes, with what it leaves out taken from `base`; or every rule it breaks at once.
    /// The version is required (a policy change is always a new, numbered version) but its place in the sequence is
    /// the store's to check.
    public func policy(basedOn base: PriorityPolicy) throws(ValidationFailure) -> PriorityPolicy {
        var check = Validator()
        if version == nil { check.fail("version", "Enter the new version's number: \(base.version + 1), the version in force plus one") }
        let name = check.requiredText(self.name ?? base.name, "name", label: "the policy's name", maximum: 200)

        var order: [TaskingCategory] = []
        let given = tierOrder ?? base.tierOrder.map(\.rawValue)
        for (index, text) in given.enumerated() {
            let field = "tierOrder[\(index)]"
            let trimmed = text.trimmingWhitespace
            if trimmed.isEmpty {
                check.fail(field, "Select the category for tier \(index + 1)")
            } else if let category = TaskingCategory(rawValue: trimmed) {
                order.append(category)
            } else {
                check.fail(field, "Tier \(index + 1) must be one of: \(Self.categoryList); '\(trimmed.prefix(40))' is not one")
            }
        }
        if order.count == given.count {
            let repeated = TaskingCategory.allCases.filter { category in order.filter { $0 == category }.count > 1 }
            let missing = TaskingCategory.allCases.filter { !order.contains($0) }
            if !repeated.isEmpty || !missing.isEmpty || order.count != TaskingCategory.allCases.count {
                var problems: [String] = []
                if !repeated.isEmpty { problems.append(Self.titles(repeated) + (repeated.count == 1 ? " is" : " are") + " listed more than once") }
                if !missing.isEmpty { problems.append(Self.titles(missing) + (missing.count == 1 ? " is" : " are") + " missing") }
                if problems.isEmpty { problems.append("there are \(order.count) tiers, not \(TaskingCategory.allCases.count)") }
                check.fail(
                    "tierOrder",
                    "Each of the \(TaskingCategory.allCases.count) tasking categories must have exactly one tier (fig 21): " + problems.joined(separator: "; ")
                )
            }
        }

        let uasc: TaskingCategory? = check.choice(
            unaccompaniedChildCategory, "unaccompaniedChildCategory", label: "the category an unaccompanied child's claim falls in",
            default: base.unaccompaniedChildCategory
        )
        let onRequest: TaskingCategory? = check.choice(
            priorityOnRequestCategory, "priorityOnRequestCategory", label: "the category a claim with priority on request falls in",
            default: base.priorityOnRequestCategory
        )

        var safeguarding = base.safeguardingSeverity
        for (key, value) in (safeguardingSeverity ?? [:]).sorted(by: { $0.key < $1.key }) {
            let field = "safeguardingSeverity.\(key)"
            guard let level = SafeguardingLevel(rawValue: key) else {
                check.fail(field, "'\(key.prefix(40))' is not a safeguarding level; the levels are \(SafeguardingLevel.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if Self.checkSeverity(value, field, label: "The severity of a \(level.title) referral", &check) { safeguarding[level] = value }
        }
        var markers = base.markerSeverity
        for (key, value) in (markerSeverity ?? [:]).sorted(by: { $0.key < $1.key }) {
            let field = "markerSeverity.\(key)"
            guard let marker = VulnerabilityMarker(rawValue: key) else {
                check.fail(field, "'\(key.prefix(40))' is not a vulnerability marker; the markers are \(VulnerabilityMarker.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if Self.checkSeverity(value, field, label: "The severity of '\(marker.title)'", &check) { markers[marker] = value }
        }
        let nrm = nationalReferralMechanismSeverity ?? base.nationalReferralMechanismSeverity
        _ = Self.checkSeverity(nrm, "nationalReferralMechanismSeverity", label: "The severity of an NRM referral", &check)
        let child = unaccompaniedChildSeverity ?? base.unaccompaniedChildSeverity
        _ = Self.checkSeverity(child, "unaccompaniedChildSeverity", label: "The severity of an unaccompanied child's claim", &check)
        let granted = priorityOnRequestSeverity ?? base.priorityOnRequestSeverity
        _ = Self.checkSeverity(granted, "priorityOnRequestSeverity", label: "The severity given by priority on request", &check)

        try check.finish()
        return try PriorityPolicy(
            version: version!, name: name!, tierOrder: order, unaccompaniedChildCategory: uasc!, priorityOnRequestCategory: onRequest!,
            safeguardingSeverity: safeguarding, markerSeverity: markers, nationalReferralMechanismSeverity: nrm,
            unaccompaniedChildSeverity: child, priorityOnRequestSeverity: granted
        )
    }

    /// True when `value` is a severity the sort key can hold; otherwise records why not.
    private static func checkSeverity(_ value: Int, _ field: String, label: String, _ check: inout Validator) -> Bool {
        guard (0...PriorityPolicy.maximumSeverity).contains(value) else {
            check.fail(field, "\(label) must be a whole number from 0 to \(PriorityPolicy.maximumSeverity) (it is \(value))")
            return false
        }
        return true
    }

    private static let categoryList = TaskingCategory.allCases.map(\.rawValue).joined(separator: ", ")

    private static func titles(_ categories: [TaskingCategory]) -> String {
        categories.map { "'\($0.title)'" }.joined(separator: " and ")
    }
}
