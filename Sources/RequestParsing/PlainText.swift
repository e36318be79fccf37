import Foundation

/// Rules for the short texts a person types that are shown, signed and printed elsewhere: names and organisations
/// (on certificates, admin pages, CSV exports). Control and invisible format characters are refused, because they
/// can hide or reorder what an administrator or verifier reads (a bidi override turns "Jan" into what looks like
/// another name; a zero-width space makes two names that look the same differ). Text is stored in Unicode NFC,
/// so "é" typed as one or as two code points is the same name, and the PDF prints it as one glyph.
public enum PlainText {
    public enum Problem: Equatable, Sendable {
        /// A C0/C1 control character such as NUL, a tab or a line break.
        case controlCharacter
        /// An invisible format character: bidi controls (U+202A–U+202E, U+2066–U+2069), zero-width characters
        /// (U+200B–U+200F, U+2060, U+FEFF), soft hyphen and the like (Unicode category Cf).
        case formatCharacter
        /// A code point no text should hold: a private-use or unassigned one, or a lone surrogate.
        case unusableCharacter
    }

    /// The first problem found in `text`, or nil when it is fine to store.
    public static func problem(in text: String) -> Problem? {
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar.properties.generalCategory {
            case .control: return .controlCharacter
            case .format:
                // ZERO WIDTH NON-JOINER and JOINER between two letters are spelling (Persian, Indic scripts), not tricks.
                if scalar.value == 0x200C || scalar.value == 0x200D, index > 0, index + 1 < scalars.count,
                    scalars[index - 1].properties.isAlphabetic, scalars[index + 1].properties.isAlphabetic
                {
                    continue
                }
                return .formatCharacter
            case .privateUse, .unassigned, .surrogate: return .unusableCharacter
            case .lineSeparator, .paragraphSeparator: return .controlCharacter
            default: continue
            }
        }
        return nil
    }

    /// `text` in Unicode Normalization Form C.
    public static func normalized(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }
}

/// bcrypt reads at most 72 bytes of a password and stops at a NUL byte: longer passwords would silently be
/// cut, and two different passwords would match. New passwords are therefore refused above this limit.
public enum PasswordRules {
    public static let maxBytes = 72

    public enum Problem: Equatable, Sendable {
        case tooManyBytes(limit: Int)
        case nulCharacter
    }

    public static func problem(in password: String) -> Problem? {
        if password.utf8.contains(0) { return .nulCharacter }
        if password.utf8.count > maxBytes { return .tooManyBytes(limit: maxBytes) }
        return nil
    }
}
