import HTTPTypes
import Hummingbird
import RequestParsing

/// Behind a reverse proxy the socket's peer is the proxy: this puts the visitor's address in the context, read
/// from `Forwarded` / `X-Forwarded-For` only when the peer is one of `trustedProxies` (`--trusted-proxy`).
/// Without trusted proxies the headers are ignored: a visitor could write anything in them.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustedProxies: [AddressRange]

    static let forwarded = HTTPField.Name("Forwarded")!
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientAddress = ClientAddress.resolve(
            peer: context.clientAddress,
            forwarded: request.headers[values: Self.forwarded],
            forwardedFor: request.headers[values: Self.forwardedFor],
            trusted: trustedProxies
        )
        return try await next(request, context)
    }
}
