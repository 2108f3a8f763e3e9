import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An advisory lock on a file (flock), so two processes (two test runs, CI and a developer)
/// never install the venv at the same time.
public final class FileLock {
    private let descriptor: Int32

    public init(path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LocalStackError.installFailed("cannot open lock file \(path)") }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { break }
        }
    }

    private var held = true

    /// Releases the lock (also done when the lock is deallocated).
    public func unlock() {
        guard held else { return }
        held = false
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    deinit { unlock() }
}
