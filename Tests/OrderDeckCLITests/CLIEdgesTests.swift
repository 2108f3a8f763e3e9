import AWSClient
import AWSServices
import Foundation
import LocalStack
import OrderDeckCore
import TestSupport
import Testing

/// The CLI's edges as scripts meet them: closed pipes, unknown commands and values, bad input,
/// error bodies that are not AWS errors. Process behaviour is tested on the real binary.
@Suite(.serialized) struct CLIEdgesTests {
    /// More than a pipe buffer (64 KB) for every command that lists things.
    static func bigFixture() async throws -> (FaultInjectionTests.Fixture, TemporaryDirectory, CLIRunner, String) {
        let fixture = try await FaultInjectionTests.fixture(orders: 1100, executions: 1100)
        let logs = CloudWatchLogsClient(client: fixture.client)
        try await logs.createLogStream(group: fixture.logGroup, stream: "big")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for batch in 0..<3 {
            let events = (0..<400).map { index in
                CloudWatchLogs.InputLogEvent(
                    timestamp: now - 60_000 + Int64(batch * 400 + index),
                    message: "line \(batch * 400 + index) " + String(repeating: "x", count: 120))
            }
            _ = try await logs.putLogEvents(group: fixture.logGroup, stream: "big", events: events)
        }
        let (state, cli, config) = try Self.cli(for: fixture, label: "pipes")
        let journal = SubmissionJournal(path: SubmissionJournal.defaultPath(environment: cli.environment))
        for index in 0..<900 {
            try await journal.record(
                Submission(
                    id: String(format: "%08x", index), orderId: "order-\(index)", stack: "faults",
                    url: "http://127.0.0.1:1/main/orders", body: "{}", createdAt: Date(), state: .answered, attempts: 1,
                    status: 200, responseBody: #"{"status":"webhook submitted"}"#))
        }
        return (fixture, state, cli, config)
    }

    /// A temporary state folder, a runner and a configuration file for a fault-fixture stack.
    static func cli(for fixture: FaultInjectionTests.Fixture, label: String) throws -> (
        TemporaryDirectory, CLIRunner, String
    ) {
        let state = try TemporaryDirectory(label)
        let config = try FaultInjectionTests.config(in: state, endpoint: fixture.moto.endpoint, fixture: fixture)
        return (state, FaultInjectionTests.runner(state, attempts: 2), config)
    }

    @Test func everyCommandEndsQuietlyWhenTheReaderClosesThePipe() async throws {
        let (fixture, state, cli, config) = try await Self.bigFixture()
        defer { state.remove() }
        let history = ["history", "--output", "json"] + Array(repeating: fixture.executionArns[0], count: 150)
        let commands: [[String]] = [
            ["orders", "--limit", "0"], ["orders", "--limit", "0", "--output", "json"],
            ["logs", "--since", "10m"], ["logs", "--since", "10m", "--output", "json"],
            ["logs", "--since", "10m", "--follow"], history,
            ["submissions"], ["submissions", "--output", "json"],
            ["executions", "--limit", "0"], ["executions", "--limit", "0", "--output", "json"],
            ["check"], ["check", "--output", "json"],
        ]
        for command in commands {
            // The whole output is bigger than a pipe buffer…
            if !command.contains("--follow") {
                let whole = try await cli.run(command + ["--config", config])
                #expect([0, 4].contains(whole.status), "\(command): \(whole.stderr)")
                #expect(whole.stdout.utf8.count > 64 * 1024, "\(command) printed only \(whole.stdout.utf8.count) bytes")
            }
            // …and a reader that takes 300 bytes and goes away ends it quietly: no crash, no trace.
            let cut = try await cli.runClosingEarly(command + ["--config", config], after: 300)
            #expect(cut.status == 0, "\(command) ended with \(cut.status): \(cut.stderr)")
            // `logs --follow` may say how it follows (Live Tail or polling, and why) before the cut.
            let stderr = cut.stderr.split(separator: "\n").filter { !$0.hasPrefix("orderdeck: following by ") }
            #expect(stderr.isEmpty, "\(command) wrote to stderr: \(cut.stderr.prefix(300))")
            #expect(cut.stdout.utf8.count == 300)
        }
        print("closed pipes: \(commands.count) commands end with status 0 and nothing on stderr")
    }

    @Test func jsonOutputFollowsOneConvention() async throws {
        let fixture = try await FaultInjectionTests.fixture(orders: 12, executions: 2)
        let (state, cli, config) = try Self.cli(for: fixture, label: "json-convention")
        defer { state.remove() }
        let logs = CloudWatchLogsClient(client: fixture.client)
        try await logs.createLogStream(group: fixture.logGroup, stream: "json")
        _ = try await logs.putLogEvents(
            group: fixture.logGroup, stream: "json",
            events: [.init(timestamp: Int64(Date().timeIntervalSince1970 * 1000), message: "hello")])
        // Listings: one JSON array of records.
        for command in [["orders", "--limit", "5"], ["executions"], ["submissions"], ["check"]] {
            let result = try await cli.run(command + ["--output", "json", "--config", config])
            #expect([0, 4].contains(result.status), "\(command): \(result.stderr)")
            let value = try JSONValue.parse(result.stdout)
            #expect(value.arrayValues != nil, "\(command) printed \(result.stdout.prefix(80))")
        }
        let limited = try await cli.run(["orders", "--limit", "5", "--output", "json", "--config", config])
        #expect(try JSONValue.parse(limited.stdout).arrayValues?.count == 5)
        #expect(limited.stderr.contains("more available"), "the cut is said on stderr, not in the data")
        // This table has no recent-orders index: the first 5 of a scan, and it says so.
        #expect(limited.stderr.contains("scan order, not newest"), "\(limited.stderr)")
        // Streams: JSON lines, one record per line.
        for command in [["history"] + fixture.executionArns, ["logs", "--since", "10m"]] {
            let result = try await cli.run(command + ["--output", "json", "--config", config])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(!lines.isEmpty)
            for line in lines { #expect(try JSONValue.parse(String(line)).objectMembers != nil, "\(line.prefix(80))") }
        }
    }

    @Test func tablesAlignMoneyEndRowsCleanlyAndKeepExecutionNamesWhole() async throws {
        let fixture = try await FaultInjectionTests.fixture(orders: 30, executions: 1)
        let (state, cli, config) = try Self.cli(for: fixture, label: "tables")
        defer { state.remove() }
        let orders = try await cli.run(["orders", "--limit", "0", "--config", config])
        #expect(orders.status == 0, "\(orders.stderr)")
        let lines = orders.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 31)
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") }, "no trailing spaces")
        // Amounts (0.99 … 29.99) end in one column: right-aligned.
        let ends = Set(
            lines.dropFirst().compactMap { line in
                line.range(of: ".99").map { line.distance(from: line.startIndex, to: $0.upperBound) }
            })
        #expect(ends.count == 1, "amount ends: \(ends)")
        // A long execution name stays whole in `check`; the ARN's front is what gets shortened.
        let name = "a-rather-long-execution-name-0123456789abcdef"
        let machineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:\(fixture.machine)"
        _ = try await StepFunctionsClient(client: fixture.client).startExecution(
            .init(stateMachineArn: machineArn, name: name, input: "{}"))
        let check = try await cli.run(["check", "--config", config])
        #expect(check.status == 4, "\(check.stderr)")
        let row = try #require(check.stdout.split(separator: "\n").first { $0.contains(name) }, "\(check.stdout)")
        #expect(row.contains("…"), "the ARN was shortened at its front: \(row)")
    }

    @Test func aRunThatFailedBeforeWritingItsOrderIsFoundByTheIdAndSaysWhy() async throws {
        let running = try await LocalStackHarness.shared.start("edges")
        let state = try TemporaryDirectory("edges")
        defer { state.remove() }
        let (cli, config) = try CLIMatchesMotoTests().cli(running, state)
        // No amount: InitializeOrder cannot build the item and fails, so none is ever written.
        // (An order without user_id, the table's key, is refused before it is sent.)
        let submitted = try await cli.run([
            "submit", "--data", #"{"user_id":"edges","currency":"EUR"}"#, "--wait", "--output", "json", "--config",
            config,
        ])
        #expect(submitted.status == 2, "\(submitted.stderr)")
        let orderId = try #require(
            submitted.stdout.firstMatch(of: /"orderId"\s*:\s*"([^"]+)"/).map { String($0.1) }, "\(submitted.stdout)")
        // --wait says why, as history does: the failing state, the error and its cause.
        let reason = submitted.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(reason.hasPrefix("orderdeck: execution FAILED in "), "\(submitted.stderr)")
        #expect(reason.contains("States.") || reason.contains("—"), "error and cause: \(reason)")
        let history = try await cli.run(["history", orderId, "--config", config])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains(orderId) && history.stdout.contains("FAILED"), "\(history.stdout)")
        let none = try await cli.run(["history", "no-such-order", "--config", config])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no execution of that name"), "\(none.stderr)")

        // Redrive (issue 27) by the same id: --dry-run says it would, and sends nothing.
        let dry = try await cli.run(["redrive", orderId, "--dry-run", "--config", config])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would redrive") && dry.stdout.contains("FAILED"), "\(dry.stdout)")
        #expect(dry.stdout.contains("redriven 0 times so far"), "\(dry.stdout)")
        // Moto has no RedriveExecution: the attempt ends in one line, exit 1 (RedriveTests covers
        // the call itself through the transport seam).
        let sent = try await cli.run(["redrive", orderId, "--config", config])
        #expect(sent.status == 1, "\(sent.stdout) \(sent.stderr)")
        #expect(sent.stderr.split(separator: "\n").count == 1, "\(sent.stderr)")
        let express = try await cli.run([
            "redrive", "arn:aws:states:us-east-1:123456789012:express:sample:x:y", "--config", config,
        ])
        #expect(express.status == 64, "\(express.stderr)")
        #expect(express.stderr.contains("Express"), "\(express.stderr)")

        // In bulk: every execution that ended badly in the last hour, a line each, then a count.
        let plan = try await cli.run(["redrive", "--since", "1h", "--dry-run", "--config", config])
        #expect(plan.status == 0, "\(plan.stderr)")
        let line = plan.stdout.split(separator: "\n").first { $0.contains(orderId) }.map(String.init) ?? ""
        #expect(line.hasPrefix("would redrive") && line.contains("FAILED"), "\(plan.stdout)")
        #expect(plan.stdout.contains(/would redrive \d+ of \d+ executions? that ended badly/), "\(plan.stdout)")
        // Unconfirmed (nothing on standard input): nothing sent, exit 64; "n": nothing, exit 0.
        let unconfirmed = try await cli.run(["redrive", "--since", "1h", "--config", config])
        #expect(unconfirmed.status == 64 && unconfirmed.stderr.contains("not confirmed"), "\(unconfirmed.stderr)")
        let declined = try await cli.run(["redrive", "--since", "1h", "--config", config], stdin: "n\n")
        #expect(declined.status == 0 && declined.stdout.contains("nothing redriven"), "\(declined.stdout)")
        // Confirmed: moto answers each RedriveExecution with an error, said per execution; exit 1.
        let confirmed = try await cli.run(
            ["redrive", "--since", "1h", "--output", "json", "--config", config], stdin: "y\n")
        #expect(confirmed.status == 1, "\(confirmed.stdout) \(confirmed.stderr)")
        let results = confirmed.stdout.split(separator: "\n").compactMap { try? JSONValue.parse(String($0)) }
        let mine = results.last { $0["executionArn"]?.stringValue?.hasSuffix(":" + orderId) == true }
        #expect(mine?["action"]?.stringValue == "failed", "\(confirmed.stdout)")
        #expect(confirmed.stderr.contains("not redriven"), "\(confirmed.stderr)")
        // `logs --group` takes a machine's name for its group; anything else lists the machines.
        let byMachine = try await cli.run(["logs", "--group", running.orders.name, "--since", "1h", "--config", config])
        #expect(byMachine.status == 0 && byMachine.stdout.contains(orderId), "\(byMachine.stderr)")
        let unknownGroup = try await cli.run(["logs", "--group", "nope", "--config", config])
        #expect(unknownGroup.status == 64 && unknownGroup.stderr.contains("machines: "), "\(unknownGroup.stderr)")
        // The two forms do not mix; one of them is needed.
        #expect(try await cli.run(["redrive", "--config", config]).status == 64)
        #expect(try await cli.run(["redrive", orderId, "--since", "1h", "--config", config]).status == 64)
        #expect(
            try await cli.run(["redrive", "--since", "1h", "--status", "SUCCEEDED", "--config", config]).status == 64)
    }

    @Test func whoamiFindsTheLocalStackAndAnUnknownProfileIsAnErrorEverywhere() async throws {
        let state = try TemporaryDirectory("whoami")
        defer { state.remove() }
        let cli = CLIRunner(
            stateDirectory: state.path,
            extraEnvironment: [
                "XDG_CONFIG_HOME": state.path + "/xdg", "AWS_CONFIG_FILE": state.path + "/aws-config",
                "AWS_SHARED_CREDENTIALS_FILE": state.path + "/aws-credentials",
            ])
        #expect(try await cli.run(["local", "up"]).status == 0)
        let outcome: Result<Void, any Error>
        do {
            let whoami = try await cli.run(["whoami"])
            #expect(whoami.status == 0, "\(whoami.stderr)")
            #expect(whoami.stdout.contains("stack:           local (the local stack)"), "\(whoami.stdout)")
            #expect(whoami.stdout.contains("account:         123456789012"))
            #expect(whoami.stdout.contains("step functions:  http://127.0.0.1:"), "labels whole: \(whoami.stdout)")
            #expect(whoami.stdout.contains("cloudwatch logs: http://127.0.0.1:"))
            // The example configuration's local stack and `config init --local` work as they are,
            // with no AWS keys anywhere: a loopback endpoint with no profile uses the test keys.
            var bare = cli.environment.filter { !$0.key.hasPrefix("AWS_") }
            bare["AWS_EC2_METADATA_DISABLED"] = "true"
            bare["AWS_CONFIG_FILE"] = state.path + "/aws-config"
            bare["AWS_SHARED_CREDENTIALS_FILE"] = state.path + "/aws-credentials"
            let keyless = CLIRunner(executable: cli.executable, environment: bare)
            let written = try await keyless.run(["config", "init", "--local", "--file", state.path + "/local.toml"])
            #expect(written.status == 0, "\(written.stderr)")
            let fromInit = try await keyless.run(["orders", "--config", state.path + "/local.toml"])
            #expect(fromInit.status == 0, "config init --local: \(fromInit.stderr)")
            let port = try #require(
                whoami.stdout.firstMatch(of: /dynamodb: +http:\/\/127\.0\.0\.1:(\d+)/).map { String($0.1) })
            let exampleURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("config/orderdeck.example.toml")
            let example = try String(contentsOf: exampleURL, encoding: .utf8)
                .replacingOccurrences(of: "http://127.0.0.1:5000", with: "http://127.0.0.1:\(port)")
            try state.write("example.toml", example)
            let fromExample = try await keyless.run(
                ["executions", "--config", state.path + "/example.toml", "--stack", "local-aws-cli"])
            #expect(fromExample.status == 0, "the example's local stack: \(fromExample.stderr)")
            // Discovery on the local stack: its table and the workflow that writes it, with its logs;
            // no API Gateway here (the local gateway is ours), and it says so.
            var keyed = bare
            keyed["AWS_ACCESS_KEY_ID"] = "AKIADISCOVER"
            keyed["AWS_SECRET_ACCESS_KEY"] = "discover-secret"
            let discovered = try await CLIRunner(executable: cli.executable, environment: keyed).run([
                "discover", "--endpoint-url", "http://127.0.0.1:\(port)", "--region", "us-east-1",
            ])
            #expect(discovered.status == 0, "\(discovered.stderr)")
            #expect(discovered.stdout.contains("table:           ORDER"), "\(discovered.stdout)")
            #expect(discovered.stdout.contains("OrderWorkflow (STANDARD, logs /aws/vendedlogs/states/OrderWorkflow)"))
            #expect(discovered.stdout.contains("note: no REST API starts these machines"))
            // `local status` counts the whole table, past the first 1 MB Scan page.
            let record = try #require(
                try StackRecord.load(
                    from: StackRecord.path(in: StateDirectories.resolve(environment: cli.environment))))
            let padding = String(repeating: "p", count: 400)
            try await DynamoDBClient(client: record.client()).batchPut(
                table: record.stack.tableName,
                items: (0..<3000).map { index in
                    [
                        "user_id": .s("bulk"), "id": .s(String(format: "bulk-%05d", index)),
                        "orderStatus": .s("COMPLETED"), "note": .s(padding),
                    ]
                })
            let status = try await cli.run(["local", "status"])
            #expect(status.stdout.contains("orders       3000  (3000 COMPLETED)"), "\(status.stdout)")
            for command in [["orders"], ["whoami", "--stack", "local"], ["executions"]] {
                let wrong = try await cli.run(command + ["--profile", "nope"])
                #expect(wrong.status == 78, "\(command): \(wrong.status) \(wrong.stdout.prefix(200))")
                #expect(wrong.stderr.hasPrefix("orderdeck: profile 'nope' is not in "), "\(wrong.stderr)")
            }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        #expect(try await cli.run(["local", "down"]).status == 0)
        try outcome.get()
    }

    @Test func ordersLimitReturnsTheNewestThroughTheRecentOrdersIndex() async throws {
        let running = try await LocalStackHarness.shared.start("edges")
        let state = try TemporaryDirectory("newest")
        defer { state.remove() }
        let (cli, config) = try CLIMatchesMotoTests().cli(running, state)
        for _ in 0..<3 {
            let sent = try await cli.run(["submit", "--wait", "--config", config])
            #expect([0, 2].contains(sent.status), "\(sent.stderr)")
        }
        let all = try await DynamoDBClient(client: running.client).scanPages(.init(TableName: running.stack.tableName))
            .collect().flatMap { $0.Items ?? [] }
        #expect(
            all.allSatisfy {
                $0["createdDay"]?.stringValue == $0["createdAt"]?.stringValue.map { String($0.prefix(10)) }
            })
        let newest = all.compactMap { item -> (String, String)? in
            guard let id = item["id"]?.stringValue, let created = item["createdAt"]?.stringValue else { return nil }
            return (created, id)
        }.sorted { $0 > $1 }.prefix(2).map(\.1)
        let listed = try await cli.run(["orders", "--limit", "2", "--output", "json", "--config", config])
        #expect(listed.status == 0, "\(listed.stderr)")
        let ids = try JSONValue.parse(listed.stdout).arrayValues?.compactMap { $0["id"]?.stringValue }
        #expect(ids == Array(newest), "the two newest of \(all.count)")
        #expect(!listed.stderr.contains("scan order"))
        // Every order newest first (an explicit sort): none missing.
        let every = try await cli.run([
            "orders", "--limit", "0", "--sort", "created", "--output", "json", "--config", config,
        ])
        #expect(every.status == 0 && every.stderr.isEmpty, "\(every.stderr)")
        let records = try #require(try JSONValue.parse(every.stdout).arrayValues)
        #expect(Set(records.compactMap { $0["id"]?.stringValue }) == Set(all.compactMap { $0["id"]?.stringValue }))
        let created = records.compactMap { $0["createdAt"]?.stringValue }
        #expect(created.count == all.count && created == created.sorted(by: >), "\(created)")
    }

    @Test func unknownCommandsValuesAndBadInputAreUsageErrorsThatListTheValidOnes() async throws {
        let state = try TemporaryDirectory("usage")
        defer { state.remove() }
        let cli = CLIRunner(stateDirectory: state.path, extraEnvironment: ["AWS_CONFIG_FILE": state.path + "/none"])
        let unknown = try await cli.run(["frobnicate"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("orderdeck: unknown command 'frobnicate' (commands: dashboard, demo, orders"))
        #expect(!unknown.stderr.contains("USAGE"), "not the dashboard's usage")
        let orders = try await cli.run(["orders", "--status", "BOGUS", "--stack", "nope"])
        #expect(orders.status == 64)
        #expect(
            orders.stderr
                == "orderdeck: --status 'BOGUS' is not an order status (one of PENDING, COMPLETED, CANCELLED)\n")
        let executions = try await cli.run(["executions", "--status", "nope", "--stack", "nope"])
        #expect(executions.status == 64)
        #expect(executions.stderr.contains("one of RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE"))
        let badData = try await cli.run(["submit", "--data", "{not json", "--stack", "local"])
        #expect(badData.status == 64, "\(badData.stderr)")
        #expect(badData.stderr.hasPrefix("orderdeck: the order is not valid JSON"), "\(badData.stderr)")
        let missingFile = try await cli.run(["submit", "--file", state.path + "/absent.json", "--stack", "local"])
        #expect(missingFile.status == 64, "\(missingFile.stderr)")
        #expect(missingFile.stderr.hasPrefix("orderdeck: cannot read "))
        for result in [unknown, orders, executions, badData, missingFile] {
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        }
    }

    @Test func anErrorBodyThatIsNotAnAWSErrorIsOneShortLine() async throws {
        let page = """
            <!DOCTYPE html>
            <html>
              <head><title>502 Bad Gateway</title></head>
              <body>
                <h1>Bad Gateway</h1>
                <p>The proxy could not reach the upstream server.</p>
              </body>
            </html>
            """
        let transport = ScriptedAnswers([
            HTTPResponse(status: 502, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(page.utf8))
        ])
        var client = TestAWS.client(endpoint: "http://127.0.0.1:9")
        client.transport = transport
        client.retry = RetryPolicy(maxAttempts: 1)
        do {
            _ = try await DynamoDBClient(client: client).describeTable("ORDER")
            Issue.record("no error")
        } catch {
            let line = String(describing: error)
            #expect(!line.contains("\n"), "\(line)")
            #expect(line.contains("BadGateway (HTTP 502): not an AWS answer (text/html): 502 Bad Gateway"), "\(line)")
            #expect(line.count < 200)
        }
    }
}

/// A transport that answers from a list (the seam for faults; no network).
final class ScriptedAnswers: HTTPTransport, @unchecked Sendable {
    private var answers: [HTTPResponse]
    private let lock = NSLock()
    init(_ answers: [HTTPResponse]) { self.answers = answers }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        lock.withLock { answers.count > 1 ? answers.removeFirst() : answers[0] }
    }
}
