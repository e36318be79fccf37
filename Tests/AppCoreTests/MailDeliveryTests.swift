import AppCore
import Foundation
import LearnerStore
import Mail
import Testing

@Suite("Mail: the queue, delivery to a real SMTP server, retries and dead letters", .serialized)
struct MailDeliveryTests {
    let sender = MailAddress(name: "Samenwijzer", address: "noreply@samenwijzer.test")

    func settings(port: Int, user: String? = nil, password: String? = nil) -> MailSettings {
        MailSettings(smtp: SMTPSettings(host: "127.0.0.1", port: port, user: user, password: password, security: .opportunistic), sender: sender)
    }

    static let message = MailMessage(
        to: "ann@voorbeeld.nl",
        subject: "Je wachtwoord opnieuw instellen – Samenwijzer",
        text: "Hallo Ann,\n\nKlik op de link om een nieuw wachtwoord te kiezen: https://samenwijzer.test/x\n.\nDe link werkt één uur.",
        html: "<p>Hallo Ann,</p><p><a href=\"https://samenwijzer.test/x\">Kies een nieuw wachtwoord</a></p>"
    )

    @Test("a queued message arrives as sent: subject, sender, text and HTML as a mail program reads them; the body is wiped")
    func delivers() throws {
        let sink = try SMTPSink()
        let store = try AppDatabase.inMemory()
        let outbox = MailOutbox(store: store, isOn: true)
        #expect(try outbox.send(Self.message, purpose: "password-reset", userId: nil))
        let outcome = try MailDelivery(store: store, settings: settings(port: sink.port)).deliverDue()
        #expect(outcome == .init(sent: 1, retried: 0, dead: 0))
        let received = try sink.received()
        try #require(received.count == 1)
        #expect(received[0].rcptTo == ["ann@voorbeeld.nl"])
        #expect(received[0].mailFrom == "noreply@samenwijzer.test")
        #expect(received[0].subject == Self.message.subject)
        #expect(received[0].from == "Samenwijzer <noreply@samenwijzer.test>")
        #expect(received[0].text?.replacingOccurrences(of: "\r\n", with: "\n") == Self.message.text + "\n" || received[0].text == Self.message.text)
        #expect(received[0].html?.contains("Kies een nieuw wachtwoord") == true)
        #expect(received[0].headers["Auto-Submitted"] == "auto-generated")
        // Nothing left to send, and the sent body (a single-use link) is gone from the database.
        #expect(try store.claimDueMail(now: Date().addingTimeInterval(3600), limit: 10, leaseUntil: Date()).isEmpty)
        #expect(try store.mailOverview(deadLimit: 5).sent == 1)
    }

    @Test("with the server down, a message waits and is tried again; after the last retry it is dead and listed")
    func retriesThenDead() throws {
        let store = try AppDatabase.inMemory()
        try MailOutbox(store: store, isOn: true).send(Self.message, purpose: "password-reset", userId: nil)
        let delivery = MailDelivery(store: store, settings: settings(port: SMTPSink.freePort()))
        var now = Date()
        #expect(try delivery.deliverDue(now: now) == .init(sent: 0, retried: 1, dead: 0))
        // Not due again yet: nothing is tried.
        #expect(try delivery.deliverDue(now: now.addingTimeInterval(30)) == .init())
        for delay in MailDelivery.retryDelays.dropLast() {
            now = now.addingTimeInterval(delay + 1)
            #expect(try delivery.deliverDue(now: now).retried == 1)
        }
        now = now.addingTimeInterval(MailDelivery.retryDelays.last! + 1)
        #expect(try delivery.deliverDue(now: now).dead == 1)
        let overview = try store.mailOverview(deadLimit: 5)
        #expect(overview.pending == 0 && overview.dead == 1)
        #expect(overview.latestDead.first?.attempts == MailDelivery.retryDelays.count + 1)
        #expect(overview.latestDead.first?.purpose == "password-reset")
        #expect(overview.latestDead.first?.lastError.isEmpty == false)
    }

    @Test("a recipient the server refuses (550) is dead at once; the next message still goes")
    func refusedRecipient() throws {
        let sink = try SMTPSink()
        let store = try AppDatabase.inMemory()
        let outbox = MailOutbox(store: store, isOn: true)
        var refused = Self.message
        refused.to = "weiger@voorbeeld.nl"
        try outbox.send(refused, purpose: "address-check", userId: nil)
        try outbox.send(Self.message, purpose: "password-reset", userId: nil)
        let outcome = try MailDelivery(store: store, settings: settings(port: sink.port)).deliverDue()
        #expect(outcome == .init(sent: 1, retried: 0, dead: 1))
        #expect(try sink.received().map(\.rcptTo) == [["ann@voorbeeld.nl"]])
        #expect(try store.mailOverview(deadLimit: 5).latestDead.first?.lastError.contains("550") == true)
    }

    @Test("SMTP AUTH: the right password delivers; a wrong one is retried (the setting is wrong, not the message)")
    func authentication() throws {
        let sink = try SMTPSink(auth: "site:geheim wachtwoord")
        let store = try AppDatabase.inMemory()
        try MailOutbox(store: store, isOn: true).send(Self.message, purpose: "password-reset", userId: nil)
        let wrong = try MailDelivery(store: store, settings: settings(port: sink.port, user: "site", password: "fout")).deliverDue()
        #expect(wrong == .init(sent: 0, retried: 1, dead: 0))
        let right = MailDelivery(store: store, settings: settings(port: sink.port, user: "site", password: "geheim wachtwoord"))
        #expect(try right.deliverDue(now: Date().addingTimeInterval(61)).sent == 1)
        #expect(try sink.received().count == 1)
    }

    @Test("with mail off nothing is queued")
    func off() throws {
        let store = try AppDatabase.inMemory()
        #expect(try MailOutbox(store: store, isOn: false).send(Self.message, purpose: "password-reset", userId: nil) == false)
        #expect(try store.mailOverview(deadLimit: 1).pending == 0)
    }

    @Test("finished messages go after the retention period; pending ones stay")
    func retention() throws {
        let sink = try SMTPSink()
        let store = try AppDatabase.inMemory()
        let outbox = MailOutbox(store: store, isOn: true)
        try outbox.send(Self.message, purpose: "password-reset", userId: nil)
        try MailDelivery(store: store, settings: settings(port: sink.port)).deliverDue()
        try outbox.send(Self.message, purpose: "password-reset", userId: nil)
        #expect(try store.deleteFinishedMail(before: Date().addingTimeInterval(-60)) == 0)
        #expect(try store.deleteFinishedMail(before: Date().addingTimeInterval(60)) == 1)
        #expect(try store.mailOverview(deadLimit: 1).pending == 1)
    }
}
