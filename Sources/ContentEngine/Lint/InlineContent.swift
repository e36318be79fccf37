import CLibXML2

/// What the lint needs to know about one piece of mixed content (a paragraph, an item, a prompt): its plain
/// text, which parts sit inside `<term>`, whether it cites a source, and its links. Read straight from the libxml2
/// nodes, so it works on documents the schema refused too.
struct InlineContent {
    /// Text pieces in document order; `inTerm` marks text inside a `<term>` (linked to the glossary), `inReference`
    /// text inside a `<link>` or `<cite>`, which cannot hold a `<term>` and so is left out of the jargon rule.
    var pieces: [(text: String, inTerm: Bool, inReference: Bool)] = []
    /// Indices of the pieces inside a `<cite>`: "(Nivel en Alzheimer Nederland, 2024)" is no part of the sentence's
    /// difficulty, so sentence lengths leave it out.
    var citePieces: Set<Int> = []
    var hasCite = false
    var links: [(element: XMLElement, text: String)] = []

    /// The text as a learner reads it, whitespace collapsed.
    var text: String { pieces.map(\.text).joined().collapsingWhitespace() }

    /// The text without citations, for counting sentence length.
    var textWithoutCitations: String {
        pieces.indices.filter { !citePieces.contains($0) }.map { pieces[$0].text }.joined().collapsingWhitespace()
    }

    /// Collects `element`'s content, leaving out child elements named in `skipping` (a choice's `<feedback>`).
    init(_ element: XMLElement, skipping: Set<String> = []) {
        collect(element.node, inTerm: false, skipping: skipping)
    }

    /// Adds another element's content (a question's prompt, choices and explanation count as one unit).
    mutating func add(_ element: XMLElement, skipping: Set<String> = []) {
        pieces.append((" ", false, false))
        collect(element.node, inTerm: false, skipping: skipping)
    }

    private mutating func collect(_ parent: xmlNodePtr, inTerm: Bool, inReference: Bool = false, skipping: Set<String>) {
        var node = parent.pointee.children
        while let current = node {
            defer { node = current.pointee.next }
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                if let content = current.pointee.content { pieces.append((String(cString: content), inTerm, inReference)) }
                continue
            }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            let child = XMLElement(current)
            let name = child.name
            if skipping.contains(name) { continue }
            switch name {
            case "cite":
                hasCite = true
                let start = pieces.count
                collect(current, inTerm: inTerm, inReference: true, skipping: [])
                citePieces.formUnion(start..<pieces.count)
            case "term":
                collect(current, inTerm: true, inReference: inReference, skipping: [])
            case "link":
                let start = pieces.count
                collect(current, inTerm: inTerm, inReference: true, skipping: [])
                let text = pieces[start...].map(\.text).joined().collapsingWhitespace()
                links.append((child, text))
            case "br":
                pieces.append((" ", inTerm, inReference))
            default:
                collect(current, inTerm: inTerm, inReference: inReference, skipping: [])
            }
        }
    }
}
