// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Samenwijzer",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "samenwijzer", targets: ["samenwijzer"]),
        .library(name: "ContentEngine", targets: ["ContentEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        /** libxml2 from the system (Debian: libxml2-dev), wrapped by a small shim header */
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        /** Module model, XML loading, XSD + semantic validation, rich text → HTML, grading rules. Pure: no HTTP, no database */
        .target(
            name: "ContentEngine",
            dependencies: ["CLibXML2"]
        ),
        /** The command-line tool: parses arguments and calls the libraries. Thin */
        .executableTarget(
            name: "samenwijzer",
            dependencies: [
                "ContentEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ContentEngineTests",
            dependencies: ["ContentEngine"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
