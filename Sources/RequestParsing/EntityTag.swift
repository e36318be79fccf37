/// Entity tags (RFC 9110 §8.8.3) and the `If-None-Match` precondition (§13.1.2).
///
/// The site's tags are weak (`W/"…"`): one tag stands for the content in every content coding (identity, gzip,
/// brotli), which are semantically the same; If-None-Match uses the weak comparison anyway.
public enum EntityTag {
    /// At most this many bytes of the field and this many tags are looked at: a hostile list costs bounded work.
    public static let maxBytes = 4096
    public static let maxTags = 64

    /// Whether the If-None-Match field lines `values` match `tag` (given as `W/"opaque"` or `"opaque"`) under the
    /// weak comparison, i.e. whether a GET or HEAD may answer 304. `*` matches any current representation.
    public static func noneMatch(_ values: [String], matches tag: String) -> Bool {
        let wanted = opaque(Substring(tag))
        var budget = maxBytes
        var seen = 0
        for value in values {
            guard budget > 0 else { return false }
            let bytes = Array(value.utf8.prefix(budget))
            budget -= bytes.count
            var index = 0
            while index < bytes.count, seen < maxTags {
                let byte = bytes[index]
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "*") { return true }
                seen += 1
                // Optional weakness prefix, then a quoted opaque tag (which may itself contain commas).
                if byte == UInt8(ascii: "W"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") { index += 2 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return false }
                let start = index + 1
                guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { return false }
                if let wanted, bytes[start..<end].elementsEqual(wanted.utf8) { return true }
                index = end + 1
            }
        }
        return false
    }

    /// The opaque part of `W/"x"` or `"x"` (without the quotes), nil when `tag` is not an entity tag.
    static func opaque(_ tag: Substring) -> Substring? {
        let body = tag.hasPrefix("W/") ? tag.dropFirst(2) : tag
        guard body.count >= 2, body.first == "\"", body.last == "\"" else { return nil }
        let inner = body.dropFirst().dropLast()
        return inner.contains("\"") ? nil : inner
    }
}
