import LearnerStore
import Logging
import ServiceLifecycle

/// Adds newly submitted quiz attempts to the item summaries every few seconds, in the background. Quiz submissions
/// only queue themselves (their hot path stays one short transaction); item analysis pages drain the queue too,
/// so they are exact either way, and this keeps that drain small.
struct StatisticsUpdater: Service {
    let database: any StatisticsStore
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            await update()
            // Shutdown ends the wait at once; the loop then makes one last update.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
        await update()
    }

    private func update() async {
        do {
            try await database.updateItemStatistics()
        } catch {
            logger.error("Item statistics not updated", metadata: ["error": "\(error)"])
        }
    }
}
