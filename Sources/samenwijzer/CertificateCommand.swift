import AppCore
import ArgumentParser
import Certificates
import ContentEngine
import Foundation
import LearnerStore

struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "Controleer of trek certificaten in.",
        subcommands: [Verify.self, Revoke.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Controleer een certificaat: dezelfde controle als op /certificaten/CODE.",
            discussion: "Afsluitcode 0: echt en geldig. 1: niet gevonden, ingetrokken of de handtekening klopt niet. 2: verkeerd gebruik."
        )

        @Argument(help: ArgumentHelp("De code op het certificaat, zoals SW-7K3M-9QXD-4HPA-TR2C.", valueName: "code"))
        var code: String

        @OptionGroup var data: DataOptions

        func run() throws {
            let (database, signer) = try data.open()
            guard let check = try CertificateCheck.lookUp(code, database: database, signer: signer) else {
                print("Certificaat niet gevonden: er is geen certificaat met de code \(code.prefix(40)).")
                throw ExitCode(1)
            }
            print(CertificateReport(check).text, terminator: "")
            if !check.isValid { throw ExitCode(1) }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Trek een certificaat in. De controlepagina toont daarna de datum; de reden zien alleen beheerders en de eigenaar.",
            discussion: "Een ingetrokken certificaat blijft bestaan, zodat wie het controleert ziet dat het niet meer geldig is."
        )

        @Argument(help: ArgumentHelp("De code op het certificaat.", valueName: "code"))
        var code: String

        @Option(
            help: ArgumentHelp(
                "Waarom het certificaat wordt ingetrokken (voor beheerders en de eigenaar; niet op de openbare controlepagina).",
                valueName: "tekst"
            )
        )
        var reason: String

        @OptionGroup var data: DataOptions

        func validate() throws {
            let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { throw ValidationError("Geef een reden op met --reason.") }
            if trimmed.count > 500 { throw ValidationError("De reden is te lang: gebruik hoogstens 500 tekens.") }
        }

        func run() throws {
            let (database, _) = try data.open()
            guard let parsed = CertificateCode(parsing: code) else {
                print("Certificaat niet gevonden: \(code.prefix(40)) is geen certificaatcode.")
                throw ExitCode(1)
            }
            switch try database.revokeCertificate(
                code: parsed.description,
                reason: reason.trimmingCharacters(in: .whitespacesAndNewlines),
                by: nil
            )
            {
            case .revoked: print("Certificaat \(parsed) is ingetrokken.")
            case .alreadyRevoked: print("Certificaat \(parsed) was al ingetrokken; de eerste reden blijft staan.")
            case .unknownCode:
                print("Certificaat niet gevonden: er is geen certificaat met de code \(parsed).")
                throw ExitCode(1)
            }
        }
    }
}

/// The verification as plain text, field by field as on the PDF.
struct CertificateReport {
    let check: CertificateCheck

    init(_ check: CertificateCheck) { self.check = check }

    var text: String {
        let record = check.record
        var lines = ["Certificaat \(record.code)"]
        switch (check.signature, record.revokedAt) {
        case (.valid, nil): lines.append("Status: echt en geldig")
        case let (_, revokedAt?):
            lines.append("Status: INGETROKKEN op \(DutchDate.string(revokedAt)). Reden: \(record.revokedReason ?? "")")
        case (.invalid, nil): lines.append("Status: ONGELDIG, de handtekening klopt niet (de gegevens zijn veranderd)")
        case (.unknownKey, nil): lines.append("Status: ONBEKENDE SLEUTEL, ondertekend met een andere sleutel dan deze site gebruikt")
        }
        lines.append("Naam: \(record.learnerName)")
        lines.append("Module: \(record.moduleTitle) (\(record.moduleId))")
        lines += (check.content?.detailRows ?? []).map { "\($0.label): \($0.value)" }
        let signatureText: String =
            switch check.signature {
            case .valid: "klopt"
            case .invalid: "klopt NIET"
            case .unknownKey: "andere sleutel"
            }
        lines.append("Handtekening: \(signatureText) (Ed25519, sleutel \(record.keyId))")
        return lines.joined(separator: "\n") + "\n"
    }
}
