import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for the planners' allocation run across units, transfers and the churn figure.
extension PagesController {
    func addPlanningRoutes(to group: RouterGroup<CaseworkRequestContext>) {}
}
