import Foundation
import LearnerStore
import Logging
import ServiceLifecycle

/// Keeps the tables that grow with traffic bounded while the server runs (not only at start-up): expired
/// sessions, login failures that no throttling window looks at any more, finished mail and expired reset links.
struct Housekeeping: Service {
    let database: any SessionStore & LoginThrottleStore & MailQueueStore & PasswordResetStore
    let interval: Duration
    let logger: Logger

    /// Login throttling looks back 15 minutes; failures are kept a day, for the log of an attack in progress.
    static let loginFailureRetention: TimeInterval = 24 * 3600
    /// Sent and dead mail (bodies already wiped) is kept 30 days, for questions like "did my reset mail go out?".
    static let finishedMailRetention: TimeInterval = 30 * 24 * 3600

    /// One round of clean-up; returns how many rows went.
    @discardableResult
    static func run(
        on database: any SessionStore & LoginThrottleStore & MailQueueStore & PasswordResetStore,
        now: Date = Date()
    ) throws -> (sessions: Int, loginFailures: Int, mail: Int) {
        let sessions = try database.deleteExpiredSessions(now: now)
        let failures = try database.deleteLoginFailures(before: now.addingTimeInterval(-loginFailureRetention))
        let mail = try database.deleteFinishedMail(before: now.addingTimeInterval(-finishedMailRetention))
        try database.deleteExpiredPasswordResets(before: now)
        return (sessions, failures, mail)
    }

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            guard !Task.isShuttingDownGracefully else { break }
            do {
                let removed = try Self.run(on: database)
                logger.debug(
                    "Housekeeping",
                    metadata: ["sessions": "\(removed.sessions)", "loginFailures": "\(removed.loginFailures)", "mail": "\(removed.mail)"]
                )
            } catch {
                logger.error("Housekeeping failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
