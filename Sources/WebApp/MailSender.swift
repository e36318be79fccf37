import AppCore
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// Delivers the mail queue in the background while the server runs: every `interval`, the due messages, one
/// batch at a time on the blocking thread pool (libcurl waits on the mail server; no event loop does).
struct MailSender: Service {
    let delivery: MailDelivery
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            await deliver()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    private func deliver() async {
        let delivery = self.delivery
        do {
            let outcome = try await NIOThreadPool.singleton.runIfActive { try delivery.deliverDue() }
            if outcome != .init() {
                logger.info("Mail", metadata: ["sent": "\(outcome.sent)", "retried": "\(outcome.retried)", "dead": "\(outcome.dead)"])
            }
            if outcome.dead > 0 { logger.error("Mail could not be delivered; see /beheer (dead letters)") }
        } catch {
            logger.error("Mail queue not delivered", metadata: ["error": "\(error)"])
        }
    }
}
