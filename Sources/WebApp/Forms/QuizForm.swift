import ContentEngine

/// A posted quiz form, read against the module's quiz before the attempt is looked up: which questions its
/// fields belong to and what they answer. Every field of the quiz form is named `v-<question>-…`.
///
/// Read up front, on the request's own thread, because the attempt itself is only known on the single database
/// writer (see `QuizController.postAttempt`); what is left for there is a set lookup per field.
struct QuizForm: Sendable {
    /// Non-empty answers by question id, as read from the form.
    private(set) var responses: [String: QuestionResponse] = [:]
    /// The same answers as stored (JSON, `ResponseCoding`).
    private(set) var encodedResponses: [String: String] = [:]
    /// The same answers graded (grading is pure, so this is done here rather than on the database writer).
    private(set) var graded: [String: Grader.Result] = [:]
    /// For every `v-` field, the ids of the quiz questions it can belong to (ids may contain dashes, so a name
    /// can fit more than one); empty for a field of no question of the quiz.
    private var fieldOwners: [[String]] = []
    /// "Inleveren" rather than "Opslaan".
    let submits: Bool
    /// The learner confirmed submitting with open questions.
    let confirmed: Bool

    /// Throws 400 when an answer names a choice, pair, item or position the question does not have: a tampered
    /// or stale form. Nothing is stored then.
    init(_ form: FormData, quiz: Quiz) throws {
        submits = form["actie"] == "inleveren"
        confirmed = form["bevestigd"] == "ja"
        let prefixes = quiz.questions.map { (QuizController.namePrefix($0), $0) }
        var answered: [String: Question] = [:]
        for name in form.names(withPrefix: "v-") {
            let owners = prefixes.filter { name.hasPrefix($0.0) }.map(\.1)
            fieldOwners.append(owners.map(\.id))
            for question in owners { answered[question.id] = question }
        }
        for (id, question) in answered {
            let response = QuestionFormModel.response(to: question, from: form, namePrefix: QuizController.namePrefix(question))
            guard QuestionFormModel.unknownParts(response, in: question).isEmpty else {
                throw AppError.badRequest("Een antwoord past niet bij de vragen van deze toets. Er is niets opgeslagen. Laad de toets opnieuw.")
            }
            if !response.isEmpty {
                responses[id] = response
                encodedResponses[id] = ResponseCoding.encode(response)
                graded[id] = Grader.grade(question, response)
            }
        }
    }

    /// Only answers to `questionIds` (the attempt's current questions) count; throws 400 when a field belongs
    /// to none of them (a question of another attempt, or one removed from the module).
    func restricted(to questionIds: Set<String>) throws -> QuizForm {
        for owners in fieldOwners where !owners.contains(where: questionIds.contains) {
            throw AppError.badRequest("Een antwoord hoort niet bij deze toets. Er is niets opgeslagen. Laad de toets opnieuw.")
        }
        var form = self
        if !responses.keys.allSatisfy(questionIds.contains) {  // only when a question was removed from the module
            form.responses = responses.filter { questionIds.contains($0.key) }
            form.encodedResponses = encodedResponses.filter { questionIds.contains($0.key) }
            form.graded = graded.filter { questionIds.contains($0.key) }
        }
        return form
    }
}
