import Foundation
import Testing

@testable import ContentEngine

/// Inputs found by fuzzing (`Fuzz/crashers/module-loader/`), kept so they stay fixed.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    let modules = TemporaryModules()

    /// `timeout-50000-images-without-attributes.xml`, larger: 200,000 `<image/>` without src and alt are 400,000
    /// schema errors. libxml2 walked every preceding sibling for each error (quadratic: hours at this size) until the
    /// parsed document lost its URL; now it is linear (about a second in a debug build). The time limit is a guard
    /// against the hang coming back, not a speed measurement.
    @Test("a page of 200,000 invalid elements gets its first 200 errors, not a hang", .timeLimit(.minutes(1)))
    func manyInvalidSiblings() throws {
        let result = modules.load(moduleXML(page: String(repeating: "<image/>", count: 200_000)))
        #expect(result.module == nil)
        #expect(result.diagnostics.hasErrors && result.diagnostics.count <= 201)
        #expect(result.diagnostics.first?.message.contains("src") == true || result.diagnostics.first?.message.contains("alt") == true)
    }

    @Test("the crasher file itself gives errors, not a hang", .timeLimit(.minutes(1)))
    func crasherFile() throws {
        let crasher = repositoryRoot.appendingPathComponent("Fuzz/crashers/module-loader/timeout-50000-images-without-attributes.xml")
        let xml = try String(contentsOf: crasher, encoding: .utf8)
        let result = modules.load(xml, id: "fuzzmod")
        #expect(result.module == nil && result.diagnostics.hasErrors)
    }
}
