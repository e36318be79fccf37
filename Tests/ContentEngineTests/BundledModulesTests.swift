import Foundation
import Testing

@testable import ContentEngine

/// The three real modules (issue 7) must stay clean and keep their structural minimums, so they can't erode.
@Suite("Bundled modules")
struct BundledModulesTests {
    static let ids = ["dementie", "nah", "verstandelijke-beperking"]

    @Test("all bundled modules validate with zero errors and zero warnings")
    func catalogIsClean() throws {
        let result = CatalogLoader(loader: moduleLoader).load(paths: [repositoryRoot.appendingPathComponent("modules")], relativeTo: repositoryRoot)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted).joined(separator: "\n"))")
        #expect(Set(result.catalog.modules.map(\.id)).isSuperset(of: Self.ids + ["voorbeeld"]))
    }

    @Test("each real module meets the structural minimums", arguments: ids)
    func structuralMinimums(id: String) throws {
        let loaded = moduleLoader.load(file: repositoryRoot.appendingPathComponent("modules/\(id)/module.xml"))
        let module = try #require(loaded.module, "\(loaded.diagnostics.map(\.formatted))")
        #expect((60...120).contains(module.studyLoadMinutes))
        #expect(!module.audience.isEmpty)
        #expect((5...8).contains(module.objectives.count))
        #expect((5...8).contains(module.lessons.count))
        #expect(module.pageCount >= 25)
        let blocks = module.lessons.flatMap(\.pages).flatMap(\.blocks)
        let cases = blocks.filter { if case .caseStory = $0 { true } else { false } }
        #expect(cases.count >= 3)
        let lessonsWithChecks = module.lessons.filter { lesson in lesson.pages.contains { !$0.checks.isEmpty } }
        #expect(lessonsWithChecks.count >= 4)
        let quiz = try #require(module.quiz)
        #expect(quiz.questionsPerAttempt >= 12)
        #expect(Set(quiz.questions.map(\.kind)).count >= 3)
        #expect(quiz.questions.allSatisfy { $0.explanation != nil })
        #expect(quiz.questions.flatMap(\.choices).allSatisfy { $0.feedback != nil })
        #expect(!module.glossary.isEmpty)
        #expect(!module.sources.isEmpty)
        #expect(module.accreditations.isEmpty, "no accreditation numbers that do not exist")
        // Every quiz question says which objective it tests; every objective has at least two; and every attempt
        // covers every objective (the draw takes one per objective first).
        #expect(quiz.questions.allSatisfy { $0.objective != nil })
        let perObjective = Dictionary(grouping: quiz.questions.compactMap(\.objective), by: { $0 }).mapValues(\.count)
        #expect(Set(perObjective.keys) == Set(1...module.objectives.count), "\(perObjective)")
        #expect(perObjective.values.allSatisfy { $0 >= 2 }, "\(perObjective)")
        #expect(quiz.questionsPerAttempt >= module.objectives.count)
        for attempt in 0..<200 {
            let drawn = AttemptPlan.questionIds(for: quiz, seed: "poging-\(attempt)")
            #expect(drawn.count == quiz.questionsPerAttempt)
            #expect(Set(drawn.compactMap { quiz.question(id: $0)?.objective }).count == module.objectives.count)
        }
        let images = blocks.compactMap { if case .image(let image) = $0 { image } else { nil } }
        #expect(!images.isEmpty)
    }
}
