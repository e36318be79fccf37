import Mustache

/// An attempt's result and review (`result` template).
struct ResultPage: MustacheParent {
    struct Score: MustacheParent {
        let number: Int
        let percent: Int
        let passed: Bool
        let passPercent: Int
        let points: String
        let maxPoints: String

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "percent": percent
            case "passed": passed
            case "passPercent": passPercent
            case "points": points
            case "maxPoints": maxPoints
            default: nil
            }
        }
    }

    struct ReviewedQuestion: MustacheParent {
        let number: Int
        /// HTML.
        let prompt: String
        let correct: Bool
        let partial: Bool
        /// What the learner answered, in words.
        let given: String
        let feedback: QuestionFeedback
        /// Only when the quiz shows the correct answers.
        let rightAnswer: String?

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "prompt": prompt
            case "correct": correct
            case "partial": partial
            case "given": given
            case "feedback": feedback
            case "rightAnswer": rightAnswer
            default: nil
            }
        }
    }

    let layout: PageLayout
    let module: TitledLink
    let attempt: Score
    let completed: Bool
    /// Only when the module is completed.
    let certificateURL: String?
    let showAnswers: Bool
    /// The module changed since the attempt.
    let changed: Bool
    let canRetry: Bool
    let quizURL: String
    let questions: [ReviewedQuestion]

    func child(named name: String) -> Any? {
        switch name {
        case "module": module
        case "attempt": attempt
        case "completed": completed
        case "certificateURL": certificateURL
        case "showAnswers": showAnswers
        case "changed": changed
        case "canRetry": canRetry
        case "quizURL": quizURL
        case "questions": questions
        default: layout.child(named: name)
        }
    }
}
