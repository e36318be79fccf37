import GRDB
import Synchronization

/// Group commit for the busiest writes (quiz submissions): writes that arrive while the single SQLite writer is
/// busy are run together in the next transaction, each inside its own savepoint, and each caller is answered
/// only after that transaction has committed.
///
/// Why: per submission, most of the writer's time went to what every transaction pays once (BEGIN, COMMIT, the
/// WAL frames of every changed page, checkpoints) and to the hop onto GRDB's writer queue. Submissions from
/// different learners touch the same table and index pages, so one commit for many of them writes far less.
///
/// What each caller still gets:
/// - atomicity: a write that throws rolls back to its savepoint (nothing of it is stored) and only its caller
///   sees the error; the other writes of the batch are unaffected;
/// - durability: the answer comes after the COMMIT, never before; if the COMMIT fails, every caller of the
///   batch gets that error and nothing of the batch is stored;
/// - no extra latency when idle: a write that finds the writer idle starts a batch at once (no timer).
///
/// Fairness: each batch is one job on GRDB's writer queue, so other writes (page visits, the statistics
/// drain) queued meanwhile run between two batches instead of waiting for a quiet moment.
final class GroupCommit: Sendable {
    private let writer: any DatabaseWriter
    private let maxBatch: Int
    private let state = Mutex(State())

    private struct State {
        var pending: [any GroupCommitJob] = []
        var scheduled = false
        var committedBatches = 0
        var committedWrites = 0
    }

    /// Writes waiting for the next batch.
    var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Batches and writes committed so far (writes that threw inside a committed batch count too).
    var committed: (batches: Int, writes: Int) { state.withLock { ($0.committedBatches, $0.committedWrites) } }

    init(writer: any DatabaseWriter, maxBatch: Int = 64) {
        self.writer = writer
        self.maxBatch = maxBatch
    }

    /// Runs `work` in a savepoint of the next group transaction and returns its result once that is committed.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(Job(work: work, continuation: continuation))
        }
    }

    private func enqueue(_ job: any GroupCommitJob) {
        let schedule = state.withLock { state -> Bool in
            state.pending.append(job)
            if state.scheduled { return false }
            state.scheduled = true
            return true
        }
        if schedule { scheduleBatch() }
    }

    private func scheduleBatch() {
        writer.asyncWriteWithoutTransaction { db in self.runBatch(db) }
    }

    /// On the writer queue: takes what is pending (at most `maxBatch`), runs it in one transaction, answers
    /// every caller, and schedules the next batch if more arrived meanwhile.
    private func runBatch(_ db: Database) {
        let batch = state.withLock { state -> [any GroupCommitJob] in
            let count = min(state.pending.count, maxBatch)
            let batch = Array(state.pending.prefix(count))
            state.pending.removeFirst(count)
            return batch
        }
        do {
            try db.inTransaction(.immediate) {
                for job in batch {
                    job.run(db)
                    // Some errors (a full disk, I/O) make SQLite roll back the whole transaction: the writes before
                    // this one are gone too, so the batch fails as a whole.
                    if !db.isInsideTransaction { throw job.failure ?? GroupCommitError.transactionRolledBack }
                }
                return .commit
            }
            state.withLock { state in
                state.committedBatches += 1
                state.committedWrites += batch.count
            }
            for job in batch { job.finish(commitError: nil) }
        } catch {
            for job in batch { job.finish(commitError: error) }
        }
        let again = state.withLock { state -> Bool in
            if state.pending.isEmpty {
                state.scheduled = false
                return false
            }
            return true
        }
        if again { scheduleBatch() }
    }
}

enum GroupCommitError: Error {
    /// SQLite ended the group transaction on its own after an error in one of its writes.
    case transactionRolledBack
}

/// One caller's write in a group transaction. Runs and finishes on the writer queue only.
private protocol GroupCommitJob: AnyObject, Sendable {
    /// Runs the write in its own savepoint and keeps its result or error.
    func run(_ db: Database)
    /// The write's own error, if it failed.
    var failure: (any Error)? { get }
    /// Answers the caller: with the write's own result, or with `commitError` if the transaction failed.
    func finish(commitError: (any Error)?)
}

/// `@unchecked Sendable`: `result` is only touched on the writer queue (in `run`, then `finish`).
private final class Job<T: Sendable>: GroupCommitJob, @unchecked Sendable {
    private let work: @Sendable (Database) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private var result: Result<T, any Error>?

    init(work: @escaping @Sendable (Database) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.work = work
        self.continuation = continuation
    }

    func run(_ db: Database) {
        do {
            var value: T?
            try db.inSavepoint {
                value = try work(db)
                return .commit
            }
            result = .success(value!)
        } catch {
            result = .failure(error)
        }
    }

    var failure: (any Error)? {
        if case .failure(let error) = result { return error }
        return nil
    }

    func finish(commitError: (any Error)?) {
        if let commitError {
            continuation.resume(throwing: commitError)
        } else if let result {
            continuation.resume(with: result)
        } else {
            continuation.resume(throwing: GroupCommitError.transactionRolledBack)
        }
    }
}
