import ContentEngine
import Foundation
import HTTPTypes
import HummingbirdTesting
import LearnerStore
import NIOCore
import Testing

@testable import WebApp

@Suite("Quiz")
struct QuizTests {
    let quiz = bundledCatalog.module(id: "voorbeeld")!.quiz!
    let pages = bundledCatalog.module(id: "voorbeeld")!.pages.map { SiteURL.page("voorbeeld", $0.lesson.id, $0.page.id) }

    /// Form fields answering every question of the attempt, right or wrong.
    func answers(_ questionIds: [String], correct: Bool) -> [(String, String)] {
        var fields: [(String, String)] = []
        for id in questionIds {
            guard let question = quiz.questions.first(where: { $0.id == id }) else { continue }
            let prefix = "v-\(id)-"
            switch question.kind {
            case .single, .truefalse, .multiple:
                for choice in question.choices where choice.isCorrect == correct {
                    fields.append((prefix + "antwoord", choice.id))
                    if question.kind != .multiple { break }
                }
            case .match:
                let ids = question.pairs.map(\.id)
                for (index, pair) in question.pairs.enumerated() {
                    fields.append((prefix + "koppel-\(pair.id)", correct ? pair.id : ids[(index + 1) % ids.count]))
                }
            case .order:
                for (index, item) in question.items.enumerated() {
                    fields.append((prefix + "positie-\(item.id)", String(correct ? index + 1 : question.items.count - index)))
                }
            case .text:
                fields.append((prefix + "tekst", correct ? question.acceptedAnswers[0] : "weet ik niet"))
            }
        }
        return fields
    }

    func startAttempt(_ browser: TestBrowser) async throws -> (url: String, questionIds: [String]) {
        try await browser.get("/modules/voorbeeld/toets")
        let start = try await browser.post("/modules/voorbeeld/toets/pogingen", [])
        #expect(start.status == .seeOther)
        let url = try #require(start.location)
        let page = try await browser.get(url)
        let ids = page.text.components(separatedBy: "id=\"vraag-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        return (url, ids)
    }

    @Test("a full attempt: no answer key before submitting, graded on the server, completion in the same step")
    func passAndComplete() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register(email: "toets@voorbeeld.nl")
            for page in pages { try await browser.get(page) }
            let (url, ids) = try await startAttempt(browser)
            #expect(url == "/modules/voorbeeld/toets/pogingen/1")
            #expect(ids.count == quiz.draw)
            let form = browser.lastBody
            #expect(!form.contains("correct") && !form.contains("Uitleg") && !form.contains("Nee, dat is professionele zorg."))
            let submit = try await browser.post(url, answers(ids, correct: true) + [("actie", "inleveren")])
            #expect(submit.location == "\(url)/resultaat")
            let result = try await browser.get("\(url)/resultaat")
            #expect(result.text.contains("Geslaagd!") && result.text.contains("100%"))
            #expect(result.text.contains("Je hebt de module afgerond."))
            let user = try #require(try database.user(email: "toets@voorbeeld.nl"))
            #expect(try database.progress(userId: user.id!, moduleId: "voorbeeld")?.completedAt != nil)
            #expect(try await browser.get("/modules/voorbeeld").text.contains("Afgerond."))
            #expect(try await browser.get("/mijn-voortgang").text.contains("afgerond"))
            // Submitting again (a second tab, a double click) changes nothing.
            try await browser.get("\(url)/resultaat")
            let again = try await browser.post(url, answers(ids, correct: false) + [("actie", "inleveren")])
            #expect(again.location == "\(url)/resultaat")
            #expect(try database.attempt(userId: user.id!, moduleId: "voorbeeld", number: 1)?.percent == 100)
        }
    }

    @Test("a double click: the same attempt posted eight times at once is submitted once, and every post lands on the result")
    func concurrentSubmits() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register(email: "dubbel@voorbeeld.nl")
            let (url, ids) = try await startAttempt(browser)
            let token = try #require(browser.csrfToken)
            let cookie = try #require(browser.cookie)
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[.cookie] = "sw_sessie=" + cookie
            let sendHeaders = headers
            // Half of the posts answer everything right, half wrong: whichever comes first stands.
            let bodies = (0..<8).map { index -> String in
                let fields = answers(ids, correct: index.isMultiple(of: 2)) + [("actie", "inleveren"), ("_csrf", token)]
                return fields.map { browser.encode($0.0) + "=" + browser.encode($0.1) }.joined(separator: "&")
            }
            var locations: [String?] = []
            try await withThrowingTaskGroup(of: String?.self) { group in
                for body in bodies {
                    group.addTask {
                        let response = try await client.execute(uri: url, method: .post, headers: sendHeaders, body: ByteBuffer(string: body))
                        return response.location
                    }
                }
                for try await location in group { locations.append(location) }
            }
            #expect(locations == Array(repeating: "\(url)/resultaat", count: 8))
            let userId = try database.user(email: "dubbel@voorbeeld.nl")?.id ?? -1
            let attempts = try database.attempts(userId: userId, moduleId: "voorbeeld")
            #expect(attempts.count == 1 && attempts.first?.isSubmitted == true)
            #expect([0, 100].contains(attempts.first?.percent ?? -1), "one post's answers, not a mix")
            let stored = try database.answers(attemptId: attempts.first?.id ?? -1)
            #expect(stored.count == ids.count)
            #expect(Set(stored.values.map { $0.fraction ?? -1 }).count == 1, "every answer from the same post")
        }
    }

    @Test("fail, retry, pass; the attempt limit holds and correct answers follow the review setting")
    func failRetryAndLimit() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register(email: "herkansing@voorbeeld.nl")
            let first = try await startAttempt(browser)
            try await browser.post(first.url, answers(first.questionIds, correct: false) + [("actie", "inleveren")])
            let failed = try await browser.get("\(first.url)/resultaat")
            #expect(failed.text.contains("Niet geslaagd.") && failed.text.contains("Probeer het opnieuw"))
            #expect(!failed.text.contains("Goed antwoord:"), "review after the last attempt: not yet")
            let second = try await startAttempt(browser)
            #expect(second.url.hasSuffix("/2"))
            try await browser.post(second.url, answers(second.questionIds, correct: false) + [("actie", "inleveren")])
            let third = try await startAttempt(browser)
            try await browser.post(third.url, answers(third.questionIds, correct: false) + [("actie", "inleveren")])
            let last = try await browser.get("\(third.url)/resultaat")
            #expect(last.text.contains("Goed antwoord:"), "after the last attempt the answers are shown")
            try await browser.get("/modules/voorbeeld/toets")
            let refused = try await browser.post("/modules/voorbeeld/toets/pogingen", [])
            #expect(refused.status == .forbidden)
            let user = try #require(try database.user(email: "herkansing@voorbeeld.nl"))
            #expect(try database.attempts(userId: user.id!, moduleId: "voorbeeld").count == 3)
        }
    }

    @Test("open questions ask for confirmation and list them; answers are saved meanwhile")
    func confirmation() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register(email: "open@voorbeeld.nl")
            let (url, ids) = try await startAttempt(browser)
            let partial = Array(answers([ids[0]], correct: true))
            let redirect = try await browser.post(url, partial + [("actie", "inleveren")])
            #expect(redirect.location == "\(url)/inleveren")
            let confirm = try await browser.get("\(url)/inleveren")
            #expect(confirm.status == .ok && confirm.text.contains("Toets inleveren?"))
            #expect(confirm.text.contains("nog \(ids.count - 1) vragen open"))
            #expect(confirm.text.contains("\(url)#vraag-\(ids[1])"))
            let user = try #require(try database.user(email: "open@voorbeeld.nl"))
            let attempt = try #require(try database.attempt(userId: user.id!, moduleId: "voorbeeld", number: 1))
            #expect(attempt.submittedAt == nil)
            #expect(try database.answers(attemptId: attempt.id!).keys.contains(ids[0]))
            let done = try await browser.post(url, [("actie", "inleveren"), ("bevestigd", "ja")])
            #expect(done.location == "\(url)/resultaat")
        }
    }

    @Test("tampered answers, foreign questions, missing CSRF and other learners' attempts store nothing")
    func badInput() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register(email: "eigen@voorbeeld.nl")
            let (url, ids) = try await startAttempt(browser)
            // Five of six questions are drawn, so at least one of the three choice questions is always there.
            let single = try #require(
                ids.first { id in
                    [.single, .multiple, .truefalse].contains(quiz.questions.first { $0.id == id }?.kind)
                }
            )
            let unknownChoice = try await browser.post(url, [("v-\(single)-antwoord", "zzz"), ("actie", "opslaan")])
            #expect(unknownChoice.status == .badRequest)
            try await browser.get(url)
            let foreign = try await browser.post(url, [("v-bestaat-niet-antwoord", "a"), ("actie", "opslaan")])
            #expect(foreign.status == .badRequest)
            try await browser.get(url)
            let forged = try await browser.post(url, [("v-\(single)-antwoord", "a"), ("actie", "inleveren"), ("bevestigd", "ja")], csrf: false)
            #expect(forged.status == .forbidden)
            let user = try #require(try database.user(email: "eigen@voorbeeld.nl"))
            let attempt = try #require(try database.attempt(userId: user.id!, moduleId: "voorbeeld", number: 1))
            #expect(try database.answers(attemptId: attempt.id!).isEmpty && attempt.submittedAt == nil)

            let other = TestBrowser(client)
            try await other.register(email: "ander@voorbeeld.nl")
            #expect(try await other.get(url).status == .notFound)
            for tampered in ["0", "abc", "99999999999", "-1", "1%27%20OR%201=1"] {
                #expect(try await other.get("/modules/voorbeeld/toets/pogingen/\(tampered)").status == .notFound, "\(tampered)")
            }
        }
    }

    @Test("a module edit between start and submit: removed questions are skipped, the learner is told, nothing crashes")
    func moduleChangedMeanwhile() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register(email: "wijziging@voorbeeld.nl")
            let user = try #require(try database.user(email: "wijziging@voorbeeld.nl"))
            // An attempt started on an older version: one of its questions no longer exists, and a stored answer
            // points at a choice that was removed.
            let kept = try #require(quiz.questions.first { $0.kind == .single })
            let attempt = try database.openOrStartAttempt(
                userId: user.id!,
                moduleId: "voorbeeld",
                moduleVersion: "2025.9",
                quizId: quiz.id,
                maxAttempts: 3,
                plan: { _ in ["verwijderde-vraag", kept.id] }
            )
            try await database.saveAnswers(attemptId: attempt.id!, [kept.id: QuestionResponse(choiceIds: ["oude-keuze"]).storedJSON])
            let url = "/modules/voorbeeld/toets/pogingen/1"
            let page = try await browser.get(url)
            #expect(page.status == .ok && page.text.contains("De module is veranderd"))
            #expect(!page.text.contains("verwijderde-vraag"))
            let submitted = try await browser.post(url, [("actie", "inleveren"), ("bevestigd", "ja")])
            #expect(submitted.location == "\(url)/resultaat")
            let result = try await browser.get("\(url)/resultaat")
            #expect(result.status == .ok)
            #expect(result.text.contains("De module is veranderd sinds deze poging"))
            #expect(try database.attempt(userId: user.id!, moduleId: "voorbeeld", number: 1)?.maxPoints == Double(kept.points))
        }
    }
}
