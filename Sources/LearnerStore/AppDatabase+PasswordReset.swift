import Foundation
import GRDB

/// Password reset links on SQLite (`PasswordResetStore`). Tokens arrive and leave as tokens; the table holds their
/// hashes (`SessionTokenHash`, the same SHA-256 as session ids).
extension AppDatabase {
    public func createPasswordReset(userId: Int64, token: String, at date: Date, expiresAt: Date) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM passwordReset WHERE userId = ?", arguments: [userId])
            try db.execute(
                sql: "INSERT INTO passwordReset(tokenHash, userId, createdAt, expiresAt) VALUES (?, ?, ?, ?)",
                arguments: [SessionTokenHash.hash(token), userId, date, expiresAt]
            )
        }
    }

    public func passwordResetUser(token: String, at date: Date) throws -> User? {
        try writer.read { db in try Self.usableResetUser(db, token: token, at: date) }
    }

    public func resetPassword(token: String, newPasswordHash: String, at date: Date) throws -> User? {
        try writer.write { db in
            guard var user = try Self.usableResetUser(db, token: token, at: date), let id = user.id else { return nil }
            user.passwordHash = newPasswordHash
            try user.update(db)
            _ = try Session.filter(Session.Columns.userId == id).deleteAll(db)
            try db.execute(sql: "DELETE FROM passwordReset WHERE userId = ?", arguments: [id])
            return user
        }
    }

    public func deleteExpiredPasswordResets(before date: Date) throws -> Int {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM passwordReset WHERE expiresAt <= ?", arguments: [date])
            return db.changesCount
        }
    }

    private static func usableResetUser(_ db: Database, token: String, at date: Date) throws -> User? {
        try User.fetchOne(
            db,
            sql: "SELECT user.* FROM passwordReset JOIN user ON user.id = passwordReset.userId WHERE tokenHash = ? AND expiresAt > ?",
            arguments: [SessionTokenHash.hash(token), date]
        )
    }
}
