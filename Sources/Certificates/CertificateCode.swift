/// The short code printed on a certificate and typed by verifiers: `SW-7K3M-9QXD`.
///
/// The alphabet (31 characters) leaves out 0/O and 1/I/L, so a code read aloud or copied by hand cannot be mistaken. Seven
/// characters are random (31^7 ≈ 27 billion codes, which with rate-limited lookups makes guessing useless); the
/// eighth is a check character, so a typo is caught before the database is asked.
public struct CertificateCode: Hashable, Sendable, CustomStringConvertible {
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    static let prefix = "SW"
    static let bodyLength = 8

    /// The canonical form, e.g. `SW-7K3M-9QXD`.
    public let description: String

    /// A new random code.
    public static func random() -> CertificateCode {
        var generator = SystemRandomNumberGenerator()
        var body = (0..<bodyLength - 1).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] }
        body.append(checkCharacter(body))
        return CertificateCode(body: body)
    }

    /// Reads a code as a verifier may type it: any case, with or without the dashes and the `SW` prefix,
    /// spaces around it. Returns nil for anything else, including a code whose check character is wrong.
    public init?(parsing text: String) {
        guard text.utf8.count <= 40 else { return nil }
        var characters = Array(text.uppercased().filter { $0 != "-" && $0 != " " })
        if characters.count == Self.bodyLength + 2, characters.starts(with: Self.prefix) { characters.removeFirst(2) }
        guard characters.count == Self.bodyLength, characters.allSatisfy(Self.alphabet.contains) else { return nil }
        guard characters.last == Self.checkCharacter(characters.dropLast()) else { return nil }
        self.init(body: characters)
    }

    private init(body: [Character]) {
        description = "\(Self.prefix)-\(String(body[0..<4]))-\(String(body[4..<8]))"
    }

    /// A weighted sum modulo the alphabet size (weights 1…7; 31 is prime, so every weight counts): catches
    /// every single wrong character and every swap of two neighbours.
    static func checkCharacter<S: Collection>(_ body: S) -> Character where S.Element == Character {
        var sum = 0
        for (index, character) in body.enumerated() {
            sum += (index + 1) * (alphabet.firstIndex(of: character) ?? 0)
        }
        return alphabet[sum % alphabet.count]
    }
}
