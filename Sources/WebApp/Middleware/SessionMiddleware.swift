import Foundation
import Hummingbird
import LearnerStore

/// Loads the session named by the cookie into the context, and writes the cookie back when a handler
/// started, replaced or ended the session.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "sw_sessie"
    let sessions: SessionManager
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let id = request.cookies[Self.cookieName]?.value, !id.isEmpty, id.count <= 100,
            let loaded = try sessions.load(id: id)
        {
            context.sessionSlot.load(loaded.session, user: loaded.user)
        }
        var response = try await next(request, context)
        if context.sessionSlot.cookieChanged {
            if let session = context.session {
                response.setCookie(
                    Cookie(
                        name: Self.cookieName,
                        value: session.id,
                        maxAge: Int(session.expiresAt.timeIntervalSinceNow),
                        path: "/",
                        secure: secureCookies,
                        httpOnly: true,
                        sameSite: .lax
                    )
                )
            } else {
                response.setCookie(
                    Cookie(
                        name: Self.cookieName,
                        value: "",
                        maxAge: 0,
                        path: "/",
                        secure: secureCookies,
                        httpOnly: true,
                        sameSite: .lax
                    )
                )
            }
        }
        return response
    }
}

extension AppRequestContext {
    /// The session of this request, starting an anonymous one when there is none (forms need a CSRF token).
    func ensureSession(_ sessions: SessionManager) throws -> Session {
        if let session { return session }
        let session = sessions.startAnonymous()
        sessionSlot.replace(session, user: nil)
        return session
    }

    /// The logged-in user, or a redirect to the login page that comes back here.
    func requireUser(_ request: Request) throws -> KnownUser {
        guard let user else { throw RedirectToLogin(returnTo: request.uri.path) }
        return user
    }
}

/// Thrown by `requireUser`; `LoginRedirectMiddleware` turns it into a 303 to the login page.
struct RedirectToLogin: Error {
    let returnTo: String
}

struct LoginRedirectMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as RedirectToLogin {
            return Response.redirect(to: SiteURL.login(returningTo: redirect.returnTo), type: .normal)
        }
    }
}
