import AppCore
import ContentEngine
import Foundation
import HummingbirdTesting
import LearnerStore
import Testing

@testable import WebApp

extension TestBrowser {
    /// Logs in through the login form.
    func logIn(email: String, password: String = "geheim-wachtwoord") async throws {
        try await get("/inloggen")
        let response = try await post("/inloggen", [("email", email), ("wachtwoord", password)])
        #expect(response.status == .seeOther, "login as \(email) failed: \(lastBody.prefix(300))")
    }
}

/// Accounts and learner activity made through the store's own write methods (the ones the site uses).
enum AdminFixture {
    static let password = "geheim-wachtwoord"

    @discardableResult
    static func account(
        _ database: AppDatabase,
        email: String,
        name: String = "Anja de Vries",
        organisation: String? = "Buurtzorg",
        role: User.Role
    ) throws -> User {
        try database.createUser(
            email: email,
            name: name,
            organisation: organisation,
            passwordHash: AdminAccounts.hash(password, cost: 4),
            role: role
        )
    }

    /// A learner who read every page of `voorbeeld` and passed (or failed) its quiz, answering the drawn questions
    /// right or wrong as asked; completion as the quiz controller records it.
    @discardableResult
    static func learner(
        _ database: AppDatabase,
        email: String,
        name: String,
        organisation: String?,
        correct: Set<String>,
        at date: Date = Date()
    ) async throws -> User {
        let user = try account(database, email: email, name: name, organisation: organisation, role: .learner)
        let module = bundledCatalog.module(id: "voorbeeld")!
        let quiz = module.quiz!
        for (lesson, page) in module.pages {
            try await database.recordPageVisit(userId: user.id!, moduleId: module.id, lessonId: lesson.id, pageId: page.id, at: date)
        }
        let attempt = try database.openOrStartAttempt(
            userId: user.id!,
            moduleId: module.id,
            moduleVersion: module.version,
            quizId: quiz.id,
            maxAttempts: quiz.maxAttempts,
            plan: { _ in quiz.questions.map(\.id) },
            at: date
        )
        var responses: [String: QuestionResponse] = [:]
        for question in quiz.questions {
            responses[question.id] = response(question, correct: correct.contains(question.id))
        }
        let outcome = QuizGrader.grade(quiz: quiz, questionIds: quiz.questions.map(\.id), responses: responses)
        let submission = QuizSubmission(
            responses: responses.mapValues(\.storedJSON),
            fractions: Dictionary(uniqueKeysWithValues: outcome.questions.map { ($0.question.id, $0.result.fraction) }),
            points: outcome.points,
            maxPoints: outcome.maxPoints,
            percent: outcome.percent,
            passed: outcome.passed,
            completesModule: outcome.passed
        )
        _ = try await database.submit(attemptId: attempt.id!, submission, at: date)
        return user
    }

    /// A database whose user 1 ("Doel") has read every page of `voorbeeld`, taken its quiz and holds certificate
    /// SW-2222-2222: the target of every route that names a user, an attempt or a code. `accounts` adds one account
    /// per name, with the e-mail `<name>@voorbeeld.nl` and the fixture's password.
    static func routeTarget(accounts: [String: User.Role] = [:]) async throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try await learner(database, email: "doel@voorbeeld.nl", name: "Doel", organisation: "Buurtzorg", correct: [])
        try database.insertCertificate(certificate(code: "SW-2222-2222", userId: 1))
        for (name, role) in accounts { try account(database, email: "\(name)@voorbeeld.nl", role: role) }
        return database
    }

    /// A certificate record as issued (the signature is not checked by the admin pages).
    static func certificate(code: String, userId: Int64) -> CertificateRecord {
        CertificateRecord(
            code: code,
            userId: userId,
            quizAttemptId: nil,
            learnerName: "Lies",
            moduleId: "voorbeeld",
            moduleTitle: "Voorbeeldmodule: zo werkt Samenwijzer",
            moduleVersion: "2026.1",
            studyLoadMinutes: 15,
            accreditations: [.init(register: "Voorbeeldregister", number: "VB-0000-TEST", points: "0.25")],
            scorePercent: 80,
            completedAt: Date(),
            signature: "test",
            keyId: "test"
        )
    }

    static func response(_ question: Question, correct: Bool) -> QuestionResponse {
        switch question.kind {
        case .single, .truefalse, .multiple:
            let right = Set(question.choices.filter(\.isCorrect).map(\.id))
            return QuestionResponse(choiceIds: correct ? right : [question.choices.first { !$0.isCorrect }!.id])
        case .match:
            let ids = question.pairs.map(\.id)
            return QuestionResponse(
                matches: Dictionary(
                    uniqueKeysWithValues: ids.enumerated().map {
                        ($1, correct ? $1 : ids[($0 + 1) % ids.count])
                    }
                )
            )
        case .order:
            let count = question.items.count
            return QuestionResponse(
                positions: Dictionary(
                    uniqueKeysWithValues: question.items.enumerated().map {
                        ($1.id, correct ? $0 + 1 : count - $0)
                    }
                )
            )
        case .text:
            return QuestionResponse(text: correct ? question.acceptedAnswers[0] : "weet ik niet")
        }
    }
}

/// The cells of each body row of the first table with `captionPrefix`, tags removed and entities decoded.
func tableRows(_ html: String, captionPrefix: String) -> [[String]] {
    guard let caption = html.range(of: "<caption id=\"\(captionPrefix)") ?? html.range(of: captionPrefix),
        let bodyStart = html.range(of: "<tbody>", range: caption.upperBound..<html.endIndex),
        let bodyEnd = html.range(of: "</tbody>", range: bodyStart.upperBound..<html.endIndex)
    else { return [] }
    let body = String(html[bodyStart.upperBound..<bodyEnd.lowerBound])
    return body.components(separatedBy: "<tr").dropFirst().map { row in
        row.components(separatedBy: "<t").dropFirst().compactMap { cell -> String? in
            guard cell.hasPrefix("d") || cell.hasPrefix("h ") || cell.hasPrefix("h>") else { return nil }
            let inner = cell.drop { $0 != ">" }.dropFirst()
            return decodeEntities(stripTags(String(inner))).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}

func stripTags(_ html: String) -> String {
    var output = ""
    var inTag = false
    for character in html {
        if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { output.append(character) }
    }
    return output
}

func decodeEntities(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
        .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&#x3D;", with: "=")
        .replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&#x60;", with: "`").replacingOccurrences(of: "&amp;", with: "&")
}

/// Parses CSV as written by `CSV` (`;`, quotes doubled, CRLF), without the BOM.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text)
    if characters.first == "\u{FEFF}" { characters.removeFirst() }
    var index = 0
    while index < characters.count {
        let character = characters[index]
        if quoted {
            if character == "\"" {
                if index + 1 < characters.count, characters[index + 1] == "\"" {
                    field.append("\"")
                    index += 1
                } else {
                    quoted = false
                }
            } else {
                field.append(character)
            }
        } else if character == "\"" {
            quoted = true
        } else if character == ";" {
            row.append(field)
            field = ""
        } else if character == "\r\n" || character == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.append(character)
        }
        index += 1
    }
    if !field.isEmpty || !row.isEmpty {
        row.append(field)
        rows.append(row)
    }
    return rows
}
