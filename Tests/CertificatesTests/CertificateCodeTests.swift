import Certificates
import Foundation
import XCTest

final class CertificateCodeTests: XCTestCase {
    func testRandomCodesHaveTheDocumentedShapeAndParseBack() {
        var seen = Set<String>()
        for _ in 0..<2_000 {
            let code = CertificateCode.random()
            XCTAssertNotNil(code.description.wholeMatch(of: /SW(-[2-9A-HJKMNP-Z]{4}){4}/), code.description)
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

    func testNewCodesCarryAtLeastSixtyRandomBitsAndOldCodesStillParse() throws {
        // 15 random characters of 31: log2(31^15) ≈ 74.3 bits.
        XCTAssertGreaterThanOrEqual(15 * log2(Double(CertificateCode.alphabet.count)), 60)
        var positions = Array(repeating: Set<Character>(), count: 16)
        for _ in 0..<2_000 {
            let body = Array(CertificateCode.random().description.dropFirst(3).filter { $0 != "-" })
            XCTAssertEqual(body.count, 16)
            for (index, character) in body.enumerated() { positions[index].insert(character) }
        }
        // Every one of the first 15 places takes (nearly) every character: they are random, not padding.
        XCTAssertTrue(positions.dropLast().allSatisfy { $0.count >= 28 }, "\(positions.map(\.count))")
        // A code in the form issued before 2026-12 (seven random characters and a check character) is still a code.
        // (The check character of seven '2's, alphabet index 0, is '2'.)
        let old = try XCTUnwrap(CertificateCode(parsing: "sw 2222 2222"))
        XCTAssertEqual(old.description, "SW-2222-2222")
        XCTAssertNil(CertificateCode(parsing: "SW-2222-2223"), "the check character of old codes is still checked")
    }

    func testOtherInputIsNotACode() {
        for input in [
            "", "SW-", "SW-0000-0000", "SW-IIII-LLLL", "XX-7K3M-9QXD", "SW-7K3M-9QX", "' OR 1=1 --", "<script>alert(1)</script>",
            String(repeating: "A", count: 10_000), "SW-7K3M-9QXD-EXTRA", "ŚW-7K3M-9QXD",
        ] {
            XCTAssertNil(CertificateCode(parsing: input), input)
        }
    }
}
