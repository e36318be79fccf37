import Foundation
import Testing

@testable import ContentEngine

@Suite("Validation report")
struct ReportTests {
    let modules = TemporaryModules()

    @Test("text output has one file:line:col line per problem and a summary")
    func textOutput() throws {
        modules.write(moduleXML(page: "<p><term ref=\"x\">x</term></p>"))
        let result = CatalogLoader(loader: moduleLoader).load(paths: [modules.root], relativeTo: modules.root)
        let lines = ValidationReport(result: result).text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("test/module.xml:\(line(of: "<term", in: moduleXML(page: "<p><term ref=\"x\">x</term></p>"))):"))
        #expect(lines[0].contains(": fout: ") && lines[0].hasSuffix("[unknown-term]"))
        #expect(lines[1] == "1 module gecontroleerd: 1 fout, 0 waarschuwingen.")
    }

    @Test("JSON output carries the same diagnostics")
    func jsonOutput() throws {
        modules.write(moduleXML(page: "<p><term ref=\"x\">x</term></p>"))
        let result = CatalogLoader(loader: moduleLoader).load(paths: [modules.root], relativeTo: modules.root)
        let object = try JSONSerialization.jsonObject(with: Data(ValidationReport(result: result).json.utf8)) as? [String: Any]
        #expect(object?["errors"] as? Int == 1)
        let diagnostics = object?["diagnostics"] as? [[String: Any]]
        #expect(diagnostics?.first?["rule"] as? String == "unknown-term")
        #expect(diagnostics?.first?["severity"] as? String == "error")
    }
}
