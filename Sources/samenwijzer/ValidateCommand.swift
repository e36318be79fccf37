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
            Met --strict tellen waarschuwingen als fouten (voor CI): dan is de exitcode 1 bij elke waarschuwing.
            """
    )

    @Argument(help: "Modulebestanden, modulemappen of mappen met modules (standaard: ./modules).")
    var paths: [String] = []

    @Option(help: "Uitvoer: text (voor mensen en editors) of json (voor andere programma's).")
    var format: OutputFormat = .text

    @Flag(help: "Waarschuwingen tellen als fouten (exitcode 1), voor CI.")
    var strict = false

    @OptionGroup var assets: AssetsOptions

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let targets = (paths.isEmpty ? ["modules"] : paths).map { URL(fileURLWithPath: $0).standardizedFileURL }
        var result = try assets.loadCatalog(targets, assetsURL: assets.assetsURL)
        if strict {
            // Reported as what they now are, so the summary, the exit code and the JSON agree.
            result.diagnostics = result.diagnostics.map { diagnostic in
                var strict = diagnostic
                strict.severity = .error
                return strict
            }
        }
        let report = ValidationReport(result: result)
        switch format {
        case .text: print(report.text, terminator: "")
        case .json: print(report.json)
        }
        if result.diagnostics.hasErrors { throw ExitCode(1) }
    }
}
