import Hummingbird
import RequestParsing

extension Request {
    /// The query string decoded as a GET form sends it: `+` is a space (Hummingbird's `queryParameters` keeps it).
    /// Bounded like a form body; a query over the bounds is a 400, before any work on its fields.
    var formQuery: FormData {
        get throws {
            do {
                return try FormData(parsing: uri.query ?? "")
            } catch {
                throw AppError.formTooLarge(error)
            }
        }
    }
}
