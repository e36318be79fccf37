/// Quiz and questions, with the answer-key rules per question type.
extension ModuleReader {
    func readQuiz(_ element: XMLElement) -> Quiz {
        let id = element.attribute("id") ?? ""
        declare(id, of: element)
        let questions = element.children(named: "question").map { readQuestion($0, inQuiz: true) }
        let draw = element.attribute("draw").flatMap { Int($0) }
        if let draw, draw > questions.count {
            report(
                .error,
                "quiz-draw",
                "De toets trekt \(draw) vragen (draw=\"\(draw)\") maar heeft er maar \(questions.count). Verlaag draw of voeg vragen toe.",
                at: location(of: element, attribute: "draw")
            )
        }
        return Quiz(
            id: id,
            title: element.firstChild(named: "title")?.text,
            intro: element.firstChild(named: "intro").map { readBlocks($0) } ?? [],
            passPercent: element.attribute("passPercent").flatMap { Int($0) } ?? 100,
            maxAttempts: element.attribute("maxAttempts").flatMap { Int($0) } ?? 0,
            shuffle: element.attribute("shuffle") == "true" || element.attribute("shuffle") == "1",
            draw: draw,
            review: element.attribute("review").flatMap { Quiz.ReviewPolicy(rawValue: $0) } ?? .afterLastAttempt,
            questions: questions
        )
    }

    func readQuestion(_ element: XMLElement, inQuiz: Bool) -> Question {
        let id = element.attribute("id") ?? ""
        declare(id, of: element)
        let knownKind = element.attribute("type").flatMap { Question.Kind(rawValue: $0) }
        let kind = knownKind ?? .single
        var question = Question(
            id: id,
            kind: kind,
            points: element.attribute("points").flatMap { Int($0) } ?? 1,
            partialCredit: element.attribute("partialCredit") == "true" || element.attribute("partialCredit") == "1",
            prompt: element.firstChild(named: "prompt").map { inlines(of: $0) } ?? [],
            choices: [],
            pairs: [],
            items: [],
            acceptedAnswers: [],
            feedbackWhenCorrect: nil,
            feedbackWhenIncorrect: nil,
            explanation: element.firstChild(named: "explanation").map { inlines(of: $0) },
            objective: element.attribute("objective").flatMap { Int($0) }
        )
        var localIds: [String: Int] = [:]
        for child in element.children {
            switch child.name {
            case "choice":
                question.choices.append(
                    Question.Choice(
                        id: declareLocal(child, in: &localIds),
                        content: inlines(of: child, skipping: ["feedback"]),
                        isCorrect: child.attribute("correct") == "true" || child.attribute("correct") == "1",
                        feedback: child.firstChild(named: "feedback").map { inlines(of: $0) }
                    )
                )
            case "pair":
                question.pairs.append(
                    Question.MatchPair(
                        id: declareLocal(child, in: &localIds),
                        left: child.firstChild(named: "left").map { inlines(of: $0) } ?? [],
                        right: child.firstChild(named: "right").map { inlines(of: $0) } ?? [],
                        feedback: child.firstChild(named: "feedback").map { inlines(of: $0) }
                    )
                )
            case "item":
                question.items.append(
                    Question.OrderItem(
                        id: declareLocal(child, in: &localIds),
                        content: inlines(of: child, skipping: ["feedback"]),
                        feedback: child.firstChild(named: "feedback").map { inlines(of: $0) }
                    )
                )
            case "accept":
                question.acceptedAnswers.append(child.text)
            case "feedback":
                if child.attribute("when") == "correct" {
                    question.feedbackWhenCorrect = inlines(of: child)
                } else {
                    question.feedbackWhenIncorrect = inlines(of: child)
                }
            default:
                break
            }
        }
        // Without a known type the key cannot be judged; the schema reports the type.
        if knownKind != nil { checkAnswerKey(question, element: element, inQuiz: inQuiz) }
        return question
    }

    /// Choice, pair and item ids only need to be unique within their question.
    private func declareLocal(_ element: XMLElement, in ids: inout [String: Int]) -> String {
        let id = element.attribute("id") ?? ""
        if let firstLine = ids[id] {
            report(
                .error,
                "duplicate-choice-id",
                "De id \"\(id)\" komt twee keer voor in deze vraag (eerst op regel \(firstLine)). Geef elk antwoord een eigen id.",
                at: location(of: element, attribute: "id")
            )
        } else {
            ids[id] = element.line
        }
        return id
    }

    private func checkAnswerKey(_ question: Question, element: XMLElement, inQuiz: Bool) {
        let at = location(of: element)
        let kindName = question.kind.rawValue
        let expectedChild: String
        let present: Bool
        switch question.kind {
        case .single, .multiple, .truefalse: (expectedChild, present) = ("choice", !question.choices.isEmpty)
        case .match: (expectedChild, present) = ("pair", !question.pairs.isEmpty)
        case .order: (expectedChild, present) = ("item", !question.items.isEmpty)
        case .text: (expectedChild, present) = ("accept", !question.acceptedAnswers.isEmpty)
        }
        guard present else {
            report(
                .error,
                "question-structure",
                "Een vraag van type \(kindName) heeft <\(expectedChild)>-elementen nodig. Pas het type aan of gebruik <\(expectedChild)>.",
                at: at
            )
            return
        }
        let correctCount = question.choices.filter(\.isCorrect).count
        switch question.kind {
        case .single where correctCount != 1:
            report(
                .error,
                "answer-key",
                "Een single-vraag heeft precies één goed antwoord nodig (correct=\"true\"); deze vraag heeft er \(correctCount). Gebruik type=\"multiple\" als meer antwoorden goed zijn.",
                at: at
            )
        case .truefalse where question.choices.count != 2 || correctCount != 1:
            report(
                .error,
                "answer-key",
                "Een truefalse-vraag heeft precies twee keuzes (Waar en Niet waar) met één goed antwoord; deze heeft \(question.choices.count) keuzes en \(correctCount) goed.",
                at: at
            )
        case .multiple where correctCount == 0:
            report(
                .error,
                "answer-key",
                "Een multiple-vraag heeft minstens één goed antwoord nodig (correct=\"true\"); deze vraag heeft er geen.",
                at: at
            )
        case .match:
            var seen: Set<String> = []
            for pair in question.pairs where !seen.insert(pair.right.normalizedText.lowercased()).inserted {
                report(
                    .error,
                    "answer-key",
                    "In deze match-vraag staat het antwoord \"\(pair.right.normalizedText)\" twee keer rechts. Dan is niet duidelijk welke koppeling goed is.",
                    at: at
                )
            }
        case .text:
            let normalized = question.acceptedAnswers.map { TextAnswer.normalize($0) }
            if Set(normalized).count != normalized.count {
                report(
                    .warning,
                    "duplicate-accept",
                    "Twee <accept>-antwoorden zijn gelijk als je hoofdletters en spaties niet meetelt. Haal er één weg.",
                    at: at
                )
            }
        default:
            break
        }
        if question.partialCredit, [.single, .truefalse, .text].contains(question.kind) {
            report(
                .warning,
                "partial-credit-ignored",
                "partialCredit heeft geen effect bij een vraag van type \(kindName): die is altijd goed of fout.",
                at: at
            )
        }
        let withoutFeedback = question.choices.filter { $0.feedback == nil }.count
        if withoutFeedback > 0 {
            report(
                .warning,
                "missing-feedback",
                "\(withoutFeedback) van de \(question.choices.count) antwoorden hebben geen <feedback>. Leg bij elk antwoord uit waarom het goed of niet goed is.",
                at: at
            )
        }
        if inQuiz, question.explanation == nil {
            report(
                .warning,
                "missing-explanation",
                "Deze toetsvraag heeft geen <explanation>. Leg uit waarom het goede antwoord goed is, met een verwijzing naar de les.",
                at: at
            )
        }
    }
}
