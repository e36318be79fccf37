import Mustache

/// The links every page's layout and forms use, given to every page as `site` (`SiteURL.layoutLinks`): templates
/// never spell a path themselves.
struct LayoutLinks: MustacheParent, Sendable {
    let catalog: String
    let progress: String
    let admin: String
    let adminUsers: String
    let login: String
    let logout: String
    let register: String
    let password: String
    /// A var (#14): `buildRouter` puts in the fingerprinted URL once Assets/static is read.
    var stylesheet: String
    let certificates: String
    let verificationStart: String

    func child(named name: String) -> Any? {
        switch name {
        case "catalog": catalog
        case "progress": progress
        case "admin": admin
        case "adminUsers": adminUsers
        case "login": login
        case "logout": logout
        case "register": register
        case "password": password
        case "stylesheet": stylesheet
        case "certificates": certificates
        case "verificationStart": verificationStart
        default: nil
        }
    }
}
