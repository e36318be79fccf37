import Foundation

/// A consistent copy of the whole store while the site keeps running (`samenwijzer backup`).
public protocol BackupStore: Sendable {
    /// Copies the store to a new file at `path` (readable by its owner only) and checks the copy. Refuses an
    /// existing file (`BackupError.targetExists`); removes a half-written one.
    func backup(to path: String) throws -> BackupSummary
}

public enum BackupError: Error, CustomStringConvertible, Equatable {
    case targetExists(path: String)
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .targetExists(let path):
            "Het bestand \(path) bestaat al. Kies een nieuwe naam: een back-up overschrijft nooit een bestand."
        case .failed(let path, let reason):
            "De back-up naar \(path) is mislukt: \(reason). Het halve bestand is verwijderd."
        }
    }
}

/// What a finished backup holds.
public struct BackupSummary: Sendable, Equatable {
    public let users: Int
    public let certificates: Int
    public let bytes: Int
}
