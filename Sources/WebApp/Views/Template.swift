/// The page templates in `Assets/templates/` that handlers render, by name: a mistyped name is a compile error, and
/// `Views` checks at start-up that each one loaded (`Template.allCases`). Partials (`layout`, `field`, …) are only
/// included by templates, never rendered on their own, so they are not listed.
enum Template: String, CaseIterable, Sendable {
    case adminCompletions = "admin-completions"
    case adminDashboard = "admin-dashboard"
    case adminModule = "admin-module"
    case adminQuestions = "admin-questions"
    case adminUser = "admin-user"
    case adminUsers = "admin-users"
    case forgotPassword = "forgot-password"
    case resetPassword = "reset-password"
    case attempt, catalog, certificate, certificates, check, confirm, error, glossary, login, module, page, password
    case progress
    case publicKey = "public-key"
    case quiz, register, result, sources, verify
    case verifyNotFound = "verify-not-found"
    case verifyStart = "verify-start"
}
