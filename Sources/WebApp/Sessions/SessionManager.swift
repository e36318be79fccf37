import AppCore
import Foundation
import LearnerStore

/// Server-side sessions: stored in SQLite (they survive a restart) with an in-memory cache in front, so a
/// page view costs no database read. The cache is only an accelerator: every change goes to the database first.
final class SessionManager: Sendable {
    let database: any SessionStore & AccountStore
    let lifetime: TimeInterval
    /// Anonymous sessions exist only to carry a CSRF token for the login and register forms; they live in a
    /// signed cookie, not in the database.
    let anonymous: AnonymousSessionToken
    private let cache = LockedCache<String, CachedSession>(capacity: 50_000)
    /// Counts the moments sessions were ended or users changed (`forget`, a password change). A session read from the
    /// database is cached only if no such moment fell between the read and the caching: otherwise a session ended
    /// meanwhile could live on in the cache.
    private let invalidations = LockedCounter()

    struct CachedSession: Sendable {
        var session: Session
        var user: User?
    }

    init(database: any SessionStore & AccountStore, lifetime: TimeInterval, secret: SiteSecret) {
        self.database = database
        self.lifetime = lifetime
        self.anonymous = AnonymousSessionToken(key: secret.key(for: "anonymous-session"), lifetime: 24 * 3600)
    }

    /// The live session with this id, with its user, or nil.
    func load(id: String, now: Date = Date()) throws -> CachedSession? {
        if id.hasPrefix(AnonymousSessionToken.prefix) {
            return anonymous.session(from: id, now: now).map { CachedSession(session: $0, user: nil) }
        }
        if let cached = cache[id] {
            if cached.session.expiresAt > now { return cached }
            cache[id] = nil
            return nil
        }
        let before = invalidations.value
        guard let session = try database.session(id: id, now: now) else { return nil }
        let user = try session.userId.flatMap { try database.user(id: $0) }
        if session.userId != nil && user == nil { return nil }
        let loaded = CachedSession(session: session, user: user)
        cache.set(id, loaded, if: { self.invalidations.value == before })
        return loaded
    }

    /// Writes nothing: the session is the signed cookie itself.
    func startAnonymous(now: Date = Date()) -> Session {
        anonymous.make(now: now)
    }

    /// A new session id and CSRF token at login: an id an attacker planted before login is worthless after it.
    func logIn(_ user: KnownUser, replacing old: Session?, now: Date = Date()) throws -> Session {
        let session = newSession(for: user, now: now)
        let stored = old.flatMap { $0.id.hasPrefix(AnonymousSessionToken.prefix) ? nil : $0 }
        try database.replaceSession(oldId: stored?.id, with: session)
        if let stored { cache[stored.id] = nil }
        cache[session.id] = CachedSession(session: session, user: user.record)
        return session
    }

    /// Fresh id and CSRF token, valid for the logged-in lifetime. Not stored: the caller stores it in the same
    /// transaction as the action it belongs to (login, registration, password change).
    func newSession(userId: Int64, now: Date = Date()) -> Session {
        Session(id: Token.make(), userId: userId, csrfToken: Token.make(), createdAt: now, expiresAt: now.addingTimeInterval(lifetime))
    }

    private func newSession(for user: KnownUser, now: Date) -> Session { newSession(userId: user.id, now: now) }

    /// After the store saved `session` for `user` (registration, password change): the cache follows. With
    /// `endingOthers`, every other cached session of the user goes.
    func stored(_ session: Session?, for user: KnownUser, replacing old: Session? = nil, endingOthers: Bool) {
        if endingOthers {
            invalidations.increment()
            cache.removeAll { $0.user?.id == user.id }
        }
        if let old { cache[old.id] = nil }
        if let session { cache[session.id] = CachedSession(session: session, user: user.record) }
    }

    /// Drops a user's cached sessions, so their next request reads the user again: a changed role counts at once.
    func forget(userId: Int64) {
        invalidations.increment()
        cache.removeAll { $0.user?.id == userId }
    }

    func end(_ session: Session) throws {
        if session.id.hasPrefix(AnonymousSessionToken.prefix) { return }
        try database.deleteSession(id: session.id)
        cache[session.id] = nil
    }
}
