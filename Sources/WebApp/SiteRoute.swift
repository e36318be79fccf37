import Foundation
import Hummingbird

/// One route of the site, written once: the router registers its pattern, and links fill in its parameters, so a
/// link can never drift from its route. Patterns use Hummingbird's syntax (`/modules/:module/toets`).
struct SiteRoute: Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    let pattern: String

    init(stringLiteral pattern: String) { self.pattern = pattern }

    var routerPath: RouterPath { RouterPath(pattern) }
    var description: String { pattern }

    /// The pattern with its `:parameters` replaced by `values`, in order, each percent-encoded as one path segment.
    /// A route without parameters is its own link. (A wrong count is a programming error that the route walk test
    /// catches; it never depends on a request.)
    func link(_ values: String...) -> String {
        var remaining = values[...]
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            guard segment.hasPrefix(":") else { return String(segment) }
            assert(!remaining.isEmpty, "\(pattern) needs more values than \(values)")
            return remaining.popFirst().map(Self.encodedSegment) ?? ""
        }
        assert(remaining.isEmpty, "\(pattern) takes fewer values than \(values)")
        return segments.joined(separator: "/")
    }

    /// Ids, numbers and codes are plain ASCII and pass unchanged; anything else cannot break out of its segment.
    private static func encodedSegment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? ""
    }

    private static let segmentCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
}

extension RouterMethods {
    @discardableResult
    func get(_ route: SiteRoute, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        get(route.routerPath, use: handler)
    }

    @discardableResult
    func post(_ route: SiteRoute, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        post(route.routerPath, use: handler)
    }
}
