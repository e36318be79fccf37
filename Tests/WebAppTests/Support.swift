import Certificates
import ContentEngine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LearnerStore
import NIOCore
import Testing

@testable import WebApp

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bundled modules, loaded once for all route tests.
let bundledCatalog: Catalog = {
    let schema = try! ModuleSchema(contentsOf: repositoryRoot.appendingPathComponent("Assets/schema/module.xsd"))
    return CatalogLoader(loader: ModuleLoader(schema: schema)).load(paths: [repositoryRoot.appendingPathComponent("modules")]).catalog
}()

/// One key for all route tests, so a test can check signatures the app made.
let testSigner = CertificateSigner.inMemory()

/// The configuration of the route tests: the repository's assets and a cheap bcrypt.
func testConfiguration(maxFailuresPerAccount: Int = 5) -> WebAppConfiguration {
    WebAppConfiguration(assetsFolder: repositoryRoot.appendingPathComponent("Assets"), bcryptCost: 4, maxFailuresPerAccount: maxFailuresPerAccount)
}

/// The app exactly as `serve` builds it, on a fresh in-memory database (or the one given), with a cheap bcrypt.
func makeApp(
    database: AppDatabase? = nil,
    maxFailuresPerAccount: Int = 5,
    configuration: WebAppConfiguration? = nil
) async throws -> (some ApplicationProtocol, AppDatabase) {
    let database = try database ?? AppDatabase.inMemory()
    let configuration = configuration ?? testConfiguration(maxFailuresPerAccount: maxFailuresPerAccount)
    let app = try await buildApplication(configuration: configuration, catalog: bundledCatalog, database: database, signer: testSigner)
    return (app, database)
}

/// The router `makeApp` builds, for tests that list its routes.
func makeRouter(database: AppDatabase) async throws -> Router<AppRequestContext> {
    try await buildRouter(configuration: testConfiguration(), catalog: bundledCatalog, database: database, signer: testSigner)
}

/// A tiny browser for route tests: keeps the session cookie and reads CSRF tokens from the last page.
final class TestBrowser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookie: String?
    var lastBody = ""
    /// Sent with every request (e.g. `X-Forwarded-For` as a proxy would add it).
    var extraHeaders = HTTPFields()

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ path: String) async throws -> TestResponse {
        let response = try await client.execute(uri: path, method: .get, headers: headers())
        remember(response)
        return response
    }

    /// Posts a form; the CSRF token of the last page is added unless `csrf` is false.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
        var all = fields
        if csrf, let token = csrfToken { all.append(("_csrf", token)) }
        let body = all.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        return try await postRaw(path, body: body)
    }

    @discardableResult
    func postRaw(_ path: String, body: String) async throws -> TestResponse {
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Registers and logs in a new learner.
    func register(
        email: String = "leerling-\(UUID().uuidString.prefix(8))@voorbeeld.nl",
        password: String = "geheim-wachtwoord",
        name: String = "Anja de Vries",
        organisation: String = "Buurtzorg"
    ) async throws {
        try await get("/registreren")
        let response = try await post(
            "/registreren",
            [
                ("naam", name), ("email", email), ("organisatie", organisation), ("wachtwoord", password),
                ("wachtwoord-herhaling", password),
            ]
        )
        #expect(response.status == .seeOther)
    }

    var csrfToken: String? {
        guard let range = lastBody.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(lastBody[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Cookies other than the session (e.g. the known-device cookie), by name.
    var otherCookies: [String: String] = [:]

    func headers() -> HTTPFields {
        var headers = extraHeaders
        let pairs = (cookie.map { ["sw_sessie=\($0)"] } ?? []) + otherCookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if !pairs.isEmpty { headers[.cookie] = pairs.joined(separator: "; ") }
        return headers
    }

    private func remember(_ response: TestResponse) {
        lastBody = String(buffer: response.body)
        for header in response.headers[values: .setCookie] {
            let pair = header.prefix { $0 != ";" }
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            if name == "sw_sessie" { cookie = value.isEmpty ? nil : value } else { otherCookies[name] = value.isEmpty ? nil : value }
        }
    }

    func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
}
