import ContentEngine
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import WebApp

@Suite("Public pages")
struct PublicPagesTests {
    @Test("the catalog lists every module with its study load, and carries the security headers")
    func catalog() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            for module in bundledCatalog.modules { #expect(html.contains(HTMLEscaped(module.title))) }
            #expect(html.contains("<html lang=\"nl\">") && html.contains("class=\"skip-link\""))
            #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] != nil)
        }
    }

    @Test("a module overview shows objectives, lessons and a way in")
    func overview() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/modules/voorbeeld", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("Na deze module kun je:"))
            #expect(response.text.contains("Kennismaken"))
            #expect(response.text.contains("/inloggen?volgende=/modules/voorbeeld"))
        }
    }

    @Test("a module overview says how its study load was estimated, and whether an expert checked the content")
    func studyLoadAndReview() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            for module in bundledCatalog.modules {
                let html = try await client.execute(uri: "/modules/\(module.id)", method: .get).text
                let estimate = StudyLoadEstimate(module)
                #expect(html.contains("Geschat uit de inhoud: \(DutchNumber.grouped(estimate.words)) woorden leestekst"), "\(module.id)")
                #expect(html.contains("Samen ongeveer \(estimate.minutes) minuten."), "\(module.id)")
                // None of the bundled modules has had an external review yet, and the page says so.
                #expect(module.reviews.isEmpty && html.contains("nog niet door een externe deskundige gecontroleerd"), "\(module.id)")
            }
        }
    }

    @Test("glossary and sources pages are public and anchored", arguments: ["woordenlijst", "bronnen"])
    func glossaryAndSources(page: String) async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/modules/voorbeeld/\(page)", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains(page == "woordenlijst" ? "id=\"begrip-mantelzorger\"" : "id=\"bron-cbs-2022\""))
        }
    }

    @Test(
        "unknown modules, lessons and pages give the 404 page",
        arguments: [
            "/modules/bestaat-niet", "/modules/voorbeeld/woordenlijst-x", "/nergens", "/modules/%3Cscript%3E",
        ]
    )
    func notFound(path: String) async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .notFound)
            #expect(response.text.contains("Pagina niet gevonden"))
            #expect(!response.text.contains("<script>"))
        }
    }

    @Test("module media are served, module.xml and paths outside the module are not")
    func media() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let image = try await client.execute(uri: "/modules/voorbeeld/bestanden/media/zorgdriehoek.svg", method: .get)
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/svg+xml")
            for path in [
                "/modules/voorbeeld/bestanden/media/../module.xml", "/modules/voorbeeld/module.xml",
                "/modules/voorbeeld/bestanden/media/%2e%2e/module.xml",
                "/modules/voorbeeld/bestanden/media/onbekend.svg",
            ] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.text.contains("correct=\"true\""))
            }
        }
    }

    @Test("health check and the schema for editors")
    func healthAndSchema() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            let schema = try await client.execute(uri: "/schema/module.xsd", method: .get)
            #expect(schema.status == .ok && schema.text.contains("urn:samenwijzer:module:1"))
        }
    }
}

func HTMLEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
}

@Suite("Static files")
struct StaticFilesTests {
    @Test("the stylesheet is served; an unknown static file gives the 404 page")
    func stylesheet() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let css = try await client.execute(uri: "/static/site.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            let missing = try await client.execute(uri: "/static/bestaat-niet.css", method: .get)
            #expect(missing.status == .notFound && missing.text.contains("Pagina niet gevonden"))
        }
    }
}
