// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Samenwijzer",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "samenwijzer", targets: ["samenwijzer"]),
        .library(name: "ContentEngine", targets: ["ContentEngine"]),
        .library(name: "RequestParsing", targets: ["RequestParsing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        /** libxml2 from the system (Debian: libxml2-dev), wrapped by a small shim header */
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        /** cairo from the system (Debian: libcairo2-dev): draws certificate PDFs with real, extractable text */
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        /** libqrencode from the system (Debian: libqrencode-dev): the QR code on a certificate */
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        /** The few values every layer shares: the accreditation of a module and the one Dutch calendar. Pure Foundation */
        .target(
            name: "DomainValues"
        ),
        /** libcurl from the system (Debian: libcurl4-openssl-dev): its SMTP client (STARTTLS, AUTH) sends the site's e-mail */
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        /** E-mail: composing MIME messages and handing them to an SMTP server through libcurl. No database, no HTTP */
        .target(
            name: "Mail",
            dependencies: ["CCurl"]
        ),
        /** zlib from the system (Debian: zlib1g-dev): gzip responses, and deflate segments stitched per request for pre-rendered pages */
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        /** Brotli from the system (Debian: libbrotli-dev): static assets and whole pre-rendered pages, compressed once at start-up */
        .systemLibrary(
            name: "CBrotli",
            pkgConfig: "libbrotlienc",
            providers: [.apt(["libbrotli-dev"])]
        ),
        /** Module model, XML loading, XSD + semantic validation, rich text → HTML, grading rules. Pure: no HTTP, no database */
        .target(
            name: "ContentEngine",
            dependencies: ["CLibXML2", "DomainValues"]
        ),
        /** Pure parsers for what a request carries: form bodies and queries (bounded), numbers, client addresses behind proxies, typed names. No HTTP framework, so they can be fuzzed alone */
        .target(
            name: "RequestParsing"
        ),
        /** Learner data in SQLite through GRDB: accounts, sessions, progress. Knows module/page ids, not XML */
        .target(
            name: "LearnerStore",
            dependencies: [
                "DomainValues",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        /** Development only: fills a database with made-up learners over the real module ids (`samenwijzer dev seed`). Writes the store's tables directly, through its DevSeeding SPI */
        .target(
            name: "DevSeeding",
            dependencies: [
                "ContentEngine",
                "LearnerStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        /** Certificates: codes, the signed payload (Ed25519), the signing key file, the PDF with its QR code. No database */
        .target(
            name: "Certificates",
            dependencies: [
                "ContentEngine",
                "DomainValues",
                "CCairo",
                "CQREncode",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        /** The application layer: rules the web site and the command line share (account fields, making an administrator, issuing and checking certificates, the site secret, the mail queue's delivery). Talks to the learner store only through its protocols; no HTTP */
        .target(
            name: "AppCore",
            dependencies: [
                "ContentEngine",
                "LearnerStore",
                "Certificates",
                "DomainValues",
                "Mail",
                "RequestParsing",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        /** The learner site on Hummingbird 2: routes, sessions, CSRF, page models and Mustache templates */
        .target(
            name: "WebApp",
            dependencies: [
                "AppCore",
                "DomainValues",
                "ContentEngine",
                "LearnerStore",
                "Certificates",
                "RequestParsing",
                "CZlib",
                "CBrotli",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        /** The command-line tool: parses arguments and calls the libraries. Thin */
        .executableTarget(
            name: "samenwijzer",
            dependencies: [
                "ContentEngine",
                "LearnerStore",
                "Certificates",
                "AppCore",
                "WebApp",
                "RequestParsing",
                "DevSeeding",
                "Mail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ContentEngineTests",
            dependencies: ["ContentEngine"]
        ),
        /// Runs the built `samenwijzer` binary: exit codes and output as authors and CI see them.
        .testTarget(
            name: "CLITests",
            dependencies: ["samenwijzer", "LearnerStore", "Certificates"]
        ),
        /// The application layer and e-mail, with a real SMTP server (aiosmtpd, from scripts/test-tools).
        .testTarget(
            name: "AppCoreTests",
            dependencies: ["AppCore", "LearnerStore", "Mail"]
        ),
        .testTarget(
            name: "CertificatesTests",
            dependencies: ["Certificates"]
        ),
        .testTarget(
            name: "RequestParsingTests",
            dependencies: ["RequestParsing"]
        ),
        .testTarget(
            name: "LearnerStoreTests",
            dependencies: ["LearnerStore", "DevSeeding", "ContentEngine"]
        ),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "AppCore",
                "WebApp",
                "RequestParsing",
                "CZlib",
                "CBrotli",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
