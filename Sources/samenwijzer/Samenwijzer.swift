import ArgumentParser

@main
struct Samenwijzer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samenwijzer",
        abstract: "Samenwijzer: gratis e-learning voor het sociaal domein.",
        discussion: "Valideert en serveert leermodules in XML.",
        version: SamenwijzerVersion.current,
        subcommands: [ValidateCommand.self]
    )
}

enum SamenwijzerVersion {
    static let current = "0.1.0"
}
