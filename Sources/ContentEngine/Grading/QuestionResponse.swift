/// What a learner answered to one question, independent of how the form was laid out.
public struct QuestionResponse: Sendable, Hashable, Codable {
    /// Chosen choice ids (single, truefalse: at most one; multiple: any number).
    public var choiceIds: Set<String>
    /// Match questions: pair id (the left side) → the pair id whose right side the learner picked.
    public var matches: [String: String]
    /// Order questions: item id → the position (1-based) the learner gave it.
    public var positions: [String: Int]
    /// Text questions: what the learner typed.
    public var text: String?

    public init(choiceIds: Set<String> = [], matches: [String: String] = [:], positions: [String: Int] = [:], text: String? = nil) {
        self.choiceIds = choiceIds
        self.matches = matches
        self.positions = positions
        self.text = text
    }

    /// True when the learner gave no answer at all.
    public var isEmpty: Bool {
        choiceIds.isEmpty && matches.isEmpty && positions.isEmpty && (text?.allSatisfy(\.isWhitespace) ?? true)
    }
}
