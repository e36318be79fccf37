import AppCore
import Crypto
import Foundation
import Hummingbird
import LearnerStore

/// "Wachtwoord vergeten": a single-use link by e-mail, valid for an hour. The request page answers the same
/// whether or not the address has an account, so it tells nobody who is registered.
extension AccountController {
    static let resetValidity: TimeInterval = 3600

    @Sendable func forgotPasswordForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try renderForgot(context: context, email: "", errors: FormErrors(), notice: nil)
    }

    @Sendable func forgotPasswordSubmit(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.verifiedForm(context: context)
        guard services.mail.isOn else { return try renderForgot(context: context, email: "", errors: FormErrors(), notice: nil) }
        let email = String(form.text("email").lowercased().prefix(FieldRules.maxEmailLength))
        var errors = FormErrors()
        FieldRules.checkEmail(email, into: &errors)
        guard errors.isEmpty else {
            return try renderForgot(context: context, email: email, errors: errors, notice: nil, status: .unprocessableContent)
        }
        // Limits per client and per address: every request may send a mail. Counted whether or not the address is
        // known, so the brake says nothing about it either.
        guard services.resetLimiterPerClient.allow(context.clientKey), services.resetLimiterPerAddress.allow(email) else {
            errors.add("email", Strings.resetThrottled)
            return try renderForgot(context: context, email: email, errors: errors, notice: nil, status: .tooManyRequests)
        }
        if let user = try services.database.user(email: email).flatMap(KnownUser.init) {
            let token = Self.newResetToken()
            let now = Date()
            try services.database.createPasswordReset(userId: user.id, token: token, at: now, expiresAt: now.addingTimeInterval(Self.resetValidity))
            let link = services.configuration.resolvedPublicBaseURL + SiteURL.resetPassword(token)
            try services.mail.send(
                AccountMail.passwordReset(to: user.email, name: user.name, link: link, validMinutes: Int(Self.resetValidity / 60)),
                purpose: "password-reset",
                userId: user.id
            )
        }
        return try renderForgot(context: context, email: "", errors: FormErrors(), notice: Strings.resetRequested)
    }

    @Sendable func resetPasswordForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let usable = try Self.isPlausibleToken(token) && services.database.passwordResetUser(token: token, at: Date()) != nil
        return try renderReset(context: context, token: usable ? token : nil, errors: FormErrors(), status: usable ? .ok : .notFound)
    }

    @Sendable func resetPasswordSubmit(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.verifiedForm(context: context)
        let token = context.parameters.get("token") ?? ""
        guard Self.isPlausibleToken(token), try services.database.passwordResetUser(token: token, at: Date()) != nil else {
            return try renderReset(context: context, token: nil, errors: FormErrors(), status: .notFound)
        }
        var errors = FormErrors()
        let new = form["nieuw-wachtwoord"] ?? ""
        Self.checkNewPassword(form, into: &errors)
        guard errors.isEmpty else { return try renderReset(context: context, token: token, errors: errors, status: .unprocessableContent) }
        // Spent inside the same transaction that stores the hash and ends every session: a second use finds nothing.
        guard let user = try services.database.resetPassword(token: token, newPasswordHash: try await services.passwords.hash(new), at: Date()),
            let known = KnownUser(user)
        else {
            return try renderReset(context: context, token: nil, errors: FormErrors(), status: .notFound)
        }
        services.sessions.forget(userId: known.id)
        try services.mail.send(
            AccountMail.passwordChanged(to: known.email, name: known.name, loginURL: services.configuration.resolvedPublicBaseURL + SiteURL.login),
            purpose: "password-changed",
            userId: known.id
        )
        return try renderReset(context: context, token: nil, errors: FormErrors(), done: true)
    }

    /// 32 random bytes, base64url: the link's secret. Only its hash is stored.
    static func newResetToken() -> String {
        let key = SymmetricKey(size: .bits256)
        return key.withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A token is 43 base64url characters; anything else is not looked up.
    static func isPlausibleToken(_ token: String) -> Bool {
        token.utf8.count == 43
            && token.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }

    private func renderForgot(
        context: AppRequestContext,
        email: String,
        errors: FormErrors,
        notice: String?,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let page = ForgotPasswordPage(
            layout: try services.views.formLayout(title: "Wachtwoord vergeten", context: context, sessions: services.sessions),
            form: errors,
            fields: [Self.loginEmailField(email, errors: errors)],
            mailIsOn: services.mail.isOn,
            notice: notice
        )
        return try services.views.render(.forgotPassword, page, status: status)
    }

    private func renderReset(
        context: AppRequestContext,
        token: String?,
        errors: FormErrors,
        done: Bool = false,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let page = ResetPasswordPage(
            layout: try services.views.formLayout(title: "Nieuw wachtwoord kiezen", context: context, sessions: services.sessions),
            form: errors,
            fields: Self.newPasswordFields(errors: errors),
            action: token.map(SiteURL.resetPassword),
            done: done
        )
        return try services.views.render(.resetPassword, page, status: status)
    }
}
