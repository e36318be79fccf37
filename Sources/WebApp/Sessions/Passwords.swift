import Foundation
import HummingbirdBcrypt
import NIOPosix

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
