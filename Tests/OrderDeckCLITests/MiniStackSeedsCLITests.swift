import AWSClient
import AWSServices
import Foundation
import LocalStack
import OrderDeckCore
import TestSupport
import Testing

/// The operator's view of the seeds' order system on MiniStack, through the real binary: the
/// orders and their executions listed, a history of Lambda tasks (Task* events, no
/// previousEventId) rendered state by state, and a raising Lambda's error and cause shown.
@Suite(.serialized) struct MiniStackSeedsCLITests {
    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// A configuration for the deployed seeds (no API: MiniStack's API Gateway cannot start an
    /// execution; OrderDeck's gateway does that for the moto stack).
    static func configuration(_ deployed: MiniStackHarness.Deployed, in home: TemporaryDirectory) throws -> String {
        let path = home.path + "/config.toml"
        let text = """
            default_stack = "seeds"

            [stacks.seeds]
            region = "us-east-1"
            endpoint_url = "\(deployed.endpoint)"
            table = "\(deployed.seeds.tableName)"
            state_machines = ["\(deployed.seeds.orderWorkflowArn)", "\(deployed.seeds.sampleArn)"]
            log_groups = [\(deployed.seeds.logGroups.map { "\"\($0)\"" }.joined(separator: ", "))]

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The binary with MiniStack's test keys, its home and state in `home`.
    static func runner(_ home: TemporaryDirectory) -> CLIRunner {
        CLIRunner(
            stateDirectory: home.path,
            extraEnvironment: [
                "HOME": home.path, "AWS_ACCESS_KEY_ID": MiniStackHarness.accessKeyId,
                "AWS_SECRET_ACCESS_KEY": MiniStackHarness.secretAccessKey, "AWS_REGION": "us-east-1",
            ])
    }

    @Test func theOperatorSeesTheSeedsOrdersExecutionsAndLambdaHistories() async throws {
        let availability = try await MiniStackHarness.shared.deployed()
        guard case .ready(let deployed) = availability else {
            if case .unavailable(let reason) = availability {
                print("⚠️  SKIPPED the MiniStack seeds CLI tests: \(reason)")
            }
            return
        }
        let home = try TemporaryDirectory()
        let config = try Self.configuration(deployed, in: home)
        let cli = Self.runner(home)

        // One order through each front door, and one whose ProcessPayment raises.
        let queued = try await deployed.sendThroughQueue(user: "cli_queue", outcome: "ok")
        let direct = "cli-direct-\(UUID().uuidString.prefix(6).lowercased())"
        _ = try await deployed.startDirectly(name: direct, user: "cli_direct", outcome: "error")
        let raising = "cli-raise-\(UUID().uuidString.prefix(6).lowercased())"
        let raisingArn = try await deployed.startDirectly(name: raising, user: "cli_raise", outcome: "raise")
        #expect(try await deployed.finalItem(user: "cli_queue", id: queued)?["orderStatus"]?.stringValue == "COMPLETED")
        #expect(
            try await deployed.finalItem(user: "cli_direct", id: direct)?["orderStatus"]?.stringValue == "CANCELLED")
        #expect(try await deployed.finished(raisingArn)?.status == ExecutionStatus.failed.rawValue)

        // orders and executions list them, and agree.
        let orders = try await cli.run(["orders", "--config", config, "--output", "json"])
        #expect(orders.status == 0, "\(orders.stderr)")
        let orderRows = try #require(try Self.json(orders.stdout) as? [[String: Any]])
        let statusOf = Dictionary(
            orderRows.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") },
            uniquingKeysWith: { a, _ in a })
        #expect(statusOf[queued] == OrderStatus.completed.rawValue)
        #expect(statusOf[direct] == OrderStatus.cancelled.rawValue)
        #expect(statusOf[raising] == OrderStatus.pending.rawValue, "\(orders.stdout)")
        let executions = try await cli.run(["executions", "--config", config, "--output", "json"])
        #expect(executions.status == 0, "\(executions.stderr)")
        let executionRows = try #require(try Self.json(executions.stdout) as? [[String: Any]])
        let executionStatus = Dictionary(
            executionRows.map { ($0["name"] as? String ?? "", $0["status"] as? String ?? "") },
            uniquingKeysWith: { a, _ in a })
        #expect(executionStatus[queued] == ExecutionStatus.succeeded.rawValue)
        #expect(executionStatus[direct] == ExecutionStatus.succeeded.rawValue)
        #expect(executionStatus[raising] == ExecutionStatus.failed.rawValue)

        // history: every state of the Lambda workflow, each Task with its function and one attempt.
        let history = try await cli.run(["history", "--config", config, queued, "--output", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        let detail = try #require(try Self.json(history.stdout) as? [String: Any])
        // MiniStack names no previous event: the attribution is inferred, and said.
        #expect((detail["inferredEvents"] as? Int ?? 0) > 0, "\(history.stdout.prefix(400))")
        let timeline = try #require(detail["timeline"] as? [[String: Any]])
        #expect(
            timeline.map { $0["name"] as? String ?? "" } == [
                "InitializeOrder", "ProcessPayment", "PaymentResult?", "CompleteOrder",
            ])
        for step in timeline where step["kind"] as? String == StateKind.task.rawValue {
            let name = step["name"] as? String ?? ""
            #expect(step["outcome"] as? String == StepOutcome.succeeded.rawValue, "\(name)")
            #expect(step["attempts"] as? Int == 1, "\(name)")
            #expect((step["resource"] as? String)?.hasSuffix(":function:\(name)") == true, "\(name)")
            #expect(step["exited"] is String, "\(name) was never closed")
        }

        // A raising Lambda: the failed state, its error and the cause MiniStack gives it.
        let failed = try await cli.run(["history", "--config", config, raising])
        #expect(failed.stdout.contains("FAILED in ProcessPayment: Runtime.HandlerError"), "\(failed.stdout)")
        #expect(failed.stdout.contains("named no earlier event (no previousEventId)"), "\(failed.stdout)")
        #expect(failed.stdout.contains("payment processor unavailable for order \(raising)"), "\(failed.stdout)")
        // …and the Lambda's own log group has its traceback, under the failed invocation's request id.
        let lambdaLogs = try await cli.run([
            "logs", "--config", config, "--group", "/aws/lambda/ProcessPayment", "--output", "json",
        ])
        #expect(lambdaLogs.status == 0, "\(lambdaLogs.stderr)")
        #expect(
            lambdaLogs.stdout.contains(
                "PaymentProcessorUnavailable: payment processor unavailable for order \(raising)"),
            "\(lambdaLogs.stdout.suffix(1500))")
        // As text each plain line says where it came from, as the dashboard's SOURCE column does.
        let text = try await cli.run(["logs", "--config", config, "--group", "/aws/lambda/ProcessPayment"])
        let traceback = text.stdout.split(separator: "\n").first {
            $0.contains("payment processor unavailable for order \(raising)")
        }
        #expect(traceback?.contains("  λ ProcessPayment  ") == true, "\(text.stdout.suffix(800))")
    }

    /// MiniStack writes no vended logs: OrderDeck's delivery writes them for both machines, and
    /// the CLI shows them — an order's records by execution, and the webhook's Express execution
    /// (whose ARN the records spell `:express:`, as AWS does) rebuilt from them alone.
    @Test func vendedRecordsFromOrderDeckShowBothMachines() async throws {
        guard case .ready(let deployed) = try await MiniStackHarness.shared.deployed() else { return }
        let home = try TemporaryDirectory()
        let config = try Self.configuration(deployed, in: home)
        let cli = Self.runner(home)
        let name = "vended-\(UUID().uuidString.prefix(6).lowercased())"
        let orderArn = try await deployed.startDirectly(name: name, user: "vended_user", outcome: "ok")
        let marker = "hook-\(UUID().uuidString.prefix(6).lowercased())"
        let webhook = try await StepFunctionsClient(client: deployed.client()).startExecution(
            .init(stateMachineArn: deployed.seeds.sampleArn, input: #"{"marker":"\#(marker)"}"#))
        #expect(try await deployed.finished(orderArn)?.status == ExecutionStatus.succeeded.rawValue)
        #expect(try await deployed.finished(webhook.executionArn)?.status == ExecutionStatus.succeeded.rawValue)

        let delivery = VendedLogDelivery(client: deployed.client(), machines: deployed.seeds.machines)
        #expect(try await delivery.pollOnce() > 0)

        let logs = try await cli.run(["logs", "--config", config, "--output", "json"])
        #expect(logs.status == 0, "\(logs.stderr)")
        let lines = try logs.stdout.split(separator: "\n").map {
            try #require(try Self.json(String($0)) as? [String: Any])
        }
        #expect(
            lines.contains {
                $0["executionArn"] as? String == orderArn && $0["type"] as? String == "ExecutionSucceeded"
            }, "\(logs.stdout.suffix(2000))")
        let express = webhook.executionArn.replacingOccurrences(of: ":execution:", with: ":express:")
        let history = try await cli.run(["history", "--config", config, express, "--output", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        let detail = try #require(try Self.json(history.stdout) as? [String: Any])
        #expect((detail["execution"] as? [String: Any])?["express"] as? Bool == true)
        #expect(
            (detail["timeline"] as? [[String: Any]])?.map { $0["name"] as? String ?? "" } == [
                "PrintPayload", "SuccessState",
            ])
    }

    /// MiniStack's histories have no previousEventId and show Lambdas as Task* events: the
    /// timeline still attributes every event to its state.
    @Test func theTimelineAttributesEveryEventOfAMiniStackHistory() async throws {
        guard case .ready(let deployed) = try await MiniStackHarness.shared.deployed() else { return }
        let name = "timeline-\(UUID().uuidString.prefix(6).lowercased())"
        let arn = try await deployed.startDirectly(name: name, user: "timeline_user", outcome: "ok")
        #expect(try await deployed.finished(arn)?.status == ExecutionStatus.succeeded.rawValue)
        let raw = try await StepFunctionsClient(client: deployed.client()).fullHistory(executionArn: arn)
        #expect(raw.allSatisfy { $0.previousEventId == nil }, "MiniStack now sends previousEventId")
        let events = raw.map(ExecutionEvent.init)
        let timeline = Timeline(events: events)
        #expect(timeline.status == .succeeded)
        #expect(timeline.unknownEventTypes.isEmpty)
        let entered = events.filter { $0.type.hasSuffix("StateEntered") }.compactMap(\.stateName)
        #expect(timeline.steps.map(\.name) == entered)
        let scheduled = events.filter { $0.type == "TaskScheduled" }.count
        #expect(timeline.steps.reduce(0) { $0 + ($1.kind == .task ? $1.attempts : 0) } == scheduled)
        for step in timeline.steps {
            #expect(step.outcome == .succeeded, "\(step.name)")
            #expect(step.exited != nil && step.output != nil, "\(step.name)")
            if step.kind == .task {
                #expect(step.resource?.hasSuffix(":function:\(step.name)") == true, "\(step.name)")
            }
        }
    }

    /// Discovery finds the seeds' order system as written: the machine a function starts (its
    /// environment names it), the Lambda tasks given the table, and the queue front door through
    /// the starting function's event source mapping; submit then goes through that queue.
    @Test func discoveryFindsTheQueueFrontDoorThroughTheEventSourceMapping() async throws {
        guard case .ready(let deployed) = try await MiniStackHarness.shared.deployed() else { return }
        let home = try TemporaryDirectory()
        let cli = Self.runner(home)
        let found = try await cli.run(["discover", "--endpoint-url", deployed.endpoint])
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("order queue:     \(deployed.seeds.queueUrl)"), "\(found.stdout)")
        #expect(found.stdout.contains("OrderWorkflow (STANDARD"), "\(found.stdout)")

        // The configuration discovery writes names the queue, and submit picks it by default.
        let written = try await cli.run([
            "config", "init", "--discover", "--endpoint-url", deployed.endpoint, "--file", home.path + "/found.toml",
        ])
        #expect(written.status == 0, "\(written.stdout) \(written.stderr)")
        let text = (try? String(contentsOfFile: home.path + "/found.toml", encoding: .utf8)) ?? ""
        #expect(text.contains("queue_url = \"\(deployed.seeds.queueUrl)\""), "\(text)")
        let sent = try await cli.run([
            "submit", "--config", home.path + "/found.toml", "--wait", "--timeout", "60", "--output", "json", "--data",
            #"{"user_id":"found_queue","items":[],"amount":2,"currency":"EUR","paymentOutcome":"ok"}"#,
        ])
        #expect(sent.status == 0, "\(sent.stdout) \(sent.stderr)")
        #expect(sent.stdout.contains(#""via":"queue""#), "\(sent.stdout)")
    }

    /// `L`'s read on a real engine: what ProcessPayment logged while its state ran — the raised
    /// error's traceback — from its own group; and the dashboard tails the functions' groups
    /// beside the machines' when none are configured.
    @Test func theFunctionsOwnLinesAreReadForTheTimeItsStateRan() async throws {
        guard case .ready(let deployed) = try await MiniStackHarness.shared.deployed() else { return }
        let name = "fnlogs-\(UUID().uuidString.prefix(6).lowercased())"
        let arn = try await deployed.startDirectly(name: name, user: "fnlogs_user", outcome: "raise")
        #expect(try await deployed.finished(arn)?.status == ExecutionStatus.failed.rawValue)
        let config = StackConfig(
            name: "seeds", region: "us-east-1", endpointURL: deployed.endpoint, tableName: deployed.seeds.tableName,
            stateMachines: [deployed.seeds.orderWorkflowArn, deployed.seeds.sampleArn], isLocal: true,
            staticCredentials: MiniStackHarness.credentials)
        let session = StackSession(config: config, client: deployed.client())
        let groups = try await session.logGroups()
        #expect(groups.contains("/aws/lambda/ProcessPayment"), "\(groups)")
        #expect(groups.contains(SeedsTemplate.logGroup(SeedsTemplate.orderMachineName)), "\(groups)")

        let journal = SubmissionJournal(path: try TemporaryDirectory().path + "/journal.jsonl")
        let source = StackDashboardSource(session: session, journal: journal)
        let (_, events) = try await source.execution(ExecutionARN(arn))
        let step = try #require(Timeline(events: events).steps.first { $0.name == "ProcessPayment" })
        let window = try #require(FunctionLogWindow(step: step, now: Date()))
        #expect(window.group == "/aws/lambda/ProcessPayment")
        let lines = try #require(
            try await Waiting.until(.seconds(20)) {
                let lines = try await source.functionLogs(window)
                return lines.contains { $0.message.contains("payment processor unavailable for order \(name)") }
                    ? lines : nil
            })
        // Only its own window: an order that ran long before is not among them.
        #expect(lines.allSatisfy { (window.startMilliseconds...window.endMilliseconds).contains($0.timestamp) })
    }
}
