import Foundation
import GRDB

/// Certificates: issued inside the transaction that completes a module, looked up by code, revoked by an
/// administrator. Signing and printing live in the Certificates target; this file only stores.
extension AppDatabase {
    /// Stores the certificate of a completion. Runs inside the completing transaction, so the completion and
    /// its certificate are saved together or not at all.
    ///
    /// `make` receives the learner's name as it is now and the passed attempt with the best score (a learner
    /// may pass, retry and complete later). It is called again, to draw a new code, in the near-impossible case
    /// that its code is already taken.
    @discardableResult
    static func issueCertificate(
        _ db: Database,
        userId: Int64,
        moduleId: String,
        make: (_ learnerName: String, _ scoringAttempt: QuizAttempt) throws -> CertificateRecord
    ) throws -> CertificateRecord {
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM user WHERE id = ?", arguments: [userId]) else {
            throw StoreError.unknownUser
        }
        guard
            let best = try QuizAttempt.fetchOne(
                db,
                sql: """
                    SELECT * FROM quizAttempt WHERE userId = ? AND moduleId = ? AND passed ORDER BY percent DESC, number LIMIT 1
                    """,
                arguments: [userId, moduleId]
            )
        else { throw StoreError.unknownAttempt }
        for _ in 0..<5 {
            var record = try make(name, best)
            if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM certificate WHERE code = ?)", arguments: [record.code]) == true {
                continue
            }
            try record.insert(db)
            return record
        }
        throw StoreError.noFreeCertificateCode
    }

    /// Completes a module when its last page is seen after the quiz was already passed (the learner took the
    /// test first). One transaction with the certificate hook; returns true when this call completed it.
    @discardableResult
    public func completeIfQuizPassed(
        userId: Int64,
        moduleId: String,
        at date: Date = Date(),
        certificate makeCertificate: CertificateMaker? = nil
    ) async throws -> Bool {
        try await writer.write { db in
            let passed = try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS(SELECT 1 FROM quizAttempt WHERE userId = ? AND moduleId = ? AND passed)",
                arguments: [userId, moduleId]
            )
            guard passed == true else { return false }
            try db.execute(
                sql: "UPDATE moduleProgress SET completedAt = ? WHERE userId = ? AND moduleId = ? AND completedAt IS NULL",
                arguments: [date, userId, moduleId]
            )
            guard db.changesCount > 0 else { return false }
            if let makeCertificate { try Self.issueCertificate(db, userId: userId, moduleId: moduleId, make: makeCertificate) }
            return true
        }
    }

    public func certificate(code: String) throws -> CertificateRecord? {
        try writer.read { db in try CertificateRecord.filter(Column("code") == code).fetchOne(db) }
    }

    /// A learner's certificates, newest first.
    public func certificates(userId: Int64) throws -> [CertificateRecord] {
        try writer.read { db in
            try CertificateRecord.filter(Column("userId") == userId).order(Column("completedAt").desc, Column("id").desc).fetchAll(db)
        }
    }

    /// The learner's certificate for a module, if any (the newest when an administrator reset and it was earned again).
    public func certificate(userId: Int64, moduleId: String) throws -> CertificateRecord? {
        try writer.read { db in
            try CertificateRecord.filter(Column("userId") == userId && Column("moduleId") == moduleId).order(Column("id").desc).fetchOne(db)
        }
    }

    /// Marks a certificate as revoked. The certificate itself stays, so its verification page can say so.
    public func revokeCertificate(code: String, reason: String, by adminId: Int64?, at date: Date = Date()) throws -> RevocationResult {
        try writer.write { db in
            guard let record = try CertificateRecord.filter(Column("code") == code).fetchOne(db) else { return .unknownCode }
            if record.isRevoked { return .alreadyRevoked }
            try db.execute(
                sql: "UPDATE certificate SET revokedAt = ?, revokedReason = ?, revokedBy = ? WHERE id = ?",
                arguments: [date, reason, adminId, record.id]
            )
            return .revoked
        }
    }
}

extension AppDatabase {
    /// Stores a certificate as given, outside a completion: for seeding a development database and for
    /// tests. Completions go through `issueCertificate`.
    public func insertCertificate(_ record: CertificateRecord) throws {
        try writer.write { db in
            var copy = record
            try copy.insert(db)
        }
    }
}
