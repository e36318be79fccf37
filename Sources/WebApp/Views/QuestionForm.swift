import Mustache

/// A question as form fields for the `question-inputs` partial (built by `QuestionFormModel.make`): radio buttons or
/// checkboxes, one select per match row or order item, or a text field. Only the names of the question's own kind
/// are answered (`isSingle`, `choices`, …); the others go on down the context stack, as they always did.
struct QuestionForm: MustacheParent, Sendable {
    enum Inputs: Sendable {
        case choices(name: String, multiple: Bool, [Choice])
        case match([SelectRow])
        case order([SelectRow])
        case text(name: String, inputId: String, text: String)
    }

    struct Choice: MustacheParent, Sendable {
        let inputId: String
        let value: String
        let label: String
        let checked: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "inputId": inputId
            case "value": value
            case "label": label
            case "checked": checked
            default: nil
            }
        }
    }

    /// A match row or an order item: a label and a select.
    struct SelectRow: MustacheParent, Sendable {
        let inputId: String
        let name: String
        let label: String
        let options: [Option]

        func child(named name: String) -> Any? {
            switch name {
            case "inputId": inputId
            case "name": self.name
            case "label": label
            case "options": options
            default: nil
            }
        }
    }

    struct Option: MustacheParent, Sendable {
        let value: String
        let label: String
        let selected: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "value": value
            case "label": label
            case "selected": selected
            default: nil
            }
        }
    }

    /// HTML.
    let prompt: String
    let inputs: Inputs

    func child(named name: String) -> Any? {
        switch (name, inputs) {
        case ("prompt", _): prompt
        case ("isSingle", .choices(_, false, _)), ("isMultiple", .choices(_, true, _)), ("isMatch", .match), ("isOrder", .order), ("isText", .text):
            true
        case ("choiceName", .choices(let field, _, _)): field
        case ("choices", .choices(_, _, let choices)): choices
        case ("rows", .match(let rows)), ("rows", .order(let rows)): rows
        case ("textName", .text(let field, _, _)): field
        case ("inputId", .text(_, let inputId, _)): inputId
        case ("text", .text(_, _, let text)): text
        default: nil
        }
    }
}

/// Feedback after grading (`QuestionFormModel.feedback`): correct or not, the feedback of what was chosen, and the
/// explanation. Items and explanation are HTML.
struct QuestionFeedback: MustacheParent, Sendable {
    let correct: Bool
    let verdict: String
    var items: [String]
    var explanation: String?
    /// Set when the answer holds parts the question no longer has.
    let changed: String?

    func child(named name: String) -> Any? {
        switch name {
        case "correct": correct
        case "verdict": verdict
        case "items": items
        case "explanation": explanation
        case "changed": changed
        default: nil
        }
    }
}
