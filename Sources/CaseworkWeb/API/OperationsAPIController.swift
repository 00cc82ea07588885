import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes

/// The JSON API for named operations (cohorts), membership, drop-outs and burn-down.
struct OperationsAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// The routes, in OpenAPI form; `Resources/api-paths/operations.yaml` documents each.
    static let routes: [APIRoute] = []

    func addRoutes(to group: RouterGroup<Context>) {}
}
