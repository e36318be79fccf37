import Mustache

/// The module catalog (`catalog` template).
struct CatalogPage: MustacheParent {
    struct Card: MustacheParent {
        let title: String
        let summary: String
        let audience: String
        let studyLoad: String
        let url: String
        /// Only for a learner who started the module: 0 % still opens the section.
        let percent: Int?

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "summary": summary
            case "audience": audience
            case "studyLoad": studyLoad
            case "url": url
            case "percent": percent
            default: nil
            }
        }
    }

    let layout: PageLayout
    let modules: [Card]

    func child(named name: String) -> Any? {
        switch name {
        case "modules": modules
        default: layout.child(named: name)
        }
    }
}

/// A term and its definition (HTML), in the glossary and under a lesson page.
struct TermDefinition: MustacheParent, Sendable {
    let id: String
    let term: String
    let definition: String

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "term": term
        case "definition": definition
        default: nil
        }
    }
}

/// A module's glossary (`glossary` template).
struct GlossaryPage: MustacheParent {
    let layout: PageLayout
    let module: TitledLink
    let entries: [TermDefinition]

    func child(named name: String) -> Any? {
        switch name {
        case "module": module
        case "entries": entries
        default: layout.child(named: name)
        }
    }
}

/// A module's sources (`sources` template).
struct SourcesPage: MustacheParent {
    struct Source: MustacheParent {
        let id: String
        let text: String
        let href: String?

        func child(named name: String) -> Any? {
            switch name {
            case "id": id
            case "text": text
            case "href": href
            default: nil
            }
        }
    }

    let layout: PageLayout
    let module: TitledLink
    let sources: [Source]

    func child(named name: String) -> Any? {
        switch name {
        case "module": module
        case "sources": sources
        default: layout.child(named: name)
        }
    }
}
