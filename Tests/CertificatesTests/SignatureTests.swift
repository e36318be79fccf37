import Certificates
import Foundation
import XCTest

final class SignatureTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sw-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    static let content = CertificateContent(
        code: CertificateCode.random(),
        learnerName: "Zoë Ëlsinga-Çelik",
        moduleId: "dementie",
        moduleTitle: "Omgaan met dementie",
        moduleVersion: "1.2.0",
        studyLoadMinutes: 90,
        accreditations: [.init(register: "Kwaliteitsregister V&VN", number: "VN-2026-1234", points: "1.5")],
        scorePercent: 83,
        completedOn: "2026-11-23"
    )

    func testTheKeyIsMadeOnceWithOwnerOnlyPermissionsAndReused() throws {
        let first = try CertificateSigner.loadOrCreate(in: folder)
        let path = folder.appendingPathComponent(CertificateSigner.keyFileName).path
        let permissions = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
        XCTAssertEqual(permissions.intValue, 0o600)
        let second = try CertificateSigner.loadOrCreate(in: folder)
        XCTAssertEqual(first.keyId, second.keyId)
        XCTAssertEqual(first.publicKeyBase64, second.publicKeyBase64)
        XCTAssertEqual(first.keyId.count, 16)
    }

    func testAKeyFileOthersCanReadOrThatIsDamagedIsRefusedWithAClearMessage() throws {
        _ = try CertificateSigner.loadOrCreate(in: folder)
        let path = folder.appendingPathComponent(CertificateSigner.keyFileName).path
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        XCTAssertThrowsError(try CertificateSigner.loadOrCreate(in: folder)) { error in
            XCTAssertTrue("\(error)".contains("chmod 600 \(path)"), "\(error)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try Data("geen sleutel\n".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try CertificateSigner.loadOrCreate(in: folder)) { error in
            XCTAssertTrue("\(error)".contains("beschadigd"), "\(error)")
        }
    }

    func testASignatureVerifiesOnlyForExactlyTheSignedFields() throws {
        let signer = try CertificateSigner.loadOrCreate(in: folder)
        let original = Self.content
        let signature = try signer.sign(original)
        XCTAssertEqual(signer.verify(original, signature: signature, keyId: signer.keyId), .valid)

        let tampered: [(String, (inout CertificateContent) -> Void)] = [
            ("code", { $0.code = CertificateCode.random() }),
            ("name", { $0.learnerName = "Zoe Elsinga-Celik" }),
            ("module id", { $0.moduleId = "nah" }),
            ("title", { $0.moduleTitle += " " }),
            ("version", { $0.moduleVersion = "1.2.1" }),
            ("study load", { $0.studyLoadMinutes = 900 }),
            ("score", { $0.scorePercent = 84 }),
            ("date", { $0.completedOn = "2026-11-24" }),
            ("accreditation points", { $0.accreditations[0].points = "15" }),
            ("accreditation number", { $0.accreditations[0].number = "VN-2026-1235" }),
            ("accreditation register", { $0.accreditations[0].register = "Register X" }),
            ("accreditation added", { $0.accreditations.append(.init(register: "SKJ", number: "1", points: "2")) }),
            ("accreditation removed", { $0.accreditations = [] }),
            // Field boundaries cannot be shifted: a separator inside a value is escaped.
            (
                "register|number shifted",
                { $0.accreditations[0] = .init(register: "Kwaliteitsregister V&VN|VN-2026-1234", number: "", points: "1.5") }
            ),
        ]
        for (field, change) in tampered {
            var copy = original
            change(&copy)
            XCTAssertEqual(signer.verify(copy, signature: signature, keyId: signer.keyId), .invalid, "changed \(field) still verifies")
        }
        var flipped = Data(base64Encoded: signature)!
        flipped[5] ^= 0x01
        XCTAssertEqual(signer.verify(original, signature: flipped.base64EncodedString(), keyId: signer.keyId), .invalid)
        XCTAssertEqual(signer.verify(original, signature: "geen-base64", keyId: signer.keyId), .invalid)

        let otherFolder = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: otherFolder, withIntermediateDirectories: true)
        let other = try CertificateSigner.loadOrCreate(in: otherFolder)
        XCTAssertEqual(other.verify(original, signature: signature, keyId: signer.keyId), .unknownKey)
        XCTAssertEqual(other.verify(original, signature: signature, keyId: other.keyId), .invalid)
    }

    func testPrintedWordingIsDutch() {
        var content = Self.content
        XCTAssertEqual(content.studyLoadText, "1,5 uur")
        content.studyLoadMinutes = 60
        XCTAssertEqual(content.studyLoadText, "1 uur")
        XCTAssertEqual(content.completedOnText, "23 november 2026")
        XCTAssertEqual(CertificateContent.text(content.accreditations[0]), "Kwaliteitsregister V&VN, nummer VN-2026-1234, 1,5 punten")
    }
}
