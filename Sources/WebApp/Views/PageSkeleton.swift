import ContentEngine
import Foundation

/// A lesson page rendered once through the `page` template, with markers where the learner's own parts go
/// (name, CSRF token, progress, which pages were seen, the inline checks). Serving a page then only joins
/// strings: the Mustache render and the page model are paid once per page at start-up, not per request.
/// (On this 2-core machine a full Mustache render per request tops out at a few thousand pages per second.)
struct PageSkeleton: Sendable {
    enum Part: Sendable {
        case html(String)
        case learnerName
        case csrf
        case percent
        /// The "seen" mark after a page in the lesson navigation.
        case seenMark(pageId: String)
        /// The inline check at this index of the page's segments.
        case check(index: Int)
        /// Shown to administrators only (the "Beheer" menu item).
        case adminOnly(String)
    }

    let parts: [Part]
    /// The static parts (`.html`, `.adminOnly`) as deflate segments, by part index, for gzip responses that
    /// deflate only the fills per request (`StitchedGzip`); nil for the learner's parts.
    let deflated: [DeflatedSegment?]

    /// Marker text that survives Mustache's HTML escaping unchanged: control characters never occur in
    /// module text (the schema's XML cannot contain U+0001).
    static func marker(_ key: String) -> String { "\u{1}\(key)\u{2}" }

    init(rendered: String) {
        var parts: [Part] = []
        var rest = Substring(rendered)
        var adminOnly: String?
        while let start = rest.firstIndex(of: "\u{1}"), let end = rest[start...].firstIndex(of: "\u{2}") {
            if start > rest.startIndex {
                let literal = String(rest[..<start])
                if let collected = adminOnly { adminOnly = collected + literal } else { parts.append(.html(literal)) }
            }
            let key = rest[rest.index(after: start)..<end]
            switch key {
            case "admin:start": adminOnly = ""
            case "admin:end":
                parts.append(.adminOnly(adminOnly ?? ""))
                adminOnly = nil
            case "name": parts.append(.learnerName)
            case "csrf": parts.append(.csrf)
            case "percent": parts.append(.percent)
            default:
                if key.hasPrefix("seen:") {
                    parts.append(.seenMark(pageId: String(key.dropFirst(5))))
                } else if key.hasPrefix("check:"), let index = Int(key.dropFirst(6)) {
                    parts.append(.check(index: index))
                }
            }
            rest = rest[rest.index(after: end)...]
        }
        if !rest.isEmpty { parts.append(.html(String(rest))) }
        // Merge neighbouring literal parts so a request joins as few strings as possible.
        var merged: [Part] = []
        for part in parts {
            if case .html(let next) = part, case .html(let previous)? = merged.last {
                merged[merged.count - 1] = .html(previous + next)
            } else {
                merged.append(part)
            }
        }
        self.parts = merged
        let statics = merged.map { part -> String? in
            switch part {
            case .html(let text), .adminOnly(let text): text
            default: nil
            }
        }
        var segments = DeflatedSegment.compress(statics.compactMap { $0 })?.makeIterator()
        deflated = statics.map { $0 == nil ? nil : segments?.next() }
        seenRun = Self.seenRun(merged).map(SeenRunCache.init(parts:))
    }

    /// The longest stretch of static parts and seen marks around the seen marks (the lesson navigation and what
    /// surrounds it up to the next learner's part), compressed whole per pattern of marks (`SeenRunCache`).
    let seenRun: SeenRunCache?

    static func seenRun(_ parts: [Part]) -> Range<Int>? {
        func isRunPart(_ part: Part) -> Bool {
            switch part {
            case .html, .seenMark: true
            default: false
            }
        }
        guard let firstMark = parts.firstIndex(where: { if case .seenMark = $0 { true } else { false } }),
            let lastMark = parts.lastIndex(where: { if case .seenMark = $0 { true } else { false } })
        else { return nil }
        // Only a stretch without any other part of the learner's between its marks.
        guard parts[firstMark...lastMark].allSatisfy(isRunPart) else { return nil }
        let start = parts[..<firstMark].lastIndex(where: { !isRunPart($0) }).map { $0 + 1 } ?? 0
        let end = parts[lastMark...].firstIndex(where: { !isRunPart($0) }) ?? parts.count
        return start..<end
    }

    static let seenMark = " <span class=\"seen-mark\">✓<span class=\"visually-hidden\"> gelezen</span></span>"
    static let seenMarkDeflated = DeflatedSegment.compress([seenMark])?.first

    /// What one request puts into the page.
    struct Fills {
        var name: String
        var isAdmin: Bool
        var csrf: String
        var percent: Int
        var seen: Set<String>
        /// The HTML of each inline check, by segment index.
        var checks: [Int: String]
    }

    /// A piece of the filled page, in order: a static part (by index), the seen mark, or text of this request.
    enum Piece {
        case part(Int)
        case seenMark
        case text(String)
    }

    /// Walks the page for `fills`, with each piece's part index; the identity and the gzip response are both
    /// built from this one walk.
    func forEachPiece(_ fills: Fills, _ body: (Int, Piece) -> Void) {
        for (index, part) in parts.enumerated() {
            switch part {
            case .html: body(index, .part(index))
            case .learnerName: body(index, .text(HTML.escape(fills.name)))
            case .csrf: body(index, .text(fills.csrf))
            case .percent: body(index, .text(String(fills.percent)))
            case .seenMark(let pageId): if fills.seen.contains(pageId) { body(index, .seenMark) }
            case .check(let check): if let html = fills.checks[check] { body(index, .text(html)) }
            case .adminOnly: if fills.isAdmin { body(index, .part(index)) }
            }
        }
    }

    func append(_ piece: Piece, to html: inout String) {
        switch piece {
        case .part(let index):
            switch parts[index] {
            case .html(let text), .adminOnly(let text): html += text
            default: break
            }
        case .seenMark: html += Self.seenMark
        case .text(let text): html += text
        }
    }

    /// Fills in the learner's parts.
    func fill(_ fills: Fills) -> String {
        var html = ""
        html.reserveCapacity(parts.reduce(0) { if case .html(let text) = $1 { $0 + text.utf8.count } else { $0 + 64 } })
        forEachPiece(fills) { _, piece in append(piece, to: &html) }
        return html
    }
}
