import Hummingbird
import LearnerStore

/// Guards the whole admin area by its path prefix, so a route added later under `/beheer` cannot be left open by
/// forgetting a check: an anonymous visitor goes to the login page, a logged-in non-admin gets 403.
/// Handlers still ask `requireAdmin` for the user they act as.
struct AdminAreaMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == SiteURL.admin || path.hasPrefix(SiteURL.admin + "/") {
            _ = try context.requireAdmin(request)
        }
        return try await next(request, context)
    }
}

extension AppRequestContext {
    /// The logged-in administrator; anonymous visitors are sent to log in, everyone else gets 403.
    func requireAdmin(_ request: Request) throws -> KnownUser {
        let user = try requireUser(request)
        guard user.role == .admin else { throw AppError.forbidden(Strings.adminOnly) }
        return user
    }
}
