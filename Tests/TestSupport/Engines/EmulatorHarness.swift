import AWSClient
import AWSServices
import Foundation
import LocalStack

/// LocalStack with the order system deployed through CloudFormation from
/// `config/aws/order-system.yaml`, one per test process, started on first use and gone when the
/// process exits. Where the machine has no Python ≥ 3.12, `deployed()` says why instead.
public actor EmulatorHarness {
    public struct Deployed: Sendable {
        public var server: EmulatorServer
        public var stackName: String
        public var outputs: [String: String]
        /// How long install (when needed), start and deploy took.
        public var startup: Duration
        public var endpoint: String { server.endpoint }
    }

    public typealias Availability = EngineAvailability<Deployed>

    public static let shared = EmulatorHarness()
    private let once = StartedOnce { try await EmulatorHarness.start() }

    public func deployed() async throws -> Availability { try await once.value() }

    /// Any key works (LocalStack checks no signature); never the credential chain.
    public static let accessKeyId = "AKIAORDERDECKTEST"
    public static let secretAccessKey = "orderdeck-test-secret"
    public static let credentials = AWSCredentials(
        accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, source: "test")

    private static func start() async throws -> Availability {
        let began = ContinuousClock.now
        let installation = EmulatorInstallation(
            directories: StateDirectories.resolve(environment: ProcessInfo.processInfo.environment))
        if let reason = installation.unavailableReason { return .unavailable(reason) }
        try await installation.ensureInstalled()
        let server = try await EmulatorServer.start(installation)
        let client = TestAWS.client(endpoint: server.endpoint, credentials: credentials)
        let cloudFormation = CloudFormationClient(client: client)
        let template = try ProjectFiles.read("aws/order-system.yaml")
        // Sent once, with a long wait: LocalStack ignores the client token, so a retry after a
        // slow first attempt (seen on a loaded CI machine) made a second stack of the same name,
        // and every DescribeStacks by name then failed with "duplicate stacks found".
        let creator = CloudFormationClient(
            client: TestAWS.client(
                endpoint: server.endpoint, credentials: credentials, maxAttempts: 1, timeout: .seconds(240)))
        let stackId = try await creator.createStack(name: "orders", templateBody: template)
        let followed = stackId.isEmpty ? "orders" : stackId
        let deadline = ContinuousClock.now + .seconds(240)
        while ContinuousClock.now < deadline {
            let stack = try await cloudFormation.describeStack(name: followed)
            if stack.status == "CREATE_COMPLETE" {
                return .ready(
                    Deployed(
                        server: server, stackName: "orders", outputs: stack.outputs,
                        startup: ContinuousClock.now - began))
            }
            if stack.status.contains("FAILED") || stack.status.contains("ROLLBACK") {
                throw LocalStackError.provisioning(
                    "LocalStack: stack orders \(stack.status) \(stack.statusReason ?? "")")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw LocalStackError.provisioning("LocalStack: stack orders not created within 240 s")
    }
}
