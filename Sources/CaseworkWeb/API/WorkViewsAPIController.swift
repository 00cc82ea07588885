import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes

/// The JSON API for the views of work: a decision maker's work, the team leader's live team page, the planner's WIP page and the barrier review queue.
struct WorkViewsAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// The routes, in OpenAPI form; `Resources/api-paths/work-views.yaml` documents each.
    static let routes: [APIRoute] = []

    func addRoutes(to group: RouterGroup<Context>) {}
}
