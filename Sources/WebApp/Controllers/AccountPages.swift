import AppCore
import Mustache

/// The login form (`login` template).
struct LoginPage: MustacheParent {
    let layout: PageLayout
    let form: FormErrors
    /// Where to go after logging in; empty for the default.
    let next: String
    let fields: [FormField]
    let registerURL: String
    /// "Wachtwoord vergeten?" is offered only when the site can send mail.
    let forgotPasswordURL: String?

    func child(named name: String) -> Any? {
        switch name {
        case "form": ErrorSummary(form)
        case "next": next
        case "fields": fields
        case "registerURL": registerURL
        case "forgotPasswordURL": forgotPasswordURL
        default: layout.child(named: name)
        }
    }
}

/// The form to make an account (`register` template).
struct RegisterPage: MustacheParent {
    let layout: PageLayout
    let form: FormErrors
    /// Where to go after registering; empty for the default.
    let next: String
    let fields: [FormField]

    func child(named name: String) -> Any? {
        switch name {
        case "form": ErrorSummary(form)
        case "next": next
        case "fields": fields
        case "loginURL": SiteURL.login
        default: layout.child(named: name)
        }
    }
}

/// The form to change one's password (`password` template).
struct PasswordPage: MustacheParent {
    let layout: PageLayout
    let form: FormErrors
    /// After a change: that it worked.
    let notice: String?
    let fields: [FormField]

    func child(named name: String) -> Any? {
        switch name {
        case "form": ErrorSummary(form)
        case "notice": notice
        case "fields": fields
        default: layout.child(named: name)
        }
    }
}

/// Asking for a reset link (`forgot-password` template). Without mail the page says whom to ask instead.
struct ForgotPasswordPage: MustacheParent {
    let layout: PageLayout
    let form: FormErrors
    let fields: [FormField]
    let mailIsOn: Bool
    /// After a request: the same words whether or not the address has an account.
    let notice: String?

    func child(named name: String) -> Any? {
        switch name {
        case "form": ErrorSummary(form)
        case "fields": fields
        case "mailIsOn": mailIsOn
        case "notice": notice
        case "action": SiteURL.forgotPassword
        default: layout.child(named: name)
        }
    }
}

/// Choosing a new password from a reset link (`reset-password` template): the form, or why the link does not work.
struct ResetPasswordPage: MustacheParent {
    let layout: PageLayout
    let form: FormErrors
    let fields: [FormField]
    /// Nil when the link is unknown, used or expired.
    let action: String?
    let done: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "form": ErrorSummary(form)
        case "fields": fields
        case "action": action
        case "done": done
        case "forgotPasswordURL": SiteURL.forgotPassword
        default: layout.child(named: name)
        }
    }
}
