import Crypto
import Foundation

/// Signs certificates with Ed25519 and checks their signatures.
///
/// The private key is made on first start and kept in the data folder, readable by its owner only (0600).
/// A key file that others can read is refused, as ssh refuses one: a leaked key would let anyone make
/// certificates that verify.
public struct CertificateSigner: Sendable {
    public static let keyFileName = "certificate-signing-key.ed25519"

    public enum KeyError: Error, CustomStringConvertible, Equatable {
        case unreadable(path: String)
        case malformed(path: String)
        case tooOpen(path: String, permissions: Int)
        case cannotCreate(path: String, reason: String)

        public var description: String {
            switch self {
            case let .unreadable(path):
                "De sleutel voor certificaten (\(path)) kan niet worden gelezen. Controleer de rechten van het bestand."
            case let .malformed(path):
                "De sleutel voor certificaten (\(path)) is beschadigd: het bestand hoort één regel base64 te bevatten (32 bytes). "
                    + "Zet een reservekopie terug. Maak geen nieuwe sleutel zolang er certificaten zijn uitgegeven: die zijn dan niet meer te controleren."
            case let .tooOpen(path, permissions):
                "De sleutel voor certificaten (\(path)) is leesbaar voor anderen (rechten \(String(permissions, radix: 8))). "
                    + "Maak hem alleen leesbaar voor de eigenaar: chmod 600 \(path)"
            case let .cannotCreate(path, reason):
                "De sleutel voor certificaten (\(path)) kan niet worden gemaakt: \(reason)."
            }
        }
    }

    let privateKey: Curve25519.Signing.PrivateKey
    /// Names the key: the first 16 hex digits of the SHA-256 of the public key. Stored with each certificate,
    /// so a later key can be told apart from this one.
    public let keyId: String

    public init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
        keyId = Self.keyId(of: privateKey.publicKey)
    }

    /// The public key as base64 (32 raw bytes), as published on the site.
    public var publicKeyBase64: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }

    /// The public key in PEM (SubjectPublicKeyInfo), the form `openssl pkey -pubin` reads.
    /// The fixed DER prefix of an Ed25519 key (RFC 8410) is followed by the 32 key bytes.
    public var publicKeyPEM: String {
        let der = Data([0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]) + privateKey.publicKey.rawRepresentation
        return "-----BEGIN PUBLIC KEY-----\n\(der.base64EncodedString())\n-----END PUBLIC KEY-----\n"
    }

    static func keyId(of publicKey: Curve25519.Signing.PublicKey) -> String {
        SHA256.hash(data: publicKey.rawRepresentation).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// A new key that lives in memory only: for tests and throw-away sites, whose certificates no one can
    /// check after the process ends.
    public static func inMemory() -> CertificateSigner { CertificateSigner(privateKey: .init()) }

    /// Loads the key from `folder`, or makes one there when none exists yet.
    public static func loadOrCreate(in folder: URL) throws -> CertificateSigner {
        let path = folder.appendingPathComponent(keyFileName).path
        if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        let key = Curve25519.Signing.PrivateKey()
        // Another process may have made one since the check: then that key is the key.
        guard try createKeyFile(path: path, contents: key.rawRepresentation.base64EncodedString() + "\n") else {
            return try load(path: path)
        }
        return CertificateSigner(privateKey: key)
    }

    static func load(path: String) throws -> CertificateSigner {
        if let permissions = PrivateFile.openPermissions(path: path) { throw KeyError.tooOpen(path: path, permissions: permissions) }
        guard let data = FileManager.default.contents(atPath: path) else { throw KeyError.unreadable(path: path) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: text), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw KeyError.malformed(path: path)
        }
        return CertificateSigner(privateKey: key)
    }

    /// See `PrivateFile.create`. Returns false when the file already exists.
    static func createKeyFile(path: String, contents: String) throws -> Bool {
        do {
            return try PrivateFile.create(path: path, contents: contents)
        } catch let error as PrivateFile.CreationError {
            throw KeyError.cannotCreate(path: path, reason: error.reason)
        }
    }

    /// The base64 Ed25519 signature of the certificate's payload.
    public func sign(_ content: CertificateContent) throws -> String {
        try privateKey.signature(for: content.signedPayload).base64EncodedString()
    }

    public enum SignatureStatus: Sendable, Equatable {
        /// Made by this key over exactly these fields.
        case valid
        /// The fields or the signature were changed after issue.
        case invalid
        /// Signed by another key than the one this server has.
        case unknownKey
    }

    public func verify(_ content: CertificateContent, signature: String, keyId: String) -> SignatureStatus {
        guard keyId == self.keyId else { return .unknownKey }
        guard let bytes = Data(base64Encoded: signature) else { return .invalid }
        return privateKey.publicKey.isValidSignature(bytes, for: content.signedPayload) ? .valid : .invalid
    }
}
