import Mustache

/// A module's overview (`module` template): what it is, the learner's progress, the lessons and the quiz.
struct ModuleOverviewPage: MustacheParent {
    struct About: MustacheParent {
        struct Licence: MustacheParent {
            let name: String
            /// Empty without an address: an empty string still opens `{{#href}}` (kept as it rendered before).
            let href: String

            func child(named name: String) -> Any? {
                switch name {
                case "name": self.name
                case "href": href
                default: nil
                }
            }
        }

        struct Accreditation: MustacheParent {
            let register: String
            let number: String
            let points: String

            func child(named name: String) -> Any? {
                switch name {
                case "register": register
                case "number": number
                case "points": points
                default: nil
                }
            }
        }

        struct Review: MustacheParent {
            let date: String
            let role: String
            let organisation: String
            let scope: String

            func child(named name: String) -> Any? {
                switch name {
                case "date": date
                case "role": role
                case "organisation": organisation
                case "scope": scope
                default: nil
                }
            }
        }

        let title: String
        let summary: String
        let audience: String
        let studyLoad: String
        let studyLoadBasis: String
        let version: String
        let authors: String
        let objectives: [String]
        let licence: Licence?
        let accreditations: [Accreditation]
        let reviews: [Review]
        let glossaryURL: String
        let sourcesURL: String

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "summary": summary
            case "audience": audience
            case "studyLoad": studyLoad
            case "studyLoadBasis": studyLoadBasis
            case "version": version
            case "authors": authors
            case "objectives": objectives
            // Boxed as it always was: a module without a licence still opens `{{#module.licence}}` (an empty row).
            case "licence": licence as Any
            case "accreditations": accreditations
            case "reviews": reviews
            case "unreviewed": reviews.isEmpty
            case "glossaryURL": glossaryURL
            case "sourcesURL": sourcesURL
            default: nil
            }
        }
    }

    struct Lesson: MustacheParent {
        struct Page: MustacheParent {
            let title: String
            let url: String
            let seen: Bool

            func child(named name: String) -> Any? {
                switch name {
                case "title": title
                case "url": url
                case "seen": seen
                default: nil
                }
            }
        }

        let number: Int
        let title: String
        /// Empty without a summary (an empty string still opens `{{#summary}}`, as before).
        let summary: String
        let pages: [Page]

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "title": title
            case "summary": summary
            case "pages": pages
            default: nil
            }
        }
    }

    struct Quiz: MustacheParent {
        let questions: Int
        let passPercent: Int
        let attempts: String
        let url: String

        func child(named name: String) -> Any? {
            switch name {
            case "questions": questions
            case "passPercent": passPercent
            case "attempts": attempts
            case "url": url
            default: nil
            }
        }
    }

    /// Only for a logged-in learner.
    struct Learner {
        let percent: Int
        let completed: Bool
        let certificateURL: String?
    }

    let layout: PageLayout
    let module: About
    let learner: Learner?
    let lessons: [Lesson]
    let quiz: Quiz?
    /// The page to go on with; nil only for a module without pages.
    let resumeURL: String?
    let started: Bool
    let loginURL: String

    func child(named name: String) -> Any? {
        switch name {
        case "module": module
        case "percent": learner?.percent
        case "completed": learner?.completed
        case "certificateURL": learner?.certificateURL
        case "lessons": lessons
        case "quiz": quiz
        case "resumeURL": resumeURL
        case "started": started
        case "loginURL": loginURL
        default: layout.child(named: name)
        }
    }
}
