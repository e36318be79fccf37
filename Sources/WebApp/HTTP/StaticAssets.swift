import Crypto
import Foundation
import Hummingbird

/// The files of `Assets/static`, read and compressed once at start-up and served from memory under two names:
/// the fingerprinted one (`/static/site.<hash>.css`, the content's hash in the name), which any cache may keep for
/// a year because a changed file gets a new name, and the plain one (`/static/site.css`), kept working for old
/// links and bookmarks, which caches must revalidate. Pages link to the fingerprinted name (`url(for:)`).
///
/// A file changed on disk counts after a restart (it is the release's own folder, not content).
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        let body: PrecompressedBody
        let cacheControl: String
    }

    /// By path below `/static/`: both names of every file.
    private let assets: [String: Asset]
    /// Plain name → fingerprinted name.
    private let fingerprinted: [String: String]

    /// At most this many files of at most `maxFileBytes` each are loaded: the folder is ours, but a stray large
    /// file should not fill the memory.
    static let maxFiles = 200
    static let maxFileBytes = 8 << 20

    init(folder: URL) throws {
        var assets: [String: Asset] = [:]
        var fingerprinted: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey])
        let files = (enumerator?.allObjects ?? [])
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.path < $1.path }
            .prefix(Self.maxFiles)
        let base = folder.standardizedFileURL.path
        for file in files {
            let path = file.standardizedFileURL.path
            let size = (try? file.resourceValues(forKeys: [.fileSizeKey]))?.fileSize ?? 0
            guard path.hasPrefix(base + "/"), size <= Self.maxFileBytes else { continue }
            let name = String(path.dropFirst(base.count + 1))
            // Hidden files (editor swap files, .DS_Store) are not part of the site.
            guard !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            let data = try Data(contentsOf: file)
            let body = PrecompressedBody(ByteBuffer(bytes: data), contentType: Self.contentType(file.pathExtension.lowercased()))
            let hashed = Self.fingerprintedName(name, hash: SHA256.hash(data: data))
            assets[name] = Asset(body: body, cacheControl: CachePolicy.revalidate)
            assets[hashed] = Asset(body: body, cacheControl: CachePolicy.immutable)
            fingerprinted[name] = hashed
        }
        self.assets = assets
        self.fingerprinted = fingerprinted
    }

    /// `site.css` → `site.<16 hex digits of SHA-256>.css` (a file without an extension gets the hash at the end).
    static func fingerprintedName(_ name: String, hash: SHA256.Digest) -> String {
        let hex = hash.prefix(8).map { String(format: "%02x", $0) }.joined()
        let slash = name.lastIndex(of: "/").map { name.index(after: $0) } ?? name.startIndex
        guard let dot = name[slash...].lastIndex(of: "."), dot > slash else { return "\(name).\(hex)" }
        return "\(name[..<dot]).\(hex)\(name[dot...])"
    }

    /// The URL pages should use for `name` (e.g. "site.css"): the fingerprinted one when the file exists.
    func url(for name: String) -> String {
        "\(SiteURL.staticPrefix)/\(fingerprinted[name] ?? name)"
    }

    /// The asset at `path` below `/static/`, either name.
    subscript(path: String) -> Asset? { assets[path] }

    static func contentType(_ fileExtension: String) -> String {
        switch fileExtension {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "txt": "text/plain; charset=utf-8"
        default: FileController.contentType(fileExtension)
        }
    }
}

/// Serves `/static/…` from `StaticAssets`; anything else under the prefix is the site's 404 page.
struct StaticAssetMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let assets: StaticAssets

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let prefix = SiteURL.staticPrefix + "/"
        // HEAD arrives here as GET (HeadAsGetRouter).
        guard request.method == .get, request.uri.path.hasPrefix(prefix) else { return try await next(request, context) }
        guard let asset = assets[String(request.uri.path.dropFirst(prefix.count))] else { throw AppError.notFound }
        return asset.body.response(to: request, cacheControl: asset.cacheControl)
    }
}
