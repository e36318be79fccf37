import Foundation

/// Counting login attempts, atomically, so that concurrent guesses cannot slip past a limit (`LoginThrottle`).
public protocol LoginThrottleStore: Sendable {
    /// Counts one login attempt against each key and says whether it may go ahead, in one write transaction: the
    /// attempt is counted before the password is checked, so guesses sent in parallel cannot get past a limit. An
    /// attempt refused here is not recorded. A successful login hands the answer to `forgiveLoginAttempt`; a failed
    /// one leaves its rows, which are then the record of the failure.
    func admitLoginAttempt(_ limits: [LoginThrottleKey], since window: Date, at now: Date) throws -> LoginAdmission
    /// After a successful login: removes the attempt's own rows and the earlier failures under `keys`.
    func forgiveLoginAttempt(_ admission: LoginAdmission, clearing keys: [String]) throws
    func recordLoginFailure(keys: [String], at date: Date) throws
    func loginFailures(key: String, since date: Date) throws -> Int
    /// Removes failures older than `date`; returns how many.
    func deleteLoginFailures(before date: Date) throws -> Int
    func clearLoginFailures(key: String) throws
}

extension LoginThrottleStore {
    public func admitLoginAttempt(_ limits: [LoginThrottleKey], since window: Date) throws -> LoginAdmission {
        try admitLoginAttempt(limits, since: window, at: Date())
    }
}

/// One key login attempts are counted under: at most `maximum` in the window (nil: no maximum), and, when `spacing`
/// gives an interval for the number of failures so far, at most one attempt per that interval.
public struct LoginThrottleKey: Sendable {
    public let key: String
    public let maximum: Int?
    public let spacing: (@Sendable (Int) -> TimeInterval?)?

    public init(_ key: String, maximum: Int?, spacing: (@Sendable (Int) -> TimeInterval?)? = nil) {
        self.key = key
        self.maximum = maximum
        self.spacing = spacing
    }
}

/// The answer of `admitLoginAttempt`.
public struct LoginAdmission: Sendable {
    /// False when a key was at its maximum or within its spacing: the password must not be checked.
    public let admitted: Bool
    /// The key that refused the attempt.
    public let refusedKey: String?
    /// Failures (and attempts in flight) per key in the window, before this attempt.
    public let priorFailures: [String: Int]
    /// The rows this attempt added (store-specific ids); removed again when it succeeds.
    let rowIds: [Int64]
}
