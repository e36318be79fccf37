import ContentEngine
import Foundation

/// How the admin pages and their CSV exports write numbers: the same functions for both, so a cell in the
/// export is exactly the text on the screen. Dutch style: decimal comma; "–" where there is nothing to count.
enum AdminFormat {
    static let none = "–"

    static func percent(_ share: Double?) -> String {
        guard let share else { return none }
        return "\(DutchNumber.oneDecimal(share * 100)) %"
    }

    static func score(_ value: Double?) -> String {
        guard let value else { return none }
        return "\(DutchNumber.oneDecimal(value)) %"
    }

    /// A share or correlation with two decimals ("0,75", "-0,30").
    static func twoDecimals(_ value: Double?) -> String {
        guard let value else { return none }
        return String(format: "%.2f", value).replacingOccurrences(of: ".", with: ",")
    }

    /// A duration in days with one decimal, or hours below one day.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return none }
        if seconds < 86400 { return "\(DutchNumber.oneDecimal(seconds / 3600)) uur" }
        let days = seconds / 86400
        return "\(DutchNumber.oneDecimal(days)) \(days == 1 ? "dag" : "dagen")"
    }

    /// Study load as the certificate prints it: hours.
    static func hours(minutes: Int?) -> String {
        guard let minutes else { return none }
        // Up to two decimals, trailing zeros dropped: 90 → "1,5 uur", 15 → "0,25 uur", 120 → "2 uur".
        var text = String(format: "%.2f", Double(minutes) / 60)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text.replacingOccurrences(of: ".", with: ",") + " uur"
    }

    /// A `yyyy-MM-dd` week start as "5-1-2026".
    static func week(_ weekStart: String) -> String {
        let parts = weekStart.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return weekStart }
        return "\(parts[2])-\(parts[1])-\(parts[0])"
    }
}
