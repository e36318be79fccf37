import DomainValues
import Foundation
import GRDB

/// What administrators do with accounts: find them, change roles, reset attempts; and the completions list that
/// accreditation registers receive.
extension AppDatabase {
    /// Users whose name or e-mail contains `search` (any case), optionally of one role, sorted by name.
    /// Returns the total number of matches and one page of them.
    public func users(search: String = "", role: User.Role? = nil, limit: Int = 50, offset: Int = 0) throws -> (total: Int, users: [User]) {
        try writer.read { db in
            var conditions = SQLConditions()
            let needle = search.trimmingCharacters(in: .whitespaces)
            if !needle.isEmpty {
                // LIKE with an escape character, so % and _ in the search are literal.
                let pattern =
                    "%"
                    + needle.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_") + "%"
                conditions.add("(name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')", pattern, pattern)
            }
            if let role { conditions.add("role = ?", role.rawValue) }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user WHERE \(conditions.sql)", arguments: conditions.arguments) ?? 0
            let users = try User.fetchAll(
                db,
                sql: "SELECT * FROM user WHERE \(conditions.sql) ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?",
                arguments: conditions.arguments + [limit, offset]
            )
            return (total, users)
        }
    }

    /// Changes a user's role. Throws `StoreError.unknownUser` for an unknown id.
    public func setRole(userId: Int64, _ role: User.Role) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE user SET role = ? WHERE id = ?", arguments: [role.rawValue, userId])
            if db.changesCount == 0 { throw StoreError.unknownUser }
        }
    }

    /// Deletes a learner's quiz attempts (and their answers) for a module, so they can start again from attempt 1.
    /// A completion and its certificate stay: revoking a certificate is a separate, explicit step.
    @discardableResult
    public func resetAttempts(userId: Int64, moduleId: String) throws -> Int {
        try writer.write { db in
            // The reset answers were really given: add them to the item summaries before they go.
            try Self.drainStatisticsQueue(db)
            try db.execute(sql: "DELETE FROM quizAttempt WHERE userId = ? AND moduleId = ?", arguments: [userId, moduleId])
            return db.changesCount
        }
    }

    // MARK: Completions

    /// The number of completions the filter matches (period on the completion date).
    public func completionCount(_ filter: StatisticsFilter) throws -> Int {
        try writer.read { db in
            let conditions = filter.conditions("mp", date: "completedAt")
            return try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM moduleProgress mp WHERE mp.completedAt IS NOT NULL AND \(conditions.sql)",
                arguments: conditions.arguments
            ) ?? 0
        }
    }

    /// Completions in completion order (oldest first), `limit` rows after `cursor`. The screen pages with it and the
    /// CSV export streams with it, so both list the very same rows for the same filter.
    /// `offset` is for the screen's page numbers; the export passes a cursor instead (no growing OFFSET scans).
    public func completions(_ filter: StatisticsFilter, after cursor: CompletionCursor? = nil, limit: Int, offset: Int = 0) throws -> [CompletionRow]
    {
        try writer.read { db in
            var conditions = filter.conditions("mp", date: "completedAt")
            if let cursor {
                conditions.add("(mp.completedAt, mp.userId, mp.moduleId) > (?, ?, ?)", cursor.completedAt, cursor.userId, cursor.moduleId)
            }
            // The latest certificate of the learner for the module, if any; else (and only then: CASE evaluates
            // lazily) the version and best score of the passed attempts.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT mp.userId, mp.moduleId, mp.completedAt, u.name, u.email, u.organisation,
                           c.code, c.revokedAt, c.moduleTitle, c.moduleVersion AS certificateVersion, c.studyLoadMinutes,
                           c.accreditations, c.scorePercent,
                           CASE WHEN c.code IS NULL THEN (SELECT MAX(qa.percent) FROM quizAttempt qa
                               WHERE qa.userId = mp.userId AND qa.moduleId = mp.moduleId AND qa.passed) END AS bestPercent,
                           CASE WHEN c.code IS NULL THEN (SELECT qa.moduleVersion FROM quizAttempt qa
                               WHERE qa.userId = mp.userId AND qa.moduleId = mp.moduleId AND qa.passed ORDER BY qa.number LIMIT 1) END AS attemptVersion
                    FROM moduleProgress mp
                    JOIN user u ON u.id = mp.userId
                    LEFT JOIN certificate c ON c.id = (SELECT MAX(id) FROM certificate WHERE userId = mp.userId AND moduleId = mp.moduleId)
                    WHERE mp.completedAt IS NOT NULL AND \(conditions.sql)
                    ORDER BY mp.completedAt, mp.userId, mp.moduleId
                    LIMIT ? OFFSET ?
                    """,
                arguments: conditions.arguments + [limit, offset]
            )
            let decoder = JSONDecoder()
            // Most certificates of a module carry the same accreditation JSON: decode each text once per call.
            var decoded: [String: [Accreditation]] = [:]
            func accreditationList(_ text: String) -> [Accreditation]? {
                if let known = decoded[text] { return known }
                let list = try? decoder.decode([Accreditation].self, from: Data(text.utf8))
                decoded[text] = list
                return list
            }
            var result: [CompletionRow] = []
            while let row = try rows.next() {
                let code: String? = row["code"]
                let accreditations: String? = row["accreditations"]
                result.append(
                    CompletionRow(
                        userId: row["userId"],
                        name: row["name"],
                        email: row["email"],
                        organisation: row["organisation"],
                        moduleId: row["moduleId"],
                        completedAt: row["completedAt"],
                        moduleVersion: row["certificateVersion"] ?? row["attemptVersion"],
                        scorePercent: row["scorePercent"] ?? row["bestPercent"],
                        certificateCode: code,
                        certificateRevoked: code != nil && (row["revokedAt"] as Date?) != nil,
                        moduleTitle: row["moduleTitle"],
                        studyLoadMinutes: row["studyLoadMinutes"],
                        accreditations: accreditations.flatMap(accreditationList)
                    )
                )
            }
            return result
        }
    }
}

extension CompletionRow {
    /// Where the page after this row starts.
    public var cursor: CompletionCursor { CompletionCursor(completedAt: completedAt, userId: userId, moduleId: moduleId) }
}
