import Foundation
import HummingbirdTesting
import LearnerStore
import Testing

@testable import WebApp

@Suite("Accounts")
struct AccountTests {
    @Test("registering logs the learner in with a new session id")
    func register() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.get("/registreren")
            let anonymous = try #require(browser.cookie)
            try await browser.register(email: "Anja@Voorbeeld.nl")
            #expect(browser.cookie != nil && browser.cookie != anonymous)
            #expect(try database.user(email: "anja@voorbeeld.nl")?.name == "Anja de Vries")
            let progress = try await browser.get("/mijn-voortgang")
            #expect(progress.status == .ok && progress.text.contains("Welkom, Anja de Vries."))
            // The anonymous session id no longer works.
            #expect(try database.session(id: anonymous) == nil)
        }
    }

    @Test("a form without or with a wrong CSRF token is refused and writes nothing")
    func csrf() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.get("/registreren")
            let fields = [
                ("naam", "X"), ("email", "x@voorbeeld.nl"), ("wachtwoord", "geheim-wachtwoord"), ("wachtwoord-herhaling", "geheim-wachtwoord"),
            ]
            let missing = try await browser.post("/registreren", fields, csrf: false)
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("Formulier verlopen"))
            try await browser.get("/registreren")
            let wrong = try await browser.post("/registreren", fields + [("_csrf", "vals")], csrf: false)
            #expect(wrong.status == .forbidden)
            #expect(try database.user(email: "x@voorbeeld.nl") == nil)
        }
    }

    @Test("invalid fields come back marked, with a summary, and keep what was typed")
    func invalidFields() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.get("/registreren")
            let response = try await browser.post(
                "/registreren",
                [
                    ("naam", String(repeating: "a", count: 101)), ("email", "geen-adres"), ("organisatie", "Zorg & Co"),
                    ("wachtwoord", "kort"), ("wachtwoord-herhaling", "kort"),
                ]
            )
            #expect(response.status == .unprocessableContent)
            let html = response.text
            #expect(html.contains("class=\"error-summary\""))
            #expect(html.contains("href=\"#email\""))
            #expect(html.contains("id=\"email-error\""))
            #expect(html.contains("aria-invalid=\"true\""))
            #expect(html.contains("value=\"geen-adres\""))
            #expect(html.contains("value=\"Zorg &amp; Co\""))
            #expect(html.contains("Dit is te lang"))
            #expect(html.contains("minstens 10 tekens"))
            #expect(!html.contains("value=\"kort\""), "passwords are never sent back")
        }
    }

    @Test("a malformed body never gives a 500", arguments: ["%%%", "naam=%ZZ&email", String(repeating: "&", count: 1000), "\u{0}\u{1}"])
    func malformedBody(body: String) async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.get("/registreren")
            let response = try await browser.postRaw("/registreren", body: body + "&_csrf=\(browser.csrfToken ?? "")")
            #expect(response.status.code < 500)
            #expect(response.status == .unprocessableContent)
        }
    }

    @Test("a body larger than 64 KB is refused with 413")
    func oversizedBody() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.get("/registreren")
            let response = try await browser.postRaw("/registreren", body: "naam=" + String(repeating: "x", count: 70_000))
            #expect(response.status == .contentTooLarge)
        }
    }

    @Test("unknown e-mail and wrong password get the same message; too many failures are throttled")
    func loginFailuresAndThrottling() async throws {
        let (app, _) = try await makeApp(maxFailuresPerAccount: 3)
        try await app.test(.router) { client in
            let owner = TestBrowser(client)
            try await owner.register(email: "piet@voorbeeld.nl")
            let browser = TestBrowser(client)
            try await browser.get("/inloggen")
            let unknown = try await browser.post("/inloggen", [("email", "niemand@voorbeeld.nl"), ("wachtwoord", "geheim-wachtwoord")])
            let wrong = try await browser.post("/inloggen", [("email", "piet@voorbeeld.nl"), ("wachtwoord", "fout-wachtwoord")])
            #expect(unknown.status == .unprocessableContent && wrong.status == .unprocessableContent)
            #expect(unknown.text.contains(Strings.loginFailed) && wrong.text.contains(Strings.loginFailed))
            _ = try await browser.post("/inloggen", [("email", "piet@voorbeeld.nl"), ("wachtwoord", "fout-wachtwoord")])
            _ = try await browser.post("/inloggen", [("email", "piet@voorbeeld.nl"), ("wachtwoord", "fout-wachtwoord")])
            let throttled = try await browser.post("/inloggen", [("email", "piet@voorbeeld.nl"), ("wachtwoord", "geheim-wachtwoord")])
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.text.contains(Strings.loginThrottled))
        }
    }

    @Test("logging in changes the session id and returns to the page asked for")
    func loginReturnsToNext() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            try await TestBrowser(client).register(email: "els@voorbeeld.nl")
            let browser = TestBrowser(client)
            let redirect = try await browser.get("/modules/voorbeeld/lessen/kennismaken/tekst-en-opmaak")
            #expect(redirect.status == .seeOther)
            #expect(redirect.location == "/inloggen?volgende=/modules/voorbeeld/lessen/kennismaken/tekst-en-opmaak")
            try await browser.get(redirect.location!)
            let before = browser.cookie
            let login = try await browser.post(
                "/inloggen",
                [
                    ("email", "ELS@voorbeeld.nl"), ("wachtwoord", "geheim-wachtwoord"),
                    ("volgende", "/modules/voorbeeld/lessen/kennismaken/tekst-en-opmaak"),
                ]
            )
            #expect(login.status == .seeOther)
            #expect(login.location == "/modules/voorbeeld/lessen/kennismaken/tekst-en-opmaak")
            #expect(browser.cookie != before)
            let offsite = TestBrowser(client)
            try await offsite.get("/inloggen")
            let evil = try await offsite.post(
                "/inloggen",
                [("email", "els@voorbeeld.nl"), ("wachtwoord", "geheim-wachtwoord"), ("volgende", "//evil.example")]
            )
            #expect(evil.location == "/mijn-voortgang")
        }
    }

    @Test("logging out ends the session on the server")
    func logout() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register()
            let session = try #require(browser.cookie)
            try await browser.get("/mijn-voortgang")
            let response = try await browser.post("/uitloggen", [])
            #expect(response.status == .seeOther)
            #expect(try database.session(id: session) == nil)
            let replay = TestBrowser(client)
            replay.cookie = session
            #expect(try await replay.get("/mijn-voortgang").status == .seeOther)
        }
    }

    @Test("changing the password ends other sessions and needs the current password")
    func changePassword() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let phone = TestBrowser(client)
            try await phone.register(email: "kim@voorbeeld.nl")
            let laptop = TestBrowser(client)
            try await laptop.get("/inloggen")
            try await laptop.post("/inloggen", [("email", "kim@voorbeeld.nl"), ("wachtwoord", "geheim-wachtwoord")])
            try await phone.get("/account/wachtwoord")
            let wrong = try await phone.post(
                "/account/wachtwoord",
                [
                    ("huidig-wachtwoord", "niet-goed-123"), ("nieuw-wachtwoord", "nieuw-wachtwoord"),
                    ("nieuw-wachtwoord-herhaling", "nieuw-wachtwoord"),
                ]
            )
            #expect(wrong.text.contains(Strings.currentPasswordWrong))
            let changed = try await phone.post(
                "/account/wachtwoord",
                [
                    ("huidig-wachtwoord", "geheim-wachtwoord"), ("nieuw-wachtwoord", "nieuw-wachtwoord"),
                    ("nieuw-wachtwoord-herhaling", "nieuw-wachtwoord"),
                ]
            )
            #expect(changed.status == .ok && changed.text.contains(Strings.passwordChanged))
            #expect(try await phone.get("/mijn-voortgang").status == .ok)
            #expect(try await laptop.get("/mijn-voortgang").status == .seeOther)
        }
    }

    @Test("sessions are stored in SQLite and survive a restart")
    func sessionsSurviveRestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("samenwijzer.sqlite").path
        let (app, _) = try await makeApp(database: try AppDatabase.open(path: path))
        let cookie = try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register()
            return browser.cookie
        }
        let (restarted, _) = try await makeApp(database: try AppDatabase.open(path: path))
        try await restarted.test(.router) { client in
            let browser = TestBrowser(client)
            browser.cookie = cookie
            let response = try await browser.get("/mijn-voortgang")
            #expect(response.status == .ok)
        }
    }
}
