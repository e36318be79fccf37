import Certificates
import Crypto
import Foundation

/// The site's own secret (32 random bytes): signs what the site hands out and later checks without storing it,
/// such as the anonymous visitor's CSRF cookie. Kept in the data folder as `site-secret.key` (mode 0600, made on
/// first start); every node of one site must have the same file. Each use gets its own key derived with HKDF,
/// so one use's signatures can never stand in for another's.
public struct SiteSecret: Sendable {
    public static let fileName = "site-secret.key"
    private let material: SymmetricKey

    public enum LoadError: Error, CustomStringConvertible {
        case tooOpen(path: String, permissions: Int)
        case malformed(path: String)
        case cannotCreate(path: String, reason: String)

        public var description: String {
            switch self {
            case let .tooOpen(path, permissions):
                "Het geheim van de site (\(path)) is leesbaar voor anderen (rechten \(String(permissions, radix: 8))). "
                    + "Maak het alleen leesbaar voor de eigenaar: chmod 600 \(path)"
            case let .malformed(path):
                "Het geheim van de site (\(path)) is beschadigd: het bestand hoort één regel base64 te bevatten (32 bytes). "
                    + "Verwijder het; bij de volgende start wordt een nieuw gemaakt (open formulieren moeten dan opnieuw geladen worden)."
            case let .cannotCreate(path, reason):
                "Het geheim van de site (\(path)) kan niet worden gemaakt: \(reason)."
            }
        }
    }

    /// A secret that lives in memory only: for tests (anonymous forms do not survive a restart).
    public static func random() -> SiteSecret { SiteSecret(material: SymmetricKey(size: .bits256)) }

    /// Loads the secret from `folder`, or makes one there when none exists yet.
    public static func loadOrCreate(in folder: URL) throws -> SiteSecret {
        let path = folder.appendingPathComponent(fileName).path
        if !FileManager.default.fileExists(atPath: path) {
            let secret = random()
            let text = secret.material.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
            do {
                // Another node may have made one since the check: then that secret is the secret.
                if try PrivateFile.create(path: path, contents: text) { return secret }
            } catch let error as PrivateFile.CreationError {
                throw LoadError.cannotCreate(path: path, reason: error.reason)
            }
        }
        if let permissions = PrivateFile.openPermissions(path: path) { throw LoadError.tooOpen(path: path, permissions: permissions) }
        let text = (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), raw.count == 32 else {
            throw LoadError.malformed(path: path)
        }
        return SiteSecret(material: SymmetricKey(data: raw))
    }

    /// The key for one use, named by `purpose`.
    public func key(for purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: material, info: Data("samenwijzer:\(purpose)".utf8), outputByteCount: 32)
    }
}
