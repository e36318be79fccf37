import Foundation
import LearnerStore

/// Builds learner data for tests through the store's protocols only, never SQL: a dataset made with it means the
/// same on every engine behind `LearnerDataStore`, and it cannot hold a row the application could not make.
struct StoreBuilder {
    let store: any LearnerDataStore

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// A learner registered at `created`; returns the new id.
    @discardableResult
    func learner(_ name: String, organisation: String? = nil, email: String? = nil, created: String) throws -> Int64 {
        let user = try store.createUser(
            email: email ?? "\(name.lowercased())@voorbeeld.nl",
            name: name,
            organisation: organisation,
            passwordHash: "x",
            role: .learner,
            at: Self.date(created)
        )
        return user.id!
    }

    /// The learner opens these pages in order at `at`; the first visit starts the module.
    func visit(_ user: Int64, _ module: String, pages: [String], at: String) async throws {
        for page in pages {
            try await store.recordPageVisit(userId: user, moduleId: module, lessonId: "l", pageId: page, at: Self.date(at))
        }
    }

    /// One quiz answer: the stored response and, once graded, its score (0…1).
    struct Answer {
        var response: String
        var fraction: Double
    }

    /// Starts the learner's next attempt and, with `submitted`, hands it in with `percent` and `passed`;
    /// `completes` also completes the module then. Without `submitted` the answers are only saved.
    @discardableResult
    func attempt(
        _ user: Int64,
        _ module: String,
        version: String = "2026.1",
        questions: [String] = [],
        started: String = "2026-01-01T00:00:00Z",
        answers: [String: Answer] = [:],
        submitted: String? = nil,
        percent: Int = 0,
        passed: Bool = false,
        completes: Bool = false
    ) async throws -> QuizAttempt {
        let attempt = try store.openOrStartAttempt(
            userId: user,
            moduleId: module,
            moduleVersion: version,
            quizId: "eindtoets",
            maxAttempts: 0,
            plan: { _ in questions },
            at: Self.date(started)
        )
        let responses = answers.mapValues(\.response)
        guard let submitted else {
            if !responses.isEmpty { _ = try await store.saveAnswers(attemptId: attempt.id!, responses, at: Self.date(started)) }
            return attempt
        }
        let submission = QuizSubmission(
            responses: responses,
            fractions: answers.mapValues(\.fraction),
            points: Double(percent),
            maxPoints: 100,
            percent: percent,
            passed: passed,
            completesModule: completes
        )
        return try await store.submit(attemptId: attempt.id!, submission, at: Self.date(submitted), certificate: nil)
    }

    /// A certificate of `module` as issued at `completed`, revoked at `revoked` when given.
    func certificate(_ code: String, user: Int64, module: String, completed: String, revoked: String? = nil) throws {
        try store.insertCertificate(
            CertificateRecord(
                code: code,
                userId: user,
                quizAttemptId: nil,
                learnerName: "naam",
                moduleId: module,
                moduleTitle: "Module één",
                moduleVersion: "2026.1",
                studyLoadMinutes: 90,
                accreditations: [.init(register: "Registerplein", number: "RP-1", points: "1.5")],
                scorePercent: 85,
                completedAt: Self.date(completed),
                signature: "sig",
                keyId: "k"
            )
        )
        if let revoked { _ = try store.revokeCertificate(code: code, reason: "test", by: nil, at: Self.date(revoked)) }
    }
}
