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
    }

    /// Fills in the learner's parts. `checks` holds the HTML of each inline check, by segment index.
    func fill(name: String, isAdmin: Bool, csrf: String, percent: Int, seen: Set<String>, checks: [Int: String]) -> String {
        var html = ""
        html.reserveCapacity(parts.reduce(0) { if case .html(let text) = $1 { $0 + text.utf8.count } else { $0 + 64 } })
        let seenMark = "<span class=\"seen-mark\">✓<span class=\"visually-hidden\"> gelezen</span></span>"
        for part in parts {
            switch part {
            case .html(let text): html += text
            case .learnerName: html += HTML.escape(name)
            case .csrf: html += csrf
            case .percent: html += String(percent)
            case .seenMark(let pageId): if seen.contains(pageId) { html += " " + seenMark }
            case .check(let index): html += checks[index] ?? ""
            case .adminOnly(let text): if isAdmin { html += text }
            }
        }
        return html
    }
}
