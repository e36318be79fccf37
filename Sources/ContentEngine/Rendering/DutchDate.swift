import Foundation

/// Dates as Dutch readers write them (23-11-2026), in Dutch time, wherever a page shows one.
enum DutchDate {
    static func string(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "d-M-yyyy"
        return formatter.string(from: date)
    }
}
