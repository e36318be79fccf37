import Foundation

/// Turns a `MailMessage` into the bytes an SMTP server accepts: RFC 5322 headers and a MIME body
/// (multipart/alternative when there is HTML). Bodies travel as base64 of UTF-8, so any Dutch text, long line or
/// a lone dot on a line arrives unchanged; non-ASCII subjects and names as RFC 2047 encoded words.
public enum MailComposer {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// A recipient or subject with a line break: it would let the text add headers of its own.
        case lineBreakInHeader(String)
        case implausibleRecipient(String)

        public var description: String {
            switch self {
            case .lineBreakInHeader(let field): "Het veld \(field) van een e-mail bevat een regeleinde; de e-mail is niet verstuurd."
            case .implausibleRecipient(let address): "\(address) is geen bruikbaar e-mailadres; de e-mail is niet verstuurd."
            }
        }
    }

    public static func compose(_ message: MailMessage, from sender: MailAddress, date: Date = Date(), id: UUID = UUID()) throws -> [UInt8] {
        guard !message.subject.contains(where: \.isNewline) else { throw Problem.lineBreakInHeader("onderwerp") }
        guard !message.to.contains(where: \.isNewline) else { throw Problem.lineBreakInHeader("aan") }
        guard MailAddress.isPlausible(message.to) else { throw Problem.implausibleRecipient(message.to) }
        var lines = [
            "Date: \(rfc5322Date(date))",
            "From: \(mailbox(sender))",
            "To: <\(message.to)>",
            "Subject: \(encodedWord(message.subject))",
            "Message-ID: <\(id.uuidString.lowercased())@\(sender.domain)>",
            "MIME-Version: 1.0",
            // Automatic mail: no out-of-office replies to it (RFC 3834).
            "Auto-Submitted: auto-generated",
        ]
        if let html = message.html {
            let boundary = "sw-\(id.uuidString.lowercased())"
            // Folded: a header line stays under 78 characters (RFC 5322).
            lines.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("--\(boundary)")
            lines += part(message.text, type: "text/plain")
            lines.append("--\(boundary)")
            lines += part(html, type: "text/html")
            lines.append("--\(boundary)--")
        } else {
            lines += part(message.text, type: "text/plain")
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    private static func part(_ body: String, type: String) -> [String] {
        ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""] + base64Lines(Array(body.utf8))
    }

    /// Base64 in lines of 76 characters (RFC 2045).
    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }

    /// Plain ASCII as is; anything else as `=?UTF-8?B?…?=` words of at most 39 bytes each (RFC 2047: 75 characters
    /// per encoded word), split on character boundaries.
    static func encodedWord(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    private static func mailbox(_ address: MailAddress) -> String {
        guard let name = address.name else { return "<\(address.address)>" }
        let plain = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " } && name.utf8.allSatisfy { $0 < 0x7F }
        return "\(plain ? name : encodedWord(name)) <\(address.address)>"
    }

    /// `Tue, 01 Dec 2026 20:40:00 +0000`, spelled here (no locale data).
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(days[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}
