/// The inspection's interview figures that the platform's own rates are set beside, each with its paragraph, in one
/// place: the outcome page, the API and the tests all read them from here.
///
/// Figure 24 (8.76): "of the 70,013 interviews booked between 1 January 2023 and 31 October 2023, 62.75% (43,936) were
/// completed, 15.63% (10,940) were cancelled, and there was an 18.50% ('no show') rate"; the table adds suspended
/// 1,980 (2.83%), other 175 (0.25%) and withdrawn 27 (0.04%), of a total of 70,010. 8.75: "Staff told inspectors that
/// 40% of asylum interviews that had been cancelled were due to interpreter issues", which the inspectors could not
/// check because no reason was recorded; 8.76: the Home Office could not produce the dates interviews were rebooked.
public enum InterviewOutcomeReference {
    /// One line of figure 24.
    public struct Figure: Codable, Sendable, Hashable {
        /// Figure 24's own label ("No show").
        public let label: String
        /// The platform's outcome codes counted under it (`InterviewOutcome.code`).
        public let codes: [String]
        /// Interviews in the figure.
        public let count: Int
        /// Its percentage of the total, as printed.
        public let percent: Double
    }

    /// Where the figures come from.
    public static let source = "Figure 24 and paragraphs 8.75–8.77 of the 2023 inspection: 70,010 interviews booked, 1 January to 31 October 2023"

    /// Interviews the figure's lines add up to.
    public static let total = 70_010
    /// Interviews the printed percentages are shares of: 8.76's text says 70,013 were booked, and every percentage in
    /// the table is its line's count over 70,013 (43,936 / 70,013 = 62.75%; over 70,010 it would be 62.76%). Three
    /// interviews are in neither line; the difference is the report's, kept here so nobody "corrects" one figure.
    public static let percentageBase = 70_013

    /// Figure 24 line by line. The report's "Other" is not broken down; the platform's only outcome outside the
    /// report's five named ones is a continuation needed (9.30), so that is what it is compared with.
    public static let figures: [Figure] = [
        Figure(label: "Completed", codes: ["completed"], count: 43_936, percent: 62.75),
        Figure(label: "Cancelled", codes: ["cancelled"], count: 10_940, percent: 15.63),
        Figure(label: "No show", codes: ["no-show"], count: 12_952, percent: 18.50),
        Figure(label: "Suspended", codes: ["suspended"], count: 1_980, percent: 2.83),
        Figure(label: "Other", codes: ["continuation-needed"], count: 175, percent: 0.25),
        Figure(label: "Withdrawn", codes: ["withdrawn"], count: 27, percent: 0.04),
    ]

    /// The share of cancellations staff said were interpreter issues (8.75), a percentage. Never verified: the
    /// platform records the reason for every cancellation so the share can be measured.
    public static let interpreterCancellationShare = 40.0

    /// The figure 24 line an outcome code is counted under, or nil ("booked").
    public static func figure(for code: String) -> Figure? { figures.first { $0.codes.contains(code) } }
}

/// Languages whose interpreters were short against demand (10.50–10.51): the Home Office named "Kurdish (all dialects),
/// Vietnamese, Tagalog, Georgian and Bengali/Sylheti", and a stakeholder Moroccan Arabic. The capacity view marks them
/// so a planner sees the scarce languages first.
public enum InterpreterShortage {
    /// Short in every dialect.
    public static let languages: Set<String> = ["kurdish", "vietnamese", "tagalog", "georgian", "bengali", "sylheti"]
    /// Short in one dialect of a language otherwise well served.
    public static let dialects: Set<InterpreterLanguage> = [InterpreterLanguage(language: "arabic", dialect: "moroccan")]

    /// Whether the report names `language` as short.
    public static func isShort(_ language: InterpreterLanguage) -> Bool {
        let key = InterpreterLanguage(language: language.language.lowercased(), dialect: language.dialect?.lowercased())
        return languages.contains(key.language) || dialects.contains(key)
    }
}

/// An ISO 8601 week (Monday to Sunday; week 1 holds the year's first Thursday), the week outcome rates are grouped by.
public struct ISOWeek: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The ISO week-numbering year, which differs from the calendar year for a few days around 1 January.
    public let year: Int
    /// 1 to 53.
    public let week: Int

    /// The week `date` falls in.
    public init(containing date: LocalDate) {
        let thursday = date.adding(days: 4 - date.weekday.rawValue)
        let firstOfYear = LocalDate(year: thursday.year, month: 1, day: 1)!
        year = thursday.year
        week = firstOfYear.days(until: thursday) / 7 + 1
    }

    /// The week's Monday.
    public var monday: LocalDate {
        let fourthOfJanuary = LocalDate(year: year, month: 1, day: 4)!
        return fourthOfJanuary.adding(days: -(fourthOfJanuary.weekday.rawValue - 1) + (week - 1) * 7)
    }

    /// "2023-W44".
    public var description: String { "\(year)-W" + (week < 10 ? "0" : "") + "\(week)" }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool { (lhs.year, lhs.week) < (rhs.year, rhs.week) }
}

/// Percentages as the views print them.
public enum InterviewRates {
    /// `count` as a percentage of `total`, to two decimal places as figure 24 prints them; 0 when `total` is 0.
    public static func percent(_ count: Int, of total: Int) -> Double {
        guard total > 0 else { return 0 }
        return (Double(count) * 10_000 / Double(total)).rounded() / 100
    }

    /// "62.75%".
    public static func text(_ percent: Double) -> String {
        let hundredths = Int((percent * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)%"
    }
}

extension InterviewOutcome {
    /// The title of a status as the interviews table stores it: "booked" or an outcome code.
    public static func title(ofStatus status: String) -> String {
        switch status {
        case "booked": "Booked"
        case "completed": "Completed"
        case "cancelled": "Cancelled"
        case "no-show": "Did not attend"
        case "suspended": "Suspended"
        case "continuation-needed": "Continuation needed"
        case "withdrawn": "Withdrawn"
        default: status
        }
    }
}
