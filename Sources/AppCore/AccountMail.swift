import ContentEngine
import Foundation
import Mail

/// The account e-mails, in plain Dutch (B1), as text and simple HTML.
public enum AccountMail {
    /// The link to choose a new password. `link` is the full URL with the token.
    public static func passwordReset(to address: String, name: String, link: String, validMinutes: Int) -> MailMessage {
        let text = """
            Hallo \(name),

            Je hebt gevraagd om een nieuw wachtwoord voor Samenwijzer. Kies een nieuw wachtwoord via deze link:

            \(link)

            De link werkt \(validMinutes) minuten en maar één keer. Heb je dit niet zelf gevraagd? Dan hoef je niets te doen:
            je wachtwoord blijft hetzelfde.

            Groet,
            Samenwijzer
            """
        let html = """
            <p>Hallo \(HTML.escape(name)),</p>
            <p>Je hebt gevraagd om een nieuw wachtwoord voor Samenwijzer.</p>
            <p><a href="\(HTML.escape(link))">Kies een nieuw wachtwoord</a></p>
            <p>De link werkt \(validMinutes) minuten en maar één keer. Heb je dit niet zelf gevraagd? Dan hoef je niets te doen:
            je wachtwoord blijft hetzelfde.</p>
            <p>Groet,<br>Samenwijzer</p>
            """
        return MailMessage(to: address, subject: "Een nieuw wachtwoord kiezen – Samenwijzer", text: text, html: html)
    }

    /// After a password change or reset: a notice to the owner, in case it was not them.
    public static func passwordChanged(to address: String, name: String, loginURL: String) -> MailMessage {
        let text = """
            Hallo \(name),

            Het wachtwoord van je account bij Samenwijzer is zojuist gewijzigd. Je bent op alle apparaten uitgelogd.

            Was jij dit niet? Kies dan meteen een nieuw wachtwoord via "Wachtwoord vergeten" op \(loginURL)
            en neem contact op met de beheerder van de site.

            Groet,
            Samenwijzer
            """
        let html = """
            <p>Hallo \(HTML.escape(name)),</p>
            <p>Het wachtwoord van je account bij Samenwijzer is zojuist gewijzigd. Je bent op alle apparaten uitgelogd.</p>
            <p>Was jij dit niet? Kies dan meteen een nieuw wachtwoord via „Wachtwoord vergeten” op
            <a href="\(HTML.escape(loginURL))">de inlogpagina</a> en neem contact op met de beheerder van de site.</p>
            <p>Groet,<br>Samenwijzer</p>
            """
        return MailMessage(to: address, subject: "Je wachtwoord is gewijzigd – Samenwijzer", text: text, html: html)
    }
}
