import CBrotli
import CZlib
import Foundation
import NIOCore

/// Reference decoders for the compression tests: zlib's inflate (which checks gzip's CRC-32 and length trailer),
/// libbrotli's decoder and Python's gzip module, none of them the code under test.
enum Decoders {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Inflates exactly one gzip member that must fill `bytes` completely; throws on a bad CRC, length or block.
    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deallocate()
        }
        guard sw_inflate_init(stream, 15 + 16) == Z_OK else { throw Failure(description: "inflateInit2 failed") }
        var input = bytes
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status = Z_OK
        try input.withUnsafeMutableBufferPointer { inBuffer in
            stream.pointee.next_in = inBuffer.baseAddress
            stream.pointee.avail_in = uInt(inBuffer.count)
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { outBuffer -> Int in
                    stream.pointee.next_out = outBuffer.baseAddress
                    stream.pointee.avail_out = uInt(outBuffer.count)
                    status = inflate(stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.pointee.avail_out)
                }
                output += chunk.prefix(produced)
                guard status == Z_OK || status == Z_STREAM_END else {
                    throw Failure(description: "inflate: \(status) \(stream.pointee.msg.map { String(cString: $0) } ?? "")")
                }
                if status == Z_OK && produced == 0 && stream.pointee.avail_in == 0 { throw Failure(description: "gzip stream ends early") }
            } while status != Z_STREAM_END
        }
        guard stream.pointee.avail_in == 0 else { throw Failure(description: "\(stream.pointee.avail_in) bytes after the gzip member") }
        return output
    }

    static func gunzip(_ buffer: ByteBuffer) throws -> String {
        String(decoding: try gunzip(Array(buffer.readableBytesView)), as: UTF8.self)
    }

    static func unbrotli(_ buffer: ByteBuffer, maxSize: Int = 16 << 20) throws -> String {
        let input = Array(buffer.readableBytesView)
        var output = [UInt8](repeating: 0, count: maxSize)
        var size = maxSize
        let result = input.withUnsafeBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                BrotliDecoderDecompress(inBuffer.count, inBuffer.baseAddress, &size, outBuffer.baseAddress)
            }
        }
        guard result == BROTLI_DECODER_RESULT_SUCCESS else { throw Failure(description: "brotli decoding failed: \(result)") }
        return String(decoding: output.prefix(size), as: UTF8.self)
    }

    /// Python's gzip module (its own reader of the member format, also checking CRC and length).
    static func pythonGunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import gzip, sys; sys.stdout.buffer.write(gzip.decompress(sys.stdin.buffer.read()))"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Written from another thread: a large body would otherwise fill the pipe while the output is unread.
        let writer = Thread {
            input.fileHandleForWriting.write(Data(bytes))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "python3 gzip.decompress failed") }
        return Array(data)
    }
}
