import Hummingbird
import RequestParsing

extension Request {
    /// The form body, at most `context.maxUploadSize` bytes, after checking the CSRF token of the session.
    /// Nothing is read into the database before this passes.
    mutating func verifiedForm(context: AppRequestContext) async throws -> FormData {
        let buffer: ByteBuffer
        do {
            buffer = try await collectBody(upTo: context.maxUploadSize)
        } catch {
            throw AppError.payloadTooLarge
        }
        let form: FormData
        do {
            form = try FormData(parsing: String(buffer: buffer))
        } catch {
            throw AppError.formTooLarge(error)
        }
        guard let session = context.session, let token = form["_csrf"], Token.constantTimeEquals(token, session.csrfToken) else {
            throw AppError.invalidCSRFToken
        }
        return form
    }
}
