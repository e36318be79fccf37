import Foundation
import FuzzSupport
import RequestParsing

// libFuzzer target over the pure parsers of the root package's RequestParsing product: form bodies and queries,
// numbers, client addresses behind proxies, typed names and passwords, Accept-Encoding and If-None-Match.
// Every input is one string; each parser gets it (or pieces of it). Refusals are normal results; a trap is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormParsers(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { UnsafeBufferPointer(start: $0, count: size) } ?? UnsafeBufferPointer(start: nil, count: 0)
    let text = String(decoding: bytes, as: UTF8.self)

    // Form bodies, with the standard limits and with tight ones (so the limit paths are reached often).
    for limits in [FormData.Limits.standard, FormData.Limits(maxFields: 4, maxNameBytes: 8, maxValueBytes: 16)] {
        if let form = try? FormData(parsing: text, limits: limits) {
            for name in form.names(withPrefix: "") {
                _ = form[name]
                _ = form.all(name)
                _ = form.text(name)
            }
            _ = form.names(withPrefix: "q-")
            precondition(form.nameCount <= limits.maxFields)
        }
    }

    // Addresses, ranges and the forwarding chain: the input's lines are peer, trusted ranges, Forwarded, X-Forwarded-For.
    let lines = text.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
    let peer = IPAddress(lines.first ?? "")
    if let peer {
        _ = peer.description
        _ = peer.limitKey
        precondition(IPAddress(peer.description) == peer)
    }
    let ranges = (lines.count > 1 ? lines[1] : "").split(separator: " ").compactMap { AddressRange($0) }
    for range in ranges {
        _ = range.description
        if let peer { _ = range.contains(peer) }
    }
    let forwarded = lines.count > 2 && !lines[2].isEmpty ? [lines[2]] : []
    let forwardedFor = lines.count > 3 ? [lines[3]] : []
    for (header, values) in [(ClientAddress.Header.forwarded, forwarded), (.xForwardedFor, forwardedFor)] {
        _ = ClientAddress.resolve(
            peer: peer ?? IPAddress("10.0.0.1"),
            header: header,
            values: values,
            trusted: ranges.isEmpty ? [AddressRange("10.0.0.0/8")!] : ranges
        )
    }

    // Numbers and typed names.
    _ = RequestNumber.parse(text, in: 0...Int.max)
    _ = RequestNumber.parse(text, in: UInt8.min...UInt8.max)
    _ = RequestNumber.parse(Substring(text), in: Int32(-5)...Int32(5))
    let page = RequestNumber.page(text, maximum: 50)
    precondition((1...50).contains(page))
    _ = PlainText.problem(in: text)
    _ = PlainText.normalized(text)
    _ = PasswordRules.problem(in: text)

    // Accept-Encoding and If-None-Match: the input's lines are the field lines.
    let fieldLines = text.split(separator: "\n", maxSplits: 8).map(String.init)
    let accept = AcceptEncoding(fieldValues: fieldLines)
    for coding in ContentCoding.allCases { precondition((0...1000).contains(accept.quality(of: coding))) }
    _ = accept.preferred(among: ContentCoding.allCases)
    _ = EntityTag.noneMatch(fieldLines, matches: "W/\"0123456789abcdef\"")
    return 0
}

@_cdecl("FuzzFormParsers_main")
public func fuzzFormParsersMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    samenwijzer_fuzz_main(argc, argv)
}
