import Foundation
import Testing

/// docs/authoring.md cannot drift from the schema and the rules: every element the XSD declares is in the guide's
/// element reference, and every rule id the validator can emit is in its rule reference.
@Suite("Authoring guide")
struct GuideTests {
    static let guide = (try? String(contentsOf: repositoryRoot.appendingPathComponent("docs/authoring.md"), encoding: .utf8)) ?? ""

    static func section(_ start: String, until end: String) -> Substring {
        guard let from = guide.range(of: start), let to = guide.range(of: end, range: from.upperBound..<guide.endIndex) else { return "" }
        return guide[from.lowerBound..<to.lowerBound]
    }

    static func matches(_ pattern: String, in text: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return Set(regex.matches(in: text, range: range).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } })
    }

    @Test("every element the XSD declares is in the element reference (section 3)")
    func elements() throws {
        let xsd = try String(contentsOf: repositoryRoot.appendingPathComponent("Assets/schema/module.xsd"), encoding: .utf8)
        let declared = Self.matches(#"<xs:element name="([A-Za-z]+)""#, in: xsd)
        #expect(declared.count > 40, "the XSD parse found \(declared.count) elements")
        let reference = String(Self.section("## 3. Element reference", until: "## 4."))
        // Written as `name`, `name attr="…"` or `<name>` in a table or sentence.
        let mentioned = Self.matches(#"`<?([A-Za-z]+)[`> ]"#, in: reference)
        #expect(declared.subtracting(mentioned).isEmpty, "not in section 3 of docs/authoring.md: \(declared.subtracting(mentioned).sorted())")
    }

    @Test("every rule id in the content engine's sources is in the rule reference (section 6)")
    func rules() throws {
        let folder = repositoryRoot.appendingPathComponent("Sources/ContentEngine")
        var sources = ""
        for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! where file.pathExtension == "swift" {
            sources += try String(contentsOf: file, encoding: .utf8)
        }
        var emitted = Self.matches(#"warn\(\s*"([a-z-]+)""#, in: sources)
        emitted.formUnion(Self.matches(#"report\(\s*\.(?:error|warning),\s*"([a-z-]+)""#, in: sources))
        emitted.formUnion(Self.matches(#"rule: "([a-z-]+)""#, in: sources))
        #expect(emitted.isSuperset(of: ["sentence-length", "jargon", "answer-key-truefalse", "duplicate-id", "xml-syntax"]), "\(emitted.sorted())")
        let reference = String(Self.section("## 6. Rule reference", until: "## 7."))
        let documented = Self.matches(#"\| `([a-z-]+)` \|"#, in: reference)
        #expect(emitted.subtracting(documented).isEmpty, "not in section 6 of docs/authoring.md: \(emitted.subtracting(documented).sorted())")
    }
}
