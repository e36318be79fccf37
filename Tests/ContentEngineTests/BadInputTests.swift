import Foundation
import Testing

@testable import ContentEngine

/// Every kind of broken file ends in a clear diagnostic with file, line and message; nothing crashes.
@Suite("Bad input")
struct BadInputTests {
    let modules = TemporaryModules()

    @Test("XML that is not well-formed names the line, the column and the tags")
    func notWellFormed() throws {
        let xml = moduleXML(page: "<p>Een alinea zonder eindtag\n</page>")
        let result = modules.load(xml)
        #expect(result.module == nil)
        let problem = try #require(result.diagnostics.first)
        #expect(problem.rule == "xml-syntax")
        #expect(problem.file == "test/module.xml")
        #expect(problem.line == line(of: "</page>", in: xml))
        #expect(problem.column > 0)
        #expect(problem.message.contains("</page>") && problem.message.contains("<p>"))
    }

    @Test("a bare ampersand is explained")
    func bareAmpersand() throws {
        let result = modules.load(moduleXML(page: "<p>Zorg & welzijn</p>"))
        #expect(result.diagnostics.first?.message.contains("&amp;") == true)
    }

    @Test("a wrong namespace or root element is refused with what to write instead")
    func wrongRoot() throws {
        let wrongNamespace = moduleXML().replacingOccurrences(of: "urn:samenwijzer:module:1", with: "urn:iets:anders")
        let result = modules.load(wrongNamespace)
        #expect(result.module == nil)
        #expect(result.diagnostics.first?.rule == "schema-root")
        #expect(result.diagnostics.first?.line == 2)
        #expect(result.diagnostics.first?.message.contains("urn:samenwijzer:module:1") == true)

        let wrongRoot = modules.load("<?xml version=\"1.0\"?>\n<cursus xmlns=\"urn:samenwijzer:module:1\"/>")
        #expect(wrongRoot.diagnostics.first?.rule == "schema-root")
    }

    @Test("an external entity pointing at a local file never leaks its content")
    func externalEntity() throws {
        let secret = modules.root.appendingPathComponent("secret.txt")
        let marker = "GEHEIM-\(UUID().uuidString)"
        try marker.write(to: secret, atomically: true, encoding: .utf8)
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE module [ <!ENTITY xxe SYSTEM "file://\(secret.path)"> ]>
            """ + moduleXML(page: "<p>&xxe;</p>").drop { $0 != "\n" }
        let result = modules.load(xml)
        #expect(result.module == nil)
        #expect(result.diagnostics.hasErrors)
        #expect(result.diagnostics.contains { $0.rule == "doctype-not-allowed" })
        #expect(!result.diagnostics.contains { $0.message.contains(marker) })
    }

    @Test("an entity-expansion bomb is refused")
    func entityBomb() throws {
        var entities = "<!ENTITY a0 \"hahahahahahahahahahaha\">"
        for level in 1...12 {
            let previous = "&a\(level - 1);"
            entities += "<!ENTITY a\(level) \"\(String(repeating: previous, count: 10))\">"
        }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE module [\(entities)]>" + moduleXML(page: "<p>&a12;</p>").drop { $0 != "\n" }
        let result = modules.load(xml)
        #expect(result.module == nil)
        #expect(result.diagnostics.hasErrors)
        #expect(result.diagnostics.contains { ["xml-entities", "doctype-not-allowed"].contains($0.rule) })
    }

    @Test("a 50 MB file is refused before parsing")
    func hugeFile() throws {
        var bytes = Array(moduleXML().utf8)
        bytes.append(contentsOf: Array("<!--".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 50 * 1024 * 1024) + Array("-->".utf8))
        let file = modules.writeBytes(bytes)
        let result = moduleLoader.load(file: file, displayPath: "test/module.xml")
        #expect(result.module == nil)
        let problem = try #require(result.diagnostics.first)
        #expect(problem.rule == "file-too-large")
        #expect(problem.message.contains("50,0 MB") && problem.message.contains("20,0 MB"))
    }

    @Test("a file that is not UTF-8 names the first bad character")
    func notUTF8() throws {
        var bytes = Array(moduleXML(page: "<p>Caf</p>").utf8)
        let index = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("Caf<".utf8)) })
        bytes.insert(0xE9, at: index + 3)  // é in Latin-1
        let result = moduleLoader.load(file: modules.writeBytes(bytes), displayPath: "test/module.xml")
        let problem = try #require(result.diagnostics.first)
        #expect(problem.rule == "encoding")
        #expect(problem.line == line(of: "<p>Caf</p>", in: moduleXML(page: "<p>Caf</p>")))
        #expect(problem.message.contains("UTF-8"))

        let utf16 = moduleLoader.load(file: modules.writeBytes([0xFF, 0xFE, 0x3C, 0x00]), displayPath: "x")
        #expect(utf16.diagnostics.first?.rule == "encoding")

        let latinDeclared = modules.load(moduleXML().replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\""))
        #expect(latinDeclared.diagnostics.first?.rule == "encoding")
    }

    @Test("an empty file says how to start")
    func emptyFile() throws {
        let result = modules.load("")
        #expect(result.diagnostics.map(\.rule) == ["file-empty"])
        #expect(modules.load("  \n\n ").diagnostics.map(\.rule) == ["file-empty"])
    }

    @Test(
        "media paths must stay inside the module folder",
        arguments: ["../buiten.svg", "/etc/passwd.svg", "media/../../x.svg", "https://example.org/x.svg"]
    )
    func mediaEscapes(src: String) throws {
        let xml = moduleXML(page: "<image src=\"\(src)\" alt=\"Een tekening van een huis met een tuin.\"/>")
        let result = modules.load(xml)
        #expect(result.module == nil)
        let problem = try #require(result.diagnostics.with(rule: "media-path").first)
        #expect(problem.line == line(of: "<image", in: xml))
        #expect(problem.message.contains(src))
    }

    @Test("a symlink out of the module folder is refused, a missing file is named")
    func symlinkAndMissing() throws {
        let outside = modules.root.appendingPathComponent("outside.svg")
        _ = FileManager.default.createFile(atPath: outside.path, contents: Data("<svg/>".utf8))
        let xml = moduleXML(
            page: """
                <image src="media/link.svg" alt="Een tekening van een huis met een tuin."/>
                <image src="media/weg.svg" alt="Een tekening van een boom."/>
                """
        )
        let file = modules.write(xml)
        try FileManager.default.createSymbolicLink(
            at: file.deletingLastPathComponent().appendingPathComponent("media/link.svg"),
            withDestinationURL: outside
        )
        let result = moduleLoader.load(file: file, displayPath: "test/module.xml")
        #expect(result.diagnostics.with(rule: "media-path").count == 1)
        let missing = try #require(result.diagnostics.with(rule: "media-missing").first)
        #expect(missing.message.contains("media/weg.svg"))
        #expect(missing.line == line(of: "weg.svg", in: xml))
    }

    @Test("duplicate ids name both places")
    func duplicateIds() throws {
        let xml = moduleXML(page: "<p>x</p>\n</page>\n<page id=\"pagina\">\n<title>Nog een</title><p>y</p>")
        let result = modules.load(xml)
        let problem = try #require(result.diagnostics.with(rule: "duplicate-id").first)
        #expect(problem.line == line(of: "<page id=\"pagina\">", in: xml) + 0 || problem.line > line(of: "<page id=\"pagina\">", in: xml))
        #expect(problem.message.contains("regel \(line(of: "<page id=\"pagina\">", in: xml))"))
        #expect(result.module == nil)
    }

    @Test("a quiz whose answer key is wrong is refused, per question type")
    func wrongAnswerKeys() throws {
        let quiz = """
            <quiz id="toets" passPercent="70">
              <question id="twee-goed" type="single"><prompt>?</prompt>
                <choice id="a" correct="true">A<feedback>f</feedback></choice><choice id="b" correct="true">B<feedback>f</feedback></choice>
                <explanation>e</explanation></question>
              <question id="geen-goed" type="multiple"><prompt>?</prompt>
                <choice id="a">A<feedback>f</feedback></choice><choice id="b">B<feedback>f</feedback></choice>
                <explanation>e</explanation></question>
              <question id="drie-keuzes" type="truefalse"><prompt>?</prompt>
                <choice id="a" correct="true">Waar<feedback>f</feedback></choice><choice id="b">Niet waar<feedback>f</feedback></choice><choice id="c">Misschien<feedback>f</feedback></choice>
                <explanation>e</explanation></question>
              <question id="verkeerd-type" type="match"><prompt>?</prompt>
                <choice id="a" correct="true">A<feedback>f</feedback></choice><choice id="b">B<feedback>f</feedback></choice>
                <explanation>e</explanation></question>
              <question id="dubbel-rechts" type="match"><prompt>?</prompt>
                <pair id="a"><left>1</left><right>X</right></pair><pair id="b"><left>2</left><right>x</right></pair>
                <explanation>e</explanation></question>
            </quiz>
            """
        let xml = moduleXML(quiz: quiz)
        let result = modules.load(xml)
        #expect(result.module == nil)
        let keys = result.diagnostics.with(rule: "answer-key")
        #expect(
            keys.map(\.line) == [
                line(of: "twee-goed", in: xml), line(of: "geen-goed", in: xml), line(of: "drie-keuzes", in: xml),
                line(of: "dubbel-rechts", in: xml),
            ]
        )
        #expect(keys[0].message.contains("precies één goed antwoord") && keys[0].message.contains("er 2"))
        #expect(result.diagnostics.with(rule: "question-structure").first?.line == line(of: "verkeerd-type", in: xml))
    }

    @Test("schema messages are plain Dutch and point at the attribute")
    func schemaMessages() throws {
        let xml = moduleXML(page: "<image src=\"media/a.svg\"/>\n<callout type=\"gevaar\"><p>x</p></callout>")
            .replacingOccurrences(of: "<quiz id=\"toets\" passPercent=\"70\">", with: "<quiz id=\"toets\" passPercent=\"0\">")
        let result = modules.load(xml, media: ["media/a.svg"])
        let missing = try #require(result.diagnostics.with(rule: "schema-missing-attribute").first)
        #expect(missing.message.contains("alt") && missing.line == line(of: "<image", in: xml))
        let values = result.diagnostics.with(rule: "schema-invalid-value")
        #expect(values.contains { $0.message.contains("gevaar") && $0.message.contains("tip, info, warning") })
        let pass = try #require(values.first { $0.message.contains("passPercent") })
        #expect(pass.line == line(of: "passPercent", in: xml))
        #expect(
            pass.column
                == (xml.components(separatedBy: "\n")[pass.line - 1].range(of: "passPercent")!.lowerBound.utf16Offset(
                    in: xml.components(separatedBy: "\n")[pass.line - 1]
                ) + 1)
        )
    }

    @Test("an unexpected element lists what may come instead")
    func unexpectedElement() throws {
        let xml = moduleXML(quiz: "<toets/>")
        let problem = try #require(modules.load(xml).diagnostics.first)
        #expect(problem.rule == "schema-unexpected-element")
        #expect(problem.message.contains("<toets>") && problem.message.contains("<quiz>"))
        #expect(problem.line == line(of: "<toets/>", in: xml))
    }

    @Test("references, links and alt texts are checked")
    func referencesLinksAlt() throws {
        let xml = moduleXML(
            page: """
                <p>Zie <term ref="onbekend">x</term> en <cite ref="nergens"/> en <link href="javascript:alert(1)">klik</link>.</p>
                <image src="media/a.svg" alt="a.svg"/>
                <video src="media/v.webm" title="Film"/>
                """
        )
        let result = modules.load(xml, media: ["media/a.svg", "media/v.webm"])
        #expect(result.diagnostics.with(rule: "unknown-term").count == 1)
        #expect(result.diagnostics.with(rule: "unknown-source").count == 1)
        #expect(result.diagnostics.with(rule: "link-scheme").first?.message.contains("javascript:") == true)
        #expect(result.diagnostics.with(rule: "alt-text").count == 1)
        #expect(result.diagnostics.with(rule: "media-captions").count == 1)
    }

    @Test("module ids match their folder and are unique in the catalog")
    func catalogRules() throws {
        modules.write(moduleXML(id: "een"), id: "een")
        modules.write(moduleXML(id: "een"), id: "twee")
        let result = CatalogLoader(loader: moduleLoader).load(paths: [modules.root], relativeTo: modules.root)
        #expect(result.filesChecked == 2)
        #expect(result.diagnostics.with(rule: "module-id-folder").first?.file == "twee/module.xml")
        #expect(result.catalog.modules.map(\.id) == ["een"])
    }

    @Test("deep nesting is refused without a crash")
    func deepNesting() throws {
        let nested = String(repeating: "<em>", count: 400) + "x" + String(repeating: "</em>", count: 400)
        let result = modules.load(moduleXML(page: "<p>\(nested)</p>"))
        #expect(result.module == nil)
        #expect(result.diagnostics.contains { $0.rule == "xml-too-deep" })
    }
}
