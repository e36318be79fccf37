/// A content coding the site can send a body in.
public enum ContentCoding: String, Sendable, CaseIterable {
    case brotli = "br"
    case gzip
    case identity
}

/// The `Accept-Encoding` request field (RFC 9110 §12.5.3): which content codings a client takes, with q-values.
///
/// Parsed with bounds (at most `maxBytes` of field value and `maxEntries` entries are looked at) so a hostile field
/// costs a bounded amount of work; q-values are read digit by digit, never through a number parser that could trap.
public struct AcceptEncoding: Sendable, Equatable {
    /// Quality in thousandths (0...1000) of each coding the field names; `*` under "*".
    public private(set) var qualities: [String: Int] = [:]
    /// False when the request had no Accept-Encoding field at all.
    public let isPresent: Bool

    public static let maxBytes = 1024
    public static let maxEntries = 32

    /// `values` are the request's Accept-Encoding field lines (a field may be repeated; the lines are one list).
    public init(fieldValues values: [String]) {
        isPresent = !values.isEmpty
        var budget = Self.maxBytes
        var entries = 0
        for value in values {
            guard budget > 0 else { break }
            // A cut through a multi-byte character only spoils that (already invalid) element.
            let text = value.utf8.count <= budget ? Substring(value) : Substring(String(decoding: value.utf8.prefix(budget), as: UTF8.self))
            budget -= text.utf8.count
            for element in text.split(separator: ",", omittingEmptySubsequences: true) {
                guard entries < Self.maxEntries else { return }
                entries += 1
                guard let (coding, quality) = Self.entry(element) else { continue }
                // The first mention of a coding counts; a later repeat cannot raise or lower it.
                if qualities[coding] == nil { qualities[coding] = quality }
            }
        }
    }

    /// How much the client wants `coding`, in thousandths: 0 means "not acceptable".
    public func quality(of coding: ContentCoding) -> Int {
        let name = coding.rawValue
        if let explicit = qualities[name] { return explicit }
        if coding == .gzip, let alias = qualities["x-gzip"] { return alias }
        if let star = qualities["*"] { return star }
        // Identity is acceptable unless excluded by "identity;q=0" or by "*;q=0" (handled above), but a client
        // that lists a coding wants it: unlisted, identity ranks below every listed coding (1, the lowest non-zero).
        return coding == .identity ? 1 : 0
    }

    /// The coding to send among `available` (in the server's order of preference, which breaks ties): the one the
    /// client rates highest. Without the field, or when the client rejects everything, identity: every client can
    /// read an unencoded body, and refusing with 406 helps nobody.
    public func preferred(among available: [ContentCoding]) -> ContentCoding {
        guard isPresent else { return .identity }
        var best: ContentCoding = .identity
        var bestQuality = 0
        for coding in available {
            let quality = quality(of: coding)
            if quality > bestQuality {
                best = coding
                bestQuality = quality
            }
        }
        return best
    }

    /// One list element: `token [; q=value] [; other params]`, the token lowercased. Nil when malformed.
    static func entry(_ element: Substring) -> (String, Int)? {
        let parts = element.split(separator: ";", omittingEmptySubsequences: false)
        guard let first = parts.first else { return nil }
        let coding = first.trimmingOWS().lowercased()
        guard !coding.isEmpty, coding.utf8.allSatisfy(Self.isTokenByte) else { return nil }
        var quality = 1000
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { return nil }
            if pair[0].trimmingOWS().lowercased() == "q" {
                guard let value = Self.qValue(pair[1].trimmingOWS()) else { return nil }
                quality = value
            }
        }
        return (coding, quality)
    }

    /// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in thousandths.
    static func qValue(_ text: Substring) -> Int? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 5, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        var thousandths = first == UInt8(ascii: "1") ? 1000 : 0
        guard bytes.count > 1 else { return thousandths }
        guard bytes[1] == UInt8(ascii: ".") else { return nil }
        var scale = 100
        for digit in bytes.dropFirst(2) {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            thousandths += Int(digit - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        return thousandths <= 1000 ? thousandths : nil
    }

    /// RFC 9110 tchar.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

extension Substring {
    /// Without the optional white space (spaces and tabs) HTTP allows around list elements and parameters.
    func trimmingOWS() -> Substring {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isOWS($0) }), let end = lastIndex(where: { !isOWS($0) }) else { return "" }
        return self[start...end]
    }
}
