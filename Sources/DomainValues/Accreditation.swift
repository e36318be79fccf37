/// One accreditation of a module as the author wrote it in `module.xml` and as it is frozen on a certificate:
/// the register, the register's number for this activity, and the points.
///
/// One type for every layer: the module model, the certificate's signed content and the stored certificate
/// all carry this value, so nothing converts between copies. Stored as JSON (`register`, `number`, `points`)
/// in the certificate table: the coding keys are part of the stored format.
public struct Accreditation: Codable, Sendable, Hashable {
    public var register: String
    public var number: String
    /// Decimal points as written by the author (e.g. "1.5"), kept as text so nothing is rounded.
    public var points: String

    public init(register: String, number: String, points: String) {
        self.register = register
        self.number = number
        self.points = points
    }

    /// The points with a decimal comma, as Dutch readers write them ("1,5").
    public var dutchPoints: String { points.replacingOccurrences(of: ".", with: ",") }
}
