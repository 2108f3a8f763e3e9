import AWSClient
import AWSServices
import Foundation
import LocalStack
import OrderDeckCore
import ServiceLifecycle
import TestSupport
import Testing

/// What the core reads matches what moto holds, item by item; Express executions come from the
/// logs only.
@Suite(.serialized) struct CoreAgainstMotoTests {
    struct Fixture: Sendable {
        let running: LocalStackHarness.Running
        let session: StackSession
        let recorder: ScriptedTransport
        let expressArns: [String]
    }

    static let prepared = PreparedOnce()

    actor PreparedOnce {
        var fixture: Task<Fixture, any Error>?
        func get() async throws -> Fixture {
            if let fixture { return try await fixture.value }
            let task = Task { try await CoreAgainstMotoTests.prepare() }
            fixture = task
            return try await task.value
        }
    }

    static func prepare() async throws -> Fixture {
        let running = try await LocalStackHarness.shared.start("core")
        let invoker = APIInvoker(client: running.client)
        var generator = OrderGenerator(seed: 99)
        var express: [String] = []
        for index in 0..<12 {
            let body = Array(generator.order().description.utf8)
            _ = try await invoker.post(url: running.url("orders"), body: body, authorization: .none)
            if index % 3 == 0 {
                let reply = try await invoker.post(url: running.url("webhook"), body: body, authorization: .none)
                express.append(try #require(try JSONValue.parse(reply.body)["executionArn"]?.stringValue))
            }
        }
        let states = StepFunctionsClient(client: running.client)
        _ = try await Waiting.until(.seconds(40)) {
            let all = try await states.listExecutions(stateMachineArn: running.orders.arn).collect().flatMap { $0 }
            return all.contains { $0.status == "RUNNING" } ? nil : true
        }
        #expect(try await running.deliveryCaughtUp(), "the live delivery kept writing for 30 s")
        let recorder = ScriptedTransport { _, _ in nil }
        let client = TestAWS.client(endpoint: running.motoEndpoint, transport: recorder)
        let config = StackConfig(
            name: "test", region: "us-east-1", endpointURL: running.motoEndpoint, tableName: running.stack.tableName,
            stateMachines: [running.orders.name, running.sample.name], api: .init(url: running.url("orders")),
            isLocal: true,
            staticCredentials: MotoFixture.testCredentials)
        return Fixture(
            running: running, session: StackSession(config: config, client: client), recorder: recorder,
            expressArns: express)
    }

    @Test func ordersMatchTheTableItemByItem() async throws {
        let fixture = try await Self.prepared.get()
        let raw = try await DynamoDBClient(client: fixture.running.client).scanPages(
            .init(TableName: fixture.running.stack.tableName)
        )
        .collect().flatMap { $0.Items ?? [] }
        let store = OrderStore(dynamoDB: fixture.session.dynamoDB, tableName: fixture.session.config.tableName)
        let loaded = try await store.load()
        #expect(!loaded.moreAvailable)
        #expect(loaded.orders.count == raw.count)
        let byKey = Dictionary(
            uniqueKeysWithValues: raw.map { ("\($0["user_id"]!.displayText)/\($0["id"]!.displayText)", $0) })
        for order in loaded.orders {
            #expect(byKey["\(order.userId)/\(order.id)"] == order.attributes)
        }
        // A cap stops early and says more is available; parallel segments read the same set.
        let capped = try await store.load(cap: 5, pageSize: 5)
        #expect(capped.orders.count == 5)
        #expect(capped.moreAvailable)
        let parallel = try await store.load(segments: 3)
        #expect(Set(parallel.orders.map(\.id)) == Set(loaded.orders.map(\.id)))
        let completed = try await store.load(filter: .init(status: "COMPLETED"))
        #expect(completed.orders.count == raw.filter { $0["orderStatus"] == .s("COMPLETED") }.count)
    }

    @Test func standardExecutionsAndHistoriesMatchTheAPI() async throws {
        let fixture = try await Self.prepared.get()
        let machine = try await fixture.session.machine(named: fixture.running.orders.name)
        #expect(!machine.isExpress)
        let store = ExecutionStore(session: fixture.session)
        let listed = try await store.list(machine: machine)
        let raw = try await StepFunctionsClient(client: fixture.running.client).listExecutions(
            stateMachineArn: machine.arn
        ).collect().flatMap { $0 }
        #expect(listed.map(\.arn.rawValue) == raw.map(\.executionArn))
        #expect(listed.map(\.status.rawValue) == raw.map(\.status))
        let failed = try await store.list(machine: machine, status: "FAILED")
        #expect(failed.map(\.arn.rawValue) == raw.filter { $0.status == "FAILED" }.map(\.executionArn))

        let sampleArn = try #require(listed.first?.arn.rawValue)
        let detail = try await store.detail(arn: sampleArn)
        let history = try await StepFunctionsClient(client: fixture.running.client).fullHistory(executionArn: sampleArn)
        #expect(detail.events.map(\.id) == history.map(\.id))
        #expect(detail.events.map(\.type) == history.map(\.type))
        #expect(detail.execution.input != nil)
    }

    /// A Standard execution is read from its history alone (one request, not DescribeExecution as
    /// well): what the history gives agrees with what DescribeExecution says, execution by execution.
    @Test func aStandardRecordFromItsHistoryIsWhatDescribeExecutionSays() async throws {
        let fixture = try await Self.prepared.get()
        let states = StepFunctionsClient(client: fixture.running.client)
        let listed = try await states.listExecutions(stateMachineArn: fixture.running.orders.arn).collect()
            .flatMap { $0 }
        #expect(listed.count >= 12)
        let store = ExecutionStore(session: fixture.session)
        for item in listed {
            let described = Execution(
                described: try await states.describeExecution(item.executionArn),
                machineName: fixture.running.orders.name)
            let before = fixture.recorder.requests.count
            let read = try await store.detail(arn: item.executionArn).execution
            let calls = Self.operations(fixture.recorder.requests[before...])
            #expect(calls.allSatisfy { $0 == "GetExecutionHistory" }, "\(calls)")
            #expect(read.name == described.name && read.machineName == described.machineName)
            #expect(read.status == described.status)
            // Moto writes the history's payloads through Python's json (18.00 comes back 18.0), so
            // they are compared as JSON values; on AWS they are the text given.
            #expect(Self.sameJSON(read.input, described.input), "\(read.input ?? "nil") vs \(described.input ?? "nil")")
            #expect(Self.sameJSON(read.output, described.output))
            #expect(read.error == described.error && read.cause == described.cause)
            // The times are the closing event's; moto stamps that event and the stop date at two
            // moments, 1.008 s apart once under the whole suite's load (on AWS: milliseconds).
            for (history, api) in [(read.startDate, described.startDate), (read.stopDate, described.stopDate)] {
                #expect((history == nil) == (api == nil))
                if let history, let api { #expect(abs(history.timeIntervalSince(api)) < 5) }
            }
        }
    }

    /// `executions` lists a Standard machine's executions from ListStateMachines' answer alone (it
    /// says the type); only an Express machine is described (for its log group). The listings agree
    /// with the described machines, whether the config names them or gives their ARNs.
    @Test func aStandardMachineIsListedWithoutDescribingIt() async throws {
        let fixture = try await Self.prepared.get()
        let described = try await fixture.session.machines()
        for references in [fixture.session.config.stateMachines, described.map(\.arn)] {
            let recorder = ScriptedTransport { _, _ in nil }
            var config = fixture.session.config
            config.stateMachines = references
            let session = StackSession(
                config: config, client: TestAWS.client(endpoint: fixture.running.motoEndpoint, transport: recorder))
            func calls() -> [String] { Self.operations(recorder.requests) }
            let listings = try await session.listedMachines()
            #expect(listings == described.map { MachineListing(name: $0.name, arn: $0.arn, type: $0.type) })
            let standard = try await session.listedMachine(named: fixture.running.orders.name)
            var listed = 0
            try await ExecutionStore(session: session).forEachPage(listing: standard) { page in
                listed += page.count
                return true
            }
            #expect(listed >= 12)
            #expect(calls() == ["ListStateMachines", "ListExecutions"], "\(references)")
            let express = try await session.listedMachine(named: fixture.running.sample.name)
            #expect(express.type == .express)
            try await ExecutionStore(session: session).forEachPage(listing: express) { _ in true }
            #expect(calls().filter { $0 == "DescribeStateMachine" }.count == 2)
        }
    }

    /// Each recorded request's `X-Amz-Target` (`AWSStepFunctions.ListExecutions`), in order.
    static func targets(_ requests: some Sequence<HTTPRequest>) -> [String] {
        requests.compactMap { request in request.headers.first { $0.0 == "X-Amz-Target" }?.1 }
    }

    /// The same, the operation alone (`ListExecutions`).
    static func operations(_ requests: some Sequence<HTTPRequest>) -> [String] {
        targets(requests).map { String($0.split(separator: ".").last ?? "") }
    }

    static func sameJSON(_ one: String?, _ other: String?) -> Bool {
        guard let one, let other else { return one == other }
        let parse = { (text: String) in
            try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
        }
        guard let left = parse(one) as? NSObject, let right = parse(other) as? NSObject else { return one == other }
        return left.isEqual(right)
    }

    /// Eight history fetches at once (as `history -` runs them) once made eight ListStateMachines
    /// and eight DescribeStateMachine calls: each found the machines unresolved. Now concurrent
    /// callers share one resolution, and a Standard execution is read without the machines at all.
    @Test func concurrentReadersResolveTheMachinesOnce() async throws {
        let fixture = try await Self.prepared.get()
        let recorder = ScriptedTransport { _, _ in nil }
        let session = StackSession(
            config: fixture.session.config,
            client: TestAWS.client(endpoint: fixture.running.motoEndpoint, transport: recorder))
        func calls() -> [String] { Self.operations(recorder.requests) }
        let arns = try await StepFunctionsClient(client: fixture.running.client).listExecutions(
            stateMachineArn: fixture.running.orders.arn
        ).collect().flatMap { $0 }.prefix(8).map(\.executionArn)
        #expect(arns.count >= 2)
        let store = ExecutionStore(session: session)
        let details = try await withThrowingTaskGroup(of: Int.self) { group in
            for arn in arns { group.addTask { try await store.detail(arn: arn).events.count } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(details.count == arns.count && details.allSatisfy { $0 > 0 })
        #expect(!calls().contains("ListStateMachines") && !calls().contains("DescribeStateMachine"))

        let resolved = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await session.machines().count } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(resolved == Array(repeating: 2, count: 8))
        #expect(calls().filter { $0 == "ListStateMachines" }.count == 1)
        #expect(calls().filter { $0 == "DescribeStateMachine" }.count == 2)
    }

    @Test func expressExecutionsComeOnlyFromTheLogs() async throws {
        let fixture = try await Self.prepared.get()
        let machine = try await fixture.session.machine(named: fixture.running.sample.name)
        #expect(machine.isExpress)
        let before = fixture.recorder.requests.count
        let store = ExecutionStore(session: fixture.session)
        // The companion delivers the logs a moment after each execution ends (longer on a machine
        // busy with the whole suite): read until all four are there, complete.
        let expected = Set(fixture.expressArns)
        let listed = try #require(
            try await Waiting.until(.seconds(30)) {
                let listed = try await store.list(machine: machine)
                let mine = listed.filter { expected.contains($0.arn.rawValue) }
                return mine.count == expected.count && mine.allSatisfy({ $0.status == "SUCCEEDED" }) ? listed : nil
            }, "the Express executions never all showed in the logs")
        #expect(listed.allSatisfy { $0.source == .logs && $0.isExpress && $0.status == "SUCCEEDED" && !$0.isPartial })
        let detail = try await store.detail(arn: try #require(fixture.expressArns.first))
        #expect(detail.events.map(\.type).first == "ExecutionStarted")
        #expect(detail.events.map(\.type).last == "ExecutionSucceeded")
        // Not one Step Functions call about the Express machine's executions.
        let calls = Self.targets(fixture.recorder.requests.dropFirst(before))
        #expect(
            !calls.contains {
                $0.hasPrefix("AWSStepFunctions.") && $0 != "AWSStepFunctions.DescribeStateMachine"
                    && $0 != "AWSStepFunctions.ListStateMachines"
            })
        #expect(calls.contains("Logs_20140328.FilterLogEvents"))
    }

    @Test func theTailReturnsWhatTheLogGroupsHold() async throws {
        let fixture = try await Self.prepared.get()
        let groups = try await fixture.session.logGroups()
        #expect(Set(groups) == Set(fixture.running.stack.machines.map(\.logGroupName)))
        let tail = LogTail(
            reader: LogReader(logs: fixture.session.logs, budget: fixture.session.logsBudget), groups: groups,
            since: Date(timeIntervalSince1970: 0))
        // What the groups hold first: delivery may still add events (never remove any), so the tail
        // read after it sees at least as many.
        var expected = 0
        for group in groups {
            expected += try await CloudWatchLogsClient(client: fixture.running.client).filterLogEventPages(
                .init(logGroupName: group)
            )
            .collect().reduce(0) { $0 + $1.count }
        }
        let first = try await tail.poll()
        #expect(first.count >= expected)
        #expect(first.allSatisfy { $0.record != nil })
        #expect(zip(first, first.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
        #expect(Set(first.map(\.eventId)).count == first.count)
    }

    @Test func submitAndWaitJournalsTheFinalStatus() async throws {
        let fixture = try await Self.prepared.get()
        let directory = try TemporaryDirectory("journal")
        defer { directory.remove() }
        let journal = SubmissionJournal(path: directory.path + "/state/submissions.jsonl")
        let submitter = Submitter(session: fixture.session, journal: journal)
        let order = OrderTemplate.fresh(from: StackConfig.defaultOrderTemplate)
        let sent = try await submitter.submit(order)
        #expect(sent.isAccepted)
        #expect(sent.requestId != nil)
        let arn = try #require(sent.executionArn)
        let done = try await submitter.waitForCompletion(sent, timeout: .seconds(30))
        let described = try await StepFunctionsClient(client: fixture.running.client).describeExecution(arn)
        #expect(done.executionStatus?.rawValue == described.status)
        let journaled = try #require(try await SubmissionJournal(path: journal.path).all().first)
        #expect(journaled.id == sent.id)
        #expect(journaled.executionStatus?.rawValue == described.status)
        #expect(journaled.body == order.description)
        let mode = try FileManager.default.attributesOfItem(atPath: journal.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let directoryMode =
            try FileManager.default.attributesOfItem(atPath: directory.path + "/state")[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
    }

    @Test func aSubmissionWhileTheGatewayIsDownIsJournaledAndCanBeResent() async throws {
        let fixture = try await Self.prepared.get()
        let directory = try TemporaryDirectory("journal-down")
        defer { directory.remove() }
        let port = try Spawner.freeLoopbackPort()
        var config = fixture.session.config
        config.api = .init(url: "http://127.0.0.1:\(port)/main/orders")
        let session = StackSession(config: config, client: fixture.session.client)
        let journal = SubmissionJournal(path: directory.path + "/submissions.jsonl")
        let submitter = Submitter(session: session, journal: journal)
        let failed = try await submitter.submit(OrderTemplate.fresh(from: StackConfig.defaultOrderTemplate))
        #expect(failed.state == .failed)
        #expect(failed.error?.contains("cannot reach http://127.0.0.1:\(port)") == true)
        #expect(try await journal.all().first?.state == .failed)

        // The gateway comes back on that port; the journaled submission is re-sent as it was.
        let handler = GatewayHandler(
            stack: fixture.running.stack, stepFunctions: StepFunctionsClient(client: fixture.running.client),
            apiKey: nil)
        let ready = AsyncStream<Void>.makeStream()
        let gateway = Task {
            try await LocalGateway(handler: handler, port: port).makeApplication(onRunning: {
                ready.continuation.yield()
            }).run()
        }
        defer { gateway.cancel() }
        for await _ in ready.stream { break }
        let resent = try await submitter.resend(id: String(failed.id.prefix(8)))
        #expect(resent.isAccepted)
        #expect(resent.attempts == 2)
        #expect(resent.orderId == failed.orderId)
        // Labelled as a re-send wherever it shows (the journal's outcome, the CLI's table and JSON).
        #expect(resent.resends == 1)
        #expect(resent.outcome(inProcess: true).hasPrefix("re-send #1: 200 webhook submitted"))
        #expect(failed.outcome(inProcess: true).hasPrefix("failed: "))
        #expect(try await journal.all().count == 1)

        // Sent again (say, after a crash before the reply): the same execution, not a second one.
        let again = try await submitter.resend(id: failed.id)
        #expect(again.executionArn == resent.executionArn)
    }

    @Test func aSubmissionWithoutItsReplyShowsAsUnknownOutcome() async throws {
        let directory = try TemporaryDirectory("journal-unknown")
        defer { directory.remove() }
        let path = directory.path + "/submissions.jsonl"
        let crashed = SubmissionJournal(path: path)
        try await crashed.record(
            Submission(
                id: "deadbeef-0000", orderId: "o-1", stack: "test", url: "http://127.0.0.1:1/main/orders", body: "{}",
                createdAt: Date(),
                state: .pending, attempts: 1))
        // A corrupt line in the middle is skipped with a warning; the rest is kept.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{not json\n".utf8))
        try handle.close()
        let later = SubmissionJournal(path: path)
        let all = try await later.all()
        #expect(all.count == 1)
        #expect(all[0].outcome(inProcess: await later.isOwnPending(all[0].id)) == "unknown outcome")
        #expect(await later.warnings == ["\(path):2: unreadable journal line skipped"])
    }
}
