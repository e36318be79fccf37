import Foundation
import Testing

@testable import ContentEngine

@Suite("Study load estimate and review metadata")
struct StudyLoadEstimateTests {
    /// 300 words of text, two checks, a case and a reflection, and a quiz of one question.
    static let page = """
        <p>\(Array(repeating: "woord", count: 200).joined(separator: " "))</p>
        <list><item>\(Array(repeating: "woord", count: 100).joined(separator: " "))</item></list>
        <case title="Casus"><p>Een casus met woorden die niet apart tellen.</p></case>
        <reflection><p>Denk na.</p></reflection>
        <check id="c1" type="truefalse"><prompt>Waar?</prompt>
          <choice id="waar" correct="true">Waar<feedback>Ja.</feedback></choice><choice id="niet-waar">Niet waar<feedback>Nee.</feedback></choice></check>
        <check id="c2" type="truefalse"><prompt>Waar?</prompt>
          <choice id="waar">Waar<feedback>Nee.</feedback></choice><choice id="niet-waar" correct="true">Niet waar<feedback>Ja.</feedback></choice></check>
        """

    @Test("the estimate counts reading text, checks, cases, reflections and quiz questions at the documented rates")
    func estimate() throws {
        let modules = TemporaryModules()
        let loaded = modules.load(moduleXML(page: Self.page))
        let module = try #require(loaded.module)
        let estimate = StudyLoadEstimate(module)
        #expect(estimate.words == 300 && estimate.checks == 2 && estimate.cases == 1 && estimate.reflections == 1 && estimate.quizQuestions == 1)
        // 300/150 + 2×1 + 3 + 2 + 1.5 = 10.5 → 10 (nearest 5).
        #expect(estimate.minutes == 10)
        #expect(loaded.diagnostics.with(rule: "study-load-estimate").isEmpty)
    }

    @Test("a declared load far from the estimate is a warning that names both and the basis")
    func warning() throws {
        let modules = TemporaryModules()
        let xml = moduleXML(page: Self.page).replacingOccurrences(of: "minutes=\"10\"", with: "minutes=\"90\"")
        let warnings = modules.load(xml).diagnostics.with(rule: "study-load-estimate")
        #expect(warnings.count == 1)
        #expect(warnings.first?.severity == .warning && warnings.first?.line == line(of: "<studyLoad", in: xml))
        #expect(warnings.first?.message.contains("90 minuten") == true && warnings.first?.message.contains("ongeveer 10 minuten") == true)
    }

    @Test("review metadata is read: date, role, organisation and scope")
    func review() throws {
        let modules = TemporaryModules()
        let xml = moduleXML().replacingOccurrences(
            of: "<authors><author>Team</author></authors>",
            with: """
                <authors><author>Team</author></authors>
                <review date="2026-11-20" role="specialist ouderengeneeskunde" organisation="Voorbeeldzorg">alle lessen en de toets</review>
                """
        )
        let module = try #require(modules.load(xml).module)
        #expect(
            module.reviews == [
                Module.Review(
                    date: "2026-11-20",
                    role: "specialist ouderengeneeskunde",
                    organisation: "Voorbeeldzorg",
                    scope: "alle lessen en de toets"
                )
            ]
        )
        let bad = modules.load(xml.replacingOccurrences(of: "2026-11-20", with: "20-11-2026")).diagnostics
        #expect(bad.contains { $0.severity == .error && $0.message.contains("date") })
    }
}

@Suite("Objectives in the final quiz")
struct QuizObjectiveTests {
    static func quiz(objectives: [Int?], draw: Int) -> String {
        let questions = objectives.enumerated().map { index, objective in
            """
            <question id="q\(index)" type="truefalse"\(objective.map { " objective=\"\($0)\"" } ?? "")><prompt>Waar?</prompt>
              <choice id="waar" correct="true">Waar<feedback>Ja.</feedback></choice><choice id="niet-waar">Niet waar<feedback>Nee.</feedback></choice>
              <explanation>Uitleg.</explanation></question>
            """
        }
        return "<quiz id=\"toets\" passPercent=\"70\" draw=\"\(draw)\" shuffle=\"true\">\n\(questions.joined(separator: "\n"))\n</quiz>"
    }

    @Test("each attempt draws at least one question per objective, then fills up at random")
    func drawCoversObjectives() throws {
        let modules = TemporaryModules()
        let xml = moduleXML(quiz: Self.quiz(objectives: [1, 1, 1, 1, 1, 1, 2, 3], draw: 3))
            .replacingOccurrences(
                of: "<objectives><objective>testen.</objective></objectives>",
                with: "<objectives><objective>een.</objective><objective>twee.</objective><objective>drie.</objective></objectives>"
            )
        let loaded = modules.load(xml)
        let quiz = try #require(loaded.module?.quiz, "\(loaded.diagnostics.map(\.formatted))")
        var seen: Set<[String]> = []
        for attempt in 0..<100 {
            let drawn = AttemptPlan.questionIds(for: quiz, seed: "s\(attempt)")
            #expect(Set(drawn.compactMap { quiz.question(id: $0)?.objective }) == [1, 2, 3], "\(drawn)")
            seen.insert(drawn)
        }
        // Still random: objective 1's question and the order differ between attempts.
        #expect(seen.count > 10)
    }

    @Test("an objective number the module does not have is an error on the question's line")
    func unknownObjective() throws {
        let modules = TemporaryModules()
        let xml = moduleXML(quiz: Self.quiz(objectives: [1, 4], draw: 2))
        let errors = modules.load(xml).diagnostics.with(rule: "unknown-objective")
        #expect(errors.count == 1 && errors.first?.message.contains("doel 4") == true)
        #expect(errors.first?.line == line(of: "objective=\"4\"", in: xml))
    }
}

@Suite("Dutch numbers")
struct DutchNumberTests {
    @Test("thousands are grouped with a point")
    func grouped() {
        #expect(DutchNumber.grouped(0) == "0" && DutchNumber.grouped(999) == "999" && DutchNumber.grouped(5_202) == "5.202")
        #expect(DutchNumber.grouped(1_234_567) == "1.234.567" && DutchNumber.grouped(-12_000) == "-12.000")
    }
}
