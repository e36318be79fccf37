import Foundation

/// A small, fast, seedable random generator (SplitMix64): the same seed gives the same database.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func double() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    /// Smaller indexes more often (big organisations, popular modules).
    mutating func skewed(_ bound: Int) -> Int { min(bound - 1, Int(Double(bound) * pow(double(), 1.8))) }
    /// Standard normal (Box–Muller).
    mutating func normal() -> Double { (-2 * log(max(double(), 1e-12))).squareRoot() * cos(2 * .pi * double()) }

    mutating func sample<T>(_ items: [T], _ count: Int) -> [T] {
        var pool = items
        for i in 0..<min(count, pool.count) { pool.swapAt(i, i + int(pool.count - i)) }
        return Array(pool.prefix(count))
    }
}
