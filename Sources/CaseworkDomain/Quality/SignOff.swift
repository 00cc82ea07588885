/// Signing off a decision maker as competent (10.12): a technical specialist signs off a decision maker on 100% checks
/// once a policy number of their decisions (three; it used to be five) have been checked at DQ1 or DQ2. "I think it has
/// never been easier to be signed off because of the pressure to get things done": so the platform counts the checks
/// itself and refuses a sign-off that has not been earned.
public struct SignOffProgress: Codable, Sendable, Hashable {
    /// A decision that counts towards sign-off.
    public struct Qualifying: Codable, Sendable, Hashable {
        public var claim: ClaimReference
        public var assessment: Int
        public var assessedOn: LocalDate
        public var calculated: DQScore

        public init(claim: ClaimReference, assessment: Int, assessedOn: LocalDate, calculated: DQScore) {
            self.claim = claim
            self.assessment = assessment
            self.assessedOn = assessedOn
            self.calculated = calculated
        }
    }

    public var worker: StaffID
    public var signedOff: Bool
    public var needed: Int
    /// Checked decisions at DQ1 or DQ2, oldest first.
    public var qualifying: [Qualifying]
    /// All checked decisions since the decision maker went on 100% checks.
    public var checkedDecisions: Int

    public init(worker: StaffID, signedOff: Bool, needed: Int, qualifying: [Qualifying], checkedDecisions: Int) {
        self.worker = worker
        self.signedOff = signedOff
        self.needed = needed
        self.qualifying = qualifying
        self.checkedDecisions = checkedDecisions
    }

    public var ready: Bool { !signedOff && qualifying.count >= needed }

    /// "2 of 3 decisions at DQ1 or DQ2".
    public var summary: String {
        signedOff ? "Signed off as competent" : "\(min(qualifying.count, needed)) of \(needed) decisions at DQ1 or DQ2" + (ready ? ": ready to be signed off" : "")
    }
}

public enum SignOffRules {
    /// Who signs off: technical specialists (10.12).
    public static let signers: Set<Role> = [.technicalSpecialist]

    /// Progress from the decision maker's checked decisions (each: claim, assessment number, date, calculated score,
    /// whether it was of a decision), counting those since `since` (when they started or last went back on checks).
    public static func progress(
        worker: StaffID, signedOff: Bool, checks: [SignOffProgress.Qualifying], since: LocalDate?, policy: QualityPolicy = .current
    ) -> SignOffProgress {
        let counted = checks.filter { since == nil || $0.assessedOn >= since! }.sorted { ($0.assessedOn, $0.claim.rawValue, $0.assessment) < ($1.assessedOn, $1.claim.rawValue, $1.assessment) }
        return SignOffProgress(
            worker: worker, signedOff: signedOff, needed: policy.signOffDecisions, qualifying: counted.filter { $0.calculated <= policy.worstHigh },
            checkedDecisions: counted.count
        )
    }

    /// Why `actor` may not sign off `progress`'s decision maker, or nil.
    public static func refusal(_ progress: SignOffProgress, by actor: Actor, trainedForDecisions: Bool) -> FieldError? {
        if !signers.contains(actor.role) {
            return FieldError(field: "signedOff", message: "Only a technical specialist signs off a decision maker (10.12)")
        }
        if actor.staff == progress.worker { return FieldError(field: "signedOff", message: "Nobody signs themselves off") }
        if progress.signedOff { return FieldError(field: "signedOff", message: "\(progress.worker.rawValue) is already signed off") }
        if !trainedForDecisions { return FieldError(field: "signedOff", message: "Only someone trained for decisions can be signed off") }
        if !progress.ready {
            return FieldError(field: "signedOff", message: "Sign-off needs \(progress.needed) decisions checked at DQ1 or DQ2 (10.12); \(progress.worker.rawValue) has \(progress.qualifying.count)")
        }
        return nil
    }
}
