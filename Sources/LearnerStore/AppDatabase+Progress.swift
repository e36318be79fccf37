import Foundation
import GRDB

/// Reading progress: which pages a learner has seen and where to resume.
extension AppDatabase {
    /// Records that a learner opened a page: the page counts as seen, and it becomes the resume point.
    /// One transaction (a savepoint of a group commit). Returns true when something changed (callers cache and skip
    /// repeat visits). Async, through the group commit: a lesson page waiting for the writer (busy with quiz
    /// submissions under load) then suspends instead of blocking one of the few threads that serve every request.
    @discardableResult
    public func recordPageVisit(userId: Int64, moduleId: String, lessonId: String, pageId: String, at date: Date = Date()) async throws -> Bool {
        let stamp = DatabaseTimestamp.value(date)
        return try await groupCommit.write { db in
            try db.cachedStatement(
                sql: "INSERT INTO pageVisit(userId, moduleId, pageId, firstSeenAt) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
            )
            .execute(arguments: [userId, moduleId, pageId, stamp])
            let newPage = db.changesCount > 0
            try db.cachedStatement(
                sql: """
                    INSERT INTO moduleProgress(userId, moduleId, startedAt, lastLessonId, lastPageId, lastVisitedAt)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(userId, moduleId) DO UPDATE SET
                        lastLessonId = excluded.lastLessonId, lastPageId = excluded.lastPageId,
                        lastVisitedAt = excluded.lastVisitedAt
                    WHERE lastPageId <> excluded.lastPageId OR lastLessonId <> excluded.lastLessonId
                    """
            )
            .execute(arguments: [userId, moduleId, stamp, lessonId, pageId, stamp])
            return newPage || db.changesCount > 0
        }
    }

    /// The ids of the pages a learner has seen in a module (including pages that no longer exist; callers
    /// intersect with the module as it is now).
    public func seenPageIds(userId: Int64, moduleId: String) throws -> Set<String> {
        try writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT pageId FROM pageVisit WHERE userId = ? AND moduleId = ?", arguments: [userId, moduleId]))
        }
    }

    public func progress(userId: Int64, moduleId: String) throws -> ModuleProgress? {
        try writer.read { db in try ModuleProgress.fetchOne(db, key: ["userId": userId, "moduleId": moduleId]) }
    }

    /// Every module a learner started, most recently visited first, with the seen page ids of each.
    public func allProgress(userId: Int64) throws -> [(progress: ModuleProgress, seenPageIds: Set<String>)] {
        try writer.read { db in
            let rows = try ModuleProgress.filter(ModuleProgress.Columns.userId == userId)
                .order(ModuleProgress.Columns.lastVisitedAt.desc).fetchAll(db)
            let visits = try Row.fetchAll(db, sql: "SELECT moduleId, pageId FROM pageVisit WHERE userId = ?", arguments: [userId])
            var seen: [String: Set<String>] = [:]
            for visit in visits { seen[visit["moduleId"], default: []].insert(visit["pageId"]) }
            return rows.map { ($0, seen[$0.moduleId] ?? []) }
        }
    }

    // MARK: Checks

    /// Async, through the group commit, like `recordPageVisit`.
    public func recordCheckAnswer(_ answer: CheckAnswer) async throws {
        try await groupCommit.write { db in try answer.upsert(db) }
    }

    public func checkAnswers(userId: Int64, moduleId: String) throws -> [String: CheckAnswer] {
        try writer.read { db in
            let answers = try CheckAnswer.filter(CheckAnswer.Columns.userId == userId && CheckAnswer.Columns.moduleId == moduleId).fetchAll(db)
            return Dictionary(answers.map { ($0.checkId, $0) }, uniquingKeysWith: { $1 })
        }
    }
}
