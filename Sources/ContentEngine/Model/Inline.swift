/// Text inside a paragraph, list item, prompt or feedback: plain text with a few kinds of markup.
public indirect enum Inline: Sendable, Hashable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    /// A glossary term; `ref` is the id of a `GlossaryEntry` in the same module.
    case term(ref: String, [Inline])
    /// An external link; the scheme is checked to be http, https or mailto.
    case link(href: String, [Inline])
    /// A reference to a `Source`; empty content means "show the source's number".
    case cite(ref: String, [Inline])
    case lineBreak
}

extension Array where Element == Inline {
    /// The text without markup, e.g. for a page title in a list or an `aria-label`.
    public var plainText: String {
        var result = ""
        for inline in self {
            switch inline {
            case .text(let text): result += text
            case .emphasis(let children), .strong(let children), .term(_, let children), .link(_, let children),
                .cite(_, let children):
                result += children.plainText
            case .lineBreak: result += " "
            }
        }
        return result
    }

    /// Whitespace-normalised plain text, as a learner would read it aloud.
    public var normalizedText: String {
        plainText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
