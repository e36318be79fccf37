import Foundation
import Testing

/// The command-line tool as an author or CI uses it: the real binary, its output and its exit codes.
@Suite("Command line")
struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to this test bundle (SwiftPM builds the executable for a test that depends on it).
    static var binary: URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("samenwijzer")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/samenwijzer")
    }

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs the binary in `directory` with `input` on standard input, without the caller's SAMENWIJZER_DATA (so a
    /// maintainer's setting never points a test at real data).
    static func run(_ arguments: [String], in directory: URL = root, input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["SAMENWIJZER_DATA"] = nil
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    func run(_ arguments: [String], in directory: URL = root) throws -> Run { try Self.run(arguments, in: directory) }

    @Test("validate with no arguments checks ./modules and exits 0 with a summary")
    func validateBundled() throws {
        let result = try run(["validate"])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.hasSuffix("modules gecontroleerd: 0 fouten, 0 waarschuwingen.\n"))
    }

    @Test("a broken module exits 1 and names file, line and column")
    func validateBroken() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sw-cli-\(UUID().uuidString)/kapot")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try "<?xml version=\"1.0\"?>\n<module xmlns=\"urn:samenwijzer:module:1\" id=\"kapot\">\n  <titel/>\n</module>\n"
            .write(to: folder.appendingPathComponent("module.xml"), atomically: true, encoding: .utf8)
        let result = try run(["validate", "--assets", Self.root.appendingPathComponent("Assets").path, folder.path])
        #expect(result.status == 1)
        #expect(result.output.contains("kapot/module.xml:2:"))
        #expect(result.output.contains(": fout: ") && result.output.contains("[schema-"))
        let json = try run(["validate", "--format", "json", "--assets", Self.root.appendingPathComponent("Assets").path, folder.path])
        #expect(json.status == 1)
        #expect(json.output.contains("\"errors\" :") && json.output.contains("\"line\" : 2"))
    }

    @Test("usage errors exit 2 with a message; --help and --version work")
    func usage() throws {
        let wrongFormat = try run(["validate", "--format", "xml"])
        #expect(wrongFormat.status == 2)
        #expect(!wrongFormat.errors.isEmpty)
        #expect(try run(["bestaat-niet"]).status == 2)
        let badPort = try run(["serve", "--port", "70000"])
        #expect(badPort.status == 2 && badPort.errors.contains("65535"))
        // Mail settings are checked before anything starts: a wrong scheme, a missing or unusable sender.
        let badSMTP = try run(["serve", "--smtp-url", "http://mail.voorbeeld.nl", "--smtp-from", "a@b.nl"])
        #expect(badSMTP.status == 2 && badSMTP.errors.contains("smtp://"))
        let noSender = try run(["serve", "--smtp-url", "smtp://mail.voorbeeld.nl"])
        #expect(noSender.status == 2 && noSender.errors.contains("--smtp-from"))
        let badSender = try run(["serve", "--smtp-url", "smtp://mail.voorbeeld.nl", "--smtp-from", "geen adres"])
        #expect(badSender.status == 2 && badSender.errors.contains("afzender"))
        let help = try run(["--help"])
        #expect(help.status == 0 && help.output.contains("validate") && help.output.contains("serve"))
        #expect(try run(["--version"]).output.hasPrefix("0."))
    }

    @Test("serve refuses to start when a module has errors, and says why")
    func serveRefusesBrokenModules() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sw-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("kapot"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<module>".write(to: folder.appendingPathComponent("kapot/module.xml"), atomically: true, encoding: .utf8)
        let result = try run(["serve", "--modules", folder.path, "--data", folder.appendingPathComponent("data").path, "--port", "1"])
        #expect(result.status == 1)
        #expect(result.errors.contains("kapot/module.xml") && result.errors.contains("De website start niet"))
    }
}
