/// Grades a whole attempt. Questions that were removed from the module since the attempt started are left
/// out of the maximum (the learner cannot be blamed for them) and reported, so the page can say so.
public enum QuizGrader {
    public struct QuestionOutcome: Sendable {
        public var question: Question
        public var response: QuestionResponse
        public var result: Grader.Result
        public var answered: Bool { !response.isEmpty }
    }

    public struct Outcome: Sendable {
        public var questions: [QuestionOutcome]
        public var points: Double
        public var maxPoints: Double
        /// Rounded down, so 69.9 % never passes a 70 % quiz.
        public var percent: Int
        public var passed: Bool
        /// Question ids of the attempt that no longer exist in the module.
        public var removedQuestionIds: [String]
        /// True when a question's parts changed since the answer (unknown choice/pair/item ids).
        public var changedSinceAnswer: Bool
    }

    /// `graded` may hold results already worked out for some of `responses` (the server grades a posted form
    /// before it takes its turn at the database); every other response is graded here.
    public static func grade(
        quiz: Quiz,
        questionIds: [String],
        responses: [String: QuestionResponse],
        graded: [String: Grader.Result] = [:]
    ) -> Outcome {
        var outcomes: [QuestionOutcome] = []
        var removed: [String] = []
        for id in questionIds {
            guard let question = quiz.question(id: id) else {
                removed.append(id)
                continue
            }
            let response = responses[id] ?? QuestionResponse()
            let result = graded[id] ?? Grader.grade(question, response)
            outcomes.append(QuestionOutcome(question: question, response: response, result: result))
        }
        let points = outcomes.reduce(0) { $0 + $1.result.points }
        let maxPoints = outcomes.reduce(0) { $0 + Double($1.question.points) }
        let percent = maxPoints > 0 ? Int((points / maxPoints * 100 + 1e-9).rounded(.down)) : 0
        return Outcome(
            questions: outcomes,
            points: points,
            maxPoints: maxPoints,
            percent: percent,
            passed: maxPoints > 0 && percent >= quiz.passPercent,
            removedQuestionIds: removed,
            changedSinceAnswer: outcomes.contains { !$0.result.unknownParts.isEmpty }
        )
    }

    /// Whether the learner may see the correct answers of a submitted attempt.
    public static func showsCorrectAnswers(quiz: Quiz, passed: Bool, attemptsUsed: Int) -> Bool {
        switch quiz.review {
        case .never: return false
        case .afterSubmit: return true
        case .afterPass: return passed
        case .afterLastAttempt: return passed || (quiz.maxAttempts > 0 && attemptsUsed >= quiz.maxAttempts)
        }
    }
}

/// When a module counts as completed: every current page seen and, if there is a quiz, a passed attempt.
public enum Completion {
    public static func isComplete(_ module: Module, seenPageIds: Set<String>, quizPassed: Bool) -> Bool {
        let allSeen = module.lessons.allSatisfy { $0.pages.allSatisfy { seenPageIds.contains($0.id) } }
        return allSeen && (module.quiz == nil || quizPassed)
    }
}
