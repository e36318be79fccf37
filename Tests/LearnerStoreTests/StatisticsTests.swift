import ContentEngine
import Foundation
import Testing

@testable import DevSeeding
@_spi(DevSeeding) @testable import LearnerStore

/// A hand-made dataset whose right numbers are worked out in the comments, so every statistic is checked
/// against arithmetic done by hand, not against the code's own output. Made through the store's protocols
/// (`StoreBuilder`), so it holds only what the application can make and means the same on any engine.
///
/// Users (created): 1 Ann "Zorg A" 5 Jan 2026 · 2 Bob "Zorg A" 6 Jan · 3 Cas "Zorg B" 1 Feb · 4 Dio (none) 1 Dec 2025
/// Module m1: Ann started 5 Jan 10:00, completed 7 Jan 10:00 (2 days) · Bob 6 Jan → 10 Jan (4 days) ·
///            Cas 2 Feb, not completed · Dio 2 Dec 2025 → 8 Jan 2026 (37 days)
/// Module m2: Ann 12 Jan → 13 Jan (1 day)
/// Pages seen m1: Ann p1 p2 p3 · Bob p1 p2 · Cas p1 · Dio p1 p2 p3 · m2: Ann p1 (a module starts with a page visit)
/// Attempts m1: Ann #1 60 % failed (6 Jan), #2 80 % passed (7 Jan) · Bob #1 90 % passed · Cas #1 open · Dio #1 70 % passed
/// Attempts m2: Ann #1 100 % passed
/// Certificates m1: Ann, Bob (revoked), Dio. None for m2.
struct StatisticsFixture {
    let database: AppDatabase

    static func date(_ text: String) -> Date { StoreBuilder.date(text) }
    static let period = StatisticsFilter(from: date("2026-01-01T00:00:00Z"), until: date("2026-03-01T00:00:00Z"))
    static let day = 86400.0

    static func make() async throws -> StatisticsFixture {
        let database = try AppDatabase.inMemory()
        let build = StoreBuilder(store: database)
        let ann = try build.learner("Ann", organisation: "Zorg A", created: "2026-01-05T09:00:00Z")
        let bob = try build.learner("Bob", organisation: "Zorg A", created: "2026-01-06T09:00:00Z")
        let cas = try build.learner("Cas", organisation: "Zorg B", created: "2026-02-01T09:00:00Z")
        let dio = try build.learner("Dio", created: "2025-12-01T09:00:00Z")
        // The first page visit starts the module.
        try await build.visit(ann, "m1", pages: ["p1", "p2", "p3"], at: "2026-01-05T10:00:00Z")
        try await build.visit(bob, "m1", pages: ["p1", "p2"], at: "2026-01-06T10:00:00Z")
        try await build.visit(cas, "m1", pages: ["p1"], at: "2026-02-02T10:00:00Z")
        try await build.visit(dio, "m1", pages: ["p1", "p2", "p3"], at: "2025-12-02T10:00:00Z")
        try await build.visit(ann, "m2", pages: ["p1"], at: "2026-01-12T10:00:00Z")
        // Attempts; the passing one that completes a module completes it at its hand-in time.
        try await build.attempt(ann, "m1", submitted: "2026-01-06T10:00:00Z", percent: 60, passed: false)
        try await build.attempt(ann, "m1", submitted: "2026-01-07T10:00:00Z", percent: 80, passed: true, completes: true)
        try await build.attempt(bob, "m1", submitted: "2026-01-10T10:00:00Z", percent: 90, passed: true, completes: true)
        try await build.attempt(cas, "m1")
        try await build.attempt(dio, "m1", submitted: "2026-01-08T10:00:00Z", percent: 70, passed: true, completes: true)
        try await build.attempt(ann, "m2", submitted: "2026-01-13T10:00:00Z", percent: 100, passed: true, completes: true)
        try build.certificate("SW-ANN", user: ann, module: "m1", completed: "2026-01-07T10:00:00Z")
        try build.certificate("SW-BOB", user: bob, module: "m1", completed: "2026-01-10T10:00:00Z", revoked: "2026-01-20T00:00:00Z")
        try build.certificate("SW-DIO", user: dio, module: "m1", completed: "2026-01-08T10:00:00Z")
        return StatisticsFixture(database: database)
    }
}

@Suite("Statistics")
struct StatisticsTests {
    let fixture: StatisticsFixture
    init() async throws { fixture = try await StatisticsFixture.make() }
    var database: AppDatabase { fixture.database }
    let day = StatisticsFixture.day

    @Test("dashboard over all modules in a period: counts, rates, medians, scores and certificates")
    func dashboardAllModules() throws {
        let dashboard = try database.dashboard(StatisticsFixture.period)
        // Accounts created in the period: Ann, Bob, Cas (Dio registered in December).
        #expect(dashboard.registered == 3)
        let m1 = try #require(dashboard.modules["m1"])
        // Started in the period: Ann, Bob, Cas; of them Ann and Bob completed. Completed in the period: Ann, Bob, Dio.
        #expect(m1.started == 3 && m1.startedAndCompleted == 2 && m1.completed == 3)
        #expect(m1.completionRate == 2.0 / 3.0)
        // Durations 2, 4 and 37 days: the median is 4 days.
        #expect(m1.medianSecondsToCompletion.map { abs($0 - 4 * day) < 1 } == true)
        // First attempts submitted: Ann (failed), Bob, Dio (passed). Average of 60, 80, 90, 70 = 75.
        #expect(m1.firstAttempts == 3 && m1.firstAttemptsPassed == 2)
        #expect(m1.averageScore == 75)
        #expect(m1.certificatesIssued == 3 && m1.certificatesRevoked == 1)
        let m2 = try #require(dashboard.modules["m2"])
        #expect(m2.started == 1 && m2.completed == 1 && m2.certificatesIssued == 0)
        #expect(m2.medianSecondsToCompletion.map { abs($0 - day) < 1 } == true)
        let total = dashboard.total
        #expect(total.started == 4 && total.startedAndCompleted == 3 && total.completed == 4)
        #expect(total.completionRate == 0.75)
        // Durations 1, 2, 4, 37 days: the median is the mean of 2 and 4 = 3 days (not the mean of the module medians).
        #expect(total.medianSecondsToCompletion.map { abs($0 - 3 * day) < 1 } == true)
        #expect(total.firstAttempts == 4 && total.firstAttemptPassRate == 0.75)
        #expect(total.averageScore == 80)  // (60 + 80 + 90 + 70 + 100) / 5
        #expect(total.certificatesIssued == 3 && total.certificatesRevoked == 1)
    }

    @Test("dashboard filtered by organisation and by module")
    func dashboardFiltered() throws {
        var filter = StatisticsFixture.period
        filter.organisation = "Zorg A"
        filter.moduleId = "m1"
        let dashboard = try database.dashboard(filter)
        #expect(dashboard.registered == 2)
        #expect(dashboard.modules.keys.sorted() == ["m1"])
        let m1 = dashboard.total
        #expect(m1.started == 2 && m1.startedAndCompleted == 2 && m1.completed == 2)
        #expect(m1.medianSecondsToCompletion.map { abs($0 - 3 * day) < 1 } == true)  // 2 and 4 days
        #expect(m1.firstAttempts == 2 && m1.firstAttemptsPassed == 1)
        #expect(m1.certificatesIssued == 2 && m1.certificatesRevoked == 1)
        // An organisation nobody has: all zero, no rates.
        let nobody = try database.dashboard(StatisticsFilter(organisation: "Onbekend"))
        #expect(nobody.registered == 0 && nobody.total == DashboardNumbers() && nobody.total.completionRate == nil)
    }

    @Test("starts and completions per week, with empty weeks of the period filled in")
    func weekly() throws {
        // 1 Jan 2026 is a Thursday: its week starts Monday 29 Dec. Until 19 Jan (exclusive) ends in the week of 12 Jan.
        let filter = StatisticsFilter(from: StatisticsFixture.date("2026-01-01T00:00:00Z"), until: StatisticsFixture.date("2026-01-19T00:00:00Z"))
        let weeks = try database.weeklyActivity(filter)
        #expect(
            weeks == [
                WeekCount(weekStart: "2025-12-29", starts: 0, completions: 0),
                WeekCount(weekStart: "2026-01-05", starts: 2, completions: 3),  // Ann, Bob start; Ann, Dio, Bob (Sat 10 Jan) complete
                WeekCount(weekStart: "2026-01-12", starts: 1, completions: 1),
            ]
        )
        // Without a period: from the first week with data (Dio, 2 Dec 2025) to the last (Cas, 2 Feb 2026).
        let all = try database.weeklyActivity(StatisticsFilter())
        #expect(all.first?.weekStart == "2025-12-01" && all.last?.weekStart == "2026-02-02" && all.count == 10)
        #expect(all.reduce(0) { $0 + $1.starts } == 5 && all.reduce(0) { $0 + $1.completions } == 4)
        #expect(try database.weeklyActivity(StatisticsFilter(), maxWeeks: 3).map(\.weekStart) == ["2026-01-19", "2026-01-26", "2026-02-02"])
    }

    @Test("lesson funnel: learners per page, limited to those who started in the period")
    func funnel() throws {
        #expect(try database.pageFunnel(moduleId: "m1", StatisticsFilter()) == ["p1": 4, "p2": 3, "p3": 2])
        // Dio started in December: left out.
        #expect(try database.pageFunnel(moduleId: "m1", StatisticsFixture.period) == ["p1": 3, "p2": 2, "p3": 1])
        #expect(try database.pageFunnel(moduleId: "m1", StatisticsFilter(organisation: "Zorg B")) == ["p1": 1])
        #expect(try database.pageFunnel(moduleId: "m2", StatisticsFilter()) == ["p1": 1])
        #expect(try database.pageFunnel(moduleId: "m3", StatisticsFilter()).isEmpty)
    }

    @Test("organisations for the filter, sorted, without blanks")
    func organisations() throws {
        #expect(try database.organisations() == ["Zorg A", "Zorg B"])
        #expect(try database.organisationExists("Zorg B"))
        #expect(try database.organisationExists("Zorg C") == false)
    }

    @Test("completions in order, certificate fields or attempt fallbacks, paged by cursor and by offset")
    func completions() throws {
        let rows = try database.completions(StatisticsFixture.period, limit: 10)
        #expect(rows.map(\.name) == ["Ann", "Dio", "Bob", "Ann"])
        #expect(rows.map(\.moduleId) == ["m1", "m1", "m1", "m2"])
        #expect(rows[0].certificateCode == "SW-ANN" && rows[0].scorePercent == 85 && rows[0].studyLoadMinutes == 90)
        #expect(rows[0].accreditations == [.init(register: "Registerplein", number: "RP-1", points: "1.5")])
        #expect(rows[2].certificateCode == "SW-BOB" && rows[2].certificateRevoked)
        // No certificate for m2: version and score from the passed attempt; title left to the caller.
        #expect(rows[3].certificateCode == nil && rows[3].scorePercent == 100 && rows[3].moduleVersion == "2026.1" && rows[3].moduleTitle == nil)
        let first = try database.completions(StatisticsFixture.period, limit: 2)
        let next = try database.completions(StatisticsFixture.period, after: first.last?.cursor, limit: 2)
        #expect((first + next) == rows)
        #expect(try database.completions(StatisticsFixture.period, limit: 2, offset: 2) == next)
        #expect(try database.completionCount(StatisticsFixture.period) == 4)
        var zorgB = StatisticsFixture.period
        zorgB.organisation = "Zorg B"
        #expect(try database.completionCount(zorgB) == 0)
    }
}

@Suite("Item analysis")
struct ItemAnalysisTests {
    /// Four submitted attempts at three questions, scored 1 (right) or 0 (wrong):
    ///
    ///            q1 q2 q3  total
    ///   A         1  1  1   3
    ///   B         1  1  0   2
    ///   C         1  0  0   1
    ///   D         0  –  1   1     (D left q2 open: scores 0, is not an answer; D was made on version 2026.2)
    ///
    /// Facility: q1 = 3/4 = 0.75, q2 = 2/4 = 0.5, q3 = 2/4 = 0.5.
    /// Discrimination (item vs rest = total − item):
    ///   q1: x = 1,1,1,0  rest = 2,1,0,1  → Σ(x−x̄)(r−r̄) = 0.25·1 + 0.25·0 + 0.25·(−1) − 0.75·0 = 0  → r = 0
    ///   q2: x = 1,1,0,0  rest = 2,1,1,1  → cov-sum 0.5, Σ(x−x̄)² = 1, Σ(r−r̄)² = 0.75 → r = 0.5/√0.75 = 0.57735
    ///   q3: x = 1,0,0,1  rest = 2,2,1,0  → cov-sum −0.5, Σ(x−x̄)² = 1, Σ(r−r̄)² = 2.75 → r = −0.5/√2.75 = −0.30151
    /// Choices of q1 (single, a is right): A, B, C chose a; D chose b; nobody chose c.
    func makeDatabase() async throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        let build = StoreBuilder(store: database)
        let learner = try build.learner("A", created: "2026-01-01T00:00:00Z")
        let attempts: [(String, [String: (Double, String)], String?)] = [
            ("2026.1", ["q1": (1, "a"), "q2": (1, "a"), "q3": (1, "a")], "2026-01-10T10:00:00Z"),
            ("2026.1", ["q1": (1, "a"), "q2": (1, "a"), "q3": (0, "b")], "2026-01-11T10:00:00Z"),
            ("2026.1", ["q1": (1, "a"), "q2": (0, "b"), "q3": (0, "b")], "2026-01-12T10:00:00Z"),
            ("2026.2", ["q1": (0, "b"), "q3": (1, "a")], "2026-02-10T10:00:00Z"),
            // Not submitted: ignored entirely.
            ("2026.2", ["q1": (0, "c"), "q2": (0, "c"), "q3": (0, "c")], nil),
        ]
        for (version, answers, submitted) in attempts {
            try await build.attempt(
                learner,
                "q",
                version: version,
                questions: ["q1", "q2", "q3"],
                answers: answers.mapValues { .init(response: QuestionResponse(choiceIds: [$0.1]).storedJSON, fraction: $0.0) },
                submitted: submitted
            )
        }
        return database
    }

    @Test("facility, discrimination and choice counts match the hand computation")
    func handComputed() async throws {
        let analysis = try await makeDatabase().itemAnalysis(moduleId: "q", StatisticsFilter())
        #expect(analysis.attempts == 4)
        #expect(analysis.versions == [.init(version: "2026.1", attempts: 3), .init(version: "2026.2", attempts: 1)])
        let items = Dictionary(uniqueKeysWithValues: analysis.items.map { ($0.questionId, $0) })
        let q1 = try #require(items["q1"])
        let q2 = try #require(items["q2"])
        let q3 = try #require(items["q3"])
        #expect(q1.presented == 4 && q1.answered == 4 && q1.facility == 0.75)
        #expect(q2.presented == 4 && q2.answered == 3 && q2.facility == 0.5)
        #expect(q3.facility == 0.5)
        #expect(abs(try #require(q1.discrimination)) < 1e-9)
        #expect(abs(try #require(q2.discrimination) - 0.57735) < 1e-5)
        #expect(abs(try #require(q3.discrimination) + 0.30151) < 1e-5)
        #expect(q1.choiceCounts == ["a": 3, "b": 1])
        #expect(q2.choiceCounts == ["a": 2, "b": 1])
    }

    @Test("filtered by version and by period; an item everyone gets right has no discrimination")
    func filtered() async throws {
        let database = try await makeDatabase()
        let first = try database.itemAnalysis(moduleId: "q", StatisticsFilter(moduleVersion: "2026.1"))
        #expect(first.attempts == 3 && first.versions.map(\.version) == ["2026.1"])
        let q1 = try #require(first.items.first { $0.questionId == "q1" })
        // A, B and C all got q1 right: no variance, so no correlation (not 0, not NaN).
        #expect(q1.facility == 1 && q1.discrimination == nil)
        let february = try database.itemAnalysis(moduleId: "q", StatisticsFilter(from: StatisticsFixture.date("2026-02-01T00:00:00Z")))
        #expect(february.attempts == 1 && february.items.map(\.presented) == [1, 1, 1])
        #expect(try database.itemAnalysis(moduleId: "bestaat-niet", StatisticsFilter()).items.isEmpty)
        #expect(try database.itemAnalysis(moduleId: "q", StatisticsFilter(organisation: "Zorg A")).attempts == 0)
        #expect(try database.quizVersions(moduleId: "q") == ["2026.1", "2026.2"])
    }

    @Test("a submission only queues itself; the summaries take it once, in the background or before a read")
    func queue() async throws {
        let database = try AppDatabase.inMemory()
        let user = try database.createUser(email: "w@v.nl", name: "W", organisation: "Zorg A", passwordHash: "x")
        let attempt = try database.openOrStartAttempt(
            userId: user.id!,
            moduleId: "q",
            moduleVersion: "1",
            quizId: "t",
            maxAttempts: 0,
            plan: { _ in ["q1"] }
        )
        _ = try await database.submit(
            attemptId: attempt.id!,
            .init(
                responses: ["q1": QuestionResponse(choiceIds: ["a"]).storedJSON],
                fractions: ["q1": 1],
                points: 1,
                maxPoints: 1,
                percent: 100,
                passed: true,
                completesModule: false
            )
        )
        let summarised = try await database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM quizDaily") }
        #expect(summarised == 0, "the submit transaction does not touch the summaries")
        #expect(try await database.updateItemStatistics() == 1)
        #expect(try await database.updateItemStatistics() == 0, "each attempt is added once")
        let analysis = try database.itemAnalysis(moduleId: "q", StatisticsFilter())
        #expect(analysis.attempts == 1 && analysis.items.first?.facility == 1 && analysis.items.first?.choiceCounts == ["a": 1])
    }

    @Test("the summaries keep counting answers of attempts that were reset later")
    func survivesReset() async throws {
        let database = try await makeDatabase()
        try database.resetAttempts(userId: 1, moduleId: "q")
        let analysis = try database.itemAnalysis(moduleId: "q", StatisticsFilter())
        #expect(analysis.attempts == 4 && analysis.items.first?.facility == 0.75)
    }
}

@Suite("Administration")
struct AdministrationStoreTests {
    let fixture: StatisticsFixture
    init() async throws { fixture = try await StatisticsFixture.make() }

    @Test("search users by name or e-mail, any case; % and _ are literal; paged")
    func search() throws {
        let database = fixture.database
        #expect(try database.users(search: "an").users.map(\.name) == ["Ann"])
        #expect(try database.users(search: "VOORBEELD").total == 4)
        #expect(try database.users(search: "%").total == 0)
        let page = try database.users(limit: 2, offset: 2)
        #expect(page.total == 4 && page.users.map(\.name) == ["Cas", "Dio"])
        try database.setRole(userId: 2, .author)
        #expect(try database.users(role: .author).users.map(\.name) == ["Bob"])
        #expect(throws: StoreError.unknownUser) { try database.setRole(userId: 99, .admin) }
    }

    @Test("resetting attempts deletes the learner's attempts and answers for that module only; completion stays")
    func reset() throws {
        let database = fixture.database
        #expect(try database.resetAttempts(userId: 1, moduleId: "m1") == 2)
        #expect(try database.attempts(userId: 1, moduleId: "m1").isEmpty)
        #expect(try database.attempts(userId: 1, moduleId: "m2").count == 1)
        #expect(try database.progress(userId: 1, moduleId: "m1")?.completedAt != nil)
        #expect(try database.certificates(userId: 1).map(\.code) == ["SW-ANN"])
    }
}

@Suite("Development seeder")
struct DevSeederTests {
    @Test("dates are written exactly as GRDB writes them")
    func dateText() {
        for seconds in [0.0, 1_767_225_599.999, 1_772_323_200.5, 1_798_675_200.25, 1_709_164_800.0, 951_782_400.001] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(DevSeeder.databaseText(date) == String.fromDatabaseValue(date.databaseValue), "\(seconds)")
        }
    }
}
