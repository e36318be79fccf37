import ContentEngine
import Foundation
import Hummingbird
import LearnerStore

/// The admin area: dashboard over all modules and per module, item analysis, completions with their CSV export,
/// and users. Every route is under `/beheer` (guarded by `AdminAreaMiddleware`) and asks `requireAdmin` itself.
struct AdminController {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get(SiteURL.adminRoute, use: dashboard)
        router.get(SiteURL.adminModuleRoute, use: moduleDashboard)
        router.get(SiteURL.adminQuestionsRoute, use: questions)
        router.get(SiteURL.adminQuestionsExportRoute, use: questionsExport)
        router.get(SiteURL.adminCompletionsRoute, use: completions)
        router.get(SiteURL.adminCompletionsExportRoute, use: completionsExport)
        router.get(SiteURL.adminUsersRoute, use: users)
        router.get(SiteURL.adminUserRoute, use: user)
        router.post(SiteURL.adminUserRoleRoute, use: changeRole)
        router.post(SiteURL.adminUserResetRoute, use: resetAttempts)
        router.post(SiteURL.adminRevokeRoute, use: revokeCertificate)
    }

    var modules: [Module] { services.catalog.catalog.modules }

    /// The admin area's own menu, on every admin page.
    static let navigation: [[String: String]] = [
        ["url": SiteURL.admin, "label": "Overzicht"], ["url": SiteURL.adminCompletions, "label": "Voltooiingen"],
        ["url": SiteURL.adminUsers, "label": "Gebruikers"],
    ]

    // MARK: Dashboard

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin(request)
        let filter = try AdminFilter(request, services: services)
        var model = try baseModel(title: "Beheer: overzicht", context: context, filter: filter, action: SiteURL.admin)
        guard filter.errors.isEmpty else { return try services.views.render(.adminDashboard, model, status: .badRequest) }
        let dashboard = try services.database.dashboard(filter.statistics)
        model["results"] = true
        model["registered"] = dashboard.registered
        model["total"] = Self.numbers(dashboard.total)
        model["modules"] = modules.map { module -> [String: Any] in
            var row = Self.numbers(dashboard.modules[module.id] ?? DashboardNumbers())
            row["title"] = module.title
            row["url"] = SiteURL.with(SiteURL.adminModule(module.id), query: filter.query)
            return row
        }
        model["chart"] = try chart(filter.statistics)
        model["completionsURL"] = SiteURL.with(SiteURL.adminCompletions, query: filter.query)
        return try services.views.render(.adminDashboard, model)
    }

    @Sendable func moduleDashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin(request)
        let module = try knownModule(context)
        let filter = try AdminFilter(request, services: services)
        var model = try baseModel(title: "Beheer: \(module.title)", context: context, filter: filter, action: SiteURL.adminModule(module.id))
        model["module"] = ["title": module.title, "version": module.version]
        guard filter.errors.isEmpty else { return try services.views.render(.adminModule, model, status: .badRequest) }
        var statistics = filter.statistics
        statistics.moduleId = module.id
        let dashboard = try services.database.dashboard(statistics)
        model["results"] = true
        model["registered"] = dashboard.registered
        model["total"] = Self.numbers(dashboard.total)
        model["chart"] = try chart(statistics)
        model["funnel"] = Self.funnel(
            module,
            reached: try services.database.pageFunnel(moduleId: module.id, statistics),
            started: dashboard.total.started
        )
        model["questionsURL"] = module.quiz == nil ? nil : SiteURL.with(SiteURL.adminQuestions(module.id), query: filter.query)
        model["completionsURL"] = SiteURL.with(SiteURL.adminCompletions, query: filter.query + [("module", module.id)])
        return try services.views.render(.adminModule, model)
    }

    // MARK: Shared parts

    func baseModel(
        title: String,
        context: AppRequestContext,
        filter: AdminFilter?,
        action: String,
        moduleChoice: Bool = false
    ) throws -> Views.Model {
        var model = services.views.baseModel(title: title, context: context)
        model["adminNav"] = Self.navigation
        if let filter {
            model["filter"] = filter.model(
                action: action,
                organisations: try services.database.organisations(),
                modules: moduleChoice ? modules.map { ($0.id, $0.title) } : nil
            )
            if !filter.errors.isEmpty { model["invalid"] = Strings.adminFilterInvalid }
        }
        return model
    }

    func knownModule(_ context: AppRequestContext) throws -> Module {
        guard let id = context.parameters.get("module"), let module = services.catalog[id]?.module else { throw AppError.notFound }
        return module
    }

    func chart(_ filter: StatisticsFilter) throws -> [String: Any] {
        let weeks = try services.database.weeklyActivity(filter)
        return [
            "svg": WeeklyChart.svg(weeks, tableId: "weken"), "hasWeeks": !weeks.isEmpty,
            "weeks": weeks.map { ["week": AdminFormat.week($0.weekStart), "starts": $0.starts, "completions": $0.completions] },
        ]
    }

    static func numbers(_ numbers: DashboardNumbers) -> [String: Any] {
        [
            "started": numbers.started, "completed": numbers.completed, "completionRate": AdminFormat.percent(numbers.completionRate),
            "median": AdminFormat.duration(numbers.medianSecondsToCompletion),
            "firstPassRate": AdminFormat.percent(numbers.firstAttemptPassRate), "firstAttempts": numbers.firstAttempts,
            "averageScore": AdminFormat.score(numbers.averageScore), "attempts": numbers.submittedAttempts,
            "certificates": numbers.certificatesIssued, "revoked": numbers.certificatesRevoked,
        ]
    }

    /// A page loses "many" readers when at least this share of the previous page's readers did not reach it.
    static let funnelDropWarning = 0.10

    static func funnel(_ module: Module, reached: [String: Int], started: Int) -> [[String: Any]] {
        var previous: Int?
        return module.pages.enumerated().map { index, item in
            let count = reached[item.page.id] ?? 0
            var row: [String: Any] = [
                "number": index + 1, "lesson": item.lesson.title, "page": item.page.title, "count": count,
                "share": AdminFormat.percent(started > 0 ? Double(count) / Double(started) : nil),
            ]
            if let previous, previous > 0 {
                let lost = previous - count
                row["lost"] = lost
                if Double(lost) >= funnelDropWarning * Double(previous) { row["dropWarning"] = true }
            }
            previous = count
            return row
        }
    }
}
