/// A question, used both for ungraded checks on a page and for the final quiz.
public struct Question: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case single, multiple, truefalse, match, order, text
    }

    public struct Choice: Sendable, Hashable, Identifiable {
        public var id: String
        public var content: [Inline]
        public var isCorrect: Bool
        public var feedback: [Inline]?
    }

    /// One row of a match question: `left` is shown, `right` is the answer to pick from all rights.
    public struct MatchPair: Sendable, Hashable, Identifiable {
        public var id: String
        public var left: [Inline]
        public var right: [Inline]
        public var feedback: [Inline]?
    }

    /// One step of an order question; items are stored in the correct order.
    public struct OrderItem: Sendable, Hashable, Identifiable {
        public var id: String
        public var content: [Inline]
        public var feedback: [Inline]?
    }

    public var id: String
    public var kind: Kind
    public var points: Int
    public var partialCredit: Bool
    public var prompt: [Inline]
    public var choices: [Choice]
    public var pairs: [MatchPair]
    public var items: [OrderItem]
    /// Accepted answers of a text question, compared ignoring case and extra spaces.
    public var acceptedAnswers: [String]
    public var feedbackWhenCorrect: [Inline]?
    public var feedbackWhenIncorrect: [Inline]?
    public var explanation: [Inline]?
    /// The module objective (1-based, in `<objectives>` order) a quiz question tests; the draw covers every objective
    /// that has questions (`AttemptPlan`).
    public var objective: Int? = nil
}

/// The final test of a module.
public struct Quiz: Sendable, Hashable, Identifiable {
    /// When a learner may see the correct answers after submitting.
    public enum ReviewPolicy: String, Sendable, Hashable {
        case never
        case afterSubmit = "after-submit"
        case afterPass = "after-pass"
        case afterLastAttempt = "after-last-attempt"
    }

    public var id: String
    public var title: String?
    public var intro: [Block]
    public var passPercent: Int
    /// 0 means unlimited.
    public var maxAttempts: Int
    public var shuffle: Bool
    /// Draw this many questions per attempt from the pool; nil means all.
    public var draw: Int?
    public var review: ReviewPolicy
    public var questions: [Question] {
        didSet { questionIndex = Self.index(questions) }
    }
    /// Position of each question id in `questions` (the first, should an id repeat): grading looks questions up by
    /// id on every submission.
    private var questionIndex: [String: Int]

    public init(
        id: String,
        title: String?,
        intro: [Block],
        passPercent: Int,
        maxAttempts: Int,
        shuffle: Bool,
        draw: Int?,
        review: ReviewPolicy,
        questions: [Question]
    ) {
        self.id = id
        self.title = title
        self.intro = intro
        self.passPercent = passPercent
        self.maxAttempts = maxAttempts
        self.shuffle = shuffle
        self.draw = draw
        self.review = review
        self.questions = questions
        self.questionIndex = Self.index(questions)
    }

    /// Number of questions in one attempt.
    public var questionsPerAttempt: Int { min(draw ?? questions.count, questions.count) }

    public func question(id: String) -> Question? { questionIndex[id].map { questions[$0] } }

    public func containsQuestion(id: String) -> Bool { questionIndex[id] != nil }

    /// The questions with these ids that exist, in the given order.
    public func questions(ids: [String]) -> [Question] { ids.compactMap(question(id:)) }

    private static func index(_ questions: [Question]) -> [String: Int] {
        Dictionary(questions.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }
}
