import DomainValues
import Foundation

/// Reads a module document into a `Module` value and checks the rules XSD cannot express (unique ids,
/// references, media, answer keys). Every problem becomes a `Diagnostic`; reading goes on after a problem so the
/// author sees them all at once. The document may have failed the schema: every lookup tolerates a missing
/// attribute or an unexpected element, and a rule whose input the schema already refused (an absent id or src)
/// stays quiet rather than repeat it.
final class ModuleReader {
    let file: String
    let folder: URL
    let source: SourceText
    var diagnostics: [Diagnostic] = []

    /// Module-wide ids (lessons, pages, checks, questions, quiz, glossary, sources) and where they were declared.
    var declaredIds: [String: PendingLocation] = [:]
    var termReferences: [(ref: String, at: PendingLocation)] = []
    var citeReferences: [(ref: String, at: PendingLocation)] = []

    init(file: String, folder: URL, source: SourceText) {
        self.file = file
        self.folder = folder
        self.source = source
    }

    // MARK: Diagnostics

    func report(_ severity: Diagnostic.Severity, _ rule: String, _ message: String, at pending: PendingLocation) {
        let location = pending.element.map { source.column(line: $0.line, element: $0.name, attribute: pending.attribute) } ?? .unknown
        diagnostics.append(Diagnostic(severity, rule: rule, message, file: file, line: location.line, column: location.column))
    }

    /// Where an element (or one of its attributes) is; the column is only worked out if a diagnostic needs
    /// it, because finding it means scanning the source line. Valid while the document is alive.
    func location(of element: XMLElement, attribute: String? = nil) -> PendingLocation {
        PendingLocation(element: element, attribute: attribute)
    }

    /// Records a module-wide id; a second use of the same id is an error that names the first.
    func declare(_ id: String, of element: XMLElement) {
        guard !id.isEmpty else { return }  // no id at all: the schema reports the missing attribute
        let here = location(of: element, attribute: "id")
        if let first = declaredIds[id] {
            report(
                .error,
                "duplicate-id",
                "De id \"\(id)\" wordt al gebruikt op regel \(first.element?.line ?? 0). Elke id moet uniek zijn in de module: kies een andere naam.",
                at: here
            )
        } else {
            declaredIds[id] = here
        }
    }

    // MARK: Module

    func read(_ root: XMLElement) -> Module {
        let id = root.attribute("id") ?? ""
        if root.attribute("id") != nil, id != folder.lastPathComponent {
            report(
                .error,
                "module-id-folder",
                "De id van de module (\"\(id)\") moet gelijk zijn aan de naam van de map (\"\(folder.lastPathComponent)\"). Pas een van beide aan.",
                at: location(of: root, attribute: "id")
            )
        }
        let language = root.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace")
        if language == nil {
            report(.warning, "language", "Geef de taal van de module op met xml:lang=\"nl\" bij <module>.", at: location(of: root))
        }

        var module = Module(
            id: id,
            version: root.attribute("version") ?? "",
            language: language ?? "nl",
            title: root.firstChild(named: "title")?.text ?? "",
            summary: root.firstChild(named: "summary")?.text ?? "",
            audience: root.firstChild(named: "audience")?.text ?? "",
            studyLoadMinutes: root.firstChild(named: "studyLoad")?.attribute("minutes").flatMap { Int($0) } ?? 0,
            accreditations: [],
            authors: root.firstChild(named: "authors")?.children(named: "author").map(\.text) ?? [],
            licence: nil,
            objectives: root.firstChild(named: "objectives")?.children(named: "objective").map(\.text) ?? [],
            lessons: [],
            quiz: nil,
            glossary: [],
            sources: [],
            folder: folder
        )
        module.accreditations = root.children(named: "accreditation").map {
            Accreditation(
                register: $0.attribute("register") ?? "",
                number: $0.attribute("number") ?? "",
                points: $0.attribute("points") ?? ""
            )
        }
        module.reviews = root.children(named: "review").map {
            Module.Review(
                date: $0.attribute("date") ?? "",
                role: $0.attribute("role") ?? "",
                organisation: $0.attribute("organisation") ?? "",
                scope: $0.text
            )
        }
        if let licence = root.firstChild(named: "licence") {
            let href = licence.attribute("href")
            if let href { checkHref(href, of: licence) }
            module.licence = Module.Licence(name: licence.text, href: href)
        }
        module.lessons = root.children(named: "lesson").map { readLesson($0) }
        module.quiz = root.firstChild(named: "quiz").map { readQuiz($0) }
        module.glossary = root.firstChild(named: "glossary")?.children(named: "entry").map { readGlossaryEntry($0) } ?? []
        module.sources = root.firstChild(named: "sources")?.children(named: "source").map { readSource($0) } ?? []
        checkReferences(module)
        checkObjectives(module, quizElement: root.firstChild(named: "quiz"))
        if let studyLoad = root.firstChild(named: "studyLoad") { checkStudyLoad(module, at: location(of: studyLoad, attribute: "minutes")) }
        return module
    }

    /// Registers award points per hour of study, so the declared load must be honest: it may differ from the
    /// estimate from the content (`StudyLoadEstimate`) by at most a quarter (and always by 15 minutes).
    func checkStudyLoad(_ module: Module, at pending: PendingLocation) {
        let estimate = StudyLoadEstimate(module)
        let declared = module.studyLoadMinutes
        guard declared > 0, abs(declared - estimate.minutes) > max(15, estimate.minutes / 4) else { return }
        report(
            .warning,
            "study-load-estimate",
            "De studielast is \(declared) minuten, maar de inhoud geeft ongeveer \(estimate.minutes) minuten (\(estimate.words) woorden "
                + "leestekst, \(estimate.checks) oefenvragen, \(estimate.cases) casussen, \(estimate.reflections) reflecties, "
                + "\(estimate.quizQuestions) toetsvragen). Pas <studyLoad minutes> aan, of vul de module aan.",
            at: pending
        )
    }

    func readLesson(_ element: XMLElement) -> Lesson {
        let id = element.attribute("id") ?? ""
        declare(id, of: element)
        return Lesson(
            id: id,
            title: element.firstChild(named: "title")?.text ?? "",
            summary: element.firstChild(named: "summary")?.text,
            pages: element.children(named: "page").map { readPage($0) }
        )
    }

    func readPage(_ element: XMLElement) -> Page {
        let id = element.attribute("id") ?? ""
        declare(id, of: element)
        let blocks = element.children.filter { $0.name != "title" }.compactMap { readBlock($0) }
        return Page(id: id, title: element.firstChild(named: "title")?.text ?? "", blocks: blocks)
    }

    func readGlossaryEntry(_ element: XMLElement) -> GlossaryEntry {
        let id = element.attribute("id") ?? ""
        declare(id, of: element)
        return GlossaryEntry(id: id, term: element.attribute("term") ?? "", definition: inlines(of: element))
    }

    func readSource(_ element: XMLElement) -> Source {
        let id = element.attribute("id") ?? ""
        declare(id, of: element)
        let href = element.attribute("href")
        if let href { checkHref(href, of: element) }
        return Source(id: id, text: element.text, href: href)
    }

    /// Links, licence and source addresses: only web and mail addresses, never `javascript:` or local files.
    func checkHref(_ href: String, of element: XMLElement) {
        guard !href.isEmpty else { return }  // the schema refuses an empty address
        let lower = href.lowercased()
        let allowed = ["https://", "http://", "mailto:"]
        guard allowed.contains(where: { lower.hasPrefix($0) }) else {
            report(
                .error,
                "link-scheme",
                "Het adres \"\(href)\" is niet toegestaan. Een link begint met https://, http:// of mailto:.",
                at: location(of: element, attribute: "href")
            )
            return
        }
        if lower.hasPrefix("http"), URL(string: href)?.host == nil {
            report(
                .error,
                "link-scheme",
                "Het adres \"\(href)\" is geen volledig webadres. Schrijf het als https://voorbeeld.nl/pagina.",
                at: location(of: element, attribute: "href")
            )
        }
    }

    /// Glossary terms and citations must point at existing entries; unused entries get a warning.
    /// A quiz question's `objective` must name one of the module's objectives.
    func checkObjectives(_ module: Module, quizElement: XMLElement?) {
        guard let quizElement else { return }
        for element in quizElement.children(named: "question") {
            guard let number = element.attribute("objective").flatMap({ Int($0) }), number > module.objectives.count else { continue }
            report(
                .error,
                "unknown-objective",
                "Deze vraag toetst doel \(number), maar de module heeft \(module.objectives.count) leerdoelen. Geef het nummer van een doel uit <objectives> (1 is het eerste).",
                at: location(of: element, attribute: "objective")
            )
        }
    }

    func checkReferences(_ module: Module) {
        let glossaryIds = Set(module.glossary.map(\.id))
        let sourceIds = Set(module.sources.map(\.id))
        for reference in termReferences where !glossaryIds.contains(reference.ref) {
            report(
                .error,
                "unknown-term",
                "Het begrip \"\(reference.ref)\" staat niet in de woordenlijst. Voeg <entry id=\"\(reference.ref)\" term=\"…\"> toe aan <glossary> of verbeter de ref.",
                at: reference.at
            )
        }
        for reference in citeReferences where !sourceIds.contains(reference.ref) {
            report(
                .error,
                "unknown-source",
                "De bron \"\(reference.ref)\" staat niet in de bronnenlijst. Voeg <source id=\"\(reference.ref)\"> toe aan <sources> of verbeter de ref.",
                at: reference.at
            )
        }
        let usedTerms = Set(termReferences.map(\.ref))
        for entry in module.glossary where !usedTerms.contains(entry.id) {
            report(
                .warning,
                "unused-glossary-entry",
                "Het begrip \"\(entry.term)\" (\(entry.id)) wordt nergens in de tekst gebruikt. Verwijs ernaar met <term ref=\"\(entry.id)\"> of haal het weg.",
                at: declaredIds[entry.id] ?? .unknown
            )
        }
        let usedSources = Set(citeReferences.map(\.ref))
        for source in module.sources where !usedSources.contains(source.id) {
            report(
                .warning,
                "unused-source",
                "De bron \"\(source.id)\" wordt nergens genoemd. Verwijs ernaar met <cite ref=\"\(source.id)\"> bij de tekst die erop steunt.",
                at: declaredIds[source.id] ?? .unknown
            )
        }
    }
}

/// An element (and maybe attribute) a diagnostic may point at; resolved to line and column on demand.
struct PendingLocation {
    var element: XMLElement?
    var attribute: String?
    static var unknown: PendingLocation { PendingLocation(element: nil, attribute: nil) }
}
