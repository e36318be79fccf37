import Foundation
import GRDB

/// A Date as GRDB stores it ("yyyy-MM-dd HH:mm:ss.SSS", UTC), written without ICU.
///
/// GRDB formats every Date argument through a shared DateFormatter; on the quiz submission path that was about 2%
/// of the server's CPU. This gives the same text (a test compares the two over many dates) for the years GRDB's
/// format can hold in four digits, and defers to GRDB for any other.
enum DatabaseTimestamp {
    static func value(_ date: Date) -> DatabaseValue {
        // The same arithmetic as Foundation's formatter (CFDateFormatter: from the reference date, + 0.5 ms, then
        // ICU floors), so even values a hair from half a millisecond come out the same.
        let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down)
        guard milliseconds.isFinite, abs(milliseconds) < 9e15 else { return date.databaseValue }
        let total = Int64(milliseconds)
        var seconds = time_t(total.floorDivided(by: 1000))
        let millisecond = Int(total - Int64(seconds) * 1000)
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return date.databaseValue }
        let year = Int(parts.tm_year) + 1900
        guard (1000...9999).contains(year) else { return date.databaseValue }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        func append(_ number: Int, digits: Int) {
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
                divisor /= 10
            }
        }
        append(year, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(Int(parts.tm_mon) + 1, digits: 2)
        bytes.append(UInt8(ascii: "-"))
        append(Int(parts.tm_mday), digits: 2)
        bytes.append(UInt8(ascii: " "))
        append(Int(parts.tm_hour), digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(Int(parts.tm_min), digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(Int(parts.tm_sec), digits: 2)
        bytes.append(UInt8(ascii: "."))
        append(millisecond, digits: 3)
        return String(decoding: bytes, as: UTF8.self).databaseValue
    }
}

extension Int64 {
    /// Division rounding toward minus infinity, so dates before 1970 get the right second and millisecond.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
