import ArgumentParser
import Certificates
import Foundation
import LearnerStore

/// The data folder: the SQLite database and the certificate signing key. Shared by every command that
/// reads or writes learner data, so they all find the same files.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Map voor de database en sleutels (SAMENWIJZER_DATA, standaard ./data).", valueName: "map"))
    var data: String?

    var dataURL: URL {
        URL(fileURLWithPath: data ?? ProcessInfo.processInfo.environment["SAMENWIJZER_DATA"] ?? "data").standardizedFileURL
    }

    /// Opens (and on first use creates) the database and the signing key. A problem is said in Dutch on
    /// standard error and ends the command with exit code 1.
    func open(fullSync: Bool = false) throws -> (database: AppDatabase, signer: CertificateSigner) {
        do {
            try FileManager.default.createDirectory(at: dataURL, withIntermediateDirectories: true)
            let database = try AppDatabase.open(path: dataURL.appendingPathComponent("samenwijzer.sqlite").path, fullSync: fullSync)
            let signer = try CertificateSigner.loadOrCreate(in: dataURL)
            return (database, signer)
        } catch {
            FileHandle.standardError.write(Data("samenwijzer: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
