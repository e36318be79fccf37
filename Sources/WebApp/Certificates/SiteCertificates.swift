import AppCore
import Certificates
import ContentEngine
import Foundation
import LearnerStore

/// The site's certificate desk: issues through the application layer's `CertificateIssuer` and prints PDFs that
/// carry this site's verification URL (the one thing about a certificate that depends on the web address).
struct SiteCertificates: Sendable {
    let issuer: CertificateIssuer
    /// The site's public address, for the verification URL printed on the PDF.
    let publicBaseURL: String

    var signer: CertificateSigner { issuer.signer }

    /// What the store calls inside the transaction that completes `module`: the signed certificate to insert.
    func certificateMaker(for module: Module, at date: Date = Date()) -> CertificateMaker {
        issuer.certificateMaker(for: module, at: date)
    }

    func verificationURL(_ code: String) -> String { publicBaseURL + SiteURL.verification(code) }

    func pdf(of record: CertificateRecord) throws -> Data? {
        guard let content = CertificateIssuer.content(of: record) else { return nil }
        return try CertificatePDF.render(
            content,
            .init(verificationURL: verificationURL(record.code), signature: record.signature, keyId: record.keyId)
        )
    }
}
