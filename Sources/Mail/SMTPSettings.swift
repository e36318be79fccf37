import Foundation

/// Where mail goes, from `--smtp-url`: `smtp://[user[:password]@]host[:port]` (submission, port 587 by default,
/// STARTTLS) or `smtps://…` (TLS from the start, port 465 by default). User and password are percent-decoded, so
/// a password with `@` or `:` is written `%40` / `%3A`.
///
/// TLS: a server on this machine (127.0.0.1, ::1, localhost: a local relay such as Postfix) may answer without
/// STARTTLS; any other server must offer it, or nothing is sent: a password or a reset link never crosses the
/// network in the clear. `?tls=none` allows plain text to another host explicitly (a relay on a private network).
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable {
        /// TLS from the first byte (smtps, port 465).
        case implicitTLS
        /// STARTTLS required.
        case startTLS
        /// STARTTLS when the server offers it, plain otherwise (only for a server on this machine or `?tls=none`).
        case opportunistic
    }

    public var host: String
    public var port: Int
    public var user: String?
    public var password: String?
    public var security: Security

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unusable(String)

        public var description: String {
            switch self {
            case .unusable(let reason):
                "--smtp-url is niet bruikbaar: \(reason). Voorbeeld: smtp://gebruiker:wachtwoord@mail.voorbeeld.nl:587"
            }
        }
    }

    public init(host: String, port: Int, user: String? = nil, password: String? = nil, security: Security) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.security = security
    }

    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw Problem.unusable("het is geen adres")
        }
        guard scheme == "smtp" || scheme == "smtps" else { throw Problem.unusable("het begint niet met smtp:// of smtps://") }
        guard let host = components.host, !host.isEmpty else { throw Problem.unusable("de servernaam ontbreekt") }
        let port = components.port ?? (scheme == "smtps" ? 465 : 587)
        guard (1...65535).contains(port) else { throw Problem.unusable("de poort \(port) bestaat niet") }
        let tls = components.queryItems?.first { $0.name == "tls" }?.value
        guard tls == nil || tls == "none" else { throw Problem.unusable("tls=\(tls ?? "") kennen we niet (alleen tls=none)") }
        let local = ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host.lowercased())
        let security: Security =
            scheme == "smtps" ? .implicitTLS : (local || tls == "none") ? .opportunistic : .startTLS
        self.init(
            host: host,
            port: port,
            user: components.percentEncodedUser.flatMap { $0.removingPercentEncoding },
            password: components.percentEncodedPassword.flatMap { $0.removingPercentEncoding },
            security: security
        )
    }

    /// The URL libcurl is given (without credentials: those go in their own options).
    var curlURL: String {
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(security == .implicitTLS ? "smtps" : "smtp")://\(bracketed):\(port)"
    }

    /// For the log: never the password.
    public var description: String { "\(curlURL) (\(security.rawValue)\(user.map { ", user \($0)" } ?? ""))" }
}
