import Testing

@testable import RequestParsing

@Suite("Form bodies and queries")
struct FormDataTests {
    @Test("fields decode from bytes: +, %XX, UTF-8; broken escapes and invalid UTF-8 lose only their own field")
    func decoding() throws {
        let form = try FormData(
            parsing: "naam=Zo%C3%AB+de+Vries&leeg=&zonder&v-q1-antwoord=a&v-q1-antwoord=b&&x=%E2%82%AC%2B1%3D2&kapot=%ZZ&half=%4&ongeldig=%FF"
        )
        #expect(form["naam"] == "Zoë de Vries")
        #expect(form["leeg"] == "" && form["zonder"] == "")
        #expect(form.all("v-q1-antwoord") == ["a", "b"])
        #expect(form["x"] == "€+1=2")
        #expect(form["kapot"] == "" && form["half"] == "" && form["ongeldig"] == "", "a broken escape is an empty value")
        #expect(form.names(withPrefix: "v-q1-") == ["v-q1-antwoord"])
        #expect(try FormData(parsing: "%ZZ=1")["%ZZ"] == nil)
        #expect(try FormData(parsing: "")["x"] == nil)
    }

    @Test("a form over a bound is refused whole while parsing: fields, name length, value length")
    func limits() throws {
        let limits = FormData.Limits(maxFields: 3, maxNameBytes: 8, maxValueBytes: 5)
        #expect(throws: FormData.LimitError.tooManyFields(limit: 3)) { try FormData(parsing: "a=1&b=2&c=3&d=4", limits: limits) }
        #expect(throws: FormData.LimitError.nameTooLong(limit: 8)) { try FormData(parsing: "abcdefghi=1", limits: limits) }
        #expect(throws: FormData.LimitError.valueTooLong(limit: 5)) { try FormData(parsing: "a=123456", limits: limits) }
        let atTheBounds = try FormData(parsing: "abcdefgh=12345&b=2&c=3", limits: limits)
        #expect(atTheBounds["abcdefgh"] == "12345" && atTheBounds.nameCount == 3)
        // Empty pairs (`&&`) are no fields.
        #expect(try FormData(parsing: "a=1&&&&&&b=2", limits: limits).nameCount == 2)
    }

    @Test("the standard bounds take a real quiz form and refuse the costly ones")
    func standardLimits() throws {
        let quizPage = (1...30).map { "v-vraag-\($0)-antwoord=a" }.joined(separator: "&")
        #expect(try FormData(parsing: quizPage).nameCount == 30)
        #expect(throws: FormData.LimitError.self) { try FormData(parsing: "v-" + String(repeating: "-", count: 65_000) + "=1") }
        #expect(throws: FormData.LimitError.self) { try FormData(parsing: (0...1_000).map { "f\($0)=1" }.joined(separator: "&")) }
    }

    @Test("text() trims spaces and line breaks around a value, and leaves the inside alone")
    func trimming() throws {
        let form = try FormData(parsing: "a=+Anja+de+Vries%0A&b=Piet")
        #expect(form.text("a") == "Anja de Vries" && form.text("b") == "Piet" && form.text("geen") == "")
    }
}

@Suite("Numbers from requests")
struct RequestNumberTests {
    @Test("only plain digits within the range are numbers")
    func bounded() {
        #expect(RequestNumber.parse("12", in: 1...100) == 12)
        for text in ["", "0", "101", "-1", "+1", " 1", "1 ", "1e3", "0x10", "١٢", "99999999999999999999999999", "１"] {
            #expect(RequestNumber.parse(text, in: 1...100) == nil, "\(text)")
        }
        #expect(RequestNumber.parse("9223372036854775807", in: Int64(1)...Int64.max) == Int64.max)
        #expect(RequestNumber.parse("9223372036854775808", in: Int64(1)...Int64.max) == nil)
    }

    @Test("a page number is 1 when malformed, and never past the last page, however large")
    func pages() {
        #expect(RequestNumber.page(nil) == 1)
        #expect(RequestNumber.page("abc") == 1)
        #expect(RequestNumber.page("-5") == 1)
        #expect(RequestNumber.page("0", maximum: 9) == 1)
        #expect(RequestNumber.page("4", maximum: 9) == 4)
        #expect(RequestNumber.page("99999999999999999999999999999", maximum: 9) == 9)
        #expect(RequestNumber.page("9223372036854775807") == 1_000_000)
        // Page × page size stays far from overflow.
        #expect(RequestNumber.page(String(repeating: "9", count: 400)).multipliedReportingOverflow(by: 1_000).overflow == false)
    }
}
