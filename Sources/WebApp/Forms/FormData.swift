import Foundation
import Hummingbird

/// A decoded `application/x-www-form-urlencoded` body. Parsed by hand so that any malformed body still gives
/// a result (missing fields are then reported on the form) instead of a decoding error page.
struct FormData: Sendable {
    private var values: [String: [String]] = [:]

    /// Works on UTF-8 bytes: splitting a String on Characters walks grapheme clusters, which profiling showed as
    /// a noticeable part of a quiz submission.
    init(_ body: String) {
        for pair in body.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            guard let name = Self.decode(pair[..<(equals ?? pair.endIndex)]) else { continue }
            let value = equals.map { Self.decode(pair[pair.index(after: $0)...]) ?? "" } ?? ""
            values[name, default: []].append(value)
        }
    }

    subscript(name: String) -> String? { values[name]?.first }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Names starting with `prefix`, for fields such as `q-<question>-<pair>`.
    func names(withPrefix prefix: String) -> [String] { values.keys.filter { $0.hasPrefix(prefix) }.sorted() }

    /// A trimmed single-line value ("" when absent).
    func text(_ name: String) -> String {
        let value = self[name] ?? ""
        // Most values start and end with a visible ASCII character: nothing to trim, and Foundation's trim (a
        // visible cost of a quiz submission with a text question) is skipped.
        if let first = value.utf8.first, let last = value.utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
            return value
        }
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `+` is a space and `%XX` a byte; nil when the bytes are not valid UTF-8 or an escape is broken.
    private static func decode(_ raw: Substring.UTF8View.SubSequence) -> String? {
        if !raw.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) { return String(Substring(raw)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                let high = raw.index(after: index)
                guard high < raw.endIndex, raw.index(after: high) < raw.endIndex,
                      let h = hexValue(raw[high]), let l = hexValue(raw[raw.index(after: high)]) else { return nil }
                bytes.append(h << 4 | l)
                index = raw.index(after: high)
            } else {
                bytes.append(byte)
            }
            index = raw.index(after: index)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Request {
    /// The query string decoded as a GET form sends it: `+` is a space (Hummingbird's `queryParameters` keeps it).
    var formQuery: FormData { FormData(uri.query ?? "") }
}
