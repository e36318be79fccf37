import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@_spi(DevSeeding) @testable import LearnerStore
@testable import WebApp

/// The security suite: who may use which route (every route, read from the router), CSRF on every POST, session
/// fixation, and script probes in every field that is shown elsewhere.
@Suite("Security suite")
struct SecuritySuiteTests {
    enum Access: String {
        /// Anyone, logged in or not.
        case everyone
        /// A logged-in user of any role; a visitor is sent to the login page.
        case loggedIn
        /// Administrators only; a visitor is sent to the login page, others get 403.
        case admin
    }

    /// The rule that decides a route's access, by its path. A route that fits no rule fails the test, so every new
    /// route gets a decision here.
    static func access(_ method: HTTPRequest.Method, _ path: String) -> Access? {
        if path.hasPrefix("/beheer") { return .admin }
        if path.hasPrefix("/mijn-") || path.hasPrefix("/account") || path == "/uitloggen" { return .loggedIn }
        if path.contains("/lessen/") || path.contains("/toets") { return .loggedIn }
        let open = [
            "/", "/modules/{module}", "/modules/{module}/woordenlijst", "/modules/{module}/bronnen", "/modules/{module}/bestanden/**",
            "/registreren", "/inloggen", "/healthz", "/schema/module.xsd", "/wachtwoord-vergeten", "/wachtwoord-herstellen/{token}",
        ]
        if open.contains(path) || path.hasPrefix("/certificaten") { return .everyone }
        return nil
    }

    static let roles = ["bezoeker", "cursist", "auteur", "beheerder", "andere-cursist"]

    @Test("authorisation matrix over every route of the router", arguments: roles)
    func matrix(as who: String) async throws {
        let accounts = ["cursist": User.Role.learner, "auteur": .author, "beheerder": .admin, "andere-cursist": .learner]
        let database = try await AdminFixture.routeTarget(accounts: accounts.filter { $0.key == who })
        let routes = try await makeRouter(database: database).routes.map { (method: $0.method, path: $0.path.description) }
        let (app, _) = try await makeApp(database: database)
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            if who != "bezoeker" { try await browser.logIn(email: "\(who)@voorbeeld.nl") }
            for route in routes {
                let access = try #require(Self.access(route.method, route.path), "no access rule for \(route.method) \(route.path)")
                let path = RouteWalkTests.validPath(for: route.path)
                try await browser.get(who == "bezoeker" ? "/inloggen" : "/mijn-voortgang")  // a page with a form token for the POSTs
                let response =
                    route.method == .post
                    ? try await browser.post(path, [("rol", "learner"), ("module", "voorbeeld"), ("reden", "Test")])
                    : try await browser.get(path)
                let name = "\(route.method) \(path) as \(who)"
                Self.expect(
                    response,
                    access: access,
                    asVisitor: who == "bezoeker",
                    asAdmin: who == "beheerder",
                    isLogout: route.path == "/uitloggen",
                    name
                )
                // Another learner's certificate never shows (attempt URLs are numbered per learner: they name only the
                // asker's own, see QuizTests).
                if who == "andere-cursist", route.path.contains("mijn-certificaten/{code}") {
                    #expect(response.status == .notFound, "\(name)")
                }
                if who != "bezoeker" && route.path == "/uitloggen" { try await browser.logIn(email: "\(who)@voorbeeld.nl") }
            }
        }
        // Only the administrator's posts changed anything.
        #expect(try database.user(id: 1)?.role == .learner)
        #expect(try database.certificate(code: "SW-2222-2222")?.isRevoked == (who == "beheerder"))
    }

    @Test(
        "every POST route without or with a forged form token is refused (403) and writes nothing",
        arguments: ["bezoeker", "cursist", "beheerder"]
    )
    func csrf(as who: String) async throws {
        let roles = ["cursist": User.Role.learner, "beheerder": .admin]
        let database = try await AdminFixture.routeTarget(accounts: roles.filter { $0.key == who })
        let posts = try await makeRouter(database: database).routes.filter { $0.method == .post }.map(\.path.description)
        #expect(posts.count >= 8)
        let (app, _) = try await makeApp(database: database)
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            if who != "bezoeker" { try await browser.logIn(email: "\(who)@voorbeeld.nl") }
            try await browser.get("/inloggen")
            try await Task.sleep(for: .milliseconds(300))  // page visits are written asynchronously
            let before = try fingerprint(database)
            let fields = [
                ("rol", "admin"), ("module", "voorbeeld"), ("reden", "Test"), ("email", "doel@voorbeeld.nl"),
                ("wachtwoord", AdminFixture.password), ("naam", "Nieuw"), ("antwoord", "a"), ("actie", "inleveren"),
            ]
            for pattern in posts {
                let path = RouteWalkTests.validPath(for: pattern)
                let missing = try await browser.post(path, fields, csrf: false)
                let forged = try await browser.post(path, fields + [("_csrf", String(repeating: "A", count: 43))], csrf: false)
                for (kind, response) in [("no token", missing), ("forged token", forged)] {
                    // A visitor on a logged-in route is sent to the login page first; that writes nothing either.
                    let refused =
                        response.status == .forbidden
                        || (who == "bezoeker" && response.status == .seeOther
                            && response.location?.hasPrefix("/inloggen") == true)
                    #expect(refused, "POST \(path) as \(who), \(kind): \(response.status)")
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try fingerprint(database) == before, "a refused post wrote something")
        }
    }

    @Test("session fixation: a session id planted in a victim's browser is dead once the victim logs in")
    func sessionFixation() async throws {
        let (app, database) = try await makeApp()
        try AdminFixture.account(database, email: "aanvaller@voorbeeld.nl", role: .learner)
        try AdminFixture.account(database, email: "slachtoffer@voorbeeld.nl", role: .learner)
        try await app.test(.router) { client in
            let attacker = TestBrowser(client)
            try await attacker.logIn(email: "aanvaller@voorbeeld.nl")
            let planted = try #require(attacker.cookie)
            let victim = TestBrowser(client)
            victim.cookie = planted
            try await victim.get("/inloggen")
            let login = try await victim.post("/inloggen", [("email", "slachtoffer@voorbeeld.nl"), ("wachtwoord", AdminFixture.password)])
            #expect(login.status == .seeOther && victim.cookie != planted)
            // The planted id no longer opens any session: the attacker is logged out, not logged in as the victim.
            let check = try await attacker.get("/mijn-voortgang")
            #expect(check.status == .seeOther && check.location?.hasPrefix("/inloggen") == true)
        }
    }

    static let probe = #"<script>alert("x")</script>'"><img src=x onerror=alert(1)>"#

    @Test("script probes in names, organisations, reasons and free-text answers are shown escaped everywhere")
    func scriptProbes() async throws {
        let (app, database) = try await makeApp()
        try AdminFixture.account(database, email: "beheer@voorbeeld.nl", role: .admin)
        let certificates = CertificateTests()
        let quiz = QuizTests()
        try await app.test(.router) { client in
            // A learner whose name and organisation are probes completes the module and gets a certificate.
            let learner = TestBrowser(client)
            try await learner.register(email: "probe@voorbeeld.nl", name: Self.probe, organisation: Self.probe)
            for page in certificates.pages { try await learner.get(page) }
            let (url, ids) = try await quiz.startAttempt(learner)
            _ = try await learner.post(url, quiz.answers(ids, correct: true) + [("actie", "inleveren")])
            // Another answers the open question with a probe.
            let other = TestBrowser(client)
            try await other.register(email: "tekst@voorbeeld.nl", name: "Tekst", organisation: Self.probe + "2")
            let (otherURL, otherIds) = try await quiz.startAttempt(other)
            let answers = quiz.answers(otherIds, correct: false).map { $0.0.hasSuffix("-tekst") ? ($0.0, Self.probe) : $0 }
            _ = try await other.post(otherURL, answers + [("actie", "inleveren"), ("bevestigd", "ja")])
            let user = try #require(try database.user(email: "probe@voorbeeld.nl"))
            let code = try #require(try database.certificate(userId: user.id!, moduleId: "voorbeeld")).code
            let admin = TestBrowser(client)
            try await admin.logIn(email: "beheer@voorbeeld.nl")
            try await admin.get(SiteURL.adminUser(user.id!))
            _ = try await admin.post(SiteURL.adminRevoke(code), [("reden", Self.probe)])

            var pages: [(String, TestResponse)] = []
            for path in ["/mijn-voortgang", "/mijn-certificaten", SiteURL.myCertificate(code), "/modules/voorbeeld/toets/pogingen/1/resultaat"] {
                pages.append((path, try await learner.get(path)))
            }
            pages.append(("other result", try await other.get("\(otherURL)/resultaat")))
            for path in [SiteURL.verification(code)] { pages.append((path, try await TestBrowser(client).get(path))) }
            for path in [
                "/beheer", "/beheer/gebruikers", "/beheer/gebruikers?zoek=%3Cscript%3E", SiteURL.adminUser(user.id!), "/beheer/voltooiingen",
                "/beheer/modules/voorbeeld", "/beheer/modules/voorbeeld/vragen",
                "/beheer?organisatie=\(Self.probe.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
            ] {
                pages.append((path, try await admin.get(path)))
            }
            var shown = 0
            for (path, page) in pages {
                #expect(!page.text.contains("<script>alert") && !page.text.contains("<img src=x"), "unescaped probe on \(path)")
                if page.text.contains("&lt;script&gt;alert") { shown += 1 }
            }
            #expect(shown >= 6, "the probes are shown (escaped) on the pages that show names: \(shown)")
            // Exports are downloads, never rendered as a page by the browser.
            for path in ["/beheer/export/voltooiingen.csv", "/beheer/export/modules/voorbeeld/vragen.csv"] {
                let csv = try await admin.get(path)
                #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && csv.headers[.xContentTypeOptions] == "nosniff")
                #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment") == true, "\(path)")
            }
            let pdf = try await learner.get(SiteURL.myCertificatePDF(code))
            #expect(pdf.headers[.contentType] == "application/pdf")
        }
    }

    /// What a response must be for a route of `access`, asked by a visitor, an administrator or another logged-in user.
    static func expect(_ response: TestResponse, access: Access, asVisitor: Bool, asAdmin: Bool, isLogout: Bool, _ name: String) {
        if access == .everyone {
            let allowed: Set<Int> = [404, 422, 400]
            #expect(response.status.code < 400 || allowed.contains(response.status.code), "\(name): \(response.status)")
        } else if asVisitor && !isLogout {
            #expect(response.status == .seeOther && response.location?.hasPrefix("/inloggen?volgende=") == true, "\(name)")
        } else if access == .loggedIn || asAdmin {
            #expect(response.status.code < 500 && response.status != .forbidden, "\(name): \(response.status)")
        } else {
            #expect(response.status == .forbidden && response.text.contains("alleen voor beheerders"), "\(name): \(response.status)")
        }
    }

    /// Every row of every table, as text: equal fingerprints mean nothing was written.
    func fingerprint(_ database: AppDatabase) throws -> [String] {
        try database.writer.read { db in
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0.description)" }
            }
        }
    }
}
