import Foundation
import GRDB
import Testing

@_spi(DevSeeding) @testable import LearnerStore

@Suite("Learner store")
struct StoreTests {
    let database = try! AppDatabase.inMemory()

    func makeUser(_ email: String = "anja@voorbeeld.nl") throws -> User {
        try database.createUser(email: email, name: "Anja", organisation: nil, passwordHash: "hash")
    }

    @Test("e-mail addresses are unique regardless of case")
    func uniqueEmail() throws {
        _ = try makeUser("anja@voorbeeld.nl")
        #expect(throws: StoreError.emailTaken) { try makeUser("ANJA@voorbeeld.nl") }
        #expect(try database.user(email: "Anja@Voorbeeld.NL")?.name == "Anja")
    }

    @Test("expired sessions are not returned and are cleaned up")
    func sessionExpiry() throws {
        let user = try makeUser()
        let now = Date()
        try database.createSession(Session(id: "oud", userId: user.id, csrfToken: "t", createdAt: now, expiresAt: now.addingTimeInterval(-1)))
        try database.createSession(Session(id: "nieuw", userId: user.id, csrfToken: "t", createdAt: now, expiresAt: now.addingTimeInterval(60)))
        #expect(try database.session(id: "oud") == nil)
        #expect(try database.session(id: "nieuw")?.userId == user.id)
        #expect(try database.deleteExpiredSessions() == 1)
    }

    @Test("session ids are stored only as hashes: the cookie's token opens the session, a copied row's id does not")
    func sessionsStoredHashed() throws {
        let user = try makeUser()
        let now = Date()
        let token = "k3Y_token-uit-de-cookie"
        try database.createSession(Session(id: token, userId: user.id, csrfToken: "t", createdAt: now, expiresAt: now.addingTimeInterval(60)))
        let stored = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM session") }
        #expect(stored == [SessionTokenHash.hash(token)])
        #expect(stored[0].count == 64 && !stored[0].contains(token))
        #expect(try database.session(id: token)?.id == token, "found by the token, and handed back with it")
        #expect(try database.session(id: stored[0]) == nil, "the stored value is no session id")
        try database.replaceSession(
            oldId: token,
            with: Session(
                id: "nieuw",
                userId: user.id,
                csrfToken: "t",
                createdAt: now,
                expiresAt: now.addingTimeInterval(60)
            )
        )
        #expect(try database.session(id: token) == nil)
        try database.deleteSession(id: "nieuw")
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM session") } == 0)
    }

    @Test("upgrading a database hashes the session ids it holds, and those sessions stay valid")
    func sessionMigration() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v5: statistics queue")
        let now = Date()
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO user(id, email, name, passwordHash, role, createdAt) VALUES (1, 'a@b.nl', 'A', 'x', 'learner', ?)",
                arguments: [now]
            )
            try db.execute(
                sql: "INSERT INTO session(id, userId, csrfToken, createdAt, expiresAt) VALUES ('oud-token', 1, 't', ?, ?)",
                arguments: [now, now.addingTimeInterval(60)]
            )
        }
        let upgraded = try AppDatabase(queue)
        #expect(try upgraded.session(id: "oud-token")?.userId == 1)
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT id FROM session") } == [SessionTokenHash.hash("oud-token")])
    }

    @Test("replacing a session can end every other session of the user")
    func replaceSession() throws {
        let user = try makeUser()
        let now = Date()
        for id in ["a", "b"] {
            try database.createSession(Session(id: id, userId: user.id, csrfToken: "t", createdAt: now, expiresAt: now.addingTimeInterval(60)))
        }
        try database.replaceSession(
            oldId: "a",
            with: Session(
                id: "c",
                userId: user.id,
                csrfToken: "t",
                createdAt: now,
                expiresAt: now.addingTimeInterval(60)
            ),
            endingOtherSessionsOfUser: true
        )
        #expect(try database.session(id: "a") == nil && database.session(id: "b") == nil)
        #expect(try database.session(id: "c") != nil)
    }

    @Test("a page visit is stored once and moves the resume point")
    func pageVisits() async throws {
        let user = try makeUser()
        let id = try #require(user.id)
        #expect(try await database.recordPageVisit(userId: id, moduleId: "m", lessonId: "l1", pageId: "p1"))
        #expect(try await database.recordPageVisit(userId: id, moduleId: "m", lessonId: "l1", pageId: "p2"))
        #expect(try await database.recordPageVisit(userId: id, moduleId: "m", lessonId: "l1", pageId: "p2") == false)
        #expect(try await database.recordPageVisit(userId: id, moduleId: "m", lessonId: "l1", pageId: "p1"))
        #expect(try database.seenPageIds(userId: id, moduleId: "m") == ["p1", "p2"])
        let progress = try #require(try database.progress(userId: id, moduleId: "m"))
        #expect(progress.lastPageId == "p1")
        let all = try database.allProgress(userId: id)
        #expect(all.count == 1 && all[0].seenPageIds.count == 2)
    }

    @Test("login attempts are admitted atomically: a maximum per key, and spacing that holds however many arrive at once")
    func loginAdmission() throws {
        let database = try AppDatabase.inMemory()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let window = start.addingTimeInterval(-900)
        // From the 2nd attempt on: one per 10 seconds.
        let spaced = LoginThrottleKey("account:a", maximum: nil, spacing: { $0 >= 2 ? 10 : nil })
        let capped = LoginThrottleKey("pair:a|x", maximum: 3)
        var admitted: [Bool] = []
        for second in [0.0, 1, 2, 3, 12, 13, 25] {
            admitted.append(try database.admitLoginAttempt([capped, spaced], since: window, at: start.addingTimeInterval(second)).admitted)
        }
        // 0 and 1 pass (fewer than 2 before them); 2 and 3 are within 10 s of the last admitted one (1); 12 passes, 13 does
        // not; 25 is over the pair's maximum of 3 (0, 1, 12).
        #expect(admitted == [true, true, false, false, true, false, false])
        let refusal = try database.admitLoginAttempt([capped, spaced], since: window, at: start.addingTimeInterval(26))
        #expect(refusal.refusedKey == "pair:a|x" && refusal.priorFailures["pair:a|x"] == 3)
        // A success forgives its own rows: the pair has room again.
        let other = LoginThrottleKey("pair:b|x", maximum: 1)
        let first = try database.admitLoginAttempt([other], since: window, at: start)
        try database.forgiveLoginAttempt(first, clearing: [])
        #expect(try database.admitLoginAttempt([other], since: window, at: start).admitted)
    }

    @Test("login failures are counted per key within a window")
    func loginFailures() throws {
        let now = Date()
        try database.recordLoginFailure(keys: ["account:a", "ip:1"], at: now.addingTimeInterval(-3600))
        try database.recordLoginFailure(keys: ["account:a", "ip:1"], at: now)
        #expect(try database.loginFailures(key: "account:a", since: now.addingTimeInterval(-60)) == 1)
        try database.clearLoginFailures(key: "account:a")
        #expect(try database.loginFailures(key: "account:a", since: .distantPast) == 0)
        #expect(try database.loginFailures(key: "ip:1", since: .distantPast) == 2)
        #expect(try database.deleteLoginFailures(before: now.addingTimeInterval(-60)) == 1, "only the old one")
        #expect(try database.loginFailures(key: "ip:1", since: .distantPast) == 1)
    }

    @Test("deleting a user deletes their sessions and progress (foreign keys cascade)")
    func cascade() async throws {
        let user = try makeUser()
        let id = try #require(user.id)
        try await database.recordPageVisit(userId: id, moduleId: "m", lessonId: "l", pageId: "p")
        _ = try await database.writer.write { db in try User.deleteOne(db, key: id) }
        #expect(try database.seenPageIds(userId: id, moduleId: "m").isEmpty)
        #expect(try database.progress(userId: id, moduleId: "m") == nil)
    }

    @Test("a file that is not a database, or a folder, gives a clear message")
    func cannotOpen() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sw-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let garbage = folder.appendingPathComponent("kapot.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: garbage)
        #expect { try AppDatabase.open(path: garbage.path) } throws: { error in
            "\(error)".contains("geen (gave) SQLite-database")
        }
        #expect { try AppDatabase.open(path: folder.path) } throws: { error in
            "\(error)".contains("kan niet geopend worden")
        }
    }

    @Test("a database locked by another process gives a clear message, not a hang or crash")
    func locked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sw-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        _ = try AppDatabase.open(path: path)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // this connection plays the other program holding the lock
        let holder = try DatabaseQueue(path: path, configuration: configuration)
        try holder.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        defer { try? holder.inDatabase { db in try db.execute(sql: "ROLLBACK") } }
        #expect { try AppDatabase.open(path: path, busyTimeout: 0.2) } throws: { error in
            "\(error)".contains("vergrendeld")
        }
    }
}

@Suite("Quiz attempts in the store")
struct QuizStoreTests {
    let database = try! AppDatabase.inMemory()

    @Test("submitting records the grade and the completion together, or nothing at all")
    func submitIsOneTransaction() async throws {
        let user = try database.createUser(email: "q@voorbeeld.nl", name: "Q", organisation: nil, passwordHash: "h")
        let id = try #require(user.id)
        try await database.recordPageVisit(userId: id, moduleId: "m", lessonId: "l", pageId: "p")
        let attempt = try database.openOrStartAttempt(
            userId: id,
            moduleId: "m",
            moduleVersion: "1",
            quizId: "t",
            maxAttempts: 2,
            plan: { _ in ["q1", "q2"] }
        )
        #expect(
            try database.openOrStartAttempt(
                userId: id,
                moduleId: "m",
                moduleVersion: "1",
                quizId: "t",
                maxAttempts: 2,
                plan: { _ in [] }
            ).id == attempt.id,
            "an open attempt is resumed, not doubled"
        )
        let submission = QuizSubmission(
            responses: ["q1": "{}"],
            fractions: ["q1": 1],
            points: 1,
            maxPoints: 2,
            percent: 50,
            passed: true,
            completesModule: true
        )
        struct HookFailed: Error {}
        await #expect(throws: HookFailed.self) {
            try await database.submit(attemptId: attempt.id!, submission, certificate: { _, _ in throw HookFailed() })
        }
        #expect(try database.attempt(userId: id, moduleId: "m", number: 1)?.submittedAt == nil)
        #expect(try database.progress(userId: id, moduleId: "m")?.completedAt == nil)
        #expect(try database.answers(attemptId: attempt.id!).isEmpty)

        let submitted = try await database.submit(attemptId: attempt.id!, submission)
        #expect(submitted.passed == true && submitted.percent == 50)
        #expect(try database.progress(userId: id, moduleId: "m")?.completedAt != nil)
        let again = try await database.submit(
            attemptId: attempt.id!,
            QuizSubmission(
                responses: [:],
                fractions: [:],
                points: 0,
                maxPoints: 2,
                percent: 0,
                passed: false,
                completesModule: false
            )
        )
        #expect(again.percent == 50, "a second submit changes nothing")
    }

    @Test("an attempt's stored question ids read back as written, also with spaces, escapes and no ids")
    func questionIdList() throws {
        func attempt(_ json: String) -> QuizAttempt {
            QuizAttempt(
                id: nil,
                userId: 1,
                moduleId: "m",
                moduleVersion: "1",
                quizId: "t",
                number: 1,
                seed: "s",
                questionIds: json,
                startedAt: Date()
            )
        }
        #expect(attempt(#"["q1","vraag-2","ä"]"#).questionIdList == ["q1", "vraag-2", "ä"])
        #expect(attempt(#"[ "q1" , "q2" ]"#).questionIdList == ["q1", "q2"])
        #expect(attempt("[]").questionIdList == [])
        #expect(attempt(#"["a\"b","c"]"#).questionIdList == [#"a"b"#, "c"], "escapes go through JSONDecoder")
        let written = try JSONEncoder().encode(["q-1", "q.2", "q_3"])
        #expect(attempt(String(decoding: written, as: UTF8.self)).questionIdList == ["q-1", "q.2", "q_3"])
    }

    @Test("the attempt limit is enforced in the store")
    func attemptLimit() async throws {
        let user = try database.createUser(email: "l@voorbeeld.nl", name: "L", organisation: nil, passwordHash: "h")
        let id = try #require(user.id)
        let done = QuizSubmission(
            responses: [:],
            fractions: [:],
            points: 0,
            maxPoints: 1,
            percent: 0,
            passed: false,
            completesModule: false
        )
        let attempt = try database.openOrStartAttempt(
            userId: id,
            moduleId: "m",
            moduleVersion: "1",
            quizId: "t",
            maxAttempts: 1,
            plan: { _ in ["q"] }
        )
        _ = try await database.submit(attemptId: attempt.id!, done)
        #expect(throws: AttemptError.noAttemptsLeft) {
            try database.openOrStartAttempt(userId: id, moduleId: "m", moduleVersion: "1", quizId: "t", maxAttempts: 1, plan: { _ in ["q"] })
        }
        #expect(try await database.saveAnswers(attemptId: attempt.id!, ["q": "{}"]) == false, "a submitted attempt takes no more answers")
    }
}

/// Codes handed out in order, from inside the store's (Sendable) completion hook.
final class Codes: @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [String]
    init(_ codes: [String]) { self.codes = codes }
    func next() -> String { lock.withLock { codes.removeFirst() } }
}

@Suite("Certificates in the store")
struct CertificateStoreTests {
    let database = try! AppDatabase.inMemory()

    func record(_ code: String, userId: Int64?, name: String = "C", percent: Int = 80) -> CertificateRecord {
        CertificateRecord(
            code: code,
            userId: userId,
            quizAttemptId: nil,
            learnerName: name,
            moduleId: "m",
            moduleTitle: "M",
            moduleVersion: "1",
            studyLoadMinutes: 60,
            accreditations: [.init(register: "R", number: "N", points: "1.5")],
            scorePercent: percent,
            completedAt: Date(),
            signature: "s",
            keyId: "k"
        )
    }

    /// A learner who passed twice (60 %, then 90 %) and reads the last page afterwards.
    func passedTwice() async throws -> Int64 {
        let user = try database.createUser(email: "c@voorbeeld.nl", name: "Carla Çelik", organisation: nil, passwordHash: "h")
        let id = try #require(user.id)
        try await database.recordPageVisit(userId: id, moduleId: "m", lessonId: "l", pageId: "p")
        for percent in [60, 90] {
            let attempt = try database.openOrStartAttempt(
                userId: id,
                moduleId: "m",
                moduleVersion: "1",
                quizId: "t",
                maxAttempts: 0,
                plan: { _ in ["q"] }
            )
            _ = try await database.submit(
                attemptId: attempt.id!,
                .init(
                    responses: [:],
                    fractions: [:],
                    points: 1,
                    maxPoints: 1,
                    percent: percent,
                    passed: true,
                    completesModule: false
                )
            )
        }
        return id
    }

    @Test("issuing gets the current name and the best passing attempt, and draws a new code when one is taken")
    func issue() async throws {
        let id = try await passedTwice()
        try database.insertCertificate(record("SW-AAAA-AAAA", userId: nil))
        let offered = Codes(["SW-AAAA-AAAA", "SW-BBBB-BBBB"])
        let completed = try await database.completeIfQuizPassed(userId: id, moduleId: "m") { name, best in
            record(offered.next(), userId: id, name: name, percent: best.percent ?? 0)
        }
        #expect(completed)
        let issued = try #require(try database.certificate(userId: id, moduleId: "m"))
        #expect(issued.code == "SW-BBBB-BBBB" && issued.learnerName == "Carla Çelik" && issued.scorePercent == 90)
        #expect(issued.accreditations == [.init(register: "R", number: "N", points: "1.5")], "JSON round trip")
        // Already complete: nothing happens a second time.
        #expect(
            try await database.completeIfQuizPassed(userId: id, moduleId: "m") { _, _ in
                Issue.record("the maker ran twice")
                return record("SW-CCCC-CCCC", userId: id)
            } == false
        )
    }

    @Test("a failing certificate leaves the module incomplete; revocation keeps the first reason; a deleted account keeps its certificate")
    func failureRevocationAndDeletion() async throws {
        let id = try await passedTwice()
        struct SigningFailed: Error {}
        await #expect(throws: SigningFailed.self) {
            try await database.completeIfQuizPassed(userId: id, moduleId: "m") { _, _ in throw SigningFailed() }
        }
        #expect(try database.progress(userId: id, moduleId: "m")?.completedAt == nil)
        #expect(try database.certificates(userId: id).isEmpty)

        try database.insertCertificate(record("SW-CCCC-CCCC", userId: id))
        #expect(try database.revokeCertificate(code: "SW-CCCC-CCCC", reason: "eerste", by: nil) == .revoked)
        #expect(try database.revokeCertificate(code: "SW-CCCC-CCCC", reason: "tweede", by: nil) == .alreadyRevoked)
        #expect(try database.revokeCertificate(code: "SW-DDDD-DDDD", reason: "x", by: nil) == .unknownCode)
        #expect(try database.certificate(code: "SW-CCCC-CCCC")?.revokedReason == "eerste")

        try await database.writer.write { try $0.execute(sql: "DELETE FROM user WHERE id = ?", arguments: [id]) }
        let kept = try #require(try database.certificate(code: "SW-CCCC-CCCC"))
        #expect(kept.userId == nil && kept.learnerName == "C")
    }
}

@Suite("Password reset links in the store")
struct PasswordResetStoreTests {
    @Test("only the token's hash is stored; a link works once, until it expires, and only the newest counts")
    func singleUse() throws {
        let database = try AppDatabase.inMemory()
        let user = try database.createUser(email: "a@voorbeeld.nl", name: "A", organisation: nil, passwordHash: "oud")
        let now = Date()
        try database.createPasswordReset(userId: user.id!, token: "token-een", at: now, expiresAt: now.addingTimeInterval(3600))
        let stored = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT tokenHash FROM passwordReset") }
        #expect(stored == [SessionTokenHash.hash("token-een")])
        #expect(try database.passwordResetUser(token: "token-een", at: now.addingTimeInterval(3601)) == nil)
        try database.createSession(Session(id: "sessie", userId: user.id, csrfToken: "c", createdAt: now, expiresAt: now.addingTimeInterval(60)))
        #expect(try database.resetPassword(token: "token-een", newPasswordHash: "nieuw", at: now)?.passwordHash == "nieuw")
        #expect(try database.user(id: user.id!)?.passwordHash == "nieuw")
        #expect(try database.session(id: "sessie", now: now) == nil)
        #expect(try database.resetPassword(token: "token-een", newPasswordHash: "weer", at: now) == nil)
        try database.createPasswordReset(userId: user.id!, token: "twee", at: now, expiresAt: now.addingTimeInterval(3600))
        try database.createPasswordReset(userId: user.id!, token: "drie", at: now, expiresAt: now.addingTimeInterval(3600))
        #expect(try database.passwordResetUser(token: "twee", at: now) == nil)
        #expect(try database.passwordResetUser(token: "drie", at: now)?.id == user.id)
        // A password change spends the links mailed before it; expired links are removed by housekeeping.
        try database.changePassword(userId: user.id!, hash: "zelf", replacingSession: nil, with: nil)
        #expect(try database.passwordResetUser(token: "drie", at: now) == nil)
        try database.createPasswordReset(userId: user.id!, token: "vier", at: now, expiresAt: now.addingTimeInterval(60))
        #expect(try database.deleteExpiredPasswordResets(before: now) == 0)
        #expect(try database.deleteExpiredPasswordResets(before: now.addingTimeInterval(61)) == 1)
    }
}
