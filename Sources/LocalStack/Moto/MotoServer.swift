import AWSClient
import Foundation

/// A running moto server on a loopback port.
public struct MotoServer: Sendable, Equatable, Codable {
    public var port: Int
    public var pid: Int32
    public var logPath: String

    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// How the server's life is tied to ours.
    public enum Lifetime: Sendable {
        /// Its own session; outlives this process (the local stack).
        case detached
        /// Killed when this process exits, however it exits (test fixtures).
        case tiedToThisProcess
    }

    /// Starts moto on `port` (a free one when nil) and waits until it answers.
    public static func start(
        installation: MotoInstallation, port: Int? = nil, logPath: String, lifetime: Lifetime,
        extraEnvironment: [String: String] = [:], removeWhenOrphaned: String? = nil
    ) async throws -> MotoServer {
        let port = try port ?? Spawner.freeLoopbackPort()
        var environment = ProcessInfo.processInfo.environment
        // Service tasks inside state machines call moto back on localhost:$MOTO_PORT.
        environment["MOTO_PORT"] = String(port)
        for (key, value) in extraEnvironment { environment[key] = value }
        let arguments = ["-H", "127.0.0.1", "-p", String(port)]
        let pid: Int32
        switch lifetime {
        case .detached:
            pid = try Spawner.spawnDetached(
                executable: installation.serverExecutable, arguments: arguments, environment: environment,
                logPath: logPath)
        case .tiedToThisProcess:
            pid = try TiedProcess.start(
                executable: installation.serverExecutable, arguments: arguments, environment: environment,
                logPath: logPath, removeWhenOrphaned: removeWhenOrphaned)
        }
        let server = MotoServer(port: port, pid: pid, logPath: logPath)
        try await server.waitUntilReady()
        return server
    }

    /// Polls until moto answers HTTP, or fails with the tail of its log.
    public func waitUntilReady(timeout: Duration = .seconds(30)) async throws {
        let transport = AsyncHTTPTransport()
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let response = try? await transport.send(
                HTTPRequest(method: "GET", origin: endpoint, path: "/moto-api/"), timeout: .seconds(2)),
                response.status > 0
            {
                return
            }
            if !Spawner.isAlive(pid) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        throw LocalStackError.serverDidNotStart("port \(port): \(MotoInstallation.lastLines(log, count: 4))")
    }

    /// Turns on real state-machine execution (must happen before state machines are created).
    public func enableStateMachineExecution() async throws {
        try await post(
            "/moto-api/config", body: #"{"stepfunctions":{"execute_state_machine":true}}"#,
            contentType: "application/json")
    }

    /// Turns SigV4 checking on after `count` more requests (0: from now on).
    public func enableSignatureChecking(afterRequests count: Int = 0) async throws {
        try await post("/moto-api/reset-auth", body: String(count), contentType: "text/plain")
    }

    /// Wipes every resource (the execution flag survives).
    public func reset() async throws {
        try await post("/moto-api/reset", body: "", contentType: "text/plain")
    }

    private func post(_ path: String, body: String, contentType: String) async throws {
        let response = try await AsyncHTTPTransport().send(
            HTTPRequest(
                method: "POST", origin: endpoint, path: path, headers: [("Content-Type", contentType)],
                body: Array(body.utf8)),
            timeout: .seconds(10))
        guard (200..<300).contains(response.status) else {
            throw LocalStackError.serverDidNotStart(
                "\(path) answered HTTP \(response.status): \(response.bodyText.prefix(200))")
        }
    }

    public func stop() async {
        await Spawner.stop(pid)
    }
}

/// Runs a process under a small shell guard that kills it once this process is gone — however it
/// ends (exit, crash, SIGKILL) — by checking every second that our pid is still alive.
enum TiedProcess {
    private static let guardScript = """
        parent=$1; cleanup=$2; shift 2
        "$@" </dev/null & child=$!
        trap 'kill $child 2>/dev/null; sleep 3; kill -9 $child 2>/dev/null; exit 0' TERM INT
        while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
        kill $child 2>/dev/null
        # moto can hang in shutdown waiting for execution threads: make sure it goes.
        sleep 3
        kill -9 $child 2>/dev/null
        # The test process's own removal at exit can race the server's last writes: once it is
        # gone, its log folder goes with the server.
        if [ -n "$cleanup" ] && ! kill -0 "$parent" 2>/dev/null; then rm -rf "$cleanup"; fi
        """

    static func start(
        executable: String, arguments: [String], environment: [String: String], logPath: String,
        removeWhenOrphaned: String? = nil
    ) throws -> Int32 {
        FileManager.default.createFile(atPath: logPath, contents: nil, attributes: [.posixPermissions: 0o600])
        // The guard is the process we know; moto is its child. Stopping the guard stops moto.
        return try Spawner.spawnDetached(
            executable: "/bin/sh",
            arguments: ["-c", guardScript, "sh", String(getpid()), removeWhenOrphaned ?? "", executable] + arguments,
            environment: environment, logPath: logPath)
    }
}
