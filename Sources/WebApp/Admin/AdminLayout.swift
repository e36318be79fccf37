import Mustache

/// The parts every admin page shares beyond the site's layout: the admin menu (`admin-nav`) and, on the statistics
/// pages, the filter form (`admin-filter`). Admin page models hand it the names they do not know themselves.
struct AdminLayout: MustacheParent {
    /// The admin area's own menu.
    static let navigation = [
        LabelledLink(url: SiteURL.admin, label: "Overzicht"), LabelledLink(url: SiteURL.adminCompletions, label: "Voltooiingen"),
        LabelledLink(url: SiteURL.adminUsers, label: "Gebruikers"),
    ]

    let layout: PageLayout
    let filter: AdminFilterForm?

    func child(named name: String) -> Any? {
        switch name {
        case "adminNav": Self.navigation
        case "filter": filter
        default: layout.child(named: name)
        }
    }
}
