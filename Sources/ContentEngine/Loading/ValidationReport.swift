import Foundation

/// The output of `samenwijzer validate`: one line per problem, then a summary; or the same as JSON.
public struct ValidationReport: Sendable {
    public let result: CatalogLoader.Result

    public init(result: CatalogLoader.Result) {
        self.result = result
    }

    public var summary: String {
        let diagnostics = result.diagnostics
        let modules = result.filesChecked == 1 ? "1 module" : "\(result.filesChecked) modules"
        let errors = diagnostics.errorCount == 1 ? "1 fout" : "\(diagnostics.errorCount) fouten"
        let warnings = diagnostics.warningCount == 1 ? "1 waarschuwing" : "\(diagnostics.warningCount) waarschuwingen"
        return "\(modules) gecontroleerd: \(errors), \(warnings)."
    }

    public var text: String {
        result.diagnostics.map { $0.formatted + "\n" }.joined() + summary + "\n"
    }

    public var json: String {
        struct Output: Encodable {
            var modules: Int
            var errors: Int
            var warnings: Int
            var diagnostics: [Diagnostic]
        }
        let output = Output(
            modules: result.filesChecked,
            errors: result.diagnostics.errorCount,
            warnings: result.diagnostics.warningCount,
            diagnostics: result.diagnostics
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(output), as: UTF8.self)) ?? "{}"
    }
}
