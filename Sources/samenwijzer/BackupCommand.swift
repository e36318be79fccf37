import AppCore
import ArgumentParser
import Certificates
import Foundation
import LearnerStore

/// `samenwijzer backup FILE`: a consistent copy of the database while the site runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Maak een back-up van de database, ook terwijl de website draait.",
        discussion: """
            Schrijft een volledige, consistente kopie van de database naar BESTAND (alleen leesbaar voor de eigenaar) en \
            controleert de kopie. Een bestaand bestand wordt nooit overschreven. Bewaar de sleutelbestanden uit de map met \
            gegevens apart (certificate-signing-key.ed25519 en site-secret.key): zonder de sleutel zijn uitgegeven \
            certificaten niet meer te controleren. Terugzetten: zie docs/operations.md.
            """
    )

    @Argument(help: ArgumentHelp("Het nieuwe bestand voor de back-up, bijvoorbeeld backup/samenwijzer-2026-12-01.sqlite.", valueName: "bestand"))
    var file: String

    @OptionGroup var data: DataOptions

    func run() async throws {
        let target = URL(fileURLWithPath: file).standardizedFileURL.path
        // A backup of a folder that holds no database would "succeed" with an empty new site (and a new key): refuse.
        guard FileManager.default.fileExists(atPath: data.databasePath) else {
            FileHandle.standardError.write(
                Data("samenwijzer: er is geen database in \(data.dataURL.path). Geef de map met gegevens op met --data.\n".utf8)
            )
            throw ExitCode(1)
        }
        do {
            let database: any BackupStore = try AppDatabase.open(path: data.databasePath)
            let summary = try database.backup(to: target)
            print(
                "Back-up gemaakt: \(target) (\(summary.users) accounts, \(summary.certificates) certificaten, "
                    + "\(summary.bytes / 1024) kB). De kopie is gecontroleerd en in orde."
            )
            print("Bewaar ook de sleutels uit \(data.dataURL.path): \(CertificateSigner.keyFileName) en \(SiteSecret.fileName).")
        } catch {
            FileHandle.standardError.write(Data("samenwijzer: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
