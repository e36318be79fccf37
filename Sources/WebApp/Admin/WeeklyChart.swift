import ContentEngine
import LearnerStore

/// Starts and completions per week as an inline SVG bar chart, drawn on the server (no script, no chart library).
/// Decorative for screen readers: the same numbers are in the table beside it, which the SVG's label points to.
enum WeeklyChart {
    static let width = 720.0
    static let height = 240.0
    static let left = 44.0
    static let bottom = 28.0
    static let top = 12.0

    static func svg(_ weeks: [WeekCount], tableId: String) -> String {
        guard !weeks.isEmpty else { return "" }
        let highest = max(1, weeks.map { max($0.starts, $0.completions) }.max() ?? 1)
        let scale = niceCeiling(highest)
        let plotWidth = width - left - 8
        let plotHeight = height - top - bottom
        let slot = plotWidth / Double(weeks.count)
        let bar = max(1, slot * 0.4)
        var parts: [String] = []
        parts.append(
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"\(tableId)-svg-title\" "
                + "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"\(tableId)-svg-title\">Grafiek van begonnen en afgeronde modules per week; "
                + "de getallen staan in de tabel eronder.</title>"
        )
        // Four grid lines with their values.
        for step in 0...4 {
            let value = scale * step / 4
            let y = top + plotHeight - plotHeight * Double(value) / Double(scale)
            parts.append("<line class=\"chart-grid\" x1=\"\(format(left))\" y1=\"\(format(y))\" x2=\"\(format(width - 8))\" y2=\"\(format(y))\"/>")
            parts.append("<text class=\"chart-label\" x=\"\(format(left - 6))\" y=\"\(format(y + 4))\" text-anchor=\"end\">\(value)</text>")
        }
        let labelEvery = max(1, Int((Double(weeks.count) / 8).rounded(.up)))
        for (index, week) in weeks.enumerated() {
            let x = left + slot * Double(index) + (slot - 2 * bar) / 2
            for (offset, value, kind) in [(0.0, week.starts, "chart-starts"), (bar, week.completions, "chart-completions")] {
                let barHeight = plotHeight * Double(value) / Double(scale)
                parts.append(
                    "<rect class=\"\(kind)\" x=\"\(format(x + offset))\" y=\"\(format(top + plotHeight - barHeight))\" "
                        + "width=\"\(format(bar))\" height=\"\(format(barHeight))\"/>"
                )
            }
            if index % labelEvery == 0 {
                parts.append(
                    "<text class=\"chart-label\" x=\"\(format(x + bar))\" y=\"\(format(height - 8))\" text-anchor=\"middle\">"
                        + "\(HTML.escape(AdminFormat.week(week.weekStart)))</text>"
                )
            }
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// 1, 2, 5, 10, 20, 50 … at or above `value`, so grid lines fall on round numbers.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor in [1, 2, 4, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
