import Foundation
import Hummingbird

/// CSV for Dutch Excel: UTF-8 with a byte order mark (else Excel reads it as Windows-1252), `;` between cells
/// (Dutch Excel expects it because the comma is the decimal separator), CRLF line ends, RFC 4180 quoting.
enum CSV {
    /// A cell: text that came from people (names, organisations, question texts) or a number we formatted.
    enum Cell: Sendable, Equatable {
        case text(String)
        case number(String)
    }

    static let byteOrderMark = "\u{FEFF}"
    static let separator = ";"

    /// Text that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which Excel skips before them) would
    /// run as a formula in a spreadsheet: it gets a leading apostrophe, which Excel shows as plain text.
    /// Numbers we formatted ourselves (a negative correlation) are left alone.
    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    static func field(_ cell: Cell) -> String {
        let text: String
        switch cell {
        case .text(let value): text = neutralised(value)
        case .number(let value): text = value
        }
        // Bytes, not Characters: grapheme breaking is slow over a hundred thousand rows. A newline is \n or \r in
        // UTF-8 (the rarer Unicode line separators do not end a CSV row).
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func line(_ cells: [Cell]) -> String { cells.map(field).joined(separator: separator) + "\r\n" }

    /// Headers of a CSV download named `filename`.
    static func headers(filename: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        headers[.cacheControl] = "no-store"
        return headers
    }
}
