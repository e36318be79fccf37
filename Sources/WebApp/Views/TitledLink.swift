import Mustache

/// A link and the title it shows: the module in a breadcrumb, the previous or next lesson page.
struct TitledLink: MustacheParent, Sendable {
    let title: String
    let url: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        default: nil
        }
    }
}

/// A link and its text, where the template calls the text `label`: the admin menu, the step after a module's last page.
struct LabelledLink: MustacheParent, Sendable {
    let url: String
    let label: String

    func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "label": label
        default: nil
        }
    }
}
