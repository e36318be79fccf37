import AppCore
import Foundation
import Hummingbird
import LearnerStore
import RequestParsing

/// Changing the password of the logged-in user.
extension AccountController {
    @Sendable func passwordForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser(request)
        return try renderPassword(context: context, errors: FormErrors(), notice: nil)
    }

    @Sendable func passwordSubmit(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let user = try context.requireUser(request)
        let form = try await request.verifiedForm(context: context)
        var errors = FormErrors()
        let current = form["huidig-wachtwoord"] ?? ""
        let new = form["nieuw-wachtwoord"] ?? ""
        if current.isEmpty { errors.add("huidig-wachtwoord", Strings.passwordMissing) }
        Self.checkNewPassword(form, into: &errors)
        guard errors.isEmpty else { return try renderPassword(context: context, errors: errors, notice: nil, status: .unprocessableContent) }
        // A stolen session must not make the current password guessable: the same brake as the login form.
        let throttle = LoginThrottle(
            configuration: services.configuration,
            email: "wachtwoord-wijzigen:\(user.id)",
            client: context.clientKey,
            fromKnownDevice: true
        )
        let admission = try services.database.admitLoginAttempt(throttle.keys, since: throttle.windowStart)
        guard admission.admitted else {
            errors.add("huidig-wachtwoord", Strings.loginThrottled)
            return try renderPassword(context: context, errors: errors, notice: nil, status: .tooManyRequests)
        }
        guard let stored = try services.database.user(id: user.id).flatMap(KnownUser.init),
            try await services.passwords.verify(String(current.prefix(FieldRules.maxPasswordLength)), hash: stored.passwordHash)
        else {
            errors.add("huidig-wachtwoord", Strings.currentPasswordWrong)
            return try renderPassword(context: context, errors: errors, notice: nil, status: .unprocessableContent)
        }
        try services.database.forgiveLoginAttempt(admission, clearing: throttle.keysClearedBySuccess)
        // The new hash, the end of every other session and this browser's renewed session: one transaction.
        let renewed = context.session.map { _ in services.sessions.newSession(userId: stored.id) }
        try services.database.changePassword(
            userId: stored.id,
            hash: try await services.passwords.hash(new),
            replacingSession: context.session?.id,
            with: renewed
        )
        services.sessions.stored(renewed, for: stored, endingOthers: true)
        if let renewed { context.sessionSlot.replace(renewed, user: stored.record) }
        // In case it was not the owner: a notice to the address of the account (when mail is on).
        try services.mail.send(
            AccountMail.passwordChanged(to: stored.email, name: stored.name, loginURL: services.configuration.resolvedPublicBaseURL + SiteURL.login),
            purpose: "password-changed",
            userId: stored.id
        )
        return try renderPassword(context: context, errors: FormErrors(), notice: Strings.passwordChanged)
    }

    private func renderPassword(context: AppRequestContext, errors: FormErrors, notice: String?, status: HTTPResponse.Status = .ok) throws -> Response
    {
        let fields =
            [
                FormField(
                    "huidig-wachtwoord",
                    label: "Huidig wachtwoord",
                    type: "password",
                    autocomplete: "current-password",
                    maxLength: FieldRules.maxPasswordLength,
                    errors: errors
                )
            ] + Self.newPasswordFields(errors: errors)
        let page = PasswordPage(
            layout: try services.views.formLayout(title: "Wachtwoord wijzigen", context: context, sessions: services.sessions),
            form: errors,
            notice: notice,
            fields: fields
        )
        return try services.views.render(.password, page, status: status)
    }

    /// The new password and its repetition: the same two fields on the change form and the reset form.
    static func newPasswordFields(errors: FormErrors) -> [FormField] {
        [
            FormField(
                "nieuw-wachtwoord",
                label: "Nieuw wachtwoord",
                type: "password",
                autocomplete: "new-password",
                hint: "Minstens \(FieldRules.minPasswordLength) tekens.",
                maxLength: FieldRules.maxPasswordLength,
                errors: errors
            ),
            FormField(
                "nieuw-wachtwoord-herhaling",
                label: "Herhaal je nieuwe wachtwoord",
                type: "password",
                autocomplete: "new-password",
                maxLength: FieldRules.maxPasswordLength,
                errors: errors
            ),
        ]
    }

    /// The rules for those two fields.
    static func checkNewPassword(_ form: FormData, into errors: inout FormErrors) {
        FieldRules.checkNewPassword(
            form["nieuw-wachtwoord"] ?? "",
            confirmation: form["nieuw-wachtwoord-herhaling"] ?? "",
            field: "nieuw-wachtwoord",
            confirmationField: "nieuw-wachtwoord-herhaling",
            into: &errors
        )
    }

    /// The e-mail address of an existing account: the same field on the login form and the reset request.
    static func loginEmailField(_ email: String, errors: FormErrors) -> FormField {
        FormField(
            "email",
            label: "E-mailadres",
            type: "email",
            value: email,
            autocomplete: "username",
            maxLength: FieldRules.maxEmailLength,
            errors: errors
        )
    }
}
