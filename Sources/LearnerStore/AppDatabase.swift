import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The learner store on SQLite (the `LearnerDataStore` protocols): one file in WAL mode, migrated when opened.
///
/// Every public write method is one transaction, so one learner action is stored completely or not at all.
/// (Quiz saves and submissions are one savepoint each in a transaction they may share with others; each is still
/// stored completely or not at all, and answered only after the commit: see `GroupCommit`.)
/// Durability: GRDB's `DatabasePool` runs WAL with `synchronous = NORMAL`, so a committed action survives a
/// crash of the process (kill -9) but the last moments may be lost on a power failure. We accept that for
/// reading progress; see docs/operations.md.
///
/// Reads are deliberately synchronous: they use the pool's few reader connections, and an async read that waits
/// for one while synchronous reads hold the others starved the two cooperative threads (seen as a hang under
/// load). Writes are async: they queue on the single writer, not on a connection pool.
public struct AppDatabase: LearnerDataStore {
    @_spi(DevSeeding) public let writer: any DatabaseWriter
    /// Quiz submissions and saves share transactions when they arrive together (see `GroupCommit`).
    let groupCommit: GroupCommit

    /// Wraps an opened database and applies every pending migration.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        self.groupCommit = GroupCommit(writer: writer)
        try Self.migrator.migrate(writer)
    }

    /// Opens (or creates) the database file at `path` and migrates it.
    /// Throws `StoreError.cannotOpen` with a message that says what to do when the file is locked or read-only.
    /// `fullSync` makes every commit wait for the disk (`synchronous = FULL` on the writer): a committed action
    /// then survives a power failure too, at about 7 % of the quiz throughput (docs/operations.md).
    public static func open(path: String, busyTimeout: TimeInterval = 5, fullSync: Bool = false) throws -> AppDatabase {
        try createPrivately(path: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            if fullSync {  // GRDB sets NORMAL on the writer when it opens the pool; only the writer commits
                try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            }
            let database = try AppDatabase(pool)
            // Fail now, not on the first learner action, if the file cannot be written.
            try database.checkWritable()
            return database
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Self.explain(error))
        }
    }

    /// A new database file is made readable by its owner only (0600) before SQLite opens it: SQLite gives the
    /// -wal and -shm files the permissions of the database file, so all three stay private. An existing file is
    /// left as it is (see `permissionsOpenToOthers`).
    static func createPrivately(path: String) throws {
        let descriptor = systemOpen(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor >= 0 { close(descriptor) }
    }

    /// The permission bits of the database file (or its -wal/-shm file) when others than its owner may read it,
    /// for a warning at start-up; nil when all are private.
    public static func permissionsOpenToOthers(path: String) -> (file: String, permissions: Int)? {
        for file in [path, path + "-wal", path + "-shm"] {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue, permissions & 0o077 != 0
            {
                return (file, permissions)
            }
        }
        return nil
    }

    /// A fresh in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: Configuration()))
    }

    /// A real write on a real table: catches a read-only file, which opening alone does not reveal.
    func checkWritable() throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO storeMeta(key, value) VALUES ('lastOpenedAt', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [ISO8601DateFormatter().string(from: Date())]
            )
        }
    }

    private static func explain(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return "het bestand is vergrendeld door een ander programma. Stop dat programma (of een tweede samenwijzer) en probeer het opnieuw"
            case .SQLITE_READONLY:
                return "het bestand of de map is alleen-lezen. Geef samenwijzer schrijfrechten op de map met gegevens"
            case .SQLITE_CANTOPEN:
                return "het bestand kan niet geopend worden. Bestaat de map en mag samenwijzer erin schrijven?"
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return "het bestand is geen (gave) SQLite-database. Zet een back-up terug of kies een andere map"
            default:
                return error.message ?? "\(error)"
            }
        }
        return "\(error)"
    }
}

/// Problems the store reports to the layers above; messages are for people.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case emailTaken
    case unknownUser
    case unknownAttempt
    case noFreeCertificateCode

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "De database \(path) kan niet geopend worden: \(reason)."
        case .emailTaken: return "Er is al een account met dit e-mailadres."
        case .unknownUser: return "Deze gebruiker bestaat niet."
        case .unknownAttempt: return "Deze poging bestaat niet."
        case .noFreeCertificateCode: return "Er kon geen vrije certificaatcode worden gevonden. Probeer het opnieuw."
        }
    }
}

/// The C library's `open`, whichever module provides it (`AppDatabase.open` shadows the plain name).
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags, mode)
    #else
    Darwin.open(path, flags, mode)
    #endif
}
