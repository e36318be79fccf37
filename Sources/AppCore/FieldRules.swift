import Foundation
import RequestParsing

/// The rules for account fields, shared by the web forms and `samenwijzer admin create`.
public enum FieldRules {
    public static let maxNameLength = 100
    /// Characters are counted as a reader sees them; this caps the bytes too, so a letter with thousands of stacked
    /// combining marks (one "character") cannot fill certificates and admin pages.
    public static let maxNameBytes = 400
    public static let maxEmailLength = 254
    public static let minPasswordLength = 10
    public static let maxPasswordLength = 128

    /// A name or organisation as typed, ready to check and store: trimmed and in Unicode NFC (see `PlainText`).
    public static func personText(_ typed: String) -> String {
        PlainText.normalized(typed.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Names and organisations are printed on certificates and shown to administrators: no control or invisible
    /// characters, at most `maxNameLength` characters; a name is required, an organisation not.
    public static func checkName(_ name: String, field: String = "naam", required: Bool = true, into errors: inout FormErrors) {
        if name.isEmpty {
            if required { errors.add(field, FieldMessages.nameMissing) }
        } else if name.count > maxNameLength || name.utf8.count > maxNameBytes {
            errors.add(field, FieldMessages.tooLong(maxNameLength))
        } else if PlainText.problem(in: name) != nil {
            errors.add(field, FieldMessages.invisibleCharacters)
        }
    }

    public static func checkEmail(_ email: String, into errors: inout FormErrors) {
        if email.isEmpty {
            errors.add("email", FieldMessages.emailMissing)
        } else if email.count > maxEmailLength {
            errors.add("email", FieldMessages.tooLong(maxEmailLength))
        } else if !isPlausibleEmail(email) {
            errors.add("email", FieldMessages.emailInvalid)
        }
    }

    public static func checkNewPassword(
        _ password: String,
        confirmation: String,
        field: String,
        confirmationField: String,
        into errors: inout FormErrors
    ) {
        if password.count < minPasswordLength {
            errors.add(field, FieldMessages.passwordTooShort(minPasswordLength))
        } else if password.count > maxPasswordLength {
            errors.add(field, FieldMessages.tooLong(maxPasswordLength))
        } else if let problem = PasswordRules.problem(in: password) {
            switch problem {
            case .nulCharacter: errors.add(field, FieldMessages.passwordNulCharacter)
            case .tooManyBytes(let limit): errors.add(field, FieldMessages.passwordTooManyBytes(limit))
            }
        } else if password != confirmation {
            errors.add(confirmationField, FieldMessages.passwordsDiffer)
        }
    }

    /// One @, something before it, a dot in the domain, no spaces: what a person can be expected to type.
    public static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !email.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        guard let dot = domain.lastIndex(of: "."), dot != domain.startIndex, domain.index(after: dot) != domain.endIndex else {
            return false
        }
        return !domain.hasPrefix(".") && !domain.contains("..")
    }
}
