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
