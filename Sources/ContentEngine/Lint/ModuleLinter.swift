import Foundation

/// Authoring lint: warnings about how a module reads and tests, not whether it works (B1 sentences, jargon, link
/// texts, headings, page length, answer-key patterns, figures and sources). Every finding is a warning with a rule
/// id, so `validate --strict` can make CI refuse them and the author area can show them.
///
/// It walks the libxml2 tree rather than the `Module` value because warnings need the line of the paragraph, and
/// because it must also run on documents the schema refused (the author sees everything in one pass): every lookup
/// is by element name and tolerates missing or unexpected parts. Each element is visited once, so the work is linear
/// in the file, and each rule reports at most `LintBudgets.maximumWarningsPerRule` times per file.
final class ModuleLinter {
    let file: String
    let source: SourceText
    let jargon: JargonList
    private(set) var diagnostics: [Diagnostic] = []
    private var reported: [String: Int] = [:]
    /// Glossary entries (lower-case term, id), to suggest the `ref` in a jargon warning.
    var glossaryEntries: [(term: String, id: String)] = []
    /// Every inline check, in document order, for the answer-key patterns across a module's checks.
    var checks: [XMLElement] = []

    init(file: String, source: SourceText, jargon: JargonList) {
        self.file = file
        self.source = source
        self.jargon = jargon
    }

    func lint(_ root: XMLElement) -> [Diagnostic] {
        let glossary = root.firstChild(named: "glossary")?.children(named: "entry") ?? []
        for entry in glossary {
            if let term = entry.attribute("term"), let id = entry.attribute("id") { glossaryEntries.append((term.lowercased(), id)) }
        }
        for lesson in root.children(named: "lesson") {
            for page in lesson.children(named: "page") { lintPage(page) }
        }
        lintAnswerKeys(checks, isQuiz: false, at: checks.first)
        if let quiz = root.firstChild(named: "quiz") {
            let questions = quiz.children(named: "question")
            for question in questions { lintQuestionText(question) }
            lintAnswerKeys(questions, isQuiz: true, at: quiz, shuffled: ["true", "1"].contains(quiz.attribute("shuffle") ?? ""))
        }
        for entry in glossary { lintFigure(InlineContent(entry), at: entry) }
        for source in root.firstChild(named: "sources")?.children(named: "source") ?? [] { lintSourceDate(source) }
        for (rule, count) in reported.sorted(by: { $0.key < $1.key }) where count > LintBudgets.maximumWarningsPerRule {
            let omitted = count - LintBudgets.maximumWarningsPerRule
            diagnostics.append(
                Diagnostic(
                    .warning,
                    rule: rule,
                    "Nog \(omitted) keer deze waarschuwing in dit bestand; die zijn niet getoond. Los de getoonde eerst op en controleer opnieuw.",
                    file: file
                )
            )
        }
        return diagnostics
    }

    /// The glossary entry a jargon phrase most likely belongs to: the same term, the same id, or a term that
    /// starts or ends with the phrase ("casemanager" → "casemanager dementie").
    func glossaryId(for phrase: String) -> String? {
        let asId = phrase.replacingOccurrences(of: " ", with: "-").folding(options: .diacriticInsensitive, locale: nil)
        return glossaryEntries.first { $0.term == phrase }?.id ?? glossaryEntries.first { $0.id == asId }?.id
            ?? glossaryEntries.first { $0.term.hasPrefix(phrase + " ") || $0.term.hasSuffix(" " + phrase) }?.id
    }

    func warn(_ rule: String, _ message: String, at element: XMLElement?, attribute: String? = nil) {
        let count = reported[rule, default: 0] + 1
        reported[rule] = count
        guard count <= LintBudgets.maximumWarningsPerRule else { return }
        let location = element.map { source.column(line: $0.line, element: $0.name, attribute: attribute) } ?? .unknown
        diagnostics.append(Diagnostic(.warning, rule: rule, message, file: file, line: location.line, column: location.column))
    }

    /// A source needs a year of publication, or for a web page the date it was read ("geraadpleegd 2026-03"),
    /// so a learner can judge how current a figure is.
    func lintSourceDate(_ source: XMLElement) {
        let hasYear = Self.containsYear(source.text)
        guard !hasYear else { return }
        let id = source.attribute("id") ?? ""
        let advice =
            source.attribute("href") == nil
            ? "Zet het jaar van uitgave erachter, zoals: CBS, Mantelzorg in Nederland, 2022."
            : "Zet het jaar van uitgave erachter, of bij een webpagina zonder jaar de maand waarin je hem las: geraadpleegd 2026-03."
        warn("source-date", "De bron \"\(id)\" heeft geen jaartal. \(advice)", at: source)
    }

    /// A run of exactly four digits starting with 19 or 20 ("2022", "2026-03", "10-11-2022").
    static func containsYear(_ text: String) -> Bool {
        var run = ""
        for character in text + " " {
            if ("0"..."9").contains(character) {
                run.append(character)
                continue
            }
            if run.count == 4, run.hasPrefix("19") || run.hasPrefix("20") { return true }
            run = ""
        }
        return false
    }
}
