import AppCore
import Crypto
import Foundation
import LearnerStore
import RequestParsing

/// A visitor who is not logged in still needs a CSRF token for the login and register forms. It is carried in a
/// signed, expiring cookie instead of a database row, so anonymous page views write nothing and cannot fill the
/// session table: `a.<nonce>.<expiry>.<HMAC-SHA256(site secret, nonce and expiry)>`. The CSRF token is derived
/// from the nonce with the same secret, so it can be checked without storage too.
///
/// The secret is the site's (`SiteSecret`, one file in the data folder, the same on every node).
struct AnonymousSessionToken: Sendable {
    static let prefix = "a."
    let key: SymmetricKey
    let lifetime: TimeInterval

    /// A new anonymous session, valid for `lifetime`.
    func make(now: Date = Date()) -> Session {
        var generator = SystemRandomNumberGenerator()
        let nonce = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncoded
        let expiry = Int64(now.timeIntervalSince1970 + lifetime)
        let id = "\(Self.prefix)\(nonce).\(expiry).\(mac("anonymous|\(nonce)|\(expiry)"))"
        return Session(
            id: id,
            userId: nil,
            csrfToken: mac("csrf|\(nonce)"),
            createdAt: now,
            expiresAt: Date(timeIntervalSince1970: TimeInterval(expiry))
        )
    }

    /// The anonymous session a cookie stands for, or nil when it is forged, altered or expired.
    func session(from cookie: String, now: Date = Date()) -> Session? {
        guard cookie.hasPrefix(Self.prefix) else { return nil }
        let parts = cookie.dropFirst(Self.prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 22,
            let expiry = RequestNumber.parse(parts[1], in: Int64(0)...Int64(now.timeIntervalSince1970 + lifetime + 60)),
            TimeInterval(expiry) > now.timeIntervalSince1970,
            Token.constantTimeEquals(String(parts[2]), mac("anonymous|\(parts[0])|\(expiry)"))
        else { return nil }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(expiry))
        return Session(
            id: cookie,
            userId: nil,
            csrfToken: mac("csrf|\(parts[0])"),
            createdAt: expiresAt.addingTimeInterval(-lifetime),
            expiresAt: expiresAt
        )
    }

    private func mac(_ message: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)).base64URLEncoded
    }
}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding: fits a cookie and a form field unescaped.
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
