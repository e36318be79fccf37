import Foundation

/// Login sessions (stored with the hash of their token, see `Session.stored`).
public protocol SessionStore: Sendable {
    func createSession(_ session: Session) throws
    /// The session with this id, if it has not expired at `now`.
    func session(id: String, now: Date) throws -> Session?
    /// Ends `oldId` (if any) and stores `session` in one transaction; optionally ends the user's other sessions too.
    func replaceSession(oldId: String?, with session: Session, endingOtherSessionsOfUser: Bool) throws
    func deleteSession(id: String) throws
    /// Removes sessions that expired before `now`; returns how many.
    func deleteExpiredSessions(now: Date) throws -> Int
}

extension SessionStore {
    public func session(id: String) throws -> Session? { try session(id: id, now: Date()) }

    public func replaceSession(oldId: String?, with session: Session) throws {
        try replaceSession(oldId: oldId, with: session, endingOtherSessionsOfUser: false)
    }
}
