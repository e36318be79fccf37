import Foundation

/// A small thread-safe dictionary with a size cap: when full, it is emptied (cheap, and only a cache).
final class LockedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Key: Value] = [:]
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    subscript(key: Key) -> Value? {
        get { lock.withLock { storage[key] } }
        set {
            lock.withLock {
                if newValue != nil, storage.count >= capacity, storage[key] == nil { storage.removeAll(keepingCapacity: true) }
                storage[key] = newValue
            }
        }
    }

    /// Stores `value` only when `condition` holds, checked under the cache's lock (so no removal can slip in between).
    func set(_ key: Key, _ value: Value, if condition: () -> Bool) {
        lock.withLock {
            guard condition() else { return }
            if storage.count >= capacity, storage[key] == nil { storage.removeAll(keepingCapacity: true) }
            storage[key] = value
        }
    }

    func removeAll(where shouldRemove: (Value) -> Bool) {
        lock.withLock { storage = storage.filter { !shouldRemove($0.value) } }
    }
}

/// A thread-safe counter.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }

    func increment() { lock.withLock { count += 1 } }
}
