/// Which questions an attempt gets, in which order. Fixed per attempt by its seed and stored with it, so a
/// reload or a review shows the same quiz even if the module's question order changes later.
public enum AttemptPlan {
    /// Draws `quiz.draw` questions (or all) and shuffles them when the quiz says so.
    public static func questionIds(for quiz: Quiz, seed: String) -> [String] {
        let ids = quiz.questions.map(\.id)
        let pool = quiz.draw != nil || quiz.shuffle ? StableShuffle.shuffled(ids, seed: seed + "/trekking") : ids
        let drawn = Array(pool.prefix(quiz.questionsPerAttempt))
        if quiz.shuffle { return drawn }
        // Drawn but not shuffled: keep the author's order.
        let chosen = Set(drawn)
        return ids.filter { chosen.contains($0) }
    }

    /// The order in which a question's choices are shown in this attempt.
    public static func choiceOrder(_ question: Question, quiz: Quiz, seed: String) -> [Question.Choice] {
        guard quiz.shuffle, question.kind != .truefalse else { return question.choices }
        return StableShuffle.shuffled(question.choices, seed: seed + "/" + question.id)
    }
}
