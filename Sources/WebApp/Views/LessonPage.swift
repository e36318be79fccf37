import Mustache

/// A lesson page (`page` template). Rendered once per page at start-up into a `PageSkeleton`, with markers in the
/// learner's parts (name, CSRF token, percentage, seen marks, inline checks), so its fields are mostly strings.
struct LessonPage: MustacheParent {
    /// A piece of the page's content: rendered HTML, or the marker where an inline check goes.
    enum Segment: MustacheParent {
        case html(String)
        case checkMarker(String)

        func child(named name: String) -> Any? {
            switch (name, self) {
            case ("html", .html(let html)): html
            case ("checkMarker", .checkMarker(let marker)): marker
            default: nil
            }
        }
    }

    /// The module in the breadcrumb and the lesson navigation.
    struct ModuleLinks: MustacheParent {
        let title: String
        let url: String
        let glossaryURL: String

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "url": url
            case "glossaryURL": glossaryURL
            default: nil
            }
        }
    }

    /// A lesson or a page, by title only (`{{lesson.title}}`, `{{page.title}}`).
    struct Heading: MustacheParent {
        let title: String

        func child(named name: String) -> Any? { name == "title" ? title : nil }
    }

    /// A lesson in the navigation of all lessons.
    struct NavigationLesson: MustacheParent {
        struct Page: MustacheParent {
            let title: String
            let url: String
            let seenMark: String
            let current: Bool

            func child(named name: String) -> Any? {
                switch name {
                case "title": title
                case "url": url
                case "seenMark": seenMark
                case "current": current
                default: nil
                }
            }
        }

        let title: String
        let current: Bool
        let pages: [Page]

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "current": current
            case "pages": pages
            default: nil
            }
        }
    }

    let layout: PageLayout
    let module: ModuleLinks
    let lesson: Heading
    let page: Heading
    let position: Int
    let pageCount: Int
    /// A marker: filled in per request.
    let percent: String
    let segments: [Segment]
    let terms: [TermDefinition]
    let previous: TitledLink?
    let next: TitledLink?
    /// After the last page: back to the overview, or on to the quiz.
    let finished: LabelledLink?
    let lessons: [NavigationLesson]

    func child(named name: String) -> Any? {
        switch name {
        case "module": module
        case "lesson": lesson
        case "page": page
        case "position": position
        case "pageCount": pageCount
        case "percent": percent
        case "segments": segments
        case "terms": terms
        case "hasTerms": !terms.isEmpty
        case "previous": previous
        case "next": next
        case "finished": finished
        case "lessons": lessons
        default: layout.child(named: name)
        }
    }
}
