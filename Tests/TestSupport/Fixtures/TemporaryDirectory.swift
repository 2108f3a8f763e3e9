import Foundation
import Synchronization

/// A directory under the system temp directory, removed by `remove()` — and, whatever a test
/// forgot, when the test process exits.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(_ label: String = "orderdeck") throws {
        path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        TemporaryDirectoryRegistry.add(path)
    }

    @discardableResult
    public func write(_ relativePath: String, _ contents: String, permissions: Int = 0o600) throws -> String {
        let full = path + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: full, atomically: true, encoding: .utf8)
        chmod(full, mode_t(permissions))
        return full
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
        TemporaryDirectoryRegistry.forget(path)
    }
}

/// Every temporary directory of this process not yet removed, removed at exit.
enum TemporaryDirectoryRegistry {
    private static let paths = Mutex<Set<String>?>(nil)

    static func add(_ path: String) {
        let first = paths.withLock { paths -> Bool in
            defer { paths = (paths ?? []).union([path]) }
            return paths == nil
        }
        if first {
            atexit {
                for path in TemporaryDirectoryRegistry.paths.withLock({ $0 ?? [] }) {
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
        }
    }

    static func forget(_ path: String) { paths.withLock { _ = $0?.remove(path) } }
}
