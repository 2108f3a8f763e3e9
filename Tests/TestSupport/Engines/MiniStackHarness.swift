import AWSClient
import AWSServices
import Foundation
import LocalStack

/// MiniStack with the seeds' two systems deployed (`SeedsDeployment`), one per test process,
/// installed (~10 s, once per machine) and started on first use, gone when the process exits.
/// Where the machine has no Python ≥ 3.10, `deployed()` says why instead.
public actor MiniStackHarness {
    public struct Deployed: Sendable {
        public var server: MiniStackServer
        public var seeds: SeedsDeployment
        /// How long install (when needed), start and deploy took.
        public var startup: Duration
        public var endpoint: String { server.endpoint }

        /// A client for this MiniStack (test keys, loopback only).
        public func client(maxAttempts: Int = 3) -> AWSClient {
            TestAWS.client(endpoint: endpoint, credentials: MiniStackHarness.credentials, maxAttempts: maxAttempts)
        }

        /// An order of the seeds' shape; `paymentOutcome` fixes ProcessPayment's pick ("ok",
        /// "error") or makes it raise ("raise").
        public static func order(user: String, outcome: String) -> String {
            #"{"user_id":"\#(user)","customer":{"email":"\#(user)@example.com"},"items":[{"sku":"MUG-001","quantity":2,"unitPrice":6.25}],"amount":12.5,"currency":"EUR","paymentOutcome":"\#(outcome)"}"#
        }

        /// Through the queue front door, in the `input` wrapper post_order expects; the message id
        /// is the order id.
        public func sendThroughQueue(user: String, outcome: String) async throws -> String {
            try await SQSClient(client: client()).sendMessage(
                queueUrl: seeds.queueUrl, body: #"{"input":\#(Self.order(user: user, outcome: outcome))}"#)
        }

        /// StartExecution directly, named `name` (the order id); its execution ARN.
        public func startDirectly(name: String, user: String, outcome: String) async throws -> String {
            try await StepFunctionsClient(client: client()).startExecution(
                .init(
                    stateMachineArn: seeds.orderWorkflowArn, name: name, input: Self.order(user: user, outcome: outcome)
                )
            ).executionArn
        }

        /// The order's item once it has left PENDING (nil if it never did within the wait).
        public func finalItem(user: String, id: String) async throws -> DynamoItem? {
            let dynamo = DynamoDBClient(client: client())
            let table = seeds.tableName
            return try await Waiting.until(.seconds(30)) {
                let item = try await dynamo.getItem(
                    .init(TableName: table, Key: ["user_id": .s(user), "id": .s(id)], ConsistentRead: true))
                guard let item, item["orderStatus"]?.stringValue != "PENDING" else { return nil }
                return item
            }
        }

        /// The execution once it has ended (nil if it did not within the wait).
        public func finished(_ arn: String) async throws -> StepFunctions.DescribeExecutionOutput? {
            let states = StepFunctionsClient(client: client())
            return try await Waiting.until(.seconds(30)) {
                let execution = try await states.describeExecution(arn)
                return execution.status == "RUNNING" ? nil : execution
            }
        }
    }

    public typealias Availability = EngineAvailability<Deployed>

    public static let shared = MiniStackHarness()
    private let once = StartedOnce { try await MiniStackHarness.start() }

    public func deployed() async throws -> Availability { try await once.value() }

    /// MiniStack checks no signature; "test" keys put everything in its default account.
    public static let accessKeyId = "test"
    public static let secretAccessKey = "test"
    public static let credentials = AWSCredentials(
        accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, source: "test")

    private static func start() async throws -> Availability {
        let began = ContinuousClock.now
        let installation = try MiniStackInstallation(
            directories: StateDirectories.resolve(environment: ProcessInfo.processInfo.environment))
        if let reason = installation.unavailableReason { return .unavailable(reason) }
        try await installation.ensureInstalled()
        let server = try await MiniStackServer.start(installation)
        do {
            let client = TestAWS.client(endpoint: server.endpoint, credentials: credentials, maxAttempts: 1)
            let seeds = try await SeedsDeployment.deploy(client: client, engine: server.endpoint)
            return .ready(Deployed(server: server, seeds: seeds, startup: ContinuousClock.now - began))
        } catch {
            await server.stop()
            throw error
        }
    }
}
