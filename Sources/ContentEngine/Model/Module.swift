import DomainValues
import Foundation

/// One learning module as loaded from `modules/<id>/module.xml`. Immutable once loaded.
public struct Module: Sendable, Identifiable {
    /// A check of the content by a subject expert outside the authors: when, by whom (role and organisation,
    /// not a name), and what was checked.
    public struct Review: Sendable, Hashable {
        /// `jjjj-mm-dd`, as written.
        public var date: String
        public var role: String
        public var organisation: String
        public var scope: String

        public init(date: String, role: String, organisation: String, scope: String) {
            self.date = date
            self.role = role
            self.organisation = organisation
            self.scope = scope
        }
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
    public var reviews: [Review] = []
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

extension Module {
    /// Every media path the module references (images, posters, video, audio, captions): the only files of
    /// the module folder the server will serve. `module.xml` itself, with its answer keys, is never among them.
    public var mediaPaths: Set<String> {
        var paths: Set<String> = []
        func collect(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .image(let image): paths.insert(image.src)
                case .video(let video):
                    paths.insert(video.src)
                    if let poster = video.poster { paths.insert(poster) }
                    for track in video.tracks { paths.insert(track.src) }
                    if let transcript = video.transcript { collect(transcript) }
                case .audio(let audio):
                    paths.insert(audio.src)
                    collect(audio.transcript)
                case .callout(let callout): collect(callout.blocks)
                case .caseStory(let story): collect(story.blocks)
                case .reflection(let blocks): collect(blocks)
                default: break
                }
            }
        }
        for lesson in lessons { for page in lesson.pages { collect(page.blocks) } }
        if let quiz { collect(quiz.intro) }
        return paths
    }

    /// The page with this id and its lesson, or nil.
    public func page(lessonId: String, pageId: String) -> (lesson: Lesson, page: Page)? {
        guard let lesson = lessons.first(where: { $0.id == lessonId }), let page = lesson.pages.first(where: { $0.id == pageId }) else {
            return nil
        }
        return (lesson, page)
    }
}
