import AWSClient
import AWSServices
import Foundation
import LocalStack
import OrderDeckCore
import ServiceLifecycle

/// The order system provisioned on the test process's executing moto, with the local gateway and
/// log delivery running in this process: the same parts `orderdeck local up` runs.
///
/// Every suite gets a stack of its own (`start("suite")`: table and machine names suffixed), so
/// suites that compare what OrderDeck lists with what moto holds never see each other's orders.
public actor LocalStackHarness {
    public static let shared = LocalStackHarness()

    public struct Running: Sendable {
        public let stack: ProvisionedStack
        public let client: AWSClient
        public let gatewayPort: Int
        public let delivery: VendedLogDelivery
        public let motoEndpoint: String

        public func url(_ resource: String) -> String { "http://127.0.0.1:\(gatewayPort)/main/\(resource)" }

        /// A session on this stack, as OrderDeck's core opens one: the given machines (all by default).
        public func session(machines: [String]? = nil) -> StackSession {
            StackSession(
                config: StackConfig(
                    name: "test", region: "us-east-1", endpointURL: motoEndpoint, tableName: stack.tableName,
                    stateMachines: machines ?? stack.machines.map(\.name), api: .init(url: url("orders")),
                    isLocal: true, staticCredentials: MotoFixture.testCredentials),
                client: client)
        }
        /// Waits until the live delivery has polled twice in a row without writing anything (at
        /// most `timeout`); true when it has. A fixed pause was too short on a loaded CI machine.
        public func deliveryCaughtUp(timeout: Duration = .seconds(30)) async throws -> Bool {
            var last = await delivery.statistics
            var quietPolls = 0
            let deadline = ContinuousClock.now + timeout
            while quietPolls < 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                let now = await delivery.statistics
                guard now.polls > last.polls else { continue }
                quietPolls = now.eventsWritten == last.eventsWritten ? quietPolls + 1 : 0
                last = now
            }
            return quietPolls >= 2
        }

        /// The Standard order workflow and the Express webhook machine of this stack.
        public var orders: ProvisionedStack.Machine { stack.machines.first { !$0.isExpress }! }
        public var sample: ProvisionedStack.Machine { stack.machines.first { $0.isExpress }! }
    }

    private var running: [String: Task<Running, any Error>] = [:]

    public func start(_ label: String) async throws -> Running {
        if let existing = running[label] { return try await existing.value }
        let task = Task { try await Self.launch(label) }
        running[label] = task
        return try await task.value
    }

    private static func launch(_ label: String) async throws -> Running {
        let moto = try await MotoFixture.shared.instance(.executing)
        let client = TestAWS.client(endpoint: moto.endpoint)
        var definition = try StackDefinition.load()
        definition.tableName += "-\(label)"
        definition.topicName += "-\(label)"
        for index in definition.stateMachines.indices { definition.stateMachines[index].name += "-\(label)" }
        let stack = try await Provisioner(client: client, definition: definition).provision()
        let port = try Spawner.freeLoopbackPort()
        let handler = GatewayHandler(stack: stack, stepFunctions: StepFunctionsClient(client: client), apiKey: nil)
        let ready = AsyncStream<Void>.makeStream()
        let application = LocalGateway(handler: handler, port: port).makeApplication(onRunning: {
            ready.continuation.yield()
        })
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
        _ timeout: Duration = .seconds(20), every interval: Duration = .milliseconds(200),
        _ condition: @Sendable () async throws -> T?
    ) async throws -> T? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = try await condition() { return value }
            try await Task.sleep(for: interval)
        }
        return nil
    }
}
