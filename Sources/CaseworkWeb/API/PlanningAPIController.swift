import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes

/// The JSON API for the planners' allocation run across units, transfers and the churn figure.
struct PlanningAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// The routes, in OpenAPI form; `Resources/api-paths/planning.yaml` documents each.
    static let routes: [APIRoute] = []

    func addRoutes(to group: RouterGroup<Context>) {}
}
