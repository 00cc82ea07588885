import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes

/// The JSON API for what prioritisation reads on a claim (safeguarding referral, committed date, priority on request) and the priority policy.
struct PriorityAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// The routes, in OpenAPI form; `Resources/api-paths/priority.yaml` documents each.
    static let routes: [APIRoute] = []

    func addRoutes(to group: RouterGroup<Context>) {}
}
