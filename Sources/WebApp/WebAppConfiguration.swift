import AppCore
import Foundation
import RequestParsing

/// Everything the web application needs to know, as plain values. The CLI fills it from flags and
/// environment variables; tests fill it directly.
public struct WebAppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Folder with templates (`templates/`), static files (`static/`) and the module schema (`schema/`).
    public var assetsFolder: URL
    /// Set when the site is served over TLS (directly or behind a proxy): cookies then get `Secure`.
    public var secureCookies: Bool
    /// How long a logged-in session lasts without a new login.
    public var sessionLifetime: TimeInterval
    /// bcrypt cost; 10 hashes in about 66 ms here. Tests lower it to stay fast.
    public var bcryptCost: UInt8
    /// Login throttling (see `LoginThrottle`): failures allowed per account from one client, and per client,
    /// within `throttleWindow`; after `accountDelayAfterFailures` failures on an account from all clients together,
    /// its attempts are spaced out (one per doubling interval; see `LoginThrottle`).
    public var maxFailuresPerAccount: Int
    public var maxFailuresPerAddress: Int
    public var accountDelayAfterFailures: Int
    public var throttleWindow: TimeInterval
    /// The address learners and verifiers use (e.g. https://leren.example.nl), printed on certificates as the
    /// verification URL. Nil: http://host:port, right for a local run only.
    public var publicBaseURL: String?
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` headers are believed (`--trusted-proxy`). Empty: the
    /// socket's peer is the client.
    public var trustedProxies: [AddressRange]
    /// The forwarding header those proxies set (only that one is read).
    public var forwardingHeader: ClientAddress.Header
    /// Signs the anonymous visitors' CSRF cookies (and later other things the site hands out). `serve` loads it from
    /// the data folder; the default is a random one for this process.
    public var siteSecret: SiteSecret
    /// Open connections at most; more wait in the listen queue until one closes.
    public var maxConnections: Int
    /// A keep-alive connection with no request, or a request whose head has not arrived, is closed after this.
    public var idleTimeout: TimeInterval
    /// A request's body must arrive within this time of its head.
    public var requestReadTimeout: TimeInterval
    /// Where e-mail goes (`--smtp-url`, `--smtp-from`). Nil: mail is off; the site works without it.
    public var mail: MailSettings?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        assetsFolder: URL = URL(fileURLWithPath: "Assets"),
        secureCookies: Bool = false,
        sessionLifetime: TimeInterval = 14 * 24 * 3600,
        bcryptCost: UInt8 = 10,
        maxFailuresPerAccount: Int = 5,
        maxFailuresPerAddress: Int = 20,
        accountDelayAfterFailures: Int = 5,
        throttleWindow: TimeInterval = 15 * 60,
        publicBaseURL: String? = nil,
        trustedProxies: [AddressRange] = [],
        forwardingHeader: ClientAddress.Header = .xForwardedFor,
        siteSecret: SiteSecret = .random(),
        maxConnections: Int = 2_000,
        idleTimeout: TimeInterval = 30,
        requestReadTimeout: TimeInterval = 30,
        mail: MailSettings? = nil
    ) {
        self.host = host
        self.port = port
        self.assetsFolder = assetsFolder
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.bcryptCost = bcryptCost
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.accountDelayAfterFailures = accountDelayAfterFailures
        self.throttleWindow = throttleWindow
        self.publicBaseURL = publicBaseURL
        self.trustedProxies = trustedProxies
        self.forwardingHeader = forwardingHeader
        self.siteSecret = siteSecret
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
        self.requestReadTimeout = requestReadTimeout
        self.mail = mail
    }

    /// The site is served over https: then cookies are always `Secure` and browsers are told to keep to https (HSTS).
    var isServedOverHTTPS: Bool { publicBaseURL?.lowercased().hasPrefix("https://") ?? false }

    /// `Secure` on cookies: asked for, or implied by an https public address.
    var usesSecureCookies: Bool { secureCookies || isServedOverHTTPS }

    /// Without a trailing slash, so paths can be appended.
    var resolvedPublicBaseURL: String {
        var base = publicBaseURL ?? "http://\(host):\(port)"
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    var templatesFolder: URL { assetsFolder.appendingPathComponent("templates") }
    var staticFolder: URL { assetsFolder.appendingPathComponent("static") }
    var schemaFile: URL { assetsFolder.appendingPathComponent("schema/module.xsd") }
}
