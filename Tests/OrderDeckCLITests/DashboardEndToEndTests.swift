import Foundation
import LocalStack
import TestSupport
import Testing

/// The real binary in tmux against the local stack, driven as an operator drives it.
@Suite(.serialized) struct DashboardEndToEndTests {
    @Test func submitWatchHistoryLogsOrderResizeQuit() async throws {
        try await withLocalStack("tui-e2e", drive)
    }

    /// StopExecution from the dashboard (submit an order held for review, open it while RUNNING,
    /// `x`, confirm: ABORTED on screen) and from the CLI (`orderdeck stop`, and refused twice).
    @Test func stopARunningExecutionFromTheDashboardAndTheCLI() async throws {
        try await withLocalStack("tui-stop", stop)
    }

    /// Issue 25: the incident path in two keys — from the Orders screen, `/` + a declined order's id
    /// + ⏎ + ⏎ shows the failing state, its error, the whole cause and the decisive changed field —
    /// and the dashboard following the local stack when it starts again on new ports.
    @Test func theIncidentPathInTwoKeysAndAStackThatStartsAgain() async throws {
        try await withLocalStack("tui-incident") { state, cli in
            // A declined payment (one order in four): seeded, then found among the failed runs.
            var declined: String?
            for round in 0..<4 where declined == nil {
                let seed = try await cli.run(["local", "seed", "--orders", "12", "--seed", String(31 + round)])
                #expect(seed.status == 0, "\(seed.stderr)")
                // A payment declined leaves its reason on the order; a discontinued item says so instead.
                let cancelled = try await cli.run(["orders", "--status", "CANCELLED", "--output", "json"])
                let list = try JSONSerialization.jsonObject(with: Data(cancelled.stdout.utf8)) as? [[String: Any]] ?? []
                declined =
                    list.first { order in
                        let reason = ((order["attributes"] as? [String: Any])?["failureReason"] as? [String: Any])?["S"]
                        return (reason as? String).map { $0 != "item discontinued" } ?? false
                    }?["id"] as? String
            }
            let id = try #require(declined, "no declined payment in 48 seeded orders")
            let tmux = try Self.dashboard(in: state)
            defer { tmux.kill() }
            #expect(try await tmux.waitFor { $0.contains("⟳ live") } != nil, "dashboard did not open:\n\(tmux.screen)")
            try tmux.send("1")
            #expect(try await tmux.waitFor { $0.contains(id) } != nil, "\(tmux.screen)")
            try tmux.send("/")
            try tmux.sendLiteral(id)
            try tmux.send("Enter")
            try tmux.send("Enter")
            let screen = try await tmux.waitFor {
                $0.contains("✗ PaymentFailed") && $0.contains("payment.declineReason")
            }
            #expect(screen != nil, "the incident path did not land on the failure:\n\(tmux.screen)")
            let text = screen ?? ""
            #expect(text.contains("Order.PaymentDeclined — The payment was declined and the order was cancelled."))
            #expect(text.contains("+ payment.declineReason"))

            // The stack starts again on new ports: the dashboard follows within a few seconds.
            let before = try #require(try StackRecord.load(from: state.path + "/local-stack.json"))
            #expect(try await cli.run(["local", "down"]).status == 0)
            // Started again with an API key this time (issue 31: `config init --local` must write it).
            let up = try await cli.run(["local", "up", "--api-key", "e2e-key-0123456789"])
            #expect(up.status == 0, "\(up.stderr)")
            let after = try #require(try StackRecord.load(from: state.path + "/local-stack.json"))
            #expect(after.moto.endpoint != before.moto.endpoint)
            let followed = try await tmux.waitFor(.seconds(30)) {
                $0.contains(after.moto.endpoint) && $0.contains("⟳ live")
            }
            #expect(followed != nil, "the dashboard stayed on \(before.moto.endpoint):\n\(tmux.screen)")
            let file = state.path + "/written.toml"
            let initialised = try await cli.run(["config", "init", "--local", "--file", file])
            #expect(initialised.status == 0, "\(initialised.stderr)")
            let written = try String(contentsOfFile: file, encoding: .utf8)
            #expect(
                written.contains(#"auth = "api_key""#) && written.contains(#"api_key = "e2e-key-0123456789""#),
                "\(written)")
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let sent = try await cli.run(
                [
                    "submit", "--config", file, "--stack", "local-aws-cli", "--data",
                    #"{"id":"keyed-order-1","user_id":"ops"}"#,
                ])
            #expect(sent.status == 0, "the written file could not submit: \(sent.stdout) \(sent.stderr)")
        }
    }

    /// The real dashboard at 160x45 in tmux, on the stack of `state` (its state and config there).
    static func dashboard(in state: TemporaryDirectory) throws -> TmuxSession {
        try TmuxSession(
            command: CLIRunner.builtExecutable, width: 160, height: 45,
            environment: [
                "ORDERDECK_STATE_DIR": state.path, "XDG_CONFIG_HOME": state.path + "/xdg",
                "AWS_EC2_METADATA_DISABLED": "true", "TERM": "xterm-256color", "HOME": state.path,
            ])
    }

    /// `local up` in a state folder of its own, the body, then `local down` on every way out (a
    /// defer cannot await).
    func withLocalStack(
        _ label: String, _ body: (TemporaryDirectory, CLIRunner) async throws -> Void
    ) async throws {
        let state = try TemporaryDirectory(label)
        defer { state.remove() }
        let cli = CLIRunner(stateDirectory: state.path, extraEnvironment: ["XDG_CONFIG_HOME": state.path + "/xdg"])
        let up = try await cli.run(["local", "up"])
        #expect(up.status == 0, "\(up.stderr)")
        let outcome: Result<Void, any Error>
        do {
            try await body(state, cli)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        let down = try await cli.run(["local", "down"])
        #expect(down.status == 0)
        try outcome.get()
    }

    func stop(state: TemporaryDirectory, cli: CLIRunner) async throws {
        func held(_ id: String) -> String {
            #"{"id":"\#(id)","user_id":"ops","customer":{"email":"o@example.com"},"items":[{"sku":"MUG-001","quantity":1}],"amount":9,"currency":"EUR","holdSeconds":120}"#
        }
        let tmux = try Self.dashboard(in: state)
        defer { tmux.kill() }
        #expect(try await tmux.waitFor { $0.contains("⟳ live") } != nil, "dashboard did not open:\n\(tmux.screen)")
        let id = "held-\(UUID().uuidString.prefix(8).lowercased())"
        let submitted = try await cli.run(["submit", "--data", held(id)])
        #expect(submitted.status == 0, "\(submitted.stderr)")

        // Executions: filter to it, open it while it is held RUNNING, stop it.
        try tmux.send("2")
        try tmux.send("/")
        try tmux.sendLiteral(id)
        try tmux.send("Enter")
        let listed = try await tmux.waitFor(.seconds(15)) { screen in
            screen.split(separator: "\n").contains { $0.contains(id) && $0.contains("RUNNING") }
        }
        #expect(listed != nil, "never saw \(id) RUNNING:\n\(tmux.screen)")
        try tmux.send("Enter")
        #expect(try await tmux.waitFor { $0.contains("HoldForReview") && $0.contains("RUNNING") } != nil)
        try tmux.send("x")
        #expect(try await tmux.waitFor { $0.contains("stop \(id) with error: cause = ") } != nil)
        try tmux.send("Enter")
        let question =
            "Stop \(id) on local (StopExecution, error Operator.Stopped, cause 'stopped from OrderDeck')? y/N"
        #expect(try await tmux.waitFor { $0.contains(question) } != nil, "no confirmation:\n\(tmux.screen)")
        try tmux.send("y")
        let aborted = try await tmux.waitFor(.seconds(10)) { $0.contains("ABORTED") && $0.contains("stopped \(id)") }
        #expect(aborted != nil, "never saw ABORTED:\n\(tmux.screen)")
        try tmux.send("q")
        try tmux.send("q")
        try tmux.send("q")

        // The CLI: stop another held order; a second stop is refused with the reason.
        let other = "held-\(UUID().uuidString.prefix(8).lowercased())"
        #expect(try await cli.run(["submit", "--data", held(other)]).status == 0)
        // Stopped once it holds (as the dashboard's was): a stop before the execution enters
        // HoldForReview leaves that state out of the history (one fresh-clone run raced so).
        let holding = try await Waiting.until(.seconds(15)) {
            let shown = try await cli.run(["history", other])
            return shown.stdout.contains("HoldForReview") ? true : nil
        }
        #expect(holding == true, "\(other) never reached HoldForReview")
        let stopped = try await cli.run(["stop", other, "--error", "Ops.Cancelled", "--cause", "customer asked"])
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout.hasPrefix("stopped arn:aws:states:") && stopped.stdout.contains(":\(other): ABORTED"))
        let again = try await cli.run(["stop", other])
        #expect(again.status == 1, "an ended execution is a failed operation, not bad usage")
        #expect(again.stderr == "orderdeck: \(other) is ABORTED: only a RUNNING execution can be stopped\n")
        let history = try await cli.run(["history", other])
        #expect(history.stdout.contains("status: ABORTED") && history.stdout.contains("HoldForReview"))
    }

    func drive(state: TemporaryDirectory, cli: CLIRunner) async throws {
        let tmux = try Self.dashboard(in: state)
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
        let finalState = succeeded ? "NotifyAndAudit" : "PaymentFailed"
        let finalStatus = succeeded ? "SUCCEEDED" : "FAILED"
        let history = try await tmux.waitFor(.seconds(30)) {
            $0.contains("InitializeOrder") && $0.contains(name) && $0.contains(finalState) && $0.contains(finalStatus)
        }
        let historyScreen = try #require(history, "no history:\n\(tmux.screen)")
        #expect(historyScreen.contains(succeeded ? "SUCCEEDED" : "FAILED"))

        // Its log lines.
        try tmux.send("l")
        // It opens following, at the newest line: the execution's end (its start may be scrolled off).
        let logs = try await tmux.waitFor {
            $0.contains("execution \(name)") && ($0.contains("ExecutionSucceeded") || $0.contains("ExecutionFailed"))
        }
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

        // Resize 160x45 → 20x6 → 160x45: the whole screen comes back each time with no key
        // pressed. How fast is the benchmark's to say (TUIBenchmark: resize to a full frame,
        // p99 2.5 ms in-process); here tmux's own resize and capture share the machine with the
        // whole suite, so the wait is 5 s (1 s failed twice in four loaded runs, screens complete).
        try tmux.resize(width: 20, height: 6)
        let small = try await tmux.waitFor(.seconds(5)) { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.first?.contains("OrderDeck") == true && lines.allSatisfy { $0.count <= 20 }
                && lines.contains { $0.hasPrefix("ORDER") } && lines.last { !$0.isEmpty }?.contains("? help") == true
        }
        #expect(small != nil, "20x6 not drawn:\n\(tmux.screen)")
        try tmux.resize(width: 160, height: 45)
        let big = try await tmux.waitFor(.seconds(5)) { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.first?.contains("⟳ live") == true && lines.contains { $0.hasPrefix("ORDER ") }
                && lines.contains { $0.contains(name) } && lines.last { !$0.isEmpty }?.contains("? help") == true
        }
        #expect(big != nil, "160x45 not fully redrawn (header, rows, hints):\n\(tmux.screen)")

        // Follow the Logs screen while another process submits an order: its lines show up,
        // newest at the bottom, nothing typed.
        try tmux.send("3")
        #expect(try await tmux.waitFor { $0.contains("following") } != nil, "\(tmux.screen)")
        let submittedElsewhere = try await cli.run(["submit", "--output", "json"])
        let sentAt = ContinuousClock.now
        #expect(submittedElsewhere.status == 0, "\(submittedElsewhere.stderr)")
        let other = try #require(
            submittedElsewhere.stdout.firstMatch(of: /"orderId"\s*:\s*"([^"]+)"/).map { String($0.1) },
            "\(submittedElsewhere.stdout)")
        let followed = try await tmux.waitFor(.seconds(10)) { $0.contains(other) }
        let lag = ContinuousClock.now - sentAt
        // That it shows without a key is this test's to say; how soon is a figure (printed here;
        // Benchmarks/run.py case 9 and issue 28's case measure it) — a 3 s bound failed at 4.9 s
        // on a machine loaded by parallel builds.
        #expect(followed != nil, "the Logs screen never showed \(other):\n\(tmux.screen)")
        print("dashboard e2e: an order submitted by another process showed on the Logs screen after \(lag)")
        try tmux.send("q")

        // Quit: the terminal is restored (the alternate screen is gone, the shell line is back).
        try tmux.send("q")
        let exited = try await tmux.waitFor { $0.contains("ORDERDECK-EXITED 0") }
        let afterExit = try #require(exited, "did not exit cleanly:\n\(tmux.screen)")
        #expect(!afterExit.contains("⟳"))
    }
}
