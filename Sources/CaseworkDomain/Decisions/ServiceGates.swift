/// The gates a decision passes before it is served. Each is open or closed with the reason, so the claim page can say
/// exactly what is still to do (10.30: Operating Mandate checks before service; 10.34: checks before service; 8.83:
/// barriers that block service; 10.60: safeguarding's red light).
public enum ServiceGate: String, Codable, Sendable, CaseIterable {
    case decisionCompleted = "decision-completed"
    case operatingMandate = "operating-mandate"
    case qualityCheck = "quality-check"
    case barriers
    case serviceHolds = "service-holds"

    public var title: String {
        switch self {
        case .decisionCompleted: "Decision completed"
        case .operatingMandate: "Operating Mandate checks complete"
        case .qualityCheck: "Quality check done with an acceptable score"
        case .barriers: "No barrier blocking service"
        case .serviceHolds: "No hold on service (safeguarding)"
        }
    }
}

public struct GateStatus: Codable, Sendable, Hashable {
    public var gate: ServiceGate
    public var open: Bool
    /// What opened it, or what keeps it closed, in words.
    public var detail: [String]

    public init(gate: ServiceGate, open: Bool, detail: [String]) {
        self.gate = gate
        self.open = open
        self.detail = detail
    }
}

/// What the gates read: the claim's stage, its latest draft, the sample taken when it was completed and any check of it,
/// the Operating Mandate record, open barriers and holds.
public struct ServiceGateInputs: Sendable, Hashable {
    public var stage: Stage
    public var draft: DecisionDraft?
    public var draftStatus: DraftStatus?
    /// The sample taken at the draft's latest completion.
    public var sample: WorkSample?
    /// Checks answering that sample.
    public var assessments: [QualityAssessment]
    public var operatingMandate: [OperatingMandateCheck]
    public var openBarriers: [Barrier]
    public var holds: [ServiceHold]

    public init(
        stage: Stage, draft: DecisionDraft?, draftStatus: DraftStatus?, sample: WorkSample?, assessments: [QualityAssessment],
        operatingMandate: [OperatingMandateCheck], openBarriers: [Barrier], holds: [ServiceHold]
    ) {
        self.stage = stage
        self.draft = draft
        self.draftStatus = draftStatus
        self.sample = sample
        self.assessments = assessments
        self.operatingMandate = operatingMandate
        self.openBarriers = openBarriers
        self.holds = holds
    }
}

public enum ServiceGates {
    public static func evaluate(_ inputs: ServiceGateInputs) -> [GateStatus] {
        var gates: [GateStatus] = []
        // Decision completed.
        switch (inputs.draft, inputs.draftStatus) {
        case let (draft?, .completed?) where Outcome.grantAsylum.allowedFrom.contains(inputs.stage):
            gates.append(GateStatus(gate: .decisionCompleted, open: true, detail: ["Decision \(draft.number) (\(draft.outcome.title.lowercased())) completed by \(draft.author.rawValue)"]))
        case let (draft?, status?):
            let why = switch status {
            case .draft: "Decision \(draft.number) is still a draft: its author completes it"
            case .returned: "Decision \(draft.number) was returned by a quality check: its author amends and completes it again"
            case .served: "Decision \(draft.number) has been served"
            case .withdrawn: "Decision \(draft.number) was served and withdrawn: draft a new decision"
            case .superseded: "Decision \(draft.number) was superseded"
            case .completed: "The claim is at \(inputs.stage.title), not awaiting service"
            }
            gates.append(GateStatus(gate: .decisionCompleted, open: false, detail: [why]))
        default:
            gates.append(GateStatus(gate: .decisionCompleted, open: false, detail: ["No decision has been drafted"]))
        }
        // Operating Mandate.
        let outstanding = OperatingMandate.outstanding(inputs.operatingMandate)
        gates.append(GateStatus(
            gate: .operatingMandate, open: outstanding.isEmpty,
            detail: outstanding.isEmpty
                ? ["All \(OperatingMandate.checks.count) checks recorded"]
                : outstanding.map { "Not yet recorded: \($0.title)" }
        ))
        // Quality check.
        if let sample = inputs.sample, inputs.draftStatus == .completed {
            if sample.decision.selected {
                let reasons = sample.decision.reasons.map(\.text).joined(separator: "; ")
                if let passed = inputs.assessments.first(where: \.passes) {
                    gates.append(GateStatus(gate: .qualityCheck, open: true, detail: [
                        "Checked by \(passed.assessor.rawValue) on \(passed.assessedOn.longForm): calculated \(passed.scores.calculated.title), outcome correct", "Selected because: \(reasons)",
                    ]))
                } else {
                    gates.append(GateStatus(gate: .qualityCheck, open: false, detail: [
                        "Selected for a \(sample.decision.depth?.rawValue ?? "full") check before service: \(reasons)", "Waiting for a technical specialist or senior caseworker",
                    ]))
                }
            } else {
                gates.append(GateStatus(gate: .qualityCheck, open: true, detail: ["Not selected for a check (random draw \(percent(sample.decision.draw)) against the \(percent(SamplingPolicy.current.randomRate[.decision] ?? 0)) sample)"]))
            }
        } else {
            gates.append(GateStatus(gate: .qualityCheck, open: false, detail: ["Sampling decides when the decision is completed"]))
        }
        // Barriers.
        let blocking = inputs.openBarriers.filter { $0.blocks.contains(.service) || $0.blocks.contains(.decision) }
        gates.append(GateStatus(
            gate: .barriers, open: blocking.isEmpty,
            detail: blocking.isEmpty
                ? ["No open barrier blocks service" + (inputs.openBarriers.isEmpty ? "" : " (\(inputs.openBarriers.count) open barrier\(inputs.openBarriers.count == 1 ? "" : "s") inform but do not block)")]
                : blocking.map { "Barrier \($0.id): \($0.type?.title ?? $0.typeCode), review by \($0.reviewDate.longForm)" }
        ))
        // Holds.
        gates.append(GateStatus(
            gate: .serviceHolds, open: inputs.holds.isEmpty,
            detail: inputs.holds.isEmpty ? ["No hold"] : inputs.holds.map { "Hold \($0.number) placed by \($0.placedBy.rawValue) on \($0.placedOn.longForm): \($0.kind.title). \($0.reason)" }
        ))
        return gates
    }

    /// Whether every gate is open.
    public static func allOpen(_ gates: [GateStatus]) -> Bool { gates.allSatisfy(\.open) }

    /// The closed gates as field errors, for a refused service.
    public static func problems(_ gates: [GateStatus]) -> [FieldError] {
        gates.filter { !$0.open }.map { FieldError(field: "gate.\($0.gate.rawValue)", message: "\($0.gate.title): \($0.detail.joined(separator: "; "))") }
    }

    static func percent(_ value: Double) -> String {
        let hundredths = Int((value * 10_000).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)%"
    }
}
