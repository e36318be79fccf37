#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as bytes. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what a dual-stack socket
/// reports) is the IPv4 address, so limits and proxy rules see one client as one address.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 (IPv6).
    public let bytes: [UInt8]

    public var isIPv4: Bool { bytes.count == 4 }

    /// Parses the textual forms the C library accepts (dotted quad; RFC 4291 IPv6, without a zone or brackets).
    public init?(_ text: some StringProtocol) {
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        let string = String(text)
        var v4 = in_addr()
        if string.withCString({ inet_pton(AF_INET, $0, &v4) }) == 1 {
            self.bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        guard string.withCString({ inet_pton(AF_INET6, $0, &v6) }) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            self.bytes = Array(bytes[12...])
        } else {
            self.bytes = bytes
        }
    }

    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        var words: [String] = []
        for index in stride(from: 0, to: 16, by: 2) {
            words.append(String(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]), radix: 16))
        }
        return words.joined(separator: ":")
    }

    /// The key under which rate limits count this client: the address itself for IPv4, its /64 network for IPv6
    /// (one household or host gets a whole /64 and can pick any address in it).
    public var limitKey: String {
        if isIPv4 { return description }
        var network = bytes
        for index in 8..<16 { network[index] = 0 }
        return IPAddress(bytes: network).description + "/64"
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }
}

/// An address range in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`), or one address (`127.0.0.1`).
public struct AddressRange: Sendable, Equatable, CustomStringConvertible {
    public let network: IPAddress
    public let prefixLength: Int

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let network = IPAddress(Substring(parts[0])) else { return nil }
        let bits = network.bytes.count * 8
        if parts.count == 2 {
            guard let length = RequestNumber.parse(Substring(parts[1]), in: 0...bits) else { return nil }
            prefixLength = length
        } else {
            prefixLength = bits
        }
        self.network = network
    }

    public func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var remaining = prefixLength
        for index in network.bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if network.bytes[index] & mask != address.bytes[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    public var description: String { "\(network)/\(prefixLength)" }
}
