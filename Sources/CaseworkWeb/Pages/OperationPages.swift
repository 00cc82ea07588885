import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for named operations (cohorts), membership, drop-outs and burn-down.
extension PagesController {
    func addOperationsRoutes(to group: RouterGroup<CaseworkRequestContext>) {}
}
