import Foundation
import RequestParsing

/// Problems with submitted form fields, shown next to each field and summarised at the top of the form.
struct FormErrors: Sendable {
    struct FieldError: Sendable {
        let field: String
        let message: String
    }

    private(set) var errors: [FieldError] = []

    var isEmpty: Bool { errors.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        guard self[field] == nil else { return }
        errors.append(FieldError(field: field, message: message))
    }

    subscript(field: String) -> String? { errors.first { $0.field == field }?.message }
}

/// Field checks shared by the account forms.
enum FieldRules {
    static let maxNameLength = 100
    /// Characters are counted as a reader sees them; this caps the bytes too, so a letter with thousands of stacked
    /// combining marks (one "character") cannot fill certificates and admin pages.
    static let maxNameBytes = 400
    static let maxEmailLength = 254
    static let minPasswordLength = 10
    static let maxPasswordLength = 128

    /// A name or organisation as typed, ready to check and store: trimmed and in Unicode NFC (see `PlainText`).
    static func personText(_ typed: String) -> String {
        PlainText.normalized(typed.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Names and organisations are printed on certificates and shown to administrators: no control or invisible
    /// characters, at most `maxNameLength` characters; a name is required, an organisation not.
    static func checkName(_ name: String, field: String = "naam", required: Bool = true, into errors: inout FormErrors) {
        if name.isEmpty {
            if required { errors.add(field, Strings.nameMissing) }
        } else if name.count > maxNameLength || name.utf8.count > maxNameBytes {
            errors.add(field, Strings.tooLong(maxNameLength))
        } else if PlainText.problem(in: name) != nil {
            errors.add(field, Strings.invisibleCharacters)
        }
    }

    static func checkEmail(_ email: String, into errors: inout FormErrors) {
        if email.isEmpty {
            errors.add("email", Strings.emailMissing)
        } else if email.count > maxEmailLength {
            errors.add("email", Strings.tooLong(maxEmailLength))
        } else if !isPlausibleEmail(email) {
            errors.add("email", Strings.emailInvalid)
        }
    }

    static func checkNewPassword(
        _ password: String,
        confirmation: String,
        field: String,
        confirmationField: String,
        into errors: inout FormErrors
    ) {
        if password.count < minPasswordLength {
            errors.add(field, Strings.passwordTooShort(minPasswordLength))
        } else if password.count > maxPasswordLength {
            errors.add(field, Strings.tooLong(maxPasswordLength))
        } else if let problem = PasswordRules.problem(in: password) {
            switch problem {
            case .nulCharacter: errors.add(field, Strings.passwordNulCharacter)
            case .tooManyBytes(let limit): errors.add(field, Strings.passwordTooManyBytes(limit))
            }
        } else if password != confirmation {
            errors.add(confirmationField, Strings.passwordsDiffer)
        }
    }

    /// One @, something before it, a dot in the domain, no spaces: what a person can be expected to type.
    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !email.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        guard let dot = domain.lastIndex(of: "."), dot != domain.startIndex, domain.index(after: dot) != domain.endIndex else {
            return false
        }
        return !domain.hasPrefix(".") && !domain.contains("..")
    }
}
