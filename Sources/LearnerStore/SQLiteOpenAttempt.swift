import Foundation
import GRDB

/// The SQLite `OpenAttemptWrite`: an open attempt inside the group commit's write transaction. Only valid inside
/// the closure it is handed to (`AppDatabase.updateOpenAttempt`).
struct SQLiteOpenAttempt: OpenAttemptWrite {
    let db: Database
    let attempt: QuizAttempt
    /// `attempt.id`: the attempt was read from the table, so it has one.
    let attemptId: Int64
    let date: Date
    /// `date` as stored (`DatabaseTimestamp`): formatted once, not for every statement.
    let stamp: DatabaseValue

    /// `stamp` is `DatabaseTimestamp.value(date)`, worked out by the caller before its turn at the writer.
    init(db: Database, attempt: QuizAttempt, id: Int64, date: Date, stamp: DatabaseValue) {
        self.db = db
        self.attempt = attempt
        self.attemptId = id
        self.date = date
        self.stamp = stamp
    }

    func state() throws -> SubmissionState {
        var saved: [String: String] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT questionId, response FROM attemptAnswer WHERE quizAttemptId = ?"),
            arguments: [attemptId]
        )
        while let row = try rows.next() { saved[row[0]] = row[1] }
        let passed =
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM quizAttempt WHERE userId = ? AND moduleId = ? AND passed)"),
                arguments: [attempt.userId, attempt.moduleId]
            ) ?? false
        let seen = try String.fetchSet(
            db.cachedStatement(sql: "SELECT pageId FROM pageVisit WHERE userId = ? AND moduleId = ?"),
            arguments: [attempt.userId, attempt.moduleId]
        )
        return SubmissionState(savedResponses: saved, passedBefore: passed, seenPageIds: seen)
    }

    func saveAnswers(_ responses: [String: String]) throws {
        for (questionId, response) in responses {
            try upsertAnswer(questionId: questionId, response: response, fraction: nil)
        }
    }

    func submit(_ submission: QuizSubmission, certificate makeCertificate: CertificateMaker?) throws -> QuizAttempt {
        for (questionId, response) in submission.responses {
            try upsertAnswer(questionId: questionId, response: response, fraction: submission.fractions[questionId])
        }
        var attempt = attempt
        attempt.submittedAt = date
        attempt.points = submission.points
        attempt.maxPoints = submission.maxPoints
        attempt.percent = submission.percent
        attempt.passed = submission.passed
        try db.cachedStatement(sql: "UPDATE quizAttempt SET submittedAt = ?, points = ?, maxPoints = ?, percent = ?, passed = ? WHERE id = ?")
            .execute(arguments: [stamp, submission.points, submission.maxPoints, submission.percent, submission.passed, attemptId])
        // The item summaries are added later, off this hot path (see AppDatabase+ItemSummaries): one tiny insert
        // here instead of three JSON-reading upserts (about 0.37 ms, most of a submission's write).
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO statisticsQueue(quizAttemptId) VALUES (?)").execute(arguments: [attemptId])
        if submission.completesModule {
            try db.cachedStatement(
                sql: "UPDATE moduleProgress SET completedAt = ? WHERE userId = ? AND moduleId = ? AND completedAt IS NULL"
            )
            .execute(arguments: [stamp, attempt.userId, attempt.moduleId])
            if db.changesCount > 0, let makeCertificate {
                try AppDatabase.issueCertificate(db, userId: attempt.userId, moduleId: attempt.moduleId, make: makeCertificate)
            }
        }
        return attempt
    }

    // Cached statements: submitting runs this for every answer, and GRDB's per-call SQL generation and statement
    // preparation were the largest cost of a submission when profiled.
    private func upsertAnswer(questionId: String, response: String, fraction: Double?) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO attemptAnswer(quizAttemptId, questionId, response, savedAt, fraction) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(quizAttemptId, questionId) DO UPDATE SET
                    response = excluded.response, savedAt = excluded.savedAt, fraction = excluded.fraction
                """
        ).execute(arguments: [attemptId, questionId, response, stamp, fraction])
    }
}
