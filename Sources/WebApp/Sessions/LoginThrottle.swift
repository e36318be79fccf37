import Foundation
import LearnerStore

/// Which counters a login attempt is held against, so that guessing is slow but the owner of an account is not locked
/// out by someone else's guesses:
///
/// - per account *and* client (5 in 15 minutes by default): a guesser is locked out of this account, the owner on
///   another address is not;
/// - per client (20): one address cannot try many accounts;
/// - per account over all clients: from the 5th failure, at most one attempt per interval that doubles with each
///   further failure (1 s, 2 s, 4 s … at most 30 s), however many clients send at once. So guessing from many
///   addresses gets at most about 30 tries in 15 minutes. A browser that logged in to this account before (it carries
///   the signed `KnownDevice` cookie) is exempt from this one: the owner is never slowed down by an attacker.
///
/// The counting itself is atomic (`AppDatabase.admitLoginAttempt`): attempts are counted before the password is
/// checked, so parallel guesses cannot get past a limit.
struct LoginThrottle {
    let keys: [LoginThrottleKey]
    let windowStart: Date
    private let accountKey: String
    private let pairKey: String

    init(configuration: WebAppConfiguration, email: String, client: String, fromKnownDevice: Bool, now: Date = Date()) {
        accountKey = "account:\(email)"
        pairKey = "pair:\(email)|\(client)"
        let threshold = configuration.accountDelayAfterFailures
        let spacing: @Sendable (Int) -> TimeInterval? = { failures in
            guard failures >= threshold else { return nil }
            return TimeInterval(min(30, 1 << min(failures - threshold, 5)))
        }
        keys = [
            LoginThrottleKey(pairKey, maximum: configuration.maxFailuresPerAccount),
            LoginThrottleKey("ip:\(client)", maximum: configuration.maxFailuresPerAddress),
            LoginThrottleKey(accountKey, maximum: nil, spacing: fromKnownDevice ? nil : spacing),
        ]
        windowStart = now.addingTimeInterval(-configuration.throttleWindow)
    }

    /// True when only the account's spacing refused the attempt: the visitor may try again within half a minute.
    func isSpacedOut(_ admission: LoginAdmission) -> Bool { admission.refusedKey == accountKey }

    /// A correct password clears the failures of this account from this client; other clients' failures on the
    /// account keep counting for the spacing.
    var keysClearedBySuccess: [String] { [pairKey] }
}
