import ContentEngine
import RequestParsing

/// A question as a form, both ways: its template model (`QuestionForm`: radio buttons, checkboxes, one select per
/// match row or order item, or a text field) and the response read back from the posted fields. Shared by inline
/// checks and the quiz. Field names:
/// `antwoord` (choices), `koppel-<pair>` (match), `positie-<item>` (order), `tekst` (text), each after
/// `namePrefix` (empty for a check, `v-<question>-` in a quiz where one form holds many questions).
enum QuestionFormModel {
    static func make(
        _ question: Question,
        renderer: ContentRenderer,
        idPrefix: String,
        response: QuestionResponse?,
        seed: String,
        namePrefix: String = "",
        choices: [Question.Choice]? = nil
    ) -> QuestionForm {
        let inputs: QuestionForm.Inputs
        switch question.kind {
        case .single, .truefalse, .multiple:
            let choices = (choices ?? question.choices).map { choice in
                QuestionForm.Choice(
                    inputId: "\(idPrefix)-\(choice.id)",
                    value: choice.id,
                    label: renderer.html(choice.content),
                    checked: response?.choiceIds.contains(choice.id) ?? false
                )
            }
            inputs = .choices(name: namePrefix + "antwoord", multiple: question.kind == .multiple, choices)
        case .match:
            let options = StableShuffle.shuffled(question.pairs, seed: seed + "/rechts")
            inputs = .match(
                question.pairs.map { pair in
                    let chosen = response?.matches[pair.id]
                    return QuestionForm.SelectRow(
                        inputId: "\(idPrefix)-\(pair.id)",
                        name: "\(namePrefix)koppel-\(pair.id)",
                        label: renderer.html(pair.left),
                        options: options.map { .init(value: $0.id, label: $0.right.normalizedText, selected: chosen == $0.id) }
                    )
                }
            )
        case .order:
            let shown = StableShuffle.shuffledAvoidingIdentity(question.items.map(\.id), seed: seed + "/volgorde")
            let items = Dictionary(uniqueKeysWithValues: question.items.map { ($0.id, $0) })
            inputs = .order(
                shown.compactMap { items[$0] }.map { item in
                    let chosen = response?.positions[item.id]
                    return QuestionForm.SelectRow(
                        inputId: "\(idPrefix)-\(item.id)",
                        name: "\(namePrefix)positie-\(item.id)",
                        label: renderer.html(item.content),
                        options: (1...question.items.count).map { .init(value: "\($0)", label: "\($0)", selected: chosen == $0) }
                    )
                }
            )
        case .text:
            inputs = .text(name: namePrefix + "tekst", inputId: "\(idPrefix)-tekst", text: response?.text ?? "")
        }
        return QuestionForm(prompt: renderer.html(question.prompt), inputs: inputs)
    }

    /// Reads a response to `question` from the form fields above. Unknown ids are kept, so grading can tell.
    static func response(to question: Question, from form: FormData, namePrefix: String = "") -> QuestionResponse {
        var response = QuestionResponse()
        switch question.kind {
        case .single, .truefalse:
            if let choice = form[namePrefix + "antwoord"], !choice.isEmpty { response.choiceIds = [choice] }
        case .multiple:
            response.choiceIds = Set(form.all(namePrefix + "antwoord").filter { !$0.isEmpty })
        case .match:
            let prefix = namePrefix + "koppel-"
            for name in form.names(withPrefix: prefix) {
                if let value = form[name], !value.isEmpty { response.matches[String(name.dropFirst(prefix.count))] = value }
            }
        case .order:
            let prefix = namePrefix + "positie-"
            for name in form.names(withPrefix: prefix) {
                if let value = RequestNumber.parse(form[name], in: 1...10_000) { response.positions[String(name.dropFirst(prefix.count))] = value }
            }
        case .text:
            response.text = String(form.text(namePrefix + "tekst").prefix(500))
        }
        return response
    }

    /// Parts of a response that do not exist in the question as it is now: a tampered or stale form.
    static func unknownParts(_ response: QuestionResponse, in question: Question) -> [String] {
        let choiceIds = Set(question.choices.map(\.id))
        let pairIds = Set(question.pairs.map(\.id))
        let itemIds = Set(question.items.map(\.id))
        var unknown = Array(response.choiceIds.subtracting(choiceIds))
        unknown += response.matches.keys.filter { !pairIds.contains($0) } + response.matches.values.filter { !pairIds.contains($0) }
        unknown += response.positions.keys.filter { !itemIds.contains($0) }
        unknown += response.positions.values.filter { !(1...max(1, question.items.count)).contains($0) }.map(String.init)
        if question.kind == .single || question.kind == .truefalse, response.choiceIds.count > 1 { unknown.append("meer-dan-een") }
        return unknown
    }

    /// Feedback after grading: correct or not, the feedback of what was chosen, and the explanation.
    static func feedback(
        _ question: Question,
        _ response: QuestionResponse,
        _ result: Grader.Result,
        renderer: ContentRenderer
    ) -> QuestionFeedback {
        var items: [String] = []
        switch question.kind {
        case .single, .truefalse, .multiple:
            for choice in question.choices where response.choiceIds.contains(choice.id) {
                if let feedback = choice.feedback { items.append(renderer.html(feedback)) }
            }
        case .match:
            for pair in question.pairs where result.incorrectParts.contains(pair.id) {
                if let feedback = pair.feedback { items.append(renderer.html(feedback)) }
            }
        case .order:
            for item in question.items where result.incorrectParts.contains(item.id) {
                if let feedback = item.feedback { items.append(renderer.html(feedback)) }
            }
        case .text:
            break
        }
        let general = result.isCorrect ? question.feedbackWhenCorrect : question.feedbackWhenIncorrect
        if let general { items.append(renderer.html(general)) }
        return QuestionFeedback(
            correct: result.isCorrect,
            verdict: result.isCorrect ? "Goed!" : (result.fraction > 0 ? "Gedeeltelijk goed." : "Niet goed."),
            items: items,
            explanation: question.explanation.map { renderer.html($0) },
            changed: result.unknownParts.isEmpty ? nil : "Deze vraag is veranderd sinds je antwoord. We hebben gekeken naar wat nog bestaat."
        )
    }
}
