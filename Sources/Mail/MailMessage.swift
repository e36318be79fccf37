import Foundation

/// One e-mail as the site writes it: a recipient, a subject and the body as plain text and (optionally) simple
/// HTML. Composed into an RFC 5322 / MIME message by `MailComposer`.
public struct MailMessage: Sendable, Equatable, Codable {
    public var to: String
    public var subject: String
    public var text: String
    public var html: String?

    public init(to: String, subject: String, text: String, html: String? = nil) {
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
    }
}

/// A mailbox as in a From header: an optional display name and an address.
public struct MailAddress: Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// `Samenwijzer <noreply@voorbeeld.nl>` or a bare `noreply@voorbeeld.nl`. Nil when there is no plausible
    /// address, or when the text holds a line break (it would end the header).
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.contains(where: { $0.isNewline }) else { return nil }
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = trimmed[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            self.init(name: name.isEmpty ? nil : name, address: address)
        } else {
            self.init(address: trimmed)
        }
        guard Self.isPlausible(address) else { return nil }
    }

    /// One @ with something on both sides, no spaces or angle brackets: enough to refuse a typo in a setting.
    static func isPlausible(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !address.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
    }

    /// The domain, for Message-IDs.
    var domain: String { address.split(separator: "@").last.map(String.init) ?? "localhost" }
}
