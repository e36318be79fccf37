/// Finds figures in text: a number with a unit (`70 procent`, `€ 250`, `1,2 miljoen`), a percentage (`12%`), a
/// ratio (`1 op de 8`) or a large number (`280.000`). Such a figure is a claim a learner may repeat, so it needs a
/// source. Years (`in 2022`), small counts (`3 stappen`) and ages are not figures.
enum FigureDetector {
    /// Words after a number that make it a figure.
    static let units: Set<String> = [
        "%", "procent", "procentpunt", "procentpunten", "euro", "miljoen", "miljard", "duizend", "honderdduizend",
    ]

    /// The first figure in `text`, as written, or nil.
    static func firstFigure(in text: String) -> String? {
        let tokens = text.split(separator: " ")
        for (index, token) in tokens.enumerated() {
            let number = token.trimmingPunctuation
            if number.hasPrefix("€"), number.dropFirst().first?.isASCIIDigit == true { return String(token) }
            if token == "€", index + 1 < tokens.count, tokens[index + 1].first?.isASCIIDigit == true {
                return "€ \(tokens[index + 1])"
            }
            guard let first = number.first, first.isASCIIDigit else { continue }
            if number.hasSuffix("%") { return String(number) }
            guard number.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "," }) else { continue }
            if index + 1 < tokens.count {
                let next = tokens[index + 1].trimmingPunctuation.lowercased()
                if units.contains(next) { return "\(number) \(next)" }
                // "1 op de 8", "1 op 10"
                if next == "op", index + 2 < tokens.count {
                    let after = tokens[index + 2] == "de" && index + 3 < tokens.count ? tokens[index + 3] : tokens[index + 2]
                    if after.first?.isASCIIDigit == true { return "\(number) op \(after.trimmingPunctuation)" }
                }
            }
            // 280.000 (thousands separated by dots) or 12000; not a year such as 2022, a time (14.00) or 2.3.2.
            let groups = number.split(separator: ".", omittingEmptySubsequences: false)
            if groups.count > 1 {
                if !number.contains(","), (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) {
                    return String(number)
                }
            } else if !number.contains(",") {
                let isYear = number.count == 4 && (number.hasPrefix("19") || number.hasPrefix("20"))
                if number.count >= 4, !isYear { return String(number) }
            }
        }
        return nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Substring {
    /// Without the punctuation around a word (`(12%),` → `12%`), keeping `%` and `€`.
    fileprivate var trimmingPunctuation: Substring {
        let edges: Set<Character> = ["(", ")", ",", ".", ";", ":", "!", "?", "\"", "'", "“", "”", "‘", "’"]
        var result = self
        while let first = result.first, edges.contains(first) { result = result.dropFirst() }
        while let last = result.last, edges.contains(last) { result = result.dropLast() }
        return result
    }
}
