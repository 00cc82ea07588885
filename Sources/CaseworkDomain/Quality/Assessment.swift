/// A Calibre decision-quality score (10.7): DQ1 is best, DQ5 worst; DQ1–DQ3 are "sustainable", DQ4–DQ5 "unsustainable".
public enum DQScore: Int, Codable, Sendable, CaseIterable, Comparable {
    case dq1 = 1, dq2, dq3, dq4, dq5

    public var title: String { "DQ\(rawValue)" }

    /// DQ1 to DQ3 (10.7).
    public var isSustainable: Bool { self <= QualityPolicy.current.worstSustainable }

    /// DQ1 or DQ2: what the 75% target (10.32) and sign-off (10.12) count.
    public var isHigh: Bool { self <= QualityPolicy.current.worstHigh }

    public static func < (lhs: DQScore, rhs: DQScore) -> Bool { lhs.rawValue < rhs.rawValue }

    /// "DQ3" or "3".
    public init?(text: String) {
        let trimmed = text.trimmingWhitespace.uppercased()
        let digits = trimmed.hasPrefix("DQ") ? String(trimmed.dropFirst(2)) : trimmed
        guard let value = Int(digits), let score = DQScore(rawValue: value) else { return nil }
        self = score
    }
}

/// The quality targets and thresholds, in one place with the paragraphs they come from.
public struct QualityPolicy: Codable, Sendable, Hashable {
    /// The worst score still "sustainable" (10.7).
    public var worstSustainable: DQScore
    /// The worst score counted as DQ1 or DQ2 (10.32, 10.12).
    public var worstHigh: DQScore
    /// The share of decisions to score DQ1 or DQ2 (10.32: 75%).
    public var highScoreTarget: Double
    /// The share of checks on decisions to be done before service (10.34: "working towards 90%").
    public var preServiceTarget: Double
    /// The share of decisions to be checked (10.1, 10.8: 3.5%).
    public var samplingTarget: Double
    /// A pre-service check lets the decision be served when its calculated score is no worse than this and the outcome
    /// was correct; otherwise the decision goes back to its author (10.7: DQ4 and DQ5 are unsustainable).
    public var worstServable: DQScore
    /// Decisions at DQ1 or DQ2 a decision maker needs before a technical specialist can sign them off (10.12: three,
    /// "compared to the previous requirement of five").
    public var signOffDecisions: Int
    /// The window for "checks per decision maker" on the quality view (10.8: every two months).
    public var checkWindowDays: Int

    public static let current = QualityPolicy(
        worstSustainable: .dq3, worstHigh: .dq2, highScoreTarget: 0.75, preServiceTarget: 0.90, samplingTarget: 0.035,
        worstServable: .dq3, signOffDecisions: 3, checkWindowDays: 61
    )

    public static let sources: [String: String] = [
        "worstSustainable": "10.7", "worstHigh": "10.32", "highScoreTarget": "10.32", "preServiceTarget": "10.34", "samplingTarget": "10.8",
        "worstServable": "10.7", "signOffDecisions": "10.12", "checkWindowDays": "10.8",
    ]
}

/// The three Calibre scores and the calculated score (10.30): "the worst instance of a combination of the casework and
/// process scores" (casework DQ1 and process DQ5 is a calculated DQ5). The Operating Mandate score is kept beside it.
public struct CalibreScores: Codable, Sendable, Hashable {
    public var operatingMandate: DQScore
    public var casework: DQScore
    public var process: DQScore

    public init(operatingMandate: DQScore, casework: DQScore, process: DQScore) {
        self.operatingMandate = operatingMandate
        self.casework = casework
        self.process = process
    }

    /// The worse of casework and process (10.30).
    public var calculated: DQScore { max(casework, process) }
}

/// How a check was done. A verbal second pair of eyes (10.14) is recorded like any other, with who agreed what: the
/// inspectors found verbal checks left no audit trail.
public enum CheckMode: String, Codable, Sendable, CaseIterable {
    case written
    case verbal

    public var title: String { self == .written ? "Written assessment" : "Verbal second pair of eyes" }
}

/// A theme of feedback: what went wrong or well, so trends can be found (2021 rec 7: "trends in SPoE feedback are
/// identified and analysed"). Themes are data; these come from what the inspectors and tech specs named (10.35–10.40).
public typealias FeedbackTheme = PolicyEntry

public enum FeedbackThemes {
    public static let all: [FeedbackTheme] = [
        FeedbackTheme(code: "material-facts", title: "Material facts not identified or considered", source: "10.37, 10.40"),
        FeedbackTheme(code: "credibility", title: "Credibility assessment", source: "10.37"),
        FeedbackTheme(code: "risk-on-return", title: "Risk on return not properly considered", source: "10.40"),
        FeedbackTheme(code: "country-evidence", title: "Country evidence incorrect or out of date", source: "10.36"),
        FeedbackTheme(code: "medical-evidence", title: "Medical or expert evidence not engaged with", source: "10.35"),
        FeedbackTheme(code: "standard-of-proof", title: "Standard of proof or the two-stage test misapplied", source: "3.20–3.22"),
        FeedbackTheme(code: "interview-probing", title: "Insufficient probing at interview", source: "10.37, 10.39"),
        FeedbackTheme(code: "irrelevant-questioning", title: "Irrelevant questioning at interview", source: "10.37"),
        FeedbackTheme(code: "operating-mandate", title: "Operating Mandate checks", source: "10.30, 10.39"),
        FeedbackTheme(code: "safeguarding", title: "Safeguarding or vulnerability not acted on", source: "10.30"),
        FeedbackTheme(code: "process-recording", title: "Process and system updates", source: "10.30"),
        FeedbackTheme(code: "letter-quality", title: "Decision letter: copied wording, factual mistakes, too short", source: "10.35–10.36"),
        FeedbackTheme(code: "withdrawal-guidance", title: "Withdrawal guidance not followed", source: "10.42–10.43"),
        FeedbackTheme(code: "good-practice", title: "Good practice worth sharing", source: "2026 rec 3"),
    ]

    public static func theme(_ code: String) -> FeedbackTheme? { all.first { $0.code == code } }

    /// Theme codes as typed (a list or a comma-separated string), each checked against the catalogue.
    public static func parse(_ codes: [String], field: String, into check: inout Validator) -> [String] {
        var seen: [String] = []
        for raw in codes.flatMap({ $0.split(separator: ",") }).map({ String($0).trimmingWhitespace }) where !raw.isEmpty {
            guard theme(raw) != nil else {
                check.fail(field, "'\(raw)' is not a feedback theme. Themes: \(all.map(\.code).joined(separator: ", "))")
                continue
            }
            if !seen.contains(raw) { seen.append(raw) }
        }
        return seen
    }
}

/// A quality check of one piece of work, as recorded on the claim (10.4: "must include an assessment of whether the
/// outcome was correct. The rationale for the assessment must be adequately documented").
public struct QualityAssessment: Codable, Sendable, Hashable {
    /// Numbered from 1 within the claim.
    public var number: Int
    public var work: SampledWork
    /// The decision draft or interview assessed (nil for screening and withdrawals: the claim's one).
    public var subject: Int?
    /// The sample this check answers, when the work was selected; nil for an unsampled (dip) check.
    public var sampleID: String?
    /// Whose work it is.
    public var worker: StaffID
    public var assessor: StaffID
    public var assessorRole: Role
    public var assessedOn: LocalDate
    public var scores: CalibreScores
    public var outcomeCorrect: Bool
    public var feedback: String
    public var themes: [String]
    public var depth: CheckDepth
    public var mode: CheckMode
    /// For a verbal check: the decision maker who took part, and what the two agreed.
    public var agreedWith: StaffID?
    public var agreement: String?
    /// False when the decision had already been served (10.34: 24% were checked post-service).
    public var preService: Bool

    public init(
        number: Int, work: SampledWork, subject: Int?, sampleID: String?, worker: StaffID, assessor: StaffID, assessorRole: Role, assessedOn: LocalDate,
        scores: CalibreScores, outcomeCorrect: Bool, feedback: String, themes: [String], depth: CheckDepth, mode: CheckMode, agreedWith: StaffID?,
        agreement: String?, preService: Bool
    ) {
        self.number = number
        self.work = work
        self.subject = subject
        self.sampleID = sampleID
        self.worker = worker
        self.assessor = assessor
        self.assessorRole = assessorRole
        self.assessedOn = assessedOn
        self.scores = scores
        self.outcomeCorrect = outcomeCorrect
        self.feedback = feedback
        self.themes = themes
        self.depth = depth
        self.mode = mode
        self.agreedWith = agreedWith
        self.agreement = agreement
        self.preService = preService
    }

    /// Whether a pre-service check lets the decision go on to service: sustainable and the outcome correct.
    public var passes: Bool { scores.calculated <= QualityPolicy.current.worstServable && outcomeCorrect }
}

/// An assessment as typed into the form or sent to the API.
public struct QualityAssessmentInput: Codable, Sendable, Hashable {
    /// decision, interview, screening-interview or withdrawal.
    public var work: String?
    /// The decision draft or interview number.
    public var subject: Int?
    public var operatingMandate: String?
    public var casework: String?
    public var process: String?
    public var outcomeCorrect: Bool?
    public var feedback: String?
    public var themes: [String]?
    /// written or verbal.
    public var mode: String?
    /// full or light-touch.
    public var depth: String?
    public var agreedWith: String?
    public var agreement: String?

    public init(
        work: String?, subject: Int?, operatingMandate: String?, casework: String?, process: String?, outcomeCorrect: Bool?, feedback: String?,
        themes: [String]?, mode: String? = nil, depth: String? = nil, agreedWith: String? = nil, agreement: String? = nil
    ) {
        self.work = work
        self.subject = subject
        self.operatingMandate = operatingMandate
        self.casework = casework
        self.process = process
        self.outcomeCorrect = outcomeCorrect
        self.feedback = feedback
        self.themes = themes
        self.mode = mode
        self.depth = depth
        self.agreedWith = agreedWith
        self.agreement = agreement
    }
}

/// The rules of a quality check (10.4, 10.9, 10.14, 10.30).
public enum AssessmentRules {
    /// Roles that carry out quality checks: technical specialists and senior caseworkers (10.9), and assurance (PAIR).
    public static let assessors: Set<Role> = [.technicalSpecialist, .seniorCaseworker, .assurance]

    /// The parts of the input every check needs, checked field by field. The store supplies what it knows of the work.
    public static func validate(
        _ input: QualityAssessmentInput, number: Int, work: SampledWork, subject: Int?, sampleID: String?, worker: StaffID, expectedDepth: CheckDepth?,
        assessor: Actor, today: LocalDate, preService: Bool
    ) throws(ValidationFailure) -> QualityAssessment {
        var check = Validator()
        func score(_ text: String?, _ field: String, _ label: String) -> DQScore? {
            guard let text, !text.trimmingWhitespace.isEmpty else {
                check.fail(field, "Choose the \(label) score, DQ1 (best) to DQ5")
                return nil
            }
            guard let score = DQScore(text: text) else {
                check.fail(field, "The \(label) score must be DQ1, DQ2, DQ3, DQ4 or DQ5")
                return nil
            }
            return score
        }
        let om = score(input.operatingMandate, "operatingMandate", "Operating Mandate")
        let casework = score(input.casework, "casework", "casework")
        let process = score(input.process, "process", "process")
        if input.outcomeCorrect == nil { check.fail("outcomeCorrect", "Say whether the outcome was correct (10.4: every check must)") }
        let feedback = check.requiredText(input.feedback, "feedback", label: "the feedback to the decision maker (the rationale, 10.4)", maximum: ValidationPolicy.maximumNoteLength)
        let themes = FeedbackThemes.parse(input.themes ?? [], field: "themes", into: &check)
        let mode: CheckMode? = check.choice(input.mode, "mode", label: "how the check was done", default: .written)
        let depth: CheckDepth? = check.choice(input.depth, "depth", label: "the depth of the check", default: expectedDepth ?? .full)
        if let expectedDepth, let depth, depth < expectedDepth {
            check.fail("depth", "This work was selected for a \(expectedDepth.rawValue) check: a lighter check does not answer it")
        }
        var agreedWith: StaffID?
        var agreement: String?
        if mode == .verbal {
            // 10.14: the pro forma recording the conversation was dropped, so nobody could say who agreed what.
            if let who = check.requiredText(input.agreedWith, "agreedWith", label: "the decision maker the check was agreed with", maximum: 100) {
                agreedWith = StaffID(who)
                if agreedWith != worker { check.fail("agreedWith", "A verbal check is agreed with the decision maker whose work it is, \(worker.rawValue)") }
            }
            agreement = check.requiredText(input.agreement, "agreement", label: "what was agreed in the verbal check", maximum: ValidationPolicy.maximumNoteLength)
        }
        if worker == assessor.staff { check.fail("work", "Nobody checks their own work: a second pair of eyes is someone else's (10.9)") }
        try check.finish()
        return QualityAssessment(
            number: number, work: work, subject: subject, sampleID: sampleID, worker: worker, assessor: assessor.staff, assessorRole: assessor.role, assessedOn: today,
            scores: CalibreScores(operatingMandate: om!, casework: casework!, process: process!), outcomeCorrect: input.outcomeCorrect!, feedback: feedback!,
            themes: themes, depth: depth!, mode: mode!, agreedWith: agreedWith, agreement: agreement, preService: preService
        )
    }
}
