import Mustache

/// The completions, a page at a time (`admin-completions` template): the same cells as the CSV export.
struct AdminCompletionsPage: MustacheParent {
    struct Row: MustacheParent {
        let userURL: String
        /// The first cell, the learner's name, links to the user; the rest are plain.
        let name: String
        let rest: [String]

        func child(named name: String) -> Any? {
            switch name {
            case "userURL": userURL
            case "name": self.name
            case "rest": rest
            default: nil
            }
        }
    }

    /// Nil when the filter is invalid.
    struct Results {
        let total: Int
        let rows: [Row]
        let exportURL: String
        let paging: Paging?
    }

    let admin: AdminLayout
    let results: Results?

    func child(named name: String) -> Any? {
        switch name {
        case "results": results != nil
        case "total": results?.total
        case "header": results.map { _ in AdminController.completionHeader }
        case "rows": results?.rows
        case "exportURL": results?.exportURL
        case "paging": results?.paging
        default: admin.child(named: name)
        }
    }
}
