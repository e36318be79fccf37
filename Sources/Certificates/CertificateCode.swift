/// The short code printed on a certificate and typed by verifiers: `SW-7K3M-9QXD-4HPA-TR2C`.
///
/// The alphabet (31 characters) leaves out 0/O and 1/I/L, so a code read aloud or copied by hand cannot be mistaken.
/// Fifteen characters are random (31^15 ≈ 2^74 codes: guessing one is hopeless even without the lookup's rate
/// limit, and a list of issued codes cannot be walked); the last is a check character, so a typo is caught before
/// the database is asked. Codes issued before 2026-12 have the short form `SW-7K3M-9QXD` (seven random characters
/// and a check character); they keep parsing and verifying.
public struct CertificateCode: Hashable, Sendable, CustomStringConvertible {
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    static let prefix = "SW"
    /// Characters after the prefix of a new code, check character included.
    static let bodyLength = 16
    /// The same for codes issued before 2026-12.
    static let shortBodyLength = 8

    /// The canonical form, e.g. `SW-7K3M-9QXD-4HPA-TR2C`.
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
        let lengths = [Self.bodyLength, Self.shortBodyLength]
        if lengths.contains(characters.count - 2), characters.starts(with: Self.prefix) { characters.removeFirst(2) }
        guard lengths.contains(characters.count), characters.allSatisfy(Self.alphabet.contains) else { return nil }
        guard characters.last == Self.checkCharacter(characters.dropLast()) else { return nil }
        self.init(body: characters)
    }

    /// Groups of four after the prefix.
    private init(body: [Character]) {
        let groups = stride(from: 0, to: body.count, by: 4).map { String(body[$0..<min($0 + 4, body.count)]) }
        description = ([Self.prefix] + groups).joined(separator: "-")
    }

    /// A weighted sum modulo the alphabet size (weights 1…15; 31 is prime and every weight is below it, so every
    /// weight counts): catches every single wrong character and every swap of two neighbours.
    static func checkCharacter<S: Collection>(_ body: S) -> Character where S.Element == Character {
        var sum = 0
        for (index, character) in body.enumerated() {
            sum += (index + 1) * (alphabet.firstIndex(of: character) ?? 0)
        }
        return alphabet[sum % alphabet.count]
    }
}
