import ContentEngine
import DomainValues
import Foundation
import LearnerStore

/// What the development seeder needs to know of a module: ids only, as the store always does. The CLI builds
/// these from the loaded catalog, so seeded progress and answers use the real page, question and choice ids.
public struct SeedModule: Sendable {
    public struct Question: Sendable {
        public enum Kind: Sendable { case single, multiple, match, order, text }
        public var id: String
        public var kind: Kind
        public var points: Int
        /// Choice ids with whether each is correct (single, multiple, true/false).
        public var choices: [(id: String, correct: Bool)]
        /// Pair ids (match) or item ids in the right order (order).
        public var parts: [String]
        public var acceptedAnswer: String?

        public init(
            id: String,
            kind: Kind,
            points: Int,
            choices: [(id: String, correct: Bool)] = [],
            parts: [String] = [],
            acceptedAnswer: String? = nil
        ) {
            self.id = id
            self.kind = kind
            self.points = points
            self.choices = choices
            self.parts = parts
            self.acceptedAnswer = acceptedAnswer
        }
    }

    public var id: String
    public var version: String
    public var title: String
    public var studyLoadMinutes: Int
    public var accreditations: [Accreditation]
    /// Every page in reading order.
    public var pages: [(lessonId: String, pageId: String)]
    public var quizId: String?
    public var passPercent: Int
    public var maxAttempts: Int
    public var questionsPerAttempt: Int
    public var questions: [Question]

    public init(
        id: String,
        version: String,
        title: String,
        studyLoadMinutes: Int,
        accreditations: [Accreditation],
        pages: [(lessonId: String, pageId: String)],
        quizId: String?,
        passPercent: Int,
        maxAttempts: Int,
        questionsPerAttempt: Int,
        questions: [Question]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.studyLoadMinutes = studyLoadMinutes
        self.accreditations = accreditations
        self.pages = pages
        self.quizId = quizId
        self.passPercent = passPercent
        self.maxAttempts = maxAttempts
        self.questionsPerAttempt = questionsPerAttempt
        self.questions = questions
    }
}

extension SeedModule {
    /// The ids of a loaded module, as the seeder needs them.
    public init(_ module: Module) {
        let quiz = module.quiz
        self.init(
            id: module.id,
            version: module.version,
            title: module.title,
            studyLoadMinutes: module.studyLoadMinutes,
            accreditations: module.accreditations.map { .init(register: $0.register, number: $0.number, points: $0.points) },
            pages: module.pages.map { ($0.lesson.id, $0.page.id) },
            quizId: quiz?.id,
            passPercent: quiz?.passPercent ?? 70,
            maxAttempts: quiz?.maxAttempts ?? 0,
            questionsPerAttempt: quiz?.questionsPerAttempt ?? 0,
            questions: (quiz?.questions ?? []).map { question in
                let kind: SeedModule.Question.Kind =
                    switch question.kind {
                    case .single, .truefalse: .single
                    case .multiple: .multiple
                    case .match: .match
                    case .order: .order
                    case .text: .text
                    }
                return SeedModule.Question(
                    id: question.id,
                    kind: kind,
                    points: question.points,
                    choices: question.choices.map { ($0.id, $0.isCorrect) },
                    parts: question.kind == .match ? question.pairs.map(\.id) : question.items.map(\.id),
                    acceptedAnswer: question.acceptedAnswers.first
                )
            }
        )
    }
}
