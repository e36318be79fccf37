import ContentEngine
import Foundation
import GRDB
import Testing

@testable import DevSeeding
@_spi(DevSeeding) @testable import LearnerStore

/// The background drain adds queued attempts to the item summaries in groups (set-based, per Dutch day). Whatever
/// the grouping, the summaries must equal adding the attempts one at a time, as the hand-computed statistics tests
/// do.
@Suite("Item summaries")
struct ItemSummaryTests {
    /// 90 submitted attempts of 3 organisations (one blank) over three Dutch days, with times around Dutch
    /// midnight, 1 to 4 questions each, partly answered, one response that is not JSON.
    static func fill(_ database: AppDatabase) throws -> [(id: Int64, submittedAt: Date)] {
        var random = SplitMix64(seed: 42)
        return try database.writer.write { db in
            var attempts: [(Int64, Date)] = []
            for user in 1...30 {
                let organisation: String? = [nil, "Zorg A", "Zorg B"][user % 3]
                try db.execute(
                    sql: "INSERT INTO user(id, email, name, organisation, passwordHash, role, createdAt) VALUES (?, ?, 'n', ?, 'x', 'learner', ?)",
                    arguments: [user, "u\(user)@voorbeeld.nl", organisation, Date(timeIntervalSince1970: 0)]
                )
                for number in 1...3 {
                    // 2026-03-28 22:00 UTC onwards, in steps of about 40 minutes: across Dutch midnight and the DST change.
                    let submittedAt = Date(timeIntervalSince1970: 1_774_735_200 + Double((user * 3 + number) * 2400))
                    let questions = Array(["q1", "q2", "q3", "q4"].prefix(Int(random.next() % 4) + 1))
                    let json = "[" + questions.map { "\"\($0)\"" }.joined(separator: ",") + "]"
                    try db.execute(
                        sql: """
                            INSERT INTO quizAttempt(userId, moduleId, moduleVersion, quizId, number, seed, questionIds, startedAt, submittedAt)
                            VALUES (?, 'm', ?, 't', ?, 's', ?, ?, ?)
                            """,
                        arguments: [user, number == 3 ? "2" : "1", number, json, submittedAt, submittedAt]
                    )
                    let id = db.lastInsertedRowID
                    attempts.append((id, submittedAt))
                    for question in questions where random.next() % 4 != 0 {
                        let choice = ["a", "b", "c"][Int(random.next() % 3)]
                        let response = random.next() % 20 == 0 ? "geen json" : QuestionResponse(choiceIds: [choice]).storedJSON
                        try db.execute(
                            sql: "INSERT INTO attemptAnswer(quizAttemptId, questionId, response, savedAt, fraction) VALUES (?, ?, ?, ?, ?)",
                            arguments: [id, question, response, submittedAt, choice == "a" ? 1.0 : Double(random.next() % 3) / 2]
                        )
                    }
                }
            }
            return attempts
        }
    }

    static func summaries(_ database: AppDatabase) throws -> [String] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT moduleId || moduleVersion || organisation || day || attempts FROM quizDaily ORDER BY 1")
                + String.fetchAll(
                    db,
                    sql: """
                        SELECT moduleId || moduleVersion || questionId || organisation || day || presented || '/' || answered || '/' ||
                               printf('%.9f/%.9f/%.9f/%.9f/%.9f', sx, sxx, sy, syy, sxy) FROM itemDaily ORDER BY 1
                        """
                )
                + String.fetchAll(
                    db,
                    sql: "SELECT moduleId || moduleVersion || questionId || choiceId || organisation || day || picks FROM choiceDaily ORDER BY 1"
                )
        }
    }

    @Test("draining a queue of many attempts gives the same summaries as adding them one at a time")
    func batchedEqualsOneByOne() async throws {
        let batched = try AppDatabase.inMemory()
        let attempts = try Self.fill(batched)
        try await batched.writer.write { db in
            for attempt in attempts { try db.execute(sql: "INSERT INTO statisticsQueue(quizAttemptId) VALUES (?)", arguments: [attempt.id]) }
        }
        #expect(try await batched.updateItemStatistics() == 90)

        let oneByOne = try AppDatabase.inMemory()
        _ = try Self.fill(oneByOne)
        try await oneByOne.writer.write { db in
            for attempt in attempts { try AppDatabase.recordItemStatistics(db, attemptId: attempt.id, submittedAt: attempt.submittedAt) }
        }
        let expected = try Self.summaries(oneByOne)
        #expect(try Self.summaries(batched) == expected)
        let days = try await batched.writer.read { try String.fetchSet($0, sql: "SELECT day FROM quizDaily") }
        #expect(days == ["2026-03-29", "2026-03-30", "2026-03-31"])
    }
}
