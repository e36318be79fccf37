import Foundation

/// The one calendar of the site: Gregorian in Europe/Amsterdam. Dates on pages and certificates, the signed day
/// of a certificate and the day buckets of the statistics all use it, so a quiz handed in at 00:30 in Amsterdam
/// counts on the same day everywhere.
public enum DutchCalendar {
    /// Built once: making a `Calendar` per call showed in the completions export.
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 3600)!
        return calendar
    }()

    /// The Dutch calendar day that contains `date`, as ISO 8601 (`2026-11-23`).
    public static func isoDay(_ date: Date) -> String {
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        return isoDay(year: day.year ?? 0, month: day.month ?? 0, day: day.day ?? 0)
    }

    /// `2026-11-23`, zero-padded without `String(format:)` (which goes through Foundation's formatter).
    public static func isoDay(year: Int, month: Int, day: Int) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
