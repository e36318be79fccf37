import ContentEngine
import Foundation
import HTTPTypes
import HummingbirdTesting
import LearnerStore
import Testing

@testable import WebApp

@Suite("Admin area")
struct AdminTests {
    /// Every admin URL, GET and POST, including exports and a path no route has (the prefix guard covers it).
    static let routes: [(method: HTTPRequest.Method, path: String)] = [
        (.get, "/beheer"), (.get, "/beheer?van=2026-01-01&tot=2026-12-31"), (.get, "/beheer/modules/voorbeeld"),
        (.get, "/beheer/modules/voorbeeld/vragen"), (.get, "/beheer/export/modules/voorbeeld/vragen.csv"),
        (.get, "/beheer/voltooiingen"), (.get, "/beheer/export/voltooiingen.csv"), (.get, "/beheer/gebruikers"),
        (.get, "/beheer/gebruikers/1"), (.post, "/beheer/gebruikers/1/rol"), (.post, "/beheer/gebruikers/1/pogingen-wissen"),
        (.post, "/beheer/certificaten/SW-TEST-0001/intrekken"), (.get, "/beheer/bestaat-niet"),
    ]

    @Test(
        "authorisation matrix: anonymous → login, learner and author → 403, admin → the page",
        arguments: ["anoniem", "learner", "author", "admin"]
    )
    func matrix(as who: String) async throws {
        let (app, database) = try await makeApp()
        // User 1 is a learner with progress, the target of the POST routes.
        try await AdminFixture.learner(database, email: "doel@voorbeeld.nl", name: "Doel", organisation: nil, correct: [])
        try database.insertCertificate(AdminFixture.certificate(code: "SW-TEST-0001", userId: 1))
        if let role = User.Role(rawValue: who) { try AdminFixture.account(database, email: "\(who)@voorbeeld.nl", role: role) }
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            if who != "anoniem" { try await browser.logIn(email: "\(who)@voorbeeld.nl") }
            for route in Self.routes {
                try await browser.get("/mijn-voortgang")  // a page with a CSRF token for the POSTs
                let response =
                    route.method == .get
                    ? try await browser.get(route.path)
                    : try await browser.post(route.path, [("rol", "admin"), ("module", "voorbeeld"), ("reden", "Test")])
                switch who {
                case "anoniem":
                    #expect(response.status == .seeOther, "\(route.path)")
                    #expect(response.location?.hasPrefix("/inloggen?volgende=") == true, "\(route.path)")
                case "learner", "author":
                    #expect(response.status == .forbidden, "\(route.path)")
                    #expect(response.text.contains("alleen voor beheerders"), "\(route.path)")
                default:
                    let expected: HTTPResponse.Status = route.path == "/beheer/bestaat-niet" ? .notFound : route.method == .post ? .seeOther : .ok
                    #expect(response.status == expected, "\(route.path): \(response.status)")
                }
            }
        }
        // Nobody but the admin changed the target's role or revoked its certificate.
        #expect(try database.user(id: 1)?.role == (who == "admin" ? .admin : .learner))
        #expect(try database.certificate(code: "SW-TEST-0001")?.isRevoked == (who == "admin"))
    }

    @Test("spellings of an admin path that a router might treat alike never reach an admin page for a learner")
    func pathVariants() async throws {
        let (app, database) = try await makeApp()
        try AdminFixture.account(database, email: "leerling@voorbeeld.nl", role: .learner)
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.logIn(email: "leerling@voorbeeld.nl")
            for path in [
                "//beheer", "/beheer/", "/./beheer", "/beheer/../beheer", "//beheer//gebruikers", "/beheer/gebruikers/",
                "/beheer?x=1", "/beheer/export/voltooiingen.csv?organisatie=%00",
            ] {
                let response = try await browser.get(path)
                #expect(response.status == .forbidden || response.status == .notFound, "\(path): \(response.status)")
                #expect(!response.text.contains("Beheer: "), "\(path)")
            }
        }
    }

    @Test("the dashboard shows the numbers, the chart with its table, and per-module rows")
    func dashboard() async throws {
        let (app, database) = try await makeApp()
        let quiz = bundledCatalog.module(id: "voorbeeld")!.quiz!
        try await AdminFixture.learner(
            database,
            email: "a@voorbeeld.nl",
            name: "Anja",
            organisation: "Buurtzorg",
            correct: Set(quiz.questions.map(\.id))
        )
        try await AdminFixture.learner(database, email: "b@voorbeeld.nl", name: "Bert", organisation: "Humanitas", correct: [])
        try AdminFixture.account(database, email: "beheer@voorbeeld.nl", role: .admin)
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.logIn(email: "beheer@voorbeeld.nl")
            let page = try await browser.get("/beheer")
            #expect(page.status == .ok)
            // Two started, one passed first time and completed: 50 %.
            #expect(page.text.contains("<dt>Begonnen</dt><dd>2</dd>") && page.text.contains("<dt>Afgerond</dt><dd>1</dd>"))
            #expect(page.text.contains("<dt>Percentage afgerond</dt><dd>50,0 %</dd>"))
            #expect(page.text.contains("<svg class=\"chart\"") && page.text.contains("<caption id=\"weken-tabel\">"))
            #expect(page.text.contains("href=\"/beheer/modules/voorbeeld\""))
            // Filtered by organisation: only Bert, who did not pass.
            let filtered = try await browser.get("/beheer?organisatie=Humanitas")
            #expect(filtered.text.contains("<dt>Begonnen</dt><dd>1</dd>") && filtered.text.contains("<dt>Afgerond</dt><dd>0</dd>"))
            #expect(filtered.text.contains("<option selected>Humanitas</option>"))
            let module = try await browser.get("/beheer/modules/voorbeeld")
            #expect(module.status == .ok && module.text.contains("Tot waar lezen cursisten?"))
            let funnel = tableRows(module.text, captionPrefix: "trechter-tabel")
            #expect(funnel.count == bundledCatalog.module(id: "voorbeeld")!.pageCount)
            #expect(funnel.first?[3] == "2")
        }
    }

    @Test("bad filter values give the page with the problem marked (400), never a 500")
    func badFilters() async throws {
        let (app, database) = try await makeApp()
        try AdminFixture.account(database, email: "beheer@voorbeeld.nl", role: .admin)
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.logIn(email: "beheer@voorbeeld.nl")
            let cases: [(String, String, String)] = [
                ("/beheer?van=2026-13-45", "van", Strings.adminDateInvalid("2026-13-45")),
                ("/beheer?van=gisteren", "van", Strings.adminDateInvalid("gisteren")),
                ("/beheer?van=2026-02-30", "van", Strings.adminDateInvalid("2026-02-30")),
                ("/beheer?van=2026-05-01&tot=2026-04-01", "tot", Strings.adminPeriodReversed),
                ("/beheer?organisatie=Bestaat%20niet", "organisatie", Strings.adminOrganisationUnknown),
                ("/beheer/modules/voorbeeld?tot=31-12-2026", "tot", Strings.adminDateInvalid("31-12-2026")),
                ("/beheer/modules/voorbeeld/vragen?versie=1999.9", "versie", Strings.adminVersionUnknown),
                ("/beheer/voltooiingen?module=bestaat-niet", "module", Strings.adminModuleUnknown),
                ("/beheer/gebruikers?rol=koning", "rol", Strings.adminRoleUnknown),
            ]
            for (path, field, message) in cases {
                let response = try await browser.get(path)
                #expect(response.status == .badRequest, "\(path)")
                #expect(response.text.contains(message), "\(path)")
                #expect(response.text.contains("href=\"#\(field)\"") && response.text.contains("id=\"\(field)\""), "\(path)")
                #expect(response.text.contains("aria-invalid=\"true\""), "\(path)")
            }
            for path in ["/beheer/export/voltooiingen.csv?van=nooit", "/beheer/export/modules/voorbeeld/vragen.csv?organisatie=x"] {
                let response = try await browser.get(path)
                #expect(response.status == .badRequest && response.text.contains("<h1>"), "\(path)")
            }
            for path in ["/beheer/modules/bestaat-niet", "/beheer/modules/bestaat-niet/vragen", "/beheer/gebruikers/abc", "/beheer/gebruikers/999"] {
                #expect(try await browser.get(path).status == .notFound, "\(path)")
            }
        }
    }

    @Test("completions CSV: BOM, ';', the same rows and cells as the screen, formulas neutralised")
    func completionsExport() async throws {
        let (app, database) = try await makeApp()
        let quiz = bundledCatalog.module(id: "voorbeeld")!.quiz!
        let all = Set(quiz.questions.map(\.id))
        try await AdminFixture.learner(
            database,
            email: "a@voorbeeld.nl",
            name: "=HYPERLINK(\"http://x\";\"klik\")",
            organisation: "+31 Zorg; Welzijn",
            correct: all,
            at: Date(timeIntervalSinceNow: -7200)
        )
        try await AdminFixture.learner(
            database,
            email: "b@voorbeeld.nl",
            name: "Bert \"de Bouwer\"",
            organisation: "@thuis",
            correct: all,
            at: Date(timeIntervalSinceNow: -3600)
        )
        try await AdminFixture.learner(database, email: "c@voorbeeld.nl", name: "Cor", organisation: nil, correct: [])
        try AdminFixture.account(database, email: "beheer@voorbeeld.nl", role: .admin)
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.logIn(email: "beheer@voorbeeld.nl")
            let screen = try await browser.get("/beheer/voltooiingen")
            #expect(screen.text.contains("2 afrondingen"))
            let shown = tableRows(screen.text, captionPrefix: "voltooiingen-tabel")
            let export = try await browser.get("/beheer/export/voltooiingen.csv")
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            let bytes = Array(export.body.readableBytesView)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let rows = parseCSV(export.text)
            #expect(rows.first == AdminController.completionHeader)
            let data = Array(rows.dropFirst())
            #expect(data.count == 2 && shown.count == 2)
            // Cell for cell what the screen shows; only the formula guard differs.
            for (csvRow, screenRow) in zip(data, shown) {
                #expect(csvRow.map { $0.hasPrefix("'") ? String($0.dropFirst()) : $0 } == screenRow)
            }
            #expect(data[0][0] == "'=HYPERLINK(\"http://x\";\"klik\")" && data[0][2] == "'+31 Zorg; Welzijn")
            #expect(data[1][0] == "Bert \"de Bouwer\"" && data[1][2] == "'@thuis")
            #expect(data[0][3] == "Voorbeeldmodule: zo werkt Samenwijzer" && data[0][4] == "2026.1" && data[0][5] == "0,25 uur")
            #expect(data[0][6].contains("VB-0000-TEST") && data[0][7] == "100 %")
            // The same filter on both: none for an organisation without completions.
            let humanitas = parseCSV(try await browser.get("/beheer/export/voltooiingen.csv?organisatie=%40thuis").text)
            #expect(humanitas.count == 2 && humanitas[1][1] == "b@voorbeeld.nl")
        }
    }

    @Test("item analysis page and CSV: ids, texts, numbers, signals and the versions the answers came from")
    func itemAnalysis() async throws {
        let (app, database) = try await makeApp()
        let quiz = bundledCatalog.module(id: "voorbeeld")!.quiz!
        let all = Set(quiz.questions.map(\.id))
        // q-single right for everyone (too easy); q-text wrong for everyone (too hard).
        try await AdminFixture.learner(database, email: "a@voorbeeld.nl", name: "A", organisation: nil, correct: all.subtracting(["q-text"]))
        try await AdminFixture.learner(database, email: "b@voorbeeld.nl", name: "B", organisation: nil, correct: ["q-single"])
        try await AdminFixture.learner(database, email: "c@voorbeeld.nl", name: "C", organisation: nil, correct: ["q-single", "q-multiple"])
        try AdminFixture.account(database, email: "beheer@voorbeeld.nl", role: .admin)
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.logIn(email: "beheer@voorbeeld.nl")
            let page = try await browser.get("/beheer/modules/voorbeeld/vragen")
            #expect(page.status == .ok)
            #expect(page.text.contains("3 ingeleverde pogingen") && page.text.contains("Antwoorden uit versie 2026.1 (3 pogingen)"))
            let rows = tableRows(page.text, captionPrefix: "vragen-tabel")
            #expect(rows.count == quiz.questions.count)
            let single = try #require(rows.first { $0[0].hasPrefix("q-single") })
            #expect(single[1] == "3" && single[3] == "1,00" && single[4] == "–" && single[5].contains("Te makkelijk."))
            let text = try #require(rows.first { $0[0].hasPrefix("q-text") })
            #expect(text[3] == "0,00" && text[5].contains("Te moeilijk."))
            // Everyone picked a or the first wrong choice of q-single: any other distractor is flagged.
            #expect(single[5].contains("Afleider"))
            let csv = parseCSV(try await browser.get("/beheer/export/modules/voorbeeld/vragen.csv").text)
            #expect(csv.first?.first == "Vraag-id" && csv.count == quiz.questions.count + 1)
            let csvSingle = try #require(csv.first { $0.first == "q-single" })
            #expect(csvSingle[3] == "3" && csvSingle[5] == "1,00" && csvSingle[6] == "–" && csvSingle[9] == "2026.1 (3 pogingen)")
            #expect(csvSingle[7].contains("Te makkelijk."))
        }
    }

    @Test("users: search, change a role (effective at once), not your own; reset a learner's attempts")
    func users() async throws {
        let (app, database) = try await makeApp()
        let learner = try await AdminFixture.learner(database, email: "leerling@voorbeeld.nl", name: "Lies Leerling", organisation: nil, correct: [])
        let admin = try AdminFixture.account(database, email: "beheer@voorbeeld.nl", name: "Bea Beheer", role: .admin)
        try await app.test(.router) { client in
            let learnerBrowser = TestBrowser(client)
            try await learnerBrowser.logIn(email: "leerling@voorbeeld.nl")
            #expect(try await learnerBrowser.get("/beheer").status == .forbidden)

            let browser = TestBrowser(client)
            try await browser.logIn(email: "beheer@voorbeeld.nl")
            // A GET form sends spaces as "+".
            let search = try await browser.get("/beheer/gebruikers?zoek=lies+leer")
            #expect(search.text.contains("1 gevonden.") && search.text.contains("Lies Leerling"))
            let detail = try await browser.get("/beheer/gebruikers/\(learner.id!)")
            #expect(detail.status == .ok && detail.text.contains("Toetspogingen voor") && detail.text.contains("niet geslaagd"))
            let role = try await browser.post("/beheer/gebruikers/\(learner.id!)/rol", [("rol", "admin")])
            #expect(role.location == "/beheer/gebruikers/\(learner.id!)?melding=rol")
            // The learner's existing session sees the new role on the next request.
            #expect(try await learnerBrowser.get("/beheer").status == .ok)
            try await browser.get("/beheer/gebruikers/\(learner.id!)")
            #expect(try await browser.post("/beheer/gebruikers/\(learner.id!)/rol", [("rol", "learner")]).status == .seeOther)
            #expect(try await learnerBrowser.get("/beheer").status == .forbidden)

            try await browser.get("/beheer/gebruikers/\(admin.id!)")
            let own = try await browser.post("/beheer/gebruikers/\(admin.id!)/rol", [("rol", "learner")])
            #expect(own.status == .badRequest && own.text.contains("eigen rol"))
            #expect(try database.user(id: admin.id!)?.role == .admin)
            try await browser.get("/beheer/gebruikers/\(learner.id!)")
            #expect(try await browser.post("/beheer/gebruikers/\(learner.id!)/rol", [("rol", "keizer")]).status == .badRequest)
            #expect(try await browser.post("/beheer/gebruikers/\(learner.id!)/rol", [("rol", "author")], csrf: false).status == .forbidden)

            let reset = try await browser.post("/beheer/gebruikers/\(learner.id!)/pogingen-wissen", [("module", "voorbeeld")])
            #expect(reset.location == "/beheer/gebruikers/\(learner.id!)?melding=pogingen")
            #expect(try database.attempts(userId: learner.id!, moduleId: "voorbeeld").isEmpty)
            #expect(try await browser.get(reset.location!).text.contains("De toetspogingen zijn gewist."))
            #expect(try await browser.post("/beheer/gebruikers/\(learner.id!)/pogingen-wissen", [("module", "nah")]).status == .badRequest)
        }
    }

    @Test("the users list is paged; the previous and next links keep the search")
    func usersPaged() async throws {
        let (app, database) = try await makeApp()
        _ = try AdminFixture.account(database, email: "beheer@voorbeeld.nl", name: "Bea Beheer", role: .admin)
        for index in 1...(AdminController.usersPerPage + 5) {
            _ = try database.createUser(email: "zorg\(index)@voorbeeld.nl", name: "Zorg Lid \(index)", organisation: nil, passwordHash: "x")
        }
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.logIn(email: "beheer@voorbeeld.nl")
            let first = try await browser.get("/beheer/gebruikers?zoek=zorg+lid")
            #expect(first.text.contains("pagina 1 van 2"))
            #expect(first.text.contains("href=\"/beheer/gebruikers?zoek=zorg%20lid&amp;pagina=2\""))
            let second = try await browser.get("/beheer/gebruikers?zoek=zorg%20lid&rol=&pagina=2")
            #expect(second.text.contains("pagina 2 van 2") && second.text.contains("pagina=1"))
            #expect(!second.text.contains("pagina=3"))
            let single = try await browser.get("/beheer/gebruikers?zoek=Bea")
            #expect(!single.text.contains("pagina 1 van"), "one page: no paging")
        }
    }

    @Test("revoking a certificate needs a reason; the reason and the admin are stored; a second revocation changes nothing")
    func revoke() async throws {
        let (app, database) = try await makeApp()
        let learner = try await AdminFixture.learner(database, email: "leerling@voorbeeld.nl", name: "Lies", organisation: nil, correct: [])
        let admin = try AdminFixture.account(database, email: "beheer@voorbeeld.nl", role: .admin)
        try database.insertCertificate(AdminFixture.certificate(code: "SW-TEST-0002", userId: learner.id!))
        try await app.test(.router) { client in
            let browser = TestBrowser(client)
            try await browser.logIn(email: "beheer@voorbeeld.nl")
            let page = try await browser.get("/beheer/gebruikers/\(learner.id!)")
            #expect(page.text.contains("action=\"/beheer/certificaten/SW-TEST-0002/intrekken\"") && page.text.contains("id=\"reden-SW-TEST-0002\""))
            let empty = try await browser.post("/beheer/certificaten/SW-TEST-0002/intrekken", [("reden", "  ")])
            #expect(empty.status == .unprocessableContent && empty.text.contains(Strings.adminReasonMissing))
            #expect(empty.text.contains("href=\"#reden-SW-TEST-0002\"") && empty.text.contains("aria-invalid=\"true\""))
            #expect(try database.certificate(code: "SW-TEST-0002")?.isRevoked == false)
            let revoked = try await browser.post("/beheer/certificaten/SW-TEST-0002/intrekken", [("reden", "Fraude bij de toets")])
            #expect(revoked.location == "/beheer/gebruikers/\(learner.id!)?melding=ingetrokken")
            let record = try #require(try database.certificate(code: "SW-TEST-0002"))
            #expect(record.isRevoked && record.revokedReason == "Fraude bij de toets" && record.revokedBy == admin.id)
            let after = try await browser.get(revoked.location!)
            #expect(
                after.text.contains("Ingetrokken op") && after.text.contains("Fraude bij de toets")
                    && !after.text.contains("id=\"reden-SW-TEST-0002\"")
            )
            #expect(
                try await browser.post("/beheer/certificaten/SW-TEST-0002/intrekken", [("reden", "Nog eens")]).location?.hasSuffix("al-ingetrokken")
                    == true
            )
            #expect(try database.certificate(code: "SW-TEST-0002")?.revokedReason == "Fraude bij de toets")
            try await browser.get("/beheer/gebruikers/\(learner.id!)")
            #expect(try await browser.post("/beheer/certificaten/SW-BESTAAT-NIET/intrekken", [("reden", "x")]).status == .notFound)
        }
    }

    @Test("CSV cells: formula starts neutralised, separators and quotes quoted, numbers left alone")
    func csvCells() {
        #expect(CSV.field(.text("=1+1")) == "'=1+1")
        #expect(CSV.field(.text("+31 6")) == "'+31 6")
        #expect(CSV.field(.text("-2")) == "'-2")
        #expect(CSV.field(.text("@SUM(A1)")) == "'@SUM(A1)")
        #expect(CSV.field(.text("\t=1")) == "'\t=1")
        #expect(CSV.field(.text("a;b")) == "\"a;b\"")
        #expect(CSV.field(.text("zeg \"hoi\"")) == "\"zeg \"\"hoi\"\"\"")
        #expect(CSV.field(.number("-0,30")) == "-0,30")
        #expect(CSV.field(.text("Anja")) == "Anja")
        #expect(CSV.line([.text("a"), .number("1")]) == "a;1\r\n")
    }
}

@Suite("Admin formats")
struct AdminFormatTests {
    @Test("the export's dates (DutchDate) are Dutch days, also around midnight and DST changes")
    func dates() {
        let expected = [
            "2026-01-01T00:30:00Z": "1-1-2026", "2026-03-28T23:30:00Z": "29-3-2026", "2026-03-29T01:30:00Z": "29-3-2026",
            "2026-10-24T22:30:00Z": "25-10-2026", "2026-12-31T23:30:00Z": "1-1-2027",
        ]
        for (text, day) in expected {
            let date = ISO8601DateFormatter().date(from: text)!
            #expect(DutchDate.string(date) == day, "\(text)")
        }
    }

    @Test("study load in hours, percentages and correlations with a decimal comma")
    func numbers() {
        #expect(
            AdminFormat.hours(minutes: 90) == "1,5 uur" && AdminFormat.hours(minutes: 15) == "0,25 uur" && AdminFormat.hours(minutes: 120) == "2 uur"
        )
        #expect(AdminFormat.percent(0.5) == "50,0 %" && AdminFormat.percent(nil) == "–")
        #expect(AdminFormat.twoDecimals(-0.30151) == "-0,30")
        #expect(AdminFormat.duration(3 * 86400) == "3,0 dagen" && AdminFormat.duration(5400) == "1,5 uur")
    }
}
