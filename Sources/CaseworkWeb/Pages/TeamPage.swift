import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// The team leader's live team page (9.37–9.41): what the ECM spreadsheet was meant to show, computed from the event
/// log and projections on each request, so nobody keys a figure in.
extension PagesController {
    /// `GET /team?unit=&team=`: each member's claims and days held, barriers by PRAG, steps completed this week and this
    /// four-week period, and capacity; the team's totals. Team leaders see their own team; senior caseworkers pick a
    /// team of their unit, operations managers a unit and a team.
    @Sendable func teamPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let actor = identity.actor
        guard AccessPolicy.teamViewers.contains(actor.role) else {
            throw AccessDenied("Only team leaders, senior caseworkers and operations managers see a team's page.")
        }
        let query = FormData(body: request.uri.query ?? "")
        let national = AccessPolicy.nationalRoles.contains(actor.role)
        let units = national ? try await store.units().filter { $0.kind == "dmu" } : []
        var errors = FieldErrors()
        var unit: UnitID?
        if let asked = query["unit"]?.trimmingWhitespace, !asked.isEmpty {
            if asked == actor.unit.rawValue || units.contains(where: { $0.code.rawValue == asked }) {
                unit = UnitID(asked)
            } else if national {
                errors.add("Select a unit from the list", key: "unit", anchor: "unit")
            } else {
                throw AccessDenied("\(actor.role.title)s see the teams of their own unit (\(actor.unit.rawValue)) only.")
            }
        }
        let team = query["team"]?.trimmingWhitespace.nilIfEmpty
        let chosenUnit = unit ?? actor.unit
        let teams = try await store.teams(of: chosenUnit)
        if let team, !teams.contains(team), errors.isEmpty, actor.role != .teamLeader {
            errors.add("\(chosenUnit.rawValue) has no team called \(team); choose one from the list", key: "team", anchor: "team")
        }
        // Someone who leads no team and has not chosen one sees the choice first, not an error.
        let ownTeam = (try? await store.staffRecord(actor.staff, for: actor))?.profile.team
        let mustChoose = team == nil && ownTeam == nil && actor.role != .teamLeader
        var view: TeamView?
        var notice: String?
        if errors.isEmpty, !mustChoose {
            do {
                view = try await store.teamView(unit: unit, team: team, for: actor)
            } catch let failure as ValidationFailure where actor.role == .teamLeader {
                // Nothing the team leader typed is wrong: their record lacks a team. Say so, without an error to correct here.
                notice = failure.errors.map(\.message).joined(separator: ". ")
            } catch let failure as ValidationFailure {
                for error in failure.errors { errors.add(error.message, key: "team", anchor: "team") }
            }
        }
        let model = TeamPageModel(
            view: view, canPick: actor.role != .teamLeader, national: national,
            unitSelect: SelectModel(
                "unit", label: "Unit", options: units.map { ($0.code.rawValue, "\($0.name) (\($0.code.rawValue))") }, selected: chosenUnit.rawValue, errors: errors,
                labelClass: "govuk-label--s"
            ),
            teamSelect: SelectModel(
                "team", label: "Team", options: [("", "Select a team")] + teams.map { ($0, $0) }, selected: view?.team ?? team ?? "", errors: errors,
                labelClass: "govuk-label--s"
            ),
            errors: errors, notice: notice
        )
        let title = (errors.isEmpty ? "" : "Error: ") + (view.map { "\($0.team), \($0.unit.rawValue)" } ?? "Your team")
        return renderer.response("team", title: title, chrome: .signedIn(identity, current: "team"), model: model, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

extension String {
    /// nil for the empty string.
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// Open barriers by PRAG rating, as four numbers.
struct TeamPRAGCountsModel {
    let purple: Int
    let red: Int
    let amber: Int
    let green: Int
    let total: Int

    init(_ counts: [PRAGRating: Int]) {
        purple = counts[.purple] ?? 0
        red = counts[.red] ?? 0
        amber = counts[.amber] ?? 0
        green = counts[.green] ?? 0
        total = purple + red + amber + green
    }
}

struct TeamStepsModel {
    let interviews: Int
    let decisions: Int
    let total: Int

    init(_ counts: StepCounts) {
        interviews = counts.interviews
        decisions = counts.decisions
        total = counts.total
    }
}

struct TeamClaimModel {
    let reference: String
    let href: String
    let name: String
    let stageTitle: String
    let stageTagClass: String
    let heldSince: String
    let daysHeld: Int
    let hasBarriers: Bool
    let barriers: [TagModel]
}

struct TeamMemberModel {
    let username: String
    let href: String
    let name: String
    let roleTitle: String
    let training: String
    let signedOffText: String
    let signedOffClass: String
    let fte: String
    let effectiveFTE: String
    let today: String
    let claimsHeld: Int
    let longestHeld: String
    let barriers: TeamPRAGCountsModel
    let week: TeamStepsModel
    let period: TeamStepsModel
    let hasClaims: Bool
    let claims: [TeamClaimModel]
    let claimsCaption: String

    init(_ figures: TeamMemberFigures, today: LocalDate) {
        let record = figures.record
        username = record.member.username.rawValue
        href = "/staff/" + staffPathSegment(username)
        name = record.member.displayName
        roleTitle = record.member.role.title
        training = record.profile.trainingTitle
        signedOffText = record.profile.signedOff ? "Signed off" : "100% checks"
        signedOffClass = record.profile.signedOff ? "govuk-tag--green" : "govuk-tag--yellow"
        fte = StaffProfile.fteText(record.profile.fte)
        effectiveFTE = StaffProfile.fteText(figures.effectiveFTE)
        self.today = figures.absenceToday.map { "Away: \($0.kind.title.lowercased())" } ?? "At work"
        claimsHeld = figures.claims.count
        longestHeld = figures.claims.first.map { String($0.held.daysHeld(on: today)) } ?? "–"
        barriers = TeamPRAGCountsModel(figures.barriers)
        week = TeamStepsModel(figures.stepsThisWeek)
        period = TeamStepsModel(figures.stepsThisPeriod)
        hasClaims = !figures.claims.isEmpty
        claimsCaption = "Claims held by \(record.member.displayName), longest held first"
        claims = figures.claims.map { claim in
            let summary = claim.held.summary
            return TeamClaimModel(
                reference: summary.reference.rawValue, href: "/claims/" + summary.reference.rawValue, name: summary.name, stageTitle: summary.stage.title,
                stageTagClass: stageTagClass(summary.stage), heldSince: claim.held.heldSince.longForm, daysHeld: claim.held.daysHeld(on: today),
                hasBarriers: !claim.openBarriers.isEmpty,
                barriers: PRAGRating.allCases.compactMap { rating in
                    claim.openBarriers[rating].map { TagModel(text: "\($0) \(rating.title.lowercased())", tagClass: "casework-prag--" + rating.rawValue) }
                }
            )
        }
    }
}

struct TeamPageModel {
    let hasErrors: Bool
    let errors: [ErrorItem]
    let canPick: Bool
    let national: Bool
    let unitSelect: SelectModel
    let teamSelect: SelectModel
    let hasView: Bool
    let team: String
    let unit: String
    let leaders: String
    let todayText: String
    let weekText: String
    let periodText: String
    let hasMembers: Bool
    let members: [TeamMemberModel]
    let claimsHeld: Int
    let barriers: TeamPRAGCountsModel
    let week: TeamStepsModel
    let period: TeamStepsModel
    let headcount: Int
    let fte: String
    let effectiveFTE: String
    let absent: Int
    let signedOff: Int
    let onChecks: Int

    /// Why there is no team to show when that is not a mistake in what the user asked (a team leader with no team recorded).
    let notice: String
    let hasNotice: Bool

    init(view: TeamView?, canPick: Bool, national: Bool, unitSelect: SelectModel, teamSelect: SelectModel, errors: FieldErrors, notice: String? = nil) {
        self.notice = notice ?? ""
        hasNotice = notice != nil
        hasErrors = !errors.isEmpty
        self.errors = errors.summary
        self.canPick = canPick
        self.national = national
        self.unitSelect = unitSelect
        self.teamSelect = teamSelect
        hasView = view != nil
        team = view?.team ?? ""
        unit = view?.unit.rawValue ?? ""
        leaders = view.map { $0.leaders.isEmpty ? "No team leader recorded" : "Led by " + $0.leaders.map(\.displayName).joined(separator: " and ") } ?? ""
        let today = view?.today ?? LocalDate(dayNumber: 0)
        todayText = today.longForm
        weekText = view.map { "This week: Monday \($0.weekStart.longForm) to today" } ?? ""
        periodText = view.map { "This four-week period: \($0.periodStart.longForm) to \($0.periodEnd.longForm)" } ?? ""
        members = view?.members.map { TeamMemberModel($0, today: today) } ?? []
        hasMembers = !members.isEmpty
        claimsHeld = view?.claimsHeld ?? 0
        barriers = TeamPRAGCountsModel(view?.barriers ?? [:])
        week = TeamStepsModel(view?.stepsThisWeek ?? StepCounts())
        period = TeamStepsModel(view?.stepsThisPeriod ?? StepCounts())
        let capacity = view?.capacity ?? CapacityFigures()
        headcount = capacity.headcount
        fte = StaffProfile.fteText(capacity.fte)
        effectiveFTE = StaffProfile.fteText(capacity.effectiveFTE)
        absent = capacity.absent
        signedOff = capacity.signedOff
        onChecks = capacity.headcount - capacity.signedOff
    }
}
