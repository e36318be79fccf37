import Foundation
import GRDB

/// Quiz attempts: start, save answers, submit. Grading happens in ContentEngine; the store keeps the result.
extension AppDatabase {
    public enum AttemptError: Error, Equatable {
        /// Every allowed attempt is used.
        case noAttemptsLeft
    }

    /// The learner's attempts at a module's quiz, oldest first.
    public func attempts(userId: Int64, moduleId: String) throws -> [QuizAttempt] {
        try writer.read { db in
            try QuizAttempt.filter(QuizAttempt.Columns.userId == userId && QuizAttempt.Columns.moduleId == moduleId)
                .order(QuizAttempt.Columns.number).fetchAll(db)
        }
    }

    public func attempt(userId: Int64, moduleId: String, number: Int) throws -> QuizAttempt? {
        try writer.read { db in
            try QuizAttempt.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM quizAttempt WHERE userId = ? AND moduleId = ? AND number = ?"),
                arguments: [userId, moduleId, number])
        }
    }

    /// Returns the open attempt, or starts the next one if the limit allows (0 = unlimited). One transaction,
    /// so two clicks on "Start" never make two attempts.
    public func openOrStartAttempt(userId: Int64, moduleId: String, moduleVersion: String, quizId: String, maxAttempts: Int,
                                   plan: (String) -> [String], at date: Date = Date()) throws -> QuizAttempt
    {
        try writer.write { db in
            let existing = try QuizAttempt.filter(QuizAttempt.Columns.userId == userId && QuizAttempt.Columns.moduleId == moduleId)
                .order(QuizAttempt.Columns.number).fetchAll(db)
            if let open = existing.last(where: { !$0.isSubmitted }) { return open }
            if maxAttempts > 0, existing.count >= maxAttempts { throw AttemptError.noAttemptsLeft }
            let number = (existing.last?.number ?? 0) + 1
            let seed = "\(userId)-\(moduleId)-\(number)-\(UUID().uuidString)"
            let ids = String(decoding: try JSONEncoder().encode(plan(seed)), as: UTF8.self)
            var attempt = QuizAttempt(id: nil, userId: userId, moduleId: moduleId, moduleVersion: moduleVersion, quizId: quizId,
                                      number: number, seed: seed, questionIds: ids, startedAt: date)
            try attempt.insert(db)
            return attempt
        }
    }

    /// The saved answers of an attempt, by question id.
    public func answers(attemptId: Int64) throws -> [String: AttemptAnswer] {
        try writer.read { db in
            let rows = try AttemptAnswer.filter(Column("quizAttemptId") == attemptId).fetchAll(db)
            return Dictionary(rows.map { ($0.questionId, $0) }, uniquingKeysWith: { $1 })
        }
    }

    /// Saves answers of an open attempt in one transaction. Returns false (and saves nothing) when the
    /// attempt was already submitted.
    /// Async: waiting for the single writer suspends the request instead of blocking one of the few threads.
    @discardableResult
    public func saveAnswers(attemptId: Int64, _ responses: [String: String], at date: Date = Date()) async throws -> Bool {
        try await writer.write { db in
            guard let attempt = try Self.attempt(db, id: attemptId), !attempt.isSubmitted else { return false }
            let stamp = date.databaseValue
            for (questionId, response) in responses {
                try Self.upsertAnswer(db, attemptId: attemptId, questionId: questionId, response: response, at: stamp, fraction: nil)
            }
            return true
        }
    }

    /// What a submission needs to know, read in one go: the saved answers (JSON by question id), whether an
    /// earlier attempt passed, and the pages seen (for completion).
    public struct SubmissionState: Sendable {
        public var savedResponses: [String: String]
        public var passedBefore: Bool
        public var seenPageIds: Set<String>
    }

    /// Deliberately synchronous: reads use the pool's few reader connections, and an async read that waits for
    /// one while synchronous reads hold the others starved the two cooperative threads (seen as a hang under
    /// load). Writes are async: they queue on the writer, not on a connection pool.
    public func submissionState(attemptId: Int64, userId: Int64, moduleId: String) throws -> SubmissionState {
        try writer.read { db in
            var saved: [String: String] = [:]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT questionId, response FROM attemptAnswer WHERE quizAttemptId = ?"),
                                           arguments: [attemptId])
            while let row = try rows.next() { saved[row[0]] = row[1] }
            let passed = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM quizAttempt WHERE userId = ? AND moduleId = ? AND passed)"),
                arguments: [userId, moduleId]) ?? false
            let seen = try String.fetchSet(db.cachedStatement(sql: "SELECT pageId FROM pageVisit WHERE userId = ? AND moduleId = ?"),
                                           arguments: [userId, moduleId])
            return SubmissionState(savedResponses: saved, passedBefore: passed, seenPageIds: seen)
        }
    }

    /// What submitting records, computed by the caller from the module (ContentEngine grading).
    public struct Submission: Sendable {
        public var responses: [String: String]
        public var fractions: [String: Double]
        public var points: Double
        public var maxPoints: Double
        public var percent: Int
        public var passed: Bool
        /// Set when this submission completes the module (all pages seen and the quiz passed).
        public var completesModule: Bool

        public init(responses: [String: String], fractions: [String: Double], points: Double, maxPoints: Double, percent: Int,
                    passed: Bool, completesModule: Bool)
        {
            self.responses = responses
            self.fractions = fractions
            self.points = points
            self.maxPoints = maxPoints
            self.percent = percent
            self.passed = passed
            self.completesModule = completesModule
        }
    }

    /// Called inside the submit transaction when a module becomes complete; certificates hook in here.
    public typealias CompletionHook = @Sendable (Database, QuizAttempt) throws -> Void

    /// Records the final answers, the grade and (if earned) the module's completion in ONE transaction.
    /// Submitting an attempt that was already submitted changes nothing and returns it as it was.
    public func submit(attemptId: Int64, _ submission: Submission, at date: Date = Date(),
                       onCompletion: CompletionHook? = nil) async throws -> QuizAttempt
    {
        try await writer.write { db in
            guard var attempt = try Self.attempt(db, id: attemptId) else { throw StoreError.unknownAttempt }
            if attempt.isSubmitted { return attempt }
            // Formatted once: GRDB turns every Date argument into text through a DateFormatter (ICU).
            let stamp = date.databaseValue
            for (questionId, response) in submission.responses {
                try Self.upsertAnswer(db, attemptId: attemptId, questionId: questionId, response: response, at: stamp,
                                      fraction: submission.fractions[questionId])
            }
            attempt.submittedAt = date
            attempt.points = submission.points
            attempt.maxPoints = submission.maxPoints
            attempt.percent = submission.percent
            attempt.passed = submission.passed
            try db.cachedStatement(sql: "UPDATE quizAttempt SET submittedAt = ?, points = ?, maxPoints = ?, percent = ?, passed = ? WHERE id = ?")
                .execute(arguments: [stamp, submission.points, submission.maxPoints, submission.percent, submission.passed, attemptId])
            // The item summaries are added later, off this hot path (see AppDatabase+ItemSummaries): one tiny
            // insert here instead of three JSON-reading upserts (about 0.37 ms, most of a submission's write).
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO statisticsQueue(quizAttemptId) VALUES (?)").execute(arguments: [attemptId])
            if submission.completesModule {
                try db.execute(
                    sql: "UPDATE moduleProgress SET completedAt = ? WHERE userId = ? AND moduleId = ? AND completedAt IS NULL",
                    arguments: [stamp, attempt.userId, attempt.moduleId])
                if db.changesCount > 0 { try onCompletion?(db, attempt) }
            }
            return attempt
        }
    }

    // Submitting runs these for every answer: cached statements skip GRDB's per-call SQL generation and
    // statement preparation, which profiling showed as the largest cost of a submission.

    static func attempt(_ db: Database, id: Int64) throws -> QuizAttempt? {
        try QuizAttempt.fetchOne(db.cachedStatement(sql: "SELECT * FROM quizAttempt WHERE id = ?"), arguments: [id])
    }

    /// `stamp` is the save time, already converted (`Date.databaseValue`).
    static func upsertAnswer(_ db: Database, attemptId: Int64, questionId: String, response: String, at stamp: DatabaseValue,
                             fraction: Double?) throws
    {
        try db.cachedStatement(sql: """
            INSERT INTO attemptAnswer(quizAttemptId, questionId, response, savedAt, fraction) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(quizAttemptId, questionId) DO UPDATE SET
                response = excluded.response, savedAt = excluded.savedAt, fraction = excluded.fraction
            """).execute(arguments: [attemptId, questionId, response, stamp, fraction])
    }
}
