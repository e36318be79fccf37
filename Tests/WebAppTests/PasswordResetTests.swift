import AppCore
import Foundation
import HummingbirdTesting
import LearnerStore
import Mail
import Testing

@testable import WebApp

@Suite("Password reset by e-mail")
struct PasswordResetTests {
    /// Mail on, to a server that is not there: the tests read what was queued (delivery is MailDeliveryTests' part).
    static func mailConfiguration() -> WebAppConfiguration {
        var configuration = testConfiguration()
        configuration.mail = MailSettings(
            smtp: SMTPSettings(host: "127.0.0.1", port: 9, security: .opportunistic),
            sender: MailAddress(name: "Samenwijzer", address: "noreply@samenwijzer.test")
        )
        return configuration
    }

    /// The queued messages with their bodies.
    static func queued(_ database: AppDatabase) throws -> [OutgoingMail] {
        try database.claimDueMail(now: Date().addingTimeInterval(86400), limit: 100, leaseUntil: Date()).map(\.mail)
    }

    static func link(in mail: OutgoingMail) -> String? {
        guard let range = mail.text.range(of: "/wachtwoord-herstellen/") else { return nil }
        return String(mail.text[range.lowerBound...].prefix { !$0.isWhitespace })
    }

    @Test("the whole way: request, mail with a link, new password, old one gone, link spent, notice sent")
    func reset() async throws {
        let (app, database) = try await makeApp(configuration: Self.mailConfiguration())
        try await app.test(.router) { client in
            let learner = TestBrowser(client)
            try await learner.register(email: "anja@voorbeeld.nl", password: "oud-wachtwoord-1")
            let login = try await TestBrowser(client).get("/inloggen")
            #expect(login.text.contains("href=\"/wachtwoord-vergeten\""))

            let visitor = TestBrowser(client)
            try await visitor.get("/wachtwoord-vergeten")
            let asked = try await visitor.post("/wachtwoord-vergeten", [("email", "Anja@Voorbeeld.nl")])
            #expect(asked.status == .ok && asked.text.contains("Als dit adres bij ons bekend is"))
            let mails = try Self.queued(database)
            try #require(mails.count == 1)
            #expect(mails[0].recipient == "anja@voorbeeld.nl" && mails[0].purpose == "password-reset")
            let link = try #require(Self.link(in: mails[0]))

            let form = try await visitor.get(link)
            #expect(form.status == .ok && form.text.contains("Nieuw wachtwoord"))
            let mismatch = try await visitor.post(link, [("nieuw-wachtwoord", "nieuw-wachtwoord-2"), ("nieuw-wachtwoord-herhaling", "anders")])
            #expect(mismatch.status == .unprocessableContent)
            let done = try await visitor.post(
                link,
                [("nieuw-wachtwoord", "nieuw-wachtwoord-2"), ("nieuw-wachtwoord-herhaling", "nieuw-wachtwoord-2")]
            )
            #expect(done.status == .ok && done.text.contains("Je wachtwoord is opnieuw ingesteld"))

            // The learner's open session ended; the old password no longer works, the new one does.
            #expect(try await learner.get("/mijn-voortgang").status == .seeOther)
            let old = TestBrowser(client)
            try await old.get("/inloggen")
            #expect(try await old.post("/inloggen", [("email", "anja@voorbeeld.nl"), ("wachtwoord", "oud-wachtwoord-1")]).status != .seeOther)
            try await old.logIn(email: "anja@voorbeeld.nl", password: "nieuw-wachtwoord-2")
            // The link is spent, and a notice of the change went to the owner.
            #expect(try await visitor.get(link).status == .notFound)
            // As a set: the background sender may have tried the first mail already, which moves it back in the queue.
            let purposes = try Self.queued(database).map(\.purpose)
            #expect(purposes.count == 2 && Set(purposes) == ["password-reset", "password-changed"])
        }
    }

    @Test("an unknown address gets the same answer and no mail; a bad address is marked on the form")
    func noEnumeration() async throws {
        let (app, database) = try await makeApp(configuration: Self.mailConfiguration())
        try await app.test(.router) { client in
            let visitor = TestBrowser(client)
            try await visitor.get("/wachtwoord-vergeten")
            let unknown = try await visitor.post("/wachtwoord-vergeten", [("email", "niemand@voorbeeld.nl")])
            #expect(unknown.status == .ok && unknown.text.contains("Als dit adres bij ons bekend is"))
            #expect(try Self.queued(database).isEmpty)
            try await visitor.get("/wachtwoord-vergeten")
            let bad = try await visitor.post("/wachtwoord-vergeten", [("email", "geen adres")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("aria-invalid=\"true\""))
        }
    }

    @Test("requests per address are limited: the fourth in an hour is refused and sends nothing")
    func throttled() async throws {
        let (app, database) = try await makeApp(configuration: Self.mailConfiguration())
        try await app.test(.router) { client in
            let learner = TestBrowser(client)
            try await learner.register(email: "bram@voorbeeld.nl")
            let visitor = TestBrowser(client)
            for _ in 1...3 {
                try await visitor.get("/wachtwoord-vergeten")
                #expect(try await visitor.post("/wachtwoord-vergeten", [("email", "bram@voorbeeld.nl")]).status == .ok)
            }
            try await visitor.get("/wachtwoord-vergeten")
            #expect(try await visitor.post("/wachtwoord-vergeten", [("email", "bram@voorbeeld.nl")]).status == .tooManyRequests)
            #expect(try Self.queued(database).count == 3)
        }
    }

    @Test("an expired, replaced or made-up link does not work")
    func deadLinks() async throws {
        let (app, database) = try await makeApp(configuration: Self.mailConfiguration())
        try await app.test(.router) { client in
            try await TestBrowser(client).register(email: "cas@voorbeeld.nl")
            let user = try #require(try database.user(email: "cas@voorbeeld.nl"))
            let expired = AccountController.newResetToken()
            try database.createPasswordReset(userId: user.id!, token: expired, at: Date(), expiresAt: Date().addingTimeInterval(-1))
            let visitor = TestBrowser(client)
            #expect(try await visitor.get(SiteURL.resetPassword(expired)).status == .notFound)
            let first = AccountController.newResetToken()
            try database.createPasswordReset(userId: user.id!, token: first, at: Date(), expiresAt: Date().addingTimeInterval(3600))
            let second = AccountController.newResetToken()
            try database.createPasswordReset(userId: user.id!, token: second, at: Date(), expiresAt: Date().addingTimeInterval(3600))
            #expect(try await visitor.get(SiteURL.resetPassword(first)).status == .notFound)
            #expect(try await visitor.get(SiteURL.resetPassword(second)).status == .ok)
            let madeUp = try await visitor.get("/wachtwoord-herstellen/kort")
            #expect(madeUp.status == .notFound && madeUp.text.contains("Vraag een nieuwe link aan"))
        }
    }

    @Test("without mail the page says whom to ask, and login offers no reset")
    func mailOff() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let visitor = TestBrowser(client)
            let page = try await visitor.get("/wachtwoord-vergeten")
            #expect(page.status == .ok && page.text.contains("Deze site kan geen e-mail sturen"))
            #expect(!(try await visitor.get("/inloggen").text.contains("/wachtwoord-vergeten")))
            #expect(try Self.queued(database).isEmpty)
        }
    }
}
