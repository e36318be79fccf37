import Foundation

/// Finds module files under the paths an author or the server gives, loads each, and checks the rules that
/// span modules (unique module ids).
public struct CatalogLoader: Sendable {
    public let loader: ModuleLoader

    public init(loader: ModuleLoader) {
        self.loader = loader
    }

    public struct Result: Sendable {
        /// The modules without errors (a module with errors is left out).
        public var catalog: Catalog
        public var diagnostics: [Diagnostic]
        /// Every module file that was checked, for the summary line.
        public var filesChecked: Int
    }

    /// `paths` may name module files, module folders (holding `module.xml`), or folders of module folders.
    public func load(paths: [URL], relativeTo base: URL? = nil) -> Result {
        var diagnostics: [Diagnostic] = []
        var files: [URL] = []
        for path in paths {
            switch Self.moduleFiles(at: path) {
            case .success(let found): files += found
            case .failure(let problem):
                diagnostics.append(Diagnostic(.error, rule: "no-modules", problem.message, file: display(path, base)))
            }
        }
        var modules: [Module] = []
        var firstFileForId: [String: String] = [:]
        // Loading is independent per file; on two cores this halves start-up for a large catalog.
        let results = Self.concurrentMap(files) { file in loader.load(file: file, displayPath: display(file, base)) }
        for (file, result) in zip(files, results) {
            diagnostics += result.diagnostics
            guard let module = result.module else { continue }
            let path = display(file, base)
            if let first = firstFileForId[module.id] {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        rule: "duplicate-module-id",
                        "De module-id \"\(module.id)\" wordt ook al gebruikt door \(first). Elke module heeft een eigen id.",
                        file: path,
                        line: 1,
                        column: 1
                    )
                )
                continue
            }
            firstFileForId[module.id] = path
            modules.append(module)
        }
        return Result(catalog: Catalog(modules: modules), diagnostics: diagnostics.sortedByPosition(), filesChecked: files.count)
    }

    private struct FindProblem: Error { var message: String }

    private static func moduleFiles(at path: URL) -> Swift.Result<[URL], FindProblem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
            return .failure(FindProblem(message: "Het pad bestaat niet. Geef een module.xml, een modulemap of een map met modules op."))
        }
        if !isDirectory.boolValue { return .success([path]) }
        let direct = path.appendingPathComponent("module.xml")
        if FileManager.default.fileExists(atPath: direct.path) { return .success([direct]) }
        let children = (try? FileManager.default.contentsOfDirectory(atPath: path.path)) ?? []
        let files = children.sorted()
            .filter { !$0.hasPrefix(".") }
            .map { path.appendingPathComponent($0).appendingPathComponent("module.xml") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        if files.isEmpty {
            return .failure(FindProblem(message: "In deze map staat geen module: er is geen module.xml, ook niet in een submap."))
        }
        return .success(files)
    }

    private func display(_ url: URL, _ base: URL?) -> String {
        guard let base else { return url.path }
        let basePath = base.standardizedFileURL.path.hasSuffix("/") ? base.standardizedFileURL.path : base.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(basePath) ? String(path.dropFirst(basePath.count)) : path
    }

    private static func concurrentMap<T: Sendable>(_ items: [URL], _ transform: @Sendable (URL) -> T) -> [T] {
        let box = ResultBox<T>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            box.set(index, transform(items[index]))
        }
        return box.values()
    }
}

/// Collects results written from several threads, one slot per index.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) { lock.withLock { slots[index] = value } }
    func values() -> [T] { lock.withLock { slots.compactMap { $0 } } }
}
