// swift-tools-version:6.0
//
// libFuzzer targets for Samenwijzer: a separate package so the fuzzing flags never reach the main build.
// Build (see README.md and scripts/fuzz):
//   swift build -c debug --package-path Fuzz --scratch-path Fuzz/.build \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Each target is parsed as a library (no top-level code, no @main) and defines `LLVMFuzzerTestOneInput`. SwiftPM
// links Linux executables with `--defsym main=<Target>_main`, so each target also defines `<Target>_main`, which
// starts libFuzzer's driver (FuzzSupport); libFuzzer's own `main` is not used.
import PackageDescription

/// One fuzz target: `Sources/<name>/`, linked against the root package's library products in `products`.
func fuzzTarget(_ name: String, products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "Samenwijzer") },
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

/// Adding a target: one line here, plus a folder `Sources/<name>/` with the `@_cdecl("LLVMFuzzerTestOneInput")`
/// function and `@_cdecl("<name>_main") func … { samenwijzer_fuzz_main(argc, argv) }` (copy FuzzModuleLoader).
let targets: [Target] = [
    fuzzTarget("FuzzModuleLoader", products: ["ContentEngine"]),
    fuzzTarget("FuzzFormParsers", products: ["RequestParsing"]),
]

let package = Package(
    name: "SamenwijzerFuzz",
    platforms: [.macOS(.v14)],
    products: targets.map { .executable(name: $0.name, targets: [$0.name]) },
    dependencies: [
        .package(name: "Samenwijzer", path: ".."),
    ],
    targets: targets + [
        /** `samenwijzer_fuzz_main`: hands a target's `<Target>_main` over to libFuzzer (see its header for why) */
        .target(name: "FuzzSupport"),
    ],
    swiftLanguageModes: [.v6]
)
