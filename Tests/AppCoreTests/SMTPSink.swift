import Foundation

/// A real SMTP server on 127.0.0.1 (`Tests/support/smtp_sink.py`, aiosmtpd) for one test, and what it received,
/// as Python's e-mail parser reads it.
final class SMTPSink {
    let port: Int
    let folder: URL
    private let process: Process

    struct Received: Decodable {
        let mailFrom: String
        let rcptTo: [String]
        let subject: String
        let from: String
        let to: String
        let headers: [String: String]
        let text: String?
        let html: String?
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Python of `.venv-tools` (made by `scripts/test-tools` on first use).
    static let python: String = {
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/test-tools")
        let output = Pipe()
        process.standardOutput = output
        try? process.run()
        process.waitUntilExit()
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    init(auth: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments =
            [Self.root.appendingPathComponent("Tests/support/smtp_sink.py").path, "--port", String(port), "--dir", folder.path]
            + (auth.map { ["--auth", $0] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Bounded wait for "ready PORT".
        var seen = ""
        let deadline = Date().addingTimeInterval(20)
        while !seen.contains("ready"), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { Thread.sleep(forTimeInterval: 0.05) } else { seen += String(decoding: chunk, as: UTF8.self) }
        }
        guard seen.contains("ready") else {
            kill(process.processIdentifier, SIGKILL)
            throw SinkError.didNotStart(Self.python)
        }
    }

    deinit {
        // SIGKILL: a child started from a test's worker thread inherits its blocked signals, SIGTERM included.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    enum SinkError: Error { case didNotStart(String) }

    /// The messages received so far, in order.
    func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        return try names.sorted { Int($0.dropLast(5)) ?? 0 < Int($1.dropLast(5)) ?? 0 }.map {
            try JSONDecoder().decode(Received.self, from: Data(contentsOf: folder.appendingPathComponent($0)))
        }
    }

    /// A port nobody listens on now (bound, read, released).
    static func freePort() -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
