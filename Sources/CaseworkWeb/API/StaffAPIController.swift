import CaseworkDomain
import CaseworkStore
import Foundation
import Hummingbird
import HTTPTypes

/// The JSON API for staff records, training, working pattern, absences and effective capacity.
struct StaffAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// The routes, in OpenAPI form; `Resources/api-paths/staff.yaml` documents each.
    static let routes: [APIRoute] = []

    func addRoutes(to group: RouterGroup<Context>) {}
}
