import Mustache

/// "Pagina x van y" with previous and next links that keep the list's query.
struct Paging: MustacheParent {
    let page: Int
    let pages: Int
    let previous: String?
    let next: String?

    /// Nil for a single page: the template then shows no paging at all.
    init?(page: Int, of pages: Int, path: String, query: [(String, String)]) {
        guard pages > 1 else { return nil }
        self.page = page
        self.pages = pages
        previous = page > 1 ? SiteURL.with(path, query: query + [("pagina", "\(page - 1)")]) : nil
        next = page < pages ? SiteURL.with(path, query: query + [("pagina", "\(page + 1)")]) : nil
    }

    func child(named name: String) -> Any? {
        switch name {
        case "page": page
        case "pages": pages
        case "previous": previous
        case "next": next
        default: nil
        }
    }
}
