import Foundation
import LocalStack

/// A private tmux server (its own socket) running one command: keys in, screen text out.
public final class TmuxSession: @unchecked Sendable {
    public let socket: String
    public let name = "od"

    public init(command: String, width: Int, height: Int, environment: [String: String]) throws {
        socket = "orderdeck-test-\(UUID().uuidString.prefix(8))"
        let exports = environment.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        // The first client forks the tmux server, which would inherit a pipe and keep it open:
        // this call's output goes nowhere.
        try run(
            [
                "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
                "env \(exports) \(command); echo ORDERDECK-EXITED $?; sleep 600",
            ], capture: false)
        let pids = (try? run(["display-message", "-p", "-t", name, "#{pid} #{pane_pid}"])) ?? ""
        processes = pids.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { pid_t(String($0)) }
    }

    /// The tmux server and the pane's process: killed for sure when the session ends.
    private var processes: [pid_t] = []

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs tmux with posix_spawn and waitpid (Foundation's Process waits on a run loop that a
    /// test thread does not spin), its output through a file no tmux server can keep open.
    @discardableResult
    func run(_ arguments: [String], capture: Bool = true) throws -> String {
        let outputPath = NSTemporaryDirectory() + "tmux-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, capture ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // The tmux server forks from here: it must not inherit this process's blocked or ignored
        // signals (a test runner's threads block some), or its pane outlives kill-server.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        Spawner.resetSignals(&attributes)
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw TmuxError(reason: "cannot start tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return capture ? ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "") : ""
    }

    public struct TmuxError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public func send(_ keys: String...) throws { try run(["send-keys", "-t", name] + keys) }

    public func sendLiteral(_ text: String) throws { try run(["send-keys", "-t", name, "-l", text]) }

    public func capture() throws -> String { try run(["capture-pane", "-p", "-t", name]) }

    /// The screen for failure messages (empty when tmux cannot be asked).
    public var screen: String { (try? capture()) ?? "" }

    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen satisfies `condition`; returns the screen, or nil after `timeout`.
    public func waitFor(_ timeout: Duration = .seconds(20), _ condition: (String) -> Bool) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let screen = try capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(150))
        }
        return nil
    }

    /// Ends the server and everything in it, whatever state it is in, and removes its socket.
    public func kill() {
        _ = try? run(["kill-server"], capture: false)
        for pid in processes where Glibc.kill(pid, 0) == 0 { Glibc.kill(pid, SIGKILL) }
        processes = []
        unlink("/tmp/tmux-\(getuid())/\(socket)")
    }
}
