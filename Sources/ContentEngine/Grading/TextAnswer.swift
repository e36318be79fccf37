/// How a typed answer is compared with the accepted answers of a text question.
public enum TextAnswer {
    /// Lower case, no leading/trailing spaces, inner runs of whitespace collapsed to one space.
    public static func normalize(_ answer: String) -> String {
        answer.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
