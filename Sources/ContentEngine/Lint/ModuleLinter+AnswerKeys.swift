/// Answer-key giveaways: patterns a test-wise learner spots without knowing the subject. Each looks at a group
/// of questions (all inline checks of the module, or the quiz) and needs `LintBudgets.minimumQuestionsForPattern`
/// questions before it says anything.
extension ModuleLinter {
    /// A choice question as the patterns see it: the choices' plain text (without feedback) and which are right.
    struct KeyedQuestion {
        var kind: String
        var choices: [(text: String, correct: Bool)]

        init(_ element: XMLElement) {
            kind = element.attribute("type") ?? ""
            choices = element.children(named: "choice").map {
                (InlineContent($0, skipping: ["feedback"]).text, ["true", "1"].contains($0.attribute("correct") ?? ""))
            }
        }

        var correctIndices: [Int] { choices.indices.filter { choices[$0].correct } }
    }

    func lintAnswerKeys(_ elements: [XMLElement], isQuiz: Bool, at anchor: XMLElement?, shuffled: Bool = false) {
        let questions = elements.map(KeyedQuestion.init)
        let what = isQuiz ? "toetsvragen" : "oefenvragen"
        let minimum = LintBudgets.minimumQuestionsForPattern
        let singles = questions.filter { $0.kind == "single" && $0.correctIndices.count == 1 && $0.choices.count >= 2 }

        // Shown in file order (checks always, the quiz unless shuffle="true"): the same position every time is a key.
        if !shuffled, singles.count >= minimum, let position = singles.first?.correctIndices.first,
            singles.allSatisfy({ $0.correctIndices.first == position })
        {
            warn(
                "answer-key-position",
                "In alle \(singles.count) single-\(what) is antwoord \(position + 1) het goede. Wie dat doorheeft, hoeft niet na te denken. "
                    + "Zet het goede antwoord op wisselende plekken (de id's mogen blijven).",
                at: anchor
            )
        }

        // The right answer is often the longest: it is the one the author qualified most carefully.
        let withThree = singles.filter { $0.choices.count >= 3 }
        let longestIsRight = withThree.filter { question in
            let lengths = question.choices.map(\.text.count)
            guard let right = question.correctIndices.first, let maximum = lengths.max() else { return false }
            return lengths[right] == maximum && lengths.filter { $0 == maximum }.count == 1
        }
        if withThree.count >= minimum, longestIsRight.count * 2 > withThree.count {
            warn(
                "answer-key-longest",
                "In \(longestIsRight.count) van de \(withThree.count) single-\(what) met drie of meer antwoorden is het goede antwoord het "
                    + "langste. Dat verraadt het antwoord. Maak de foute antwoorden even precies, of het goede korter.",
                at: anchor
            )
        }

        // True/false keys all one way: always "Waar" (or always "Niet waar") can be guessed.
        let keys: [Bool] = questions.filter { $0.kind == "truefalse" && $0.choices.count == 2 && $0.correctIndices.count == 1 }
            .map { question in
                let right = question.correctIndices[0]
                switch question.choices[right].text.lowercased() {
                case "waar", "juist", "klopt", "ja": return true
                case "niet waar", "onwaar", "niet juist", "klopt niet", "nee": return false
                default: return right == 0
                }
            }
        if keys.count >= minimum, let first = keys.first, keys.allSatisfy({ $0 == first }) {
            warn(
                "answer-key-truefalse",
                "Bij alle \(keys.count) waar/niet waar-\(what) is het antwoord \"\(first ? "Waar" : "Niet waar")\". Wie dat doorheeft, raadt "
                    + "alles goed. Maak van een paar stellingen de omgekeerde stelling.",
                at: anchor
            )
        }
    }
}
