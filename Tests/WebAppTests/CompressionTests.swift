import CZlib
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import WebApp

@Suite("Compression: stitched gzip, pre-compressed lesson pages, the middleware")
struct CompressionTests {
    static let gzip: HTTPFields = [.acceptEncoding: "gzip, deflate, br"]

    @Test("a stitched stream of segments and fills of every size is one valid gzip member (zlib and Python agree)")
    func stitchedStream() throws {
        var generator = SystemRandomNumberGenerator()
        let statics = (0..<12).map { index in
            String(repeating: "<p class=\"tekst\">Segment \(index): mantelzorg en dementie.</p>\n", count: Int.random(in: 0...200, using: &generator))
        }
        let segments = try #require(DeflatedSegment.compress(statics))
        // Around the stored-block limit, past one stored block (65,535 bytes), empty, and multi-byte UTF-8.
        let fills = [
            "", "é", "42", String(repeating: "x", count: StitchedGzip.storedLimit), String(repeating: "y", count: StitchedGzip.storedLimit + 1),
            String(repeating: "<input name=\"v-1\" value=\"ë\">", count: 200), String(repeating: "z", count: 70_000), "Anja &amp; Piet",
        ]
        for round in 0..<20 {
            var expected = ""
            var stitched = StitchedGzip(capacity: 1024)
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                if Bool.random(using: &generator) {
                    let index = Int.random(in: 0..<segments.count, using: &generator)
                    stitched.append(segments[index])
                    expected += statics[index]
                } else {
                    let fill = fills.randomElement(using: &generator)!
                    stitched.append(fill: fill)
                    expected += fill
                }
            }
            let bytes = Array(stitched.finish().readableBytesView)
            #expect(try Decoders.gunzip(bytes) == Array(expected.utf8), "round \(round)")
            if round < 3 { #expect(try Decoders.pythonGunzip(bytes) == Array(expected.utf8), "round \(round)") }
        }
    }

    @Test("every lesson page's gzip equals its identity fill, for a learner and an administrator")
    func everySkeleton() async throws {
        let views = try await Views(templatesFolder: testConfiguration().templatesFolder)
        let skeletons = try PageSkeletons.build(catalog: RenderedCatalog(catalog: bundledCatalog), views: views)
        #expect(skeletons.count > 10)
        var worst = 0.0
        defer { print("stitched gzip: at most \(worst) times the size of the page gzipped whole") }
        for (key, skeleton) in skeletons {
            for isAdmin in [false, true] {
                let seen = Set(bundledCatalog.modules.flatMap { $0.pages.map(\.page.id) }.filter { _ in Bool.random() })
                let fills = PageSkeleton.Fills(
                    name: "Zoë <de> \"Vries\" & ł",
                    isAdmin: isAdmin,
                    csrf: "token-\(UUID().uuidString)",
                    percent: 37,
                    seen: seen,
                    checks: Dictionary(uniqueKeysWithValues: (0..<40).map { ($0, String(repeating: "<p>oefenvraag \($0)</p>", count: $0 * 5)) })
                )
                let cached = skeleton.seenRun?.count ?? 0
                let gzip = try #require(skeleton.gzip(fills), "\(key)")
                let identity = skeleton.fill(fills)
                #expect(try Decoders.gunzip(gzip) == identity, "\(key) admin: \(isAdmin)")
                // Close to compressing the whole page at once (the price of independent segments: a few hundred bytes).
                let whole = try #require(Gzip.compress(ByteBuffer(string: identity), level: 6)).readableBytes
                #expect(
                    Double(gzip.readableBytes) < Double(whole) * 1.6,
                    "\(key): \(gzip.readableBytes), whole \(whole), identity \(identity.utf8.count)"
                )
                worst = max(worst, Double(gzip.readableBytes) / Double(whole))
                // The navigation's pattern is now cached: the same fills give the same bytes without a new entry.
                let run = try #require(skeleton.seenRun, "\(key) has no navigation run")
                #expect(run.count == cached + 1 || run.count == 1)
                #expect(skeleton.gzip(fills) == gzip)
                #expect(run.count == cached + 1 || run.count == 1)
            }
        }
    }

    @Test("over a real socket: a lesson page in gzip is the identity page; Vary on both; personal pages stay no-store")
    func lessonPageOverSocket() async throws {
        var configuration = testConfiguration()
        configuration.port = 0
        let (app, database) = try await makeApp(configuration: configuration)
        try AdminFixture.account(database, email: "beheer@voorbeeld.nl", role: .admin)
        try await app.test(.live) { client in
            for (who, path) in [
                ("leerling", "/modules/voorbeeld/lessen/kennismaken/tekst-en-opmaak"),
                ("leerling", "/modules/voorbeeld/lessen/oefenen/oefenvragen"),  // inline checks: deflated fills
                ("beheerder", "/modules/voorbeeld/lessen/oefenen/oefenvragen"),  // the admin-only menu item
            ] {
                let browser = TestBrowser(client)
                if who == "beheerder" { try await browser.logIn(email: "beheer@voorbeeld.nl") } else { try await browser.register() }
                try await browser.get(path)  // the first visit changes the progress shown
                let identity = try await client.execute(uri: path, method: .get, headers: browser.headers())
                var headers = browser.headers()
                headers[.acceptEncoding] = "gzip"
                let gzip = try await client.execute(uri: path, method: .get, headers: headers)
                #expect(identity.status == .ok && gzip.status == .ok)
                #expect(identity.headers[.contentEncoding] == nil)
                #expect(gzip.headers[.contentEncoding] == "gzip")
                for response in [identity, gzip] {
                    #expect(response.headers[.vary] == "Accept-Encoding")
                    #expect(response.headers[.cacheControl] == "no-store")
                    #expect(response.headers[.eTag] == nil)
                }
                #expect(try Decoders.gunzip(gzip.body) == identity.text, "\(who) \(path)")
                #expect(identity.text.contains("Uitloggen"))
                #expect(identity.text.contains(">Beheer</a>") == (who == "beheerder"))
                #expect(gzip.body.readableBytes * 10 < identity.body.readableBytes * 6)
                headers[.acceptEncoding] = "gzip;q=0, identity"
                let refused = try await client.execute(uri: path, method: .get, headers: headers)
                #expect(refused.headers[.contentEncoding] == nil && refused.text == identity.text)
            }
        }
    }

    /// A router with only the compression middleware, for its rules in isolation.
    func middlewareApp() -> some ApplicationProtocol {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: CompressionMiddleware())
        @Sendable func html(_ text: String, type: String = "text/html; charset=utf-8") -> Response {
            Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        let large = String(repeating: "<li>Een regel van een lange pagina.</li>\n", count: 400)
        router.get(RouterPath("klein")) { _, _ in html("<p>kort</p>") }
        router.get(RouterPath("groot")) { _, _ in html(large) }
        router.get(RouterPath("afbeelding")) { _, _ in html(large, type: "image/png") }
        router.get(RouterPath("al-gecomprimeerd")) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css", .contentEncoding: "br"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: large))
            )
        }
        router.get(RouterPath("export.csv")) { _, _ in
            // Streamed like the completions export: unknown length, written in many pieces.
            Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8"],
                body: ResponseBody { writer in
                    for row in 0..<5_000 { try await writer.write(ByteBuffer(string: "\(row);Anja de Vries;Buurtzorg\r\n")) }
                    try await writer.finish(nil)
                }
            )
        }
        return Application(router: router)
    }

    @Test("the middleware: tiny bodies and other types pass, large and streamed ones are gzip, Vary on every compressible type")
    func middleware() async throws {
        try await middlewareApp().test(.router) { client in
            let small = try await client.execute(uri: "/klein", method: .get, headers: Self.gzip)
            #expect(small.headers[.contentEncoding] == nil && small.text == "<p>kort</p>")
            #expect(small.headers[.vary] == "Accept-Encoding")

            let plain = try await client.execute(uri: "/groot", method: .get)
            let large = try await client.execute(uri: "/groot", method: .get, headers: Self.gzip)
            #expect(plain.headers[.contentEncoding] == nil && plain.headers[.vary] == "Accept-Encoding")
            #expect(large.headers[.contentEncoding] == "gzip")
            #expect(large.headers[.vary] == "Accept-Encoding")
            #expect(try Decoders.gunzip(large.body) == plain.text)
            #expect(large.body.readableBytes < plain.body.readableBytes / 10)
            // Deflaters come back to the pool reset: later bodies through reused streams are whole and alike.
            for _ in 0..<3 {
                let again = try await client.execute(uri: "/groot", method: .get, headers: Self.gzip)
                #expect(again.body == large.body)
            }

            let image = try await client.execute(uri: "/afbeelding", method: .get, headers: Self.gzip)
            #expect(image.headers[.contentEncoding] == nil && image.headers[.vary] == nil)

            let encoded = try await client.execute(uri: "/al-gecomprimeerd", method: .get, headers: Self.gzip)
            #expect(encoded.headers[.contentEncoding] == "br" && encoded.headers[.vary] == "Accept-Encoding")

            let csvPlain = try await client.execute(uri: "/export.csv", method: .get)
            let csv = try await client.execute(uri: "/export.csv", method: .get, headers: Self.gzip)
            #expect(csv.headers[.contentEncoding] == "gzip")
            #expect(try Decoders.gunzip(csv.body) == csvPlain.text)
            #expect(csvPlain.text.hasSuffix("4999;Anja de Vries;Buurtzorg\r\n"))
        }
    }

    @Test("an administrator's CSV export streams in gzip and reads back byte for byte")
    func csvExport() async throws {
        let (app, database) = try await makeApp()
        try AdminFixture.account(database, email: "beheer@voorbeeld.nl", role: .admin)
        let allRight = Set(try #require(bundledCatalog.module(id: "voorbeeld")?.quiz).questions.map(\.id))
        for index in 0..<30 {
            try await AdminFixture.learner(
                database,
                email: "l\(index)@voorbeeld.nl",
                name: "Leerling \(index)",
                organisation: "Zorg; en welzijn",
                correct: allRight
            )
        }
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.logIn(email: "beheer@voorbeeld.nl")
            for path in ["/beheer/export/voltooiingen.csv"] {
                let plain = try await browser.get(path)
                var headers = browser.headers()
                headers[.acceptEncoding] = "gzip"
                let gzip = try await client.execute(uri: path, method: .get, headers: headers)
                #expect(plain.status == .ok && gzip.status == .ok)
                #expect(plain.body.readableBytes >= Compressible.minimumBytes, "\(path) is too small to be compressed")
                #expect(gzip.headers[.contentEncoding] == "gzip" && gzip.headers[.vary] == "Accept-Encoding", "\(path)")
                #expect(Array(try Decoders.gunzip(Array(gzip.body.readableBytesView))) == Array(plain.body.readableBytesView), "\(path)")
            }
        }
    }
}
