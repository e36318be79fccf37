import AppCore
import Certificates
import ContentEngine
import Foundation
import GRDB
import HummingbirdTesting
import Testing

@_spi(DevSeeding) @testable import LearnerStore
@testable import WebApp

@Suite("Certificates")
struct CertificateTests {
    let quizTests = QuizTests()
    var pages: [String] { quizTests.pages }

    /// Registers a learner, reads every page (or all but the last) and passes the quiz.
    func complete(_ browser: TestBrowser, email: String, skipLastPage: Bool = false) async throws {
        try await browser.register(email: email)
        for page in skipLastPage ? Array(pages.dropLast()) : pages { try await browser.get(page) }
        let (url, ids) = try await quizTests.startAttempt(browser)
        let submit = try await browser.post(url, quizTests.answers(ids, correct: true) + [("actie", "inleveren")])
        #expect(submit.location == "\(url)/resultaat")
    }

    @Test("completing a module issues a signed certificate in the same step; the learner sees it, downloads the PDF, a verifier checks it")
    func issueShowDownloadVerify() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await complete(browser, email: "cert@voorbeeld.nl")
            let user = try #require(try database.user(email: "cert@voorbeeld.nl"))
            let record = try #require(try database.certificate(userId: user.id!, moduleId: "voorbeeld"))
            let progress = try #require(try database.progress(userId: user.id!, moduleId: "voorbeeld"))
            // Issued with the completion: same instant, every printed field frozen from the module and the learner.
            #expect(abs(record.completedAt.timeIntervalSince(progress.completedAt!)) < 0.002, "the same instant, to the stored millisecond")
            let module = bundledCatalog.module(id: "voorbeeld")!
            #expect(record.learnerName == "Anja de Vries" && record.moduleTitle == module.title && record.moduleVersion == module.version)
            #expect(record.studyLoadMinutes == module.studyLoadMinutes && record.scorePercent == 100)
            #expect(record.accreditations.map(\.number) == module.accreditations.map(\.number))
            #expect(CertificateCheck.check(record, signer: testSigner).signature == .valid)

            let result = try await browser.get("/modules/voorbeeld/toets/pogingen/1/resultaat")
            #expect(result.text.contains(SiteURL.myCertificate(record.code)))
            let list = try await browser.get("/mijn-certificaten")
            #expect(list.text.contains(record.code) && list.text.contains(module.title))
            let page = try await browser.get(SiteURL.myCertificate(record.code))
            #expect(page.status == .ok && page.text.contains("Dit certificaat is echt en geldig"))

            let pdf = try await browser.get(SiteURL.myCertificatePDF(record.code))
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.headers[.contentDisposition] == "attachment; filename=\"certificaat-\(record.code).pdf\"")
            #expect(pdf.body.readableBytesView.starts(with: Array("%PDF-".utf8)))

            // The public page, anonymous: every printed field, never the e-mail.
            let verifier = TestBrowser(client)
            let verification = try await verifier.get("/certificaten/\(record.code)")
            #expect(verification.status == .ok)
            for field in [
                "Anja de Vries", HTML.escape(module.title), module.version, "100%", record.code, "Dit certificaat is echt en geldig",
                "VB-0000-TEST", "0,25 punten", DutchDate.long(record.completedAt), "Zo vergelijk je het certificaat",
            ] {
                #expect(verification.text.contains(field), "verification page lacks \(field)")
            }
            #expect(!verification.text.contains("cert@voorbeeld.nl"))
            #expect(verification.text.contains("<meta name=\"robots\" content=\"noindex\">"))
            // A code typed loosely lands on the one canonical page.
            let loose = try await verifier.get("/certificaten/\(record.code.lowercased().replacingOccurrences(of: "-", with: ""))")
            #expect(loose.status == .movedPermanently && loose.location == "/certificaten/\(record.code)")
            let typed = try await verifier.get("/certificaten?code=\(record.code.lowercased())")
            #expect(typed.location == "/certificaten/\(record.code)")
            let spaced = try await verifier.get("/certificaten?code=+\(record.code.replacingOccurrences(of: "-", with: "+"))+")
            #expect(spaced.location == "/certificaten/\(record.code)", "a code typed with spaces (sent as +)")
        }
    }

    @Test("passing the quiz before reading the last page: reading it completes the module and issues the certificate")
    func completionOnTheLastPage() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await complete(browser, email: "laat@voorbeeld.nl", skipLastPage: true)
            let user = try #require(try database.user(email: "laat@voorbeeld.nl"))
            #expect(try database.certificate(userId: user.id!, moduleId: "voorbeeld") == nil)
            #expect(try database.progress(userId: user.id!, moduleId: "voorbeeld")?.completedAt == nil)
            try await browser.get(pages.last!)
            #expect(try database.progress(userId: user.id!, moduleId: "voorbeeld")?.completedAt != nil)
            let record = try #require(try database.certificate(userId: user.id!, moduleId: "voorbeeld"))
            #expect(record.scorePercent == 100)
            // Reading it again issues nothing more.
            try await browser.get(pages.first!)
            try await browser.get(pages.last!)
            #expect(try database.certificates(userId: user.id!).count == 1)
        }
    }

    @Test(
        "bad codes get the 404 page and nothing else",
        arguments: [
            "SW-0000-0000", "SW-2222-2222", "XX-7K3M-9QXD", "sw-7k3m", String(repeating: "A", count: 3_000),
            "'%20OR%201=1--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "SW-7K3M-9QXD;DROP%20TABLE%20certificate", "..%2F..%2Fetc%2Fpasswd",
        ]
    )
    func badCodes(_ code: String) async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let response = try await TestBrowser(client).get("/certificaten/\(code)")
            #expect(response.status == .notFound)
            #expect(response.text.contains("Certificaat niet gevonden"))
            #expect(!response.text.contains("<script>alert"))
            let count = try await database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM certificate") }
            #expect(count == 0)
        }
    }

    @Test("the code form marks a malformed code on the page")
    func codeForm() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            #expect(try await browser.get("/certificaten").status == .ok)
            let bad = try await browser.get("/certificaten?code=%3Cb%3EAB12")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("Dit is geen geldige certificaatcode") && bad.text.contains("aria-invalid=\"true\""))
            #expect(bad.text.contains("value=\"&lt;b&gt;AB12\""))
            #expect(try await browser.get("/certificaten?code=").text.contains("Vul de certificaatcode in"))
        }
    }

    @Test("only the owner gets the certificate page and PDF; others get the same 404 as for a code that does not exist")
    func accessControl() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            try await complete(TestBrowser(client), email: "eigenaar@voorbeeld.nl")
            let owner = try #require(try database.user(email: "eigenaar@voorbeeld.nl"))
            let code = try #require(try database.certificate(userId: owner.id!, moduleId: "voorbeeld")).code

            let anonymous = TestBrowser(client)
            #expect(try await anonymous.get(SiteURL.myCertificatePDF(code)).location?.hasPrefix("/inloggen") == true)
            #expect(try await anonymous.get("/mijn-certificaten").location?.hasPrefix("/inloggen") == true)
            let other = TestBrowser(client)
            try await other.register(email: "ander@voorbeeld.nl")
            #expect(try await other.get(SiteURL.myCertificate(code)).status == .notFound)
            #expect(try await other.get(SiteURL.myCertificatePDF(code)).status == .notFound)
            #expect(try await other.get(SiteURL.myCertificatePDF(CertificateCode.random().description)).status == .notFound)
            #expect(!(try await other.get("/mijn-certificaten").text.contains(code)))
        }
    }

    @Test("revocation and tampering show on the verification page; a removed module's certificate still verifies")
    func revocationTamperingAndRemovedModules() async throws {
        let (app, database) = try await makeApp()
        try await app.test(.router) { client in
            let owner = TestBrowser(client)
            try await complete(owner, email: "intrekken@voorbeeld.nl")
            let user = try #require(try database.user(email: "intrekken@voorbeeld.nl"))
            let code = try #require(try database.certificate(userId: user.id!, moduleId: "voorbeeld")).code
            #expect(try database.revokeCertificate(code: code, reason: "Fraude bij de toets vastgesteld", by: nil) == .revoked)
            #expect(try database.revokeCertificate(code: code, reason: "tweede keer", by: nil) == .alreadyRevoked)
            let revoked = try await TestBrowser(client).get("/certificaten/\(code)")
            #expect(revoked.status == .ok)
            #expect(revoked.text.contains("Dit certificaat is ingetrokken") && !revoked.text.contains("echt en geldig"))
            // The public page states the fact and the date, never the reason (it may say something about the person).
            #expect(!revoked.text.contains("Fraude bij de toets vastgesteld") && !revoked.text.contains("tweede keer"))
            let ownPage = try await owner.get(SiteURL.myCertificate(code))
            #expect(ownPage.text.contains("Dit certificaat is ingetrokken") && ownPage.text.contains("Fraude bij de toets vastgesteld"))

            // Someone with database access raises the study load: the signature no longer matches.
            try await complete(TestBrowser(client), email: "vals@voorbeeld.nl")
            let forger = try #require(try database.user(email: "vals@voorbeeld.nl"))
            let forged = try #require(try database.certificate(userId: forger.id!, moduleId: "voorbeeld")).code
            try await database.writer.write {
                try $0.execute(sql: "UPDATE certificate SET studyLoadMinutes = 600 WHERE code = ?", arguments: [forged])
            }
            let tampered = try await TestBrowser(client).get("/certificaten/\(forged)")
            #expect(tampered.text.contains("De handtekening van dit certificaat klopt niet") && tampered.text.contains("10 uur"))

            // A module that left the catalog: the certificate's stored fields still verify.
            let content = CertificateContent(
                code: .random(),
                learnerName: "Piet Bakker",
                moduleId: "oude-module",
                moduleTitle: "Een oude module",
                moduleVersion: "0.9",
                studyLoadMinutes: 120,
                accreditations: [],
                scorePercent: 75,
                completedOn: DutchDate.isoDay(Date())
            )
            let record = CertificateRecord(
                code: content.code.description,
                userId: nil,
                quizAttemptId: nil,
                learnerName: content.learnerName,
                moduleId: content.moduleId,
                moduleTitle: content.moduleTitle,
                moduleVersion: content.moduleVersion,
                studyLoadMinutes: 120,
                accreditations: [],
                scorePercent: 75,
                completedAt: Date(),
                signature: try testSigner.sign(content),
                keyId: testSigner.keyId
            )
            try await database.writer.write { db in
                var copy = record
                try copy.insert(db)
            }
            let old = try await TestBrowser(client).get("/certificaten/\(content.code)")
            #expect(old.text.contains("Dit certificaat is echt en geldig") && old.text.contains("Een oude module") && old.text.contains("2 uur"))
        }
    }

    @Test("lookups are rate-limited per address")
    func rateLimit() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            for _ in 0..<30 { #expect(try await browser.get("/certificaten/SW-2222-2222").status == .notFound) }
            let limited = try await browser.get("/certificaten/SW-2222-2222")
            #expect(limited.status == .tooManyRequests && limited.text.contains("Wacht een minuut"))
        }
    }

    @Test("the public key is published as text and PEM")
    func publicKey() async throws {
        let (app, _) = try await makeApp()
        try await app.test(.router) { client in
            let page = try await TestBrowser(client).get("/certificaten/publieke-sleutel")
            #expect(page.text.contains(testSigner.keyId) && page.text.contains(testSigner.publicKeyBase64))
            let pem = try await TestBrowser(client).get("/certificaten/publieke-sleutel.pem")
            #expect(pem.text == testSigner.publicKeyPEM)
        }
    }
}
