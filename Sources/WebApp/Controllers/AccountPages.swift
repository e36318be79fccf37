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

    func child(named name: String) -> Any? {
        switch name {
        case "form": ErrorSummary(form)
        case "next": next
        case "fields": fields
        case "registerURL": registerURL
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
