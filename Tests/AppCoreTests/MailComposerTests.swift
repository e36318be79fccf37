import Foundation
import Mail
import Testing

@Suite("Mail: composing messages and reading settings")
struct MailComposerTests {
    let sender = MailAddress(name: "Samenwijzer", address: "noreply@samenwijzer.test")

    @Test("a line break in a recipient or subject is refused: no header can be added through them")
    func headerInjection() {
        let bad = MailMessage(to: "ann@voorbeeld.nl", subject: "Hallo\r\nBcc: iedereen@voorbeeld.nl", text: "x")
        #expect(throws: MailComposer.Problem.lineBreakInHeader("onderwerp")) { try MailComposer.compose(bad, from: sender) }
        let badRecipient = MailMessage(to: "ann@voorbeeld.nl\nBcc: x@y.nl", subject: "Hallo", text: "x")
        #expect(throws: MailComposer.Problem.self) { try MailComposer.compose(badRecipient, from: sender) }
        #expect(throws: MailComposer.Problem.implausibleRecipient("geen adres")) {
            try MailComposer.compose(MailMessage(to: "geen adres", subject: "a", text: "x"), from: sender)
        }
    }

    @Test("every line is at most 78 characters and ends in CRLF; non-ASCII subjects are encoded words")
    func lines() throws {
        let message = MailMessage(
            to: "ann@voorbeeld.nl",
            subject: String(repeating: "één ", count: 30),
            text: String(repeating: "tekst ", count: 400),
            html: "<p>x</p>"
        )
        let text = String(decoding: try MailComposer.compose(message, from: sender), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "\(lines.map(\.utf8.count).max() ?? 0)")
        #expect(!text.contains("\n") || text.replacingOccurrences(of: "\r\n", with: "").contains("\n") == false)
        #expect(lines.contains { $0.hasPrefix("Subject: =?UTF-8?B?") })
    }

    @Test("--smtp-url: ports, credentials, and TLS required for any server not on this machine")
    func settings() throws {
        let submission = try SMTPSettings(url: "smtp://site:p%40ss@mail.voorbeeld.nl")
        #expect(submission.port == 587 && submission.security == .startTLS)
        #expect(submission.user == "site" && submission.password == "p@ss")
        #expect(try SMTPSettings(url: "smtps://mail.voorbeeld.nl").port == 465)
        #expect(try SMTPSettings(url: "smtps://mail.voorbeeld.nl").security == .implicitTLS)
        #expect(try SMTPSettings(url: "smtp://127.0.0.1:2525").security == .opportunistic)
        #expect(try SMTPSettings(url: "smtp://relay.intern:25?tls=none").security == .opportunistic)
        #expect(throws: SMTPSettings.Problem.self) { try SMTPSettings(url: "http://mail.voorbeeld.nl") }
        #expect(throws: SMTPSettings.Problem.self) { try SMTPSettings(url: "smtp://") }
        #expect(throws: SMTPSettings.Problem.self) { try SMTPSettings(url: "smtp://mail.voorbeeld.nl?tls=misschien") }
        #expect(!submission.description.contains("p@ss"))
    }

    @Test("--smtp-from: a name and an address, or a bare address")
    func senderSetting() {
        #expect(MailAddress(parsing: "Samenwijzer <noreply@voorbeeld.nl>") == MailAddress(name: "Samenwijzer", address: "noreply@voorbeeld.nl"))
        #expect(MailAddress(parsing: "noreply@voorbeeld.nl") == MailAddress(address: "noreply@voorbeeld.nl"))
        #expect(MailAddress(parsing: "geen adres") == nil)
        #expect(MailAddress(parsing: "a@b.nl\r\nBcc: c@d.nl") == nil)
    }
}
