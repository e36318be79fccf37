import HTTPTypes
import Hummingbird
import RequestParsing

/// Behind a reverse proxy the socket's peer is the proxy: this puts the visitor's address in the context, read from
/// the one forwarding header the proxy sets (`--forwarded-header`, X-Forwarded-For by default), and only when the
/// peer is one of `trustedProxies` (`--trusted-proxy`). Without trusted proxies no header is read: a visitor could
/// write anything in it.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustedProxies: [AddressRange]
    let header: ClientAddress.Header
    private let fieldName: HTTPField.Name

    init(trustedProxies: [AddressRange], header: ClientAddress.Header) {
        self.trustedProxies = trustedProxies
        self.header = header
        self.fieldName = HTTPField.Name(header.fieldName)!
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientAddress = ClientAddress.resolve(
            peer: context.clientAddress,
            header: header,
            values: request.headers[values: fieldName],
            trusted: trustedProxies
        )
        return try await next(request, context)
    }
}
