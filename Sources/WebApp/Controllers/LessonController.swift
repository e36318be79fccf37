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
        guard let userId = user.id, let content = rendered.rendered(lessonId: lesson.id, pageId: page.id) else { throw AppError.notFound }
        let seen = try services.progress.visit(userId: userId, moduleId: module.id, lessonId: lesson.id, pageId: page.id)
        let session = try context.ensureSession(services.sessions)
        let hasChecks = content.segments.contains { if case .check = $0 { true } else { false } }
        let answers = hasChecks ? try services.database.checkAnswers(userId: userId, moduleId: module.id) : [:]
        let emptyCheck = request.uri.queryParameters.get("leeg")

        var model = services.views.baseModel(title: "\(page.title) – \(module.title)", context: context)
        model["csrf"] = session.csrfToken
        model["module"] = ["title": module.title, "url": SiteURL.module(module.id), "glossaryURL": SiteURL.glossary(module.id)]
        model["lesson"] = ["title": lesson.title]
        model["page"] = ["title": page.title]
        let percent = ProgressTracker.percentage(seen: seen, of: module)
        model["percent"] = percent
        model["segments"] = content.segments.map { segment -> [String: Any] in
            switch segment {
            case .html(let html):
                return ["html": html]
            case .check(let question):
                return ["check": checkModel(question, rendered: rendered, lesson: lesson, page: page, answer: answers[question.id],
                                            csrf: session.csrfToken, empty: emptyCheck == question.id)]
            }
        }
        model["terms"] = content.terms.map { ["id": $0.id, "term": $0.term, "definition": rendered.renderer.html($0.definition)] }
        model["hasTerms"] = !content.terms.isEmpty
        if let index = rendered.index(lessonId: lesson.id, pageId: page.id) {
            model["position"] = index + 1
            model["pageCount"] = rendered.order.count
            if index > 0 {
                let previous = rendered.order[index - 1]
                model["previous"] = ["url": SiteURL.page(module.id, previous.lessonId, previous.pageId),
                                     "title": module.page(lessonId: previous.lessonId, pageId: previous.pageId)?.page.title ?? ""]
            }
            if index + 1 < rendered.order.count {
                let next = rendered.order[index + 1]
                model["next"] = ["url": SiteURL.page(module.id, next.lessonId, next.pageId),
                                 "title": module.page(lessonId: next.lessonId, pageId: next.pageId)?.page.title ?? ""]
            } else {
                model["finished"] = ["url": SiteURL.module(module.id)]
            }
        }
        model["lessons"] = module.lessons.map { item -> [String: Any] in
            [
                "title": item.title, "current": item.id == lesson.id,
                "pages": item.pages.map { other -> [String: Any] in
                    ["title": other.title, "url": SiteURL.page(module.id, item.id, other.id), "seen": seen.contains(other.id),
                     "current": item.id == lesson.id && other.id == page.id]
                },
            ]
        }
        return try services.views.render("page", model)
    }

    private func checkModel(_ question: Question, rendered: RenderedCatalog.RenderedModule, lesson: Lesson, page: Page,
                            answer: CheckAnswer?, csrf: String, empty: Bool) -> [String: Any]
    {
        let response = answer.flatMap { CheckAnswerCoding.decode($0.answer) }
        var model = QuestionFormModel.make(question, renderer: rendered.renderer, idPrefix: "check-\(question.id)",
                                           response: response, seed: question.id)
        model["action"] = SiteURL.check(rendered.module.id, lesson.id, page.id, question.id)
        model["csrf"] = csrf
        model["anchor"] = "check-\(question.id)"
        if let response {
            model["feedback"] = QuestionFormModel.feedback(question, response, Grader.grade(question, response), renderer: rendered.renderer)
        }
        if empty { model["error"] = Strings.answerMissing }
        return model
    }

    @Sendable func answerCheck(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let user = try context.requireUser(request)
        let form = try await request.verifiedForm(context: context)
        let (rendered, lesson, page) = try locate(context)
        guard let userId = user.id, let checkId = context.parameters.get("check"),
            let question = page.checks.first(where: { $0.id == checkId })
        else { throw AppError.notFound }
        let pageURL = SiteURL.page(rendered.module.id, lesson.id, page.id)
        let response = QuestionFormModel.response(to: question, from: form)
        if response.isEmpty {
            return .redirect(to: "\(pageURL)?leeg=\(checkId)#check-\(checkId)", type: .normal)
        }
        let result = Grader.grade(question, response)
        try services.database.recordCheckAnswer(CheckAnswer(userId: userId, moduleId: rendered.module.id, checkId: checkId,
                                                            answer: CheckAnswerCoding.encode(response), isCorrect: result.isCorrect,
                                                            answeredAt: Date()))
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

/// A check answer is stored as JSON of the `QuestionResponse`, so every question type fits one column.
enum CheckAnswerCoding {
    static func encode(_ response: QuestionResponse) -> String {
        (try? String(decoding: JSONEncoder().encode(response), as: UTF8.self)) ?? "{}"
    }

    static func decode(_ text: String) -> QuestionResponse? {
        try? JSONDecoder().decode(QuestionResponse.self, from: Data(text.utf8))
    }
}
