import Testing

@testable import RequestParsing

@Suite("Accept-Encoding and If-None-Match")
struct AcceptEncodingTests {
    let all: [ContentCoding] = [.brotli, .gzip, .identity]

    func preferred(_ values: [String], among available: [ContentCoding]? = nil) -> ContentCoding {
        AcceptEncoding(fieldValues: values).preferred(among: available ?? all)
    }

    @Test("what browsers and tools send")
    func common() {
        #expect(preferred([]) == .identity)  // no field: plain bytes (curl, wrk without -H)
        #expect(preferred([""]) == .identity)
        #expect(preferred(["gzip, deflate, br, zstd"]) == .brotli)
        #expect(preferred(["gzip, deflate, br"], among: [.gzip, .identity]) == .gzip)
        #expect(preferred(["gzip"]) == .gzip)
        #expect(preferred(["deflate"]) == .identity)
        #expect(preferred(["GZip"]) == .gzip)
        #expect(preferred(["x-gzip"]) == .gzip)
        #expect(preferred(["identity"]) == .identity)
        // A repeated field is one list.
        #expect(preferred(["deflate", "gzip"]) == .gzip)
    }

    @Test("q-values: the highest wins, q=0 means never, ties go to the server's order")
    func qValues() {
        #expect(preferred(["br;q=0.5, gzip;q=0.8"]) == .gzip)
        #expect(preferred(["br;q=0.8, gzip;q=0.5"]) == .brotli)
        #expect(preferred(["gzip;q=0"]) == .identity)
        #expect(preferred(["gzip; q=0.000"]) == .identity)
        #expect(preferred(["br;q=0, gzip"]) == .gzip)
        #expect(preferred(["gzip;q=1.000, br;q=1"]) == .brotli)
        #expect(preferred(["gzip;q=0.001"]) == .gzip)
        #expect(preferred(["gzip;q=0.5, identity;q=0.9"]) == .identity)
        #expect(preferred(["gzip;Q=0.5,identity;q=0.4"]) == .gzip)
        #expect(AcceptEncoding(fieldValues: ["gzip;q=0.25"]).quality(of: .gzip) == 250)
        // The first mention counts.
        #expect(preferred(["gzip;q=0, gzip"]) == .identity)
    }

    @Test("star and identity: * names every coding not listed, identity is fine unless excluded")
    func starAndIdentity() {
        #expect(preferred(["*"]) == .brotli)
        #expect(preferred(["*"], among: [.gzip, .identity]) == .gzip)
        #expect(preferred(["gzip;q=0, *"]) == .brotli)
        #expect(preferred(["br;q=0, *;q=0.5"]) == .gzip)
        #expect(preferred(["*;q=0"]) == .identity)  // nothing acceptable: plain bytes rather than a 406
        #expect(AcceptEncoding(fieldValues: ["*;q=0"]).quality(of: .identity) == 0)
        #expect(AcceptEncoding(fieldValues: ["*;q=0, identity"]).quality(of: .identity) == 1000)
        #expect(AcceptEncoding(fieldValues: ["identity;q=0"]).quality(of: .identity) == 0)
        #expect(preferred(["identity;q=0, gzip;q=0.1"]) == .gzip)
        #expect(AcceptEncoding(fieldValues: ["gzip"]).quality(of: .identity) == 1)
    }

    @Test("malformed elements are skipped, never trusted and never trapping")
    func malformed() {
        for value in [
            "gzip;q=2", "gzip;q=1.5", "gzip;q=abc", "gzip;q=", "gzip;q=-1", "gzip;q=0.0001", "gzip;q", "gzip;q=1e3",
            "g zip", "gzip;q=99999999999999999999999", "\u{0}gzip", "gzíp", ";q=1", "gzip;q=.5",
        ] {
            #expect(preferred([value]) == .identity, "\(value)")
        }
        #expect(preferred(["gzip;q=bad, br"]) == .brotli)
        #expect(preferred([",,, ,gzip,,"]) == .gzip)
        #expect(preferred(["gzip ; q = 0.5 "]) == .gzip)
        #expect(preferred(["gzip;level=9"]) == .gzip)
    }

    @Test("bounded: entries past the limits are not read")
    func bounded() {
        let many = Array(repeating: "deflate", count: AcceptEncoding.maxEntries).joined(separator: ",") + ",gzip"
        #expect(preferred([many]) == .identity)
        let long = String(repeating: " ", count: AcceptEncoding.maxBytes) + "gzip"
        #expect(preferred([long]) == .identity)
        #expect(preferred([String(repeating: "x", count: 100_000)]) == .identity)
        #expect(preferred(Array(repeating: "deflate", count: 10_000) + ["gzip"]) == .identity)
    }

    @Test("If-None-Match: weak comparison, lists, star, malformed and bounded")
    func ifNoneMatch() {
        let tag = "W/\"abc123\""
        #expect(EntityTag.noneMatch(["W/\"abc123\""], matches: tag))
        #expect(EntityTag.noneMatch(["\"abc123\""], matches: tag))  // weak comparison ignores W/
        #expect(EntityTag.noneMatch(["\"x\", W/\"abc123\""], matches: tag))
        #expect(EntityTag.noneMatch(["\"x\"", "W/\"abc123\""], matches: tag))
        #expect(EntityTag.noneMatch(["*"], matches: tag))
        #expect(EntityTag.noneMatch(["\"a,b\", \"abc123\""], matches: tag))  // a comma inside a tag is not a separator
        #expect(!EntityTag.noneMatch([], matches: tag))
        #expect(!EntityTag.noneMatch(["\"abc12\""], matches: tag))
        #expect(!EntityTag.noneMatch(["\"abc1234\""], matches: tag))
        #expect(!EntityTag.noneMatch(["abc123"], matches: tag))  // not quoted
        #expect(!EntityTag.noneMatch(["\"abc123"], matches: tag))  // unterminated
        #expect(!EntityTag.noneMatch(["w/\"abc123\""], matches: tag))  // W is case-sensitive
        #expect(!EntityTag.noneMatch(["\"abc123\""], matches: "not a tag"))
        let many = Array(repeating: "\"x\"", count: EntityTag.maxTags).joined(separator: ",") + ",\"abc123\""
        #expect(!EntityTag.noneMatch([many], matches: tag))
        #expect(!EntityTag.noneMatch([String(repeating: "\"", count: 100_000)], matches: tag))
    }
}
