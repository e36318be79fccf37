import ContentEngine
import Foundation
import Hummingbird
import LearnerStore
import Mustache

/// Renders Mustache templates from `Assets/templates` into HTML responses. Every page model carries the same layout
/// part (`PageLayout`: title, who is logged in, the CSRF token for the logout button).
struct Views: Sendable {
    let library: MustacheLibrary
    /// The layout's links (`site` in every page model). #14: `buildRouter` replaces the stylesheet's plain URL
    /// with its fingerprinted one (`StaticAssets.url(for:)`), which is known only once Assets/static is read;
    /// `layout(title:context:)` and the lesson page skeletons hand these to `PageLayout`.
    var layoutLinks = SiteURL.layoutLinks

    /// Loads every template of the folder; a page template that is missing stops start-up here, not at a request.
    init(templatesFolder: URL) async throws {
        library = try await MustacheLibrary(directory: templatesFolder.path)
        if let missing = Template.allCases.first(where: { library.getTemplate(named: $0.rawValue) == nil }) {
            throw ViewError.missingTemplate(missing.rawValue)
        }
    }

    /// The layout part of a page model (`PageLayout`).
    func layout(title: String, context: AppRequestContext) -> PageLayout {
        PageLayout(
            title: title,
            user: context.user.map { LayoutUser(name: $0.name, isAdmin: $0.role == .admin) },
            csrf: context.session?.csrfToken,
            links: layoutLinks
        )
    }

    /// The layout part of a page that holds a form: it always carries the session's CSRF token, starting an
    /// anonymous session for a visitor who has none.
    func formLayout(title: String, context: AppRequestContext, sessions: SessionManager) throws -> PageLayout {
        let session = try context.ensureSession(sessions)
        var page = layout(title: title, context: context)
        page.csrf = session.csrfToken
        return page
    }

    func render(_ template: Template, _ model: some MustacheParent, status: HTTPResponse.Status = .ok) throws -> Response {
        Self.htmlResponse(try renderString(template, model), status: status)
    }

    func renderString(_ template: Template, _ model: some MustacheParent) throws -> String {
        guard let html = library.render(model, withTemplate: template.rawValue) else { throw ViewError.missingTemplate(template.rawValue) }
        return html
    }

    /// A page that depends on nothing but the catalog when nobody is logged in (catalog, module overview, glossary,
    /// sources): for a visitor it gets an entity tag and may be cached if revalidated, and a matching If-None-Match
    /// is answered 304. For a logged-in user the layout shows their name (and the page their progress): personal,
    /// `no-store`, never in a shared cache.
    func renderPublic(_ template: Template, _ model: some MustacheParent, request: Request, context: AppRequestContext) throws -> Response {
        Self.publicResponse(try renderString(template, model), request: request, context: context)
    }

    static func publicResponse(_ html: String, request: Request, context: AppRequestContext) -> Response {
        // A response that sets a cookie is never stored by anyone.
        guard context.user == nil, !context.sessionSlot.cookieChanged else { return htmlResponse(html) }
        return PrecompressedBody(html: html, compressing: false).response(to: request, cacheControl: CachePolicy.revalidate)
    }

    static func htmlResponse(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func errorPage(status: HTTPResponse.Status, title: String, message: String, context: AppRequestContext) -> Response {
        let model = ErrorPage(layout: layout(title: title, context: context), message: message)
        if let html = library.render(model, withTemplate: Template.error.rawValue) {
            return Self.htmlResponse(html, status: status)
        }
        // The error template itself is missing: still answer with a minimal, valid page.
        return Self.htmlResponse(
            "<!doctype html><html lang=\"nl\"><title>\(HTML.escape(title))</title><h1>\(HTML.escape(title))</h1><p>\(HTML.escape(message))</p></html>",
            status: status
        )
    }

    enum ViewError: Error { case missingTemplate(String) }
}
