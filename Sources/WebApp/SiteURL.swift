import Foundation
import Hummingbird

/// Every URL of the site in one place: routes are registered from these paths and links are built with
/// these functions, so a link can never drift from its route.
enum SiteURL {
    // Route patterns (Hummingbird syntax).
    static let catalogRoute: RouterPath = "/"
    static let moduleRoute: RouterPath = "/modules/:module"
    static let pageRoute: RouterPath = "/modules/:module/lessen/:lesson/:page"
    static let checkRoute: RouterPath = "/modules/:module/lessen/:lesson/:page/oefenvragen/:check"
    static let glossaryRoute: RouterPath = "/modules/:module/woordenlijst"
    static let sourcesRoute: RouterPath = "/modules/:module/bronnen"
    static let mediaRoute: RouterPath = "/modules/:module/bestanden/**"
    static let quizRoute: RouterPath = "/modules/:module/toets"
    static let attemptsRoute: RouterPath = "/modules/:module/toets/pogingen"
    static let attemptRoute: RouterPath = "/modules/:module/toets/pogingen/:number"
    static let confirmRoute: RouterPath = "/modules/:module/toets/pogingen/:number/inleveren"
    static let resultRoute: RouterPath = "/modules/:module/toets/pogingen/:number/resultaat"
    static let progressRoute: RouterPath = "/mijn-voortgang"
    static let myCertificatesRoute: RouterPath = "/mijn-certificaten"
    static let myCertificateRoute: RouterPath = "/mijn-certificaten/:code"
    static let myCertificatePDFRoute: RouterPath = "/mijn-certificaten/:code/pdf"
    static let verificationStartRoute: RouterPath = "/certificaten"
    static let verificationRoute: RouterPath = "/certificaten/:code"
    static let publicKeyRoute: RouterPath = "/certificaten/publieke-sleutel"
    static let publicKeyPEMRoute: RouterPath = "/certificaten/publieke-sleutel.pem"
    static let registerRoute: RouterPath = "/registreren"
    static let loginRoute: RouterPath = "/inloggen"
    static let logoutRoute: RouterPath = "/uitloggen"
    static let passwordRoute: RouterPath = "/account/wachtwoord"
    static let healthRoute: RouterPath = "/healthz"
    static let schemaRoute: RouterPath = "/schema/module.xsd"
    static let staticPrefix = "/static"

    // Links.
    static let catalog = "/"
    static let progress = "/mijn-voortgang"
    static let register = "/registreren"
    static let login = "/inloggen"
    static let logout = "/uitloggen"
    static let password = "/account/wachtwoord"
    static let stylesheet = "/static/site.css"
    static let myCertificates = "/mijn-certificaten"
    static let verificationStart = "/certificaten"
    static let publicKey = "/certificaten/publieke-sleutel"
    static let publicKeyPEM = "/certificaten/publieke-sleutel.pem"

    /// The links every page's layout and forms use, given to every page model as `site` (templates never spell a
    /// path themselves).
    static let layoutLinks: [String: String] = [
        "catalog": catalog, "progress": progress, "admin": admin, "login": login, "logout": logout, "register": register,
        "password": password, "stylesheet": stylesheet, "certificates": myCertificates, "adminUsers": adminUsers,
        "verificationStart": verificationStart,
    ]

    static func module(_ id: String) -> String { "/modules/\(id)" }
    static func page(_ module: String, _ lesson: String, _ page: String) -> String { "/modules/\(module)/lessen/\(lesson)/\(page)" }
    static func check(_ module: String, _ lesson: String, _ page: String, _ check: String) -> String {
        "\(self.page(module, lesson, page))/oefenvragen/\(check)"
    }
    static func quiz(_ module: String) -> String { "/modules/\(module)/toets" }
    static func attempts(_ module: String) -> String { "/modules/\(module)/toets/pogingen" }
    static func attempt(_ module: String, _ number: Int) -> String { "/modules/\(module)/toets/pogingen/\(number)" }
    static func confirm(_ module: String, _ number: Int) -> String { "\(attempt(module, number))/inleveren" }
    static func result(_ module: String, _ number: Int) -> String { "\(attempt(module, number))/resultaat" }
    static func glossary(_ module: String) -> String { "/modules/\(module)/woordenlijst" }
    static func glossaryEntry(_ module: String, _ entry: String) -> String { "\(glossary(module))#begrip-\(entry)" }
    static func sources(_ module: String) -> String { "/modules/\(module)/bronnen" }
    static func source(_ module: String, _ source: String) -> String { "\(sources(module))#bron-\(source)" }
    static func myCertificate(_ code: String) -> String { "/mijn-certificaten/\(code)" }
    static func myCertificatePDF(_ code: String) -> String { "/mijn-certificaten/\(code)/pdf" }
    static func verification(_ code: String) -> String { "/certificaten/\(code)" }
    static func media(_ module: String, _ path: String) -> String { "/modules/\(module)/bestanden/\(path)" }

    /// The login page that returns to `next` afterwards.
    static func login(returningTo next: String) -> String {
        "\(login)?volgende=\(next.addingPercentEncodingForQuery())"
    }

    /// Only a local path may be a redirect target after login: never another host (`//evil`, `https://…`).
    static func isSafeLocalPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.hasPrefix("/\\") && !path.contains("\r") && !path.contains("\n")
    }
}

extension String {
    /// Percent-encodes everything but ASCII letters, digits and `-_./`, for a path inside a query parameter.
    func addingPercentEncodingForQuery() -> String {
        addingPercentEncoding(withAllowedCharacters: Self.queryPathCharacters) ?? ""
    }

    private static let queryPathCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./"
    )
}
