/// Splits reading text into sentences, for the B1 sentence-length rules. Works on Unicode scalars in one pass
/// (grapheme breaking costs a lot on large modules and changes nothing here).
enum SentenceSplitter {
    struct Sentence: Equatable {
        var words: Int
        /// The first words, to quote in a message so the author finds the sentence.
        var opening: String
    }

    /// Dutch abbreviations that end in a full stop without ending the sentence (lower case, with their dots).
    static let abbreviations: Set<String> = [
        "bijv.", "bv.", "b.v.", "o.a.", "enz.", "etc.", "d.w.z.", "m.a.w.", "i.p.v.", "a.u.b.", "mevr.", "dhr.", "nr.",
        "ca.", "incl.", "excl.", "e.a.", "e.d.", "evt.", "jl.", "blz.", "p.", "vs.", "z.o.z.", "t.a.v.", "m.b.t.",
        "o.b.v.", "n.a.v.", "v.d.", "dr.", "mr.", "ir.", "drs.", "prof.", "st.", "resp.", "tel.", "zgn.", "z.g.",
    ]

    static func sentences(in text: String) -> [Sentence] {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        var result: [Sentence] = []
        var words = 0
        var opening: [Substring] = []
        for (index, token) in tokens.enumerated() {
            if isWord(token) {
                words += 1
                if opening.count < 8 { opening.append(token) }
            }
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            if endsSentence(token, next: next), words > 0 {
                result.append(Sentence(words: words, opening: opening.joined(separator: " ")))
                words = 0
                opening = []
            }
        }
        if words > 0 { result.append(Sentence(words: words, opening: opening.joined(separator: " "))) }
        return result
    }

    /// A word has at least one letter or digit ("–" and "…" alone are not words).
    static func isWord(_ token: Substring) -> Bool {
        token.unicodeScalars.contains { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// `.`, `!` or `?` (maybe followed by a closing quote or bracket) ends a sentence when the next token starts
    /// a new one (a capital, a digit, an opening quote) or there is none, and the token is no abbreviation.
    static func endsSentence(_ token: Substring, next: Substring?) -> Bool {
        var scalars = token.unicodeScalars[...]
        while let last = scalars.last, "\"'”’)»".unicodeScalars.contains(last) { scalars = scalars.dropLast() }
        guard let mark = scalars.last, mark == "." || mark == "!" || mark == "?" else { return false }
        if mark == "." {
            var word = String(String.UnicodeScalarView(scalars)).lowercased()
            while let first = word.unicodeScalars.first, "\"'“‘(«".unicodeScalars.contains(first) { word.removeFirst() }
            if abbreviations.contains(word) { return false }
        }
        guard let next, let first = next.unicodeScalars.first else { return true }
        return first.properties.isUppercase || ("0"..."9").contains(first) || "\"'“‘(«".unicodeScalars.contains(first)
    }
}
