import Hummingbird
import RequestParsing

/// Errors a handler can throw; `ErrorPageMiddleware` turns each into a status and an HTML page.
enum AppError: Error, Sendable {
    /// Unknown module, lesson, page or file.
    case notFound
    /// A form without a valid CSRF token. Nothing was stored.
    case invalidCSRFToken
    case badRequest(String)
    /// Allowed for nobody right now (e.g. no attempts left). Nothing was stored.
    case forbidden(String)
    case payloadTooLarge
    /// A form or query over one of `FormData.Limits`: refused before any of its fields was looked at.
    case formTooLarge(FormData.LimitError)

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: return .notFound
        case .invalidCSRFToken: return .forbidden
        case .badRequest: return .badRequest
        case .forbidden: return .forbidden
        case .payloadTooLarge: return .contentTooLarge
        case .formTooLarge: return .contentTooLarge
        }
    }

    var title: String {
        switch self {
        case .notFound: return Strings.notFoundTitle
        case .invalidCSRFToken: return Strings.csrfTitle
        case .badRequest: return Strings.badRequestTitle
        case .forbidden: return "Niet toegestaan"
        case .payloadTooLarge, .formTooLarge: return Strings.tooLargeTitle
        }
    }

    var message: String {
        switch self {
        case .notFound: return Strings.notFoundMessage
        case .invalidCSRFToken: return Strings.csrfMessage
        case .badRequest(let message), .forbidden(let message): return message
        case .payloadTooLarge: return Strings.tooLargeMessage
        case .formTooLarge(.tooManyFields): return Strings.tooManyFieldsMessage
        case .formTooLarge(.nameTooLong), .formTooLarge(.valueTooLong): return Strings.tooLargeMessage
        }
    }
}
