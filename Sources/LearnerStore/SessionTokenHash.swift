import Crypto
import Foundation

/// Session ids are stored as the SHA-256 of the cookie's token, never as the token itself: the cookie opens the
/// session, while a copy of the database (a backup, a leaked file) opens none. A plain hash is enough because the
/// tokens are 256 random bits, so there is nothing to guess or look up.
enum SessionTokenHash {
    static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

extension Session {
    /// The row as stored: the same session under the hash of its token.
    var stored: Session {
        var row = self
        row.id = SessionTokenHash.hash(id)
        return row
    }
}
