import AWSClient
import AWSServices
import Foundation

/// Order ↔ execution ↔ log lines. The execution of an order is the ARN stored on the item (or the
/// order id as execution name); the order of an execution is the item whose id is the execution
/// name; the log lines are the records carrying the execution ARN.
public struct Correlator: Sendable {
    public let session: StackSession

    public init(session: StackSession) { self.session = session }

    public func executionArn(for order: Order) async throws -> String? {
        try await ExecutionStore(session: session).executionArn(for: order)
    }

    public func order(for executionArn: String) async throws -> Order? {
        try await OrderStore(dynamoDB: session.dynamoDB, tableName: session.config.tableName).order(
            id: Execution.name(fromArn: executionArn))
    }

    /// The execution's log records, in event order.
    public func logRecords(for executionArn: String) async throws -> [VendedLogEvent] {
        guard let machine = try await session.machine(forExecution: executionArn), let group = machine.logGroupName
        else { return [] }
        let reader = LogReader(logs: session.logs, budget: session.logsBudget)
        return try await reader.records(group: group, filterPattern: "\"\(executionArn)\"")
            .filter { $0.executionArn == executionArn }.sorted { $0.event.id < $1.event.id }
    }

    /// Something an operator should look at: the order and its execution disagree.
    public struct Mismatch: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// The order still says PENDING but its execution ended badly: nobody cancelled it.
            case pendingOrderFailedExecution = "pending order, execution failed"
            /// The order still says PENDING but its execution succeeded.
            case pendingOrderSucceededExecution = "pending order, execution succeeded"
            /// An execution of the order workflow with no order item.
            case executionWithoutOrder = "execution without order"
        }

        public var kind: Kind
        public var orderId: String?
        public var executionArn: String?
        public var executionStatus: String?
    }

    /// Compares orders with the executions of the order workflow (Standard machines).
    public static func mismatches(orders: [Order], executions: [Execution]) -> [Mismatch] {
        let ordersById = Dictionary(orders.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [Mismatch] = []
        var executionsByName: [String: Execution] = [:]
        for execution in executions where !execution.isExpress { executionsByName[execution.name] = execution }
        for order in orders where order.status == "PENDING" {
            let execution =
                order.executionArn.flatMap { arn in executions.first { $0.arn == arn } } ?? executionsByName[order.id]
            guard let execution else { continue }
            if execution.status.isFailure {
                found.append(
                    Mismatch(
                        kind: .pendingOrderFailedExecution, orderId: order.id, executionArn: execution.arn,
                        executionStatus: execution.status.rawValue))
            } else if execution.status == .succeeded {
                found.append(
                    Mismatch(
                        kind: .pendingOrderSucceededExecution, orderId: order.id, executionArn: execution.arn,
                        executionStatus: execution.status.rawValue))
            }
        }
        // Executions that ran long enough to have written their order (InitializeOrder is first).
        for execution in executions
        where !execution.isExpress && ordersById[execution.name] == nil && execution.status != .running {
            if orders.contains(where: { $0.executionArn == execution.arn }) { continue }
            found.append(
                Mismatch(
                    kind: .executionWithoutOrder, orderId: nil, executionArn: execution.arn,
                    executionStatus: execution.status.rawValue))
        }
        return found
    }
}
