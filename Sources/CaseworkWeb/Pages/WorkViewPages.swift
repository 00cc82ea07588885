import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for the views of work: a decision maker's work, the team leader's live team page, the planner's WIP page and the barrier review queue.
extension PagesController {
    func addWorkViewsRoutes(to group: RouterGroup<CaseworkRequestContext>) {}
}
