import Foundation
import Testing

@testable import ContentEngine

/// Each authoring-lint rule: a small module that triggers it, and one that does not.
@Suite("Authoring lint")
struct LintTests {
    let modules = TemporaryModules()
    static let jargonLoader = ModuleLoader(schema: sharedSchema, jargon: JargonList(lines: ["# test", "indicatie", "zorg in natura"]))

    func warnings(_ xml: String, rule: String, loader: ModuleLoader = moduleLoader) -> [Diagnostic] {
        let file = modules.write(xml)
        let result = loader.load(file: file, displayPath: "test/module.xml")
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.map(\.formatted))")
        return result.diagnostics.with(rule: rule)
    }

    static let longSentence =
        "Als je als mantelzorger merkt dat je zelf steeds minder slaapt en ook je werk en je vrienden langzaam uit het oog verliest omdat de zorg alle tijd vraagt, dan is het tijd om hulp te vragen."
    static let shortSentences = "Zorg goed voor jezelf. Vraag op tijd hulp. Dat is geen zwakte."

    @Test("sentence-length: a sentence over 25 words, quoted, on its paragraph's line")
    func sentenceLength() {
        let xml = moduleXML(page: "<p>\(Self.longSentence)</p>")
        let found = warnings(xml, rule: "sentence-length")
        #expect(found.count == 1)
        #expect(found.first?.line == line(of: Self.longSentence, in: xml))
        #expect(found.first?.message.contains("\"Als je als mantelzorger merkt dat je zelf") == true)
        #expect(warnings(moduleXML(page: "<p>\(Self.shortSentences)</p>"), rule: "sentence-length").isEmpty)
    }

    @Test("sentence splitting keeps abbreviations and lower-case continuations inside the sentence")
    func splitting() {
        let sentences = SentenceSplitter.sentences(in: "Er zijn o.a. dagbesteding en logeerzorg. Vraag bijv. de huisarts! Wat nu? zei ze. Klaar")
        #expect(sentences.map(\.words) == [6, 4, 4, 1])
    }

    @Test("page-sentences: a page whose mean is over 15 words names the mean and the longest sentence")
    func pageMean() {
        let twenty = "Een mantelzorger die voor een ouder met dementie zorgt heeft vaak weinig tijd over voor zijn eigen werk en vrienden."
        let page = Array(repeating: "<p>\(twenty)</p>", count: 5).joined(separator: "\n")
        let found = warnings(moduleXML(page: page), rule: "page-sentences")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("gemiddeld 20 woorden") == true || found.first?.message.contains("gemiddeld 20,0") == true)
        let short = Array(repeating: "<p>\(Self.shortSentences)</p>", count: 5).joined(separator: "\n")
        #expect(warnings(moduleXML(page: short), rule: "page-sentences").isEmpty)
    }

    @Test("page-length: over 600 words of reading text")
    func pageLength() {
        let paragraph = "<p>" + Array(repeating: "Zorg goed voor jezelf en vraag hulp.", count: 20).joined(separator: " ") + "</p>"
        let long = Array(repeating: paragraph, count: 5).joined(separator: "\n")  // 5 × 140 words
        #expect(warnings(moduleXML(page: long), rule: "page-length").count == 1)
        #expect(warnings(moduleXML(page: paragraph), rule: "page-length").isEmpty)
    }

    @Test("jargon: a listed word without <term> on the page; linked once is enough")
    func jargon() {
        let glossary = "<glossary><entry id=\"indicatie\" term=\"indicatie\">Een besluit over zorg.</entry></glossary>"
        let bare = moduleXML(page: "<p>Vraag een indicatie aan. Zorg in natura kan ook.</p>", extra: glossary)
        let found = warnings(bare, rule: "jargon", loader: Self.jargonLoader)
        #expect(found.map(\.message).contains { $0.contains("\"indicatie\"") && $0.contains("<term ref=\"indicatie\">") })
        #expect(found.map(\.message).contains { $0.contains("\"zorg in natura\"") })
        let linked = moduleXML(
            page: "<p>Vraag een <term ref=\"indicatie\">indicatie</term> aan. Met de indicatie kun je verder.</p>",
            extra: glossary
        )
        #expect(warnings(linked, rule: "jargon", loader: Self.jargonLoader).isEmpty)
    }

    @Test("link-text: 'klik hier' and an empty link say nothing")
    func linkText() {
        let vague = moduleXML(page: "<p>Meer weten? <link href=\"https://voorbeeld.nl\">Klik hier</link>.</p>")
        #expect(warnings(vague, rule: "link-text").count == 1)
        let clear = moduleXML(page: "<p>Lees <link href=\"https://voorbeeld.nl\">de folder over respijtzorg</link>.</p>")
        #expect(warnings(clear, rule: "link-text").isEmpty)
    }

    @Test("heading-order: a heading with no text under it, or inside a box")
    func headingOrder() {
        let empty = moduleXML(page: "<heading>Eén</heading>\n<heading>Twee</heading>\n<p>Tekst.</p>")
        #expect(warnings(empty, rule: "heading-order").count == 1)
        let last = moduleXML(page: "<p>Tekst.</p>\n<heading>Aan het eind</heading>")
        #expect(warnings(last, rule: "heading-order").count == 1)
        let boxed = moduleXML(page: "<callout type=\"tip\"><heading>Kop</heading><p>Tekst.</p></callout>")
        #expect(warnings(boxed, rule: "heading-order").count == 1)
        let fine = moduleXML(page: "<heading>Eén</heading>\n<p>Tekst.</p>\n<heading>Twee</heading>\n<p>Meer.</p>")
        #expect(warnings(fine, rule: "heading-order").isEmpty)
    }

    @Test("figure-citation: a percentage or a number with a unit needs a cite in the same paragraph")
    func figureCitation() {
        let sources = "<sources><source id=\"cbs\">CBS, Mantelzorg, 2022</source></sources>"
        let bare = moduleXML(page: "<p>Ongeveer 12 procent van de mantelzorgers is overbelast.</p>\n<p>Ook 1 op de 8 jongeren.</p>")
        #expect(warnings(bare, rule: "figure-citation").count == 2)
        let cited = moduleXML(page: "<p>Ongeveer 12% is overbelast <cite ref=\"cbs\">CBS, 2022</cite>.</p>", extra: sources)
        #expect(warnings(cited, rule: "figure-citation").isEmpty)
        let story = moduleXML(page: "<case title=\"Casus\"><p>Anja zorgt 30 procent van haar tijd voor haar vader.</p></case>")
        #expect(warnings(story, rule: "figure-citation").isEmpty)
        let notFigures = moduleXML(page: "<p>In 2022 zette ze 3 stappen. Om 14.00 uur belt ze. Lees artikel 2.3.2.</p>")
        #expect(warnings(notFigures, rule: "figure-citation").isEmpty)
        #expect(FigureDetector.firstFigure(in: "Er zijn 280.000 mensen met dementie.") == "280.000")
        #expect(FigureDetector.firstFigure(in: "Het kost € 25 per maand.") == "€ 25")
    }

    @Test("source-date: a source without a year or access date")
    func sourceDate() {
        let cite = "<p>Lees meer <cite ref=\"bron\"/>.</p>"
        let undated = moduleXML(page: cite, extra: "<sources><source id=\"bron\" href=\"https://voorbeeld.nl\">MantelzorgNL, Tips</source></sources>")
        let found = warnings(undated, rule: "source-date")
        #expect(found.count == 1 && found.first?.message.contains("geraadpleegd") == true)
        let dated = moduleXML(page: cite, extra: "<sources><source id=\"bron\">MantelzorgNL, Tips, geraadpleegd 2026-03</source></sources>")
        #expect(warnings(dated, rule: "source-date").isEmpty)
    }

    static func check(_ id: String, correct: Int, texts: [String] = ["Ja", "Nee", "Soms"]) -> String {
        let choices = texts.enumerated().map { index, text in
            "<choice id=\"c\(index)\"\(index == correct ? " correct=\"true\"" : "")>\(text)<feedback>Uitleg.</feedback></choice>"
        }
        return "<check id=\"\(id)\" type=\"single\"><prompt>Vraag?</prompt>\(choices.joined())</check>"
    }

    @Test("answer-key-position: every single-choice check has the right answer first")
    func answerPosition() {
        let first = moduleXML(page: (1...3).map { Self.check("c\($0)", correct: 0) }.joined(separator: "\n"))
        let found = warnings(first, rule: "answer-key-position")
        #expect(found.count == 1 && found.first?.message.contains("antwoord 1") == true)
        let mixed = moduleXML(
            page: [Self.check("c1", correct: 0), Self.check("c2", correct: 2), Self.check("c3", correct: 1)].joined(separator: "\n")
        )
        #expect(warnings(mixed, rule: "answer-key-position").isEmpty)
    }

    @Test("answer-key-longest: the right option is the longest in most questions")
    func answerLongest() {
        let long = ["Kort", "Ook kort", "Dit is het uitgebreide, zorgvuldig geformuleerde antwoord"]
        let giveaway = moduleXML(page: (0..<3).map { Self.check("c\($0)", correct: 2 - ($0 == 1 ? 0 : 0), texts: long) }.joined(separator: "\n"))
        #expect(warnings(giveaway, rule: "answer-key-longest").count == 1)
        let fair = moduleXML(
            page: (0..<3).map { Self.check("c\($0)", correct: $0, texts: ["Een antwoord", "Nog een antwoord", "Derde antwoord"]) }
                .joined(separator: "\n")
        )
        #expect(warnings(fair, rule: "answer-key-longest").isEmpty)
    }

    static func statement(_ id: String, true isTrue: Bool) -> String {
        """
        <question id="\(id)" type="truefalse"><prompt>Stelling.</prompt>
        <choice id="waar"\(isTrue ? " correct=\"true\"" : "")>Waar<feedback>Uitleg.</feedback></choice>
        <choice id="niet-waar"\(isTrue ? "" : " correct=\"true\"")>Niet waar<feedback>Uitleg.</feedback></choice>
        <explanation>Uitleg.</explanation></question>
        """
    }

    @Test("answer-key-truefalse: every true/false key is the same")
    func answerTrueFalse() {
        let quiz = { (keys: [Bool]) in
            "<quiz id=\"toets\" passPercent=\"70\">"
                + keys.enumerated().map { Self.statement("q\($0.offset)", true: $0.element) }.joined(separator: "\n") + "</quiz>"
        }
        let allTrue = warnings(moduleXML(quiz: quiz([true, true, true])), rule: "answer-key-truefalse")
        #expect(allTrue.count == 1 && allTrue.first?.message.contains("\"Waar\"") == true)
        #expect(warnings(moduleXML(quiz: quiz([true, false, true])), rule: "answer-key-truefalse").isEmpty)
    }

    @Test("one rule reports at most 50 times per file, then says how many more")
    func capped() {
        let page = Array(repeating: "<p>\(Self.longSentence)</p>", count: 60).joined(separator: "\n")
        let found = warnings(moduleXML(page: page), rule: "sentence-length")
        #expect(found.count == 51)
        #expect(found.contains { $0.line == 0 && $0.message.contains("Nog 10 keer") })
    }
}
