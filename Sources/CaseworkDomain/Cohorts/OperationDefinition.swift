/// Limits on an operation's definition, in one place.
public enum OperationPolicy {
    /// An operation's code: capital letters, digits and hyphens, starting with a letter, 2 to 20 characters ("AMESA").
    public static let codeLength = 2...20
    /// The earliest start date an operation may have (the oldest legacy claims date from 2007, fig 19).
    public static let earliestStartDate = LocalDate(year: 2000, month: 1, day: 1)!
    /// How far ahead a start date may be planned.
    public static let latestStartDays = 366
    /// The range of a low-intake threshold; 200 is the report's (8.91).
    public static let lowIntakeThresholdRange = 1...1_000_000

    /// Whether `code` is a well-formed operation code.
    public static func isWellFormedCode(_ code: String) -> Bool {
        guard codeLength.contains(code.count), let first = code.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// An operation as a planner types it, before it is checked: every field optional and in its raw form, so each
/// problem can be named by field. Percentages are 0–100; dates are YYYY-MM-DD.
public struct OperationDefinitionInput: Codable, Sendable, Hashable {
    public var code: String?
    public var name: String?
    /// Nationalities included (ISO alpha-3); empty or missing for any.
    public var nationalities: [String]?
    /// Nationalities excluded.
    public var excludedNationalities: [String]?
    public var claimedFrom: String?
    public var claimedTo: String?
    /// `Sex` raw values; empty or missing for any.
    public var sexes: [String]?
    /// `ClaimType` raw values; empty or missing for any.
    public var claimTypes: [String]?
    /// Unaccompanied children excluded.
    public var excludeUASC: Bool?
    /// `Regime` raw values; empty or missing for any.
    public var regimes: [String]?
    /// The lowest grant rate, as a percentage.
    public var grantRateMinimum: Double?
    /// Whether a rate equal to the minimum is outside the band ("over 95%").
    public var grantRateMinimumExclusive: Bool?
    /// The highest grant rate, as a percentage.
    public var grantRateMaximum: Double?
    public var startDate: String?
    /// Fewer members than this makes the cohort low-intake (default 200, 8.91).
    public var lowIntakeThreshold: Int?
    /// Where the definition comes from, e.g. "3.39, fig 6; 7.4".
    public var source: String?

    /// Creates an input; everything defaults to missing.
    public init(
        code: String? = nil, name: String? = nil, nationalities: [String]? = nil, excludedNationalities: [String]? = nil,
        claimedFrom: String? = nil, claimedTo: String? = nil, sexes: [String]? = nil, claimTypes: [String]? = nil,
        excludeUASC: Bool? = nil, regimes: [String]? = nil, grantRateMinimum: Double? = nil, grantRateMinimumExclusive: Bool? = nil,
        grantRateMaximum: Double? = nil, startDate: String? = nil, lowIntakeThreshold: Int? = nil, source: String? = nil
    ) {
        self.code = code
        self.name = name
        self.nationalities = nationalities
        self.excludedNationalities = excludedNationalities
        self.claimedFrom = claimedFrom
        self.claimedTo = claimedTo
        self.sexes = sexes
        self.claimTypes = claimTypes
        self.excludeUASC = excludeUASC
        self.regimes = regimes
        self.grantRateMinimum = grantRateMinimum
        self.grantRateMinimumExclusive = grantRateMinimumExclusive
        self.grantRateMaximum = grantRateMaximum
        self.startDate = startDate
        self.lowIntakeThreshold = lowIntakeThreshold
        self.source = source
    }

    /// The input that would define `operation` again (for seeding the report's examples through the same checks).
    public init(_ operation: Operation) {
        let criteria = operation.criteria
        self.init(
            code: operation.code, name: operation.name, nationalities: criteria.nationalities.map { $0.sorted() },
            excludedNationalities: criteria.excludedNationalities.sorted(), claimedFrom: criteria.claimedFrom?.iso,
            claimedTo: criteria.claimedTo?.iso, sexes: criteria.sexes.map { Sex.allCases.filter($0.contains).map(\.rawValue) },
            claimTypes: criteria.claimTypes.map { ClaimType.allCases.filter($0.contains).map(\.rawValue) }, excludeUASC: criteria.excludeUASC,
            regimes: criteria.regimes.map { Regime.allCases.filter($0.contains).map(\.rawValue) },
            grantRateMinimum: criteria.grantRate?.minimum.map { $0 * 100 }, grantRateMinimumExclusive: criteria.grantRate?.minimumIsExclusive,
            grantRateMaximum: criteria.grantRate?.maximum.map { $0 * 100 }, startDate: operation.startDate.iso,
            lowIntakeThreshold: operation.lowIntakeThreshold, source: operation.source
        )
    }

    /// The checked definition, or every problem by field. `today` bounds the claim dates (no claim is made in the
    /// future) and the start date (at most `OperationPolicy.latestStartDays` ahead).
    public func validated(today: LocalDate) throws(ValidationFailure) -> OperationDefinition {
        var check = Validator()
        let code = check.requiredText(code, "code", label: "the operation's code", maximum: OperationPolicy.codeLength.upperBound)?.uppercased()
        if let code, !OperationPolicy.isWellFormedCode(code) {
            check.fail("code", "The code must be 2 to 20 capital letters, digits or hyphens, starting with a letter, for example AMESA")
        }
        let name = check.requiredText(name, "name", label: "the operation's name")
        let included = Self.countries(nationalities, "nationalities", label: "An included nationality", &check)
        let excluded = Self.countries(excludedNationalities, "excludedNationalities", label: "An excluded nationality", &check)
        if let included, let excluded {
            let both = included.intersection(excluded)
            if !both.isEmpty {
                check.fail("excludedNationalities", "A nationality cannot be both included and excluded: \(both.sorted().joined(separator: ", "))")
            }
        }
        let from = check.date(claimedFrom, "claimedFrom", label: "the earliest date of claim", required: false, earliest: ValidationPolicy.earliestDateOfClaim, latest: today)
        let to = check.date(claimedTo, "claimedTo", label: "the latest date of claim", required: false, earliest: ValidationPolicy.earliestDateOfClaim, latest: today)
        if let from, let to, to < from {
            check.fail("claimedTo", "The latest date of claim must be on or after the earliest (\(from.longForm))")
        }
        let sexes: Set<Sex>? = Self.choices(sexes, "sexes", label: "sex", &check)
        let claimTypes: Set<ClaimType>? = Self.choices(claimTypes, "claimTypes", label: "claim type", &check)
        let regimes: Set<Regime>? = Self.choices(regimes, "regimes", label: "regime", &check)
        let minimum = Self.percentage(grantRateMinimum, "grantRateMinimum", label: "The lowest grant rate", &check)
        let maximum = Self.percentage(grantRateMaximum, "grantRateMaximum", label: "The highest grant rate", &check)
        if let minimum, let maximum, maximum < minimum || (maximum == minimum && grantRateMinimumExclusive == true) {
            check.fail("grantRateMaximum", "The highest grant rate must be above the lowest (\(GrantRates.percentage(minimum)))")
        }
        if grantRateMinimumExclusive == true, grantRateMinimum == nil {
            check.fail("grantRateMinimum", "Enter the grant rate the band starts above, or do not ask for 'over'")
        }
        var start: LocalDate?
        if let text = startDate?.trimmingWhitespace, !text.isEmpty {
            let latest = today.adding(days: OperationPolicy.latestStartDays)
            if let date = LocalDate(iso: text) {
                if date < OperationPolicy.earliestStartDate {
                    check.fail("startDate", "The start date must be on or after \(OperationPolicy.earliestStartDate.longForm)")
                } else if date > latest {
                    check.fail("startDate", "The start date must be no later than \(latest.longForm) (a year ahead)")
                } else {
                    start = date
                }
            } else {
                check.fail("startDate", "The start date must be a real date in the form YYYY-MM-DD, for example \(today.iso)")
            }
        } else {
            check.fail("startDate", "Enter the date the operation starts")
        }
        let threshold = lowIntakeThreshold ?? SingleOwnerRule.current.lowIntakeThreshold
        if !OperationPolicy.lowIntakeThresholdRange.contains(threshold) {
            check.fail("lowIntakeThreshold", "The low-intake threshold must be a whole number from 1 to 1,000,000 (the report's is 200, 8.91)")
        }
        let source = check.optionalText(source, "source", label: "the source")
        try check.finish()
        let band: GrantRateBand? = minimum == nil && maximum == nil
            ? nil : GrantRateBand(minimum: minimum, minimumIsExclusive: grantRateMinimumExclusive ?? false, maximum: maximum)
        let criteria = CohortCriteria(
            nationalities: included.flatMap { $0.isEmpty ? nil : $0 }, excludedNationalities: excluded ?? [], claimedFrom: from,
            claimedTo: to, sexes: sexes, claimTypes: claimTypes, excludeUASC: excludeUASC ?? false, regimes: regimes, grantRate: band
        )
        return OperationDefinition(code: code!, name: name!, criteria: criteria, startDate: start!, lowIntakeThreshold: threshold, source: source ?? "")
    }

    private static func countries(_ values: [String]?, _ field: String, label: String, _ check: inout Validator) -> Set<String>? {
        var codes: Set<String> = []
        var unknown: [String] = []
        for value in values ?? [] {
            let code = value.trimmingWhitespace.uppercased()
            if code.isEmpty { continue }
            if Countries.country(code: code) != nil { codes.insert(code) } else { unknown.append(String(code.prefix(20))) }
        }
        if !unknown.isEmpty {
            check.fail(field, "\(label) must be an ISO 3166-1 alpha-3 country code, for example AFG; not \(unknown.joined(separator: ", "))")
            return nil
        }
        return codes
    }

    private static func choices<T: RawRepresentable & CaseIterable & Hashable>(
        _ values: [String]?, _ field: String, label: String, _ check: inout Validator
    ) -> Set<T>? where T.RawValue == String {
        var chosen: Set<T> = []
        for value in values ?? [] {
            let text = value.trimmingWhitespace
            if text.isEmpty { continue }
            guard let choice = T(rawValue: text) else {
                check.fail(field, "Each \(label) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", ")); not '\(text.prefix(40))'")
                return nil
            }
            chosen.insert(choice)
        }
        return chosen.isEmpty ? nil : chosen
    }

    private static func percentage(_ value: Double?, _ field: String, label: String, _ check: inout Validator) -> Double? {
        guard let value else { return nil }
        guard value.isFinite, (0...100).contains(value) else {
            check.fail(field, "\(label) must be a percentage from 0 to 100")
            return nil
        }
        return value / 100
    }
}

/// A checked definition of an operation: everything but the starting figure, which the store takes when it is defined.
public struct OperationDefinition: Sendable, Hashable {
    public var code: String
    public var name: String
    public var criteria: CohortCriteria
    public var startDate: LocalDate
    public var lowIntakeThreshold: Int
    public var source: String

    /// Creates a definition.
    public init(code: String, name: String, criteria: CohortCriteria, startDate: LocalDate, lowIntakeThreshold: Int, source: String) {
        self.code = code
        self.name = name
        self.criteria = criteria
        self.startDate = startDate
        self.lowIntakeThreshold = lowIntakeThreshold
        self.source = source
    }

    /// The operation with its starting figure.
    public func operation(startingFigure: Int) -> Operation {
        Operation(
            code: code, name: name, criteria: criteria, startDate: startDate, startingFigure: startingFigure,
            lowIntakeThreshold: lowIntakeThreshold, source: source
        )
    }
}

extension CohortCriteria {
    /// The criteria in words, one line each, for a definition page: "Nationalities: AFG, ERI", "Unaccompanied children excluded".
    public var descriptions: [(label: String, value: String)] {
        var lines: [(String, String)] = []
        lines.append(("Nationalities", nationalities.map { $0.sorted().joined(separator: ", ") } ?? "Any"))
        if !excludedNationalities.isEmpty { lines.append(("Nationalities excluded", excludedNationalities.sorted().joined(separator: ", "))) }
        switch (claimedFrom, claimedTo) {
        case let (from?, to?): lines.append(("Claimed", "\(from.longForm) to \(to.longForm)"))
        case let (from?, nil): lines.append(("Claimed", "On or after \(from.longForm)"))
        case let (nil, to?): lines.append(("Claimed", "On or before \(to.longForm)"))
        case (nil, nil): lines.append(("Claimed", "Any date"))
        }
        lines.append(("Sex", sexes.map { Sex.allCases.filter($0.contains).map(\.title).joined(separator: ", ") } ?? "Any"))
        lines.append(("Claim type", claimTypes.map { ClaimType.allCases.filter($0.contains).map(\.title).joined(separator: ", ") } ?? "Any"))
        lines.append(("Regime", regimes.map { Regime.allCases.filter($0.contains).map(\.title).joined(separator: ", ") } ?? "Any"))
        lines.append(("Unaccompanied children", excludeUASC ? "Excluded" : "Included"))
        lines.append(("Grant rate of the nationality", grantRate.map(\.description) ?? "Any"))
        return lines
    }
}
