import Foundation
import Testing

@testable import ContentEngine

@Suite("Stored responses")
struct StoredResponseTests {
    /// A response of every question type, with awkward text: quotes, backslashes, control characters, non-ASCII.
    static let responses = [
        QuestionResponse(),
        QuestionResponse(choiceIds: ["b", "a", "c-3"]),
        QuestionResponse(choiceIds: ["waar"]),
        QuestionResponse(matches: ["p1": "p2", "p2": "p1", "zoë\"": "\\x"]),
        QuestionResponse(positions: ["i1": 2, "i2": 1, "i3": 3]),
        QuestionResponse(text: "Zoë zei: \"keukentafel\\gesprek\"\n\tmet\u{01}tab 👍 \u{7F} \u{2028} é"),
        QuestionResponse(text: ""),
        QuestionResponse(choiceIds: ["a"], matches: ["x": "y"], positions: ["z": 1], text: "alles"),
    ]

    /// `QuestionResponse` as Codable writes it, with the choice set as a sorted array (a Set has no order).
    struct Reference: Encodable {
        let choiceIds: [String]
        let matches: [String: String]
        let positions: [String: Int]
        let text: String?
    }

    @Test("the hand-written JSON is exactly what JSONEncoder with sorted keys writes, and reads back", arguments: responses)
    func sameAsEncoder(_ response: QuestionResponse) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let reference = Reference(
            choiceIds: response.choiceIds.sorted(),
            matches: response.matches,
            positions: response.positions,
            text: response.text
        )
        let expected = try JSONSerialization.jsonObject(with: encoder.encode(reference)) as? NSDictionary
        let ours = try JSONSerialization.jsonObject(with: Data(response.storedJSON.utf8)) as? NSDictionary
        #expect(ours != nil && ours == expected, "\(response.storedJSON)")
        #expect(QuestionResponse(storedJSON: response.storedJSON) == response)
    }

    @Test("stable text: ids sorted, no spaces; the keys SQL reads stay")
    func stableText() {
        #expect(QuestionResponse(choiceIds: ["b", "a"]).storedJSON == #"{"choiceIds":["a","b"],"matches":{},"positions":{}}"#)
        #expect(QuestionResponse(text: "a\"b").storedJSON == #"{"choiceIds":[],"matches":{},"positions":{},"text":"a\"b"}"#)
        #expect(QuestionResponse(storedJSON: "geen json") == nil)
    }
}
