import Mustache

/// What the `layout` template renders around every page: the title, who is logged in, the CSRF token of the logout
/// form and the site's links. Every page model holds one and hands it the names it does not know itself, so
/// `{{title}}`, `{{#user}}` or `{{site.catalog}}` work in every page template.
///
/// Page models conform to `MustacheParent`: swift-mustache then asks `child(named:)` for a name instead of looking
/// it up by Mirror reflection, which measured about half the throughput (design.md). A name a model does not know
/// must give nil, so the lookup goes on down the context stack as the Mustache spec says.
struct PageLayout: MustacheParent, Sendable {
    var title: String
    var user: LayoutUser?
    var csrf: String?
    /// #14: `Views.layoutLinks`, which carries the fingerprinted stylesheet URL; the default only for models made
    /// without `Views` (the plain stylesheet URL keeps working).
    var links: LayoutLinks = SiteURL.layoutLinks

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "site": links
        case "user": user
        case "csrf": csrf
        default: nil
        }
    }
}

/// Who is logged in, for the menu.
struct LayoutUser: MustacheParent, Sendable {
    var name: String
    var isAdmin: Bool
    /// Only in a lesson page skeleton: markers around the "Beheer" menu item, which is kept or left out per request.
    var adminStart: String?
    var adminEnd: String?

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "isAdmin": isAdmin
        case "adminStart": adminStart
        case "adminEnd": adminEnd
        default: nil
        }
    }
}
