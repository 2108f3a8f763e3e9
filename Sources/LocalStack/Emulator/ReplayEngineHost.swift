import AWSClient
import Foundation

/// The LocalStack that replays run on: started on first use, then reused by later commands (its
/// record is `replay-engine.json` in the state directory) until it has been idle for half an
/// hour or `orderdeck replay --stop-engine` ends it. It listens on loopback only and holds
/// nothing but replays.
public enum ReplayEngineHost {
    public static let idle: Duration = .seconds(1800)

    /// The engine, and how long starting it took when this call started it (nil: reused).
    public struct Engine: Sendable {
        public var server: EmulatorServer
        public var coldStart: Duration?
    }

    struct Record: Codable {
        var pid: Int32
        var port: Int
        var root: String
    }

    static func recordPath(_ directories: StateDirectories) -> String { directories.state + "/replay-engine.json" }
    static func leasePath(_ directories: StateDirectories) -> String { directories.state + "/replay-engine.lease" }

    /// The running engine (its lease touched), or a new one — installing LocalStack first when
    /// needed (about 100 s, once; said through `progress`).
    public static func ensure(directories: StateDirectories, progress: @Sendable (String) -> Void = { _ in })
        async throws -> Engine
    {
        try StateDirectories.ensure(directories.state)
        let lock = try FileLock(path: directories.state + "/replay-engine.lock")
        defer { lock.unlock() }
        if let server = await running(directories) {
            touch(leasePath(directories))
            return Engine(server: server, coldStart: nil)
        }
        let installation = EmulatorInstallation(directories: directories)
        if let reason = installation.unavailableReason { throw LocalStackError.installFailed(reason) }
        try await installation.ensureInstalled(progress: progress)
        progress("starting the replay engine (LocalStack \(EmulatorInstallation.version), loopback only)")
        let began = ContinuousClock.now
        let server = try await EmulatorServer.start(
            installation, owner: .lease(path: leasePath(directories), idle: idle))
        let record = Record(pid: server.pid, port: server.port, root: server.root)
        try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: recordPath(directories)), options: .atomic)
        return Engine(server: server, coldStart: ContinuousClock.now - began)
    }

    /// The recorded engine when it still answers its health check.
    public static func running(_ directories: StateDirectories) async -> EmulatorServer? {
        guard let data = FileManager.default.contents(atPath: recordPath(directories)),
            let record = try? JSONDecoder().decode(Record.self, from: data), Spawner.isAlive(record.pid),
            FileManager.default.fileExists(atPath: leasePath(directories))
        else { return nil }
        let server = EmulatorServer(pid: record.pid, port: record.port, root: record.root)
        return await server.isHealthy() ? server : nil
    }

    /// Ends the engine; false when none was running.
    public static func stop(directories: StateDirectories) async -> Bool {
        let server = await running(directories)
        try? FileManager.default.removeItem(atPath: leasePath(directories))
        try? FileManager.default.removeItem(atPath: recordPath(directories))
        guard let server else { return false }
        await server.stop()
        return true
    }

    static func touch(_ path: String) {
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: path)
    }
}
