import AppCore
import Foundation
import Hummingbird
import LearnerStore

/// Register, log in, log out and change password.
struct AccountController {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get(SiteURL.registerRoute, use: registerForm)
        router.post(SiteURL.registerRoute, use: registerSubmit)
        router.get(SiteURL.loginRoute, use: loginForm)
        router.post(SiteURL.loginRoute, use: loginSubmit)
        router.post(SiteURL.logoutRoute, use: logout)
        router.get(SiteURL.passwordRoute, use: passwordForm)
        router.post(SiteURL.passwordRoute, use: passwordSubmit)
        router.get(SiteURL.forgotPasswordRoute, use: forgotPasswordForm)
        router.post(SiteURL.forgotPasswordRoute, use: forgotPasswordSubmit)
        router.get(SiteURL.resetPasswordRoute, use: resetPasswordForm)
        router.post(SiteURL.resetPasswordRoute, use: resetPasswordSubmit)
    }

    // MARK: Register

    @Sendable func registerForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try renderRegister(context: context, values: [:], errors: FormErrors(), next: nextPath(request.uri.queryParameters.get("volgende")))
    }

    @Sendable func registerSubmit(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.verifiedForm(context: context)
        let values = [
            "naam": FieldRules.personText(form.text("naam")), "email": form.text("email").lowercased(),
            "organisatie": FieldRules.personText(form.text("organisatie")),
        ]
        let password = form["wachtwoord"] ?? ""
        var errors = FormErrors()
        FieldRules.checkName(values["naam"]!, into: &errors)
        FieldRules.checkEmail(values["email"]!, into: &errors)
        FieldRules.checkName(values["organisatie"]!, field: "organisatie", required: false, into: &errors)
        FieldRules.checkNewPassword(
            password,
            confirmation: form["wachtwoord-herhaling"] ?? "",
            field: "wachtwoord",
            confirmationField: "wachtwoord-herhaling",
            into: &errors
        )
        let next = nextPath(form["volgende"])
        guard errors.isEmpty else {
            return try renderRegister(context: context, values: values, errors: errors, next: next, status: .unprocessableContent)
        }
        guard services.registrationLimiter.allow(context.clientKey) else {
            errors.add("email", Strings.registrationThrottled)
            return try renderRegister(context: context, values: values, errors: errors, next: next, status: .tooManyRequests)
        }

        let hash = try await services.passwords.hash(password)
        let user: KnownUser
        let session: Session
        do {
            let organisation = values["organisatie"]!.isEmpty ? nil : values["organisatie"]
            let sessions = services.sessions
            // The account and its first session in one transaction: a failure leaves neither.
            let created = try services.database.register(
                email: values["email"]!,
                name: values["naam"]!,
                organisation: organisation,
                passwordHash: hash,
                session: { sessions.newSession(userId: $0) }
            )
            guard let known = KnownUser(created.user), let first = created.session else { throw StoreError.unknownUser }
            (user, session) = (known, first)
        } catch StoreError.emailTaken {
            errors.add("email", Strings.emailTaken)
            return try renderRegister(context: context, values: values, errors: errors, next: next, status: .unprocessableContent)
        }
        // A session the browser had (anonymous: nothing stored) gives way to the new one.
        if let old = context.session { try services.sessions.end(old) }
        services.sessions.stored(session, for: user, replacing: context.session, endingOthers: false)
        context.sessionSlot.replace(session, user: user.record)
        return .redirect(to: next ?? SiteURL.catalog, type: .normal)
    }

    private func renderRegister(
        context: AppRequestContext,
        values: [String: String],
        errors: FormErrors,
        next: String?,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let fields = [
            FormField(
                "naam",
                label: "Naam",
                value: values["naam"] ?? "",
                autocomplete: "name",
                hint: "Deze naam komt op je certificaat.",
                maxLength: FieldRules.maxNameLength,
                errors: errors
            ),
            FormField(
                "email",
                label: "E-mailadres",
                type: "email",
                value: values["email"] ?? "",
                autocomplete: "email",
                maxLength: FieldRules.maxEmailLength,
                errors: errors
            ),
            FormField(
                "organisatie",
                label: "Organisatie",
                value: values["organisatie"] ?? "",
                autocomplete: "organization",
                required: false,
                hint: "Bijvoorbeeld je werkgever of vrijwilligersorganisatie.",
                maxLength: FieldRules.maxNameLength,
                errors: errors
            ),
            FormField(
                "wachtwoord",
                label: "Wachtwoord",
                type: "password",
                autocomplete: "new-password",
                hint: "Minstens \(FieldRules.minPasswordLength) tekens.",
                maxLength: FieldRules.maxPasswordLength,
                errors: errors
            ),
            FormField(
                "wachtwoord-herhaling",
                label: "Herhaal je wachtwoord",
                type: "password",
                autocomplete: "new-password",
                maxLength: FieldRules.maxPasswordLength,
                errors: errors
            ),
        ]
        let page = RegisterPage(
            layout: try services.views.formLayout(title: "Account maken", context: context, sessions: services.sessions),
            form: errors,
            next: next ?? "",
            fields: fields
        )
        return try services.views.render(.register, page, status: status)
    }

    // MARK: Log in

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try renderLogin(context: context, email: "", errors: FormErrors(), next: nextPath(request.uri.queryParameters.get("volgende")))
    }

    @Sendable func loginSubmit(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.verifiedForm(context: context)
        let email = String(form.text("email").lowercased().prefix(FieldRules.maxEmailLength))
        let password = String((form["wachtwoord"] ?? "").prefix(FieldRules.maxPasswordLength))
        let next = nextPath(form["volgende"])
        var errors = FormErrors()
        if email.isEmpty { errors.add("email", FieldMessages.emailMissing) }
        if password.isEmpty { errors.add("wachtwoord", Strings.passwordMissing) }
        guard errors.isEmpty else {
            return try renderLogin(context: context, email: email, errors: errors, next: next, status: .unprocessableContent)
        }

        let throttle = LoginThrottle(
            configuration: services.configuration,
            email: email,
            client: context.clientKey,
            fromKnownDevice: services.knownDevice.isKnown(request, email: email)
        )
        let admission = try services.database.admitLoginAttempt(throttle.keys, since: throttle.windowStart)
        guard admission.admitted else {
            errors.add("email", throttle.isSpacedOut(admission) ? Strings.loginSpacedOut : Strings.loginThrottled)
            return try renderLogin(context: context, email: email, errors: errors, next: next, status: .tooManyRequests)
        }
        let user = try services.database.user(email: email).flatMap(KnownUser.init)
        guard try await services.passwords.verify(password, hash: user?.passwordHash), let user else {
            // The attempt stays counted as a failure. The same message whether the e-mail exists or not: no user
            // enumeration.
            errors.add("email", Strings.loginFailed)
            return try renderLogin(context: context, email: email, errors: errors, next: next, status: .unprocessableContent)
        }
        try services.database.forgiveLoginAttempt(admission, clearing: throttle.keysClearedBySuccess)
        let session = try services.sessions.logIn(user, replacing: context.session)
        context.sessionSlot.replace(session, user: user.record)
        var response = Response.redirect(to: next ?? SiteURL.progress, type: .normal)
        response.setCookie(services.knownDevice.cookie(for: email, secure: services.configuration.usesSecureCookies))
        return response
    }

    private func renderLogin(
        context: AppRequestContext,
        email: String,
        errors: FormErrors,
        next: String?,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let fields = [
            Self.loginEmailField(email, errors: errors),
            FormField(
                "wachtwoord",
                label: "Wachtwoord",
                type: "password",
                autocomplete: "current-password",
                maxLength: FieldRules.maxPasswordLength,
                errors: errors
            ),
        ]
        let page = LoginPage(
            layout: try services.views.formLayout(title: "Inloggen", context: context, sessions: services.sessions),
            form: errors,
            next: next ?? "",
            fields: fields,
            registerURL: next.map { "\(SiteURL.register)?volgende=\($0.addingPercentEncodingForQuery())" } ?? SiteURL.register,
            forgotPasswordURL: services.mail.isOn ? SiteURL.forgotPassword : nil
        )
        return try services.views.render(.login, page, status: status)
    }

    // MARK: Log out

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        _ = try await request.verifiedForm(context: context)
        if let session = context.session { try services.sessions.end(session) }
        context.sessionSlot.replace(nil, user: nil)
        return .redirect(to: SiteURL.catalog, type: .normal)
    }

    private func nextPath(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.count < 500, SiteURL.isSafeLocalPath(value) else { return nil }
        return value
    }
}
