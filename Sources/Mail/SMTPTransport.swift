import CCurl
import Foundation

/// Hands one composed message to an SMTP server through libcurl (its SMTP, STARTTLS and AUTH support: the
/// protocol is not written here). Blocking: call it from a thread pool, never from an event loop.
public struct SMTPTransport: Sendable {
    public let settings: SMTPSettings
    /// How long one delivery may take in all; a slow server then fails this try, and the queue retries later.
    public var timeout: TimeInterval = 30

    public init(settings: SMTPSettings) { self.settings = settings }

    public struct Failure: Error, CustomStringConvertible {
        /// libcurl's result code and, when the server answered, its SMTP reply code (e.g. 550).
        public let code: Int
        public let smtpReply: Int
        public let message: String
        /// A 5xx reply to the recipient means the server refused this message for good (an unknown address);
        /// anything else may pass later. A refused login (530, 535) or sender (MAIL FROM) is the site's setting, not
        /// the message: it is tried again, so the backlog goes out once the setting is corrected.
        public var isPermanent: Bool { (500...599).contains(smtpReply) && message.contains("RCPT") }
        public var description: String { smtpReply > 0 ? "\(message) (SMTP \(smtpReply))" : message }
    }

    private static let globalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public func send(_ bytes: [UInt8], from sender: String, to recipient: String) throws {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else { throw Failure(code: -1, smtpReply: 0, message: "libcurl kon niet starten") }
        // Everything the handle points at (error buffer, recipient list, upload source) lives until after
        // curl_easy_cleanup, which may still talk to the server (QUIT) and write an error: defers run last-first.
        var recipients: UnsafeMutablePointer<curl_slist>? = nil
        recipients = curl_slist_append(recipients, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }
        let context = Unmanaged.passRetained(UploadSource(bytes))
        defer { context.release() }
        let errorSize = Int(CURL_ERROR_SIZE) + 1
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: errorSize)
        errorBuffer.initialize(repeating: 0, count: errorSize)
        defer { errorBuffer.deallocate() }
        defer { curl_easy_cleanup(handle) }

        let result: CURLcode = {
            _ = sw_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
            _ = sw_curl_setopt_string(handle, CURLOPT_URL, settings.curlURL)
            _ = sw_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(sender)>")
            _ = sw_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients)
            _ = sw_curl_setopt_long(handle, CURLOPT_UPLOAD, 1)
            _ = sw_curl_setopt_read_function(handle) { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                return Unmanaged<UploadSource>.fromOpaque(context).takeUnretainedValue().read(into: buffer, max: size * count)
            }
            _ = sw_curl_setopt_pointer(handle, CURLOPT_READDATA, context.toOpaque())
            if let user = settings.user { _ = sw_curl_setopt_string(handle, CURLOPT_USERNAME, user) }
            if let password = settings.password { _ = sw_curl_setopt_string(handle, CURLOPT_PASSWORD, password) }
            let useSSL: curl_usessl =
                switch settings.security {
                case .implicitTLS, .startTLS: CURLUSESSL_ALL
                case .opportunistic: CURLUSESSL_TRY
                }
            _ = sw_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(useSSL.rawValue))
            _ = sw_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(min(timeout, 10) * 1000))
            _ = sw_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
            // No signals from libcurl's resolver in a multi-threaded server.
            _ = sw_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            return curl_easy_perform(handle)
        }()
        guard result != CURLE_OK else { return }
        var reply = 0
        _ = withUnsafeMutablePointer(to: &reply) { sw_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, $0) }
        let detail = String(
            decoding: UnsafeBufferPointer(start: errorBuffer, count: errorSize).prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
            as: UTF8.self
        )
        let summary = String(cString: curl_easy_strerror(result))
        throw Failure(code: Int(result.rawValue), smtpReply: reply, message: detail.isEmpty ? summary : detail)
    }
}

/// The message bytes libcurl reads in pieces.
private final class UploadSource {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutablePointer<CChar>, max: Int) -> Int {
        let count = min(max, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
