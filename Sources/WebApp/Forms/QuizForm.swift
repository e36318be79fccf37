import ContentEngine
import RequestParsing

/// A posted quiz form, read against the module's quiz before the attempt is looked up: which questions its
/// fields belong to and what they answer. Every field of the quiz form is named `v-<question>-…`.
///
/// Read up front, on the request's own thread, because the attempt itself is only known on the single database
/// writer (see `QuizController.postAttempt`); what is left for there is a set lookup per field.
struct QuizForm: Sendable {
    /// One non-empty answer: as read, as stored (JSON, `QuestionResponse.storedJSON`) and graded (grading is pure, so it is
    /// done here rather than on the database writer).
    struct Answer: Sendable {
        let response: QuestionResponse
        let stored: String
        let result: Grader.Result
    }

    /// The non-empty answers by question id.
    private(set) var answers: [String: Answer] = [:]
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
        var answered: Set<String> = []
        for name in form.names(withPrefix: "v-") {
            let owners = Self.questionIds(owning: name, in: quiz)
            fieldOwners.append(owners)
            answered.formUnion(owners)
        }
        for id in answered {
            guard let question = quiz.question(id: id) else { continue }
            let response = QuestionFormModel.response(to: question, from: form, namePrefix: QuizController.namePrefix(question))
            guard QuestionFormModel.unknownParts(response, in: question).isEmpty else {
                throw AppError.badRequest("Een antwoord past niet bij de vragen van deze toets. Er is niets opgeslagen. Laad de toets opnieuw.")
            }
            if !response.isEmpty {
                answers[id] = Answer(response: response, stored: response.storedJSON, result: Grader.grade(question, response))
            }
        }
    }

    /// The ids of the quiz's questions a field `v-<question>-<part>` can belong to: each part of the name before
    /// a dash that is a question id. (Dictionary lookups: a prefix test against every question of a large pool,
    /// with its strings and copies, was a visible part of a submission.)
    private static func questionIds(owning name: String, in quiz: Quiz) -> [String] {
        let rest = name.utf8.dropFirst(2)
        var owners: [String] = []
        var searchFrom = rest.startIndex
        while let dash = rest[searchFrom...].firstIndex(of: UInt8(ascii: "-")) {
            // An id has at most 64 characters (the schema's `Id`): a longer prefix can be no question's, so a name
            // of thousands of dashes costs 64 lookups, not one copy and hash per dash.
            guard rest.distance(from: rest.startIndex, to: dash) <= Self.maxQuestionIdLength else { break }
            let id = String(Substring(rest[rest.startIndex..<dash]))
            if quiz.containsQuestion(id: id) { owners.append(id) }
            searchFrom = rest.index(after: dash)
        }
        return owners
    }

    /// The schema's limit on an id (`Id` in module.xsd).
    static let maxQuestionIdLength = 64

    /// Only answers to `questionIds` (the attempt's current questions) count; throws 400 when a field belongs
    /// to none of them (a question of another attempt, or one removed from the module).
    func restricted(to questionIds: Set<String>) throws -> QuizForm {
        for owners in fieldOwners where !owners.contains(where: questionIds.contains) {
            throw AppError.badRequest("Een antwoord hoort niet bij deze toets. Er is niets opgeslagen. Laad de toets opnieuw.")
        }
        var form = self
        if !answers.keys.allSatisfy(questionIds.contains) {  // rare: an id that is a prefix of another, plus dash
            form.answers = answers.filter { questionIds.contains($0.key) }
        }
        return form
    }
}
