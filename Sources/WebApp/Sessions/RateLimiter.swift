import Foundation

/// Counts requests per client (`AppRequestContext.clientKey`) in fixed windows, in memory. Used where a client must
/// be slowed down: the public certificate lookup (guessing codes) and registration (mass accounts).
/// Counts reset on restart, which is acceptable for a brake (it is not an accounting record).
final class RateLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var windows: [String: (start: Date, count: Int)] = [:]
    let limit: Int
    let window: TimeInterval
    /// Bounds memory under a flood from many addresses: when full, windows that ended are dropped first; only when
    /// every one is still running is the table cleared rather than grown.
    private let capacity = 100_000

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Counts one request; false when the address is over its limit for the current window.
    func allow(_ address: String, at now: Date = Date()) -> Bool {
        lock.withLock {
            var entry = windows[address] ?? (now, 0)
            if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
            entry.count += 1
            if windows[address] == nil, windows.count >= capacity {
                windows = windows.filter { now.timeIntervalSince($0.value.start) < window }
                if windows.count >= capacity { windows.removeAll(keepingCapacity: true) }
            }
            windows[address] = entry
            return entry.count <= limit
        }
    }
}
