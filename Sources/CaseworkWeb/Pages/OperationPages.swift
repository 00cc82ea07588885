import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for named operations (cohorts), membership, drop-outs and burn-down (3.39–3.40, 7.16–7.17, 8.91).
///
/// - `GET  /operations` — every operation with its starting figure, members, remaining and burn-down (roles that see the WIP).
/// - `GET  /operations/new`, `POST /operations` — define one (planners).
/// - `GET  /operations/:code` — its definition, the burn-down's 40 milestones with the date each was reached, drop-outs by reason.
/// - `POST /operations/:code/closure` — close it, with a reason (planners).
extension PagesController {
    func addOperationsRoutes(to group: RouterGroup<CaseworkRequestContext>) {
        group.get("operations", use: operationsPage)
        group.get("operations/new", use: newOperationPage)
        group.post("operations", use: defineOperation)
        group.get("operations/:code", use: operationPage)
        group.post("operations/:code/closure", use: closeOperation)
    }

    @Sendable func operationsPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let statuses = try await store.operations(for: identity.actor)
        let rows = statuses.map(OperationRowModel.init)
        let model = OperationsPageModel(
            canDefine: AccessPolicy.workPlanners.contains(identity.actor.role),
            open: rows.filter(\.isOpen), hasOpen: rows.contains(where: \.isOpen),
            closed: rows.filter { !$0.isOpen }, hasClosed: rows.contains { !$0.isOpen }
        )
        return renderer.response("operations", title: "Operations", chrome: .signedIn(identity, current: "operations"), model: model)
    }

    @Sendable func newOperationPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requirePlanner(identity)
        var values = FormData(body: "")
        if values["lowIntakeThreshold"] == nil { values = FormData(body: "lowIntakeThreshold=\(SingleOwnerRule.current.lowIntakeThreshold)") }
        return operationForm(identity: identity, values: values, errors: FieldErrors(), status: .ok)
    }

    @Sendable func defineOperation(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requirePlanner(identity)
        let form = context.form ?? FormData(body: "")
        var errors = FieldErrors()
        let input = Self.operationInput(form, errors: &errors)
        do {
            if errors.isEmpty {
                let status = try await store.defineOperation(input, by: identity.actor)
                return seeOther("/operations/\(status.operation.code)")
            }
            _ = try input.validated(today: store.clock.now().date)
        } catch let failure as ValidationFailure {
            // A field the form could not read (a date or number) is named once, by the form's own message.
            let named = Set(errors.summary.map { String($0.href.dropFirst()) })
            for error in failure.errors where !named.contains(Self.operationAnchor(error.field)) {
                errors.add(error.message, key: error.field, anchor: Self.operationAnchor(error.field))
            }
        }
        errors.order(byAnchors: Self.operationFieldOrder.map(Self.operationAnchor))
        return operationForm(identity: identity, values: form, errors: errors, status: .unprocessableContent)
    }

    @Sendable func operationPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        return try await operationPageResponse(identity: identity, code: try Self.operationCode(context), errors: FieldErrors(), reason: "", status: .ok)
    }

    @Sendable func closeOperation(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let code = try Self.operationCode(context)
        let form = context.form ?? FormData(body: "")
        var errors = FieldErrors()
        do {
            _ = try await Self.pageNotFound { try await store.closeOperation(code, reason: form["reason"], by: identity.actor) }
            return seeOther("/operations/\(code)")
        } catch let failure as ValidationFailure {
            for error in failure.errors { errors.add(error.message, key: "reason", anchor: "close-reason") }
        }
        return try await operationPageResponse(identity: identity, code: code, errors: errors, reason: form["reason"] ?? "", status: .unprocessableContent)
    }

    // MARK: Helpers

    func operationPageResponse(identity: Identity, code: String, errors: FieldErrors, reason: String, status: HTTPResponse.Status) async throws -> Response {
        let detail = try await Self.pageNotFound { try await store.operationDetail(code, for: identity.actor) }
        let model = OperationPageModel(detail, canClose: AccessPolicy.workPlanners.contains(identity.actor.role), csrfToken: identity.csrfToken ?? "", errors: errors, reason: reason)
        let title = (errors.isEmpty ? "" : "Error: ") + detail.status.operation.name
        return renderer.response("operation", title: title, chrome: .signedIn(identity, current: "operations"), model: model, status: status)
    }

    func operationForm(identity: Identity, values: FormData, errors: FieldErrors, status: HTTPResponse.Status) -> Response {
        let model = OperationFormModel(values: values, errors: errors, csrfToken: identity.csrfToken ?? "")
        return renderer.response(
            "operation-new", title: (errors.isEmpty ? "" : "Error: ") + "Define an operation", chrome: .signedIn(identity, current: "operations"),
            model: model, status: status
        )
    }

    static func requirePlanner(_ identity: Identity) throws {
        guard AccessPolicy.workPlanners.contains(identity.actor.role) else {
            throw AccessDenied("Only workflow planners and operations managers define and close operations.")
        }
    }

    static func operationCode(_ context: Context) throws -> String {
        let code = (context.parameters.get("code") ?? "").uppercased()
        guard OperationPolicy.isWellFormedCode(code) else { throw HTTPError(.notFound) }
        return code
    }

    /// Runs `body`, turning an unknown operation or unit into the page-not-found page.
    static func pageNotFound<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch is OperationNotFound {
            throw HTTPError(.notFound)
        } catch is UnitNotFound {
            throw HTTPError(.notFound)
        }
    }

    /// The form's fields in page order (for the error summary).
    static let operationFieldOrder = [
        "code", "name", "nationalities", "excludedNationalities", "claimedFrom", "claimedTo", "sexes", "claimTypes", "regimes", "excludeUASC",
        "grantRateMinimum", "grantRateMaximum", "startDate", "lowIntakeThreshold", "source",
    ]

    /// The id an error about `field` links to: a date's day input, otherwise the field itself.
    static func operationAnchor(_ field: String) -> String {
        ["claimedFrom", "claimedTo", "startDate"].contains(field) ? field + "-day" : field
    }

    /// The form as the domain's input. Numbers that are not numbers are named here; the rest is checked by the domain.
    static func operationInput(_ form: FormData, errors: inout FieldErrors) -> OperationDefinitionInput {
        func list(_ name: String) -> [String] {
            (form[name] ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\r" }).map(String.init)
        }
        func number(_ name: String, label: String) -> Double? {
            let text = (form[name] ?? "").trimmingWhitespace.replacingOccurrences(of: "%", with: "")
            guard !text.isEmpty else { return nil }
            guard let value = Double(text), value.isFinite else {
                errors.add("\(label) must be a number, for example 95", key: name, anchor: name)
                return nil
            }
            return value
        }
        var dates: [String: String] = [:]
        for key in ["claimedFrom", "claimedTo", "startDate"] {
            let (value, problem) = DateInputModel.read(key, from: form)
            if let problem {
                let label = key == "startDate" ? "The start date" : key == "claimedFrom" ? "The earliest date of claim" : "The latest date of claim"
                errors.add("\(label) \(problem)", key: key, anchor: key + "-day")
            } else if let value {
                dates[key] = value
            }
        }
        var threshold: Int?
        let thresholdText = (form["lowIntakeThreshold"] ?? "").trimmingWhitespace.replacingOccurrences(of: ",", with: "")
        if !thresholdText.isEmpty {
            if let value = Int(thresholdText) {
                threshold = value
            } else {
                errors.add("The low-intake threshold must be a whole number, for example 200", key: "lowIntakeThreshold", anchor: "lowIntakeThreshold")
            }
        }
        return OperationDefinitionInput(
            code: form["code"], name: form["name"], nationalities: list("nationalities"), excludedNationalities: list("excludedNationalities"),
            claimedFrom: dates["claimedFrom"], claimedTo: dates["claimedTo"], sexes: form.all("sexes"), claimTypes: form.all("claimTypes"),
            excludeUASC: form.isChecked("excludeUASC"), regimes: form.all("regimes"),
            grantRateMinimum: number("grantRateMinimum", label: "The lowest grant rate"), grantRateMinimumExclusive: form.isChecked("grantRateMinimumExclusive"),
            grantRateMaximum: number("grantRateMaximum", label: "The highest grant rate"), startDate: dates["startDate"], lowIntakeThreshold: threshold,
            source: form["source"]
        )
    }
}

// MARK: View models

struct OperationRowModel {
    let code: String
    let name: String
    let href: String
    let isOpen: Bool
    let startDate: String
    let startingFigure: String
    let members: String
    let remaining: String
    let milestones: String
    let cleared: String
    let units: String
    let lowIntake: Bool
    let closedOn: String

    init(_ status: OperationStatus) {
        let burnDown = status.burnDown
        code = status.operation.code
        name = status.operation.name
        href = "/operations/\(status.operation.code)"
        isOpen = status.isOpen
        startDate = status.operation.startDate.longForm
        startingFigure = groupedNumber(status.operation.startingFigure)
        members = groupedNumber(status.members)
        remaining = groupedNumber(status.remaining)
        milestones = "\(burnDown.milestonesReached) of \(burnDown.milestoneCount)"
        cleared = percentText(burnDown.fractionCleared)
        units = status.units.isEmpty ? "None" : status.units.map(\.rawValue).joined(separator: ", ")
        lowIntake = status.isLowIntake
        closedOn = status.stored.closedAt?.date.longForm ?? ""
    }
}

struct OperationsPageModel {
    let canDefine: Bool
    let open: [OperationRowModel]
    let hasOpen: Bool
    let closed: [OperationRowModel]
    let hasClosed: Bool
}

struct OperationFactModel {
    let key: String
    let value: String
}

struct MilestoneRowModel {
    let milestone: Int
    let figure: String
    let reached: Bool
    let reachedOn: String
    let hasEvent: Bool
    let eventHref: String
    let eventText: String
    let atDefinition: Bool
}

struct DropOutRowModel {
    let title: String
    let count: String
}

struct RecentDropOutModel {
    let reference: String
    let href: String
    let reason: String
    let when: String
    let by: String
    let note: String
}

struct OperationPageModel {
    let code: String
    let name: String
    let isOpen: Bool
    let statusText: String
    let statusClass: String
    let definition: [OperationFactModel]
    let figures: [OperationFactModel]
    let lowIntake: Bool
    let lowIntakeText: String
    let progressText: String
    let milestones: [MilestoneRowModel]
    let milestonesReachedText: String
    let logNote: String
    let hasLogNote: Bool
    let hasRates: Bool
    let rates: [OperationFactModel]
    let dropOutTotal: String
    let dropOuts: [DropOutRowModel]
    let hasRecentDropOuts: Bool
    let recentDropOuts: [RecentDropOutModel]
    let membersHref: String
    let canClose: Bool
    let csrfToken: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let reason: TextareaModel
    let closing: [OperationFactModel]

    init(_ detail: OperationDetail, canClose: Bool, csrfToken: String, errors: FieldErrors, reason: String) {
        let status = detail.status
        let operation = status.operation
        let burnDown = status.burnDown
        code = operation.code
        name = operation.name
        isOpen = status.isOpen
        statusText = status.isOpen ? "Open" : "Closed"
        statusClass = status.isOpen ? "govuk-tag--green" : "govuk-tag--grey"
        definition = [OperationFactModel(key: "Code", value: operation.code)] + operation.criteria.descriptions.map { OperationFactModel(key: $0.label, value: $0.value) } + [
            OperationFactModel(key: "Start date", value: operation.startDate.longForm),
            OperationFactModel(key: "Defined", value: "\(status.createdAt.longForm) by \(status.createdBy.rawValue)"),
            OperationFactModel(key: "Low-intake threshold", value: "Fewer than \(groupedNumber(operation.lowIntakeThreshold)) claims (8.91)"),
            OperationFactModel(key: "Units working it", value: status.units.isEmpty ? "None: no unit's plan includes it" : status.units.map(\.rawValue).joined(separator: ", ")),
            OperationFactModel(key: "Source", value: operation.source.isEmpty ? "Not given" : operation.source),
        ]
        figures = [
            OperationFactModel(key: "Starting figure", value: "\(groupedNumber(operation.startingFigure)) open claims when defined"),
            OperationFactModel(key: "Members", value: "\(groupedNumber(status.members)) claims in the cohort, open and decided" + (status.isOpen ? "" : ", when it closed")),
            OperationFactModel(key: "Remaining", value: "\(groupedNumber(status.remaining)) open claims"),
            OperationFactModel(key: "Cleared", value: "\(groupedNumber(burnDown.cleared)) (\(percentText(burnDown.fractionCleared)) of the starting figure)"),
            OperationFactModel(key: "Next milestone", value: burnDown.nextMilestone.map { "Milestone \($0): \(groupedNumber(burnDown.nextMilestoneFigure!)) remaining, \(groupedNumber(burnDown.toNextMilestone!)) to go" } ?? "Every milestone reached"),
            OperationFactModel(key: "Dropped out", value: "\(groupedNumber(detail.dropOuts)) claims left for the general WIP"),
        ]
        lowIntake = status.isLowIntake
        lowIntakeText = status.isLowIntake
            ? "Low-intake cohort: \(groupedNumber(status.members)) claims, fewer than \(groupedNumber(operation.lowIntakeThreshold)). Each claim keeps one decision maker from triage to service (8.91)."
            : ""
        progressText = "\(burnDown.milestonesReached) of \(burnDown.milestoneCount) milestones reached; \(percentText(burnDown.fractionCleared)) of the starting figure cleared."
        milestones = detail.history.milestones.map { milestone in
            let event = milestone.claim.map { claim in
                "\(claim.rawValue), event \(milestone.sequence ?? 0) (\(milestone.eventType ?? ""))"
            }
            return MilestoneRowModel(
                milestone: milestone.milestone, figure: groupedNumber(milestone.figure), reached: milestone.isReached,
                reachedOn: milestone.reachedAt?.date.longForm ?? "", hasEvent: event != nil,
                eventHref: milestone.claim.map { "/claims/\($0.rawValue)#timeline" } ?? "", eventText: event ?? "",
                atDefinition: milestone.isReached && milestone.claim == nil
            )
        }
        milestonesReachedText = "\(detail.history.milestones.filter(\.isReached).count) of \(detail.history.milestones.count)"
        hasLogNote = detail.history.baseCount != operation.startingFigure
        logNote = hasLogNote
            ? "Replaying the event log gives \(groupedNumber(detail.history.baseCount)) open members when the operation was defined, not the starting figure of \(groupedNumber(operation.startingFigure)); milestone dates count from the log."
            : ""
        rates = detail.grantRates.map { OperationFactModel(key: Countries.name(of: $0.nationality) + " (\($0.nationality))", value: percentText($0.rate) + ($0.inBand ? "" : ", outside the band")) }
        hasRates = !rates.isEmpty
        dropOutTotal = groupedNumber(detail.dropOuts)
        dropOuts = detail.dropOutsByReason.map { DropOutRowModel(title: $0.reason.title, count: groupedNumber($0.count)) }
        recentDropOuts = detail.recentDropOuts.map {
            RecentDropOutModel(reference: $0.claim.rawValue, href: "/claims/\($0.claim.rawValue)", reason: $0.reason.title, when: $0.at.longForm, by: $0.by.rawValue, note: $0.note ?? "")
        }
        hasRecentDropOuts = !recentDropOuts.isEmpty
        membersHref = "/wip/claims?cohort=\(operation.code)"
        self.canClose = canClose && status.isOpen
        self.csrfToken = csrfToken
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        self.reason = TextareaModel("close-reason", name: "reason", label: "Why the operation closes", hint: "For example: the cohort is cleared, or its claims move to another operation.", value: reason, errors: errors, errorKey: "reason", rows: 3)
        closing = status.isOpen ? [] : [
            OperationFactModel(key: "Closed", value: "\(status.stored.closedAt!.longForm) by \(status.closedBy?.rawValue ?? "")"),
            OperationFactModel(key: "Why", value: status.closingReason ?? ""),
        ]
    }
}

struct OperationFormModel {
    let csrfToken: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let code: TextInputModel
    let name: TextInputModel
    let nationalities: TextInputModel
    let excludedNationalities: TextInputModel
    let claimedFrom: DateInputModel
    let claimedTo: DateInputModel
    let sexes: ChoicesModel
    let claimTypes: ChoicesModel
    let regimes: ChoicesModel
    let excludeUASC: ChoicesModel
    let grantRateMinimum: TextInputModel
    let grantRateMinimumExclusive: ChoicesModel
    let grantRateMaximum: TextInputModel
    let startDate: DateInputModel
    let lowIntakeThreshold: TextInputModel
    let source: TextInputModel

    init(values: FormData, errors: FieldErrors, csrfToken: String) {
        self.csrfToken = csrfToken
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        code = TextInputModel("code", label: "Code", hint: "2 to 20 capital letters, digits or hyphens, for example AMESA", values: values, errors: errors, width: "10", labelClass: "govuk-label--s")
        name = TextInputModel("name", label: "Name", hint: "For example, Operation AMESA", values: values, errors: errors, width: "30", spellcheck: true, labelClass: "govuk-label--s")
        nationalities = TextInputModel("nationalities", label: "Nationalities included", hint: "ISO 3166-1 alpha-3 codes separated by commas, for example AFG, ERI, SYR. Leave empty for any nationality.", values: values, errors: errors, width: "30", labelClass: "govuk-label--s")
        excludedNationalities = TextInputModel("excludedNationalities", label: "Nationalities excluded", hint: "For example ALB for an operation of every nationality except Albania.", values: values, errors: errors, width: "30", labelClass: "govuk-label--s")
        claimedFrom = DateInputModel("claimedFrom", legend: "Claimed on or after (optional)", hint: "For example, 1 1 2015", values: values, errors: errors)
        claimedTo = DateInputModel("claimedTo", legend: "Claimed on or before (optional)", hint: "For example, 27 6 2022 for legacy claims", values: values, errors: errors)
        sexes = ChoicesModel.checkboxes("sexes", legend: "Sex", hint: "Tick none for any.", choices: ReferenceOptions.sexes, checked: Set(values.all("sexes")), errors: errors)
        claimTypes = ChoicesModel.checkboxes("claimTypes", legend: "Claim type", hint: "Tick none for any.", choices: ClaimType.allCases.map { ($0.rawValue, $0.title) }, checked: Set(values.all("claimTypes")), errors: errors)
        regimes = ChoicesModel.checkboxes("regimes", legend: "Regime", hint: "Tick none for any.", choices: Regime.allCases.map { ($0.rawValue, $0.title) }, checked: Set(values.all("regimes")), errors: errors)
        excludeUASC = ChoicesModel.flags("excludeUASC", legend: "Unaccompanied children", flags: [("excludeUASC", "Exclude unaccompanied children's claims", "Every legacy operation excluded them (fig 6).")], values: values, errors: errors)
        grantRateMinimum = TextInputModel("grantRateMinimum", label: "Lowest grant rate of the nationality, % (optional)", hint: "Grant rates come from past outcomes: grants over grants and refusals.", values: values, errors: errors, width: "4", labelClass: "govuk-label--s")
        grantRateMinimumExclusive = ChoicesModel.flags("grantRateMinimumExclusive", legend: "Band", flags: [("grantRateMinimumExclusive", "Strictly over the lowest rate (AMESA: over 95%)", "")], values: values, errors: errors)
        grantRateMaximum = TextInputModel("grantRateMaximum", label: "Highest grant rate, % (optional)", hint: "A concise-interview cohort chose 50% to 80% (8.46).", values: values, errors: errors, width: "4", labelClass: "govuk-label--s")
        startDate = DateInputModel("startDate", legend: "Start date", hint: "For example, 1 10 2022", values: values, errors: errors)
        lowIntakeThreshold = TextInputModel("lowIntakeThreshold", label: "Low-intake threshold", hint: "A cohort with fewer claims keeps one owner per claim from triage to service (8.91: 200).", values: values, errors: errors, width: "5", labelClass: "govuk-label--s")
        source = TextInputModel("source", label: "Source (optional)", hint: "Where the definition comes from, for example 3.39, fig 6; 7.4", values: values, errors: errors, width: "20", labelClass: "govuk-label--s")
    }
}

/// 12345 → "12,345".
func groupedNumber(_ value: Int) -> String {
    let digits = String(abs(value))
    var result = ""
    for (offset, character) in digits.enumerated() {
        if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return (value < 0 ? "-" : "") + result
}

/// 0.4567 → "45.7%".
func percentText(_ fraction: Double) -> String {
    let tenths = Int((fraction * 1000).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))%"
}
