import CZlib
import NIOCore

/// One zlib deflate stream, writing into a `ByteBuffer`.
///
/// The `z_stream` lives on the heap: zlib keeps a pointer back to it and refuses a stream that moved
/// (`deflateStateCheck`), and Swift gives no stable address to a struct passed inout.
/// `@unchecked Sendable`: a deflater belongs to one response body, which writes it from one task at a time.
final class Deflater: @unchecked Sendable {
    enum Format {
        /// A whole gzip member (RFC 1952): zlib writes the header and the CRC-32 trailer.
        case gzip
        /// Raw deflate (RFC 1951) without header or trailer: segments that `StitchedGzip` joins.
        case raw
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private var isFinished = false

    /// Nil only when zlib cannot allocate its state (out of memory): callers then send the body uncompressed.
    /// `windowBits` (9...15) and `memLevel` (1...9) trade memory for ratio; the defaults are zlib's own.
    init?(format: Format, level: Int32, windowBits: Int32 = 15, memLevel: Int32 = 8) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let bits = format == .gzip ? windowBits + 16 : -windowBits
        guard sw_deflate_init(stream, level, bits, memLevel) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            return nil
        }
    }

    /// Starts a new stream with the same settings: cheaper than a new deflater (no allocation, only the hash table
    /// is cleared).
    func reset() {
        deflateReset(stream)
        isFinished = false
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input` and appends what zlib has ready to `output`. `flush` is a zlib flush mode: `Z_NO_FLUSH`
    /// while streaming, `Z_FULL_FLUSH` to end a segment byte-aligned with no back-reference across it, `Z_FINISH`
    /// for the last call.
    func deflate(_ input: UnsafeRawBufferPointer, flush: Int32, into output: inout ByteBuffer) {
        precondition(!isFinished, "deflate after Z_FINISH")
        // zlib's next_in is not const in its headers (no ZLIB_CONST); it never writes through it.
        stream.pointee.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
        stream.pointee.avail_in = uInt(input.count)
        while true {
            // Room for the compressed input and zlib's block and flush overhead, so most calls loop once.
            let room = Int(deflateBound(stream, uLong(stream.pointee.avail_in))) + 64
            var status = Z_OK
            var filled = false
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { buffer in
                let capacity = min(buffer.count, Int(UInt32.max))
                stream.pointee.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(capacity)
                status = CZlib.deflate(stream, flush)
                filled = stream.pointee.avail_out == 0
                return capacity - Int(stream.pointee.avail_out)
            }
            // Z_BUF_ERROR only says "no progress possible", which a flush with nothing pending gives.
            precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, "deflate failed: \(status)")
            if flush == Z_FINISH {
                if status == Z_STREAM_END {
                    isFinished = true
                    return
                }
            } else if !filled && stream.pointee.avail_in == 0 {
                return
            }
        }
    }

    func deflate(_ input: ByteBuffer, flush: Int32, into output: inout ByteBuffer) {
        input.withUnsafeReadableBytes { deflate($0, flush: flush, into: &output) }
    }
}

/// The CRC-32 of gzip's trailer, through zlib (which uses the processor's CRC instructions where it can).
enum CRC32 {
    static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
        return UInt32(truncatingIfNeeded: crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
    }

    /// The CRC of A followed by B from the CRCs of A and B and B's length: O(log length), without B's bytes.
    static func combine(_ first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: crc32_combine(uLong(first), uLong(second), off_t(secondLength)))
    }
}
