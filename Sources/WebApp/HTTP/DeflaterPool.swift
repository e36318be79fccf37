import Foundation

/// Reused gzip deflaters for bodies compressed per request. Making a zlib stream allocates about 130 KB and clears
/// it; under load that cost more than compressing a 10 KB page at level 1. A finished stream is reset and kept
/// (at most `capacity`; beyond that it is freed).
final class DeflaterPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Deflater] = []
    let level: Int32
    let capacity: Int

    init(level: Int32, capacity: Int = 32) {
        self.level = level
        self.capacity = capacity
    }

    /// A 16 KB window and a matching hash (windowBits 14, memLevel 7): the site's pages are tens of KB, and on a
    /// 10 KB lesson page this gives the same bytes as zlib's default 32 KB window at half the memory.
    func take() -> Deflater? {
        if let reused = lock.withLock({ idle.popLast() }) { return reused }
        return Deflater(format: .gzip, level: level, windowBits: 14, memLevel: 7)
    }

    /// Hands a deflater back after its stream finished (or was abandoned): it is reset for the next body.
    func give(_ deflater: Deflater) {
        deflater.reset()
        lock.withLock {
            if idle.count < capacity { idle.append(deflater) }
        }
    }

    static let perRequest = DeflaterPool(level: Gzip.perRequestLevel)
}
