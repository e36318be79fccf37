import Foundation

/// The rules on a page's text: sentence length, reading length, jargon, link texts, headings and figures.
extension ModuleLinter {
    /// Where a block sits decides which rules apply: figures in a case or quote are part of a story, and the
    /// words of a transcript are an alternative to the media, not extra reading.
    struct Context {
        var inBox = false
        var needsCitations = true
        var countsForLength = true
    }

    /// What one page adds up to while its blocks are walked.
    struct PageTally {
        var sentences = 0
        var sentenceWords = 0
        var longest: SentenceSplitter.Sentence?
        var words = 0
        /// Jargon in order of first appearance: linked at least once on the page, and where it first stood unlinked.
        var jargonOrder: [String] = []
        var jargon: [String: (linked: Bool, firstUnlinked: XMLElement?)] = [:]
    }

    /// Link texts that do not say where the link goes: a screen-reader user who lists the links hears only these.
    static let vagueLinkTexts: Set<String> = [
        "", "hier", "klik hier", "klik", "hier klikken", "lees meer", "lees hier", "lees verder", "meer", "meer info",
        "meer informatie", "verder", "link", "deze link", "via deze link", "website", "deze website", "deze pagina",
        "pagina", "bekijk", "bekijk hier", "download", "download hier", "zie hier", "zie", "info",
    ]

    func lintPage(_ page: XMLElement) {
        var tally = PageTally()
        let blocks = page.children.filter { $0.name != "title" }
        lintHeadingOrder(blocks)
        for block in blocks { lintBlock(block, context: Context(), tally: &tally) }

        let at = page
        if tally.sentences >= LintBudgets.minimumSentencesForMean, let longest = tally.longest {
            let mean = Double(tally.sentenceWords) / Double(tally.sentences)
            if mean > LintBudgets.maximumMeanSentenceWords {
                warn(
                    "page-sentences",
                    "Op deze pagina zijn de zinnen gemiddeld \(DutchNumber.oneDecimal(mean)) woorden lang; de langste heeft \(longest.words) woorden "
                        + "(\"\(longest.opening) …\"). Voor taalniveau B1 is gemiddeld \(Int(LintBudgets.maximumMeanSentenceWords)) woorden of minder "
                        + "goed te lezen. Maak lange zinnen korter of knip ze in tweeën.",
                    at: at,
                    attribute: "id"
                )
            }
        }
        if tally.words > LintBudgets.maximumPageWords {
            let minutes = Int((Double(tally.words) / StudyLoadEstimate.wordsPerMinute).rounded(.up))
            warn(
                "page-length",
                "Deze pagina heeft \(tally.words) woorden leestekst (ongeveer \(minutes) minuten lezen). Houd een pagina onder de "
                    + "\(LintBudgets.maximumPageWords) woorden, met één idee per pagina: verdeel de tekst over twee pagina's.",
                at: at,
                attribute: "id"
            )
        }
        for phrase in tally.jargonOrder {
            guard let state = tally.jargon[phrase], !state.linked else { continue }
            let markup =
                glossaryId(for: phrase).map { "<term ref=\"\($0)\">\(phrase)</term>" }
                ?? "<term ref=\"…\">\(phrase)</term> met een <entry> in <glossary>"
            warn(
                "jargon",
                "Het vakwoord \"\(phrase)\" staat op deze pagina zonder uitleg. Maak het bij het eerste gebruik een begrip: \(markup). "
                    + "Of gebruik een gewoner woord.",
                at: state.firstUnlinked
            )
        }
    }

    func lintBlock(_ block: XMLElement, context: Context, tally: inout PageTally) {
        switch block.name {
        case "p":
            let content = InlineContent(block)
            read(content, at: block, context: context, tally: &tally, sentences: true)
            if context.needsCitations { lintFigure(content, at: block) }
        case "heading":
            read(InlineContent(block), at: block, context: context, tally: &tally, sentences: false)
        case "list":
            var listContent: InlineContent?
            for item in block.children(named: "item") {
                let content = InlineContent(item)
                read(content, at: item, context: context, tally: &tally, sentences: true)
                if listContent == nil { listContent = content } else { listContent?.add(item) }
            }
            // One citation anywhere in a list covers its items (a list of figures from one source).
            if context.needsCitations, let listContent { lintFigure(listContent, at: block) }
        case "quote":
            var quoted = context
            quoted.needsCitations = false
            for paragraph in block.children(named: "p") { lintBlock(paragraph, context: quoted, tally: &tally) }
        case "image":
            if let caption = block.firstChild(named: "caption") {
                let content = InlineContent(caption)
                read(content, at: caption, context: context, tally: &tally, sentences: true)
                if context.needsCitations { lintFigure(content, at: caption) }
            }
        case "video", "audio":
            if let transcript = block.firstChild(named: "transcript") {
                lintHeadingOrder(transcript.children, inBox: true)
                var inner = context
                inner.inBox = true
                inner.countsForLength = false
                for child in transcript.children { lintBlock(child, context: inner, tally: &tally) }
            }
        case "callout", "case", "reflection":
            lintHeadingOrder(block.children, inBox: true)
            var inner = context
            inner.inBox = true
            // A case is an invented story and a reflection a question: their figures are no claims.
            if block.name != "callout" { inner.needsCitations = false }
            for child in block.children { lintBlock(child, context: inner, tally: &tally) }
        case "check":
            checks.append(block)
            if let content = lintQuestionText(block) { noteJargon(content, at: block, tally: &tally) }
        default:
            break  // unknown elements are the schema's to report
        }
    }

    /// Counts a block's words and sentences for the page, warns on each long sentence, and checks jargon and links.
    func read(_ content: InlineContent, at element: XMLElement, context: Context, tally: inout PageTally, sentences: Bool) {
        let text = content.text
        if context.countsForLength { tally.words += text.split(separator: " ").count(where: SentenceSplitter.isWord) }
        if sentences {
            for sentence in SentenceSplitter.sentences(in: content.textWithoutCitations) {
                tally.sentences += 1
                tally.sentenceWords += sentence.words
                if sentence.words > (tally.longest?.words ?? 0) { tally.longest = sentence }
                if sentence.words > LintBudgets.maximumSentenceWords {
                    warn(
                        "sentence-length",
                        "Deze zin heeft \(sentence.words) woorden: \"\(sentence.opening) …\". Een zin van meer dan "
                            + "\(LintBudgets.maximumSentenceWords) woorden is moeilijk te volgen op taalniveau B1. Knip hem in twee of drie korte zinnen.",
                        at: element
                    )
                }
            }
        }
        noteJargon(content, at: element, tally: &tally)
        lintLinks(content)
    }

    func noteJargon(_ content: InlineContent, at element: XMLElement, tally: inout PageTally) {
        for match in jargon.matches(in: content) {
            var state = tally.jargon[match.phrase] ?? (linked: false, firstUnlinked: nil)
            if tally.jargon[match.phrase] == nil { tally.jargonOrder.append(match.phrase) }
            if match.linked { state.linked = true } else if state.firstUnlinked == nil { state.firstUnlinked = element }
            tally.jargon[match.phrase] = state
        }
    }

    func lintLinks(_ content: InlineContent) {
        for link in content.links {
            let normalized = link.text.lowercased().trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
            guard Self.vagueLinkTexts.contains(normalized) else { continue }
            warn(
                "link-text",
                "De linktekst \"\(link.text)\" zegt niet waar de link naartoe gaat. Wie een schermlezer gebruikt, hoort vaak alleen "
                    + "de linkteksten. Schrijf waar de link heen gaat, zoals <link href=\"…\">de folder over respijtzorg van MantelzorgNL</link>.",
                at: link.element
            )
        }
    }

    /// The page title is the page's only level-1 heading and every `<heading>` is level 2, so a level cannot be
    /// skipped in the markup. What can go wrong is the outline: a heading without text under it (the next block is
    /// a heading too, or the page ends), or a heading inside a box (callout, case, reflection, transcript), which
    /// becomes a level-2 heading next to the page's own and breaks the outline a screen reader shows.
    func lintHeadingOrder(_ blocks: [XMLElement], inBox: Bool = false) {
        for (index, block) in blocks.enumerated() where block.name == "heading" {
            if inBox {
                warn(
                    "heading-order",
                    "Een tussenkop in een kader, casus, reflectie of uitgeschreven tekst wordt een kop van hetzelfde niveau als de "
                        + "tussenkoppen van de pagina. Schrijf de kop als gewone zin in een <p>, met <strong> als het moet.",
                    at: block
                )
            } else if index + 1 == blocks.count || blocks[index + 1].name == "heading" {
                warn(
                    "heading-order",
                    "Onder deze tussenkop staat geen tekst: \(index + 1 == blocks.count ? "de pagina houdt op" : "er volgt meteen weer een kop"). "
                        + "Zet tekst onder de kop, of haal de kop weg.",
                    at: block
                )
            }
        }
    }

    /// A figure (a number with a unit, a percentage, a ratio, a large number) needs a `<cite>` in the same block.
    func lintFigure(_ content: InlineContent, at element: XMLElement) {
        guard !content.hasCite, let figure = FigureDetector.firstFigure(in: content.text) else { return }
        warn(
            "figure-citation",
            "Hier staat een cijfer (\(figure)) zonder bron. Zet er een bronverwijzing bij, zoals <cite ref=\"…\">CBS, 2022</cite>, "
                + "met de bron in <sources>. Is het geen feit maar een voorbeeld, schrijf het dan als voorbeeld.",
            at: element
        )
    }

    /// A check or quiz question: links in its texts, and a figure anywhere in it needs a citation anywhere in it
    /// (the explanation is the usual place). Returns its text, for the jargon of a page.
    @discardableResult
    func lintQuestionText(_ question: XMLElement) -> InlineContent? {
        var content: InlineContent?
        func add(_ element: XMLElement) {
            if content == nil { content = InlineContent(element) } else { content?.add(element) }
        }
        for part in question.children {
            switch part.name {
            case "prompt", "explanation", "feedback", "accept", "choice", "item": add(part)
            case "pair": part.children.forEach(add)
            default: break
            }
        }
        guard let content else { return nil }
        lintLinks(content)
        lintFigure(content, at: question)
        return content
    }
}
