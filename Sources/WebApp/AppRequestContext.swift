import Foundation
import Hummingbird
import LearnerStore
import NIOCore
import RequestParsing

/// The per-request context: Hummingbird's core storage plus who is asking.
struct AppRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's address: the socket's peer, or behind a trusted proxy the forwarded address
    /// (`ClientAddressMiddleware`). Nil when the socket has no IP address (tests in-process).
    var clientAddress: IPAddress?
    /// The key rate limits and login throttling count this client under (an IPv6 client by its /64).
    var clientKey: String { clientAddress?.limitKey ?? "onbekend" }
    /// Filled by `SessionMiddleware`. A reference, so a handler that starts a session (a form for an anonymous
    /// visitor) can hand the new cookie back to the middleware.
    let sessionSlot = SessionSlot()

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress.flatMap { IPAddress($0) }
    }

    var session: Session? { sessionSlot.session }
    /// The logged-in user, if any.
    var user: KnownUser? { sessionSlot.user.flatMap(KnownUser.init) }

    /// Form posts are small; anything bigger is refused before it is read.
    var maxUploadSize: Int { 64 * 1024 }
}

/// Session state of one request. Set by the middleware, possibly replaced by a handler (login, logout).
final class SessionSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var _session: Session?
    private var _user: User?
    private var _cookieChanged = false

    var session: Session? { lock.withLock { _session } }
    var user: User? { lock.withLock { _user } }
    /// True when the response must set (or clear) the session cookie.
    var cookieChanged: Bool { lock.withLock { _cookieChanged } }

    func load(_ session: Session?, user: User?) {
        lock.withLock {
            _session = session
            _user = user
        }
    }

    func replace(_ session: Session?, user: User?) {
        lock.withLock {
            _session = session
            _user = user
            _cookieChanged = true
        }
    }
}
