import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import WebApp

@Suite("Caching: fingerprinted assets, validators on public pages, 304, HEAD")
struct CachingTests {
    static let publicPages = ["/", "/modules/voorbeeld", "/modules/voorbeeld/woordenlijst", "/modules/voorbeeld/bronnen"]
    static let stylesheetOnDisk = try! Data(contentsOf: repositoryRoot.appendingPathComponent("Assets/static/site.css"))

    /// The stylesheet link of a page.
    static func stylesheet(in html: String) -> String? {
        guard let range = html.range(of: "<link rel=\"stylesheet\" href=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test("pages link the stylesheet under its content hash; that URL is immutable, from memory, in br, gzip or identity")
    func fingerprintedStylesheet() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            let catalog = try await browser.get("/")
            let url = try #require(Self.stylesheet(in: catalog.text))
            let hash = SHA256.hash(data: Self.stylesheetOnDisk).prefix(8).map { String(format: "%02x", $0) }.joined()
            #expect(url == "/static/site.\(hash).css")
            // Lesson pages (pre-rendered) link the same URL.
            try await browser.register()
            let page = try await browser.get("/modules/voorbeeld/lessen/kennismaken/tekst-en-opmaak")
            #expect(Self.stylesheet(in: page.text) == url)

            let identity = try await client.execute(uri: url, method: .get)
            #expect(identity.status == .ok)
            #expect(Data(identity.body.readableBytesView) == Self.stylesheetOnDisk)
            #expect(identity.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(identity.headers[.contentType] == "text/css; charset=utf-8")
            #expect(identity.headers[.vary] == "Accept-Encoding")
            let tag = try #require(identity.headers[.eTag])
            #expect(tag.hasPrefix("W/\""))

            let brotli = try await client.execute(uri: url, method: .get, headers: [.acceptEncoding: "gzip, deflate, br"])
            #expect(brotli.headers[.contentEncoding] == "br")
            #expect(try Decoders.unbrotli(brotli.body) == identity.text)
            let gzip = try await client.execute(uri: url, method: .get, headers: [.acceptEncoding: "gzip, br;q=0"])
            #expect(gzip.headers[.contentEncoding] == "gzip")
            #expect(try Decoders.gunzip(gzip.body) == identity.text)
            #expect(brotli.body.readableBytes < gzip.body.readableBytes && gzip.body.readableBytes < identity.body.readableBytes / 3)
            for response in [brotli, gzip] {
                #expect(response.headers[.eTag] == tag)
                #expect(response.headers[.contentLength] == String(response.body.readableBytes))
            }

            // The plain URL keeps working, with the same bytes, revalidated instead of kept.
            let plain = try await client.execute(uri: "/static/site.css", method: .get)
            #expect(plain.status == .ok && plain.text == identity.text)
            #expect(plain.headers[.cacheControl] == "public, no-cache")
            #expect(plain.headers[.eTag] == tag)

            // Revalidation, also for HEAD; an unknown fingerprint or file is the 404 page.
            for method in [HTTPRequest.Method.get, .head] {
                let revalidated = try await client.execute(uri: url, method: method, headers: [.ifNoneMatch: tag, .acceptEncoding: "gzip"])
                #expect(revalidated.status == .notModified, "\(method)")
                #expect(revalidated.body.readableBytes == 0)
                #expect(revalidated.headers[.eTag] == tag && revalidated.headers[.cacheControl] == "public, max-age=31536000, immutable")
            }
            let changed = try await client.execute(uri: url, method: .get, headers: [.ifNoneMatch: "W/\"0123\""])
            #expect(changed.status == .ok)
            for missing in ["/static/site.0000000000000000.css", "/static/bestaat-niet.css", "/static/../Package.swift", "/static/"] {
                let response = try await client.execute(uri: missing, method: .get)
                #expect(response.status == .notFound, "\(missing)")
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(missing)")
            }
        }
    }

    @Test("the fingerprint is the content's: a different file gets a different name, a copy the same")
    func fingerprintFollowsContent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("static-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("body { color: black }".utf8).write(to: folder.appendingPathComponent("site.css"))
        try Data("ignored".utf8).write(to: folder.appendingPathComponent(".site.css.swp"))
        let first = try StaticAssets(folder: folder)
        try Data("body { color: navy }".utf8).write(to: folder.appendingPathComponent("site.css"))
        let second = try StaticAssets(folder: folder)
        #expect(first.url(for: "site.css") != second.url(for: "site.css"))
        #expect(try StaticAssets(folder: folder).url(for: "site.css") == second.url(for: "site.css"))
        #expect(first[".site.css.swp"] == nil)
        #expect(first.url(for: "ontbreekt.css") == "/static/ontbreekt.css")
        #expect(StaticAssets.fingerprintedName("fonts/a.b.woff2", hash: SHA256.hash(data: Data())) == "fonts/a.b.e3b0c44298fc1c14.woff2")
        #expect(StaticAssets.fingerprintedName("LICENSE", hash: SHA256.hash(data: Data())) == "LICENSE.e3b0c44298fc1c14")
    }

    @Test("public pages for a visitor: an ETag, revalidation, 304 for GET and HEAD, the same tag in gzip")
    func publicPagesForVisitors() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            for path in Self.publicPages {
                let page = try await client.execute(uri: path, method: .get)
                #expect(page.status == .ok, "\(path)")
                let tag = try #require(page.headers[.eTag], "\(path)")
                #expect(page.headers[.cacheControl] == "public, no-cache", "\(path)")
                #expect(page.headers[.vary] == "Accept-Encoding", "\(path)")
                #expect(page.headers[.setCookie] == nil, "\(path)")
                // Rendered again: the same bytes, the same tag.
                #expect(try await client.execute(uri: path, method: .get).headers[.eTag] == tag)

                let gzip = try await client.execute(uri: path, method: .get, headers: [.acceptEncoding: "gzip"])
                #expect(gzip.headers[.contentEncoding] == "gzip", "\(path)")
                #expect(gzip.headers[.eTag] == tag)
                #expect(try Decoders.gunzip(gzip.body) == page.text, "\(path)")

                for method in [HTTPRequest.Method.get, .head] {
                    for ifNoneMatch in [tag, "\"x\", \(tag)", "*", String(tag.dropFirst(2))] {
                        let revalidated = try await client.execute(
                            uri: path,
                            method: method,
                            headers: [.ifNoneMatch: ifNoneMatch, .acceptEncoding: "gzip"]
                        )
                        #expect(revalidated.status == .notModified, "\(method) \(path) If-None-Match: \(ifNoneMatch)")
                        #expect(revalidated.body.readableBytes == 0)
                        #expect(revalidated.headers[.eTag] == tag && revalidated.headers[.cacheControl] == "public, no-cache")
                        #expect(revalidated.headers[.contentEncoding] == nil)
                    }
                }
                let stale = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: "W/\"ander\""])
                #expect(stale.status == .ok && stale.text == page.text)
            }
        }
    }

    @Test("public pages for a logged-in user are personal: no-store, no ETag, never a 304 on a visitor's tag")
    func publicPagesWhenLoggedIn() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register(name: "Piet Persoonlijk")
            for path in Self.publicPages {
                let visitorTag = try #require(try await client.execute(uri: path, method: .get).headers[.eTag])
                var headers = browser.headers()
                headers[.ifNoneMatch] = visitorTag
                let page = try await client.execute(uri: path, method: .get, headers: headers)
                #expect(page.status == .ok, "\(path)")
                #expect(page.text.contains("Piet Persoonlijk"), "\(path)")
                #expect(page.headers[.cacheControl] == "no-store", "\(path)")
                #expect(page.headers[.eTag] == nil, "\(path)")
                #expect(page.headers[.vary] == "Accept-Encoding", "\(path)")
            }
        }
    }

    @Test("an anonymous visitor with a form cookie gets the same public page and tag as one without")
    func anonymousSessionSamePage() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let visitor = TestBrowser(client)
            try await visitor.get("/inloggen")
            #expect(visitor.cookie?.hasPrefix("a.") == true)
            for path in Self.publicPages {
                let withCookie = try await client.execute(uri: path, method: .get, headers: visitor.headers())
                let without = try await client.execute(uri: path, method: .get)
                #expect(withCookie.text == without.text, "\(path)")
                #expect(withCookie.headers[.eTag] == without.headers[.eTag] && without.headers[.eTag] != nil, "\(path)")
            }
        }
    }

    @Test("a pre-rendered body: br, gzip and identity by the client's choice, one tag, tiny bodies uncompressed")
    func precompressedBody() async throws {
        let large = PrecompressedBody(html: String(repeating: "<p>Dezelfde alinea voor iedereen.</p>\n", count: 300))
        #expect(large.gzip != nil && large.brotli != nil)
        let tiny = PrecompressedBody(html: "<p>kort</p>")
        #expect(tiny.gzip == nil && tiny.brotli == nil && tiny.available == [.identity])
        let perRequest = PrecompressedBody(html: String(repeating: "<p>x</p>", count: 1000), compressing: false)
        #expect(perRequest.gzip == nil && perRequest.brotli == nil)
        #expect(perRequest.entityTag == PrecompressedBody(html: String(repeating: "<p>x</p>", count: 1000)).entityTag)
        #expect(perRequest.entityTag != large.entityTag)
    }
}
