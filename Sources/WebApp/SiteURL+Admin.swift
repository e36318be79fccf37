import Foundation
import Hummingbird

/// The admin area's URLs (all under `/beheer`, which `AdminAreaMiddleware` guards as a whole).
extension SiteURL {
    static let adminRoute: RouterPath = "/beheer"
    static let adminModuleRoute: RouterPath = "/beheer/modules/:module"
    static let adminQuestionsRoute: RouterPath = "/beheer/modules/:module/vragen"
    static let adminQuestionsExportRoute: RouterPath = "/beheer/export/modules/:module/vragen.csv"
    static let adminCompletionsRoute: RouterPath = "/beheer/voltooiingen"
    static let adminCompletionsExportRoute: RouterPath = "/beheer/export/voltooiingen.csv"
    static let adminUsersRoute: RouterPath = "/beheer/gebruikers"
    static let adminUserRoute: RouterPath = "/beheer/gebruikers/:user"
    static let adminUserRoleRoute: RouterPath = "/beheer/gebruikers/:user/rol"
    static let adminUserResetRoute: RouterPath = "/beheer/gebruikers/:user/pogingen-wissen"
    static let adminRevokeRoute: RouterPath = "/beheer/certificaten/:code/intrekken"

    static let admin = "/beheer"
    static let adminCompletions = "/beheer/voltooiingen"
    static let adminCompletionsExport = "/beheer/export/voltooiingen.csv"
    static let adminUsers = "/beheer/gebruikers"

    static func adminModule(_ module: String) -> String { "/beheer/modules/\(module)" }
    static func adminQuestions(_ module: String) -> String { "/beheer/modules/\(module)/vragen" }
    static func adminQuestionsExport(_ module: String) -> String { "/beheer/export/modules/\(module)/vragen.csv" }
    static func adminUser(_ id: Int64) -> String { "/beheer/gebruikers/\(id)" }
    static func adminUserRole(_ id: Int64) -> String { "/beheer/gebruikers/\(id)/rol" }
    static func adminUserReset(_ id: Int64) -> String { "/beheer/gebruikers/\(id)/pogingen-wissen" }
    static func adminRevoke(_ code: String) -> String { "/beheer/certificaten/\(code)/intrekken" }

    /// `path` with a query string of the non-empty values, in the given order.
    static func with(_ path: String, query: [(String, String)]) -> String {
        let parts = query.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1.addingPercentEncodingForQuery())" }
        return parts.isEmpty ? path : path + "?" + parts.joined(separator: "&")
    }
}
