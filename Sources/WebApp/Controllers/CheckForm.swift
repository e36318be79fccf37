import Mustache

/// An inline check on a lesson page (`check` template), rendered per request into the page's skeleton: the question
/// as a form, the learner's last answer and its feedback.
struct CheckForm: MustacheParent {
    let question: QuestionForm
    let action: String
    let csrf: String
    /// The form's id: the page links and redirects to it.
    let anchor: String
    let feedback: QuestionFeedback?
    /// After an empty submit (`Strings.answerMissing`).
    let error: String?

    func child(named name: String) -> Any? {
        switch name {
        case "action": action
        case "csrf": csrf
        case "anchor": anchor
        case "feedback": feedback
        case "error": error
        default: question.child(named: name)
        }
    }
}
