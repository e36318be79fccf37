import Mustache

/// The admin dashboard over all modules (`admin-dashboard` template).
struct AdminDashboardPage: MustacheParent {
    struct ModuleRow: MustacheParent {
        let title: String
        let url: String
        let figures: DashboardFigures

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "url": url
            default: figures.child(named: name)
            }
        }
    }

    /// Nil when the filter is invalid: the page then shows only the filter with its errors.
    struct Results {
        let registered: Int
        let total: DashboardFigures
        let modules: [ModuleRow]
        let chart: WeeklyChartModel
        let completionsURL: String
    }

    let admin: AdminLayout
    let results: Results?

    func child(named name: String) -> Any? {
        switch name {
        case "results": results != nil
        case "registered": results?.registered
        case "total": results?.total
        case "modules": results?.modules
        case "chart": results?.chart
        case "completionsURL": results?.completionsURL
        default: admin.child(named: name)
        }
    }
}

/// The dashboard of one module (`admin-module` template), with how far learners read.
struct AdminModulePage: MustacheParent {
    /// One page in reading order: how many learners reached it, and how many the previous page lost.
    struct FunnelRow: MustacheParent {
        let number: Int
        let lesson: String
        let page: String
        let count: Int
        let share: String
        /// Nil on the first page and after a page nobody reached.
        let lost: Int?
        let dropWarning: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "lesson": lesson
            case "page": page
            case "count": count
            case "share": share
            case "lost": lost
            case "dropWarning": dropWarning
            default: nil
            }
        }
    }

    struct Results {
        let registered: Int
        let total: DashboardFigures
        let chart: WeeklyChartModel
        let funnel: [FunnelRow]
        /// Only for a module with a quiz.
        let questionsURL: String?
        let completionsURL: String
    }

    let admin: AdminLayout
    let module: AdminModuleHeading
    let results: Results?

    func child(named name: String) -> Any? {
        switch name {
        case "module": module
        case "results": results != nil
        case "registered": results?.registered
        case "total": results?.total
        case "chart": results?.chart
        case "funnel": results?.funnel
        case "questionsURL": results?.questionsURL
        case "completionsURL": results?.completionsURL
        default: admin.child(named: name)
        }
    }
}

/// The module an admin page is about: `{{module.title}}`, `{{module.version}}` and, on the item analysis, the link
/// back to the module's dashboard.
struct AdminModuleHeading: MustacheParent {
    let title: String
    let version: String
    var url: String?

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "version": version
        case "url": url
        default: nil
        }
    }
}
