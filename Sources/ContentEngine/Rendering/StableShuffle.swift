/// A deterministic shuffle: the same seed gives the same order on every machine and every run.
///
/// Used for the order in which match answers and order items are shown (never in the authored, correct order
/// for checks) and, with a stored seed, to fix the question order of a quiz attempt.
public enum StableShuffle {
    public static func shuffled<T>(_ items: [T], seed: String) -> [T] {
        var generator = SplitMix64(seed: fnv1a(seed))
        var result = items
        guard result.count > 1 else { return result }
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            let other = Int(generator.next() % UInt64(index + 1))
            result.swapAt(index, other)
        }
        return result
    }

    /// Like `shuffled`, but never returns the input order when more than one order exists (an order question
    /// shown in its correct order would give the answer away).
    public static func shuffledAvoidingIdentity<T: Equatable>(_ items: [T], seed: String) -> [T] {
        var result = shuffled(items, seed: seed)
        if result == items, items.count > 1 { result.append(result.removeFirst()) }
        return result
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
