import ContentEngine
import Foundation
import GRDB
@_spi(DevSeeding) import LearnerStore

/// Fills a database with realistic learners for development and benchmarks: organisations, start dates spread
/// over months, reading that drops off page by page, and quiz answers from a simple ability model (each question
/// has its own difficulty and discrimination, one distractor is almost never picked), so the item analysis has
/// something to show. Deterministic for a given seed. Everything goes in one transaction of cached statements.
public struct DevSeeder {
    public struct Summary: Sendable, Equatable {
        public var learners = 0
        public var progress = 0
        public var pageVisits = 0
        public var attempts = 0
        public var answers = 0
        public var completions = 0
        public var certificates = 0
    }

    public var modules: [SeedModule]
    public var learners: Int
    /// Start dates fall in the `months` before `end`.
    public var months: Int
    public var end: Date
    public var seed: UInt64
    /// One bcrypt hash shared by every seeded account (hashing 100 000 passwords would take two hours).
    public var passwordHash: String

    public init(modules: [SeedModule], learners: Int, months: Int = 12, end: Date = Date(), seed: UInt64 = 42, passwordHash: String) {
        self.modules = modules
        self.learners = learners
        self.months = months
        self.end = end
        self.seed = seed
        self.passwordHash = passwordHash
    }

    static let organisations = [
        "Buurtzorg Oost", "Mantelzorg Utrecht", "Humanitas Rotterdam", "Alzheimer Nederland afd. Zwolle",
        "Steunpunt Mantelzorg Breda", "Zorggroep Noord", "Vrijwilligerscentrale Arnhem", "Hogeschool Leiden",
        "Gemeente Tilburg", "Cordaan", "Philadelphia Zorg", "Zonnehuisgroep", "ROC Midden Nederland",
    ]
    static let firstNames = [
        "Anja", "Bram", "Chantal", "Daan", "Esra", "Fleur", "Gijs", "Hanneke", "Ibrahim", "Joke", "Kees", "Lotte",
        "Mohamed", "Noor", "Oscar", "Petra", "Quinten", "Rosa", "Sanne", "Tim", "Ufuk", "Vera", "Willem", "Yara", "Zeynep",
    ]
    static let lastNames = [
        "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Yilmaz", "Bos", "Vos", "Peters",
        "Hendriks", "van Dijk", "El Amrani", "Dekker", "Brouwer", "de Wit", "Kaya", "van Leeuwen",
    ]

    /// Seeds into `database`. Assumes the users table has no `@dev.voorbeeld.nl` accounts yet.
    public func run(on database: AppDatabase) throws -> Summary {
        try database.writer.write { db in try seed(db) }
    }

    private func seed(_ db: Database) throws -> Summary {
        // One transaction of a gigabyte: with SQLite's default 2 MB page cache the dirty pages spill to the WAL over
        // and over. 256 MB for this connection while seeding.
        try db.execute(sql: "PRAGMA cache_size = -262144")
        defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
        var random = SplitMix64(seed: seed)
        var summary = Summary()
        let span = Double(months) * 30.4 * 86400
        let start = end.addingTimeInterval(-span)
        // Per question: difficulty b (−3 very easy … 1.5 hard) and discrimination a (0 … 2.2): fixed per seed.
        var parameters: [String: (a: Double, b: Double)] = [:]
        for module in modules {
            for question in module.questions {
                parameters[module.id + "/" + question.id] = (
                    a: random.double() < 0.15 ? random.double() * 0.2 : 0.6 + random.double() * 1.6,
                    b: -3 + random.double() * 4.5
                )
            }
        }
        // Some pages lose more readers than others (a long case, a hard page).
        var dropOff: [String: Double] = [:]
        for module in modules {
            for page in module.pages { dropOff[module.id + "/" + page.pageId] = random.double() < 0.1 ? 0.06 : 0.008 }
        }

        let insertUser = try db.cachedStatement(
            sql: "INSERT INTO user(email, name, organisation, passwordHash, role, createdAt) VALUES (?, ?, ?, ?, 'learner', ?)"
        )
        let insertProgress = try db.cachedStatement(
            sql: """
                INSERT INTO moduleProgress(userId, moduleId, startedAt, lastLessonId, lastPageId, lastVisitedAt, completedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        )
        let insertVisit = try db.cachedStatement(sql: "INSERT INTO pageVisit(userId, moduleId, pageId, firstSeenAt) VALUES (?, ?, ?, ?)")
        let insertAttempt = try db.cachedStatement(
            sql: """
                INSERT INTO quizAttempt(userId, moduleId, moduleVersion, quizId, number, seed, questionIds, startedAt, submittedAt, points, maxPoints, percent, passed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let insertAnswer = try db.cachedStatement(
            sql: "INSERT INTO attemptAnswer(quizAttemptId, questionId, response, savedAt, fraction) VALUES (?, ?, ?, ?, ?)"
        )
        let insertCertificate = try db.cachedStatement(
            sql: """
                INSERT INTO certificate(code, userId, quizAttemptId, learnerName, moduleId, moduleTitle, moduleVersion, studyLoadMinutes, accreditations,
                                        scorePercent, completedAt, signature, keyId) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'dev-seed', 'dev-seed')
                """
        )
        let accreditationJSON = Dictionary(
            uniqueKeysWithValues: modules.map {
                ($0.id, String(decoding: (try? JSONEncoder().encode($0.accreditations)) ?? Data("[]".utf8), as: UTF8.self))
            }
        )
        let firstId = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM user") ?? 0) + 1

        for index in 0..<learners {
            let name = "\(Self.firstNames[random.int(Self.firstNames.count)]) \(Self.lastNames[random.int(Self.lastNames.count)])"
            let organisation: String? = random.double() < 0.15 ? nil : Self.organisations[random.skewed(Self.organisations.count)]
            let created = start.addingTimeInterval(random.double() * span)
            try insertUser.execute(arguments: [
                "\(name.lowercased().replacingOccurrences(of: " ", with: "."))-\(firstId + Int64(index))@dev.voorbeeld.nl",
                name, organisation, passwordHash, Self.databaseText(created),
            ])
            let userId = db.lastInsertedRowID
            summary.learners += 1
            let ability = random.normal()
            // Most take one module, some two or three; a few never start one.
            let count = random.double() < 0.08 ? 0 : (random.double() < 0.7 ? 1 : min(modules.count, 2 + random.int(2)))
            var chosen: [SeedModule] = []
            while chosen.count < count, chosen.count < modules.count {
                let module = modules[random.skewed(modules.count)]
                if !chosen.contains(where: { $0.id == module.id }) { chosen.append(module) }
            }
            for module in chosen where !module.pages.isEmpty {
                let moduleIndex = modules.firstIndex { $0.id == module.id } ?? 0
                let startedAt = created.addingTimeInterval(random.double() * min(end.timeIntervalSince(created), 30 * 86400))
                var time = startedAt
                var seen = 0
                for page in module.pages {
                    if seen > 0, random.double() < dropOff[module.id + "/" + page.pageId, default: 0.01] + 0.004 * Double(seen == 1 ? 10 : 0) {
                        break
                    }
                    try insertVisit.execute(arguments: [userId, module.id, page.pageId, Self.databaseText(time)])
                    seen += 1
                    time = time.addingTimeInterval(60 + random.double() * (random.double() < 0.1 ? 3 * 86400 : 600))
                }
                summary.pageVisits += seen
                var completedAt: Date?
                var passedAttempt: (id: Int64, percent: Int)?
                if seen == module.pages.count, let quizId = module.quizId, !module.questions.isEmpty, random.double() < 0.85 {
                    var number = 0
                    while number < (module.maxAttempts == 0 ? 3 : module.maxAttempts) {
                        number += 1
                        let drawn = random.sample(module.questions, module.questionsPerAttempt)
                        let attemptStart = time.addingTimeInterval(300 + random.double() * 86400)
                        let submitted = attemptStart.addingTimeInterval(300 + random.double() * 1500)
                        guard submitted < end else { break }
                        let submittedText = Self.databaseText(submitted)
                        let ids = "[" + drawn.map { "\"\($0.id)\"" }.joined(separator: ",") + "]"
                        try insertAttempt.execute(arguments: [
                            userId, module.id, module.version, quizId, number, "dev-\(userId)-\(number)", ids,
                            Self.databaseText(attemptStart), nil, nil, nil, nil, nil,
                        ])
                        let attemptId = db.lastInsertedRowID
                        var points = 0.0
                        var maxPoints = 0.0
                        for question in drawn {
                            let (a, b) = parameters[module.id + "/" + question.id]!
                            // Later attempts go a little better (the learner studied the feedback).
                            let p = 1 / (1 + exp(-a * (ability + 0.3 * Double(number - 1) - b)))
                            maxPoints += Double(question.points)
                            if random.double() < 0.02 { continue }  // left open
                            let (response, fraction) = Self.answer(question, correct: random.double() < p, random: &random)
                            points += fraction * Double(question.points)
                            try insertAnswer.execute(arguments: [attemptId, question.id, response, submittedText, fraction])
                            summary.answers += 1
                        }
                        let percent = maxPoints > 0 ? Int((points / maxPoints * 100 + 1e-9).rounded(.down)) : 0
                        let passed = percent >= module.passPercent
                        try db.execute(
                            sql: "UPDATE quizAttempt SET submittedAt = ?, points = ?, maxPoints = ?, percent = ?, passed = ? WHERE id = ?",
                            arguments: [submittedText, points, maxPoints, percent, passed, attemptId]
                        )
                        try AppDatabase.recordItemStatistics(db, attemptId: attemptId, submittedAt: submitted)
                        summary.attempts += 1
                        time = submitted
                        if passed {
                            completedAt = submitted
                            passedAttempt = (attemptId, percent)
                            break
                        }
                        if random.double() < 0.35 { break }  // gives up
                    }
                }
                let last = module.pages[seen - 1]
                try insertProgress.execute(arguments: [
                    userId, module.id, Self.databaseText(startedAt), last.lessonId, last.pageId,
                    Self.databaseText(time), completedAt.map(Self.databaseText),
                ])
                summary.progress += 1
                if let completedAt, let passedAttempt {
                    summary.completions += 1
                    try insertCertificate.execute(arguments: [
                        "SW-DEV\(userId)-\(moduleIndex)", userId, passedAttempt.id, name, module.id, module.title, module.version,
                        module.studyLoadMinutes, accreditationJSON[module.id], passedAttempt.percent, Self.databaseText(completedAt),
                    ])
                    summary.certificates += 1
                }
            }
        }
        return summary
    }

    /// A date as GRDB stores it ("yyyy-MM-dd HH:mm:ss.SSS", UTC), by integer arithmetic: GRDB formats each Date
    /// argument through an ICU DateFormatter, which made that the largest cost of seeding millions of rows.
    static func databaseText(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (days, secondOfDay) = seconds.quotient.quotientAndRemainder(dividingBy: 86400)
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm); the seeder only makes recent dates.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = seconds.remainder
        let millisText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(year)-\(two(month))-\(two(day)) \(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60)).\(millisText)"
    }

    /// A stored response (`QuestionResponse.storedJSON`, as the web app writes it) and its fraction.
    static func answer(_ question: SeedModule.Question, correct: Bool, random: inout SplitMix64) -> (String, Double) {
        func json(_ choices: [String] = [], matches: [String: String] = [:], positions: [String: Int] = [:], text: String? = nil) -> String {
            QuestionResponse(choiceIds: Set(choices), matches: matches, positions: positions, text: text).storedJSON
        }
        let right = question.choices.filter(\.correct).map(\.id)
        let wrong = question.choices.filter { !$0.correct }.map(\.id)
        switch question.kind {
        case .single:
            if correct || wrong.isEmpty { return (json(right), 1) }
            // The last distractor is nearly never chosen: the item analysis should flag it.
            let pick = wrong.count > 1 && random.double() < 0.995 ? wrong[random.skewed(wrong.count - 1)] : wrong[wrong.count - 1]
            return (json([pick]), 0)
        case .multiple:
            if correct || right.isEmpty { return (json(right), 1) }
            var picked = right
            if !wrong.isEmpty, random.double() < 0.5 { picked.append(wrong[random.int(wrong.count)]) } else { picked.removeLast() }
            return (json(picked), 0)
        case .match:
            var matches = Dictionary(uniqueKeysWithValues: question.parts.map { ($0, $0) })
            if !correct, question.parts.count > 1 {
                matches[question.parts[0]] = question.parts[1]
                matches[question.parts[1]] = question.parts[0]
                return (json(matches: matches), 0)
            }
            return (json(matches: matches), 1)
        case .order:
            var positions = Dictionary(uniqueKeysWithValues: question.parts.enumerated().map { ($1, $0 + 1) })
            if !correct, question.parts.count > 1 {
                positions[question.parts[0]] = 2
                positions[question.parts[1]] = 1
                return (json(positions: positions), 0)
            }
            return (json(positions: positions), 1)
        case .text:
            return correct ? (json(text: question.acceptedAnswer ?? ""), 1) : (json(text: "weet ik niet"), 0)
        }
    }
}
