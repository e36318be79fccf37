import HTTPTypes
import Hummingbird

/// `HEAD` works wherever `GET` does (RFC 9110 §9.3.2): the request is answered as a GET and the body left off, with
/// the headers, and the length when known, that the GET would have.
///
/// It wraps the router's responder, not a middleware: Hummingbird matches the route (method included) before any
/// router middleware runs, so a middleware would only ever see HEAD requests that had already become "not found".
struct HeadAsGetRouter<Context: RequestContext>: HTTPResponderBuilder {
    let router: Router<Context>

    func buildResponder() -> HeadAsGetResponder<Router<Context>.Responder> {
        HeadAsGetResponder(inner: router.buildResponder())
    }
}

struct HeadAsGetResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
        let length = response.body.contentLength
        response.body = ResponseBody(contentLength: length) { writer in try await writer.finish(nil) }
        return response
    }
}
