import Mustache

/// "Mijn voortgang" (`progress` template): every module the learner started.
struct ProgressPage: MustacheParent {
    struct Row: MustacheParent {
        let title: String
        let url: String
        let resumeURL: String
        let percent: Int
        let lastVisited: String
        let completed: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "url": url
            case "resumeURL": resumeURL
            case "percent": percent
            case "lastVisited": lastVisited
            case "completed": completed
            default: nil
            }
        }
    }

    let layout: PageLayout
    let modules: [Row]

    func child(named name: String) -> Any? {
        switch name {
        case "modules": modules
        case "hasModules": !modules.isEmpty
        case "passwordURL": SiteURL.password
        default: layout.child(named: name)
        }
    }
}
