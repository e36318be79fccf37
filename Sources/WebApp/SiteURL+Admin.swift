import Foundation
import Hummingbird

/// The admin area's URLs (all under `/beheer`, which `AdminAreaMiddleware` guards as a whole).
extension SiteURL {
    static let adminRoute: SiteRoute = "/beheer"
    static let adminModuleRoute: SiteRoute = "/beheer/modules/:module"
    static let adminQuestionsRoute: SiteRoute = "/beheer/modules/:module/vragen"
    static let adminQuestionsExportRoute: SiteRoute = "/beheer/export/modules/:module/vragen.csv"
    static let adminCompletionsRoute: SiteRoute = "/beheer/voltooiingen"
    static let adminCompletionsExportRoute: SiteRoute = "/beheer/export/voltooiingen.csv"
    static let adminUsersRoute: SiteRoute = "/beheer/gebruikers"
    static let adminUserRoute: SiteRoute = "/beheer/gebruikers/:user"
    static let adminUserRoleRoute: SiteRoute = "/beheer/gebruikers/:user/rol"
    static let adminUserResetRoute: SiteRoute = "/beheer/gebruikers/:user/pogingen-wissen"
    static let adminRevokeRoute: SiteRoute = "/beheer/certificaten/:code/intrekken"

    static let admin = adminRoute.link()
    static let adminCompletions = adminCompletionsRoute.link()
    static let adminCompletionsExport = adminCompletionsExportRoute.link()
    static let adminUsers = adminUsersRoute.link()

    static func adminModule(_ module: String) -> String { adminModuleRoute.link(module) }
    static func adminQuestions(_ module: String) -> String { adminQuestionsRoute.link(module) }
    static func adminQuestionsExport(_ module: String) -> String { adminQuestionsExportRoute.link(module) }
    static func adminUser(_ id: Int64) -> String { adminUserRoute.link(String(id)) }
    static func adminUserRole(_ id: Int64) -> String { adminUserRoleRoute.link(String(id)) }
    static func adminUserReset(_ id: Int64) -> String { adminUserResetRoute.link(String(id)) }
    static func adminRevoke(_ code: String) -> String { adminRevokeRoute.link(code) }

    /// `path` with a query string of the non-empty values, in the given order.
    static func with(_ path: String, query: [(String, String)]) -> String {
        let parts = query.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1.addingPercentEncodingForQuery())" }
        return parts.isEmpty ? path : path + "?" + parts.joined(separator: "&")
    }
}
