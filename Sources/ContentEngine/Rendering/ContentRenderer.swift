/// Turns module content into safe HTML, once, when the catalog is loaded; pages are then served from these
/// strings. Every text passes through `HTML.escape`; links are limited to the schemes the validator allowed.
///
/// Inline checks depend on the learner (their answer, the CSRF token), so a page renders to segments: fixed
/// HTML and the checks between them, which the web layer fills in per request.
public struct ContentRenderer: Sendable {
    /// Builds the URLs of the module's glossary, sources and media; supplied by the web layer.
    public struct Links: Sendable {
        public var glossaryEntry: @Sendable (String) -> String
        public var source: @Sendable (String) -> String
        public var media: @Sendable (String) -> String

        public init(
            glossaryEntry: @escaping @Sendable (String) -> String,
            source: @escaping @Sendable (String) -> String,
            media: @escaping @Sendable (String) -> String
        ) {
            self.glossaryEntry = glossaryEntry
            self.source = source
            self.media = media
        }
    }

    public enum Segment: Sendable {
        case html(String)
        case check(Question)
    }

    public struct RenderedPage: Sendable {
        public var segments: [Segment]
        /// Glossary entries used on the page, in order of first use, for the "Begrippen" list under the text.
        public var terms: [GlossaryEntry]
    }

    public let module: Module
    public let links: Links

    public init(module: Module, links: Links) {
        self.module = module
        self.links = links
    }

    public func render(_ page: Page) -> RenderedPage {
        var state = State()
        state.describeTerms = true
        var segments: [Segment] = []
        var buffer = ""
        for block in page.blocks {
            if case .check(let question) = block {
                if !buffer.isEmpty { segments.append(.html(buffer)) }
                buffer = ""
                segments.append(.check(question))
                continue
            }
            buffer += html(block, &state)
        }
        if !buffer.isEmpty { segments.append(.html(buffer)) }
        let terms = state.termOrder.compactMap { module.glossaryEntry($0) }
        return RenderedPage(segments: segments, terms: terms)
    }

    /// Inline content on its own (prompts, feedback, glossary definitions).
    public func html(_ inlines: [Inline]) -> String {
        var state = State()
        return html(inlines, &state)
    }

    public func html(_ blocks: [Block]) -> String {
        var state = State()
        return blocks.map { html($0, &state) }.joined()
    }

    struct State {
        var termOrder: [String] = []
        var counter = 0
        /// Only a full page lists the definitions of its terms, so only there may a term point at one.
        var describeTerms = false
    }

    func html(_ block: Block, _ state: inout State) -> String {
        switch block {
        case .paragraph(let inlines):
            return "<p>\(html(inlines, &state))</p>\n"
        case .heading(let inlines):
            return "<h2>\(html(inlines, &state))</h2>\n"
        case .list(let ordered, let items):
            let tag = ordered ? "ol" : "ul"
            return "<\(tag)>" + items.map { "<li>\(html($0, &state))</li>" }.joined() + "</\(tag)>\n"
        case .quote(let paragraphs, let by):
            let body = paragraphs.map { "<p>\(html($0, &state))</p>" }.joined()
            let caption = by.map { "<figcaption>\(HTML.escape($0))</figcaption>" } ?? ""
            return "<figure class=\"quote\"><blockquote>\(body)</blockquote>\(caption)</figure>\n"
        case .image(let image):
            var attributes = "src=\"\(HTML.escape(links.media(image.src)))\" alt=\"\(HTML.escape(image.alt))\""
            if let width = image.width { attributes += " width=\"\(width)\"" }
            if let height = image.height { attributes += " height=\"\(height)\"" }
            let caption = image.caption.map { "<figcaption>\(html($0, &state))</figcaption>" } ?? ""
            return "<figure class=\"image\"><img \(attributes) loading=\"lazy\">\(caption)</figure>\n"
        case .video(let video):
            return videoHTML(video, &state)
        case .audio(let audio):
            let transcript = transcriptHTML(audio.transcript, &state)
            return "<figure class=\"audio\"><figcaption>\(HTML.escape(audio.title))</figcaption>"
                + "<audio controls preload=\"none\" src=\"\(HTML.escape(links.media(audio.src)))\"></audio>\(transcript)</figure>\n"
        case .callout(let callout):
            let title = callout.title ?? Self.defaultTitle(callout.kind)
            return "<div class=\"callout callout-\(callout.kind.rawValue)\" role=\"note\"><p class=\"callout-title\">"
                + "\(HTML.escape(title))</p>\(callout.blocks.map { html($0, &state) }.joined())</div>\n"
        case .caseStory(let story):
            state.counter += 1
            let id = "casus-\(state.counter)"
            return "<section class=\"case\" aria-labelledby=\"\(id)\"><h2 id=\"\(id)\">\(HTML.escape(story.title))</h2>"
                + "\(story.blocks.map { html($0, &state) }.joined())</section>\n"
        case .reflection(let blocks):
            return "<div class=\"reflection\" role=\"note\"><p class=\"callout-title\">Denk na</p>"
                + "\(blocks.map { html($0, &state) }.joined())</div>\n"
        case .check:
            return ""  // rendered per learner by the web layer
        }
    }

    static func defaultTitle(_ kind: Callout.Kind) -> String {
        switch kind {
        case .tip: return "Tip"
        case .info: return "Goed om te weten"
        case .warning: return "Let op"
        }
    }

    private func videoHTML(_ video: Video, _ state: inout State) -> String {
        var tag = "<video controls preload=\"metadata\" src=\"\(HTML.escape(links.media(video.src)))\""
        if let poster = video.poster { tag += " poster=\"\(HTML.escape(links.media(poster)))\"" }
        tag += " aria-label=\"\(HTML.escape(video.title))\">"
        for track in video.tracks {
            tag += "<track kind=\"\(track.kind.rawValue)\" src=\"\(HTML.escape(links.media(track.src)))\" srclang=\"\(HTML.escape(track.language))\""
            tag += " label=\"\(HTML.escape(track.label ?? "Nederlands"))\">"
        }
        tag += "</video>"
        let transcript = video.transcript.map { transcriptHTML($0, &state) } ?? ""
        return "<figure class=\"video\"><figcaption>\(HTML.escape(video.title))</figcaption>\(tag)\(transcript)</figure>\n"
    }

    private func transcriptHTML(_ blocks: [Block], _ state: inout State) -> String {
        "<details class=\"transcript\"><summary>Uitgeschreven tekst</summary>\(blocks.map { html($0, &state) }.joined())</details>"
    }

    func html(_ inlines: [Inline], _ state: inout State) -> String {
        var result = ""
        for inline in inlines {
            switch inline {
            case .text(let text):
                result += HTML.escape(text)
            case .emphasis(let children):
                result += "<em>\(html(children, &state))</em>"
            case .strong(let children):
                result += "<strong>\(html(children, &state))</strong>"
            case .lineBreak:
                result += "<br>"
            case .link(let href, let children):
                result += "<a href=\"\(HTML.escape(href))\" class=\"external\">\(html(children, &state))</a>"
            case .term(let ref, let children):
                if !state.termOrder.contains(ref) { state.termOrder.append(ref) }
                let describedBy = state.describeTerms ? " aria-describedby=\"begrip-\(HTML.escape(ref))\"" : ""
                result += "<a class=\"term\" href=\"\(HTML.escape(links.glossaryEntry(ref)))\"\(describedBy)>\(html(children, &state))</a>"
            case .cite(let ref, let children):
                let label = children.isEmpty ? "[\(module.sourceNumber(ref) ?? 0)]" : "(\(html(children, &state)))"
                let title = module.sources.first { $0.id == ref }?.text ?? ""
                result += "<a class=\"cite\" href=\"\(HTML.escape(links.source(ref)))\" title=\"\(HTML.escape(title))\">\(label)</a>"
            }
        }
        return result
    }
}
