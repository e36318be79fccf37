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

    // MARK: Dashboard

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin(request)
        let filter = try AdminFilter(request, services: services)
        let admin = try adminLayout(title: "Beheer: overzicht", context: context, filter: filter, action: SiteURL.admin)
        guard filter.errors.isEmpty else {
            return try services.views.render(.adminDashboard, AdminDashboardPage(admin: admin, results: nil), status: .badRequest)
        }
        let dashboard = try services.database.dashboard(filter.statistics)
        let results = AdminDashboardPage.Results(
            registered: dashboard.registered,
            total: DashboardFigures(numbers: dashboard.total),
            modules: modules.map { module in
                .init(
                    title: module.title,
                    url: SiteURL.with(SiteURL.adminModule(module.id), query: filter.query),
                    figures: DashboardFigures(numbers: dashboard.modules[module.id] ?? DashboardNumbers())
                )
            },
            chart: WeeklyChartModel(try services.database.weeklyActivity(filter.statistics)),
            completionsURL: SiteURL.with(SiteURL.adminCompletions, query: filter.query)
        )
        return try services.views.render(.adminDashboard, AdminDashboardPage(admin: admin, results: results))
    }

    @Sendable func moduleDashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin(request)
        let module = try knownModule(context)
        let filter = try AdminFilter(request, services: services)
        let admin = try adminLayout(title: "Beheer: \(module.title)", context: context, filter: filter, action: SiteURL.adminModule(module.id))
        let heading = AdminModuleHeading(title: module.title, version: module.version)
        guard filter.errors.isEmpty else {
            return try services.views.render(.adminModule, AdminModulePage(admin: admin, module: heading, results: nil), status: .badRequest)
        }
        var statistics = filter.statistics
        statistics.moduleId = module.id
        let dashboard = try services.database.dashboard(statistics)
        let results = AdminModulePage.Results(
            registered: dashboard.registered,
            total: DashboardFigures(numbers: dashboard.total),
            chart: WeeklyChartModel(try services.database.weeklyActivity(statistics)),
            funnel: Self.funnel(
                module,
                reached: try services.database.pageFunnel(moduleId: module.id, statistics),
                started: dashboard.total.started
            ),
            questionsURL: module.quiz == nil ? nil : SiteURL.with(SiteURL.adminQuestions(module.id), query: filter.query),
            completionsURL: SiteURL.with(SiteURL.adminCompletions, query: filter.query + [("module", module.id)])
        )
        return try services.views.render(.adminModule, AdminModulePage(admin: admin, module: heading, results: results))
    }

    // MARK: Shared parts

    /// The admin menu and, for a statistics page, its filter form.
    func adminLayout(
        title: String,
        context: AppRequestContext,
        filter: AdminFilter?,
        action: String,
        moduleChoice: Bool = false,
        versions: [String]? = nil
    ) throws -> AdminLayout {
        AdminLayout(
            layout: services.views.layout(title: title, context: context),
            filter: filter?.form(
                action: action,
                organisations: try services.database.organisations(),
                modules: moduleChoice ? modules.map { ($0.id, $0.title) } : nil,
                versions: versions
            )
        )
    }

    func knownModule(_ context: AppRequestContext) throws -> Module {
        guard let id = context.parameters.get("module"), let module = services.catalog[id]?.module else { throw AppError.notFound }
        return module
    }

    /// A page loses "many" readers when at least this share of the previous page's readers did not reach it.
    static let funnelDropWarning = 0.10

    static func funnel(_ module: Module, reached: [String: Int], started: Int) -> [AdminModulePage.FunnelRow] {
        var previous: Int?
        return module.pages.enumerated().map { index, item in
            let count = reached[item.page.id] ?? 0
            let lost = previous.flatMap { $0 > 0 ? $0 - count : nil }
            let row = AdminModulePage.FunnelRow(
                number: index + 1,
                lesson: item.lesson.title,
                page: item.page.title,
                count: count,
                share: AdminFormat.percent(started > 0 ? Double(count) / Double(started) : nil),
                lost: lost,
                dropWarning: lost.map { Double($0) >= funnelDropWarning * Double(previous ?? 0) } ?? false
            )
            previous = count
            return row
        }
    }
}
