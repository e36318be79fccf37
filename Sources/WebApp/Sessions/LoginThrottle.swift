import Foundation
import LearnerStore

/// Which counters a login attempt is held against, so that guessing is slow but the owner of an account is never
/// locked out by someone else's guesses:
///
/// - per account *and* client (5 in 15 minutes by default): a guesser is locked out of this account, the owner on
///   another address is not;
/// - per client (20): one address cannot try many accounts;
/// - per account over all clients: never refused, but from the 5th failure every attempt waits longer (1 s, 2 s,
///   4 s … at most 30 s), which brakes guessing from many addresses and only slows the owner down.
///
/// The counting itself is atomic (`AppDatabase.admitLoginAttempt`): attempts are counted before the password is
/// checked, so parallel guesses cannot get past a limit.
struct LoginThrottle {
    let keys: [LoginThrottleKey]
    let windowStart: Date
    private let accountKey: String
    private let pairKey: String
    private let delayAfter: Int

    init(configuration: WebAppConfiguration, email: String, client: String, now: Date = Date()) {
        accountKey = "account:\(email)"
        pairKey = "pair:\(email)|\(client)"
        keys = [
            LoginThrottleKey(pairKey, maximum: configuration.maxFailuresPerAccount),
            LoginThrottleKey("ip:\(client)", maximum: configuration.maxFailuresPerAddress),
            LoginThrottleKey(accountKey, maximum: nil),
        ]
        windowStart = now.addingTimeInterval(-configuration.throttleWindow)
        delayAfter = configuration.accountDelayAfterFailures
    }

    /// How long to wait before checking the password: nothing below the account's delay threshold, then doubling.
    func delay(after admission: LoginAdmission) -> Duration? {
        let failures = admission.priorFailures[accountKey] ?? 0
        guard failures >= delayAfter else { return nil }
        let doublings = min(failures - delayAfter, 5)
        return .seconds(min(30, 1 << doublings))
    }

    /// A correct password clears the failures of this account from this client; other clients' failures on the
    /// account keep counting for the delay.
    var keysClearedBySuccess: [String] { [pairKey] }
}
