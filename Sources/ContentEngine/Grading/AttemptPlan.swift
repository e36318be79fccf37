/// Which questions an attempt gets, in which order. Fixed per attempt by its seed and stored with it, so a
/// reload or a review shows the same quiz even if the module's question order changes later.
public enum AttemptPlan {
    /// Draws `quiz.draw` questions (or all) and shuffles them when the quiz says so. When questions name the objective
    /// they test, the draw first takes one question of each objective (as far as the draw allows), then fills up: so
    /// every attempt tests every objective, as a register expects of a final test.
    public static func questionIds(for quiz: Quiz, seed: String) -> [String] {
        let ids = quiz.questions.map(\.id)
        let pool = quiz.draw != nil || quiz.shuffle ? StableShuffle.shuffled(ids, seed: seed + "/trekking") : ids
        let drawn = coveringObjectives(pool, of: quiz, count: quiz.questionsPerAttempt)
        if quiz.shuffle { return drawn }
        // Drawn but not shuffled: keep the author's order.
        let chosen = Set(drawn)
        return ids.filter { chosen.contains($0) }
    }

    /// The first `count` of `pool`, except that one question per objective comes first (the first of each objective in
    /// the pool's order): then the rest in pool order. Without objectives it is simply the first `count`.
    static func coveringObjectives(_ pool: [String], of quiz: Quiz, count: Int) -> [String] {
        guard count < pool.count else { return pool }
        var covered: Set<Int> = []
        var first: [String] = []
        for id in pool {
            guard let objective = quiz.question(id: id)?.objective, !covered.contains(objective) else { continue }
            covered.insert(objective)
            first.append(id)
        }
        let chosen = Set(first.prefix(count))
        return Array((first.prefix(count) + pool.filter { !chosen.contains($0) }).prefix(count))
    }

    /// The order in which a question's choices are shown in this attempt.
    public static func choiceOrder(_ question: Question, quiz: Quiz, seed: String) -> [Question.Choice] {
        guard quiz.shuffle, question.kind != .truefalse else { return question.choices }
        return StableShuffle.shuffled(question.choices, seed: seed + "/" + question.id)
    }
}
