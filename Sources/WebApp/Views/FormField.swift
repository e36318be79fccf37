import AppCore
import Mustache

/// One form field for the `field` partial: label, value, error and the ARIA wiring between them.
struct FormField: MustacheParent, Sendable {
    let name: String
    let label: String
    let type: String
    let value: String
    let autocomplete: String
    let required: Bool
    let hint: String?
    let error: String?
    let maxLength: Int?
    /// The ids of the hint and the error, for `aria-describedby`; nil when there is neither.
    let describedBy: String?

    init(
        _ name: String,
        label: String,
        type: String = "text",
        value: String = "",
        autocomplete: String,
        required: Bool = true,
        hint: String? = nil,
        maxLength: Int? = nil,
        errors: FormErrors
    ) {
        self.name = name
        self.label = label
        self.type = type
        // Passwords are never sent back to the browser.
        self.value = type == "password" ? "" : value
        self.autocomplete = autocomplete
        self.required = required
        self.hint = hint
        self.error = errors[name]
        self.maxLength = maxLength
        let describedBy = [hint.map { _ in "\(name)-hint" }, error.map { _ in "\(name)-error" }].compactMap { $0 }
        self.describedBy = describedBy.isEmpty ? nil : describedBy.joined(separator: " ")
    }

    func child(named name: String) -> Any? {
        switch name {
        case "id", "name": self.name
        case "label": label
        case "type": type
        case "value": value
        case "autocomplete": autocomplete
        case "required": required
        case "hint": hint
        case "error": error
        case "maxlength": maxLength
        case "describedBy": describedBy
        default: nil
        }
    }
}

/// A form's errors for the `error-summary` partial, which reads them as `form.hasErrors` and `form.errors`.
struct ErrorSummary: MustacheParent {
    struct Item: MustacheParent {
        let error: FormErrors.FieldError

        func child(named name: String) -> Any? {
            switch name {
            case "field": error.field
            case "message": error.message
            default: nil
            }
        }
    }

    let errors: FormErrors

    init(_ errors: FormErrors) { self.errors = errors }

    func child(named name: String) -> Any? {
        switch name {
        case "hasErrors": !errors.isEmpty
        case "errors": errors.errors.map(Item.init)
        default: nil
        }
    }
}
