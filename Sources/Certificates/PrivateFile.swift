import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Files only their owner may read: the signing key, the site secret. Shared by everything in the data folder
/// that must never be readable by others, even for a moment.
public enum PrivateFile {
    /// Creates `path` with O_EXCL and mode 0600 in one step and writes `contents` durably (fsync): never readable
    /// by others, and two servers starting at once cannot both write one.
    /// Returns false when the file already exists; throws the system's reason when it cannot be made.
    public static func create(path: String, contents: String) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return false }
            throw CreationError(reason: String(cString: strerror(errno)))
        }
        let bytes = Array(contents.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            // A half-written key would be refused as broken at every later start: leave nothing behind.
            unlink(path)
            throw CreationError(reason: reason)
        }
        close(descriptor)
        return true
    }

    /// The file's permission bits when group or others may read or write it; nil when it is private (or absent).
    public static func openPermissions(path: String) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue, permissions & 0o077 != 0
        else { return nil }
        return permissions
    }

    public struct CreationError: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }
}
