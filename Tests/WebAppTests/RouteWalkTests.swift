import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LearnerStore
import Testing

@testable import WebApp

/// No request takes the site down: every GET route of the router (read from the router itself, so a new route is
/// walked without anyone adding it here) with extreme and malformed values for every path parameter and every
/// query parameter the site reads, as a visitor, a learner and an administrator. A trap in any handler would end
/// this test process; a 5xx is a failure too.
@Suite("Route walk with hostile values")
struct RouteWalkTests {
    /// Values that have broken servers: overflowing numbers, signs, escapes, NUL, path tricks, markup, long text.
    static let hostileValues = [
        "0", "-1", "+1", "1e9", "00000000000000000001", "9223372036854775807", "9223372036854775808",
        "99999999999999999999999999999999999999", "-9223372036854775808", "1.5", "0x10", "١٢", "%00", "%FF%FE", "%", "%2",
        "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "'%20OR%201=1--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%E2%80%AE", "ü",
        String(repeating: "9", count: 2_000), String(repeating: "a", count: 5_000), "%20", "null",
    ]

    /// The hostile values tried on every query name (a subset: each name × every route adds up).
    static let hostileQueryValues = [
        "-1", "0", "9223372036854775808", "99999999999999999999999999999999999999", "%00", "%FF%FE", "'%20OR%201=1--",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E", String(repeating: "9", count: 2_000), "",
    ]

    /// A valid value per path parameter, so that one parameter at a time can be made hostile.
    static let validParameters = [
        "module": "voorbeeld", "lesson": "kennismaken", "page": "tekst-en-opmaak", "check": "check-mantelzorg",
        "number": "1", "user": "1", "code": "SW-2222-2222",
    ]

    /// The query parameter names the site reads, taken from its source, so a new one is walked too.
    static let queryNames: [String] = {
        let folder = repositoryRoot.appendingPathComponent("Sources/WebApp")
        let pattern = #/(?:queryParameters\.get\(|formQuery\[|query\[|value\()"([a-z-]+)"/#
        var names: Set<String> = []
        for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! where file.pathExtension == "swift" {
            let source = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            for match in source.matches(of: pattern) { names.insert(String(match.1)) }
        }
        return names.sorted()
    }()

    @Test("the query names come from the source and include the known ones")
    func queryNamesFound() {
        #expect(Set(Self.queryNames).isSuperset(of: ["pagina", "zoek", "rol", "van", "tot", "organisatie", "module", "versie", "code", "volgende"]))
    }

    @Test(
        "every GET route answers hostile path and query values with a page, never a 5xx or a crash",
        arguments: ["bezoeker", "cursist", "beheerder"]
    )
    func walk(as who: String) async throws {
        // User 1 has an attempt and a certificate, so valid values reach deep into the handlers.
        let database = try await AdminFixture.routeTarget(accounts: ["beheer": .admin])
        let patterns = try await makeRouter(database: database).routes.filter { $0.method == .get }.map(\.path.description)
        #expect(patterns.count >= 30, "the router lists its routes")
        let (app, _) = try await makeApp(database: database)
        let tried = try await app.test(.router) { client -> [String: Int] in
            var tried: [String: Int] = [:]
            let browser = TestBrowser(client)
            switch who {
            case "cursist": try await browser.logIn(email: "doel@voorbeeld.nl", password: AdminFixture.password)
            case "beheerder": try await browser.logIn(email: "beheer@voorbeeld.nl")
            default: break
            }
            for pattern in patterns {
                for path in Self.paths(for: pattern) {
                    let response = try await browser.get(path)
                    tried[pattern, default: 0] += 1
                    #expect(response.status.code < 500, "GET \(path) as \(who): \(response.status)")
                }
            }
            #expect(try await browser.get("/healthz").status == .ok, "the site still answers")
            return tried
        }
        let total = tried.values.reduce(0, +)
        print("Route walk as \(who): \(total) requests over \(tried.count) GET routes, \(total / max(1, tried.count)) per route on average")
    }

    @Test("every page carries the layout's links from its model: no empty link or form target", arguments: ["bezoeker", "cursist", "beheerder"])
    func layoutLinks(as who: String) async throws {
        let database = try await AdminFixture.routeTarget(accounts: ["beheer": .admin])
        let patterns = try await makeRouter(database: database).routes.filter { $0.method == .get }.map(\.path.description)
        let (app, _) = try await makeApp(database: database)
        let stylesheet = try StaticAssets(folder: testConfiguration().staticFolder).url(for: "site.css")
        #expect(stylesheet.hasPrefix("/static/site.") && stylesheet != SiteURL.stylesheet)
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            if who == "beheerder" { try await browser.logIn(email: "beheer@voorbeeld.nl") }
            if who == "cursist" { try await browser.logIn(email: "doel@voorbeeld.nl") }
            var pages = 0
            for pattern in patterns {
                let response = try await browser.get(Self.validPath(for: pattern))
                guard response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                pages += 1
                let html = response.text
                // The fingerprinted stylesheet (#14), on rendered and pre-rendered pages alike.
                #expect(html.contains("<link rel=\"stylesheet\" href=\"\(stylesheet)\">"), "\(pattern)")
                #expect(!html.contains("href=\"\"") && !html.contains("action=\"\""), "an empty link on \(pattern)")
                // The admin menu item only for administrators, on pre-rendered lesson pages too.
                #expect(html.contains("href=\"\(SiteURL.admin)\"") == (who == "beheerder"), "\(pattern) as \(who)")
            }
            #expect(pages >= 8)
        }
    }

    /// The route's path with a valid value for every parameter.
    static func validPath(for pattern: String) -> String {
        "/"
            + pattern.split(separator: "/").map { segment -> String in
                if segment == "**" { return "media/afbeelding.svg" }
                guard segment.hasPrefix("{") || segment.hasPrefix(":") else { return String(segment) }
                return validParameters[String(segment.dropFirst().prefix { $0 != "}" }), default: "x"]
            }.joined(separator: "/")
    }

    /// Every variant of one route: each path parameter hostile in turn (the others valid), then the valid path with
    /// each query name set to each hostile value, and all query names at once with a long value.
    static func paths(for pattern: String) -> [String] {
        // The router describes parameters as `{name}`.
        let segments = pattern.split(separator: "/").map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }
        func path(replacing index: Int?, with value: String) -> String {
            "/"
                + segments.enumerated().map { position, segment in
                    if segment == "**" { return position == index ? value : "media/afbeelding.svg" }
                    guard segment.hasPrefix(":") else { return segment }
                    return position == index ? value : validParameters[String(segment.dropFirst()), default: "x"]
                }.joined(separator: "/")
        }
        var paths: [String] = []
        for index in segments.indices where segments[index].hasPrefix(":") || segments[index] == "**" {
            paths += hostileValues.filter { !$0.isEmpty }.map { path(replacing: index, with: $0) }
        }
        let valid = path(replacing: nil, with: "")
        for name in queryNames {
            paths += hostileQueryValues.map { "\(valid)?\(name)=\($0)" }
        }
        paths.append(valid + "?" + queryNames.map { "\($0)=\(String(repeating: "x", count: 250))" }.joined(separator: "&"))
        paths.append(valid + "?" + (0..<2_000).map { "f\($0)=1" }.joined(separator: "&"))
        return paths
    }
}
