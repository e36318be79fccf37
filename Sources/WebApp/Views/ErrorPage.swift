import Mustache

/// The `error` template: a page for every error status, its heading the page title.
struct ErrorPage: MustacheParent, Sendable {
    let layout: PageLayout
    let message: String

    func child(named name: String) -> Any? {
        switch name {
        case "heading": layout.title
        case "message": message
        default: layout.child(named: name)
        }
    }
}
