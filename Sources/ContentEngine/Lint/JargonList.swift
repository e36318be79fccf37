import Foundation

/// Words and phrases of the Dutch social domain that a B1 reader may not know (`Assets/lint/jargon.txt`): on a
/// page they should be linked to the glossary with `<term>` at least once, or replaced by a plainer word.
///
/// Matching is on whole lower-case words, so "wmo" matches "Wmo" and "Wmo-loket" but not "wmotraining"; a phrase
/// matches its words in a row. Inflections are listed as separate lines (the file is short and an author can
/// read it).
public struct JargonList: Sendable {
    /// Each entry as its words, indexed by the first word so matching stays linear in the text.
    private let entriesByFirstWord: [String: [[String]]]
    public let count: Int

    public init(lines: [String] = []) {
        var index: [String: [[String]]] = [:]
        var count = 0
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let words = Self.words(in: trimmed)
            guard let first = words.first, words.count <= 6 else { continue }
            index[first, default: []].append(words)
            count += 1
        }
        entriesByFirstWord = index
        self.count = count
    }

    /// Reads the list; lines starting with `#` are comments.
    public init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        self.init(lines: text.components(separatedBy: .newlines))
    }

    /// A jargon phrase found in text: as listed, and whether every word of it sat inside `<term>`.
    struct Match {
        var phrase: String
        var linked: Bool
    }

    func matches(in content: InlineContent) -> [Match] {
        guard !entriesByFirstWord.isEmpty else { return [] }
        var words: [(word: String, inTerm: Bool)] = []
        for piece in content.pieces where !piece.inReference {
            // A word split over two pieces (markup inside a word) is rare; it is simply two words here.
            words += Self.words(in: piece.text).map { ($0, piece.inTerm) }
        }
        var result: [Match] = []
        for start in words.indices {
            guard let candidates = entriesByFirstWord[words[start].word] else { continue }
            for entry in candidates where start + entry.count <= words.count {
                let slice = words[start..<start + entry.count]
                if zip(slice, entry).allSatisfy({ $0.word == $1 }) {
                    result.append(Match(phrase: entry.joined(separator: " "), linked: slice.allSatisfy(\.inTerm)))
                }
            }
        }
        return result
    }

    /// Lower-case runs of letters and digits.
    static func words(in text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                result.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }
}
