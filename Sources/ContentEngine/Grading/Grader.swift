/// Grades one response to one question. Pure: the same question and response always give the same result.
///
/// Rules (documented for authors in docs/authoring.md):
/// - single, truefalse: the one correct choice, and nothing else.
/// - multiple: all-or-nothing by default; with `partialCredit`, (right picks − wrong picks) / correct choices,
///   never below zero (add enough wrong choices, or ticking everything still earns part of the points).
/// - match, order: all-or-nothing by default; with `partialCredit`, the share of pairs or items placed right.
/// - text: equal to an accepted answer when case and extra spaces are ignored.
public enum Grader {
    public struct Result: Sendable, Hashable {
        /// 0...1, the share of the question's points earned.
        public var fraction: Double
        /// Points earned, `fraction × question.points`.
        public var points: Double
        public var isCorrect: Bool { fraction >= 1 }
        /// Per-part correctness: choice ids, pair ids or item ids that the learner got right or wrong.
        public var correctParts: Set<String>
        public var incorrectParts: Set<String>
        /// Ids of responses that refer to parts that no longer exist (the module changed since the answer).
        public var unknownParts: Set<String>
    }

    public static func grade(_ question: Question, _ response: QuestionResponse) -> Result {
        var correctParts: Set<String> = []
        var incorrectParts: Set<String> = []
        var unknownParts: Set<String> = []
        var fraction = 0.0

        switch question.kind {
        case .single, .truefalse, .multiple:
            // Loops over the few choices rather than set algebra: this runs for every answer of every submission.
            var correctCount = 0
            for choice in question.choices {
                if choice.isCorrect { correctCount += 1 }
                guard response.choiceIds.contains(choice.id) else { continue }
                if choice.isCorrect { correctParts.insert(choice.id) } else { incorrectParts.insert(choice.id) }
            }
            if correctParts.count + incorrectParts.count < response.choiceIds.count {
                unknownParts = response.choiceIds.filter { id in !question.choices.contains { $0.id == id } }
            }
            if question.kind == .multiple && question.partialCredit {
                let net = Double(correctParts.count) - Double(incorrectParts.count)
                fraction = correctCount == 0 ? 0 : max(0, net / Double(correctCount))
            } else {
                // The known choices picked are exactly the correct ones.
                fraction = incorrectParts.isEmpty && correctParts.count == correctCount ? 1 : 0
            }
        case .match:
            let known = Set(question.pairs.map(\.id))
            unknownParts = Set(response.matches.keys).subtracting(known)
                .union(Set(response.matches.values).subtracting(known))
            for pair in question.pairs {
                if response.matches[pair.id] == pair.id { correctParts.insert(pair.id) } else { incorrectParts.insert(pair.id) }
            }
            fraction = share(correctParts.count, of: question.pairs.count, partial: question.partialCredit)
        case .order:
            let known = Set(question.items.map(\.id))
            unknownParts = Set(response.positions.keys).subtracting(known)
            for (index, item) in question.items.enumerated() {
                if response.positions[item.id] == index + 1 { correctParts.insert(item.id) } else { incorrectParts.insert(item.id) }
            }
            fraction = share(correctParts.count, of: question.items.count, partial: question.partialCredit)
        case .text:
            let given = TextAnswer.normalize(response.text ?? "")
            let accepted = question.acceptedAnswers.map(TextAnswer.normalize)
            fraction = !given.isEmpty && accepted.contains(given) ? 1 : 0
        }
        return Result(
            fraction: fraction,
            points: fraction * Double(question.points),
            correctParts: correctParts,
            incorrectParts: incorrectParts,
            unknownParts: unknownParts
        )
    }

    private static func share(_ right: Int, of total: Int, partial: Bool) -> Double {
        guard total > 0 else { return 0 }
        if partial { return Double(right) / Double(total) }
        return right == total ? 1 : 0
    }
}
