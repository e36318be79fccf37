import ContentEngine
import Foundation
import Hummingbird
import LearnerStore

/// Reading a module page by page, and answering the inline checks on a page.
struct LessonController {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get(SiteURL.pageRoute, use: page)
        router.post(SiteURL.checkRoute, use: answerCheck)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let (rendered, lesson, page) = try locate(context)
        let module = rendered.module
        let userId = user.id
        guard let content = rendered.rendered(lessonId: lesson.id, pageId: page.id) else { throw AppError.notFound }
        let seen: Set<String>
        let isFirstVisit: Bool
        do {
            (seen, isFirstVisit) = try await services.progress.visit(userId: userId, moduleId: module.id, lessonId: lesson.id, pageId: page.id)
        } catch let error where StorageProblem(error) != nil {
            // Reading goes on when the disk is full: the page is shown, only the visit is not recorded.
            context.logger.critical("Storage problem: page visit not recorded", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            (seen, isFirstVisit) = (try services.progress.entry(userId: userId, moduleId: module.id).seen, false)
        }
        if isFirstVisit, Completion.isComplete(module, seenPageIds: seen, quizPassed: true) {
            // The last unread page, read after the quiz was passed: this visit completes the module.
            let now = Date()
            try await services.database.completeIfQuizPassed(
                userId: userId,
                moduleId: module.id,
                at: now,
                certificate: services.certificates.certificateMaker(for: module, at: now)
            )
        }
        let session = try context.ensureSession(services.sessions)
        let hasChecks = content.segments.contains { if case .check = $0 { true } else { false } }
        let answers = hasChecks ? try services.database.checkAnswers(userId: userId, moduleId: module.id) : [:]
        let emptyCheck = request.uri.queryParameters.get("leeg")

        guard let skeleton = services.skeletons[PageSkeletons.key(module.id, lesson.id, page.id)] else { throw AppError.notFound }
        var checks: [Int: String] = [:]
        for (index, segment) in content.segments.enumerated() {
            guard case .check(let question) = segment else { continue }
            let model = checkModel(
                question,
                rendered: rendered,
                lesson: lesson,
                page: page,
                answer: answers[question.id],
                csrf: session.csrfToken,
                empty: emptyCheck == question.id
            )
            checks[index] = try services.views.renderString(.check, model)
        }
        // Compressed per request only in its fills (#14): see PageSkeleton+Response.swift.
        let fills = PageSkeleton.Fills(
            name: user.name,
            isAdmin: user.role == .admin,
            csrf: session.csrfToken,
            percent: ProgressTracker.percentage(seen: seen, of: module),
            seen: seen,
            checks: checks
        )
        return skeleton.response(to: request, fills)
    }

    private func checkModel(
        _ question: Question,
        rendered: RenderedCatalog.RenderedModule,
        lesson: Lesson,
        page: Page,
        answer: CheckAnswer?,
        csrf: String,
        empty: Bool
    ) -> CheckForm {
        let response = answer.flatMap { QuestionResponse(storedJSON: $0.answer) }
        return CheckForm(
            question: QuestionFormModel.make(
                question,
                renderer: rendered.renderer,
                idPrefix: "check-\(question.id)",
                response: response,
                seed: question.id
            ),
            action: SiteURL.check(rendered.module.id, lesson.id, page.id, question.id),
            csrf: csrf,
            anchor: "check-\(question.id)",
            feedback: response.map { QuestionFormModel.feedback(question, $0, Grader.grade(question, $0), renderer: rendered.renderer) },
            error: empty ? Strings.answerMissing : nil
        )
    }

    @Sendable func answerCheck(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let user = try context.requireUser(request)
        let form = try await request.verifiedForm(context: context)
        let (rendered, lesson, page) = try locate(context)
        let userId = user.id
        guard let checkId = context.parameters.get("check"),
            let question = page.checks.first(where: { $0.id == checkId })
        else { throw AppError.notFound }
        let pageURL = SiteURL.page(rendered.module.id, lesson.id, page.id)
        let response = QuestionFormModel.response(to: question, from: form)
        if response.isEmpty {
            return .redirect(to: "\(pageURL)?leeg=\(checkId)#check-\(checkId)", type: .normal)
        }
        let result = Grader.grade(question, response)
        try await services.database.recordCheckAnswer(
            CheckAnswer(
                userId: userId,
                moduleId: rendered.module.id,
                checkId: checkId,
                answer: response.storedJSON,
                isCorrect: result.isCorrect,
                answeredAt: Date()
            )
        )
        return .redirect(to: "\(pageURL)#check-\(checkId)", type: .normal)
    }

    private func locate(_ context: AppRequestContext) throws -> (RenderedCatalog.RenderedModule, Lesson, Page) {
        guard let moduleId = context.parameters.get("module"), let rendered = services.catalog[moduleId],
            let lessonId = context.parameters.get("lesson"), let pageId = context.parameters.get("page"),
            let found = rendered.module.page(lessonId: lessonId, pageId: pageId)
        else { throw AppError.notFound }
        return (rendered, found.lesson, found.page)
    }
}
