import ContentEngine
import Foundation
import Hummingbird
import LearnerStore

/// The public pages: the module catalog, a module's overview, its glossary and its sources.
struct CatalogController {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get(SiteURL.catalogRoute, use: catalog)
        router.get(SiteURL.moduleRoute, use: overview)
        router.get(SiteURL.glossaryRoute, use: glossary)
        router.get(SiteURL.sourcesRoute, use: sources)
    }

    @Sendable func catalog(_ request: Request, context: AppRequestContext) async throws -> Response {
        var model = services.views.baseModel(title: "Modules", context: context)
        model["modules"] = try services.catalog.catalog.modules.map { module -> [String: Any] in
            var card: [String: Any] = [
                "id": module.id, "title": module.title, "summary": module.summary, "audience": module.audience,
                "studyLoad": StudyLoad.text(minutes: module.studyLoadMinutes), "url": SiteURL.module(module.id),
            ]
            if let userId = context.user?.id {
                let entry = try services.progress.entry(userId: userId, moduleId: module.id)
                if entry.lastPageId != nil { card["percent"] = ProgressTracker.percentage(seen: entry.seen, of: module) }
            }
            return card
        }
        return try services.views.render(.catalog, model)
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rendered = try module(context)
        let module = rendered.module
        var model = services.views.baseModel(title: module.title, context: context)
        var seen: Set<String> = []
        var resume = rendered.order.first.map { SiteURL.page(module.id, $0.lessonId, $0.pageId) }
        var started = false
        if let userId = context.user?.id {
            let entry = try services.progress.entry(userId: userId, moduleId: module.id)
            seen = entry.seen
            if let lessonId = entry.lastLessonId, let pageId = entry.lastPageId, module.page(lessonId: lessonId, pageId: pageId) != nil {
                resume = SiteURL.page(module.id, lessonId, pageId)
                started = true
            }
            model["percent"] = ProgressTracker.percentage(seen: seen, of: module)
            let completed = try services.database.progress(userId: userId, moduleId: module.id)?.completedAt != nil
            model["completed"] = completed
            if completed {
                model["certificateURL"] = try services.database.certificate(userId: userId, moduleId: module.id).map {
                    SiteURL.myCertificate($0.code)
                }
            }
        }
        model["module"] = [
            "id": module.id, "title": module.title, "summary": module.summary, "audience": module.audience,
            "studyLoad": StudyLoad.text(minutes: module.studyLoadMinutes), "version": module.version,
            "authors": module.authors.joined(separator: ", "), "objectives": module.objectives,
            "licence": module.licence.map { ["name": $0.name, "href": $0.href ?? ""] } as Any,
            "accreditations": module.accreditations.map { ["register": $0.register, "number": $0.number, "points": $0.points] },
            "glossaryURL": SiteURL.glossary(module.id), "sourcesURL": SiteURL.sources(module.id),
            "studyLoadBasis": Self.studyLoadBasis(StudyLoadEstimate(module)),
            "reviews": module.reviews.map { review -> [String: Any] in
                [
                    "date": DutchDate.long(isoDay: review.date) ?? review.date, "role": review.role, "organisation": review.organisation,
                    "scope": review.scope,
                ]
            },
            "unreviewed": module.reviews.isEmpty,
        ]
        model["lessons"] = module.lessons.enumerated().map { index, lesson -> [String: Any] in
            [
                "number": index + 1, "title": lesson.title, "summary": lesson.summary ?? "",
                "pages": lesson.pages.map { page -> [String: Any] in
                    ["title": page.title, "url": SiteURL.page(module.id, lesson.id, page.id), "seen": seen.contains(page.id)]
                },
            ]
        }
        if let quiz = module.quiz {
            model["quiz"] = [
                "questions": quiz.questionsPerAttempt, "passPercent": quiz.passPercent,
                "attempts": quiz.maxAttempts == 0 ? "onbeperkt" : "\(quiz.maxAttempts)", "url": SiteURL.quiz(module.id),
            ]
        }
        model["resumeURL"] = resume
        model["started"] = started
        model["loginURL"] = SiteURL.login(returningTo: SiteURL.module(module.id))
        return try services.views.render(.module, model)
    }

    /// What the declared study load can be checked against, in words for learners and registers.
    static func studyLoadBasis(_ estimate: StudyLoadEstimate) -> String {
        func count(_ number: Int, _ one: String, _ many: String) -> String { "\(DutchNumber.grouped(number)) \(number == 1 ? one : many)" }
        let parts = [
            "\(count(estimate.words, "woord", "woorden")) leestekst (\(Int(StudyLoadEstimate.wordsPerMinute)) woorden per minuut)",
            count(estimate.checks, "oefenvraag", "oefenvragen"), count(estimate.cases, "casus", "casussen"),
            count(estimate.reflections, "reflectievraag", "reflectievragen"), count(estimate.quizQuestions, "toetsvraag", "toetsvragen"),
        ]
        return "Geschat uit de inhoud: \(parts.dropLast().joined(separator: ", ")) en \(parts.last!). Samen ongeveer \(estimate.minutes) minuten."
    }

    @Sendable func glossary(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rendered = try module(context)
        var model = services.views.baseModel(title: "Woordenlijst – \(rendered.module.title)", context: context)
        model["module"] = ["title": rendered.module.title, "url": SiteURL.module(rendered.module.id)]
        model["entries"] = rendered.module.glossary
            .sorted { $0.term.localizedStandardCompare($1.term) == .orderedAscending }
            .map { ["id": $0.id, "term": $0.term, "definition": rendered.renderer.html($0.definition)] }
        return try services.views.render(.glossary, model)
    }

    @Sendable func sources(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rendered = try module(context)
        var model = services.views.baseModel(title: "Bronnen – \(rendered.module.title)", context: context)
        model["module"] = ["title": rendered.module.title, "url": SiteURL.module(rendered.module.id)]
        model["sources"] = rendered.module.sources.map { source -> [String: Any] in
            var item: [String: Any] = ["id": source.id, "text": source.text]
            if let href = source.href { item["href"] = href }
            return item
        }
        return try services.views.render(.sources, model)
    }

    private func module(_ context: AppRequestContext) throws -> RenderedCatalog.RenderedModule {
        guard let id = context.parameters.get("module"), let module = services.catalog[id] else { throw AppError.notFound }
        return module
    }
}
