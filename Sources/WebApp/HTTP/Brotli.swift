import CBrotli
import NIOCore

/// Brotli (RFC 7932) for bodies compressed once at start-up: static assets and whole pre-rendered pages. Not for
/// bodies filled per request: brotli has no way to join independently compressed pieces into one stream the way
/// `StitchedGzip` joins deflate segments, and a per-request brotli pass costs more than gzip for little gain.
enum Brotli {
    /// The densest setting (quality 11, a 4 MB window): a few milliseconds per page, paid once.
    static func compress(_ bytes: ByteBuffer, quality: Int32 = 11) -> ByteBuffer? {
        let count = bytes.readableBytes
        var output = ByteBuffer()
        var encodedSize = BrotliEncoderMaxCompressedSize(count)
        guard encodedSize > 0 else { return nil }
        var ok = BROTLI_FALSE
        _ = bytes.withUnsafeReadableBytes { input in
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: encodedSize) { out in
                encodedSize = out.count
                ok = BrotliEncoderCompress(
                    quality,
                    BROTLI_DEFAULT_WINDOW,
                    BROTLI_MODE_TEXT,
                    count,
                    input.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    &encodedSize,
                    out.baseAddress?.assumingMemoryBound(to: UInt8.self)
                )
                return ok == BROTLI_TRUE ? encodedSize : 0
            }
        }
        return ok == BROTLI_TRUE ? output : nil
    }
}
