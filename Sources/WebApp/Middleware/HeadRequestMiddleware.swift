import HTTPTypes
import Hummingbird

/// `HEAD` works wherever `GET` does (RFC 9110 §9.3.2): the request is answered as a GET and the body left off,
/// with the headers (and the length, when known) the GET would have. Outermost, so every layer sees a GET.
struct HeadRequestMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .head else { return try await next(request, context) }
        var head = request.head
        head.method = .get
        var response = try await next(Request(head: head, body: request.body), context)
        if let length = response.body.contentLength { response.headers[.contentLength] = String(length) }
        response.body = ResponseBody()
        return response
    }
}
