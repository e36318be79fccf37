import CCairo
import Foundation

/// Draws a certificate as a one-page A4 landscape PDF with cairo.
///
/// cairo embeds a subset of a real font (DejaVu, found through fontconfig) with a ToUnicode map, so every
/// word is real text that `pdftotext`, screen readers and search can read, in any script a name may use.
public enum CertificatePDF {
    /// What the page shows besides the signed fields.
    public struct Extras: Sendable {
        public var verificationURL: String
        public var signature: String
        public var keyId: String

        public init(verificationURL: String, signature: String, keyId: String) {
            self.verificationURL = verificationURL
            self.signature = signature
            self.keyId = keyId
        }
    }

    public enum RenderError: Error { case cairo(String) }

    static let width = 841.89, height = 595.28
    static let margin = 56.0
    static let font = "DejaVu Sans"

    public static func render(_ content: CertificateContent, _ extras: Extras) throws -> Data {
        let sink = Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        guard let surface = cairo_pdf_surface_create_for_stream(Sink.write, unmanaged.toOpaque(), width, height) else {
            throw RenderError.cairo("no surface")
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Certificaat \(content.code) – \(content.moduleTitle)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, "Samenwijzer")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Samenwijzer")
        let cr = cairo_create(surface)
        var page = Page(cr: cr)
        page.draw(content, extras)
        cairo_show_page(cr)
        let status = cairo_status(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw RenderError.cairo(String(cString: cairo_status_to_string(status))) }
        return sink.data
    }

    /// Collects the bytes cairo streams out.
    final class Sink {
        var data = Data()

        static let write: cairo_write_func_t = { closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }
    }

    /// The layout, top to bottom. Coordinates are PDF points (1/72 inch).
    struct Page {
        let cr: OpaquePointer?
        var y = 0.0

        static let ink = (0.11, 0.16, 0.25), accent = (0.05, 0.36, 0.45), muted = (0.33, 0.36, 0.42)

        mutating func draw(_ content: CertificateContent, _ extras: Extras) {
            frame()
            y = margin + 34
            text("SAMENWIJZER", size: 11, bold: true, color: Self.accent, centred: true)
            y += 40
            text("Certificaat", size: 34, bold: true, color: Self.ink, centred: true)
            y += 30
            text("Hierbij verklaren wij dat", size: 13, color: Self.muted, centred: true)
            y += 34
            wrapped(content.learnerName, size: 26, bold: true, color: Self.ink, width: width - 2 * margin - 40)
            y += 26
            text("de e-learningmodule met goed gevolg heeft afgerond:", size: 13, color: Self.muted, centred: true)
            y += 28
            wrapped(content.moduleTitle, size: 18, bold: true, color: Self.accent, width: width - 2 * margin - 80)
            details(content, top: y + 22)
            qr(extras.verificationURL)
            footer(content, extras)
        }

        func frame() {
            setColor(Self.accent)
            cairo_set_line_width(cr, 3)
            cairo_rectangle(cr, 24, 24, width - 48, height - 48)
            cairo_stroke(cr)
            cairo_set_line_width(cr, 0.75)
            cairo_rectangle(cr, 31, 31, width - 62, height - 62)
            cairo_stroke(cr)
        }

        /// Label–value rows on the left; the QR code sits on the right.
        mutating func details(_ content: CertificateContent, top: Double) {
            let rows = content.detailRows + [("Certificaatcode", content.code.description)]
            y = top
            let labelX = margin + 40
            let valueX = margin + 190
            for (label, value) in rows {
                text(label, size: 10.5, color: Self.muted, x: labelX)
                text(value, size: 10.5, bold: true, color: Self.ink, x: valueX, maxWidth: width - valueX - 200)
                y += 17
            }
        }

        func qr(_ url: String) {
            guard let code = QRCode(url) else { return }
            let side = 112.0
            let quiet = 4.0
            let module = side / (Double(code.size) + 2 * quiet)
            let left = width - margin - side - 30
            let top = height - margin - side - 70
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_rectangle(cr, left, top, side, side)
            cairo_fill(cr)
            cairo_set_source_rgb(cr, 0, 0, 0)
            for row in 0..<code.size {
                for column in 0..<code.size where code.isDark(row: row, column: column) {
                    cairo_rectangle(cr, left + (Double(column) + quiet) * module, top + (Double(row) + quiet) * module, module, module)
                }
            }
            cairo_fill(cr)
            let caption = Page(cr: cr, y: top + side + 12)
            caption.text("Scan om te controleren", size: 8.5, color: Self.muted, x: left + side / 2, centredAt: true)
        }

        mutating func footer(_ content: CertificateContent, _ extras: Extras) {
            y = height - margin - 30
            text("Controleer dit certificaat op \(extras.verificationURL)", size: 9, bold: true, color: Self.ink, x: margin + 40)
            y += 12
            text(
                "Alle gegevens op dit certificaat moeten gelijk zijn aan die op de controlepagina. Wijkt er iets af, dan is het certificaat niet geldig.",
                size: 7.5,
                color: Self.muted,
                x: margin + 40,
                maxWidth: width - 2 * margin - 220
            )
            y += 11
            text(
                "Digitale handtekening (Ed25519, sleutel \(extras.keyId)): \(extras.signature)",
                size: 6,
                color: Self.muted,
                x: margin + 40,
                maxWidth: width - 2 * margin - 80
            )
        }

        // MARK: Text

        func setColor(_ color: (Double, Double, Double)) { cairo_set_source_rgb(cr, color.0, color.1, color.2) }

        func selectFont(size: Double, bold: Bool) {
            cairo_select_font_face(cr, font, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(cr, size)
        }

        func advance(_ string: String) -> Double {
            var extents = cairo_text_extents_t()
            cairo_text_extents(cr, string, &extents)
            return extents.x_advance
        }

        /// One line at the current baseline: centred on the page, centred at `x`, or starting at `x`. A line
        /// wider than `maxWidth` is scaled down rather than cut, so nothing printed is ever lost.
        func text(
            _ string: String,
            size: Double,
            bold: Bool = false,
            color: (Double, Double, Double),
            centred: Bool = false,
            x: Double = 0,
            centredAt: Bool = false,
            maxWidth: Double = .infinity
        ) {
            selectFont(size: size, bold: bold)
            var lineWidth = advance(string)
            if lineWidth > maxWidth {
                selectFont(size: size * maxWidth / lineWidth, bold: bold)
                lineWidth = advance(string)
            }
            setColor(color)
            let left = centred ? (width - lineWidth) / 2 : centredAt ? x - lineWidth / 2 : x
            cairo_move_to(cr, left, y)
            cairo_show_text(cr, string)
        }

        /// Centred text broken at spaces into lines no wider than `width`.
        mutating func wrapped(_ string: String, size: Double, bold: Bool, color: (Double, Double, Double), width lineWidth: Double) {
            selectFont(size: size, bold: bold)
            var lines: [String] = []
            var current = ""
            for word in string.split(separator: " ") {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if advance(candidate) > lineWidth, !current.isEmpty {
                    lines.append(current)
                    current = String(word)
                } else {
                    current = candidate
                }
            }
            if !current.isEmpty { lines.append(current) }
            for (index, line) in lines.enumerated() {
                if index > 0 { y += size * 1.2 }
                text(line, size: size, bold: bold, color: color, centred: true, maxWidth: lineWidth)
            }
        }
    }
}
