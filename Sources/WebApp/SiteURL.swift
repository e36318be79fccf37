import Foundation
import Hummingbird

/// Every URL of the site in one place: each route is defined once (`SiteRoute`), the controllers register it and
/// the link functions fill in its parameters, so a link can never drift from its route.
enum SiteURL {
    // Routes: the one definition of each path (`SiteRoute`). Links below are built from them.
    static let catalogRoute: SiteRoute = "/"
    static let moduleRoute: SiteRoute = "/modules/:module"
    static let pageRoute: SiteRoute = "/modules/:module/lessen/:lesson/:page"
    static let checkRoute: SiteRoute = "/modules/:module/lessen/:lesson/:page/oefenvragen/:check"
    static let glossaryRoute: SiteRoute = "/modules/:module/woordenlijst"
    static let sourcesRoute: SiteRoute = "/modules/:module/bronnen"
    /// Files of a module below its `media` folder (any depth): linked with `media(_:_:)`.
    static let mediaRoute: SiteRoute = "/modules/:module/bestanden/**"
    static let quizRoute: SiteRoute = "/modules/:module/toets"
    static let attemptsRoute: SiteRoute = "/modules/:module/toets/pogingen"
    static let attemptRoute: SiteRoute = "/modules/:module/toets/pogingen/:number"
    static let confirmRoute: SiteRoute = "/modules/:module/toets/pogingen/:number/inleveren"
    static let resultRoute: SiteRoute = "/modules/:module/toets/pogingen/:number/resultaat"
    static let progressRoute: SiteRoute = "/mijn-voortgang"
    static let myCertificatesRoute: SiteRoute = "/mijn-certificaten"
    static let myCertificateRoute: SiteRoute = "/mijn-certificaten/:code"
    static let myCertificatePDFRoute: SiteRoute = "/mijn-certificaten/:code/pdf"
    static let verificationStartRoute: SiteRoute = "/certificaten"
    static let verificationRoute: SiteRoute = "/certificaten/:code"
    static let publicKeyRoute: SiteRoute = "/certificaten/publieke-sleutel"
    static let publicKeyPEMRoute: SiteRoute = "/certificaten/publieke-sleutel.pem"
    static let registerRoute: SiteRoute = "/registreren"
    static let loginRoute: SiteRoute = "/inloggen"
    static let logoutRoute: SiteRoute = "/uitloggen"
    static let passwordRoute: SiteRoute = "/account/wachtwoord"
    static let forgotPasswordRoute: SiteRoute = "/wachtwoord-vergeten"
    static let resetPasswordRoute: SiteRoute = "/wachtwoord-herstellen/:token"
    static let healthRoute: SiteRoute = "/healthz"
    static let schemaRoute: SiteRoute = "/schema/module.xsd"
    /// Served by the file middleware, not a route.
    static let staticPrefix = "/static"

    // Links without parameters.
    static let catalog = catalogRoute.link()
    static let progress = progressRoute.link()
    static let register = registerRoute.link()
    static let login = loginRoute.link()
    static let logout = logoutRoute.link()
    static let password = passwordRoute.link()
    static let forgotPassword = forgotPasswordRoute.link()
    static let stylesheet = "\(staticPrefix)/site.css"
    static let myCertificates = myCertificatesRoute.link()
    static let verificationStart = verificationStartRoute.link()
    static let publicKey = publicKeyRoute.link()
    static let publicKeyPEM = publicKeyPEMRoute.link()

    /// The links every page's layout and forms use, given to every page model as `site` (templates never spell a
    /// path themselves).
    static let layoutLinks = LayoutLinks(
        catalog: catalog,
        progress: progress,
        admin: admin,
        adminUsers: adminUsers,
        login: login,
        logout: logout,
        register: register,
        password: password,
        stylesheet: stylesheet,
        certificates: myCertificates,
        verificationStart: verificationStart
    )

    static func module(_ id: String) -> String { moduleRoute.link(id) }
    static func page(_ module: String, _ lesson: String, _ page: String) -> String { pageRoute.link(module, lesson, page) }
    static func check(_ module: String, _ lesson: String, _ page: String, _ check: String) -> String {
        checkRoute.link(module, lesson, page, check)
    }
    static func quiz(_ module: String) -> String { quizRoute.link(module) }
    static func attempts(_ module: String) -> String { attemptsRoute.link(module) }
    static func attempt(_ module: String, _ number: Int) -> String { attemptRoute.link(module, String(number)) }
    static func confirm(_ module: String, _ number: Int) -> String { confirmRoute.link(module, String(number)) }
    static func result(_ module: String, _ number: Int) -> String { resultRoute.link(module, String(number)) }
    static func glossary(_ module: String) -> String { glossaryRoute.link(module) }
    static func glossaryEntry(_ module: String, _ entry: String) -> String { "\(glossary(module))#begrip-\(entry)" }
    static func sources(_ module: String) -> String { sourcesRoute.link(module) }
    static func source(_ module: String, _ source: String) -> String { "\(sources(module))#bron-\(source)" }
    static func myCertificate(_ code: String) -> String { myCertificateRoute.link(code) }
    static func myCertificatePDF(_ code: String) -> String { myCertificatePDFRoute.link(code) }
    static func verification(_ code: String) -> String { verificationRoute.link(code) }
    static func resetPassword(_ token: String) -> String { resetPasswordRoute.link(token) }
    /// `path` is relative to the module's media folder and may hold slashes (the route's `**`).
    static func media(_ module: String, _ path: String) -> String { "\(SiteURL.module(module))/bestanden/\(path)" }

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
