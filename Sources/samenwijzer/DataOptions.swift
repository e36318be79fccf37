import ArgumentParser
import Certificates
import Foundation
import LearnerStore

/// The data folder: the SQLite database and the certificate signing key. Shared by every command that
/// reads or writes learner data, so they all find the same files.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Map voor de database en sleutels (SAMENWIJZER_DATA, standaard ./data).", valueName: "map"))
    var data: String?

    var databasePath: String { dataURL.appendingPathComponent("samenwijzer.sqlite").path }

    /// What in the data folder others than its owner may read, in words for the log; empty when all is private.
    var privacyWarnings: [String] {
        var warnings: [String] = []
        if let attributes = try? FileManager.default.attributesOfItem(atPath: dataURL.path),
            let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue, permissions & 0o077 != 0
        {
            warnings.append("De map \(dataURL.path) is open voor anderen (rechten \(String(permissions, radix: 8))): chmod 700 \(dataURL.path)")
        }
        if let (file, permissions) = AppDatabase.permissionsOpenToOthers(path: databasePath) {
            warnings.append("De database \(file) is leesbaar voor anderen (rechten \(String(permissions, radix: 8))): chmod 600 \(databasePath)*")
        }
        return warnings
    }

    var dataURL: URL {
        URL(fileURLWithPath: data ?? ProcessInfo.processInfo.environment["SAMENWIJZER_DATA"] ?? "data").standardizedFileURL
    }

    /// Opens (and on first use creates) the database and the signing key. A problem is said in Dutch on
    /// standard error and ends the command with exit code 1.
    /// The folder is made readable by its owner only (0700), and so are the files in it (see `AppDatabase.open`).
    func open(fullSync: Bool = false) throws -> (database: any LearnerDataStore, signer: CertificateSigner) {
        let (database, signer) = try openSQLite(fullSync: fullSync)
        return (database, signer)
    }

    /// The SQLite store as its own type: only for the development seeder, which writes the tables directly.
    /// Everything else holds the store through its protocols (`open`).
    func openSQLite(fullSync: Bool = false) throws -> (database: AppDatabase, signer: CertificateSigner) {
        do {
            try FileManager.default.createDirectory(at: dataURL, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let database = try AppDatabase.open(path: databasePath, fullSync: fullSync)
            let signer = try CertificateSigner.loadOrCreate(in: dataURL)
            return (database, signer)
        } catch {
            FileHandle.standardError.write(Data("samenwijzer: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
