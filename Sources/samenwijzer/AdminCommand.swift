import AppCore
import ArgumentParser
import Foundation

struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Beheerders aanmaken.",
        subcommands: [CreateAdmin.self]
    )
}

struct CreateAdmin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Maak een account met de rol beheerder.",
        discussion: """
            Het wachtwoord komt van standaardinvoer (de eerste regel), bijvoorbeeld:
              printf '%s\\n' "$WACHTWOORD" | samenwijzer admin create --email e@voorbeeld.nl --name "Naam"
            Of laat er een maken met --generate-password: het wordt één keer getoond en nergens bewaard.
            """
    )

    @Option(help: "E-mailadres van de beheerder (om mee in te loggen).")
    var email: String

    @Option(help: "Naam van de beheerder.")
    var name: String

    @Option(help: "Organisatie (niet verplicht).")
    var organisation: String?

    @Flag(help: "Maak een sterk wachtwoord en toon het één keer, in plaats van het van standaardinvoer te lezen.")
    var generatePassword = false

    @OptionGroup var data: DataOptions

    func run() throws {
        let password: String
        if generatePassword {
            password = AdminAccounts.generatePassword()
        } else {
            if isatty(STDIN_FILENO) != 0 { FileHandle.standardError.write(Data("Wachtwoord (minstens 10 tekens): ".utf8)) }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                FileHandle.standardError.write(
                    Data("samenwijzer: geen wachtwoord op standaardinvoer. Geef er een (één regel), of gebruik --generate-password.\n".utf8)
                )
                throw ExitCode(1)
            }
            password = line
        }
        let database = try data.open().database
        do {
            let user = try AdminAccounts.create(in: database, email: email, name: name, organisation: organisation, password: password)
            print("Beheerder aangemaakt: \(user.name) <\(user.email)>.")
            if generatePassword {
                print("Wachtwoord (wordt maar één keer getoond, bewaar het nu): \(password)")
            }
        } catch let problem as AdminAccounts.Problem {
            FileHandle.standardError.write(Data("samenwijzer: \(problem.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
