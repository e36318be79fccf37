import Foundation

/// A decoded `application/x-www-form-urlencoded` body or query string. Parsed by hand so that a malformed body
/// still gives a result (missing fields are then reported on the form) instead of a decoding error page, and so that
/// its size is bounded while parsing: a request can make it do only `limits`' worth of work.
public struct FormData: Sendable {
    /// Bounds on one form, checked while parsing, before any per-field work.
    public struct Limits: Sendable {
        /// Fields (name=value pairs) in one form. The largest real form, a quiz page of 30 questions with match and
        /// order items, has a few hundred.
        public var maxFields: Int
        /// Bytes of one field name, encoded. Names are ids of at most 64 characters plus a short prefix.
        public var maxNameBytes: Int
        /// Bytes of one field value, encoded (an open answer is cut to 500 characters later; the rest is headroom).
        public var maxValueBytes: Int

        public init(maxFields: Int = 1_000, maxNameBytes: Int = 256, maxValueBytes: Int = 16 * 1024) {
            self.maxFields = maxFields
            self.maxNameBytes = maxNameBytes
            self.maxValueBytes = maxValueBytes
        }

        public static let standard = Limits()
    }

    /// Why a form was refused. Each case says which bound it broke.
    public enum LimitError: Error, Equatable, Sendable {
        case tooManyFields(limit: Int)
        case nameTooLong(limit: Int)
        case valueTooLong(limit: Int)
    }

    private var values: [String: [String]] = [:]

    /// Parses `body`, refusing it as a whole when it breaks a bound of `limits`.
    ///
    /// Works on UTF-8 bytes: splitting a String on Characters walks grapheme clusters, which profiling showed as a
    /// noticeable part of a quiz submission.
    public init(parsing body: String, limits: Limits = .standard) throws(LimitError) {
        var count = 0
        for pair in body.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            count += 1
            guard count <= limits.maxFields else { throw .tooManyFields(limit: limits.maxFields) }
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let rawName = pair[..<(equals ?? pair.endIndex)]
            guard rawName.count <= limits.maxNameBytes else { throw .nameTooLong(limit: limits.maxNameBytes) }
            let rawValue = equals.map { pair[pair.index(after: $0)...] }
            guard (rawValue?.count ?? 0) <= limits.maxValueBytes else { throw .valueTooLong(limit: limits.maxValueBytes) }
            guard let name = Self.decode(rawName) else { continue }
            let value = rawValue.map { Self.decode($0) ?? "" } ?? ""
            values[name, default: []].append(value)
        }
    }

    /// A form of the given fields (tests and internal callers).
    public init(fields: [(String, String)]) {
        for (name, value) in fields { values[name, default: []].append(value) }
    }

    public subscript(name: String) -> String? { values[name]?.first }

    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Names starting with `prefix`, for fields such as `q-<question>-<pair>`.
    public func names(withPrefix prefix: String) -> [String] { values.keys.filter { $0.hasPrefix(prefix) }.sorted() }

    /// How many distinct field names the form has.
    public var nameCount: Int { values.count }

    /// A trimmed single-line value ("" when absent).
    public func text(_ name: String) -> String {
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
                    let h = hexValue(raw[high]), let l = hexValue(raw[raw.index(after: high)])
                else { return nil }
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
