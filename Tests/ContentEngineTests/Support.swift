import Foundation
import Testing

@testable import ContentEngine

/// The repository root, found from this file's path, so tests use the real schema and bundled modules.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Compiled once for all tests: the same `Assets/schema/module.xsd` the CLI and editors use.
let sharedSchema: ModuleSchema = {
    do { return try ModuleSchema(contentsOf: repositoryRoot.appendingPathComponent("Assets/schema/module.xsd")) } catch {
        fatalError("The module schema does not compile: \(error)")
    }
}()

/// With the real jargon list, so the bundled modules are held to the `jargon` rule too.
let moduleLoader = ModuleLoader(
    schema: sharedSchema,
    jargon: (try? JargonList(contentsOf: repositoryRoot.appendingPathComponent("Assets/lint/jargon.txt"))) ?? JargonList()
)

/// A temporary folder holding one module folder; removed when the test's value goes away.
final class TemporaryModules {
    let root: URL

    init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sw-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `modules/<id>/module.xml` with `xml` and returns its URL.
    @discardableResult
    func write(_ xml: String, id: String = "test", media: [String] = []) -> URL {
        writeBytes(Array(xml.utf8), id: id, media: media)
    }

    @discardableResult
    func writeBytes(_ bytes: [UInt8], id: String = "test", media: [String] = []) -> URL {
        let folder = root.appendingPathComponent(id)
        try? FileManager.default.createDirectory(at: folder.appendingPathComponent("media"), withIntermediateDirectories: true)
        for file in media {
            _ = FileManager.default.createFile(
                atPath: folder.appendingPathComponent(file).path,
                contents: Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)
            )
        }
        let file = folder.appendingPathComponent("module.xml")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(bytes))
        return file
    }

    func load(_ xml: String, id: String = "test", media: [String] = []) -> (module: Module?, diagnostics: [Diagnostic]) {
        let file = write(xml, id: id, media: media)
        return moduleLoader.load(file: file, displayPath: "\(id)/module.xml")
    }
}

/// A small valid module; `page` is the content of one page and `quiz` replaces the quiz.
func moduleXML(id: String = "test", page: String = "<p>Tekst.</p>", quiz: String? = nil, extra: String = "") -> String {
    let defaultQuiz = """
        <quiz id="toets" passPercent="70">
          <question id="q1" type="single">
            <prompt>Vraag?</prompt>
            <choice id="a" correct="true">Goed<feedback>Ja.</feedback></choice>
            <choice id="b">Fout<feedback>Nee.</feedback></choice>
            <explanation>Uitleg.</explanation>
          </question>
        </quiz>
        """
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <module xmlns="urn:samenwijzer:module:1" id="\(id)" version="1" xml:lang="nl">
          <title>Testmodule</title>
          <summary>Een module voor tests.</summary>
          <audience>Testers</audience>
          <studyLoad minutes="10"/>
          <authors><author>Team</author></authors>
          <objectives><objective>testen.</objective></objectives>
          <lesson id="les">
            <title>Les</title>
            <page id="pagina">
              <title>Pagina</title>
        \(page)
            </page>
          </lesson>
        \(quiz ?? defaultQuiz)
        \(extra)
        </module>
        """
}

/// The line (1-based) of the first line of `xml` containing `needle`, to assert reported positions.
func line(of needle: String, in xml: String) -> Int {
    let lines = xml.components(separatedBy: "\n")
    return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
}

extension Array where Element == Diagnostic {
    func with(rule: String) -> [Diagnostic] { filter { $0.rule == rule } }
}
