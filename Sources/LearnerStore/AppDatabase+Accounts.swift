import Foundation
import GRDB

/// Accounts, sessions and login throttling.
extension AppDatabase {
    /// Registers a user. Throws `StoreError.emailTaken` when the e-mail (any case) is in use.
    public func createUser(
        email: String,
        name: String,
        organisation: String?,
        passwordHash: String,
        role: User.Role = .learner,
        at date: Date = Date()
    ) throws -> User {
        try register(email: email, name: name, organisation: organisation, passwordHash: passwordHash, role: role, at: date, session: nil).user
    }

    /// Registration: the account and, when `session` is given, its first session (made from the new user's id) in
    /// one transaction, so they exist together or not at all. Throws `StoreError.emailTaken` as `createUser` does.
    public func register(
        email: String,
        name: String,
        organisation: String?,
        passwordHash: String,
        role: User.Role = .learner,
        at date: Date = Date(),
        session: (@Sendable (_ userId: Int64) -> Session)?
    ) throws -> (user: User, session: Session?) {
        do {
            return try writer.write { db in
                var user = User(
                    id: nil,
                    email: email,
                    name: name,
                    organisation: organisation,
                    passwordHash: passwordHash,
                    role: role,
                    createdAt: date
                )
                try user.insert(db)
                let first = user.id.flatMap { id in session?(id) }
                if let first { try first.stored.insert(db) }
                return (user, first)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError.emailTaken
        }
    }

    public func user(email: String) throws -> User? {
        try writer.read { db in try User.filter(User.Columns.email == email).fetchOne(db) }
    }

    public func user(id: Int64) throws -> User? {
        try writer.read { db in try User.fetchOne(db, key: id) }
    }

    /// A password change as one transaction: the new hash, every session of the user ended, and `session` (the
    /// changer's renewed one) stored. Stored together or not at all, so a failure never leaves a new password with the
    /// old sessions still open.
    public func changePassword(userId: Int64, hash: String, replacingSession oldId: String?, with session: Session?) throws {
        try writer.write { db in
            guard var user = try User.fetchOne(db, key: userId) else { throw StoreError.unknownUser }
            user.passwordHash = hash
            try user.update(db)
            if let oldId { _ = try Session.deleteOne(db, key: SessionTokenHash.hash(oldId)) }
            _ = try Session.filter(Session.Columns.userId == userId).deleteAll(db)
            // A reset link mailed before the change must not undo it.
            try db.execute(sql: "DELETE FROM passwordReset WHERE userId = ?", arguments: [userId])
            if let session { try session.stored.insert(db) }
        }
    }

    // MARK: Sessions

    // Session ids are the cookie's tokens; the table holds only their hashes (`SessionTokenHash`), so every
    // method here takes and returns tokens and hashes at this boundary.

    public func createSession(_ session: Session) throws {
        try writer.write { db in try session.stored.insert(db) }
    }

    /// The session with this id (the cookie's token), or nil when unknown or expired.
    public func session(id: String, now: Date = Date()) throws -> Session? {
        var session = try writer.read { db in
            try Session.filter(Session.Columns.id == SessionTokenHash.hash(id) && Session.Columns.expiresAt > now).fetchOne(db)
        }
        session?.id = id
        return session
    }

    /// Replaces a session by a new one in one transaction: used at login (so a session id planted before
    /// login is worthless after it) and at password change (other sessions of the user end too).
    public func replaceSession(oldId: String?, with session: Session, endingOtherSessionsOfUser: Bool = false) throws {
        try writer.write { db in
            if let oldId { _ = try Session.deleteOne(db, key: SessionTokenHash.hash(oldId)) }
            if endingOtherSessionsOfUser, let userId = session.userId {
                _ = try Session.filter(Session.Columns.userId == userId).deleteAll(db)
            }
            try session.stored.insert(db)
        }
    }

    public func deleteSession(id: String) throws {
        _ = try writer.write { db in try Session.deleteOne(db, key: SessionTokenHash.hash(id)) }
    }

    /// Removes expired sessions; returns how many.
    @discardableResult
    public func deleteExpiredSessions(now: Date = Date()) throws -> Int {
        try writer.write { db in try Session.filter(Session.Columns.expiresAt <= now).deleteAll(db) }
    }

    // MARK: Login throttling

    /// Counts one login attempt against each key and says whether it may go ahead, in one write transaction:
    /// the attempt is counted before the password is checked, so guesses sent in parallel cannot get past a
    /// limit (each sees the ones before it). An attempt refused here is not recorded (it checks nothing).
    ///
    /// A successful login hands the returned ticket to `forgiveLoginAttempt`; a failed one leaves its rows,
    /// which are then the record of the failure.
    public func admitLoginAttempt(_ limits: [LoginThrottleKey], since window: Date, at now: Date = Date()) throws -> LoginAdmission {
        try writer.write { db in
            var counts: [String: Int] = [:]
            for limit in limits {
                let count =
                    try Int.fetchOne(
                        db,
                        sql: "SELECT COUNT(*) FROM loginFailure WHERE key = ? AND failedAt > ?",
                        arguments: [limit.key, window]
                    ) ?? 0
                counts[limit.key] = count
                if let maximum = limit.maximum, count >= maximum {
                    return LoginAdmission(admitted: false, refusedKey: limit.key, priorFailures: counts, rowIds: [])
                }
                // Spacing: after enough failures, one attempt per interval, however many arrive at once.
                if let spacing = limit.spacing, let interval = spacing(count), interval > 0,
                    let latest = try Date.fetchOne(db, sql: "SELECT MAX(failedAt) FROM loginFailure WHERE key = ?", arguments: [limit.key]),
                    now.timeIntervalSince(latest) < interval
                {
                    return LoginAdmission(admitted: false, refusedKey: limit.key, priorFailures: counts, rowIds: [])
                }
            }
            var rowIds: [Int64] = []
            for limit in limits {
                try db.execute(sql: "INSERT INTO loginFailure(key, failedAt) VALUES (?, ?)", arguments: [limit.key, now])
                rowIds.append(db.lastInsertedRowID)
            }
            return LoginAdmission(admitted: true, refusedKey: nil, priorFailures: counts, rowIds: rowIds)
        }
    }

    /// After a successful login: removes the attempt's own rows and the earlier failures under `clearing` (the
    /// pair of account and client that just proved it knows the password).
    public func forgiveLoginAttempt(_ admission: LoginAdmission, clearing keys: [String]) throws {
        try writer.write { db in
            for id in admission.rowIds { try db.execute(sql: "DELETE FROM loginFailure WHERE id = ?", arguments: [id]) }
            for key in keys { try db.execute(sql: "DELETE FROM loginFailure WHERE key = ?", arguments: [key]) }
        }
    }

    public func recordLoginFailure(keys: [String], at date: Date = Date()) throws {
        try writer.write { db in
            for key in keys {
                try db.execute(sql: "INSERT INTO loginFailure(key, failedAt) VALUES (?, ?)", arguments: [key, date])
            }
        }
    }

    /// Failures for `key` since `date`.
    public func loginFailures(key: String, since date: Date) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM loginFailure WHERE key = ? AND failedAt > ?", arguments: [key, date]) ?? 0
        }
    }

    /// Removes failures recorded before `date` (they no longer count for any throttling window); returns how many.
    @discardableResult
    public func deleteLoginFailures(before date: Date) throws -> Int {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM loginFailure WHERE failedAt < ?", arguments: [date])
            return db.changesCount
        }
    }

    public func clearLoginFailures(key: String) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM loginFailure WHERE key = ?", arguments: [key]) }
    }
}
