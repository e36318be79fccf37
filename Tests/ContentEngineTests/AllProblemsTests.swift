import Foundation
import Testing

@testable import ContentEngine

/// Validation reports schema errors and semantic problems in one pass once the file is well-formed, without
/// saying the same thing twice and without tripping over the parts the schema refused.
@Suite("All problems at once")
struct AllProblemsTests {
    let modules = TemporaryModules()

    @Test("a schema error and semantic errors in the same file are all reported")
    func both() throws {
        let xml = moduleXML(
            page: """
                <kop>Verkeerd element</kop>
                <p>Zie <term ref="bestaat-niet">dit begrip</term>.</p>
                <check id="c1" type="single"><prompt>Vraag?</prompt>
                  <choice id="a" correct="true">Ja<feedback>Goed.</feedback></choice>
                  <choice id="a" correct="true">Nee<feedback>Fout.</feedback></choice>
                </check>
                """,
            quiz: """
                <quiz id="toets" passPercent="170" draw="3">
                  <question id="q1" type="single"><prompt>Vraag?</prompt>
                    <choice id="a" correct="true">Ja<feedback>Ja.</feedback></choice><choice id="b">Nee<feedback>Nee.</feedback></choice>
                    <explanation>Uitleg.</explanation></question>
                </quiz>
                """
        )
        let result = modules.load(xml)
        #expect(result.module == nil)
        let rules = Set(result.diagnostics.map(\.rule))
        #expect(
            rules.isSuperset(of: [
                "schema-unexpected-element", "schema-invalid-value", "unknown-term", "duplicate-choice-id", "answer-key", "quiz-draw",
            ]),
            "\(rules)"
        )
        #expect(result.diagnostics.with(rule: "unknown-term").first?.line == line(of: "bestaat-niet", in: xml))
    }

    @Test("what the schema already reports (missing id, src, ref, href, type) is not repeated by a rule")
    func noRepeats() throws {
        let xml = moduleXML(
            page: """
                <p>Een <term>begrip</term> en een <link>link</link> en <cite/>.</p>
                <image alt="Een tekening van twee mensen aan tafel."/>
                <check type="soms"><prompt>Vraag?</prompt><choice id="a">Ja</choice><choice id="b">Nee</choice></check>
                """
        )
        let result = modules.load(xml)
        #expect(result.diagnostics.contains { $0.rule == "schema-missing-attribute" })
        for rule in [
            "unknown-term", "unknown-source", "link-scheme", "media-path", "media-missing", "answer-key", "duplicate-id", "question-structure",
        ] {
            #expect(result.diagnostics.with(rule: rule).isEmpty, "\(rule): \(result.diagnostics.map(\.formatted))")
        }
    }

    @Test("a truefalse question with one choice gets one message, the schema's")
    func sameSpot() throws {
        let xml = moduleXML(
            page: """
                <check id="c1" type="truefalse"><prompt>Stelling.</prompt><choice id="a" correct="true">Waar<feedback>Ja.</feedback></choice></check>
                """
        )
        let result = modules.load(xml)
        let here = result.diagnostics.filter { $0.severity == .error && $0.line == line(of: "<check id=\"c1\"", in: xml) }
        #expect(here.count == 1, "\(result.diagnostics.map(\.formatted))")
    }

    @Test("no crash on structure the schema refused: unknown elements, blocks in the wrong place, empty parts")
    func partialStructure() throws {
        let samples = [
            moduleXML(page: "<lesson id=\"x\"><page id=\"y\"/></lesson><quiz/><glossary/>"),
            moduleXML(page: "<callout><callout><case><check/></case></callout></callout><list/><quote/><video/><audio/>"),
            moduleXML(page: "<p><em><strong><term ref=\"\"><link href=\"\">x</link></term></strong></em></p>", quiz: "<quiz><question/></quiz>"),
            "<?xml version=\"1.0\"?>\n<module xmlns=\"urn:samenwijzer:module:1\"><lesson><page><check type=\"match\"><pair/></check></page></lesson></module>",
            "<?xml version=\"1.0\"?>\n<module xmlns=\"urn:samenwijzer:module:1\"><sources><source/></sources><glossary><entry/></glossary></module>",
        ]
        for xml in samples {
            let result = modules.load(xml)
            #expect(result.module == nil)
            #expect(result.diagnostics.hasErrors)
        }
    }

    @Test("a wrong root gets only the schema's message")
    func wrongRoot() throws {
        let result = modules.load("<?xml version=\"1.0\"?>\n<cursus xmlns=\"urn:samenwijzer:module:1\"><p>12 procent</p></cursus>")
        #expect(result.diagnostics.map(\.rule) == ["schema-root"])
    }
}
