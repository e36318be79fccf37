import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RequestParsing
import Testing

@_spi(DevSeeding) @testable import LearnerStore
@testable import WebApp

/// Login throttling under concurrency, clients behind a proxy, and what anonymous visitors cost.
@Suite("Hardening: throttling, proxies, anonymous visitors")
struct ThrottlingTests {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The site behind a proxy on 127.0.0.1, over a real socket, so each request has a peer and a forwarded client.
    func proxiedApp() async throws -> (some ApplicationProtocol, AppDatabase) {
        var configuration = testConfiguration()
        configuration.port = 0
        configuration.trustedProxies = [AddressRange("127.0.0.0/8")!, AddressRange("::1")!]
        return try await makeApp(configuration: configuration)
    }

    @Test("60 wrong passwords sent at once check exactly the limit; the owner on another address still gets in")
    func parallelGuesses() async throws {
        let (app, database) = try await proxiedApp()
        try AdminFixture.account(database, email: "piet@voorbeeld.nl", role: .learner)
        try await app.test(.live) { client in
            // The owner logged in on their own browser before: it carries the known-device cookie.
            let owner = TestBrowser(client)
            owner.extraHeaders[Self.forwardedFor] = "198.51.100.7, 127.0.0.1"
            try await owner.logIn(email: "piet@voorbeeld.nl")
            #expect(owner.otherCookies[KnownDevice.cookieName] != nil)
            owner.cookie = nil
            let attacker = TestBrowser(client)
            attacker.extraHeaders[Self.forwardedFor] = "203.0.113.9"
            try await attacker.get("/inloggen")
            var formHeaders = attacker.headers()
            formHeaders[.contentType] = "application/x-www-form-urlencoded"
            let headers = formHeaders
            let body = "email=piet%40voorbeeld.nl&wachtwoord=fout-wachtwoord&_csrf=\(attacker.csrfToken!)"
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<60 {
                    group.addTask {
                        try await client.execute(uri: "/inloggen", method: .post, headers: headers, body: ByteBuffer(string: body)).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // 422: the password was checked (and was wrong); 429: refused before any check.
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 55)

            // The owner, on their known browser, gets in at once.
            try await owner.logIn(email: "piet@voorbeeld.nl")
            // The attacker's address stays locked for this account, even with the right password.
            try await attacker.get("/inloggen")
            let locked = try await attacker.post("/inloggen", [("email", "piet@voorbeeld.nl"), ("wachtwoord", AdminFixture.password)])
            #expect(locked.status == .tooManyRequests)
        }
    }

    @Test("behind a proxy that sets X-Forwarded-For, a Forwarded header the visitor adds is not read")
    func visitorsForwardedHeaderIgnored() async throws {
        var configuration = testConfiguration(maxFailuresPerAccount: 3)
        configuration.port = 0
        configuration.trustedProxies = [AddressRange("127.0.0.0/8")!]
        let (app, database) = try await makeApp(configuration: configuration)
        try AdminFixture.account(database, email: "kees@voorbeeld.nl", role: .learner)
        try await app.test(.live) { client in
            var statuses: [HTTPResponse.Status] = []
            for attempt in 0..<5 {
                let guesser = TestBrowser(client)
                // The proxy appended the real peer; the visitor wrote a Forwarded header of its own.
                guesser.extraHeaders[Self.forwardedFor] = "203.0.113.50"
                guesser.extraHeaders[HTTPField.Name("Forwarded")!] = "for=192.0.2.\(attempt + 1)"
                try await guesser.get("/inloggen")
                statuses.append(try await guesser.post("/inloggen", [("email", "kees@voorbeeld.nl"), ("wachtwoord", "fout-wachtwoord")]).status)
            }
            #expect(statuses == [.unprocessableContent, .unprocessableContent, .unprocessableContent, .tooManyRequests, .tooManyRequests])
        }
    }

    @Test("without a trusted proxy, X-Forwarded-For is ignored: a visitor cannot pick a fresh address per guess")
    func forwardedForIgnoredWithoutTrust() async throws {
        var configuration = testConfiguration(maxFailuresPerAccount: 3)
        configuration.port = 0
        let (app, database) = try await makeApp(configuration: configuration)
        try AdminFixture.account(database, email: "els@voorbeeld.nl", role: .learner)
        try await app.test(.live) { client in
            var statuses: [HTTPResponse.Status] = []
            for attempt in 0..<5 {
                let guesser = TestBrowser(client)
                guesser.extraHeaders[Self.forwardedFor] = "192.0.2.\(attempt + 1)"
                try await guesser.get("/inloggen")
                statuses.append(try await guesser.post("/inloggen", [("email", "els@voorbeeld.nl"), ("wachtwoord", "fout-wachtwoord")]).status)
            }
            #expect(statuses == [.unprocessableContent, .unprocessableContent, .unprocessableContent, .tooManyRequests, .tooManyRequests])
        }
    }

    @Test("anonymous visitors write no session rows; their signed cookie carries the form token; a forged one counts for nothing")
    func anonymousVisitorsAreFree() async throws {
        let (app, database) = try await makeApp()
        try AdminFixture.account(database, email: "ans@voorbeeld.nl", role: .learner)
        try await app.test(.router) { client in
            for path in ["/inloggen", "/registreren", "/modules/voorbeeld/lessen/kennismaken/tekst-en-opmaak"] {
                for _ in 0..<50 { try await TestBrowser(client).get(path) }
            }
            #expect(try rowCount(database, "session") == 0)

            let visitor = TestBrowser(client)
            try await visitor.get("/inloggen")
            let anonymousCookie = try #require(visitor.cookie)
            #expect(anonymousCookie.hasPrefix("a."))
            // The same cookie with one changed character of its signature: no session, so no valid form token.
            let forger = TestBrowser(client)
            forger.cookie = String(anonymousCookie.dropLast()) + (anonymousCookie.last == "A" ? "B" : "A")
            forger.lastBody = visitor.lastBody
            let forged = try await forger.post("/inloggen", [("email", "ans@voorbeeld.nl"), ("wachtwoord", AdminFixture.password)])
            #expect(forged.status == .forbidden)
            // The genuine one logs in, and the logged-in session is a new, stored one (no fixation of the anonymous id).
            try await visitor.logIn(email: "ans@voorbeeld.nl")
            #expect(visitor.cookie != anonymousCookie && visitor.cookie?.hasPrefix("a.") == false)
            #expect(try rowCount(database, "session") == 1)
        }
    }

    @Test("a stolen session cannot guess the current password: the change form is throttled like the login form")
    func passwordChangeThrottled() async throws {
        let (app, _) = try await makeApp(maxFailuresPerAccount: 3)
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register(email: "dief@voorbeeld.nl")
            var statuses: [HTTPResponse.Status] = []
            for guess in 0..<5 {
                try await browser.get("/account/wachtwoord")
                let response = try await browser.post(
                    "/account/wachtwoord",
                    [
                        ("huidig-wachtwoord", "gok-\(guess)"), ("nieuw-wachtwoord", "een-ander-wachtwoord"),
                        ("nieuw-wachtwoord-herhaling", "een-ander-wachtwoord"),
                    ]
                )
                statuses.append(response.status)
            }
            #expect(statuses == [.unprocessableContent, .unprocessableContent, .unprocessableContent, .tooManyRequests, .tooManyRequests])
        }
    }

    @Test("registrations are rate-limited per client")
    func registrationLimit() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            for number in 0..<30 { try await TestBrowser(client).register(email: "klas-\(number)@voorbeeld.nl") }
            let browser = TestBrowser(client)
            try await browser.get("/registreren")
            let refused = try await browser.post(
                "/registreren",
                [
                    ("naam", "Nummer Eenendertig"), ("email", "klas-31@voorbeeld.nl"), ("wachtwoord", "geheim-wachtwoord"),
                    ("wachtwoord-herhaling", "geheim-wachtwoord"),
                ]
            )
            #expect(refused.status == .tooManyRequests && refused.text.contains(Strings.registrationThrottled))
        }
    }

    @Test("the periodic clean-up removes expired sessions and old login failures while the server runs")
    func housekeeping() throws {
        let database = try AppDatabase.inMemory()
        let now = Date()
        try database.createSession(
            Session(
                id: "oud",
                userId: nil,
                csrfToken: "t",
                createdAt: now.addingTimeInterval(-7200),
                expiresAt: now.addingTimeInterval(-3600)
            )
        )
        try database.createSession(Session(id: "nieuw", userId: nil, csrfToken: "t", createdAt: now, expiresAt: now.addingTimeInterval(3600)))
        try database.recordLoginFailure(keys: ["ip:oud"], at: now.addingTimeInterval(-3 * 24 * 3600))
        try database.recordLoginFailure(keys: ["ip:nieuw"], at: now)
        let removed = try Housekeeping.run(on: database, now: now)
        #expect(removed.sessions == 1 && removed.loginFailures == 1)
        #expect(try database.session(id: "nieuw", now: now) != nil)
        #expect(try database.loginFailures(key: "ip:nieuw", since: .distantPast) == 1)
    }
}

/// Bounded work per request and clean input.
@Suite("Hardening: request bounds and input hygiene")
struct InputHygieneTests {
    @Test("a quiz post with a 60,000-dash field name, or with thousands of fields, is refused before any work (413)")
    func costlyForms() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register()
            try await browser.get("/modules/voorbeeld/toets")
            let start = try await browser.post("/modules/voorbeeld/toets/pogingen", [])
            let attempt = try #require(start.location)
            try await browser.get(attempt)
            let token = try #require(browser.csrfToken)
            let dashes = try await browser.postRaw(attempt, body: "_csrf=\(token)&v-" + String(repeating: "-", count: 60_000) + "=a")
            #expect(dashes.status == .contentTooLarge)
            let many = try await browser.postRaw(attempt, body: "_csrf=\(token)&" + (0..<5_000).map { "v-\($0)=a" }.joined(separator: "&"))
            #expect(many.status == .contentTooLarge && many.text.contains("te veel velden"))
        }
        #expect(try rowCount(database, "attemptAnswer") == 0)
    }

    @Test("names with control or invisible characters are refused on the form; names are stored in NFC")
    func names() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            for name in ["Jan\u{202E}nav", "An\u{200B}ja", "Piet\u{0}", "Regel\neen", "Tab\tje"] {
                let browser = TestBrowser(client)
                try await browser.get("/registreren")
                let response = try await browser.post(
                    "/registreren",
                    [
                        ("naam", name), ("email", "x-\(UUID().uuidString.prefix(6))@voorbeeld.nl"), ("wachtwoord", "geheim-wachtwoord"),
                        ("wachtwoord-herhaling", "geheim-wachtwoord"),
                    ]
                )
                #expect(response.status == .unprocessableContent, "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
                #expect(response.text.contains("een onzichtbaar teken"))
            }
            let stacked = TestBrowser(client)
            try await stacked.get("/registreren")
            let marks = try await stacked.post(
                "/registreren",
                [
                    ("naam", "a" + String(repeating: "\u{0301}", count: 2_000)), ("email", "stapel@voorbeeld.nl"),
                    ("wachtwoord", "geheim-wachtwoord"), ("wachtwoord-herhaling", "geheim-wachtwoord"),
                ]
            )
            #expect(marks.status == .unprocessableContent && marks.text.contains("te lang"), "one letter with 2,000 accents")
            let browser = TestBrowser(client)
            try await browser.get("/registreren")
            let organisation = "Zorg\u{2066}groep"
            let refused = try await browser.post(
                "/registreren",
                [
                    ("naam", "Anja"), ("email", "anja@voorbeeld.nl"), ("organisatie", organisation), ("wachtwoord", "geheim-wachtwoord"),
                    ("wachtwoord-herhaling", "geheim-wachtwoord"),
                ]
            )
            #expect(refused.status == .unprocessableContent)
            let decomposed = "Zoe\u{0301} Ba\u{0308}cker"
            try await browser.get("/registreren")
            let accepted = try await browser.post(
                "/registreren",
                [
                    ("naam", decomposed), ("email", "zoe@voorbeeld.nl"), ("organisatie", "Cafe\u{0301}"), ("wachtwoord", "geheim-wachtwoord"),
                    ("wachtwoord-herhaling", "geheim-wachtwoord"),
                ]
            )
            #expect(accepted.status == .seeOther)
        }
        let stored = try #require(try database.user(email: "zoe@voorbeeld.nl"))
        #expect(stored.name.unicodeScalars.elementsEqual("Zoé Bäcker".precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(stored.name.unicodeScalars.count == 10 && stored.organisation?.unicodeScalars.count == 4)
    }

    @Test("a new password over bcrypt's 72 bytes, or with NUL, is refused with a clear message")
    func passwords() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            for (password, message) in [(String(repeating: "é", count: 37), "hoogstens 72 tekens"), ("geheim\u{0}wachtwoord", "nul-teken")] {
                let browser = TestBrowser(client)
                try await browser.get("/registreren")
                let response = try await browser.post(
                    "/registreren",
                    [
                        ("naam", "Anja"), ("email", "p-\(UUID().uuidString.prefix(6))@voorbeeld.nl"), ("wachtwoord", password),
                        ("wachtwoord-herhaling", password),
                    ]
                )
                #expect(response.status == .unprocessableContent && response.text.contains(message))
            }
        }
    }
}

/// HTTP as browsers and proxies expect it.
@Suite("Hardening: HTTP hygiene")
struct HTTPHygieneTests {
    @Test("HEAD answers wherever GET does: the same status and headers, no body", arguments: ["bezoeker", "beheerder"])
    func head(as who: String) async throws {
        let database = try await AdminFixture.routeTarget(accounts: ["beheer": .admin])
        let patterns = try await makeRouter(database: database).routes.filter { $0.method == .get }.map(\.path.description)
        let (app, _) = try await makeApp(database: database)
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            if who == "beheerder" { try await browser.logIn(email: "beheer@voorbeeld.nl") }
            for pattern in patterns + ["/static/site.css", "/bestaat-niet"] {
                let path = RouteWalkTests.validPath(for: pattern)
                let get = try await client.execute(uri: path, method: .get, headers: browser.headers())
                let head = try await client.execute(uri: path, method: .head, headers: browser.headers())
                #expect(head.status == get.status, "HEAD \(path): \(head.status), GET \(get.status)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "HEAD \(path)")
                #expect(head.body.readableBytes == 0, "HEAD \(path) has a body")
                if let length = head.headers[.contentLength] { #expect(Int(length) == get.body.readableBytes, "HEAD \(path) length") }
            }
        }
    }

    @Test("security headers on every kind of response: page, error, CSV, PDF, media, static file, HEAD")
    func securityHeaders() async throws {
        let (app, database) = try await makeApp()
        try AdminFixture.account(database, email: "beheer@voorbeeld.nl", role: .admin)
        try await app.test(.router) { client in
            let admin = TestBrowser(client)
            try await admin.logIn(email: "beheer@voorbeeld.nl")
            var responses: [(String, TestResponse)] = []
            for path in [
                "/", "/bestaat-niet", "/beheer/export/voltooiingen.csv", "/modules/voorbeeld/bestanden/media/zorgdriehoek.svg",
                "/static/site.css", "/healthz", "/certificaten/publieke-sleutel.pem", "/beheer/gebruikers/999",
            ] {
                responses.append((path, try await admin.get(path)))
            }
            responses.append(("HEAD /", try await client.execute(uri: "/", method: .head)))
            responses.append(("POST without token", try await client.execute(uri: "/inloggen", method: .post)))
            for (name, response) in responses {
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, "\(name)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(name)")
                #expect(response.headers[SecurityHeadersMiddleware.frameOptions] == "DENY", "\(name)")
                #expect(response.headers[SecurityHeadersMiddleware.referrerPolicy] == "same-origin", "\(name)")
                #expect(response.headers[.strictTransportSecurity] == nil, "no HSTS on plain http: \(name)")
            }
        }
    }

    @Test("with an https public address: Secure cookies and HSTS, without being asked")
    func httpsPublicURL() async throws {
        var configuration = testConfiguration()
        configuration.publicBaseURL = "https://leren.example.nl"
        let (app, _) = try await makeApp(configuration: configuration)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/inloggen", method: .get)
            #expect(response.headers[.strictTransportSecurity] == "max-age=31536000")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("sw_sessie=") })
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly"))
        }
    }
}

/// Rows in a table, read synchronously (the async overload would be picked inside an async test).
func rowCount(_ database: AppDatabase, _ table: String) throws -> Int {
    try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
}

/// A full disk: writes fail with a clear page and log line, nothing is half-written, reads go on.
@Suite("Hardening: full storage")
struct FullStorageTests {
    @Test("when SQLite cannot grow the file, writes get a 503 page that says nothing was saved; reading goes on")
    func fullDatabase() async throws {
        let (app, database) = try await makeApp()
        try AdminFixture.account(database, email: "lezer@voorbeeld.nl", role: .learner)
        try await app.test(.router) { client in
            let reader = TestBrowser(client)
            try await reader.logIn(email: "lezer@voorbeeld.nl")
            // The file may not grow by a single page any more: what a full disk or quota does to SQLite.
            try await setMaximumPages(database, extra: 0)
            let before = try rowCount(database, "user")
            let visitor = TestBrowser(client)
            try await visitor.get("/registreren")
            var refused: TestResponse?
            for number in 0..<40 where refused == nil {
                let response = try await visitor.post(
                    "/registreren",
                    [
                        ("naam", "Vol \(number)"), ("email", "vol-\(number)@voorbeeld.nl"), ("organisatie", String(repeating: "x", count: 90)),
                        ("wachtwoord", "geheim-wachtwoord"), ("wachtwoord-herhaling", "geheim-wachtwoord"),
                    ]
                )
                if response.status == .serviceUnavailable { refused = response } else { try await visitor.get("/registreren") }
            }
            let page = try #require(refused, "the full database refused a registration")
            #expect(page.text.contains(Strings.storageTitle) && page.text.contains("niet bewaard"))
            #expect(page.headers[.retryAfter] == "120")
            // Reads go on: the catalog, a module, a lesson page for a logged-in learner, the health check.
            // Lesson pages never opened before: showing one records a visit, which may fail now (the full-disk script
            // fills a real file system to be sure of it; here the last free page may still take the small row).
            let lessonPages = ["/modules/voorbeeld/lessen/kennismaken/tekst-en-opmaak", "/modules/voorbeeld/lessen/kennismaken/beeld-en-geluid"]
            for path in ["/", "/modules/voorbeeld", "/healthz"] + lessonPages {
                #expect(try await reader.get(path).status == .ok, "\(path) while full")
            }
            // Nothing half-written: every account that exists is complete, and room again makes writes work again.
            #expect(try rowCount(database, "user") >= before)
            try await setMaximumPages(database, extra: 10_000)
            try await TestBrowser(client).register(email: "weer-ruimte@voorbeeld.nl")
            #expect(try database.user(email: "weer-ruimte@voorbeeld.nl") != nil)
            #expect(try await database.writer.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } == ["ok"])
        }
    }

    /// Limits the database to its current size plus `extra` pages.
    func setMaximumPages(_ database: AppDatabase, extra: Int) async throws {
        try await database.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages + extra)")
        }
    }
}
