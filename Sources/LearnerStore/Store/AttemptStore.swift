import Foundation

/// Quiz attempts: start, save answers, submit. Grading happens in ContentEngine; the store keeps the result.
public protocol AttemptStore: Sendable {
    /// The learner's attempts at a module's quiz, oldest first.
    func attempts(userId: Int64, moduleId: String) throws -> [QuizAttempt]
    func attempt(userId: Int64, moduleId: String, number: Int) throws -> QuizAttempt?

    /// Returns the open attempt, or starts the next one if the limit allows (0 = unlimited), with the question ids
    /// `plan` draws from the attempt's seed. One transaction, so two clicks on "Start" never make two attempts.
    /// Throws `AttemptError.noAttemptsLeft`.
    func openOrStartAttempt(
        userId: Int64,
        moduleId: String,
        moduleVersion: String,
        quizId: String,
        maxAttempts: Int,
        plan: (String) -> [String],
        at date: Date
    ) throws -> QuizAttempt

    /// The saved answers of an attempt, by question id.
    func answers(attemptId: Int64) throws -> [String: AttemptAnswer]

    /// Saves answers (stored JSON by question id) of an open attempt in one transaction. Returns false (and saves
    /// nothing) when the attempt was already submitted.
    func saveAnswers(attemptId: Int64, _ responses: [String: String], at date: Date) async throws -> Bool

    /// Records the final answers, the grade and (if earned) the module's completion with its certificate in ONE
    /// transaction. Submitting an attempt that was already submitted changes nothing and returns it as it was.
    func submit(
        attemptId: Int64,
        _ submission: QuizSubmission,
        at date: Date,
        certificate makeCertificate: CertificateMaker?
    ) async throws
        -> QuizAttempt

    /// The quiz form's whole write path in one transaction: finds the learner's attempt by its number and, if it is
    /// still open, lets `body` read its state, save answers or submit it. If `body` throws, nothing it wrote is kept.
    /// `body` runs while the store holds its writer: do the work that needs only the form and the module before
    /// calling, and keep `body` to lookups and decisions. A learner is answered only after the commit.
    func updateOpenAttempt<Value: Sendable>(
        userId: Int64,
        moduleId: String,
        number: Int,
        at date: Date,
        _ body: @escaping @Sendable (any OpenAttemptWrite) throws -> Value
    ) async throws -> OpenAttemptUpdate<Value>

    /// Deletes a learner's attempts (and their answers) at a module, so they can start again from attempt 1; the
    /// answers stay counted in the item analysis. A completion and its certificate stay. Returns how many went.
    @discardableResult func resetAttempts(userId: Int64, moduleId: String) throws -> Int
}

/// An open (not yet submitted) quiz attempt inside the write transaction of `AttemptStore.updateOpenAttempt`:
/// what saving or submitting may read and change. Only valid inside the closure it is handed to.
public protocol OpenAttemptWrite {
    var attempt: QuizAttempt { get }
    /// The saved answers, whether an earlier attempt passed, and the pages seen.
    func state() throws -> SubmissionState
    /// Saves answers (stored JSON by question id); an answer replaces the saved one of its question.
    func saveAnswers(_ responses: [String: String]) throws
    /// Records the final answers, the grade and (if earned) the module's completion with its certificate
    /// (`makeCertificate`), in the same transaction. Returns the submitted attempt.
    @discardableResult func submit(_ submission: QuizSubmission, certificate makeCertificate: CertificateMaker?) throws -> QuizAttempt
}

public enum AttemptError: Error, Equatable {
    /// Every allowed attempt is used.
    case noAttemptsLeft
}

/// How `updateOpenAttempt` went.
public enum OpenAttemptUpdate<Value: Sendable>: Sendable {
    /// The learner has no attempt with this number at this module.
    case notFound
    /// The attempt was submitted before; nothing was changed (a double click or a reload lands here).
    case alreadySubmitted(QuizAttempt)
    /// `body` ran on the open attempt, and what it wrote is committed.
    case updated(Value)
}

/// What a submission needs to know besides the form: the saved answers (JSON by question id), whether an earlier
/// attempt passed, and the pages seen (for completion).
public struct SubmissionState: Sendable {
    public var savedResponses: [String: String]
    public var passedBefore: Bool
    public var seenPageIds: Set<String>
}

/// What submitting records, computed by the caller from the module (ContentEngine grading).
public struct QuizSubmission: Sendable {
    public var responses: [String: String]
    public var fractions: [String: Double]
    public var points: Double
    public var maxPoints: Double
    public var percent: Int
    public var passed: Bool
    /// Set when this submission completes the module (all pages seen and the quiz passed).
    public var completesModule: Bool

    public init(
        responses: [String: String],
        fractions: [String: Double],
        points: Double,
        maxPoints: Double,
        percent: Int,
        passed: Bool,
        completesModule: Bool
    ) {
        self.responses = responses
        self.fractions = fractions
        self.points = points
        self.maxPoints = maxPoints
        self.percent = percent
        self.passed = passed
        self.completesModule = completesModule
    }
}

extension AttemptStore {
    public func openOrStartAttempt(
        userId: Int64,
        moduleId: String,
        moduleVersion: String,
        quizId: String,
        maxAttempts: Int,
        plan: (String) -> [String]
    ) throws -> QuizAttempt {
        try openOrStartAttempt(
            userId: userId,
            moduleId: moduleId,
            moduleVersion: moduleVersion,
            quizId: quizId,
            maxAttempts: maxAttempts,
            plan: plan,
            at: Date()
        )
    }
}
