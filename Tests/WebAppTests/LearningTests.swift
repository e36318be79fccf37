import Foundation
import HummingbirdTesting
import LearnerStore
import Testing

@testable import WebApp

@Suite("Reading and progress")
struct LearningTests {
    let first = "/modules/voorbeeld/lessen/kennismaken/tekst-en-opmaak"
    let second = "/modules/voorbeeld/lessen/kennismaken/beeld-en-geluid"
    let checks = "/modules/voorbeeld/lessen/oefenen/oefenvragen"

    @Test("pages need an account")
    func pagesNeedLogin() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: first, method: .get)
            #expect(response.status == .seeOther)
            #expect(response.location?.hasPrefix("/inloggen?volgende=") == true)
        }
    }

    @Test("a page renders its content, glossary terms with their explanation, and the pager")
    func pageContent() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register()
            let page = try await browser.get(first)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<h1>Tekst en opmaak</h1>"))
            #expect(html.contains("aria-describedby=\"begrip-mantelzorger\""))
            #expect(html.contains("<dd id=\"begrip-mantelzorger\">"))
            #expect(html.contains("rel=\"next\""))
            #expect(html.contains("href=\"/modules/voorbeeld/bronnen#bron-cbs-2022\""))
            let media = try await browser.get(second)
            #expect(media.text.contains("alt=\"Driehoek met de cliënt bovenaan"))
            #expect(media.text.contains("<track kind=\"captions\""))
        }
    }

    @Test("opening pages records progress; the overview resumes at the last page")
    func progressAndResume() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register(email: "sam@voorbeeld.nl")
            try await browser.get(first)
            try await browser.get(second)
            try await browser.get(second)  // a repeat visit changes nothing
            let user = try #require(try database.user(email: "sam@voorbeeld.nl"))
            #expect(try database.seenPageIds(userId: user.id!, moduleId: "voorbeeld") == ["tekst-en-opmaak", "beeld-en-geluid"])
            let overview = try await browser.get("/modules/voorbeeld")
            #expect(overview.text.contains("Ga verder"))
            #expect(overview.text.contains("href=\"\(second)\""))
            #expect(overview.text.contains("50%"))
            let progress = try await browser.get("/mijn-voortgang")
            #expect(progress.text.contains("50%") && progress.text.contains("href=\"\(second)\""))
        }
    }

    @Test("an inline check gives feedback after a POST and redirect")
    func inlineCheck() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register(email: "check@voorbeeld.nl")
            try await browser.get(checks)
            let action = "\(checks)/oefenvragen/check-mantelzorg"
            let answer = try await browser.post(action, [("antwoord", "b")])
            #expect(answer.status == .seeOther)
            #expect(answer.location == "\(checks)#check-check-mantelzorg")
            let page = try await browser.get(checks)
            #expect(page.text.contains("Niet goed."))
            #expect(page.text.contains("Mantelzorg is vrijwillig."))
            #expect(page.text.contains("value=\"b\" checked"))
            let user = try #require(try database.user(email: "check@voorbeeld.nl"))
            #expect(try database.checkAnswers(userId: user.id!, moduleId: "voorbeeld")["check-mantelzorg"]?.isCorrect == false)
        }
    }

    @Test("a check without an answer, without CSRF, or for an unknown check stores nothing")
    func badCheckPosts() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register(email: "leeg@voorbeeld.nl")
            try await browser.get(checks)
            let empty = try await browser.post("\(checks)/oefenvragen/check-mantelzorg", [])
            #expect(empty.location?.contains("leeg=check-mantelzorg") == true)
            let marked = try await browser.get(empty.location!)
            #expect(marked.text.contains(Strings.answerMissing))
            let forged = try await browser.post("\(checks)/oefenvragen/check-mantelzorg", [("antwoord", "a")], csrf: false)
            #expect(forged.status == .forbidden)
            try await browser.get(checks)
            let unknown = try await browser.post("\(checks)/oefenvragen/bestaat-niet", [("antwoord", "a")])
            #expect(unknown.status == .notFound)
            let user = try #require(try database.user(email: "leeg@voorbeeld.nl"))
            #expect(try database.checkAnswers(userId: user.id!, moduleId: "voorbeeld").isEmpty)
        }
    }

    @Test("the learner's own parts are filled in and escaped: name, seen marks, progress")
    func learnerParts() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.get("/registreren")
            try await browser.post(
                "/registreren",
                [
                    ("naam", "<b>Anja</b> & co"), ("email", "esc@voorbeeld.nl"), ("wachtwoord", "geheim-wachtwoord"),
                    ("wachtwoord-herhaling", "geheim-wachtwoord"),
                ]
            )
            try await browser.get(first)
            let html = try await browser.get(second).text
            #expect(html.contains("&lt;b&gt;Anja&lt;/b&gt; &amp; co") && !html.contains("<b>Anja"))
            #expect(html.contains("value=\"\(browser.csrfToken ?? "-")\""))
            #expect(html.contains("value=\"50\"") && html.contains("50% gelezen"))
            // Both pages opened so far carry the seen mark in the lesson navigation, the others do not.
            #expect(html.components(separatedBy: "class=\"seen-mark\"").count - 1 == 2)
            #expect(!html.contains("\u{1}"))
        }
    }

    @Test("unknown lessons and pages give 404 to a logged-in learner")
    func unknownPage() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.register()
            #expect(try await browser.get("/modules/voorbeeld/lessen/kennismaken/bestaat-niet").status == .notFound)
            #expect(try await browser.get("/modules/voorbeeld/lessen/bestaat-niet/tekst-en-opmaak").status == .notFound)
        }
    }
}
