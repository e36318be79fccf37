import Foundation
import GRDB

/// Item analysis of a module's final quiz over submitted attempts, in SQL.
extension AppDatabase {
    /// Facility, discrimination and choice counts per question. The filter's module is required (the quiz belongs
    /// to it); its period applies to the attempts' submission time.
    ///
    /// Every question an attempt drew counts, answered or not (an open question scores 0, as in the grade). An
    /// item's score is its stored fraction (0...1); the rest score is the sum of the attempt's other fractions.
    /// Discrimination is the Pearson correlation of item and rest score, from sums in one pass:
    /// r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)).
    public func itemAnalysis(moduleId: String, _ filter: StatisticsFilter) throws -> ItemAnalysis {
        try writer.read { db in
            var filter = filter
            filter.moduleId = moduleId
            var conditions = filter.conditions("qa", date: "submittedAt")
            if let version = filter.moduleVersion { conditions.add("qa.moduleVersion = ?", version) }
            let attempts = "SELECT qa.id, qa.questionIds, qa.moduleVersion FROM quizAttempt qa WHERE qa.submittedAt IS NOT NULL AND \(conditions.sql)"

            let versions = try Row.fetchAll(db, sql: """
                WITH a AS (\(attempts)) SELECT moduleVersion, COUNT(*) AS n FROM a GROUP BY moduleVersion ORDER BY moduleVersion
                """, arguments: conditions.arguments).map { ItemAnalysis.VersionCount(version: $0["moduleVersion"], attempts: $0["n"]) }

            let sums = try Row.fetchAll(db, sql: """
                WITH a AS (\(attempts)),
                totals AS (
                    SELECT a.id, a.questionIds,
                           COALESCE((SELECT SUM(fraction) FROM attemptAnswer WHERE quizAttemptId = a.id), 0) AS total
                    FROM a
                ),
                scores AS (
                    SELECT j.value AS questionId, COALESCE(aa.fraction, 0) AS x, t.total - COALESCE(aa.fraction, 0) AS y,
                           aa.quizAttemptId IS NOT NULL AS answered
                    FROM totals t JOIN json_each(t.questionIds) j
                    LEFT JOIN attemptAnswer aa ON aa.quizAttemptId = t.id AND aa.questionId = j.value
                )
                SELECT questionId, COUNT(*) AS n, SUM(answered) AS answered, SUM(x) AS sx, SUM(x * x) AS sxx,
                       SUM(y) AS sy, SUM(y * y) AS syy, SUM(x * y) AS sxy
                FROM scores GROUP BY questionId ORDER BY questionId
                """, arguments: conditions.arguments)

            var choices: [String: [String: Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                WITH a AS (\(attempts))
                SELECT aa.questionId, c.value AS choiceId, COUNT(*) AS n
                FROM a JOIN attemptAnswer aa ON aa.quizAttemptId = a.id JOIN json_each(aa.response, '$.choiceIds') c
                GROUP BY aa.questionId, c.value
                """, arguments: conditions.arguments)
            {
                choices[row["questionId"], default: [:]][row["choiceId"]] = row["n"]
            }

            let items = sums.map { row -> ItemStatistics in
                let n: Double = row["n"]
                let sx: Double = row["sx"], sxx: Double = row["sxx"], sy: Double = row["sy"], syy: Double = row["syy"], sxy: Double = row["sxy"]
                let variance = (n * sxx - sx * sx) * (n * syy - sy * sy)
                // Rounding noise can leave a tiny positive product where the true variance is zero.
                let discrimination: Double? = variance > 1e-9 ? (n * sxy - sx * sy) / variance.squareRoot() : nil
                let questionId: String = row["questionId"]
                return ItemStatistics(questionId: questionId, presented: row["n"], answered: row["answered"],
                                      facility: n > 0 ? sx / n : nil, discrimination: discrimination,
                                      choiceCounts: choices[questionId] ?? [:])
            }
            return ItemAnalysis(attempts: versions.reduce(0) { $0 + $1.attempts }, versions: versions, items: items)
        }
    }

    /// The module versions that submitted attempts were made on, sorted: the item analysis's version choices.
    public func quizVersions(moduleId: String) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT moduleVersion FROM quizAttempt WHERE moduleId = ? AND submittedAt IS NOT NULL ORDER BY moduleVersion
                """, arguments: [moduleId])
        }
    }
}
