import DomainValues
import Foundation
import GRDB

/// Running sums behind the item analysis, per module version, question, organisation and day. Each submitted
/// attempt adds to them once: its submit transaction queues it (`statisticsQueue`), and the queue is drained before
/// every item analysis and every few seconds in the background, so the analysis is always exact while a quiz
/// submission stays cheap. The analysis then sums a few thousand summary rows instead of reading every answer. Sums of x, x², y, y² and xy are additive, so correlations over any period
/// and organisation come out exactly as if computed from the answers themselves.
extension AppDatabase {
    /// Calendar days of the statistics (the day filter of the admin pages) are Dutch days: `yyyy-MM-dd` of the
    /// Dutch calendar day that contains `date`.
    static func statisticsDay(_ date: Date) -> String { DutchCalendar.isoDay(date) }

    /// Adds one submitted attempt to the summaries (the v4 migration and the dev seeder add attempts one by one).
    @_spi(DevSeeding) public static func recordItemStatistics(_ db: Database, attemptId: Int64, submittedAt: Date) throws {
        try recordItemStatistics(db, attemptIds: [attemptId], day: statisticsDay(submittedAt))
    }

    /// Adds submitted attempts of one Dutch day to the summaries: three set-based statements for the whole group,
    /// each summing its rows per summary key before one upsert per key. (One attempt at a time cost the writer
    /// about 0.37 ms per attempt, as much as the submission itself; under a sustained stream of submissions that
    /// halved what the server could take.) A response or question list that is not valid JSON counts as empty
    /// rather than failing.
    static func recordItemStatistics(_ db: Database, attemptIds: [Int64], day: String) throws {
        guard !attemptIds.isEmpty else { return }
        let arguments: StatementArguments = ["ids": "[" + attemptIds.map(String.init).joined(separator: ",") + "]", "day": day]
        try db.cachedStatement(
            sql: """
                INSERT INTO quizDaily(moduleId, moduleVersion, organisation, day, attempts)
                SELECT qa.moduleId, qa.moduleVersion, COALESCE(u.organisation, ''), :day, count(*)
                FROM quizAttempt qa JOIN user u ON u.id = qa.userId
                WHERE qa.id IN (SELECT value FROM json_each(:ids))
                GROUP BY qa.moduleId, qa.moduleVersion, COALESCE(u.organisation, '')
                ON CONFLICT(moduleId, moduleVersion, day, organisation) DO UPDATE SET attempts = attempts + excluded.attempts
                """
        ).execute(arguments: arguments)
        try db.cachedStatement(
            sql: """
                WITH t AS MATERIALIZED (  -- once per attempt: else SQLite re-runs the total for every use of y
                    SELECT qa.id, qa.moduleId, qa.moduleVersion, COALESCE(u.organisation, '') AS organisation,
                           CASE WHEN json_valid(qa.questionIds) THEN qa.questionIds ELSE '[]' END AS questionIds,
                           COALESCE((SELECT SUM(fraction) FROM attemptAnswer WHERE quizAttemptId = qa.id), 0) AS total
                    FROM quizAttempt qa JOIN user u ON u.id = qa.userId WHERE qa.id IN (SELECT value FROM json_each(:ids))
                ),
                s AS (
                    SELECT t.moduleId, t.moduleVersion, j.value AS questionId, t.organisation, aa.quizAttemptId IS NOT NULL AS answered,
                           COALESCE(aa.fraction, 0) AS x, t.total - COALESCE(aa.fraction, 0) AS y
                    FROM t JOIN json_each(t.questionIds) j
                    LEFT JOIN attemptAnswer aa ON aa.quizAttemptId = t.id AND aa.questionId = j.value
                )
                INSERT INTO itemDaily(moduleId, moduleVersion, questionId, organisation, day, presented, answered, sx, sxx, sy, syy, sxy)
                SELECT moduleId, moduleVersion, questionId, organisation, :day, count(*), sum(answered),
                       sum(x), sum(x * x), sum(y), sum(y * y), sum(x * y)
                FROM s WHERE true GROUP BY moduleId, moduleVersion, questionId, organisation
                ON CONFLICT(moduleId, questionId, day, moduleVersion, organisation) DO UPDATE SET
                    presented = presented + excluded.presented, answered = answered + excluded.answered,
                    sx = sx + excluded.sx, sxx = sxx + excluded.sxx, sy = sy + excluded.sy, syy = syy + excluded.syy, sxy = sxy + excluded.sxy
                """
        ).execute(arguments: arguments)
        try db.cachedStatement(
            sql: """
                INSERT INTO choiceDaily(moduleId, moduleVersion, questionId, choiceId, organisation, day, picks)
                SELECT qa.moduleId, qa.moduleVersion, aa.questionId, c.value, COALESCE(u.organisation, ''), :day, count(*)
                FROM quizAttempt qa JOIN user u ON u.id = qa.userId JOIN attemptAnswer aa ON aa.quizAttemptId = qa.id
                JOIN json_each(CASE WHEN json_valid(aa.response) THEN aa.response ELSE '{}' END, '$.choiceIds') c
                WHERE qa.id IN (SELECT value FROM json_each(:ids))
                GROUP BY qa.moduleId, qa.moduleVersion, aa.questionId, c.value, COALESCE(u.organisation, '')
                ON CONFLICT(moduleId, questionId, choiceId, day, moduleVersion, organisation) DO UPDATE SET picks = picks + excluded.picks
                """
        ).execute(arguments: arguments)
    }

    /// Adds every queued attempt to the summaries and empties the queue, in the caller's transaction. Attempts
    /// deleted since they were queued are skipped (`resetAttempts` drains first, so reset answers still count).
    /// With a `limit`, takes at most that many (the oldest) and returns how many it took.
    @discardableResult
    static func drainStatisticsQueue(_ db: Database, limit: Int = .max) throws -> Int {
        let queued = try Row.fetchAll(
            db,
            sql: """
                SELECT q.quizAttemptId AS id, qa.submittedAt FROM statisticsQueue q LEFT JOIN quizAttempt qa ON qa.id = q.quizAttemptId
                ORDER BY q.quizAttemptId LIMIT ?
                """,
            arguments: [limit]
        )
        // Grouped by Dutch day; a queue is nearly always one day, so the calendar is asked about once.
        var byDay: [String: [Int64]] = [:]
        var known: (instants: Range<Date>, day: String)?
        for row in queued {
            guard let submittedAt: Date = row["submittedAt"] else { continue }
            let day: String
            if let known, known.instants.contains(submittedAt) {
                day = known.day
            } else {
                day = statisticsDay(submittedAt)
                known = DutchCalendar.calendar.dateInterval(of: .day, for: submittedAt).map { ($0.start..<$0.end, day) }
            }
            byDay[day, default: []].append(row["id"])
        }
        for (day, ids) in byDay { try recordItemStatistics(db, attemptIds: ids, day: day) }
        if let last: Int64 = queued.last?["id"] { try db.execute(sql: "DELETE FROM statisticsQueue WHERE quizAttemptId <= ?", arguments: [last]) }
        return queued.count
    }

    /// Brings the item summaries up to date, in transactions of at most 100 attempts: quiz submissions waiting
    /// for the single writer get their turn in between, instead of after a backlog of seconds.
    /// Returns how many attempts were added.
    @discardableResult
    public func updateItemStatistics() async throws -> Int {
        var total = 0
        while true {
            let taken = try await writer.write { try Self.drainStatisticsQueue($0, limit: 100) }
            total += taken
            if taken < 100 { return total }
        }
    }

    /// The same, for a request handler that is about to read the summaries (a short write; admin pages are rare).
    /// The queue is usually empty (the background drain runs every few seconds), so a read looks first and the
    /// writer is only taken when there is something to add.
    func drainStatisticsQueueNow() throws {
        let queued = try writer.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM statisticsQueue)") ?? false }
        guard queued else { return }
        _ = try writer.write { try Self.drainStatisticsQueue($0) }
    }
}
