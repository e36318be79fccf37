import ContentEngine
import Foundation
import Hummingbird
import LearnerStore
import RequestParsing

/// The final quiz: overview with attempts, one attempt as a single form (answers saved on every submit),
/// confirmation when questions are open, grading on the server, result and review.
struct QuizController {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get(SiteURL.quizRoute, use: overview)
        router.post(SiteURL.attemptsRoute, use: start)
        router.get(SiteURL.attemptRoute, use: showAttempt)
        router.post(SiteURL.attemptRoute, use: postAttempt)
        router.get(SiteURL.confirmRoute, use: confirm)
        router.get(SiteURL.resultRoute, use: result)
    }

    // MARK: Overview and start

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let (rendered, quiz) = try locate(context)
        let module = rendered.module
        let attempts = try services.database.attempts(userId: user.id, moduleId: module.id)
        let open = attempts.last { !$0.isSubmitted }
        let left = quiz.maxAttempts == 0 ? Int.max : quiz.maxAttempts - attempts.count
        let page = QuizOverviewPage(
            layout: try services.views.formLayout(
                title: "\(quiz.title ?? "Eindtoets") – \(module.title)",
                context: context,
                sessions: services.sessions
            ),
            module: TitledLink(title: module.title, url: SiteURL.module(module.id)),
            quiz: .init(
                title: quiz.title ?? "Eindtoets",
                intro: rendered.renderer.html(quiz.intro),
                questions: quiz.questionsPerAttempt,
                passPercent: quiz.passPercent,
                attempts: quiz.maxAttempts == 0 ? "onbeperkt" : "\(quiz.maxAttempts)"
            ),
            startURL: SiteURL.attempts(module.id),
            canStart: open != nil || left > 0,
            resume: open != nil,
            noAttemptsLeft: open == nil && left <= 0,
            history: attempts.filter(\.isSubmitted).map { attempt in
                .init(
                    number: attempt.number,
                    date: DutchDate.string(attempt.submittedAt ?? attempt.startedAt),
                    percent: attempt.percent ?? 0,
                    passed: attempt.passed ?? false,
                    url: SiteURL.result(module.id, attempt.number)
                )
            }
        )
        return try services.views.render(.quiz, page)
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let user = try context.requireUser(request)
        _ = try await request.verifiedForm(context: context)
        let (rendered, quiz) = try locate(context)
        do {
            let attempt = try services.database.openOrStartAttempt(
                userId: user.id,
                moduleId: rendered.module.id,
                moduleVersion: rendered.module.version,
                quizId: quiz.id,
                maxAttempts: quiz.maxAttempts,
                plan: { AttemptPlan.questionIds(for: quiz, seed: $0) }
            )
            return .redirect(to: SiteURL.attempt(rendered.module.id, attempt.number), type: .normal)
        } catch AttemptError.noAttemptsLeft {
            throw AppError.forbidden("Je hebt al je pogingen voor deze toets gebruikt. Er is niets opgeslagen.")
        }
    }

    // MARK: One attempt

    @Sendable func showAttempt(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let (rendered, quiz, attempt) = try locateAttempt(context, user: user)
        if attempt.isSubmitted { return .redirect(to: SiteURL.result(rendered.module.id, attempt.number), type: .normal) }
        let saved = try savedResponses(attempt)
        let notice = request.uri.queryParameters.get("opgeslagen") != nil ? "Je antwoorden zijn opgeslagen." : nil
        return try renderAttempt(rendered, quiz, attempt, responses: saved, context: context, notice: notice)
    }

    /// "Toets inleveren?": the open questions of an attempt, linked, with a button to submit anyway.
    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let (rendered, quiz, attempt) = try locateAttempt(context, user: user)
        if attempt.isSubmitted { return .redirect(to: SiteURL.result(rendered.module.id, attempt.number), type: .normal) }
        let saved = try savedResponses(attempt)
        let open = quiz.questions(ids: attempt.questionIdList).filter { saved[$0.id]?.isEmpty ?? true }
        return try renderConfirmation(rendered, attempt, open: open, context: context)
    }

    // MARK: Result and review

    @Sendable func result(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let (rendered, quiz, attempt) = try locateAttempt(context, user: user)
        let module = rendered.module
        guard attempt.isSubmitted else { return .redirect(to: SiteURL.attempt(module.id, attempt.number), type: .normal) }
        let saved = try savedResponses(attempt)
        let outcome = QuizGrader.grade(quiz: quiz, questionIds: attempt.questionIdList, responses: saved)
        let attempts = try services.database.attempts(userId: user.id, moduleId: module.id)
        let passed = attempt.passed ?? false
        let showAnswers = QuizGrader.showsCorrectAnswers(quiz: quiz, passed: passed, attemptsUsed: attempts.count)
        let progress = try services.database.progress(userId: user.id, moduleId: module.id)

        let left = quiz.maxAttempts == 0 ? Int.max : quiz.maxAttempts - attempts.count
        let completed = progress?.completedAt != nil
        let page = ResultPage(
            layout: services.views.layout(title: "Resultaat poging \(attempt.number) – \(module.title)", context: context),
            module: TitledLink(title: module.title, url: SiteURL.module(module.id)),
            attempt: .init(
                number: attempt.number,
                percent: attempt.percent ?? 0,
                passed: passed,
                passPercent: quiz.passPercent,
                points: DutchNumber.compact(attempt.points ?? 0),
                maxPoints: DutchNumber.compact(attempt.maxPoints ?? 0)
            ),
            completed: completed,
            certificateURL: completed
                ? try services.database.certificate(userId: user.id, moduleId: module.id).map { SiteURL.myCertificate($0.code) } : nil,
            showAnswers: showAnswers,
            changed: !outcome.removedQuestionIds.isEmpty || outcome.changedSinceAnswer || attempt.moduleVersion != module.version,
            canRetry: !passed && left > 0,
            quizURL: SiteURL.quiz(module.id),
            questions: outcome.questions.enumerated().map { index, item in
                var feedback = QuestionFormModel.feedback(item.question, item.response, item.result, renderer: rendered.renderer)
                // Feedback is about what the learner chose; an open question has none. The explanation usually
                // gives the answer away, so it follows the review setting like the correct answer.
                if !item.answered { feedback.items = [] }
                if !showAnswers { feedback.explanation = nil }
                return .init(
                    number: index + 1,
                    prompt: rendered.renderer.html(item.question.prompt),
                    correct: item.result.isCorrect,
                    partial: !item.result.isCorrect && item.result.fraction > 0,
                    given: Self.describe(item.response, of: item.question, renderer: rendered.renderer),
                    feedback: feedback,
                    rightAnswer: showAnswers ? Self.rightAnswer(item.question, renderer: rendered.renderer) : nil
                )
            }
        )
        return try services.views.render(.result, page)
    }

    // MARK: Rendering helpers

    private func renderAttempt(
        _ rendered: RenderedCatalog.RenderedModule,
        _ quiz: Quiz,
        _ attempt: QuizAttempt,
        responses: [String: QuestionResponse],
        context: AppRequestContext,
        notice: String?
    ) throws -> Response {
        let module = rendered.module
        let questionIds = attempt.questionIdList
        let questions = quiz.questions(ids: questionIds)
        let page = AttemptPage(
            layout: try services.views.formLayout(
                title: "\(quiz.title ?? "Eindtoets"), poging \(attempt.number) – \(module.title)",
                context: context,
                sessions: services.sessions
            ),
            module: TitledLink(title: module.title, url: SiteURL.module(module.id)),
            quizTitle: quiz.title ?? "Eindtoets",
            attempt: .init(number: attempt.number, action: SiteURL.attempt(module.id, attempt.number)),
            notice: notice,
            changed: questions.count < questionIds.count,
            questions: questions.enumerated().map { index, question in
                let form = QuestionFormModel.make(
                    question,
                    renderer: rendered.renderer,
                    idPrefix: "v-\(question.id)",
                    response: responses[question.id],
                    seed: attempt.seed + "/" + question.id,
                    namePrefix: Self.namePrefix(question),
                    choices: AttemptPlan.choiceOrder(question, quiz: quiz, seed: attempt.seed)
                )
                return .init(form: form, number: index + 1, anchor: "vraag-\(question.id)")
            }
        )
        return try services.views.render(.attempt, page)
    }

    private func renderConfirmation(
        _ rendered: RenderedCatalog.RenderedModule,
        _ attempt: QuizAttempt,
        open: [Question],
        context: AppRequestContext
    ) throws -> Response {
        let module = rendered.module
        let action = SiteURL.attempt(module.id, attempt.number)
        let page = ConfirmPage(
            layout: try services.views.formLayout(title: "Toets inleveren? – \(module.title)", context: context, sessions: services.sessions),
            action: action,
            open: open.map { .init(prompt: $0.prompt.normalizedText, url: "\(action)#vraag-\($0.id)") }
        )
        return try services.views.render(.confirm, page)
    }

    private func savedResponses(_ attempt: QuizAttempt) throws -> [String: QuestionResponse] {
        // An attempt read from the store always has its id; one that was never stored has no answers.
        guard let attemptId = attempt.id else { return [:] }
        return try services.database.answers(attemptId: attemptId).compactMapValues { QuestionResponse(storedJSON: $0.response) }
    }

    static func namePrefix(_ question: Question) -> String { "v-\(question.id)-" }

    /// What the learner answered, in words, for the review.
    static func describe(_ response: QuestionResponse, of question: Question, renderer: ContentRenderer) -> String {
        switch question.kind {
        case .single, .truefalse, .multiple:
            let chosen = question.choices.filter { response.choiceIds.contains($0.id) }.map { $0.content.normalizedText }
            return chosen.isEmpty ? "Geen antwoord" : chosen.joined(separator: "; ")
        case .match:
            let lines = question.pairs.compactMap { pair -> String? in
                guard let target = response.matches[pair.id], let right = question.pairs.first(where: { $0.id == target }) else { return nil }
                return "\(pair.left.normalizedText) → \(right.right.normalizedText)"
            }
            return lines.isEmpty ? "Geen antwoord" : lines.joined(separator: "; ")
        case .order:
            let ordered = question.items.compactMap { item in response.positions[item.id].map { ($0, item.content.normalizedText) } }
                .sorted { $0.0 < $1.0 }.map { "\($0.0). \($0.1)" }
            return ordered.isEmpty ? "Geen antwoord" : ordered.joined(separator: "; ")
        case .text:
            let text = response.text ?? ""
            return text.isEmpty ? "Geen antwoord" : text
        }
    }

    static func rightAnswer(_ question: Question, renderer: ContentRenderer) -> String {
        switch question.kind {
        case .single, .truefalse, .multiple:
            return question.choices.filter(\.isCorrect).map { $0.content.normalizedText }.joined(separator: "; ")
        case .match:
            return question.pairs.map { "\($0.left.normalizedText) → \($0.right.normalizedText)" }.joined(separator: "; ")
        case .order:
            return question.items.enumerated().map { "\($0.offset + 1). \($0.element.content.normalizedText)" }.joined(separator: "; ")
        case .text:
            return question.acceptedAnswers.first ?? ""
        }
    }

    func locate(_ context: AppRequestContext) throws -> (RenderedCatalog.RenderedModule, Quiz) {
        guard let id = context.parameters.get("module"), let rendered = services.catalog[id], let quiz = rendered.module.quiz else {
            throw AppError.notFound
        }
        return (rendered, quiz)
    }

    /// Attempts are found by the learner's own number; another learner's attempt is simply not there (404).
    private func locateAttempt(_ context: AppRequestContext, user: KnownUser) throws -> (RenderedCatalog.RenderedModule, Quiz, QuizAttempt) {
        let (rendered, quiz) = try locate(context)
        guard let number = Self.attemptNumber(context),
            let attempt = try services.database.attempt(userId: user.id, moduleId: rendered.module.id, number: number)
        else { throw AppError.notFound }
        return (rendered, quiz, attempt)
    }

    /// The attempt number in the path, if it is a plausible one.
    static func attemptNumber(_ context: AppRequestContext) -> Int? {
        guard let number = RequestNumber.parse(context.parameters.get("number"), in: 1...100_000) else { return nil }
        return number
    }
}
