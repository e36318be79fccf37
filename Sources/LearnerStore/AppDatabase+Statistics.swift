import Foundation
import GRDB

/// Dashboard statistics: every number is an SQL aggregate over indexed columns (migration v4); no request loads
/// learners' rows into memory. Reads are synchronous on purpose (see `AppDatabase`).
extension AppDatabase {
    /// The dashboard numbers for the filter, in total and per module (the filter's module, or every module).
    public func dashboard(_ filter: StatisticsFilter) throws -> Dashboard {
        try writer.read { db in
            var modules: [String: DashboardNumbers] = [:]
            var total = DashboardNumbers()

            let started = filter.conditions("mp", date: "startedAt")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT mp.moduleId, COUNT(*) AS started, COUNT(mp.completedAt) AS completed
                    FROM moduleProgress mp WHERE \(started.sql) GROUP BY mp.moduleId
                    """,
                arguments: started.arguments
            ) {
                modules[row["moduleId"], default: DashboardNumbers()].started = row["started"]
                modules[row["moduleId"], default: DashboardNumbers()].startedAndCompleted = row["completed"]
            }

            let completed = filter.conditions("mp", date: "completedAt")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT mp.moduleId, COUNT(*) AS completed FROM moduleProgress mp
                    WHERE mp.completedAt IS NOT NULL AND \(completed.sql) GROUP BY mp.moduleId
                    """,
                arguments: completed.arguments
            ) {
                modules[row["moduleId"], default: DashboardNumbers()].completed = row["completed"]
            }
            // For one module its median is the overall one: no second, global sort.
            let medians = try Self.medianDurations(db, completed, overall: filter.moduleId == nil)
            for (moduleId, median) in medians.perModule { modules[moduleId, default: DashboardNumbers()].medianSecondsToCompletion = median }
            total.medianSecondsToCompletion = filter.moduleId == nil ? medians.overall : medians.perModule.values.first

            let attempts = filter.conditions("qa", date: "submittedAt")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT qa.moduleId, COUNT(*) AS submitted, SUM(qa.percent) AS scoreSum,
                           SUM(qa.number = 1) AS firstAttempts, SUM(qa.number = 1 AND qa.passed) AS firstPassed
                    FROM quizAttempt qa WHERE qa.submittedAt IS NOT NULL AND \(attempts.sql) GROUP BY qa.moduleId
                    """,
                arguments: attempts.arguments
            ) {
                let moduleId: String = row["moduleId"]
                modules[moduleId, default: DashboardNumbers()].submittedAttempts = row["submitted"]
                modules[moduleId, default: DashboardNumbers()].scoreSum = row["scoreSum"] ?? 0
                modules[moduleId, default: DashboardNumbers()].firstAttempts = row["firstAttempts"] ?? 0
                modules[moduleId, default: DashboardNumbers()].firstAttemptsPassed = row["firstPassed"] ?? 0
            }

            let certificates = filter.conditions("c", date: "completedAt")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.moduleId, COUNT(*) AS issued, COUNT(c.revokedAt) AS revoked
                    FROM certificate c WHERE \(certificates.sql) GROUP BY c.moduleId
                    """,
                arguments: certificates.arguments
            ) {
                modules[row["moduleId"], default: DashboardNumbers()].certificatesIssued = row["issued"]
                modules[row["moduleId"], default: DashboardNumbers()].certificatesRevoked = row["revoked"]
            }

            for numbers in modules.values {
                total.started += numbers.started
                total.startedAndCompleted += numbers.startedAndCompleted
                total.completed += numbers.completed
                total.firstAttempts += numbers.firstAttempts
                total.firstAttemptsPassed += numbers.firstAttemptsPassed
                total.submittedAttempts += numbers.submittedAttempts
                total.scoreSum += numbers.scoreSum
                total.certificatesIssued += numbers.certificatesIssued
                total.certificatesRevoked += numbers.certificatesRevoked
            }

            var accounts = SQLConditions()
            if let organisation = filter.organisation { accounts.add("organisation = ?", organisation) }
            if let from = filter.from { accounts.add("createdAt >= ?", from) }
            if let until = filter.until { accounts.add("createdAt < ?", until) }
            let registered = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user WHERE \(accounts.sql)", arguments: accounts.arguments) ?? 0
            return Dashboard(registered: registered, total: total, modules: modules)
        }
    }

    /// The median of completedAt − startedAt over the completions matched by `conditions`, per module and overall,
    /// in one pass: each duration is computed once and both orderings are windows over it. For an even count, the
    /// median is the mean of the two middle values; only those middle rows leave SQLite.
    private static func medianDurations(
        _ db: Database,
        _ conditions: SQLConditions,
        overall: Bool
    ) throws
        -> (perModule: [String: Double], overall: Double?)
    {
        let global = overall ? "ROW_NUMBER() OVER (ORDER BY seconds) AS position, COUNT(*) OVER () AS count" : "0 AS position, 0 AS count"
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT moduleId, seconds, inModule, modulePosition, moduleCount, position, count FROM (
                    SELECT moduleId, seconds,
                           ROW_NUMBER() OVER (PARTITION BY moduleId ORDER BY seconds) AS modulePosition,
                           COUNT(*) OVER (PARTITION BY moduleId) AS moduleCount,
                           \(global), 1 AS inModule
                    FROM (SELECT mp.moduleId, (julianday(mp.completedAt) - julianday(mp.startedAt)) * 86400.0 AS seconds
                          FROM moduleProgress mp WHERE mp.completedAt IS NOT NULL AND \(conditions.sql))
                )
                WHERE modulePosition IN ((moduleCount + 1) / 2, (moduleCount + 2) / 2)
                      \(overall ? "OR position IN ((count + 1) / 2, (count + 2) / 2)" : "")
                """,
            arguments: conditions.arguments
        )
        var perModule: [String: [Double]] = [:]
        var overall: [Double] = []
        for row in rows {
            let moduleId: String = row["moduleId"]
            let seconds: Double = row["seconds"]
            let modulePosition: Int = row["modulePosition"]
            let moduleCount: Int = row["moduleCount"]
            let position: Int = row["position"]
            let count: Int = row["count"]
            if modulePosition == (moduleCount + 1) / 2 || modulePosition == (moduleCount + 2) / 2 { perModule[moduleId, default: []].append(seconds) }
            // With an odd count both middle positions are the same row: count it twice so the mean is that value.
            if count > 0, position == (count + 1) / 2 { overall.append(seconds) }
            if count > 0, position == (count + 2) / 2 { overall.append(seconds) }
        }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        return (perModule.mapValues { $0.count == 1 ? $0[0] : mean($0) }, overall.isEmpty ? nil : mean(overall))
    }

    /// Starts and completions per week (Monday–Sunday, UTC), every week of the period including empty ones.
    /// Without a period: from the first to the last week with data. At most `maxWeeks`, the latest ones.
    public func weeklyActivity(_ filter: StatisticsFilter, maxWeeks: Int = 104) throws -> [WeekCount] {
        try writer.read { db in
            // Counted per day (substr of the stored UTC timestamp: a covering index scan, no date arithmetic per row),
            // then folded into weeks here: a year is at most 366 rows.
            let started = filter.conditions("mp", date: "startedAt")
            let starts = try Self.weekly(
                Row.fetchAll(
                    db,
                    sql: """
                        SELECT substr(mp.startedAt, 1, 10) AS day, COUNT(*) AS n FROM moduleProgress mp WHERE \(started.sql) GROUP BY day
                        """,
                    arguments: started.arguments
                )
            )
            let completed = filter.conditions("mp", date: "completedAt")
            let completions = try Self.weekly(
                Row.fetchAll(
                    db,
                    sql: """
                        SELECT substr(mp.completedAt, 1, 10) AS day, COUNT(*) AS n FROM moduleProgress mp
                        WHERE mp.completedAt IS NOT NULL AND \(completed.sql) GROUP BY day
                        """,
                    arguments: completed.arguments
                )
            )
            let weeksWithData = Set(starts.keys).union(completions.keys).sorted()
            let first = filter.from.map(Self.weekStart) ?? weeksWithData.first
            let last = filter.until.map { Self.weekStart($0.addingTimeInterval(-1)) } ?? weeksWithData.last
            guard let first, let last else { return [] }
            return Self.weeks(from: first, through: last, max: maxWeeks).map {
                WeekCount(weekStart: $0, starts: starts[$0] ?? 0, completions: completions[$0] ?? 0)
            }
        }
    }

    /// Day counts (`yyyy-MM-dd`, UTC) summed per week start.
    private static func weekly(_ rows: [Row]) -> [String: Int] {
        var weeks: [String: Int] = [:]
        for row in rows {
            guard let date = utcDay(row["day"]) else { continue }
            weeks[weekStart(date), default: 0] += row["n"] as Int
        }
        return weeks
    }

    /// `yyyy-MM-dd` as the start of that UTC day (no DateFormatter: they are slow to make on Linux).
    static func utcDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return utc.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    static func utcDayString(_ date: Date) -> String { dayString(date, in: utc) }

    /// `yyyy-MM-dd` of the day in `calendar` that contains `date`.
    static func dayString(_ date: Date, in calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The Monday (UTC) on or before `date`, as `yyyy-MM-dd`.
    static func weekStart(_ date: Date) -> String {
        let day = utc.startOfDay(for: date)
        let weekday = utc.component(.weekday, from: day)  // 1 = Sunday … 7 = Saturday
        let monday = utc.date(byAdding: .day, value: -((weekday + 5) % 7), to: day)!
        return utcDayString(monday)
    }

    /// Consecutive Mondays from `first` through `last` (both `yyyy-MM-dd`), the last `max` of them.
    static func weeks(from first: String, through last: String, max: Int) -> [String] {
        guard let start = utcDay(first), let end = utcDay(last), start <= end else { return [] }
        let count = Int((end.timeIntervalSince(start) / 86400 / 7).rounded()) + 1
        let skip = Swift.max(0, count - max)
        return (skip..<count).map { utcDayString(utc.date(byAdding: .day, value: 7 * $0, to: start)!) }
    }

    /// Per page of a module: how many learners (who started in the filter's period) have seen it. Pages nobody
    /// reached are absent; the caller lays the counts over the module's reading order.
    public func pageFunnel(moduleId: String, _ filter: StatisticsFilter) throws -> [String: Int] {
        try writer.read { db in
            if filter.from == nil, filter.until == nil {
                // No period: the covering index (moduleId, pageId) answers without touching moduleProgress.
                let conditions = filter.conditions("pv", date: "firstSeenAt", module: false)
                return try Dictionary(
                    uniqueKeysWithValues: Row.fetchAll(
                        db,
                        sql: """
                            SELECT pv.pageId, COUNT(*) AS n FROM pageVisit pv WHERE pv.moduleId = ? AND \(conditions.sql) GROUP BY pv.pageId
                            """,
                        arguments: [moduleId] + conditions.arguments
                    ).map { (row: Row) -> (String, Int) in (row["pageId"], row["n"]) }
                )
            }
            let conditions = filter.conditions("mp", date: "startedAt", module: false)
            return try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(
                    db,
                    sql: """
                        SELECT pv.pageId, COUNT(*) AS n FROM moduleProgress mp
                        JOIN pageVisit pv ON pv.userId = mp.userId AND pv.moduleId = mp.moduleId
                        WHERE mp.moduleId = ? AND \(conditions.sql) GROUP BY pv.pageId
                        """,
                    arguments: [moduleId] + conditions.arguments
                ).map { (row: Row) -> (String, Int) in (row["pageId"], row["n"]) }
            )
        }
    }

    /// Organisations learners gave at registration, sorted, for the dashboard's filter.
    public func organisations() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT DISTINCT organisation FROM user WHERE organisation IS NOT NULL AND organisation <> '' ORDER BY organisation"
            )
        }
    }

    public func organisationExists(_ name: String) throws -> Bool {
        try writer.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM user WHERE organisation = ?)", arguments: [name]) ?? false }
    }
}
