import AWSClient
import AWSServices
import Foundation
import LocalStack
import OrderDeckCore
import TestSupport
import Testing

@Suite struct MismatchTests {
    func order(_ id: String, _ status: String, arn: String? = nil) -> Order {
        var item: DynamoItem = ["user_id": .s("u"), "id": .s(id), "orderStatus": .s(status)]
        if let arn { item["executionArn"] = .s(arn) }
        return Order(item: item)
    }

    func execution(_ name: String, _ status: String, express: Bool = false) -> Execution {
        Execution(
            arn: "arn:aws:states:us-east-1:1:\(express ? "express" : "execution"):OrderWorkflow:\(name)", name: name,
            machineName: "OrderWorkflow",
            status: ExecutionStatus(rawValue: status), startDate: Date(), stopDate: nil, source: express ? .logs : .api)
    }

    @Test func flagsPendingOrdersWhoseExecutionEndedAndOrphanExecutions() {
        let orders = [
            order("a", "PENDING"), order("b", "PENDING"), order("c", "COMPLETED"), order("d", "PENDING"),
            order("e", "PENDING"),
        ]
        let executions = [
            execution("a", "FAILED"), execution("b", "RUNNING"), execution("c", "SUCCEEDED"),
            execution("d", "SUCCEEDED"),
            execution("e", "TIMED_OUT"), execution("zz", "FAILED"), execution("yy", "RUNNING"),
            execution("xx", "SUCCEEDED", express: true),
        ]
        let found = Correlator.mismatches(orders: orders, executions: executions)
        #expect(found.filter { $0.kind == .pendingOrderFailedExecution }.compactMap(\.orderId).sorted() == ["a", "e"])
        #expect(found.filter { $0.kind == .pendingOrderSucceededExecution }.compactMap(\.orderId) == ["d"])
        #expect(
            found.filter { $0.kind == .executionWithoutOrder }.compactMap(\.executionArn).map(\.name) == ["zz"])
    }

    @Test func anExecutionArnOnTheItemWinsOverTheName() {
        let arn = "arn:aws:states:us-east-1:1:execution:OrderWorkflow:run-7"
        let found = Correlator.mismatches(
            orders: [order("o-7", "PENDING", arn: arn)], executions: [execution("run-7", "ABORTED")])
        #expect(found.map(\.kind) == [.pendingOrderFailedExecution])
    }
}

@Suite struct RefreshPolicyTests {
    let policy = RefreshPolicy()

    @Test func backsOffWhileNothingChangesAndSpeedsUpWhileWatching() {
        var wait = policy.base
        for _ in 0..<10 { wait = policy.next(after: wait, outcome: .unchanged, watchingRunning: false) }
        #expect(wait == policy.maximum)
        #expect(policy.next(after: wait, outcome: .changed, watchingRunning: false) == policy.base)
        #expect(policy.next(after: wait, outcome: .unchanged, watchingRunning: true) == policy.watching)
        #expect(policy.next(after: .seconds(1), outcome: .throttled, watchingRunning: true) == .seconds(8))
        #expect(policy.next(after: .seconds(8), outcome: .throttled, watchingRunning: false) == .seconds(16))
        // Failures back off too, but never past 10 s: a stack that comes back is seen again soon.
        #expect(policy.next(after: .seconds(2), outcome: .failed, watchingRunning: false) == .seconds(4))
        #expect(policy.next(after: .seconds(20), outcome: .failed, watchingRunning: false) == .seconds(10))
    }
}

@Suite(.serialized) struct CorrelationAgainstMotoTests {
    func session(_ running: LocalStackHarness.Running, transport: any HTTPTransport = AsyncHTTPTransport())
        -> StackSession
    {
        let config = StackConfig(
            name: "test", region: "us-east-1", endpointURL: running.motoEndpoint, tableName: running.stack.tableName,
            stateMachines: [running.orders.name, running.sample.name], api: .init(url: running.url("orders")),
            isLocal: true,
            staticCredentials: MotoFixture.testCredentials)
        return StackSession(
            config: config, client: TestAWS.client(endpoint: running.motoEndpoint, transport: transport))
    }

    @Test func fromAnOrderToItsExecutionAndLogLinesAndBack() async throws {
        let running = try await LocalStackHarness.shared.start("correlation")
        let session = session(running)
        let directory = try TemporaryDirectory("corr")
        defer { directory.remove() }
        let journal = SubmissionJournal(path: directory.path + "/submissions.jsonl")
        let submitter = Submitter(session: session, journal: journal)
        let sent = try await submitter.waitForCompletion(
            try await submitter.submit(OrderTemplate.fresh(from: StackConfig.defaultOrderTemplate)),
            timeout: .seconds(30))
        let correlator = Correlator(session: session)
        let order = try #require(try await Waiting.until { try await correlator.order(for: sent.executionArn!) })
        #expect(order.id.rawValue == sent.orderId)
        #expect(try await correlator.executionArn(for: order) == sent.executionArn)
        let records = try #require(
            try await Waiting.until {
                let found = try await correlator.logRecords(for: sent.executionArn!)
                return found.last?.event.terminalStatus != nil ? found : nil
            })
        #expect(records.first?.event.type == "ExecutionStarted")
        #expect(records.allSatisfy { $0.executionArn == sent.executionArn })
    }

    @Test func theMonitorReadsOnlyWhatChanged() async throws {
        // A machine of its own, so executions started by other suites cannot show up here.
        let moto = try await MotoFixture.shared.instance(.executing)
        let recorder = ScriptedTransport { _, _ in nil }
        let client = TestAWS.client(endpoint: moto.endpoint, transport: recorder)
        let states = StepFunctionsClient(client: client)
        let role = try await IAMClient(client: client).createRole(name: "monitor-role", assumeRolePolicy: "{}")
        let name = "monitor-\(UUID().uuidString.prefix(6))"
        let arn = try await states.createStateMachine(
            .init(
                name: name,
                definition:
                    #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"P"},"P":{"Type":"Pass","End":true}}}"#,
                roleArn: role.arn, type: "STANDARD")
        ).stateMachineArn
        for index in 0..<3 {
            _ = try await states.startExecution(.init(stateMachineArn: arn, name: "run-\(index)", input: "{}"))
        }
        let config = StackConfig(
            name: "monitor", region: "us-east-1", endpointURL: moto.endpoint, stateMachines: [arn],
            staticCredentials: MotoFixture.testCredentials)
        let session = StackSession(config: config, client: client)
        let machine = MachineInfo(
            name: name, arn: arn, type: .standard, logGroupName: nil, logLevel: "OFF", includesExecutionData: false)
        let monitor = ExecutionMonitor(session: session, machine: machine)
        let first = try await monitor.refresh()
        #expect(first.added.count == 3)
        _ = try await Waiting.until(.seconds(30)) {
            _ = try await monitor.refresh()
            return await monitor.runningCount == 0 ? true : nil
        }
        // Nothing changed: one page read, nothing reported.
        let pagesBefore = await monitor.pagesRead
        let quiet = try await monitor.refresh()
        #expect(quiet.isEmpty)
        #expect(await monitor.pagesRead - pagesBefore == 1)
        // A new execution shows up as added (RUNNING), then as changed when it ends.
        let started = try await states.startExecution(.init(stateMachineArn: arn, name: "run-new", input: "{}"))
        let added = try await monitor.refresh()
        #expect(added.added.map(\.arn.rawValue) == [started.executionArn])
        #expect(added.changed.isEmpty)
        let changed = try #require(
            try await Waiting.until(.seconds(30)) {
                let changes = try await monitor.refresh()
                return changes.changed.isEmpty ? nil : changes
            })
        #expect(changed.changed.map(\.arn.rawValue) == [started.executionArn])
        #expect(changed.changed.first?.status == "SUCCEEDED")
        #expect(await monitor.executions.count == 4)
    }

    /// Issue 16: Express executions come from the log records written since the previous read,
    /// not from the whole lookback on every refresh — a quiet refresh reads no record.
    @Test func expressExecutionsAreReadFromTheLogHighWaterMark() async throws {
        let running = try await LocalStackHarness.shared.start("express-hwm")
        let invoker = APIInvoker(client: running.client)
        func post(_ id: String) async throws -> String {
            let reply = try await invoker.post(
                url: running.url("webhook"), body: Array(#"{"id":"\#(id)","user_id":"hwm"}"#.utf8), authorization: .none
            )
            return try #require(try JSONValue.parse(reply.body)["executionArn"]?.stringValue)
        }
        let first = try await post("hwm-1")
        let session = running.session(machines: [running.sample.name])
        let machine = try #require(try await session.machines().first)
        #expect(machine.isExpress)
        let group = try #require(machine.logGroupName)
        // Its records delivered first (the companion lags on a machine busy with the whole suite).
        _ = try #require(
            try await Waiting.until(.seconds(30)) {
                let records = try await LogReader(logs: session.logs, budget: session.logsBudget).records(group: group)
                return records.contains { $0.executionArn == first && $0.event.type == "ExecutionSucceeded" }
                    ? true : nil
            })
        let monitor = ExecutionMonitor(session: session, machine: machine, logOverlap: 2)
        // The first read takes the lookback.
        _ = try await monitor.refresh()
        #expect(await monitor.executions.first { $0.arn.rawValue == first }?.status == .succeeded)
        // Quiet, once the overlap has passed: no record read, nothing reported.
        try await Task.sleep(for: .seconds(2.2))
        _ = try await monitor.refresh()
        let before = await monitor.recordsRead
        try await Task.sleep(for: .seconds(2.2))
        let quiet = try await monitor.refresh()
        #expect(quiet.isEmpty)
        #expect(await monitor.recordsRead == before, "a quiet refresh reads no log record")
        // A new execution: read from the high-water mark, added.
        let second = try await post("hwm-2")
        let added = try #require(
            try await Waiting.until(.seconds(30)) {
                let changes = try await monitor.refresh()
                return changes.added.contains { $0.arn.rawValue == second } ? changes : nil
            })
        #expect(!added.added.contains { $0.arn.rawValue == first })
        #expect(await monitor.recordsRead - before < 20, "only the new execution's records")
    }
}
