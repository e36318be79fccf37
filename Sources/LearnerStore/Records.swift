import DomainValues
import Foundation
import GRDB

/// A registered person. The e-mail is unique regardless of case.
public struct User: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "user"

    public enum Role: String, Codable, Sendable, CaseIterable { case learner, author, admin }

    public var id: Int64?
    public var email: String
    public var name: String
    public var organisation: String?
    public var passwordHash: String
    public var role: Role
    public var createdAt: Date

    public enum Columns {
        static let email = Column(CodingKeys.email)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A server-side session. Anonymous visitors get one too (user nil) so their forms carry a CSRF token.
public struct Session: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"

    public var id: String
    public var userId: Int64?
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(id: String, userId: Int64?, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.userId = userId
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let userId = Column(CodingKeys.userId)
        static let expiresAt = Column(CodingKeys.expiresAt)
    }
}

/// Where a learner is in one module.
public struct ModuleProgress: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "moduleProgress"

    public var userId: Int64
    public var moduleId: String
    public var startedAt: Date
    public var lastLessonId: String
    public var lastPageId: String
    public var lastVisitedAt: Date
    public var completedAt: Date?

    public enum Columns {
        static let userId = Column(CodingKeys.userId)
        static let moduleId = Column(CodingKeys.moduleId)
        static let lastVisitedAt = Column(CodingKeys.lastVisitedAt)
    }
}

struct PageVisit: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "pageVisit"
    var userId: Int64
    var moduleId: String
    var pageId: String
    var firstSeenAt: Date

    enum Columns {
        static let userId = Column(CodingKeys.userId)
        static let moduleId = Column(CodingKeys.moduleId)
        static let pageId = Column(CodingKeys.pageId)
    }
}

/// The latest answer a learner gave to an ungraded check, so the page can show its feedback.
public struct CheckAnswer: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "checkAnswer"
    public var userId: Int64
    public var moduleId: String
    public var checkId: String
    /// The chosen choice ids, comma-separated, or the typed text.
    public var answer: String
    public var isCorrect: Bool
    public var answeredAt: Date

    public init(userId: Int64, moduleId: String, checkId: String, answer: String, isCorrect: Bool, answeredAt: Date) {
        self.userId = userId
        self.moduleId = moduleId
        self.checkId = checkId
        self.answer = answer
        self.isCorrect = isCorrect
        self.answeredAt = answeredAt
    }

    public enum Columns {
        static let userId = Column(CodingKeys.userId)
        static let moduleId = Column(CodingKeys.moduleId)
    }
}

/// One attempt at a module's final quiz. `number` counts per learner and module (1, 2, …) and is what URLs use.
public struct QuizAttempt: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "quizAttempt"

    public var id: Int64?
    public var userId: Int64
    public var moduleId: String
    public var moduleVersion: String
    public var quizId: String
    public var number: Int
    public var seed: String
    /// JSON array of question ids, in the order shown.
    public var questionIds: String
    public var startedAt: Date
    public var submittedAt: Date?
    public var points: Double?
    public var maxPoints: Double?
    public var percent: Int?
    public var passed: Bool?

    public var isSubmitted: Bool { submittedAt != nil }

    /// The ids from the stored JSON array. Ids are XML names (no quotes or backslashes), so the common case is
    /// read directly; anything with an escape goes through JSONDecoder.
    public var questionIdList: [String] {
        let utf8 = questionIds.utf8
        if !utf8.contains(UInt8(ascii: "\\")), utf8.first == UInt8(ascii: "["), utf8.last == UInt8(ascii: "]") {
            // Bytes, not Characters: a CharacterSet trim here was a visible part of every submission.
            let isPadding = { (byte: UInt8) in byte == UInt8(ascii: "\"") || byte == UInt8(ascii: " ") }
            return utf8.dropFirst().dropLast().split(separator: UInt8(ascii: ",")).map { part in
                var id = part
                while let first = id.first, isPadding(first) { id = id.dropFirst() }
                while let last = id.last, isPadding(last) { id = id.dropLast() }
                return String(Substring(id))
            }
        }
        return (try? JSONDecoder().decode([String].self, from: Data(utf8))) ?? []
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public enum Columns {
        static let userId = Column(CodingKeys.userId)
        static let moduleId = Column(CodingKeys.moduleId)
        static let number = Column(CodingKeys.number)
    }
}

extension QuizAttempt {
    /// Decoded by hand: GRDB's Decodable path showed up when profiling quiz submissions (an attempt is read on
    /// every quiz request). Column order does not matter: columns are read by name.
    public init(row: Row) throws {
        id = row["id"]
        userId = row["userId"]
        moduleId = row["moduleId"]
        moduleVersion = row["moduleVersion"]
        quizId = row["quizId"]
        number = row["number"]
        seed = row["seed"]
        questionIds = row["questionIds"]
        startedAt = row["startedAt"]
        submittedAt = row["submittedAt"]
        points = row["points"]
        maxPoints = row["maxPoints"]
        percent = row["percent"]
        passed = row["passed"]
    }
}

/// A saved answer in an attempt; `fraction` is filled when the attempt is submitted.
public struct AttemptAnswer: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "attemptAnswer"
    public var quizAttemptId: Int64
    public var questionId: String
    public var response: String
    public var savedAt: Date
    public var fraction: Double?

    public init(quizAttemptId: Int64, questionId: String, response: String, savedAt: Date, fraction: Double? = nil) {
        self.quizAttemptId = quizAttemptId
        self.questionId = questionId
        self.response = response
        self.savedAt = savedAt
        self.fraction = fraction
    }
}

/// A certificate as issued: every printed field frozen at issue time, its signature, and its revocation.
public struct CertificateRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "certificate"

    public var id: Int64?
    public var code: String
    public var userId: Int64?
    public var quizAttemptId: Int64?
    public var learnerName: String
    public var moduleId: String
    public var moduleTitle: String
    public var moduleVersion: String
    public var studyLoadMinutes: Int
    /// JSON in the table; decoded here.
    public var accreditations: [Accreditation]
    public var scorePercent: Int
    public var completedAt: Date
    public var signature: String
    public var keyId: String
    public var revokedAt: Date?
    public var revokedReason: String?
    public var revokedBy: Int64?

    public init(
        code: String,
        userId: Int64?,
        quizAttemptId: Int64?,
        learnerName: String,
        moduleId: String,
        moduleTitle: String,
        moduleVersion: String,
        studyLoadMinutes: Int,
        accreditations: [Accreditation],
        scorePercent: Int,
        completedAt: Date,
        signature: String,
        keyId: String
    ) {
        self.code = code
        self.userId = userId
        self.quizAttemptId = quizAttemptId
        self.learnerName = learnerName
        self.moduleId = moduleId
        self.moduleTitle = moduleTitle
        self.moduleVersion = moduleVersion
        self.studyLoadMinutes = studyLoadMinutes
        self.accreditations = accreditations
        self.scorePercent = scorePercent
        self.completedAt = completedAt
        self.signature = signature
        self.keyId = keyId
    }

    public var isRevoked: Bool { revokedAt != nil }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
