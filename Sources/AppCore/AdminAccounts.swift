import Foundation
import HummingbirdBcrypt
import LearnerStore

/// Making an administrator outside the web site (the first one cannot be made inside it): used by
/// `samenwijzer admin create`. Applies the same field rules as the registration form.
public enum AdminAccounts {
    /// A problem with the given values, in words for the person at the terminal.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates an account with the admin role. Throws `Problem` for an unusable name, e-mail or password and
    /// when the e-mail is already in use.
    @discardableResult
    public static func create(
        in database: any AccountStore,
        email: String,
        name: String,
        organisation: String?,
        password: String,
        bcryptCost: UInt8 = 10
    ) throws -> User {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        let name = FieldRules.personText(name)
        let organisation = organisation.map(FieldRules.personText)
        var errors = FormErrors()
        FieldRules.checkName(name, into: &errors)
        FieldRules.checkName(organisation ?? "", field: "organisatie", required: false, into: &errors)
        FieldRules.checkEmail(email, into: &errors)
        FieldRules.checkNewPassword(password, confirmation: password, field: "wachtwoord", confirmationField: "wachtwoord", into: &errors)
        if let first = errors.errors.first { throw Problem(description: "\(first.field): \(first.message)") }
        do {
            return try database.createUser(
                email: email,
                name: name,
                organisation: organisation?.isEmpty == false ? organisation : nil,
                passwordHash: Bcrypt.hash(password, cost: bcryptCost),
                role: .admin
            )
        } catch StoreError.emailTaken {
            throw Problem(
                description: "Er is al een account met het e-mailadres \(email). Kies een ander e-mailadres, of geef dat account "
                    + "de rol beheerder op /beheer/gebruikers."
            )
        }
    }

    /// A random password of 20 characters without look-alikes (no 0/O, 1/l/I), from the system's secure generator.
    public static func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// A bcrypt hash, for the development seeder's shared password.
    public static func hash(_ password: String, cost: UInt8 = 10) -> String { Bcrypt.hash(password, cost: cost) }
}
