import ContentEngine
import Foundation
import Hummingbird
import LearnerStore

/// "Mijn voortgang": every module the learner started, with the percentage and a link to resume.
struct ProgressController {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get(SiteURL.progressRoute, use: overview)
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let started = try services.database.allProgress(userId: user.id).compactMap { item -> ProgressPage.Row? in
            // A module that was removed from the catalog is not shown; its data stays.
            guard let module = services.catalog[item.progress.moduleId]?.module else { return nil }
            let resume =
                module.page(lessonId: item.progress.lastLessonId, pageId: item.progress.lastPageId) != nil
                ? SiteURL.page(module.id, item.progress.lastLessonId, item.progress.lastPageId) : SiteURL.module(module.id)
            return ProgressPage.Row(
                title: module.title,
                url: SiteURL.module(module.id),
                resumeURL: resume,
                percent: ProgressTracker.percentage(seen: item.seenPageIds, of: module),
                lastVisited: DutchDate.string(item.progress.lastVisitedAt),
                completed: item.progress.completedAt != nil
            )
        }
        let model = ProgressPage(layout: services.views.layout(title: "Mijn voortgang", context: context), modules: started)
        return try services.views.render(.progress, model)
    }
}
