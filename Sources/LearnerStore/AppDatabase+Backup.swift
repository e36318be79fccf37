import Foundation
import GRDB

/// Online backups: a consistent copy of the whole database while the server keeps running, through SQLite's backup
/// API (GRDB's `backup(to:)`). The copy reads a snapshot page by page; writers are not blocked for longer than one
/// step, and the copy is one valid database as of one moment.
extension AppDatabase {
    /// Copies the database to a new file at `path` (readable by its owner only), then checks the copy with
    /// `PRAGMA integrity_check`. Refuses an existing file; removes a half-written one.
    public func backup(to path: String) throws -> BackupSummary {
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupError.targetExists(path: path) }
        do {
            try Self.createPrivately(path: path)
            let copy = try DatabaseQueue(path: path)
            try writer.backup(to: copy)
            let summary = try copy.read { db -> BackupSummary in
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check == ["ok"] else { throw BackupError.failed(path: path, reason: check.joined(separator: "; ")) }
                return BackupSummary(
                    users: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user") ?? 0,
                    certificates: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM certificate") ?? 0,
                    bytes: (try Int.fetchOne(db, sql: "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")) ?? 0
                )
            }
            try copy.close()
            return summary
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            if let error = error as? BackupError { throw error }
            throw BackupError.failed(path: path, reason: "\(error)")
        }
    }
}
