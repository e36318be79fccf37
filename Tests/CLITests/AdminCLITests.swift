import Foundation
import LearnerStore
import Testing

/// `admin create` and `dev seed` through the real binary, checked in the database file they wrote.
@Suite("Command line: admin and dev")
struct AdminCLITests {
    typealias Run = CLITests.Run

    func run(_ arguments: [String], input: String? = nil) throws -> Run { try CLITests.run(arguments, input: input) }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sw-cli-admin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("admin create reads the password from standard input and makes an admin; a second time with the same e-mail fails")
    func createFromInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["admin", "create", "--email", "Beheer@Voorbeeld.nl", "--name", "Bea Beheer", "--data", folder.path]
        let created = try run(arguments, input: "een-lang-wachtwoord\n")
        #expect(created.status == 0, "\(created.errors)")
        #expect(created.output.contains("Beheerder aangemaakt: Bea Beheer <beheer@voorbeeld.nl>."))
        #expect(!created.output.contains("een-lang-wachtwoord"))
        let database = try AppDatabase.open(path: folder.appendingPathComponent("samenwijzer.sqlite").path)
        let user = try #require(try database.user(email: "beheer@voorbeeld.nl"))
        #expect(user.role == .admin && user.passwordHash.hasPrefix("$2") && user.passwordHash != "een-lang-wachtwoord")
        let again = try run(arguments, input: "een-lang-wachtwoord\n")
        #expect(again.status == 1 && again.errors.contains("Er is al een account met het e-mailadres beheer@voorbeeld.nl"))
    }

    @Test("admin create refuses a short, a missing password and a bad e-mail, with a message")
    func createRefuses() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let short = try run(["admin", "create", "--email", "a@voorbeeld.nl", "--name", "A", "--data", folder.path], input: "kort\n")
        #expect(short.status == 1 && short.errors.contains("minstens 10 tekens"))
        let none = try run(["admin", "create", "--email", "a@voorbeeld.nl", "--name", "A", "--data", folder.path], input: "")
        #expect(none.status == 1 && none.errors.contains("geen wachtwoord op standaardinvoer"))
        let email = try run(["admin", "create", "--email", "geen-adres", "--name", "A", "--data", folder.path], input: "een-lang-wachtwoord\n")
        #expect(email.status == 1 && email.errors.contains("geen geldig e-mailadres"))
        #expect(try run(["admin", "create", "--name", "A"]).status == 2)
    }

    @Test("admin create --generate-password prints a strong password once, and it is the one stored")
    func createGenerated() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try run(["admin", "create", "--email", "g@voorbeeld.nl", "--name", "G", "--generate-password", "--data", folder.path])
        #expect(created.status == 0, "\(created.errors)")
        let line = try #require(created.output.split(separator: "\n").first { $0.hasPrefix("Wachtwoord") })
        let password = String(try #require(line.split(separator: " ").last))
        #expect(password.count == 20)
        let database = try AppDatabase.open(path: folder.appendingPathComponent("samenwijzer.sqlite").path)
        #expect(try database.user(email: "g@voorbeeld.nl")?.role == .admin)
    }

    @Test("dev seed fills a database with learners, progress over real page ids, answers and certificates")
    func seed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let seeded = try run(["dev", "seed", "--learners", "300", "--data", folder.path])
        #expect(seeded.status == 0, "\(seeded.errors)")
        #expect(seeded.output.hasPrefix("Klaar in ") && seeded.output.contains("300 cursisten"))
        let database = try AppDatabase.open(path: folder.appendingPathComponent("samenwijzer.sqlite").path)
        let dashboard = try database.dashboard(StatisticsFilter())
        #expect(dashboard.registered == 300)
        #expect(dashboard.total.started > 200 && dashboard.total.completed > 20 && dashboard.total.completed < dashboard.total.started)
        #expect(dashboard.total.certificatesIssued == dashboard.total.completed)
        #expect(try database.organisations().count > 5)
        // Real page ids of the bundled dementia module, with fewer readers further on.
        let funnel = try database.pageFunnel(moduleId: "dementie", StatisticsFilter())
        #expect((funnel["meer-dan-vergeten"] ?? 0) > (funnel["terugblik"] ?? 0))
        let items = try database.itemAnalysis(moduleId: "dementie", StatisticsFilter()).items
        #expect(items.count > 12 && items.allSatisfy { $0.presented > 0 })
        // The questions differ: not every facility is the same.
        #expect(Set(items.compactMap { $0.facility.map { Int($0 * 10) } }).count > 3)
        // Same seed, same data.
        let second = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: second) }
        let again = try run(["dev", "seed", "--learners", "300", "--data", second.path])
        // The summary after "Klaar in … s:" (the time differs).
        #expect(again.output.split(separator: ":", maxSplits: 1).last == seeded.output.split(separator: ":", maxSplits: 1).last)
        #expect(try run(["dev", "seed", "--learners", "0", "--data", folder.path]).status == 2)
    }
}
