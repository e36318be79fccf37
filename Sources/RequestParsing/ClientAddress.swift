/// Who the client is when the site runs behind reverse proxies (TLS needs one): the socket's peer is then the
/// proxy, and the visitor's address is in `X-Forwarded-For` or `Forwarded` (RFC 7239). Those headers are believed
/// only as far as the hops are trusted proxies; anything else could be typed by the visitor.
public enum ClientAddress {
    /// The one forwarding header the site's proxy sets. Only that one is read: a proxy passes any *other* header a
    /// visitor sends through untouched, so reading both would let a visitor pick their own address.
    public enum Header: String, Sendable, CaseIterable {
        /// `X-Forwarded-For: client, proxy1, proxy2` (nginx `$proxy_add_x_forwarded_for`, most load balancers).
        case xForwardedFor = "x-forwarded-for"
        /// `Forwarded: for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"` (RFC 7239).
        case forwarded = "forwarded"

        public var fieldName: String { self == .forwarded ? "Forwarded" : "X-Forwarded-For" }
    }

    /// The client's address: the socket peer when it is not a trusted proxy; otherwise the nearest hop in the
    /// forwarding chain (read from the right) that is not a trusted proxy. A malformed or obfuscated hop stops the
    /// walk: the last hop that was believed is used, never something a visitor could have written.
    ///
    /// - Parameters:
    ///   - header: which header the proxy sets; `values` are every line of that header, in order.
    public static func resolve(peer: IPAddress?, header: Header, values: [String], trusted: [AddressRange]) -> IPAddress? {
        guard let peer else { return nil }
        guard !trusted.isEmpty, isTrusted(peer, trusted) else { return peer }
        let hops: [Substring] = header == .xForwardedFor ? forwardedForHops(values) : forwardedHops(values)
        var client = peer
        // At most 32 hops are looked at: a header of thousands gives no more work.
        for hop in hops.reversed().prefix(32) {
            guard let address = parseHop(hop) else { return client }
            client = address
            if !isTrusted(address, trusted) { return address }
        }
        return client
    }

    private static func isTrusted(_ address: IPAddress, _ trusted: [AddressRange]) -> Bool {
        trusted.contains { $0.contains(address) }
    }

    /// `X-Forwarded-For: client, proxy1, proxy2`; several headers count as one list.
    private static func forwardedForHops(_ values: [String]) -> [Substring] {
        values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    /// `Forwarded: for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"`: the `for` parameter of each element.
    private static func forwardedHops(_ values: [String]) -> [Substring] {
        values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { element in
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingSpaces().lowercased() == "for" { return parts[1] }
            }
            return ""  // an element without `for`: not believable, stops the walk
        }
    }

    /// One hop: an address, optionally quoted, an IPv6 address in brackets, and an optional port.
    static func parseHop(_ raw: Substring) -> IPAddress? {
        var hop = raw.trimmingSpaces()
        if hop.hasPrefix("\""), hop.hasSuffix("\""), hop.count >= 2 { hop = hop.dropFirst().dropLast() }
        if hop.hasPrefix("[") {
            guard let close = hop.firstIndex(of: "]") else { return nil }
            let rest = hop[hop.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && RequestNumber.parse(rest.dropFirst(), in: 0...65535) != nil) else { return nil }
            return IPAddress(hop[hop.index(after: hop.startIndex)..<close])
        }
        if let address = IPAddress(hop) { return address }
        // IPv4 with a port (`192.0.2.1:8080`).
        let parts = hop.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, RequestNumber.parse(parts[1], in: 0...65535) != nil, let address = IPAddress(parts[0]), address.isIPv4 else {
            return nil
        }
        return address
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
