import CZlib
import NIOCore

/// Static text compressed once into raw deflate that ends on a byte boundary and refers to nothing before it
/// (`Z_FULL_FLUSH`), so it can be copied into any gzip stream at any byte position, in any combination with other
/// segments. With its CRC-32 and length, the stream's trailer is computed without touching its bytes again.
struct DeflatedSegment: Sendable {
    let deflated: ByteBuffer
    let crc: UInt32
    let count: Int

    /// Compresses each text into its own segment, through one stream: `Z_FULL_FLUSH` after each resets the
    /// dictionary, so a segment never refers back into the one before it. Level 9: this runs once, at start-up.
    static func compress(_ texts: [String], level: Int32 = 9) -> [DeflatedSegment]? {
        guard let deflater = Deflater(format: .raw, level: level) else { return nil }
        return texts.map { text in
            var deflated = ByteBuffer()
            let utf8 = Array(text.utf8)
            let crc = utf8.withUnsafeBytes { bytes in
                deflater.deflate(bytes, flush: Z_FULL_FLUSH, into: &deflated)
                return CRC32.update(0, bytes)
            }
            return DeflatedSegment(deflated: deflated, crc: crc, count: utf8.count)
        }
    }
}

/// Builds one gzip member (RFC 1952) per request from pre-compressed segments and small per-request texts,
/// so a pre-rendered page costs no deflate of its static bulk per request:
///
///     header (10 bytes) · segment · fill · segment · … · final empty block (03 00) · CRC-32 · length
///
/// Every piece starts and ends on a byte boundary and refers to nothing outside itself, so the pieces' deflate
/// blocks simply follow each other; the CRC is `crc32_combine` over the segments' stored CRCs and the fills'.
/// A fill up to `storedLimit` bytes goes in as a stored (uncompressed) block: names, tokens and numbers barely
/// compress, and a stored block costs 5 bytes and no zlib call. Longer fills (inline checks) are deflated with
/// `Z_FULL_FLUSH` through one small stream per response.
struct StitchedGzip {
    static let storedLimit = 256
    static let header: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]  // deflate, no flags, no time, Unix
    /// A final, empty block with fixed Huffman codes: BFINAL=1, BTYPE=01, end-of-block (7 zero bits).
    static let finalBlock: [UInt8] = [0x03, 0x00]

    private var output: ByteBuffer
    private var crc: UInt32 = 0
    private var length: UInt32 = 0
    private var fillDeflater: Deflater?

    init(capacity: Int) {
        output = ByteBuffer()
        output.reserveCapacity(capacity + Self.header.count + Self.finalBlock.count + 8)
        output.writeBytes(Self.header)
    }

    mutating func append(_ segment: DeflatedSegment) {
        guard segment.count > 0 else { return }
        var bytes = segment.deflated
        output.writeBuffer(&bytes)
        crc = CRC32.combine(crc, segment.crc, secondLength: segment.count)
        // ISIZE is the length modulo 2^32 (RFC 1952).
        length &+= UInt32(truncatingIfNeeded: segment.count)
    }

    mutating func append(fill text: String) {
        var text = text
        text.withUTF8 { append(fill: UnsafeRawBufferPointer($0)) }
    }

    mutating func append(fill bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        crc = CRC32.update(crc, bytes)
        length &+= UInt32(truncatingIfNeeded: bytes.count)
        if bytes.count > Self.storedLimit, fillDeflater == nil {
            // A 4 KB window and a small hash table: a fill is a few KB, and this stream is made per response.
            fillDeflater = Deflater(format: .raw, level: 6, windowBits: 12, memLevel: 5)
        }
        if bytes.count > Self.storedLimit, let deflater = fillDeflater {
            deflater.deflate(bytes, flush: Z_FULL_FLUSH, into: &output)
        } else {
            // Short, or zlib could not allocate: stored blocks of at most 65,535 bytes each.
            var rest = bytes[...]
            while !rest.isEmpty {
                let chunk = UnsafeRawBufferPointer(rebasing: rest.prefix(Int(UInt16.max)))
                // BFINAL=0 and BTYPE=00 padded to the byte (we are on a boundary), LEN and its one's complement.
                let count = UInt16(chunk.count)
                output.writeInteger(UInt8(0))
                output.writeInteger(count, endianness: .little)
                output.writeInteger(~count, endianness: .little)
                output.writeBytes(chunk)
                rest = rest.dropFirst(chunk.count)
            }
        }
    }

    /// The finished gzip member.
    consuming func finish() -> ByteBuffer {
        output.writeBytes(Self.finalBlock)
        output.writeInteger(crc, endianness: .little)
        output.writeInteger(length, endianness: .little)
        return output
    }
}
