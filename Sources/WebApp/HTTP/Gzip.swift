import CZlib
import NIOCore

/// Whole bodies compressed into one gzip member.
enum Gzip {
    /// Level for bodies compressed once (static assets, pre-rendered pages): the smallest output, whatever it costs.
    static let onceLevel: Int32 = 9
    /// Level for bodies rendered per request. Level 1 costs about a third of level 6 in CPU on this site's pages
    /// and gives bodies about 10 % larger (measured on the module overview, see docs/operations.md).
    static let perRequestLevel: Int32 = 1

    static func compress(_ bytes: ByteBuffer, level: Int32) -> ByteBuffer? {
        guard let deflater = Deflater(format: .gzip, level: level) else { return nil }
        var output = ByteBuffer()
        deflater.deflate(bytes, flush: Z_FINISH, into: &output)
        return output
    }
}
