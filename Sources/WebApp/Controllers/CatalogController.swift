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
        let cards = try services.catalog.catalog.modules.map { module in
            var percent: Int?
            if let userId = context.user?.id {
                let entry = try services.progress.entry(userId: userId, moduleId: module.id)
                if entry.lastPageId != nil { percent = ProgressTracker.percentage(seen: entry.seen, of: module) }
            }
            return CatalogPage.Card(
                title: module.title,
                summary: module.summary,
                audience: module.audience,
                studyLoad: StudyLoad.text(minutes: module.studyLoadMinutes),
                url: SiteURL.module(module.id),
                percent: percent
            )
        }
        return try services.views.renderPublic(
            .catalog,
            CatalogPage(layout: services.views.layout(title: "Modules", context: context), modules: cards),
            request: request,
            context: context
        )
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rendered = try module(context)
        let module = rendered.module
        var seen: Set<String> = []
        var resume = rendered.order.first.map { SiteURL.page(module.id, $0.lessonId, $0.pageId) }
        var started = false
        var learner: ModuleOverviewPage.Learner?
        if let userId = context.user?.id {
            let entry = try services.progress.entry(userId: userId, moduleId: module.id)
            seen = entry.seen
            if let lessonId = entry.lastLessonId, let pageId = entry.lastPageId, module.page(lessonId: lessonId, pageId: pageId) != nil {
                resume = SiteURL.page(module.id, lessonId, pageId)
                started = true
            }
            let completed = try services.database.progress(userId: userId, moduleId: module.id)?.completedAt != nil
            learner = ModuleOverviewPage.Learner(
                percent: ProgressTracker.percentage(seen: seen, of: module),
                completed: completed,
                certificateURL: completed
                    ? try services.database.certificate(userId: userId, moduleId: module.id).map { SiteURL.myCertificate($0.code) } : nil
            )
        }
        let about = ModuleOverviewPage.About(
            title: module.title,
            summary: module.summary,
            audience: module.audience,
            studyLoad: StudyLoad.text(minutes: module.studyLoadMinutes),
            studyLoadBasis: rendered.studyLoadBasis,
            version: module.version,
            authors: module.authors.joined(separator: ", "),
            objectives: module.objectives,
            licence: module.licence.map { .init(name: $0.name, href: $0.href ?? "") },
            accreditations: module.accreditations.map { .init(register: $0.register, number: $0.number, points: $0.points) },
            reviews: module.reviews.map {
                .init(date: DutchDate.long(isoDay: $0.date) ?? $0.date, role: $0.role, organisation: $0.organisation, scope: $0.scope)
            },
            glossaryURL: SiteURL.glossary(module.id),
            sourcesURL: SiteURL.sources(module.id)
        )
        let lessons = module.lessons.enumerated().map { index, lesson in
            ModuleOverviewPage.Lesson(
                number: index + 1,
                title: lesson.title,
                summary: lesson.summary ?? "",
                pages: lesson.pages.map { .init(title: $0.title, url: SiteURL.page(module.id, lesson.id, $0.id), seen: seen.contains($0.id)) }
            )
        }
        let quiz = module.quiz.map {
            ModuleOverviewPage.Quiz(
                questions: $0.questionsPerAttempt,
                passPercent: $0.passPercent,
                attempts: $0.maxAttempts == 0 ? "onbeperkt" : "\($0.maxAttempts)",
                url: SiteURL.quiz(module.id)
            )
        }
        let page = ModuleOverviewPage(
            layout: services.views.layout(title: module.title, context: context),
            module: about,
            learner: learner,
            lessons: lessons,
            quiz: quiz,
            resumeURL: resume,
            started: started,
            loginURL: SiteURL.login(returningTo: SiteURL.module(module.id))
        )
        return try services.views.renderPublic(.module, page, request: request, context: context)
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
        let page = GlossaryPage(
            layout: services.views.layout(title: "Woordenlijst – \(rendered.module.title)", context: context),
            module: TitledLink(title: rendered.module.title, url: SiteURL.module(rendered.module.id)),
            entries: rendered.module.glossary
                .sorted { $0.term.localizedStandardCompare($1.term) == .orderedAscending }
                .map { TermDefinition(id: $0.id, term: $0.term, definition: rendered.renderer.html($0.definition)) }
        )
        return try services.views.renderPublic(.glossary, page, request: request, context: context)
    }

    @Sendable func sources(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rendered = try module(context)
        let page = SourcesPage(
            layout: services.views.layout(title: "Bronnen – \(rendered.module.title)", context: context),
            module: TitledLink(title: rendered.module.title, url: SiteURL.module(rendered.module.id)),
            sources: rendered.module.sources.map { .init(id: $0.id, text: $0.text, href: $0.href) }
        )
        return try services.views.renderPublic(.sources, page, request: request, context: context)
    }

    private func module(_ context: AppRequestContext) throws -> RenderedCatalog.RenderedModule {
        guard let id = context.parameters.get("module"), let module = services.catalog[id] else { throw AppError.notFound }
        return module
    }
}
