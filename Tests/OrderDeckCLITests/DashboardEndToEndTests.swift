import Foundation
import LocalStack
import TestSupport
import Testing

/// The real binary in tmux against the local stack, driven as an operator drives it.
@Suite(.serialized) struct DashboardEndToEndTests {
    @Test func submitWatchHistoryLogsOrderResizeQuit() async throws {
        let state = try TemporaryDirectory("tui-e2e")
        defer { state.remove() }
        let cli = CLIRunner(stateDirectory: state.path, extraEnvironment: ["XDG_CONFIG_HOME": state.path + "/xdg"])
        let up = try await cli.run(["local", "up"])
        #expect(up.status == 0, "\(up.stderr)")
        // Stop the stack on every way out (a defer cannot await).
        let outcome: Result<Void, any Error>
        do {
            try await drive(state: state)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        let down = try await cli.run(["local", "down"])
        #expect(down.status == 0)
        try outcome.get()
    }

    func drive(state: TemporaryDirectory) async throws {

        let tmux = try TmuxSession(
            command: CLIRunner.builtExecutable, width: 120, height: 35,
            environment: [
                "ORDERDECK_STATE_DIR": state.path, "XDG_CONFIG_HOME": state.path + "/xdg",
                "AWS_EC2_METADATA_DISABLED": "true",
                "TERM": "xterm-256color", "HOME": state.path,
            ])
        defer { tmux.kill() }
        let opened = try await tmux.waitFor {
            $0.contains("OrderDeck") && $0.contains("LOCAL") && $0.contains("⟳ live")
        }
        #expect(opened != nil, "dashboard did not open:\n\(tmux.screen)")

        // Submit an order from the Submit screen.
        try tmux.send("4")
        #expect(try await tmux.waitFor { $0.contains("New order") } != nil)
        try tmux.send("s")
        let submitted = try await tmux.waitFor { $0.contains("200 webhook submitted") }
        let submitScreen = try #require(submitted, "no submit answer:\n\(tmux.screen)")
        let executionLine = try #require(submitScreen.split(separator: "\n").first { $0.hasPrefix("execution ") })
        let name = String(executionLine.dropFirst("execution ".count)).trimmingCharacters(in: .whitespaces)
        #expect(name.count == 36)

        // Executions screen: the execution RUNNING, then finished.
        try tmux.send("2")
        let running = try await tmux.waitFor(.seconds(10)) { screen in
            screen.split(separator: "\n").contains { $0.contains(name.prefix(20)) && $0.contains("RUNNING") }
        }
        #expect(running != nil, "never saw \(name) RUNNING:\n\(tmux.screen)")
        let finished = try await tmux.waitFor(.seconds(30)) { screen in
            screen.split(separator: "\n").contains {
                $0.contains(name.prefix(20)) && ($0.contains("SUCCEEDED") || $0.contains("FAILED"))
            }
        }
        let finalScreen = try #require(finished, "never saw \(name) finish:\n\(tmux.screen)")
        let succeeded = finalScreen.split(separator: "\n").contains {
            $0.contains(name.prefix(20)) && $0.contains("SUCCEEDED")
        }

        // Its history: filter to it, open it.
        try tmux.send("/")
        try tmux.sendLiteral(String(name.prefix(13)))
        try tmux.send("Enter")
        try tmux.send("Enter")
        // The detail is live: it may first show what the Submit screen's watcher last saw, then
        // the finished timeline.
        let finalState = succeeded ? "NotifyOrderCompleted" : "PaymentFailed"
        let finalStatus = succeeded ? "SUCCEEDED" : "FAILED"
        let history = try await tmux.waitFor(.seconds(30)) {
            $0.contains("InitializeOrder") && $0.contains(name) && $0.contains(finalState) && $0.contains(finalStatus)
        }
        let historyScreen = try #require(history, "no history:\n\(tmux.screen)")
        #expect(historyScreen.contains(succeeded ? "SUCCEEDED" : "FAILED"))

        // Its log lines.
        try tmux.send("l")
        let logs = try await tmux.waitFor { $0.contains("execution \(name)") && $0.contains("ExecutionStarted") }
        #expect(logs != nil, "no log lines:\n\(tmux.screen)")

        // Back to the execution, then to its order row.
        try tmux.send("Escape")
        #expect(try await tmux.waitFor { $0.contains("InitializeOrder") } != nil)
        try tmux.send("o")
        let orderRow = try await tmux.waitFor { screen in
            screen.split(separator: "\n").contains {
                $0.contains(name.prefix(20)) && $0.contains(succeeded ? "COMPLETED" : "CANCELLED")
            }
        }
        #expect(orderRow != nil, "no order row:\n\(tmux.screen)")

        // Resize: re-laid out at once.
        try tmux.resize(width: 80, height: 24)
        let resized = try await tmux.waitFor { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.first?.contains("OrderDeck") == true && lines.allSatisfy { $0.count <= 80 }
                && screen.contains("ORDER ")
        }
        #expect(resized != nil, "not re-laid out:\n\(tmux.screen)")

        // Quit: the terminal is restored (the alternate screen is gone, the shell line is back).
        try tmux.send("q")
        let exited = try await tmux.waitFor { $0.contains("ORDERDECK-EXITED 0") }
        let afterExit = try #require(exited, "did not exit cleanly:\n\(tmux.screen)")
        #expect(!afterExit.contains("⟳"))
    }
}
