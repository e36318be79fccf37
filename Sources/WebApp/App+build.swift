import AppCore
import Certificates
import ContentEngine
import Foundation
import Hummingbird
import HummingbirdCore
import LearnerStore
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the web application. The `serve` command and the tests call exactly this.
public func buildApplication(
    configuration: WebAppConfiguration,
    catalog: Catalog,
    database: any LearnerDataStore,
    signer: CertificateSigner,
    logger: Logger = Logger(label: "samenwijzer")
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(configuration: configuration, catalog: catalog, database: database, signer: signer)
    let readTimeout = TimeAmount.milliseconds(Int64(configuration.requestReadTimeout * 1000))
    return Application(
        router: HeadAsGetRouter(router: router),
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [RequestReadDeadline(timeout: readTimeout)],
                idleTimeout: .milliseconds(Int64(configuration.idleTimeout * 1000))
            )
        ),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "Samenwijzer",
            availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: logger)
        ),
        services: backgroundServices(configuration: configuration, database: database, logger: logger),
        onServerRunning: { channel in
            let address = channel.localAddress
            logger.info("Samenwijzer luistert op http://\(configuration.host):\(address?.port ?? configuration.port)")
        },
        logger: logger
    )
}

/// What runs beside the server: the statistics drain, housekeeping and, when mail is on, the mail sender.
func backgroundServices(configuration: WebAppConfiguration, database: any LearnerDataStore, logger: Logger) -> [any Service] {
    var services: [any Service] = [
        StatisticsUpdater(database: database, interval: .seconds(5), logger: logger),
        Housekeeping(database: database, interval: .seconds(600), logger: logger),
    ]
    if let mail = configuration.mail {
        logger.info("E-mail staat aan", metadata: ["smtp": "\(mail.smtp.description)", "from": "\(mail.sender.address)"])
        services.append(MailSender(delivery: MailDelivery(store: database, settings: mail), interval: .seconds(2), logger: logger))
    } else {
        logger.info("E-mail staat uit: geen --smtp-url. Wachtwoord vergeten per e-mail is dan niet beschikbaar.")
    }
    return services
}

func buildRouter(
    configuration: WebAppConfiguration,
    catalog: Catalog,
    database: any LearnerDataStore,
    signer: CertificateSigner
) async throws -> Router<AppRequestContext> {
    try Housekeeping.run(on: database)
    let renderedCatalog = RenderedCatalog(catalog: catalog)
    let assets = try StaticAssets(folder: configuration.staticFolder)
    var views = try await Views(templatesFolder: configuration.templatesFolder)
    views.layoutLinks.stylesheet = assets.url(for: "site.css")
    let services = Services(
        configuration: configuration,
        catalog: renderedCatalog,
        database: database,
        sessions: SessionManager(database: database, lifetime: configuration.sessionLifetime, secret: configuration.siteSecret),
        progress: ProgressTracker(database: database),
        views: views,
        passwords: Passwords(cost: configuration.bcryptCost),
        skeletons: try PageSkeletons.build(catalog: renderedCatalog, views: views),
        certificates: SiteCertificates(issuer: CertificateIssuer(signer: signer), publicBaseURL: configuration.resolvedPublicBaseURL),
        mail: MailOutbox(store: database, isOn: configuration.mail != nil),
        knownDevice: KnownDevice(secret: configuration.siteSecret)
    )
    let router = Router(context: AppRequestContext.self)
    // Order matters: the first is the outermost. Compression wraps the error pages, so they are compressed too;
    // the error pages wrap the static assets, so an unknown /static/ path gets the 404 page.
    router.add(middleware: SecurityHeadersMiddleware(strictTransportSecurity: configuration.isServedOverHTTPS))
    router.add(middleware: ClientAddressMiddleware(trustedProxies: configuration.trustedProxies, header: configuration.forwardingHeader))
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: ErrorPageMiddleware(views: services.views))
    router.add(middleware: StaticAssetMiddleware(assets: assets))
    router.add(middleware: SessionMiddleware(sessions: services.sessions, secureCookies: configuration.usesSecureCookies))
    router.add(middleware: LoginRedirectMiddleware())
    router.add(middleware: AdminAreaMiddleware())
    CatalogController(services: services).register(on: router)
    LessonController(services: services).register(on: router)
    AccountController(services: services).register(on: router)
    ProgressController(services: services).register(on: router)
    QuizController(services: services).register(on: router)
    FileController(services: services).register(on: router)
    CertificateController(services: services).register(on: router)
    AdminController(services: services).register(on: router)
    return router
}
