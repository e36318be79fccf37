import Testing

@testable import WebApp

@Suite("Site routes: one definition gives the route and its links")
struct SiteRouteTests {
    @Test("a link fills the route's parameters in order")
    func fillsParameters() {
        let route: SiteRoute = "/modules/:module/toets/pogingen/:number/resultaat"
        #expect(route.link("dementie", "3") == "/modules/dementie/toets/pogingen/3/resultaat")
        #expect(SiteURL.catalogRoute.link() == "/")
        #expect(SiteURL.catalog == "/")
    }

    @Test("a value cannot leave its path segment")
    func encodesValues() {
        let route: SiteRoute = "/certificaten/:code"
        #expect(route.link("a/b?c#d") == "/certificaten/a%2Fb%3Fc%23d")
        #expect(route.link("SW-7K3M-9QXD-4HPA-TR2C") == "/certificaten/SW-7K3M-9QXD-4HPA-TR2C")
    }

    /// Every link function against the route it is built from: same number of segments, the fixed segments equal,
    /// and each parameter holds the value given.
    @Test("every link function matches its route")
    func linksMatchRoutes() {
        let cases: [(SiteRoute, String)] = [
            (SiteURL.moduleRoute, SiteURL.module("m")),
            (SiteURL.pageRoute, SiteURL.page("m", "l", "p")),
            (SiteURL.checkRoute, SiteURL.check("m", "l", "p", "c")),
            (SiteURL.glossaryRoute, SiteURL.glossary("m")),
            (SiteURL.sourcesRoute, SiteURL.sources("m")),
            (SiteURL.quizRoute, SiteURL.quiz("m")),
            (SiteURL.attemptsRoute, SiteURL.attempts("m")),
            (SiteURL.attemptRoute, SiteURL.attempt("m", 2)),
            (SiteURL.confirmRoute, SiteURL.confirm("m", 2)),
            (SiteURL.resultRoute, SiteURL.result("m", 2)),
            (SiteURL.progressRoute, SiteURL.progress),
            (SiteURL.myCertificatesRoute, SiteURL.myCertificates),
            (SiteURL.myCertificateRoute, SiteURL.myCertificate("SW-1")),
            (SiteURL.myCertificatePDFRoute, SiteURL.myCertificatePDF("SW-1")),
            (SiteURL.verificationStartRoute, SiteURL.verificationStart),
            (SiteURL.verificationRoute, SiteURL.verification("SW-1")),
            (SiteURL.publicKeyRoute, SiteURL.publicKey),
            (SiteURL.publicKeyPEMRoute, SiteURL.publicKeyPEM),
            (SiteURL.registerRoute, SiteURL.register),
            (SiteURL.loginRoute, SiteURL.login),
            (SiteURL.logoutRoute, SiteURL.logout),
            (SiteURL.passwordRoute, SiteURL.password),
            (SiteURL.adminRoute, SiteURL.admin),
            (SiteURL.adminModuleRoute, SiteURL.adminModule("m")),
            (SiteURL.adminQuestionsRoute, SiteURL.adminQuestions("m")),
            (SiteURL.adminQuestionsExportRoute, SiteURL.adminQuestionsExport("m")),
            (SiteURL.adminCompletionsRoute, SiteURL.adminCompletions),
            (SiteURL.adminCompletionsExportRoute, SiteURL.adminCompletionsExport),
            (SiteURL.adminUsersRoute, SiteURL.adminUsers),
            (SiteURL.adminUserRoute, SiteURL.adminUser(7)),
            (SiteURL.adminUserRoleRoute, SiteURL.adminUserRole(7)),
            (SiteURL.adminUserResetRoute, SiteURL.adminUserReset(7)),
            (SiteURL.adminRevokeRoute, SiteURL.adminRevoke("SW-1")),
        ]
        for (route, link) in cases {
            #expect(Self.matches(route, link), "\(link) is not a path of \(route)")
        }
        #expect(SiteURL.media("m", "a/b.png") == "/modules/m/bestanden/a/b.png")
    }

    private static func matches(_ route: SiteRoute, _ link: String) -> Bool {
        let pattern = route.pattern.split(separator: "/", omittingEmptySubsequences: false)
        let path = link.split(separator: "/", omittingEmptySubsequences: false)
        guard pattern.count == path.count else { return false }
        return zip(pattern, path).allSatisfy { expected, actual in
            expected.hasPrefix(":") ? ["m", "l", "p", "c", "2", "7", "SW-1"].contains(String(actual)) : expected == actual
        }
    }
}
