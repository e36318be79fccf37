import GRDB

/// A write that failed because of the storage, not because of the request: the disk (or the file's size limit) is
/// full, the file became read-only, or the disk reports I/O errors. The web layer shows these as "saving does not
/// work right now" (503), logs them loudly, and keeps serving reads; nothing of the failed action is stored, as every
/// action is one transaction.
public enum StorageProblem: Sendable, Equatable {
    case full
    case readOnly
    case ioError

    /// The storage problem behind `error`, or nil for any other error.
    public init?(_ error: any Error) {
        // A group commit that SQLite abandoned answers every caller of the batch with the write's own error.
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: self = .full
        case .SQLITE_READONLY: self = .readOnly
        case .SQLITE_IOERR: self = .ioError
        default: return nil
        }
    }
}
