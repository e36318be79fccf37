import AppCore
import ContentEngine
import Foundation
import Hummingbird
import LearnerStore
import RequestParsing

/// Users: search, one user's progress, attempts and certificates, changing roles and resetting attempts.
extension AdminController {
    static let usersPerPage = 50

    static let roleNames: [User.Role: String] = [.learner: "cursist", .author: "auteur", .admin: "beheerder"]

    static let notices = [
        "rol": "De rol is gewijzigd.",
        "pogingen": "De toetspogingen zijn gewist. De cursist kan de toets opnieuw maken.",
        "ingetrokken": "Het certificaat is ingetrokken. De controlepagina van het certificaat zegt dat nu ook (zonder de reden).",
        "al-ingetrokken": "Dit certificaat was al ingetrokken. De eerste reden en datum blijven staan.",
    ]

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin(request)
        let query = try request.formQuery
        let search = String((query["zoek"] ?? "").prefix(100)).trimmingCharacters(in: .whitespaces)
        let roleText = query["rol"] ?? ""
        let admin = try adminLayout(title: "Beheer: gebruikers", context: context, filter: nil, action: SiteURL.adminUsers)
        let roles = User.Role.allCases.map {
            RoleOption(value: $0.rawValue, label: Self.roleNames[$0] ?? $0.rawValue, selected: $0.rawValue == roleText)
        }
        let role = User.Role(rawValue: roleText)
        if !roleText.isEmpty, role == nil {
            var errors = FormErrors()
            errors.add("rol", Strings.adminRoleUnknown)
            let page = AdminUsersPage(admin: admin, search: search, roles: roles, errors: errors, total: 0, users: [], paging: nil)
            return try services.views.render(.adminUsers, page, status: .badRequest)
        }
        // One search for the requested page (it also counts); a second only when the page number was past the end.
        let requested = RequestNumber.page(query["pagina"])
        var found = try services.database.users(search: search, role: role, limit: Self.usersPerPage, offset: (requested - 1) * Self.usersPerPage)
        let pages = max(1, (found.total + Self.usersPerPage - 1) / Self.usersPerPage)
        let page = min(pages, requested)
        if page != requested {
            found = try services.database.users(search: search, role: role, limit: Self.usersPerPage, offset: (page - 1) * Self.usersPerPage)
        }
        let list = AdminUsersPage(
            admin: admin,
            search: search,
            roles: roles,
            errors: nil,
            total: found.total,
            users: found.users.compactMap(KnownUser.init).map { user in
                .init(
                    name: user.name,
                    email: user.email,
                    organisation: user.organisation ?? "",
                    role: Self.roleNames[user.role] ?? "",
                    url: SiteURL.adminUser(user.id),
                    created: DutchDate.string(user.createdAt)
                )
            },
            paging: Paging(page: page, of: pages, path: SiteURL.adminUsers, query: [("zoek", search), ("rol", roleText)])
        )
        return try services.views.render(.adminUsers, list)
    }

    func targetUser(_ context: AppRequestContext) throws -> KnownUser {
        guard let id = RequestNumber.parse(context.parameters.get("user"), in: 1...Int64.max),
            let user = try services.database.user(id: id).flatMap(KnownUser.init)
        else { throw AppError.notFound }
        return user
    }

    @Sendable func user(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.requireAdmin(request)
        let user = try targetUser(context)
        return try renderUser(user, admin: admin, request: request, context: context)
    }

    /// One user's page; `revocation` marks a revoke form that came back with a problem (code, reason as typed, errors).
    func renderUser(
        _ user: KnownUser,
        admin: KnownUser,
        request: Request,
        context: AppRequestContext,
        revocation: (code: String, reason: String, errors: FormErrors)? = nil
    ) throws -> Response {
        let userId = user.id
        let progress = try services.database.allProgress(userId: userId)
        let modules = try progress.map { item in
            let moduleId = item.progress.moduleId
            let module = services.catalog[moduleId]?.module
            let attempts = try services.database.attempts(userId: userId, moduleId: moduleId)
            return AdminUserPage.ModuleRow(
                id: moduleId,
                title: module?.title ?? moduleId,
                percent: module.map { ProgressTracker.percentage(seen: item.seenPageIds, of: $0) } ?? 0,
                started: DutchDate.string(item.progress.startedAt),
                completed: item.progress.completedAt.map(DutchDate.string) ?? "nog niet",
                attempts: attempts.map { attempt in
                    .init(
                        number: attempt.number,
                        version: attempt.moduleVersion,
                        started: DutchDate.string(attempt.startedAt),
                        result: attempt.submittedAt == nil
                            ? "nog niet ingeleverd"
                            : "\(attempt.percent ?? 0) % · \(attempt.passed == true ? "geslaagd" : "niet geslaagd")"
                    )
                },
                resetURL: SiteURL.adminUserReset(userId)
            )
        }
        let certificates = try services.database.certificates(userId: userId).map { certificate in
            let isRevoking = revocation?.code == certificate.code
            return AdminUserPage.CertificateRow(
                code: certificate.code,
                module: certificate.moduleTitle,
                version: certificate.moduleVersion,
                date: DutchDate.string(certificate.completedAt),
                score: certificate.scorePercent,
                revokeURL: SiteURL.adminRevoke(certificate.code),
                fieldId: "reden-\(certificate.code)",
                revoked: certificate.revokedAt.map {
                    "Ingetrokken op \(DutchDate.string($0))\(certificate.revokedReason.map { ": \($0)" } ?? "")"
                },
                reason: isRevoking ? revocation?.reason : nil,
                error: isRevoking ? revocation?.errors["reden-\(certificate.code)"] : nil
            )
        }
        let page = AdminUserPage(
            admin: AdminLayout(
                layout: try services.views.formLayout(title: "Beheer: \(user.name)", context: context, sessions: services.sessions),
                filter: nil
            ),
            notice: request.uri.queryParameters.get("melding").flatMap { Self.notices[String($0)] },
            person: .init(
                name: user.name,
                email: user.email,
                organisation: user.organisation ?? AdminFormat.none,
                role: Self.roleNames[user.role] ?? "",
                created: DutchDate.string(user.createdAt)
            ),
            roleURL: SiteURL.adminUserRole(userId),
            isSelf: admin.id == user.id,
            roles: User.Role.allCases.map { RoleOption(value: $0.rawValue, label: Self.roleNames[$0] ?? $0.rawValue, selected: $0 == user.role) },
            modules: modules,
            certificates: certificates,
            form: revocation?.errors
        )
        return try services.views.render(.adminUser, page, status: revocation == nil ? .ok : .unprocessableContent)
    }

    @Sendable func changeRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let admin = try context.requireAdmin(request)
        let user = try targetUser(context)
        let form = try await request.verifiedForm(context: context)
        guard let role = User.Role(rawValue: form.text("rol")) else { throw AppError.badRequest(Strings.adminRoleUnknown) }
        // Taking away your own admin role could leave the site without an administrator.
        guard admin.id != user.id else { throw AppError.badRequest(Strings.adminOwnRole) }
        try services.database.setRole(userId: user.id, role)
        services.sessions.forget(userId: user.id)
        return .redirect(to: SiteURL.adminUser(user.id) + "?melding=rol", type: .normal)
    }

    @Sendable func resetAttempts(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        _ = try context.requireAdmin(request)
        let user = try targetUser(context)
        let form = try await request.verifiedForm(context: context)
        let moduleId = form.text("module")
        guard !moduleId.isEmpty, try services.database.progress(userId: user.id, moduleId: moduleId) != nil else {
            throw AppError.badRequest(Strings.adminModuleUnknown)
        }
        try services.database.resetAttempts(userId: user.id, moduleId: moduleId)
        return .redirect(to: SiteURL.adminUser(user.id) + "?melding=pogingen", type: .normal)
    }

    static let maxReasonLength = 500

    /// Revokes a certificate with a required reason; the certificate stays, and its public page says it was revoked.
    @Sendable func revokeCertificate(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let admin = try context.requireAdmin(request)
        guard let code = context.parameters.get("code"), let certificate = try services.database.certificate(code: code) else {
            throw AppError.notFound
        }
        let form = try await request.verifiedForm(context: context)
        let reason = form.text("reden")
        let owner = try certificate.userId.flatMap { try services.database.user(id: $0) }.flatMap(KnownUser.init)
        var errors = FormErrors()
        let field = "reden-\(certificate.code)"
        if reason.isEmpty {
            errors.add(field, Strings.adminReasonMissing)
        } else if reason.count > Self.maxReasonLength {
            errors.add(field, FieldMessages.tooLong(Self.maxReasonLength))
        }
        guard errors.isEmpty else {
            guard let owner else { throw AppError.badRequest(errors.errors.first?.message ?? Strings.adminReasonMissing) }
            return try renderUser(owner, admin: admin, request: request, context: context, revocation: (certificate.code, reason, errors))
        }
        let result = try services.database.revokeCertificate(code: certificate.code, reason: reason, by: admin.id)
        let notice = result == .alreadyRevoked ? "al-ingetrokken" : "ingetrokken"
        guard let owner else { return .redirect(to: SiteURL.adminUsers, type: .normal) }
        return .redirect(to: SiteURL.adminUser(owner.id) + "?melding=\(notice)", type: .normal)
    }
}
