import ArgumentParser
import Foundation

@main
struct Samenwijzer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samenwijzer",
        abstract: "Samenwijzer: gratis e-learning voor het sociaal domein.",
        discussion: "Valideert leermodules in XML en biedt ze aan op een website met voortgang.",
        version: SamenwijzerVersion.current,
        subcommands: [
            ServeCommand.self, ValidateCommand.self, NewCommand.self, CertificateCommand.self, AdminCommand.self, BackupCommand.self, DevCommand.self,
        ]
    )

    /// Usage errors exit with 2 (as documented for `validate`), not ArgumentParser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

enum SamenwijzerVersion {
    static let current = "0.1.0"
}
