import Foundation

/// Certificates: issued inside the transaction that completes a module, looked up by code, revoked. Signing and
/// printing live in the Certificates target; the store only stores.
public protocol CertificateStore: Sendable {
    /// Completes a module when its last page is seen after the quiz was already passed (the learner took the test
    /// first). One transaction with the certificate; returns true when this call completed it.
    @discardableResult func completeIfQuizPassed(
        userId: Int64,
        moduleId: String,
        at date: Date,
        certificate makeCertificate: CertificateMaker?
    )
        async throws -> Bool
    func certificate(code: String) throws -> CertificateRecord?
    /// The learner's certificates, newest first.
    func certificates(userId: Int64) throws -> [CertificateRecord]
    func certificate(userId: Int64, moduleId: String) throws -> CertificateRecord?
    /// Marks a certificate as revoked. The certificate itself stays, so its verification page can say so.
    func revokeCertificate(code: String, reason: String, by adminId: Int64?, at date: Date) throws -> RevocationResult
    /// Stores a certificate as given, outside a completion (seeding, tests). Completions issue through `CertificateMaker`.
    func insertCertificate(_ record: CertificateRecord) throws
}

extension CertificateStore {
    public func revokeCertificate(code: String, reason: String, by adminId: Int64?) throws -> RevocationResult {
        try revokeCertificate(code: code, reason: reason, by: adminId, at: Date())
    }
}

/// Makes the certificate of a completion: given the learner's current name and their best passing attempt, it
/// returns the record (signed) for the store to insert. Called inside the transaction that completes the module,
/// so completion and certificate are stored together or not at all; it may be called again for a new code in the
/// near-impossible case that a code is taken. Throwing rolls the completion back.
public typealias CertificateMaker = @Sendable (_ learnerName: String, _ bestAttempt: QuizAttempt) throws -> CertificateRecord

public enum RevocationResult: Sendable, Equatable {
    case revoked
    /// Revoked before: the first revocation (date and reason) stands.
    case alreadyRevoked
    case unknownCode
}
