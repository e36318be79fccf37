import Foundation

/// What administrators read: dashboard numbers, activity per week, the page funnel, the item analysis and the
/// completions list that accreditation registers receive. Every figure is exact for the filter.
public protocol StatisticsStore: Sendable {
    func dashboard(_ filter: StatisticsFilter) throws -> Dashboard
    /// Starts and completions per week (Monday–Sunday, UTC), every week of the period including empty ones; without a
    /// period, from the first to the last week with data. At most `maxWeeks`, the latest ones.
    func weeklyActivity(_ filter: StatisticsFilter, maxWeeks: Int) throws -> [WeekCount]
    /// Per page of a module: how many learners (who started in the filter's period) have seen it. Pages nobody
    /// reached are absent.
    func pageFunnel(moduleId: String, _ filter: StatisticsFilter) throws -> [String: Int]
    /// Organisations learners gave at registration, sorted.
    func organisations() throws -> [String]
    func organisationExists(_ name: String) throws -> Bool

    /// The number of completions the filter matches (period on the completion date).
    func completionCount(_ filter: StatisticsFilter) throws -> Int
    /// Completions in completion order (oldest first), `limit` rows after `cursor` (the export streams with it) or at
    /// `offset` (the screen's page numbers), so both list the very same rows for the same filter.
    func completions(_ filter: StatisticsFilter, after cursor: CompletionCursor?, limit: Int, offset: Int) throws -> [CompletionRow]

    /// Difficulty and discrimination of every question of a module's quiz, for the filter.
    func itemAnalysis(moduleId: String, _ filter: StatisticsFilter) throws -> ItemAnalysis
    /// The module versions with submitted attempts, sorted: the item analysis's version choices.
    func quizVersions(moduleId: String) throws -> [String]
    /// Brings the item summaries up to date with the submitted attempts (run in the background); returns how many
    /// attempts were added.
    @discardableResult func updateItemStatistics() async throws -> Int
}

extension StatisticsStore {
    public func weeklyActivity(_ filter: StatisticsFilter) throws -> [WeekCount] { try weeklyActivity(filter, maxWeeks: 104) }

    /// The rows after `cursor` (an export).
    public func completions(_ filter: StatisticsFilter, after cursor: CompletionCursor?, limit: Int) throws -> [CompletionRow] {
        try completions(filter, after: cursor, limit: limit, offset: 0)
    }

    /// One page of the screen's list.
    public func completions(_ filter: StatisticsFilter, limit: Int, offset: Int) throws -> [CompletionRow] {
        try completions(filter, after: nil, limit: limit, offset: offset)
    }
}
