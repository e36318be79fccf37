import Foundation

/// A decoded `application/x-www-form-urlencoded` body. Parsed by hand so that any malformed body still gives
/// a result (missing fields are then reported on the form) instead of a decoding error page.
struct FormData: Sendable {
    private var values: [String: [String]] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            values[name, default: []].append(value)
        }
    }

    subscript(name: String) -> String? { values[name]?.first }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Names starting with `prefix`, for fields such as `q-<question>-<pair>`.
    func names(withPrefix prefix: String) -> [String] { values.keys.filter { $0.hasPrefix(prefix) }.sorted() }

    /// A trimmed single-line value ("" when absent).
    func text(_ name: String) -> String {
        (self[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func decode(_ raw: Substring) -> String? {
        // Most names and many values need no decoding; Foundation's decoding is comparatively slow.
        if !raw.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) { return String(raw) }
        return String(raw).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
