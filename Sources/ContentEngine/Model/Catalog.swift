import Foundation

/// All loaded modules, immutable. The server builds one at start-up and shares it between requests.
public struct Catalog: Sendable {
    /// Sorted by title, so the catalog page lists them in a stable, readable order.
    public let modules: [Module]
    private let index: [String: Int]

    public init(modules: [Module]) {
        let sorted = modules.sorted { $0.title.localizedStandardCompare($1.title) == .orderedAscending }
        self.modules = sorted
        self.index = Dictionary(sorted.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func module(id: String) -> Module? { index[id].map { modules[$0] } }
}
