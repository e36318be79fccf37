import Certificates
import ContentEngine
import Foundation
import LearnerStore

/// Makes and signs the certificate of a completion, and turns stored certificates back into what was signed.
struct CertificateIssuer: Sendable {
    let signer: CertificateSigner
    /// The site's public address, for the verification URL printed on the PDF.
    let publicBaseURL: String

    /// What the store calls inside the transaction that completes `module`: the signed certificate to insert.
    func certificateMaker(for module: Module, at date: Date = Date()) -> AppDatabase.CertificateMaker {
        { learnerName, best in try record(module: module, learnerName: learnerName, attempt: best, completedAt: date) }
    }

    func record(module: Module, learnerName: String, attempt: QuizAttempt, completedAt date: Date) throws -> CertificateRecord {
        // The store keeps milliseconds; the signed day is derived from the stored instant, so drop the rest now.
        let completedAt = Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        let content = CertificateContent(
            code: CertificateCode.random(),
            learnerName: learnerName,
            moduleId: module.id,
            moduleTitle: module.title,
            moduleVersion: module.version,
            studyLoadMinutes: module.studyLoadMinutes,
            accreditations: module.accreditations,
            scorePercent: attempt.percent ?? 0,
            completedOn: DutchDate.isoDay(completedAt)
        )
        return CertificateRecord(
            code: content.code.description,
            userId: attempt.userId,
            quizAttemptId: attempt.id,
            learnerName: content.learnerName,
            moduleId: content.moduleId,
            moduleTitle: content.moduleTitle,
            moduleVersion: content.moduleVersion,
            studyLoadMinutes: content.studyLoadMinutes,
            accreditations: content.accreditations.map(CertificateRecord.Accreditation.init),
            scorePercent: content.scorePercent,
            completedAt: completedAt,
            signature: try signer.sign(content),
            keyId: signer.keyId
        )
    }

    /// The signed fields of a stored certificate, exactly as they were signed.
    static func content(of record: CertificateRecord) -> CertificateContent? {
        guard let code = CertificateCode(parsing: record.code) else { return nil }
        return CertificateContent(
            code: code,
            learnerName: record.learnerName,
            moduleId: record.moduleId,
            moduleTitle: record.moduleTitle,
            moduleVersion: record.moduleVersion,
            studyLoadMinutes: record.studyLoadMinutes,
            accreditations: record.accreditations.map(Module.Accreditation.init),
            scorePercent: record.scorePercent,
            completedOn: DutchDate.isoDay(record.completedAt)
        )
    }

    func verificationURL(_ code: String) -> String { publicBaseURL + SiteURL.verification(code) }

    func pdf(of record: CertificateRecord) throws -> Data? {
        guard let content = Self.content(of: record) else { return nil }
        return try CertificatePDF.render(
            content,
            .init(
                verificationURL: verificationURL(record.code),
                signature: record.signature,
                keyId: record.keyId
            )
        )
    }
}

// The store keeps its own copy of the module's accreditation type (LearnerStore does not depend on ContentEngine);
// these convert between the two.
extension CertificateRecord.Accreditation {
    public init(_ accreditation: Module.Accreditation) {
        self.init(register: accreditation.register, number: accreditation.number, points: accreditation.points)
    }
}

extension Module.Accreditation {
    init(_ accreditation: CertificateRecord.Accreditation) {
        self.init(register: accreditation.register, number: accreditation.number, points: accreditation.points)
    }
}
