import Foundation
import GRDB

/// Item analysis of a module's final quiz, summed in SQL from the per-day summaries (AppDatabase+ItemSummaries).
extension AppDatabase {
    /// Facility, discrimination and choice counts per question of `moduleId`'s quiz. The filter's period applies to
    /// the Dutch calendar days on which attempts were submitted.
    ///
    /// Every question an attempt drew counts, answered or not (an open question scores 0, as in the grade). An
    /// item's score x is its stored fraction (0...1); the rest score y is the sum of the attempt's other fractions.
    /// Discrimination is the Pearson correlation of x and y, from the sums:
    /// r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)).
    public func itemAnalysis(moduleId: String, _ filter: StatisticsFilter) throws -> ItemAnalysis {
        try drainStatisticsQueueNow()
        return try writer.read { db in
            let conditions = Self.summaryConditions(moduleId: moduleId, filter)
            let versions = try Row.fetchAll(
                db,
                sql: """
                    SELECT moduleVersion, SUM(attempts) AS n FROM quizDaily WHERE \(conditions.sql) GROUP BY moduleVersion ORDER BY moduleVersion
                    """,
                arguments: conditions.arguments
            ).map { ItemAnalysis.VersionCount(version: $0["moduleVersion"], attempts: $0["n"]) }
            var choices: [String: [String: Int]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT questionId, choiceId, SUM(picks) AS n FROM choiceDaily WHERE \(conditions.sql) GROUP BY questionId, choiceId
                    """,
                arguments: conditions.arguments
            ) {
                choices[row["questionId"], default: [:]][row["choiceId"]] = row["n"]
            }
            let items = try Row.fetchAll(
                db,
                sql: """
                    SELECT questionId, SUM(presented) AS n, SUM(answered) AS answered, SUM(sx) AS sx, SUM(sxx) AS sxx,
                           SUM(sy) AS sy, SUM(syy) AS syy, SUM(sxy) AS sxy
                    FROM itemDaily WHERE \(conditions.sql) GROUP BY questionId ORDER BY questionId
                    """,
                arguments: conditions.arguments
            ).map { row -> ItemStatistics in
                let n: Double = row["n"]
                let sx: Double = row["sx"]
                let sxx: Double = row["sxx"]
                let sy: Double = row["sy"]
                let syy: Double = row["syy"]
                let sxy: Double = row["sxy"]
                let variance = (n * sxx - sx * sx) * (n * syy - sy * sy)
                // Rounding noise can leave a tiny positive product where the true variance is zero.
                let discrimination: Double? = variance > 1e-9 ? (n * sxy - sx * sy) / variance.squareRoot() : nil
                let questionId: String = row["questionId"]
                return ItemStatistics(
                    questionId: questionId,
                    presented: row["n"],
                    answered: row["answered"],
                    facility: n > 0 ? sx / n : nil,
                    discrimination: discrimination,
                    choiceCounts: choices[questionId] ?? [:]
                )
            }
            return ItemAnalysis(attempts: versions.reduce(0) { $0 + $1.attempts }, versions: versions, items: items)
        }
    }

    /// The module versions with submitted attempts, sorted: the item analysis's version choices.
    public func quizVersions(moduleId: String) throws -> [String] {
        try drainStatisticsQueueNow()
        return try writer.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT DISTINCT moduleVersion FROM quizDaily WHERE moduleId = ? ORDER BY moduleVersion",
                arguments: [moduleId]
            )
        }
    }

    /// The summary tables' WHERE: module, Dutch days of the period, organisation ('' never matches a chosen one), version.
    private static func summaryConditions(moduleId: String, _ filter: StatisticsFilter) -> SQLConditions {
        var conditions = SQLConditions()
        conditions.add("moduleId = ?", moduleId)
        if let from = filter.from { conditions.add("day >= ?", statisticsDay(from)) }
        // `until` is exclusive: the day that contains the last instant before it is the last day counted.
        if let until = filter.until { conditions.add("day <= ?", statisticsDay(until.addingTimeInterval(-0.001))) }
        if let organisation = filter.organisation { conditions.add("organisation = ?", organisation) }
        if let version = filter.moduleVersion { conditions.add("moduleVersion = ?", version) }
        return conditions
    }
}
