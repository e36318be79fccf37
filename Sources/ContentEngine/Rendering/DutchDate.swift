import DomainValues
import Foundation

/// Dates as Dutch readers write them, always in Dutch time (`DutchCalendar`: a certificate earned at 00:30 in
/// Amsterdam carries that day, not the UTC one).
public enum DutchDate {
    static let monthNames = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
        "oktober", "november", "december",
    ]

    static var calendar: Calendar { DutchCalendar.calendar }

    /// Short, for lists and tables: 23-11-2026.
    public static func string(_ date: Date) -> String {
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(day.day ?? 0)-\(day.month ?? 0)-\(day.year ?? 0)"
    }

    /// Written out, for certificates: 23 november 2026. Month names are spelled here, not taken from the
    /// system's locale data, so a certificate reads the same on every machine.
    public static func long(_ date: Date) -> String {
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(day.day ?? 0) \(monthNames[(day.month ?? 1) - 1]) \(day.year ?? 0)"
    }

    /// The calendar day as ISO 8601 (2026-11-23): what a certificate's signature covers.
    public static func isoDay(_ date: Date) -> String { DutchCalendar.isoDay(date) }

    /// "2026-11-23" written out as "23 november 2026"; nil when the text is not such a day.
    public static func long(isoDay: String) -> String? {
        let parts = isoDay.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return "\(parts[2]) \(monthNames[parts[1] - 1]) \(parts[0])"
    }
}
