import HTTPTypes
import Hummingbird

/// Security headers on every response (pages, errors, CSV, PDF, media, static files): no inline scripts or styles,
/// no framing, no MIME sniffing, no referrer to other sites; over https also HSTS.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// Only when the public address is https: HSTS on a plain-http site would lock visitors out of it.
    let strictTransportSecurity: Bool

    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!
    static let crossOriginOpenerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "same-origin"
        response.headers[Self.frameOptions] = "DENY"
        response.headers[Self.permissionsPolicy] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        response.headers[Self.crossOriginOpenerPolicy] = "same-origin"
        if strictTransportSecurity { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}
