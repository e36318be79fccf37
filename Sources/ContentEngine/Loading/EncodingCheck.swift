/// Modules must be UTF-8: libxml2 would otherwise guess or convert, and the author would see odd characters
/// on the site. We find the first bad byte ourselves to give its line and column.
enum EncodingCheck {
    struct Problem {
        var message: String
        var location: SourceLocation
    }

    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return Problem(
                message: "Het bestand is in UTF-16 opgeslagen. Sla het op als UTF-8 in je editor.",
                location: SourceLocation(line: 1, column: 1)
            )
        }
        if let offset = firstInvalidUTF8Offset(bytes) {
            let location = SourceText(bytes: bytes).location(of: offset)
            return Problem(
                message:
                    "Het bestand is niet in UTF-8 opgeslagen: op deze plek staat een teken dat geen UTF-8 is (byte 0x\(String(bytes[offset], radix: 16, uppercase: true))). Sla het bestand op als UTF-8 in je editor.",
                location: location
            )
        }
        if let declared = declaredEncoding(bytes), declared.lowercased() != "utf-8" {
            return Problem(
                message: "Het bestand zegt dat het in \(declared) is opgeslagen. Sla het op als UTF-8 en schrijf encoding=\"UTF-8\".",
                location: SourceLocation(line: 1, column: 1)
            )
        }
        return nil
    }

    /// Offset of the first byte that breaks UTF-8, or nil when the bytes are valid UTF-8.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            switch byte {
            case 0xC2...0xDF: (length, minimum) = (2, 0x80)
            case 0xE0...0xEF: (length, minimum) = (3, 0x800)
            case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
            default: return index
            }
            guard index + length <= count else { return index }
            var scalar = UInt32(byte) & (0xFF >> (length + 1))
            for next in 1..<length {
                let continuation = bytes[index + next]
                guard continuation & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return index }
            index += length
        }
        return nil
    }

    /// The `encoding="…"` of an XML declaration at the very start of the file, if any.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard bytes.count > start + 5, bytes[start..<start + 5].elementsEqual(Array("<?xml".utf8)) else { return nil }
        guard let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: bytes[start..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }
}
