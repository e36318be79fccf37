import CLibXML2
import Foundation

/// Blocks and inline text.
extension ModuleReader {
    func readBlock(_ element: XMLElement) -> Block? {
        switch element.name {
        case "p": return .paragraph(inlines(of: element))
        case "heading": return .heading(inlines(of: element))
        case "list":
            return .list(
                ordered: element.attribute("ordered") == "true" || element.attribute("ordered") == "1",
                items: element.children(named: "item").map { inlines(of: $0) }
            )
        case "quote":
            return .quote(paragraphs: element.children(named: "p").map { inlines(of: $0) }, by: element.attribute("by"))
        case "image": return .image(readImage(element))
        case "video": return .video(readVideo(element))
        case "audio":
            let src = element.attribute("src") ?? ""
            checkMedia(src, of: element, kind: .audio)
            return .audio(
                Audio(
                    src: src,
                    title: element.attribute("title") ?? "",
                    transcript: element.firstChild(named: "transcript").map { readBlocks($0) } ?? []
                )
            )
        case "callout":
            return .callout(
                Callout(
                    kind: Callout.Kind(rawValue: element.attribute("type") ?? "info") ?? .info,
                    title: element.attribute("title"),
                    blocks: readBlocks(element)
                )
            )
        case "case":
            return .caseStory(CaseStory(title: element.attribute("title") ?? "", blocks: readBlocks(element)))
        case "reflection": return .reflection(readBlocks(element))
        case "check": return .check(readQuestion(element, inQuiz: false))
        default: return nil  // the schema has already refused unknown elements
        }
    }

    func readBlocks(_ container: XMLElement) -> [Block] {
        container.children.compactMap { readBlock($0) }
    }

    func readImage(_ element: XMLElement) -> Image {
        let src = element.attribute("src") ?? ""
        let alt = (element.attribute("alt") ?? "").collapsingWhitespace()
        checkMedia(src, of: element, kind: .image)
        checkAltText(alt, src: src, of: element)
        return Image(
            src: src,
            alt: alt,
            width: element.attribute("width").flatMap { Int($0) },
            height: element.attribute("height").flatMap { Int($0) },
            caption: element.firstChild(named: "caption").map { inlines(of: $0) }
        )
    }

    func readVideo(_ element: XMLElement) -> Video {
        let src = element.attribute("src") ?? ""
        checkMedia(src, of: element, kind: .video)
        let poster = element.attribute("poster")
        if let poster { checkMedia(poster, of: element, kind: .image, attribute: "poster") }
        let tracks = element.children(named: "track").map { track -> Video.Track in
            let trackSource = track.attribute("src") ?? ""
            checkMedia(trackSource, of: track, kind: .captions)
            return Video.Track(
                src: trackSource,
                kind: Video.Track.Kind(rawValue: track.attribute("kind") ?? "captions") ?? .captions,
                language: track.attribute("srclang") ?? "nl",
                label: track.attribute("label")
            )
        }
        let transcript = element.firstChild(named: "transcript").map { readBlocks($0) }
        if tracks.isEmpty && transcript == nil {
            report(
                .error,
                "media-captions",
                "De video \"\(element.attribute("title") ?? src)\" heeft geen ondertiteling en geen uitgeschreven tekst. Voeg <track src=\"….vtt\"/> of <transcript> toe, zodat doven en slechthorenden hem kunnen volgen.",
                at: location(of: element)
            )
        }
        return Video(src: src, title: element.attribute("title") ?? "", poster: poster, tracks: tracks, transcript: transcript)
    }

    /// Alt text must describe the image; a file name or the word "afbeelding" helps no screen-reader user.
    func checkAltText(_ alt: String, src: String, of element: XMLElement) {
        let lower = alt.lowercased()
        let fileName = (src as NSString).lastPathComponent.lowercased()
        let looksLikeFile =
            lower == fileName || lower == src.lowercased()
            || MediaKind.image.extensions.contains { lower.hasSuffix(".\($0)") && !lower.contains(" ") }
        let placeholder = ["afbeelding", "image", "plaatje", "foto", "figuur", "img"].contains(lower)
        guard !alt.isEmpty else { return }  // missing or empty: the schema's schema-missing-attribute or empty value
        if looksLikeFile || placeholder {
            report(
                .error,
                "alt-text",
                "De alt-tekst \"\(alt)\" beschrijft de afbeelding niet. Schrijf in een of twee zinnen wat de afbeelding laat zien en waarom hij er staat.",
                at: location(of: element, attribute: "alt")
            )
        }
    }

    /// Mixed content → inline values. Whitespace runs become one space; the edges of the container are trimmed.
    func inlines(of element: XMLElement, skipping skipped: Set<String> = []) -> [Inline] {
        trimEdges(inlineChildren(of: element, skipping: skipped))
    }

    private func inlineChildren(of element: XMLElement, skipping skipped: Set<String>) -> [Inline] {
        var result: [Inline] = []
        // Walks the C nodes directly: this loop runs for every paragraph, item, prompt and feedback.
        var node = element.node.pointee.children
        while let current = node {
            defer { node = current.pointee.next }
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                if let content = current.pointee.content {
                    let collapsed = Self.collapsePreservingEdges(content)
                    if !collapsed.isEmpty { result.append(.text(collapsed)) }
                }
                continue
            }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            let child = XMLElement(current)
            let name = child.name
            guard !skipped.contains(name) else { continue }
            switch name {
            case "em": result.append(.emphasis(inlineChildren(of: child, skipping: [])))
            case "strong": result.append(.strong(inlineChildren(of: child, skipping: [])))
            case "br": result.append(.lineBreak)
            case "term":
                let ref = child.attribute("ref") ?? ""
                if !ref.isEmpty { termReferences.append((ref, location(of: child, attribute: "ref"))) }
                result.append(.term(ref: ref, inlineChildren(of: child, skipping: [])))
            case "cite":
                let ref = child.attribute("ref") ?? ""
                if !ref.isEmpty { citeReferences.append((ref, location(of: child, attribute: "ref"))) }
                result.append(.cite(ref: ref, inlineChildren(of: child, skipping: [])))
            case "link":
                let href = child.attribute("href") ?? ""
                if !href.isEmpty { checkHref(href, of: child) }
                result.append(.link(href: href, inlineChildren(of: child, skipping: [])))
            default:
                break
            }
        }
        return result
    }

    /// Collapses whitespace runs of a C text node to single spaces in one pass, keeping one space at an edge
    /// that had whitespace (it separates words from neighbouring markup).
    private static func collapsePreservingEdges(_ content: UnsafePointer<xmlChar>) -> String {
        let length = Int(xmlStrlen(content))
        guard length > 0 else { return "" }
        let bytes = UnsafeBufferPointer(start: content, count: length)
        var output: [UInt8] = []
        output.reserveCapacity(length)
        var pendingSpace = false
        for byte in bytes {
            if byte.isXMLWhitespace {
                pendingSpace = true
            } else {
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                output.append(byte)
            }
        }
        if pendingSpace { output.append(0x20) }
        return String(decoding: output, as: UTF8.self)
    }

    private func trimEdges(_ inlines: [Inline]) -> [Inline] {
        var result = inlines
        // Collapsed text has at most one space at each edge.
        if case .text(let text)? = result.first, text.startsWithXMLWhitespace {
            let trimmed = String(text.utf8.dropFirst())!
            if trimmed.isEmpty { result.removeFirst() } else { result[0] = .text(trimmed) }
        }
        if case .text(let text)? = result.last, text.endsWithXMLWhitespace {
            let trimmed = String(text.utf8.dropLast())!
            if trimmed.isEmpty { result.removeLast() } else { result[result.count - 1] = .text(trimmed) }
        }
        return result
    }
}
