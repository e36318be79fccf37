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

@Suite("Form bodies")
struct FormDataTests {
    @Test("names and values are decoded like browsers encode them; broken parts never crash")
    func decoding() {
        let form = FormData("naam=Zo%C3%AB+de+Vries&leeg=&zonder&v-q1-antwoord=a&v-q1-antwoord=b&&x=%E2%82%AC%2B1%3D2&kapot=%ZZ&half=%4&ongeldig=%FF")
        #expect(form["naam"] == "Zoë de Vries")
        #expect(form["leeg"] == "" && form["zonder"] == "")
        #expect(form.all("v-q1-antwoord") == ["a", "b"])
        #expect(form["x"] == "€+1=2")
        #expect(form["kapot"] == "" && form["half"] == "" && form["ongeldig"] == "", "a broken escape is an empty value")
        #expect(form.names(withPrefix: "v-q1-") == ["v-q1-antwoord"])
        #expect(FormData("%ZZ=1")["%ZZ"] == nil)
        #expect(FormData("")["x"] == nil)
    }
}
