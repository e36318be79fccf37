import Foundation
import Hummingbird

/// Module media (only the files a module references, never module.xml) and the module schema for editors.
struct FileController {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get(SiteURL.mediaRoute, use: media)
        router.get(SiteURL.schemaRoute, use: schema)
        router.get(SiteURL.healthRoute) { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
    }

    @Sendable func media(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let moduleId = context.parameters.get("module"), let rendered = services.catalog[moduleId] else { throw AppError.notFound }
        let prefix = "\(SiteURL.module(moduleId))/bestanden/"
        let path = String(request.uri.path.dropFirst(prefix.count)).removingPercentEncoding ?? ""
        guard request.uri.path.hasPrefix(prefix), rendered.mediaPaths.contains(path) else { throw AppError.notFound }
        return try fileResponse(rendered.module.folder.appendingPathComponent(path))
    }

    @Sendable func schema(_ request: Request, context: AppRequestContext) async throws -> Response {
        try fileResponse(services.configuration.schemaFile)
    }

    private func fileResponse(_ file: URL) throws -> Response {
        guard let data = FileManager.default.contents(atPath: file.path) else { throw AppError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = Self.contentType(file.pathExtension.lowercased())
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func contentType(_ fileExtension: String) -> String {
        switch fileExtension {
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        case "gif": return "image/gif"
        case "mp4": return "video/mp4"
        case "webm": return "video/webm"
        case "mp3": return "audio/mpeg"
        case "ogg": return "audio/ogg"
        case "m4a": return "audio/mp4"
        case "wav": return "audio/wav"
        case "vtt": return "text/vtt; charset=utf-8"
        case "xsd": return "application/xml; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
