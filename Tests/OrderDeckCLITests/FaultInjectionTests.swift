import AWSClient
import AWSServices
import Foundation
import LocalStack
import TestSupport
import Testing

/// The real `orderdeck` binary through `FaultProxy` (loopback, between it and moto): under a 20 %
/// mix of every fault the results equal the fault-free ones; with every request failing it gives
/// up after the configured attempts with one line; a 20-minute clock skew is corrected; the log
/// follow loses and doubles nothing, through faults and while the stack is gone and back.
@Suite(.serialized) struct FaultInjectionTests {
    /// A table of orders and a machine with finished executions on the shared executing moto.
    struct Fixture {
        var moto: MotoFixture.Instance
        var table: String
        var machine: String
        var executionArns: [String]
        var logGroup: String
        var client: AWSClient
    }

    static func fixture(orders: Int = 250, executions: Int = 8) async throws -> Fixture {
        let moto = try await MotoFixture.shared.instance(.executing)
        let client = TestAWS.client(endpoint: moto.endpoint)
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let dynamo = DynamoDBClient(client: client)
        let table = "FAULTS_\(suffix)"
        _ = try await dynamo.createTable(
            .init(
                TableName: table,
                KeySchema: [
                    .init(AttributeName: "user_id", KeyType: "HASH"), .init(AttributeName: "id", KeyType: "RANGE"),
                ],
                AttributeDefinitions: [
                    .init(AttributeName: "user_id", AttributeType: "S"), .init(AttributeName: "id", AttributeType: "S"),
                ]))
        let items: [DynamoItem] = (0..<orders).map { index in
            [
                "user_id": .s("user\(index % 7)"), "id": .s(String(format: "order-%05d", index)),
                "orderStatus": .s(index % 3 == 0 ? "CANCELLED" : "COMPLETED"),
                "createdAt": .s(ISO8601.format(Date(timeIntervalSince1970: 1_795_000_000 + Double(index)))),
                "amount": .n("\(index).99"),
            ]
        }
        try await dynamo.batchPut(table: table, items: items)
        let role = try await IAMClient(client: client).createRole(name: "faults-\(suffix)", assumeRolePolicy: "{}")
        let logGroup = "/aws/vendedlogs/states/faults-\(suffix)"
        try await CloudWatchLogsClient(client: client).createLogGroup(logGroup)
        let sfn = StepFunctionsClient(client: client)
        let machine = try await sfn.createStateMachine(
            .init(
                name: "faults-\(suffix)",
                definition:
                    #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}"#,
                roleArn: role.arn, type: "STANDARD"))
        var arns: [String] = []
        for index in 0..<executions {
            arns.append(
                try await sfn.startExecution(
                    .init(stateMachineArn: machine.stateMachineArn, name: "run-\(index)", input: "{}")
                ).executionArn)
        }
        _ = try await Waiting.until(.seconds(60), every: .milliseconds(200)) {
            let running = try await sfn.listExecutions(
                stateMachineArn: machine.stateMachineArn, statusFilter: "RUNNING"
            ).collect()
            return running.allSatisfy(\.isEmpty) ? true : nil
        }
        return Fixture(
            moto: moto, table: table, machine: "faults-\(suffix)", executionArns: arns, logGroup: logGroup,
            client: client)
    }

    static func config(in directory: TemporaryDirectory, endpoint: String, fixture: Fixture) throws -> String {
        try directory.write(
            "config-\(UUID().uuidString.prefix(4)).toml",
            """
            [stacks.faults]
            region = "us-east-1"
            endpoint_url = "\(endpoint)"
            table = "\(fixture.table)"
            state_machines = ["\(fixture.machine)"]
            log_groups = ["\(fixture.logGroup)"]
            """)
    }

    static func runner(_ state: TemporaryDirectory, attempts: Int) -> CLIRunner {
        CLIRunner(
            stateDirectory: state.path,
            extraEnvironment: [
                "AWS_ACCESS_KEY_ID": "AKIAFAULTS", "AWS_SECRET_ACCESS_KEY": "faults-secret",
                "AWS_CONFIG_FILE": state.path + "/none",
                "AWS_MAX_ATTEMPTS": String(attempts),
            ])
    }

    /// The real dashboard in tmux on a configuration file, isolated from the machine's own settings.
    static func dashboard(config: String, state: TemporaryDirectory) throws -> TmuxSession {
        try TmuxSession(
            command: CLIRunner.builtExecutable, width: 120, height: 30,
            environment: [
                "ORDERDECK_CONFIG": config, "ORDERDECK_STATE_DIR": state.path, "XDG_CONFIG_HOME": state.path + "/xdg",
                "HOME": state.path,
                "AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": "AKIAFAULTS",
                "AWS_SECRET_ACCESS_KEY": "faults-secret",
                "AWS_CONFIG_FILE": state.path + "/none", "TERM": "xterm-256color",
            ])
    }

    @Test func cliResultsUnderMixedFaultsEqualTheFaultFreeOnes() async throws {
        let fixture = try await Self.fixture()
        // Seed 3: every kind of fault within six rounds (seed 7 met six kinds once the commands
        // got leaner — one ListExecutions per 1,000 executions). Running more rounds instead
        // coincided, in 2 of 3 fresh-clone runs, with another suite's execution on the shared
        // executing moto missing its 30 s wait (suspected load; not proven).
        let proxy = try FaultProxy(upstreamPort: fixture.moto.server.port, seed: 3)
        let state = try TemporaryDirectory("faults")
        defer { state.remove() }
        let direct = try Self.config(in: state, endpoint: fixture.moto.endpoint, fixture: fixture)
        let faulty = try Self.config(in: state, endpoint: proxy.endpoint, fixture: fixture)
        let cli = Self.runner(state, attempts: 10)
        let commands: [[String]] = [
            ["orders", "--limit", "0", "--output", "json"],
            ["orders", "--user", "user3", "--limit", "0", "--output", "json"],
            ["executions", "--limit", "0", "--output", "json"],
            ["history", "--output", "json"] + fixture.executionArns,
        ]
        var expected: [String] = []
        for command in commands {
            let result = try await cli.run(command + ["--config", direct])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            expected.append(result.stdout)
        }
        #expect(
            expected[0].components(separatedBy: "\"orderStatus\"").count - 1 == 250
                || expected[0].contains("order-00249"))

        proxy.inject(rate: 0.2, stallSeconds: 1.5)
        var lost = 0
        var runs = 0
        for round in 0..<6 {
            for (index, command) in commands.enumerated() {
                let result = try await cli.run(command + ["--config", faulty, "--cli-read-timeout", "1"])
                runs += 1
                #expect(result.status == 0, "round \(round) \(command): \(result.stderr)")
                if result.stdout != expected[index] {
                    lost += 1
                    let common = zip(result.stdout, expected[index]).prefix { $0 == $1 }.count
                    Issue.record(
                        "round \(round) \(command[0]): output differs at character \(common) of \(expected[index].count): …\(result.stdout.dropFirst(max(0, common - 80)).prefix(200))…"
                    )
                }
            }
        }
        let stats = proxy.currentStats
        #expect(lost == 0, "\(lost) of \(runs) runs differed from the fault-free result")
        #expect(stats.totalInjected >= 20, "only \(stats.totalInjected) faults injected in \(stats.requests) requests")
        #expect(
            Set(stats.injected.keys).count == FaultProxy.Fault.allCases.count,
            "not every kind of fault was exercised: \(stats)")
        print("faults (CLI, 20 % mix): \(stats), \(runs) command runs, \(lost) lost")

        // Every request failing: the command stops after the configured attempts, with one line.
        proxy.inject([.internalError, .unavailable], rate: 1)
        let before = proxy.currentStats.requests
        let failing = try await Self.runner(state, attempts: 2).run(["orders", "--config", faulty])
        #expect(failing.status == 1)
        let lines = failing.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(failing.stderr)")
        #expect(
            failing.stderr.contains("InternalFailure") || failing.stderr.contains("ServiceUnavailable"),
            "\(failing.stderr)")
        #expect(
            proxy.currentStats.requests - before == 2,
            "2 attempts configured, \(proxy.currentStats.requests - before) made")
    }

    @Test func twentyMinuteClockSkewIsCorrected() async throws {
        let fixture = try await Self.fixture(orders: 30, executions: 1)
        let proxy = try FaultProxy(upstreamPort: fixture.moto.server.port)
        proxy.skewServerClock(by: 20 * 60)
        let state = try TemporaryDirectory("skew")
        defer { state.remove() }
        let config = try Self.config(in: state, endpoint: proxy.endpoint, fixture: fixture)
        let result = try await Self.runner(state, attempts: 3).run([
            "orders", "--limit", "0", "--output", "json", "--config", config,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("order-00029"))
        let stats = proxy.currentStats
        #expect(
            stats.skewRefusals == 1,
            "the first signature is refused once, then the corrected clock is used: \(stats.skewRefusals)")
        print(
            "clock skew: server 20 min ahead, \(stats.skewRefusals) refusal, \(stats.requests) requests, result complete"
        )
    }

    @Test func logFollowLosesAndDoublesNothingThroughFaultsAndAnOutage() async throws {
        let fixture = try await Self.fixture(orders: 1, executions: 1)
        let proxy = try FaultProxy(upstreamPort: fixture.moto.server.port, seed: 11)
        let state = try TemporaryDirectory("follow-faults")
        defer { state.remove() }
        let config = try Self.config(in: state, endpoint: proxy.endpoint, fixture: fixture)
        let follower = try Self.runner(state, attempts: 3).start([
            "logs", "--follow", "--since", "1m", "--output", "json", "--config", config, "--debug",
        ])
        defer { follower.stop() }
        let logs = CloudWatchLogsClient(client: fixture.client)
        try await logs.createLogStream(group: fixture.logGroup, stream: "s")
        try await Task.sleep(for: .seconds(1))
        proxy.inject(rate: 0.35, stallSeconds: 1)

        let total = 300
        let arn = "arn:aws:states:us-east-1:123456789012:execution:\(fixture.machine):e1"
        for batch in 0..<30 {
            let base = Int64(Date().timeIntervalSince1970 * 1000)
            let events = (0..<10).map { offset -> CloudWatchLogs.InputLogEvent in
                let id = batch * 10 + offset + 1
                return .init(
                    timestamp: base + Int64(offset),
                    message:
                        #"{"id":"\#(id)","type":"PassStateEntered","details":{"name":"A"},"previous_event_id":"\#(id - 1)","event_timestamp":"\#(base + Int64(offset))","execution_arn":"\#(arn)","redrive_count":"0"}"#
                )
            }
            _ = try await logs.putLogEvents(group: fixture.logGroup, stream: "s", events: events)
            // The stack is gone for ~6 s while events keep coming: longer than the client's own
            // retries can bridge (3 attempts, at most 1 + 2 s of back-off), so the follow itself
            // must report it and resume (a 3 s outage was sometimes bridged and never reported).
            if batch == 10 { proxy.goAway() }
            if batch == 22 { try proxy.comeBack() }
            try await Task.sleep(for: .milliseconds(500))
        }
        let lines = try #require(
            try await Waiting.until(.seconds(60), every: .milliseconds(250)) {
                let lines = follower.lines()
                return lines.count >= total ? lines : nil
            }, "got \(follower.lines().count) of \(total) lines; stderr: \(follower.errorText())")
        try await Task.sleep(for: .seconds(3))  // nothing more may come (duplicates would)
        let final = follower.lines()
        var ids: [Int] = []
        for line in final { ids.append(Int(try #require(try JSONValue.parse(line)["id"]?.description))!) }
        #expect(final.count == total, "printed \(final.count) lines for \(total) events")
        #expect(Set(ids).count == total, "\(total - Set(ids).count) missing or doubled")
        #expect(ids == Array(1...total), "not in order")
        let stderr = follower.errorText()
        #expect(
            stderr.contains("orderdeck: ") && stderr.contains("connection refused"),
            "the outage was not reported: \(stderr.suffix(3000))")
        #expect(!lines.isEmpty)
        print(
            "faults (logs --follow): \(proxy.currentStats), outage of ~6 s, \(total) events, \(final.count) printed, \(final.count - Set(ids).count) duplicates, \(total - Set(ids).count) lost"
        )
    }

    /// The real dashboard in tmux through the proxy: every request failing → the error in the status
    /// line while keys still work; faults off → it recovers by itself, nothing typed.
    @Test func dashboardShowsFaultsStaysResponsiveAndRecoversByItself() async throws {
        let fixture = try await Self.fixture(orders: 30, executions: 2)
        // Seed 3: every kind of fault within six rounds (seed 7 met six kinds once the commands
        // got leaner — one ListExecutions per 1,000 executions); more rounds instead loaded the
        // shared executing moto enough to delay another suite's executions past its 30 s wait.
        let proxy = try FaultProxy(upstreamPort: fixture.moto.server.port, seed: 3)
        let state = try TemporaryDirectory("tui-faults")
        defer { state.remove() }
        let config = try Self.config(in: state, endpoint: proxy.endpoint, fixture: fixture)
        let tmux = try Self.dashboard(config: config, state: state)
        defer { tmux.kill() }
        // With history it opens on the Overview; the orders are a key away.
        #expect(try await tmux.waitFor(.seconds(30)) { $0.contains("Executions/min") && $0.contains("⟳ live") } != nil)
        try tmux.send("1")
        let opened = try await tmux.waitFor(.seconds(30)) { $0.contains("order-00029") && $0.contains("⟳ live") }
        #expect(opened != nil, "dashboard did not load through the proxy:\n\(tmux.screen)")

        proxy.inject([.internalError, .unavailable, .reset], rate: 1)
        // The standing problem in the note row, above the key hints (which stay).
        let failing = try await tmux.waitFor(.seconds(40)) { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).filter {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty
            }
            guard lines.count >= 2 else { return false }
            let note = lines[lines.count - 2]
            return screen.contains("failing, retrying") && note.contains("failing since")
                && (note.contains("InternalFailure") || note.contains("ServiceUnavailable")
                    || note.contains("connection"))
                && lines[lines.count - 1].contains("? help")
        }
        #expect(failing != nil, "no error in the note row:\n\(tmux.screen)")
        // Still responsive: screens switch while every request fails.
        try tmux.send("2")
        #expect(
            try await tmux.waitFor(.seconds(5)) { $0.contains("run-0") || $0.contains("run-1") } != nil,
            "executions screen did not show:\n\(tmux.screen)")
        try tmux.send("1")
        #expect(try await tmux.waitFor(.seconds(5)) { $0.contains("order-00029") } != nil)
        let injected = proxy.currentStats.totalInjected

        proxy.inject(rate: 0)
        let recovered = try await tmux.waitFor(.seconds(40)) { screen in
            screen.contains("⟳ live") && !screen.contains("failing, retrying") && screen.contains("order-00029")
        }
        #expect(recovered != nil, "did not recover by itself:\n\(tmux.screen)")
        try tmux.send("q")
        print(
            "faults (dashboard): \(injected) requests failed while it stayed responsive; recovered by itself; \(proxy.currentStats)"
        )
    }

    /// `:stack NAME` in the real dashboard: it reopens on the other stack (header and data change).
    @Test func stackCommandSwitchesTheDashboardToAnotherStack() async throws {
        let first = try await Self.fixture(orders: 12, executions: 1)
        let second = try await Self.fixture(orders: 5, executions: 1)
        let state = try TemporaryDirectory("tui-stacks")
        defer { state.remove() }
        let config = try state.write(
            "stacks.toml",
            """
            default_stack = "blue"
            [stacks.blue]
            region = "us-east-1"
            endpoint_url = "\(first.moto.endpoint)"
            table = "\(first.table)"
            state_machines = ["\(first.machine)"]
            [stacks.green]
            region = "us-east-1"
            endpoint_url = "\(second.moto.endpoint)"
            table = "\(second.table)"
            state_machines = ["\(second.machine)"]
            """)
        let tmux = try Self.dashboard(config: config, state: state)
        defer { tmux.kill() }
        #expect(
            try await tmux.waitFor(.seconds(30)) { $0.contains("stack blue") && $0.contains("Executions/min") } != nil)
        try tmux.send("1")
        #expect(
            try await tmux.waitFor(.seconds(30)) { $0.contains("stack blue") && $0.contains("12 orders") } != nil,
            "\(tmux.screen)")
        try tmux.send(":")
        try tmux.sendLiteral("stack green")
        try tmux.send("Enter")
        // The other stack's dashboard opens on its Overview too, saying it switched.
        let reopened = try await tmux.waitFor(.seconds(30)) {
            $0.contains("stack green") && $0.contains("Executions/min")
        }
        #expect(reopened != nil, "did not switch:\n\(tmux.screen)")
        try tmux.send("1")
        let switched = try await tmux.waitFor(.seconds(30)) { $0.contains("stack green") && $0.contains("5 orders") }
        #expect(switched != nil, "did not switch:\n\(tmux.screen)")
        try tmux.send("q")
    }
}
