/// The raw bytes of a module file with a line index, to find the column of an element or attribute.
///
/// libxml2 gives schema errors and DOM nodes a line but no column; an author's editor needs both to jump to
/// the spot. We look for the start tag (or the attribute) on the reported line, which is exact for the usual
/// one-element-per-line layout and otherwise points at the first match on that line.
struct SourceText {
    let bytes: [UInt8]
    private let lineStarts: [Int]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40)
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    private func lineRange(_ line: Int) -> Range<Int>? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        return start..<max(start, end)
    }

    /// Column (1-based, in characters) of `<element` on `line`, or of `attribute=` after it when given.
    /// Looks at following lines too, because a start tag's attributes may be spread over several lines.
    func column(line: Int, element: String?, attribute: String? = nil) -> SourceLocation {
        guard let range = lineRange(line) else { return SourceLocation(line: line, column: 0) }
        var searchFrom = range.lowerBound
        var elementFound = false
        if let element, let offset = find(Array("<\(element)".utf8), in: range.lowerBound..<range.upperBound, tagBoundary: true) {
            searchFrom = offset
            elementFound = true
        }
        if let attribute {
            // Attributes may sit on the next lines of a multi-line start tag: search up to 20 lines on.
            let lastLine = min(line + 20, lineStarts.count)
            let end = lineRange(lastLine)?.upperBound ?? bytes.count
            if let offset = findAttribute(attribute, in: searchFrom..<end) {
                return location(of: offset)
            }
        }
        if elementFound { return location(of: searchFrom) }
        // Fall back to the first non-blank character of the line.
        var offset = range.lowerBound
        while offset < range.upperBound, bytes[offset] == UInt8(ascii: " ") || bytes[offset] == UInt8(ascii: "\t") {
            offset += 1
        }
        return location(of: offset)
    }

    /// Line and character column of a byte offset.
    func location(of offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        while index < offset && index < bytes.count {
            // Count characters, not bytes: skip UTF-8 continuation bytes.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }

    private func find(_ needle: [UInt8], in range: Range<Int>, tagBoundary: Bool) -> Int? {
        guard !needle.isEmpty, range.count >= needle.count else { return nil }
        var index = range.lowerBound
        while index + needle.count <= range.upperBound {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) {
                let after = index + needle.count
                if !tagBoundary || after >= bytes.count || Self.endsName(bytes[after]) { return index }
            }
            index += 1
        }
        return nil
    }

    private func findAttribute(_ name: String, in range: Range<Int>) -> Int? {
        let needle = Array(name.utf8)
        var index = range.lowerBound
        while let found = find(needle, in: index..<range.upperBound, tagBoundary: false) {
            let before = found > 0 ? bytes[found - 1] : UInt8(ascii: " ")
            var after = found + needle.count
            while after < bytes.count, bytes[after] == UInt8(ascii: " ") { after += 1 }
            if Self.isSpace(before), after < bytes.count, bytes[after] == UInt8(ascii: "=") { return found }
            index = found + 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }
}
