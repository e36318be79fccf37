import Foundation

/// One problem found in a module file, with a plain-language (Dutch) message for the author.
///
/// Validation collects every problem instead of stopping at the first, so an author can fix a whole file in
/// one pass. The CLI prints them as `file:line:col: fout: message [rule]` (the form editors and CI parse);
/// the server's loader uses the same values to refuse a broken catalog.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case error
        case warning

        /// The Dutch word used in the text output.
        public var label: String { self == .error ? "fout" : "waarschuwing" }

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    /// A stable, kebab-case rule id (e.g. `duplicate-id`) that documentation and tests refer to.
    public var rule: String
    public var message: String
    public var file: String
    /// 1-based; 0 when the problem concerns the file as a whole.
    public var line: Int
    /// 1-based; 0 when unknown.
    public var column: Int

    public init(_ severity: Severity, rule: String, _ message: String, file: String, line: Int = 0, column: Int = 0) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `path/module.xml:12:7: fout: message [rule-id]`, the format compilers use, so editors can jump to it.
    public var formatted: String {
        var position = file
        if line > 0 {
            position += ":\(line)"
            if column > 0 { position += ":\(column)" }
        }
        return "\(position): \(severity.label): \(message) [\(rule)]"
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, then position, so output is stable and reads top to bottom.
    public func sortedByPosition() -> [Diagnostic] {
        sorted { ($0.file, $0.line, $0.column, $0.severity, $0.rule) < ($1.file, $1.line, $1.column, $1.severity, $1.rule) }
    }
}

/// A position inside a module file, kept for the elements that diagnostics point at.
public struct SourceLocation: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static let unknown = SourceLocation(line: 0, column: 0)
}
