import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import RequestParsing

/// A body whose bytes are known before the request: kept in each content coding (compressed once) with its
/// entity tag, so answering it is a choice and a copy. Static assets use it; so can any page pre-rendered at
/// catalog load (see docs/operations.md, "Compression and caching").
struct PrecompressedBody: Sendable {
    let contentType: String
    let identity: ByteBuffer
    /// Nil when compressing would not pay (a tiny body, a type that is already compressed, a result not smaller).
    let gzip: ByteBuffer?
    let brotli: ByteBuffer?
    /// Weak, from the content: the same bytes always get the same tag, on every node and after every restart.
    let entityTag: String

    /// `compressing: false` for a body rendered per request (a public page until it is pre-rendered): only its
    /// tag is computed, and `CompressionMiddleware` compresses it on the way out when the client asks; the tag is
    /// weak, so it stays right for the compressed bytes.
    init(_ identity: ByteBuffer, contentType: String, compressing: Bool = true) {
        self.contentType = contentType
        self.identity = identity
        entityTag = Self.entityTag(of: identity)
        let worthIt = compressing && Compressible.type(contentType) && identity.readableBytes >= Compressible.minimumBytes
        // Kept only when smaller: a coding that grows the body is just cost.
        gzip = worthIt ? Gzip.compress(identity, level: Gzip.onceLevel).flatMap { $0.readableBytes < identity.readableBytes ? $0 : nil } : nil
        brotli = worthIt ? Brotli.compress(identity).flatMap { $0.readableBytes < identity.readableBytes ? $0 : nil } : nil
    }

    init(html: String, compressing: Bool = true) {
        self.init(ByteBuffer(string: html), contentType: "text/html; charset=utf-8", compressing: compressing)
    }

    /// A weak entity tag of `bytes`: 16 bytes of SHA-256, hex.
    static func entityTag(of bytes: ByteBuffer) -> String {
        let digest = bytes.withUnsafeReadableBytes { SHA256.hash(data: $0) }
        return "W/\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// The codings this body is kept in, best first.
    var available: [ContentCoding] {
        (brotli == nil ? [] : [.brotli]) + (gzip == nil ? [] : [.gzip]) + [.identity]
    }

    /// 304 when the request's If-None-Match holds this tag (GET and HEAD), otherwise 200 in the coding the client
    /// prefers. `cacheControl` says who may keep it and for how long (`CachePolicy`).
    func response(to request: Request, cacheControl: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = contentType
        headers[.cacheControl] = cacheControl
        headers[.eTag] = entityTag
        if Compressible.type(contentType) { headers.addVary("Accept-Encoding") }
        if request.method == .get || request.method == .head, EntityTag.noneMatch(request.headers[values: .ifNoneMatch], matches: entityTag) {
            // A 304 carries the validator and caching fields a 200 would (RFC 9110 §15.4.5), no content fields.
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers, body: ResponseBody())
        }
        let coding = AcceptEncoding(fieldValues: request.headers[values: .acceptEncoding]).preferred(among: available)
        let (sent, body): (ContentCoding, ByteBuffer) =
            switch coding {
            case .brotli: brotli.map { (.brotli, $0) } ?? (.identity, identity)
            case .gzip: gzip.map { (.gzip, $0) } ?? (.identity, identity)
            case .identity: (.identity, identity)
            }
        if sent != .identity { headers[.contentEncoding] = sent.rawValue }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
