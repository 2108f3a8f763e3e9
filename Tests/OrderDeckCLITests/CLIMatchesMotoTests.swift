import AWSClient
import AWSServices
import Foundation
import LocalStack
import TestSupport
import Testing

/// The scriptable CLI, run as a binary with a config file, lists exactly what moto holds.
@Suite(.serialized) struct CLIMatchesMotoTests {
    func cli(_ running: LocalStackHarness.Running, _ state: TemporaryDirectory) throws -> (CLIRunner, String) {
        let config = try state.write(
            "config.toml",
            """
            default_stack = "harness"
            [stacks.harness]
            region = "us-east-1"
            endpoint_url = "\(running.motoEndpoint)"
            table = "\(running.stack.tableName)"
            state_machines = ["\(running.orders.name)", "\(running.sample.name)"]
            [stacks.harness.api]
            url = "\(running.url("orders"))"
            """)
        let runner = CLIRunner(
            stateDirectory: state.path,
            extraEnvironment: [
                "AWS_ACCESS_KEY_ID": "AKIACLI", "AWS_SECRET_ACCESS_KEY": "cli-secret",
                "AWS_CONFIG_FILE": state.path + "/none",
            ])
        return (runner, config)
    }

    func json(_ result: CLIRunner.Result) throws -> JSONValue {
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONValue.parse(result.stdout)
    }

    @Test func listingsMatchMoto() async throws {
        let running = try await LocalStackHarness.shared.start("cli")
        let state = try TemporaryDirectory("cli-match")
        defer { state.remove() }
        let (cli, config) = try cli(running, state)

        // submit --wait: the final status of the execution it started, journaled.
        let submitted = try await cli.run(["submit", "--wait", "--output", "json", "--config", config])
        #expect([0, 2].contains(submitted.status), "\(submitted.stderr)")
        let submission = try #require(try JSONValue.parse(submitted.stdout).arrayValues?.first)
        let arn = try #require(submission["executionArn"]?.stringValue)
        let described = try await StepFunctionsClient(client: running.client).describeExecution(arn)
        #expect(submission["executionStatus"]?.stringValue == described.status)
        #expect(submitted.status == (described.status == "SUCCEEDED" ? 0 : 2))
        let journal = try await cli.run(["submissions", "--output", "json", "--config", config])
        #expect(try json(journal).arrayValues?.first?["executionStatus"]?.stringValue == described.status)

        let orders = try json(try await cli.run(["orders", "--limit", "0", "--output", "json", "--config", config]))
        let items = try await DynamoDBClient(client: running.client).scanPages(
            .init(TableName: running.stack.tableName)
        ).collect().flatMap { $0.Items ?? [] }
        let listedIds = Set(try #require(orders.arrayValues).compactMap { $0["id"]?.stringValue })
        #expect(listedIds == Set(items.compactMap { $0["id"]?.stringValue }))

        let executions = try json(
            try await cli.run(["executions", "--limit", "0", "--output", "json", "--config", config]))
        let listed = try #require(executions.arrayValues)
        let standard = try await StepFunctionsClient(client: running.client).listExecutions(
            stateMachineArn: running.orders.arn
        ).collect().flatMap { $0 }
        let listedStandard = listed.filter { $0["stateMachine"]?.stringValue == running.orders.name }
        #expect(listedStandard.compactMap { $0["executionArn"]?.stringValue } == standard.map(\.executionArn))
        #expect(listedStandard.compactMap { $0["status"]?.stringValue } == standard.map(\.status))
        let express = listed.filter { $0["stateMachine"]?.stringValue == running.sample.name }
        #expect(express.allSatisfy { $0["source"]?.stringValue == "logs" && $0["express"] == .bool(true) })

        let history = try json(try await cli.run(["history", arn, "--output", "json", "--config", config]))
        let events = try await StepFunctionsClient(client: running.client).fullHistory(executionArn: arn)
        #expect(
            try #require(history["events"]?.arrayValues).compactMap { $0["type"]?.stringValue } == events.map(\.type))
        let byOrder = try json(
            try await cli.run([
                "history", try #require(submission["orderId"]?.stringValue), "--output", "json", "--config", config,
            ]))
        #expect(byOrder["execution"]?["executionArn"]?.stringValue == arn)
        // Several at once (fetched concurrently, printed as each one's turn comes): in the order given.
        let several = Array(standard.map(\.executionArn).prefix(10).reversed())
        let printedHistories = try await cli.run(["history", "--output", "json", "--config", config] + several)
        #expect(
            try printedHistories.stdout.split(separator: "\n").map {
                try JSONValue.parse(Array($0.utf8))["execution"]?["executionArn"]?.stringValue
            } == several)

        let logLines = try await cli.run(["logs", "--since", "1d", "--output", "json", "--config", config])
        #expect(logLines.status == 0)
        var expected = 0
        for machine in running.stack.machines {
            expected += try await CloudWatchLogsClient(client: running.client).filterLogEventPages(
                .init(logGroupName: machine.logGroupName)
            )
            .collect().reduce(0) { $0 + $1.count }
        }
        let printed = logLines.stdout.split(separator: "\n")
        #expect(
            printed.count >= expected - 40 && printed.count <= expected + 40,
            "printed \(printed.count), groups hold \(expected)")
    }

    @Test func escapeSequencesInOrderFieldsNeverReachTheTerminal() async throws {
        let running = try await LocalStackHarness.shared.start("cli")
        let state = try TemporaryDirectory("cli-safety")
        defer { state.remove() }
        let (cli, config) = try cli(running, state)
        let hostile = "Mallory\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31mred\u{9B}K"
        try await DynamoDBClient(client: running.client).putItem(
            .init(
                TableName: running.stack.tableName,
                Item: [
                    "user_id": .s(hostile), "id": .s("hostile-1"), "orderStatus": .s("PENDING\u{1B}[5m"),
                    "amount": .n("12345678901234567890123456789012345678"),
                ]))
        let table = try await cli.run(["orders", "--limit", "0", "--config", config])
        #expect(table.status == 0)
        #expect(!table.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 })
        #expect(table.stdout.contains("Mallory\\u{1b}]0;owned\\u{7}"))
        #expect(table.stdout.contains("12345678901234567890123456789012345678"))
        // JSON output is JSON: the escape is encoded, not raw.
        let json = try await cli.run(["orders", "--limit", "0", "--output", "json", "--config", config])
        #expect(!json.stdout.unicodeScalars.contains { $0.value == 0x1B })
        #expect(json.stdout.contains("\\u001b"))
    }

    @Test func secretsNeverAppearInOutputOrTheJournal() async throws {
        let running = try await LocalStackHarness.shared.start("cli")
        let state = try TemporaryDirectory("cli-secrets")
        defer { state.remove() }
        let secret = "SECRETxKEYx4f9c2b7e1d0a"
        let token = "SESSIONxTOKENx8e7d6c5b4a"
        let apiKey = "APIxKEYx1a2b3c4d5e6f"
        let config = try state.write(
            "config.toml",
            """
            [stacks.s]
            region = "us-east-1"
            endpoint_url = "\(running.motoEndpoint)"
            table = "\(running.stack.tableName)"
            state_machines = ["\(running.orders.name)", "\(running.sample.name)"]
            [stacks.s.api]
            url = "\(running.url("orders"))"
            auth = "api_key"
            api_key_env = "ORDERDECK_TEST_API_KEY"
            """)
        let cli = CLIRunner(
            stateDirectory: state.path,
            extraEnvironment: [
                "AWS_ACCESS_KEY_ID": "AKIASECRETTEST", "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": token,
                "ORDERDECK_TEST_API_KEY": apiKey, "AWS_CONFIG_FILE": state.path + "/none",
            ])
        var outputs: [String] = []
        for arguments in [
            ["whoami", "--region", "us-east-1", "--endpoint-url", running.motoEndpoint],
            ["orders", "--config", config],
            ["executions", "--config", config, "--debug"], ["submit", "--wait", "--config", config, "--debug"],
            ["submissions", "--config", config],
            ["logs", "--since", "1h", "--config", config],
            ["orders", "--config", config, "--endpoint-url", "http://127.0.0.1:1"],
            ["whoami", "--profile", "missing"],
        ] {
            let result = try await cli.run(arguments)
            outputs.append(result.stdout + result.stderr)
        }
        let journal = (try? String(contentsOfFile: state.path + "/submissions.jsonl", encoding: .utf8)) ?? ""
        #expect(!journal.isEmpty)
        // The diagnostics log (debug level for the --debug runs) is checked too.
        let diagnostics = (try? String(contentsOfFile: state.path + "/logs/orderdeck.log", encoding: .utf8)) ?? ""
        #expect(diagnostics.contains("debug"), "the --debug runs wrote no diagnostics")
        for text in outputs + [journal, diagnostics] {
            for value in [secret, token, apiKey] {
                #expect(!text.contains(value), "leaked \(value.prefix(8))… in: \(text.prefix(300))")
            }
        }
        print(
            "secrets: \(outputs.count) command outputs (2 with --debug), the journal and the diagnostics log checked, 0 leaks"
        )
    }

    @Test func errorsAreOneLineWithDocumentedExitCodes() async throws {
        let state = try TemporaryDirectory("cli-errors")
        defer { state.remove() }
        let bad = try state.write("bad.toml", "[stacks.a]\nstate_machines = [\"x\"]\nregoin = \"eu-west-1\"\n")
        let cli = CLIRunner(stateDirectory: state.path)
        let result = try await cli.run(["orders", "--config", bad])
        #expect(result.status == 78)
        #expect(
            result.stderr
                == "orderdeck: \(bad):3: stacks.a.regoin: unknown key (known: api, appsync_api_key_env, appsync_url, endpoint_url, log_groups, mouse, order_template, order_window, profile, queue_url, readonly, region, state_machines, table)\n"
        )
        let noStack = try await cli.run(["orders"])
        #expect(noStack.status == 78)
        #expect(noStack.stderr.contains("the local stack is not running"))
        let badSort = try await cli.run(["orders", "--sort", "colour", "--config", bad])
        #expect(badSort.status == 64)
    }
}

extension JSONValue {
    var arrayValues: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }
}
