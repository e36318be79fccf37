import Foundation
import GRDB
import Testing

@_spi(DevSeeding) @testable import LearnerStore

/// Group commit on a real SQLite file (WAL, a DatabasePool as `serve` uses): submissions that arrive together
/// share a transaction, yet each is stored completely or not at all and is answered only after the commit.
@Suite("Group commit")
struct GroupCommitTests {
    let folder: URL
    let database: AppDatabase

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("groupcommit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try AppDatabase.open(path: folder.appendingPathComponent("test.sqlite").path)
    }

    /// `count` learners, each with an open attempt at module "m".
    func openAttempts(_ count: Int) throws -> [QuizAttempt] {
        try (0..<count).map { index in
            let user = try database.createUser(email: "g\(index)@voorbeeld.nl", name: "G\(index)", organisation: nil, passwordHash: "h")
            return try database.openOrStartAttempt(
                userId: user.id!,
                moduleId: "m",
                moduleVersion: "1",
                quizId: "t",
                maxAttempts: 0,
                plan: { _ in ["q1", "q2"] }
            )
        }
    }

    /// Keeps the single writer busy until `release` is called, so the writes started meanwhile queue up.
    func holdWriter() -> @Sendable () -> Void {
        let gate = DispatchSemaphore(value: 0)
        database.writer.asyncWriteWithoutTransaction { _ in gate.wait() }
        return { gate.signal() }
    }

    func waitUntilPending(_ count: Int) async throws {
        for _ in 0..<500 where database.groupCommit.pendingCount < count { try await Task.sleep(for: .milliseconds(10)) }
        #expect(database.groupCommit.pendingCount == count)
    }

    static let passing = QuizSubmission(
        responses: ["q1": "{}", "q2": "{}"],
        fractions: ["q1": 1, "q2": 1],
        points: 2,
        maxPoints: 2,
        percent: 100,
        passed: true,
        completesModule: false
    )

    struct HookFailed: Error {}

    /// A certificate for a completing attempt (the store inserts what the maker returns).
    static func certificate(for attempt: QuizAttempt, name: String) -> CertificateRecord {
        CertificateRecord(
            code: "SW-TEST-\(attempt.id ?? 0)",
            userId: attempt.userId,
            quizAttemptId: attempt.id,
            learnerName: name,
            moduleId: attempt.moduleId,
            moduleTitle: "M",
            moduleVersion: attempt.moduleVersion,
            studyLoadMinutes: 60,
            accreditations: [],
            scorePercent: attempt.percent ?? 0,
            completedAt: Date(),
            signature: "test",
            keyId: "test"
        )
    }

    @Test("submissions that arrive together share one commit; the one that fails is rolled back alone")
    func batchWithOneFailure() async throws {
        let attempts = try openAttempts(30)
        let failing = attempts[17].id!
        // Completing needs a progress row; the failing learner's hook throws, as a failed certificate would.
        for attempt in attempts { _ = try await database.recordPageVisit(userId: attempt.userId, moduleId: "m", lessonId: "l", pageId: "p") }
        let before = database.groupCommit.committed
        let release = holdWriter()
        let results = await withTaskGroup(of: (Int64, Bool).self) { group in
            for attempt in attempts {
                group.addTask {
                    var submission = Self.passing
                    submission.completesModule = true
                    let stored = try? await database.submit(
                        attemptId: attempt.id!,
                        submission,
                        certificate: { name, best in
                            if best.id == failing { throw HookFailed() }
                            return Self.certificate(for: best, name: name)
                        }
                    )
                    return (attempt.id!, stored != nil)
                }
            }
            try? await waitUntilPending(attempts.count)
            release()
            var results: [Int64: Bool] = [:]
            for await (id, ok) in group { results[id] = ok }
            return results
        }
        #expect(results.filter(\.value).count == 29)
        #expect(results[failing] == false)
        let after = database.groupCommit.committed
        #expect(after.writes - before.writes == 30)
        #expect(after.batches - before.batches == 1, "30 writes waiting together are one transaction")

        // What every caller was told is what the file holds, read through a new connection.
        let check = try DatabaseQueue(path: folder.appendingPathComponent("test.sqlite").path)
        let (submitted, failingAnswers, answers, completed) = try await check.read { db in
            (
                try Int64.fetchSet(db, sql: "SELECT id FROM quizAttempt WHERE submittedAt IS NOT NULL"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM attemptAnswer WHERE quizAttemptId = ?", arguments: [failing]),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM attemptAnswer"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM moduleProgress WHERE completedAt IS NOT NULL")
            )
        }
        #expect(submitted == Set(attempts.map { $0.id! }).subtracting([failing]))
        #expect(failingAnswers == 0)
        #expect(answers == 58)
        #expect(completed == 29, "the failing learner's completion is rolled back with the rest of that submission")
    }

    @Test("when SQLite rolls back the whole transaction, every caller of that batch gets an error and nothing is stored")
    func wholeBatchRolledBack() async throws {
        let attempts = try openAttempts(4)
        let release = holdWriter()
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for attempt in attempts.prefix(2) {
                group.addTask { (try? await database.submit(attemptId: attempt.id!, Self.passing)) != nil }
            }
            try? await waitUntilPending(2)
            // What SQLite does on its own after a full disk or an I/O error: the transaction is gone.
            group.addTask { (try? await database.groupCommit.write { db in try db.execute(sql: "ROLLBACK") }) != nil }
            try? await waitUntilPending(3)
            for attempt in attempts.suffix(2) {
                group.addTask { (try? await database.submit(attemptId: attempt.id!, Self.passing)) != nil }
            }
            try? await waitUntilPending(5)
            release()
            var outcomes: [Bool] = []
            for await ok in group { outcomes.append(ok) }
            return outcomes
        }
        #expect(outcomes == [false, false, false, false, false])
        let stored = try await database.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM quizAttempt WHERE submittedAt IS NOT NULL"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM attemptAnswer")
            )
        }
        #expect(stored.0 == 0 && stored.1 == 0)
        // The writer is usable again afterwards.
        #expect(try await database.submit(attemptId: attempts[0].id!, Self.passing).passed == true)
    }

    @Test("commits wait for the disk only when asked (--full-sync): synchronous is NORMAL by default, FULL with fullSync")
    func synchronousSetting() throws {
        func synchronous(_ database: AppDatabase) throws -> Int? {
            try database.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        }
        #expect(try synchronous(database) == 1)
        let full = try AppDatabase.open(path: folder.appendingPathComponent("full.sqlite").path, fullSync: true)
        #expect(try synchronous(full) == 2)
    }

    @Test("a lone write is committed at once, and other writes get their turn between batches")
    func loneWriteAndFairness() async throws {
        let attempts = try openAttempts(200)
        let lone = try await database.submit(attemptId: attempts[0].id!, Self.passing)
        #expect(lone.isSubmitted)
        // 199 submissions wait (more than three batches); another write queued after them is done after the first
        // batch, not after the last.
        let release = holdWriter()
        let finished = await withTaskGroup(of: (String, Date).self) { group in
            for attempt in attempts.dropFirst() {
                group.addTask {
                    _ = try? await database.submit(attemptId: attempt.id!, Self.passing)
                    return ("submit", Date())
                }
            }
            try? await waitUntilPending(199)
            group.addTask {
                try? await database.writer.write { db in
                    try db.execute(sql: "INSERT INTO storeMeta(key, value) VALUES ('fairness', 'ok')")
                }
                return ("other", Date())
            }
            try? await Task.sleep(for: .milliseconds(100))
            release()
            var finished: [(String, Date)] = []
            for await item in group { finished.append(item) }
            return finished
        }
        let other = try #require(finished.first { $0.0 == "other" }?.1)
        let submits = finished.filter { $0.0 == "submit" }.map(\.1).sorted()
        #expect(submits.count == 199)
        #expect(other < submits[submits.count - 1])
        #expect(submits.filter { $0 < other }.count <= 64, "at most one batch went first")
        let submitted = try await database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM quizAttempt WHERE submittedAt IS NOT NULL")
        }
        #expect(submitted == 200)
    }
}
