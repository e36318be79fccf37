import CZlib
import HTTPTypes
import Hummingbird
import RequestParsing

/// gzip for HTML, CSS, SVG and CSV bodies made per request, when the client asks for it (`Accept-Encoding`).
///
/// Bodies that already carry a `Content-Encoding` (pre-compressed pages and assets, `PrecompressedBody`,
/// `PageSkeleton`) pass untouched. Every response of a compressible type gets `Vary: Accept-Encoding`, compressed
/// or not, so no cache hands a gzip body to a client that did not ask for one, or the reverse.
struct CompressionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Bodies of known length up to this are compressed in one call and sent with a Content-Length; longer ones
    /// and those of unknown length (the CSV exports) are compressed while they stream.
    static let wholeBodyLimit = 1 << 20
    /// Compressed output is handed to the connection in pieces of about this size while streaming.
    static let streamChunk = 16 * 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard Compressible.type(response.headers[.contentType]) else { return response }
        response.headers.addVary("Accept-Encoding")
        guard response.headers[.contentEncoding] == nil, response.status.code >= 200, response.status != .noContent,
            response.status != .notModified, response.status != .partialContent
        else { return response }
        let length = response.body.contentLength
        if let length, length < Compressible.minimumBytes { return response }
        guard AcceptEncoding(fieldValues: request.headers[values: .acceptEncoding]).preferred(among: [.gzip, .identity]) == .gzip,
            let deflater = DeflaterPool.perRequest.take()
        else { return response }

        response.headers[.contentEncoding] = ContentCoding.gzip.rawValue
        response.headers[.contentLength] = nil
        if let length, length <= Self.wholeBodyLimit {
            defer { DeflaterPool.perRequest.give(deflater) }
            let collected = CollectingWriter.Box()
            try await response.body.write(CollectingWriter(box: collected))
            var output = ByteBuffer()
            deflater.deflate(collected.buffer, flush: Z_FINISH, into: &output)
            response.body = ResponseBody(byteBuffer: output)
        } else {
            let body = response.body
            response.body = ResponseBody { writer in
                try await body.write(GzipBodyWriter(inner: writer, deflater: deflater))
            }
        }
        return response
    }
}

/// Collects a body of known, bounded length in memory (`CompressionMiddleware.wholeBodyLimit`).
struct CollectingWriter: ResponseBodyWriter {
    final class Box: @unchecked Sendable {
        var buffer = ByteBuffer()
    }
    let box: Box

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        box.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// Deflates a streamed body on its way to the connection.
struct GzipBodyWriter: ResponseBodyWriter {
    var inner: any ResponseBodyWriter
    let deflater: Deflater
    var pending = ByteBuffer()

    mutating func write(_ buffer: ByteBuffer) async throws {
        deflater.deflate(buffer, flush: Z_NO_FLUSH, into: &pending)
        if pending.readableBytes >= CompressionMiddleware.streamChunk {
            try await inner.write(pending)
            pending = ByteBuffer()
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        deflater.deflate(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH, into: &pending)
        DeflaterPool.perRequest.give(deflater)
        try await inner.write(pending)
        try await inner.finish(trailingHeaders)
    }
}
