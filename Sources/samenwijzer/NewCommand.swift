import ArgumentParser
import ContentEngine
import Foundation

/// `samenwijzer new`: a module folder with a skeleton that validates at once (from `Assets/new-module/`), and how
/// to point an editor at the schema.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Maak een nieuwe module: een map met een module.xml die meteen geldig is.",
        discussion: """
            Maakt MAP/MODULE-ID/module.xml (standaard in ./modules) met gegevens, een les met een pagina en een oefenvraag,
            een kleine toets met drie soorten vragen, een woordenlijst en een bron. Controleert het resultaat meteen
            en zegt hoe je je editor aan het schema koppelt.
            """
    )

    @Argument(help: ArgumentHelp("De id van de module: kleine letters, cijfers en streepjes, zoals mantelzorg-basis.", valueName: "module-id"))
    var moduleId: String

    @Option(help: "Titel van de module (standaard gemaakt uit de id).")
    var title: String?

    @Option(help: ArgumentHelp("Map waarin de modulemap komt.", valueName: "map"))
    var into: String = "modules"

    @OptionGroup var assets: AssetsOptions

    func validate() throws {
        guard Self.isValidId(moduleId) else {
            throw ValidationError(
                "De id \"\(moduleId)\" kan niet. Gebruik 1 tot 64 tekens: kleine letters a-z, cijfers en -, met een letter of cijfer aan het begin en eind, zoals mantelzorg-basis."
            )
        }
        if let title, title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("De titel mag niet leeg zijn.")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: into).standardizedFileURL.appendingPathComponent(moduleId)
        if FileManager.default.fileExists(atPath: folder.path) {
            Self.fail("De map \(folder.path) bestaat al. Kies een andere id of een andere map met --into; er is niets veranderd.")
        }
        let assetsURL = assets.assetsURL
        let schemaURL = assetsURL.appendingPathComponent("schema/module.xsd")
        let templateURL = assetsURL.appendingPathComponent("new-module/module.xml")
        guard let template = try? String(contentsOf: templateURL, encoding: .utf8) else {
            FileHandle.standardError.write(
                Data("samenwijzer: het sjabloon \(templateURL.path) ontbreekt. Geef de map Assets op met --assets.\n".utf8)
            )
            throw ExitCode(2)
        }
        let xml =
            template
            .replacingOccurrences(of: "{{id}}", with: moduleId)
            .replacingOccurrences(of: "{{title}}", with: Self.escaped(title ?? Self.defaultTitle(moduleId)))
            .replacingOccurrences(of: "{{schemaLocation}}", with: Self.relativePath(from: folder, to: schemaURL))
            .replacingOccurrences(of: "{{folder}}", with: Self.displayed(folder))
        do {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("media"), withIntermediateDirectories: true)
            try Data(xml.utf8).write(to: folder.appendingPathComponent("module.xml"), options: .withoutOverwriting)
        } catch {
            Self.fail("De module kon niet worden gemaakt in \(folder.path): \(error.localizedDescription)")
        }

        let result = try assets.loadCatalog([folder], assetsURL: assetsURL)
        print("Nieuwe module gemaakt: \(Self.displayed(folder))/module.xml")
        print(ValidationReport(result: result).text, terminator: "")
        print(Self.editorHelp(schema: schemaURL, into: into))
        if result.diagnostics.hasErrors { throw ExitCode(1) }
    }

    /// The schema's `Id` pattern: `[a-z0-9]([a-z0-9\-]{0,62}[a-z0-9])?`.
    static func isValidId(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        func allowed(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        guard (1...64).contains(bytes.count), let first = bytes.first, let last = bytes.last, allowed(first), allowed(last) else { return false }
        return bytes.allSatisfy { allowed($0) || $0 == UInt8(ascii: "-") }
    }

    static func defaultTitle(_ id: String) -> String {
        let words = id.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The path from `folder` to `file`, for `xsi:schemaLocation` (editors resolve it against module.xml).
    static func relativePath(from folder: URL, to file: URL) -> String {
        let from = folder.resolvingSymlinksInPath().standardizedFileURL.pathComponents
        let to = file.resolvingSymlinksInPath().standardizedFileURL.pathComponents
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        // Sharing only the root ("/"): an absolute path reads better than a climb to it.
        if common <= 1 { return file.path }
        let path = Array(repeating: "..", count: from.count - common) + to[common...]
        return path.joined(separator: "/")
    }

    static func displayed(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(current) ? String(url.path.dropFirst(current.count)) : url.path
    }

    static func editorHelp(schema: URL, into: String) -> String {
        let pattern = URL(fileURLWithPath: into).lastPathComponent == "modules" ? "**/modules/*/module.xml" : "**/module.xml"
        return """

            Het schema (voor aanvullen en uitleg in je editor): \(schema.path)
            De module verwijst er al naar met xsi:schemaLocation; de meeste XML-editors gebruiken dat vanzelf.

            VS Code met de XML-extensie van Red Hat (redhat.vscode-xml): zet dit in .vscode/settings.json:
            {
              "xml.fileAssociations": [
                { "pattern": "\(pattern)", "systemId": "\(schema.path)" }
              ]
            }
            Controleer na elke wijziging: samenwijzer validate <map van de module>
            """
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("samenwijzer: \(message)\n".utf8))
        Foundation.exit(1)
    }
}
