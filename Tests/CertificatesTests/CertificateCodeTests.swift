import Certificates
import XCTest

final class CertificateCodeTests: XCTestCase {
    func testRandomCodesHaveTheDocumentedShapeAndParseBack() {
        var seen = Set<String>()
        for _ in 0..<2_000 {
            let code = CertificateCode.random()
            XCTAssertNotNil(code.description.wholeMatch(of: /SW-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/), code.description)
            XCTAssertEqual(CertificateCode(parsing: code.description), code)
            seen.insert(code.description)
        }
        XCTAssertEqual(seen.count, 2_000, "codes repeat")
    }

    func testVerifiersMayTypeACodeLooselyButNotWrongly() throws {
        let code = CertificateCode.random()
        let body = code.description.replacingOccurrences(of: "SW-", with: "").replacingOccurrences(of: "-", with: "")
        XCTAssertEqual(CertificateCode(parsing: code.description.lowercased()), code)
        XCTAssertEqual(CertificateCode(parsing: " \(body) "), code)
        XCTAssertEqual(CertificateCode(parsing: "sw\(body)"), code)
        // Every single wrong character is caught by the check character.
        let characters = Array(body)
        for position in characters.indices {
            for replacement in CertificateCode.alphabet where replacement != characters[position] {
                var typo = characters
                typo[position] = replacement
                XCTAssertNil(CertificateCode(parsing: String(typo)), "typo \(String(typo)) accepted")
            }
        }
        // And so is every swap of two different neighbours.
        for position in characters.indices.dropLast() where characters[position] != characters[position + 1] {
            var swapped = characters
            swapped.swapAt(position, position + 1)
            XCTAssertNil(CertificateCode(parsing: String(swapped)))
        }
    }

    func testOtherInputIsNotACode() {
        for input in ["", "SW-", "SW-0000-0000", "SW-IIII-LLLL", "XX-7K3M-9QXD", "SW-7K3M-9QX", "' OR 1=1 --", "<script>alert(1)</script>",
                      String(repeating: "A", count: 10_000), "SW-7K3M-9QXD-EXTRA", "ŚW-7K3M-9QXD"]
        {
            XCTAssertNil(CertificateCode(parsing: input), input)
        }
    }
}
