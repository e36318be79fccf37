import HTTPTypes
import Hummingbird
import RequestParsing

extension PageSkeleton {
    /// The filled page as a response. A client that takes gzip gets a gzip stream stitched from the parts
    /// compressed at start-up and only the fills deflated now (`StitchedGzip`), so compression costs about as
    /// much as the identity join. Personal (the learner's name, token, progress): `no-store`.
    func response(to request: Request, _ fills: Fills) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = CachePolicy.personal
        headers.addVary("Accept-Encoding")
        let coding = AcceptEncoding(fieldValues: request.headers[values: .acceptEncoding]).preferred(among: [.gzip, .identity])
        if coding == .gzip, let body = gzip(fills) {
            headers[.contentEncoding] = ContentCoding.gzip.rawValue
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: fill(fills))))
    }

    /// The page for `fills` as one gzip member; nil when zlib could not compress the parts at start-up.
    func gzip(_ fills: Fills) -> ByteBuffer? {
        guard let seenMark = Self.seenMarkDeflated else { return nil }
        let compressedSize = deflated.reduce(0) { $0 + ($1?.deflated.readableBytes ?? 0) }
        var stitched = StitchedGzip(capacity: compressedSize + 512)
        var complete = true
        var skipUntil = 0
        var runDone = false
        forEachPiece(fills) { index, piece in
            guard index >= skipUntil else { return }
            if let run = seenRun, !runDone, run.parts.contains(index) {
                runDone = true
                // The navigation: one cached segment for this learner's pattern of seen marks.
                let pattern = parts[run.parts].compactMap { part -> Bool? in
                    if case .seenMark(let pageId) = part { fills.seen.contains(pageId) } else { nil }
                }
                if let segment = run.segment(for: pattern, text: { identityText(of: run.parts, fills) }) {
                    stitched.append(segment)
                    skipUntil = run.parts.upperBound
                    return
                }
            }
            switch piece {
            case .part(let part):
                if let segment = deflated[part] { stitched.append(segment) } else { complete = false }
            case .seenMark: stitched.append(seenMark)
            case .text(let text): stitched.append(fill: text)
            }
        }
        return complete ? stitched.finish() : nil
    }

    /// The identity text of the parts in `range`, as `fill` would write them.
    func identityText(of range: Range<Int>, _ fills: Fills) -> String {
        var text = ""
        forEachPiece(fills) { index, piece in
            guard range.contains(index) else { return }
            append(piece, to: &text)
        }
        return text
    }
}
