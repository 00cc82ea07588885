/// Barrier policy values, in one place, with the report paragraph each comes from.
public enum BarrierPolicy {
    /// How far ahead a review date may be set, in calendar months from today. The report sets no horizon; it found
    /// reviews done inconsistently (8.83) and review dates no one would return to (8.97, 8.122), so every barrier is
    /// looked at again within this many months.
    public static let maximumReviewHorizonMonths = 12

    /// Review dates in this year or earlier are the '00/01/1900' placeholder, not dates: 253 on adult claims (8.97) and
    /// 19 on children's claims (8.122).
    public static let placeholderYear = 1900

    /// Roles that may agree a barrier: a technical specialist or a senior caseworker (SOP, 8.95). When they raise a
    /// barrier themselves, their own agreement counts and is recorded as theirs.
    public static let agreers: Set<Role> = [.technicalSpecialist, .seniorCaseworker]

    /// Roles that may raise a barrier. All except `agreers` need an agreer's agreement: the SOP requires it of decision
    /// makers (8.95), and in 2021 anyone in the workflow teams could add a barrier without sign-off, which led to
    /// erroneous barriers and needless delay (8.94), so administrative officers, planners and team leaders need it too.
    public static let raisers: Set<Role> = [
        .decisionMaker, .teamLeader, .technicalSpecialist, .seniorCaseworker, .administrativeOfficer, .workflowPlanner,
    ]

    /// Roles that may review or clear a barrier: those who may raise one. Barriers are cleared by whoever progresses
    /// the claim, often administrative staff (8.90, 8.98).
    public static let maintainers: Set<Role> = raisers

    /// True when someone in `role` needs another person's agreement to raise a barrier.
    public static func needsAgreement(_ role: Role) -> Bool { !agreers.contains(role) }

    /// The latest review date that may be set on `today`: `maximumReviewHorizonMonths` later, on the same day of the
    /// month or the month's last day when it is shorter.
    public static func latestReviewDate(from today: LocalDate) -> LocalDate {
        let months = today.year * 12 + (today.month - 1) + maximumReviewHorizonMonths
        let year = months / 12
        let month = months % 12 + 1
        let day = min(today.day, LocalDate.daysInMonth(year: year, month: month))
        return LocalDate(year: year, month: month, day: day) ?? LocalDate(year: 9999, month: 12, day: 31)!
    }

    /// Why `actor` may not raise a barrier at all, or nil when they may. The web layer checks this first (403);
    /// `BarrierRules.raise` repeats it, so the rule holds whoever calls.
    public static func refusalToRaise(by actor: Actor) -> AccessDenied? {
        raisers.contains(actor.role)
            ? nil
            : AccessDenied("Staff in the role '\(actor.role.title)' cannot raise barriers. Barriers are raised by \(titles(raisers)) (8.94–8.95).")
    }

    /// Why `actor` may not review or clear a barrier, or nil when they may. Checked first by the web layer, and again
    /// by `BarrierRules.review` and `BarrierRules.clear`.
    public static func refusalToMaintain(by actor: Actor) -> AccessDenied? {
        maintainers.contains(actor.role)
            ? nil
            : AccessDenied(
                "Staff in the role '\(actor.role.title)' cannot review or clear barriers. Barriers are reviewed and cleared by \(titles(maintainers))."
            )
    }

    /// The roles' titles in `Role` order, lower case, joined as a sentence.
    static func titles(_ roles: Set<Role>) -> String {
        let names = Role.allCases.filter(roles.contains).map { $0.title.lowercased() + "s" }
        guard names.count > 1 else { return names.first ?? "no one" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}

/// A barrier as typed into a form or sent to the API, before it is checked.
public struct RaiseBarrierInput: Codable, Sendable, Hashable {
    /// The type's code in `BarrierCatalogue`, e.g. "further-representations".
    public var type: String?
    /// "purple", "red", "amber" or "green"; empty for the type's default.
    public var rating: String?
    /// The review date, YYYY-MM-DD.
    public var reviewDate: String?
    /// What the barrier is; required for "other".
    public var note: String?
    /// Username of the technical specialist or senior caseworker who agreed the barrier.
    public var agreedBy: String?
    /// Their role: "technical-specialist" or "senior-caseworker".
    public var agreedByRole: String?
    /// True when they agreed verbally; the agreement is recorded all the same (10.14).
    public var agreedVerbally: Bool?

    /// Creates an input; every field may be missing.
    public init(
        type: String? = nil, rating: String? = nil, reviewDate: String? = nil, note: String? = nil, agreedBy: String? = nil,
        agreedByRole: String? = nil, agreedVerbally: Bool? = nil
    ) {
        self.type = type
        self.rating = rating
        self.reviewDate = reviewDate
        self.note = note
        self.agreedBy = agreedBy
        self.agreedByRole = agreedByRole
        self.agreedVerbally = agreedVerbally
    }
}

/// The rules for raising, reviewing and clearing barriers (8.82–8.97, 8.122). Pure: no I/O, no clock.
///
/// Every broken rule is a `FieldError` on the field to correct ("type", "rating", "reviewDate", "note", "agreedBy",
/// "agreedByRole", "reason"), and every one is reported at once. The platform cannot know here whether the person named
/// in "agreedBy" exists and holds the role given: the caller checks that against its staff records.
public enum BarrierRules {
    /// The barrier `actor` raises from `input`, numbered `nextID` on its claim, or every rule the input breaks.
    ///
    /// An actor whose role may not raise barriers is refused on "type" alone (see `BarrierPolicy.refusalToRaise`).
    public static func raise(
        _ input: RaiseBarrierInput, by actor: Actor, today: LocalDate, at instant: Instant, nextID: Int
    ) throws(ValidationFailure) -> Barrier {
        if let refusal = BarrierPolicy.refusalToRaise(by: actor) { throw ValidationFailure([FieldError(field: "type", message: refusal.message)]) }
        var check = Validator()
        let type = barrierType(input.type, &check)
        var rating: PRAGRating?
        if let type {
            rating = check.choice(input.rating, "rating", label: "the PRAG rating", default: type.defaultRating)
        } else if isGiven(input.rating) {
            rating = check.choice(input.rating, "rating", label: "the PRAG rating")
        }
        let reviewDate = reviewDate(input.reviewDate, today: today, after: nil, &check)

        let note = check.optionalText(input.note, "note", label: "the note", maximum: ValidationPolicy.maximumNoteLength)
        if let type, type.requiresNote, !isGiven(input.note) {
            check.fail(
                "note",
                "Enter a note saying what the barrier is: '\(type.title)' was the most common barrier, on 4,713 adult claims, and without a note no one could see what it was without opening each claim (8.97, fig 26)"
            )
        }

        let agreement = agreement(input, by: actor, at: instant, &check)

        try check.finish()
        guard let type, let rating, let reviewDate else { throw ValidationFailure([FieldError(field: "type", message: "Select the barrier type")]) }
        return Barrier(
            id: nextID, typeCode: type.code, rating: rating, raisedBy: actor, raisedAt: instant, agreement: agreement,
            reviewDate: reviewDate, note: note
        )
    }

    /// `barrier` reviewed by `actor`: still there, looked at again on `newReviewDate`, optionally re-rated with `rating`
    /// ("purple", "red", "amber" or "green"; empty to keep it). The new date must be after today and after the current
    /// review date (8.122); a cleared barrier cannot be reviewed. A role outside `BarrierPolicy.maintainers` is refused
    /// on "reviewDate" alone.
    public static func review(
        _ barrier: Barrier, newReviewDate: String?, note: String?, rating: String? = nil, by actor: Actor, today: LocalDate,
        at instant: Instant
    ) throws(ValidationFailure) -> Barrier {
        if let refusal = BarrierPolicy.refusalToMaintain(by: actor) {
            throw ValidationFailure([FieldError(field: "reviewDate", message: refusal.message)])
        }
        var check = Validator()
        if let clearance = barrier.clearance {
            check.fail(
                "reviewDate",
                "Barrier \(barrier.id) was cleared on \(clearance.at.longForm), so it cannot be reviewed; raise a new barrier if the claim is held back again"
            )
            try check.finish()
        }
        let newRating: PRAGRating? = check.choice(rating, "rating", label: "the PRAG rating", default: barrier.rating)
        let date = reviewDate(newReviewDate, today: today, after: barrier.reviewDate, &check)
        let note = check.optionalText(note, "note", label: "the note", maximum: ValidationPolicy.maximumNoteLength)
        try check.finish()
        guard let newRating, let date else { throw ValidationFailure([FieldError(field: "reviewDate", message: "Enter the new review date")]) }

        var reviewed = barrier
        reviewed.reviews.append(
            BarrierReview(
                by: actor, at: instant, previousReviewDate: barrier.reviewDate, newReviewDate: date, previousRating: barrier.rating,
                rating: newRating, note: note
            )
        )
        reviewed.reviewDate = date
        reviewed.rating = newRating
        return reviewed
    }

    /// `barrier` cleared by `actor` for `reason` (required). A barrier already cleared is refused, on "reason", as is a
    /// role outside `BarrierPolicy.maintainers`.
    public static func clear(_ barrier: Barrier, reason: String?, by actor: Actor, at instant: Instant) throws(ValidationFailure) -> Barrier {
        if let refusal = BarrierPolicy.refusalToMaintain(by: actor) {
            throw ValidationFailure([FieldError(field: "reason", message: refusal.message)])
        }
        var check = Validator()
        if let clearance = barrier.clearance {
            check.fail("reason", "Barrier \(barrier.id) was already cleared on \(clearance.at.longForm) by \(clearance.by.staff.rawValue)")
            try check.finish()
        }
        let reason = check.requiredText(
            reason, "reason", label: "the reason the barrier no longer applies", maximum: ValidationPolicy.maximumReasonLength)
        try check.finish()
        guard let reason else { throw ValidationFailure([FieldError(field: "reason", message: "Enter the reason the barrier no longer applies")]) }

        var cleared = barrier
        cleared.clearance = BarrierClearance(by: actor, at: instant, reason: reason)
        return cleared
    }

    // MARK: - Reading the fields

    /// The barrier type named by `value`, from the catalogue.
    static func barrierType(_ value: String?, _ check: inout Validator) -> BarrierType? {
        guard let text = value?.trimmingWhitespace, !text.isEmpty else {
            check.fail("type", "Select the barrier type")
            return nil
        }
        guard let type = BarrierCatalogue.type(code: text) else {
            check.fail(
                "type", "The barrier type must be one of the \(BarrierCatalogue.all.count) types in the catalogue; '\(text.prefix(40))' is not one")
            return nil
        }
        return type
    }

    /// A review date: given, real, not the 1900 placeholder, after today, after `current` when reviewing, and within
    /// the policy horizon.
    static func reviewDate(_ value: String?, today: LocalDate, after current: LocalDate?, _ check: inout Validator) -> LocalDate? {
        let field = "reviewDate"
        guard let text = value?.trimmingWhitespace, !text.isEmpty else {
            check.fail(field, "Enter the review date: every barrier has a date when it will be looked at again (SOP, 8.95)")
            return nil
        }
        let date = LocalDate(iso: text)
        if date.map({ $0.year <= BarrierPolicy.placeholderYear }) ?? text.contains("1900") {
            check.fail(
                field,
                "'\(text.prefix(20))' is a placeholder, not a review date: the inspectors found 272 barriers with the review date '00/01/1900' (8.97, 8.122), which no one would come back to. Enter the date the barrier will be reviewed, in the form YYYY-MM-DD"
            )
            return nil
        }
        guard let date else {
            check.fail(field, "The review date must be a real date in the form YYYY-MM-DD, for example \(today.adding(days: 28).iso)")
            return nil
        }
        guard date > today else {
            check.fail(
                field,
                "The review date must be after today (\(today.longForm)): a review date that has already come means the barrier is not being reviewed (8.95, 8.97)"
            )
            return nil
        }
        if let current, date <= current {
            check.fail(
                field,
                "The new review date must be after the current review date (\(current.longForm)): the inspectors found 991 barriers whose next review date was before the current one (8.122)"
            )
            return nil
        }
        let latest = BarrierPolicy.latestReviewDate(from: today)
        guard date <= latest else {
            check.fail(
                field,
                "The review date must be no later than \(latest.longForm): every barrier is reviewed at least every \(BarrierPolicy.maximumReviewHorizonMonths) months (barrier policy, 8.83)"
            )
            return nil
        }
        return date
    }

    /// Who agreed the barrier. Technical specialists and senior caseworkers agree their own; everyone else names one.
    static func agreement(_ input: RaiseBarrierInput, by actor: Actor, at instant: Instant, _ check: inout Validator) -> BarrierAgreement? {
        let agreedBy = check.optionalText(input.agreedBy, "agreedBy", label: "the username of the person who agreed the barrier", maximum: 100)
        let roleText = input.agreedByRole?.trimmingWhitespace.lowercased() ?? ""
        let ownAgreement = !isGiven(input.agreedBy) || agreedBy.map { StaffID($0) } == actor.staff

        if !BarrierPolicy.needsAgreement(actor.role), ownAgreement {
            guard roleText.isEmpty || roleText == actor.role.rawValue else {
                check.fail(
                    "agreedByRole",
                    "You are agreeing this barrier yourself, as a \(actor.role.title.lowercased()): leave the agreeing role empty or give your own")
                return nil
            }
            return BarrierAgreement(by: actor.staff, role: actor.role, at: instant, verbal: false)
        }

        if !isGiven(input.agreedBy) {
            check.fail(
                "agreedBy",
                "Enter the username of the technical specialist or senior caseworker who agreed this barrier: their prior agreement is needed (SOP, 8.95)"
            )
        } else if ownAgreement {
            check.fail(
                "agreedBy",
                "You cannot agree your own barrier: it needs the agreement of a technical specialist or senior caseworker other than you (SOP, 8.95)")
        }

        var role: Role?
        if roleText.isEmpty {
            check.fail("agreedByRole", "Select the role of the person who agreed the barrier: technical specialist or senior caseworker")
        } else if let given = Role(rawValue: roleText) {
            if BarrierPolicy.agreers.contains(given) {
                role = given
            } else {
                check.fail(
                    "agreedByRole",
                    "Only a technical specialist or senior caseworker can agree a barrier (SOP, 8.95), not staff in the role '\(given.title)'")
            }
        } else {
            check.fail("agreedByRole", "The agreeing role must be technical-specialist or senior-caseworker; '\(roleText.prefix(40))' is not a role")
        }

        guard let agreedBy, let role, !ownAgreement else { return nil }
        return BarrierAgreement(by: StaffID(agreedBy), role: role, at: instant, verbal: input.agreedVerbally ?? false)
    }

    /// True when `value` has something other than whitespace in it.
    static func isGiven(_ value: String?) -> Bool { !(value?.trimmingWhitespace.isEmpty ?? true) }
}
