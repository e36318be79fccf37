import ContentEngine
import Foundation
import Hummingbird
import HummingbirdBcrypt
import LearnerStore
import NIOPosix
import RequestParsing

/// What the controllers share: built once in `buildApplication`.
struct Services: Sendable {
    let configuration: WebAppConfiguration
    let catalog: RenderedCatalog
    let database: AppDatabase
    let sessions: SessionManager
    let progress: ProgressTracker
    let views: Views
    let passwords: Passwords
    /// Every lesson page pre-rendered with markers for the learner's parts; keyed by `PageSkeletons.key`.
    let skeletons: [String: PageSkeleton]
    /// Issues (inside the completing transaction), signs, prints and checks certificates.
    let certificates: CertificateIssuer
    /// Brakes guessing on the public certificate lookup: 30 lookups a minute per client.
    let verificationLimiter = RateLimiter(limit: 30, window: 60)
    /// Brakes mass registration: 30 new accounts an hour per client (a class registering together behind one
    /// school address still fits).
    let registrationLimiter = RateLimiter(limit: 30, window: 3600)
}

/// bcrypt hashing off the event loop: one hash costs tens of milliseconds.
struct Passwords: Sendable {
    let cost: UInt8
    /// Checked when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password (no user
    /// enumeration by timing).
    let dummyHash: String

    init(cost: UInt8) {
        self.cost = cost
        self.dummyHash = Bcrypt.hash("samenwijzer-dummy-password", cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String?) async throws -> Bool {
        let target = hash ?? dummyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: target) }
        return matches && hash != nil
    }
}

extension Request {
    /// The form body, at most `context.maxUploadSize` bytes, after checking the CSRF token of the session.
    /// Nothing is read into the database before this passes.
    mutating func verifiedForm(context: AppRequestContext) async throws -> FormData {
        let buffer: ByteBuffer
        do {
            buffer = try await collectBody(upTo: context.maxUploadSize)
        } catch {
            throw AppError.payloadTooLarge
        }
        let form: FormData
        do {
            form = try FormData(parsing: String(buffer: buffer))
        } catch {
            throw AppError.formTooLarge(error)
        }
        guard let session = context.session, let token = form["_csrf"], Token.constantTimeEquals(token, session.csrfToken) else {
            throw AppError.invalidCSRFToken
        }
        return form
    }
}
