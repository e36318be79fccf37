import ContentEngine
import Foundation
import Testing

@testable import WebApp

@Suite("Stored responses")
struct ResponseCodingTests {
    @Test("every kind of response survives storing, including quotes, backslashes, control characters and emoji")
    func roundTrip() throws {
        let responses = [
            QuestionResponse(),
            QuestionResponse(choiceIds: ["b", "a", "c-3"]),
            QuestionResponse(matches: ["p1": "p2", "p2": "p1"]),
            QuestionResponse(positions: ["i1": 2, "i2": 1, "i3": 3]),
            QuestionResponse(text: "Zoë zei: \"keukentafel\\gesprek\"\n\tmet\u{01}tab 👍"),
            QuestionResponse(text: ""),
        ]
        for response in responses {
            let stored = ResponseCoding.encode(response)
            #expect(ResponseCoding.decode(stored) == response, "\(stored)")
            // Valid JSON for SQLite too: the statistics read `$.choiceIds` with json_each.
            #expect(try JSONSerialization.jsonObject(with: Data(stored.utf8)) is [String: Any])
        }
        #expect(ResponseCoding.encode(QuestionResponse(choiceIds: ["b", "a"])) == #"{"choiceIds":["a","b"],"matches":{},"positions":{}}"#)
    }
}
