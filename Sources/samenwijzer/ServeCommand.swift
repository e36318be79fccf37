import AppCore
import ArgumentParser
import ContentEngine
import Foundation
import LearnerStore
import Logging
import Mail
import RequestParsing
import WebApp

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start de website met de modules.",
        discussion: """
            Zonder instellingen: modules uit ./modules, templates en CSS uit ./Assets, gegevens (SQLite) in ./data,
            op http://127.0.0.1:8080. Elke instelling kan ook met een omgevingsvariabele (SAMENWIJZER_HOST enz.).
            De modules worden eerst gecontroleerd; bij fouten start de website niet.
            """
    )

    @Option(help: ArgumentHelp("Adres om op te luisteren (SAMENWIJZER_HOST, standaard 127.0.0.1).", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("Poort (SAMENWIJZER_PORT, standaard 8080).", valueName: "poort"))
    var port: Int?

    @Option(help: ArgumentHelp("Map met modules (SAMENWIJZER_MODULES, standaard ./modules).", valueName: "map"))
    var modules: String?

    @OptionGroup var data: DataOptions

    @Option(
        name: .customLong("public-url"),
        help: ArgumentHelp(
            "Het openbare adres van de site, zoals https://leren.example.nl (SAMENWIJZER_PUBLIC_URL). Staat als controle-adres op certificaten; standaard http://host:poort.",
            valueName: "url"
        )
    )
    var publicURL: String?

    @Flag(help: "Zet Secure op cookies: gebruik dit als de site via https bereikbaar is (SAMENWIJZER_SECURE_COOKIES=1).")
    var secureCookies = false

    @Flag(
        name: .customLong("full-sync"),
        help: """
            Laat elke opgeslagen wijziging meteen naar de schijf schrijven (SQLite synchronous=FULL): dan gaat ook bij \
            een stroomstoring niets verloren. Kost ongeveer 7 procent van de toetsdoorvoer (SAMENWIJZER_FULL_SYNC=1).
            """
    )
    var fullSync = false

    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            """
            Een reverse proxy (adres of bereik, zoals 127.0.0.1 of 10.0.0.0/8) waarvan de doorstuurkop (zie \
            --forwarded-header) geloofd wordt. Mag vaker; ook als lijst met komma's in SAMENWIJZER_TRUSTED_PROXIES.
            """,
            valueName: "adres"
        )
    )
    var trustedProxies: [String] = []

    @Option(
        name: .customLong("forwarded-header"),
        help: ArgumentHelp(
            "Welke kop de proxy zet: x-forwarded-for (standaard) of forwarded (SAMENWIJZER_FORWARDED_HEADER). Alleen die kop wordt gelezen.",
            valueName: "kop"
        )
    )
    var forwardedHeader: String?

    @Option(
        name: .customLong("max-connections"),
        help: ArgumentHelp(
            "Hoeveel verbindingen tegelijk open mogen zijn (SAMENWIJZER_MAX_CONNECTIONS, standaard 2000).",
            valueName: "aantal"
        )
    )
    var maxConnections: Int?

    @Option(
        name: .customLong("smtp-url"),
        help: ArgumentHelp(
            "Mailserver voor e-mail aan cursisten (SAMENWIJZER_SMTP_URL), bijvoorbeeld smtp://gebruiker:wachtwoord@mail.voorbeeld.nl:587 "
                + "(STARTTLS) of smtps://…:465. Zet een wachtwoord liever in SAMENWIJZER_SMTP_URL: een optie is voor iedereen op de "
                + "machine zichtbaar (ps). Zonder: e-mail staat uit.",
            valueName: "url"
        )
    )
    var smtpURL: String?

    @Option(
        name: .customLong("smtp-from"),
        help: ArgumentHelp(
            "Afzender van die e-mail (SAMENWIJZER_SMTP_FROM), bijvoorbeeld \"Samenwijzer <noreply@voorbeeld.nl>\".",
            valueName: "afzender"
        )
    )
    var smtpFrom: String?

    @OptionGroup var assets: AssetsOptions

    func validate() throws {
        if let port = resolvedPort, !(1...65535).contains(port) {
            throw ValidationError("De poort moet een getal van 1 tot en met 65535 zijn.")
        }
        if let url = publicURL ?? environment["SAMENWIJZER_PUBLIC_URL"],
            URL(string: url)?.host == nil
                || !(url.hasPrefix("https://") || url.hasPrefix("http://"))
        {
            throw ValidationError("Het openbare adres moet beginnen met https:// of http://, bijvoorbeeld https://leren.example.nl.")
        }
        if let wrong = trustedProxyTexts.first(where: { AddressRange($0) == nil }) {
            throw ValidationError("„\(wrong)” is geen adres of bereik. Schrijf een proxy als 127.0.0.1, ::1 of 10.0.0.0/8.")
        }
        _ = try resolvedMail()
        if resolvedForwardedHeader == nil {
            throw ValidationError("--forwarded-header moet x-forwarded-for of forwarded zijn.")
        }
        if let connections = resolvedMaxConnections, !(1...1_000_000).contains(connections) {
            throw ValidationError("Het aantal verbindingen moet een getal van 1 tot en met 1000000 zijn.")
        }
    }

    /// The trusted proxies from the flags, or else from the environment; nil entries are the unreadable ones.
    private var trustedProxyTexts: [String] {
        let texts = trustedProxies.isEmpty ? (environment["SAMENWIJZER_TRUSTED_PROXIES"].map { [$0] } ?? []) : trustedProxies
        return texts.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private var resolvedForwardedHeader: ClientAddress.Header? {
        ClientAddress.Header(rawValue: (forwardedHeader ?? environment["SAMENWIJZER_FORWARDED_HEADER"] ?? "x-forwarded-for").lowercased())
    }

    private var resolvedMaxConnections: Int? {
        maxConnections ?? environment["SAMENWIJZER_MAX_CONNECTIONS"].flatMap { Int($0) }
    }

    /// The mail settings from the flags or the environment: nil when no SMTP URL is given (mail off).
    private func resolvedMail() throws -> MailSettings? {
        guard let url = smtpURL ?? environment["SAMENWIJZER_SMTP_URL"], !url.isEmpty else { return nil }
        let smtp: SMTPSettings
        do { smtp = try SMTPSettings(url: url) } catch { throw ValidationError("\(error)") }
        guard let fromText = smtpFrom ?? environment["SAMENWIJZER_SMTP_FROM"] else {
            throw ValidationError("Geef met --smtp-from ook de afzender op, bijvoorbeeld \"Samenwijzer <noreply@voorbeeld.nl>\".")
        }
        guard let sender = MailAddress(parsing: fromText) else {
            throw ValidationError("--smtp-from „\(fromText.prefix(80))” is geen bruikbaar afzenderadres.")
        }
        return MailSettings(smtp: smtp, sender: sender)
    }

    private var environment: [String: String] { ProcessInfo.processInfo.environment }
    private var resolvedPort: Int? { port ?? environment["SAMENWIJZER_PORT"].flatMap { Int($0) } }

    func run() async throws {
        var logger = Logger(label: "samenwijzer")
        logger.logLevel = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info

        // Resolved once: finding the Assets folder may look at the file system.
        let assetsURL = assets.assetsURL
        let modulesURL = URL(fileURLWithPath: modules ?? environment["SAMENWIJZER_MODULES"] ?? "modules").standardizedFileURL
        let started = Date()
        let result = try assets.loadCatalog([modulesURL], assetsURL: assetsURL)
        if result.diagnostics.hasErrors {
            FileHandle.standardError.write(
                Data(
                    (ValidationReport(result: result).text
                        + "De website start niet: los eerst de fouten hierboven op (samenwijzer validate).\n").utf8
                )
            )
            throw ExitCode(1)
        }
        for warning in result.diagnostics { logger.warning("\(warning.formatted)") }
        logger.info(
            "Modules geladen",
            metadata: [
                "modules": "\(result.catalog.modules.count)", "ms": "\(Int(Date().timeIntervalSince(started) * 1000))",
            ]
        )

        let (database, signer) = try data.open(
            fullSync: fullSync || ["1", "true", "ja"].contains(environment["SAMENWIJZER_FULL_SYNC"]?.lowercased() ?? "")
        )
        for warning in data.privacyWarnings { logger.warning("\(warning)") }
        let siteSecret: SiteSecret
        do {
            siteSecret = try SiteSecret.loadOrCreate(in: data.dataURL)
        } catch {
            FileHandle.standardError.write(Data("samenwijzer: \(error)\n".utf8))
            throw ExitCode(1)
        }

        let configuration = WebAppConfiguration(
            host: host ?? environment["SAMENWIJZER_HOST"] ?? "127.0.0.1",
            port: resolvedPort ?? 8080,
            assetsFolder: assetsURL,
            secureCookies: secureCookies || ["1", "true", "ja"].contains(environment["SAMENWIJZER_SECURE_COOKIES"]?.lowercased() ?? ""),
            publicBaseURL: publicURL ?? environment["SAMENWIJZER_PUBLIC_URL"],
            trustedProxies: trustedProxyTexts.compactMap { AddressRange($0) },
            forwardingHeader: resolvedForwardedHeader ?? .xForwardedFor,
            siteSecret: siteSecret,
            maxConnections: resolvedMaxConnections ?? 2_000,
            mail: try resolvedMail()
        )
        let app = try await buildApplication(
            configuration: configuration,
            catalog: result.catalog,
            database: database,
            signer: signer,
            logger: logger
        )
        try await app.runService()
    }
}
