import ArgumentParser
import ContentEngine
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Controleer modules: XML, schema en de regels van het moduleformaat.",
        discussion: """
            Meldt elk probleem als bestand:regel:kolom: fout|waarschuwing: uitleg [regel-id].
            Exitcode 0 zonder fouten (waarschuwingen mogen), 1 bij fouten, 2 bij een verkeerd commando.
            """
    )

    @Argument(help: "Modulebestanden, modulemappen of mappen met modules (standaard: ./modules).")
    var paths: [String] = []

    @Option(help: "Uitvoer: text (voor mensen en editors) of json (voor andere programma's).")
    var format: OutputFormat = .text

    @OptionGroup var assets: AssetsOptions

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let schema: ModuleSchema
        do { schema = try ModuleSchema(contentsOf: assets.schemaURL) } catch {
            FileHandle.standardError.write(Data("samenwijzer: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let targets = (paths.isEmpty ? ["modules"] : paths).map { URL(fileURLWithPath: $0, relativeTo: current).standardizedFileURL }
        let result = CatalogLoader(loader: ModuleLoader(schema: schema)).load(paths: targets, relativeTo: current)
        let report = ValidationReport(result: result)
        switch format {
        case .text: print(report.text, terminator: "")
        case .json: print(report.json)
        }
        if result.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

/// Where the app's own files live; the module schema is `Assets/schema/module.xsd`.
struct AssetsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Map met templates, CSS en het schema (standaard ./Assets, of SAMENWIJZER_ASSETS).", valueName: "map"))
    var assets: String?

    /// The flag, then the environment, then ./Assets; when that is missing (an author running the tool from a
    /// module folder), the Assets folder next to the executable's project or installation.
    var assetsURL: URL {
        if let path = assets ?? ProcessInfo.processInfo.environment["SAMENWIJZER_ASSETS"] {
            return URL(fileURLWithPath: path).standardizedFileURL
        }
        let local = URL(fileURLWithPath: "Assets").standardizedFileURL
        if FileManager.default.fileExists(atPath: local.appendingPathComponent("schema/module.xsd").path) { return local }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("Assets")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("schema/module.xsd").path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return local
    }

    var schemaURL: URL { assetsURL.appendingPathComponent("schema/module.xsd") }
}
