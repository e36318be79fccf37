import Foundation
import GRDB
import Testing

@_spi(DevSeeding) @testable import LearnerStore

@Suite("Stored timestamps")
struct DatabaseTimestampTests {
    @Test("the hand-written timestamp is exactly GRDB's text, and reads back as the same millisecond")
    func sameAsGRDB() {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.0005), Date(timeIntervalSince1970: -1),
            Date(timeIntervalSince1970: 1_798_761_599.9999),  // 2026-12-31 23:59:59.999…
            Date(timeIntervalSince1970: 1_709_164_800.5),  // 29 February 2024
            Date(timeIntervalSince1970: 4_102_444_800), Date(timeIntervalSince1970: -2_208_988_800),
            Date(), Date().addingTimeInterval(0.0009999),
        ]
        for _ in 0..<20_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -2_000_000_000...4_000_000_000, using: &generator)))
        }
        let mismatches = dates.filter { DatabaseTimestamp.value($0) != $0.databaseValue }
        #expect(
            mismatches.isEmpty,
            "\(mismatches.count) differ, such as \(mismatches.prefix(3).map { "\($0.timeIntervalSince1970): \(DatabaseTimestamp.value($0)) ≠ \($0.databaseValue)" })"
        )
        let now = Date()
        let back = Date.fromDatabaseValue(DatabaseTimestamp.value(now))
        #expect(back.map { abs($0.timeIntervalSince(now)) < 0.001 } == true)
    }

    @Test("years GRDB writes with more or fewer digits are left to GRDB")
    func outOfRange() {
        for date in [Date(timeIntervalSince1970: -70_000_000_000), Date(timeIntervalSince1970: 300_000_000_000), Date.distantFuture] {
            #expect(DatabaseTimestamp.value(date) == date.databaseValue)
        }
    }
}
