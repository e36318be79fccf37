import Mustache

/// The quiz's overview (`quiz` template): what the quiz is, a button to start or resume, earlier attempts.
struct QuizOverviewPage: MustacheParent {
    struct About: MustacheParent {
        let title: String
        /// HTML.
        let intro: String
        let questions: Int
        let passPercent: Int
        let attempts: String

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "intro": intro
            case "questions": questions
            case "passPercent": passPercent
            case "attempts": attempts
            default: nil
            }
        }
    }

    struct PastAttempt: MustacheParent {
        let number: Int
        let date: String
        let percent: Int
        let passed: Bool
        let url: String

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "date": date
            case "percent": percent
            case "passed": passed
            case "url": url
            default: nil
            }
        }
    }

    let layout: PageLayout
    let module: TitledLink
    let quiz: About
    let startURL: String
    let canStart: Bool
    let resume: Bool
    let noAttemptsLeft: Bool
    let history: [PastAttempt]

    func child(named name: String) -> Any? {
        switch name {
        case "module": module
        case "quiz": quiz
        case "startURL": startURL
        case "canStart": canStart
        case "resume": resume
        case "noAttemptsLeft": noAttemptsLeft
        case "history": history
        case "hasHistory": !history.isEmpty
        default: layout.child(named: name)
        }
    }
}

/// One open attempt as a single form (`attempt` template).
struct AttemptPage: MustacheParent {
    /// The attempt's number and the form's target (`{{attempt.number}}`, `{{attempt.action}}`).
    struct Attempt: MustacheParent {
        let number: Int
        let action: String

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "action": action
            default: nil
            }
        }
    }

    struct Item: MustacheParent {
        let form: QuestionForm
        let number: Int
        let anchor: String

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "anchor": anchor
            default: form.child(named: name)
            }
        }
    }

    let layout: PageLayout
    let module: TitledLink
    let quizTitle: String
    let attempt: Attempt
    let notice: String?
    /// Questions of the attempt left the module since it started.
    let changed: Bool
    let questions: [Item]

    func child(named name: String) -> Any? {
        switch name {
        case "module": module
        case "quizTitle": quizTitle
        case "attempt": attempt
        case "notice": notice
        case "changed": changed
        case "questions": questions
        case "count": questions.count
        default: layout.child(named: name)
        }
    }
}

/// "Toets inleveren?" (`confirm` template): the open questions of an attempt, linked.
struct ConfirmPage: MustacheParent {
    struct OpenQuestion: MustacheParent {
        /// Plain text.
        let prompt: String
        let url: String

        func child(named name: String) -> Any? {
            switch name {
            case "prompt": prompt
            case "url": url
            default: nil
            }
        }
    }

    let layout: PageLayout
    let action: String
    let open: [OpenQuestion]

    func child(named name: String) -> Any? {
        switch name {
        case "action": action
        case "open": open
        case "openText": open.count == 1 ? "1 vraag" : "\(open.count) vragen"
        default: layout.child(named: name)
        }
    }
}
