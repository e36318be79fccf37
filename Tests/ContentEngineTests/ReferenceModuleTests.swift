import Foundation
import Testing

@testable import ContentEngine

@Suite("The reference module")
struct ReferenceModuleTests {
    let loaded = moduleLoader.load(
        file: repositoryRoot.appendingPathComponent("modules/voorbeeld/module.xml"),
        displayPath: "modules/voorbeeld/module.xml"
    )

    @Test("loads without errors or warnings")
    func loadsClean() throws {
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.formatted))")
        #expect(loaded.module != nil)
    }

    @Test("carries every part of the format into the model")
    func everyPartIsRead() throws {
        let module = try #require(loaded.module)
        #expect(module.id == "voorbeeld")
        #expect(module.version == "2026.1")
        #expect(module.language == "nl")
        #expect(module.studyLoadMinutes == 15)
        #expect(module.accreditations.first?.points == "0.25")
        #expect(module.licence?.href?.hasPrefix("https://creativecommons.org") == true)
        #expect(module.lessons.map(\.id) == ["kennismaken", "oefenen"])
        #expect(module.pageCount == 4)

        let blocks = module.lessons.flatMap(\.pages).flatMap(\.blocks)
        func has(_ predicate: (Block) -> Bool) -> Bool { blocks.contains(where: predicate) }
        #expect(has { if case .paragraph = $0 { true } else { false } })
        #expect(has { if case .heading = $0 { true } else { false } })
        #expect(has { if case .list(ordered: true, _) = $0 { true } else { false } })
        #expect(has { if case .quote(_, by: "Anja, mantelzorger") = $0 { true } else { false } })
        #expect(has { if case .image(let image) = $0 { image.caption != nil && image.width == 480 } else { false } })
        #expect(has { if case .video(let video) = $0 { video.tracks.count == 1 && video.transcript != nil } else { false } })
        #expect(has { if case .audio(let audio) = $0 { !audio.transcript.isEmpty } else { false } })
        #expect(has { if case .callout(let callout) = $0 { callout.kind == .warning } else { false } })
        #expect(has { if case .caseStory(let story) = $0 { story.title.contains("Jansen") } else { false } })
        #expect(has { if case .reflection = $0 { true } else { false } })
        #expect(module.lessons[1].pages[1].checks.count == 2)

        let quiz = try #require(module.quiz)
        #expect(quiz.passPercent == 70 && quiz.maxAttempts == 3 && quiz.shuffle && quiz.draw == 5)
        #expect(quiz.review == .afterLastAttempt)
        #expect(Set(quiz.questions.map(\.kind)) == Set(Question.Kind.allCases))
        let match = try #require(quiz.questions.first { $0.kind == .match })
        #expect(match.partialCredit && match.pairs.count == 3)
        let text = try #require(quiz.questions.first { $0.kind == .text })
        #expect(text.acceptedAnswers == ["keukentafelgesprek", "keukentafel-gesprek"])
        #expect(text.feedbackWhenIncorrect != nil)
        #expect(module.glossary.count == 3 && module.sources.count == 2)
    }

    @Test("keeps inline markup and the spaces around it")
    func inlineText() throws {
        let module = try #require(loaded.module)
        guard case .paragraph(let inlines) = module.lessons[0].pages[0].blocks[0] else {
            Issue.record("first block is not a paragraph")
            return
        }
        #expect(inlines.normalizedText.hasPrefix("Een alinea met nadruk, sterke nadruk, een begrip als mantelzorger en een link."))
        #expect(inlines.contains(.term(ref: "mantelzorger", [.text("mantelzorger")])))
        // A choice's text does not include its feedback.
        let choice = module.quiz!.questions[0].choices[0]
        #expect(choice.content.normalizedText == "Onbetaalde hulp uit een bestaande relatie")
        #expect(choice.feedback?.normalizedText == "Goed.")
    }
}
