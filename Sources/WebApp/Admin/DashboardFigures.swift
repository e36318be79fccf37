import LearnerStore
import Mustache

/// The key figures of a dashboard (`admin-numbers` partial, and a row per module), as the screen writes them.
struct DashboardFigures: MustacheParent {
    let numbers: DashboardNumbers

    func child(named name: String) -> Any? {
        switch name {
        case "started": numbers.started
        case "completed": numbers.completed
        case "completionRate": AdminFormat.percent(numbers.completionRate)
        case "median": AdminFormat.duration(numbers.medianSecondsToCompletion)
        case "firstPassRate": AdminFormat.percent(numbers.firstAttemptPassRate)
        case "firstAttempts": numbers.firstAttempts
        case "averageScore": AdminFormat.score(numbers.averageScore)
        case "attempts": numbers.submittedAttempts
        case "certificates": numbers.certificatesIssued
        case "revoked": numbers.certificatesRevoked
        default: nil
        }
    }
}
