import AWSServices
import Foundation
import LocalStack
import TestSupport
import Testing

/// Issue 25, "The CLI's contract" and the CLI's small things, through the real binary: what each
/// exit status means (one table, in `--help` and the README), what is said on stdout and stderr
/// in each case, and the messages an operator reads first. No stack is needed for most: a closed
/// loopback port, or a `LoopbackResponder` with a canned AWS answer.
@Suite(.serialized) struct CLIContractTests {
    static let executionArn = "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:contract-1"
    static let machineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:OrderWorkflow"

    /// A state folder, a runner with test keys and nothing of the machine's own AWS or OrderDeck
    /// settings, and a configuration whose AWS endpoint and API are the given URLs.
    static func setUp(_ label: String, endpoint: String = "http://127.0.0.1:9", apiURL: String = "http://127.0.0.1:9")
        throws -> (TemporaryDirectory, CLIRunner, String)
    {
        let state = try TemporaryDirectory(label)
        let config = try state.write(
            "config.toml",
            """
            [stacks.contract]
            region = "us-east-1"
            endpoint_url = "\(endpoint)"
            table = "ORDER"
            state_machines = ["OrderWorkflow"]

            [stacks.contract.api]
            url = "\(apiURL)/main/orders"
            """)
        return (state, runner(state, keys: true), config)
    }

    /// No `AWS_*` variable of the test process leaks in (a region there would send whoami to AWS).
    static func runner(_ state: TemporaryDirectory, keys: Bool, extra: [String: String] = [:]) -> CLIRunner {
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("AWS_") && !$0.key.hasPrefix("ORDERDECK_")
        }
        environment["ORDERDECK_STATE_DIR"] = state.path
        environment["HOME"] = state.path
        environment["XDG_CONFIG_HOME"] = state.path + "/xdg"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["AWS_CONFIG_FILE"] = state.path + "/none"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = state.path + "/none"
        environment["AWS_MAX_ATTEMPTS"] = "1"
        environment["COLUMNS"] = "80"
        if keys {
            environment["AWS_ACCESS_KEY_ID"] = "AKIACONTRACT"
            environment["AWS_SECRET_ACCESS_KEY"] = "contract-secret"
        }
        for (key, value) in extra { environment[key] = value }
        return CLIRunner(executable: CLIRunner.builtExecutable, environment: environment)
    }

    /// One canned AWS JSON answer for every request.
    static func aws(_ body: String) throws -> LoopbackResponder {
        try LoopbackResponder(response: LoopbackResponder.http(status: 200, reason: "OK", body: body))
    }

    /// A local-stack record whose processes have ended (pids of a finished child): what
    /// `config init --local` and `local down` read, with nothing to stop.
    static func deadStackRecord(in state: TemporaryDirectory) throws {
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let pid = finished.processIdentifier
        _ = try state.write(
            "local-stack.json",
            """
            {"moto":{"port":9,"pid":\(pid),"logPath":"\(state.path)/moto.log"},"companionPid":\(pid),"gatewayPort":9,
             "stack":{"region":"us-east-1","tableName":"ORDER","topicArn":"arn:aws:sns:us-east-1:123456789012:t",
              "roleArn":"arn:aws:iam::123456789012:role/r","machines":[{"name":"OrderWorkflow","arn":"\(machineArn)",
              "type":"STANDARD","logGroupName":"/aws/vendedlogs/states/OrderWorkflow","apiResource":"orders"}]},
             "startedAt":"2026-12-01T10:00:00Z"}
            """)
    }

    // MARK: 1. submit --wait --timeout on an order still running

    @Test func submitWaitThatRunsOutIsItsOwnStatusWithTheArnOnStdout() async throws {
        let gateway = try LoopbackResponder(
            response: LoopbackResponder.http(
                status: 200, reason: "OK",
                body: #"{"status":"webhook submitted","executionArn":"\#(Self.executionArn)"}"#))
        defer { gateway.stop() }
        // DescribeExecution and GetExecutionHistory both read RUNNING from this one answer.
        let stepFunctions = try Self.aws(
            #"{"executionArn":"\#(Self.executionArn)","stateMachineArn":"\#(Self.machineArn)","name":"contract-1","status":"RUNNING","startDate":1764756000,"#
                + #""events":[{"id":1,"type":"ExecutionStarted","timestamp":1764756000,"executionStartedEventDetails":{"input":"{}","roleArn":"arn:aws:iam::123456789012:role/r"}}]}"#
        )
        defer { stepFunctions.stop() }
        let (state, cli, config) = try Self.setUp("still-running", endpoint: stepFunctions.url, apiURL: gateway.url)
        defer { state.remove() }
        let started = Date()
        let result = try await cli.run(["submit", "--wait", "--timeout", "1", "--config", config])
        #expect(result.status == 5, "\(result.status): \(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == Self.executionArn, "\(result.stdout)")
        #expect(result.stderr.contains("still RUNNING"), "\(result.stderr)")
        // --timeout was honoured, not the 300 s default (a bound of 30 s failed at 78 s on a machine
        // loaded by parallel builds: what is told apart here is 1 s from 300 s).
        #expect(Date().timeIntervalSince(started) < 150)
    }

    // MARK: 2. every status as documented

    @Test func unreadableInputFilesAreBadUsage() async throws {
        let (state, cli, config) = try Self.setUp("unreadable")
        defer { state.remove() }
        for command in [
            ["history", "--file", "/nonexistent/history.json"], ["submit", "--file", "/nonexistent/order.json"],
            ["history", "--file", state.path],
        ] {
            let result = try await cli.run(command + ["--config", config])
            #expect(result.status == 64, "\(command): \(result.status) \(result.stderr)")
            #expect(result.stderr.hasPrefix("orderdeck: cannot read "), "\(command): \(result.stderr)")
        }
        let missing = try await cli.run(["history", "--file", "/nonexistent/history.json"])
        #expect(missing.stderr.contains("does not exist"), "\(missing.stderr)")
    }

    @Test func anUnknownMachineIsBadUsageAndNamesTheKnownOnes() async throws {
        let listing = try Self.aws(
            #"{"stateMachines":[{"name":"OrderWorkflow","stateMachineArn":"\#(Self.machineArn)","type":"STANDARD","creationDate":1764756000}]}"#
        )
        defer { listing.stop() }
        let (state, cli, config) = try Self.setUp("machine", endpoint: listing.url)
        defer { state.remove() }
        let result = try await cli.run(["executions", "--machine", "NoSuchMachine", "--config", config])
        #expect(result.status == 64, "\(result.status): \(result.stderr)")
        #expect(
            result.stderr.contains("'NoSuchMachine'") && result.stderr.contains("OrderWorkflow"), "\(result.stderr)")
    }

    @Test func stopOnAnEndedExecutionIsAFailedOperationWithItsStatus() async throws {
        let described = try Self.aws(
            #"{"executionArn":"\#(Self.executionArn)","stateMachineArn":"\#(Self.machineArn)","name":"contract-1","status":"SUCCEEDED","startDate":1764756000,"stopDate":1764756001}"#
        )
        defer { described.stop() }
        let (state, cli, config) = try Self.setUp("stop-ended", endpoint: described.url)
        defer { state.remove() }
        let result = try await cli.run(["stop", Self.executionArn, "--config", config])
        #expect(result.status == 1, "\(result.status): \(result.stderr)")
        #expect(
            result.stderr == "orderdeck: contract-1 is SUCCEEDED: only a RUNNING execution can be stopped\n",
            "\(result.stderr)")
    }

    @Test func aNegativeLimitSaysItMustBeAtLeastZero() async throws {
        let (state, cli, config) = try Self.setUp("limit")
        defer { state.remove() }
        for command in ["orders", "executions"] {
            let result = try await cli.run([command, "--limit", "-5", "--config", config])
            #expect(result.status == 64, "\(command): \(result.status)")
            #expect(result.stderr.contains("--limit must be ≥ 0"), "\(command): \(result.stderr)")
        }
    }

    @Test func whoamiWithTheStackDownSaysWhatEveryOtherCommandSays() async throws {
        let state = try TemporaryDirectory("whoami-down")
        defer { state.remove() }
        let cli = Self.runner(state, keys: false)
        let orders = try await cli.run(["orders"])
        let whoami = try await cli.run(["whoami"])
        #expect(orders.status == 78 && orders.stderr.contains("the local stack is not running"), "\(orders.stderr)")
        #expect(whoami.status == orders.status, "\(whoami.status): \(whoami.stderr)")
        #expect(whoami.stderr == orders.stderr, "whoami: \(whoami.stderr)")
    }

    // MARK: 3. config init --local names the stack it wrote

    @Test func configInitLocalNamesTheStackThatStackThenOpens() async throws {
        let (state, cli, _) = try Self.setUp("init-local")
        defer { state.remove() }
        try Self.deadStackRecord(in: state)
        let file = state.path + "/written.toml"
        let written = try await cli.run(["config", "init", "--local", "--file", file])
        #expect(written.status == 0, "\(written.stderr)")
        let name = try #require(
            written.stdout.firstMatch(of: /stack '([^']+)'/).map { String($0.1) }, "\(written.stdout)")
        // The stack is named: it opens (and fails only on the closed port of the dead record).
        let opened = try await cli.run(["orders", "--config", file, "--stack", name])
        #expect(opened.status == 1, "--stack \(name): \(opened.status) \(opened.stderr)")
        #expect(opened.stderr.contains("cannot reach"), "\(opened.stderr)")
    }

    // MARK: 4. one exit-status table

    /// The lines under "EXIT STATUSES:" in `orderdeck --help` (80 columns, never wrapped).
    static func helpTable(_ help: String) throws -> [String] {
        let lines = help.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "EXIT STATUSES:" })
        return Array(lines[(start + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func theExitStatusTableIsOneInHelpAndTheREADME() async throws {
        let state = try TemporaryDirectory("exit-table")
        defer { state.remove() }
        let help = try await Self.runner(state, keys: false).run(["--help"])
        #expect(help.status == 0)
        let table = try Self.helpTable(help.stdout)
        // Every status the commands use, each on one line: 0…5, 64, 78.
        #expect(table.compactMap { $0.split(separator: " ").first.flatMap { Int($0) } } == [0, 1, 2, 3, 4, 5, 64, 78])
        #expect(table.allSatisfy { $0.count <= 78 })
        let readmeURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let readme = try String(contentsOf: readmeURL, encoding: .utf8)
        let block = try #require(
            readme.firstMatch(of: /<!-- exit-statuses:begin -->\n```\n([\s\S]*?)```\n<!-- exit-statuses:end -->/)
                .map { String($0.1) })
        let copied = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(copied == table, "README's table differs from `orderdeck --help`'s:\n\(block)\nvs\n\(table)")
    }

    // MARK: 5. small things an operator notices

    @Test func helpShowsTheDashboardOptionsAndReadonlyNamesWhatItHides() async throws {
        let state = try TemporaryDirectory("help")
        defer { state.remove() }
        let cli = Self.runner(state, keys: false)
        let help = try await cli.run(["--help"])
        #expect(help.stdout.contains("DASHBOARD OPTIONS"), "\(help.stdout)")
        for option in ["--readonly", "--mouse", "--config <config>", "--stack <stack>"] {
            #expect(help.stdout.contains(option), "orderdeck --help lacks \(option)")
        }
        // Rendered to fit: no option's help spills to the left margin when the root wraps it again.
        let lines = help.stdout.components(separatedBy: "\n")
        let options = try #require(lines.firstIndex { $0.hasPrefix("DASHBOARD OPTIONS") })
        let section = lines[(options + 1)...].prefix { !$0.isEmpty }
        #expect(section.allSatisfy { $0.hasPrefix("  ") }, "\(section.joined(separator: "\n"))")
        #expect(lines.allSatisfy { $0.count <= 80 })
        let dashboard = try await cli.run(["dashboard", "--help"])
        let readonly = dashboard.stdout.replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        for hidden in ["Submit screen", "re-sending", "re-running", "stopping"] {
            #expect(readonly.contains(hidden), "--readonly's help does not name \(hidden): \(readonly)")
        }
    }

    @Test func theCredentialChainNeverClaimsInstanceMetadataWhenItIsOff() async throws {
        let state = try TemporaryDirectory("no-imds")
        defer { state.remove() }
        let result = try await Self.runner(state, keys: false).run([
            "whoami", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9",
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no AWS credentials found"), "\(result.stderr)")
        #expect(
            result.stderr.contains("EC2 instance metadata (off: AWS_EC2_METADATA_DISABLED=true)"), "\(result.stderr)")
    }

    @Test func localDownSaysTheDataGoesWithIt() async throws {
        let state = try TemporaryDirectory("down")
        defer { state.remove() }
        try Self.deadStackRecord(in: state)
        let cli = Self.runner(state, keys: false)
        let down = try await cli.run(["local", "down"])
        #expect(down.status == 0, "\(down.stderr)")
        #expect(down.stdout.contains("gone with it") && down.stdout.contains("in memory"), "\(down.stdout)")
        let help = try await cli.run(["local", "down", "--help"]).stdout
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        #expect(help.contains("go with it"), "\(help)")
    }

    @Test func countsAreSaidInTheRightNumber() async throws {
        let fixture = try await FaultInjectionTests.fixture(orders: 3, executions: 1)
        let (state, cli, config) = try CLIEdgesTests.cli(for: fixture, label: "plurals")
        defer { state.remove() }
        let one = try await cli.run(["orders", "--limit", "1", "--config", config])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stderr.contains("(first 1 order; more available"), "\(one.stderr)")
    }

    /// `demo` on a stack that is already up and holds orders: not seeded again, and said so.
    @Test func demoOnARunningStackSaysWhyItDoesNotSeed() async throws {
        let state = try TemporaryDirectory("demo-running")
        defer { state.remove() }
        let cli = Self.runner(state, keys: false)
        #expect(try await cli.run(["local", "up"]).status == 0)
        let outcome: Result<Void, any Error>
        do {
            let record = try #require(
                try StackRecord.load(from: StackRecord.path(in: StateDirectories.resolve(environment: cli.environment)))
            )
            try await DynamoDBClient(client: record.client()).batchPut(
                table: record.stack.tableName,
                items: [["user_id": .s("demo"), "id": .s("already-here"), "orderStatus": .s("COMPLETED")]])
            let demo = try await cli.run(["demo", "--no-dashboard", "--orders", "5"])
            #expect(demo.status == 0, "\(demo.stderr)")
            #expect(demo.stderr.contains("already running"), "\(demo.stderr)")
            #expect(demo.stderr.contains("not seeding: the stack already holds 1 order "), "\(demo.stderr)")
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        #expect(try await cli.run(["local", "down"]).status == 0)
        try outcome.get()
    }

    // MARK: 6. no SwiftPM warning about the project's own files

    /// Every file under a test target that is not Swift sits in a folder Package.swift excludes:
    /// `swift run` then prints no "found N file(s) which are unhandled" for this package.
    @Test func everyTestFixtureFolderIsExcludedInThePackage() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let excluded = Set(
            manifest.matches(of: /exclude: \[([^\]]*)\]/).flatMap { match in
                match.1.matches(of: /"([^"]+)"/).map { String($0.1) }
            })
        let tests = root.appendingPathComponent("Tests")
        var unhandled: [String] = []
        for target in try FileManager.default.contentsOfDirectory(atPath: tests.path) {
            let base = tests.appendingPathComponent(target)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let file as String in walker where !file.hasSuffix(".swift") {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(
                    atPath: base.appendingPathComponent(file).path, isDirectory: &isDirectory)
                if isDirectory.boolValue || file.hasPrefix(".") { continue }
                let top = String(file.split(separator: "/").first ?? "")
                if !excluded.contains(top) && !excluded.contains(file) { unhandled.append("\(target)/\(file)") }
            }
        }
        #expect(unhandled.isEmpty, "not excluded in Package.swift: \(unhandled)")
    }

    // MARK: 7. whoami's endpoints line

    @Test func whoamiSaysFIPSWhenFIPSEndpointsAreOn() async throws {
        let body = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>\
            <Arn>arn:aws:iam::123456789012:user/contract</Arn><UserId>AIDACONTRACT</UserId><Account>123456789012</Account>\
            </GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>
            """
        let sts = try LoopbackResponder(
            response:
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        )
        defer { sts.stop() }
        let state = try TemporaryDirectory("fips")
        defer { state.remove() }
        let arguments = ["whoami", "--region", "us-east-1", "--endpoint-url", sts.url]
        let fips = try await Self.runner(state, keys: true, extra: ["AWS_USE_FIPS_ENDPOINT": "true"]).run(arguments)
        #expect(fips.status == 0, "\(fips.stderr)")
        #expect(fips.stdout.contains(/endpoints: +FIPS\n/), "\(fips.stdout)")
        let standard = try await Self.runner(state, keys: true).run(arguments)
        #expect(standard.stdout.contains(/endpoints: +standard\n/), "\(standard.stdout)")
        let both = try await Self.runner(
            state, keys: true, extra: ["AWS_USE_FIPS_ENDPOINT": "true", "AWS_USE_DUALSTACK_ENDPOINT": "true"]
        ).run(arguments)
        #expect(both.stdout.contains(/endpoints: +FIPS, dual-stack\n/), "\(both.stdout)")
    }
}
