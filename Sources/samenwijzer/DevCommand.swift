import AppCore
import ArgumentParser
import ContentEngine
import DevSeeding
import Foundation
import LearnerStore

struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Hulpmiddelen voor ontwikkelaars (niet voor een echte website).",
        subcommands: [SeedCommand.self]
    )
}

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Vul een database met verzonnen cursisten, voortgang, toetsantwoorden en certificaten.",
        discussion: """
            Voor ontwikkeling en benchmarks: gebruik nooit de database van een echte website. Alle verzonnen accounts
            hebben een e-mailadres op @dev.voorbeeld.nl en het wachtwoord \(SeedCommand.password). De certificaten
            hebben geen geldige handtekening. Dezelfde --seed geeft dezelfde gegevens.
            """
    )

    static let password = "dev-wachtwoord-2026"

    @Option(help: "Aantal cursisten (100 000 geeft ongeveer 1 miljoen toetsantwoorden).")
    var learners: Int

    @Option(help: "Over hoeveel maanden (tot nu) de startdatums verspreid zijn.")
    var months = 12

    @Option(help: "Startgetal van de toevalsgenerator.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Map met modules (SAMENWIJZER_MODULES, standaard ./modules).", valueName: "map"))
    var modules: String?

    @OptionGroup var data: DataOptions
    @OptionGroup var assets: AssetsOptions

    func validate() throws {
        guard (1...10_000_000).contains(learners) else { throw ValidationError("--learners moet een getal van 1 tot en met 10 000 000 zijn.") }
        guard (1...120).contains(months) else { throw ValidationError("--months moet een getal van 1 tot en met 120 zijn.") }
    }

    func run() throws {
        let modulesURL = URL(fileURLWithPath: modules ?? ProcessInfo.processInfo.environment["SAMENWIJZER_MODULES"] ?? "modules").standardizedFileURL
        let result = try assets.loadCatalog([modulesURL], assetsURL: assets.assetsURL)
        if result.diagnostics.hasErrors {
            FileHandle.standardError.write(Data((ValidationReport(result: result).text + "Los eerst de fouten hierboven op.\n").utf8))
            throw ExitCode(1)
        }
        let database = try data.openSQLite().database
        let started = Date()
        let seeder = DevSeeder(
            modules: result.catalog.modules.map(SeedModule.init),
            learners: learners,
            months: months,
            seed: seed,
            passwordHash: AdminAccounts.hash(Self.password)
        )
        let summary = try seeder.run(on: database)
        print(
            """
            Klaar in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(summary.learners) cursisten, \(summary.progress) keer een module \
            begonnen, \(summary.pageVisits) bezochte pagina's, \(summary.attempts) toetspogingen met \(summary.answers) antwoorden, \
            \(summary.completions) keer afgerond, \(summary.certificates) certificaten.
            """
        )
    }
}
