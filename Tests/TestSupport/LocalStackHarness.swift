import AWSClient
import AWSServices
import Foundation
import LocalStack

/// The order system provisioned on the test process's executing moto, with the local gateway and
/// log delivery running in this process: the same parts `orderdeck local up` runs.
public actor LocalStackHarness {
    public static let shared = LocalStackHarness()

    public struct Running: Sendable {
        public let stack: ProvisionedStack
        public let client: AWSClient
        public let gatewayPort: Int
        public let delivery: VendedLogDelivery
        public let motoEndpoint: String

        public func url(_ resource: String) -> String { "http://127.0.0.1:\(gatewayPort)/main/\(resource)" }
        public var orders: ProvisionedStack.Machine { stack.machine(named: "OrderWorkflow")! }
        public var sample: ProvisionedStack.Machine { stack.machine(named: "sample")! }
    }

    private var running: Task<Running, any Error>?

    public func start() async throws -> Running {
        if let running { return try await running.value }
        let task = Task { try await Self.launch() }
        running = task
        return try await task.value
    }

    private static func launch() async throws -> Running {
        let moto = try await MotoFixture.shared.instance(.executing)
        let client = TestAWS.client(endpoint: moto.endpoint)
        let stack = try await Provisioner(client: client, definition: try StackDefinition.load()).provision()
        let port = try Spawner.freeLoopbackPort()
        let handler = GatewayHandler(stack: stack, stepFunctions: StepFunctionsClient(client: client), apiKey: nil)
        let ready = AsyncStream<Void>.makeStream()
        let application = LocalGateway(handler: handler, port: port).makeApplication(onRunning: { ready.continuation.yield() })
        Task { try await application.run() }
        for await _ in ready.stream { break }
        let delivery = VendedLogDelivery(client: client, machines: stack.machines)
        Task { await delivery.run(interval: .milliseconds(200)) }
        return Running(stack: stack, client: client, gatewayPort: port, delivery: delivery, motoEndpoint: moto.endpoint)
    }
}

public enum Waiting {
    /// Polls `condition` until it returns a value or `timeout` passes.
    public static func until<T: Sendable>(
        _ timeout: Duration = .seconds(20), every interval: Duration = .milliseconds(200), _ condition: @Sendable () async throws -> T?
    ) async throws -> T? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = try await condition() { return value }
            try await Task.sleep(for: interval)
        }
        return nil
    }
}
