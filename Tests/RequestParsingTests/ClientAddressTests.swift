import Testing

@testable import RequestParsing

@Suite("Client addresses behind proxies")
struct ClientAddressTests {
    let proxies = [AddressRange("10.0.0.0/8")!, AddressRange("127.0.0.1")!, AddressRange("2001:db8:ffff::/48")!]

    func resolve(peer: String, forwardedFor: [String] = []) -> String? {
        ClientAddress.resolve(peer: IPAddress(peer), header: .xForwardedFor, values: forwardedFor, trusted: proxies)?.description
    }

    func resolve(peer: String, forwarded: [String]) -> String? {
        ClientAddress.resolve(peer: IPAddress(peer), header: .forwarded, values: forwarded, trusted: proxies)?.description
    }

    @Test("addresses parse as the C library reads them; IPv4-mapped IPv6 is the IPv4 address")
    func parsing() {
        #expect(IPAddress("192.0.2.1")?.description == "192.0.2.1")
        #expect(IPAddress("::ffff:192.0.2.1")?.description == "192.0.2.1")
        #expect(IPAddress("2001:DB8::1")?.description == "2001:db8:0:0:0:0:0:1")
        for bad in ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "::g", "[::1]", "1.2.3.4 ", String(repeating: "1", count: 100)] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test("ranges: CIDR and single addresses; a family never matches the other")
    func ranges() {
        let range = AddressRange("10.1.0.0/16")!
        #expect(range.contains(IPAddress("10.1.255.3")!) && !range.contains(IPAddress("10.2.0.1")!))
        #expect(AddressRange("0.0.0.0/0")!.contains(IPAddress("203.0.113.5")!))
        #expect(!AddressRange("0.0.0.0/0")!.contains(IPAddress("::1")!))
        #expect(AddressRange("2001:db8::/33")!.contains(IPAddress("2001:db8:7fff::1")!))
        #expect(!AddressRange("2001:db8::/33")!.contains(IPAddress("2001:db8:8000::1")!))
        for bad in ["10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "::/129", "nonsense", "10.0.0.0/8/8", "10.0.0.0/0x8"] {
            #expect(AddressRange(bad) == nil, "\(bad)")
        }
    }

    @Test("headers count only from a trusted peer, read from the right, stopping at the first untrusted hop")
    func forwardedChains() {
        #expect(resolve(peer: "203.0.113.7", forwardedFor: ["198.51.100.1"]) == "203.0.113.7", "untrusted peer: headers ignored")
        #expect(resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        // A visitor's own X-Forwarded-For is on the left: the proxy appends the real peer, and that is the client.
        #expect(resolve(peer: "10.0.0.2", forwardedFor: ["1.1.1.1, 198.51.100.1"]) == "198.51.100.1")
        #expect(resolve(peer: "10.0.0.2", forwardedFor: ["1.1.1.1", "198.51.100.1, 10.0.0.9"]) == "198.51.100.1", "several headers, two proxies")
        #expect(resolve(peer: "127.0.0.1", forwardedFor: ["10.0.0.5"]) == "10.0.0.5", "all trusted: the leftmost believed hop")
        #expect(resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.1, nonsense"]) == "10.0.0.2", "a malformed hop is not believed")
        #expect(resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.1:4711"]) == "198.51.100.1", "IPv4 with a port")
        #expect(resolve(peer: "10.0.0.2") == "10.0.0.2", "no header: the peer")
        let long = Array(repeating: "10.0.0.1", count: 5_000).joined(separator: ",")
        #expect(resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.1," + long]) == "10.0.0.1", "at most 32 hops are read")
    }

    @Test("Forwarded (RFC 7239), when the proxy is configured to set it: for= with quotes, brackets and ports")
    func forwardedHeader() {
        #expect(resolve(peer: "10.0.0.2", forwarded: ["for=192.0.2.60;proto=https;by=10.0.0.2"]) == "192.0.2.60")
        #expect(resolve(peer: "10.0.0.2", forwarded: [#"for="[2001:db8::7]:4711""#]) == "2001:db8:0:0:0:0:0:7")
        #expect(resolve(peer: "10.0.0.2", forwarded: ["For=192.0.2.61"]) == "192.0.2.61")
        #expect(resolve(peer: "10.0.0.2", forwarded: ["for=_hidden"]) == "10.0.0.2", "an obfuscated hop is not an address")
        #expect(resolve(peer: "10.0.0.2", forwarded: ["proto=https"]) == "10.0.0.2")
        #expect(resolve(peer: "10.0.0.2", forwarded: [#"for="[2001:db8::7"#]) == "10.0.0.2")
    }

    @Test("rate limits group an IPv6 client by its /64; IPv4 by the address")
    func limitKeys() {
        #expect(IPAddress("2001:db8:1:2:aaaa::1")!.limitKey == IPAddress("2001:db8:1:2:ffff:eeee:dddd:cccc")!.limitKey)
        #expect(IPAddress("2001:db8:1:2::1")!.limitKey != IPAddress("2001:db8:1:3::1")!.limitKey)
        #expect(IPAddress("2001:db8:1:2::1")!.limitKey == "2001:db8:1:2:0:0:0:0/64")
        #expect(IPAddress("192.0.2.1")!.limitKey == "192.0.2.1")
    }
}

@Suite("Typed names and passwords")
struct PlainTextTests {
    @Test("control, format and unusable characters are found; ordinary names of every script pass")
    func problems() {
        for name in ["Zoë de Vries", "Fatma Yılmaz", "Łukasz Żak", "Ngọc Ánh", "محمد", "王芳", "Anne-Marie O'Neill", "Jan (zorg) & co."] {
            #expect(PlainText.problem(in: name) == nil, "\(name)")
        }
        #expect(PlainText.problem(in: "Jan\u{0}") == .controlCharacter)
        #expect(PlainText.problem(in: "Jan\u{85}") == .controlCharacter)
        #expect(PlainText.problem(in: "Jan\u{2028}") == .controlCharacter)
        for format in ["\u{202E}", "\u{2066}", "\u{200B}", "\u{200F}", "\u{FEFF}", "\u{AD}", "\u{2060}"] {
            #expect(PlainText.problem(in: "Jan\(format)") == .formatCharacter, "\(format.unicodeScalars.first!.value)")
        }
        #expect(PlainText.problem(in: "Jan\u{E000}") == .unusableCharacter)
        // A joiner between letters is spelling (Persian "می‌خواهم"); at the start or end of a name it is a trick.
        #expect(PlainText.problem(in: "می\u{200C}خواهم") == nil)
        #expect(PlainText.problem(in: "\u{200D}Jan") == .formatCharacter && PlainText.problem(in: "Jan\u{200C}") == .formatCharacter)
    }

    @Test("NFC: a name typed with combining marks is stored as precomposed letters")
    func normalisation() {
        #expect(Array(PlainText.normalized("Zoe\u{0301}").unicodeScalars) == Array("Zo\u{E9}".unicodeScalars))
    }

    @Test("passwords: bcrypt's 72-byte limit counted in bytes, and NUL refused")
    func passwords() {
        #expect(PasswordRules.problem(in: String(repeating: "a", count: 72)) == nil)
        #expect(PasswordRules.problem(in: String(repeating: "a", count: 73)) == .tooManyBytes(limit: 72))
        #expect(PasswordRules.problem(in: String(repeating: "é", count: 37)) == .tooManyBytes(limit: 72), "74 bytes in 37 characters")
        #expect(PasswordRules.problem(in: "geheim\u{0}wachtwoord") == .nulCharacter)
    }
}
