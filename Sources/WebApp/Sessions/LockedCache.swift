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

    func removeAll(where shouldRemove: (Value) -> Bool) {
        lock.withLock { storage = storage.filter { !shouldRemove($0.value) } }
    }
}
