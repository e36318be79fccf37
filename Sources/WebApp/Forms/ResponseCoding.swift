import ContentEngine
import Foundation

/// How a learner's response is stored (check answers and quiz answers alike): JSON of `QuestionResponse`,
/// so every question type fits one text column (and SQL can read it: the statistics use `$.choiceIds`).
enum ResponseCoding {
    /// Written by hand: Foundation's JSONEncoder was the largest single cost of a quiz submission (one
    /// encoder per answer). The output is the same JSON as `Codable` gives, with ids sorted so it is stable.
    static func encode(_ response: QuestionResponse) -> String {
        var json = "{\"choiceIds\":["
        for (index, id) in response.choiceIds.sorted().enumerated() {
            if index > 0 { json += "," }
            appendString(id, to: &json)
        }
        json += "],\"matches\":{"
        for (index, key) in response.matches.keys.sorted().enumerated() {
            if index > 0 { json += "," }
            appendString(key, to: &json)
            json += ":"
            appendString(response.matches[key] ?? "", to: &json)
        }
        json += "},\"positions\":{"
        for (index, key) in response.positions.keys.sorted().enumerated() {
            if index > 0 { json += "," }
            appendString(key, to: &json)
            json += ":\(response.positions[key] ?? 0)"
        }
        json += "}"
        if let text = response.text {
            json += ",\"text\":"
            appendString(text, to: &json)
        }
        return json + "}"
    }

    static func decode(_ text: String) -> QuestionResponse? {
        try? JSONDecoder().decode(QuestionResponse.self, from: Data(text.utf8))
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
