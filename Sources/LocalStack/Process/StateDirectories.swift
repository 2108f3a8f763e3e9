import Foundation

/// Where OrderDeck keeps its files, following the XDG base-directory convention:
/// the moto venv under the cache directory, stack records and journals under the state directory.
public struct StateDirectories: Sendable, Equatable {
    public var cache: String
    public var state: String

    public init(cache: String, state: String) {
        self.cache = cache
        self.state = state
    }

    /// `$XDG_CACHE_HOME/orderdeck` (or `~/.cache/orderdeck`) and `$XDG_STATE_HOME/orderdeck`
    /// (or `~/.local/state/orderdeck`); `ORDERDECK_STATE_DIR` moves the state directory.
    public static func resolve(environment: [String: String]) -> StateDirectories {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let cacheRoot = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.cache"
        let stateRoot = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        return StateDirectories(
            cache: environment["ORDERDECK_CACHE_DIR"] ?? cacheRoot + "/orderdeck",
            state: environment["ORDERDECK_STATE_DIR"] ?? stateRoot + "/orderdeck")
    }

    /// Creates a directory (and parents) readable by the owner only.
    public static func ensure(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(path, 0o700)
    }
}
