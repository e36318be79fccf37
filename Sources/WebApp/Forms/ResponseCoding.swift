import ContentEngine
import Foundation

/// How a learner's response is stored (check answers and quiz answers alike): JSON of `QuestionResponse`,
/// so every question type fits one text column.
enum ResponseCoding {
    static func encode(_ response: QuestionResponse) -> String {
        (try? String(decoding: JSONEncoder().encode(response), as: UTF8.self)) ?? "{}"
    }

    static func decode(_ text: String) -> QuestionResponse? {
        try? JSONDecoder().decode(QuestionResponse.self, from: Data(text.utf8))
    }
}
