import Certificates
import LearnerStore

/// The outcome of checking one certificate: what the verification page and `samenwijzer certificate verify`
/// both report.
public struct CertificateCheck: Sendable {
    public let record: CertificateRecord
    public let content: CertificateContent?
    public let signature: CertificateSigner.SignatureStatus

    /// Genuine, unchanged and not revoked.
    public var isValid: Bool { signature == .valid && !record.isRevoked }

    /// Looks a code up as a verifier typed it. Nil when it is not a code or no certificate has it.
    public static func lookUp(_ input: String, database: any CertificateStore, signer: CertificateSigner) throws -> CertificateCheck? {
        guard let code = CertificateCode(parsing: input), let record = try database.certificate(code: code.description) else { return nil }
        return check(record, signer: signer)
    }

    public static func check(_ record: CertificateRecord, signer: CertificateSigner) -> CertificateCheck {
        let content = CertificateIssuer.content(of: record)
        let status = content.map { signer.verify($0, signature: record.signature, keyId: record.keyId) } ?? .invalid
        return CertificateCheck(record: record, content: content, signature: status)
    }
}
