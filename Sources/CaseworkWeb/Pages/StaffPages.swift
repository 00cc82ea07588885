import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for staff records, training, working pattern, absences and effective capacity.
extension PagesController {
    func addStaffRoutes(to group: RouterGroup<CaseworkRequestContext>) {}
}
