import ContentEngine
import DomainValues
import Foundation

/// Everything a certificate states: exactly what the PDF prints, the verification page shows and the
/// signature covers. A verifier comparing a PDF with the verification page compares these fields.
public struct CertificateContent: Sendable, Hashable {
    /// Register, number and points, as in the module (points as the author wrote them; printed with a comma).

    public var code: CertificateCode
    public var learnerName: String
    public var moduleId: String
    public var moduleTitle: String
    public var moduleVersion: String
    public var studyLoadMinutes: Int
    public var accreditations: [Accreditation]
    public var scorePercent: Int
    /// The day of completion in Dutch time, ISO 8601 (`2026-11-23`). A day, not an instant: that is what is
    /// printed, and it survives any storage precision.
    public var completedOn: String

    public init(
        code: CertificateCode,
        learnerName: String,
        moduleId: String,
        moduleTitle: String,
        moduleVersion: String,
        studyLoadMinutes: Int,
        accreditations: [Accreditation],
        scorePercent: Int,
        completedOn: String
    ) {
        self.code = code
        self.learnerName = learnerName
        self.moduleId = moduleId
        self.moduleTitle = moduleTitle
        self.moduleVersion = moduleVersion
        self.studyLoadMinutes = studyLoadMinutes
        self.accreditations = accreditations
        self.scorePercent = scorePercent
        self.completedOn = completedOn
    }

    /// The bytes that are signed. A fixed, versioned text format (one `key:value` line per field, in this
    /// order, backslash and line breaks escaped) rather than JSON, so no encoder setting can change them.
    /// Changing this format needs a new version line; old certificates keep verifying under the old one.
    public var signedPayload: Data {
        var lines = [
            "samenwijzer-certificaat/1",
            "code:\(code)",
            "naam:\(Self.escape(learnerName))",
            "module:\(Self.escape(moduleId))",
            "titel:\(Self.escape(moduleTitle))",
            "versie:\(Self.escape(moduleVersion))",
            "studiebelasting-minuten:\(studyLoadMinutes)",
            "score-procent:\(scorePercent)",
            "afgerond-op:\(Self.escape(completedOn))",
        ]
        for accreditation in accreditations {
            lines.append(
                "accreditatie:\(Self.escape(accreditation.register))|\(Self.escape(accreditation.number))|\(Self.escape(accreditation.points))"
            )
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "|", with: "\\|")
    }

    // MARK: As printed (the PDF and the verification page use the same words)

    /// The detail lines under the name and the title, in the words the PDF and `certificate verify` both print.
    public var detailRows: [(label: String, value: String)] {
        var rows = [
            ("Module-versie", moduleVersion), ("Studiebelasting", studyLoadText), ("Score op de toets", "\(scorePercent)%"),
            ("Afgerond op", completedOnText),
        ]
        rows += accreditations.isEmpty ? [("Accreditatie", "geen")] : accreditations.map { ("Accreditatie", Self.text($0)) }
        return rows
    }

    /// "1,5 uur" / "1 uur" / "45 minuten".
    public var studyLoadText: String { StudyLoad.text(minutes: studyLoadMinutes) }

    /// "23 november 2026".
    public var completedOnText: String { DutchDate.long(isoDay: completedOn) ?? completedOn }

    /// "Voorbeeldregister, nummer VB-0000-TEST, 0,25 punten".
    public static func text(_ accreditation: Accreditation) -> String {
        let points = accreditation.dutchPoints
        return "\(accreditation.register), nummer \(accreditation.number), \(points) \(points == "1" ? "punt" : "punten")"
    }
}
