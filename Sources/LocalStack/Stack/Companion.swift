import AWSServices
import Foundation
import Hummingbird
import Logging

/// The companion process (`orderdeck local serve`): the local API gateway and vended-log delivery,
/// running until SIGTERM/SIGINT.
public enum Companion {
    public static func run(record: StackRecord, logger: Logger = Logger(label: "orderdeck.companion")) async throws {
        let client = record.client()
        let handler = GatewayHandler(
            stack: record.stack, stepFunctions: StepFunctionsClient(client: client), apiKey: record.apiKey)
        let gateway = LocalGateway(handler: handler, port: record.gatewayPort, logger: logger)
        let delivery = VendedLogDelivery(client: client, machines: record.stack.machines, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await gateway.makeApplication().runService() }
            group.addTask { await delivery.run() }
            // The gateway ends on SIGTERM/SIGINT; take log delivery down with it.
            _ = try await group.next()
            group.cancelAll()
        }
    }
}
