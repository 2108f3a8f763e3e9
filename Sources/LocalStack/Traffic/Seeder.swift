import AWSClient
import AWSServices
import Foundation

/// Submits generated orders through the local stack's front doors and waits until every execution
/// they started has reached a final status: on moto through the local gateway; on MiniStack (the
/// seeds) through the SQS queue, StartExecution and the AppSync mutation in turn, the webhooks
/// through the local gateway.
public struct Seeder: Sendable {
    public struct Outcome: Sendable, Equatable {
        public var submitted = 0
        public var rejected = 0
        public var statuses: [String: Int] = [:]
        public var unfinished = 0
        public var webhooks = 0
        /// Orders by the front door they went through ("api", "appsync", "queue", "execution").
        public var doors: [String: Int] = [:]
        /// Executions still RUNNING at the deadline, each with its last history event, for diagnosis.
        public var stuck: [String] = []
    }

    public let record: StackRecord
    public let concurrency: Int
    public let progress: @Sendable (String) -> Void

    public init(record: StackRecord, concurrency: Int = 8, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.record = record
        self.concurrency = max(1, concurrency)
        self.progress = progress
    }

    /// Sends `count` orders to OrderWorkflow (and every fifth payload also to the `sample` webhook),
    /// then waits up to `timeout` for their executions to finish.
    public func seed(orders count: Int, seed: UInt64? = nil, timeout: Duration = .seconds(300)) async throws -> Outcome
    {
        let client = record.client()
        let invoker = APIInvoker(client: client)
        guard let orders = record.stack.machines.first(where: { !$0.isExpress }) else {
            throw LocalStackError.provisioning("the stack has no Standard state machine")
        }
        let webhook = record.stack.machines.first { $0.isExpress }
        var generator = OrderGenerator(seed: seed ?? UInt64(Date().timeIntervalSince1970 * 1000))
        let payloads = (0..<count).map { _ in generator.order() }
        let authorization: APIInvoker.Authorization = record.apiKey.map { .apiKey($0) } ?? .none
        var outcome = Outcome()
        var arns: [String] = []
        let seeds = record.engineKind == .ministack
        try await withThrowingTaskGroup(of: (String?, Bool, String).self) { group in
            var next = 0
            func submit(_ index: Int) {
                let payload = payloads[index]
                let alsoWebhook = webhook != nil && index % 5 == 0
                group.addTask {
                    if seeds { try await Self.waitForRoom(record: record, orders: orders) }
                    let (arn, door) =
                        seeds
                        ? try await Self.sendToSeeds(payload, index: index, record: record, orders: orders)
                        : try await Self.post(payload, invoker: invoker, url: record.apiURL(for: orders), authorization)
                    if alsoWebhook, let webhook {
                        _ = try await invoker.post(
                            url: record.apiURL(for: webhook), body: Array(payload.description.utf8),
                            authorization: authorization)
                    }
                    return (arn, alsoWebhook, door)
                }
            }
            // MiniStack runs at most `MiniStackServer.defaultLambdaConcurrency` Lambdas at once and
            // throttles beyond: one order at a time, each only once there is room (below).
            while next < min(seeds ? 1 : concurrency, payloads.count) {
                submit(next)
                next += 1
            }
            while let (arn, webhookSent, door) = try await group.next() {
                if let arn { arns.append(arn) } else { outcome.rejected += 1 }
                outcome.doors[door, default: 0] += 1
                if webhookSent { outcome.webhooks += 1 }
                outcome.submitted += 1
                if outcome.submitted % 25 == 0 { progress("submitted \(outcome.submitted)/\(count)") }
                if next < payloads.count {
                    submit(next)
                    next += 1
                }
            }
        }
        progress("waiting for \(arns.count) executions to finish")
        let states = StepFunctionsClient(client: client)
        var pending = Set(arns)
        let deadline = ContinuousClock.now + timeout
        while !pending.isEmpty && ContinuousClock.now < deadline {
            // One ListExecutions sweep is far cheaper than a DescribeExecution per order.
            for try await page in states.listExecutions(stateMachineArn: orders.arn, pageSize: 1000) {
                for execution in page where pending.contains(execution.executionArn) && execution.status != "RUNNING" {
                    pending.remove(execution.executionArn)
                    outcome.statuses[execution.status, default: 0] += 1
                }
            }
            if !pending.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }
        outcome.unfinished = pending.count
        for arn in pending.sorted().prefix(5) {
            let last = try? await states.fullHistory(executionArn: arn).last
            outcome.stuck.append(
                "\(arn): last event \(last.map { "\($0.id) \($0.type) at \($0.timestamp)" } ?? "none")")
        }
        return outcome
    }

    /// Through the local gateway: the execution's ARN when the API accepted the order.
    static func post(
        _ payload: JSONValue, invoker: APIInvoker, url: String, _ authorization: APIInvoker.Authorization
    ) async throws -> (String?, String) {
        let result = try await invoker.post(
            url: url, body: Array(payload.description.utf8), authorization: authorization)
        let arn = (try? JSONValue.parse(result.body))?["executionArn"]?.stringValue
        return (result.status == 200 ? arn : nil, "api")
    }

    /// The seeds' doors in turn: the queue (post_order names the execution after the message id),
    /// StartExecution named after the order's id, and the AppSync mutation where it runs.
    static func sendToSeeds(
        _ payload: JSONValue, index: Int, record: StackRecord, orders: ProvisionedStack.Machine
    ) async throws -> (String?, String) {
        let client = record.client()
        let doors = record.graphQLURL == nil ? 2 : 3
        if index % doors == 2, let url = record.graphQLURL, let key = record.graphQLApiKey {
            let result = try await APIInvoker(client: client).post(
                url: url, body: PostOrderMutation.body(order: payload.description), authorization: .apiKey(key))
            let messageId = PostOrderMutation.messageId(in: result.body)
            return (messageId.map(orders.executionArn(named:)), "appsync")
        }
        if index % doors == 0, let queue = record.queueUrl {
            let messageId = try await SQSClient(client: client).sendMessage(
                queueUrl: queue, body: JSONValue.object([("input", payload)]).description)
            return (orders.executionArn(named: messageId), "queue")
        }
        let started = try await StepFunctionsClient(client: client).startExecution(
            .init(stateMachineArn: orders.arn, name: payload["id"]?.stringValue, input: payload.description))
        return (started.executionArn, "execution")
    }

    /// Waits (up to 30 s) until fewer executions run than MiniStack runs Lambdas at once less
    /// one (the queue's consumer and the webhook take one each): started faster, cold starts
    /// pile up past the cap and the throttled invocations fail (found by a new operator: 2 of
    /// 10 orders FAILED on a cold stack).
    static func waitForRoom(record: StackRecord, orders: ProvisionedStack.Machine) async throws {
        let states = StepFunctionsClient(client: record.client())
        let room = max(1, MiniStackServer.defaultLambdaConcurrency - 2)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let running = try await states.listExecutions(
                stateMachineArn: orders.arn, statusFilter: "RUNNING", pageSize: 100
            ).collect().reduce(0) { $0 + $1.count }
            if running < room { return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
