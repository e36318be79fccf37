import LearnerStore
import Mustache

/// Starts and completions per week (`admin-chart` partial): the SVG and the same numbers as a table.
struct WeeklyChartModel: MustacheParent {
    struct Week: MustacheParent {
        let count: WeekCount

        func child(named name: String) -> Any? {
            switch name {
            case "week": AdminFormat.week(count.weekStart)
            case "starts": count.starts
            case "completions": count.completions
            default: nil
            }
        }
    }

    let svg: String
    let weeks: [Week]

    init(_ weeks: [WeekCount]) {
        svg = WeeklyChart.svg(weeks, tableId: "weken")
        self.weeks = weeks.map(Week.init)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "svg": svg
        case "hasWeeks": !weeks.isEmpty
        case "weeks": weeks
        default: nil
        }
    }
}
