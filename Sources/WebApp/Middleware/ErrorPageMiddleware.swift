import Hummingbird
import LearnerStore
import Logging

/// The edge of the app: every error becomes an HTML page in the site's style with the right status.
/// Unexpected errors are logged loudly and shown as a calm 500 page without internals.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let views: Views

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AppError {
            return views.errorPage(status: error.status, title: error.title, message: error.message, context: context)
        } catch let error as HTTPResponseError {
            let status = error.status
            switch status {
            case .notFound:
                return views.errorPage(status: status, title: Strings.notFoundTitle, message: Strings.notFoundMessage, context: context)
            case .contentTooLarge:
                return views.errorPage(status: status, title: Strings.tooLargeTitle, message: Strings.tooLargeMessage, context: context)
            case _ where status.code < 500:
                return views.errorPage(
                    status: status,
                    title: Strings.badRequestTitle,
                    message: "Dit verzoek kunnen we niet verwerken. Ga terug en probeer het opnieuw.",
                    context: context
                )
            default:
                context.logger.error("Request failed", metadata: ["path": "\(Self.loggable(request.uri.path))", "error": "\(error)"])
                return views.errorPage(
                    status: .internalServerError,
                    title: Strings.serverErrorTitle,
                    message: Strings.serverErrorMessage,
                    context: context
                )
            }
        } catch {
            if let problem = StorageProblem(error) {
                // The disk is full (or read-only, or failing): nothing of this action was stored. Said loudly in the log,
                // plainly to the learner; reads go on.
                context.logger.critical(
                    "Storage problem: nothing was saved",
                    metadata: ["problem": "\(problem)", "path": "\(Self.loggable(request.uri.path))", "error": "\(error)"]
                )
                var response = views.errorPage(
                    status: .serviceUnavailable,
                    title: Strings.storageTitle,
                    message: Strings.storageMessage,
                    context: context
                )
                response.headers[.retryAfter] = "120"
                return response
            }
            context.logger.error("Request failed", metadata: ["path": "\(Self.loggable(request.uri.path))", "error": "\(error)"])
            return views.errorPage(
                status: .internalServerError,
                title: Strings.serverErrorTitle,
                message: Strings.serverErrorMessage,
                context: context
            )
        }
    }

    /// The path as it may be logged: a password reset link's token is a live secret for an hour, so it is cut off.
    static func loggable(_ path: String) -> String {
        let prefix = SiteURL.resetPasswordRoute.link("")
        return path.hasPrefix(prefix) ? prefix + "…" : path
    }
}
