import AWSClient
import AWSServices
import ArgumentParser
import Foundation
import LocalStack

/// `orderdeck local …`: the local copy of the order system on the moto server.
struct LocalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local",
        abstract:
            "Run the order system locally on the moto server, or the seeds' systems on MiniStack (no AWS account needed).",
        subcommands: [Up.self, Down.self, Status.self, Reset.self, Seed.self, Install.self, Serve.self])

    static let demoOrders = 40

    static var controller: LocalStackController {
        LocalStackController(
            directories: StateDirectories.resolve(environment: CommandContext.current.environment),
            environment: CommandContext.current.environment, executable: LocalStackController.currentExecutable,
            progress: { note($0) })
    }

    static func note(_ text: String) {
        StandardError.line("• \(text)")
    }

    static func runningRecord() async throws -> StackRecord {
        switch try await controller.health() {
        case .running(let record): return record
        case .notRunning: throw CLIFailure(message: LocalStackError.notRunning.description, code: .failure)
        case .broken(_, let why):
            throw CLIFailure(
                message: "the local stack is broken (\(why)); run 'orderdeck local up' to restart it", code: .failure)
        }
    }

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Start moto, provision the order system, start the local API gateway and log delivery (idempotent).")

        @Option(name: .customLong("api-key"), help: "Require this x-api-key on the local gateway.")
        var apiKey: String?

        @Flag(
            help: ArgumentHelp(
                "Run the seeds' systems as their authors wrote them, on MiniStack instead of moto.",
                discussion:
                    "MiniStack (pinned, in OrderDeck's private venv, loopback only) runs the Python Lambda functions without Docker: the order system's SQS queue → post_order → the four-Lambda OrderWorkflow, and the webhook's Express machine behind OrderDeck's local gateway. OrderDeck's log delivery writes both machines' vended logs (MiniStack writes none)."
            ))
        var seeds = false

        func run() async throws {
            try await reportingFailures {
                let (record, alreadyRunning) = try await LocalCommand.controller.up(
                    apiKey: apiKey, engine: seeds ? .ministack : .moto)
                if alreadyRunning { LocalCommand.note("the local stack is already running") }
                print(StackSummary(record: record).text)
                if alreadyRunning, let apiKey, apiKey != record.apiKey {
                    // The running gateway keeps the key it was started with: say so, never pretend.
                    throw CLIFailure(
                        message:
                            "--api-key was not applied: the running gateway \(record.apiKey == nil ? "requires no API key" : "keeps its own API key"); 'orderdeck local down' then 'orderdeck local up --api-key …' to change it",
                        code: .failure)
                }
            }
        }
    }

    struct Down: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Stop every process 'up' started and forget the stack: its orders, executions and logs go with it (moto keeps everything in memory)."
        )

        func run() async throws {
            try await reportingFailures {
                let stopped = try await LocalCommand.controller.down()
                print(
                    stopped
                        ? "local stack stopped: its orders, executions and logs are gone with it (the engine keeps them in memory; the submission journal stays)"
                        : "the local stack was not running")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show whether the local stack runs, where, and what it holds.")

        func run() async throws {
            try await reportingFailures {
                switch try await LocalCommand.controller.health() {
                case .notRunning:
                    print("local stack: not running (start it with 'orderdeck local up')")
                    throw ExitStatus.stackNotRunning.exitCode
                case .broken(_, let why):
                    print("local stack: BROKEN — \(why) (run 'orderdeck local up' to restart it)")
                    throw ExitStatus.stackNotRunning.exitCode
                case .running(let record):
                    print(StackSummary(record: record).text)
                    print(try await StackSummary(record: record).contents())
                }
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete all orders, executions and logs, and provision again.")

        func run() async throws {
            try await reportingFailures {
                let record = try await LocalCommand.controller.reset()
                print(StackSummary(record: record).text)
            }
        }
    }

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Submit varied orders through the local gateway and wait until every one reaches a final status.")

        @Option(help: "How many orders to submit.")
        var orders: Int = 50

        @Option(help: "Orders in flight at once.")
        var concurrency: Int = 8

        @Option(help: "Random seed, for a reproducible data set.")
        var seed: UInt64?

        @Option(help: "After seeding, keep submitting one order every N seconds until interrupted.")
        var steady: Double?

        @Option(help: "Seconds to wait for the executions to finish.")
        var timeout: Int = 180

        func run() async throws {
            try await reportingFailures {
                let record = try await LocalCommand.runningRecord()
                let started = ContinuousClock.now
                let seeder = Seeder(record: record, concurrency: concurrency, progress: { LocalCommand.note($0) })
                let outcome = try await seeder.seed(orders: orders, seed: seed, timeout: .seconds(timeout))
                for line in outcome.stuck { LocalCommand.note("still RUNNING: \(line)") }
                let elapsed = ContinuousClock.now - started
                let statuses = outcome.statuses.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(
                    separator: ", ")
                let doors =
                    outcome.doors.count > 1
                    ? " ("
                        + outcome.doors.sorted { $0.key < $1.key }.map { "\($0.value) via \($0.key)" }.joined(
                            separator: ", ") + ")" : ""
                print(
                    "submitted \(counted(outcome.submitted, "order"))\(doors) (+\(counted(outcome.webhooks, "webhook"))) in \(String(format: "%.1f", elapsed.seconds)) s: \(statuses)"
                        + (outcome.rejected > 0 ? ", \(outcome.rejected) rejected" : "")
                        + (outcome.unfinished > 0 ? ", \(outcome.unfinished) still running" : ""))
                if let steady, steady > 0 {
                    LocalCommand.note("steady traffic: one order every \(steady) s (Ctrl-C to stop)")
                    while !Task.isCancelled {
                        try await Task.sleep(for: .milliseconds(Int64(steady * 1000)))
                        _ = try await Seeder(record: record, concurrency: 1).seed(orders: 1, timeout: .zero)
                    }
                }
                if outcome.unfinished > 0 || outcome.rejected > 0 { throw ExitStatus.failure.exitCode }
            }
        }
    }

    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the private venv with the pinned moto server (done by 'up' when needed).")

        @Flag(
            help:
                "Also install LocalStack \(EmulatorInstallation.version) (needs Python ≥ 3.12), the second engine the tests run the order system on."
        )
        var localstack = false

        func run() async throws {
            try await reportingFailures {
                let environment = CommandContext.current.environment
                let directories = StateDirectories.resolve(environment: environment)
                let installation = try MotoInstallation(directories: directories, environment: environment)
                try await installation.ensureInstalled { LocalCommand.note($0) }
                print("\(installation.requirement) ready in \(installation.venvDirectory)")
                guard localstack else { return }
                let emulator = EmulatorInstallation(directories: directories, environment: environment)
                if let reason = emulator.unavailableReason {
                    // Not an error: the tests skip LocalStack with the same line.
                    print("SKIPPED LocalStack: \(reason)")
                    return
                }
                try await emulator.ensureInstalled { LocalCommand.note($0) }
                print("\(EmulatorInstallation.requirement) ready in \(emulator.venvDirectory)")
            }
        }
    }

    /// The companion process that `up` starts; not for direct use.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the local API gateway and vended-log delivery (started by 'up').", shouldDisplay: false)

        @Option(help: "The stack record written by 'up'.")
        var record: String

        func run() async throws {
            try await reportingFailures {
                guard let stack = try StackRecord.load(from: record) else {
                    throw CLIFailure(message: "no stack record at \(record)", code: .configuration)
                }
                try await Companion.run(record: stack)
            }
        }
    }
}

/// How the CLI shows the local stack.
struct StackSummary {
    let record: StackRecord

    var text: String {
        let engine = record.engineKind
        var lines = [
            "local stack: RUNNING on \(engine.displayName): \(engine.system) (\(engine.displayName) pid \(record.moto.pid), companion pid \(record.companionPid))",
            "  endpoint     \(record.moto.endpoint)   (AWS_ENDPOINT_URL for the AWS CLI / boto3)",
            "  engine log   \(record.moto.logPath)",
            "  region       \(record.stack.region)",
            "  table        \(record.stack.tableName)",
            "  topic        \(record.stack.topicArn)",
        ]
        if let functions = record.functions, !functions.isEmpty {
            lines.append("  functions    \(functions.joined(separator: ", ")) (logs in /aws/lambda/<name>)")
        }
        for machine in record.stack.machines {
            lines.append("  \(machine.name) (\(machine.type))")
            if engine == .ministack, !machine.isExpress, let queue = record.queueUrl {
                // The seeds' order system: its front door is the queue, drained by post_order.
                if let graphQL = record.graphQLURL {
                    lines.append(
                        "    appsync    POST \(graphQL)  (mutation postOrder → the queue; x-api-key in the stack record)"
                    )
                }
                lines.append("    queue      \(queue) → post_order → StartExecution")
            } else {
                lines.append(
                    "    api        POST \(record.apiURL(for: machine))\(record.apiKey == nil ? "" : "  (x-api-key required)")"
                )
            }
            lines.append("    logs       \(machine.logGroupName)")
        }
        return lines.joined(separator: "\n")
    }

    func orderCount() async throws -> Int {
        try await DynamoDBClient(client: record.client()).scan(.init(TableName: record.stack.tableName, Limit: 1))
            .Items?.count ?? 0
    }

    /// Counts of what the stack holds right now.
    func contents() async throws -> String {
        let client = record.client()
        // Every page, only the status read: one Scan page (1 MB) undercounted a busy stack.
        var byStatus: [String: Int] = [:]
        var total = 0
        for try await page in DynamoDBClient(client: client).scanPages(
            .init(
                TableName: record.stack.tableName, ProjectionExpression: "#s",
                ExpressionAttributeNames: ["#s": "orderStatus"]))
        {
            for item in page.Items ?? [] { byStatus[item["orderStatus"]?.stringValue ?? "?", default: 0] += 1 }
            total += page.Items?.count ?? 0
        }
        var lines = [
            "  orders       \(total)"
                + (byStatus.isEmpty
                    ? ""
                    : "  ("
                        + byStatus.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                        + ")")
        ]
        let states = StepFunctionsClient(client: client)
        let logs = CloudWatchLogsClient(client: client)
        for machine in record.stack.machines {
            let executions = try await states.listExecutions(stateMachineArn: machine.arn, pageSize: 1000).collect()
                .flatMap { $0 }
            var counts: [String: Int] = [:]
            for execution in executions { counts[execution.status, default: 0] += 1 }
            let events = try await logs.filterLogEventPages(.init(logGroupName: machine.logGroupName)).collect().reduce(
                0
            ) { $0 + $1.count }
            lines.append(
                "  \(machine.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(counted(executions.count, "execution"))"
                    + (counts.isEmpty
                        ? ""
                        : " ("
                            + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                            + ")")
                    + ", \(counted(events, "log event"))")
        }
        return lines.joined(separator: "\n")
    }
}
