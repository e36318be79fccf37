import Foundation
import LearnerStore
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `samenwijzer backup` while `serve` runs, then the copy restored into a new data folder and served.
@Suite("Command line: backup and restore")
struct BackupCLITests {
    let admin = AdminCLITests()

    @Test("a backup made while the site runs restores into a new folder, and the restored site lets its admin in")
    func backupRestoreServe() async throws {
        let folder = try admin.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = folder.appendingPathComponent("data")
        let created = try admin.run(
            ["admin", "create", "--email", "bea@voorbeeld.nl", "--name", "Bea Beheer", "--data", live.path],
            input: "een-lang-wachtwoord\n"
        )
        #expect(created.status == 0, "\(created.errors)")
        let attributes = try FileManager.default.attributesOfItem(atPath: live.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700, "the data folder is private")
        let databaseFile = try FileManager.default.attributesOfItem(atPath: live.appendingPathComponent("samenwijzer.sqlite").path)
        #expect((databaseFile[.posixPermissions] as? NSNumber)?.intValue == 0o600, "the database is private")

        let copy = folder.appendingPathComponent("backup.sqlite")
        let server = try ServerProcess(data: live)
        defer { server.stop() }
        try await server.waitUntilReady()
        let made = try admin.run(["backup", copy.path, "--data", live.path])
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.output.contains("Back-up gemaakt") && made.output.contains("1 accounts"))
        #expect((try FileManager.default.attributesOfItem(atPath: copy.path)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let empty = folder.appendingPathComponent("leeg")
        let nothing = try admin.run(["backup", folder.appendingPathComponent("niets.sqlite").path, "--data", empty.path])
        #expect(nothing.status == 1 && nothing.errors.contains("geen database"), "a folder without a database is refused")
        #expect(!FileManager.default.fileExists(atPath: empty.path), "and nothing is created there")
        let again = try admin.run(["backup", copy.path, "--data", live.path])
        #expect(again.status == 1 && again.errors.contains("bestaat al"), "a backup never overwrites")
        server.stop()

        // Restore as docs/operations.md says: the copy as the database of a new folder, with the keys beside it.
        let restored = folder.appendingPathComponent("teruggezet")
        try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(at: copy, to: restored.appendingPathComponent("samenwijzer.sqlite"))
        for key in ["certificate-signing-key.ed25519", "site-secret.key"] {
            try FileManager.default.copyItem(at: live.appendingPathComponent(key), to: restored.appendingPathComponent(key))
        }
        let restoredServer = try ServerProcess(data: restored)
        defer { restoredServer.stop() }
        try await restoredServer.waitUntilReady()
        let client = HTTPClient(base: restoredServer.base)
        let form = try await client.get("/inloggen")
        let token = try #require(form.body.components(separatedBy: "name=\"_csrf\" value=\"").dropFirst().first?.prefix { $0 != "\"" })
        let login = try await client.post("/inloggen", "email=bea%40voorbeeld.nl&wachtwoord=een-lang-wachtwoord&_csrf=\(token)")
        #expect(login.status == 303, "login on the restored site: \(login.status) \(login.body.prefix(300))")
        let dashboard = try await client.get("/beheer")
        #expect(dashboard.status == 200 && dashboard.body.contains("Beheer"))
    }
}

/// The real `serve` on a free port, stopped at the end.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }

    init(data: URL) throws {
        port = Int.random(in: 20_000...29_999)
        process.executableURL = CLITests.binary
        process.arguments = [
            "serve", "--port", String(port), "--data", data.path, "--modules", CLITests.root.appendingPathComponent("modules").path,
            "--assets", CLITests.root.appendingPathComponent("Assets").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits (at most 60 s) until /healthz answers.
    func waitUntilReady() async throws {
        for _ in 0..<600 {
            if let response = try? await HTTPClient(base: base).get("/healthz"), response.status == 200 { return }
            guard process.isRunning else { throw ServerError.exited(process.terminationStatus) }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServerError.notReady
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    enum ServerError: Error {
        case exited(Int32)
        case notReady
    }
}

/// A minimal client that keeps the session cookie and does not follow redirects.
final class HTTPClient: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    let base: String
    private var cookie: String?
    private lazy var session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)

    init(base: String) { self.base = base }

    struct Response {
        let status: Int
        let body: String
    }

    func get(_ path: String) async throws -> Response { try await send(URLRequest(url: URL(string: base + path)!)) }

    func post(_ path: String, _ body: String) async throws -> Response {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        return try await send(request)
    }

    private func send(_ request: URLRequest) async throws -> Response {
        var request = request
        if let cookie { request.setValue("sw_sessie=\(cookie)", forHTTPHeaderField: "Cookie") }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        if let header = http.value(forHTTPHeaderField: "Set-Cookie"), header.hasPrefix("sw_sessie=") {
            cookie = String(header.dropFirst("sw_sessie=".count).prefix { $0 != ";" })
        }
        return Response(status: http.statusCode, body: String(decoding: data, as: UTF8.self))
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
