import Certificates
import Foundation
import LearnerStore
import Testing

/// `samenwijzer certificate verify|revoke` on a real data folder, as an administrator runs them.
@Suite("Certificate commands")
struct CertificateCLITests {
    let cli = CLITests()

    @Test("verify prints every printed field and the status; revoke shows up; exit codes tell valid from not")
    func verifyAndRevoke() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sw-cli-cert-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }

        let missing = try cli.run(["certificate", "verify", "SW-2222-2222", "--data", folder.path])
        #expect(missing.status == 1 && missing.output.contains("Certificaat niet gevonden"))
        // The first command made the key, owner-only.
        let keyPath = folder.appendingPathComponent(CertificateSigner.keyFileName).path
        let permissions = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600)

        let signer = try CertificateSigner.loadOrCreate(in: folder)
        let content = CertificateContent(
            code: .random(),
            learnerName: "Fatma Yılmaz",
            moduleId: "nah",
            moduleTitle: "Leven met hersenletsel",
            moduleVersion: "1.0.0",
            studyLoadMinutes: 90,
            accreditations: [.init(register: "Registerplein", number: "RP-77", points: "2")],
            scorePercent: 91,
            completedOn: "2026-11-20"
        )
        let code = content.code.description
        let database = try AppDatabase.open(path: folder.appendingPathComponent("samenwijzer.sqlite").path)
        let record = CertificateRecord(
            code: code,
            userId: nil,
            quizAttemptId: nil,
            learnerName: content.learnerName,
            moduleId: "nah",
            moduleTitle: content.moduleTitle,
            moduleVersion: "1.0.0",
            studyLoadMinutes: 90,
            accreditations: [.init(register: "Registerplein", number: "RP-77", points: "2")],
            scorePercent: 91,
            completedAt: ISO8601DateFormatter().date(from: "2026-11-20T10:00:00Z")!,
            signature: try signer.sign(content),
            keyId: signer.keyId
        )
        try database.insertCertificate(record)

        let valid = try cli.run(["certificate", "verify", code.lowercased(), "--data", folder.path])
        #expect(valid.status == 0, "\(valid.output)\(valid.errors)")
        for line in [
            "Certificaat \(code)", "Status: echt en geldig", "Naam: Fatma Yılmaz", "Module: Leven met hersenletsel (nah)",
            "Module-versie: 1.0.0", "Studiebelasting: 1,5 uur", "Score op de toets: 91%", "Afgerond op: 20 november 2026",
            "Accreditatie: Registerplein, nummer RP-77, 2 punten", "Handtekening: klopt (Ed25519, sleutel \(signer.keyId))",
        ] {
            #expect(valid.output.contains(line + "\n"), "missing \(line) in \(valid.output)")
        }

        let noReason = try cli.run(["certificate", "revoke", code, "--reason", "  ", "--data", folder.path])
        #expect(noReason.status == 2 && noReason.errors.contains("Geef een reden op"))
        let revoke = try cli.run(["certificate", "revoke", code, "--reason", "Dubbel uitgegeven", "--data", folder.path])
        #expect(revoke.status == 0 && revoke.output.contains("is ingetrokken"))
        let revoked = try cli.run(["certificate", "verify", code, "--data", folder.path])
        #expect(revoked.status == 1 && revoked.output.contains("INGETROKKEN") && revoked.output.contains("Reden: Dubbel uitgegeven"))
        #expect(try cli.run(["certificate", "revoke", "SW-2222-2222", "--reason", "x", "--data", folder.path]).status == 1)
    }
}
