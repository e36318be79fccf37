import AppCore
import Crypto
import Foundation
import Hummingbird

/// A browser that has logged in to an account before carries this cookie: `sw_apparaat`, an HMAC of the account's
/// e-mail with the site secret (it names nobody and opens nothing by itself). The login throttle exempts such a
/// browser from the account-wide spacing, so an attacker hammering an account never slows its owner down (after
/// OWASP's "device cookies" against online guessing).
struct KnownDevice: Sendable {
    static let cookieName = "sw_apparaat"
    /// A year: long enough for a learner who logs in once a year for a refresher.
    static let lifetime = 365 * 24 * 3600
    let key: SymmetricKey

    init(secret: SiteSecret) { key = secret.key(for: "known-device") }

    func value(for email: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data("device|\(email)".utf8), using: key)).base64URLEncoded
    }

    /// True when the request carries the cookie for this e-mail.
    func isKnown(_ request: Request, email: String) -> Bool {
        guard let cookie = request.cookies[Self.cookieName]?.value, cookie.utf8.count < 100 else { return false }
        return Token.constantTimeEquals(cookie, value(for: email))
    }

    func cookie(for email: String, secure: Bool) -> Cookie {
        Cookie(name: Self.cookieName, value: value(for: email), maxAge: Self.lifetime, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
