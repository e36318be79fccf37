import Foundation
import Testing

/// `samenwijzer new` and `validate --strict`, run as an author would: the real binary in a temporary folder.
@Suite("Command line: new and --strict")
struct NewCLITests {
    let assets = CLITests.root.appendingPathComponent("Assets").path

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sw-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("new makes a module that validates with 0 errors and 0 warnings, even with --strict, and says how to set up an editor")
    func newModule() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try CLITests.run(["new", "mantelzorg-basis", "--title", "Mantelzorg & jij", "--assets", assets], in: folder)
        #expect(made.status == 0, "\(made.output)\(made.errors)")
        #expect(made.output.contains("module.xsd") && made.output.contains("xml.fileAssociations") && made.output.contains("redhat.vscode-xml"))
        #expect(made.output.contains("0 fouten, 0 waarschuwingen"))
        let xml = try String(contentsOf: folder.appendingPathComponent("modules/mantelzorg-basis/module.xml"), encoding: .utf8)
        #expect(xml.contains("<title>Mantelzorg &amp; jij</title>") && xml.contains("xsi:schemaLocation"))
        for type in ["single", "multiple", "truefalse"] { #expect(xml.contains("<question id=\"vraag-") && xml.contains("type=\"\(type)\"")) }

        let validated = try CLITests.run(["validate", "--strict", "--assets", assets, "modules"], in: folder)
        #expect(validated.status == 0, "\(validated.output)")
        #expect(validated.output.hasSuffix("1 module gecontroleerd: 0 fouten, 0 waarschuwingen.\n"))

        let into = try CLITests.run(["new", "tweede", "--into", "elders", "--assets", assets], in: folder)
        #expect(into.status == 0 && FileManager.default.fileExists(atPath: folder.appendingPathComponent("elders/tweede/module.xml").path))
    }

    @Test("new refuses an invalid id and an existing folder, and changes nothing")
    func refusals() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for id in ["Hoofdletters", "met spatie", "-begin", "eind-", "", String(repeating: "a", count: 65)] {
            let result = try CLITests.run(["new", id, "--assets", assets], in: folder)
            #expect(result.status == 2, "\(id)")
            #expect(result.errors.contains("kleine letters"), "\(id): \(result.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("modules").path))

        let existing = folder.appendingPathComponent("modules/bestaat")
        try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: true)
        try "mijn werk".write(to: existing.appendingPathComponent("module.xml"), atomically: true, encoding: .utf8)
        let again = try CLITests.run(["new", "bestaat", "--assets", assets], in: folder)
        #expect(again.status == 1 && again.errors.contains("bestaat al"))
        #expect(try String(contentsOf: existing.appendingPathComponent("module.xml"), encoding: .utf8) == "mijn werk")
    }

    @Test("validate --strict turns a warning into an error and exits 1; without it the same module exits 0")
    func strict() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLITests.run(["new", "lint", "--assets", assets], in: folder).status == 0)
        let file = folder.appendingPathComponent("modules/lint/module.xml")
        let xml = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(
                of: "<p>Schrijf korte zinnen.",
                with: "<p>Meer weten? <link href=\"https://voorbeeld.nl\">Klik hier</link>. Schrijf korte zinnen."
            )
        try xml.write(to: file, atomically: true, encoding: .utf8)
        let lenient = try CLITests.run(["validate", "--assets", assets, "modules"], in: folder)
        #expect(lenient.status == 0 && lenient.output.contains(": waarschuwing: ") && lenient.output.contains("[link-text]"))
        let strict = try CLITests.run(["validate", "--strict", "--assets", assets, "modules"], in: folder)
        #expect(strict.status == 1 && strict.output.contains(": fout: ") && strict.output.contains("1 fout, 0 waarschuwingen"))
        let json = try CLITests.run(["validate", "--strict", "--format", "json", "--assets", assets, "modules"], in: folder)
        #expect(json.status == 1 && json.output.contains("\"rule\" : \"link-text\"") && json.output.contains("\"severity\" : \"error\""))
    }
}
