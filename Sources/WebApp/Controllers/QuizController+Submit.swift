import ContentEngine
import Foundation
import Hummingbird
import LearnerStore

/// Posting the quiz form: "Opslaan" saves the answers, "Inleveren" grades and submits the attempt.
extension QuizController {
    /// What a posted quiz form led to.
    enum PostOutcome: Sendable {
        case saved
        /// Questions are open and the learner has not confirmed yet; the answers are saved meanwhile.
        case needsConfirmation
        case submitted
    }

    /// The whole write is one call to the store: the attempt is found, checked, read, graded and written in one
    /// transaction (shared with submissions arriving at the same moment, see `GroupCommit`). The form is read
    /// against the quiz first, so what runs on the single writer is only lookups, grading and the writes.
    @Sendable func postAttempt(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let user = try context.requireUser(request)
        let form = try await request.verifiedForm(context: context)
        let (rendered, quiz) = try locate(context)
        let module = rendered.module
        guard let number = Self.attemptNumber(context) else { throw AppError.notFound }
        let userId = user.id
        let quizForm = try QuizForm(form, quiz: quiz)
        let now = Date()
        let makeCertificate = services.certificates.certificateMaker(for: module, at: now)

        let update = try await services.database.updateOpenAttempt(userId: userId, moduleId: module.id, number: number, at: now) { open in
            try Self.apply(quizForm, to: open, module: module, quiz: quiz, certificate: makeCertificate)
        }
        switch update {
        case .notFound:
            throw AppError.notFound
        case .alreadySubmitted:
            // Submitting twice (a double click, a reload) is harmless: the first submission stands.
            return .redirect(to: SiteURL.result(module.id, number), type: .normal)
        case .updated(.saved):
            return .redirect(to: "\(SiteURL.attempt(module.id, number))?opgeslagen=1", type: .normal)
        case .updated(.needsConfirmation):
            // A page of its own (not the POST's response), so its links to the open questions load the attempt.
            return .redirect(to: SiteURL.confirm(module.id, number), type: .normal)
        case .updated(.submitted):
            return .redirect(to: SiteURL.result(module.id, number), type: .normal)
        }
    }

    /// Inside the write transaction. A filled-in field replaces what was saved; an emptied one keeps it.
    private static func apply(
        _ posted: QuizForm,
        to open: any OpenAttemptWrite,
        module: Module,
        quiz: Quiz,
        certificate makeCertificate: @escaping CertificateMaker
    ) throws -> PostOutcome {
        let questionIds = open.attempt.questionIdList
        let questions = quiz.questions(ids: questionIds)
        let form = try posted.restricted(to: Set(questions.map(\.id)))
        let postedJSON = form.answers.mapValues(\.stored)
        guard form.submits else {
            try open.saveAnswers(postedJSON)
            return .saved
        }
        let state = try open.state()
        var merged = form.answers.mapValues(\.response)
        var stored = postedJSON
        for (id, saved) in state.savedResponses where merged[id] == nil {
            guard let response = QuestionResponse(storedJSON: saved) else { continue }
            merged[id] = response
            stored[id] = saved
        }
        if !form.confirmed, questions.contains(where: { merged[$0.id]?.isEmpty ?? true }) {
            try open.saveAnswers(postedJSON)
            return .needsConfirmation
        }
        let outcome = QuizGrader.grade(quiz: quiz, questionIds: questionIds, responses: merged, graded: form.answers.mapValues(\.result))
        let submission = QuizSubmission(
            responses: stored,
            fractions: Dictionary(outcome.questions.map { ($0.question.id, $0.result.fraction) }, uniquingKeysWith: { $1 }),
            points: outcome.points,
            maxPoints: outcome.maxPoints,
            percent: outcome.percent,
            passed: outcome.passed,
            completesModule: Completion.isComplete(module, seenPageIds: state.seenPageIds, quizPassed: outcome.passed || state.passedBefore)
        )
        _ = try open.submit(submission, certificate: makeCertificate)
        return .submitted
    }
}
