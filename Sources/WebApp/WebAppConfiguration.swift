import Foundation

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
    /// Login throttling: failures allowed per account and per IP address within `throttleWindow`.
    public var maxFailuresPerAccount: Int
    public var maxFailuresPerAddress: Int
    public var throttleWindow: TimeInterval
    /// The address learners and verifiers use (e.g. https://leren.example.nl), printed on certificates as the
    /// verification URL. Nil: http://host:port, right for a local run only.
    public var publicBaseURL: String?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        assetsFolder: URL = URL(fileURLWithPath: "Assets"),
        secureCookies: Bool = false,
        sessionLifetime: TimeInterval = 14 * 24 * 3600,
        bcryptCost: UInt8 = 10,
        maxFailuresPerAccount: Int = 5,
        maxFailuresPerAddress: Int = 20,
        throttleWindow: TimeInterval = 15 * 60,
        publicBaseURL: String? = nil
    ) {
        self.host = host
        self.port = port
        self.assetsFolder = assetsFolder
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.bcryptCost = bcryptCost
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.throttleWindow = throttleWindow
        self.publicBaseURL = publicBaseURL
    }

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
