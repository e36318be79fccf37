import Foundation
import GRDB

/// Quiz attempts: start, save answers, submit. Grading happens in ContentEngine; the store keeps the result.
extension AppDatabase {
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
                arguments: [userId, moduleId, number]
            )
        }
    }

    /// Returns the open attempt, or starts the next one if the limit allows (0 = unlimited). One transaction,
    /// so two clicks on "Start" never make two attempts.
    public func openOrStartAttempt(
        userId: Int64,
        moduleId: String,
        moduleVersion: String,
        quizId: String,
        maxAttempts: Int,
        plan: (String) -> [String],
        at date: Date = Date()
    ) throws -> QuizAttempt {
        try writer.write { db in
            let existing = try QuizAttempt.filter(QuizAttempt.Columns.userId == userId && QuizAttempt.Columns.moduleId == moduleId)
                .order(QuizAttempt.Columns.number).fetchAll(db)
            if let open = existing.last(where: { !$0.isSubmitted }) { return open }
            if maxAttempts > 0, existing.count >= maxAttempts { throw AttemptError.noAttemptsLeft }
            let number = (existing.last?.number ?? 0) + 1
            let seed = "\(userId)-\(moduleId)-\(number)-\(UUID().uuidString)"
            let ids = String(decoding: try JSONEncoder().encode(plan(seed)), as: UTF8.self)
            var attempt = QuizAttempt(
                id: nil,
                userId: userId,
                moduleId: moduleId,
                moduleVersion: moduleVersion,
                quizId: quizId,
                number: number,
                seed: seed,
                questionIds: ids,
                startedAt: date
            )
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
        let update = try await writeOpenAttempt(at: date, find: { try Self.attempt($0, id: attemptId) }, { try $0.saveAnswers(responses) })
        if case .updated = update { return true }
        return false
    }

    /// Records the final answers, the grade and (if earned) the module's completion in ONE transaction.
    /// Submitting an attempt that was already submitted changes nothing and returns it as it was.
    public func submit(
        attemptId: Int64,
        _ submission: QuizSubmission,
        at date: Date = Date(),
        certificate makeCertificate: CertificateMaker? = nil
    ) async throws -> QuizAttempt {
        switch try await writeOpenAttempt(
            at: date,
            find: { try Self.attempt($0, id: attemptId) },
            { try $0.submit(submission, certificate: makeCertificate) }
        ) {
        case .notFound: throw StoreError.unknownAttempt
        case .alreadySubmitted(let attempt), .updated(let attempt): return attempt
        }
    }

    /// The quiz form's whole write path in one transaction: finds the learner's attempt by its number and, if it
    /// is still open, lets `body` read its state, save answers or submit it. If `body` throws, nothing it wrote
    /// is kept. Runs through the group commit (see `GroupCommit`), so `body` runs on the single writer: do the
    /// work that needs only the form and the module before calling, and keep `body` to lookups and decisions.
    ///
    /// Reading the state inside the write (not in a read before it) also makes a submission exact: a save that
    /// lands between a read and the write can no longer be missed.
    public func updateOpenAttempt<Value: Sendable>(
        userId: Int64,
        moduleId: String,
        number: Int,
        at date: Date = Date(),
        _ body: @escaping @Sendable (any OpenAttemptWrite) throws -> Value
    ) async throws -> OpenAttemptUpdate<Value> {
        try await writeOpenAttempt(
            at: date,
            find: { db in
                try QuizAttempt.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM quizAttempt WHERE userId = ? AND moduleId = ? AND number = ?"),
                    arguments: [userId, moduleId, number]
                )
            },
            body
        )
    }

    /// The shared path of every quiz write: through the group commit, find the attempt, leave a submitted one
    /// alone, and hand an open one to `body`.
    private func writeOpenAttempt<Value: Sendable>(
        at date: Date,
        find: @escaping @Sendable (Database) throws -> QuizAttempt?,
        _ body: @escaping @Sendable (any OpenAttemptWrite) throws -> Value
    ) async throws -> OpenAttemptUpdate<Value> {
        let stamp = DatabaseTimestamp.value(date)  // before the writer's turn
        return try await groupCommit.write { db in
            guard let attempt = try find(db), let id = attempt.id else { return .notFound }
            if attempt.isSubmitted { return .alreadySubmitted(attempt) }
            return .updated(try body(SQLiteOpenAttempt(db: db, attempt: attempt, id: id, date: date, stamp: stamp)))
        }
    }

    static func attempt(_ db: Database, id: Int64) throws -> QuizAttempt? {
        try QuizAttempt.fetchOne(db.cachedStatement(sql: "SELECT * FROM quizAttempt WHERE id = ?"), arguments: [id])
    }
}
