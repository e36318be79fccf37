import ArgumentParser
import ContentEngine
import Foundation

/// Where the app's own files live (templates, CSS, the module schema `schema/module.xsd`), and loading
/// modules against that schema: shared by `validate` and `serve`.
struct AssetsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Map met templates, CSS en het schema (standaard ./Assets, of SAMENWIJZER_ASSETS).", valueName: "map"))
    var assets: String?

    /// The flag, then the environment, then ./Assets; when that is missing (an author running the tool from a
    /// module folder), the Assets folder next to the executable's project or installation.
    var assetsURL: URL {
        if let path = assets ?? ProcessInfo.processInfo.environment["SAMENWIJZER_ASSETS"] {
            return URL(fileURLWithPath: path).standardizedFileURL
        }
        let local = URL(fileURLWithPath: "Assets").standardizedFileURL
        if FileManager.default.fileExists(atPath: local.appendingPathComponent("schema/module.xsd").path) { return local }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("Assets")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("schema/module.xsd").path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return local
    }

    /// Validates and loads the modules under `paths`; diagnostics name files relative to the current folder.
    /// A schema that cannot be read is a usage problem: it says so and exits with 2.
    func loadCatalog(_ paths: [URL], assetsURL: URL) throws -> CatalogLoader.Result {
        let schema: ModuleSchema
        do { schema = try ModuleSchema(contentsOf: assetsURL.appendingPathComponent("schema/module.xsd")) } catch {
            FileHandle.standardError.write(Data("samenwijzer: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let loader = ModuleLoader(schema: schema, jargon: Self.jargon(in: assetsURL))
        return CatalogLoader(loader: loader).load(paths: paths, relativeTo: current)
    }

    /// The jargon list next to the schema (`lint/jargon.txt`). Without it the `jargon` rule finds nothing, which is
    /// said once on standard error rather than failing: the other checks still mean something.
    static func jargon(in assetsURL: URL) -> JargonList {
        let url = assetsURL.appendingPathComponent("lint/jargon.txt")
        do { return try JargonList(contentsOf: url) } catch {
            FileHandle.standardError.write(
                Data("samenwijzer: de lijst met vakwoorden (\(url.path)) ontbreekt; de regel jargon wordt overgeslagen.\n".utf8)
            )
            return JargonList()
        }
    }
}
