import ContentEngine
import Foundation
import Hummingbird
import LearnerStore

/// Users: search, one user's progress, attempts and certificates, changing roles and resetting attempts.
extension AdminController {
    static let usersPerPage = 50

    static let roleNames: [User.Role: String] = [.learner: "cursist", .author: "auteur", .admin: "beheerder"]

    static let notices = [
        "rol": "De rol is gewijzigd.",
        "pogingen": "De toetspogingen zijn gewist. De cursist kan de toets opnieuw maken.",
        "ingetrokken": "Het certificaat is ingetrokken.",
    ]

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin(request)
        let query = request.formQuery
        let search = String((query["zoek"] ?? "").prefix(100)).trimmingCharacters(in: .whitespaces)
        let roleText = query["rol"] ?? ""
        var model = try baseModel(title: "Beheer: gebruikers", context: context, filter: nil, action: SiteURL.adminUsers)
        model["search"] = search
        model["roles"] = User.Role.allCases.map { ["value": $0.rawValue, "label": Self.roleNames[$0] ?? $0.rawValue, "selected": $0.rawValue == roleText] }
        let role = User.Role(rawValue: roleText)
        if !roleText.isEmpty, role == nil {
            model["roleError"] = Strings.adminRoleUnknown
            model["form"] = ["hasErrors": true, "errors": [["field": "rol", "message": Strings.adminRoleUnknown]]]
            return try services.views.render("admin-users", model, status: .badRequest)
        }
        let total = try services.database.users(search: search, role: role, limit: 0).total
        let pages = max(1, (total + Self.usersPerPage - 1) / Self.usersPerPage)
        let page = min(pages, max(1, query["pagina"].flatMap { Int($0) } ?? 1))
        let found = try services.database.users(search: search, role: role, limit: Self.usersPerPage, offset: (page - 1) * Self.usersPerPage)
        model["total"] = found.total
        model["users"] = found.users.map { user -> [String: Any] in
            ["name": user.name, "email": user.email, "organisation": user.organisation ?? "", "role": Self.roleNames[user.role] ?? "",
             "url": SiteURL.adminUser(user.id ?? 0), "created": DutchDate.string(user.createdAt)]
        }
        let base: [(String, String)] = [("zoek", search), ("rol", roleText)]
        if pages > 1 {
            var paging: [String: Any] = ["page": page, "pages": pages]
            if page > 1 { paging["previous"] = SiteURL.with(SiteURL.adminUsers, query: base + [("pagina", "\(page - 1)")]) }
            if page < pages { paging["next"] = SiteURL.with(SiteURL.adminUsers, query: base + [("pagina", "\(page + 1)")]) }
            model["paging"] = paging
        }
        return try services.views.render("admin-users", model)
    }

    func targetUser(_ context: AppRequestContext) throws -> User {
        guard let id = context.parameters.get("user").flatMap({ Int64($0) }), let user = try services.database.user(id: id) else {
            throw AppError.notFound
        }
        return user
    }

    @Sendable func user(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.requireAdmin(request)
        let user = try targetUser(context)
        let userId = user.id ?? 0
        var model = try services.views.formModel(title: "Beheer: \(user.name)", context: context, sessions: services.sessions)
        model["adminNav"] = try baseModel(title: "", context: context, filter: nil, action: "")["adminNav"]
        if let notice = request.uri.queryParameters.get("melding").flatMap({ Self.notices[String($0)] }) { model["notice"] = notice }
        model["person"] = [
            "name": user.name, "email": user.email, "organisation": user.organisation ?? AdminFormat.none,
            "role": Self.roleNames[user.role] ?? "", "created": DutchDate.string(user.createdAt),
        ]
        model["roleURL"] = SiteURL.adminUserRole(userId)
        model["isSelf"] = admin.id == user.id
        model["roles"] = User.Role.allCases.map { ["value": $0.rawValue, "label": Self.roleNames[$0] ?? $0.rawValue, "selected": $0 == user.role] }

        let progress = try services.database.allProgress(userId: userId)
        model["modules"] = try progress.map { item -> [String: Any] in
            let moduleId = item.progress.moduleId
            let module = services.catalog[moduleId]?.module
            let attempts = try services.database.attempts(userId: userId, moduleId: moduleId)
            var row: [String: Any] = [
                "id": moduleId, "title": module?.title ?? moduleId,
                "percent": module.map { ProgressTracker.percentage(seen: item.seenPageIds, of: $0) } ?? 0,
                "started": DutchDate.string(item.progress.startedAt),
                "completed": item.progress.completedAt.map(DutchDate.string) ?? "nog niet",
                "attempts": attempts.map { attempt -> [String: Any] in
                    [
                        "number": attempt.number, "version": attempt.moduleVersion, "started": DutchDate.string(attempt.startedAt),
                        "result": attempt.submittedAt == nil ? "nog niet ingeleverd"
                            : "\(attempt.percent ?? 0) % · \(attempt.passed == true ? "geslaagd" : "niet geslaagd")",
                    ]
                },
                "resetURL": SiteURL.adminUserReset(userId),
            ]
            row["hasAttempts"] = !attempts.isEmpty
            return row
        }
        model["hasModules"] = !progress.isEmpty
        let certificates = try services.database.certificatesOfUser(userId)
        model["certificates"] = certificates.map { certificate -> [String: Any] in
            var row: [String: Any] = [
                "code": certificate.code, "module": certificate.moduleTitle, "version": certificate.moduleVersion,
                "date": DutchDate.string(certificate.completedAt), "score": certificate.scorePercent,
            ]
            if let revoked = certificate.revokedAt {
                row["revoked"] = "Ingetrokken op \(DutchDate.string(revoked))\(certificate.revokedReason.map { ": \($0)" } ?? "")"
            }
            return row
        }
        model["hasCertificates"] = !certificates.isEmpty
        return try services.views.render("admin-user", model)
    }

    @Sendable func changeRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let admin = try context.requireAdmin(request)
        let user = try targetUser(context)
        let form = try await request.verifiedForm(context: context)
        guard let role = User.Role(rawValue: form.text("rol")) else { throw AppError.badRequest(Strings.adminRoleUnknown) }
        // Taking away your own admin role could leave the site without an administrator.
        guard admin.id != user.id else { throw AppError.badRequest(Strings.adminOwnRole) }
        try services.database.setRole(userId: user.id ?? 0, role)
        services.sessions.forget(userId: user.id ?? 0)
        return .redirect(to: SiteURL.adminUser(user.id ?? 0) + "?melding=rol", type: .normal)
    }

    @Sendable func resetAttempts(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        _ = try context.requireAdmin(request)
        let user = try targetUser(context)
        let form = try await request.verifiedForm(context: context)
        let moduleId = form.text("module")
        guard !moduleId.isEmpty, try services.database.progress(userId: user.id ?? 0, moduleId: moduleId) != nil else {
            throw AppError.badRequest(Strings.adminModuleUnknown)
        }
        try services.database.resetAttempts(userId: user.id ?? 0, moduleId: moduleId)
        return .redirect(to: SiteURL.adminUser(user.id ?? 0) + "?melding=pogingen", type: .normal)
    }
}
