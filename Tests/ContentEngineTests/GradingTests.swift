import Testing

@testable import ContentEngine

@Suite("Grading")
struct GradingTests {
    func choice(_ id: String, _ correct: Bool = false) -> Question.Choice {
        Question.Choice(id: id, content: [.text(id)], isCorrect: correct, feedback: nil)
    }

    func question(
        _ kind: Question.Kind,
        choices: [Question.Choice] = [],
        pairs: [String] = [],
        items: [String] = [],
        accepted: [String] = [],
        partial: Bool = false,
        points: Int = 1
    ) -> Question {
        Question(
            id: "q",
            kind: kind,
            points: points,
            partialCredit: partial,
            prompt: [.text("?")],
            choices: choices,
            pairs: pairs.map { Question.MatchPair(id: $0, left: [.text("L\($0)")], right: [.text("R\($0)")], feedback: nil) },
            items: items.map { Question.OrderItem(id: $0, content: [.text($0)], feedback: nil) },
            acceptedAnswers: accepted,
            feedbackWhenCorrect: nil,
            feedbackWhenIncorrect: nil,
            explanation: nil
        )
    }

    @Test("single and truefalse: only the one correct choice scores")
    func single() {
        let q = question(.single, choices: [choice("a", true), choice("b"), choice("c")], points: 2)
        #expect(Grader.grade(q, QuestionResponse(choiceIds: ["a"])).points == 2)
        #expect(Grader.grade(q, QuestionResponse(choiceIds: ["b"])).points == 0)
        #expect(Grader.grade(q, QuestionResponse(choiceIds: ["a", "b"])).points == 0, "a forged second pick does not score")
        #expect(Grader.grade(q, QuestionResponse()).points == 0)
        let unknown = Grader.grade(q, QuestionResponse(choiceIds: ["z"]))
        #expect(unknown.points == 0 && unknown.unknownParts == ["z"])
        let tf = question(.truefalse, choices: [choice("waar"), choice("niet-waar", true)])
        #expect(Grader.grade(tf, QuestionResponse(choiceIds: ["niet-waar"])).isCorrect)
    }

    @Test("multiple: all-or-nothing by default")
    func multipleAllOrNothing() {
        let q = question(.multiple, choices: [choice("a", true), choice("b", true), choice("c"), choice("d")])
        #expect(Grader.grade(q, QuestionResponse(choiceIds: ["a", "b"])).isCorrect)
        #expect(Grader.grade(q, QuestionResponse(choiceIds: ["a"])).fraction == 0)
        #expect(Grader.grade(q, QuestionResponse(choiceIds: ["a", "b", "c"])).fraction == 0)
    }

    @Test("multiple with partial credit: right minus wrong picks, never below zero")
    func multiplePartial() {
        let q = question(.multiple, choices: [choice("a", true), choice("b", true), choice("c"), choice("d")], partial: true, points: 4)
        #expect(Grader.grade(q, QuestionResponse(choiceIds: ["a"])).points == 2)
        #expect(Grader.grade(q, QuestionResponse(choiceIds: ["a", "c"])).points == 0)
        #expect(Grader.grade(q, QuestionResponse(choiceIds: ["a", "b", "c", "d"])).points == 0, "ticking everything earns nothing here")
        #expect(Grader.grade(q, QuestionResponse(choiceIds: ["c", "d"])).points == 0)
        #expect(Grader.grade(q, QuestionResponse(choiceIds: ["a", "b"])).points == 4)
    }

    @Test("match: each row must point at its own pair; partial credit per row")
    func match() {
        let q = question(.match, pairs: ["x", "y", "z"])
        #expect(Grader.grade(q, QuestionResponse(matches: ["x": "x", "y": "y", "z": "z"])).isCorrect)
        #expect(Grader.grade(q, QuestionResponse(matches: ["x": "x", "y": "z", "z": "y"])).fraction == 0)
        let partial = question(.match, pairs: ["x", "y", "z"], partial: true)
        let result = Grader.grade(partial, QuestionResponse(matches: ["x": "x", "y": "z"]))
        #expect(abs(result.fraction - 1.0 / 3.0) < 1e-9)
        #expect(result.correctParts == ["x"] && result.incorrectParts == ["y", "z"])
        #expect(Grader.grade(q, QuestionResponse(matches: ["x": "weg"])).unknownParts == ["weg"])
    }

    @Test("order: positions must follow the authored order")
    func order() {
        let q = question(.order, items: ["een", "twee", "drie"])
        #expect(Grader.grade(q, QuestionResponse(positions: ["een": 1, "twee": 2, "drie": 3])).isCorrect)
        #expect(Grader.grade(q, QuestionResponse(positions: ["een": 2, "twee": 1, "drie": 3])).fraction == 0)
        let partial = question(.order, items: ["een", "twee", "drie"], partial: true)
        #expect(abs(Grader.grade(partial, QuestionResponse(positions: ["een": 2, "twee": 1, "drie": 3])).fraction - 1.0 / 3.0) < 1e-9)
        #expect(Grader.grade(q, QuestionResponse(positions: ["een": 1, "een-oud": 2])).unknownParts == ["een-oud"])
    }

    @Test("text: case and extra spaces do not matter; empty never matches")
    func text() {
        let q = question(.text, accepted: ["keukentafel gesprek", "keukentafelgesprek"])
        #expect(Grader.grade(q, QuestionResponse(text: "  Keukentafel   Gesprek ")).isCorrect)
        #expect(Grader.grade(q, QuestionResponse(text: "KEUKENTAFELGESPREK")).isCorrect)
        #expect(!Grader.grade(q, QuestionResponse(text: "keuken")).isCorrect)
        #expect(!Grader.grade(question(.text, accepted: [" "]), QuestionResponse(text: "")).isCorrect)
    }

    @Test("an attempt's plan draws and shuffles deterministically")
    func attemptPlan() throws {
        let questions = (1...10).map { n -> Question in
            var q = question(.single, choices: [choice("a", true), choice("b")])
            q.id = "q\(n)"
            return q
        }
        let quiz = Quiz(
            id: "t",
            title: nil,
            intro: [],
            passPercent: 70,
            maxAttempts: 0,
            shuffle: true,
            draw: 4,
            review: .afterSubmit,
            questions: questions
        )
        let plan = AttemptPlan.questionIds(for: quiz, seed: "poging-1")
        #expect(plan.count == 4 && Set(plan).count == 4)
        #expect(plan == AttemptPlan.questionIds(for: quiz, seed: "poging-1"))
        let others = (2...20).map { AttemptPlan.questionIds(for: quiz, seed: "poging-\($0)") }
        #expect(others.contains { $0 != plan }, "different seeds give different draws")
        var fixed = quiz
        fixed.shuffle = false
        fixed.draw = nil
        #expect(AttemptPlan.questionIds(for: fixed, seed: "x") == questions.map(\.id))
    }

    @Test("a whole attempt: percent rounds down, removed questions leave the maximum, review follows the policy")
    func wholeAttempt() {
        var q1 = question(.single, choices: [choice("a", true), choice("b")])
        q1.id = "q1"
        var q2 = question(.single, choices: [choice("a", true), choice("b")], points: 2)
        q2.id = "q2"
        let quiz = Quiz(
            id: "t",
            title: nil,
            intro: [],
            passPercent: 70,
            maxAttempts: 3,
            shuffle: false,
            draw: nil,
            review: .afterLastAttempt,
            questions: [q1, q2]
        )
        let outcome = QuizGrader.grade(
            quiz: quiz,
            questionIds: ["q1", "q2", "weg"],
            responses: ["q1": QuestionResponse(choiceIds: ["b"]), "q2": QuestionResponse(choiceIds: ["a"])]
        )
        #expect(outcome.points == 2 && outcome.maxPoints == 3)
        #expect(outcome.percent == 66 && !outcome.passed)
        #expect(outcome.removedQuestionIds == ["weg"])
        #expect(!QuizGrader.showsCorrectAnswers(quiz: quiz, passed: false, attemptsUsed: 2))
        #expect(QuizGrader.showsCorrectAnswers(quiz: quiz, passed: false, attemptsUsed: 3))
        #expect(QuizGrader.showsCorrectAnswers(quiz: quiz, passed: true, attemptsUsed: 1))
    }
}
