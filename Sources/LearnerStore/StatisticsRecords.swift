import DomainValues
import Foundation

/// The dashboard's numbers for one module, or summed over all modules.
///
/// Definitions (also on the dashboard page and in docs/operations.md):
/// - `started`: learners who opened a first page of the module in the period.
/// - `completed`: completions (all pages seen and the quiz passed) in the period.
/// - completion rate: of the learners who started in the period, the share who completed (by now).
/// - median time to completion: over the completions in the period, from first page to completion.
/// - first-attempt pass rate: of the first quiz attempts submitted in the period, the share that passed.
/// - average score: the mean percentage of all quiz attempts submitted in the period.
/// - certificates: issued in the period (revoked ones included, and counted apart).
public struct DashboardNumbers: Sendable, Hashable {
    public var started = 0
    /// Learners who started in the period and have completed since: the numerator of the completion rate.
    public var startedAndCompleted = 0
    public var completed = 0
    public var medianSecondsToCompletion: Double?
    public var firstAttempts = 0
    public var firstAttemptsPassed = 0
    public var submittedAttempts = 0
    public var scoreSum = 0.0
    public var certificatesIssued = 0
    public var certificatesRevoked = 0

    public init() {}

    public var completionRate: Double? { started > 0 ? Double(startedAndCompleted) / Double(started) : nil }
    public var firstAttemptPassRate: Double? { firstAttempts > 0 ? Double(firstAttemptsPassed) / Double(firstAttempts) : nil }
    public var averageScore: Double? { submittedAttempts > 0 ? scoreSum / Double(submittedAttempts) : nil }
}

/// Dashboard numbers over all modules, per module, and the accounts made in the period.
public struct Dashboard: Sendable, Hashable {
    /// Accounts created in the period (in the organisation), whatever they did since.
    public var registered: Int
    public var total: DashboardNumbers
    /// Keyed by module id; a module without any activity in the period is absent.
    public var modules: [String: DashboardNumbers]
}

/// Starts and completions in one week (Monday to Sunday, UTC).
public struct WeekCount: Sendable, Hashable {
    /// The Monday that starts the week, `yyyy-MM-dd`.
    public var weekStart: String
    public var starts: Int
    public var completions: Int

    public init(weekStart: String, starts: Int, completions: Int) {
        self.weekStart = weekStart
        self.starts = starts
        self.completions = completions
    }
}

/// Item statistics of one quiz question over submitted attempts.
public struct ItemStatistics: Sendable, Hashable {
    public var questionId: String
    /// Submitted attempts that drew this question.
    public var presented: Int
    /// Of those, attempts with an answer to it (a question left open scores 0 but is not an answer).
    public var answered: Int
    /// Mean score (0...1) over the attempts that drew it: the share correct for all-or-nothing questions.
    public var facility: Double?
    /// Pearson correlation of the item score with the rest score (the attempt's other items); nil without variance.
    public var discrimination: Double?
    /// Choice id → how many answers picked it (single, multiple, true/false questions).
    public var choiceCounts: [String: Int]
}

public struct ItemAnalysis: Sendable, Hashable {
    public struct VersionCount: Sendable, Hashable {
        public var version: String
        public var attempts: Int
    }

    /// Submitted attempts counted.
    public var attempts: Int
    /// The module versions the counted attempts were made on, with their number of attempts.
    public var versions: [VersionCount]
    public var items: [ItemStatistics]
}

/// One completion as an accreditation register needs it. Certificate fields are nil when no certificate exists.
public struct CompletionRow: Sendable, Hashable {
    public var userId: Int64
    public var name: String
    public var email: String
    public var organisation: String?
    public var moduleId: String
    public var completedAt: Date
    /// From the certificate, else from the passed attempt.
    public var moduleVersion: String?
    public var scorePercent: Int?
    public var certificateCode: String?
    public var certificateRevoked: Bool
    /// As printed on the certificate (frozen at issue); nil without a certificate: the caller uses the module.
    public var moduleTitle: String?
    public var studyLoadMinutes: Int?
    public var accreditations: [Accreditation]?
}

/// Where the next page of completions starts (keyset paging: stable under inserts, no OFFSET scans).
public struct CompletionCursor: Sendable, Hashable {
    public var completedAt: Date
    public var userId: Int64
    public var moduleId: String
}
