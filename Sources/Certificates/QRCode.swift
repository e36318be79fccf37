import CQREncode

/// A QR code as a square of modules (true = dark), made by libqrencode.
public struct QRCode: Sendable {
    public let size: Int
    let modules: [Bool]

    /// Error correction level M (15 %): survives a crease or a stain on a printed certificate, while a
    /// verification URL still fits a small symbol. Nil only if the text is too long for any QR version.
    public init?(_ text: String) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        // Bit 0 of each byte is the module's colour; the other bits are libqrencode's bookkeeping.
        modules = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }
}
