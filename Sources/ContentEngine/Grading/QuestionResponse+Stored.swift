import Foundation

/// How a learner's response is stored (check answers and quiz answers alike): the JSON of `QuestionResponse`, so
/// every question type fits one text column. The one owner of that format: the web app, the development seeder and
/// the tests all write it through `storedJSON` and read it through `init(storedJSON:)`.
///
/// The statistics read it in SQL too (`json_extract(response, '$.choiceIds')`, see LearnerStore's item summaries):
/// the key names are part of the stored format and never change.
extension QuestionResponse {
    /// The same JSON value as `JSONEncoder` with `.sortedKeys` gives (tested as parsed JSON, not byte for byte), ids
    /// sorted so the text is stable. Written by
    /// hand: an encoder per answer was the largest single cost of a quiz submission.
    public var storedJSON: String {
        var json = "{\"choiceIds\":["
        for (index, id) in choiceIds.sorted().enumerated() {
            if index > 0 { json += "," }
            Self.appendString(id, to: &json)
        }
        json += "],\"matches\":{"
        for (index, key) in matches.keys.sorted().enumerated() {
            if index > 0 { json += "," }
            Self.appendString(key, to: &json)
            json += ":"
            Self.appendString(matches[key] ?? "", to: &json)
        }
        json += "},\"positions\":{"
        for (index, key) in positions.keys.sorted().enumerated() {
            if index > 0 { json += "," }
            Self.appendString(key, to: &json)
            json += ":\(positions[key] ?? 0)"
        }
        json += "}"
        if let text {
            json += ",\"text\":"
            Self.appendString(text, to: &json)
        }
        return json + "}"
    }

    /// The response stored as `storedJSON`; nil when the text is not such JSON.
    public init?(storedJSON: String) {
        guard let response = try? JSONDecoder().decode(QuestionResponse.self, from: Data(storedJSON.utf8)) else { return nil }
        self = response
    }

    /// A JSON string literal (RFC 8259): quote, backslash and control characters escaped; the rest as UTF-8.
    static func appendString(_ value: String, to json: inout String) {
        json += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20: json += String(format: "\\u%04x", scalar.value)
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
