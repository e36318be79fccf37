import Foundation

/// Problems with submitted fields by field name: the web forms show them next to each field and summarised at the
/// top; the command line prints the first. The first message per field wins.
public struct FormErrors: Sendable {
    public struct FieldError: Sendable {
        public let field: String
        public let message: String
    }

    public private(set) var errors: [FieldError] = []

    public init() {}

    public var isEmpty: Bool { errors.isEmpty }

    public mutating func add(_ field: String, _ message: String) {
        guard self[field] == nil else { return }
        errors.append(FieldError(field: field, message: message))
    }

    public subscript(field: String) -> String? { errors.first { $0.field == field }?.message }
}
