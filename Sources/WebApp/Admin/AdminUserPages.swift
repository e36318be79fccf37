import AppCore
import Mustache

/// A role to choose in a select, on the users list and a user's page.
struct RoleOption: MustacheParent {
    let value: String
    let label: String
    let selected: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

/// The users, searched and a page at a time (`admin-users` template).
struct AdminUsersPage: MustacheParent {
    struct Row: MustacheParent {
        let name: String
        let email: String
        let organisation: String
        let role: String
        let url: String
        let created: String

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "email": email
            case "organisation": organisation
            case "role": role
            case "url": url
            case "created": created
            default: nil
            }
        }
    }

    let admin: AdminLayout
    let search: String
    let roles: [RoleOption]
    /// Set when an unknown role was asked for: the page shows the form with the error, and no list.
    let errors: FormErrors?
    let total: Int
    let users: [Row]
    let paging: Paging?

    func child(named name: String) -> Any? {
        switch name {
        case "search": search
        case "roles": roles
        case "roleError": errors?["rol"]
        case "form": errors.map(ErrorSummary.init)
        case "total": total
        case "users": users
        case "paging": paging
        default: admin.child(named: name)
        }
    }
}

/// One user's page (`admin-user` template): account, role, progress with attempts, certificates with revocation.
struct AdminUserPage: MustacheParent {
    struct Person: MustacheParent {
        let name: String
        let email: String
        let organisation: String
        let role: String
        let created: String

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "email": email
            case "organisation": organisation
            case "role": role
            case "created": created
            default: nil
            }
        }
    }

    struct ModuleRow: MustacheParent {
        struct Attempt: MustacheParent {
            let number: Int
            let version: String
            let started: String
            let result: String

            func child(named name: String) -> Any? {
                switch name {
                case "number": number
                case "version": version
                case "started": started
                case "result": result
                default: nil
                }
            }
        }

        let id: String
        let title: String
        let percent: Int
        let started: String
        let completed: String
        let attempts: [Attempt]
        let resetURL: String

        func child(named name: String) -> Any? {
            switch name {
            case "id": id
            case "title": title
            case "percent": percent
            case "started": started
            case "completed": completed
            case "attempts": attempts
            case "hasAttempts": !attempts.isEmpty
            case "resetURL": resetURL
            default: nil
            }
        }
    }

    struct CertificateRow: MustacheParent {
        let code: String
        let module: String
        let version: String
        let date: String
        let score: Int
        let revokeURL: String
        /// The id of the reason field of the revoke form.
        let fieldId: String
        /// "Ingetrokken op …" with the reason; nil while valid.
        let revoked: String?
        /// The reason as typed, when the revoke form came back with a problem.
        let reason: String?
        let error: String?

        func child(named name: String) -> Any? {
            switch name {
            case "code": code
            case "module": module
            case "version": version
            case "date": date
            case "score": score
            case "revokeURL": revokeURL
            case "fieldId": fieldId
            case "revoked": revoked
            case "reason": reason
            case "error": error
            default: nil
            }
        }
    }

    let admin: AdminLayout
    let notice: String?
    let person: Person
    let roleURL: String
    let isSelf: Bool
    let roles: [RoleOption]
    let modules: [ModuleRow]
    let certificates: [CertificateRow]
    /// The errors of a revoke form that came back.
    let form: FormErrors?

    func child(named name: String) -> Any? {
        switch name {
        case "notice": notice
        case "person": person
        case "roleURL": roleURL
        case "isSelf": isSelf
        case "roles": roles
        case "modules": modules
        case "hasModules": !modules.isEmpty
        case "certificates": certificates
        case "hasCertificates": !certificates.isEmpty
        case "form": form.map(ErrorSummary.init)
        default: admin.child(named: name)
        }
    }
}
