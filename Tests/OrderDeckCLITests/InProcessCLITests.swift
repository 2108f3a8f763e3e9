import AWSClient
import Foundation
import OrderDeckCore
import TestSupport
import Testing

@testable import orderdeck

/// The CLI run inside the test process, as hummingbird tests its router without a socket: the
/// command line parsed and run by `OrderDeckCommand.execute` with an environment, standard input
/// and output streams held in memory. What the operator reads (stdout, stderr) and the exit
/// status are checked as the binary tests check them, without a process per command; the binary
/// keeps its end-to-end tests (pipes, signals, the terminal, `--help` at a terminal's width).
struct InProcessCLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let environment: [String: String]

    /// The environment the contract tests give the binary: a state folder, test keys, nothing of
    /// the machine's own AWS or OrderDeck settings.
    init(_ state: TemporaryDirectory, keys: Bool = true) {
        environment = CLIContractTests.runner(state, keys: keys).environment
    }

    func run(_ arguments: [String], input: String = "") async -> Result {
        let context = CommandContext.memory(environment: environment, input: input)
        let status = await OrderDeckCommand.execute(arguments, in: context, columns: 80)
        return Result(status: status, stdout: context.output.text, stderr: context.errors.text)
    }
}

@Suite struct InProcessCLITests {
    /// Found by a new operator: `orderdeck --profile nope orders` ended in argument-parser's
    /// "Unexpected argument 'orders'" under the dashboard's usage. It says where options go; a
    /// dashboard option whose value happens to be a command's name is still the dashboard's.
    @Test func optionsBeforeTheCommandAreSaidWhereTheyGo() async throws {
        let state = try TemporaryDirectory("inproc-order")
        defer { state.remove() }
        let cli = InProcessCLI(state)
        let misplaced = await cli.run(["--profile", "nope", "orders", "--limit", "5"])
        #expect(misplaced.status == 64)
        #expect(
            misplaced.stderr
                == "orderdeck: options go after the command: orderdeck orders --profile nope --limit 5 ('orderdeck orders --help' for its options)\n",
            "\(misplaced.stderr)")
        #expect(OrderDeckCommand.commandAfterOptions(["--stack", "orders"]) == nil)
        #expect(OrderDeckCommand.commandAfterOptions(["orders", "--profile", "x"]) == nil)
        #expect(OrderDeckCommand.commandAfterOptions(["--readonly", "history", "o-1"])?.0 == "history")
    }

    @Test func usageErrorsAreOneLineWithStatus64() async throws {
        let state = try TemporaryDirectory("inproc-usage")
        defer { state.remove() }
        let cli = InProcessCLI(state)
        let unknown = await cli.run(["frobnicate"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("orderdeck: unknown command 'frobnicate' (commands: dashboard, demo, orders"))
        let orders = await cli.run(["orders", "--status", "BOGUS", "--stack", "nope"])
        #expect(orders.status == 64)
        #expect(
            orders.stderr
                == "orderdeck: --status 'BOGUS' is not an order status (one of PENDING, COMPLETED, CANCELLED)\n")
        let executions = await cli.run(["executions", "--status", "nope", "--stack", "nope"])
        #expect(executions.status == 64)
        #expect(executions.stderr.contains("one of RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE"))
        let sort = await cli.run(["orders", "--sort", "size", "--stack", "nope"])
        #expect(sort.status == 64)
        #expect(sort.stderr == "orderdeck: --sort must be one of created, id, user, status, amount\n", "\(sort.stderr)")
        let limit = await cli.run(["executions", "--limit", "-5", "--stack", "nope"])
        #expect(limit.status == 64)
        #expect(limit.stderr.contains("--limit must be ≥ 0"), "\(limit.stderr)")
        let since = await cli.run(["logs", "--since", "yesterday", "--stack", "nope"])
        #expect(since.status == 64)
        #expect(since.stderr.hasPrefix("orderdeck: --since must be relative"), "\(since.stderr)")
        let badData = await cli.run(["submit", "--data", "{not json", "--stack", "local"])
        #expect(badData.status == 64, "\(badData.stderr)")
        #expect(badData.stderr.hasPrefix("orderdeck: the order is not valid JSON"), "\(badData.stderr)")
        for result in [unknown, orders, executions, sort, since, badData] {
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        }
        let help = await cli.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("EXIT STATUSES:") && help.stderr.isEmpty)
    }

    @Test func noStackIsAConfigurationErrorThatSaysWhereItLooked() async throws {
        let state = try TemporaryDirectory("inproc-nostack")
        defer { state.remove() }
        let cli = InProcessCLI(state)
        let orders = await cli.run(["orders"])
        #expect(orders.status == 78)
        #expect(orders.stderr.contains("the local stack is not running ('orderdeck local up')"), "\(orders.stderr)")
        let whoami = await cli.run(["whoami"])
        #expect(whoami.status == 78 && whoami.stderr == orders.stderr, "\(whoami.stderr)")
        let named = await cli.run(["orders", "--stack", "prod"])
        #expect(named.status == 78)
        #expect(named.stderr.contains("no configuration file defines stack 'prod'"), "\(named.stderr)")
        let missing = await cli.run(["orders", "--config", state.path + "/absent.toml"])
        #expect(missing.status == 78)
        #expect(missing.stderr.contains("absent.toml: it does not exist"), "\(missing.stderr)")
    }

    @Test func configInitLocalWritesTheStackAndReadsBack() async throws {
        let state = try TemporaryDirectory("inproc-config")
        defer { state.remove() }
        let cli = InProcessCLI(state)
        let down = await cli.run(["config", "init", "--local", "--file", "-"])
        #expect(down.status == 1)
        #expect(down.stderr == "orderdeck: the local stack is not running ('orderdeck local up' first)\n")
        try CLIContractTests.deadStackRecord(in: state)
        let printed = await cli.run(["config", "init", "--local", "--file", "-"])
        #expect(printed.status == 0, "\(printed.stderr)")
        let file = try ConfigFile(path: "printed.toml", text: printed.stdout)
        let stack = try file.stack(named: nil)
        #expect(stack.name == "local-aws-cli" && stack.tableName == "ORDER" && stack.region == "us-east-1")
        #expect(stack.endpointURL == "http://127.0.0.1:9" && stack.stateMachines == ["OrderWorkflow"])
        let path = state.path + "/written.toml"
        let written = await cli.run(["config", "init", "--local", "--file", path])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.hasPrefix("wrote \(path) (stack 'local-aws-cli'"), "\(written.stdout)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == printed.stdout)
        let again = await cli.run(["config", "init", "--local", "--file", path])
        #expect(again.status == 64)
        #expect(again.stderr.contains("exists; pass --force"), "\(again.stderr)")
        let which = await cli.run(["config", "init", "--local", "--discover"])
        #expect(which.status == 64 && which.stderr.contains("say which stack"), "\(which.stderr)")
    }

    @Test func submissionsListTheJournalAsTableAndJSON() async throws {
        let state = try TemporaryDirectory("inproc-journal")
        defer { state.remove() }
        let cli = InProcessCLI(state)
        let empty = await cli.run(["submissions"])
        #expect(empty.status == 0 && empty.stdout.hasPrefix("SUBMISSION  ORDER"), "\(empty.stdout)")
        let journal = SubmissionJournal(path: SubmissionJournal.defaultPath(environment: cli.environment))
        for index in 0..<3 {
            try await journal.record(
                Submission(
                    id: String(format: "%08x", index) + "-rest", orderId: "order-\(index)", stack: "contract",
                    url: "http://127.0.0.1:9/main/orders", body: "{}",
                    createdAt: Date(timeIntervalSince1970: 1_795_000_000 + Double(index)), state: .answered,
                    attempts: 1, status: 200, responseBody: #"{"status":"webhook submitted"}"#))
        }
        let table = await cli.run(["submissions"])
        #expect(table.status == 0, "\(table.stderr)")
        let rows = table.stdout.split(separator: "\n")
        #expect(rows.count == 4 && rows[1].hasPrefix("00000002    order-2"), "newest first: \(table.stdout)")
        let json = await cli.run(["submissions", "--output", "json"])
        #expect(json.status == 0)
        let parsed = try JSONValue.parse(Array(json.stdout.utf8))
        guard case .array(let records) = parsed else { throw ParseFailure(text: json.stdout) }
        #expect(records.map { $0["orderId"]?.stringValue } == ["order-2", "order-1", "order-0"])
    }

    @Test func listingsHistoryAndWhoamiOnAStack() async throws {
        let fixture = try await FaultInjectionTests.fixture(orders: 30, executions: 2)
        let state = try TemporaryDirectory("inproc-stack")
        defer { state.remove() }
        let config = try FaultInjectionTests.config(in: state, endpoint: fixture.moto.endpoint, fixture: fixture)
        let cli = InProcessCLI(state)
        let orders = await cli.run(["orders", "--limit", "0", "--output", "json", "--config", config])
        #expect(orders.status == 0, "\(orders.stderr)")
        guard case .array(let records) = try JSONValue.parse(Array(orders.stdout.utf8)) else {
            throw ParseFailure(text: orders.stdout)
        }
        #expect(records.count == 30)
        #expect(orders.stderr.contains("in table order"), "the note after the listing: \(orders.stderr)")
        let capped = await cli.run(["orders", "--limit", "5", "--config", config])
        #expect(capped.status == 0, "\(capped.stderr)")
        #expect(capped.stdout.split(separator: "\n").count == 6 && capped.stdout.hasPrefix("ID"), "\(capped.stdout)")
        #expect(capped.stderr.contains("(scan order, not newest"), "\(capped.stderr)")
        let user = await cli.run(["orders", "--user", "user3", "--sort", "id", "--ascending", "--config", config])
        #expect(user.status == 0 && user.stderr.isEmpty, "\(user.stderr)")
        #expect(user.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.contains("user3") })

        let executions = await cli.run(["executions", "--output", "json", "--config", config])
        #expect(executions.status == 0, "\(executions.stderr)")
        #expect(fixture.executionArns.allSatisfy { executions.stdout.contains($0) })
        let unknownMachine = await cli.run(["executions", "--machine", "Nope", "--config", config])
        #expect(unknownMachine.status == 64 && unknownMachine.stderr.contains(fixture.machine))

        let history = await cli.run(["history", fixture.executionArns[0], "--config", config])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.hasPrefix(fixture.executionArns[0] + "\nstatus: SUCCEEDED"), "\(history.stdout)")
        let fromInput = await cli.run(
            ["history", "-", "--output", "json", "--config", config],
            input: fixture.executionArns.joined(separator: "\n"))
        #expect(fromInput.status == 0, "\(fromInput.stderr)")
        #expect(fromInput.stdout.split(separator: "\n").count == 2)
        let byName = await cli.run(["history", "run-1", "--config", config])
        #expect(byName.status == 0 && byName.stdout.hasPrefix(fixture.executionArns[1]), "\(byName.stderr)")
        let nothing = await cli.run(["history", "no-such-order", "--config", config])
        #expect(nothing.status == 1)
        #expect(
            nothing.stderr.hasPrefix("orderdeck: no order 'no-such-order' in \(fixture.table) and no execution"),
            "\(nothing.stderr)")

        let whoami = await cli.run(["whoami", "--config", config])
        #expect(whoami.status == 0, "\(whoami.stderr)")
        #expect(whoami.stdout.contains("stack:           faults\n"), "\(whoami.stdout)")
        #expect(whoami.stdout.contains("account:         123456789012"))
        #expect(whoami.stdout.contains("credentials:     environment"), "\(whoami.stdout)")
    }

    struct ParseFailure: Error {
        var text: String
    }
}
