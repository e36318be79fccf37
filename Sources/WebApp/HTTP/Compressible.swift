import Foundation
import HTTPTypes

/// Which responses are worth compressing.
enum Compressible {
    /// Text formats that shrink to a fraction: pages, the stylesheet, SVG images and CSV exports. Images, video,
    /// PDFs and fonts are compressed already.
    static let mediaTypes: Set<String> = ["text/html", "text/css", "image/svg+xml", "text/csv"]

    /// A body up to one TCP segment (1,460 bytes of payload on Ethernet) arrives in one packet either way:
    /// compressing it saves no round trip, only CPU.
    static let minimumBytes = 1460

    /// Whether a `Content-Type` value (parameters allowed) names one of `mediaTypes`.
    static func type(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        return mediaTypes.contains(mediaType)
    }
}

/// The `Cache-Control` values of the site, in one place.
enum CachePolicy {
    /// Fingerprinted static assets: the URL changes when the content does, so anyone may keep them for a year.
    static let immutable = "public, max-age=31536000, immutable"
    /// The same for every visitor and without anything personal: any cache may store it, but must ask (with
    /// If-None-Match) before every use, so a change shows at once and costs a 304 otherwise.
    static let revalidate = "public, no-cache"
    /// Everything personal (a logged-in layout shows the user's name): no cache keeps it, shared or not.
    static let personal = "no-store"
}

extension HTTPFields {
    /// Adds `name` to the `Vary` field unless it (or `*`) is there already.
    mutating func addVary(_ name: String) {
        let present = self[values: .vary].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !present.contains(name.lowercased()), !present.contains("*") else { return }
        append(HTTPField(name: .vary, value: name))
    }
}
