import Foundation

/// Single-use, expiring password reset links. The store keeps only the SHA-256 of a link's token (like session
/// tokens): a copy of the database cannot be used to reset anyone's password.
public protocol PasswordResetStore: Sendable {
    /// Stores a new reset token for the user, usable until `expiresAt`. Earlier tokens of the user stop working:
    /// only the newest mail's link counts.
    func createPasswordReset(userId: Int64, token: String, at date: Date, expiresAt: Date) throws
    /// The user a token belongs to while it is usable (unused, not expired), without using it.
    func passwordResetUser(token: String, at date: Date) throws -> User?
    /// Uses a token, in one transaction: when it is usable, the new password hash is stored, every session of the
    /// user ends and the token is spent. Returns the user, or nil for an unknown, used or expired token.
    func resetPassword(token: String, newPasswordHash: String, at date: Date) throws -> User?
    /// Removes links that expired before `date`; returns how many.
    @discardableResult func deleteExpiredPasswordResets(before date: Date) throws -> Int
}
