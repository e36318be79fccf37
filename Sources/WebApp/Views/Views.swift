import ContentEngine
import Foundation
import Hummingbird
import LearnerStore
import Mustache

/// Renders Mustache templates from `Assets/templates` into HTML responses. Every page model carries the same layout
/// part (`PageLayout`: title, who is logged in, the CSRF token for the logout button).
struct Views: Sendable {
    let library: MustacheLibrary

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
            csrf: context.session?.csrfToken
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
