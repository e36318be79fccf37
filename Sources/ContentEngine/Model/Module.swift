import Foundation

/// One learning module as loaded from `modules/<id>/module.xml`. Immutable once loaded.
public struct Module: Sendable, Identifiable {
    public struct Accreditation: Sendable, Hashable {
        public var register: String
        public var number: String
        /// Decimal points as written by the author (e.g. "1.5"), kept as text so nothing is rounded.
        public var points: String
    }

    public struct Licence: Sendable, Hashable {
        public var name: String
        public var href: String?
    }

    public var id: String
    public var version: String
    public var language: String
    public var title: String
    public var summary: String
    public var audience: String
    public var studyLoadMinutes: Int
    public var accreditations: [Accreditation]
    public var authors: [String]
    public var licence: Licence?
    public var objectives: [String]
    public var lessons: [Lesson]
    public var quiz: Quiz?
    public var glossary: [GlossaryEntry]
    public var sources: [Source]
    /// The folder that holds `module.xml` and its media.
    public var folder: URL

    /// Every page in reading order, with its lesson.
    public var pages: [(lesson: Lesson, page: Page)] {
        lessons.flatMap { lesson in lesson.pages.map { (lesson, $0) } }
    }

    public var pageCount: Int { lessons.reduce(0) { $0 + $1.pages.count } }

    public func glossaryEntry(_ id: String) -> GlossaryEntry? { glossary.first { $0.id == id } }

    /// 1-based number of a source in the sources list, used when a citation has no text of its own.
    public func sourceNumber(_ id: String) -> Int? { sources.firstIndex { $0.id == id }.map { $0 + 1 } }
}

public struct Lesson: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var summary: String?
    public var pages: [Page]
}

public struct Page: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var blocks: [Block]

    /// The inline checks on this page, in order.
    public var checks: [Question] {
        blocks.compactMap { if case .check(let question) = $0 { question } else { nil } }
    }
}

public struct GlossaryEntry: Sendable, Hashable, Identifiable {
    public var id: String
    public var term: String
    public var definition: [Inline]
}

public struct Source: Sendable, Hashable, Identifiable {
    public var id: String
    public var text: String
    public var href: String?
}
