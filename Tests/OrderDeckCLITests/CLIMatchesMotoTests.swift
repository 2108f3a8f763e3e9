import AWSClient
import AWSServices
import Foundation
import LocalStack
import Testing
import TestSupport

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
            extraEnvironment: ["AWS_ACCESS_KEY_ID": "AKIACLI", "AWS_SECRET_ACCESS_KEY": "cli-secret", "AWS_CONFIG_FILE": state.path + "/none"])
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
        let items = try await DynamoDBClient(client: running.client).scanPages(.init(TableName: running.stack.tableName)).collect().flatMap { $0.Items ?? [] }
        let listedIds = Set(try #require(orders["orders"]?.arrayValues).compactMap { $0["id"]?.stringValue })
        #expect(listedIds == Set(items.compactMap { $0["id"]?.stringValue }))
        #expect(orders["moreAvailable"] == .bool(false))

        let executions = try json(try await cli.run(["executions", "--limit", "0", "--output", "json", "--config", config]))
        let listed = try #require(executions.arrayValues)
        let standard = try await StepFunctionsClient(client: running.client).listExecutions(stateMachineArn: running.orders.arn).collect().flatMap { $0 }
        let listedStandard = listed.filter { $0["stateMachine"]?.stringValue == running.orders.name }
        #expect(listedStandard.compactMap { $0["executionArn"]?.stringValue } == standard.map(\.executionArn))
        #expect(listedStandard.compactMap { $0["status"]?.stringValue } == standard.map(\.status))
        let express = listed.filter { $0["stateMachine"]?.stringValue == running.sample.name }
        #expect(express.allSatisfy { $0["source"]?.stringValue == "logs" && $0["express"] == .bool(true) })

        let history = try json(try await cli.run(["history", arn, "--output", "json", "--config", config]))
        let events = try await StepFunctionsClient(client: running.client).fullHistory(executionArn: arn)
        #expect(try #require(history["events"]?.arrayValues).compactMap { $0["type"]?.stringValue } == events.map(\.type))
        let byOrder = try json(try await cli.run(["history", try #require(submission["orderId"]?.stringValue), "--output", "json", "--config", config]))
        #expect(byOrder["execution"]?["executionArn"]?.stringValue == arn)

        let logLines = try await cli.run(["logs", "--since", "1d", "--output", "json", "--config", config])
        #expect(logLines.status == 0)
        var expected = 0
        for machine in running.stack.machines {
            expected += try await CloudWatchLogsClient(client: running.client).filterLogEventPages(.init(logGroupName: machine.logGroupName))
                .collect().reduce(0) { $0 + $1.count }
        }
        let printed = logLines.stdout.split(separator: "\n")
        #expect(printed.count >= expected - 40 && printed.count <= expected + 40, "printed \(printed.count), groups hold \(expected)")
    }

    @Test func errorsAreOneLineWithDocumentedExitCodes() async throws {
        let state = try TemporaryDirectory("cli-errors")
        defer { state.remove() }
        let bad = try state.write("bad.toml", "[stacks.a]\nstate_machines = [\"x\"]\nregoin = \"eu-west-1\"\n")
        let cli = CLIRunner(stateDirectory: state.path)
        let result = try await cli.run(["orders", "--config", bad])
        #expect(result.status == 78)
        #expect(result.stderr == "orderdeck: \(bad):3: stacks.a.regoin: unknown key (known: api, endpoint_url, log_groups, order_template, profile, readonly, region, state_machines, table)\n")
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
