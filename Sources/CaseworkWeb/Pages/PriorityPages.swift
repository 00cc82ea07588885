import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for what prioritisation reads on a claim (safeguarding referral, committed date, priority on request) and the priority policy.
extension PagesController {
    func addPriorityRoutes(to group: RouterGroup<CaseworkRequestContext>) {}
}
