import Certificates
import Foundation
import XCTest

/// Reads the PDF back the way a register's software or a phone would: its text with poppler's pdftotext, its
/// QR code with zbarimg on a PNG rendered by pdftoppm (Debian: poppler-utils, zbar-tools).
final class PDFTests: XCTestCase {
    func testThePDFHasEveryFieldAsRealTextAndAQRCodeOfTheVerificationURL() throws {
        let content = SignatureTests.content
        let url = "https://samenwijzer.example/certificaten/\(content.code)"
        let pdf = try CertificatePDF.render(content, .init(verificationURL: url, signature: "c2lnbmF0dXVy", keyId: "0123456789abcdef"))
        XCTAssertTrue(pdf.starts(with: Data("%PDF-".utf8)))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sw-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("certificaat.pdf")
        try pdf.write(to: file)

        let info = try run("pdfinfo", [file.path])
        XCTAssertNotNil(info.firstMatch(of: /Pages:\s+1\n/), info)
        XCTAssertNotNil(info.firstMatch(of: /Page size:\s+841.89 x 595.28 pts \(A4\)/), info)

        // Whitespace differs per layout; compare words.
        let text = try run("pdftotext", ["-enc", "UTF-8", file.path, "-"]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for expected in [
            "Zoë Ëlsinga-Çelik", "Omgaan met dementie", "1.2.0", "1,5 uur", "83%", "23 november 2026",
            "Kwaliteitsregister V&VN, nummer VN-2026-1234, 1,5 punten", content.code.description, url, "c2lnbmF0dXVy",
            "0123456789abcdef",
        ] {
            XCTAssertTrue(text.contains(expected), "pdftotext lacks \(expected): \(text)")
        }

        _ = try run("pdftoppm", ["-r", "150", "-png", "-singlefile", file.path, folder.appendingPathComponent("page").path])
        if let keep = ProcessInfo.processInfo.environment["SAMENWIJZER_KEEP_PDF"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: folder.appendingPathComponent("page.png"), to: URL(fileURLWithPath: keep))
        }
        let decoded = try run("zbarimg", ["--quiet", "--raw", folder.appendingPathComponent("page.png").path])
        XCTAssertEqual(decoded.trimmingCharacters(in: .whitespacesAndNewlines), url)
    }

    func testALongNameAndTitleStillFitOnThePage() throws {
        var content = SignatureTests.content
        content.learnerName = "Maria Johanna Wilhelmina Theodora van den Heuvel-Oudendijk-Verschuren-Bakker"
        content.moduleTitle = String(repeating: "Een heel lange moduletitel over mantelzorg en vrijwilligerswerk ", count: 3)
        let pdf = try CertificatePDF.render(content, .init(verificationURL: "http://127.0.0.1/certificaten/x", signature: "x", keyId: "y"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sw-long-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try run("pdftotext", ["-enc", "UTF-8", file.path, "-"]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(text.contains("Verschuren-Bakker"), text)
        XCTAssertTrue(text.contains("vrijwilligerswerk Een heel lange"), text)
    }

    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(tool) failed")
        return String(decoding: data, as: UTF8.self)
    }
}
