import Certificates
import ContentEngine
import Foundation
import LearnerStore

/// Makes and signs the certificate of a completion, and turns stored certificates back into what was signed.
public struct CertificateIssuer: Sendable {
    public let signer: CertificateSigner

    public init(signer: CertificateSigner) { self.signer = signer }

    /// What the store calls inside the transaction that completes `module`: the signed certificate to insert.
    public func certificateMaker(for module: Module, at date: Date = Date()) -> CertificateMaker {
        { learnerName, best in try record(module: module, learnerName: learnerName, attempt: best, completedAt: date) }
    }

    public func record(module: Module, learnerName: String, attempt: QuizAttempt, completedAt date: Date) throws -> CertificateRecord {
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
            accreditations: content.accreditations,
            scorePercent: content.scorePercent,
            completedAt: completedAt,
            signature: try signer.sign(content),
            keyId: signer.keyId
        )
    }

    /// The signed fields of a stored certificate, exactly as they were signed.
    public static func content(of record: CertificateRecord) -> CertificateContent? {
        guard let code = CertificateCode(parsing: record.code) else { return nil }
        return CertificateContent(
            code: code,
            learnerName: record.learnerName,
            moduleId: record.moduleId,
            moduleTitle: record.moduleTitle,
            moduleVersion: record.moduleVersion,
            studyLoadMinutes: record.studyLoadMinutes,
            accreditations: record.accreditations,
            scorePercent: record.scorePercent,
            completedOn: DutchDate.isoDay(record.completedAt)
        )
    }
}
